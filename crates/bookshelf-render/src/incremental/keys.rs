//! The key of each output page (a hash of everything it is rendered from), and finding which
//! keys can have changed since the last rebuild without computing all 20,000 of them.
//!
//! Pages and checklists are shared (`Arc`) between the loader and the book, so one that did
//! not change is the same allocation as in the last book: comparing pointers finds the few
//! that did. Only the jobs that read one of those are keyed again; the rest keep their keys.
//! When pages come or go, or a shared part (glossary, symbols, config, theme) changed, every
//! job is keyed again.

use std::hash::{Hash, Hasher};
use std::sync::Arc;

use bookshelf_content::{Book, Checklist, Page, Section};

use crate::site::Job;

pub(super) fn hash_of(h: impl Hash) -> u64 {
    let mut s = std::collections::hash_map::DefaultHasher::new();
    h.hash(&mut s);
    s.finish()
}

/// Who translated a text and who checked it, as a page shows it.
fn translation_key(lang: &str, info: Option<&bookshelf_content::TranslationInfo>) -> u64 {
    hash_of((lang, info.map(|i| (&i.translated_by, &i.checked_by))))
}

fn page_key(p: &Page) -> u64 {
    hash_of((
        p.body.revision,
        translation_key(&p.text_language, p.translation.as_ref()),
        p.easy.as_ref().map(|e| {
            (
                e.body.revision,
                &e.title,
                &e.summary,
                &e.checked_by,
                translation_key(&e.text_language, e.translation.as_ref()),
            )
        }),
        &p.title,
        &p.summary,
        &p.audience,
        &p.symbol,
        &p.route,
    ))
}

/// What a checklist is rendered from: its file's revision, and in a language it is translated
/// into, the translation's words (a translated checklist keeps its source's revision).
pub(super) fn checklist_key(c: &Checklist) -> u64 {
    let words = c.translation.as_ref().map(|_| {
        let sections: Vec<_> = c
            .sections
            .iter()
            .map(|s| {
                let items: Vec<_> = s
                    .items
                    .iter()
                    .map(|i| (&i.text, &i.why, &i.evidence))
                    .collect();
                (&s.title, items)
            })
            .collect();
        (&c.title, &c.summary, &c.when, &c.scale, sections)
    });
    hash_of((
        c.revision,
        translation_key(&c.text_language, c.translation.as_ref()),
        words,
    ))
}

/// What a page's card in a list shows.
fn card_key(p: &Page) -> u64 {
    hash_of((
        &p.title,
        &p.summary,
        &p.audience,
        &p.symbol,
        &p.route,
        &p.text_language,
        p.easy
            .as_ref()
            .map(|e| (&e.title, &e.summary, &e.text_language)),
    ))
}

/// The book as the last successful rebuild saw it.
pub(super) struct Seen {
    global: u64,
    pages: Vec<Arc<Page>>,
    checklists: Vec<Arc<Checklist>>,
    /// [`card_key`] of each page, in the book's order.
    cards: Vec<u64>,
}

/// The keys of one rebuild's jobs.
pub(super) struct Keys<'a> {
    book: &'a Book,
    global: u64,
    cards: Vec<u64>,
    /// `None`: key every job. Otherwise the jobs that read a changed page or checklist.
    dirty: Option<Dirty>,
}

/// The pages and checklists that changed, when no page came or went.
struct Dirty {
    /// A page job must be keyed again: its page or a neighbour (previous, next) changed.
    pages: Vec<bool>,
    checklists: Vec<bool>,
    any_checklist: bool,
    sections: Vec<Section>,
}

/// Marks `i` and its neighbours.
fn mark(near: &mut [bool], i: usize) {
    for j in i.saturating_sub(1)..=(i + 1).min(near.len() - 1) {
        near[j] = true;
    }
}

