//! `bookshelf check`'s template check: every page rendered once, to find the theme's errors.

use std::path::Path;

use bookshelf_content::Book;

/// Load the theme of the book at `root` and render every page of `book` in memory, as
/// `build` would but writing nothing: each template error once, located in its file. A theme
/// that does not parse fails without a book.
pub fn theme(
    root: &Path,
    book: Option<&Book>,
) -> Result<Vec<crate::theme::TemplateError>, crate::RenderError> {
    use rayon::prelude::*;
    let into_error = |e: crate::RenderError| match e {
        crate::RenderError::TemplateAt(t) => Ok(*t),
        // A malformed strings file: its message holds the line and column.
        crate::RenderError::Strings { path, message } => Ok(crate::theme::TemplateError {
            text: std::fs::read_to_string(root.join(&path))
                .unwrap_or_default()
                .into(),
            path,
            span: None,
            message,
            overridden: true,
        }),
        other => Err(other),
    };
    let theme = match crate::Theme::load(root) {
        Ok(theme) => theme,
        Err(e) => return into_error(e).map(|t| vec![t]),
    };
    let Some(book) = book else {
        return Ok(Vec::new());
    };
    let shared = match crate::site::Shared::new(book, &theme) {
        Ok(shared) => shared,
        Err(e) => return into_error(e).map(|t| vec![t]),
    };
    let mut failed: Vec<crate::RenderError> = shared
        .jobs()
        .par_iter()
        .filter_map(|job| shared.render(*job).err())
        .collect();
    for v in crate::Variant::BOTH {
        failed.extend(shared.print_frame(v).err());
    }
    let mut errors = failed
        .into_iter()
        .map(into_error)
        .collect::<Result<Vec<_>, _>>()?;
    errors.sort_by(|a, b| {
        (&a.path, a.span.as_ref().map(|s| s.start), &a.message).cmp(&(
            &b.path,
            b.span.as_ref().map(|s| s.start),
            &b.message,
        ))
    });
    errors.dedup_by(|a, b| a.path == b.path && a.span == b.span && a.message == b.message);
    Ok(errors)
}
