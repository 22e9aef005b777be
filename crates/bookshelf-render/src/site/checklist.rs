//! Checklist pages, the list of checklists, and a checklist's text for search.

use std::sync::Arc;

use bookshelf_content::checklist::DEFAULT_SCALE;
use bookshelf_content::{Checklist, ChecklistKind, Level};
use serde::Serialize;

use super::{route_of, Job, Shared};
use crate::context::*;
use crate::easy::EasyMode;
use crate::markdown::Place;
use crate::urls::Variant;
use crate::{PageText, RenderError};

impl Shared<'_> {
    /// A checklist item's `text` (`item_text`: inline Markdown only) or `why`, as HTML for
    /// inside its label.
    pub(super) fn inline(
        &self,
        text: &str,
        item_text: bool,
        variant: Variant,
        path: &str,
        used: &mut std::collections::HashSet<usize>,
    ) -> String {
        // Easy read: one sentence a line, no bold (issue 23).
        if variant == Variant::Easy {
            let lines = crate::easy_items::lines(text);
            if lines.len() > 1 || lines.first().is_some_and(|l| l != text) {
                return crate::easy_items::join(
                    lines
                        .iter()
                        .map(|l| self.inline_line(l, item_text, variant, path, used)),
                );
            }
        }
        self.inline_line(text, item_text, variant, path, used)
    }

    /// One line of [`Self::inline`].
    fn inline_line(
        &self,
        text: &str,
        item_text: bool,
        variant: Variant,
        path: &str,
        used: &mut std::collections::HashSet<usize>,
    ) -> String {
        let place = Place {
            path,
            variant,
            skip_term: None,
            link_terms: !path.starts_with("print/") && !path.starts_with("easy-read/print/"),
        };
        // Most items are plain sentences: skip the Markdown parser for them.
        let plain = !text.contains([
            '*', '_', '[', ']', '`', '<', '>', '&', '!', '#', '|', '~', '\\', '\n',
        ]);
        if plain && variant == Variant::Standard {
            return crate::markdown::link_plain(&self.ctx(), place, text, used);
        }
        let r = if item_text {
            crate::markdown::render_inline_sharing(&self.ctx(), text, place, used)
        } else {
            crate::markdown::render_markdown_sharing(
                &self.ctx(),
                text,
                None,
                place,
                EasyMode::Hand,
                used,
            )
        };
        let html = r.html.trim();
        // One paragraph: keep its inside only.
        let html = html
            .strip_prefix("<p>")
            .and_then(|h| h.strip_suffix("</p>"))
            .unwrap_or(html);
        // One easy-read row: its picture and sentence go inside the item's label. A sentence
        // without a picture gets an empty one, which keeps the items' words in line.
        let html = html
            .strip_prefix("<div class=\"er-row\">")
            .map_or(html.to_string(), |h| {
                let h = h
                    .trim_end_matches("</div>")
                    .replacen("<p class=\"er-text\">", "<span class=\"er-text\">", 1)
                    .replace("</p>", "</span>");
                if h.starts_with("<span class=\"er-text\">") {
                    format!("<span class=\"er-pic er-none\"></span>{h}")
                } else {
                    h
                }
            });
        html
    }

    /// Checklist `idx` of the book (its place gives its neighbours without a search).
    pub(super) fn checklist(
        &self,
        idx: usize,
        job: Job,
        variant: Variant,
        path: &str,
    ) -> Result<(String, Option<PageText>), RenderError> {
        let cl = &self.book.checklists[idx];
        let mut c = self.base_context(job, variant, path, &cl.title, "checklist");
        self.insert_translation(&mut c, &cl.text_language, cl.translation.as_ref());
        // Glossary terms are linked once on the whole page, not once per item.
        let mut used = std::collections::HashSet::new();
        let sections: Vec<SectionCtx> = cl
            .sections
            .iter()
            .map(|s| SectionCtx {
                id: s.id.clone(),
                title: s.title.clone(),
                items: s
                    .items
                    .iter()
                    .map(|it| ItemCtx {
                        id: it.id.clone(),
                        html: self.inline(
                            match (variant, &it.easy) {
                                (Variant::Easy, Some(easy)) => easy,
                                _ => &it.text,
                            },
                            true,
                            variant,
                            path,
                            &mut used,
                        ),
                        why: it.why.clone(),
                        why_html: it
                            .why
                            .as_ref()
                            .map(|w| self.inline(w, false, variant, path, &mut used)),
                        evidence: it.evidence.clone(),
                    })
                    .collect(),
            })
            .collect();
        c.insert(
            "page",
            &PageCtx {
                title: cl.title.clone(),
                summary: Some(cl.summary.clone()),
                audience: self.audience(&cl.audience),
                symbol: self.symbol_url(path, cl.symbol.as_deref()),
                ..Default::default()
            },
        );
        c.insert(
            "checklist",
            &ChecklistCtx {
                slug: cl.slug.clone(),
                kind: match cl.kind {
                    ChecklistKind::Checklist => "checklist".into(),
                    ChecklistKind::Rating => "rating".into(),
                },
                level: cl.level.key().into(),
                level_label: self.t(level_key(cl.level)).into(),
                summary: cl.summary.clone(),
                when: cl.when.clone(),
                total: cl.item_count(),
                progress: match cl.kind {
                    ChecklistKind::Rating => {
                        self.loc
                            .strings
                            .count("progress_rating", cl.item_count(), &[("done", "0")])
                    }
                    ChecklistKind::Checklist => self.loc.strings.fill(
                        "progress_checklist",
                        &[("done", "0"), ("total", &cl.item_count().to_string())],
                    ),
                },
                scale: if cl.scale.iter().eq(DEFAULT_SCALE.iter()) {
                    ["scale_1", "scale_2", "scale_3", "scale_4", "scale_5"]
                        .iter()
                        .map(|k| self.t(k).to_string())
                        .collect()
                } else {
                    cl.scale.clone()
                },
                sections,
            },
        );
        let link = |j: usize| {
            self.book.checklists.get(j).map(|x| LinkCtx {
                title: x.title.clone(),
                url: self.url(path, variant, &x.route),
                current: false,
                text_attrs: self.langs.text_attrs(&x.text_language),
            })
        };
        c.insert("prev", &idx.checked_sub(1).and_then(link));
        c.insert("next", &link(idx + 1));
        let html = self.render_template("checklist.html", &c)?;
        let body = checklist_body(cl).into();
        Ok((html, Some(self.checklist_text(cl, variant, path, body))))
    }

    /// A checklist's text for search, with its `body` (see `checklist_body`).
    pub(super) fn checklist_text(
        &self,
        cl: &Checklist,
        variant: Variant,
        path: &str,
        body: Arc<str>,
    ) -> PageText {
        PageText {
            route: route_of(path),
            variant,
            kind: "checklist".into(),
            title: cl.title.clone(),
            summary: cl.summary.clone(),
            headings: cl.sections.iter().map(|s| s.title.clone()).collect(),
            body,
            audience: cl.audience.iter().map(|a| a.key().to_string()).collect(),
            level: Some(cl.level.key().into()),
        }
    }

    pub(super) fn checklists(
        &self,
        job: Job,
        variant: Variant,
        path: &str,
    ) -> Result<String, RenderError> {
        let title = self.t("checklists_title");
        let mut c = self.base_context(job, variant, path, title, "checklists");
        c.insert(
            "page",
            &PageCtx {
                title: title.into(),
                summary: Some(self.t("checklists_summary").into()),
                ..Default::default()
            },
        );
        #[derive(Serialize)]
        struct L<'s> {
            key: &'static str,
            short: &'s str,
        }
        let levels: Vec<L> = Level::ALL
            .iter()
            .map(|l| L {
                key: l.key(),
                short: self.t(level_short_key(*l)),
            })
            .collect();
        c.insert("levels", &levels);
        let groups: Vec<GroupCtx> = Level::ALL
            .iter()
            .map(|l| GroupCtx {
                title: self.t(level_key(*l)).to_string(),
                intro: None,
                items: self
                    .book
                    .checklists
                    .iter()
                    .filter(|x| x.level == *l)
                    .map(|x| CardCtx {
                        title: x.title.clone(),
                        url: self.url(path, variant, &x.route),
                        summary: Some(x.summary.clone()),
                        when: Some(x.when.clone()),
                        symbol: self.symbol_url(path, x.symbol.as_deref()),
                        level: Some(x.level.key().into()),
                        audience: x.audience.iter().map(|a| a.key().to_string()).collect(),
                        text_attrs: self.langs.text_attrs(&x.text_language),
                        meta: Some(match x.kind {
                            ChecklistKind::Rating => {
                                self.loc
                                    .strings
                                    .count("rating_list_meta", x.item_count(), &[])
                            }
                            ChecklistKind::Checklist => {
                                self.loc
                                    .strings
                                    .count("checklist_meta", x.item_count(), &[])
                            }
                        }),
                    })
                    .collect(),
            })
            .filter(|g| !g.items.is_empty())
            .collect();
        c.insert("listing", &groups);
        self.render_template("checklists.html", &c)
    }
}

/// A checklist's body text for search: its summary, when to use it, then each section's
/// title and items (with why they matter), a line each.
pub(super) fn checklist_body(cl: &Checklist) -> String {
    let mut body = format!("{}\n{}\n", cl.summary, cl.when);
    for s in &cl.sections {
        body.push_str(&s.title);
        body.push('\n');
        for it in &s.items {
            body.push_str(&it.text);
            body.push('\n');
            if let Some(w) = &it.why {
                body.push_str(w);
                body.push('\n');
            }
        }
    }
    body
}

/// The key of a level's label in the theme's strings.
pub(super) fn level_key(l: Level) -> &'static str {
    match l {
        Level::Individual => "level_individual",
        Level::Operational => "level_operational",
        Level::Strategic => "level_strategic",
    }
}

/// The key of a level's one-word name in the theme's strings.
pub(super) fn level_short_key(l: Level) -> &'static str {
    match l {
        Level::Individual => "level_individual_short",
        Level::Operational => "level_operational_short",
        Level::Strategic => "level_strategic_short",
    }
}
