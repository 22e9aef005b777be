//! Data: words and phrases with a plainer alternative (PL2). Drawn from the GOV.UK style
//! guide's "words to avoid" and the Plain English Campaign's A to Z of alternative words.

/// One entry of the built-in list.
pub(crate) struct PlainWord {
    /// The word or phrase, lower case, in its base form.
    pub(crate) term: &'static str,
    /// What to say instead.
    pub(crate) instead: &'static str,
    /// Report the base form only where it is used as a verb (after "to", "will", "we", ...).
    pub(crate) verb_only: bool,
    /// Words within three words either side that mean the term is used literally.
    pub(crate) unless: &'static [&'static str],
}

const fn w(term: &'static str, instead: &'static str) -> PlainWord {
    PlainWord {
        term,
        instead,
        verb_only: false,
        unless: &[],
    }
}

const fn verb(term: &'static str, instead: &'static str) -> PlainWord {
    PlainWord {
        term,
        instead,
        verb_only: true,
        unless: &[],
    }
}

const fn unless(
    term: &'static str,
    instead: &'static str,
    unless: &'static [&'static str],
) -> PlainWord {
    PlainWord {
        term,
        instead,
        verb_only: false,
        unless,
    }
}

/// The built-in list.
pub(crate) static PLAIN_WORDS: &[PlainWord] = &[
    // GOV.UK words to avoid.
    unless(
        "agenda",
        "plan or list of things to do",
        &["meeting", "meetings", "item", "items"],
    ),
    w("advancing", "improving or moving forward"),
    w("collaborate", "work with"),
    w("combat", "stop or reduce"),
    unless(
        "commit",
        "say you will, or promise",
        &["crime", "crimes", "offence", "offences", "suicide"],
    ),
    w("pledge", "promise"),
    w("counter", "answer or stop"),
    unless(
        "deliver",
        "give, run or do",
        &[
            "letter", "letters", "parcel", "parcels", "post", "food", "leaflet", "leaflets",
            "baby", "babies",
        ],
    ),
    unless(
        "deploy",
        "use or put in place",
        &["software", "troops", "military"],
    ),
    w("dialogue", "talking or discussion"),
    w("disincentivise", "put off"),
    w("incentivise", "encourage"),
    w("empower", "let or help"),
    w("facilitate", "help or run"),
    unless(
        "foster",
        "encourage or build",
        &[
            "child",
            "children",
            "carer",
            "carers",
            "care",
            "parent",
            "parents",
            "family",
            "families",
            "placement",
        ],
    ),
    verb("impact", "affect"),
    w("initiate", "start"),
    unless(
        "key",
        "important or main",
        &[
            "lock", "locks", "door", "doors", "stage", "stages", "worker", "workers", "ring",
            "safe", "card",
        ],
    ),
    unless(
        "leverage",
        "use or influence",
        &["financial", "loan", "loans", "debt"],
    ),
    w("liaise", "work with or talk to"),
    w("overarching", "main or general"),
    verb("progress", "move forward or develop"),
    unless(
        "promote",
        "encourage or support",
        &["advert", "adverts", "campaign", "job", "post", "role"],
    ),
    w("robust", "strong or well thought out"),
    w("streamline", "simplify"),
    unless(
        "tackle",
        "deal with or solve",
        &["rugby", "football", "fishing"],
    ),
    w("transform", "change"),
    w("utilise", "use"),
    w("utilize", "use"),
    w("utilisation", "use"),
    w("going forward", "from now on, or in future"),
    w("in order to", "to"),
    w("one-stop shop", "one place"),
    w("ring-fence", "set aside or protect"),
    w("ring fence", "set aside or protect"),
    // Plain English Campaign alternatives.
    w("prior to", "before"),
    w("subsequent to", "after"),
    w("commence", "start"),
    w("purchase", "buy"),
    w("assist", "help"),
    w("assistance", "help"),
    w("approximately", "about"),
    w("additional", "more or extra"),
    w("sufficient", "enough"),
    w("insufficient", "not enough"),
    w("regarding", "about"),
    w("in relation to", "about"),
    w("with regard to", "about"),
    w("in respect of", "about or for"),
    w("ascertain", "find out"),
    w("endeavour", "try"),
    w("stakeholder", "people involved"),
    w("accordingly", "so"),
    w("adjacent to", "next to"),
    w("anticipate", "expect"),
    w("beneficial", "helpful"),
    w("comply with", "keep to or follow"),
    w("consequently", "so"),
    w("demonstrate", "show"),
    w("discontinue", "stop"),
    w("disseminate", "share or spread"),
    w("enquire", "ask"),
    w("ensure", "make sure"),
    w("expedite", "speed up"),
    w("expenditure", "spending"),
    w("forthwith", "now or at once"),
    w("furthermore", "also"),
    w("henceforth", "from now on"),
    w("implement", "carry out or do"),
    w("in accordance with", "under or in line with"),
    w("in excess of", "more than"),
    w("in the event of", "if"),
    w("indicate", "show or suggest"),
    w("locate", "find"),
    w("necessitate", "need"),
    w("notwithstanding", "despite or even if"),
    w("numerous", "many"),
    w("obtain", "get"),
    w("participate", "take part"),
    w("prioritise", "put first"),
    w("proactive", "active or ahead of time"),
    w("remuneration", "pay"),
    w("reside", "live"),
    w("retain", "keep"),
    w("terminate", "end or stop"),
    w("whilst", "while"),
    w("a number of", "some or many"),
    w("at this moment in time", "now"),
    w("holistic", "whole or complete"),
    w("signpost", "point to or tell about"),
    w("modify", "change"),
    w("optimum", "best"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_is_big_lower_case_and_unique() {
        assert!(PLAIN_WORDS.len() >= 60);
        let mut terms: Vec<&str> = PLAIN_WORDS.iter().map(|p| p.term).collect();
        assert!(terms.iter().all(|t| !t.chars().any(char::is_uppercase)));
        terms.sort_unstable();
        terms.dedup();
        assert_eq!(terms.len(), PLAIN_WORDS.len());
    }
}
