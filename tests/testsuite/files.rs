//! Pictures and documents in `content/` (issue 26, point 1): published at their own path in
//! every language's site, shown with their width and height (and a phone copy of a wide
//! photo), documents labelled with their type and size, pictures in easy-read rows; a
//! picture no page shows is a warning; `serve`'s incremental site stays a clean build.
//! The pictures are made here, in code: no binary file is kept in the repository.

use std::path::Path;

use bookshelf_content::Loader;
use bookshelf_render::incremental::Incremental;
use bookshelf_render::Renderer;

use crate::helpers::{tree, Fixture};

/// A picture `w` × `h` pixels in the format of `path`'s extension (a gradient, so a JPEG
/// is not trivially small).
fn picture(path: &Path, w: u32, h: u32) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, ((x + y) % 256) as u8])
    });
    img.save(path).unwrap();
}

const PAGE: &str = "---\ntitle: Getting there\nsummary: How to get to the meeting.\n---\n\n\
The number 4 bus stops outside. ![A red bus at the stop](bus.png)\n\n\
A line. ![\"\"](../assets/line.jpg)\n\n\
Read [the leaflet](../assets/leaflet.pdf) before you come.\n";

fn with_pictures(f: &Fixture) {
    let root = f.root();
    picture(&root.join("content/guides/bus.png"), 1200, 800);
    picture(&root.join("content/assets/line.jpg"), 300, 20);
    std::fs::write(
        root.join("content/assets/leaflet.pdf"),
        vec![b'%'; 240 * 1024],
    )
    .unwrap();
    f.write("content/guides/getting-there.md", PAGE);
}

fn read(out: &Path, rel: &str) -> String {
    std::fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("`{rel}`: {e}"))
}

#[test]
fn pictures_and_documents_are_published_with_sizes_alt_and_a_phone_copy() {
    let f = Fixture::new("small");
    with_pictures(&f);
    let run = f.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    let out = f.out();
    let root = f.root();
    // Published at their path in `content/`, byte for byte.
    for rel in ["guides/bus.png", "assets/line.jpg", "assets/leaflet.pdf"] {
        assert_eq!(
            std::fs::read(out.join(rel)).unwrap(),
            std::fs::read(root.join("content").join(rel)).unwrap(),
            "{rel}"
        );
    }
    // A phone copy of the wide photo only, 640 pixels wide, in the same proportions.
    let copy = image::open(out.join("guides/bus.640w.png")).expect("the phone copy");
    assert_eq!((copy.width(), copy.height()), (640, 427));
    assert!(!out.join("assets/line.640w.jpg").exists());
    let page = read(&out, "guides/getting-there/index.html");
    assert!(
        page.contains(
            "<img class=\"content-img\" src=\"../../guides/bus.png\" alt=\"A red bus at the stop\" \
             width=\"1200\" height=\"800\" srcset=\"../../guides/bus.640w.png 640w, ../../guides/bus.png 1200w\""
        ),
        "{page}"
    );
    // `![""](…)` is a decorative picture: an empty alt.
    assert!(
        page.contains("src=\"../../assets/line.jpg\" alt=\"\" width=\"300\" height=\"20\""),
        "{page}"
    );
    // A document's link says its type and size, as GOV.UK's do.
    assert!(
        page.contains(
            "<a href=\"../../assets/leaflet.pdf\">the leaflet</a> \
             <span class=\"file-meta\">(PDF, 240 KB)</span>"
        ),
        "{page}"
    );
    // Easy read: the picture is the row's picture, linked from the easy-read folder.
    let easy = read(&out, "easy-read/guides/getting-there/index.html");
    assert!(
        easy.contains("<div class=\"er-row\"><img class=\"er-pic er-photo\" src=\"../../../guides/bus.png\" alt=\"A red bus at the stop\" width=\"1200\" height=\"800\""),
        "{easy}"
    );
    assert!(
        easy.contains("href=\"../../../assets/leaflet.pdf\""),
        "{easy}"
    );
}

#[test]
fn every_language_publishes_the_files_its_pages_link_to() {
    let f = Fixture::new("small");
    f.overlay("translations");
    with_pictures(&f);
    f.write(
        "content/guides/getting-there.pl.md",
        "---\ntitle: Dojazd\n---\n\nAutobus. ![Czerwony autobus](bus.png)\n\n\
         Przeczytaj [ulotkę](../assets/leaflet.pdf).\n",
    );
    let run = f.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = f.out();
    for rel in [
        "pl/guides/bus.png",
        "pl/guides/bus.640w.png",
        "pl/assets/leaflet.pdf",
    ] {
        assert!(out.join(rel).is_file(), "{rel}");
    }
    let page = read(&out, "pl/guides/getting-there/index.html");
    assert!(
        page.contains("src=\"../../guides/bus.png\" alt=\"Czerwony autobus\""),
        "{page}"
    );
    // In Polish: the size with Polish words around it (KB is the same).
    assert!(
        page.contains("<span class=\"file-meta\">(PDF, 240 KB)</span>"),
        "{page}"
    );
}

