//! Allows written in YAML (`allow:` keys, in front matter or a YAML file) and the line
//! helpers the Markdown reader shares: where the front matter is, lines with their ends,
//! indents, and a list of rule codes.

use std::ops::Range;
use std::path::Path;

use super::Allow;

/// Where the front matter's YAML and the body are, in a Markdown file.
pub(super) fn front_matter(text: &str) -> (Option<Range<usize>>, Range<usize>) {
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
pub(super) struct Lines<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Lines<'a> {
    pub(super) fn new(text: &'a str, pos: usize) -> Self {
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

pub(super) fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

pub(super) fn is_content(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty() && !t.starts_with('#')
}

/// An `allow:` key found in YAML: its lines and the lines of the mapping it belongs to.
pub(super) struct Block {
    key: usize,
    pub(super) block: Range<usize>,
    scope: Range<usize>,
    whole_file: bool,
}

pub(super) fn allow_blocks(text: &str, within: Range<usize>) -> Vec<Block> {
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

pub(super) fn yaml_allows(file: &Path, text: &str, within: Range<usize>, out: &mut Vec<Allow>) {
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

pub(super) fn split_rules(rules: &str) -> Vec<String> {
    rules
        .split([' ', ',', '\t'])
        .filter(|r| !r.is_empty())
        .map(str::to_string)
        .collect()
}
