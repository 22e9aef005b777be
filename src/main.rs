//! bookshelf: the command-line interface.
fn main() {}
