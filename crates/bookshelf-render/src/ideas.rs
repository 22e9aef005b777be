//! Which symbols an easy-read line shows (ER2, ER20) and the picture for its idea (ER5):
//! phrases before words, nouns before other words, at most a few distinct pictures above the
//! words, and an idea picture that does not repeat the line before unless the idea does.
//! An editor may name a line's picture by starting it with `:name:` (a Twemoji short name, as
//! GitHub shows it), which wins.

use crate::symbols::SymbolMatch;

/// The idea a line's picture stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Idea {
    /// The symbol map key (or `:name:` for an editor's choice).
    pub key: String,
    /// The symbol name.
    pub name: String,
}

/// An editor's picture at the start of a line, `:name: words`: the name and the bytes the
/// marker (and the space after it) takes.
///
/// ```
/// use bookshelf_render::ideas::named_idea;
/// assert_eq!(named_idea(":handshake: We work together."), Some(("handshake", 12)));
/// assert_eq!(named_idea("Time: 10:30"), None);
/// ```
pub fn named_idea(text: &str) -> Option<(&str, usize)> {
    let rest = text.strip_prefix(':')?;
    let end = rest.find(':')?;
    let name = &rest[..end];
    let ok = !name.is_empty()
        && name.len() <= 60
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '_' | '-' | '+'));
    let after = &rest[end + 1..];
    let space = after.len() - after.trim_start().len();
    (ok && (after.is_empty() || space > 0)).then_some((name, 1 + end + 1 + space))
}

/// How strongly a match carries a line's idea: phrases, then nouns, then other words.
fn weight(m: &SymbolMatch) -> u8 {
    if m.key.contains(' ') {
        0
    } else if m.noun {
        1
    } else {
        2
    }
}

/// The matches in the order they carry the idea (then by place in the line).
fn by_weight(matches: &[SymbolMatch]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..matches.len()).collect();
    order.sort_by_key(|&i| (weight(&matches[i]), matches[i].range.start));
    order
}

/// Which matches get a symbol above their word: at most `max` distinct pictures, the
/// weightiest first; returned in line order.
pub fn shown(matches: &[SymbolMatch], max: usize) -> Vec<usize> {
    let mut names: Vec<&str> = Vec::new();
    let mut out = Vec::new();
    for i in by_weight(matches) {
        if names.contains(&matches[i].name.as_str()) {
            continue;
        }
        if names.len() == max {
            break;
        }
        names.push(&matches[i].name);
        out.push(i);
    }
    out.sort_by_key(|&i| matches[i].range.start);
    out
}

/// The picture for a line's idea: the weightiest match whose picture differs from the line
/// before's, unless it is the same idea (the same key); the weightiest at all if every
/// candidate repeats it.
pub fn idea(matches: &[SymbolMatch], before: Option<&Idea>) -> Option<Idea> {
    let order = by_weight(matches);
    let pick = order
        .iter()
        .map(|&i| &matches[i])
        .find(|m| before.is_none_or(|b| b.name != m.name || b.key == m.key))
        .or_else(|| order.first().map(|&i| &matches[i]))?;
    Some(Idea {
        key: pick.key.clone(),
        name: pick.name.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(at: usize, key: &str, name: &str, noun: bool) -> SymbolMatch {
        SymbolMatch {
            range: at..at + key.len(),
            name: name.into(),
            key: key.into(),
            noun,
        }
    }

    #[test]
    fn a_phrase_then_a_noun_carries_the_idea_not_the_first_word() {
        let line = [
            m(0, "choose", "point_right", false),
            m(10, "meeting", "handshake", true),
            m(20, "local offer", "globe", false),
        ];
        assert_eq!(idea(&line, None).map(|i| i.name), Some("globe".into()));
        let nouns = [line[0].clone(), line[1].clone()];
        assert_eq!(idea(&nouns, None).map(|i| i.name), Some("handshake".into()));
    }

    #[test]
    fn the_picture_of_the_line_before_is_shared_only_for_the_same_idea() {
        let before = Idea {
            key: "meeting".into(),
            name: "handshake".into(),
        };
        let other = [
            m(0, "trust", "handshake", true),
            m(9, "family", "family", true),
        ];
        assert_eq!(
            idea(&other, Some(&before)).map(|i| i.name),
            Some("family".into())
        );
        let same = [
            m(0, "meeting", "handshake", true),
            m(9, "family", "family", true),
        ];
        assert_eq!(
            idea(&same, Some(&before)).map(|i| i.name),
            Some("handshake".into())
        );
    }

    #[test]
    fn at_most_max_distinct_pictures_above_words() {
        let line = [
            m(0, "staff", "a", false),
            m(6, "family", "b", true),
            m(13, "plan", "c", true),
            m(20, "meeting", "d", true),
            m(30, "families", "b", true),
        ];
        assert_eq!(shown(&line, 3), [1, 2, 3]);
    }
}
