//! The theme: templates and assets built into the binary, with a site's `themes/default/`
//! files laid over them.

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use bookshelf_content::Diagnostic;

use crate::i18n::{Strings, DEFAULT_LANGUAGE};

use crate::RenderError;

macro_rules! embed {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../../../themes/default/", $name)))),*]
    };
}

/// Built-in templates, by name.
pub(crate) const TEMPLATES: &[(&str, &str)] = embed!(
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
    "templates/translation-note.html",
);

/// Built-in assets, written to `assets/`.
pub(crate) const ASSETS: &[(&str, &str)] = embed!(
    "assets/bookshelf.css",
    "assets/bookshelf.js",
    "assets/checklist.js",
    "assets/checklist-records.js",
    "assets/checklist-compare.js",
    "assets/checklist-manage.js",
    "assets/checklist-export.js",
);

/// Built-in assets that are not text: the service worker's icons and the "easier to read" font
/// (Atkinson Hyperlegible, SIL Open Font License, `assets/fonts/OFL.txt`), written to `assets/`.
pub(crate) const BINARY_ASSETS: &[(&str, &[u8])] = crate::offline::BINARY_ASSETS;

/// A loaded theme.
pub struct Theme {
    /// Asset files: name (in `assets/`) and bytes, before the strings are put at the top of
    /// `bookshelf.js` (see [`Localized::assets`]).
    pub assets: Vec<(String, Vec<u8>)>,
    /// Whether the page template shows the body (`page.html`) once, as it is
    /// (`{{ page.html | safe }}`), so the build may put the body in after rendering.
    pub(crate) page_body_in_place: bool,
    /// Each template's name, file and text as written (`{{ i18n.KEY }}` not yet filled in),
    /// to localize and to say where an error is.
    sources: Vec<TemplateSource>,
    /// The book's folder, where its own strings files are.
    root: PathBuf,
    /// The theme in each language asked for so far.
    localized: Mutex<HashMap<String, Arc<Localized>>>,
}

/// The theme in one language: templates with its strings in place, and the assets.
pub struct Localized {
    /// The templates.
    pub tera: tera::Tera,
    /// The interface strings.
    pub strings: Strings,
    /// Asset files: name (in `assets/`) and bytes; `bookshelf.js` starts with the strings.
    pub assets: Vec<(String, Vec<u8>)>,
}

/// A template's text and where it came from.
#[derive(Debug, Clone)]
struct TemplateSource {
    /// The name tera knows it by (`page.html`).
    name: String,
    /// The file, relative to the book root (`themes/default/templates/page.html`).
    path: PathBuf,
    /// Whether the book's theme folder holds it (otherwise it is built in).
    overridden: bool,
    text: Arc<str>,
}

/// A template that failed to parse or render, located in its file.
#[derive(Debug, Clone)]
pub struct TemplateError {
    /// The template file, relative to the book root.
    pub path: PathBuf,
    /// Its text.
    pub text: Arc<str>,
    /// Where the error is, if tera says or the template shows it.
    pub span: Option<Range<usize>>,
    /// What went wrong, in tera's words.
    pub message: String,
    /// Whether the book's theme folder holds the template (otherwise it is built in).
    pub overridden: bool,
}

impl TemplateError {
    /// The error as a diagnostic (`template-error`) in the template file.
    pub fn diagnostic(&self) -> Diagnostic {
        let d = Diagnostic::error("template-error", self.message.clone());
        let d = match &self.span {
            Some(span) => d.at(&self.path, span.clone()),
            None => d.in_file(&self.path),
        };
        d.help(if self.overridden {
            "fix the template, or delete it from the book to use the built-in one"
        } else {
            "this is a built-in template: please report it"
        })
    }
}

