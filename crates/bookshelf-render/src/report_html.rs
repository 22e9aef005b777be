//! Diagnostics as HTML, for the error overlay `serve` shows in the browser.

use bookshelf_content::report::position;
use bookshelf_content::{Diagnostic, SourceMap};

use crate::markdown::escape;

/// An accessible list of diagnostics: file:line:col, the message, the source line and the hint.
pub fn diagnostics_html(diags: &[Diagnostic], sources: &SourceMap) -> String {
    let errors = diags.iter().filter(|d| d.is_error()).count();
    let mut html = format!(
        "<h2>The site could not be rebuilt: {errors} error{}</h2>\n<p>The last good version is still shown. Fix the file and save it: this page will reload.</p>\n<ol class=\"bs-diagnostics\">\n",
        if errors == 1 { "" } else { "s" }
    );
    for d in diags.iter().filter(|d| d.is_error()) {
        let place = match (&d.file, position(d, sources)) {
            (Some(f), Some((l, c))) => format!("{}:{l}:{c}", f.display()),
            (Some(f), None) => f.display().to_string(),
            _ => String::new(),
        };
        html.push_str(&format!(
            "<li><p><strong>{}</strong> <code>{}</code> [{}]</p><p>{}</p>",
            escape(&d.severity.to_string()),
            escape(&place),
            escape(&d.code),
            escape(&d.message)
        ));
        if let (Some(f), Some(span)) = (&d.file, &d.span) {
            if let Some(text) = sources.get(f) {
                let start = text[..span.start.min(text.len())]
                    .rfind('\n')
                    .map_or(0, |i| i + 1);
                let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
                html.push_str(&format!(
                    "<pre><code>{}</code></pre>",
                    escape(&text[start..end])
                ));
            }
        }
        if let Some(h) = &d.help {
            html.push_str(&format!("<p>How to fix it: {}</p>", escape(h)));
        }
        html.push_str("</li>\n");
    }
    html.push_str("</ol>\n");
    html
}
