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

/// Where the front matter's YAML and the body are, in a Markdown file.
fn front_matter(text: &str) -> (Option<Range<usize>>, Range<usize>) {
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let mut lines = Lines::new(text, start);
    match lines.next() {
        Some(first) if text[first.clone()].trim_end() == "---" => {}
        _ => return (None, start..text.len()),
    }
    let yaml_start = lines.pos;
    for line in lines.by_ref() {
        let l = text[line.clone()].trim_end();
        if l == "---" || l == "..." {
            return (Some(yaml_start..line.start), line.end..text.len());
        }
    }
    (None, start..text.len())
}

/// The lines (with their ends) of `text` from `pos`.
struct Lines<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str, pos: usize) -> Self {
        Self { text, pos }
    }
}

impl Iterator for Lines<'_> {
    type Item = Range<usize>;
    fn next(&mut self) -> Option<Range<usize>> {
        if self.pos >= self.text.len() {
            return None;
        }
        let start = self.pos;
        self.pos = self.text[start..]
            .find('\n')
            .map_or(self.text.len(), |i| start + i + 1);
        Some(start..self.pos)
    }
}

fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

fn is_content(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty() && !t.starts_with('#')
}

/// An `allow:` key found in YAML: its lines and the lines of the mapping it belongs to.
struct Block {
    key: usize,
    block: Range<usize>,
    scope: Range<usize>,
    whole_file: bool,
}

fn allow_blocks(text: &str, within: Range<usize>) -> Vec<Block> {
    let lines: Vec<Range<usize>> = Lines::new(&text[..within.end], within.start).collect();
    let mut out = Vec::new();
    for (i, r) in lines.iter().enumerate() {
        let line = &text[r.clone()];
        let indent = indent_of(line);
        let rest = &line[indent..];
        if !(rest.starts_with("allow:") || rest.starts_with("\"allow\":")) {
            continue;
        }
        // The lines of the block: more indented than the key, or blank.
        let mut end = i + 1;
        while end < lines.len() {
            let l = &text[lines[end].clone()];
            if is_content(l) && indent_of(l) <= indent {
                break;
            }
            end += 1;
        }
        let block = r.start..lines.get(end - 1).map_or(r.end, |l| l.end);
        let (scope, whole_file) = if indent == 0 {
            (within.clone(), true)
        } else {
            // The mapping it is a key of: back to the first line less indented (an item's
            // `- ` line, or the parent key), on to the next line as little indented as that.
            let parent = lines[..i].iter().rposition(|p| {
                is_content(&text[p.clone()]) && indent_of(&text[p.clone()]) < indent
            });
            match parent {
                Some(p) => {
                    let pi = indent_of(&text[lines[p].clone()]);
                    let stop = lines[i + 1..]
                        .iter()
                        .find(|l| {
                            is_content(&text[(*l).clone()]) && indent_of(&text[(*l).clone()]) <= pi
                        })
                        .map_or(within.end, |l| l.start);
                    (lines[p].start..stop, false)
                }
                None => (within.clone(), true),
            }
        };
        out.push(Block {
            key: r.start + indent,
            block,
            scope,
            whole_file,
        });
    }
    out
}

fn yaml_allows(file: &Path, text: &str, within: Range<usize>, out: &mut Vec<Allow>) {
    for b in allow_blocks(text, within) {
        // The block alone, from its key: `allow:` and its more indented lines.
        let src = &text[b.key..b.block.end];
        let parsed: Result<serde_yaml::Value, _> = serde_yaml::from_str(src);
        let value = parsed
            .ok()
            .and_then(|v| v.get("allow").cloned())
            .unwrap_or(serde_yaml::Value::Null);
        let push = |rules: &str, reason: String, out: &mut Vec<Allow>| {
            let at = src
                .find(rules)
                .map_or(b.key..b.key + 5, |i| b.key + i..b.key + i + rules.len());
            out.push(Allow {
                file: file.to_path_buf(),
                rules: split_rules(rules),
                reason,
                at,
                scope: b.scope.clone(),
                whole_file: b.whole_file,
            });
        };
        match value {
            serde_yaml::Value::Mapping(map) => {
                for (k, v) in map {
                    let Some(rules) = k.as_str() else { continue };
                    let reason = v.as_str().unwrap_or("").trim().to_string();
                    push(rules, reason, out);
                }
            }
            // `allow: PL2` names rules without a reason.
            serde_yaml::Value::String(rules) => push(&rules, String::new(), out),
            _ => push("allow", String::new(), out),
        }
    }
}

fn split_rules(rules: &str) -> Vec<String> {
    rules
        .split([' ', ',', '\t'])
        .filter(|r| !r.is_empty())
        .map(str::to_string)
        .collect()
}

const OPEN: &str = "<!--";
const CLOSE: &str = "-->";

fn markdown_allows(file: &Path, text: &str, body: Range<usize>, out: &mut Vec<Allow>) {
    let lines: Vec<Range<usize>> = Lines::new(&text[..body.end], body.start).collect();
    let mut fence: Option<&str> = None;
    let is_heading = |l: &str| {
        let t = l.trim_start_matches(' ');
        let hashes = t.len() - t.trim_start_matches('#').len();
        indent_of(l) < 4
            && (1..=6).contains(&hashes)
            && (t[hashes..].is_empty() || t[hashes..].starts_with([' ', '\t', '\n', '\r']))
    };
    let mut headings = Vec::new();
    let mut found = Vec::new();
    for (i, r) in lines.iter().enumerate() {
        let line = &text[r.clone()];
        let t = line.trim_start();
        if let Some(f) = fence {
            if t.starts_with(f) {
                fence = None;
            }
            continue;
        }
        if t.starts_with("```") || t.starts_with("~~~") {
            fence = Some(&t[..3]);
            continue;
        }
        if is_heading(line) {
            headings.push(i);
        }
        let mut from = 0;
        while let Some(o) = line[from..].find(OPEN) {
            let start = from + o;
            let Some(c) = line[start..].find(CLOSE) else {
                break;
            };
            let inner = line[start + OPEN.len()..start + c].trim();
            from = start + c + CLOSE.len();
            let Some(rest) = inner.strip_prefix("allow") else {
                continue;
            };
            if !rest.starts_with([' ', ':']) {
                continue;
            }
            let (rules, reason) = rest.split_once(':').unwrap_or((rest, ""));
            let alone = line[..start].trim().is_empty() && line[from..].trim().is_empty();
            found.push((
                i,
                r.start + start..r.start + from,
                split_rules(rules),
                reason.trim().to_string(),
                alone,
            ));
        }
    }
    for (i, at, rules, reason, alone) in found {
        let scope = if alone {
            // Up to the next heading; a heading just below the comment is the one it covers.
            let first = (i + 1..lines.len()).find(|&j| !text[lines[j].clone()].trim().is_empty());
            let after = first.map_or(i + 1, |j| j + 1);
            let stop = headings
                .iter()
                .find(|&&h| h >= after)
                .map_or(body.end, |&h| lines[h].start);
            at.start..stop
        } else {
            lines[i].clone()
        };
        out.push(Allow {
            file: file.to_path_buf(),
            rules,
            reason,
            at,
            scope,
            whole_file: false,
        });
    }
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
