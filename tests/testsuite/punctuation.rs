//! Wide characters beside glossary terms and symbol words (issue 20, fault 1): an em dash,
//! an ellipsis or a euro sign right after a glossary word once panicked the renderer
//! ("end byte index is not a char boundary") while `check` said all was well.

use crate::helpers::Fixture;

/// Every character that has bitten, right after and right before a glossary term, an
/// abbreviation, an alias and a symbol word.
const AWKWARD: &[&str] = &[
    "—",
    "…",
    "€",
    "“",
    "”",
    "‘",
    "’",
    "😀",
    "👩‍👧",
    "\u{301}",
    "é",
    "–",
    "·",
    "\u{a0}",
];

fn sentences() -> String {
    let mut text = String::new();
    for c in AWKWARD {
        for word in [
            "Co-production",
            "SENCO",
            "care plan",
            "meeting",
            "coproduction",
        ] {
            text.push_str(&format!(
                "We had {word}{c}it went well. {c}{word} is next. "
            ));
        }
        // A full stop after a word that follows the character (made-up easy read splits
        // sentences there).
        text.push_str(&format!("It went well{c}done. Then we met.\n\n"));
    }
    text
}

#[test]
fn glossary_terms_and_symbol_words_beside_wide_punctuation_do_not_panic() {
    let f = Fixture::new("small");
    let text = sentences();
    // A standard page with a hand-written easy read, one with a made-up easy read, and a
    // checklist whose items and help hold the same words.
    f.write(
        "content/guides/punctuation.md",
        &format!("---\ntitle: Punctuation\nsummary: Wide characters.\n---\n\n## Words\n\n{text}"),
    );
    f.write(
        "content/guides/punctuation.easy.md",
        &format!("---\ntitle: Punctuation\n---\n\n{text}"),
    );
    f.write(
        "content/model/made-up.md",
        &format!("---\ntitle: Made up\nsummary: No easy read by hand.\n---\n\n{text}"),
    );
    let items: String = AWKWARD
        .iter()
        .enumerate()
        .map(|(i, c)| {
            format!(
                "      - id: item-{i}\n        text: \"Ask the SENCO{c} about co-production{c} today\"\n        why: \"A meeting{c}or a care plan{c} helps.\"\n"
            )
        })
        .collect();
    f.write(
        "content/checklists/punctuation.yaml",
        &format!(
            "title: Punctuation\nlevel: individual\nsummary: Wide characters.\nwhen: Always.\nsections:\n  - title: Words\n    items:\n{items}"
        ),
    );
    let built = f.build();
    assert_eq!(built.code, 0, "{}", built.stderr);
    assert!(!built.stderr.contains("panicked"), "{}", built.stderr);
    let page = std::fs::read_to_string(f.out().join("guides/punctuation/index.html")).unwrap();
    // The term is still found right before the em dash, and linked (its first use only).
    assert!(
        page.contains(">Co-production</a>") && page.contains("—it went well"),
        "{page}"
    );
    let easy = std::fs::read_to_string(f.out().join("easy-read/model/made-up/index.html")).unwrap();
    assert!(easy.contains("done."), "{easy}");
    let checklist =
        std::fs::read_to_string(f.out().join("checklists/punctuation/index.html")).unwrap();
    assert!(checklist.contains(">SENCO</abbr>"), "{checklist}");
    let checked = f.run(&["check", "--format", "short"]);
    assert!(!checked.stderr.contains("panicked"), "{}", checked.stderr);
    assert!(checked.code == 0 || checked.code == 1, "{}", checked.stderr);
}
