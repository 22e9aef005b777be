//! Every kind of finding on a small fixture, with its exact byte range.

use bookshelf_text::{analyse, Finding, Options};

fn standard() -> Options {
    Options::default()
}

fn easy() -> Options {
    Options {
        easy_read: true,
        ..Options::default()
    }
}

/// The findings of `code`, as (range, covered text).
fn found<'t>(text: &'t str, opts: &Options, code: &str) -> Vec<(std::ops::Range<usize>, &'t str)> {
    analyse(text, opts)
        .findings
        .into_iter()
        .filter(|f: &Finding| f.code == code)
        .map(|f| (f.range.clone(), &text[f.range]))
        .collect()
}

#[test]
fn pl1_long_sentence() {
    let long = "This sentence goes on and on with one word after another until it has far more than twenty five words in it, which is too many.";
    let text = format!("A short one. {long} Another short one.");
    assert_eq!(
        found(&text, &standard(), "long-sentence"),
        vec![(13..13 + long.len(), long)]
    );
    let f = &analyse(&text, &standard()).findings;
    let pl1 = f.iter().find(|f| f.code == "long-sentence").unwrap();
    assert_eq!(pl1.id, "PL1");
    assert_eq!(pl1.message, "sentence has 26 words; the limit is 25");
    // Configurable.
    let strict = Options {
        max_sentence_words: 2,
        ..Options::default()
    };
    assert_eq!(
        found("A short one. Ok.", &strict, "long-sentence"),
        vec![(0..12, "A short one.")]
    );
    // Not reported in easy read, where ER3 applies instead.
    assert!(found(&text, &easy(), "long-sentence").is_empty());
}

#[test]
fn er3_easy_long_sentence() {
    let text =
        "You can bring a friend or someone from your family to the meeting if you want to. Good.";
    assert_eq!(
        found(text, &easy(), "easy-long-sentence"),
        vec![(
            0..81,
            "You can bring a friend or someone from your family to the meeting if you want to."
        )]
    );
    assert!(found(text, &standard(), "easy-long-sentence").is_empty());
}

#[test]
fn pl6_passive_voice() {
    let text = "The form was written by Sam. It will be carefully reviewed. I was tired. She was used to it. It is interested.";
    assert_eq!(
        found(text, &standard(), "passive-voice"),
        vec![
            (9..20, "was written"),
            (37..58, "be carefully reviewed"),
            (96..109, "is interested")
        ]
    );
    let text = "Help is given. Plans are not made lightly. You are involved.";
    assert_eq!(
        found(text, &standard(), "passive-voice"),
        vec![(5..13, "is given"), (21..33, "are not made")]
    );
}

#[test]
fn pl2_plainer_word() {
    let text = "We facilitated it in order to help, prior to June. Facilitating works. She purchases food.";
    let f: Vec<_> = analyse(text, &standard())
        .findings
        .into_iter()
        .filter(|f| f.code == "plainer-word")
        .collect();
    let got: Vec<_> = f
        .iter()
        .map(|f| (f.range.clone(), &text[f.range.clone()]))
        .collect();
    assert_eq!(
        got,
        vec![
            (3..14, "facilitated"),
            (18..29, "in order to"),
            (36..44, "prior to"),
            (51..63, "Facilitating"),
            (75..84, "purchases")
        ]
    );
    assert_eq!(f[1].help, "say `to` instead");
    assert_eq!(f[0].message, "`facilitated` has a plainer alternative");
}

#[test]
fn pl2_exceptions_and_verbs() {
    // Literal uses are left alone; "impact" only as a verb.
    let text = "Our foster carers help. The key stage matters. The impact was big. This will impact you. It impacted us.";
    assert_eq!(
        found(text, &standard(), "plainer-word"),
        vec![(77..83, "impact"), (92..100, "impacted")]
    );
}

#[test]
fn pl2_glossary_say_instead() {
    let opts = Options {
        plainer_words: vec![("annual review".to_string(), "yearly meeting".to_string())],
        ..Options::default()
    };
    let text = "Come to the Annual Review. Annual reviews help.";
    let f = analyse(text, &opts).findings;
    let got: Vec<_> = f
        .iter()
        .filter(|f| f.code == "plainer-word")
        .map(|f| (f.range.clone(), f.help.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            (12..25, "say `yearly meeting` instead"),
            (27..41, "say `yearly meeting` instead")
        ]
    );
}

#[test]
fn pl3_unexplained_abbreviation() {
    let text = "Ask the SENCO. The SENCO helps. Children in Care (CiC) meet. See the LA about your EHCPs, part II, in the UK. I said OK.";
    assert_eq!(
        found(text, &standard(), "unexplained-abbreviation"),
        vec![(8..13, "SENCO"), (69..71, "LA"), (83..88, "EHCPs")]
    );
    let opts = Options {
        known_abbreviations: ["LA".to_string(), "EHCP".to_string()].into(),
        ..Options::default()
    };
    assert_eq!(
        found(text, &opts, "unexplained-abbreviation"),
        vec![(8..13, "SENCO")]
    );
    let text = "Ask the SENCO (special educational needs coordinator). The SENCO helps.";
    assert!(found(text, &standard(), "unexplained-abbreviation").is_empty());
}

#[test]
fn er10_easy_abbreviation() {
    let opts = Options {
        easy_read: true,
        known_abbreviations: ["EHCP".to_string()].into(),
        ..Options::default()
    };
    let text = "Your EHCP says what help you get. Ask the SENCO (special educational needs coordinator). Watch TV.";
    assert_eq!(
        found(text, &opts, "easy-abbreviation"),
        vec![(5..9, "EHCP")]
    );
    assert!(found(text, &standard(), "easy-abbreviation").is_empty());
}

#[test]
fn er8_capitals() {
    let text = "PLEASE BRING THIS LETTER to the meeting. Bring your EHCP NOW.";
    assert_eq!(
        found(text, &easy(), "capitals"),
        vec![(0..24, "PLEASE BRING THIS LETTER")]
    );
    // Words in capitals are not abbreviations.
    assert!(found(text, &easy(), "easy-abbreviation")
        .iter()
        .all(|(_, t)| *t == "EHCP" || *t == "NOW"));
}

#[test]
fn er12_number_words() {
    let text = "It takes two hours. We are twenty two people, one hundred and five forms. The one you like. Room 3.";
    let f: Vec<_> = analyse(text, &easy())
        .findings
        .into_iter()
        .filter(|f| f.code == "number-words")
        .collect();
    let got: Vec<_> = f
        .iter()
        .map(|f| (f.range.clone(), &text[f.range.clone()], f.help.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            (9..12, "two", "write `2`"),
            (27..37, "twenty two", "write `22`"),
            (46..66, "one hundred and five", "write `105`"),
        ]
    );
    assert!(found(text, &standard(), "number-words").is_empty());
}

#[test]
fn findings_are_in_order_and_serialisable() {
    let text = "The SENCO was given forms. We will facilitate it.";
    let report = analyse(text, &standard());
    let starts: Vec<usize> = report.findings.iter().map(|f| f.range.start).collect();
    assert_eq!(starts, vec![4, 10, 35]);
    for f in &report.findings {
        assert!(bookshelf_text::explain(f.code).is_some() && bookshelf_text::rule(f.id).is_some());
    }
}
