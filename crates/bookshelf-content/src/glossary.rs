//! Reading `glossary.yaml` (entry by entry, so every bad entry is reported) and `symbols.yaml`.

use std::collections::HashMap;
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

/// What an entry that failed still tells: the names it would have had. A link or `see_also`
/// to one of them is not reported again: one bad entry is one error, not one per use.
#[derive(Deserialize, Default)]
struct Names {
    #[serde(default)]
    term: Option<String>,
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    abbreviations: Vec<String>,
    #[serde(default)]
    aliases: Vec<String>,
}

/// The glossary, and what was lost with its broken entries.
pub(crate) struct Parsed {
    /// The entries that could be read.
    pub(crate) glossary: Glossary,
    /// The names (term, id, abbreviations, aliases) of entries that failed: links and
    /// `see_also`s to them are not reported again.
    pub(crate) failed_names: Vec<String>,
    /// The whole file failed: no link into the glossary can be checked.
    pub(crate) failed_all: bool,
}

/// The names of an entry that did not parse, read loosely: as YAML when its shape is wrong,
/// or from its `term:` and `id:` lines when it is not YAML at all.
fn names_of_failed(chunk: &str) -> Vec<String> {
    let names = serde_yaml::from_str::<Vec<serde_yaml::Value>>(chunk)
        .ok()
        .and_then(|mut l| l.pop())
        .and_then(|v| serde_yaml::from_value::<Names>(v).ok())
        .unwrap_or_else(|| {
            let value = |key: &str| {
                chunk.lines().find_map(|l| {
                    let l = l.trim_start().trim_start_matches("- ").trim_start();
                    let v = l.strip_prefix(key)?.strip_prefix(':')?.trim();
                    Some(v.trim_matches(['"', '\'']).to_string()).filter(|v| !v.is_empty())
                })
            };
            // `[EHCP, SEN]` on one line: what links name a term by.
            let list = |key: &str| -> Vec<String> {
                value(key).map_or_else(Vec::new, |v| {
                    v.trim_start_matches('[')
                        .trim_end_matches(']')
                        .split(',')
                        .map(|s| s.trim().trim_matches(['"', '\'']).to_string())
                        .filter(|s| !s.is_empty())
                        .collect()
                })
            };
            Names {
                term: value("term"),
                id: value("id"),
                abbreviations: list("abbreviations"),
                aliases: list("aliases"),
            }
        });
    let mut out: Vec<String> = names.term.iter().chain(&names.id).cloned().collect();
    out.extend(names.abbreviations);
    out.extend(names.aliases);
    out
}

