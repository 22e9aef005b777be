//! Pictures and documents from `content/`: published at the same path in every language's
//! site (so `![A bus](bus.jpg)` in `guides/x.md` is `guides/bus.jpg`, linked relative to the
//! page in both variants), with a narrower copy of each wide photo for phones; and the HTML
//! that shows a picture (with its width and height, so nothing moves as it loads) or says a
//! document's type and size after its link ("PDF, 240 KB"), as GOV.UK does.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use bookshelf_content::assets::{Asset, AssetKind};
use bookshelf_content::Book;
use rayon::prelude::*;

use crate::i18n::Strings;
use crate::markdown::{attr, Place};
use crate::urls::relative;
use crate::RenderError;

/// The width of the copy phones get of a wider photo, in pixels: a phone's screen (390 CSS
/// pixels) at about 1.5 device pixels each, and the reading column's width on a computer.
pub(crate) const PHONE_WIDTH: u32 = 640;

/// Where, in the book's folder, phone copies are kept between builds (hidden, so the
/// content walk and `serve`'s watcher pass it by).
pub(crate) const CACHE_FOLDER: &str = ".bookshelf-cache/pictures";

/// The site path of the phone copy of `rel`: `guides/bus.jpg` → `guides/bus.640w.jpg`.
pub(crate) fn copy_path(rel: &str) -> String {
    match rel.rsplit_once('.') {
        Some((stem, ext)) => format!("{stem}.{PHONE_WIDTH}w.{ext}"),
        None => format!("{rel}.{PHONE_WIDTH}w"),
    }
}

/// Phone copies already made, by the hash of the original's bytes: kept in memory (for
/// `serve`) and in a folder (for the next `build`), so an unchanged photo is resized once.
#[derive(Debug, Default)]
pub(crate) struct Copies {
    folder: Option<PathBuf>,
    made: Mutex<HashMap<u64, Arc<Vec<u8>>>>,
}

impl Copies {
    /// Copies kept in `folder` (made when first needed), or only in memory.
    pub(crate) fn new(folder: Option<PathBuf>) -> Self {
        Self {
            folder,
            made: Mutex::default(),
        }
    }

    /// The phone copy of `asset` (read from `root`), made if it is not kept yet.
    pub(crate) fn phone_copy(
        &self,
        root: &Path,
        asset: &Asset,
    ) -> Result<Arc<Vec<u8>>, RenderError> {
        if let Some(bytes) = self
            .made
            .lock()
            .ok()
            .and_then(|m| m.get(&asset.hash).cloned())
        {
            return Ok(bytes);
        }
        let kept = self.folder.as_ref().map(|f| {
            f.join(format!(
                "{:016x}-{PHONE_WIDTH}.{}",
                asset.hash, asset.type_key
            ))
        });
        let bytes = match kept.as_ref().and_then(|k| std::fs::read(k).ok()) {
            Some(bytes) => bytes,
            None => {
                let bytes = resize(root, asset)?;
                if let Some(k) = &kept {
                    // Only a cache: a folder that cannot be written costs time, not the build.
                    let _ = std::fs::create_dir_all(k.parent().unwrap_or(Path::new(".")))
                        .and_then(|()| std::fs::write(k, &bytes));
                }
                bytes
            }
        };
        let bytes = Arc::new(bytes);
        if let Ok(mut m) = self.made.lock() {
            m.insert(asset.hash, bytes.clone());
        }
        Ok(bytes)
    }
}

fn resize(root: &Path, asset: &Asset) -> Result<Vec<u8>, RenderError> {
    let path = root.join(&asset.path);
    let io = |source| RenderError::Io {
        path: path.clone(),
        source,
    };
    let bad = |e: image::ImageError| io(std::io::Error::other(e));
    let img = image::ImageReader::open(&path)
        .map_err(io)?
        .with_guessed_format()
        .map_err(io)?
        .decode()
        .map_err(bad)?;
    let small = img.resize(PHONE_WIDTH, u32::MAX, image::imageops::FilterType::Triangle);
    let mut out = std::io::Cursor::new(Vec::new());
    match asset.type_key {
        "jpeg" => {
            let enc = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 82);
            small.to_rgb8().write_with_encoder(enc).map_err(bad)?;
        }
        "webp" => {
            let enc = image::codecs::webp::WebPEncoder::new_lossless(&mut out);
            small.to_rgba8().write_with_encoder(enc).map_err(bad)?;
        }
        _ => small
            .write_to(&mut out, image::ImageFormat::Png)
            .map_err(bad)?,
    }
    Ok(out.into_inner())
}

/// Every file to publish for `book`: site path → (the asset, whether it is the phone copy).
fn wanted(book: &Book) -> Vec<(String, &Arc<Asset>, bool)> {
    let mut out = Vec::new();
    for a in book.assets.values() {
        out.push((a.rel.clone(), a, false));
        if a.needs_copy_narrower_than(PHONE_WIDTH) {
            out.push((copy_path(&a.rel), a, true));
        }
    }
    out
}

fn bytes_of(
    book: &Book,
    copies: &Copies,
    asset: &Asset,
    copy: bool,
) -> Result<Arc<Vec<u8>>, RenderError> {
    if copy {
        return copies.phone_copy(&book.root, asset);
    }
    let path = book.root.join(&asset.path);
    std::fs::read(&path)
        .map(Arc::new)
        .map_err(|source| RenderError::Io { path, source })
}

