//! Deliberate exceptions, as Vale and ESLint allow them: an editor names the rules a page, a
//! section or a line breaks on purpose, and why; `check` then leaves those warnings out of
//! its count, lists them in its summary, and warns about an allow that matches nothing or
//! gives no reason.
//!
//! Two ways to write one:
//! - in Markdown, a comment `<!-- allow PL2 ER10: reason -->`. At the end of a line of text it
//!   covers that line; on a line of its own it covers the section, up to the next heading (a
//!   heading just below it starts the section it covers);
//! - in YAML (front matter, checklists, the glossary, symbols, translations), a key
//!   `allow:` whose value maps rules to the reason (`PL2 ER10: reason`). At the top level it
//!   covers the whole file (a page); inside an item or entry it covers that item.
//!
//! The API for other checks: any warning with a file and a span (Markdown or YAML) is matched
//! by [`apply`], so a new check needs nothing more than to report its warnings located in
//! their file. The YAML reader ([`mask_yaml`]) hides `allow:` keys from the typed parse, so no
//! schema has to list them.

use std::borrow::Cow;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::diagnostic::{Diagnostic, Severity, SourceMap};

mod markdown;
mod yaml;

use markdown::{markdown_allows, CLOSE, OPEN};
use yaml::{allow_blocks, front_matter, yaml_allows};

/// One deliberate exception, as written in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Allow {
    /// The file it is written in (relative to the book root).
    pub file: PathBuf,
    /// The rule codes it allows (`PL2`, `ER10`, `unknown-symbol`).
    pub rules: Vec<String>,
    /// Why; empty when none was given.
    pub reason: String,
    /// Where it is written.
    pub at: Range<usize>,
    /// The bytes it covers; a warning with no span is covered only by a whole-file allow.
    pub scope: Range<usize>,
    /// Whether it covers the whole file.
    pub whole_file: bool,
}

/// A warning left out of the count on purpose, and the reason given.
#[derive(Debug, Clone, Serialize)]
pub struct Allowed {
    /// The rule code.
    pub code: String,
    /// The file of the warning.
    pub file: String,
    /// The 1-based line of the warning (0 when it has no place).
    pub line: usize,
    /// The reason written with the allow.
    pub reason: String,
}

/// The allows written in one file: Markdown comments and a front matter `allow:` key in a
/// `.md` file, `allow:` keys in a `.yaml`/`.yml` file.
pub fn find(file: &Path, text: &str) -> Vec<Allow> {
    let ext = file.extension().and_then(|e| e.to_str()).unwrap_or("");
    let mut out = Vec::new();
    match ext {
        "md" => {
            let (yaml, body) = front_matter(text);
            if let Some(yaml) = yaml {
                yaml_allows(file, text, yaml, &mut out);
            }
            markdown_allows(file, text, body, &mut out);
        }
        "yaml" | "yml" => yaml_allows(file, text, 0..text.len(), &mut out),
        _ => {}
    }
    out
}

impl Allow {
    /// Whether this allow covers a warning of rule `code` at `span` (`None`: the whole file).
    pub fn covers(&self, code: &str, span: Option<&Range<usize>>) -> bool {
        self.rules.iter().any(|r| r.eq_ignore_ascii_case(code))
            && match span {
                Some(s) => self.whole_file || self.scope.contains(&s.start),
                None => self.whole_file,
            }
    }
}

/// Remove the warnings that an allow in their file covers (errors are never allowed).
/// Returns what was allowed, and adds a warning for each allow without a reason
/// (`allow-reason-missing`) and each that matched nothing (`allow-unused`).
pub fn apply(diags: &mut Vec<Diagnostic>, sources: &SourceMap) -> Vec<Allowed> {
    let mut allows: Vec<Allow> = sources
        .files()
        .flat_map(|(path, text)| find(path, text))
        .collect();
    allows.sort_by(|a, b| (&a.file, a.at.start).cmp(&(&b.file, b.at.start)));
    let mut used = vec![false; allows.len()];
    let mut allowed = Vec::new();
    diags.retain(|d| {
        if d.severity != Severity::Warning {
            return true;
        }
        let Some(file) = &d.file else { return true };
        let hit = allows
            .iter()
            .position(|a| &a.file == file && a.covers(&d.code, d.span.as_ref()));
        let Some(i) = hit else { return true };
        used[i] = true;
        let line = d
            .span
            .as_ref()
            .and_then(|s| sources.line_col(file, s.start))
            .map_or(0, |(l, _)| l);
        allowed.push(Allowed {
            code: d.code.clone(),
            file: file.to_string_lossy().replace('\\', "/"),
            line,
            reason: allows[i].reason.clone(),
        });
        false
    });
    for (a, used) in allows.iter().zip(used) {
        if a.reason.trim().is_empty() {
            diags.push(
                Diagnostic::warning("allow-reason-missing", format!("this allow of `{}` gives no reason", a.rules.join(" ")))
                    .at(&a.file, a.at.clone())
                    .help("say why the rule does not fit here, after a colon: `<!-- allow PL2: this page explains these words -->` or `PL2: this page explains these words` under `allow:`"),
            );
        }
        if !used {
            diags.push(
                Diagnostic::warning(
                    "allow-unused",
                    format!("this allow of `{}` no longer matches any warning", a.rules.join(" ")),
                )
                .at(&a.file, a.at.clone())
                .help("remove it, or check the rule names (`bookshelf check --format short` shows each warning's code)"),
            );
        }
    }
    crate::diagnostic::sort(diags);
    allowed
}

