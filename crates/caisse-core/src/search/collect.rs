//! Gathering `(token, doc)` pairs during a bulk build and handing them over in key order.
//!
//! Words of names, brands and categories repeat a lot, so [`WordCollector`] interns them in a
//! small hash map that stays in cache. Code tokens (SKU pieces, barcodes) are nearly all
//! distinct: hashing them would miss the cache on every insert, so [`CodeCollector`] appends
//! them to an arena and sorts once.

use std::cmp::Ordering;

use roaring::{MultiOps, RoaringBitmap};

use super::hashing::FastMap;

/// Documents holding one token, in increasing order without repeats.
pub(crate) enum Postings {
    One(u32),
    Many(Vec<u32>),
}

impl Postings {
    /// Adds a document not smaller than any already held.
    fn add(&mut self, doc: u32) {
        match self {
            Self::One(first) if *first == doc => {}
            Self::One(first) => *self = Self::Many(vec![*first, doc]),
            Self::Many(docs) => {
                if docs.last() != Some(&doc) {
                    docs.push(doc);
                }
            }
        }
    }

    /// Number of documents.
    pub(crate) fn len(&self) -> u64 {
        match self {
            Self::One(_) => 1,
            Self::Many(docs) => docs.len() as u64,
        }
    }
}

/// Tokens that can be handed over in increasing key order, each once with its postings.
pub(crate) trait SortedTokens {
    /// Calls `f` with every distinct token and its postings, in increasing key order.
    fn into_sorted(self, f: impl FnMut(&[u8], Postings));
}

/// Interns repeated words; documents must be added in increasing order.
#[derive(Default)]
pub(crate) struct WordCollector {
    ids: FastMap<Box<[u8]>, u32>,
    postings: Vec<Postings>,
}

impl WordCollector {
    /// Records that `doc` contains `token`.
    pub(crate) fn add(&mut self, token: &[u8], doc: u32) {
        if let Some(&id) = self.ids.get(token) {
            self.postings[id as usize].add(doc);
        } else {
            self.ids.insert(token.into(), self.postings.len() as u32);
            self.postings.push(Postings::One(doc));
        }
    }
}

impl SortedTokens for WordCollector {
    fn into_sorted(self, mut f: impl FnMut(&[u8], Postings)) {
        let mut words: Vec<(Box<[u8]>, u32)> = self.ids.into_iter().collect();
        words.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let mut postings: Vec<Option<Postings>> = self.postings.into_iter().map(Some).collect();
        for (word, id) in words {
            if let Some(postings) = postings[id as usize].take() {
                f(&word, postings);
            }
        }
    }
}

/// A code token in the arena, with its first 16 bytes as a number for cheap comparisons.
#[derive(Clone, Copy)]
struct CodeToken {
    head: u128,
    start: u32,
    len: u32,
    doc: u32,
}

/// Bytes of a key held in its [`head`].
pub(crate) const HEAD_BYTES: usize = 16;

/// Bitmap of document ids given in any order, possibly repeated.
pub(crate) fn sorted_bitmap(mut docs: Vec<u32>) -> RoaringBitmap {
    docs.sort_unstable();
    docs.dedup();
    // Sorted and deduplicated above, so this cannot fail.
    RoaringBitmap::from_sorted_iter(docs).unwrap_or_default()
}

/// Above this many sets, a union is made in one pass over them all; below, one set after the
/// other (the one-pass union sets up a full bitmap per block of ids first, which a few small
/// sets do not repay).
const UNITE_AT_ONCE: usize = 8;

/// The union of `sets`.
pub(crate) fn unite<'a>(sets: impl ExactSizeIterator<Item = &'a RoaringBitmap>) -> RoaringBitmap {
    if sets.len() > UNITE_AT_ONCE {
        return sets.union();
    }
    let mut sets = sets;
    let mut united = sets.next().cloned().unwrap_or_default();
    for set in sets {
        united |= set;
    }
    united
}

/// The first 16 bytes of a key as a big-endian number, zero-padded: heads order like the keys
/// they come from (keys never hold a zero byte), so most comparisons need no trip to the heap.
pub(crate) fn head(key: &[u8]) -> u128 {
    let mut head = [0u8; HEAD_BYTES];
    let n = key.len().min(HEAD_BYTES);
    head[..n].copy_from_slice(&key[..n]);
    u128::from_be_bytes(head)
}

