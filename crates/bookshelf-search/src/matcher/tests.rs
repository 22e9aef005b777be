//! The matcher against `Lexicon::analyze`: the fast path and the slow one find the same.

use super::*;
use crate::{lexicon, scan};

const POOL: &[&str] = &[
    "co-production",
    "co production",
    "Co Production",
    "CO-PRODUCTION",
    "coproduction",
    "co",
    "op",
    "Easy read",
    "easy-read",
    "Education, Health and Care plan",
    "education health care plan",
    "EHCP",
    "ehcp's",
    "children’s",
    "Children",
    "organize",
    "Organization",
    "colors",
    "The",
    "and",
    "of",
    "meeting",
    "Meetings",
    "parent-carer forum",
    "parent carer forum",
    "well-being",
    "well being ness",
    "Ünïcödé",
    "naïve",
    "2024",
    "don't",
    "people",
    "person",
    "coo",
    "p",
    "Sizing",
    "Therapistcollects",
    "WORKINGTOGETHERWITHFAMILIES",
    "Year2024Plan",
    "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz",
    "—",
    "\n\n",
    // Only in texts the vocabulary was not made from.
    "unheardof",
    "Meetingz",
    "co-unheard",
    "organizings",
];
const UNSEEN: usize = 4;

/// The matcher finds what `Lexicon::analyze` emits, token for token, in order.
#[test]
fn finds_what_analyze_emits() {
    let mut next = crate::test_random(0x2545_f491_4f6c_dd1d);
    let mut texts: Vec<String> = Vec::new();
    for i in 0..400 {
        let mut t = String::new();
        let pool = if i < 200 {
            POOL.len() - UNSEEN
        } else {
            POOL.len()
        };
        for _ in 0..next(30) {
            t.push_str(POOL[next(pool)]);
            t.push_str([" ", " ", "  ", ", ", "\n", "-"][next(6)]);
        }
        texts.push(t);
    }
    let glossary: Vec<Vec<String>> = vec![
        vec!["Education, Health and Care plan".into(), "EHCP".into()],
        vec!["Co-production".into()],
        vec!["parent carer forum".into(), "PCF".into(), "parent".into()],
        vec!["well-being".into()],
        vec!["carer forum".into(), "forum".into()],
    ];
    // The site's vocabulary comes from half the texts, so the others hold unknown words.
    let entries: Vec<Vec<&str>> = texts[..200].iter().map(|t| vec![t.as_str()]).collect();
    let scanned = scan::scan(&entries, crate::words::Folding::ENGLISH);
    let built = lexicon::build(
        &scanned.words,
        &scanned.compounds,
        &glossary,
        &crate::Language::english(),
    );
    let lex = Lexicon::from_file(&built.to_file(glossary.len()));
    let matcher = Matcher::new(&lex);
    let (mut concepts, mut others) = (0, 0);
    for text in &texts {
        let mut want = Vec::new();
        lex.analyze(text, |t, from, to| want.push((t.to_string(), from, to)));
        let mut got = Vec::new();
        matcher.analyze(&lex, text, |f, from, to| {
            others += usize::from(matches!(f, Found::Other(_)));
            got.push((matcher.text_of(f), from, to));
        });
        assert_eq!(got, want, "{text:?}");
        concepts += want.iter().filter(|t| t.0.starts_with('~')).count();
        // Every emitted token is wanted when asked for, and only then.
        let tokens: Vec<String> = want.iter().step_by(2).map(|t| t.0.clone()).collect();
        let wanted = matcher.wanted(&tokens);
        matcher.analyze(&lex, text, |f, _, _| {
            assert_eq!(wanted.contains(f), tokens.contains(&matcher.text_of(f)));
        });
    }
    assert!(concepts > 20 && others > 20, "{concepts} {others}");
}

#[test]
fn concept_tokens_are_wanted_only_as_written() {
    let lex = lexicon::build(
        &[],
        &Default::default(),
        &[vec!["plan".into()]],
        &crate::Language::english(),
    );
    let matcher = Matcher::new(&lex);
    let wanted = matcher.wanted(&["~0".into(), "~01".into(), "plan".into()]);
    assert!(wanted.contains(Found::Concept(0)));
    assert!(!wanted.contains(Found::Concept(1)));
    assert!(wanted.contains(Found::Term(0)));
    assert!(wanted.contains(Found::Other("~01")));
}
