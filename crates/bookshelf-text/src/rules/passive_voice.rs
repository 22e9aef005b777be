//! PL6 `passive-voice`: a form of "to be" followed by a past participle.

use crate::analysis::Doc;
use crate::{Finding, Rule};

pub(super) const RULE: Rule = Rule {
    id: "PL6",
    code: "passive-voice",
    easy_read_only: false,
    english_only: true,
    summary: "a verb may be in the passive voice",
    doc: "\
## PL6 `passive-voice`

**What it finds:** a form of \"to be\" (is, are, was, were, be, been, being, am), perhaps
with one adverb between, followed by a past participle: a word ending in -ed or an
irregular one such as \"given\", \"taken\", \"sent\". Words that are usually adjectives
(\"is tired\", \"are worried\", \"was used to\", \"is called\") are left alone;
\"is interested\" is still reported, as it reads as a passive.

**Why it matters:** the passive hides who does what. \"The form will be sent\" leaves
a parent asking who sends it, and when. GOV.UK and easy-read guidance (ER13) ask for the
active voice.

**Example:** \"Your plan will be reviewed every year.\" → \"We will review your plan every
year.\"
",
};

const BE: &[&str] = &[
    "is", "are", "was", "were", "be", "been", "being", "am", "isn't", "aren't", "wasn't", "weren't",
];

/// Words that may stand between "to be" and the participle.
const BETWEEN: &[&str] = &[
    "not",
    "also",
    "often",
    "always",
    "never",
    "usually",
    "already",
    "still",
    "just",
    "then",
    "sometimes",
    "normally",
    "generally",
    "only",
    "all",
    "both",
    "each",
    "now",
];

const IRREGULAR: &[&str] = &[
    "arisen",
    "awoken",
    "beaten",
    "become",
    "begun",
    "bent",
    "bitten",
    "blown",
    "born",
    "borne",
    "bought",
    "bound",
    "bred",
    "broken",
    "brought",
    "built",
    "burnt",
    "caught",
    "chosen",
    "come",
    "cut",
    "dealt",
    "done",
    "drawn",
    "driven",
    "eaten",
    "fallen",
    "fed",
    "felt",
    "fought",
    "found",
    "forbidden",
    "forgiven",
    "forgotten",
    "frozen",
    "given",
    "gone",
    "ground",
    "grown",
    "heard",
    "held",
    "hidden",
    "hit",
    "hung",
    "hurt",
    "kept",
    "known",
    "laid",
    "led",
    "left",
    "lent",
    "lit",
    "lost",
    "made",
    "meant",
    "met",
    "overcome",
    "paid",
    "put",
    "read",
    "rung",
    "run",
    "said",
    "seen",
    "sent",
    "set",
    "shaken",
    "shown",
    "shut",
    "sold",
    "sought",
    "spent",
    "spoken",
    "spread",
    "stolen",
    "struck",
    "sung",
    "sworn",
    "taken",
    "taught",
    "thrown",
    "told",
    "torn",
    "thought",
    "understood",
    "undertaken",
    "undone",
    "withdrawn",
    "woken",
    "won",
    "worn",
    "written",
];

/// -ed words that are usually adjectives or not participles at all.
const NOT_PASSIVE: &[&str] = &[
    "tired",
    "bored",
    "excited",
    "worried",
    "pleased",
    "scared",
    "frightened",
    "annoyed",
    "confused",
    "surprised",
    "delighted",
    "disappointed",
    "embarrassed",
    "amazed",
    "ashamed",
    "married",
    "divorced",
    "supposed",
    "concerned",
    "involved",
    "qualified",
    "experienced",
    "skilled",
    "talented",
    "advanced",
    "detailed",
    "complicated",
    "dedicated",
    "limited",
    "related",
    "based",
    "called",
    "named",
    "closed",
    "determined",
    "prepared",
    "committed",
    "entitled",
    "satisfied",
    "relaxed",
    "stressed",
    "upset",
    "red",
    "bed",
    "shed",
    "need",
    "needed",
    "hundred",
    "sacred",
    "naked",
    "wicked",
    "indeed",
    "exceed",
    "proceed",
    "succeed",
    "speed",
    "feed",
    "seed",
    "weed",
    "breed",
    "greed",
    "sled",
    "wed",
    "ted",
    "led",
];

/// True for a word that is probably a past participle.
fn is_participle(word: &str) -> bool {
    if IRREGULAR.contains(&word) {
        return true;
    }
    word.len() > 4 && word.ends_with("ed") && !NOT_PASSIVE.contains(&word)
}

pub(super) fn check(doc: &Doc<'_>, out: &mut Vec<Finding>) {
    for sentence in &doc.sentence_words {
        let lower: Vec<String> = sentence
            .clone()
            .map(|i| doc.word(i).to_lowercase())
            .collect();
        for (k, word) in lower.iter().enumerate() {
            if !BE.contains(&word.as_str()) {
                continue;
            }
            let mut p = k + 1;
            if lower.get(p).is_some_and(|w| {
                BETWEEN.contains(&w.as_str()) || (w.ends_with("ly") && w.len() > 4)
            }) {
                p += 1;
            }
            let Some(participle) = lower.get(p) else {
                continue;
            };
            // "was used to doing" is a habit, not a passive.
            let used_to = participle == "used" && lower.get(p + 1).is_some_and(|w| w == "to");
            if !is_participle(participle) || used_to {
                continue;
            }
            let range = doc.words[sentence.start + k].start..doc.words[sentence.start + p].end;
            let said = &doc.text[range.clone()];
            out.push(Finding::new(
                &RULE,
                range,
                format!("`{said}` may be passive voice"),
                "say who does it: \"we will send\" rather than \"it will be sent\"".to_string(),
            ));
        }
    }
}
