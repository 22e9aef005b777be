//! Translations: read beside their sources, checked against them, given back by
//! `Book::in_language`, and kept up to date by `Loader::load_changed` while serving.

use std::path::{Path, PathBuf};

use bookshelf_content::{Loaded, Loader};

const BOOK: &str = "[book]\ntitle = \"T\"\nlanguage = \"en-GB\"\nbase_url = \"/york/\"\n\n[languages.pl]\ntitle = \"Półka\"\n";
const INDEX: &str = "---\ntitle: Home\norder: 1\nsymbol: books\n---\n\n## Welcome\n\nSee [the guide](guides/help.md#ask) and [the list](checklists/c.yaml).\n";
const GUIDE: &str = "---\ntitle: Help\n---\n\n## Ask\n\nAsk for help.\n";
const GUIDE_PL: &str = "---\ntitle: Pomoc\ntranslated_by: Ann\n---\n\n## Zapytaj {#ask}\n\nPoproś o pomoc. [Na górę](#ask), [dom](../index.md#witamy).\n";
const INDEX_PL: &str =
    "---\ntitle: Dom\n---\n\n## Witamy\n\nZobacz [poradnik](guides/help.md#ask).\n";
const CHECKLIST: &str = "title: C\nlevel: individual\nsummary: S.\nwhen: W.\nsections:\n  - title: One\n    items:\n      - id: a\n        text: Do it.\n        why: Because.\n      - id: b\n        text: Do that.\n";
const CHECKLIST_PL: &str = "title: Lista\nsummary: Krótko.\nwhen: Zawsze.\ntranslated_by: Ann\nsections:\n  - title: Jeden\n    items:\n      - id: a\n        text: Zrób to.\n";
const GLOSSARY: &str = "- term: Care plan\n  abbreviations: [EHCP]\n  plain: A plan.\n- term: Forum\n  plain: A group.\n";
const GLOSSARY_PL: &str = "translated_by: Ann\ntranslation_checked_by: Ola\nterms:\n  - id: care-plan\n    term: Plan opieki\n    plain: Plan.\n";

fn book() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (rel, text) in [
        ("book.toml", BOOK),
        ("content/index.md", INDEX),
        ("content/index.pl.md", INDEX_PL),
        ("content/guides/help.md", GUIDE),
        ("content/guides/help.pl.md", GUIDE_PL),
        ("content/checklists/c.yaml", CHECKLIST),
        ("content/checklists/c.pl.yaml", CHECKLIST_PL),
        ("content/glossary.yaml", GLOSSARY),
        ("content/glossary.pl.yaml", GLOSSARY_PL),
        ("content/about.md", "---\ntitle: About\n---\n\nAbout us.\n"),
        (
            "content/index.easy.md",
            "---\ntitle: Home\nchecked_by: Group\n---\n\nHello.\n",
        ),
        (
            "content/index.pl.easy.md",
            "---\ntitle: Dom\nchecked_by: Grupa\ntranslated_by: Ann\n---\n\nCześć.\n",
        ),
        ("content/symbols.yaml", "meeting: handshake\n"),
    ] {
        write(dir.path(), rel, text);
    }
    dir
}

fn write(root: &Path, rel: &str, text: &str) -> PathBuf {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
    std::fs::write(&p, text).expect("write");
    p
}

fn codes(loaded: &Loaded) -> Vec<(String, String)> {
    loaded
        .diagnostics
        .iter()
        .map(|d| {
            let file = d.file.as_deref().unwrap_or(Path::new("")).display();
            (d.code.clone(), file.to_string())
        })
        .collect()
}

fn pair(code: &str, file: &str) -> (String, String) {
    (code.to_string(), file.to_string())
}

