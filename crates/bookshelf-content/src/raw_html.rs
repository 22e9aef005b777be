//! The raw HTML policy for Markdown: HTML that the site's Content-Security-Policy
//! (`default-src 'self'`) would block, or that loads from another host, is an error at its
//! place in the file. Harmless HTML (`<abbr>`, `<br>`, `<details>`, comments) stays allowed.
//!
//! Tags are read with html5gum, a WHATWG tokenizer, so `<SCRIPT>`, unquoted attributes and
//! `java&#9;script:` are seen as a browser sees them.
//!
//! An `<img>` written in raw HTML needs alt text as a Markdown picture does (WEB9's sibling,
//! WCAG 1.1.1 Non-text Content): one with no `alt`, or with only its file name for alt, is
//! a `missing-alt` error.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;

use html5gum::{DefaultEmitter, HtmlString, Spanned, Token, Tokenizer};

use crate::checklist::find_from;
use crate::diagnostic::Diagnostic;
use crate::yaml::token_span;

/// The diagnostic code of every refusal.
pub(crate) const CODE: &str = "raw-html";

/// The code of a raw `<img>` without alt text: the same as a Markdown picture's.
pub(crate) const MISSING_ALT: &str = "missing-alt";

const HELP_ALT: &str = "say what the picture shows in `alt`, for readers who cannot see it: `<img src=\"bus.jpg\" alt=\"A bus at the stop\">`; if it is only decoration, write `alt=\"\"`";

/// One piece of raw HTML the policy refuses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HtmlProblem {
    /// The diagnostic code: [`CODE`] for a refusal, [`MISSING_ALT`] for a picture without
    /// alt text.
    pub code: &'static str,
    /// Where, in the Markdown given to [`check_html`].
    pub range: Range<usize>,
    /// What is wrong, as a short phrase.
    pub message: String,
    /// How to fix it.
    pub help: &'static str,
}

/// Elements that run code, style the page or load other pages or files into it.
const BLOCKED: &[(&str, &str, &str)] = &[
    (
        "script",
        "would run a program in the reader's browser",
        HELP_SCRIPT,
    ),
    (
        "noscript",
        "only matters to scripts, which content may not hold",
        HELP_SCRIPT,
    ),
    (
        "style",
        "is blocked by the site's Content-Security-Policy",
        HELP_STYLE,
    ),
    (
        "link",
        "would load a file into every reader's page",
        HELP_LOAD,
    ),
    ("meta", "would change how the page loads", HELP_SCRIPT),
    (
        "base",
        "would change where every link on the page goes",
        HELP_SCRIPT,
    ),
    (
        "iframe",
        "would load another page inside this one",
        HELP_EMBED,
    ),
    (
        "frame",
        "would load another page inside this one",
        HELP_EMBED,
    ),
    (
        "frameset",
        "would load other pages inside this one",
        HELP_EMBED,
    ),
    ("object", "would load a plug-in or another page", HELP_EMBED),
    ("embed", "would load a plug-in or another page", HELP_EMBED),
    ("applet", "would load a plug-in", HELP_EMBED),
    (
        "portal",
        "would load another page inside this one",
        HELP_EMBED,
    ),
];

const HELP_SCRIPT: &str = "remove it: pages hold text, Markdown and harmless tags such as `<abbr>`, `<br>` and `<details>` (see \"Raw HTML\" in the README)";
const HELP_STYLE: &str =
    "remove it: the theme's stylesheet sets the look; use Markdown for emphasis";
const HELP_LINK: &str =
    "link to a page of the book (`../guides/x.md`) or to another site (`https://…`) instead";
const HELP_EMBED: &str = "link to it instead, e.g. `[Watch the video](https://example.org/video)`";
const HELP_LOAD: &str = "save the file in the book and use a relative path, or link to it instead, e.g. `[The picture](https://example.org/picture.png)`";

/// Attributes holding an address the browser fetches by itself, without a click.
const LOADS: &[&str] = &[
    "src",
    "srcset",
    "poster",
    "data",
    "background",
    "lowsrc",
    "codebase",
    "manifest",
    "ping",
    "imagesrcset",
];