/// Write every picture and document of `book`, and the phone copies, in parallel.
pub(crate) fn publish(
    book: &Book,
    copies: &Copies,
    write: &crate::site::WriteFile<'_>,
) -> Result<(), RenderError> {
    wanted(book)
        .par_iter()
        .try_for_each(|(site, asset, copy)| write(site, &bytes_of(book, copies, asset, *copy)?))
}

/// Bring the published files in `out` up to date with `book`: write what is new or changed
/// (by the hash of the original in `published`), remove what is gone.
pub(crate) fn publish_changed(
    book: &Book,
    copies: &Copies,
    out: &Path,
    published: &mut BTreeMap<String, u64>,
) -> Result<(), RenderError> {
    let wanted = wanted(book);
    let todo: Vec<&(String, &Arc<Asset>, bool)> = wanted
        .iter()
        .filter(|(site, a, _)| published.get(site) != Some(&a.hash) || !out.join(site).is_file())
        .collect();
    todo.par_iter().try_for_each(|(site, asset, copy)| {
        crate::site::write_file(out, site, &bytes_of(book, copies, asset, *copy)?)
    })?;
    let now: BTreeMap<String, u64> = wanted.iter().map(|(s, a, _)| (s.clone(), a.hash)).collect();
    for gone in published.keys().filter(|s| !now.contains_key(*s)) {
        let _ = std::fs::remove_file(out.join(gone));
    }
    *published = now;
    Ok(())
}

/// What a page's HTML can take from one file: its path, size and dimensions.
type FileKey<'a> = (&'a str, u64, Option<(u32, u32)>);

/// What the pages' HTML depends on in the files: their paths, sizes and dimensions.
pub(crate) fn key(book: &Book) -> Vec<FileKey<'_>> {
    book.assets
        .values()
        .map(|a| (a.rel.as_str(), a.size, a.dimensions))
        .collect()
}

/// The `<img>` for a picture at `place`, with its width and height and, for a wide photo,
/// the phone copy in `srcset`. `alt` as written: `""` marks a decorative picture.
pub(crate) fn image_html(place: Place<'_>, asset: &Asset, alt: &str, class: &str) -> String {
    let src = relative(place.path, &[&asset.rel]);
    let alt = if bookshelf_content::links::is_decorative(alt) {
        ""
    } else {
        alt.trim()
    };
    let mut html = format!(
        "<img class=\"{class}\" src=\"{}\" alt=\"{}\"",
        attr(&src),
        attr(alt)
    );
    if let Some((w, h)) = asset.dimensions {
        html.push_str(&format!(" width=\"{w}\" height=\"{h}\""));
        if asset.needs_copy_narrower_than(PHONE_WIDTH) {
            let small = relative(place.path, &[&copy_path(&asset.rel)]);
            html.push_str(&format!(
                " srcset=\"{} {PHONE_WIDTH}w, {} {w}w\" sizes=\"(max-width: 44rem) 100vw, 40rem\"",
                attr(&small),
                attr(&src)
            ));
        }
    }
    html.push_str(" loading=\"lazy\" decoding=\"async\">");
    html
}

/// " (PDF, 240 KB)" after a link to a document, in the page's language.
pub(crate) fn document_meta_html(strings: &Strings, asset: &Asset) -> String {
    if asset.kind != AssetKind::Document {
        return String::new();
    }
    let kind = strings.get(match asset.type_key {
        "pdf" => "file_type_pdf",
        "word" => "file_type_word",
        "excel" => "file_type_excel",
        "odt" => "file_type_odt",
        "ods" => "file_type_ods",
        "odp" => "file_type_odp",
        _ => "file_type_csv",
    });
    let meta = strings.fill(
        "file_meta",
        &[("type", kind), ("size", &size_text(strings, asset.size))],
    );
    format!(
        " <span class=\"file-meta\">{}</span>",
        crate::markdown::escape(&meta)
    )
}

/// A file's size as GOV.UK writes it: bytes under 1 KB, whole KB under 1 MB, then MB with
/// one decimal (in the language's decimal mark).
pub(crate) fn size_text(strings: &Strings, bytes: u64) -> String {
    if bytes < 1024 {
        return strings.fill("file_size_bytes", &[("size", &bytes.to_string())]);
    }
    let kb = (bytes as f64 / 1024.0).round();
    if kb < 1024.0 {
        return strings.fill("file_size_kb", &[("size", &format!("{kb:.0}"))]);
    }
    let mb = format!("{:.1}", bytes as f64 / (1024.0 * 1024.0))
        .replace('.', strings.get("decimal_mark"));
    strings.fill("file_size_mb", &[("size", &mb)])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copy_paths() {
        assert_eq!(copy_path("guides/bus.jpg"), "guides/bus.640w.jpg");
        assert_eq!(copy_path("a.b.png"), "a.b.640w.png");
    }

    #[test]
    fn sizes_as_gov_uk_writes_them() {
        let en = Strings::english();
        assert_eq!(size_text(&en, 300), "300 bytes");
        assert_eq!(size_text(&en, 240 * 1024 + 10), "240 KB");
        assert_eq!(size_text(&en, 1024 * 1024 * 5 / 2), "2.5 MB");
    }
}
