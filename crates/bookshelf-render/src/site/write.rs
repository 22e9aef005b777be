//! Writing output files: into a folder being filled afresh, or over an existing site.

use std::path::Path;

use crate::RenderError;

/// Write a file into a folder being filled afresh, where a page's folder (`x/` of
/// `x/index.html`) is almost never there yet: make it first rather than fail a write.
pub(crate) fn write_new_file(out: &Path, rel: &str, bytes: &[u8]) -> Result<(), RenderError> {
    let Some(folder) = rel.strip_suffix("/index.html") else {
        return write_file(out, rel, bytes);
    };
    let dir = out.join(folder);
    match std::fs::create_dir(&dir) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            // The first page of a section: make the section's folders, each marked to spread
            // the page folders made in it (`output::spread_folders`), then the page's.
            let mut missing = Vec::new();
            let mut up = dir.parent();
            while let Some(folder) = up.filter(|f| !f.as_os_str().is_empty() && !f.is_dir()) {
                missing.push(folder);
                up = folder.parent();
            }
            for folder in missing.into_iter().rev() {
                match std::fs::create_dir(folder) {
                    Ok(()) if folder.starts_with(out) => crate::output::spread_folders(folder),
                    Ok(()) => {}
                    Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                    Err(e) => {
                        return Err(RenderError::Io {
                            path: folder.to_path_buf(),
                            source: e,
                        })
                    }
                }
            }
            match std::fs::create_dir(&dir) {
                Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => {
                    return Err(RenderError::Io {
                        path: dir,
                        source: e,
                    })
                }
                _ => {}
            }
        }
        Err(e) => {
            return Err(RenderError::Io {
                path: dir,
                source: e,
            })
        }
    }
    let path = dir.join("index.html");
    std::fs::write(&path, bytes).map_err(|e| RenderError::Io { path, source: e })
}

/// Write a file, creating its folder.
pub(crate) fn write_file(out: &Path, rel: &str, bytes: &[u8]) -> Result<(), RenderError> {
    let path = out.join(rel);
    // Most folders exist already: try the write first, make the folder only when it is missing.
    match std::fs::write(&path, bytes) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).map_err(|e| RenderError::Io {
                    path: parent.to_path_buf(),
                    source: e,
                })?;
            }
            std::fs::write(&path, bytes).map_err(|e| RenderError::Io { path, source: e })
        }
        other => other.map_err(|e| RenderError::Io { path, source: e }),
    }
}

#[cfg(test)]
mod tests {
    use super::write_new_file;

    /// The folders that hold page folders are marked for ext4 to spread them (see
    /// `output::spread_folders`); the page folders, which hold one file each, are not.
    #[cfg(target_os = "linux")]
    #[test]
    fn section_folders_are_marked_to_spread_their_page_folders() {
        use crate::output::spreads;
        let out = tempfile::tempdir().unwrap();
        let lock = crate::output::OutputLock::acquire(&out.path().join("site")).unwrap();
        let staging = lock.stage().unwrap();
        let site = staging.dir();
        for page in ["easy-read/guides/a/", "easy-read/guides/b/", "guides/a/"] {
            write_new_file(site, &format!("{page}index.html"), b"<p>Hi</p>").unwrap();
        }
        let read = |rel: &str| std::fs::read_to_string(site.join(rel)).unwrap();
        assert_eq!(read("easy-read/guides/b/index.html"), "<p>Hi</p>");
        let Some(top) = spreads(site) else {
            eprintln!("not on ext4: no folder flags to check");
            return;
        };
        assert!(top, "the site's folder");
        for folder in ["easy-read", "easy-read/guides", "guides"] {
            assert_eq!(spreads(&site.join(folder)), Some(true), "`{folder}`");
        }
        assert_eq!(spreads(&site.join("easy-read/guides/a")), Some(false));
    }
}
