//! Incremental rebuilds are byte for byte a clean build: a seeded series of random edits
//! (add, change, rename and delete pages and easy reads; glossary terms; checklist items) is applied, and
//! after each one the incrementally kept site is compared with a fresh full render. With
//! the translations overlay, the translation files are edited too and every language's site
//! (`LANG/`) is compared.

use std::path::{Path, PathBuf};

use bookshelf_content::Loader;
use bookshelf_render::incremental::Incremental;
use bookshelf_render::Renderer;

use crate::helpers::{tree, Fixture};

/// A small deterministic generator (no dependency needed).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn read(root: &Path, rel: &str) -> String {
    std::fs::read_to_string(root.join(rel)).unwrap_or_default()
}

/// Apply one random edit, to the translations too when `translated`; returns the paths
/// touched and a description.
fn edit(root: &Path, rng: &mut Rng, step: usize, translated: bool) -> (Vec<PathBuf>, String) {
    let guides: Vec<String> = std::fs::read_dir(root.join("content/guides"))
        .map(|d| {
            d.flatten()
                .map(|e| format!("content/guides/{}", e.file_name().to_string_lossy()))
                .collect()
        })
        .unwrap_or_default();
    let mut guides: Vec<String> = guides
        .into_iter()
        .filter(|g| g.ends_with(".md") && !g.ends_with(".easy.md"))
        .collect();
    guides.sort();
    let pick = |rng: &mut Rng, list: &[String]| list[rng.below(list.len())].clone();
    let change_line = |rel: &str, find: &str, to: &str| {
        let text: Vec<String> = read(root, rel)
            .lines()
            .map(|l| match l.find(find) {
                Some(at) => format!("{}{to}", &l[..at]),
                None => l.to_string(),
            })
            .collect();
        std::fs::write(root.join(rel), text.join("\n") + "\n").unwrap();
        vec![root.join(rel)]
    };
    // With sections listed (`local-help/` in book.toml), edits in a new section and to the
    // top-level pages of the footer menu come in as well (cases 16 and 17).
    let sections = root.join("content/local-help").exists();
    let case = match rng.below(if sections {
        14
    } else if translated {
        16
    } else {
        12
    }) {
        c if sections && c >= 12 => c + 4,
        c => c,
    };
    match case {
        16 => {
            let rel = format!("content/local-help/place-{}.md", rng.below(3));
            if root.join(&rel).exists() && rng.below(2) == 0 {
                std::fs::remove_file(root.join(&rel)).unwrap();
                return (
                    vec![root.join(rel)],
                    "delete a page of a new section".into(),
                );
            }
            let text = format!(
                "---\ntitle: Place {step}\norder: {}\n---\n\nA place that helps, step {step}.\n",
                rng.below(3)
            );
            std::fs::write(root.join(&rel), text).unwrap();
            (
                vec![root.join(rel)],
                "add or change a page of a new section".into(),
            )
        }
        17 => {
            let rel = format!("content/top-{}.md", rng.below(2));
            if root.join(&rel).exists() && rng.below(2) == 0 {
                std::fs::remove_file(root.join(&rel)).unwrap();
                return (vec![root.join(rel)], "delete a top-level page".into());
            }
            let text =
                format!("---\ntitle: Top page {step}\n---\n\nIn the footer menu, step {step}.\n");
            std::fs::write(root.join(&rel), text).unwrap();
            (
                vec![root.join(rel)],
                "add or change a top-level page (footer menu)".into(),
            )
        }
        12 => {
            let rel = "content/guides/meetings.pl.md";
            let text = read(root, rel) + &format!("\nDodatkowe zdanie, krok {step}.\n");
            std::fs::write(root.join(rel), text).unwrap();
            (vec![root.join(rel)], "change a translated page".into())
        }
        13 => (
            change_line(
                "content/checklists/meeting.pl.yaml",
                "text: Wyślij dokumenty",
                &format!("text: Wyślij dokumenty wcześnie, krok {step}."),
            ),
            "change a translated checklist item".into(),
        ),
        14 => (
            change_line(
                "content/glossary.pl.yaml",
                "plain: Praca razem",
                &format!("plain: Praca razem, krok {step}."),
            ),
            "change a translated glossary term".into(),
        ),
        15 => {
            let rel = "content/index.pl.md";
            if root.join(rel).exists() && rng.below(2) == 0 {
                std::fs::remove_file(root.join(rel)).unwrap();
                return (vec![root.join(rel)], "delete a translation".into());
            }
            let text = format!("---\ntitle: Witamy {step}\ntranslated_by: Test team\n---\n\nPrzeczytaj, [jak się przygotować](guides/meetings.md#przed-spotkaniem).\n");
            std::fs::write(root.join(rel), text).unwrap();
            (vec![root.join(rel)], "add or change a translation".into())
        }
        0 => {
            let rel = format!("content/guides/extra-{step}.md");
            std::fs::write(root.join(&rel), format!("---\ntitle: Extra {step}\norder: {}\n---\n\nA parent asks about an EHCP at step {step}.\n", rng.below(5))).unwrap();
            (vec![root.join(rel)], "add a page".into())
        }
        1 if guides.len() > 1 => {
            let rel = pick(rng, &guides);
            if rel.ends_with("meetings.md") {
                return (vec![], "skip".into());
            }
            std::fs::remove_file(root.join(&rel)).unwrap();
            (vec![root.join(rel)], "delete a page".into())
        }
        2 => {
            let rel = pick(rng, &guides);
            let text =
                read(root, &rel) + &format!("\nAnother line about co-production, step {step}.\n");
            std::fs::write(root.join(&rel), text).unwrap();
            (vec![root.join(rel)], "change a page body".into())
        }
        3 => {
            let rel = pick(rng, &guides);
            let text = read(root, &rel).replacen("title: ", &format!("title: Step {step} "), 1);
            std::fs::write(root.join(&rel), text).unwrap();
            (vec![root.join(rel)], "change a title".into())
        }
        4 if guides.len() > 1 => {
            let rel = pick(rng, &guides);
            if rel.ends_with("meetings.md") {
                return (vec![], "skip".into());
            }
            let to = format!("content/guides/renamed-{step}.md");
            std::fs::rename(root.join(&rel), root.join(&to)).unwrap();
            (vec![root.join(rel), root.join(to)], "rename a page".into())
        }
        5 => {
            let rel = "content/glossary.yaml";
            let text = read(root, rel)
                + &format!("\n- term: Word {step}\n  plain: A word added at step {step}.\n");
            std::fs::write(root.join(rel), text).unwrap();
            (vec![root.join(rel)], "add a glossary term".into())
        }
        6 => {
            let rel = "content/glossary.yaml";
            let text = read(root, rel).replacen(
                "plain: Working together as equals.",
                &format!("plain: Working together as equals, step {step}."),
                1,
            );
            std::fs::write(root.join(rel), text).unwrap();
            (vec![root.join(rel)], "change a glossary term".into())
        }
        7 => {
            let rel = "content/checklists/meeting.yaml";
            let text = read(root, rel) + &format!("      - id: added-{step}\n        text: Check the family got the papers, step {step}.\n");
            std::fs::write(root.join(rel), text).unwrap();
            (vec![root.join(rel)], "add a checklist item".into())
        }
        9 => {
            let rel = "content/index.easy.md";
            let text = read(root, rel) + &format!("\nYou can ask for help, step {step}.\n");
            std::fs::write(root.join(rel), text).unwrap();
            (vec![root.join(rel)], "change an easy read".into())
        }
        10 => {
            let rel = "content/index.md";
            let text = read(root, rel) + &format!("\nAsk the SENCO about step {step}.\n");
            std::fs::write(root.join(rel), text).unwrap();
            (
                vec![root.join(rel)],
                "change a page with an easy read".into(),
            )
        }
        11 => {
            // `meetings.md` is never deleted or renamed, so its easy read always has a page.
            let rel = "content/guides/meetings.easy.md";
            if root.join(rel).exists() && rng.below(2) == 0 {
                std::fs::remove_file(root.join(rel)).unwrap();
                return (vec![root.join(rel)], "delete an easy read".into());
            }
            let text =
                format!("---\ntitle: Meetings\n---\n\nA meeting is a time to talk, step {step}.\n");
            std::fs::write(root.join(rel), text).unwrap();
            (vec![root.join(rel)], "add or change an easy read".into())
        }
        _ => (
            change_line(
                "content/checklists/meeting.yaml",
                "text: Send the papers",
                &format!("text: Send the papers early, step {step}."),
            ),
            "change a checklist item".into(),
        ),
    }
}

