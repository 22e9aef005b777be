//! Scans of YAML text made before (or after) the parser reads it: how deep it nests, and
//! which quote was left open. Both are one pass over the text.

/// The deepest nesting of `[` and `{` a file may have. Deeper nesting is refused before the
/// parser sees it: the YAML parser's time grows with the square of the depth (100,000 levels
/// took 40 s), and no bookshelf file needs more than a handful of levels.
pub(crate) const MAX_DEPTH: usize = 128;

/// Where nesting first goes past [`MAX_DEPTH`], in one pass over the text. Quoted
/// values and comments are skipped, so brackets inside them do not count; brackets in
/// plain text only make the count higher, and only past `MAX_DEPTH` unclosed ones matter.
pub(crate) fn too_deep(text: &str) -> Option<usize> {
    too_deep_blocks(text).or_else(|| too_deep_flow(text))
}

/// Where indented blocks and `- ` items (`- - - x` nests three lists on one line) first go
/// past [`MAX_DEPTH`]: each line is one level deeper than the lines above it that are less
/// indented, plus one for each `- ` it starts with.
fn too_deep_blocks(text: &str) -> Option<usize> {
    let mut indents: Vec<usize> = Vec::new();
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let start = pos;
        pos += line.len();
        let indent = line.len() - line.trim_start_matches(' ').len();
        let rest = &line[indent..];
        if rest.trim().is_empty() || rest.starts_with('#') {
            continue;
        }
        while indents.last().is_some_and(|&i| i >= indent) {
            indents.pop();
        }
        indents.push(indent);
        let mut depth = indents.len();
        let mut at = start + indent;
        let mut rest = rest;
        while let Some(r) = rest.strip_prefix("- ") {
            depth += 1;
            if depth > MAX_DEPTH {
                return Some(at);
            }
            let r2 = r.trim_start_matches(' ');
            at += rest.len() - r2.len();
            rest = r2;
        }
        if depth > MAX_DEPTH {
            return Some(start + indent);
        }
    }
    None
}

/// Where `[`/`{` nesting first goes past [`MAX_DEPTH`].
fn too_deep_flow(text: &str) -> Option<usize> {
    let b = text.as_bytes();
    // Too few brackets to nest that deep: most files, told apart by a count the compiler
    // vectorises, without the byte-by-byte scan (which cost 4 % of loading 2,000 pages).
    if b.iter().filter(|&&c| c == b'[' || c == b'{').count() <= MAX_DEPTH {
        return None;
    }
    let mut depth = 0usize;
    // The byte before the current one: a quote or `#` starts a token only after these.
    let mut prev = b'\n';
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let token_start = matches!(
            prev,
            b' ' | b'\t' | b'\n' | b'\r' | b'[' | b'{' | b',' | b':' | b'-' | b'?'
        );
        match c {
            b'#' if matches!(prev, b' ' | b'\t' | b'\n' | b'\r') => {
                i = b[i..]
                    .iter()
                    .position(|&x| x == b'\n')
                    .map_or(b.len(), |n| i + n);
                prev = b'\n';
                continue;
            }
            b'"' if token_start => {
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'\'' if token_start => {
                i += 1;
                while i < b.len() {
                    if b[i] == b'\'' {
                        if b.get(i + 1) == Some(&b'\'') {
                            i += 1;
                        } else {
                            break;
                        }
                    }
                    i += 1;
                }
            }
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Some(i);
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        prev = b.get(i).copied().unwrap_or(c);
        i += 1;
    }
    None
}

/// The offset of the first quote that opens a value (after `key:`, `- ` or at the start of
/// a line) and is left open: it does not close on its own line, and the lines it runs on
/// over look like keys or items of their own (a value may go on over lines on purpose, but
/// not over its neighbours' keys).
pub(crate) fn unclosed_quote(text: &str) -> Option<usize> {
    let mut lines = Vec::new();
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        lines.push((pos, line.trim_end_matches(['\n', '\r'])));
        pos += line.len();
    }
    let mut i = 0;
    while i < lines.len() {
        let (start, body) = lines[i];
        i += 1;
        let Some(value) = quoted_value(body) else {
            continue;
        };
        let quote = if value.starts_with('"') { '"' } else { '\'' };
        if closes_on_line(&value[1..], quote) {
            continue;
        }
        let at = start + (body.len() - value.len());
        let indent = indent_of(body);
        let mut open = true;
        while open && i < lines.len() {
            let (_, next) = lines[i];
            if indent_of(next) <= indent && looks_like_key(next.trim_start()) {
                return Some(at);
            }
            open = !closes_on_line(next, quote);
            i += 1;
        }
        if open {
            return Some(at);
        }
    }
    None
}

