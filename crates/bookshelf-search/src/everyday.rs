//! What people type and what the site says: everyday words (`data/everyday.txt`, plus an
//! editor's own), contractions read as their words, English words that are never "corrected",
//! and the words that name a kind of page, a level or an audience.
//!
//! `assets/search.js` follows the same rules: the everyday words and the protected English
//! words travel in `meta.json`; the short tables here are repeated in the script.

use crate::lexicon::Lexicon;
use crate::words;

/// The built-in everyday words, `phrase = words the site uses`, one a line.
pub(crate) const BUILT_IN: &str = include_str!("../data/everyday.txt");

/// Everyday English words never corrected into another word.
const ENGLISH: &str = include_str!("../data/english.txt");

/// Contractions, as folded (apostrophes dropped), and the words they stand for.
pub(crate) const CONTRACTIONS: &[(&str, &str)] = &[
    ("cant", "can not"),
    ("cannot", "can not"),
    ("wont", "will not"),
    ("dont", "do not"),
    ("doesnt", "does not"),
    ("didnt", "did not"),
    ("isnt", "is not"),
    ("arent", "are not"),
    ("wasnt", "was not"),
    ("werent", "were not"),
    ("havent", "have not"),
    ("hasnt", "has not"),
    ("hadnt", "had not"),
    ("couldnt", "could not"),
    ("shouldnt", "should not"),
    ("wouldnt", "would not"),
    ("mustnt", "must not"),
    ("im", "i am"),
    ("ive", "i have"),
    ("youre", "you are"),
    ("youve", "you have"),
    ("theyre", "they are"),
    ("theyve", "they have"),
    ("weve", "we have"),
    ("whats", "what is"),
    ("wheres", "where is"),
    ("whos", "who is"),
    ("hows", "how is"),
    ("thats", "that is"),
    ("theres", "there is"),
    ("lets", "let us"),
];

/// The words of a contraction, if `word` (folded) is one.
pub(crate) fn contraction(word: &str) -> Option<&'static str> {
    CONTRACTIONS
        .iter()
        .find(|(c, _)| *c == word)
        .map(|(_, words)| *words)
}

/// What a word of a query says about the pages wanted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Facet {
    /// A kind of page (`checklist`, `guide`, `glossary`).
    Kind(&'static str),
    /// A checklist level.
    Level(&'static str),
    /// An audience.
    Audience(&'static str),
}

/// Words (folded) that name a kind of page, a level or an audience.
pub(crate) const FACETS: &[(&str, Facet)] = &[
    ("checklist", Facet::Kind("checklist")),
    ("checklists", Facet::Kind("checklist")),
    ("guide", Facet::Kind("guide")),
    ("guides", Facet::Kind("guide")),
    ("glossary", Facet::Kind("glossary")),
    ("meaning", Facet::Kind("glossary")),
    ("definition", Facet::Kind("glossary")),
    ("strategic", Facet::Level("strategic")),
    ("operational", Facet::Level("operational")),
    ("individual", Facet::Level("individual")),
    ("parent", Facet::Audience("parents")),
    ("parents", Facet::Audience("parents")),
    ("carers", Facet::Audience("parents")),
    ("young", Facet::Audience("young-people")),
    ("teenager", Facet::Audience("young-people")),
    ("teenagers", Facet::Audience("young-people")),
    ("staff", Facet::Audience("staff")),
    ("professionals", Facet::Audience("staff")),
];

/// The facet a folded word names, if any.
pub(crate) fn facet(word: &str) -> Option<Facet> {
    FACETS.iter().find(|(w, _)| *w == word).map(|(_, f)| *f)
}

/// Words that ask what something means: a query of a term and these is about the term.
pub(crate) const ASKING: &[&str] = &[
    "mean",
    "means",
    "meaning",
    "meant",
    "define",
    "definition",
    "explain",
    "stand",
    "stands",
    "glossary",
];

/// Words that carry little of a query's meaning ("i have got a meeting"): left out when
/// judging how well a page answers it.
pub(crate) const LIGHT: &[&str] = &[
    "am",
    "have",
    "has",
    "had",
    "got",
    "get",
    "gets",
    "getting",
    "want",
    "wants",
    "need",
    "needs",
    "go",
    "going",
    "goes",
    "make",
    "know",
    "someone",
    "something",
    "thing",
    "things",
    "like",
    "please",
    "about",
    "also",
    "just",
    "really",
    "very",
    "much",
    "many",
    "some",
    "any",
    "our",
    "us",
    "not",
    "happens",
    "happen",
    "other",
    "others",
];

/// One everyday rule: the phrase's folded words, and the text searched as well.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Rule {
    pub(crate) phrase: Vec<String>,
    pub(crate) also: String,
}

/// A line of an everyday-words file that could not be read: its number (from 1) and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RuleError {
    /// The line, counted from 1.
    pub(crate) line: usize,
    /// What is wrong with it.
    pub(crate) message: String,
}

