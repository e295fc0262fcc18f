//! The token dictionary built in bulk: an fst from token to postings, plus ready-made postings
//! for every popular prefix so that short typeahead prefixes cost one lookup, not a union of
//! thousands of posting lists.

use std::borrow::Cow;

use fst::{IntoStreamer, Streamer};
use roaring::RoaringBitmap;

use super::collect::{Postings, TokenCollector};
use super::hashing::FastMap;

/// fst value flag: the token belongs to one document, whose id is in the low 32 bits.
/// Without the flag the value indexes `shared`. Most tokens (SKUs, barcodes) are of this kind,
/// so they cost only their bytes in the fst.
const SINGLE: u64 = 1 << 32;

/// Immutable dictionary over the documents of the last bulk build.
#[derive(Clone, Default)]
pub(crate) struct FrozenTokens {
    /// token -> `SINGLE | doc`, or index into `shared`.
    map: fst::Map<Vec<u8>>,
    shared: Vec<RoaringBitmap>,
    /// popular prefix -> index into `prefix_sets`.
    prefix_ids: FastMap<Box<[u8]>, u32>,
    prefix_sets: Vec<RoaringBitmap>,
}

impl FrozenTokens {
    /// Freezes collected tokens; prefixes whose tokens hold at least `min_prefix_postings`
    /// postings in total get a precomputed union.
    pub(crate) fn build(collector: TokenCollector, min_prefix_postings: u64) -> Self {
        let t0 = std::time::Instant::now();
        let mut builder = fst::MapBuilder::memory();
        let mut shared = Vec::new();
        let mut refs = Vec::new();
        let mut popular = PopularPrefixes::new(min_prefix_postings);
        let mut fst_time = std::time::Duration::ZERO;
        collector.into_sorted(|token, postings| {
            popular.push(token, postings.len());
            let value = match postings {
                Postings::One(doc) => SINGLE | u64::from(doc),
                Postings::Many(docs) => {
                    // Sorted and deduplicated by the collector.
                    shared.push(RoaringBitmap::from_sorted_iter(docs).unwrap_or_default());
                    (shared.len() - 1) as u64
                }
            };
            refs.push(value);
            // Keys come unique and sorted, so insertion cannot fail.
            let t = std::time::Instant::now();
            let _ = builder.insert(token, value);
            fst_time += t.elapsed();
        });
        let map = fst::Map::new(builder.into_inner().unwrap_or_default()).unwrap_or_default();
        eprintln!("  fst {:?} inserts {fst_time:?}", t0.elapsed());
        let (named, ranges) = popular.finish();
        let prefix_sets = prefix_unions(&ranges, &refs, &shared);
        eprintln!("  unions {:?}", t0.elapsed());
        Self {
            map,
            shared,
            prefix_ids: named.into_iter().collect(),
            prefix_sets,
        }
    }

    /// Documents having a token that starts with `prefix` (which must not be empty).
    pub(crate) fn docs_with_prefix(&self, prefix: &[u8]) -> Cow<'_, RoaringBitmap> {
        if let Some(&id) = self.prefix_ids.get(prefix) {
            return Cow::Borrowed(&self.prefix_sets[id as usize]);
        }
        let upper = prefix_upper_bound(prefix);
        let range = self.map.range().ge(prefix);
        let mut stream = match &upper {
            Some(upper) => range.lt(upper).into_stream(),
            None => range.into_stream(),
        };
        let mut singles = Vec::new();
        let mut result = RoaringBitmap::new();
        while let Some((_, value)) = stream.next() {
            if value & SINGLE != 0 {
                singles.push(value as u32);
            } else {
                result |= &self.shared[value as usize];
            }
        }
        if !singles.is_empty() {
            result |= sorted_bitmap(singles);
        }
        Cow::Owned(result)
    }

    /// Number of precomputed prefix unions (for reports).
    pub(crate) fn prefix_count(&self) -> usize {
        self.prefix_sets.len()
    }
}

/// The smallest key greater than every key starting with `prefix`, if there is one.
pub(crate) fn prefix_upper_bound(prefix: &[u8]) -> Option<Vec<u8>> {
    let mut upper = prefix.to_vec();
    while let Some(last) = upper.pop() {
        if last < u8::MAX {
            upper.push(last + 1);
            return Some(upper);
        }
    }
    None
}

/// Bitmap of document ids given in any order, possibly repeated.
fn sorted_bitmap(mut docs: Vec<u32>) -> RoaringBitmap {
    docs.sort_unstable();
    docs.dedup();
    // Sorted and deduplicated above, so this cannot fail.
    RoaringBitmap::from_sorted_iter(docs).unwrap_or_default()
}

/// Finds, from tokens fed in key order, every prefix (ending on a character boundary) whose
/// tokens hold at least `min` postings. Each such prefix gets the index of its token range;
/// a chain like `s`, `sk`, `sku` covering the same tokens shares one range.
struct PopularPrefixes {
    min: u64,
    /// Postings before each token, and in total at the end.
    cumulative: Vec<u64>,
    /// Open prefixes as (length, first token), shortest at the bottom.
    open: Vec<(usize, usize)>,
    previous: Vec<u8>,
    named: Vec<(Box<[u8]>, u32)>,
    ranges: Vec<(usize, usize)>,
}

impl PopularPrefixes {
    fn new(min: u64) -> Self {
        Self {
            min,
            cumulative: vec![0],
            open: Vec::new(),
            previous: Vec::new(),
            named: Vec::new(),
            ranges: Vec::new(),
        }
    }

