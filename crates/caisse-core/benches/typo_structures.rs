//! Measure and choose: the index's Levenshtein automaton walked over its sorted word
//! dictionary, against the `fst` crate's Levenshtein automaton over an fst of the same words,
//! and against a deletion index (every word prefix with each letter, or pair of letters,
//! removed). Same words (those of the names, brands and categories of the 1,000,000-product
//! synthetic catalog of `caisse bench catalog`), same typo queries (a word of 5 to 8 letters
//! with one edit, a word of 9 or more with two, typed as the start of the word: never the
//! first letter), each timed one at a time. Prints one JSON object.
//!
//! Run with `cargo bench -p caisse-core --bench typo_structures` (release build; a minute or
//! two). Set `TYPO_PRODUCTS` for another catalog size.

#![expect(
    clippy::float_arithmetic,
    reason = "timings and ratios in a benchmark report, not money"
)]

use std::collections::{HashMap, HashSet};
use std::hint::black_box;
use std::time::Instant;

use caisse_core::search::normalize;
use caisse_core::search::synthetic::{SplitMix64, synthetic_entries};
use caisse_core::search::typo_lab::WordList;
use fst::automaton::Levenshtein;
use fst::{Automaton, IntoStreamer, Set, Streamer};

const QUERIES: usize = 2_000;

