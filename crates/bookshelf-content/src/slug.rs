//! Slugs and ids: lower-case words joined by hyphens.

/// Make an id from text: `Before the meeting!` -> `before-the-meeting`.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_dash = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if pending_dash && !out.is_empty() {
                out.push('-');
            }
            pending_dash = false;
            out.extend(c.to_lowercase());
        } else if c == '\'' || c == '\u{2019}' {
            // "you're" -> "youre"
        } else {
            pending_dash = true;
        }
    }
    out
}

/// Is this a valid slug (lower-case letters, digits and single hyphens)?
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Keeps ids unique on one page by adding `-2`, `-3`…
#[derive(Debug, Default)]
pub struct UniqueIds {
    seen: std::collections::HashSet<String>,
}

impl UniqueIds {
    /// Reserve ids the page already uses (such as `main`).
    pub fn reserve(&mut self, id: &str) {
        self.seen.insert(id.to_string());
    }

    /// The id itself, or with a number added if it was seen.
    pub fn unique(&mut self, base: &str) -> String {
        let base = if base.is_empty() { "section" } else { base };
        if self.seen.insert(base.to_string()) {
            return base.to_string();
        }
        (2..)
            .map(|n| format!("{base}-{n}"))
            .find(|c| self.seen.insert(c.clone()))
            .unwrap_or_default()
    }
}

/// The closest candidate to `word` (for "did you mean").
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| {
            (
                strsim::damerau_levenshtein(&word.to_lowercase(), &c.to_lowercase()),
                c,
            )
        })
        .filter(|(d, c)| *d <= 2.max(c.len() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(slugify("Before the meeting!"), "before-the-meeting");
        assert_eq!(
            slugify("Education, Health and Care plan"),
            "education-health-and-care-plan"
        );
        assert_eq!(slugify("You're in charge"), "youre-in-charge");
        assert!(is_slug("a-b-1"));
        assert!(!is_slug("A-b"));
        assert!(!is_slug("a--b"));
        assert_eq!(did_you_mean("titel", ["title", "summary"]), Some("title"));
        assert_eq!(
            did_you_mean("stratgic", ["individual", "strategic"]),
            Some("strategic")
        );
        assert_eq!(did_you_mean("zzzz", ["title"]), None);
    }

    #[test]
    fn unique_ids() {
        let mut u = UniqueIds::default();
        assert_eq!(u.unique("a"), "a");
        assert_eq!(u.unique("a"), "a-2");
        assert_eq!(u.unique(""), "section");
    }
}
