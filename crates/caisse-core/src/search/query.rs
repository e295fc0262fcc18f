//! Typeahead search: exact codes first, then the items matching every word as typed, then, when
//! those leave room, the items matching with typos. Each group is ranked by [`Ranking`].
//!
//! Ranking an item costs a look at its texts, so a broad query (one or two letters over a
//! million items) cannot rank every match. The matches are taken in groups that are already in
//! rank order (names starting with the query, then the other matches; one typo per word, then
//! two), and a group larger than its budget ([`rank_budget`]: the limit plus as many again, at
//! least 32 more) has only that many of its items ranked: those matching every word whole
//! first, then the best sellers among them (looking at every item of a group of up to 8,192,
//! else walking the shop's 1,024 best sellers), then the rest in catalog order. So the first
//! results of a broad query are its best sellers among the names that start with it, and every
//! narrower query is ranked exactly.

use std::borrow::Cow;
use std::cmp::Reverse;

use roaring::RoaringBitmap;

use super::collect::{HEAD_BYTES, head};
use super::fuzzy::{Reached, allowed_typos};
use super::normalize::{barcode_query, normalize, same_sku, sku_hash, words};
use super::rank::{Ranking, Scorer, WordOrder};
use super::{CatalogIndex, MatchKind, SearchHit};

/// Most items of one group ranked one by one for a query asking for `limit` results (see the
/// module documentation).
pub(crate) fn rank_budget(limit: usize) -> usize {
    limit.saturating_add(limit.max(32))
}

/// A group of at most this many items is chosen from by looking at every item's sales; a
/// larger one through the list of the shop's best sellers.
pub(crate) const SCAN_ALL: u64 = 8_192;

impl CatalogIndex {
    /// Typeahead search: items matching every word of `query`, best first, at most `limit`.
    /// See the [module documentation](super) for the exact rules.
    pub fn search(&self, query: &str, limit: usize) -> Vec<SearchHit> {
        self.explain(query, limit)
            .into_iter()
            .map(|(hit, _)| hit)
            .collect()
    }

    /// [`CatalogIndex::search`] with the ranking of each result, which says why it ranks where
    /// it does (for developers and tests).
    pub fn explain(&self, query: &str, limit: usize) -> Vec<(SearchHit, Ranking)> {
        let folded = normalize(query);
        if limit == 0 || folded.is_empty() {
            return Vec::new();
        }
        let query_words = distinct_words(&folded);
        let mut scorer = Scorer::new(&folded, &query_words);
        let exact = self.exact_code_docs(query);
        let mut ranked = self.rank_docs(&mut scorer, exact.iter().copied(), true);
        let mut seen: RoaringBitmap = exact.iter().copied().collect();
        let prefix_sets: Vec<Cow<'_, RoaringBitmap>> = query_words
            .iter()
            .map(|word| self.tokens.word_docs(word))
            .collect();
        if ranked.len() < limit
            && let Some(mut matching) = self.intersect(prefix_sets.iter().map(|set| &**set))
        {
            matching -= &seen;
            seen |= &matching;
            let (starting, others) = self.split_name_prefix(&folded, matching);
            for group in [starting, others] {
                if ranked.len() >= limit {
                    break;
                }
                self.rank_group(&mut scorer, &group, &query_words, limit, &mut ranked);
            }
        }
        if ranked.len() < limit && query_words.iter().any(|word| allowed_typos(word) > 0) {
            let room = limit - ranked.len();
            let groups = self.typo_groups(&query_words, &prefix_sets, &seen, room);
            for group in groups {
                if ranked.len() >= limit {
                    break;
                }
                self.rank_group(&mut scorer, &group, &query_words, limit, &mut ranked);
            }
        }
        ranked.truncate(limit);
        ranked
            .into_iter()
            .map(|(doc, ranking)| (self.hit(doc, &ranking), ranking))
            .collect()
    }

    fn hit(&self, doc: u32, ranking: &Ranking) -> SearchHit {
        let kind = if ranking.exact_code {
            MatchKind::ExactCode
        } else if ranking.typos > 0 {
            MatchKind::Typo
        } else if ranking.order == WordOrder::NamePrefix {
            MatchKind::NamePrefix
        } else {
            MatchKind::Other
        };
        SearchHit {
            item_id: self.order_key(doc).1,
            kind,
        }
    }

    /// Ranks the chosen items of one group and appends them.
    fn rank_group(
        &self,
        scorer: &mut Scorer<'_>,
        group: &RoaringBitmap,
        query_words: &[&str],
        limit: usize,
        ranked: &mut Vec<(u32, Ranking)>,
    ) {
        let chosen = self.choose(group, query_words, rank_budget(limit));
        ranked.extend(self.rank_docs(scorer, chosen, false));
    }

