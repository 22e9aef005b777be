// bookshelf
