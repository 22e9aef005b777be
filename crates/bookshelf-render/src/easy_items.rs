//! Easy read made from a checklist item's or a definition's staff text (issue 23, ER1, ER8):
//! one sentence a line, and no bold (the reader should not meet a whole item in bold).

/// The lines of an automatic easy read of `text`: its sentences, bold markers taken out.
///
/// ```
/// let lines = bookshelf_render::easy_items::lines("**Ask** the family. Then write it down.");
/// assert_eq!(lines, ["Ask the family.", "Then write it down."]);
/// ```
pub fn lines(text: &str) -> Vec<String> {
    let plain = text.replace("**", "").replace("__", "");
    let mut out = Vec::new();
    let mut last = 0;
    for s in bookshelf_text::sentences::starts(&plain) {
        out.push(plain[last..s].trim().to_string());
        last = s;
    }
    out.push(plain[last..].trim().to_string());
    out.retain(|l| !l.is_empty());
    out
}

/// The HTML of several lines inside one item's label: each its own `er-line` (picture and
/// sentence side by side); a single line is left as it is.
pub(crate) fn join(lines: impl Iterator<Item = String>) -> String {
    let lines: Vec<String> = lines.collect();
    if lines.len() == 1 {
        return lines.into_iter().next().unwrap_or_default();
    }
    lines
        .iter()
        .map(|l| format!("<span class=\"er-line\">{l}</span>"))
        .collect()
}
