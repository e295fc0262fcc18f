//! `caisse bench catalog`: builds the in-memory catalog index over a synthetic catalog and times
//! barcode/SKU lookups, typeahead searches and updates one call at a time, in-process, on one
//! thread. Percentiles are in microseconds, as strings with one decimal.

use std::hint::black_box;
use std::time::Instant;

use caisse_core::search::synthetic::{SplitMix64, synthetic_entries, synthetic_queries};
use caisse_core::search::{CatalogIndex, IndexEntry};
use serde_json::{Value, json};
use uuid::Uuid;

const SEARCH_LIMIT: usize = 50;

/// How many calls of each kind a run times.
#[derive(Clone, Copy)]
struct Rounds {
    lookups: usize,
    searches: usize,
    upserts: usize,
}

const ROUNDS: Rounds = Rounds {
    lookups: 20_000,
    searches: 20_000,
    upserts: 5_000,
};

enum Lookup {
    Barcode(u64),
    Sku(String),
}

/// Runs the catalog benchmark over `products` synthetic items and returns the measurements.
pub fn run(products: usize, seed: u64) -> Value {
    measure(products, seed, ROUNDS)
}

fn measure(products: usize, seed: u64, rounds: Rounds) -> Value {
    let started = Instant::now();
    let entries = synthetic_entries(products, seed);
    let generate_ms = started.elapsed().as_millis();
    let queries = synthetic_queries(&entries, rounds.searches, seed ^ 0x5EED_5EED);
    let mut rng = SplitMix64::new(seed.wrapping_add(1));
    let lookups = sample_lookups(&entries, rounds.lookups, &mut rng);
    let updates = sample_updates(&entries, rounds.upserts, &mut rng);

    let started = Instant::now();
    let mut index = CatalogIndex::build(entries);
    let index_build_ms = started.elapsed().as_millis();
    let rss_after_build_mb = rss_mb("VmRSS:");

    let mut found = 0_usize;
    let lookup_ns = time_each(&lookups, |lookup| {
        let hit = match lookup {
            Lookup::Barcode(gtin) => index.lookup_barcode(*gtin),
            Lookup::Sku(sku) => index.lookup_sku(sku),
        };
        found += usize::from(black_box(hit).is_some());
    });

    let mut results = 0_usize;
    let search_ns = time_each(&queries, |query| {
        results += black_box(index.search(query, SEARCH_LIMIT)).len();
    });

    let upsert_ns = time_each(updates, |entry| index.upsert(entry));
    let after_ns = time_each(&queries[..queries.len() / 4], |query| {
        black_box(index.search(query, SEARCH_LIMIT));
    });

    json!({
        "products": products,
        "seed": seed,
        "cpus": std::thread::available_parallelism().map_or(0, |n| n.get()),
        "generate_ms": generate_ms,
        "index_build_ms": index_build_ms,
        "lookups": lookup_ns.len(),
        "lookup_found": found,
        "lookup_p50_us": percentile_us(&lookup_ns, 500),
        "lookup_p99_us": percentile_us(&lookup_ns, 990),
        "lookup_max_us": percentile_us(&lookup_ns, 1000),
        "searches": search_ns.len(),
        "search_results_total": results,
        "search_p50_us": percentile_us(&search_ns, 500),
        "search_p95_us": percentile_us(&search_ns, 950),
        "search_p99_us": percentile_us(&search_ns, 990),
        "search_max_us": percentile_us(&search_ns, 1000),
        "upserts": upsert_ns.len(),
        "upsert_p50_us": percentile_us(&upsert_ns, 500),
        "upsert_p99_us": percentile_us(&upsert_ns, 990),
        "search_after_upserts_p99_us": percentile_us(&after_ns, 990),
        "rss_after_build_mb": rss_after_build_mb,
        "rss_mb": rss_mb("VmRSS:"),
        "rss_peak_mb": rss_mb("VmHWM:"),
    })
}

