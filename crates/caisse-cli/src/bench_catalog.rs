//! `caisse bench catalog`: builds the in-memory catalog index over a synthetic catalog and times
//! barcode/SKU lookups, typeahead searches and updates one call at a time, in-process, on one
//! thread. Two items in five have recent sales (a long tail), so ranking by popularity is paid
//! for; the typeahead mix is timed as before, and queries with one typo on their own.
//! Percentiles are in microseconds, as strings with one decimal.

use std::hint::black_box;
use std::time::Instant;

use caisse_core::search::synthetic::{SplitMix64, synthetic_entries, synthetic_queries};
use caisse_core::search::{CatalogIndex, IndexEntry, normalize};
use serde_json::{Value, json};
use uuid::Uuid;

const SEARCH_LIMIT: usize = 50;

/// How many calls of each kind a run times.
#[derive(Clone, Copy)]
struct Rounds {
    lookups: usize,
    searches: usize,
    typo_searches: usize,
    upserts: usize,
}

const ROUNDS: Rounds = Rounds {
    lookups: 20_000,
    searches: 20_000,
    typo_searches: 5_000,
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
    let typo_queries = typo_queries(&entries, rounds.typo_searches, &mut rng);
    let sales = crate::bench_search::long_tail_sales(&entries, &mut rng);
    let sales: Vec<(Uuid, u32)> = sales
        .into_iter()
        .map(|(i, units)| (entries[i].item_id, units))
        .collect();
    let lookups = sample_lookups(&entries, rounds.lookups, &mut rng);
    let updates = sample_updates(&entries, rounds.upserts, &mut rng);

    let started = Instant::now();
    let mut index = CatalogIndex::build(entries);
    let index_build_ms = started.elapsed().as_millis();
    let started = Instant::now();
    index.set_units_sold(sales);
    let popularity_load_ms = started.elapsed().as_millis();
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

    let mut typo_results = 0_usize;
    let typo_ns = time_each(&typo_queries, |query| {
        typo_results += black_box(index.search(query, SEARCH_LIMIT)).len();
    });

    let upsert_ns = time_each(updates, |entry| index.upsert(entry));
    let after_ns = time_each(&queries[..queries.len() / 4], |query| {
        black_box(index.search(query, SEARCH_LIMIT));
    });

    let rss_end_mb = rss_mb("VmRSS:");
    // Counted last, so that walking every structure disturbs no timing.
    let index_bytes: serde_json::Map<String, Value> = index
        .memory_report()
        .into_iter()
        .map(|(part, bytes)| (part.to_string(), json!(bytes)))
        .collect();
    json!({
        "products": products,
        "seed": seed,
        "cpus": std::thread::available_parallelism().map_or(0, |n| n.get()),
        "generate_ms": generate_ms,
        "index_build_ms": index_build_ms,
        "popularity_load_ms": popularity_load_ms,
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
        "typo_searches": typo_ns.len(),
        "typo_search_results_total": typo_results,
        "typo_search_p50_us": percentile_us(&typo_ns, 500),
        "typo_search_p99_us": percentile_us(&typo_ns, 990),
        "typo_search_max_us": percentile_us(&typo_ns, 1000),
        "upserts": upsert_ns.len(),
        "upsert_p50_us": percentile_us(&upsert_ns, 500),
        "upsert_p99_us": percentile_us(&upsert_ns, 990),
        "search_after_upserts_p99_us": percentile_us(&after_ns, 990),
        "rss_after_build_mb": rss_after_build_mb,
        "index_bytes": index_bytes,
        "rss_mb": rss_end_mb,
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

/// Queries of the first words of random names with one typo (see `caisse bench search`).
fn typo_queries(entries: &[IndexEntry], count: usize, rng: &mut SplitMix64) -> Vec<String> {
    let mut queries = Vec::with_capacity(count);
    let mut tries = 0;
    while queries.len() < count && tries < count * 20 && !entries.is_empty() {
        tries += 1;
        let name = normalize(&rng.pick(entries).name);
        queries.extend(crate::bench_search::one_typo(&name, rng));
    }
    queries
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
            typo_searches: 100,
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
            "typo_search_p99_us",
        ] {
            assert!(report.get(field).is_some(), "missing {field}");
        }
        assert_eq!(report["products"], 2_000);
        assert_eq!(report["searches"], 200);
        assert_eq!(report["typo_searches"], 100);
        assert!(
            report["typo_search_results_total"]
                .as_u64()
                .is_some_and(|found| found > 100)
        );
        assert!(
            report["lookup_found"]
                .as_u64()
                .is_some_and(|found| found > 150)
        );
    }
}