/// Attributes holding an address at all (for `javascript:`).
const ADDRESSES: &[&str] = &[
    "href",
    "xlink:href",
    "action",
    "formaction",
    "cite",
    "longdesc",
    "usemap",
];

/// The scheme of an address as a browser reads it: tabs, newlines and leading spaces and
/// control characters do not count (`java\tscript:` is `javascript:`).
fn scheme(url: &str) -> Option<String> {
    let cleaned: String = url
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .take(16)
        .collect();
    let colon = cleaned.find(':')?;
    let s = &cleaned[..colon];
    (!s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c)))
    .then(|| s.to_ascii_lowercase())
}

/// Does fetching `url` from a page of the site leave the site (or is it blocked outright)?
fn leaves_site(url: &str) -> Option<String> {
    let url = url.trim();
    if url.starts_with("//") || url.starts_with("\\\\") || url.starts_with("/\\") {
        return Some("another site".into());
    }
    match scheme(url).as_deref() {
        None => None,
        Some("data") => {
            Some("a `data:` address, which the site's Content-Security-Policy blocks".into())
        }
        Some("blob") => {
            Some("a `blob:` address, which the site's Content-Security-Policy blocks".into())
        }
        Some(_) => {
            let host = url
                .split_once("//")
                .map_or(url, |(_, rest)| rest)
                .split(['/', '?', '#'])
                .next()
                .unwrap_or("");
            Some(if host.is_empty() {
                "another site".into()
            } else {
                format!("another site (`{host}`)")
            })
        }
    }
}

fn is_script_scheme(url: &str) -> Option<String> {
    scheme(url).filter(|s| matches!(s.as_str(), "javascript" | "vbscript" | "livescript"))
}

/// What the policy says of a Markdown image's address (`![alt](https://…)`), if it refuses it.
pub(crate) fn check_image(url: &str) -> Option<(String, &'static str)> {
    if let Some(s) = is_script_scheme(url) {
        return Some((
            format!("this picture's `{s}:` address would run a script"),
            HELP_SCRIPT,
        ));
    }
    leaves_site(url).map(|w| (format!("this picture would load from {w}"), HELP_LOAD))
}

/// What the policy says of a Markdown link's address (`[x](javascript:…)`, `<javascript:…>`),
/// if it refuses it: a link to another site is fine, one that runs a script is not.
pub(crate) fn check_link(url: &str) -> Option<(String, &'static str)> {
    is_script_scheme(url).map(|s| {
        (
            format!("this link's `{s}:` address would run a script"),
            HELP_LINK,
        )
    })
}

