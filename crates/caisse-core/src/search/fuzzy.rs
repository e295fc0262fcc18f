//! Typo tolerance: a Levenshtein automaton (with transpositions counted as one edit) run over
//! the sorted token dictionaries as if they were a trie.
//!
//! The automaton keeps one row of the edit-distance table per byte of the key it was last fed.
//! Keys come in sorted order, so the next key shares a prefix with the last one and only the
//! rows past that prefix are computed again. When every cell of a row exceeds the allowed
//! distance, no key starting with that prefix can match and the walk jumps past all of them
//! with one binary search. This visits a few thousand dictionary nodes for a typical word where
//! a scan would compute the whole table for every token, and it needs no structure besides the
//! sorted arrays the index already has. The `fst` crate's Levenshtein automaton was the other
//! candidate; by its documentation it counts a swap of two letters as two edits, matches whole
//! keys rather than typed prefixes, and builds a DFA for each query up front (up to 10,000
//! states, "at least 20MB"), besides needing an fst of the words next to the sorted arrays.
//! A deletion index would need every word with each letter (and pair of letters) removed:
//! many more keys than words, and no typed prefixes. This walk is what was timed
//! (docs/PERFORMANCE.md).
//!
//! Distances are counted on the folded bytes: folded text is almost always ASCII, where a byte
//! is a letter.

use std::borrow::Cow;

use roaring::RoaringBitmap;

use super::collect::{sorted_bitmap, unite};

/// Edits allowed in a query word of `chars` letters: one from 5 letters, two from 9, as the
/// well-known search engines do. Words with digits (codes) are never corrected.
pub(crate) fn allowed_typos(word: &str) -> u8 {
    if word.bytes().any(|b| b.is_ascii_digit()) {
        return 0;
    }
    match word.chars().count() {
        0..=4 => 0,
        5..=8 => 1,
        _ => 2,
    }
}

/// Longest query word (in bytes) that is corrected; longer words only match exactly.
const MAX_WORD: usize = 40;

/// What feeding one key to the [`Automaton`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Step {
    /// Some prefix of the key is within the allowed distance of the query word: `prefix` is the
    /// smallest such distance, `whole` the distance of the whole key (capped at the allowed
    /// distance plus one).
    Match { prefix: u8, whole: u8 },
    /// The key does not match, but longer keys starting with it might.
    Miss,
    /// No key starting with the first `len` bytes of this one can match.
    Dead(usize),
    /// Every key starting with the first `len` bytes of this one matches with distance at most
    /// `distance`, and no key below can do better than an exact prefix (which the caller finds
    /// without the automaton): the walk may take the whole range at once.
    Subtree { len: usize, distance: u8 },
}

/// A Levenshtein automaton for one query word, matching keys of which some prefix is within
/// `max` edits of the word (the word is typed as a prefix of what the cashier means).
pub(crate) struct Automaton<'q> {
    query: &'q [u8],
    max: u8,
    /// Edit-distance rows, `query.len() + 1` cells each: row `d` is for the first `d` bytes
    /// of `key`.
    rows: Vec<u8>,
    /// Smallest distance of the whole query to a prefix of `key` of at most `d` bytes.
    best: Vec<u8>,
    /// The bytes whose rows are held.
    key: Vec<u8>,
    /// One bit per distinct byte of the query (byte modulo 64), for [`Automaton::may_match`].
    letters: u64,
}

/// The bit of a byte in a letter mask (bytes 64 apart share one: the test stays sound).
fn letter_bit(byte: u8) -> u64 {
    1 << (byte % 64)
}

impl<'q> Automaton<'q> {
    /// An automaton for `query` allowing `max` edits, or `None` when the word is too long to
    /// be worth correcting.
    pub(crate) fn new(query: &'q [u8], max: u8) -> Option<Self> {
        if query.len() > MAX_WORD {
            return None;
        }
        let cap = max.saturating_add(1);
        let rows: Vec<u8> = (0..=query.len())
            .map(|j| u8::try_from(j).unwrap_or(u8::MAX).min(cap))
            .collect();
        let best = vec![rows[query.len()]];
        let letters = query.iter().fold(0, |mask, &b| mask | letter_bit(b));
        Some(Self {
            query,
            max,
            rows,
            best,
            key: Vec::new(),
            letters,
        })
    }

