//! Syllable counts against the CMU Pronouncing Dictionary (tests/fixtures/syllables.tsv).

/// Least share of fixture words whose count must match one of the dictionary's.
const REQUIRED_ACCURACY: f64 = 0.90;

#[test]
fn syllable_counts_match_the_cmu_dictionary() {
    let fixture = include_str!("fixtures/syllables.tsv");
    let mut total = 0;
    let mut any_match = 0;
    let mut first_match = 0;
    let mut wrong = Vec::new();
    for line in fixture
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let mut cols = line.split('\t');
        let word = cols.next().unwrap();
        let counts: Vec<usize> = cols
            .next()
            .unwrap()
            .split(',')
            .map(|c| c.parse().unwrap())
            .collect();
        let got = bookshelf_text::syllables(word);
        total += 1;
        first_match += usize::from(got == counts[0]);
        if counts.contains(&got) {
            any_match += 1;
        } else {
            wrong.push(format!("{word}: {got}, dictionary {counts:?}"));
        }
    }
    assert!(total >= 150, "only {total} words in the fixture");
    let accuracy = any_match as f64 / total as f64;
    let strict = first_match as f64 / total as f64;
    // Shown with `cargo test -- --nocapture`; the figures are quoted in the README.
    eprintln!(
        "syllables: {any_match}/{total} = {accuracy:.3} (first pronunciation only: {strict:.3})"
    );
    eprintln!("wrong: {wrong:#?}");
    assert!(
        accuracy >= REQUIRED_ACCURACY,
        "accuracy {accuracy:.3} below {REQUIRED_ACCURACY}: {wrong:#?}"
    );
}
