//! Bulk build: number the items in catalog order, then build the frozen word dictionary (with
//! the SKU and barcode maps) and the frozen code dictionary on two threads.

use roaring::RoaringBitmap;
use uuid::Uuid;

use super::codes::CodeMap;
use super::collect::{CodeCollector, WordCollector};
use super::frozen::FrozenTokens;
use super::hashing::FastMap;
use super::normalize::{Tokenizer, normalize, sku_hash};
use super::tokens::TokenIndex;
use super::{CatalogIndex, IndexEntry, Tuning};

impl CatalogIndex {
    pub(crate) fn build_tuned(entries: Vec<IndexEntry>, tuning: Tuning) -> Self {
        let CatalogOrder {
            docs,
            keys,
            by_item,
        } = CatalogOrder::new(entries);
        let min = tuning.min_prefix_postings;
        let ((words, skus, barcodes), codes) = std::thread::scope(|scope| {
            let codes = scope.spawn(|| frozen_codes(&docs, min));
            let words = frozen_words(&docs, &keys, min);
            let codes = codes
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (words, codes)
        });
        let active = docs.iter().zip(0_u32..).filter(|(entry, _)| entry.active);
        // Increasing ids, so this cannot fail.
        let searchable = RoaringBitmap::from_sorted_iter(active.map(|(_, doc)| doc));
        Self {
            frozen_len: docs.len() as u32,
            docs: docs.into_iter().map(Some).collect(),
            keys,
            by_item,
            searchable: searchable.unwrap_or_default(),
            recent_order: Default::default(),
            tokens: TokenIndex {
                words,
                codes,
                recent: Default::default(),
            },
            skus,
            barcodes,
            tuning,
        }
    }
}

/// The entries numbered in catalog order (folded name, then item id); of entries sharing an
/// item id, only the last one given is kept.
struct CatalogOrder {
    docs: Vec<IndexEntry>,
    /// Folded name of each document.
    keys: Vec<Box<str>>,
    by_item: FastMap<Uuid, u32>,
}

/// Sort record of one entry: its folded name, whose first 16 bytes as a number decide most
/// comparisons without touching the heap.
struct Ranked {
    head: u128,
    key: Box<str>,
    item_id: Uuid,
    position: u32,
}

impl CatalogOrder {
    fn new(entries: Vec<IndexEntry>) -> Self {
        let mut ranked: Vec<Ranked> = entries
            .iter()
            .zip(0_u32..)
            .map(|(entry, position)| {
                let key = normalize(&entry.name).into_boxed_str();
                let mut head = [0u8; 16];
                let n = key.len().min(16);
                head[..n].copy_from_slice(&key.as_bytes()[..n]);
                let head = u128::from_be_bytes(head);
                let item_id = entry.item_id;
                Ranked { head, key, item_id, position }
            })
            .collect();
        ranked.sort_unstable_by(|a, b| {
            a.head
                .cmp(&b.head)
                .then_with(|| a.key.cmp(&b.key))
                .then(a.item_id.cmp(&b.item_id))
        });

        // Number the documents; a repeated item id keeps the entry given last.
        let mut by_item = FastMap::with_capacity_and_hasher(ranked.len(), Default::default());
        let mut dropped = Vec::new();
        for (rank, doc) in ranked.iter().zip(0_u32..) {
            if let Some(other) = by_item.insert(rank.item_id, doc) {
                let (keep, drop) = if ranked[other as usize].position > rank.position {
                    (other, doc)
                } else {
                    (doc, other)
                };
                by_item.insert(rank.item_id, keep);
                dropped.push(drop as usize);
            }
        }
        if !dropped.is_empty() {
            dropped.sort_unstable();
            let mut doc = 0;
            ranked.retain(|_| {
                doc += 1;
                dropped.binary_search(&(doc - 1)).is_err()
            });
            by_item.clear();
            for (rank, doc) in ranked.iter().zip(0_u32..) {
                by_item.insert(rank.item_id, doc);
            }
        }

        let mut slots: Vec<Option<IndexEntry>> = entries.into_iter().map(Some).collect();
        let mut docs = Vec::with_capacity(ranked.len());
        let mut keys = Vec::with_capacity(ranked.len());
        for rank in ranked {
            if let Some(entry) = slots[rank.position as usize].take() {
                docs.push(entry);
                keys.push(rank.key);
            }
        }
        Self { docs, keys, by_item }
    }
}

/// The frozen dictionary of words that repeat across items, with the exact SKU and barcode
/// maps (balancing the two build threads).
fn frozen_words(
    docs: &[IndexEntry],
    keys: &[Box<str>],
    min: u64,
) -> (FrozenTokens, CodeMap, CodeMap) {
    let mut tokenizer = Tokenizer::default();
    let mut words = WordCollector::default();
    let mut skus = CodeMap::with_capacity(docs.len());
    let mut barcodes = CodeMap::with_capacity(docs.len());
    for ((entry, key), doc) in docs.iter().zip(keys).zip(0_u32..) {
        tokenizer.words(entry, key, |word| words.add(word, doc));
        if let Some(hash) = sku_hash(&entry.sku) {
            skus.add(hash, doc);
        }
        for &barcode in &entry.barcodes {
            barcodes.add(barcode, doc);
        }
    }
    (FrozenTokens::build(words, min), skus, barcodes)
}

/// The frozen dictionary of tokens nearly unique to one item: SKU numbers and barcodes.
fn frozen_codes(docs: &[IndexEntry], min: u64) -> FrozenTokens {
    let mut tokenizer = Tokenizer::default();
    let mut codes = CodeCollector::default();
    for (entry, doc) in docs.iter().zip(0_u32..) {
        tokenizer.codes(entry, |code| codes.add(code, doc));
    }
    FrozenTokens::build(codes, min)
}
