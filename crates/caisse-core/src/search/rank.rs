//! Relevance: how well one item answers a query, as a sort key whose parts explain the rank.
//!
//! Results are ordered by, in turn: an exact SKU or barcode first; fewer typos (so exact words
//! and prefixes always come before corrected ones); the name starting with the query, then the
//! query's words found in the name in the order typed; more words matched whole rather than as
//! the start of a longer word; words found in the name before the brand, the brand before the
//! category, the category before the codes; more units sold recently; and last the catalog
//! order (folded name, then item id).

use std::cmp::{Ordering, Reverse};

use serde::Serialize;

use super::CatalogIndex;
use super::docs::DocView;
use super::fuzzy::{Automaton, WordMatch, allowed_typos, word_match};
use super::normalize::{normalize_into, words};

/// Where the query's words sit in an item's name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WordOrder {
    /// The name starts with the query as typed.
    NamePrefix,
    /// Every query word is in the name, in the order typed.
    InOrder,
    /// Some words are elsewhere (brand, category, code) or out of order.
    Scattered,
}

/// Why a search result ranks where it does: each field is one step of the sort, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Ranking {
    /// The query is the item's SKU or one of its barcodes.
    pub exact_code: bool,
    /// Edits needed to match the query, summed over its words (0: exact words and prefixes).
    pub typos: u8,
    /// Where the query's words sit in the name.
    pub order: WordOrder,
    /// Query words matched only as the start of a longer word.
    pub prefix_words: u8,
    /// Where the words matched, summed over the query's words: 0 for the name, 1 for the brand,
    /// 2 for the category, 3 for the SKU or a barcode.
    pub fields: u8,
    /// Units sold over the popularity window: more sold ranks first.
    pub units_sold: u32,
}

impl Ranking {
    /// The sort key of the ranking (the catalog order breaks the remaining ties).
    pub(crate) fn key(&self) -> (bool, u8, WordOrder, u8, u8, Reverse<u32>) {
        (
            !self.exact_code,
            self.typos,
            self.order,
            self.prefix_words,
            self.fields,
            Reverse(self.units_sold),
        )
    }
}

/// Field ranks, in the order they are searched.
const NAME: u8 = 0;
const BRAND: u8 = 1;
const CATEGORY: u8 = 2;
const CODE: u8 = 3;

/// One query word with its automaton for typos (when the word is long enough to allow any).
struct Word<'q> {
    text: &'q str,
    automaton: Option<Automaton<'q>>,
}

/// Scores items against one query, reusing its automatons and buffers across items.
pub(crate) struct Scorer<'q> {
    folded: &'q str,
    words: Vec<Word<'q>>,
    scratch: String,
}

/// The best match of one query word in an item so far.
#[derive(Clone, Copy)]
struct Best {
    matched: WordMatch,
    field: u8,
}

impl Best {
    fn consider(slot: &mut Option<Best>, matched: WordMatch, field: u8) {
        let better = match slot {
            Some(best) => (matched, field) < (best.matched, best.field),
            None => true,
        };
        if better {
            *slot = Some(Best { matched, field });
        }
    }
}

impl<'q> Scorer<'q> {
    /// A scorer for the folded query `folded` and its distinct words in the order typed.
    pub(crate) fn new(folded: &'q str, query_words: &[&'q str]) -> Self {
        let words = query_words
            .iter()
            .map(|&text| Word {
                text,
                automaton: match allowed_typos(text) {
                    0 => None,
                    max => Automaton::new(text.as_bytes(), max),
                },
            })
            .collect();
        Self {
            folded,
            words,
            scratch: String::new(),
        }
    }

    /// Ranks one item: its texts (brand and category folded once, when stored), and its units
    /// sold.
    pub(crate) fn rank(&mut self, doc: &DocView<'_>, exact_code: bool, units_sold: u32) -> Ranking {
        let key = doc.key;
        let mut best: Vec<Option<Best>> = vec![None; self.words.len()];
        let mut in_order = true;
        let mut next_position = 0;
        for (i, word) in self.words.iter_mut().enumerate() {
            let mut first_after: Option<usize> = None;
            for (position, token) in words(key).enumerate() {
                if let Some(matched) = word_match(word.text, token, word.automaton.as_mut()) {
                    Best::consider(&mut best[i], matched, NAME);
                    if first_after.is_none() && position >= next_position {
                        first_after = Some(position);
                    }
                }
            }
            match first_after {
                Some(position) => next_position = position + 1,
                None => in_order = false,
            }
        }
        // A word found whole in the name with no typo cannot match better anywhere else.
        let perfect = |best: &Option<Best>| {
            best.is_some_and(|b| b.matched.typos == 0 && !b.matched.prefix_only)
        };
        if !best.iter().all(perfect) {
            for (text, field) in [(doc.brand, BRAND), (doc.category, CATEGORY)] {
                let Some(text) = text else { continue };
                for (i, word) in self.words.iter_mut().enumerate() {
                    if perfect(&best[i]) {
                        continue;
                    }
                    for token in words(text) {
                        if let Some(matched) = word_match(word.text, token, word.automaton.as_mut())
                        {
                            Best::consider(&mut best[i], matched, field);
                        }
                    }
                }
            }
            // Codes are never corrected: a SKU's words match as typed only.
            normalize_into(doc.sku, &mut self.scratch);
            for (i, word) in self.words.iter().enumerate() {
                for token in words(&self.scratch) {
                    if let Some(matched) = word_match(word.text, token, None) {
                        Best::consider(&mut best[i], matched, CODE);
                    }
                }
            }
        }
        let mut ranking = Ranking {
            exact_code,
            typos: 0,
            order: WordOrder::Scattered,
            prefix_words: 0,
            fields: 0,
            units_sold,
        };
        for best in &best {
            // A word found in no text matched a code (a compact SKU or barcode digits).
            let best = best.unwrap_or(Best {
                matched: WordMatch {
                    typos: 0,
                    prefix_only: true,
                },
                field: CODE,
            });
            ranking.typos = ranking.typos.saturating_add(best.matched.typos);
            ranking.prefix_words += u8::from(best.matched.prefix_only);
            ranking.fields = ranking.fields.saturating_add(best.field);
        }
        ranking.order = if ranking.typos == 0 && key.starts_with(self.folded) {
            WordOrder::NamePrefix
        } else if in_order && !self.words.is_empty() {
            WordOrder::InOrder
        } else {
            WordOrder::Scattered
        };
        ranking
    }
}

impl CatalogIndex {
    /// Scores documents and sorts them best first (ties in catalog order).
    pub(crate) fn rank_docs(
        &self,
        scorer: &mut Scorer<'_>,
        docs: impl IntoIterator<Item = u32>,
        exact_code: bool,
    ) -> Vec<(u32, Ranking)> {
        let mut ranked: Vec<(u32, Ranking)> = docs
            .into_iter()
            .filter_map(|doc| {
                let view = self.docs.view(doc)?;
                let units = self.popularity.doc_units(doc);
                let ranking = scorer.rank(&view, exact_code, units);
                Some((doc, ranking))
            })
            .collect();
        ranked.sort_by(|a, b| self.compare(a, b));
        ranked
    }

    fn compare(&self, a: &(u32, Ranking), b: &(u32, Ranking)) -> Ordering {
        a.1.key()
            .cmp(&b.1.key())
            .then_with(|| self.order_key(a.0).cmp(&self.order_key(b.0)))
    }
}
