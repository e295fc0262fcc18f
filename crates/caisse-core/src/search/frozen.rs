//! The token dictionary built in bulk: sorted tokens with their postings, plus ready-made
//! postings for every popular prefix so that short typeahead prefixes cost one hash lookup, not
//! a union of thousands of posting lists.
//!
//! Tokens are kept as one sorted byte arena searched by binary search rather than an fst: it
//! builds several times faster (an fst insert costs about 0.3 µs per token, and a large catalog
//! has millions of SKU and barcode tokens) for a few tens of MB more at 1M items.

use std::borrow::Cow;
use std::ops::Range;

use roaring::RoaringBitmap;

use super::collect::{Postings, SortedTokens, sorted_bitmap, unite};
use super::fuzzy::{Automaton, Gather, Step};
use super::hashing::FastMap;
use super::memory::{bitmaps_bytes, map_bytes};

/// Value flag: the token belongs to one document, whose id is in the low 31 bits. Without the
/// flag the value indexes `shared`. Most tokens (SKUs, barcodes) are of this kind, so they cost
/// no bitmap.
const SINGLE: u32 = 1 << 31;

/// Immutable dictionary over the documents of the last bulk build.
#[derive(Clone, Default)]
pub(crate) struct FrozenTokens {
    /// All tokens, concatenated in increasing order.
    bytes: Vec<u8>,
    /// End of each token in `bytes`.
    ends: Vec<u32>,
    /// Per token: `SINGLE | doc`, or an index into `shared`.
    values: Vec<u32>,
    shared: Vec<RoaringBitmap>,
    /// Popular prefix -> index into `prefix_sets`.
    prefix_ids: FastMap<Box<[u8]>, u32>,
    prefix_sets: Vec<RoaringBitmap>,
}

impl FrozenTokens {
    /// Freezes collected tokens; prefixes whose tokens hold at least `min_prefix_postings`
    /// postings in total get a precomputed union.
    pub(crate) fn build(tokens: impl SortedTokens, min_prefix_postings: u64) -> Self {
        let mut frozen = Self::default();
        let mut popular = PopularPrefixes::new(min_prefix_postings);
        tokens.into_sorted(|token, postings| {
            popular.push(token, postings.len());
            let value = match postings {
                Postings::One(doc) => SINGLE | doc,
                Postings::Many(docs) => {
                    // Sorted and deduplicated by the collector.
                    let set = RoaringBitmap::from_sorted_iter(docs).unwrap_or_default();
                    frozen.shared.push(set);
                    (frozen.shared.len() - 1) as u32
                }
            };
            frozen.bytes.extend_from_slice(token);
            frozen.ends.push(frozen.bytes.len() as u32);
            frozen.values.push(value);
        });
        frozen.bytes.shrink_to_fit();
        frozen.ends.shrink_to_fit();
        frozen.values.shrink_to_fit();
        let (named, ranges) = popular.finish();
        frozen.prefix_sets = prefix_unions(&ranges, &frozen.values, &frozen.shared);
        frozen.prefix_ids = named.into_iter().collect();
        frozen
    }