    /// The items of a group worth ranking: all of them, or for a large group, those matching
    /// every word whole, then the best sellers, then the rest in catalog order, up to the budget.
    fn choose(&self, group: &RoaringBitmap, query_words: &[&str], budget: usize) -> Vec<u32> {
        if group.len() <= budget as u64 {
            return group.iter().collect();
        }
        let whole_sets: Vec<Cow<'_, RoaringBitmap>> = query_words
            .iter()
            .map(|word| self.tokens.whole_word_docs(word))
            .collect();
        let whole = self
            .intersect(whole_sets.iter().map(|set| &**set))
            .map(|whole| whole & group)
            .unwrap_or_default();
        if group.len() <= SCAN_ALL {
            // Few enough to look at every one: whole-word matches first, then most sold.
            let mut docs: Vec<(bool, Reverse<u32>, u32)> = group
                .iter()
                .map(|doc| {
                    let units = self.popularity.doc_units(doc);
                    (!whole.contains(doc), Reverse(units), doc)
                })
                .collect();
            docs.select_nth_unstable(budget - 1);
            docs.truncate(budget);
            return docs.into_iter().map(|(_, _, doc)| doc).collect();
        }
        let mut chosen = Choice::new(budget);
        for part in [&whole, group] {
            for item_id in self.popularity.best_sellers() {
                if chosen.full() {
                    return chosen.docs;
                }
                if let Some(&doc) = self.by_item.get(&item_id)
                    && part.contains(doc)
                {
                    chosen.add(doc);
                }
            }
            chosen.take(part);
        }
        chosen.docs
    }

