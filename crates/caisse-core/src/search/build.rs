//! Bulk build. Items are numbered in catalog order (names folded and sorted in two halves on
//! two threads), then two threads build the frozen word dictionary and the frozen code
//! dictionary with the exact-code indexes. The core stays pure: threads only split the work.

use std::cmp::Ordering;

use roaring::RoaringBitmap;
use uuid::Uuid;

use super::codes::CodeIndex;
use super::collect::{CodeCollector, WordCollector, head};
use super::docs::DocStore;
use super::frozen::FrozenTokens;
use super::hashing::FastMap;
use super::normalize::{Tokenizer, normalize, sku_hash};
use super::tokens::TokenIndex;
use super::{CatalogIndex, IndexEntry, Tuning};

impl CatalogIndex {
    pub(crate) fn build_tuned(entries: Vec<IndexEntry>, tuning: Tuning) -> Self {
        let docs = catalog_order(entries);
        let min = tuning.min_prefix_postings;
        let (words, (codes, exact)) = both(
            docs.len(),
            || frozen_words(&docs, min),
            || (frozen_codes(&docs, min), ExactCodes::new(&docs)),
        );
        let count = docs.len() as u32;
        let active = (0..count).filter(|&doc| docs.is_active(doc));
        // Increasing ids, so this cannot fail.
        let searchable = RoaringBitmap::from_sorted_iter(active);
        Self {
            frozen_len: count,
            docs,
            by_item: exact.by_item,
            searchable: searchable.unwrap_or_default(),
            recent_heads: Vec::new(),
            tokens: TokenIndex {
                words,
                codes,
                recent: Default::default(),
            },
            skus: exact.skus,
            barcodes: exact.barcodes,
            popularity: Default::default(),
            tuning,
        }
    }
}

/// Below this many items a second thread costs more than it saves.
const PARALLEL_FROM: usize = 10_000;

/// Runs `a` on this thread and `b` on another (on this one too for small catalogs of `items`),
/// and returns both results.
fn both<A: Send, B: Send>(
    items: usize,
    a: impl FnOnce() -> A + Send,
    b: impl FnOnce() -> B + Send,
) -> (A, B) {
    if items < PARALLEL_FROM {
        return (a(), b());
    }
    std::thread::scope(|scope| {
        let b = scope.spawn(b);
        let a = a();
        let b = b
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (a, b)
    })
}

/// Sort record of one entry: its folded name, whose first 16 bytes as a number decide most
/// comparisons without touching the heap.
struct Ranked {
    head: u128,
    key: Box<str>,
    item_id: Uuid,
    position: u32,
}

impl Ranked {
    fn cmp(&self, other: &Self) -> Ordering {
        self.head
            .cmp(&other.head)
            .then_with(|| self.key.cmp(&other.key))
            .then(self.item_id.cmp(&other.item_id))
    }
}

/// The entries packed in catalog order (folded name, then item id). Of the entries sharing an
/// item id, only the last one given is kept.
fn catalog_order(entries: Vec<IndexEntry>) -> DocStore {
    let superseded = superseded(&entries);
    let rank = |part: &[IndexEntry], offset: u32| {
        let mut ranked: Vec<Ranked> = part
            .iter()
            .zip(offset..)
            .filter(|(_, position)| superseded.binary_search(position).is_err())
            .map(|(entry, position)| {
                let key = normalize(&entry.name).into_boxed_str();
                let head = head(key.as_bytes());
                let item_id = entry.item_id;
                Ranked {
                    head,
                    key,
                    item_id,
                    position,
                }
            })
            .collect();
        ranked.sort_unstable_by(Ranked::cmp);
        ranked
    };
    let (left, right) = entries.split_at(entries.len() / 2);
    let (left, right) = both(
        entries.len(),
        || rank(left, 0),
        || rank(right, left.len() as u32),
    );
    let ranked = merge_sorted(left, right);

    // Pack the entries in rank order; each one's strings are freed as soon as it is packed.
    let (mut text, mut barcodes) = (0, 0);
    for r in &ranked {
        let entry = &entries[r.position as usize];
        text += r.key.len() + entry.name.len() + entry.sku.len();
        barcodes += entry.barcodes.len();
    }
    let mut slots: Vec<Option<IndexEntry>> = entries.into_iter().map(Some).collect();
    let mut docs = DocStore::with_capacity(ranked.len(), text, barcodes);
    for r in ranked {
        if let Some(entry) = slots[r.position as usize].take() {
            docs.push(&entry, &r.key);
        }
    }
    drop(slots);
    docs.shrink_to_fit();
    docs
}