#[test]
fn random_edits_give_the_same_site_as_a_clean_build() {
    random_edits(&Fixture::new("small"), &[], 0x5eed_b00c);
}

/// The same with translations: each language's site is kept by an incremental site of its
/// own in `LANG/`, as `serve` keeps them, and compared with a clean render of that language.
#[test]
fn random_edits_to_sources_and_translations_give_the_same_sites_as_a_clean_build() {
    let f = Fixture::new("small");
    f.overlay("translations");
    // The translated item needs an id that survives its source's rewording.
    f.write(
        "content/checklists/meeting.yaml",
        &read(&f.root(), "content/checklists/meeting.yaml").replace(
            "      - text: Send the papers early.",
            "      - id: send-the-papers-early\n        text: Send the papers early.",
        ),
    );
    random_edits(&f, &["pl"], 0x1a6_b00c);
}

/// The same with the sections listed in `book.toml` (a new section, the guides in the
/// footer) and Polish: pages come and go in the new section and at the top level, whose
/// titles are in every page's menus.
#[test]
fn random_edits_with_sections_listed_give_the_same_sites_as_a_clean_build() {
    let f = Fixture::new("small");
    f.write(
        "book.toml",
        "[book]\ntitle = \"Small\"\nlanguage = \"en-GB\"\n\n[languages.pl]\ntitle = \"Mała\"\n\n\
         [[sections]]\nfolder = \"local-help\"\ntitle = { en-GB = \"Local help\", pl = \"Pomoc lokalna\" }\n\n\
         [[sections]]\nfolder = \"model\"\n\n[[sections]]\nfolder = \"guides\"\nshow = \"footer\"\n\n\
         [[sections]]\nfolder = \"checklists\"\nkind = \"checklists\"\n\n\
         [[sections]]\nfolder = \"glossary\"\nkind = \"glossary\"\n",
    );
    f.write(
        "content/local-help/place-0.md",
        "---\ntitle: Place\n---\n\nA place that helps.\n",
    );
    random_edits(&f, &["pl"], 0x5ec7_b00c);
}

