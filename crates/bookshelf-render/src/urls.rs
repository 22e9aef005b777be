//! Site-relative URLs: every link is written relative to the page, so a site works under any path.

/// Which version of a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Variant {
    /// The standard page.
    Standard,
    /// The easy-read page under `/easy-read/`.
    Easy,
}

impl Variant {
    /// Both variants.
    pub const BOTH: [Variant; 2] = [Variant::Standard, Variant::Easy];
    /// The folder prefix of this variant.
    pub fn prefix(self) -> &'static str {
        match self {
            Variant::Standard => "",
            Variant::Easy => "easy-read/",
        }
    }
    /// `standard` or `easy`.
    pub fn key(self) -> &'static str {
        match self {
            Variant::Standard => "standard",
            Variant::Easy => "easy",
        }
    }
    /// The other variant.
    pub fn other(self) -> Variant {
        match self {
            Variant::Standard => Variant::Easy,
            Variant::Easy => Variant::Standard,
        }
    }
}

/// The site path of a route in a variant: `easy-read/guides/x/`.
pub(crate) fn site_path(variant: Variant, route: &str) -> String {
    format!("{}{}", variant.prefix(), route)
}

/// `../` repeated once for each folder in `path` (a site path ending in `/` or empty).
pub(crate) fn to_root(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

/// A link from the page at site path `from` to the site path made of `parts`, written
/// relative to the page in one allocation: `../` for each folder of `from`, then the parts;
/// `./` when that is empty (the home page linking to itself).
pub(crate) fn relative(from: &str, parts: &[&str]) -> String {
    let ups = from.bytes().filter(|&b| b == b'/').count();
    let len = 3 * ups + parts.iter().map(|p| p.len()).sum::<usize>();
    if len == 0 {
        return "./".into();
    }
    let mut url = String::with_capacity(len);
    for _ in 0..ups {
        url.push_str("../");
    }
    for p in parts {
        url.push_str(p);
    }
    url
}

/// The output file for a site path: `guides/x/index.html`.
pub(crate) fn file_for(path: &str) -> String {
    if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths() {
        assert_eq!(site_path(Variant::Easy, "guides/x/"), "easy-read/guides/x/");
        assert_eq!(to_root("easy-read/guides/x/"), "../../../");
        assert_eq!(to_root(""), "");
        assert_eq!(file_for(""), "index.html");
        assert_eq!(file_for("404.html"), "404.html");
    }

    #[test]
    fn relative_links_climb_to_the_root_then_down() {
        assert_eq!(relative("guides/x/", &["", "guides/y/"]), "../../guides/y/");
        assert_eq!(
            relative("easy-read/guides/x/", &["easy-read/", "model/", "#a"]),
            "../../../easy-read/model/#a"
        );
        assert_eq!(relative("", &["guides/"]), "guides/");
        assert_eq!(relative("", &["", ""]), "./");
        assert_eq!(relative("easy-read/", &[""]), "../");
        assert_eq!(relative("", &["", "", "#top"]), "#top");
    }
}
