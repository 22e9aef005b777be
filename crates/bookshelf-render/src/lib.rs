//! bookshelf-render