    fn push(&mut self, key: &[u8], postings: u64) {
        let index = self.cumulative.len() - 1;
        let common = common_prefix_len(&self.previous, key);
        self.close(common, index);
        self.open.extend((common + 1..=key.len()).map(|len| (len, index)));
        let total = self.cumulative[index] + postings;
        self.cumulative.push(total);
        self.previous.clear();
        self.previous.extend_from_slice(key);
    }

    /// Closes the open prefixes longer than `keep`; the last token they cover is `end - 1`,
    /// the `previous` key, so their bytes are a prefix of it.
    fn close(&mut self, keep: usize, end: usize) {
        let mut last: Option<(usize, u32)> = None;
        while let Some(&(len, start)) = self.open.last() {
            if len <= keep {
                break;
            }
            self.open.pop();
            let postings = self.cumulative[end] - self.cumulative[start];
            if postings < self.min || !is_char_boundary(&self.previous, len) {
                continue;
            }
            let id = match last {
                Some((last_start, id)) if last_start == start => id,
                _ => {
                    self.ranges.push((start, end));
                    (self.ranges.len() - 1) as u32
                }
            };
            last = Some((start, id));
            self.named.push((Box::from(&self.previous[..len]), id));
        }
    }

    fn finish(mut self) -> (Vec<(Box<[u8]>, u32)>, Vec<(usize, usize)>) {
        self.close(0, self.cumulative.len() - 1);
        (self.named, self.ranges)
    }
}

fn is_char_boundary(key: &[u8], len: usize) -> bool {
    // UTF-8 continuation bytes are 0b10xx_xxxx.
    key.get(len).is_none_or(|&b| (b as i8) >= -0x40)
}

fn common_prefix_len(a: &[u8], b: &[u8]) -> usize {
    a.iter().zip(b).take_while(|(x, y)| x == y).count()
}

/// Computes the union of postings of each token range. Ranges nest (or are disjoint), so each
/// token is added to its innermost range only and each finished range is merged into its parent.
fn prefix_unions(
    ranges: &[(usize, usize)],
    refs: &[u64],
    shared: &[RoaringBitmap],
) -> Vec<RoaringBitmap> {
    let mut order: Vec<usize> = (0..ranges.len()).collect();
    order.sort_unstable_by_key(|&r| (ranges[r].0, std::cmp::Reverse(ranges[r].1)));
    let mut sets = vec![RoaringBitmap::new(); ranges.len()];
    let mut stack: Vec<(usize, Vec<u32>, RoaringBitmap)> = Vec::new();
    let mut next = 0;
    for token in 0..=refs.len() {
        while let Some((range, _, _)) = stack.last() {
            if ranges[*range].1 > token {
                break;
            }
            let Some((range, singles, mut set)) = stack.pop() else {
                break;
            };
            set |= sorted_bitmap(singles);
            if let Some((_, _, parent)) = stack.last_mut() {
                *parent |= &set;
            }
            sets[range] = set;
        }
        let Some(&value) = refs.get(token) else {
            break;
        };
        while let Some(&range) = order.get(next) {
            if ranges[range].0 != token {
                break;
            }
            stack.push((range, Vec::new(), RoaringBitmap::new()));
            next += 1;
        }
        if let Some((_, singles, set)) = stack.last_mut() {
            if value & SINGLE != 0 {
                singles.push(value as u32);
            } else {
                *set |= &shared[value as usize];
            }
        }
    }
    sets
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::collect::TokenKind;

    fn frozen(tokens: &[(&str, &[u32])], min: u64) -> FrozenTokens {
        let mut pairs: Vec<(u32, &str)> = tokens
            .iter()
            .flat_map(|(t, docs)| docs.iter().map(move |&d| (d, *t)))
            .collect();
        pairs.sort_unstable();
        let mut collector = TokenCollector::default();
        for (doc, token) in pairs {
            let kind = if token.starts_with("sku") { TokenKind::Code } else { TokenKind::Word };
            collector.add(token.as_bytes(), kind, doc);
        }
        FrozenTokens::build(collector, min)
    }

    #[test]
    fn prefix_queries_agree_with_and_without_precomputed_unions() {
        let tokens: &[(&str, &[u32])] = &[
            ("lait", &[0, 3, 5]),
            ("laitue", &[1]),
            ("lardons", &[2, 5]),
            ("sku", &[0, 1, 2, 3, 4, 5]),
            ("sku0001", &[0]),
            ("sku0002", &[1]),
            ("sku0100", &[2]),
            ("épice", &[4]),
        ];
        let cases: &[(&str, &[u32])] = &[
            ("l", &[0, 1, 2, 3, 5]),
            ("la", &[0, 1, 2, 3, 5]),
            ("lai", &[0, 1, 3, 5]),
            ("laitu", &[1]),
            ("s", &[0, 1, 2, 3, 4, 5]),
            ("sku0", &[0, 1, 2]),
            ("sku00", &[0, 1]),
            ("sku000", &[0, 1]),
            ("é", &[4]),
            ("x", &[]),
        ];
        for min in [1, 2, 3, 100] {
            let index = frozen(tokens, min);
            for (prefix, expected) in cases {
                let got: Vec<u32> = index.docs_with_prefix(prefix.as_bytes()).iter().collect();
                assert_eq!(&got, expected, "prefix {prefix:?} with min {min}");
            }
        }
        assert!(frozen(tokens, 1).prefix_count() > 0);
    }

    #[test]
    fn upper_bounds() {
        assert_eq!(prefix_upper_bound(b"ab"), Some(b"ac".to_vec()));
        assert_eq!(prefix_upper_bound(b"a\xff"), Some(b"b".to_vec()));
        assert_eq!(prefix_upper_bound(b"\xff"), None);
    }
}
