//! Gathering `(token, doc)` pairs during a bulk build and handing them over in key order.
//!
//! Words of names, brands and categories repeat a lot, so they are interned in a small hash map
//! that stays in cache. Code tokens (SKU pieces, barcodes) are nearly all distinct: hashing them
//! would miss the cache on every insert, so they are appended to an arena and sorted once.

use std::cmp::Ordering;

use super::hashing::FastMap;

/// Where a token comes from, which decides how it is gathered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokenKind {
    /// A word of a name, brand or category: repeats across items.
    Word,
    /// A piece of a SKU or a barcode: nearly unique per item.
    Code,
}

/// Documents holding one token, in increasing order without repeats.
pub(crate) enum Postings {
    One(u32),
    Many(Vec<u32>),
}

impl Postings {
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

    fn docs(&self) -> &[u32] {
        match self {
            Self::One(doc) => std::slice::from_ref(doc),
            Self::Many(docs) => docs,
        }
    }

    fn merge(self, other: Postings) -> Postings {
        let (a, b) = (self.docs(), other.docs());
        let mut merged = Vec::with_capacity(a.len() + b.len());
        let (mut i, mut j) = (0, 0);
        while i < a.len() || j < b.len() {
            let next = match (a.get(i), b.get(j)) {
                (Some(&x), Some(&y)) if x <= y => {
                    i += 1;
                    j += usize::from(x == y);
                    x
                }
                (_, Some(&y)) => {
                    j += 1;
                    y
                }
                (Some(&x), None) => {
                    i += 1;
                    x
                }
                (None, None) => break,
            };
            merged.push(next);
        }
        match merged.as_slice() {
            [only] => Postings::One(*only),
            _ => Postings::Many(merged),
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

const HEAD_BYTES: usize = 16;

/// Gathers tokens; documents must be added in increasing order.
#[derive(Default)]
pub(crate) struct TokenCollector {
    words: FastMap<Box<[u8]>, u32>,
    word_postings: Vec<Postings>,
    code_bytes: Vec<u8>,
    codes: Vec<CodeToken>,
}

impl TokenCollector {
    /// Records that `doc` contains `token`.
    pub(crate) fn add(&mut self, token: &[u8], kind: TokenKind, doc: u32) {
        match kind {
            TokenKind::Word => self.add_word(token, doc),
            TokenKind::Code => self.add_code(token, doc),
        }
    }

    fn add_word(&mut self, token: &[u8], doc: u32) {
        if let Some(&id) = self.words.get(token) {
            self.word_postings[id as usize].add(doc);
        } else {
            self.words.insert(token.into(), self.word_postings.len() as u32);
            self.word_postings.push(Postings::One(doc));
        }
    }

    fn add_code(&mut self, token: &[u8], doc: u32) {
        let mut head = [0u8; HEAD_BYTES];
        let n = token.len().min(HEAD_BYTES);
        head[..n].copy_from_slice(&token[..n]);
        self.codes.push(CodeToken {
            head: u128::from_be_bytes(head),
            start: self.code_bytes.len() as u32,
            len: token.len() as u32,
            doc,
        });
        self.code_bytes.extend_from_slice(token);
    }

    /// Calls `f` with every distinct token and its postings, in increasing key order.
    pub(crate) fn into_sorted(self, mut f: impl FnMut(&[u8], Postings)) {
        let Self {
            words,
            word_postings,
            code_bytes,
            mut codes,
        } = self;
        let mut words: Vec<(Box<[u8]>, u32)> = words.into_iter().collect();
        words.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let mut word_postings: Vec<Option<Postings>> =
            word_postings.into_iter().map(Some).collect();
        let bytes = |c: &CodeToken| &code_bytes[c.start as usize..(c.start + c.len) as usize];
        let key_order = |a: &CodeToken, b: &CodeToken| {
            a.head.cmp(&b.head).then_with(|| {
                if a.len as usize <= HEAD_BYTES && b.len as usize <= HEAD_BYTES {
                    a.len.cmp(&b.len)
                } else {
                    bytes(a).cmp(bytes(b))
                }
            })
        };
        let t0 = std::time::Instant::now();
        codes.sort_unstable_by(|a, b| key_order(a, b).then(a.doc.cmp(&b.doc)));
        eprintln!("  codes sorted {:?} {}", t0.elapsed(), codes.len());

        let group_end = |at: usize| {
            let first = codes.get(at)?;
            let len = codes[at..]
                .iter()
                .take_while(|c| key_order(c, first) == Ordering::Equal)
                .count();
            Some(at + len)
        };
        let mut words = words.into_iter().peekable();
        let mut at = 0;
        let mut end = group_end(at);
        loop {
            let code_key = end.map(|_| bytes(&codes[at]));
            let word_key = words.peek().map(|(key, _)| &**key);
            let order = match (word_key, code_key) {
                (None, None) => break,
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (Some(w), Some(c)) => w.cmp(c),
            };
            let mut word = None;
            if order != Ordering::Greater
                && let Some((key, id)) = words.next()
                && let Some(postings) = word_postings[id as usize].take()
            {
                word = Some((key, postings));
            }
            let mut code = None;
            if order != Ordering::Less
                && let Some(stop) = end
            {
                let mut postings = Postings::One(codes[at].doc);
                for c in &codes[at + 1..stop] {
                    postings.add(c.doc);
                }
                code = Some((bytes(&codes[at]), postings));
                at = stop;
                end = group_end(at);
            }
            match (word, code) {
                (Some((key, a)), Some((_, b))) => f(&key, a.merge(b)),
                (Some((key, a)), None) => f(&key, a),
                (None, Some((key, b))) => f(key, b),
                (None, None) => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hands_over_words_and_codes_merged_in_key_order() {
        let mut collector = TokenCollector::default();
        let adds: &[(&str, TokenKind, u32)] = &[
            ("lait", TokenKind::Word, 0),
            ("500", TokenKind::Word, 0),
            ("sku", TokenKind::Code, 0),
            ("0001234", TokenKind::Code, 0),
            ("lait", TokenKind::Word, 1),
            ("sku", TokenKind::Code, 1),
            ("500", TokenKind::Code, 1),
            ("a-very-long-code-token-1", TokenKind::Code, 1),
            ("a-very-long-code-token-0", TokenKind::Code, 2),
            ("sku", TokenKind::Code, 2),
            ("sku", TokenKind::Code, 2),
            ("500", TokenKind::Word, 2),
        ];
        for (token, kind, doc) in adds {
            collector.add(token.as_bytes(), *kind, *doc);
        }
        let mut got = Vec::new();
        collector.into_sorted(|key, postings| {
            got.push((String::from_utf8_lossy(key).into_owned(), postings.docs().to_vec()));
        });
        let expected: Vec<(String, Vec<u32>)> = [
            ("0001234", vec![0]),
            ("500", vec![0, 1, 2]),
            ("a-very-long-code-token-0", vec![2]),
            ("a-very-long-code-token-1", vec![1]),
            ("lait", vec![0, 1]),
            ("sku", vec![0, 1, 2]),
        ]
        .into_iter()
        .map(|(k, d)| (k.to_string(), d))
        .collect();
        assert_eq!(got, expected);
    }
}