    /// A quick test that rules out most tokens before [`Automaton::feed`]: a prefix of `token`
    /// within `max` edits of the query is at most `max` bytes longer or shorter than it, and
    /// every distinct letter of the query missing from the token's first bytes costs an edit.
    fn may_match(&self, token: &[u8]) -> bool {
        let max = usize::from(self.max);
        if token.len() + max < self.query.len() {
            return false;
        }
        let reach = token.len().min(self.query.len() + max);
        let present = token[..reach]
            .iter()
            .fold(0, |mask, &b| mask | letter_bit(b));
        (self.letters & !present).count_ones() as usize <= max
    }

    fn width(&self) -> usize {
        self.query.len() + 1
    }

    /// Feeds the next key, reusing the rows of the prefix it shares with the last key fed.
    pub(crate) fn feed(&mut self, key: &[u8]) -> Step {
        let common = common_prefix_len(&self.key, key);
        let width = self.width();
        self.rows.truncate((common + 1) * width);
        self.best.truncate(common + 1);
        self.key.truncate(common);
        let cap = self.max.saturating_add(1);
        for depth in common..key.len() {
            let byte = key[depth];
            let above = depth * width;
            let row_min = self.push_row(depth, byte, above, key, cap);
            self.key.push(byte);
            let last = self.rows[self.rows.len() - 1];
            let best = self.best[depth].min(last);
            self.best.push(best);
            if best <= 1 && best > 0 && self.max >= 1 {
                // Any longer key would have a prefix at this distance or less, and only an
                // exact prefix (distance 0) could beat it.
                return Step::Subtree {
                    len: depth + 1,
                    distance: best,
                };
            }
            if row_min > self.max {
                if best <= self.max {
                    // Deeper rows cannot improve on what is found: stop computing them.
                    return Step::Match {
                        prefix: best,
                        whole: cap,
                    };
                }
                return Step::Dead(depth + 1);
            }
        }
        let whole = self.rows[self.rows.len() - 1];
        let prefix = self.best[self.best.len() - 1];
        if prefix <= self.max {
            Step::Match { prefix, whole }
        } else {
            Step::Miss
        }
    }

    /// Appends the row for key byte `depth` and returns its smallest cell.
    fn push_row(&mut self, depth: usize, byte: u8, above: usize, key: &[u8], cap: u8) -> u8 {
        let width = self.width();
        let first = u8::try_from(depth + 1).unwrap_or(u8::MAX).min(cap);
        self.rows.push(first);
        let mut row_min = first;
        for j in 1..width {
            let substitution = self.rows[above + j - 1] + u8::from(self.query[j - 1] != byte);
            let deletion = self.rows[above + j] + 1;
            let insertion = self.rows[above + width + j - 1] + 1;
            let mut cell = substitution.min(deletion).min(insertion);
            if depth >= 1
                && j >= 2
                && byte == self.query[j - 2]
                && key[depth - 1] == self.query[j - 1]
            {
                // Two neighbouring letters swapped count as one edit.
                cell = cell.min(self.rows[above - width + j - 2] + 1);
            }
            let cell = cell.min(cap);
            row_min = row_min.min(cell);
            self.rows.push(cell);
        }
        row_min
    }
}

/// How one word of an item matches one query word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct WordMatch {
    /// Edits needed (0 for an exact word or prefix).
    pub(crate) typos: u8,
    /// Whether the item's word is the query word itself (not only started by it).
    pub(crate) prefix_only: bool,
}

/// How `token` matches `query` (allowing `automaton`'s edits), if it does.
pub(crate) fn word_match(
    query: &str,
    token: &str,
    automaton: Option<&mut Automaton<'_>>,
) -> Option<WordMatch> {
    if token == query {
        return Some(WordMatch {
            typos: 0,
            prefix_only: false,
        });
    }
    if token.starts_with(query) {
        return Some(WordMatch {
            typos: 0,
            prefix_only: true,
        });
    }
    let automaton = automaton?;
    if !automaton.may_match(token.as_bytes()) {
        return None;
    }
    let (prefix, whole) = match automaton.feed(token.as_bytes()) {
        Step::Match { prefix, whole } => (prefix, whole),
        Step::Subtree { distance, .. } => {
            // The walk stopped early: finish the whole word for its own distance.
            (distance, whole_distance(automaton, token))
        }
        Step::Miss | Step::Dead(_) => return None,
    };
    Some(WordMatch {
        typos: prefix,
        prefix_only: whole > prefix,
    })
}

