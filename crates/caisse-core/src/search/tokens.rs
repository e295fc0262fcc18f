//! Token -> documents: the frozen dictionaries of the last bulk build plus a small mutable
//! dictionary of the documents written since, and the per-word lookup the query uses.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::ops::Bound;

use roaring::RoaringBitmap;

use super::collect::unite;
use super::frozen::{FrozenTokens, prefix_upper_bound};
use super::fuzzy::{Automaton, Gather, Reached, Step};
use super::hashing::FastMap;
use super::memory::{bitmap_bytes, map_bytes};
use super::normalize::{barcode_prefix_keys, is_digits};

/// Prefixes up to this many bytes get a maintained union in the recent dictionary, so short
/// typeahead prefixes never walk it token by token.
const RECENT_PREFIX_BYTES: usize = 5;

/// Dictionary of documents added since the last bulk build. Postings only grow: a replaced
/// document gets a new id and the old one is masked out by the caller.
#[derive(Debug, Clone, Default)]
pub(crate) struct RecentTokens {
    postings: BTreeMap<Box<[u8]>, RoaringBitmap>,
    short_prefixes: FastMap<Box<[u8]>, RoaringBitmap>,
}

impl RecentTokens {
    /// Records that `doc` contains `token`.
    pub(crate) fn add(&mut self, token: &[u8], doc: u32) {
        insert(&mut self.postings, token, doc);
        for len in 1..=token.len().min(RECENT_PREFIX_BYTES) {
            if std::str::from_utf8(&token[..len]).is_ok() {
                insert(&mut self.short_prefixes, &token[..len], doc);
            }
        }
    }

    /// Bytes held (keys and sets; the B-tree's nodes counted at the size of their entries).
    pub(crate) fn heap_bytes(&self) -> u64 {
        let btree: u64 = self
            .postings
            .iter()
            .map(|(key, set)| key.len() as u64 + 16 + 32 + bitmap_bytes(set))
            .sum();
        let short: u64 = self
            .short_prefixes
            .iter()
            .map(|(key, set)| key.len() as u64 + bitmap_bytes(set))
            .sum();
        btree + short + map_bytes(&self.short_prefixes)
    }

    /// Adds to `reached` the documents of every token the automaton accepts.
    fn fuzzy_into<'a>(&'a self, automaton: &mut Automaton<'_>, reached: &mut Gather<'a>) {
        let mut from: Bound<Box<[u8]>> = Bound::Unbounded;
        loop {
            let lower = match &from {
                Bound::Included(key) => Bound::Included(&**key),
                Bound::Excluded(key) => Bound::Excluded(&**key),
                Bound::Unbounded => Bound::Unbounded,
            };
            let Some((key, set)) = self
                .postings
                .range::<[u8], _>((lower, Bound::Unbounded))
                .next()
            else {
                return;
            };
            from = match automaton.feed(key) {
                Step::Match { prefix, .. } => {
                    reached.add_set(prefix, Cow::Borrowed(set));
                    Bound::Excluded(key.clone())
                }
                Step::Miss => Bound::Excluded(key.clone()),
                Step::Dead(len) => match prefix_upper_bound(&key[..len]) {
                    Some(upper) => Bound::Included(upper.into_boxed_slice()),
                    None => return,
                },
                Step::Subtree { len, distance } => {
                    reached.add_set(distance, self.docs_with_prefix(&key[..len]));
                    match prefix_upper_bound(&key[..len]) {
                        Some(upper) => Bound::Included(upper.into_boxed_slice()),
                        None => return,
                    }
                }
            };
        }
    }

    fn docs_with_prefix(&self, prefix: &[u8]) -> Cow<'_, RoaringBitmap> {
        if prefix.len() <= RECENT_PREFIX_BYTES {
            return match self.short_prefixes.get(prefix) {
                Some(set) => Cow::Borrowed(set),
                None => Cow::Owned(RoaringBitmap::new()),
            };
        }
        let upper = prefix_upper_bound(prefix);
        let upper = match &upper {
            Some(upper) => Bound::Excluded(upper.as_slice()),
            None => Bound::Unbounded,
        };
        let mut matching = self
            .postings
            .range::<[u8], _>((Bound::Included(prefix), upper))
            .map(|(_, set)| set);
        let Some(first) = matching.next() else {
            return Cow::Owned(RoaringBitmap::new());
        };
        let Some(second) = matching.next() else {
            return Cow::Borrowed(first);
        };
        let sets: Vec<&RoaringBitmap> = [first, second].into_iter().chain(matching).collect();
        Cow::Owned(unite(sets.into_iter()))
    }
}

/// Inserts `doc` into the set of `key`, allocating the key only when it is new.
trait PostingMap {
    fn set_mut(&mut self, key: &[u8]) -> Option<&mut RoaringBitmap>;
    fn put(&mut self, key: Box<[u8]>, set: RoaringBitmap);
}