#[test]
fn a_book_in_another_language() {
    let dir = book();
    let loaded = Loader::new(dir.path()).load();
    // Item `b` is not translated: a warning, and the source's words are used.
    assert_eq!(
        codes(&loaded),
        [pair("untranslated-item", "content/checklists/c.pl.yaml")]
    );
    let book = loaded.book.expect("loads");
    assert_eq!(book.pages[0].text_language, "en-GB");
    assert!(book.translations.contains_key("pl"));
    let pl = book.in_language("pl");
    assert_eq!(pl.config.book.language, "pl");
    assert_eq!(pl.config.book.title, "Półka");
    assert_eq!(pl.config.book.base_url.as_deref(), Some("/york/pl/"));
    let home = pl.home().expect("home");
    assert_eq!(home.title, "Dom");
    assert_eq!(home.text_language, "pl");
    // The place comes from the source.
    assert_eq!(home.order, Some(1));
    assert_eq!(home.symbol.as_deref(), Some("books"));
    let easy = home.easy.as_ref().expect("easy read");
    assert_eq!(
        (
            easy.title.as_str(),
            easy.checked_by.as_deref(),
            easy.text_language.as_str()
        ),
        ("Dom", Some("Grupa"), "pl")
    );
    assert_eq!(
        easy.translation.as_ref().map(|t| t.lang.as_str()),
        Some("pl")
    );
    // No `symbols.pl.yaml`: the source's symbols.
    assert_eq!(
        pl.symbols.map.get("meeting").map(String::as_str),
        Some("handshake")
    );
    let guide = pl.pages.iter().find(|p| p.slug == "help").expect("guide");
    let info = guide.translation.as_ref().expect("translated");
    assert_eq!(info.translated_by.as_deref(), Some("Ann"));
    assert_eq!(info.checked_by, None);
    // Links to source files resolve to the same routes, fragments to translated headings.
    let r = pl
        .links
        .resolve(&home.body.path, "guides/help.md#ask")
        .expect("resolves")
        .expect("internal");
    assert_eq!(r.route, "guides/help/");
    assert!(pl.links.resolve(&guide.body.path, "#ask").is_ok());
    let c = &pl.checklists[0];
    assert_eq!(c.title, "Lista");
    assert_eq!(c.sections[0].title, "Jeden");
    assert_eq!(c.sections[0].id, "one", "section ids stay the source's");
    assert_eq!(c.sections[0].items[0].text, "Zrób to.");
    assert_eq!(c.sections[0].items[0].why.as_deref(), Some("Because."));
    assert_eq!(c.sections[0].items[1].text, "Do that.");
    let care = pl.glossary.by_slug("care-plan").expect("term");
    assert_eq!(
        (care.term.as_str(), care.text_language.as_str()),
        ("Plan opieki", "pl")
    );
    assert_eq!(care.abbreviations, ["EHCP"], "kept from the source");
    let forum = pl.glossary.by_slug("forum").expect("term");
    assert_eq!(
        forum.text_language, "en-GB",
        "untranslated entries are kept, marked"
    );
    assert_eq!(
        pl.glossary
            .translation
            .as_ref()
            .and_then(|t| t.checked_by.as_deref()),
        Some("Ola")
    );
    // Untranslated pages are shared, not copied.
    let about = |b: &bookshelf_content::Book| {
        b.pages
            .iter()
            .find(|p| p.slug == "about")
            .expect("about")
            .clone()
    };
    assert!(std::sync::Arc::ptr_eq(&about(&book), &about(&pl)));
    assert_eq!(about(&pl).text_language, "en-GB");
    // The book's own language gives the book as it is.
    assert_eq!(book.in_language("en-GB").config.book.title, "T");
}

#[test]
fn translations_are_checked_against_their_sources() {
    let dir = book();
    write(dir.path(), "content/guides/help.pl-PL.md", GUIDE_PL);
    write(dir.path(), "content/guides/hlep.pl.md", GUIDE_PL);
    write(dir.path(), "content/guides/help.p_l.md", GUIDE_PL);
    write(
        dir.path(),
        "content/checklists/c.pl.yaml",
        &CHECKLIST_PL.replace("id: a", "id: aa"),
    );
    write(
        dir.path(),
        "content/glossary.pl.yaml",
        &format!(
            "{}  - id: forum\n    more: Zobacz [poradnik](guides/hepl.md).\n",
            GLOSSARY_PL.replace("care-plan", "care-plans")
        ),
    );
    write(
        dir.path(),
        "content/index.pl.md",
        &INDEX_PL
            .replace("title: Dom", "title: Dom\norder: 2")
            .replace("#ask", "#nope"),
    );
    let loaded = Loader::new(dir.path()).load();
    let mut found = codes(&loaded);
    found.sort();
    assert_eq!(
        found,
        [
            pair("bad-language-tag", "content/guides/help.p_l.md"),
            pair("broken-link", "content/glossary.pl.yaml"),
            pair("broken-link", "content/index.pl.md"),
            pair("missing-source", "content/guides/hlep.pl.md"),
            pair("translation-place-key", "content/index.pl.md"),
            pair("unknown-item", "content/checklists/c.pl.yaml"),
            pair("unknown-language", "content/guides/help.pl-PL.md"),
            pair("unknown-term", "content/glossary.pl.yaml"),
            pair("untranslated-item", "content/checklists/c.pl.yaml"),
            pair("untranslated-item", "content/checklists/c.pl.yaml"),
        ],
        "{:#?}",
        loaded.diagnostics
    );
    let help = |code: &str| {
        loaded
            .diagnostics
            .iter()
            .find(|d| d.code == code)
            .and_then(|d| d.help.clone())
            .unwrap_or_default()
    };
    assert!(
        help("unknown-language").contains("did you mean `pl`?"),
        "{}",
        help("unknown-language")
    );
    assert!(
        help("missing-source").contains("`help.pl.md`"),
        "{}",
        help("missing-source")
    );
    assert!(
        help("unknown-item").contains("`a`"),
        "{}",
        help("unknown-item")
    );
    assert!(
        help("unknown-term").contains("`care-plan`"),
        "{}",
        help("unknown-term")
    );
}

