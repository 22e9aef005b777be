//! Alt text on an `<img>` written in raw HTML (WCAG 1.1.1 Non-text Content): a picture needs
//! `alt`, empty for decoration, else words, and not only its file name, which a screen reader
//! would read out instead.

use std::collections::BTreeMap;
use std::ops::Range;

use html5gum::{HtmlString, Spanned};

use super::HtmlProblem;

/// The code of a raw `<img>` without alt text: the same as a Markdown picture's.
pub(crate) const MISSING_ALT: &str = "missing-alt";

const HELP_ALT: &str = "say what the picture shows in `alt`, for readers who cannot see it: `<img src=\"bus.jpg\" alt=\"A bus at the stop\">`; if it is only decoration, write `alt=\"\"`";

/// A raw `<img>` needs alt text (WCAG 1.1.1): `alt=""` for decoration, else words, and
/// not the picture's file name, which a screen reader would read out instead.
pub(super) fn check_alt(
    attributes: &BTreeMap<HtmlString, Spanned<HtmlString, usize>>,
    html: &str,
    span_range: &dyn Fn(usize, usize) -> Range<usize>,
    tag_range: Range<usize>,
    out: &mut Vec<HtmlProblem>,
) {
    let Some(alt) = attributes.get(b"alt".as_slice()) else {
        out.push(HtmlProblem {
            code: MISSING_ALT,
            range: tag_range,
            message: "this picture has no alt text".into(),
            help: HELP_ALT,
        });
        return;
    };
    let text = String::from_utf8_lossy(&alt.value);
    let text = text.trim();
    let src = attributes
        .get(b"src".as_slice())
        .map(|v| String::from_utf8_lossy(&v.value).into_owned())
        .unwrap_or_default();
    if !text.is_empty() && is_file_name(text, &src) {
        let range = if alt.span.end > alt.span.start {
            let end = html[..alt.span.end.min(html.len())]
                .trim_end_matches(|c: char| c == '>' || c == '/' || c.is_whitespace())
                .len()
                .max(alt.span.start);
            span_range(alt.span.start, end)
        } else {
            tag_range
        };
        out.push(HtmlProblem {
            code: MISSING_ALT,
            range,
            message: format!("this picture's alt text is only its file name `{text}`"),
            help: HELP_ALT,
        });
    }
}

/// Is `alt` only a file name: the last part of `src` (with or without its extension), or a
/// word ending in a picture's extension?
fn is_file_name(alt: &str, src: &str) -> bool {
    let file = src
        .split(['?', '#'])
        .next()
        .unwrap_or("")
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or("");
    let stem = file.rsplit_once('.').map_or(file, |(s, _)| s);
    let alt_lower = alt.to_lowercase();
    if !file.is_empty() && (alt_lower == file.to_lowercase() || alt_lower == stem.to_lowercase()) {
        return true;
    }
    !alt.contains(char::is_whitespace)
        && alt_lower.rsplit_once('.').is_some_and(|(_, ext)| {
            matches!(
                ext,
                "png" | "jpg" | "jpeg" | "gif" | "webp" | "svg" | "avif"
            )
        })
}