impl PostingMap for BTreeMap<Box<[u8]>, RoaringBitmap> {
    fn set_mut(&mut self, key: &[u8]) -> Option<&mut RoaringBitmap> {
        self.get_mut(key)
    }
    fn put(&mut self, key: Box<[u8]>, set: RoaringBitmap) {
        self.insert(key, set);
    }
}

impl PostingMap for FastMap<Box<[u8]>, RoaringBitmap> {
    fn set_mut(&mut self, key: &[u8]) -> Option<&mut RoaringBitmap> {
        self.get_mut(key)
    }
    fn put(&mut self, key: Box<[u8]>, set: RoaringBitmap) {
        self.insert(key, set);
    }
}

fn insert(map: &mut impl PostingMap, key: &[u8], doc: u32) {
    if let Some(set) = map.set_mut(key) {
        set.insert(doc);
    } else {
        let mut set = RoaringBitmap::new();
        set.insert(doc);
        map.put(key.into(), set);
    }
}

/// The whole dictionary: frozen words and codes of the last build, plus the recent part.
#[derive(Clone, Default)]
pub(crate) struct TokenIndex {
    pub(crate) words: FrozenTokens,
    pub(crate) codes: FrozenTokens,
    pub(crate) recent: RecentTokens,
}

impl TokenIndex {
    /// Documents (live or not) that one query word matches: a token starting with the word,
    /// or, for a word of digits, a barcode written in some GTIN form starting with the word.
    pub(crate) fn word_docs(&self, word: &str) -> Cow<'_, RoaringBitmap> {
        let mut docs = self.docs_with_prefix(word.as_bytes());
        if is_digits(word) {
            for key in barcode_prefix_keys(word) {
                docs = union(docs, self.docs_with_prefix(&key));
            }
        }
        docs
    }

    /// Documents (live or not) with a token equal to `word`: the word matches a whole word.
    pub(crate) fn whole_word_docs(&self, word: &str) -> Cow<'_, RoaringBitmap> {
        let word = word.as_bytes();
        let frozen = union(self.words.exact_docs(word), self.codes.exact_docs(word));
        let recent = match self.recent.postings.get(word) {
            Some(set) => Cow::Borrowed(set),
            None => Cow::Owned(RoaringBitmap::new()),
        };
        union(frozen, recent)
    }

    /// Documents (live or not) with a word that `word` starts with one or two typos, within
    /// `max` edits. Codes are never corrected, so only the words are walked.
    pub(crate) fn fuzzy_docs(&self, word: &str, max: u8) -> Reached {
        let mut reached = Gather::default();
        if let Some(mut automaton) = Automaton::new(word.as_bytes(), max) {
            self.words.fuzzy_into(&mut automaton, &mut reached);
        }
        if let Some(mut automaton) = Automaton::new(word.as_bytes(), max) {
            self.recent.fuzzy_into(&mut automaton, &mut reached);
        }
        reached.finish()
    }

    fn docs_with_prefix(&self, prefix: &[u8]) -> Cow<'_, RoaringBitmap> {
        let frozen = union(
            self.words.docs_with_prefix(prefix),
            self.codes.docs_with_prefix(prefix),
        );
        union(frozen, self.recent.docs_with_prefix(prefix))
    }
}

/// Union of two sets that avoids copying when one side is empty.
fn union<'a>(a: Cow<'a, RoaringBitmap>, b: Cow<'a, RoaringBitmap>) -> Cow<'a, RoaringBitmap> {
    if b.is_empty() {
        a
    } else if a.is_empty() {
        b
    } else {
        match (a, b) {
            (Cow::Owned(mut a), b) => {
                a |= &*b;
                Cow::Owned(a)
            }
            (a, Cow::Owned(mut b)) => {
                b |= &*a;
                Cow::Owned(b)
            }
            (a, b) => Cow::Owned(&*a | &*b),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recent_prefixes_short_and_long() {
        let mut recent = RecentTokens::default();
        let tokens: &[(&str, u32)] = &[
            ("chocolat", 1),
            ("chocolatine", 2),
            ("chou", 3),
            ("crème", 4),
            ("x", 5),
        ];
        for (token, doc) in tokens {
            recent.add(token.as_bytes(), *doc);
        }
        let cases: &[(&str, &[u32])] = &[
            ("c", &[1, 2, 3, 4]),
            ("cho", &[1, 2, 3]),
            ("choco", &[1, 2]),
            ("chocolati", &[2]),
            ("chocolat", &[1, 2]),
            ("cr", &[4]),
            ("crè", &[4]),
            ("crème", &[4]),
            ("x", &[5]),
            ("xy", &[]),
            ("zzzzzzzz", &[]),
        ];
        for (prefix, expected) in cases {
            let got: Vec<u32> = recent.docs_with_prefix(prefix.as_bytes()).iter().collect();
            assert_eq!(&got, expected, "prefix {prefix:?}");
        }
    }
}