/// Reads an everyday-words file: `phrase = words`, one a line, `#` comments and blank lines
/// ignored.
pub(crate) fn parse(text: &str) -> Result<Vec<Rule>, RuleError> {
    let mut rules = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let err = |message: &str| RuleError {
            line: i + 1,
            message: message.to_string(),
        };
        let (phrase, also) = line
            .split_once('=')
            .ok_or_else(|| err("a rule is `what people type = words the site uses`"))?;
        let phrase: Vec<String> = words::split(phrase, words::Folding::ENGLISH)
            .into_iter()
            .map(|w| w.text)
            .collect();
        if phrase.is_empty() {
            return Err(err("the left of `=` has no words"));
        }
        if words::split(also, words::Folding::ENGLISH).is_empty() {
            return Err(err("the right of `=` has no words"));
        }
        rules.push(Rule {
            phrase,
            also: also.trim().to_string(),
        });
    }
    Ok(rules)
}

/// The built-in rules.
pub(crate) fn built_in() -> Vec<Rule> {
    parse(BUILT_IN).expect("data/everyday.txt")
}

/// Why an editor's rule (`phrase`, words searched as well) would do nothing, if it would:
/// its phrase is only little words (stop words), its words find nothing, or a built-in rule
/// already says the same. `Some((what is wrong, how to fix it))`.
pub fn problem(language: &crate::Language, phrase: &str, also: &str) -> Option<(String, String)> {
    let english = language.is_english();
    let stop = language.stop_words();
    let folded: Vec<String> = words::split(phrase, language.folding())
        .into_iter()
        .map(|w| w.text)
        .collect();
    if folded.is_empty() {
        return Some((
            "it has no words for people to type".to_string(),
            "write what people type as words, e.g. `complain: [complaint, disagree]`".to_string(),
        ));
    }
    if folded.iter().all(|w| stop.is_stop(w)) {
        return Some((
            "it is only little words that search leaves out, so it is never matched".to_string(),
            "write what people type with at least one word that is not a little word such as `the` or `to`".to_string(),
        ));
    }
    if words::split(also, language.folding()).is_empty() {
        return Some((
            "it has no words to search as well".to_string(),
            "list the words the site uses for it, e.g. `complain: [complaint, disagree]`"
                .to_string(),
        ));
    }
    if english {
        let also_words: Vec<String> = words::split(also, words::Folding::ENGLISH)
            .into_iter()
            .map(|w| w.text)
            .collect();
        let covered = built_in().into_iter().any(|r| {
            r.phrase == folded && {
                let have: Vec<String> = words::split(&r.also, words::Folding::ENGLISH)
                    .into_iter()
                    .map(|w| w.text)
                    .collect();
                also_words.iter().all(|w| have.contains(w))
            }
        });
        if covered {
            return Some((
                format!("the built-in everyday words already search `{also}` for it"),
                "take the rule out, or list words the built-in rule does not search".to_string(),
            ));
        }
    }
    None
}

/// The editor's rules that do something (see [`problem`]), read as the built-in ones are.
pub(crate) fn editors(language: &crate::Language) -> Vec<Rule> {
    language
        .everyday()
        .iter()
        .filter(|(phrase, also)| problem(language, phrase, also).is_none())
        .filter_map(|(phrase, also)| parse(&format!("{phrase} = {also}")).ok())
        .flatten()
        .collect()
}

/// The English words, of those never to be corrected, that the site does not use but a
/// correction could reach: the only ones a query needs to know.
pub(crate) fn protected(lex: &Lexicon) -> Vec<String> {
    let mut out: Vec<String> = ENGLISH
        .lines()
        .filter(|l| !l.starts_with('#'))
        .flat_map(str::split_whitespace)
        .filter(|w| !lex.knows(w) && !lex.is_stop(w))
        .filter(|w| crate::understand::correct(lex, w).is_some())
        .map(String::from)
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Whether the query word `typed` stands for the phrase word `want`: the same, or a plain
/// inflection of it (`complaining` for `complain`).
pub(crate) fn same_word(typed: &str, want: &str) -> bool {
    typed == want
        || crate::understand::inflections(typed)
            .iter()
            .any(|v| v == want)
}

/// Where `phrase` occurs in `words` (folded, stop words kept) from `start`: the index past its
/// last word. Stop words of the query may come between the phrase's words.
pub(crate) fn match_at(
    lex: &Lexicon,
    words: &[String],
    start: usize,
    phrase: &[String],
) -> Option<usize> {
    let mut j = start;
    for (k, want) in phrase.iter().enumerate() {
        if k > 0 {
            while j < words.len() && !same_word(&words[j], want) && lex.is_stop(&words[j]) {
                j += 1;
            }
        }
        if j >= words.len() || !same_word(&words[j], want) {
            return None;
        }
        j += 1;
    }
    Some(j)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_rules_read() {
        let rules = built_in();
        assert!(rules.len() > 80, "{}", rules.len());
        let complain = rules.iter().find(|r| r.phrase == ["complain"]).unwrap();
        assert_eq!(complain.also, "complaint disagree do not agree");
    }

    #[test]
    fn bad_lines_are_located() {
        let e = parse("# words\nok = fine\nno equals here\n").unwrap_err();
        assert_eq!(e.line, 3);
        assert!(parse(" = words").unwrap_err().message.contains("left"));
        assert!(parse("words = ").unwrap_err().message.contains("right"));
    }
}