/// The problems in one piece of raw HTML (`html`, found at `at` in the Markdown).
pub(crate) fn check_html(html: &str, at: usize, out: &mut Vec<HtmlProblem>) {
    let mut emitter = DefaultEmitter::<usize>::new_with_span();
    // The text inside `<script>`, `<style>` and `<textarea>` is not read as tags.
    emitter.naively_switch_states(true);
    // On character boundaries: the tokenizer's spans are bytes, and may reach one past.
    let floor = |mut i: usize| {
        i = i.min(html.len());
        while !html.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let span_range = |start: usize, end: usize| {
        let start = floor(start);
        let end = floor(end).max(start);
        at + start..at + end
    };
    for Ok(token) in Tokenizer::new_with_emitter(html, emitter) {
        let Token::StartTag(tag) = token else {
            continue;
        };
        let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
        let tag_range = span_range(tag.span.start, tag.span.end);
        if let Some((_, why, help)) = BLOCKED.iter().find(|(n, ..)| *n == name) {
            out.push(HtmlProblem {
                code: CODE,
                range: tag_range,
                message: format!("`<{name}>` {why}"),
                help,
            });
            continue;
        }
        if name == "img" {
            check_alt(&tag.attributes, html, &span_range, tag_range.clone(), out);
        }
        for (attr, value) in &tag.attributes {
            let attr_name = String::from_utf8_lossy(attr).to_ascii_lowercase();
            let v = String::from_utf8_lossy(&value.value);
            let range = if value.span.end > value.span.start {
                // An unquoted value's span takes in the character after it.
                let end = floor(value.span.end);
                let end = html[..end]
                    .trim_end_matches(|c: char| c == '>' || c == '/' || c.is_whitespace())
                    .len()
                    .max(value.span.start);
                span_range(value.span.start, end)
            } else {
                tag_range.clone()
            };
            let problem = |message: String, help| HtmlProblem {
                code: CODE,
                range: range.clone(),
                message,
                help,
            };
            if attr_name.starts_with("on") {
                out.push(problem(
                    format!("the event attribute `{attr_name}` would run a script"),
                    HELP_SCRIPT,
                ));
            } else if attr_name == "style" {
                out.push(problem(
                    "an inline `style` is blocked by the site's Content-Security-Policy".into(),
                    HELP_STYLE,
                ));
            } else if LOADS.contains(&attr_name.as_str()) || ADDRESSES.contains(&attr_name.as_str())
            {
                let urls: Vec<&str> = if attr_name.ends_with("srcset") {
                    v.split(',')
                        .filter_map(|c| c.split_whitespace().next())
                        .collect()
                } else {
                    vec![&v]
                };
                // A link to another site is fine (it loads nothing until clicked); so is
                // `<a href>` or `<area href>`, but `href` on `<image>` or `<use>` loads.
                let loads = LOADS.contains(&attr_name.as_str())
                    || (attr_name.ends_with("href") && !matches!(name.as_str(), "a" | "area"));
                for url in urls {
                    if let Some(s) = is_script_scheme(url) {
                        out.push(problem(
                            format!("a `{s}:` address in `{attr_name}` would run a script"),
                            HELP_SCRIPT,
                        ));
                    } else if let Some(w) = loads.then(|| leaves_site(url)).flatten() {
                        out.push(problem(
                            format!("`<{name} {attr_name}>` would load from {w}"),
                            HELP_LOAD,
                        ));
                    } else {
                        continue;
                    }
                    break;
                }
            }
        }
    }
}

/// A raw `<img>` needs alt text (WCAG 1.1.1): `alt=""` for decoration, else words, and
/// not the picture's file name, which a screen reader would read out instead.
fn check_alt(
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

/// Check the Markdown `value` of the field `key` of a YAML file (the key at or after `from`
/// in `text`), adding an error for each refusal at the place its HTML is written (YAML may
/// quote or fold a value, so the HTML is looked for as written; failing that, at the key).
pub(crate) fn check_yaml_field(
    path: &Path,
    text: &str,
    from: usize,
    key: &str,
    value: Option<&str>,
    inline: bool,
    diags: &mut Vec<Diagnostic>,
) {
    let Some(value) = value else {
        return;
    };
    if !value.contains('<') && !value.contains("](") {
        return;
    }
    let key_at = find_from(text, from, &format!("{key}:"));
    for p in crate::markdown::html_problems(value, inline) {
        let written = value[p.range].lines().next().unwrap_or("").trim();
        let span = text
            .get(key_at..)
            .and_then(|t| (!written.is_empty()).then(|| t.find(written)).flatten())
            .map_or_else(
                || token_span(text, key_at),
                |i| key_at + i..key_at + i + written.len(),
            );
        diags.push(
            Diagnostic::error(p.code, p.message)
                .at(path, span)
                .help(p.help),
        );
    }
}

/// Add an error for each refusal in a page body (`problems` from
/// [`crate::markdown::scan`], at `offset` in the file).
pub(crate) fn report(
    path: &Path,
    problems: &[HtmlProblem],
    offset: usize,
    diags: &mut Vec<Diagnostic>,
) {
    for p in problems {
        diags.push(
            Diagnostic::error(p.code, p.message.clone())
                .at(path, p.range.start + offset..p.range.end + offset)
                .help(p.help),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(html: &str) -> Vec<String> {
        let mut out = Vec::new();
        check_html(html, 0, &mut out);
        out.into_iter()
            .map(|p| format!("{}: {}", &html[p.range], p.message))
            .collect()
    }

    #[test]
    fn harmless_html_is_allowed() {
        for ok in [
            "<abbr title=\"Special educational needs\">SEN</abbr>",
            "<br>",
            "<details><summary>More</summary>Text</details>",
            "<!-- a note for editors -->",
            "<a href=\"https://www.gov.uk/\">GOV.UK</a>",
            "<img src=\"../pictures/family.png\" alt=\"\">",
            "<kbd>Tab</kbd> <sup>2</sup>",
        ] {
            assert_eq!(problems(ok), Vec::<String>::new(), "{ok}");
        }
    }

    #[test]
    fn scripts_styles_frames_and_other_hosts_are_refused() {
        let cases = [
            ("<SCRIPT>alert(1)</SCRIPT>", "<SCRIPT>"),
            ("<p style=\"color: red\">x</p>", "style=\"color: red\""),
            ("<b onclick=alert(1)>x</b>", "onclick=alert(1)"),
            (
                "<a href=\"java&#9;script:alert(1)\">x</a>",
                "href=\"java&#9;script:alert(1)\"",
            ),
            ("<a href=\" JavaScript:x\">x</a>", "href=\" JavaScript:x\""),
            (
                "<iframe src=\"https://example.org/\"></iframe>",
                "<iframe src=\"https://example.org/\">",
            ),
            (
                "<img src=\"https://tracker.example/p.gif\" alt=\"\">",
                "src=\"https://tracker.example/p.gif\"",
            ),
            (
                "<img alt=\"\" src=//tracker.example/p.gif>",
                "src=//tracker.example/p.gif",
            ),
            ("<b onclick=x€>y</b>", "onclick=x€"),
            (
                "<img alt=\"\" srcset=\"a.png 1x, https://x.example/b.png 2x\">",
                "srcset=\"a.png 1x, https://x.example/b.png 2x\"",
            ),
            (
                "<video poster=\"data:image/png;base64,AA\"></video>",
                "poster=\"data:image/png;base64,AA\"",
            ),
            (
                "<svg><use href=\"https://x.example/s.svg#a\"/></svg>",
                "href=\"https://x.example/s.svg#a\"",
            ),
        ];
        for (html, located) in cases {
            let found = problems(html);
            assert_eq!(found.len(), 1, "{html}: {found:?}");
            assert!(
                found[0].starts_with(&format!("{located}: ")),
                "{html}: {found:?}"
            );
        }
    }

    /// WCAG 1.1.1 Non-text Content: a raw `<img>` says what it shows, or `alt=""`.
    #[test]
    fn raw_img_without_alt_or_with_only_its_file_name_is_missing_alt() {
        let codes = |html: &str| {
            let mut out = Vec::new();
            check_html(html, 0, &mut out);
            out.into_iter()
                .map(|p| (p.code, html[p.range].to_string()))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            codes("<img src=\"bus.jpg\">"),
            [(MISSING_ALT, "<img src=\"bus.jpg\">".to_string())]
        );
        assert_eq!(
            codes("<IMG SRC=pictures/bus-stop.png ALT=bus-stop.png>"),
            [(MISSING_ALT, "ALT=bus-stop.png".to_string())]
        );
        assert_eq!(
            codes("<img src=\"a/bus.jpg?v=2\" alt=\"Bus\">"),
            [(MISSING_ALT, "alt=\"Bus\"".to_string())]
        );
        assert_eq!(
            codes("<img src=\"x.png\" alt=\"IMG_0042.JPG\">"),
            [(MISSING_ALT, "alt=\"IMG_0042.JPG\"".to_string())]
        );
        for ok in [
            "<img src=\"bus.jpg\" alt=\"\">",
            "<img src=\"bus.jpg\" alt>",
            "<img src=\"bus.jpg\" alt=\"A bus at the stop\">",
            "<img src=\"bus.jpg\" alt=\"A map of stop.png and more\">",
        ] {
            assert_eq!(codes(ok), [], "{ok}");
        }
    }

    #[test]
    fn markdown_images_from_other_hosts_are_refused() {
        assert!(check_image("https://example.org/a.png").is_some());
        assert!(check_image("javascript:alert(1)").is_some());
        assert!(check_image("../pictures/a.png").is_none());
        assert!(check_link("JavaScript:alert(1)").is_some());
        assert!(check_link("https://www.gov.uk/").is_none());
    }
}