/// The distance of the whole of `token`, computing the rows a [`Step::Subtree`] skipped.
fn whole_distance(automaton: &mut Automaton<'_>, token: &str) -> u8 {
    let cap = automaton.max.saturating_add(1);
    let bytes = token.as_bytes();
    for depth in automaton.key.len()..bytes.len() {
        let above = depth * automaton.width();
        automaton.push_row(depth, bytes[depth], above, bytes, cap);
        automaton.key.push(bytes[depth]);
        let last = automaton.rows[automaton.rows.len() - 1];
        let best = automaton.best[depth].min(last);
        automaton.best.push(best);
    }
    automaton.rows[automaton.rows.len() - 1]
}

/// Documents reached by an [`Automaton`] in a dictionary, by distance.
#[derive(Debug, Default)]
pub(crate) struct Reached {
    /// Documents with a token at most one edit away.
    pub(crate) one: RoaringBitmap,
    /// Documents with a token two edits away (some may also have one closer).
    pub(crate) two: RoaringBitmap,
}

/// The postings an automaton reaches during a walk, kept aside and united once at the end:
/// uniting thousands of small posting lists one by one into a growing set copies (and
/// reallocates) the set at every step, which cost more than the walk itself.
#[derive(Default)]
pub(crate) struct Gather<'a> {
    /// Sets reached at a distance of one edit or less, then two.
    sets: [Vec<Cow<'a, RoaringBitmap>>; 2],
    /// Single documents reached at a distance of one edit or less, then two.
    docs: [Vec<u32>; 2],
}

impl<'a> Gather<'a> {
    fn level(distance: u8) -> usize {
        usize::from(distance > 1)
    }

    /// Records that `doc` has a token `distance` edits away.
    pub(crate) fn add_doc(&mut self, distance: u8, doc: u32) {
        self.docs[Self::level(distance)].push(doc);
    }

    /// Records that the documents of `docs` have a token `distance` edits away.
    pub(crate) fn add_set(&mut self, distance: u8, docs: Cow<'a, RoaringBitmap>) {
        if !docs.is_empty() {
            self.sets[Self::level(distance)].push(docs);
        }
    }

    /// The documents reached, by distance.
    pub(crate) fn finish(self) -> Reached {
        let Gather {
            sets: [sets_one, sets_two],
            docs: [docs_one, docs_two],
        } = self;
        let unite = |sets: Vec<Cow<'a, RoaringBitmap>>, docs: Vec<u32>| {
            let mut united = unite(sets.iter().map(|set| &**set));
            if !docs.is_empty() {
                united |= sorted_bitmap(docs);
            }
            united
        };
        Reached {
            one: unite(sets_one, docs_one),
            two: unite(sets_two, docs_two),
        }
    }
}

