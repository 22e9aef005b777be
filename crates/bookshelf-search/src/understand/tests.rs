//! Tests of query understanding.

use super::*;

fn chars(s: &str) -> Vec<char> {
    s.chars().collect()
}

#[test]
fn bounded_osa_agrees_with_strsim() {
    let pairs = [
        ("coprodcution", "coproduction"),
        ("meetng", "meeting"),
        ("eduction", "education"),
        ("plan", "plant"),
        ("abcd", "badc"),
        ("kitten", "sitting"),
        ("", "ab"),
    ];
    for (a, b) in pairs {
        let d = strsim::osa_distance(a, b);
        for k in 0..4 {
            let want = (d <= k).then_some(d);
            assert_eq!(osa_within(&chars(a), &chars(b), k), want, "{a} {b} {k}");
        }
    }
}

/// The cheap tests before the edit distance only ever skip words too far away: the
/// correction is the one a plain scan of the vocabulary finds.
#[test]
fn corrections_are_those_of_a_plain_scan() {
    let mut next = crate::test_random(0x853c_49e6_748f_ea9b);
    // Few letters, so words are often near each other; `á` and `a` share a mask bit.
    let letters: Vec<char> = "abcdeilnorstá".chars().collect();
    let word = |next: &mut dyn FnMut(usize) -> usize| -> String {
        let len = 2 + next(9);
        (0..len).map(|_| letters[next(letters.len())]).collect()
    };
    let mut words: Vec<String> = (0..600).map(|_| word(&mut next)).collect();
    words.extend(["the", "and", "of"].map(String::from));
    words.sort();
    words.dedup();
    let built = crate::lexicon::build(
        &words,
        &Default::default(),
        &[],
        &crate::Language::english(),
    );
    let lex = Lexicon::from_file(&built.to_file(0));
    let scan = |w: &str| -> Option<String> {
        let k = max_edits(w.chars().count());
        if k == 0 {
            return None;
        }
        let mut best: Option<(usize, usize)> = None;
        for (i, cand) in lex.order.iter().enumerate() {
            if cand.chars().next() != w.chars().next() {
                continue;
            }
            let d = strsim::osa_distance(w, cand);
            let limit = best.map_or(k, |(d, _)| d - 1);
            if d <= limit && matches!(lex.vocab_term(cand), Some(Some(_))) {
                best = Some((d, i));
                if d <= 1 {
                    break;
                }
            }
        }
        best.map(|(_, i)| lex.order[i].clone())
    };
    let mut found = 0;
    for i in 0..3000 {
        // A random word, or a vocabulary word with one to three edits.
        let mut w: Vec<char> = match i % 3 {
            0 => word(&mut next).chars().collect(),
            _ => words[next(words.len())].chars().collect(),
        };
        for _ in 0..(i % 3) + next(2) {
            let at = next(w.len() + 1);
            let c = letters[next(letters.len())];
            match next(4) {
                0 if at < w.len() => w[at] = c,
                1 if at < w.len() => drop(w.remove(at)),
                2 if at + 1 < w.len() => w.swap(at, at + 1),
                _ => w.insert(at, c),
            }
        }
        let w: String = w.into_iter().collect();
        let want = scan(&w);
        found += usize::from(want.is_some());
        assert_eq!(correct(&lex, &w), want, "{w}");
    }
    assert!(found > 500, "{found}");
}

#[test]
fn edits_allowed_grow_with_length() {
    assert_eq!(max_edits(5), 0);
    assert_eq!(max_edits(6), 1);
    assert_eq!(max_edits(8), 2);
}