    /// Documents having a token that starts with `prefix` (which must not be empty).
    pub(crate) fn docs_with_prefix(&self, prefix: &[u8]) -> Cow<'_, RoaringBitmap> {
        if let Some(&id) = self.prefix_ids.get(prefix) {
            return Cow::Borrowed(&self.prefix_sets[id as usize]);
        }
        let range = self.prefix_range(prefix);
        let mut singles = Vec::new();
        let mut sets = Vec::new();
        for &value in &self.values[range] {
            if value & SINGLE != 0 {
                singles.push(value & !SINGLE);
            } else {
                sets.push(&self.shared[value as usize]);
            }
        }
        let mut result = unite(sets.into_iter());
        if !singles.is_empty() {
            result |= sorted_bitmap(singles);
        }
        Cow::Owned(result)
    }

    /// Documents having exactly the token `token`.
    pub(crate) fn exact_docs(&self, token: &[u8]) -> Cow<'_, RoaringBitmap> {
        let at = self.lower_bound(token);
        if at < self.ends.len() && self.key(at) == token {
            self.docs_at(at)
        } else {
            Cow::Owned(RoaringBitmap::new())
        }
    }

    fn docs_at(&self, at: usize) -> Cow<'_, RoaringBitmap> {
        let value = self.values[at];
        if value & SINGLE != 0 {
            let mut one = RoaringBitmap::new();
            one.insert(value & !SINGLE);
            Cow::Owned(one)
        } else {
            Cow::Borrowed(&self.shared[value as usize])
        }
    }

    /// Adds to `reached` the documents of every token the automaton accepts, walking the
    /// sorted tokens like a trie and jumping over every range the automaton rules out.
    pub(crate) fn fuzzy_into<'a>(
        &'a self,
        automaton: &mut Automaton<'_>,
        reached: &mut Gather<'a>,
    ) {
        let mut at = 0;
        while at < self.ends.len() {
            let key = self.key(at);
            match automaton.feed(key) {
                Step::Match { prefix, .. } => {
                    let value = self.values[at];
                    if value & SINGLE != 0 {
                        reached.add_doc(prefix, value & !SINGLE);
                    } else {
                        reached.add_set(prefix, Cow::Borrowed(&self.shared[value as usize]));
                    }
                    at += 1;
                }
                Step::Miss => at += 1,
                Step::Dead(len) => at = self.past_prefix(at, &key[..len]),
                Step::Subtree { len, distance } => {
                    let prefix = &key[..len];
                    let past = self.past_prefix(at, prefix);
                    if let Some(&id) = self.prefix_ids.get(prefix) {
                        reached.add_set(distance, Cow::Borrowed(&self.prefix_sets[id as usize]));
                    } else {
                        // The postings are kept apart and united with the others at the end.
                        for &value in &self.values[at..past] {
                            if value & SINGLE != 0 {
                                reached.add_doc(distance, value & !SINGLE);
                            } else {
                                let set = &self.shared[value as usize];
                                reached.add_set(distance, Cow::Borrowed(set));
                            }
                        }
                    }
                    at = past;
                }
            }
        }
    }

    /// Index of the first token after those starting with `prefix`, the first of which is at
    /// `from`. The range skipped is usually short, so the search gallops forward from `from`
    /// before bisecting: a few comparisons instead of a search of the whole dictionary.
    fn past_prefix(&self, from: usize, prefix: &[u8]) -> usize {
        let (mut low, mut step) = (from + 1, 1);
        let mut high = loop {
            let probe = from + step;
            if probe >= self.ends.len() {
                break self.ends.len();
            }
            if !self.key(probe).starts_with(prefix) {
                break probe;
            }
            low = probe + 1;
            step *= 2;
        };
        // Tokens starting with `prefix` are contiguous: bisect between the last one seen and
        // the first one past them.
        while low < high {
            let mid = low + (high - low) / 2;
            if self.key(mid).starts_with(prefix) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        high
    }

    /// Bytes held on the heap (tokens, their postings and the prefix unions).
    pub(crate) fn heap_bytes(&self) -> usize {
        let sets = |sets: &[RoaringBitmap]| -> usize {
            sets.iter().map(RoaringBitmap::serialized_size).sum()
        };
        let prefixes: usize = self.prefix_ids.keys().map(|key| key.len() + 8).sum();
        self.bytes.capacity()
            + 4 * (self.ends.capacity() + self.values.capacity())
            + sets(&self.shared)
            + sets(&self.prefix_sets)
            + prefixes
    }

    /// Bytes of the tokens (arena, ends and values), of their postings, and of the prefix
    /// unions with their keys.
    pub(crate) fn heap_parts(&self) -> [(&'static str, u64); 3] {
        let prefix_keys: usize = self.prefix_ids.keys().map(|key| key.len()).sum();
        [
            (
                "tokens",
                (self.bytes.capacity() + 4 * (self.ends.capacity() + self.values.capacity()))
                    as u64,
            ),
            ("postings", bitmaps_bytes(&self.shared)),
            (
                "prefixes",
                bitmaps_bytes(&self.prefix_sets) + map_bytes(&self.prefix_ids) + prefix_keys as u64,
            ),
        ]
    }

    /// Number of precomputed prefix unions (for reports).
    pub(crate) fn prefix_count(&self) -> usize {
        self.prefix_sets.len()
    }

    fn key(&self, at: usize) -> &[u8] {
        let start = at
            .checked_sub(1)
            .map_or(0, |before| self.ends[before] as usize);
        &self.bytes[start..self.ends[at] as usize]
    }

    /// Index of the first token not smaller than `probe`.
    fn lower_bound(&self, probe: &[u8]) -> usize {
        let (mut low, mut high) = (0, self.ends.len());
        while low < high {
            let mid = low + (high - low) / 2;
            if self.key(mid) < probe {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        low
    }

    /// Indexes of the tokens starting with `prefix`.
    fn prefix_range(&self, prefix: &[u8]) -> Range<usize> {
        let start = self.lower_bound(prefix);
        let end = match prefix_upper_bound(prefix) {
            Some(upper) => self.lower_bound(&upper),
            None => self.ends.len(),
        };
        start..end.max(start)
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

/// Finds, from tokens fed in key order, every prefix (ending on a character boundary) whose
/// tokens hold at least `min` postings. Each such prefix gets the index of its token range;
/// a chain like `s`, `sk`, `sku` covering the same tokens shares one range.
struct PopularPrefixes {
    min: u64,
    /// Postings before each token, and in total at the end.
    cumulative: Vec<u64>,
    /// Open prefixes as (shortest length, longest length, first token): all the prefixes of one
    /// token not shared with the token before it. Shortest at the bottom.
    open: Vec<(usize, usize, usize)>,
    previous: Vec<u8>,
    named: Vec<NamedPrefix>,
    ranges: Vec<(usize, usize)>,
}

/// A popular prefix and the index of its token range.
type NamedPrefix = (Box<[u8]>, u32);

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
        if key.len() > common {
            self.open.push((common + 1, key.len(), index));
        }
        let total = self.cumulative[index] + postings;
        self.cumulative.push(total);
        self.previous.clear();
        self.previous.extend_from_slice(key);
    }

    /// Closes the open prefixes longer than `keep`; the last token they cover is `end - 1`,
    /// the `previous` key, so their bytes are a prefix of it.
    fn close(&mut self, keep: usize, end: usize) {
        while let Some(last) = self.open.last_mut() {
            let (shortest, longest, start) = *last;
            if longest <= keep {
                break;
            }
            let closing = shortest.max(keep + 1)..=longest;
            if shortest > keep {
                self.open.pop();
            } else {
                last.1 = keep;
            }
            // Every closing prefix covers the same tokens: one shared range.
            if self.cumulative[end] - self.cumulative[start] < self.min {
                continue;
            }
            let id = self.ranges.len() as u32;
            let mut named = false;
            for len in closing.filter(|&len| is_char_boundary(&self.previous, len)) {
                self.named.push((Box::from(&self.previous[..len]), id));
                named = true;
            }
            if named {
                self.ranges.push((start, end));
            }
        }
    }

    /// Each popular prefix with its range index, and the token ranges.
    fn finish(mut self) -> (Vec<NamedPrefix>, Vec<(usize, usize)>) {
        self.close(0, self.cumulative.len() - 1);
        (self.named, self.ranges)
    }
}

fn is_char_boundary(key: &[u8], len: usize) -> bool {
    // UTF-8 continuation bytes are 0b10xx_xxxx.
    key.get(len).is_none_or(|&b| (b as i8) >= -0x40)
}

fn common_prefix_len(a: &[u8], b: &[u8]) -> usize {
    let mut common = 0;
    for (x, y) in a.chunks_exact(8).zip(b.chunks_exact(8)) {
        if x != y {
            break;
        }
        common += 8;
    }
    common
        + a[common..]
            .iter()
            .zip(&b[common..])
            .take_while(|(x, y)| x == y)
            .count()
}

/// Computes the union of postings of each token range. Ranges nest (or are disjoint), so each
/// token is added to its innermost range only and each finished range is merged into its parent.
fn prefix_unions(
    ranges: &[(usize, usize)],
    refs: &[u32],
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
                singles.push(value & !SINGLE);
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
    use crate::search::collect::{CodeCollector, WordCollector};
    use crate::search::fuzzy::{Automaton, Gather, Reached, Step};

    /// Builds from word tokens, or from code tokens: both paths must agree.
    fn frozen(tokens: &[(&str, &[u32])], min: u64, as_codes: bool) -> FrozenTokens {
        let mut pairs: Vec<(u32, &str)> = tokens
            .iter()
            .flat_map(|(t, docs)| docs.iter().map(move |&d| (d, *t)))
            .collect();
        pairs.sort_unstable();
        if as_codes {
            let mut codes = CodeCollector::default();
            pairs
                .iter()
                .rev()
                .for_each(|(doc, token)| codes.add(token.as_bytes(), *doc));
            FrozenTokens::build(codes, min)
        } else {
            let mut words = WordCollector::default();
            pairs
                .iter()
                .for_each(|(doc, token)| words.add(token.as_bytes(), *doc));
            FrozenTokens::build(words, min)
        }
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
        for (min, as_codes) in [1, 2, 3, 100]
            .into_iter()
            .flat_map(|m| [(m, false), (m, true)])
        {
            let index = frozen(tokens, min, as_codes);
            for (prefix, expected) in cases {
                let got: Vec<u32> = index.docs_with_prefix(prefix.as_bytes()).iter().collect();
                assert_eq!(
                    &got, expected,
                    "prefix {prefix:?}, min {min}, codes {as_codes}"
                );
            }
        }
        assert!(frozen(tokens, 1, false).prefix_count() > 0);
    }

    #[test]
    fn fuzzy_walk_finds_what_a_scan_finds() {
        let words = [
            "chocolat",
            "chocolatine",
            "chocolade",
            "chocloat",
            "choco",
            "chou",
            "cacao",
            "lait",
            "laitue",
            "latte",
            "camembert",
            "camembrt",
            "creme",
            "ecreme",
            "cremerie",
            "c",
            "ch",
            "cho",
            "zzz",
        ];
        let tokens: Vec<(&str, Vec<u32>)> = words
            .iter()
            .zip(0_u32..)
            .map(|(w, doc)| (*w, vec![doc, doc + 100]))
            .collect();
        let pairs: Vec<(&str, &[u32])> = tokens.iter().map(|(w, d)| (*w, d.as_slice())).collect();
        for min in [1, 3, 100] {
            let index = frozen(&pairs, min, false);
            for (query, max) in [
                ("chocolta", 1),
                ("chocla", 1),
                ("camembrt", 1),
                ("cremerei", 1),
                ("chocolatx", 2),
            ] {
                let mut gathered = Gather::default();
                let mut automaton = Automaton::new(query.as_bytes(), max).expect("short");
                index.fuzzy_into(&mut automaton, &mut gathered);
                let walked = gathered.finish();
                // One automaton per token: no shared rows, no skipping.
                let mut scanned = Gather::default();
                for (word, docs) in &tokens {
                    let mut alone = Automaton::new(query.as_bytes(), max).expect("short");
                    let distance = match alone.feed(word.as_bytes()) {
                        Step::Match { prefix, .. } => prefix,
                        Step::Subtree { distance, .. } => distance,
                        Step::Miss | Step::Dead(_) => continue,
                    };
                    docs.iter().for_each(|&doc| scanned.add_doc(distance, doc));
                }
                let scanned = scanned.finish();
                let all = |r: &Reached| (&r.one | &r.two).iter().collect::<Vec<u32>>();
                assert_eq!(all(&walked), all(&scanned), "{query:?}, min {min}");
                assert!(!walked.one.is_empty(), "{query:?}");
            }
        }
    }

    #[test]
    fn upper_bounds() {
        assert_eq!(prefix_upper_bound(b"ab"), Some(b"ac".to_vec()));
        assert_eq!(prefix_upper_bound(b"a\xff"), Some(b"b".to_vec()));
        assert_eq!(prefix_upper_bound(b"\xff"), None);
    }
}
