//! The items held by the index, packed: one fixed-size record per document, the texts of all
//! documents in one string (folded name, name and SKU, one after the other), the barcodes in
//! one vector, and each distinct brand and category text once, with its folded form.
//!
//! A million items held as [`IndexEntry`] values cost about 280 bytes each (the entry, and five
//! small heap blocks for its strings and barcodes) plus the folded name in a box of its own;
//! packed, they cost the record (72 bytes), their texts and barcodes. Readers get an
//! [`IndexEntry`] built on demand ([`DocStore::entry`]) or borrow the texts ([`DocView`]).

use std::mem::size_of;

use uuid::Uuid;

use super::IndexEntry;
use super::hashing::FastMap;
use super::memory::map_bytes;
use super::normalize::normalize;

/// Flag: the document is live (not removed nor replaced).
const LIVE: u8 = 1;
/// Flag: the item can be sold.
const ACTIVE: u8 = 2;
/// Flag: the item is a variant whose variant id is its item id (as every variant in the app).
const VARIANT_IS_ITEM: u8 = 4;
/// Flag: the item is a variant with another variant id, kept in `other_variants`.
const VARIANT_OTHER: u8 = 8;

/// Label id meaning "no brand" or "no category".
const NO_LABEL: u32 = u32::MAX;

/// One document, its texts and barcodes found by offset.
#[derive(Clone, Copy)]
struct Record {
    item_id: Uuid,
    product_id: Uuid,
    /// Start in `text` of the folded name, then the name, then the SKU.
    text: u64,
    key_len: u32,
    name_len: u32,
    sku_len: u32,
    brand: u32,
    category: u32,
    /// Start in `barcodes` and number of barcodes.
    barcodes: u32,
    barcode_count: u32,
    flags: u8,
}

/// Distinct brand and category texts, each with its folded form.
#[derive(Clone, Default)]
struct Labels {
    ids: FastMap<Box<str>, u32>,
    texts: Vec<(Box<str>, Box<str>)>,
}

impl Labels {
    fn intern(&mut self, text: Option<&str>) -> u32 {
        let Some(text) = text else {
            return NO_LABEL;
        };
        if let Some(&id) = self.ids.get(text) {
            return id;
        }
        let id = self.texts.len() as u32;
        self.ids.insert(text.into(), id);
        self.texts
            .push((text.into(), normalize(text).into_boxed_str()));
        id
    }

    fn get(&self, id: u32) -> Option<&(Box<str>, Box<str>)> {
        self.texts.get(id as usize)
    }

    fn heap_bytes(&self) -> u64 {
        let texts: usize = self
            .texts
            .iter()
            .map(|(text, folded)| 2 * text.len() + folded.len())
            .sum();
        map_bytes(&self.ids) + (self.texts.capacity() * 32 + texts) as u64
    }
}

/// What ranking and tokenising read of a document, borrowed from the store.
#[derive(Clone, Copy)]
pub(crate) struct DocView<'a> {
    /// The folded name.
    pub(crate) key: &'a str,
    pub(crate) sku: &'a str,
    /// The folded brand and category path.
    pub(crate) brand: Option<&'a str>,
    pub(crate) category: Option<&'a str>,
    pub(crate) barcodes: &'a [u64],
}

/// Every document of the index, live or not, by id.
#[derive(Clone, Default)]
pub(crate) struct DocStore {
    records: Vec<Record>,
    text: String,
    barcodes: Vec<u64>,
    labels: Labels,
    /// Variant ids that are not their item's id, by document.
    other_variants: FastMap<u32, Uuid>,
}

impl DocStore {
    /// A store with room for `docs` documents, `text` bytes of texts and `barcodes` barcodes.
    pub(crate) fn with_capacity(docs: usize, text: usize, barcodes: usize) -> Self {
        Self {
            records: Vec::with_capacity(docs),
            text: String::with_capacity(text),
            barcodes: Vec::with_capacity(barcodes),
            ..Self::default()
        }
    }

    /// Number of documents, live or not.
    pub(crate) fn len(&self) -> usize {
        self.records.len()
    }

    /// Appends a live document for `entry`, whose folded name is `key`; returns its id.
    pub(crate) fn push(&mut self, entry: &IndexEntry, key: &str) -> u32 {
        let doc = self.records.len() as u32;
        let record = self.record(entry, key, doc);
        self.records.push(record);
        doc
    }

    /// Replaces the document `doc` by `entry` in place: same folded name, SKU, barcodes and
    /// folded brand and category (see [`DocStore::same_tokens_and_codes`]).
    pub(crate) fn replace(&mut self, doc: u32, entry: &IndexEntry) {
        let slot = doc as usize;
        let old = self.records[slot];
        let name_changed = self.name(&old) != entry.name;
        let key = if name_changed {
            // The texts are written again at the end (the old ones stay until a rebuild).
            Some(self.key_of(&old).to_owned())
        } else {
            None
        };
        self.other_variants.remove(&doc);
        let mut record = match key {
            Some(key) => self.record(entry, &key, doc),
            None => {
                let mut record = old;
                record.brand = self.labels.intern(entry.brand.as_deref());
                record.category = self.labels.intern(entry.category.as_deref());
                record
            }
        };
        record.item_id = entry.item_id;
        record.product_id = entry.product_id;
        record.flags = LIVE | self.variant_flags(entry, doc);
        if entry.active {
            record.flags |= ACTIVE;
        }
        self.records[slot] = record;
    }

