//! English words that carry grammar, not meaning (ER20): articles, pronouns, prepositions,
//! conjunctions, auxiliaries and modal verbs, and numbers. Easy read puts no symbol above
//! them, and a word after a determiner is taken for a noun, after "to" or a modal for a verb.
//! The lists are data; [`is_function_word`] and [`word_class`] are all that reads them.

/// Articles, determiners and quantifiers: a word after one of these is a noun (or its
/// adjective).
const DETERMINERS: &[&str] = &[
    "a", "an", "the", "this", "that", "these", "those", "my", "your", "his", "her", "its", "our",
    "their", "each", "every", "some", "any", "no", "all", "both", "either", "neither", "another",
    "other", "many", "much", "more", "most", "few", "less", "least", "several", "such", "what",
    "which", "whose",
];

/// Pronouns.
const PRONOUNS: &[&str] = &[
    "i",
    "me",
    "you",
    "he",
    "him",
    "she",
    "it",
    "we",
    "us",
    "they",
    "them",
    "myself",
    "yourself",
    "himself",
    "herself",
    "itself",
    "ourselves",
    "yourselves",
    "themselves",
    "mine",
    "yours",
    "hers",
    "ours",
    "theirs",
    "someone",
    "somebody",
    "something",
    "anyone",
    "anybody",
    "anything",
    "nobody",
    "nothing",
    "everybody",
    "everything",
    "who",
    "whom",
    "one",
    "ones",
];

/// Auxiliaries and modal verbs (with "need to", "have to", "would like" and "going to"
/// handled as phrases by [`is_function_phrase`]).
const AUXILIARIES: &[&str] = &[
    "be",
    "am",
    "is",
    "are",
    "was",
    "were",
    "been",
    "being",
    "have",
    "has",
    "had",
    "having",
    "do",
    "does",
    "did",
    "doing",
    "done",
    "can",
    "could",
    "will",
    "would",
    "shall",
    "should",
    "may",
    "might",
    "must",
    "ought",
    "cannot",
    "can't",
    "won't",
    "don't",
    "doesn't",
    "didn't",
    "isn't",
    "aren't",
    "wasn't",
    "weren't",
    "haven't",
    "hasn't",
    "shouldn't",
    "couldn't",
    "wouldn't",
    "mustn't",
    "let",
    "lets",
    "get",
    "gets",
    "got",
];

/// Prepositions, conjunctions and other small words.
const LINKS: &[&str] = &[
    "and",
    "or",
    "but",
    "if",
    "so",
    "because",
    "as",
    "than",
    "then",
    "when",
    "while",
    "where",
    "why",
    "how",
    "whether",
    "though",
    "although",
    "unless",
    "until",
    "of",
    "to",
    "in",
    "on",
    "at",
    "by",
    "for",
    "with",
    "without",
    "from",
    "into",
    "onto",
    "about",
    "after",
    "before",
    "over",
    "under",
    "up",
    "down",
    "out",
    "off",
    "through",
    "between",
    "among",
    "around",
    "during",
    "within",
    "not",
    "also",
    "too",
    "very",
    "just",
    "only",
    "even",
    "still",
    "yet",
    "there",
    "here",
    "now",
    "yes",
    "well",
    "again",
    "ever",
    "never",
    "always",
    "often",
    "sometimes",
    "next",
    "last",
    "first",
    "same",
    "own",
    "way",
    "lot",
    "lots",
    "thing",
    "things",
    "something",
    "really",
    "quite",
];

/// Number words (numbers in easy read are digits, ER12, and get no symbol either).
const NUMBERS: &[&str] = &[
    "zero", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "twenty", "thirty", "hundred", "thousand", "million", "once", "twice", "half",
    "second", "third",
];

/// Two-word modal phrases: the verb before them is grammar, not the idea.
const MODAL_PHRASES: &[(&str, &str)] = &[
    ("need", "to"),
    ("needs", "to"),
    ("needed", "to"),
    ("have", "to"),
    ("has", "to"),
    ("had", "to"),
    ("going", "to"),
    ("want", "to"),
    ("wants", "to"),
    ("able", "to"),
    ("would", "like"),
    ("used", "to"),
];

