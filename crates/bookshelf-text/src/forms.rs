//! English word forms: the plurals and verb forms a symbol key also matches, and the UK
//! `-ise`/`-yse` spelling of a US `-ize`/`-yze` word. Render's symbol matcher and search's
//! word folding call these, so "meetings" and "organize" are read the same way everywhere.

/// Endings after `iz`/`yz` that mark the US `-ize`/`-yze` forms.
pub const IZE_ENDINGS: &[&str] = &[
    "e", "es", "ed", "ing", "er", "ers", "ation", "ations", "ational",
];

/// The forms a word or phrase also takes: itself, then the plural (`-s`, `-es`, `-ies`) and
/// the simple verb forms (`-ing`, `-ed`, `-d`, `-ied`) of its last word.
///
/// ```
/// let forms = bookshelf_text::forms::of("parent carer forum");
/// assert!(forms.contains(&"parent carer forums".to_string()));
/// assert_eq!(bookshelf_text::forms::of("family")[..3], ["family", "families", "familied"]);
/// ```
pub fn of(key: &str) -> Vec<String> {
    let mut out = vec![key.to_string()];
    let (head, last) = match key.rsplit_once(' ') {
        Some((h, l)) => (format!("{h} "), l),
        None => (String::new(), key),
    };
    let mut add = |w: String| out.push(format!("{head}{w}"));
    if let Some(stem) = last
        .strip_suffix('y')
        .filter(|s| !s.ends_with(['a', 'e', 'o', 'u']))
    {
        add(format!("{stem}ies"));
        add(format!("{stem}ied"));
    }
    if last.ends_with(['s', 'x', 'z']) || last.ends_with("ch") || last.ends_with("sh") {
        add(format!("{last}es"));
    } else {
        add(format!("{last}s"));
    }
    if let Some(stem) = last.strip_suffix('e') {
        add(format!("{stem}ing"));
        add(format!("{last}d"));
    } else {
        add(format!("{last}ing"));
        add(format!("{last}ed"));
    }
    out
}

/// The `-ise`/`-yse` form of a lower-case `-ize`/`-yze` word (one of [`IZE_ENDINGS`] after
/// `iz` or `yz`, with at least three letters before), if it is one.
///
/// ```
/// use bookshelf_text::forms::uk_ending;
/// assert_eq!(uk_ending("organizations").as_deref(), Some("organisations"));
/// assert_eq!(uk_ending("analyzed").as_deref(), Some("analysed"));
/// assert_eq!(uk_ending("size"), None);
/// ```
pub fn uk_ending(word: &str) -> Option<String> {
    for ending in IZE_ENDINGS {
        let Some(before) = word.strip_suffix(ending) else {
            continue;
        };
        for (us, uk) in [("iz", "is"), ("yz", "ys")] {
            if let Some(stem) = before.strip_suffix(us) {
                if stem.chars().count() >= 3 {
                    return Some(format!("{stem}{uk}{ending}"));
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_forms() {
        assert!(of("meeting").contains(&"meetings".to_string()));
        assert!(of("family").contains(&"families".to_string()));
        assert!(of("choose").contains(&"choosing".to_string()));
        assert!(of("box").contains(&"boxes".to_string()));
        assert!(of("day").contains(&"days".to_string()));
        assert!(!of("day").contains(&"daies".to_string()));
        assert!(of("parent carer forum").contains(&"parent carer forums".to_string()));
    }

    #[test]
    fn us_endings_become_uk() {
        assert_eq!(uk_ending("recognize").as_deref(), Some("recognise"));
        assert_eq!(uk_ending("prioritizing").as_deref(), Some("prioritising"));
        assert_eq!(uk_ending("paralyze").as_deref(), Some("paralyse"));
        // Too short a stem: "prize" is not "prise".
        assert_eq!(uk_ending("prize"), None);
        assert_eq!(uk_ending("colour"), None);
    }
}