    /// Marks a document as no longer live, returning what it held (its texts stay, so that
    /// binary searches over the folded names of the last build still work).
    pub(crate) fn retire(&mut self, doc: u32) -> Option<IndexEntry> {
        let entry = self.entry(doc)?;
        self.records[doc as usize].flags &= !LIVE;
        self.other_variants.remove(&doc);
        Some(entry)
    }

    /// The item of a live document.
    pub(crate) fn entry(&self, doc: u32) -> Option<IndexEntry> {
        let record = self.live(doc)?;
        let variant_id = if record.flags & VARIANT_IS_ITEM != 0 {
            Some(record.item_id)
        } else if record.flags & VARIANT_OTHER != 0 {
            self.other_variants.get(&doc).copied()
        } else {
            None
        };
        let label = |id| self.labels.get(id).map(|(text, _)| text.to_string());
        Some(IndexEntry {
            item_id: record.item_id,
            product_id: record.product_id,
            variant_id,
            sku: self.sku(record).to_owned(),
            name: self.name(record).to_owned(),
            brand: label(record.brand),
            category: label(record.category),
            barcodes: self.barcodes_of(record).to_vec(),
            active: record.flags & ACTIVE != 0,
        })
    }

    /// What ranking reads of a live document.
    pub(crate) fn view(&self, doc: u32) -> Option<DocView<'_>> {
        let record = self.live(doc)?;
        Some(self.view_of(record))
    }

    /// Item id of a live document.
    pub(crate) fn item_id(&self, doc: u32) -> Option<Uuid> {
        self.live(doc).map(|record| record.item_id)
    }

    /// Product id of a live document.
    pub(crate) fn product_id(&self, doc: u32) -> Option<Uuid> {
        self.live(doc).map(|record| record.product_id)
    }

    /// Whether a document is live and active.
    pub(crate) fn is_active(&self, doc: u32) -> bool {
        self.live(doc)
            .is_some_and(|record| record.flags & ACTIVE != 0)
    }

    /// The SKU of a live document.
    pub(crate) fn sku_of(&self, doc: u32) -> Option<&str> {
        self.live(doc).map(|record| self.sku(record))
    }

    /// Folded name of any document, live or not.
    pub(crate) fn key(&self, doc: u32) -> &str {
        self.key_of(&self.records[doc as usize])
    }

    /// Whether `entry` would give a live document the same tokens and codes: same SKU,
    /// barcodes, and brand and category once folded (the name is compared by the caller).
    pub(crate) fn same_tokens_and_codes(&self, doc: u32, entry: &IndexEntry) -> bool {
        let Some(old) = self.live(doc) else {
            return false;
        };
        let folded = |id: u32| self.labels.get(id).map(|(_, folded)| &**folded);
        self.sku(old) == entry.sku
            && self.barcodes_of(old) == entry.barcodes.as_slice()
            && folded(old.brand) == entry.brand.as_deref().map(normalize).as_deref()
            && folded(old.category) == entry.category.as_deref().map(normalize).as_deref()
    }

    /// Every live document's item, in document order.
    pub(crate) fn entries(&self) -> impl Iterator<Item = IndexEntry> + '_ {
        (0..self.records.len() as u32).filter_map(|doc| self.entry(doc))
    }

    /// Gives back unused capacity (after a bulk build).
    pub(crate) fn shrink_to_fit(&mut self) {
        self.records.shrink_to_fit();
        self.text.shrink_to_fit();
        self.barcodes.shrink_to_fit();
    }

    /// Bytes held: records, texts and barcodes, labels.
    pub(crate) fn heap_parts(&self) -> [(&'static str, u64); 3] {
        [
            (
                "docs",
                (self.records.capacity() * size_of::<Record>()) as u64
                    + map_bytes(&self.other_variants),
            ),
            (
                "docs_text",
                (self.text.capacity() + self.barcodes.capacity() * size_of::<u64>()) as u64,
            ),
            ("docs_labels", self.labels.heap_bytes()),
        ]
    }

    fn live(&self, doc: u32) -> Option<&Record> {
        self.records
            .get(doc as usize)
            .filter(|record| record.flags & LIVE != 0)
    }

    fn record(&mut self, entry: &IndexEntry, key: &str, doc: u32) -> Record {
        let text = self.text.len() as u64;
        self.text.push_str(key);
        self.text.push_str(&entry.name);
        self.text.push_str(&entry.sku);
        let barcodes = self.barcodes.len() as u32;
        self.barcodes.extend_from_slice(&entry.barcodes);
        let mut flags = LIVE | self.variant_flags(entry, doc);
        if entry.active {
            flags |= ACTIVE;
        }
        Record {
            item_id: entry.item_id,
            product_id: entry.product_id,
            text,
            key_len: key.len() as u32,
            name_len: entry.name.len() as u32,
            sku_len: entry.sku.len() as u32,
            brand: self.labels.intern(entry.brand.as_deref()),
            category: self.labels.intern(entry.category.as_deref()),
            barcodes,
            barcode_count: entry.barcodes.len() as u32,
            flags,
        }
    }

    /// The variant flags of `entry` as document `doc`, keeping a variant id apart if needed.
    fn variant_flags(&mut self, entry: &IndexEntry, doc: u32) -> u8 {
        match entry.variant_id {
            None => 0,
            Some(variant) if variant == entry.item_id => VARIANT_IS_ITEM,
            Some(variant) => {
                self.other_variants.insert(doc, variant);
                VARIANT_OTHER
            }
        }
    }

    fn view_of(&self, record: &Record) -> DocView<'_> {
        let folded = |id: u32| self.labels.get(id).map(|(_, folded)| &**folded);
        DocView {
            key: self.key_of(record),
            sku: self.sku(record),
            brand: folded(record.brand),
            category: folded(record.category),
            barcodes: self.barcodes_of(record),
        }
    }

    fn key_of(&self, record: &Record) -> &str {
        let start = record.text as usize;
        &self.text[start..start + record.key_len as usize]
    }

    fn name(&self, record: &Record) -> &str {
        let start = record.text as usize + record.key_len as usize;
        &self.text[start..start + record.name_len as usize]
    }

    fn sku(&self, record: &Record) -> &str {
        let start = record.text as usize + record.key_len as usize + record.name_len as usize;
        &self.text[start..start + record.sku_len as usize]
    }

    fn barcodes_of(&self, record: &Record) -> &[u64] {
        let start = record.barcodes as usize;
        &self.barcodes[start..start + record.barcode_count as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(n: u128, name: &str) -> IndexEntry {
        IndexEntry {
            item_id: Uuid::from_u128(n),
            product_id: Uuid::from_u128(n + 1000),
            variant_id: None,
            sku: format!("SKU-{n}"),
            name: name.to_string(),
            brand: None,
            category: None,
            barcodes: Vec::new(),
            active: true,
        }
    }

    #[test]
    fn gives_back_every_field_as_stored() {
        let entries = [
            entry(1, "Crème fraîche"),
            IndexEntry {
                brand: Some("Président".into()),
                category: Some("Crèmerie / Beurre".into()),
                barcodes: vec![3_017_620_422_003, 96_385_074],
                active: false,
                ..entry(2, "Beurre doux")
            },
            IndexEntry {
                variant_id: Some(Uuid::from_u128(2)),
                brand: Some("Président".into()),
                ..entry(2, "T-shirt — M")
            },
            IndexEntry {
                variant_id: Some(Uuid::from_u128(77)),
                sku: String::new(),
                name: String::new(),
                ..entry(3, "")
            },
        ];
        let mut store = DocStore::default();
        for entry in &entries {
            store.push(entry, &normalize(&entry.name));
        }
        for (doc, entry) in (0..).zip(&entries) {
            assert_eq!(store.entry(doc).as_ref(), Some(entry), "doc {doc}");
            assert_eq!(store.key(doc), normalize(&entry.name));
            assert_eq!(store.is_active(doc), entry.active);
        }
        let view = store.view(1).expect("live");
        assert_eq!(view.brand, Some("president"));
        assert_eq!(view.category, Some("cremerie beurre"));
        assert_eq!(view.sku, "SKU-2");
        assert_eq!(view.barcodes, [3_017_620_422_003, 96_385_074]);
        assert_eq!(store.labels.texts.len(), 2, "labels are stored once");
        assert_eq!(store.entries().count(), 4);
    }

    #[test]
    fn replaced_and_retired_documents() {
        let mut store = DocStore::default();
        let first = entry(1, "Crème fraîche");
        store.push(&first, "creme fraiche");
        let renamed = IndexEntry {
            name: "CRÈME FRAÎCHE".into(),
            brand: Some("Elle & Vire".into()),
            variant_id: Some(Uuid::from_u128(9)),
            active: false,
            ..first.clone()
        };
        assert!(!store.same_tokens_and_codes(0, &renamed), "brand differs");
        store.replace(0, &renamed);
        assert_eq!(store.entry(0), Some(renamed.clone()));
        assert_eq!(store.key(0), "creme fraiche");
        let same_fold = IndexEntry {
            brand: Some("ELLE & VIRE".into()),
            ..renamed.clone()
        };
        assert!(store.same_tokens_and_codes(0, &same_fold));
        let other_sku = IndexEntry {
            sku: "X".into(),
            ..renamed.clone()
        };
        assert!(!store.same_tokens_and_codes(0, &other_sku));
        assert_eq!(store.retire(0), Some(renamed));
        assert_eq!(store.entry(0), None);
        assert_eq!(store.retire(0), None);
        assert!(!store.is_active(0));
        assert_eq!(
            store.key(0),
            "creme fraiche",
            "a retired name stays for binary search"
        );
        assert_eq!(store.entries().count(), 0);
    }
}
