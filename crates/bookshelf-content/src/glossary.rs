//! Reading `glossary.yaml` (entry by entry, so every bad entry is reported) and `symbols.yaml`.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use serde::Deserialize;

use crate::checklist::find_from;
use crate::diagnostic::Diagnostic;
use crate::model::{Glossary, Symbols, Term};
use crate::slug::{did_you_mean, is_slug, slugify};
use crate::yaml::{parse_yaml, token_span};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTerm {
    term: String,
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    abbreviations: Vec<String>,
    #[serde(default)]
    aliases: Vec<String>,
    plain: String,
    #[serde(default)]
    easy: Option<String>,
    #[serde(default)]
    more: Option<String>,
    #[serde(default)]
    symbol: Option<String>,
    #[serde(default)]
    see_also: Vec<String>,
    #[serde(default)]
    say_instead: Option<String>,
}

/// Split a top-level YAML list into its entries' byte ranges; `None` if it is not one.
fn entries(text: &str) -> Option<Vec<std::ops::Range<usize>>> {
    let mut starts = Vec::new();
    let mut pos = 0;
    let mut before_first_ok = true;
    for line in text.split_inclusive('\n') {
        let t = line.trim_end();
        if t == "-" || t.starts_with("- ") {
            starts.push(pos);
        } else if starts.is_empty() {
            let s = t.trim();
            if !(s.is_empty() || s.starts_with('#') || s == "---") {
                before_first_ok = false;
            }
        } else if !(t.is_empty() || t.starts_with(' ') || t.starts_with('#') || t.starts_with('\t'))
        {
            // Something at column 0 that is not a new entry: let the whole-file parse report it.
            return None;
        }
        pos += line.len();
    }
    if !before_first_ok {
        return None;
    }
    let mut ranges = Vec::new();
    for (i, &s) in starts.iter().enumerate() {
        let e = starts.get(i + 1).copied().unwrap_or(text.len());
        ranges.push(s..e);
    }
    Some(ranges)
}

