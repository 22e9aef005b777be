//! Prints the syllable count of each word read from standard input, one a line.
use std::io::BufRead;

fn main() {
    for line in std::io::stdin().lock().lines() {
        let word = line.expect("read standard input");
        println!("{}\t{}", word, bookshelf_text::syllables(&word));
    }
}
