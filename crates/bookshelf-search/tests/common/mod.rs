//! A small bookshelf of pages and glossary terms written for the relevance tests.
#![allow(dead_code)]

use std::path::Path;

use bookshelf_search::{build, SearchDoc, Searcher, Term, Variant};

fn doc(url: &str, kind: &str, title: &str, summary: &str, body: &str) -> SearchDoc {
    SearchDoc {
        url: url.to_string(),
        title: title.to_string(),
        headings: Vec::new(),
        summary: summary.to_string(),
        body: body.into(),
        kind: kind.to_string(),
        audience: Vec::new(),
        level: None,
        variant: Variant::Standard,
    }
}

fn term(url: &str, term: &str, abbreviations: &[&str], aliases: &[&str], plain: &str) -> Term {
    Term {
        term: term.to_string(),
        url: url.to_string(),
        abbreviations: abbreviations.iter().map(|s| s.to_string()).collect(),
        aliases: aliases.iter().map(|s| s.to_string()).collect(),
        plain: plain.to_string(),
        easy: None,
        say_instead: None,
    }
}

/// The glossary: ten terms.
pub(crate) fn terms() -> Vec<Term> {
    let mut t = vec![
        term(
            "glossary/ehcp/",
            "Education, Health and Care plan",
            &["EHCP", "EHC plan"],
            &[],
            "A legal document that sets out the help a child or young person will get.",
        ),
        term(
            "glossary/co-production/",
            "Co-production",
            &[],
            &["working together"],
            "Families and services planning and deciding things together as equal partners.",
        ),
        term(
            "glossary/senco/",
            "Special educational needs co-ordinator",
            &["SENCO"],
            &[],
            "The member of staff in a school who makes sure extra help is in place.",
        ),
        term(
            "glossary/annual-review/",
            "Annual review",
            &[],
            &[],
            "A meeting once a year to check that a plan still fits.",
        ),
        term(
            "glossary/local-offer/",
            "Local offer",
            &[],
            &[],
            "The list of help and services the council says families can use.",
        ),
        term(
            "glossary/send/",
            "Special educational needs and disabilities",
            &["SEND"],
            &["special needs"],
            "Needs that mean a child needs extra help to learn.",
        ),
        term(
            "glossary/parent-carer-forum/",
            "Parent carer forum",
            &["PCF"],
            &[],
            "A group of parents and carers who work with the council.",
        ),
        term(
            "glossary/tribunal/",
            "Tribunal",
            &[],
            &[],
            "A court that settles disagreements about help at school.",
        ),
        term(
            "glossary/personal-budget/",
            "Personal budget",
            &[],
            &[],
            "Money set aside so a family can choose some of the help.",
        ),
        term(
            "glossary/needs-assessment/",
            "EHC needs assessment",
            &["EHCNA"],
            &[],
            "The council's look at what help a child needs before a plan is written.",
        ),
    ];
    t[0].say_instead = Some("help plan".into());
    t[0].easy = Some("A plan about the help a child gets.".into());
    t[7].say_instead = Some("appeal".into());
    t
}

