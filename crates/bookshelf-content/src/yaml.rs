//! Reading YAML and TOML into typed values, turning parser errors into located diagnostics.

use std::ops::Range;
use std::path::Path;

use serde::de::DeserializeOwned;

use crate::diagnostic::{offset_of, Diagnostic};
use crate::slug::did_you_mean;
use crate::yaml_scan::{too_deep, unclosed_quote, MAX_DEPTH};

/// Parse `text` (which starts at byte `base` of `file`'s whole text `whole`) as YAML.
pub(crate) fn parse_yaml<T: DeserializeOwned>(
    file: &Path,
    whole: &str,
    base: usize,
    text: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<T> {
    // A byte-order mark (Windows editors write one) is not part of the first key.
    let (base, text) = match text.strip_prefix('\u{feff}') {
        Some(rest) => (base + '\u{feff}'.len_utf8(), rest),
        None => (base, text),
    };
    // `allow:` keys (deliberate exceptions, read by `allow::find`) are no part of any schema.
    let masked = crate::allow::mask_yaml(text);
    let text: &str = &masked;
    if let Some(at) = too_deep(text) {
        let at = base + at;
        diags.push(
            Diagnostic::error(
                "yaml-too-deep",
                format!("the YAML nests more than {MAX_DEPTH} levels deep here"),
            )
            .at(file, at..at + 1)
            .help("bookshelf files need only a few levels: close the `[` or `{` left open, or write the values out flat"),
        );
        return None;
    }
    // `#` in unquoted text is a comment to YAML: the text after it is silently lost.
    let before = diags.len();
    crate::yaml_plain::hashes(file, text, base, diags);
    if diags[before..].iter().any(Diagnostic::is_error) {
        return None;
    }
    match serde_yaml::from_str::<T>(text) {
        Ok(v) => Some(v),
        Err(err) => {
            let at = err
                .location()
                .map(|loc| base + offset_of(text, loc.line(), loc.column()))
                .unwrap_or(base);
            let raw = err.to_string();
            // The common mistakes, in plain words, where the fix belongs.
            if let Some(d) = crate::yaml_plain::explain(file, text, base, at - base, &raw) {
                diags.push(d);
                return None;
            }
            let mut d = from_serde_message(file, whole, at, &raw);
            if d.code == "syntax" {
                d.code = "yaml-syntax".into();
                // A quote left open on its line pairs with the next line's quote, and the
                // next, so the parser gives up far below it (line 263 for a quote opened on
                // line 19): the first value whose quote does not close on its own line,
                // before where the parser stopped, is what to fix.
                let stop = (at - base).min(text.len());
                let stop = text[stop..].find('\n').map_or(text.len(), |i| stop + i);
                let unclosed = unclosed_quote(&text[..stop]);
                match (unclosed, yaml_context(&raw)) {
                    (Some(q), _) => {
                        with_context(&mut d, whole, "scanning a quoted scalar", base + q);
                    }
                    (None, Some((what, line, col))) => {
                        let start = base + offset_of(text, line, col);
                        with_context(&mut d, whole, what, start);
                    }
                    (None, None) => {}
                }
            }
            diags.push(d);
            None
        }
    }
}

/// The parser's context in a YAML syntax error: "…, while scanning a quoted scalar at line 1
/// column 8" gives `("scanning a quoted scalar", 1, 8)`.
fn yaml_context(raw: &str) -> Option<(&str, usize, usize)> {
    let (_, rest) = raw.split_once(", while ")?;
    let (what, place) = rest.rsplit_once(" at line ")?;
    let (line, col) = place.split_once(" column ")?;
    let col = col.split(|c: char| !c.is_ascii_digit()).next()?;
    Some((what, line.trim().parse().ok()?, col.parse().ok()?))
}

/// Point a YAML syntax error at what was left open, in words an editor knows: the quote,
/// bracket or block that starts at `start`. The parser notices only where it gave up (often
/// the end of the file), but the fix belongs where the unclosed thing begins.
fn with_context(d: &mut Diagnostic, whole: &str, what: &str, start: usize) {
    let opener = whole.get(start..).and_then(|r| r.chars().next());
    let opened = start..start + opener.map_or(0, char::len_utf8);
    let (problem, closer, help) = match what {
        "scanning a quoted scalar" => {
            let quote = if opener == Some('\'') { "'" } else { "\"" };
            (
                "a quoted value is never closed",
                format!("`{quote}`"),
                format!("end the value with `{quote}` on the same line, or remove the opening `{quote}`"),
            )
        }
        "parsing a flow sequence" => (
            "a `[` list is never closed",
            "`]`".to_string(),
            "end the list with `]` and put a comma between its items, e.g. `[staff, parents]`"
                .to_string(),
        ),
        "parsing a flow mapping" => (
            "a `{` map is never closed",
            "`}`".to_string(),
            "end it with `}`, or write its `key: value` pairs one per line instead".to_string(),
        ),
        _ => {
            let block = if what.contains("block") {
                "in the indented block that starts here"
            } else {
                "in the value that starts here"
            };
            d.labels.push((opened, block.to_string()));
            return;
        }
    };
    let gave_up = d.span.clone().unwrap_or(start..start);
    d.message = format!("could not read this file: {problem}");
    d.span = Some(opened);
    d.labels.push((
        gave_up,
        format!("read up to here without finding the closing {closer}"),
    ));
    d.help = Some(help);
}

/// Parse a TOML document.
pub(crate) fn parse_toml<T: DeserializeOwned>(
    file: &Path,
    text: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<T> {
    let skip = if text.starts_with('\u{feff}') { 3 } else { 0 };
    match toml::from_str::<T>(&text[skip..]) {
        Ok(v) => Some(v),
        Err(err) => {
            let span = err
                .span()
                .map_or(skip..skip, |s| s.start + skip..s.end + skip);
            let message = err.message().to_string();
            let mut d = from_serde_message(file, text, span.start, &message);
            if d.code == "syntax" {
                d.code = "toml-syntax".into();
            }
            if !span.is_empty() {
                d.span = Some(span);
            }
            diags.push(d);
            None
        }
    }
}

/// A span covering the word at `at` (to the end of the token on that line).
pub(crate) fn token_span(whole: &str, at: usize) -> Range<usize> {
    let at = at.min(whole.len());
    let rest = &whole[at..];
    let len = rest
        .char_indices()
        .find(|(_, c)| matches!(c, '\n' | ':' | ',' | ']' | '}'))
        .map_or(rest.len(), |(i, _)| i);
    let token = rest[..len].trim_end();
    at..at
        + token
            .len()
            .max(rest.chars().next().map_or(0, char::len_utf8).min(1))
}

/// Backticked names in a serde message: "expected one of `a`, `b`".
fn backticked(s: &str) -> Vec<&str> {
    s.split('`').skip(1).step_by(2).collect()
}

/// Turn a serde error message into a diagnostic with a stable code, a friendlier message and a hint.
pub(crate) fn from_serde_message(file: &Path, whole: &str, at: usize, raw: &str) -> Diagnostic {
    // serde_yaml appends " at line N column M"; we show the position ourselves.
    let msg = raw.split(" at line ").next().unwrap_or(raw).trim();
    let msg = msg.split('\n').next().unwrap_or(msg);
    // serde_yaml puts the key path first ("sections[0].level: unknown variant …").
    let msg = match msg.split_once(": ") {
        Some((path, rest)) if !path.contains(' ') && !path.contains('`') => rest,
        _ => msg,
    };
    let names = backticked(msg);
    let span = token_span(whole, at);
    if let Some(rest) = msg.strip_prefix("unknown field ") {
        let key = names.first().copied().unwrap_or(rest);
        let allowed: Vec<&str> = names.iter().skip(1).copied().collect();
        let mut help = match did_you_mean(key, allowed.iter().copied()) {
            Some(s) => format!("did you mean `{s}`?"),
            None => "remove it, or check its spelling".to_string(),
        };
        if !allowed.is_empty() {
            help.push_str(&format!(" Keys allowed here: {}", quote_list(&allowed)));
        }
        return Diagnostic::error("unknown-key", format!("unknown key `{key}`"))
            .at(file, span)
            .help(help);
    }
    if let Some(rest) = msg.strip_prefix("unknown variant ") {
        let value = names.first().copied().unwrap_or(rest);
        let allowed: Vec<&str> = names.iter().skip(1).copied().collect();
        let help = match did_you_mean(value, allowed.iter().copied()) {
            Some(s) => format!("did you mean `{s}`? Use one of {}", quote_list(&allowed)),
            None => format!("use one of {}", quote_list(&allowed)),
        };
        return Diagnostic::error("bad-value", format!("`{value}` is not an allowed value"))
            .at(file, span)
            .help(help);
    }
    if msg.starts_with("missing field ") {
        let key = names.first().copied().unwrap_or("?");
        return Diagnostic::error("missing-key", format!("missing required key `{key}`"))
            .at(file, at..at)
            .help(format!("add `{key}:` with a value here"));
    }
    if msg.starts_with("duplicate field")
        || msg.contains("duplicate entry")
        || msg.contains("duplicate key")
    {
        return Diagnostic::error("duplicate-key", msg.to_string())
            .at(file, span)
            .help("a key may appear only once: remove one of them");
    }
    if msg.starts_with("invalid type")
        || msg.starts_with("invalid value")
        || msg.starts_with("invalid length")
    {
        let friendly = msg
            .replace("invalid type: ", "wrong type: found ")
            .replace(", expected", ", but expected");
        let help = if msg.contains("expected a sequence") {
            "write a list, e.g. `[staff, parents]` or one `- item` per line".to_string()
        } else if msg.contains("expected a string") {
            "write text here; put it in quotes if it starts with a special character".to_string()
        } else if msg.contains("expected a map") || msg.contains("struct") {
            "write `key: value` lines here".to_string()
        } else if msg.contains("i64") || msg.contains("integer") {
            "write a whole number, e.g. `3`".to_string()
        } else {
            "check the value's type against the README's editor section".to_string()
        };
        return Diagnostic::error("wrong-type", friendly)
            .at(file, span)
            .help(help);
    }
    if msg.contains("recursion limit") || msg.contains("repetition limit") {
        return Diagnostic::error(
            "yaml-syntax",
            "the YAML nests or repeats aliases too deeply",
        )
        .at(file, span)
        .help("remove the `&anchor` / `*alias` references; write the values out");
    }
    Diagnostic::error("syntax", format!("could not read this file: {msg}"))
        .at(file, span)
        .help("check the indentation, colons and quotes near here")
}

fn quote_list(items: &[&str]) -> String {
    items
        .iter()
        .map(|s| format!("`{s}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_byte_order_mark_is_not_part_of_the_first_key() {
        #[derive(serde::Deserialize)]
        struct T {
            level: String,
        }
        let text = "\u{feff}level: strategic\n";
        let mut diags = Vec::new();
        let t: Option<T> = parse_yaml(Path::new("a.yaml"), text, 0, text, &mut diags);
        assert_eq!(
            t.map(|t| t.level).as_deref(),
            Some("strategic"),
            "{diags:?}"
        );
    }
}
