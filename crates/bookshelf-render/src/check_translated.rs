//! `check` on what a translation leaves to the site, reported in the translation's own file
//! (the source file has its own warning):
//! - `easy-read-missing`: a translated page whose source has no hand-written easy read. Its
//!   readers get an easy read made automatically from the translation. (When the source has
//!   one and the translation has not, readers get the source's, marked as not translated yet,
//!   like any page not translated: that is a translation still to do, not a missing easy read.)
//! - `item-id-missing`: a translated checklist item names its source item by `id`, and the
//!   source item has none written: its id is made from the source's words, so when they are
//!   reworded the translation no longer finds its item (an error), and readers lose their
//!   ticks. The fix is in the source; the warning is where the translator sees the id. (A
//!   translated item without `id:` cannot be matched at all, and is already an error.)

use bookshelf_content::{Book, Diagnostic, Section};

/// The warnings for `lang`'s translations, found in `in_lang` (the book as `lang`'s readers
/// see it).
pub(crate) fn check(in_lang: &Book, lang: &str, out: &mut Vec<Diagnostic>) {
    easy_read_missing(in_lang, lang, out);
    item_id_missing(in_lang, lang, out);
}

/// Translated pages that get an automatic easy read (the same pages as in the source).
fn easy_read_missing(in_lang: &Book, lang: &str, out: &mut Vec<Diagnostic>) {
    let pages = in_lang.pages.iter().filter(|p| {
        p.text_language == lang
            && p.easy.is_none()
            && (p.section != Section::Top || p.slug == "index")
    });
    for page in pages {
        let path = &page.body.path;
        let name = path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        let stem = name.strip_suffix(".md").unwrap_or(&name);
        out.push(
            Diagnostic::warning("easy-read-missing", "this page has no hand-written easy read")
                .in_file(path)
                .help(format!(
                    "the site makes one automatically from this translation; write `{slug}.easy.md` beside `{slug}.md` for a better one, then translate it in `{stem}.easy.md`",
                    slug = page.slug
                )),
        );
    }
}

/// Translated items whose source item has no `id` written, at the id in the translation.
fn item_id_missing(in_lang: &Book, lang: &str, out: &mut Vec<Diagnostic>) {
    let Some(tr) = in_lang.translations.get(lang) else {
        return;
    };
    for c in in_lang
        .checklists
        .iter()
        .filter(|c| c.text_language == lang)
    {
        let Some(text) = tr.checklists.get(&c.slug) else {
            continue;
        };
        let source = c.path.to_string_lossy().replace('\\', "/");
        let made: Vec<&str> = c
            .sections
            .iter()
            .flat_map(|s| &s.items)
            .filter(|i| !i.explicit_id)
            .map(|i| i.id.as_str())
            .collect();
        for item in text.sections.iter().flat_map(|s| &s.items) {
            if !made.contains(&item.id.as_str()) {
                continue;
            }
            out.push(
                Diagnostic::warning(
                    "item-id-missing",
                    format!("the item this translates has no `id` in `{source}`"),
                )
                .at(&text.info.path, item.span.clone())
                .help(format!(
                    "add `id: {}` to the item in `{source}`: this id is made from the source's words, so rewording them would lose this translation's item and readers' ticks",
                    item.id
                )),
            );
        }
    }
}