/// Positions (sorted) of the entries whose item id comes again later in `entries`.
fn superseded(entries: &[IndexEntry]) -> Vec<u32> {
    let mut ids: Vec<(Uuid, u32)> = entries.iter().map(|e| e.item_id).zip(0..).collect();
    ids.sort_unstable();
    let mut superseded: Vec<u32> = ids
        .windows(2)
        .filter(|pair| pair[0].0 == pair[1].0)
        .map(|pair| pair[0].1)
        .collect();
    superseded.sort_unstable();
    superseded
}

fn merge_sorted(left: Vec<Ranked>, right: Vec<Ranked>) -> Vec<Ranked> {
    let mut merged = Vec::with_capacity(left.len() + right.len());
    let (mut left, mut right) = (left.into_iter().peekable(), right.into_iter().peekable());
    loop {
        let next = match (left.peek(), right.peek()) {
            (Some(a), Some(b)) if a.cmp(b) == Ordering::Greater => right.next(),
            (Some(_), _) => left.next(),
            (None, _) => right.next(),
        };
        match next {
            Some(ranked) => merged.push(ranked),
            None => return merged,
        }
    }
}

/// Item ids, SKUs and barcodes of the frozen documents.
struct ExactCodes {
    by_item: FastMap<Uuid, u32>,
    skus: CodeIndex,
    barcodes: CodeIndex,
}

impl ExactCodes {
    fn new(docs: &DocStore) -> Self {
        let mut by_item = FastMap::with_capacity_and_hasher(docs.len(), Default::default());
        let mut skus = Vec::with_capacity(docs.len());
        let mut barcodes = Vec::with_capacity(docs.len());
        for doc in 0..docs.len() as u32 {
            let (Some(item_id), Some(view)) = (docs.item_id(doc), docs.view(doc)) else {
                continue;
            };
            by_item.insert(item_id, doc);
            if let Some(hash) = sku_hash(view.sku) {
                skus.push((hash, doc));
            }
            barcodes.extend(view.barcodes.iter().map(|&gtin| (gtin, doc)));
        }
        Self {
            by_item,
            skus: CodeIndex::frozen(skus),
            barcodes: CodeIndex::frozen(barcodes),
        }
    }
}

/// The frozen dictionary of words that repeat across items.
fn frozen_words(docs: &DocStore, min: u64) -> FrozenTokens {
    let mut tokenizer = Tokenizer::default();
    let mut words = WordCollector::default();
    for doc in 0..docs.len() as u32 {
        if let Some(view) = docs.view(doc) {
            tokenizer.words(&view, |word| words.add(word, doc));
        }
    }
    FrozenTokens::build(words, min)
}

/// The frozen dictionary of tokens nearly unique to one item: SKU numbers and barcodes.
fn frozen_codes(docs: &DocStore, min: u64) -> FrozenTokens {
    let mut tokenizer = Tokenizer::default();
    let mut codes = CodeCollector::default();
    for doc in 0..docs.len() as u32 {
        if let Some(view) = docs.view(doc) {
            tokenizer.codes(&view, |code| codes.add(code, doc));
        }
    }
    FrozenTokens::build(codes, min)
}
