//! YAML mistakes in plain words: the parser says "mapping values are not allowed in this
//! context"; an editor needs "this title has a colon in it: put it in quotes". Each common
//! mistake (a colon or `#` in unquoted text, a tab, a list item out of line, one entry where a
//! list is needed, no space after `-` or `:`) is recognised from the text around where the
//! parser stopped, and told with what to write instead.

use std::ops::Range;
use std::path::Path;

use crate::diagnostic::Diagnostic;

mod hashes;

pub(crate) use hashes::hashes;

/// One line of the text: where it starts and its text without the line break.
#[derive(Clone, Copy)]
struct Line<'a> {
    start: usize,
    text: &'a str,
}

impl Line<'_> {
    fn indent(&self) -> usize {
        self.text.len() - self.text.trim_start_matches(' ').len()
    }
    fn is_content(&self) -> bool {
        let t = self.text.trim();
        !t.is_empty() && !t.starts_with('#')
    }
    /// `key: value` (after an optional `- `): the key, where the value starts, and the value.
    fn key_value(&self) -> Option<(&str, usize, &str)> {
        self.key_at().map(|(k, _, v, value)| (k, v, value))
    }

    /// As [`Line::key_value`], with where the key starts.
    fn key_at(&self) -> Option<(&str, usize, usize, &str)> {
        let mut at = self.indent();
        if self.text[at..].starts_with("- ") {
            at += 2 + self.text[at + 2..].len() - self.text[at + 2..].trim_start().len();
        }
        let rest = &self.text[at..];
        let colon = rest.find(':')?;
        let key = &rest[..colon];
        let ok = !key.is_empty()
            && key
                .chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '-');
        if !ok {
            return None;
        }
        let after = &rest[colon + 1..];
        if !(after.is_empty() || after.starts_with([' ', '\t'])) {
            return None;
        }
        let value = after.trim_start();
        Some((key, at, at + colon + 1 + (after.len() - value.len()), value))
    }
}

fn lines(text: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut start = 0;
    for l in text.split_inclusive('\n') {
        out.push(Line {
            start,
            text: l.trim_end_matches(['\n', '\r']),
        });
        start += l.len();
    }
    out
}

/// A plain scalar: not quoted, not a list, map, block, anchor, alias or tag.
fn is_plain(value: &str) -> bool {
    !value.is_empty() && !value.starts_with(['"', '\'', '[', '{', '|', '>', '&', '*', '!', '#'])
}

/// The value in quotes, as the editor should write it.
fn quoted(value: &str) -> String {
    if value.contains('"') && !value.contains('\'') {
        format!("'{value}'")
    } else {
        format!("\"{}\"", value.replace('\\', "\\\\").replace('"', "\\\""))
    }
}

/// A parser error explained in plain words, or `None` when none of the common mistakes
/// fits. `at` is where the parser stopped, in `text` (which starts at byte `base` of the
/// file); spans are given in the whole file.
pub(crate) fn explain(
    file: &Path,
    text: &str,
    base: usize,
    at: usize,
    raw: &str,
) -> Option<Diagnostic> {
    let all = lines(text);
    let here = all.iter().rposition(|l| l.start <= at).unwrap_or(0);
    let upto = &all[..=here.min(all.len().saturating_sub(1))];
    let d = |code: &str, message: String, span: Range<usize>, help: String| {
        Some(
            Diagnostic::error(code, message)
                .at(file, base + span.start..base + span.end)
                .help(help),
        )
    };
    // A tab in the indentation, on this line or above.
    if let Some(l) = upto.iter().find(|l| {
        let lead = l.text.len() - l.text.trim_start_matches([' ', '\t']).len();
        l.text[..lead].contains('\t')
    }) {
        let tab = l.start + l.text.find('\t').unwrap_or(0);
        return d(
            "yaml-tab",
            "this line is indented with a tab".into(),
            tab..tab + 1,
            "YAML needs spaces to indent: replace the tab with spaces, lined up with the lines around it".into(),
        );
    }
    // `-text:` — a list item without its space.
    if let Some(l) = upto.iter().find(|l| {
        let t = l.text.trim_start();
        t.starts_with('-') && t[1..].starts_with(|c: char| c.is_alphabetic())
    }) {
        let dash = l.start + l.indent();
        let fixed = format!("- {}", &l.text[l.indent() + 1..]);
        return d(
            "yaml-space-after",
            "a list item needs a space after its `-`".into(),
            dash..dash + 1,
            format!("write a space after the `-`: `{}`", fixed.trim_end()),
        );
    }
    // `title:Meetings` — a key without the space after its colon.
    if let Some((l, key, colon)) = upto.iter().find_map(|l| {
        let t = &l.text[l.indent()..];
        let t = t.strip_prefix("- ").unwrap_or(t);
        let colon = t.find(':')?;
        let key = &t[..colon];
        let next = t[colon + 1..].chars().next()?;
        let is_key = !key.is_empty()
            && key.chars().all(|c| c.is_ascii_lowercase() || c == '_')
            && !matches!(key, "http" | "https" | "mailto" | "tel");
        (is_key && !next.is_whitespace() && next != ':').then_some((l, key, colon))
    }) {
        let offset = l.start + (l.text.len() - l.text.trim_start_matches(['-', ' ']).len());
        let value = &l.text[offset - l.start + colon + 1..];
        return d(
            "yaml-space-after",
            format!("`{key}` needs a space after its colon"),
            offset + colon..offset + colon + 1,
            format!(
                "write a space after the colon: `{key}: {}`",
                value.trim_end()
            ),
        );
    }
    let line = upto.last()?;
    if raw.contains("mapping values are not allowed") {
        // `title: Meetings: what to expect` — a colon inside unquoted text.
        if let Some((key, v, value)) = line.key_value() {
            if is_plain(value) {
                if let Some(c) = value
                    .find(": ")
                    .or_else(|| value.ends_with(':').then(|| value.len() - 1))
                {
                    let colon = line.start + v + c;
                    return d(
                        "yaml-colon-in-text",
                        format!("this {key} has a colon in it"),
                        colon..colon + 1,
                        format!(
                            "put the whole {key} in quotes: {key}: {}",
                            quoted(value.trim_end())
                        ),
                    );
                }
            }
        }
        if let Some(d2) = out_of_line_key(file, base, &all, here) {
            return Some(d2);
        }
    }
    if raw.contains("did not find expected key")
        || raw.contains("did not find expected '-' indicator")
        || raw.contains("block sequence entries are not allowed")
    {
        // A `- ` item whose dash is not below the dash of the item above it.
        let item = all[..=here]
            .iter()
            .rev()
            .find(|l| l.is_content())
            .filter(|l| l.text.trim_start().starts_with("- "));
        if let Some(item) = item {
            let above = all[..here]
                .iter()
                .rev()
                .filter(|l| l.is_content())
                .find(|l| l.text.trim_start().starts_with("- ") && l.indent() != item.indent());
            if let Some(above) = above {
                let (n, m) = (item.indent(), above.indent());
                let dash = item.start + n;
                return Some(
                    Diagnostic::error(
                        "yaml-indent",
                        format!("this list item is indented {n} spaces, but the item above it {m}"),
                    )
                    .at(file, base + dash..base + dash + 1)
                    .label(
                        base + above.start + m..base + above.start + m + 1,
                        "the item above",
                    )
                    .help(format!(
                        "line up its `-` with the `-` of the item above: indent it {m} spaces"
                    )),
                );
            }
        }
        if let Some(d2) = out_of_line_key(file, base, &all, here) {
            return Some(d2);
        }
    }
    if raw.contains("invalid type: map") && raw.contains("expected a sequence") {
        // `sections:` followed by `title: …` instead of `- title: …`.
        let parent = all[..here]
            .iter()
            .rev()
            .filter(|l| l.is_content())
            .find(|l| l.indent() < line.indent() || l.text.trim_end().ends_with(':'))?;
        let (key, _, _) = parent.key_value()?;
        let first = line.text.trim();
        return d(
            "yaml-not-a-list",
            format!("`{key}` needs a list, but this is one entry without a `-`"),
            line.start + line.indent()..line.start + line.text.trim_end().len(),
            format!(
                "start each entry of `{key}` with `- `, e.g. `- {first}`, and line its other keys up with the text after the `- `"
            ),
        );
    }
    None
}

