//! Exact-code lookup: which documents carry a given barcode, or a SKU with a given hash.
//!
//! Documents of the last build are in a sorted vector (built without a single hash insert and
//! searched by binary search); documents written since are in a hash map. A frozen document
//! never changes its codes (a changed item gets a new document), so frozen pairs are never
//! removed: callers drop documents that are no longer searchable. Duplicates (two items sharing
//! a barcode by mistake, or a reused SKU) are kept, not lost.

use super::hashing::FastMap;

/// Documents carrying one code in the recent map.
#[derive(Debug, Clone)]
enum Docs {
    One(u32),
    Many(Vec<u32>),
}

/// Code (GTIN-14 value, or SKU hash) -> documents carrying it.
#[derive(Debug, Clone, Default)]
pub(crate) struct CodeIndex {
    /// Codes of the frozen documents, sorted, and the document of each (two vectors rather than
    /// one of pairs: a pair would be padded to 16 bytes).
    frozen_codes: Vec<u64>,
    frozen_docs: Vec<u32>,
    recent: FastMap<u64, Docs>,
}

impl CodeIndex {
    /// An index of frozen documents from `(code, doc)` pairs in any order.
    pub(crate) fn frozen(mut pairs: Vec<(u64, u32)>) -> Self {
        pairs.sort_unstable();
        pairs.dedup();
        Self {
            frozen_codes: pairs.iter().map(|&(code, _)| code).collect(),
            frozen_docs: pairs.iter().map(|&(_, doc)| doc).collect(),
            recent: FastMap::default(),
        }
    }

    /// Bytes held (the frozen pairs and the recent map's table).
    pub(crate) fn heap_bytes(&self) -> u64 {
        (self.frozen_codes.capacity() * 8 + self.frozen_docs.capacity() * 4) as u64
            + super::memory::map_bytes(&self.recent)
    }

    /// Records that the recent document `doc` carries `code` (idempotent).
    pub(crate) fn add(&mut self, code: u64, doc: u32) {
        let Some(slot) = self.recent.get_mut(&code) else {
            self.recent.insert(code, Docs::One(doc));
            return;
        };
        match slot {
            Docs::One(existing) => {
                let existing = *existing;
                if existing != doc {
                    *slot = Docs::Many(vec![existing, doc]);
                }
            }
            Docs::Many(docs) => {
                if !docs.contains(&doc) {
                    docs.push(doc);
                }
            }
        }
    }

    /// Forgets that the recent document `doc` carries `code` (frozen pairs stay).
    pub(crate) fn remove(&mut self, code: u64, doc: u32) {
        let Some(slot) = self.recent.get_mut(&code) else {
            return;
        };
        match slot {
            Docs::One(existing) => {
                if *existing == doc {
                    self.recent.remove(&code);
                }
            }
            Docs::Many(docs) => {
                docs.retain(|&d| d != doc);
                if let [only] = docs.as_slice() {
                    *slot = Docs::One(*only);
                }
            }
        }
    }

    /// The documents carrying `code`, live or not.
    pub(crate) fn docs(&self, code: u64) -> impl Iterator<Item = u32> + '_ {
        let start = self.frozen_codes.partition_point(|&c| c < code);
        let end = start + self.frozen_codes[start..].partition_point(|&c| c == code);
        let frozen = self.frozen_docs[start..end].iter().copied();
        let recent = match self.recent.get(&code) {
            None => &[][..],
            Some(Docs::One(doc)) => std::slice::from_ref(doc),
            Some(Docs::Many(docs)) => docs,
        };
        frozen.chain(recent.iter().copied())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_every_document_of_a_shared_code() {
        let mut index = CodeIndex::frozen(vec![(7, 4), (3, 1), (7, 0), (7, 4)]);
        let docs = |index: &CodeIndex, code| index.docs(code).collect::<Vec<u32>>();
        assert_eq!(docs(&index, 7), [0, 4]);
        assert_eq!(docs(&index, 3), [1]);
        assert!(docs(&index, 5).is_empty());
        index.add(7, 9);
        index.add(7, 9);
        assert_eq!(docs(&index, 7), [0, 4, 9]);
        index.add(7, 10);
        index.add(7, 11);
        index.remove(7, 10);
        assert_eq!(docs(&index, 7), [0, 4, 9, 11]);
        index.remove(7, 9);
        index.remove(7, 4);
        assert_eq!(docs(&index, 7), [0, 4, 11]);
        index.remove(7, 11);
        assert_eq!(docs(&index, 7), [0, 4]);
        assert!(index.recent.is_empty());
        index.add(5, 12);
        index.remove(5, 13);
        assert_eq!(docs(&index, 5), [12]);
    }
}
