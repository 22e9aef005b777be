//! bookshelf-search
