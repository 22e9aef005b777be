//! The York bookshelf itself builds without errors.

use crate::helpers::Fixture;

#[test]
fn the_york_bookshelf_builds() {
    let f = Fixture::york();
    let run = f.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(f
        .out()
        .join("easy-read/guides/having-your-say/index.html")
        .is_file());
    assert!(f
        .out()
        .join("checklists/yearly-self-evaluation/index.html")
        .is_file());
}