/// Sixteen standard pages and four easy read pages.
pub(crate) fn docs() -> Vec<SearchDoc> {
    let mut docs = Vec::new();
    for t in terms() {
        let mut d = doc(&t.url, "glossary", &t.term, &t.plain, &t.plain);
        d.body = format!("{} {}", t.plain, t.abbreviations.join(" ")).into();
        docs.push(d);
    }
    let mut say = doc(
        "guides/having-your-say/",
        "guide",
        "Having your say in meetings",
        "How to get ready for a meeting about your child.",
        "Before a meeting, write down the three things that matter most. At the meeting, ask for \
         words you do not know to be explained. After the meeting, check the notes.",
    );
    say.headings = vec!["Before the meeting".into(), "After the meeting".into()];
    say.audience = vec!["parents".into()];
    docs.push(say);
    let mut ask = doc(
        "guides/asking-for-an-assessment/",
        "guide",
        "Asking for a needs assessment",
        "You can ask the council to look at what help your child needs.",
        "If the help at school is not enough, you can ask for an Education, Health and Care plan. \
         The council has six weeks to decide whether to assess.",
    );
    ask.audience = vec!["parents".into()];
    docs.push(ask);
    let mut yearly = doc(
        "guides/your-plan-each-year/",
        "guide",
        "Your plan each year",
        "What happens when the plan is checked.",
        "Your EHCP is looked at every year. The school sends you a form first.",
    );
    yearly.audience = vec!["parents".into()];
    docs.push(yearly);
    docs.push(doc(
        "model/what-co-production-is/",
        "model",
        "What co-production is",
        "Working as equal partners from the start.",
        "Co-production means families and services share power. It is more than asking for views.",
    ));
    docs.push(doc(
        "model/ladder-of-participation/",
        "model",
        "The ladder of participation",
        "From being told to deciding together.",
        "The top rung of the ladder is coproduction, where decisions are made by everyone.",
    ));
    let mut before = doc(
        "checklists/before-a-meeting/",
        "checklist",
        "Before a meeting with a family",
        "Things to do a week before you meet.",
        "Ask the family where and when they would like to meet. Send the papers early.",
    );
    before.level = Some("individual".into());
    before.audience = vec!["staff".into()];
    docs.push(before);
    let mut forum = doc(
        "checklists/running-a-forum/",
        "checklist",
        "Running a forum with families",
        "Keep the group open and fair.",
        "Pay people for their time. Share the budget with every member of the group.",
    );
    forum.level = Some("strategic".into());
    forum.audience = vec!["staff".into()];
    docs.push(forum);
    let mut review = doc(
        "checklists/reviewing-services/",
        "checklist",
        "Reviewing services together",
        "Look at how the whole organisation listens.",
        "Every organisation in the partnership shares what it learned from complaints.",
    );
    review.level = Some("operational".into());
    docs.push(review);
    docs.push(doc("about/", "page", "About this bookshelf", "Who made these pages.",
        "The colour of each section helps you find your way. The programme was paid for by the council. Give yourself time to settle."));
    docs.push(doc(
        "guides/when-you-disagree/",
        "guide",
        "When you disagree",
        "What to do if you think something is wrong.",
        "If you do not agree with a decision about your child's support, talk to the school first.",
    ));
    docs.push(doc(
        "guides/good-practice/",
        "guide",
        "Good practice in schools",
        "What schools do well.",
        "Teachers practise listening to pupils every day.",
    ));
    let mut college = doc(
        "guides/moving-to-college/",
        "guide",
        "Moving to college",
        "Help for young people leaving school.",
        "Young people can say what they want to learn next. Start talking about college early.",
    );
    college.audience = vec!["young-people".into()];
    docs.push(college);
    docs.push(doc(
        "guides/your-children/",
        "guide",
        "Helping your children settle",
        "Small steps that help.",
        "Your children may need time to get used to a new room and new faces at school.",
    ));

    let easy = [
        (
            "easy-read/glossary/ehcp/",
            "glossary",
            "Education, Health and Care plan",
            "A plan about the help a child gets.",
        ),
        (
            "easy-read/guides/having-your-say/",
            "guide",
            "Having your say",
            "You can say what you think at a meeting.",
        ),
        (
            "easy-read/guides/your-plan-each-year/",
            "guide",
            "Your plan each year",
            "Your EHCP is checked each year.",
        ),
        (
            "easy-read/guides/moving-to-college/",
            "guide",
            "Moving to college",
            "Young people can choose a college.",
        ),
    ];
    for (url, kind, title, body) in easy {
        let mut d = doc(url, kind, title, "", body);
        d.variant = Variant::Easy;
        docs.push(d);
    }
    docs
}

/// Builds the fixture into `out` and opens it.
pub(crate) fn built(out: &Path) -> Searcher {
    build(&docs(), &terms(), out).expect("build");
    Searcher::open(out).expect("open")
}

/// A small Polish bookshelf: three pages and one glossary term, all in Polish.
pub(crate) fn polish_docs() -> Vec<SearchDoc> {
    vec![
        doc(
            "guides/spotkania/",
            "guide",
            "Spotkania z rodzicami",
            "Jak przygotować się do spotkania w szkole.",
            "Spotkania odbywają się raz w miesiącu. Na spotkaniu rozmawiamy o planie \
             wsparcia dziecka i o tym, co działa.",
        ),
        doc(
            "guides/plan/",
            "guide",
            "Plan edukacji, zdrowia i opieki",
            "Czym jest plan EHCP i kto go przygotowuje.",
            "Plan opisuje pomoc, jaką dziecko otrzyma w szkole. Rodzice i szkoła piszą go razem.",
        ),
        doc(
            "guides/rodziny/",
            "guide",
            "Rodziny i współpraca",
            "Współpraca rodzin z radą.",
            "Rodziny pracują razem z radą i szkołami jako równi partnerzy.",
        ),
        doc(
            "glossary/ehcp/",
            "glossary",
            "Plan edukacji, zdrowia i opieki",
            "",
            "Dokument prawny, który opisuje pomoc dla dziecka.",
        ),
    ]
}

/// The Polish glossary.
pub(crate) fn polish_terms() -> Vec<Term> {
    vec![term(
        "glossary/ehcp/",
        "Plan edukacji, zdrowia i opieki",
        &["EHCP"],
        &[],
        "Dokument prawny, który opisuje pomoc dla dziecka.",
    )]
}

/// The Polish bookshelf built in Polish into `dir`, opened.
pub(crate) fn built_in_polish(dir: &Path) -> Searcher {
    let pl = bookshelf_search::Language::from_tag("pl");
    bookshelf_search::build_in(&polish_docs(), &polish_terms(), dir, &pl).unwrap();
    Searcher::open(dir).unwrap()
}

/// What the York bookshelf hands the index (its English pages, both variants, and its
/// glossary), written by `BOOKSHELF_SEARCH_DOCS=crates/bookshelf-search/tests/data cargo run --
/// build` (the binary writes `en-GB.json` there; the Polish and Urdu ones are not kept).
pub(crate) fn york() -> (Vec<SearchDoc>, Vec<Term>) {
    #[derive(serde::Deserialize)]
    struct Input {
        docs: Vec<SearchDoc>,
        terms: Vec<Term>,
    }
    let text = include_str!("../data/en-GB.json");
    let input: Input = serde_json::from_str(text).expect("tests/data/en-GB.json");
    (input.docs, input.terms)
}

/// The York bookshelf built into `out` and opened.
pub(crate) fn built_york(out: &Path) -> Searcher {
    let (docs, terms) = york();
    build(&docs, &terms, out).expect("build");
    Searcher::open(out).expect("open")
}