impl std::fmt::Display for TemplateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(span) = &self.span {
            let (line, col) = bookshelf_content::diagnostic::line_col(&self.text, span.start);
            write!(f, ":{line}:{col}")?;
        }
        write!(f, ": template error: {}", self.message)
    }
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
        let mut sources = Vec::new();
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
            sources.push(TemplateSource {
                name: name.trim_start_matches("templates/").to_string(),
                path: Path::new("themes/default").join(name),
                overridden: over.is_file(),
                text: Arc::from(text.as_str()),
            });
            templates.push((name.trim_start_matches("templates/").to_string(), text));
        }
        let mut assets: Vec<(String, Vec<u8>)> = ASSETS
            .iter()
            .map(|(n, t)| {
                (
                    n.trim_start_matches("assets/").to_string(),
                    t.as_bytes().to_vec(),
                )
            })
            .chain(
                BINARY_ASSETS
                    .iter()
                    .map(|(n, b)| (n.trim_start_matches("assets/").to_string(), b.to_vec())),
            )
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
        let theme = Self {
            assets,
            page_body_in_place,
            sources,
            root: root.to_path_buf(),
            localized: Mutex::new(HashMap::new()),
        };
        // The English build finds every template error, whatever language the book is in.
        theme.localized(DEFAULT_LANGUAGE)?;
        Ok(theme)
    }

    /// The theme in `lang` (a BCP 47 tag): made once, then kept.
    pub fn localized(&self, lang: &str) -> Result<Arc<Localized>, RenderError> {
        let mut cache = self
            .localized
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(done) = cache.get(lang) {
            return Ok(done.clone());
        }
        let strings = Strings::load(&self.root, lang)?;
        let templates = self
            .sources
            .iter()
            .map(|s| match strings.localize_template(&s.text) {
                Ok(text) => Ok((s.name.as_str(), text)),
                Err((span, message)) => Err(RenderError::TemplateAt(Box::new(TemplateError {
                    path: s.path.clone(),
                    text: s.text.clone(),
                    span: Some(span),
                    message,
                    overridden: s.overridden,
                }))),
            })
            .collect::<Result<Vec<_>, RenderError>>()?;
        let mut tera = tera::Tera::default();
        tera.autoescape_on(vec![".html"]);
        tera.set_escape_fn(escape_html);
        // Strings are put in on one line each, so tera's lines are the file's.
        tera.add_raw_templates(templates.iter().map(|(n, t)| (*n, t.as_str())))
            .map_err(|e| RenderError::TemplateAt(Box::new(locate(&self.sources, &e, None))))?;
        let assets = self
            .assets
            .iter()
            .map(|(name, bytes)| {
                if name != "bookshelf.js" {
                    return (name.clone(), bytes.clone());
                }
                let mut js = format!(
                    "/* The theme's interface strings (themes/default/i18n), for every script. */\nwindow.bookshelfText = {};\n",
                    strings.to_json()
                )
                .into_bytes();
                js.extend_from_slice(bytes);
                (name.clone(), js)
            })
            .collect();
        let done = Arc::new(Localized {
            tera,
            strings,
            assets,
        });
        cache.insert(lang.to_string(), done.clone());
        Ok(done)
    }

    /// An error of our own about template `name`, at the first `needle` in it.
    pub(crate) fn error_at(&self, name: &str, message: &str, needle: &str) -> RenderError {
        let source = self
            .sources
            .iter()
            .find(|s| s.name == name)
            .or_else(|| self.sources.first())
            .expect("the theme has templates");
        RenderError::TemplateAt(Box::new(TemplateError {
            path: source.path.clone(),
            text: source.text.clone(),
            span: source.text.find(needle).map(|i| i..i + needle.len()),
            message: message.to_string(),
            overridden: source.overridden,
        }))
    }

    /// A tera error met while rendering `name`, located in its template.
    pub(crate) fn error(&self, name: &str, e: &tera::Error) -> RenderError {
        RenderError::TemplateAt(Box::new(locate(&self.sources, e, Some(name))))
    }
}

/// Where a tera error is: the template named last in its chain of causes (the innermost),
/// at the line and column a parse error gives (` --> 3:14`), or else at the first thing the
/// message quotes in backticks (`` Variable `page.nope` not found ``) that the template holds.
fn locate(sources: &[TemplateSource], e: &tera::Error, rendering: Option<&str>) -> TemplateError {
    let mut chain = vec![e.to_string()];
    let mut cause = std::error::Error::source(e);
    while let Some(c) = cause {
        chain.push(c.to_string());
        cause = c.source();
    }
    let quoted = |msg: &str, q: char| -> Vec<String> {
        msg.split(q)
            .skip(1)
            .step_by(2)
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    let named = chain
        .iter()
        .flat_map(|m| quoted(m, '\'').into_iter().chain(quoted(m, '"')))
        .rfind(|n| sources.iter().any(|s| s.name == *n));
    let source = named
        .as_deref()
        .or(rendering)
        .and_then(|n| sources.iter().find(|s| s.name == n))
        .or_else(|| sources.first())
        .expect("the theme has templates");
    let text = &source.text;
    let innermost = chain.last().cloned().unwrap_or_default();
    let at_line_col = chain.iter().find_map(|m| {
        let rest = &m[m.find("--> ")? + 4..];
        let (line, rest) = rest.split_once(':')?;
        let col: String = rest.chars().take_while(char::is_ascii_digit).collect();
        Some(bookshelf_content::diagnostic::offset_of(
            text,
            line.trim().parse().ok()?,
            col.parse().ok()?,
        ))
    });
    let span = match at_line_col {
        Some(at) => Some(at..at + text[at..].chars().next().map_or(0, char::len_utf8)),
        None => chain
            .iter()
            .flat_map(|m| quoted(m, '`'))
            .filter(|q| !q.trim().is_empty())
            .find_map(|q| text.find(q.as_str()).map(|i| i..i + q.len())),
    };
    // A parse error's last line says what was expected; the rest is tera drawing the line.
    let message = match innermost.rsplit_once("= ") {
        Some((_, expected)) if at_line_col.is_some() => {
            format!("the template does not parse: {}", expected.trim())
        }
        _ if rendering.is_some() => {
            format!("the template cannot be rendered: {}", innermost.trim())
        }
        _ => format!("the theme cannot be loaded: {}", innermost.trim()),
    };
    TemplateError {
        path: source.path.clone(),
        text: text.clone(),
        span,
        message,
        overridden: source.overridden,
    }
}

/// Escape text for HTML text and quoted attributes (tera's default also escapes `/`).
pub(crate) fn escape_html(input: &str) -> String {
    bookshelf_text::html::escape(input)
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