/// The quoted value a line starts (`key: "…`, `- '…`), from its opening quote on.
fn quoted_value(body: &str) -> Option<&str> {
    let mut rest = body.trim_start();
    while let Some(r) = rest.strip_prefix("- ") {
        rest = r.trim_start();
    }
    if rest.starts_with('#') {
        return None;
    }
    // Past a plain `key:` to its value.
    if !rest.starts_with(['"', '\'']) {
        let i = rest.find(": ")?;
        if rest[..i].contains(['"', '\'', '#']) {
            return None;
        }
        rest = rest[i + 2..].trim_start();
    }
    rest.starts_with(['"', '\'']).then_some(rest)
}

fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// Does a line (without its indentation) start a key (`word: …`, `word:`) or an item (`- `)?
fn looks_like_key(rest: &str) -> bool {
    if rest.starts_with("- ") || rest == "-" {
        return true;
    }
    let key_end = rest
        .find(": ")
        .or_else(|| rest.strip_suffix(':').map(str::len));
    key_end.is_some_and(|i| i > 0 && !rest[..i].contains(['"', '\'', '#', '[', '{', ',', '.']))
}

/// Does a value quoted with `quote` end in `rest` (the line after its opening quote)?
fn closes_on_line(rest: &str, quote: char) -> bool {
    let mut chars = rest.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if quote == '"' => {
                chars.next();
            }
            '\'' if quote == '\'' && chars.peek() == Some(&'\'') => {
                chars.next();
            }
            c if c == quote => return true,
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_past_the_limit_is_found_at_its_bracket() {
        let deep = format!(
            "a: {}{}",
            "[".repeat(MAX_DEPTH + 5),
            "]".repeat(MAX_DEPTH + 5)
        );
        assert_eq!(too_deep(&deep), Some(3 + MAX_DEPTH));
        let ok = format!("a: {}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert_eq!(too_deep(&ok), None);
        // Brackets in quotes and comments do not count; closed ones give their level back.
        let quoted = format!(
            "a: \"{0}\"\nb: '{0}'\n# {0}\nc: {1}\n",
            "[".repeat(MAX_DEPTH + 1),
            "[]".repeat(MAX_DEPTH + 1)
        );
        assert_eq!(too_deep(&quoted), None);
        // An apostrophe inside a plain value is not a quote.
        let plain = format!("a: it's {}\n", "[".repeat(MAX_DEPTH + 1));
        assert_eq!(too_deep(&plain), Some(8 + MAX_DEPTH));
        // Block lists, on one line or indented a level a line.
        let compact = format!("a:\n{}x\n", "- ".repeat(MAX_DEPTH + 5));
        assert_eq!(too_deep(&compact), Some(3 + 2 * (MAX_DEPTH - 1)));
        let indented: String = (0..MAX_DEPTH + 5)
            .map(|i| format!("{}-\n", " ".repeat(i)))
            .collect();
        assert!(too_deep(&indented).is_some());
        let ok: String = (0..MAX_DEPTH - 1)
            .map(|i| format!("{}-\n", " ".repeat(i)))
            .collect();
        assert_eq!(too_deep(&ok), None);
    }

    #[test]
    fn an_unclosed_quote_is_found_on_its_own_line() {
        let text = "a: b\nc: \"d\ne: \"f\"\n- g: 'it''s\n";
        assert_eq!(unclosed_quote(text), Some(8));
        assert_eq!(unclosed_quote("a: \"b\"\n- 'c''d'\nit's: fine\n"), None);
        assert_eq!(unclosed_quote("a: b\n- x: 'c\n"), Some(10));
        // A quoted value that goes on over lines on purpose is not the one left open.
        let wrapped = "a: \"one\n  two\"\nb: [c\n";
        assert_eq!(unclosed_quote(wrapped), None);
        let wrapped_then_open = "a: \"one\n  two\"\nb: \"c\nd: e\n";
        assert_eq!(unclosed_quote(wrapped_then_open), Some(18));
    }
}
