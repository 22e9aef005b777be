//! Pictures and files in `content/` (`bus.jpg`, `leaflet.pdf`): which types are allowed,
//! what the build needs to know of each (size, a picture's width and height, a hash of its
//! bytes) and the one check of their insides: an SVG must not hold a script.

use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;

/// Picture or document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AssetKind {
    /// PNG, JPEG, GIF, WebP or SVG: shown in a page with `![alt](bus.jpg)`.
    Image,
    /// PDF, Word, Excel, OpenDocument or CSV: linked to with `[the leaflet](leaflet.pdf)`.
    Document,
}

/// The file types `content/` may hold besides pages and YAML, as the help names them.
pub const ALLOWED: &str =
    "pictures (PNG, JPEG, GIF, WebP, SVG) and documents (PDF, Word, Excel, OpenDocument, CSV)";

/// What a file name's extension makes it: its kind and the key of its type (`pdf`, `word`,
/// `excel`, `odt`, `ods`, `odp`, `csv`; `png`, `jpeg`, `gif`, `webp`, `svg`), or `None`.
pub fn kind_of(name: &str) -> Option<(AssetKind, &'static str)> {
    let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
    Some(match ext.as_str() {
        "png" => (AssetKind::Image, "png"),
        "jpg" | "jpeg" => (AssetKind::Image, "jpeg"),
        "gif" => (AssetKind::Image, "gif"),
        "webp" => (AssetKind::Image, "webp"),
        "svg" => (AssetKind::Image, "svg"),
        "pdf" => (AssetKind::Document, "pdf"),
        "doc" | "docx" => (AssetKind::Document, "word"),
        "xls" | "xlsx" => (AssetKind::Document, "excel"),
        "odt" => (AssetKind::Document, "odt"),
        "ods" => (AssetKind::Document, "ods"),
        "odp" => (AssetKind::Document, "odp"),
        "csv" => (AssetKind::Document, "csv"),
        _ => return None,
    })
}

/// A picture or file found in `content/`, published at the same path in the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asset {
    /// The file, relative to the book root (`content/guides/bus.jpg`).
    pub path: PathBuf,
    /// The path in the site, relative to `content/` with `/` separators (`guides/bus.jpg`).
    pub rel: String,
    /// Picture or document.
    pub kind: AssetKind,
    /// The type's key (see [`kind_of`]).
    pub type_key: &'static str,
    /// Its size in bytes.
    pub size: u64,
    /// A picture's width and height in pixels (an SVG's from its `width`/`height` or
    /// `viewBox`, when it gives them).
    pub dimensions: Option<(u32, u32)>,
    /// A hash of its bytes: resized copies are kept by it, and a rebuild republishes the
    /// file when it changes.
    pub hash: u64,
}

impl Asset {
    /// A photo that phones should get a smaller copy of: a raster picture (not a GIF, which
    /// may move, nor an SVG) wider than `width`.
    pub fn needs_copy_narrower_than(&self, width: u32) -> bool {
        matches!(self.type_key, "png" | "jpeg" | "webp")
            && self.dimensions.is_some_and(|(w, _)| w > width)
    }
}

/// Read the file at `root/rel` (a name [`kind_of`] knows): its size, hash and a picture's
/// dimensions. An SVG's text is returned as well, for its diagnostics to be shown in.
pub(crate) fn read(
    root: &Path,
    rel: &Path,
    kind: AssetKind,
    type_key: &'static str,
    diags: &mut Vec<Diagnostic>,
) -> (Option<Asset>, Option<std::sync::Arc<str>>) {
    let bytes = match std::fs::read(root.join(rel)) {
        Ok(b) => b,
        Err(e) => {
            diags.push(
                Diagnostic::error("io", format!("could not read `{}`: {e}", rel.display()))
                    .in_file(rel)
                    .help("check the file exists and you may read it"),
            );
            return (None, None);
        }
    };
    let mut text = None;
    let dimensions = match (kind, type_key) {
        (AssetKind::Image, "svg") => {
            let svg = String::from_utf8_lossy(&bytes).into_owned();
            for (range, what) in svg_scripts(&svg) {
                diags.push(
                    Diagnostic::error("svg-script", format!("this SVG picture has {what}"))
                        .at(rel, range)
                        .help("a picture on the site may not run a script: save the SVG again without it (in Inkscape, \"Save as\" → \"Optimized SVG\"), or use a PNG"),
                );
            }
            let dims = svg_dimensions(&svg);
            text = Some(std::sync::Arc::from(svg));
            dims
        }
        (AssetKind::Image, _) => {
            let reader =
                image::ImageReader::new(std::io::Cursor::new(&bytes)).with_guessed_format();
            match reader.ok().and_then(|r| r.into_dimensions().ok()) {
                Some(d) => Some(d),
                None => {
                    diags.push(
                        Diagnostic::error(
                            "bad-picture",
                            format!("`{}` is not a picture bookshelf can read", rel.display()),
                        )
                        .in_file(rel)
                        .help("open it in a picture editor and save it again as PNG or JPEG"),
                    );
                    return (None, None);
                }
            }
        }
        (AssetKind::Document, _) => None,
    };
    let asset = Asset {
        path: rel.to_path_buf(),
        rel: crate::files::content_relative(rel)
            .to_string_lossy()
            .replace('\\', "/"),
        kind,
        type_key,
        size: bytes.len() as u64,
        dimensions,
        hash: hash_bytes(&bytes),
    };
    (Some(asset), text)
}

