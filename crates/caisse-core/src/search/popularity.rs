//! Popularity: units of each item sold over the recent weeks, the last tie-breaker before the
//! name. The counts are given by the caller (the index reads no clock and no database): all at
//! once when a store's catalog is loaded, then one sale at a time as sales complete.
//!
//! Besides the count per item, the best sellers are kept in order, so that a broad query can
//! visit them first without sorting every matching document.

use uuid::Uuid;

use super::CatalogIndex;
use super::hashing::FastMap;

/// How many best sellers are kept in order.
const BEST_SELLERS: usize = 1024;

/// Units sold per item, and the best sellers in order.
#[derive(Clone, Default)]
pub(crate) struct Popularity {
    sold: FastMap<Uuid, u32>,
    /// Units sold per document id (the item's count, read in id order by broad queries).
    by_doc: Vec<u32>,
    /// The items that sold most, most first (ties by item id), at most [`BEST_SELLERS`].
    best: Vec<(u32, Uuid)>,
}

/// Sort key of a best seller: most units first, then item id.
fn rank_of(entry: &(u32, Uuid)) -> (std::cmp::Reverse<u32>, Uuid) {
    (std::cmp::Reverse(entry.0), entry.1)
}

impl Popularity {
    /// Bytes held (counts by item and by document, best sellers).
    pub(crate) fn heap_bytes(&self) -> u64 {
        super::memory::map_bytes(&self.sold)
            + (self.by_doc.capacity() * 4 + self.best.capacity() * 20) as u64
    }

    /// Units sold of an item (0 when unknown).
    pub(crate) fn units(&self, item_id: Uuid) -> u32 {
        self.sold.get(&item_id).copied().unwrap_or(0)
    }

    /// Units sold of the item of document `doc`.
    pub(crate) fn doc_units(&self, doc: u32) -> u32 {
        self.by_doc.get(doc as usize).copied().unwrap_or(0)
    }

    /// Records that `doc` is now the document of `item_id`.
    pub(crate) fn place(&mut self, item_id: Uuid, doc: u32) {
        let units = self.units(item_id);
        let slot = doc as usize;
        if units > 0 || slot < self.by_doc.len() {
            if self.by_doc.len() <= slot {
                self.by_doc.resize(slot + 1, 0);
            }
            self.by_doc[slot] = units;
        }
    }

    /// The best sellers, most sold first.
    pub(crate) fn best_sellers(&self) -> impl Iterator<Item = Uuid> + '_ {
        self.best.iter().map(|&(_, item_id)| item_id)
    }

    /// Sets the count of an item whose document is `doc`, keeping the best sellers in order.
    fn set(&mut self, item_id: Uuid, units: u32, doc: Option<u32>) {
        let old = self.units(item_id);
        if units == 0 {
            self.sold.remove(&item_id);
        } else {
            self.sold.insert(item_id, units);
        }
        if old > 0
            && let Ok(at) = self
                .best
                .binary_search_by_key(&rank_of(&(old, item_id)), rank_of)
        {
            self.best.remove(at);
        }
        if units > 0 {
            let entry = (units, item_id);
            let at = self
                .best
                .binary_search_by_key(&rank_of(&entry), rank_of)
                .unwrap_or_else(|at| at);
            if at < BEST_SELLERS {
                self.best.insert(at, entry);
                self.best.truncate(BEST_SELLERS);
            }
        }
        if let Some(doc) = doc {
            self.place(item_id, doc);
        }
    }

    /// Replaces every count; `doc_of` gives the document of an item, `docs` their number.
    fn replace(
        &mut self,
        counts: impl IntoIterator<Item = (Uuid, u32)>,
        docs: usize,
        doc_of: impl Fn(&Uuid) -> Option<u32>,
    ) {
        self.sold = counts.into_iter().filter(|&(_, units)| units > 0).collect();
        self.by_doc = vec![0; docs];
        for (item_id, &units) in &self.sold {
            if let Some(doc) = doc_of(item_id) {
                self.by_doc[doc as usize] = units;
            }
        }
        let mut best: Vec<(u32, Uuid)> = self
            .sold
            .iter()
            .map(|(&item_id, &units)| (units, item_id))
            .collect();
        if best.len() > BEST_SELLERS {
            best.select_nth_unstable_by_key(BEST_SELLERS - 1, rank_of);
            best.truncate(BEST_SELLERS);
        }
        best.sort_unstable_by_key(rank_of);
        self.best = best;
    }

    /// Every item with sales and its count.
    pub(crate) fn counts(&self) -> impl Iterator<Item = (Uuid, u32)> + '_ {
        self.sold.iter().map(|(&item_id, &units)| (item_id, units))
    }
}