/// Four barcode scans for one typed SKU, over random items (some inactive, hence not found).
fn sample_lookups(entries: &[IndexEntry], count: usize, rng: &mut SplitMix64) -> Vec<Lookup> {
    if entries.is_empty() {
        return Vec::new();
    }
    (0..count)
        .map(|i| {
            let entry = rng.pick(entries);
            match entry.barcodes.first() {
                Some(&gtin) if i % 5 != 4 => Lookup::Barcode(gtin),
                _ => Lookup::Sku(entry.sku.to_lowercase()),
            }
        })
        .collect()
}

/// A mix of catalog changes: renames, new barcodes, (de)activations and new items.
fn sample_updates(entries: &[IndexEntry], count: usize, rng: &mut SplitMix64) -> Vec<IndexEntry> {
    if entries.is_empty() {
        return Vec::new();
    }
    (0..count)
        .map(|i| {
            let mut entry = rng.pick(entries).clone();
            match i % 4 {
                0 => entry.name = format!("{} édition {i}", entry.name),
                1 => entry.barcodes = vec![2_000_000_000_000 + i as u64],
                2 => entry.active = !entry.active,
                _ => {
                    entry.item_id = Uuid::from_u64_pair(rng.next_u64(), rng.next_u64());
                    entry.variant_id = None;
                    entry.sku = format!("NEW-{i:07}");
                    entry.barcodes = vec![2_100_000_000_000 + i as u64];
                }
            }
            entry
        })
        .collect()
}

/// Runs `f` on each input and returns the sorted durations in nanoseconds.
fn time_each<T>(inputs: impl IntoIterator<Item = T>, mut f: impl FnMut(T)) -> Vec<u64> {
    let mut durations: Vec<u64> = inputs
        .into_iter()
        .map(|input| {
            let started = Instant::now();
            f(input);
            u64::try_from(started.elapsed().as_nanos()).unwrap_or(u64::MAX)
        })
        .collect();
    durations.sort_unstable();
    durations
}

/// Nearest-rank percentile (`per_mille` of 1000) of sorted nanoseconds, in microseconds with
/// one decimal.
fn percentile_us(sorted_ns: &[u64], per_mille: usize) -> String {
    if sorted_ns.is_empty() {
        return "0.0".to_string();
    }
    let rank = (sorted_ns.len() * per_mille).div_ceil(1000).max(1);
    let tenths = (sorted_ns[rank - 1] + 50) / 100;
    format!("{}.{}", tenths / 10, tenths % 10)
}

/// A memory figure of this process from /proc/self/status, in MiB (0 if unavailable).
fn rss_mb(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix(field))
        .and_then(|rest| {
            rest.trim()
                .trim_end_matches("kB")
                .trim()
                .parse::<u64>()
                .ok()
        })
        .map_or(0, |kib| kib / 1024)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_use_nearest_rank() {
        let ns: Vec<u64> = (1..=100).map(|i| i * 1_000).collect();
        let cases = [(500, "50.0"), (990, "99.0"), (1000, "100.0"), (0, "1.0")];
        for (per_mille, expected) in cases {
            assert_eq!(
                percentile_us(&ns, per_mille),
                expected,
                "per mille {per_mille}"
            );
        }
        assert_eq!(percentile_us(&[1_249], 500), "1.2");
        assert_eq!(percentile_us(&[], 500), "0.0");
    }

    #[test]
    fn small_run_reports_every_field() {
        let rounds = Rounds {
            lookups: 200,
            searches: 200,
            upserts: 50,
        };
        let report = measure(2_000, 3, rounds);
        for field in [
            "products",
            "lookup_p50_us",
            "lookup_p99_us",
            "search_p50_us",
            "search_p99_us",
            "index_build_ms",
            "rss_mb",
            "upsert_p99_us",
        ] {
            assert!(report.get(field).is_some(), "missing {field}");
        }
        assert_eq!(report["products"], 2_000);
        assert_eq!(report["searches"], 200);
        assert!(
            report["lookup_found"]
                .as_u64()
                .is_some_and(|found| found > 150)
        );
    }
}
