//! In-memory catalog index behind barcode lookup and typeahead search at the till.
//!
//! The index holds *sellable items*: a product without variants, or one variant of a product.
//! It is pure (no I/O) and is kept in sync with every catalog change through [`CatalogIndex::upsert`]
//! and [`CatalogIndex::remove`].
//!
//! # Search semantics
//!
//! * Text is folded by [`normalize`] (case, accents, ligatures, punctuation), so `creme` finds
//!   `Crème` and `oeuf` finds `Œuf`.
//! * An item's tokens are the words of its folded name, brand, category path (every category
//!   from the root, `Épicerie / Biscuits`) and SKU, its SKU without separators (`sku0001234` for
//!   `SKU-0001234`), and its barcodes as digit strings.
//! * The query is folded and split into words. An item matches when **every** word is a prefix
//!   of one of its tokens (prefix for every word, not only the last: kinder to typeahead and just
//!   as fast). A word of digits also matches a barcode when it starts one of the barcode's
//!   written GTIN forms that fit it (8, 12, 13 or 14 digits, zero-padded): `301762` finds EAN-13
//!   `3017620422003`, and so does its GTIN-14 form `0301762`; `012345` finds UPC-A `012345678905`.
//! * Typos: when the items matching every word as typed leave room under `limit`, a word of 5 to
//!   8 letters may also match a word of the item with one edit (a letter wrong, missing, added,
//!   or two neighbouring letters swapped), a word of 9 letters or more with two, always as the
//!   start of the item's word (`chocolta` finds `Chocolat`, `chocla` finds `Chocolatine`).
//!   Words with digits are never corrected. Items matching as typed always come first.
//! * Inactive items never appear. An empty or punctuation-only query gives no result.
//! * Order ([`Ranking`], see [`CatalogIndex::explain`]): exact SKU or barcode first (included
//!   even if the words would not match); then fewer typos; the name starting with the query, then
//!   the words in the name in the order typed; more words matched whole; words found in the name
//!   before the brand, the category and the codes; more units sold recently
//!   ([`CatalogIndex::set_units_sold`]); and last the catalog order: folded name, then item id.
//!   Each result says which of the [`MatchKind`] tiers it is in.
//! * A broad query ranks a bounded number of its matches (see the `query` module): its first
//!   results are the best sellers among the names starting with it.
//! * `limit` caps the number of results; callers (the API) cap it at 50.
//!
//! # Design
//!
//! Documents are numbered `u32`. Their items are packed (the `docs` module: a fixed record
//! each, their texts in one string, each brand and category once with its folded form) and
//! given back as [`IndexEntry`] values built on demand. A bulk [`CatalogIndex::build`] numbers
//! them in catalog order, so walking a bitmap in id order *is* walking alphabetically, and the
//! names starting with a query are a contiguous id range found by binary search. Two frozen
//! dictionaries (words that repeat, and codes nearly unique to an item) map each token to its postings (a roaring bitmap, or one
//! inline id), kept as a sorted byte arena searched by binary search, with a precomputed union
//! for every prefix whose tokens hold many postings; exact barcodes and SKUs are sorted vectors.
//! The build uses two threads. Updates never touch the frozen structures: a changed item gets a
//! fresh id in a small mutable part (a `BTreeMap` dictionary with maintained short-prefix
//! unions, and hash maps of codes), and its
//! old id drops out of the bitmap of searchable documents. Queries merge both parts.
//! [`CatalogIndex::compact`] rebuilds everything once the mutable part has grown
//! ([`CatalogIndex::needs_compaction`]). Typos are found by a Levenshtein automaton walked over
//! the sorted word dictionaries (the `fuzzy` module).

mod build;
mod codes;
mod collect;
mod docs;
mod frozen;
mod fuzzy;
mod hashing;
mod memory;
mod normalize;
mod popularity;
mod query;
mod rank;
pub mod synthetic;
mod tokens;
pub mod typo_lab;

#[cfg(test)]
mod proptests;
#[cfg(test)]
mod rank_tests;
#[cfg(test)]
mod tests;

use std::fmt;

use roaring::RoaringBitmap;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use codes::CodeIndex;
use docs::DocStore;
use hashing::FastMap;
pub use memory::MemoryReport;
pub use normalize::normalize;
use normalize::{Tokenizer, same_sku, sku_hash};
use popularity::Popularity;
pub use rank::{Ranking, WordOrder};
use tokens::TokenIndex;