/// Appends nearly unique tokens to an arena; documents may come in any order.
#[derive(Default)]
pub(crate) struct CodeCollector {
    bytes: Vec<u8>,
    tokens: Vec<CodeToken>,
}

impl CodeCollector {
    /// Records that `doc` contains `token`.
    pub(crate) fn add(&mut self, token: &[u8], doc: u32) {
        self.tokens.push(CodeToken {
            head: head(token),
            start: self.bytes.len() as u32,
            len: token.len() as u32,
            doc,
        });
        self.bytes.extend_from_slice(token);
    }
}

impl SortedTokens for CodeCollector {
    fn into_sorted(self, mut f: impl FnMut(&[u8], Postings)) {
        let Self { bytes, mut tokens } = self;
        let bytes = |c: &CodeToken| &bytes[c.start as usize..(c.start + c.len) as usize];
        // Zero-padded heads order like the keys; equal heads need the bytes only past 16.
        let key_order = |a: &CodeToken, b: &CodeToken| {
            a.head.cmp(&b.head).then_with(|| {
                if a.len as usize <= HEAD_BYTES && b.len as usize <= HEAD_BYTES {
                    a.len.cmp(&b.len)
                } else {
                    bytes(a).cmp(bytes(b))
                }
            })
        };
        tokens.sort_unstable_by(|a, b| key_order(a, b).then(a.doc.cmp(&b.doc)));
        let mut at = 0;
        while let Some(first) = tokens.get(at) {
            let mut postings = Postings::One(first.doc);
            let mut end = at + 1;
            while let Some(next) = tokens.get(end) {
                if key_order(next, first) != Ordering::Equal {
                    break;
                }
                postings.add(next.doc);
                end += 1;
            }
            // Short keys are whole in their head: no trip to the arena.
            let head = first.head.to_be_bytes();
            let key = match head.get(..first.len as usize) {
                Some(key) => key,
                None => bytes(first),
            };
            f(key, postings);
            at = end;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(collector: impl SortedTokens) -> Vec<(String, Vec<u32>)> {
        let mut got = Vec::new();
        collector.into_sorted(|key, postings| {
            let docs = match postings {
                Postings::One(doc) => vec![doc],
                Postings::Many(docs) => docs,
            };
            got.push((String::from_utf8_lossy(key).into_owned(), docs));
        });
        got
    }

    fn owned(expected: &[(&str, &[u32])]) -> Vec<(String, Vec<u32>)> {
        expected
            .iter()
            .map(|(k, d)| (k.to_string(), d.to_vec()))
            .collect()
    }

    #[test]
    fn words_come_out_sorted_with_their_documents() {
        let mut words = WordCollector::default();
        let adds = [
            ("lait", 0),
            ("bio", 0),
            ("supercalifragilistic", 0),
            ("lait", 1),
            ("lait", 1),
            ("supercalifragilistia", 2),
            ("supercalifragilistic", 3),
            ("bio", 3),
            ("exactly16bytes!!", 3),
        ];
        for (token, doc) in adds {
            words.add(token.as_bytes(), doc);
        }
        let expected: &[(&str, &[u32])] = &[
            ("bio", &[0, 3]),
            ("exactly16bytes!!", &[3]),
            ("lait", &[0, 1]),
            ("supercalifragilistia", &[2]),
            ("supercalifragilistic", &[0, 3]),
        ];
        assert_eq!(sorted(words), owned(expected));
    }

    #[test]
    fn codes_come_out_sorted_and_grouped() {
        let mut codes = CodeCollector::default();
        let adds = [
            ("sku", 2),
            ("0001234", 0),
            ("sku", 0),
            ("a-very-long-code-token-1", 1),
            ("a-very-long-code-token-0", 2),
            ("a-very-long-code-token-0", 0),
            ("sku", 2),
            ("sk", 1),
            ("sku0", 1),
        ];
        for (token, doc) in adds {
            codes.add(token.as_bytes(), doc);
        }
        let expected: &[(&str, &[u32])] = &[
            ("0001234", &[0]),
            ("a-very-long-code-token-0", &[0, 2]),
            ("a-very-long-code-token-1", &[1]),
            ("sk", &[1]),
            ("sku", &[0, 2]),
            ("sku0", &[1]),
        ];
        assert_eq!(sorted(codes), owned(expected));
    }
}