#[test]
fn a_picture_no_page_shows_is_a_warning() {
    let f = Fixture::new("small");
    picture(&f.root().join("content/assets/old-logo.png"), 40, 40);
    let run = f.build();
    assert_eq!(
        run.code, 0,
        "a warning does not stop the build: {}",
        run.stderr
    );
    assert!(f.out().join("assets/old-logo.png").is_file());
    // `check` shows it first (by file name) among the fixture's own warnings.
    let run = f.run(&["check"]);
    insta::assert_snapshot!(run.stderr.lines().take(4).collect::<Vec<_>>().join("\n"));
}

/// Regression: an easy-read line that is only a picture left an empty `<p class="er-text">`
/// beside it (an empty paragraph a screen reader stops on), in a made-up easy read and in a
/// hand-written one.
#[test]
fn an_easy_read_line_with_only_a_picture_has_no_empty_paragraph() {
    let f = Fixture::new("small");
    with_pictures(&f);
    f.write(
        "content/guides/getting-there.md",
        &PAGE.replace(
            "A line. ",
            "Here is the bus.\n\n![A red bus at the stop](bus.png)\n\n",
        ),
    );
    f.write(
        "content/guides/meetings.easy.md",
        "---\ntitle: Meetings\nchecked_by: Test team\n---\n\nWe meet at school.\n\n\
         ![A red bus at the stop](bus.png)\n\nThe bus stops outside.\n",
    );
    let run = f.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = f.out();
    for page in [
        "easy-read/guides/getting-there/index.html",
        "easy-read/guides/meetings/index.html",
    ] {
        let html = read(&out, page);
        assert!(
            html.contains("alt=\"A red bus at the stop\""),
            "{page}: {html}"
        );
        let empty = html.matches("<p class=\"er-text\"></p>").count()
            + html.matches("<p class=\"er-text\"> </p>").count()
            + html.matches("<p></p>").count();
        assert_eq!(empty, 0, "{page}: {html}");
    }
}

/// Regression: `unused-picture` counted only the pages' own bodies, so a picture shown only
/// in a checklist, the glossary or a translation was called unused.
#[test]
fn a_picture_shown_only_in_a_checklist_the_glossary_or_a_translation_is_used() {
    let f = Fixture::new("small");
    f.overlay("translations");
    for name in ["why", "more", "page-pl", "why-pl", "more-pl", "old-logo"] {
        picture(&f.root().join(format!("content/assets/{name}.png")), 40, 40);
    }
    let edit = |rel: &str, from: &str, to: &str| {
        let path = f.root().join(rel);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{rel}: {from}");
        f.write(rel, &text.replacen(from, to, 1));
    };
    // Markdown in checklists and the glossary is relative to `content/`, as the glossary's
    // links are.
    edit(
        "content/checklists/meeting.yaml",
        "why: Families know what works for them.",
        "why: \"Families know what works for them. ![A calendar](assets/why.png)\"",
    );
    edit(
        "content/glossary.yaml",
        "  plain: Working together as equals.\n",
        "  plain: Working together as equals.\n  more: \"![People at a table](assets/more.png)\"\n",
    );
    edit(
        "content/guides/meetings.pl.md",
        "Jeśli chcesz",
        "![Kalendarz](../assets/page-pl.png) Jeśli chcesz",
    );
    edit(
        "content/checklists/meeting.pl.yaml",
        "why: Rodziny wiedzą, co im pasuje.",
        "why: \"Rodziny wiedzą, co im pasuje. ![Kalendarz](assets/why-pl.png)\"",
    );
    edit(
        "content/glossary.pl.yaml",
        "    plain: Praca razem, jako równi partnerzy.\n",
        "    plain: Praca razem, jako równi partnerzy.\n    more: \"![Ludzie przy stole](assets/more-pl.png)\"\n",
    );
    let run = f.run(&["check"]);
    let unused: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.contains("[unused-picture]"))
        .collect();
    assert_eq!(
        unused,
        ["warning[unused-picture]: no page shows the picture `assets/old-logo.png`"],
        "{}",
        run.stderr
    );
    // Each is shown where it is used, so "used" is true.
    let run = f.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = f.out();
    for (page, src) in [
        ("checklists/meeting/index.html", "assets/why.png"),
        ("glossary/co-production/index.html", "assets/more.png"),
        ("pl/guides/meetings/index.html", "assets/page-pl.png"),
        ("pl/checklists/meeting/index.html", "assets/why-pl.png"),
        ("pl/glossary/co-production/index.html", "assets/more-pl.png"),
    ] {
        assert!(read(&out, page).contains(src), "{page} shows {src}");
    }
}