/// One sellable item as the index sees it: a product without variants, or one variant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexEntry {
    /// The product id, or the variant id for a variant.
    pub item_id: Uuid,
    /// The product this item belongs to.
    pub product_id: Uuid,
    /// The variant id, when the item is a variant.
    pub variant_id: Option<Uuid>,
    /// The shop's stock-keeping unit code.
    pub sku: String,
    /// Display name; for a variant the full name, like "T-shirt Bio — M / Rouge".
    pub name: String,
    /// Brand name, if any.
    pub brand: Option<String>,
    /// Category path from the root ("Épicerie / Biscuits"), if any: a word of any category on
    /// the way finds the item.
    pub category: Option<String>,
    /// Barcodes as GTIN-14 numeric values (scale-label lookup keys included).
    pub barcodes: Vec<u64>,
    /// Whether the item can be sold; inactive items are never found by lookups or search.
    pub active: bool,
}

/// Why a search result matched; results are ordered by this tier first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchKind {
    /// The query is exactly the item's SKU or one of its barcodes.
    ExactCode,
    /// The item's name starts with the query.
    NamePrefix,
    /// Every query word matches some word of the item.
    Other,
    /// Every query word matches some word of the item, some only with a typo.
    Typo,
}

/// One search result: the item and the tier it matched in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SearchHit {
    /// The matching sellable item.
    pub item_id: Uuid,
    /// The tier it matched in.
    pub kind: MatchKind,
}

/// Thresholds of the index; tests shrink them to reach every code path with tiny catalogs.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tuning {
    /// A prefix whose tokens hold at least this many postings gets a precomputed union.
    pub(crate) min_prefix_postings: u64,
}

impl Default for Tuning {
    fn default() -> Self {
        Self {
            min_prefix_postings: 2048,
        }
    }
}

/// Item versions written since the last build before [`CatalogIndex::needs_compaction`] says
/// yes. Queries pay for each matching recent document (a few tens of ns): at this size a broad
/// query over 1M items still stays well under a millisecond.
const COMPACT_AFTER: usize = 50_000;

/// The in-memory catalog index: barcode and SKU lookup, and typeahead search.
#[derive(Clone, Default)]
pub struct CatalogIndex {
    /// Item and folded name of each document id; the folded names of dead documents are kept
    /// (binary search over the frozen ones needs them).
    docs: DocStore,
    by_item: FastMap<Uuid, u32>,
    /// Live and active documents: the only ones lookups and search may return.
    searchable: RoaringBitmap,
    /// Documents below this id come from the last build and are numbered in catalog order.
    frozen_len: u32,
    /// Head (first 16 bytes as a number) of the folded name of each document added since the
    /// build, for cheap ordering.
    recent_heads: Vec<u128>,
    tokens: TokenIndex,
    /// Hash of the trimmed, lowercased SKU -> documents (matches are checked on the entry).
    skus: CodeIndex,
    barcodes: CodeIndex,
    /// Units sold recently per item, and the best sellers in order.
    popularity: Popularity,
    tuning: Tuning,
}

impl CatalogIndex {
    /// An empty index.
    pub fn new() -> Self {
        Self::default()
    }

    /// Builds the index from a whole catalog at once (much faster than repeated upserts), on
    /// two threads. When an item id occurs twice, the later entry wins. Takes seconds for a
    /// million items: call it off the async executor (`spawn_blocking`).
    pub fn build(entries: Vec<IndexEntry>) -> Self {
        Self::build_tuned(entries, Tuning::default())
    }

    /// Inserts an item, or replaces the item with the same `item_id` (new name, barcodes,
    /// active flag...). The old version stops matching at once.
    pub fn upsert(&mut self, entry: IndexEntry) {
        let key = normalize(&entry.name);
        if let Some(&doc) = self.by_item.get(&entry.item_id) {
            if self.docs.key(doc) == key && self.docs.same_tokens_and_codes(doc, &entry) {
                if entry.active {
                    self.searchable.insert(doc);
                } else {
                    self.searchable.remove(doc);
                }
                self.docs.replace(doc, &entry);
                return;
            }
            self.retire(doc);
        }
        self.push_recent(&entry, &key);
    }

    /// Removes an item; unknown ids are ignored.
    pub fn remove(&mut self, item_id: Uuid) {
        if let Some(doc) = self.by_item.remove(&item_id) {
            self.retire(doc);
        }
    }

    /// Number of items held (active or not).
    pub fn len(&self) -> usize {
        self.by_item.len()
    }

    /// Whether the index holds no item.
    pub fn is_empty(&self) -> bool {
        self.by_item.is_empty()
    }

    /// The item with this id, active or not.
    pub fn get(&self, item_id: Uuid) -> Option<IndexEntry> {
        let doc = *self.by_item.get(&item_id)?;
        self.docs.entry(doc)
    }