/// Parse the glossary. Terms whose entries fail are left out (with an error each).
pub(crate) fn parse(path: &Path, text: &str, diags: &mut Vec<Diagnostic>) -> Glossary {
    let mut raws: Vec<(RawTerm, std::ops::Range<usize>)> = Vec::new();
    match entries(text) {
        Some(ranges) => {
            for r in ranges {
                let chunk = &text[r.clone()];
                if let Some(mut list) =
                    parse_yaml::<Vec<RawTerm>>(path, text, r.start, chunk, diags)
                {
                    if let Some(t) = list.pop() {
                        raws.push((t, r));
                    }
                }
            }
        }
        None => {
            if let Some(list) = parse_yaml::<Vec<RawTerm>>(path, text, 0, text, diags) {
                raws = list.into_iter().map(|t| (t, 0..text.len())).collect();
            }
        }
    }
    let mut terms = Vec::new();
    let mut slugs: HashMap<String, usize> = HashMap::new();
    let mut names: HashMap<String, String> = HashMap::new();
    let mut pending_see: Vec<Vec<String>> = Vec::new();
    for (raw, span) in &raws {
        let at = find_from(text, span.start, &raw.term);
        let slug = match &raw.id {
            Some(id) => {
                if !is_slug(id) {
                    let id_at = find_from(text, span.start, "id:");
                    diags.push(
                        Diagnostic::error("bad-value", format!("glossary id `{id}` is not a slug"))
                            .at(path, token_span(text, id_at))
                            .help(format!(
                                "use lower-case letters, digits and hyphens, e.g. `{}`",
                                slugify(id)
                            )),
                    );
                }
                id.clone()
            }
            None => slugify(&raw.term),
        };
        if raw.term.trim().is_empty() || raw.plain.trim().is_empty() {
            let key = if raw.term.trim().is_empty() {
                "term"
            } else {
                "plain"
            };
            let key_at = find_from(text, span.start, &format!("{key}:"));
            diags.push(
                Diagnostic::error("missing-key", format!("the `{key}` is empty"))
                    .at(path, token_span(text, key_at))
                    .help(format!("write the {key} after `{key}:`")),
            );
        }
        if let Some(&first) = slugs.get(&slug) {
            diags.push(
                Diagnostic::error(
                    "duplicate-id",
                    format!("the glossary has `{}` twice", raw.term),
                )
                .at(path, token_span(text, at))
                .label(
                    raws[first].1.start..raws[first].1.start + 1,
                    "first defined here",
                )
                .help("merge the two entries, or give one an `id:` of its own"),
            );
            continue;
        }
        slugs.insert(slug.clone(), terms.len());
        // Every name (term, abbreviation, alias) must point at one term only.
        let mut own = vec![raw.term.to_lowercase()];
        own.extend(raw.abbreviations.iter().cloned());
        own.extend(raw.aliases.iter().map(|a| a.to_lowercase()));
        own.sort();
        own.dedup();
        for name in own {
            if let Some(other) = names.get(&name) {
                let name_at = find_from(text, span.start, name.as_str());
                diags.push(
                    Diagnostic::error(
                        "duplicate-id",
                        format!("`{name}` already names the term `{other}`"),
                    )
                    .at(path, token_span(text, name_at))
                    .help("a word or abbreviation may belong to one glossary term only"),
                );
            } else {
                names.insert(name, raw.term.clone());
            }
        }
        crate::raw_html::check_yaml_field(
            path,
            text,
            span.start,
            "more",
            raw.more.as_deref(),
            false,
            diags,
        );
        pending_see.push(raw.see_also.clone());
        terms.push(Term {
            route: format!("glossary/{slug}/"),
            slug,
            term: raw.term.trim().to_string(),
            abbreviations: raw.abbreviations.clone(),
            aliases: raw.aliases.clone(),
            plain: raw.plain.trim().to_string(),
            easy: raw.easy.as_ref().map(|s| s.trim().to_string()),
            more: raw.more.clone(),
            symbol: raw.symbol.clone(),
            see_also: Vec::new(),
            say_instead: raw.say_instead.clone(),
            span: span.clone(),
        });
    }
    // Resolve see_also by term, abbreviation or id.
    let lookup = |name: &str| -> Option<String> {
        terms.iter().find_map(|t| {
            (t.term.eq_ignore_ascii_case(name)
                || t.slug == name
                || t.abbreviations.iter().any(|a| a == name))
            .then(|| t.slug.clone())
        })
    };
    let mut resolved = Vec::new();
    for (t, raw_see) in terms.iter().zip(&pending_see) {
        let mut see = Vec::new();
        for name in raw_see {
            match lookup(name) {
                Some(s) if s != t.slug => see.push(s),
                Some(_) => {}
                None => {
                    let see_at = find_from(text, find_from(text, t.span.start, "see_also"), name);
                    let hint = did_you_mean(name, terms.iter().map(|t| t.term.as_str()));
                    diags.push(
                        Diagnostic::error(
                            "unknown-see-also",
                            format!("`{name}` is not a term in the glossary"),
                        )
                        .at(path, token_span(text, see_at))
                        .help(match hint {
                            Some(h) => format!("did you mean `{h}`?"),
                            None => {
                                "add that term to the glossary, or remove it from `see_also`".into()
                            }
                        }),
                    );
                }
            }
        }
        resolved.push(see);
    }
    for (t, see) in terms.iter_mut().zip(resolved) {
        t.see_also = see;
    }
    terms.sort_by_key(|t| t.term.to_lowercase());
    Glossary {
        terms,
        path: Some(path.to_path_buf()),
        revision: 0,
    }
}

/// Parse `symbols.yaml`: a mapping of word or phrase to symbol name.
pub(crate) fn parse_symbols(path: &Path, text: &str, diags: &mut Vec<Diagnostic>) -> Symbols {
    let Some(raw) = parse_yaml::<BTreeMap<String, String>>(path, text, 0, text, diags) else {
        return Symbols::default();
    };
    let mut map = BTreeMap::new();
    let mut lines = BTreeMap::new();
    for (k, v) in raw {
        let key = k.trim().to_lowercase();
        let at = text.find(&format!("{k}:")).unwrap_or(0);
        if v.trim().is_empty() {
            diags.push(
                Diagnostic::error("missing-key", format!("`{k}` has no symbol name"))
                    .at(path, token_span(text, at))
                    .help("write a symbol name after the colon, e.g. `meeting: handshake`"),
            );
            continue;
        }
        lines.insert(key.clone(), at);
        map.insert(key, v.trim().to_string());
    }
    Symbols {
        map,
        lines,
        path: Some(path.to_path_buf()),
        revision: 0,
    }
}
