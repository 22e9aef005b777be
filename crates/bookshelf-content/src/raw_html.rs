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

use std::ops::Range;
use std::path::Path;

use html5gum::{DefaultEmitter, Token, Tokenizer};

use crate::checklist::find_from;
use crate::diagnostic::Diagnostic;
use crate::yaml::token_span;

mod alt;
use alt::check_alt;

/// The diagnostic code of every refusal.
pub(crate) const CODE: &str = "raw-html";

/// One piece of raw HTML the policy refuses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HtmlProblem {
    /// The diagnostic code: [`CODE`] for a refusal, [`alt::MISSING_ALT`] for a picture without
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
mod tests;