/// Length of the longest common prefix of two byte strings.
pub(crate) fn common_prefix_len(a: &[u8], b: &[u8]) -> usize {
    a.iter().zip(b).take_while(|(x, y)| x == y).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Distance of the closest prefix of `token` to `query`, and of the whole token, by the
    /// textbook table (optimal string alignment), for comparison.
    fn reference(query: &[u8], token: &[u8]) -> (usize, usize) {
        let (n, m) = (query.len(), token.len());
        let mut d = vec![vec![0_usize; n + 1]; m + 1];
        for (j, cell) in d[0].iter_mut().enumerate() {
            *cell = j;
        }
        for i in 1..=m {
            d[i][0] = i;
            for j in 1..=n {
                let cost = usize::from(token[i - 1] != query[j - 1]);
                let mut v = (d[i - 1][j - 1] + cost)
                    .min(d[i - 1][j] + 1)
                    .min(d[i][j - 1] + 1);
                if i > 1 && j > 1 && token[i - 1] == query[j - 2] && token[i - 2] == query[j - 1] {
                    v = v.min(d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
            }
        }
        let prefix = (0..=m).map(|i| d[i][n]).min().unwrap_or(n);
        (prefix, d[m][n])
    }

    #[test]
    fn allowed_typos_grow_with_word_length() {
        let cases = [
            ("lait", 0),
            ("choco", 1),
            ("chocolat", 1),
            ("chocolats", 2),
            ("crème", 1),
            ("sku0001", 0),
            ("", 0),
        ];
        for (word, expected) in cases {
            assert_eq!(allowed_typos(word), expected, "{word:?}");
        }
    }

    #[test]
    fn word_matches_count_edits_hand_checked() {
        // (query, token, expected (typos, prefix_only) or None), each worked out by hand.
        // (query, token, edits allowed, expected (typos, prefix only)).
        type Case<'a> = (&'a str, &'a str, u8, Option<(u8, bool)>);
        let cases: &[Case] = &[
            ("chocolat", "chocolat", 1, Some((0, false))),
            ("choco", "chocolat", 1, Some((0, true))),
            // A swap of two letters is one edit.
            ("chocolta", "chocolat", 1, Some((1, false))),
            // One letter missing, typed as a prefix.
            ("chocla", "chocolat", 1, Some((1, true))),
            // One letter wrong.
            ("chacolat", "chocolat", 1, Some((1, false))),
            // One letter too many.
            ("chocoolat", "chocolat", 2, Some((1, false))),
            // Two edits are too many for a word of 8 letters.
            ("chxcolxt", "chocolat", 1, None),
            // ... but not for one of 9 letters or more.
            ("camemmbrt", "camembert", 2, Some((2, false))),
            ("fromage", "chocolat", 1, None),
            ("lait", "laitue", 0, Some((0, true))),
            ("lair", "lait", 0, None),
        ];
        for &(query, token, max, expected) in cases {
            let mut automaton = Automaton::new(query.as_bytes(), max);
            let got = word_match(query, token, automaton.as_mut().filter(|_| max > 0))
                .map(|m| (m.typos, m.prefix_only));
            assert_eq!(got, expected, "{query:?} against {token:?}");
        }
    }

    #[test]
    fn automaton_agrees_with_the_textbook_table_over_a_sorted_dictionary() {
        let mut tokens = vec![
            "chocolat",
            "chocolate",
            "chocolatine",
            "choco",
            "chou",
            "chouquette",
            "cacao",
            "caramel",
            "camembert",
            "lait",
            "laitue",
            "latte",
            "chocolta",
            "hcocolat",
            "a",
            "chocolaaat",
            "ocolat",
            "xchocolat",
        ];
        tokens.sort_unstable();
        for query in [
            "chocolat", "choco", "chocolta", "camembrt", "laitu", "chcolat",
        ] {
            for max in [1_u8, 2] {
                let mut automaton = Automaton::new(query.as_bytes(), max).expect("short word");
                for token in &tokens {
                    let (prefix, whole) = reference(query.as_bytes(), token.as_bytes());
                    let step = automaton.feed(token.as_bytes());
                    let matched = match step {
                        Step::Match { prefix, .. } => Some(usize::from(prefix)),
                        // A range taken at once reports the distance of its shortest prefix;
                        // only an exact prefix (found without the automaton) does better.
                        Step::Subtree { distance, .. } if prefix == 0 => {
                            assert_eq!(distance, 1, "{query:?} {token:?}");
                            Some(0)
                        }
                        Step::Subtree { distance, .. } => Some(usize::from(distance)),
                        Step::Miss | Step::Dead(_) => None,
                    };
                    let expected = (prefix <= usize::from(max)).then_some(prefix);
                    // The quick test never rules out a token that matches.
                    if expected.is_some() {
                        assert!(automaton.may_match(token.as_bytes()), "{query:?} {token:?}");
                    }
                    assert_eq!(matched, expected, "{query:?} {token:?} max {max}");
                    if let Step::Match { whole: got, .. } = step
                        && whole <= usize::from(max)
                    {
                        assert_eq!(usize::from(got), whole, "{query:?} {token:?} whole");
                    }
                }
            }
        }
    }
}
