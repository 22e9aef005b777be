//! bookshelf-text
