//! The site's sections as the pages show them: the main menu, the footer menu, the
//! breadcrumb of a page in a section, and each section's list page title. Built once per
//! render of one language from `book.toml`'s `[[sections]]` (or today's defaults) and the
//! theme's strings, so every page reads the same lists.

use bookshelf_content::{Book, Section, SectionConfig, SectionKind, Show};

use crate::i18n::Strings;

/// One section as the pages of one language show it.
#[derive(Debug, Clone)]
pub(crate) struct Shown {
    /// Its list page's route (`local-help/`).
    pub(crate) route: String,
    /// Its name in menus and breadcrumbs.
    pub(crate) menu_title: String,
    /// Its list page's title.
    pub(crate) title: String,
    /// Its list page's summary.
    pub(crate) summary: Option<String>,
    /// Where its link is.
    pub(crate) show: Show,
    /// The folder, for a section of pages.
    pub(crate) section: Option<Section>,
}

/// Every section of the book, in order, in the book's language.
#[derive(Debug, Clone, Default)]
pub(crate) struct Sections {
    pub(crate) all: Vec<Shown>,
    /// The main menu: home, the sections shown in the menu, search (route, title).
    pub(crate) menu: Vec<(String, String)>,
    /// The footer menu, besides the theme's own links: the sections shown in the footer,
    /// then the top-level pages (but `sources/`, which the theme links as "Sources and
    /// credits"), as (route, title, language of the title). Made once, not per page.
    pub(crate) footer: Vec<(String, String, String)>,
}

impl Sections {
    /// The sections of `book` in its language, titled from `book.toml` or, for the default
    /// sections, from the theme's `strings`.
    pub(crate) fn of(book: &Book, strings: &Strings) -> Self {
        let lang = book.config.book.language.as_str();
        let default = book.config.book.source_language.as_deref().unwrap_or(lang);
        let all: Vec<Shown> = book
            .config
            .sections
            .iter()
            .map(|s| shown(s, lang, default, strings))
            .collect();
        let mut menu = vec![(String::new(), strings.get("home").to_string())];
        menu.extend(
            all.iter()
                .filter(|s| s.show == Show::Menu)
                .map(|s| (s.route.clone(), s.menu_title.clone())),
        );
        menu.push(("search/".into(), strings.get("menu_search").to_string()));
        let mut footer: Vec<(String, String, String)> = all
            .iter()
            .filter(|s| s.show == Show::Footer)
            .map(|s| (s.route.clone(), s.menu_title.clone(), lang.to_string()))
            .collect();
        footer.extend(
            book.pages
                .iter()
                .filter(|p| p.section == Section::Top && p.route != "sources/")
                .map(|p| (p.route.clone(), p.title.clone(), p.text_language.clone())),
        );
        Sections { all, menu, footer }
    }

    /// The section a route is under (not the section's own list page).
    pub(crate) fn above(&self, route: &str) -> Option<&Shown> {
        self.all
            .iter()
            .find(|s| route.starts_with(&s.route) && route != s.route)
    }

    /// A section of pages by its folder.
    pub(crate) fn of_pages(&self, section: Section) -> Option<&Shown> {
        self.all.iter().find(|s| s.section == Some(section))
    }

    /// The sections of pages, for their list pages.
    pub(crate) fn page_sections(&self) -> impl Iterator<Item = Section> + '_ {
        self.all.iter().filter_map(|s| s.section)
    }
}

/// The kind of a page, for its `<body>` class and its search results: `home`, `page`
/// (top-level), `model` and `guide` as before, else the section's folder (`local-help`).
pub(crate) fn page_kind(section: Section) -> &'static str {
    match section {
        Section::Home => "home",
        Section::Top => "page",
        Section::Folder("guides") => "guide",
        Section::Folder(folder) => folder,
    }
}

fn shown(s: &SectionConfig, lang: &str, default: &str, strings: &Strings) -> Shown {
    let keys = s.theme_keys();
    let configured = s.title_in(lang, default);
    let menu_title = configured
        .map(str::to_string)
        .or_else(|| keys.as_ref().map(|k| strings.get(k.menu).to_string()))
        .unwrap_or_else(|| s.folder.clone());
    let title = configured
        .map(str::to_string)
        .or_else(|| {
            keys.as_ref()
                .and_then(|k| k.title)
                .map(|t| strings.get(t).to_string())
        })
        .unwrap_or_else(|| menu_title.clone());
    let summary = s.summary_in(lang, default).map(str::to_string).or_else(|| {
        keys.as_ref()
            .and_then(|k| k.summary)
            .map(|t| strings.get(t).to_string())
    });
    Shown {
        route: s.route(),
        menu_title,
        title,
        summary,
        show: s.show,
        section: (s.kind == SectionKind::Pages).then(|| Section::folder_named(&s.folder)),
    }
}
