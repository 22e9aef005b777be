//! Random bytes and mutated YAML, TOML and front matter fed to every reader: the loader
//! always answers with a book or located diagnostics, never a panic or a hang.

use proptest::prelude::*;

const BOOK: &str = "[book]\ntitle = \"T\"\nlanguage = \"en-GB\"\n";
const PAGE: &str = "---\ntitle: A page\nsummary: One line.\norder: 2\naudience: [staff, parents]\n---\n\n## Hello {#hi}\n\nSee [x](../guides/b.md#top) and [g](../glossary.yaml#ehcp).\n";
const CHECKLIST: &str = "title: C\nlevel: individual\nsummary: S.\nwhen: W.\nkind: rating\nsections:\n  - title: One\n    items:\n      - id: a\n        text: Do it.\n        why: Because.\n";
const GLOSSARY: &str = "- term: Education, Health and Care plan\n  id: ehcp\n  abbreviations: [EHCP]\n  plain: A plan.\n  see_also: [SENCO]\n- term: Coordinator\n  abbreviations: [SENCO]\n  plain: A teacher.\n";
const SYMBOLS: &str = "meeting: handshake\nparent carer forum: family\n";

mod common {
    pub(crate) mod mutate;
}
use common::mutate::{apply, edits, Edit};

/// Mutate `text`: each op replaces, inserts or deletes one character.
fn mutate(text: &str, ops: &[(usize, u8, char)]) -> String {
    let ops: Vec<Edit> = ops
        .iter()
        .map(|&(at, kind, c)| Edit::Char(at, kind, c))
        .collect();
    apply(text, &ops)
}

fn load_with(files: &[(&str, Vec<u8>)]) {
    let dir = tempfile::tempdir().unwrap();
    for (rel, bytes) in files {
        let p = dir.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    }
    let loaded = bookshelf_content::load(dir.path());
    if loaded.book.is_none() {
        assert!(
            loaded.diagnostics.iter().any(|d| d.is_error()),
            "a failed load says why"
        );
    }
    for d in &loaded.diagnostics {
        // Every located diagnostic can be shown with its line and column.
        let _ = bookshelf_content::report::human(d, &loaded.sources, false);
        let _ = bookshelf_content::report::short(d, &loaded.sources);
    }
}

fn valid_files() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        ("book.toml", BOOK.into()),
        ("content/model/a.md", PAGE.into()),
        (
            "content/guides/b.md",
            "---\ntitle: B\n---\n\n## Top\n".into(),
        ),
        ("content/checklists/c.yaml", CHECKLIST.into()),
        ("content/glossary.yaml", GLOSSARY.into()),
        ("content/symbols.yaml", SYMBOLS.into()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_in_any_file(which in 0usize..6, bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let mut files = valid_files();
        files[which].1 = bytes;
        load_with(&files);
    }

    #[test]
    fn mutated_files(which in 0usize..6, ops in proptest::collection::vec((any::<usize>(), any::<u8>(), prop_oneof![
        Just(':'), Just('-'), Just(' '), Just('\n'), Just('"'), Just('\''), Just('['), Just(']'), Just('{'), Just('#'),
        Just('&'), Just('*'), Just('|'), Just('>'), Just('é'), Just('\t'), Just('='), Just('a'),
    ]), 1..12)) {
        let mut files = valid_files();
        let text = String::from_utf8(files[which].1.clone()).unwrap();
        files[which].1 = mutate(&text, &ops).into_bytes();
        load_with(&files);
    }

    #[test]
    fn pasted_punctuation_cut_files_and_deep_nesting(which in 0usize..6, edits in edits(8)) {
        let mut files = valid_files();
        let text = String::from_utf8(files[which].1.clone()).unwrap();
        files[which].1 = apply(&text, &edits).into_bytes();
        load_with(&files);
    }
}

#[test]
fn yaml_alias_bombs_are_refused_quickly() {
    // Nine levels of nine aliases each: about 387 million strings if it were expanded.
    let mut bomb = String::from(
        "- term: Bomb\n  plain: A plan.\n  see_also: [&a lol, &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]",
    );
    let names = ["b", "c", "d", "e", "f", "g", "h", "i", "j"];
    for w in names.windows(2) {
        bomb.push_str(&format!(
            ", &{} [{}]",
            w[1],
            vec![format!("*{}", w[0]); 9].join(",")
        ));
    }
    bomb.push_str(", *j]\n");
    let mut front = String::from("---\ntitle: Bomb\nsummary: x\naudience: [&a staff");
    front.push_str(", &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]");
    for w in names.windows(2) {
        front.push_str(&format!(
            ", &{} [{}]",
            w[1],
            vec![format!("*{}", w[0]); 9].join(",")
        ));
    }
    front.push_str(", *j]\n---\n");
    let start = std::time::Instant::now();
    let mut files = valid_files();
    files[4].1 = bomb.into_bytes();
    load_with(&files);
    let mut files = valid_files();
    files[1].1 = front.into_bytes();
    load_with(&files);
    assert!(start.elapsed().as_secs() < 20, "no hang");
}
