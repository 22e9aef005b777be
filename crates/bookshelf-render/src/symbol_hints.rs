//! Suggestions for a symbol name that is not in the set in use: the nearest name in the
//! book's own symbols folder, or a Twemoji name one typo away (Twemoji has no list of names
//! to search, so the names one edit away are tried: a few hundred look-ups, only for a
//! name that is wrong). Examples in help lines come from the set in use, never `handshake`
//! for a folder that does not have it.

use bookshelf_content::slug::did_you_mean;

use crate::symbols::SymbolSet;

/// The names in a symbols folder (file stems of its `.svg` and `.png` files), sorted.
fn folder_names(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let p = e.path();
            let ext = p.extension()?.to_str()?;
            matches!(ext, "svg" | "png").then(|| p.file_stem()?.to_str().map(str::to_string))?
        })
        .collect();
    names.sort();
    names.dedup();
    names
}

/// Names one edit (a letter left out, added, changed or two swapped) from `name`.
fn one_edit(name: &str) -> impl Iterator<Item = String> + '_ {
    const LETTERS: &str = "abcdefghijklmnopqrstuvwxyz_";
    let chars: Vec<char> = name.chars().collect();
    let n = chars.len();
    let deletes = (0..n).map({
        let chars = chars.clone();
        move |i| {
            chars
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != i)
                .map(|(_, c)| c)
                .collect()
        }
    });
    let swaps = (0..n.saturating_sub(1)).map({
        let chars = chars.clone();
        move |i| {
            let mut c = chars.clone();
            c.swap(i, i + 1);
            c.into_iter().collect()
        }
    });
    let changes = (0..n).flat_map({
        let chars = chars.clone();
        move |i| {
            let chars = chars.clone();
            LETTERS.chars().map(move |l| {
                let mut c = chars.clone();
                c[i] = l;
                c.into_iter().collect()
            })
        }
    });
    let inserts = (0..=n).flat_map(move |i| {
        let chars = chars.clone();
        LETTERS.chars().map(move |l| {
            let mut c = chars.clone();
            c.insert(i, l);
            c.into_iter().collect()
        })
    });
    deletes.chain(swaps).chain(changes).chain(inserts)
}

/// The name in `set` nearest to `name`, if one is near enough.
pub(crate) fn suggest(set: &SymbolSet, name: &str) -> Option<String> {
    match set {
        SymbolSet::Folder(dir) => {
            let names = folder_names(dir);
            did_you_mean(name, names.iter().map(String::as_str)).map(str::to_string)
        }
        SymbolSet::Twemoji => {
            let lower = name.to_lowercase().replace(['-', ' '], "_");
            if lower != name && set.exists(&lower) {
                return Some(lower);
            }
            if name.len() > 40 {
                return None;
            }
            let found = one_edit(&lower).find(|n| n != name && set.exists(n));
            found
        }
    }
}

/// A name the set really has, for examples in help lines.
pub(crate) fn example(set: &SymbolSet) -> String {
    match set {
        SymbolSet::Folder(dir) => folder_names(dir)
            .into_iter()
            .next()
            .unwrap_or_else(|| "NAME".into()),
        SymbolSet::Twemoji => "handshake".into(),
    }
}

/// The help line for an unknown symbol `name`.
pub(crate) fn help(set: &SymbolSet, name: &str) -> String {
    let hint = match suggest(set, name) {
        Some(s) => format!("did you mean `{s}`? "),
        None => String::new(),
    };
    match set {
        SymbolSet::Folder(dir) => format!(
            "{hint}use the name of a picture in your symbols folder `{}` (such as `{}`), or add `{name}.svg` or `{name}.png` to it",
            dir.file_name().map_or_else(|| dir.display().to_string(), |f| f.to_string_lossy().into_owned()),
            example(set)
        ),
        SymbolSet::Twemoji => format!(
            "{hint}use a Twemoji short name (such as `handshake`), or set `symbols` under `[easy_read]` in `book.toml` to a folder of your own pictures"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_twemoji_name_one_typo_away_is_suggested() {
        let set = SymbolSet::Twemoji;
        assert_eq!(suggest(&set, "handshak").as_deref(), Some("handshake"));
        assert_eq!(suggest(&set, "hnadshake").as_deref(), Some("handshake"));
        assert_eq!(suggest(&set, "Handshake").as_deref(), Some("handshake"));
        assert_eq!(suggest(&set, "zzzzqqqq"), None);
    }

    #[test]
    fn a_folder_suggests_its_own_names_only() {
        let dir = tempfile::tempdir().expect("temp");
        std::fs::write(dir.path().join("meeting.svg"), "<svg/>").expect("write");
        std::fs::write(dir.path().join("school.png"), b"png").expect("write");
        let set = SymbolSet::Folder(dir.path().to_path_buf());
        assert_eq!(suggest(&set, "meetng").as_deref(), Some("meeting"));
        assert_eq!(suggest(&set, "handshake"), None);
        assert_eq!(example(&set), "meeting");
        assert!(!help(&set, "handshake").contains("handshake`)"));
    }
}
