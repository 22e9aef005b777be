//! The book as the readers of one language see it ([`Book::in_language`]): the source's
//! place and shape with the translation's words, marked with the language they are in.

use std::sync::Arc;

use crate::model::{Book, Checklist, ChecklistSection, Glossary, Item, Page};
use crate::translation::{ChecklistText, Translation};

impl Book {
    /// The whole book as readers of `lang` see it: every page, easy read, checklist and
    /// glossary entry in `lang` where a translation exists, otherwise the source's (each
    /// says which language its words are in, `text_language`, and carries its
    /// `translation` record); the title and description of `[languages.LANG]`; `base_url`
    /// with `LANG/` added; `symbols.LANG.yaml` when there is one; and links resolved
    /// against the translated headings. Untranslated pages and checklists are shared, not
    /// copied. The book's own language, or a language not in `book.toml`, gives the book
    /// as it is.
    pub fn in_language(&self, lang: &str) -> Book {
        let Some(listed) = self.config.languages.get(lang) else {
            return self.clone();
        };
        let empty = Translation::default();
        let tr = self.translations.get(lang).map_or(&empty, |t| &**t);
        let mut config = self.config.clone();
        let base = self.config.book.base_url.as_deref().unwrap_or("/");
        let sep = if base.ends_with('/') { "" } else { "/" };
        config.book.base_url = Some(format!("{base}{sep}{lang}/"));
        config.book.source_language = Some(self.config.book.language.clone());
        config.book.language = lang.to_string();
        config.book.title = listed.title.clone();
        config.book.description = listed.description.clone();
        let mut pages: Vec<Arc<Page>> = self
            .pages
            .iter()
            .map(|p| translate_page(p, tr, lang))
            .collect();
        pages.sort_by_cached_key(|p| {
            (
                crate::sections::rank(Some(&config), p.section),
                p.order.unwrap_or(i64::MAX),
                p.title.to_lowercase(),
                p.slug.clone(),
            )
        });
        let mut checklists: Vec<Arc<Checklist>> = self
            .checklists
            .iter()
            .map(|c| match tr.checklists.get(&c.slug) {
                Some(t) => Arc::new(translate_checklist(c, t, lang)),
                None => c.clone(),
            })
            .collect();
        checklists.sort_by_cached_key(|c| {
            (
                c.level,
                c.order.unwrap_or(i64::MAX),
                c.title.to_lowercase(),
                c.slug.clone(),
            )
        });
        let mut book = Book {
            root: self.root.clone(),
            config,
            pages,
            checklists,
            glossary: translate_glossary(&self.glossary, tr),
            symbols: tr
                .symbols
                .as_ref()
                .map_or_else(|| self.symbols.clone(), |s| (**s).clone()),
            search_words: self.search_words_in.get(lang).cloned().unwrap_or_default(),
            search_words_in: self.search_words_in.clone(),
            links: Arc::default(),
            translations: self.translations.clone(),
            assets: self.assets.clone(),
        };
        book.links = Arc::new(crate::links::LinkIndex::new(&book));
        book
    }
}

fn translate_page(p: &Arc<Page>, tr: &Translation, lang: &str) -> Arc<Page> {
    let text = tr.pages.get(&p.route);
    let easy = tr.easy.get(&p.route).filter(|_| p.easy.is_some());
    if text.is_none() && easy.is_none() {
        return p.clone();
    }
    let mut page = (**p).clone();
    if let Some(t) = text {
        page.title = t.title.clone();
        page.summary = t.summary.clone();
        page.body = t.body.clone();
        page.text_language = lang.to_string();
        page.translation = Some(t.info.clone());
    }
    if let (Some(t), Some(e)) = (easy, page.easy.as_mut()) {
        e.title = t.title.clone();
        e.summary = t.summary.clone();
        e.checked_by = t.checked_by.clone();
        e.body = t.body.clone();
        e.text_language = lang.to_string();
        e.translation = Some(t.info.clone());
    }
    Arc::new(page)
}

/// The source checklist with the translation's words: sections keep the source's order and
/// ids (links to them work in every language) and take the title of the translated section
/// that holds their first translated item; an item not translated stays the source's.
fn translate_checklist(c: &Checklist, t: &ChecklistText, lang: &str) -> Checklist {
    let find = |id: &str| {
        t.sections.iter().find_map(|s| {
            s.items
                .iter()
                .find(|i| i.id == id)
                .map(|i| (s.title.as_str(), i))
        })
    };
    let sections = c
        .sections
        .iter()
        .map(|s| {
            let title = s
                .items
                .iter()
                .find_map(|i| find(&i.id).map(|(title, _)| title.to_string()))
                .unwrap_or_else(|| s.title.clone());
            let items = s
                .items
                .iter()
                .map(|i| match find(&i.id) {
                    Some((_, ti)) => Item {
                        id: i.id.clone(),
                        explicit_id: i.explicit_id,
                        text: ti.text.clone(),
                        why: ti.why.clone().or_else(|| i.why.clone()),
                        evidence: ti.evidence.clone().or_else(|| i.evidence.clone()),
                        // The source's easy words are not the translation's.
                        easy: None,
                        at: i.at,
                    },
                    None => i.clone(),
                })
                .collect();
            ChecklistSection {
                id: s.id.clone(),
                title,
                items,
            }
        })
        .collect();
    Checklist {
        title: t.title.clone(),
        summary: t.summary.clone(),
        when: t.when.clone(),
        scale: t.scale.clone().unwrap_or_else(|| c.scale.clone()),
        sections,
        text_language: lang.to_string(),
        translation: Some(t.info.clone()),
        ..c.clone()
    }
}

fn translate_glossary(g: &Glossary, tr: &Translation) -> Glossary {
    let Some(t) = &tr.glossary else {
        return g.clone();
    };
    let mut out = g.clone();
    for term in &mut out.terms {
        let Some(tt) = t.terms.iter().find(|x| x.id == term.slug) else {
            continue;
        };
        let set = |to: &mut String, from: &Option<String>| {
            if let Some(v) = from {
                to.clone_from(v);
            }
        };
        set(&mut term.term, &tt.term);
        set(&mut term.plain, &tt.plain);
        if tt.easy.is_some() {
            term.easy.clone_from(&tt.easy);
        }
        if tt.more.is_some() {
            term.more.clone_from(&tt.more);
        }
        if tt.say_instead.is_some() {
            term.say_instead.clone_from(&tt.say_instead);
        }
        if let Some(a) = &tt.abbreviations {
            term.abbreviations.clone_from(a);
        }
        if let Some(a) = &tt.aliases {
            term.aliases.clone_from(a);
        }
        term.text_language.clone_from(&t.info.lang);
    }
    out.terms.sort_by_cached_key(|t| t.term.to_lowercase());
    out.translation = Some(t.info.clone());
    out
}