#[test]
fn a_second_build_reuses_the_phone_copy() {
    let f = Fixture::new("small");
    with_pictures(&f);
    assert_eq!(f.build().code, 0);
    let cache = f.root().join(".bookshelf-cache/pictures");
    let kept: Vec<_> = std::fs::read_dir(&cache)
        .expect("the phone copies are kept")
        .flatten()
        .map(|e| e.path())
        .collect();
    assert_eq!(kept.len(), 1, "{kept:?}");
    // Mark the kept copy: the next build must publish it rather than resize again.
    std::fs::write(&kept[0], b"kept copy").unwrap();
    assert_eq!(f.build().code, 0);
    assert_eq!(
        std::fs::read(f.out().join("guides/bus.640w.png")).unwrap(),
        b"kept copy"
    );
    // A changed photo has another hash: it is resized again.
    picture(&f.root().join("content/guides/bus.png"), 1000, 500);
    assert_eq!(f.build().code, 0);
    let copy = image::open(f.out().join("guides/bus.640w.png")).expect("a new copy");
    assert_eq!((copy.width(), copy.height()), (640, 320));
}

/// As `serve` keeps the site: pictures added, changed and removed, and every step equal to a
/// clean build byte for byte (the width and height in the pages follow a changed picture).
#[test]
fn picture_edits_keep_the_incremental_site_a_clean_build() {
    let f = Fixture::new("small");
    let root = f.root();
    let inc_out = f.dir.path().join("incremental");
    let mut loader = Loader::new(&root);
    let mut site = Incremental::new(Renderer::new(&root).unwrap());
    let loaded = loader.load();
    site.rebuild(loaded.book.as_ref().unwrap(), &inc_out, true)
        .unwrap();
    type Step = Box<dyn Fn(&Path)>;
    let steps: Vec<(&str, Step)> = vec![
        (
            "add pictures, a document and a page",
            Box::new(|root: &Path| {
                picture(&root.join("content/guides/bus.png"), 1200, 800);
                picture(&root.join("content/assets/line.jpg"), 300, 20);
                std::fs::write(root.join("content/assets/leaflet.pdf"), b"%PDF-1.4").unwrap();
                std::fs::write(root.join("content/guides/getting-there.md"), PAGE).unwrap();
            }),
        ),
        (
            "change a picture's size",
            Box::new(|root: &Path| picture(&root.join("content/guides/bus.png"), 900, 900)),
        ),
        (
            "make the wide photo narrow",
            Box::new(|root: &Path| picture(&root.join("content/guides/bus.png"), 500, 300)),
        ),
        (
            "a bigger document",
            Box::new(|root: &Path| {
                std::fs::write(root.join("content/assets/leaflet.pdf"), vec![b'%'; 3 << 20])
                    .unwrap()
            }),
        ),
        (
            "remove the page and its files",
            Box::new(|root: &Path| {
                for rel in [
                    "guides/getting-there.md",
                    "guides/bus.png",
                    "assets/line.jpg",
                    "assets/leaflet.pdf",
                ] {
                    std::fs::remove_file(root.join("content").join(rel)).unwrap();
                }
            }),
        ),
    ];
    for (i, (what, step)) in steps.iter().enumerate() {
        step(&root);
        // What `serve`'s watcher reports: the files (each step touches some of these).
        let changed: Vec<_> = [
            "guides/getting-there.md",
            "guides/bus.png",
            "assets/line.jpg",
            "assets/leaflet.pdf",
        ]
        .iter()
        .map(|rel| root.join("content").join(rel))
        .collect();
        let loaded = loader.load_changed(&changed);
        let book = loaded
            .book
            .as_ref()
            .unwrap_or_else(|| panic!("{what}: {:?}", loaded.diagnostics));
        site.rebuild(book, &inc_out, true).unwrap();
        let clean = f.dir.path().join(format!("clean-{i}"));
        let fresh = Loader::new(&root).load();
        Renderer::new(&root)
            .unwrap()
            .render(fresh.book.as_ref().unwrap(), &clean)
            .unwrap();
        let (a, b) = (tree(&inc_out), tree(&clean));
        assert_eq!(
            a.keys().collect::<Vec<_>>(),
            b.keys().collect::<Vec<_>>(),
            "{what}: the same files"
        );
        for (k, v) in &a {
            if v != &b[k] {
                let (x, y) = (String::from_utf8_lossy(v), String::from_utf8_lossy(&b[k]));
                let at = x
                    .bytes()
                    .zip(y.bytes())
                    .position(|(p, q)| p != q)
                    .unwrap_or(0);
                panic!(
                    "{what}: `{k}` differs from a clean build near\nincremental: {}\nclean:       {}",
                    &x[at.saturating_sub(100)..(at + 100).min(x.len())],
                    &y[at.saturating_sub(100)..(at + 100).min(y.len())]
                );
            }
        }
    }
}
