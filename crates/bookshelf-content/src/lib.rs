//! bookshelf-content
