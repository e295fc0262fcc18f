//! Popularity: units of each item sold over the recent weeks, the last tie-breaker before the
//! name. The counts are given by the caller (the index reads no clock and no database): all at
//! once when a store's catalog is loaded, then one sale at a time as sales complete.
//!
//! Besides the count per item, every document with sales sits in one *band* per power of two
//! of its count, so that a broad query can visit its best sellers first without sorting every
//! matching document.

use roaring::RoaringBitmap;
use uuid::Uuid;

use super::CatalogIndex;
use super::hashing::FastMap;

/// Number of bands: one per bit of a `u32` count, band 0 unused (no sales).
const BANDS: usize = 33;

/// Units sold per item and the bands of their documents.
#[derive(Clone, Default)]
pub(crate) struct Popularity {
    sold: FastMap<Uuid, u32>,
    bands: Vec<RoaringBitmap>,
}

/// Band of a count: the position of its highest bit, from 1; 0 for no sales.
fn band(units: u32) -> usize {
    (u32::BITS - units.leading_zeros()) as usize
}

impl Popularity {
    /// Units sold of an item (0 when unknown).
    pub(crate) fn units(&self, item_id: Uuid) -> u32 {
        self.sold.get(&item_id).copied().unwrap_or(0)
    }

    /// Bands holding documents, best sellers first.
    pub(crate) fn bands_best_first(&self) -> impl Iterator<Item = &RoaringBitmap> {
        self.bands.iter().rev().filter(|set| !set.is_empty())
    }

    /// Puts document `doc` of `item_id` in the band of its count (a new document of the item).
    pub(crate) fn place(&mut self, item_id: Uuid, doc: u32) {
        let units = self.units(item_id);
        if units > 0 {
            self.band_mut(band(units)).insert(doc);
        }
    }

    /// Takes document `doc` of `item_id` out of its band (the document is retired).
    pub(crate) fn unplace(&mut self, item_id: Uuid, doc: u32) {
        let units = self.units(item_id);
        if units > 0 {
            self.band_mut(band(units)).remove(doc);
        }
    }

    /// Sets the count of an item whose live document is `doc` (if any).
    fn set(&mut self, item_id: Uuid, units: u32, doc: Option<u32>) {
        if let Some(doc) = doc {
            self.unplace(item_id, doc);
        }
        if units == 0 {
            self.sold.remove(&item_id);
        } else {
            self.sold.insert(item_id, units);
        }
        if let Some(doc) = doc {
            self.place(item_id, doc);
        }
    }

    fn band_mut(&mut self, band: usize) -> &mut RoaringBitmap {
        if self.bands.len() < BANDS {
            self.bands.resize(BANDS, RoaringBitmap::new());
        }
        &mut self.bands[band]
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
        let mut popularity = Popularity::default();
        for (item_id, units) in counts {
            let doc = self.by_item.get(&item_id).copied();
            popularity.set(item_id, units, doc);
        }
        self.popularity = popularity;
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
    fn bands_are_powers_of_two() {
        let cases = [
            (0, 0),
            (1, 1),
            (2, 2),
            (3, 2),
            (4, 3),
            (1000, 10),
            (u32::MAX, 32),
        ];
        for (units, expected) in cases {
            assert_eq!(band(units), expected, "{units}");
        }
    }

    #[test]
    fn counts_move_documents_between_bands() {
        let item = Uuid::from_u128(7);
        let mut popularity = Popularity::default();
        popularity.set(item, 3, Some(5));
        let docs = |p: &Popularity| -> Vec<Vec<u32>> {
            p.bands_best_first()
                .map(|set| set.iter().collect())
                .collect()
        };
        assert_eq!(docs(&popularity), [vec![5]]);
        popularity.set(item, 9, Some(5));
        assert_eq!(popularity.units(item), 9);
        assert_eq!(popularity.bands[band(9)].iter().collect::<Vec<_>>(), [5]);
        assert!(popularity.bands[band(3)].is_empty());
        popularity.unplace(item, 5);
        popularity.place(item, 6);
        assert_eq!(docs(&popularity), [vec![6]]);
        popularity.set(item, 0, Some(6));
        assert!(docs(&popularity).is_empty());
        assert_eq!(popularity.units(item), 0);
    }
}
