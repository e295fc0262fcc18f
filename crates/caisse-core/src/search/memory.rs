//! Size accounting: the bytes each structure of the index holds, to see where its memory goes
//! (`caisse bench catalog` prints it). Counts are of what the structures ask the allocator
//! for (capacities, container headers), not of what the allocator rounds them up to.

use std::mem::size_of;

use roaring::RoaringBitmap;

use super::CatalogIndex;
use super::frozen::FrozenTokens;
use super::hashing::FastMap;

/// Bytes of one structure of the index, by name.
pub type MemoryReport = Vec<(&'static str, u64)>;

/// Bytes of a roaring bitmap: its container headers and their arrays or bitsets.
pub(crate) fn bitmap_bytes(set: &RoaringBitmap) -> u64 {
    let stats = set.statistics();
    // A container is a key and a store (40 bytes); array and run stores hold 2 bytes a value,
    // bitsets 8 KiB (the statistics count array capacity at 4 bytes a value).
    u64::from(stats.n_containers) * 40
        + stats.n_bytes_array_containers / 2
        + stats.n_bytes_run_containers
        + stats.n_bytes_bitset_containers
}

/// Bytes of a set of bitmaps held in a vector.
pub(crate) fn bitmaps_bytes(sets: &[RoaringBitmap]) -> u64 {
    let headers = std::mem::size_of_val(sets) as u64;
    headers + sets.iter().map(bitmap_bytes).sum::<u64>()
}

/// Bytes of a hash map's table (keys' own heap not counted).
pub(crate) fn map_bytes<K, V>(map: &FastMap<K, V>) -> u64 {
    if map.capacity() == 0 {
        return 0;
    }
    // hashbrown keeps 7/8 of its buckets usable, a power of two, and one control byte each.
    let buckets = (map.capacity() * 8 / 7).next_power_of_two();
    (buckets * (size_of::<(K, V)>() + 1)) as u64
}

impl CatalogIndex {
    /// Bytes held by each structure of the index (see the module documentation).
    pub fn memory_report(&self) -> MemoryReport {
        let mut report = MemoryReport::new();
        report.extend(self.docs.heap_parts());
        report.push(("by_item", map_bytes(&self.by_item)));
        report.push(("searchable", bitmap_bytes(&self.searchable)));
        report.push(("recent_heads", (self.recent_heads.capacity() * 16) as u64));
        frozen_report(&mut report, "words", &self.tokens.words);
        frozen_report(&mut report, "codes", &self.tokens.codes);
        report.push(("recent_tokens", self.tokens.recent.heap_bytes()));
        report.push(("skus", self.skus.heap_bytes()));
        report.push(("barcodes", self.barcodes.heap_bytes()));
        report.push(("popularity", self.popularity.heap_bytes()));
        let total = report.iter().map(|(_, bytes)| bytes).sum();
        report.push(("total", total));
        report
    }
}

fn frozen_report(report: &mut MemoryReport, name: &'static str, frozen: &FrozenTokens) {
    for (part, bytes) in frozen.heap_parts() {
        let label = match (name, part) {
            ("words", "tokens") => "words_tokens",
            ("words", "postings") => "words_postings",
            ("words", "prefixes") => "words_prefixes",
            ("codes", "tokens") => "codes_tokens",
            ("codes", "postings") => "codes_postings",
            ("codes", "prefixes") => "codes_prefixes",
            _ => "other",
        };
        report.push((label, bytes));
    }
}