/// Whether a piece of raw HTML is an allow comment (`<!-- allow PL2: reason -->`): notes to
/// editors, left out of the published page.
pub fn is_allow_comment(html: &str) -> bool {
    html.trim()
        .strip_prefix(OPEN)
        .and_then(|c| c.strip_suffix(CLOSE))
        .and_then(|c| c.trim().strip_prefix("allow"))
        .is_some_and(|rest| rest.starts_with([' ', ':']))
}

/// Hide the `allow:` keys of a YAML text from the typed parse, keeping every byte offset:
/// each line of an `allow:` block becomes a comment.
pub fn mask_yaml(text: &str) -> Cow<'_, str> {
    let blocks = allow_blocks(text, 0..text.len());
    if blocks.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut bytes = text.as_bytes().to_vec();
    for b in blocks {
        let mut pos = b.block.start;
        for line in text[b.block.clone()].split_inclusive('\n') {
            let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
            if indent < line.trim_end().len() {
                // The first character's bytes, each replaced by an ASCII byte: still UTF-8,
                // and the same length (a character such as `©` has more than one byte).
                let first = line[indent..].chars().next().map_or(1, char::len_utf8);
                bytes[pos + indent..pos + indent + first].fill(b'#');
            }
            pos += line.len();
        }
    }
    Cow::Owned(String::from_utf8(bytes).expect("ASCII replaced by ASCII"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn allows(name: &str, text: &str) -> Vec<(Vec<String>, String, String, bool)> {
        find(Path::new(name), text)
            .into_iter()
            .map(|a| (a.rules, a.reason, text[a.scope].to_string(), a.whole_file))
            .collect()
    }

    #[test]
    fn a_comment_at_the_end_of_a_line_covers_the_line() {
        let text = "---\ntitle: T\n---\nOne.\nTwo <!-- allow PL2: a quote --> here.\nThree.\n";
        let a = allows("a.md", text);
        assert_eq!(a.len(), 1);
        assert_eq!(a[0].0, vec!["PL2"]);
        assert_eq!(a[0].1, "a quote");
        assert_eq!(a[0].2, "Two <!-- allow PL2: a quote --> here.\n");
    }

    #[test]
    fn a_comment_alone_covers_the_section_it_heads() {
        let text =
            "---\ntitle: T\n---\n<!-- allow PL2 ER10: words explained -->\n## A\nx\n## B\ny\n";
        let a = allows("a.md", text);
        assert_eq!(a[0].0, vec!["PL2", "ER10"]);
        assert_eq!(
            a[0].2,
            "<!-- allow PL2 ER10: words explained -->\n## A\nx\n"
        );
        let inside = "---\ntitle: T\n---\n## A\n<!-- allow PL2: r -->\nx\n## B\ny\n";
        assert_eq!(allows("a.md", inside)[0].2, "<!-- allow PL2: r -->\nx\n");
    }

    #[test]
    fn comments_in_code_and_other_comments_are_not_allows() {
        let text = "---\ntitle: T\n---\n```\n<!-- allow PL2: r -->\n```\n<!-- allowance -->\n<!-- note -->\n";
        assert!(allows("a.md", text).is_empty());
    }

    #[test]
    fn front_matter_key_covers_the_page_and_is_hidden_from_the_parse() {
        let text =
            "---\ntitle: T\nallow:\n  PL2: this page explains words\n  ER10 PL3:\n---\nBody\n";
        let a = allows("a.md", text);
        assert_eq!(a.len(), 2);
        assert!(a.iter().all(|x| x.3));
        assert_eq!(a[0].1, "this page explains words");
        assert_eq!(a[1].0, vec!["ER10", "PL3"]);
        assert_eq!(a[1].1, "");
        let yaml = "title: T\nallow:\n  PL2: x\nsummary: S\n";
        let masked = mask_yaml(yaml);
        assert_eq!(masked.len(), yaml.len());
        let v: serde_yaml::Value = serde_yaml::from_str(&masked).unwrap();
        assert!(v.get("allow").is_none());
        assert_eq!(v.get("summary").and_then(|s| s.as_str()), Some("S"));
    }

    #[test]
    fn a_key_in_an_item_covers_the_item() {
        let text = "- term: A\n  plain: a\n  allow:\n    PL2: r\n- term: B\n  plain: b\n";
        let a = allows("glossary.yaml", text);
        assert_eq!(a.len(), 1);
        assert!(!a[0].3);
        assert_eq!(a[0].2, "- term: A\n  plain: a\n  allow:\n    PL2: r\n");
    }

    #[test]
    fn apply_keeps_errors_and_reports_unused_and_unreasoned_allows() {
        let text =
            "---\ntitle: T\n---\nHard word <!-- allow PL2: quoted -->\n<!-- allow PL9 -->\nx\n";
        let mut sources = SourceMap::default();
        sources.insert("a.md", text.into());
        let at = text.find("Hard").unwrap();
        let mut diags = vec![
            Diagnostic::warning("PL2", "w").at("a.md", at..at + 4),
            Diagnostic::error("PL2", "e").at("a.md", at..at + 4),
        ];
        let allowed = apply(&mut diags, &sources);
        assert_eq!(allowed.len(), 1);
        assert_eq!(allowed[0].reason, "quoted");
        let codes: Vec<&str> = diags.iter().map(|d| d.code.as_str()).collect();
        assert_eq!(codes, ["PL2", "allow-reason-missing", "allow-unused"]);
    }
}
