//! `#` in unquoted YAML text: after `key: ` the whole value is lost (an error); after words,
//! the rest of the line is dropped as a comment (a warning: it may be meant).

use std::path::Path;

use super::{is_plain, lines, quoted};
use crate::diagnostic::Diagnostic;

/// `#` in unquoted text: after `key: ` the whole value is lost (an error); after words, the
/// rest of the line is dropped as a comment (a warning: it may be meant).
pub(crate) fn hashes(file: &Path, text: &str, base: usize, diags: &mut Vec<Diagnostic>) {
    let all = lines(text);
    let mut block: Option<usize> = None;
    for (i, l) in all.iter().enumerate() {
        if let Some(indent) = block {
            if !l.is_content() || l.indent() > indent {
                continue;
            }
            block = None;
        }
        let Some((key, v, value)) = l.key_value() else {
            continue;
        };
        if value.starts_with(['|', '>']) {
            block = Some(l.indent());
            continue;
        }
        if let Some(comment) = value.strip_prefix('#') {
            // A comment after a key whose value follows on the lines below is fine.
            let next = all[i + 1..].iter().find(|n| n.is_content());
            // `# note` (a space after `#`) is a comment as written on purpose; `#1 tip` is text.
            let meant = comment.starts_with([' ', '\t']) || comment.trim().is_empty();
            if next.is_some_and(|n| n.indent() > l.indent()) || meant {
                continue;
            }
            let at = base + l.start + v;
            diags.push(
                Diagnostic::error(
                    "yaml-hash-in-text",
                    format!("this {key} starts with `#`, so YAML reads all of it as a comment"),
                )
                .at(file, at..at + 1)
                .help(format!(
                    "put the whole {key} in quotes: {key}: {}",
                    quoted(value.trim_end())
                )),
            );
            continue;
        }
        if !is_plain(value) {
            continue;
        }
        // ` #4` drops text; ` # note` is a comment written on purpose.
        let hash = value
            .match_indices(" #")
            .map(|(i, _)| i)
            .find(|&i| value[i + 2..].starts_with(|c: char| !c.is_whitespace()));
        if let Some(h) = hash {
            let at = base + l.start + v + h + 1;
            diags.push(
                Diagnostic::warning(
                    "yaml-hash-in-text",
                    format!("the words from `#` on are left out of this {key}: YAML reads ` #` as the start of a comment"),
                )
                .at(file, at..base + l.start + l.text.trim_end().len())
                .help(format!(
                    "put the whole {key} in quotes: {key}: {} (a comment goes on a line of its own)",
                    quoted(value.trim_end())
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_in_text() {
        let mut diags = Vec::new();
        hashes(
            Path::new("a.yaml"),
            "title: #1 tip\nsummary: Room #4\nsections: # the list\n  - a\nwhen: |\n  Week #2\nlevel: team # or individual\nsymbol: # none yet\n",
            0,
            &mut diags,
        );
        let got: Vec<_> = diags
            .iter()
            .map(|d| (d.code.as_str(), d.severity))
            .collect();
        assert_eq!(got.len(), 2, "{diags:#?}");
        assert!(diags[0].is_error());
        assert!(!diags[1].is_error());
        assert_eq!(diags[1].help.as_deref(), Some("put the whole summary in quotes: summary: \"Room #4\" (a comment goes on a line of its own)"));
    }
}