impl CatalogIndex {
    /// Replaces every item's popularity: `counts` gives the units each item sold over the
    /// popularity window (28 days in the app); items not listed have sold none.
    pub fn set_units_sold(&mut self, counts: impl IntoIterator<Item = (Uuid, u32)>) {
        let by_item = &self.by_item;
        self.popularity.replace(counts, self.docs.len(), |item_id| {
            by_item.get(item_id).copied()
        });
    }

    /// Adds `units` sold of an item (a sale just completed), whether or not it is in the index.
    pub fn add_units_sold(&mut self, item_id: Uuid, units: u32) {
        if units == 0 {
            return;
        }
        let total = self.popularity.units(item_id).saturating_add(units);
        let doc = self.by_item.get(&item_id).copied();
        self.popularity.set(item_id, total, doc);
    }

    /// Units of an item sold over the popularity window, as last given.
    pub fn units_sold(&self, item_id: Uuid) -> u32 {
        self.popularity.units(item_id)
    }

    /// Every item with sales and its count, in no particular order (to carry the counts over
    /// to a rebuilt index).
    pub fn all_units_sold(&self) -> Vec<(Uuid, u32)> {
        self.popularity.counts().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn best_sellers_stay_in_order_as_counts_change() {
        let id = Uuid::from_u128;
        let mut popularity = Popularity::default();
        popularity.replace([(id(1), 5), (id(2), 9), (id(3), 0), (id(4), 5)], 0, |_| {
            None
        });
        let best = |p: &Popularity| p.best_sellers().map(|i| i.as_u128()).collect::<Vec<_>>();
        assert_eq!(best(&popularity), [2, 1, 4]);
        popularity.set(id(4), 12, Some(3));
        assert_eq!(best(&popularity), [4, 2, 1]);
        assert_eq!(popularity.doc_units(3), 12);
        popularity.set(id(3), 1, None);
        assert_eq!(best(&popularity), [4, 2, 1, 3]);
        popularity.set(id(2), 0, None);
        assert_eq!(best(&popularity), [4, 1, 3]);
        assert_eq!(popularity.units(id(2)), 0);
        assert_eq!(popularity.units(id(4)), 12);
    }

    #[test]
    fn only_the_best_sellers_are_kept_in_order() {
        let id = Uuid::from_u128;
        let mut popularity = Popularity::default();
        let many = BEST_SELLERS as u128 + 10;
        popularity.replace((1..=many).map(|n| (id(n), n as u32)), 0, |_| None);
        assert_eq!(popularity.best.len(), BEST_SELLERS);
        assert_eq!(popularity.best_sellers().next(), Some(id(many)));
        assert_eq!(popularity.best.last().map(|b| b.0), Some(11));
        // A small count stays out; a big one comes in and pushes the last one out.
        popularity.set(id(5), 6, None);
        assert!(!popularity.best_sellers().any(|i| i == id(5)));
        popularity.set(id(1), 1_000_000, None);
        assert_eq!(popularity.best_sellers().next(), Some(id(1)));
        assert_eq!(popularity.best.len(), BEST_SELLERS);
        assert_eq!(popularity.best.last().map(|b| b.0), Some(12));
    }
}