/// A `key:` line indented differently from the key above it in the same entry.
fn out_of_line_key(file: &Path, base: usize, all: &[Line<'_>], here: usize) -> Option<Diagnostic> {
    let line = all.get(here)?;
    let (key, n, _, _) = line.key_at()?;
    let above = all[..here].iter().rev().find(|l| l.is_content())?;
    let (above_key, m, _, above_value) = above.key_at()?;
    // A key with its value on the lines below opens a block: this line is inside it.
    if above_value.is_empty() || n == m {
        return None;
    }
    let at = line.start + n;
    Some(
        Diagnostic::error(
            "yaml-indent",
            format!("`{key}` is indented {n} spaces, but `{above_key}` above it {m}"),
        )
        .at(file, base + at..base + at + key.len())
        .label(
            base + above.start + m..base + above.start + m + above_key.len(),
            format!("`{above_key}` is here"),
        )
        .help(format!(
            "keys of the same entry line up: indent `{key}` {m} spaces, like `{above_key}`"
        )),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn explained(text: &str, raw: &str, at: usize) -> (String, String, String) {
        let d = explain(Path::new("a.yaml"), text, 0, at, raw).expect("explained");
        let span = d.span.expect("span");
        (
            d.code,
            d.message,
            format!("{}|{}", &text[span], d.help.unwrap_or_default()),
        )
    }

    #[test]
    fn a_colon_in_a_title_asks_for_quotes() {
        let text = "title: Meetings: what to expect\n";
        let (code, message, rest) =
            explained(text, "mapping values are not allowed in this context", 15);
        assert_eq!(code, "yaml-colon-in-text");
        assert_eq!(message, "this title has a colon in it");
        assert_eq!(
            rest,
            ":|put the whole title in quotes: title: \"Meetings: what to expect\""
        );
    }

    #[test]
    fn a_list_item_out_of_line_names_both_indents() {
        let text = "items:\n      - text: a\n     - text: b\n";
        let (code, message, _) = explained(text, "did not find expected key", 29);
        assert_eq!(code, "yaml-indent");
        assert_eq!(
            message,
            "this list item is indented 5 spaces, but the item above it 6"
        );
    }

    #[test]
    fn tabs_and_missing_spaces() {
        assert_eq!(explained("a: 1\n\tb: 2\n", "found a tab", 5).0, "yaml-tab");
        let (code, message, rest) = explained("title:Meetings\n", "invalid type", 0);
        assert_eq!(
            (code.as_str(), message.as_str()),
            ("yaml-space-after", "`title` needs a space after its colon")
        );
        assert_eq!(rest, ":|write a space after the colon: `title: Meetings`");
        assert_eq!(
            explained("items:\n  -text: a\n", "x", 9).0,
            "yaml-space-after"
        );
        assert!(explain(Path::new("a"), "more: see https://x.example\n", 0, 0, "x").is_none());
    }
}