    /// The product of the item with this id.
    pub fn product_id(&self, item_id: Uuid) -> Option<Uuid> {
        let doc = *self.by_item.get(&item_id)?;
        self.docs.product_id(doc)
    }

    /// Whether the item with this id is held and can be sold.
    pub fn is_active(&self, item_id: Uuid) -> bool {
        self.by_item
            .get(&item_id)
            .is_some_and(|&doc| self.docs.is_active(doc))
    }

    /// Every item held, active or not, in no particular order.
    pub fn entries(&self) -> impl Iterator<Item = IndexEntry> + '_ {
        self.docs.entries()
    }

    /// The active item carrying this barcode (a GTIN normalised to 14 digits, as a number).
    /// If several active items carry it, the first in catalog order.
    pub fn lookup_barcode(&self, gtin14: u64) -> Option<IndexEntry> {
        self.first_searchable(self.barcodes.docs(gtin14))
    }

    /// The active item with this SKU, compared trimmed and case-insensitively.
    pub fn lookup_sku(&self, sku: &str) -> Option<IndexEntry> {
        let hash = sku_hash(sku)?;
        let same = |doc: &u32| self.docs.sku_of(*doc).is_some_and(|e| same_sku(e, sku));
        self.first_searchable(self.skus.docs(hash).filter(same))
    }

    /// Number of item versions written since the last build or compaction.
    pub fn pending_changes(&self) -> usize {
        self.docs.len() - self.frozen_len as usize
    }

    /// Whether enough changes have piled up that [`CatalogIndex::compact`] is worth its cost
    /// (a full rebuild, about as long as [`CatalogIndex::build`]; best done off the hot path,
    /// for example on a clone that replays the changes made meanwhile before it is swapped in).
    pub fn needs_compaction(&self) -> bool {
        self.pending_changes() > COMPACT_AFTER
    }

    /// Rebuilds the index from its current items, folding every change into the frozen part.
    pub fn compact(&mut self) {
        let entries = self.docs.entries().collect();
        let sold = self.all_units_sold();
        *self = Self::build_tuned(entries, self.tuning);
        self.set_units_sold(sold);
    }

    /// Appends a new document for `entry` in the mutable part.
    fn push_recent(&mut self, entry: &IndexEntry, key: &str) {
        let doc = self.docs.push(entry, key);
        let recent = &mut self.tokens.recent;
        let mut tokenizer = Tokenizer::default();
        if let Some(view) = self.docs.view(doc) {
            tokenizer.words(&view, |token| recent.add(token, doc));
            tokenizer.codes(&view, |token| recent.add(token, doc));
        }
        self.add_codes(entry, doc);
        if entry.active {
            self.searchable.insert(doc);
        }
        self.popularity.place(entry.item_id, doc);
        self.recent_heads.push(collect::head(key.as_bytes()));
        self.by_item.insert(entry.item_id, doc);
    }

    /// Takes a document out of every live structure; its postings stay but can no longer match.
    fn retire(&mut self, doc: u32) {
        let Some(entry) = self.docs.retire(doc) else {
            return;
        };
        self.searchable.remove(doc);
        if let Some(hash) = sku_hash(&entry.sku) {
            self.skus.remove(hash, doc);
        }
        for &barcode in &entry.barcodes {
            self.barcodes.remove(barcode, doc);
        }
    }

    fn add_codes(&mut self, entry: &IndexEntry, doc: u32) {
        if let Some(hash) = sku_hash(&entry.sku) {
            self.skus.add(hash, doc);
        }
        for &barcode in &entry.barcodes {
            self.barcodes.add(barcode, doc);
        }
    }

    /// The first searchable document of `docs` in catalog order.
    fn first_searchable(&self, docs: impl Iterator<Item = u32>) -> Option<IndexEntry> {
        let doc = docs
            .filter(|&doc| self.searchable.contains(doc))
            .min_by(|&a, &b| self.order_key(a).cmp(&self.order_key(b)))?;
        self.docs.entry(doc)
    }

    /// Position of a live document in catalog order.
    fn order_key(&self, doc: u32) -> (&str, Uuid) {
        let item_id = self.docs.item_id(doc);
        (self.docs.key(doc), item_id.unwrap_or_default())
    }
}

impl fmt::Debug for CatalogIndex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CatalogIndex")
            .field("items", &self.len())
            .field("searchable", &self.searchable.len())
            .field("frozen_docs", &self.frozen_len)
            .field("pending_changes", &self.pending_changes())
            .field(
                "prefix_unions",
                &(self.tokens.words.prefix_count() + self.tokens.codes.prefix_count()),
            )
            .finish()
    }
}