    /// Searchable documents in every one of `sets`, or `None` if there are none.
    fn intersect<'a>(
        &self,
        sets: impl Iterator<Item = &'a RoaringBitmap>,
    ) -> Option<RoaringBitmap> {
        let mut sets: Vec<&RoaringBitmap> = sets.collect();
        sets.sort_unstable_by_key(|set| set.len());
        let mut sets = sets.into_iter();
        let mut matching = sets.next()? & &self.searchable;
        for set in sets {
            if matching.is_empty() {
                return None;
            }
            matching &= set;
        }
        (!matching.is_empty()).then_some(matching)
    }

    /// Splits matching documents into those whose name starts with the query and the others.
    fn split_name_prefix(
        &self,
        folded: &str,
        matching: RoaringBitmap,
    ) -> (RoaringBitmap, RoaringBitmap) {
        // Among frozen documents, numbered in catalog order: one contiguous id range.
        let key = |doc: u32| self.docs.key(doc);
        let start = partition_point(0, self.frozen_len, |doc| key(doc) < folded);
        let end = partition_point(start, self.frozen_len, |doc| key(doc).starts_with(folded));
        let mut range = RoaringBitmap::new();
        range.insert_range(start..end);
        let mut starting = &matching & &range;
        // Heads are zero-padded and keys hold no zero byte: comparing heads decides prefixes
        // of up to 16 bytes.
        let prefix = (folded.len() <= HEAD_BYTES).then(|| {
            let mask = u128::MAX << (8 * (HEAD_BYTES - folded.len()));
            (mask, head(folded.as_bytes()))
        });
        for doc in matching.range(self.frozen_len..) {
            let name_prefix = match prefix {
                Some((mask, prefix)) => {
                    self.recent_heads[(doc - self.frozen_len) as usize] & mask == prefix
                }
                None => self.docs.key(doc).starts_with(folded),
            };
            if name_prefix {
                starting.insert(doc);
            }
        }
        let others = matching - &starting;
        (starting, others)
    }

    /// Documents matching every word with typos, not already `seen`, in groups to rank in
    /// turn, enough to fill `room` results when there are that many.
    ///
    /// A word that starts no token as typed needs at least one edit in every item, so no item
    /// needs fewer edits in all than one per such word, and an item that needs an edit in a
    /// word that does match as typed needs more. So when the items needing exactly one edit
    /// per such word, and the other words as typed, fill the room, they are the only group:
    /// the words that match as typed are not looked up with typos at all (a walk of the
    /// dictionary each, the costly part). Otherwise every word allowed typos is walked, and
    /// the groups are those needing at most one edit per word, then those needing two in
    /// some word.
    fn typo_groups(
        &self,
        query_words: &[&str],
        prefix_sets: &[Cow<'_, RoaringBitmap>],
        seen: &RoaringBitmap,
        room: usize,
    ) -> Vec<RoaringBitmap> {
        let mut reached: Vec<Option<Reached>> = Vec::with_capacity(query_words.len());
        for (word, exact) in query_words.iter().zip(prefix_sets) {
            let max = allowed_typos(word);
            if !exact.is_empty() {
                reached.push(None);
            } else if max > 0 {
                reached.push(Some(self.tokens.fuzzy_docs(word, max)));
            } else {
                // A word matching nothing, with no typo allowed: nothing can match.
                return Vec::new();
            }
        }
        if reached.iter().any(Option::is_some) {
            let fewest = prefix_sets
                .iter()
                .zip(&reached)
                .map(|(exact, reached)| reached.as_ref().map_or(&**exact, |reached| &reached.one));
            if let Some(mut fewest) = self.intersect(fewest) {
                fewest -= seen;
                if fewest.len() >= room as u64 {
                    return vec![fewest];
                }
            }
        }
        let mut one_each: Vec<Cow<'_, RoaringBitmap>> = Vec::with_capacity(query_words.len());
        let mut any: Vec<Cow<'_, RoaringBitmap>> = Vec::with_capacity(query_words.len());
        for ((word, exact), reached) in query_words.iter().zip(prefix_sets).zip(reached) {
            let max = allowed_typos(word);
            let reached = match reached {
                Some(reached) => reached,
                None if max > 0 => self.tokens.fuzzy_docs(word, max),
                None => {
                    one_each.push(Cow::Borrowed(&**exact));
                    any.push(Cow::Borrowed(&**exact));
                    continue;
                }
            };
            let one = &**exact | &reached.one;
            let two = &one | &reached.two;
            one_each.push(Cow::Owned(one));
            any.push(Cow::Owned(two));
        }
        let Some(mut all) = self.intersect(any.iter().map(|set| &**set)) else {
            return Vec::new();
        };
        all -= seen;
        let first = self
            .intersect(one_each.iter().map(|set| &**set))
            .map(|one| one & &all)
            .unwrap_or_default();
        let second = all - &first;
        vec![first, second]
    }

    /// Searchable documents whose SKU is the query or carrying the barcode the query spells,
    /// in catalog order.
    fn exact_code_docs(&self, query: &str) -> Vec<u32> {
        let mut docs: Vec<u32> = match sku_hash(query) {
            Some(hash) => self.skus.docs(hash).collect(),
            None => Vec::new(),
        };
        docs.retain(|&doc| {
            self.docs
                .sku_of(doc)
                .is_some_and(|sku| same_sku(sku, query))
        });
        if let Some(gtin) = barcode_query(query) {
            docs.extend(self.barcodes.docs(gtin));
        }
        docs.retain(|&doc| self.searchable.contains(doc));
        docs.sort_unstable_by(|&a, &b| self.order_key(a).cmp(&self.order_key(b)));
        docs.dedup();
        docs
    }
}

/// The first id in `start..end` for which `before` is false, `before` being true for every id
/// before some point and false after it (as `slice::partition_point`).
fn partition_point(start: u32, end: u32, before: impl Fn(u32) -> bool) -> u32 {
    let (mut low, mut high) = (start, end);
    while low < high {
        let mid = low + (high - low) / 2;
        if before(mid) {
            low = mid + 1;
        } else {
            high = mid;
        }
    }
    low
}

/// The words of a folded query, each once, in the order first typed.
fn distinct_words(folded: &str) -> Vec<&str> {
    let mut distinct: Vec<&str> = Vec::new();
    for word in words(folded) {
        if !distinct.contains(&word) {
            distinct.push(word);
        }
    }
    distinct
}

/// Documents chosen for ranking, each once, up to a budget.
struct Choice {
    budget: usize,
    docs: Vec<u32>,
    taken: RoaringBitmap,
}

impl Choice {
    fn new(budget: usize) -> Self {
        Self {
            budget,
            docs: Vec::with_capacity(budget),
            taken: RoaringBitmap::new(),
        }
    }

    fn full(&self) -> bool {
        self.docs.len() >= self.budget
    }

    /// Takes one document (if the budget allows and it is not taken yet).
    fn add(&mut self, doc: u32) {
        if !self.full() && self.taken.insert(doc) {
            self.docs.push(doc);
        }
    }

    /// Takes documents of `set` in id order until the budget is spent.
    fn take(&mut self, set: &RoaringBitmap) {
        for doc in set {
            if self.full() {
                return;
            }
            self.add(doc);
        }
    }
}