#[test]
fn translation_files_take_part_in_incremental_loads() {
    let dir = book();
    let mut loader = Loader::new(dir.path());
    assert!(loader.load().book.is_some());
    // Edited.
    let guide = write(
        dir.path(),
        "content/guides/help.pl.md",
        &GUIDE_PL.replace("title: Pomoc", "title: Pomoc!"),
    );
    let book = loader
        .load_changed(std::slice::from_ref(&guide))
        .book
        .expect("loads");
    let pl = book.in_language("pl");
    assert!(pl.pages.iter().any(|p| p.title == "Pomoc!"));
    // Deleted: the source's words again.
    std::fs::remove_file(&guide).expect("remove");
    let book = loader
        .load_changed(std::slice::from_ref(&guide))
        .book
        .expect("loads");
    let pl = book.in_language("pl");
    let page = pl.pages.iter().find(|p| p.slug == "help").expect("page");
    assert_eq!(
        (page.title.as_str(), page.text_language.as_str()),
        ("Help", "en-GB")
    );
    // Added, with an error; then fixed.
    let bad = write(dir.path(), "content/guides/help.ur.md", GUIDE_PL);
    let loaded = loader.load_changed(std::slice::from_ref(&bad));
    assert!(codes(&loaded).contains(&pair("unknown-language", "content/guides/help.ur.md")));
    std::fs::remove_file(&bad).expect("remove");
    let loaded = loader.load_changed(&[bad]);
    assert!(loaded.book.is_some(), "{:?}", loaded.diagnostics);
    // An added symbol map is used for that language.
    let symbols = write(
        dir.path(),
        "content/symbols.pl.yaml",
        "spotkanie: handshake\n",
    );
    let book = loader.load_changed(&[symbols]).book.expect("loads");
    let pl = book.in_language("pl");
    assert_eq!(
        pl.symbols.map.get("spotkanie").map(String::as_str),
        Some("handshake")
    );
    assert!(
        !book.symbols.map.contains_key("spotkanie"),
        "the source keeps its own"
    );
    // A source deleted under its translation.
    let source = dir.path().join("content/glossary.yaml");
    std::fs::remove_file(&source).expect("remove");
    let loaded = loader.load_changed(&[source]);
    assert!(codes(&loaded).contains(&pair("missing-source", "content/glossary.pl.yaml")));
}

#[test]
fn the_york_bookshelf_loads_in_every_language() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let loaded = Loader::new(&root).load();
    let errors: Vec<_> = loaded.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // The drafts were copied in without the keys that come from their sources.
    let about_translations: Vec<_> = loaded
        .diagnostics
        .iter()
        .filter(|d| {
            d.file.as_ref().is_some_and(|f| {
                f.to_string_lossy().contains(".pl.") || f.to_string_lossy().contains(".ur.")
            })
        })
        .collect();
    assert!(about_translations.is_empty(), "{about_translations:#?}");
    let book = loaded.book.expect("loads");
    for lang in ["pl", "ur"] {
        let t = &book.translations[lang];
        assert_eq!((t.pages.len(), t.checklists.len()), (2, 1), "{lang}");
        assert!(t.glossary.is_some(), "{lang}");
        let b = book.in_language(lang);
        assert_eq!(b.home().map(|h| h.text_language.as_str()), Some(lang));
        assert!(b
            .home()
            .and_then(|h| h.translation.as_ref())
            .is_some_and(|t| t.checked_by.is_none()));
    }
}