impl<'a> Keys<'a> {
    /// Keys for `book`, comparing with what the last rebuild saw (`None`: key everything).
    pub(super) fn new(book: &'a Book, global: u64, seen: Option<&Seen>) -> Self {
        let same_shape = seen.filter(|s| {
            s.global == global
                && s.pages.len() == book.pages.len()
                && s.checklists.len() == book.checklists.len()
        });
        let Some(seen) = same_shape else {
            return Self {
                book,
                global,
                cards: book.pages.iter().map(|p| card_key(p)).collect(),
                dirty: None,
            };
        };
        let mut cards = seen.cards.clone();
        let mut dirty = Dirty {
            pages: vec![false; book.pages.len()],
            checklists: vec![false; book.checklists.len()],
            any_checklist: false,
            sections: Vec::new(),
        };
        for (i, (old, new)) in seen.pages.iter().zip(&book.pages).enumerate() {
            if Arc::ptr_eq(old, new) {
                continue;
            }
            if old.route != new.route {
                // A page moved: the layout changed, so every job is keyed.
                return Self::new(book, global, None);
            }
            cards[i] = card_key(new);
            mark(&mut dirty.pages, i);
            for s in [old.section, new.section] {
                if !dirty.sections.contains(&s) {
                    dirty.sections.push(s);
                }
            }
        }
        for (i, (old, new)) in seen.checklists.iter().zip(&book.checklists).enumerate() {
            if Arc::ptr_eq(old, new) {
                continue;
            }
            if old.route != new.route {
                return Self::new(book, global, None);
            }
            mark(&mut dirty.checklists, i);
            dirty.any_checklist = true;
        }
        Self {
            book,
            global,
            cards,
            dirty: Some(dirty),
        }
    }

    /// Are the pages, checklists and glossary terms those the last rebuild saw, in the same
    /// places (so the list of jobs and files is the same)?
    pub(super) fn same_layout(&self) -> bool {
        self.dirty.is_some()
    }

    /// Could this job's key have changed? (Always, when everything is keyed.)
    pub(super) fn may_change(&self, job: Job) -> bool {
        let Some(d) = &self.dirty else {
            return true;
        };
        match job {
            Job::Page(i, _) => d.pages[i],
            Job::Section(s, _) => d.sections.contains(&s),
            Job::Checklist(i, _) => d.checklists[i],
            Job::Checklists(_) => d.any_checklist,
            Job::Print(_) => !d.sections.is_empty() || d.any_checklist,
            // They read only the shared parts, which did not change.
            Job::Glossary(_) | Job::Term(..) | Job::Search(_) | Job::NotFound(_) => false,
        }
    }

    /// What the next rebuild compares with.
    pub(super) fn seen(self) -> Seen {
        Seen {
            global: self.global,
            pages: self.book.pages.clone(),
            checklists: self.book.checklists.clone(),
            cards: self.cards,
        }
    }

    /// The key of one job: a hash of everything it is rendered from.
    pub(super) fn key(&self, job: Job) -> u64 {
        let (book, global) = (self.book, self.global);
        match job {
            Job::Page(i, v) => {
                let p = &book.pages[i];
                let link = |j: Option<usize>| {
                    j.and_then(|j| book.pages.get(j))
                        .filter(|q| q.section == p.section)
                        .map(|q| (&q.title, &q.route, &q.text_language))
                };
                hash_of((
                    global,
                    v,
                    page_key(p),
                    link(i.checked_sub(1)),
                    link(Some(i + 1)),
                ))
            }
            Job::Section(s, v) => {
                let mut h = std::collections::hash_map::DefaultHasher::new();
                (global, v).hash(&mut h);
                for (p, card) in book.pages.iter().zip(&self.cards) {
                    if p.section == s {
                        card.hash(&mut h);
                    }
                }
                h.finish()
            }
            Job::Checklist(i, v) => {
                let c = &book.checklists[i];
                let link = |j: Option<usize>| {
                    j.and_then(|j| book.checklists.get(j))
                        .map(|q| (&q.title, &q.route, &q.text_language))
                };
                hash_of((
                    global,
                    v,
                    checklist_key(c),
                    &c.route,
                    link(i.checked_sub(1)),
                    link(Some(i + 1)),
                ))
            }
            Job::Checklists(v) => hash_of((
                global,
                v,
                book.checklists
                    .iter()
                    .map(|c| (&c.route, checklist_key(c)))
                    .collect::<Vec<_>>(),
            )),
            Job::Print(v) => hash_of((
                global,
                v,
                book.pages.iter().map(|p| page_key(p)).collect::<Vec<_>>(),
                book.checklists
                    .iter()
                    .map(|c| checklist_key(c))
                    .collect::<Vec<_>>(),
            )),
            Job::Glossary(v) | Job::Search(v) | Job::NotFound(v) => {
                hash_of((global, v, format!("{job:?}")))
            }
            Job::Term(i, v) => hash_of((global, v, i)),
        }
    }
}
