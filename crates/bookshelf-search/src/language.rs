//! The language an index is analysed in: which stemmer and stop words it uses, and whether
//! the English-only steps (US → UK spellings, possessive `'s`, the stems English readers
//! mean as one word, plain inflections of query words) apply.
//!
//! The language travels in `meta.json` (`lang`, absent for English so that English indexes
//! keep their bytes), so the searcher and `search.js` analyse queries as the pages were.

use rust_stemmers::{Algorithm, Stemmer};
use tantivy::tokenizer::Language as Snowball;

use crate::words::{self, WordSet, STOP_WORDS};

/// The language of one index, from a BCP 47 tag (`en-GB`, `pl`, `cy`, `fr`, `ur`).
///
/// English gets bookshelf's own analysis. Languages with a Snowball stemmer (tantivy's
/// [`Snowball`] list: Arabic, Danish, Dutch, Finnish, French, German, Greek, Hungarian,
/// Italian, Norwegian, Portuguese, Romanian, Russian, Spanish, Swedish, Tamil, Turkish) are
/// stemmed. Stop words are the whole of the language's Snowball list as NLTK ships it (the
/// `stop-words` crate; Catalan, Indonesian and others have one without a stemmer), not only
/// those the site happens to use, so a query's common word is left out as the page's was.
/// A language with neither (Polish, Welsh, Urdu, …) is indexed word for word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Language {
    tag: String,
    /// The primary subtag, lower case (`fr` of `fr-CA`).
    primary: String,
    english: bool,
    snowball: Option<Snowball>,
    /// The editor's own everyday words (`phrase`, words searched as well), added to the
    /// built-in list (English only) by [`Language::with_everyday`].
    everyday: Vec<(String, String)>,
}

impl Language {
    /// English, bookshelf's default analysis.
    pub fn english() -> Self {
        Language::from_tag("en")
    }

    /// The language a BCP 47 tag names; only its primary subtag matters here.
    pub fn from_tag(tag: &str) -> Self {
        let primary = tag
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        let snowball = match primary.as_str() {
            "ar" => Some(Snowball::Arabic),
            "da" => Some(Snowball::Danish),
            "nl" => Some(Snowball::Dutch),
            "en" => Some(Snowball::English),
            "fi" => Some(Snowball::Finnish),
            "fr" => Some(Snowball::French),
            "de" => Some(Snowball::German),
            "el" => Some(Snowball::Greek),
            "hu" => Some(Snowball::Hungarian),
            "it" => Some(Snowball::Italian),
            "no" | "nb" | "nn" => Some(Snowball::Norwegian),
            "pt" => Some(Snowball::Portuguese),
            "ro" => Some(Snowball::Romanian),
            "ru" => Some(Snowball::Russian),
            "es" => Some(Snowball::Spanish),
            "sv" => Some(Snowball::Swedish),
            "ta" => Some(Snowball::Tamil),
            "tr" => Some(Snowball::Turkish),
            _ => None,
        };
        Language {
            tag: tag.to_string(),
            english: primary == "en",
            primary,
            snowball,
            everyday: Vec::new(),
        }
    }

    /// This language with an editor's everyday words (`content/search-words.yaml`): each is
    /// what people type and the words the site uses, searched as well when it is typed. They
    /// go with the built-in list (English) into the index, the searcher and `search.js`.
    #[must_use]
    pub fn with_everyday(mut self, rules: impl IntoIterator<Item = (String, String)>) -> Self {
        self.everyday.extend(rules);
        self
    }

    /// The editor's everyday words given to [`Language::with_everyday`].
    pub(crate) fn everyday(&self) -> &[(String, String)] {
        &self.everyday
    }

    /// The tag this language was made from.
    pub fn tag(&self) -> &str {
        &self.tag
    }

    /// Whether words are stemmed (false for a language with no Snowball stemmer).
    pub fn stems(&self) -> bool {
        self.snowball.is_some()
    }

    /// Whether this is English, whose own analysis (UK spellings and the rest) applies.
    pub(crate) fn is_english(&self) -> bool {
        self.english
    }

    /// The stemmer, if the language has one.
    pub(crate) fn stemmer(&self) -> Option<Stemmer> {
        self.snowball.map(|s| Stemmer::create(algorithm(s)))
    }

    /// The language's stop words, folded as its words are: bookshelf's list for English, the
    /// `stop-words` crate's NLTK list (Snowball's) for a language it has one for, none otherwise.
    pub(crate) fn stop_words(&self) -> StopWords {
        if self.english {
            return StopWords::English;
        }
        let list = stop_words::lookup(&self.primary).unwrap_or_default();
        StopWords::Set(
            list.iter()
                .map(|w| words::fold(&words::raw_form(w), self.folding()))
                .filter(|w| !w.is_empty())
                .collect(),
        )
    }

    /// How words of this language are folded: English's own steps, or the articles it elides.
    pub(crate) fn folding(&self) -> words::Folding {
        words::Folding {
            english: self.english,
            elided: elided(&self.primary),
        }
    }

    /// The tag to store in `meta.json`: none for English, whose indexes predate the field.
    pub(crate) fn stored_tag(&self) -> Option<String> {
        (!self.english).then(|| self.tag.clone())
    }
}

/// The stop words of a language, to tell them apart while building its lexicon.
pub(crate) enum StopWords {
    /// bookshelf's English list, [`STOP_WORDS`].
    English,
    /// Another language's whole list, folded.
    Set(WordSet<String>),
}