fn random_edits(f: &Fixture, langs: &[&str], seed: u64) {
    let root = f.root();
    let inc_out = f.dir.path().join("incremental");
    let mut loader = Loader::new(&root);
    let folders: Vec<&str> = std::iter::once("").chain(langs.iter().copied()).collect();
    let mut sites: Vec<Incremental> = folders
        .iter()
        .map(|_| Incremental::new(Renderer::new(&root).unwrap()))
        .collect();
    let rebuild_all = |sites: &mut [Incremental], book: &bookshelf_content::Book| {
        for (site, lang) in sites.iter_mut().zip(&folders) {
            let seen = book.in_language(lang);
            site.rebuild(&seen, &inc_out.join(lang), true).unwrap();
        }
    };
    let loaded = loader.load();
    rebuild_all(&mut sites, loaded.book.as_ref().expect("fixture loads"));
    let mut rng = Rng(seed);
    let mut applied = 0;
    for step in 0..40 {
        let (paths, what) = edit(&root, &mut rng, step, !langs.is_empty());
        if paths.is_empty() {
            continue;
        }
        let loaded = loader.load_changed(&paths);
        let Some(book) = loaded.book.as_ref() else {
            panic!(
                "step {step} ({what}) broke the fixture: {:?}",
                loaded.diagnostics
            );
        };
        rebuild_all(&mut sites, book);
        let clean_out = f.dir.path().join(format!("clean-{step}"));
        let fresh = Loader::new(&root).load();
        let fresh = fresh.book.as_ref().unwrap();
        for lang in &folders {
            Renderer::new(&root)
                .unwrap()
                .render(&fresh.in_language(lang), &clean_out.join(lang))
                .unwrap();
        }
        let (a, b) = (tree(&inc_out), tree(&clean_out));
        let a_keys: Vec<_> = a.keys().collect();
        let b_keys: Vec<_> = b.keys().collect();
        assert_eq!(a_keys, b_keys, "step {step} ({what}): the same files");
        for (k, v) in &a {
            if v != &b[k] {
                let (x, y) = (String::from_utf8_lossy(v), String::from_utf8_lossy(&b[k]));
                let at = x
                    .bytes()
                    .zip(y.bytes())
                    .position(|(p, q)| p != q)
                    .unwrap_or(0);
                panic!(
                    "step {step} ({what}): `{k}` differs from a clean build near\nincremental: {}\nclean:       {}",
                    &x[at.saturating_sub(80)..(at + 80).min(x.len())],
                    &y[at.saturating_sub(80)..(at + 80).min(y.len())]
                );
            }
        }
        std::fs::remove_dir_all(&clean_out).unwrap();
        applied += 1;
    }
    assert!(applied >= 30, "{applied} edits applied");
}

