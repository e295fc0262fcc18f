//! Exact-code maps: which documents carry a given SKU or barcode.
//!
//! A code normally belongs to one item, so the common case stores a single document id inline;
//! duplicates (two items sharing a barcode by mistake, or a reused SKU) are kept, not lost.

use std::borrow::Borrow;
use std::hash::Hash;

use super::hashing::FastMap;

/// Documents carrying one code.
#[derive(Debug, Clone)]
enum Docs {
    One(u32),
    Many(Vec<u32>),
}

/// Map from a code (SKU key or GTIN-14 value) to the documents that carry it.
#[derive(Debug, Clone)]
pub(crate) struct CodeMap<K> {
    map: FastMap<K, Docs>,
}

impl<K> Default for CodeMap<K> {
    fn default() -> Self {
        Self {
            map: FastMap::default(),
        }
    }
}

impl<K: Hash + Eq> CodeMap<K> {
    /// An empty map sized for `capacity` codes.
    pub(crate) fn with_capacity(capacity: usize) -> Self {
        Self {
            map: FastMap::with_capacity_and_hasher(capacity, Default::default()),
        }
    }

    /// Records that `doc` carries `code` (idempotent).
    pub(crate) fn add(&mut self, code: K, doc: u32) {
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
    pub(crate) fn remove<Q>(&mut self, code: &Q, doc: u32)
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        let Some(slot) = self.map.get_mut(code) else {
            return;
        };
        match slot {
            Docs::One(existing) => {
                if *existing == doc {
                    self.map.remove(code);
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
    pub(crate) fn docs<Q>(&self, code: &Q) -> &[u32]
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        match self.map.get(code) {
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
        map.add(7_u64, 1);
        map.add(7, 1);
        assert_eq!(map.docs(&7), &[1]);
        map.add(7, 2);
        map.add(7, 3);
        assert_eq!(map.docs(&7), &[1, 2, 3]);
        map.remove(&7, 2);
        assert_eq!(map.docs(&7), &[1, 3]);
        map.remove(&7, 1);
        assert_eq!(map.docs(&7), &[3]);
        map.remove(&7, 9);
        assert_eq!(map.docs(&7), &[3]);
        map.remove(&7, 3);
        assert!(map.docs(&7).is_empty());
        assert!(map.map.is_empty());
    }
}
