//! Reading ages against textstat's figures for the sample passages
//! (tests/fixtures/readability.txt, made by tests/fixtures/make_fixtures.py).

/// How far our reading age may be from textstat's, in years.
const TOLERANCE_YEARS: f64 = 1.0;

struct Passage {
    name: String,
    fre: f64,
    grade: f64,
    text: String,
}

fn passages() -> Vec<Passage> {
    let fixture = include_str!("fixtures/readability.txt");
    let mut out: Vec<Passage> = Vec::new();
    for line in fixture.lines().filter(|l| !l.starts_with('#')) {
        if let Some(header) = line.strip_prefix("=== ") {
            let cols: Vec<&str> = header.split(" | ").collect();
            out.push(Passage {
                name: cols[0].to_string(),
                fre: cols[1].parse().unwrap(),
                grade: cols[2].parse().unwrap(),
                text: String::new(),
            });
        } else if let Some(p) = out.last_mut() {
            p.text.push_str(line);
        }
    }
    out
}

#[test]
fn reading_age_within_a_year_of_textstat() {
    let passages = passages();
    assert!(passages.len() >= 8);
    let mut report = Vec::new();
    let mut worst: f64 = 0.0;
    for p in &passages {
        let r = bookshelf_text::readability(&p.text);
        let diff = r.reading_age - (p.grade + 5.0);
        worst = worst.max(diff.abs());
        report.push(format!(
            "{:<20} reading age {:5.2} (textstat {:5.2}, diff {:+.2}); ease {:6.2} (textstat {:6.2})",
            p.name, r.reading_age, p.grade + 5.0, diff, r.flesch_reading_ease, p.fre
        ));
    }
    // Shown with `cargo test -- --nocapture`; the figures are quoted in the README.
    eprintln!("{}", report.join("\n"));
    assert!(
        worst <= TOLERANCE_YEARS,
        "reading age more than {TOLERANCE_YEARS} year from textstat:\n{}",
        report.join("\n")
    );
}

#[test]
fn passages_rank_in_the_same_order() {
    // Easier passages by textstat are easier by us too (ties aside).
    let passages = passages();
    for a in &passages {
        for b in &passages {
            if a.grade + 2.0 < b.grade {
                let (ra, rb) = (
                    bookshelf_text::readability(&a.text),
                    bookshelf_text::readability(&b.text),
                );
                assert!(
                    ra.reading_age < rb.reading_age,
                    "{} should read easier than {}",
                    a.name,
                    b.name
                );
            }
        }
    }
}
