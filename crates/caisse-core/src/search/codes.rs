//! Exact-code maps: which documents carry a given barcode, or a SKU with a given hash.
//!
//! A code normally belongs to one item, so the common case stores a single document id inline;
//! duplicates (two items sharing a barcode by mistake, or a reused SKU) are kept, not lost.

use super::hashing::FastMap;

/// Documents carrying one code.
#[derive(Debug, Clone)]
enum Docs {
    One(u32),
    Many(Vec<u32>),
}

/// Map from a code (GTIN-14 value, or SKU hash) to the documents that carry it.
#[derive(Debug, Clone, Default)]
pub(crate) struct CodeMap {
    map: FastMap<u64, Docs>,
}

impl CodeMap {
    /// An empty map sized for `capacity` codes.
    pub(crate) fn with_capacity(capacity: usize) -> Self {
        Self {
            map: FastMap::with_capacity_and_hasher(capacity, Default::default()),
        }
    }

    /// Records that `doc` carries `code` (idempotent).
    pub(crate) fn add(&mut self, code: u64, doc: u32) {
        let Some(slot) = self.map.get_mut(&code) else {
            self.map.insert(code, Docs::One(doc));
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

    /// Forgets that `doc` carries `code`.
    pub(crate) fn remove(&mut self, code: u64, doc: u32) {
        let Some(slot) = self.map.get_mut(&code) else {
            return;
        };
        match slot {
            Docs::One(existing) => {
                if *existing == doc {
                    self.map.remove(&code);
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

    /// The documents carrying `code` (any state: callers filter out inactive ones).
    pub(crate) fn docs(&self, code: u64) -> &[u32] {
        match self.map.get(&code) {
            None => &[],
            Some(Docs::One(doc)) => std::slice::from_ref(doc),
            Some(Docs::Many(docs)) => docs,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_every_document_of_a_shared_code() {
        let mut map = CodeMap::with_capacity(4);
        map.add(7, 1);
        map.add(7, 1);
        assert_eq!(map.docs(7), &[1]);
        map.add(7, 2);
        map.add(7, 3);
        assert_eq!(map.docs(7), &[1, 2, 3]);
        map.remove(7, 2);
        assert_eq!(map.docs(7), &[1, 3]);
        map.remove(7, 1);
        assert_eq!(map.docs(7), &[3]);
        map.remove(7, 9);
        assert_eq!(map.docs(7), &[3]);
        map.remove(7, 3);
        assert!(map.docs(7).is_empty());
        assert!(map.map.is_empty());
    }
}