#[test]
fn a_rebuild_finds_links_broken_by_a_change_elsewhere() {
    let f = Fixture::new("small");
    let root = f.root();
    let mut loader = Loader::new(&root);
    assert!(loader.load().book.is_some());
    // Deleting a page breaks the links to it in other files.
    let page = root.join("content/guides/meetings.md");
    let text = std::fs::read_to_string(&page).unwrap();
    std::fs::remove_file(&page).unwrap();
    let loaded = loader.load_changed(std::slice::from_ref(&page));
    let broken: Vec<_> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.code == "broken-link")
        .collect();
    assert_eq!(broken.len(), 1, "{:?}", loaded.diagnostics);
    assert_eq!(
        broken[0].file.as_deref(),
        Some(Path::new("content/model/what-it-is.md"))
    );
    // Renaming a heading breaks an anchor link elsewhere; putting it back mends it.
    std::fs::write(&page, text.replace("## Before the meeting", "## Before")).unwrap();
    let loaded = loader.load_changed(std::slice::from_ref(&page));
    assert!(
        loaded
            .diagnostics
            .iter()
            .any(|d| d.message.contains("#before-the-meeting")),
        "{:?}",
        loaded.diagnostics
    );
    std::fs::write(&page, &text).unwrap();
    let loaded = loader.load_changed(std::slice::from_ref(&page));
    assert!(loaded.book.is_some(), "{:?}", loaded.diagnostics);
    // An edit that adds a broken link is caught in that file alone.
    let levels = root.join("content/model/levels.md");
    std::fs::write(&levels, "---\ntitle: Levels\n---\n\n[x](nowhere.md)\n").unwrap();
    let loaded = loader.load_changed(std::slice::from_ref(&levels));
    assert!(loaded.diagnostics.iter().any(|d| d.code == "broken-link"
        && d.file.as_deref() == Some(Path::new("content/model/levels.md"))));
    // So is one added to an easy read.
    let easy = root.join("content/index.easy.md");
    std::fs::write(&easy, "---\ntitle: Welcome\n---\n\n[x](nowhere.md)\n").unwrap();
    let loaded = loader.load_changed(std::slice::from_ref(&easy));
    assert!(loaded.diagnostics.iter().any(|d| d.code == "broken-link"
        && d.file.as_deref() == Some(Path::new("content/index.easy.md"))));
}
