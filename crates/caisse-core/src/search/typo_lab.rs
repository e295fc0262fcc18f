//! The index's typo lookup on a bare list of words, so that it can be measured against other
//! structures on the same words (`cargo bench -p caisse-core --bench typo_structures`, figures
//! in docs/PERFORMANCE.md). The till does not use this module.

use roaring::RoaringBitmap;

use super::collect::WordCollector;
use super::frozen::FrozenTokens;
use super::fuzzy::{Automaton, Gather};

/// Folded words kept as the index keeps its word dictionary (one sorted byte arena), each
/// word standing for one document: its position in the list it was made from.
pub struct WordList(FrozenTokens);

impl WordList {
    /// The dictionary of `words`, already folded (see [`super::normalize`]).
    pub fn new<'a>(words: impl IntoIterator<Item = &'a str>) -> Self {
        let mut collector = WordCollector::default();
        for (at, word) in (0_u32..).zip(words) {
            collector.add(word.as_bytes(), at);
        }
        // No precomputed prefix unions: each word is its own document.
        Self(FrozenTokens::build(collector, u64::MAX))
    }

    /// Positions of the words that start with `word` give or take at most `max` edits (a
    /// letter wrong, missing or added, or two neighbours swapped), found by the walk the
    /// index runs for a query word.
    pub fn typo_matches(&self, word: &str, max: u8) -> RoaringBitmap {
        let mut gathered = Gather::default();
        if let Some(mut automaton) = Automaton::new(word.as_bytes(), max) {
            self.0.fuzzy_into(&mut automaton, &mut gathered);
        }
        let reached = gathered.finish();
        reached.one | reached.two
    }

    /// Bytes held on the heap by the dictionary.
    pub fn heap_bytes(&self) -> usize {
        self.0.heap_bytes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typo_matches_hand_checked() {
        let words = [
            "chocolat",
            "chocolatine",
            "chou",
            "camembert",
            "lait",
            "chocolta",
        ];
        let list = WordList::new(words);
        let cases: &[(&str, u8, &[u32])] = &[
            // Two letters swapped: one edit; typed as a prefix of the longer word too.
            ("chocolta", 1, &[0, 1, 5]),
            ("camembrt", 1, &[3]),
            ("camambrrt", 2, &[3]),
            ("camambrrt", 1, &[]),
            ("fromage", 1, &[]),
        ];
        for (word, max, expected) in cases {
            let got: Vec<u32> = list.typo_matches(word, *max).iter().collect();
            assert_eq!(&got, expected, "{word:?} within {max}");
        }
        assert!(list.heap_bytes() >= words.concat().len());
    }
}