/// Parse the glossary. Terms whose entries fail are left out (with an error each).
pub(crate) fn parse(path: &Path, text: &str, diags: &mut Vec<Diagnostic>) -> Parsed {
    let mut raws: Vec<(RawTerm, std::ops::Range<usize>)> = Vec::new();
    let mut failed_names = Vec::new();
    let mut failed_all = false;
    match entries(text) {
        Some(ranges) => {
            for r in ranges {
                let chunk = &text[r.clone()];
                match parse_yaml::<Vec<RawTerm>>(path, text, r.start, chunk, diags) {
                    Some(mut list) => {
                        if let Some(t) = list.pop() {
                            raws.push((t, r));
                        }
                    }
                    None => failed_names.extend(names_of_failed(chunk)),
                }
            }
        }
        None => match parse_yaml::<Vec<RawTerm>>(path, text, 0, text, diags) {
            Some(list) => raws = list.into_iter().map(|t| (t, 0..text.len())).collect(),
            None => failed_all = true,
        },
    }
    let mut terms = Vec::new();
    let mut slugs: HashMap<String, usize> = HashMap::new();
    let mut names: HashMap<String, (String, usize)> = HashMap::new();
    let mut pending_see: Vec<Vec<String>> = Vec::new();
    for (index, (raw, span)) in raws.iter().enumerate() {
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
            // Name the entry that repeats the id, and point back at the one that has it.
            let (first_raw, first_span) = &raws[first];
            let first_at = find_from(text, first_span.start, &first_raw.term);
            let (message, primary) = if first_raw.term.trim() == raw.term.trim() {
                (
                    format!("the glossary has `{}` twice", raw.term.trim()),
                    token_span(text, at),
                )
            } else {
                let id_at = match &raw.id {
                    Some(id) => find_from(text, find_from(text, span.start, "id:"), id),
                    None => at,
                };
                (
                    format!(
                        "`{}` has the id `{slug}`, which `{}` already has",
                        raw.term.trim(),
                        first_raw.term.trim()
                    ),
                    token_span(text, id_at),
                )
            };
            diags.push(
                Diagnostic::error("duplicate-id", message)
                    .at(path, primary)
                    .label(
                        token_span(text, first_at),
                        format!("`{}` is defined here", first_raw.term.trim()),
                    )
                    .help("merge the two entries, or give one an `id:` of its own"),
            );
            continue;
        }
        slugs.insert(slug.clone(), index);
        // Every name (term, abbreviation, alias) must point at one term only, compared
        // without case: a term `EHCP` and another's abbreviation `EHCP` would both answer
        // the same word, and one would silently take over the other's links and search.
        let locate = |key: &str, name: &str| {
            let from = find_from(text, span.start, key);
            let region = text.get(from..span.end.max(from)).unwrap_or("");
            region
                .to_ascii_lowercase()
                .find(&name.to_ascii_lowercase())
                .map_or(span.start, |i| from + i)
        };
        let mut own: Vec<(String, usize)> = vec![(raw.term.trim().to_lowercase(), at)];
        own.extend(
            raw.abbreviations
                .iter()
                .map(|a| (a.trim().to_lowercase(), locate("abbreviations:", a.trim()))),
        );
        own.extend(
            raw.aliases
                .iter()
                .map(|a| (a.trim().to_lowercase(), locate("aliases:", a.trim()))),
        );
        own.sort();
        own.dedup_by(|a, b| a.0 == b.0);
        for (name, name_at) in own {
            if let Some((other, other_at)) = names.get(&name) {
                let written = text
                    .get(token_span(text, name_at))
                    .unwrap_or(&name)
                    .to_string();
                diags.push(
                    Diagnostic::error(
                        "duplicate-name",
                        format!(
                            "`{written}` names two glossary entries: `{other}` and `{}`",
                            raw.term.trim()
                        ),
                    )
                    .at(path, token_span(text, name_at))
                    .label(
                        token_span(text, *other_at),
                        format!("`{other}` has it here"),
                    )
                    .help("a word or abbreviation may belong to one glossary entry only, or one takes over the other's links and search answers: remove it from one of them"),
                );
            } else {
                names.insert(name, (raw.term.trim().to_string(), name_at));
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
            text_language: String::new(),
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
    let failed = |name: &str| {
        failed_names
            .iter()
            .any(|f| f.eq_ignore_ascii_case(name) || slugify(f) == name)
    };
    let mut resolved = Vec::new();
    for (t, raw_see) in terms.iter().zip(&pending_see) {
        let mut see = Vec::new();
        for name in raw_see {
            match lookup(name) {
                Some(s) if s != t.slug => see.push(s),
                Some(_) => {}
                // That entry has its own error.
                None if failed(name) => {}
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
    Parsed {
        glossary: Glossary {
            terms,
            path: Some(path.to_path_buf()),
            revision: 0,
            translation: None,
        },
        failed_names,
        failed_all,
    }
}

/// Parse `symbols.yaml`: a mapping of word or phrase to symbol name (see [`crate::symbol_map`]).
pub(crate) fn parse_symbols(path: &Path, text: &str, diags: &mut Vec<Diagnostic>) -> Symbols {
    crate::symbol_map::parse(path, text, diags)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_broken_entry_still_names_itself() {
        let shape = "- term: Care plan\n  id: plan\n  abbreviations: [EHCP]\n  plian: x\n";
        assert_eq!(names_of_failed(shape), ["Care plan", "plan", "EHCP"]);
        let syntax = "- term: \"Care plan\"\n  abbreviations: [EHCP\n  plain: x\n";
        // The list left open still names what it was meant to.
        assert_eq!(names_of_failed(syntax), ["Care plan", "EHCP"]);
        let no_space =
            "- term: SEN coordinator\n  abbreviations: [SENCO, \"SENDCo\"]\n  plain:A teacher.\n";
        assert_eq!(
            names_of_failed(no_space),
            ["SEN coordinator", "SENCO", "SENDCo"]
        );
    }
}
