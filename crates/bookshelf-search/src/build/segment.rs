//! The index's one segment on disk: its writer's memory budget, a fixed name for repeatable
//! bytes, and the size of what was written.

use std::path::Path;

use crate::error::SearchError;

/// The memory budget to give the segment writer for `terms` index terms. tantivy sizes its
/// term table from the budget alone (a third of it, up to 512K slots, zeroed up front) and
/// grows the table when it fills: a budget for the terms there are keeps the table as small
/// as they need (half a megabyte for the 1,000-page bench corpus, instead of 6 MB at any
/// size).
pub(super) fn segment_memory(terms: usize) -> usize {
    // Slots for each term in each text field and the keyword fields, at half load.
    let slots = (terms * 8).next_power_of_two().clamp(1 << 10, 1 << 19);
    // A slot takes at most 16 bytes, so a third of this holds `slots` of them.
    slots * 16 * 3 + 1
}

/// The name given to the index's one segment, in place of the random UUID tantivy gives it,
/// so that the same book gives the same bytes (file names and `meta.json`) on every build.
const SEGMENT_ID: &str = "00000000-0000-4000-8000-00000b00c5e1";

/// Renames the one segment tantivy wrote in `index_dir` to [`SEGMENT_ID`]: its files, its
/// entry in `meta.json`, and the list of files tantivy manages (`.managed.json`, a hash set
/// written in whatever order the set holds, so it is written again, sorted).
pub(super) fn name_segment(index_dir: &Path) -> Result<(), SearchError> {
    let meta_path = index_dir.join("meta.json");
    let meta =
        std::fs::read_to_string(&meta_path).map_err(|e| SearchError::io("read", &meta_path, e))?;
    let json = |source| SearchError::Json {
        path: meta_path.clone(),
        source,
    };
    let value: serde_json::Value = serde_json::from_str(&meta).map_err(json)?;
    let ids: Vec<&str> = value["segments"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| s["segment_id"].as_str())
        .collect();
    let [id] = ids[..] else {
        return Err(SearchError::Directory {
            path: index_dir.to_path_buf(),
            message: format!("holds {} segments, where one was written", ids.len()),
        });
    };
    // `meta.json` spells the UUID with hyphens, the file names without.
    let id = id.to_string();
    if id == SEGMENT_ID {
        return Ok(());
    }
    let (simple, new_simple) = (id.replace('-', ""), SEGMENT_ID.replace('-', ""));
    let entries =
        std::fs::read_dir(index_dir).map_err(|e| SearchError::io("read", index_dir, e))?;
    for entry in entries {
        let entry = entry.map_err(|e| SearchError::io("read", index_dir, e))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if let Some(rest) = name.strip_prefix(&simple) {
            let to = index_dir.join(format!("{new_simple}{rest}"));
            std::fs::rename(entry.path(), &to).map_err(|e| SearchError::io("rename", &to, e))?;
        }
    }
    let write = |path: &Path, text: String| {
        std::fs::write(path, text).map_err(|e| SearchError::io("write", path, e))
    };
    write(&meta_path, meta.replace(&id, SEGMENT_ID))?;
    let managed_path = index_dir.join(".managed.json");
    if let Ok(text) = std::fs::read_to_string(&managed_path) {
        let mut files: Vec<String> =
            serde_json::from_str(&text).map_err(|source| SearchError::Json {
                path: managed_path.clone(),
                source,
            })?;
        for f in &mut files {
            *f = f.replace(&simple, &new_simple);
        }
        files.sort();
        let text = serde_json::to_string(&files).map_err(json)? + "\n";
        write(&managed_path, text)?;
    }
    Ok(())
}

pub(super) fn dir_size(path: &Path) -> Result<u64, SearchError> {
    let mut total = 0;
    let entries = std::fs::read_dir(path).map_err(|e| SearchError::io("read", path, e))?;
    for entry in entries {
        let entry = entry.map_err(|e| SearchError::io("read", path, e))?;
        let meta = entry
            .metadata()
            .map_err(|e| SearchError::io("read", &entry.path(), e))?;
        total += if meta.is_dir() {
            dir_size(&entry.path())?
        } else {
            meta.len()
        };
    }
    Ok(total)
}