/// A stable hash of a file's bytes (the first 8 bytes of its SHA-256: the same in every
/// build, on every machine, and quick on a large photo even in a debug build).
fn hash_bytes(bytes: &[u8]) -> u64 {
    use sha2::Digest;
    let digest = sha2::Sha256::digest(bytes);
    u64::from_le_bytes(digest[..8].try_into().expect("SHA-256 has 32 bytes"))
}

/// What in an SVG would run a script: `<script>` elements, `on…=` event attributes and
/// `javascript:` addresses, with their byte ranges.
pub fn svg_scripts(svg: &str) -> Vec<(Range<usize>, &'static str)> {
    let lower = svg.to_ascii_lowercase();
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(i) = lower[at..].find('<') {
        let start = at + i;
        let end = lower[start..]
            .find('>')
            .map_or(lower.len(), |e| start + e + 1);
        let tag = &lower[start..end];
        let name_end = tag[1..]
            .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
            .map_or(tag.len(), |e| e + 1);
        let name = &tag[1..name_end];
        if name == "script" || name.ends_with(":script") {
            out.push((start..end, "a `<script>` element"));
        } else if !name.starts_with('!') && !name.starts_with('?') {
            let mut prev = ' ';
            for (j, c) in tag.char_indices() {
                if prev.is_whitespace() && tag[j..].starts_with("on") {
                    let word_end = tag[j..]
                        .find(|c: char| !c.is_ascii_alphanumeric())
                        .map_or(tag.len(), |e| j + e);
                    if word_end > j + 2 && tag[word_end..].trim_start().starts_with('=') {
                        out.push((
                            start + j..start + word_end,
                            "an event attribute (`on…=`) that runs a script",
                        ));
                    }
                }
                prev = c;
            }
        }
        if let Some(j) = tag.find("javascript:") {
            out.push((
                start + j..start + j + 11,
                "a `javascript:` address that runs a script",
            ));
        }
        at = end.max(start + 1);
    }
    out
}

/// An SVG's size from the `width` and `height` of its root element (in pixels, or without a
/// unit), else from its `viewBox`.
fn svg_dimensions(svg: &str) -> Option<(u32, u32)> {
    let start = svg.find("<svg")?;
    let end = start + svg[start..].find('>')?;
    let tag = &svg[start..end];
    let attr = |name: &str| -> Option<&str> {
        let mut from = 0;
        while let Some(i) = tag[from..].find(name) {
            let i = from + i;
            let before = tag[..i].chars().next_back();
            let rest = tag[i + name.len()..].trim_start();
            if before.is_some_and(char::is_whitespace) && rest.starts_with('=') {
                let rest = rest[1..].trim_start();
                let quote = rest.chars().next()?;
                let inner = &rest[1..];
                return inner.find(quote).map(|e| &inner[..e]);
            }
            from = i + name.len();
        }
        None
    };
    let px = |v: &str| -> Option<u32> {
        let v = v.trim().trim_end_matches("px");
        let n: f64 = v.parse().ok()?;
        (n > 0.0 && n < 100_000.0).then(|| n.round() as u32)
    };
    if let (Some(w), Some(h)) = (attr("width").and_then(px), attr("height").and_then(px)) {
        return Some((w, h));
    }
    let vb: Vec<f64> = attr("viewBox")?
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|s| !s.is_empty())
        .filter_map(|s| s.parse().ok())
        .collect();
    match vb[..] {
        [_, _, w, h] if w > 0.0 && h > 0.0 => Some((w.round() as u32, h.round() as u32)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types() {
        assert_eq!(kind_of("bus.JPG"), Some((AssetKind::Image, "jpeg")));
        assert_eq!(kind_of("a.docx"), Some((AssetKind::Document, "word")));
        assert_eq!(kind_of("a.md"), None);
        assert_eq!(kind_of("a.exe"), None);
        assert_eq!(kind_of("noext"), None);
    }

    #[test]
    fn scripts_in_svg() {
        let ok = r#"<svg xmlns="http://www.w3.org/2000/svg" width="20" height="10"><title>one</title><rect width="5" height="5"/></svg>"#;
        assert!(svg_scripts(ok).is_empty());
        assert_eq!(svg_dimensions(ok), Some((20, 10)));
        let bad = r#"<svg viewBox="0 0 30 15"><script>alert(1)</script><rect onclick="x()"/><a href="javascript:y()">z</a></svg>"#;
        let found: Vec<_> = svg_scripts(bad)
            .into_iter()
            .map(|(r, w)| (&bad[r], w))
            .collect();
        assert_eq!(found.len(), 3, "{found:?}");
        assert_eq!(found[0].0, "<script>");
        assert_eq!(found[1].0, "onclick");
        assert_eq!(found[2].0, "javascript:");
        assert_eq!(svg_dimensions(bad), Some((30, 15)));
        // A word that starts with `on` in an attribute's value is not an attribute.
        assert!(svg_scripts(r#"<text font-family="one only">on</text>"#).is_empty());
    }
}
