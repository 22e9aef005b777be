//! HTML escaping, the one escaper of the workspace: render, search, the served pages and the
//! command line all escape with it. Three sets of characters, each for where the text goes:
//!
//! - [`escape_text`]: `&`, `<`, `>`, for text between tags;
//! - [`escape_attr`]: those and `"`, for a double-quoted attribute;
//! - [`escape`]: those and `'` (as `&#39;`), for text that may land anywhere (what the
//!   theme's templates escape, and search snippets).

/// The characters escaped, and how: one table per set.
#[derive(Clone, Copy)]
enum Set {
    Text,
    Attr,
    All,
}

fn entity(set: Set, b: u8) -> Option<&'static str> {
    match (b, set) {
        (b'&', _) => Some("&amp;"),
        (b'<', _) => Some("&lt;"),
        (b'>', _) => Some("&gt;"),
        (b'"', Set::Attr | Set::All) => Some("&quot;"),
        (b'\'', Set::All) => Some("&#39;"),
        _ => None,
    }
}

fn escape_set_into(out: &mut String, s: &str, set: Set) {
    // The characters escaped are all ASCII, so cutting at them keeps UTF-8 whole; the runs
    // between them are copied as they are.
    let mut last = 0;
    for (at, &b) in s.as_bytes().iter().enumerate() {
        if let Some(e) = entity(set, b) {
            out.push_str(&s[last..at]);
            out.push_str(e);
            last = at + 1;
        }
    }
    out.push_str(&s[last..]);
}

fn escaped(s: &str, set: Set) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    escape_set_into(&mut out, s, set);
    out
}

/// `s` as HTML text: `&`, `<` and `>` escaped.
pub fn escape_text(s: &str) -> String {
    escaped(s, Set::Text)
}

/// [`escape_text`], written at the end of `out`.
pub fn escape_text_into(out: &mut String, s: &str) {
    escape_set_into(out, s, Set::Text);
}

/// `s` for a double-quoted attribute: `&`, `<`, `>` and `"` escaped.
pub fn escape_attr(s: &str) -> String {
    escaped(s, Set::Attr)
}

/// `s` for anywhere in HTML: `&`, `<`, `>`, `"` and `'` escaped.
pub fn escape(s: &str) -> String {
    escaped(s, Set::All)
}

/// [`escape`], written at the end of `out`.
pub fn escape_into(out: &mut String, s: &str) {
    escape_set_into(out, s, Set::All);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_set_escapes_its_characters_and_keeps_the_rest() {
        let s = r#"<a href="x">Tom & Jerry's</a> café – “quotes”"#;
        assert_eq!(
            escape_text(s),
            "&lt;a href=\"x\"&gt;Tom &amp; Jerry's&lt;/a&gt; café – “quotes”"
        );
        assert_eq!(
            escape_attr(s),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry's&lt;/a&gt; café – “quotes”"
        );
        assert_eq!(
            escape(s),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt; café – “quotes”"
        );
        assert_eq!(escape(""), "");
        assert_eq!(escape_text("&&"), "&amp;&amp;");
        let mut out = String::from("<p>");
        escape_text_into(&mut out, "a<b");
        escape_into(&mut out, "'");
        assert_eq!(out, "<p>a&lt;b&#39;");
    }
}
