//! bookshelf-serve