impl StopWords {
    pub(crate) fn is_stop(&self, word: &str) -> bool {
        match self {
            StopWords::English => STOP_WORDS.contains(&word),
            StopWords::Set(set) => set.contains(word),
        }
    }

    /// Every word of the list, folded.
    pub(crate) fn all(&self) -> Vec<String> {
        match self {
            StopWords::English => STOP_WORDS.iter().map(|s| s.to_string()).collect(),
            StopWords::Set(set) => set.iter().cloned().collect(),
        }
    }
}

/// The articles and pronouns a language elides before an apostrophe, folded: Lucene's
/// `ElisionFilter` defaults (`FrenchAnalyzer`, `ItalianAnalyzer`, `CatalanAnalyzer`), which
/// tantivy has no counterpart for. `l'école`, `d'aide` and `qu'il` are indexed and searched
/// as `école`, `aide` and `il`.
fn elided(primary: &str) -> &'static [&'static str] {
    match primary {
        "fr" => &[
            "l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu",
        ],
        "it" => &[
            "c", "l", "all", "dall", "dell", "nell", "sull", "coll", "pell", "gl", "agl", "dagl",
            "degl", "negl", "sugl", "un", "m", "t", "s", "v", "d",
        ],
        "ca" => &["d", "l", "m", "n", "s", "t"],
        _ => &[],
    }
}

fn algorithm(language: Snowball) -> Algorithm {
    match language {
        Snowball::Arabic => Algorithm::Arabic,
        Snowball::Danish => Algorithm::Danish,
        Snowball::Dutch => Algorithm::Dutch,
        Snowball::English => Algorithm::English,
        Snowball::Finnish => Algorithm::Finnish,
        Snowball::French => Algorithm::French,
        Snowball::German => Algorithm::German,
        Snowball::Greek => Algorithm::Greek,
        Snowball::Hungarian => Algorithm::Hungarian,
        Snowball::Italian => Algorithm::Italian,
        Snowball::Norwegian => Algorithm::Norwegian,
        Snowball::Portuguese => Algorithm::Portuguese,
        Snowball::Romanian => Algorithm::Romanian,
        Snowball::Russian => Algorithm::Russian,
        Snowball::Spanish => Algorithm::Spanish,
        Snowball::Swedish => Algorithm::Swedish,
        Snowball::Tamil => Algorithm::Tamil,
        Snowball::Turkish => Algorithm::Turkish,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_choose_stemmers_and_stop_words() {
        assert!(Language::from_tag("en-GB").is_english());
        assert!(Language::from_tag("fr").stems());
        assert!(!Language::from_tag("pl").stems());
        assert!(!Language::from_tag("cy").stems());
        assert!(!Language::from_tag("ur").stems());
        assert!(Language::from_tag("fr").stop_words().is_stop("le"));
        assert!(!Language::from_tag("fr").stop_words().is_stop("the"));
        assert!(!Language::from_tag("pl").stop_words().is_stop("the"));
        assert!(Language::english().stop_words().is_stop("the"));
        assert_eq!(Language::from_tag("pl").stored_tag().as_deref(), Some("pl"));
        assert_eq!(Language::english().stored_tag(), None);
    }

    /// French elision: the article before the apostrophe is not part of the word, in the
    /// index and in a query alike; a word that only looks like one is left whole.
    #[test]
    fn french_italian_and_catalan_elide_articles() {
        let fold = |tag: &str, w: &str| {
            words::fold(&words::raw_form(w), Language::from_tag(tag).folding())
        };
        assert_eq!(fold("fr", "l'école"), "école");
        assert_eq!(fold("fr", "L’École"), "école");
        assert_eq!(fold("fr", "d'aide"), "aide");
        assert_eq!(fold("fr", "qu'il"), "il");
        assert_eq!(fold("fr", "jusqu'à"), "à");
        assert_eq!(fold("fr", "aujourd'hui"), "aujourdhui");
        assert_eq!(fold("it", "dell'anno"), "anno");
        assert_eq!(fold("ca", "l'escola"), "escola");
        // Not in a language that does not elide: Welsh "i'r", English "don't".
        assert_eq!(fold("cy", "i'r"), "ir");
        assert_eq!(fold("en", "don't"), "dont");
        assert_eq!(fold("en", "l'école"), "lécole");
    }

    /// Stop words were once only the list's words that a page used, so a French query's
    /// "nous" or "avec" on a site without them was a word to look up (and correct).
    #[test]
    fn stop_words_are_the_whole_list() {
        let fr = Language::from_tag("fr-FR").stop_words();
        for w in ["le", "la", "les", "avec", "nous", "vous", "été", "sont"] {
            assert!(fr.is_stop(w), "{w}");
        }
        assert!(!fr.is_stop("école"));
        let all = fr.all();
        assert!(all.len() > 150, "{}", all.len());
        assert!(Language::from_tag("de").stop_words().is_stop("und"));
        assert!(Language::from_tag("it").stop_words().is_stop("della"));
        assert!(Language::from_tag("es").stop_words().is_stop("para"));
        // Catalan has a list but no stemmer.
        assert!(Language::from_tag("ca").stop_words().is_stop("amb"));
        assert!(Language::from_tag("pl").stop_words().all().is_empty());
        assert!(Language::from_tag("cy").stop_words().all().is_empty());
        assert!(Language::from_tag("ur").stop_words().all().is_empty());
    }
}