fn lower(word: &str) -> String {
    word.replace('’', "'").to_lowercase()
}

/// Whether an English word carries grammar rather than meaning: an article, determiner,
/// pronoun, preposition, conjunction, auxiliary, modal verb or number (words of digits too).
///
/// ```
/// use bookshelf_text::is_function_word;
/// assert!(is_function_word("Can") && is_function_word("they") && is_function_word("22"));
/// assert!(!is_function_word("meeting"));
/// ```
pub fn is_function_word(word: &str) -> bool {
    let w = lower(word);
    if w.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        return true;
    }
    [DETERMINERS, PRONOUNS, AUXILIARIES, LINKS, NUMBERS]
        .iter()
        .any(|list| list.contains(&w.as_str()))
}

/// Whether `word` followed by `next` is a modal phrase ("need to", "would like"), so that
/// `word` (or, for "would like", `next`) is grammar.
///
/// ```
/// assert!(bookshelf_text::is_function_phrase("need", "to"));
/// assert!(!bookshelf_text::is_function_phrase("need", "help"));
/// ```
pub fn is_function_phrase(word: &str, next: &str) -> bool {
    let (w, n) = (lower(word), lower(next));
    MODAL_PHRASES.iter().any(|(a, b)| *a == w && *b == n)
}

/// What an English word is in its sentence, as far as the word before it tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordClass {
    /// After a determiner or preposition ("the meeting", "in power").
    Noun,
    /// After "to", a modal, an auxiliary or a subject pronoun ("to meet", "we decide").
    Verb,
    /// The word before does not say.
    Unknown,
}

/// The class of a word from the word before it (`None` at the start of a sentence, where a
/// word in easy read is most often a noun subject or an imperative verb: unknown).
///
/// ```
/// use bookshelf_text::{word_class, WordClass};
/// assert_eq!(word_class(Some("the"), "need"), WordClass::Noun);
/// assert_eq!(word_class(Some("we"), "need"), WordClass::Verb);
/// assert_eq!(word_class(Some("to"), "share"), WordClass::Verb);
/// assert_eq!(word_class(None, "share"), WordClass::Unknown);
/// ```
pub fn word_class(before: Option<&str>, _word: &str) -> WordClass {
    let Some(b) = before.map(lower) else {
        return WordClass::Unknown;
    };
    let b = b.as_str();
    const SUBJECTS: &[&str] = &["i", "you", "we", "they", "he", "she", "it", "who", "people"];
    if b == "to"
        || AUXILIARIES.contains(&b)
        || SUBJECTS.contains(&b)
        || ["not", "also", "always", "never", "often", "please"].contains(&b)
    {
        return WordClass::Verb;
    }
    if DETERMINERS.contains(&b)
        || (LINKS.contains(&b) && !["and", "or", "but", "then", "when", "if"].contains(&b))
        || b.ends_with("'s")
        || b.chars().next().is_some_and(|c| c.is_ascii_digit())
    {
        return WordClass::Noun;
    }
    WordClass::Unknown
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modals_pronouns_and_numbers_are_function_words() {
        for w in [
            "can", "will", "would", "should", "we", "them", "three", "12", "The",
        ] {
            assert!(is_function_word(w), "{w}");
        }
        for w in ["family", "decide", "power", "share", "level"] {
            assert!(!is_function_word(w), "{w}");
        }
    }

    #[test]
    fn classes_from_the_word_before() {
        assert_eq!(word_class(Some("a"), "share"), WordClass::Noun);
        assert_eq!(word_class(Some("the"), "power"), WordClass::Noun);
        assert_eq!(word_class(Some("child's"), "plan"), WordClass::Noun);
        assert_eq!(word_class(Some("can"), "plan"), WordClass::Verb);
        assert_eq!(word_class(Some("families"), "plan"), WordClass::Unknown);
    }
}