fn main() {
    let products = std::env::var("TYPO_PRODUCTS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1_000_000);
    let entries = synthetic_entries(products, 42);
    let mut distinct: HashSet<String> = HashSet::new();
    for entry in &entries {
        let texts = [
            Some(&entry.name),
            entry.brand.as_ref(),
            entry.category.as_ref(),
        ];
        for text in texts.into_iter().flatten() {
            for word in normalize(text).split(' ') {
                if !word.is_empty() && !distinct.contains(word) {
                    distinct.insert(word.to_owned());
                }
            }
        }
    }
    let mut words: Vec<String> = distinct.into_iter().collect();
    words.sort_unstable();
    let mut rng = SplitMix64::new(7);
    let one = typo_queries(&words, 5..=8, 1, &mut rng);
    let two = typo_queries(&words, 9..=40, 2, &mut rng);

    let started = Instant::now();
    let list = WordList::new(words.iter().map(String::as_str));
    let walk_build_ms = started.elapsed().as_secs_f64() * 1000.0;
    let started = Instant::now();
    let set = Set::from_iter(words.iter()).expect("sorted, distinct words");
    let fst_build_ms = started.elapsed().as_secs_f64() * 1000.0;
    let started = Instant::now();
    let deletions = DeletionIndex::new(&words, 2);
    let deletion_build_ms = started.elapsed().as_secs_f64() * 1000.0;

    let mut report = serde_json::json!({
        "products": products,
        "words": words.len(),
        "queries_per_kind": QUERIES,
        "walk_build_ms": round(walk_build_ms),
        "walk_bytes": list.heap_bytes(),
        "fst_build_ms": round(fst_build_ms),
        "fst_bytes": set.as_fst().as_bytes().len(),
        "deletion_build_ms": round(deletion_build_ms),
        "deletion_keys": deletions.keys.len(),
        "deletion_bytes": deletions.heap_bytes(),
    });
    for (kind, queries, max) in [("one_typo", &one, 1_u8), ("two_typos", &two, 2)] {
        let walk = time_each(queries, |q| {
            black_box(list.typo_matches(q, max));
        });
        let fst = time_each(queries, |q| {
            black_box(fst_matches(&set, q, max));
        });
        let deletion = time_each(queries, |q| {
            black_box(deletions.matches(&words, q, max));
        });
        for (name, times) in [("walk", &walk), ("fst", &fst), ("deletion", &deletion)] {
            report[format!("{name}_{kind}_p50_us")] = percentile_us(times, 500).into();
            report[format!("{name}_{kind}_p99_us")] = percentile_us(times, 990).into();
        }
        // Words found over all queries: the walk and the deletion index count a swap of two
        // letters as one edit, the fst as two, so it finds fewer.
        let found: [usize; 3] = queries.iter().fold([0; 3], |mut found, q| {
            found[0] += list.typo_matches(q, max).len() as usize;
            found[1] += fst_matches(&set, q, max).len();
            found[2] += deletions.matches(&words, q, max).len();
            found
        });
        for (name, found) in ["walk", "fst", "deletion"].into_iter().zip(found) {
            report[format!("{name}_{kind}_words_found")] = found.into();
        }
    }
    println!("{report}");
}

/// `count` words of the dictionary whose length is in `lengths`, each with `edits` edits
/// (a letter wrong, missing, added, or two neighbours swapped; never the first letter).
fn typo_queries(
    words: &[String],
    lengths: std::ops::RangeInclusive<usize>,
    edits: usize,
    rng: &mut SplitMix64,
) -> Vec<String> {
    let fit: Vec<&String> = words
        .iter()
        .filter(|w| {
            w.is_ascii() && lengths.contains(&w.len()) && w.bytes().all(|b| b.is_ascii_lowercase())
        })
        .collect();
    (0..QUERIES)
        .map(|_| {
            let mut word: Vec<u8> = rng.pick(&fit).as_bytes().to_vec();
            for _ in 0..edits {
                let at = 1 + rng.below(word.len() - 1);
                let letter = b'a' + rng.below(26) as u8;
                match rng.below(4) {
                    0 => word[at] = letter,
                    1 => {
                        word.remove(at);
                    }
                    2 => word.insert(at, letter),
                    _ if at + 1 < word.len() => word.swap(at, at + 1),
                    _ => word.swap(at - 1, at),
                }
            }
            String::from_utf8(word).unwrap_or_default()
        })
        .collect()
}

/// Words starting with `query` give or take `max` edits, by the `fst` crate (whose automaton
/// counts a swap of two letters as two edits).
fn fst_matches(set: &Set<Vec<u8>>, query: &str, max: u8) -> Vec<Vec<u8>> {
    let Ok(automaton) = Levenshtein::new(query, u32::from(max)) else {
        return Vec::new();
    };
    let mut stream = set.search(automaton.starts_with()).into_stream();
    let mut found = Vec::new();
    while let Some(key) = stream.next() {
        found.push(key.to_vec());
    }
    found
}

/// Every prefix (of 3 letters or more) of every word with up to `max` letters removed, mapped
/// to the words it comes from. A query with up to `max` letters removed meets a prefix of a
/// word within `max` edits in this table; each word met is then checked.
struct DeletionIndex {
    keys: HashMap<Box<[u8]>, Vec<u32>>,
}

impl DeletionIndex {
    fn new(words: &[String], max: usize) -> Self {
        let mut keys: HashMap<Box<[u8]>, Vec<u32>> = HashMap::new();
        for (at, word) in (0_u32..).zip(words) {
            let bytes = word.as_bytes();
            for len in 3.min(bytes.len())..=bytes.len() {
                for variant in deletions(&bytes[..len], max) {
                    let ids = keys.entry(variant.into_boxed_slice()).or_default();
                    if ids.last() != Some(&at) {
                        ids.push(at);
                    }
                }
            }
        }
        Self { keys }
    }

    fn heap_bytes(&self) -> usize {
        self.keys
            .iter()
            .map(|(key, ids)| key.len() + 16 + 24 + 4 * ids.capacity())
            .sum()
    }

    fn matches(&self, words: &[String], query: &str, max: u8) -> Vec<u32> {
        let mut met: Vec<u32> = deletions(query.as_bytes(), usize::from(max))
            .iter()
            .filter_map(|variant| self.keys.get(variant.as_slice()))
            .flatten()
            .copied()
            .collect();
        met.sort_unstable();
        met.dedup();
        met.retain(|&at| {
            prefix_distance(query.as_bytes(), words[at as usize].as_bytes()) <= usize::from(max)
        });
        met
    }
}

/// `word` with every choice of up to `max` letters removed (repeats included).
fn deletions(word: &[u8], max: usize) -> Vec<Vec<u8>> {
    let mut all = vec![word.to_vec()];
    let mut last = vec![word.to_vec()];
    for _ in 0..max {
        let mut next = Vec::new();
        for variant in &last {
            for at in 0..variant.len() {
                let mut shorter = variant.clone();
                shorter.remove(at);
                next.push(shorter);
            }
        }
        next.sort_unstable();
        next.dedup();
        all.extend(next.iter().cloned());
        last = next;
    }
    all
}

/// Smallest distance (optimal string alignment) of `query` to a prefix of `word`.
fn prefix_distance(query: &[u8], word: &[u8]) -> usize {
    let n = query.len();
    let mut rows = vec![(0..=n).collect::<Vec<usize>>()];
    let mut best = n;
    for (i, &b) in word.iter().enumerate() {
        let mut row = vec![i + 1; n + 1];
        for j in 1..=n {
            let above = &rows[i];
            let mut cell = (above[j - 1] + usize::from(query[j - 1] != b))
                .min(above[j] + 1)
                .min(row[j - 1] + 1);
            if i >= 1 && j >= 2 && b == query[j - 2] && word[i - 1] == query[j - 1] {
                cell = cell.min(rows[i - 1][j - 2] + 1);
            }
            row[j] = cell;
        }
        best = best.min(row[n]);
        rows.push(row);
    }
    best
}

fn time_each(queries: &[String], mut f: impl FnMut(&str)) -> Vec<u64> {
    let mut ns: Vec<u64> = queries
        .iter()
        .map(|q| {
            let started = Instant::now();
            f(q);
            u64::try_from(started.elapsed().as_nanos()).unwrap_or(u64::MAX)
        })
        .collect();
    ns.sort_unstable();
    ns
}

fn percentile_us(sorted_ns: &[u64], per_mille: usize) -> f64 {
    let Some(last) = sorted_ns.len().checked_sub(1) else {
        return 0.0;
    };
    let at = (sorted_ns.len() * per_mille)
        .div_ceil(1000)
        .saturating_sub(1)
        .min(last);
    round(sorted_ns[at] as f64 / 1000.0)
}

fn round(value: f64) -> f64 {
    (value * 10.0).round() / 10.0
}
