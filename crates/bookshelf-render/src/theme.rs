//! The theme: templates and assets built into the binary, with a site's `themes/default/`
//! files laid over them.

use std::path::Path;

use crate::RenderError;

macro_rules! embed {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../../../themes/default/", $name)))),*]
    };
}

/// Built-in templates, by name.
pub const TEMPLATES: &[(&str, &str)] = embed!(
    "templates/base.html",
    "templates/page.html",
    "templates/listing.html",
    "templates/pager.html",
    "templates/checklist.html",
    "templates/checklists.html",
    "templates/glossary.html",
    "templates/term.html",
    "templates/search.html",
    "templates/print.html",
    "templates/404.html",
);

/// Built-in assets, written to `assets/`.
pub const ASSETS: &[(&str, &str)] = embed!(
    "assets/bookshelf.css",
    "assets/bookshelf.js",
    "assets/checklist.js",
);

/// A loaded theme.
pub struct Theme {
    /// The templates.
    pub tera: tera::Tera,
    /// Asset files: name (in `assets/`) and bytes.
    pub assets: Vec<(String, Vec<u8>)>,
    /// Whether the page template shows the body (`page.html`) once, as it is
    /// (`{{ page.html | safe }}`), so the build may put the body in after rendering.
    pub(crate) page_body_in_place: bool,
}

/// Whether the templates a page is rendered with show `page.html` once, unfiltered and
/// unescaped. Every template is looked at but `print.html` (which shows the print parts in
/// the same way, and is rendered on its own).
fn page_body_in_place(templates: &[(String, String)]) -> bool {
    let mut uses = templates
        .iter()
        .filter(|(n, _)| n != "print.html")
        .flat_map(|(_, t)| t.match_indices("page.html").map(move |(at, _)| (t, at)));
    let Some((text, at)) = uses.next() else {
        return false;
    };
    let before = text[..at].trim_end();
    let after = text[at + "page.html".len()..].trim_start();
    let after = after.strip_prefix('|').map(str::trim_start);
    let after = after
        .and_then(|a| a.strip_prefix("safe"))
        .map(str::trim_start);
    uses.next().is_none() && before.ends_with("{{") && after.is_some_and(|a| a.starts_with("}}"))
}

impl Theme {
    /// The built-in theme with any `themes/default/` files under `root` laid over it.
    pub fn load(root: &Path) -> Result<Self, RenderError> {
        let dir = root.join("themes/default");
        let mut templates: Vec<(String, String)> = Vec::new();
        for (name, text) in TEMPLATES {
            let over = dir.join(name);
            let text = match std::fs::read_to_string(&over) {
                Ok(t) => t,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => text.to_string(),
                Err(e) => {
                    return Err(RenderError::Io {
                        path: over,
                        source: e,
                    })
                }
            };
            templates.push((name.trim_start_matches("templates/").to_string(), text));
        }
        let mut tera = tera::Tera::default();
        tera.autoescape_on(vec![".html"]);
        tera.set_escape_fn(escape_html);
        tera.add_raw_templates(templates.iter().map(|(n, t)| (n.as_str(), t.as_str())))
            .map_err(|e| RenderError::Template(describe(&e)))?;
        let mut assets: Vec<(String, Vec<u8>)> = ASSETS
            .iter()
            .map(|(n, t)| {
                (
                    n.trim_start_matches("assets/").to_string(),
                    t.as_bytes().to_vec(),
                )
            })
            .collect();
        let asset_dir = dir.join("assets");
        if asset_dir.is_dir() {
            for entry in walkdir::WalkDir::new(&asset_dir).sort_by_file_name() {
                let entry = entry.map_err(|e| RenderError::Io {
                    path: asset_dir.clone(),
                    source: e.into(),
                })?;
                if entry.file_type().is_file() {
                    let rel = entry
                        .path()
                        .strip_prefix(&asset_dir)
                        .unwrap_or(entry.path())
                        .to_string_lossy()
                        .replace('\\', "/");
                    let bytes = std::fs::read(entry.path()).map_err(|e| RenderError::Io {
                        path: entry.path().to_path_buf(),
                        source: e,
                    })?;
                    assets.retain(|(n, _)| *n != rel);
                    assets.push((rel, bytes));
                }
            }
        }
        let page_body_in_place = page_body_in_place(&templates);
        Ok(Self {
            tera,
            assets,
            page_body_in_place,
        })
    }
}

/// Escape text for HTML text and quoted attributes (tera's default also escapes `/`).
pub(crate) fn escape_html(input: &str) -> String {
    let mut out = String::with_capacity(input.len() + 8);
    // `&`, `<`, `>`, `"` and `'`; writing to a `String` cannot fail.
    let _ = pulldown_cmark_escape::escape_html(&mut out, input);
    out
}

/// A tera error with its causes, in one message.
pub fn describe(e: &tera::Error) -> String {
    let mut msg = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        source = s.source();
    }
    msg
}

#[cfg(test)]
mod tests {
    use super::escape_html;

    #[test]
    fn escape_html_escapes_the_five_characters_and_keeps_the_rest() {
        assert_eq!(escape_html(""), "");
        assert_eq!(escape_html("plain words"), "plain words");
        assert_eq!(
            escape_html(r#"<a href="x">Tom & Jerry's</a>"#),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;"
        );
        assert_eq!(
            escape_html("café – “quotes” & ünïcode"),
            "café – “quotes” &amp; ünïcode"
        );
        assert_eq!(escape_html("&&"), "&amp;&amp;");
    }
}
