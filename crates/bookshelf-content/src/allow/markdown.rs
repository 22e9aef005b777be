//! Allows written in Markdown: `<!-- allow PL2 ER10: reason -->` at the end of a line (that
//! line) or on a line of its own (the section it heads), never inside code or another comment.

use std::ops::Range;
use std::path::Path;

use super::yaml::{indent_of, split_rules, Lines};
use super::Allow;

pub(super) const OPEN: &str = "<!--";
pub(super) const CLOSE: &str = "-->";

pub(super) fn markdown_allows(file: &Path, text: &str, body: Range<usize>, out: &mut Vec<Allow>) {
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
