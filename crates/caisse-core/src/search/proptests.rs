//! Property test: after any build, upserts, removals and compactions, the index finds exactly
//! the items a brute-force scan written straight from the matching rules finds, in the tiers
//! it says, best first by the ranking it explains.

use std::collections::BTreeMap;

use proptest::prelude::*;
use uuid::Uuid;

use super::{CatalogIndex, IndexEntry, MatchKind, Ranking, SearchHit, Tuning, normalize};

/// The search rules applied to every item, one by one.
#[derive(Default)]
struct Reference {
    items: BTreeMap<Uuid, Item>,
}

/// An item with what the rules look at, worked out once.
struct Item {
    entry: IndexEntry,
    folded_name: String,
    words: Vec<String>,
    barcode_forms: Vec<String>,
}

impl Item {
    fn new(entry: IndexEntry) -> Self {
        Self {
            folded_name: normalize(&entry.name),
            words: item_words(&entry),
            barcode_forms: entry
                .barcodes
                .iter()
                .flat_map(|&b| written_forms(b))
                .collect(),
            entry,
        }
    }
}

fn folded_words(text: &str) -> Vec<String> {
    normalize(text)
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(String::from)
        .collect()
}

fn item_words(entry: &IndexEntry) -> Vec<String> {
    let mut words = folded_words(&entry.name);
    for text in [&entry.brand, &entry.category].into_iter().flatten() {
        words.extend(folded_words(text));
    }
    let sku = folded_words(&entry.sku);
    if sku.len() > 1 {
        words.push(sku.concat());
    }
    words.extend(sku);
    words
}

/// The barcode written in each GTIN form its digits fit in (zero has no significant digit).
fn written_forms(gtin: u64) -> Vec<String> {
    let digits = if gtin == 0 {
        String::new()
    } else {
        gtin.to_string()
    };
    [8, 12, 13, 14]
        .into_iter()
        .filter(|&width| digits.len() <= width)
        .map(|width| format!("{digits:0>width$}"))
        .collect()
}

impl Reference {
    fn upsert(&mut self, entry: IndexEntry) {
        self.items.insert(entry.item_id, Item::new(entry));
    }

    fn matches(item: &Item, query_words: &[String]) -> bool {
        query_words.iter().all(|q| {
            let digits = q.bytes().all(|b| b.is_ascii_digit());
            item.words.iter().any(|w| w.starts_with(q.as_str()))
                || (digits && item.barcode_forms.iter().any(|f| f.starts_with(q.as_str())))
        })
    }

    fn exact(entry: &IndexEntry, query: &str) -> bool {
        let query = query.trim();
        let sku = entry.sku.trim();
        let sku_match = !sku.is_empty() && sku.to_lowercase() == query.to_lowercase();
        let digits = (8..=14).contains(&query.len()) && query.bytes().all(|b| b.is_ascii_digit());
        let barcode_match = digits
            && query
                .parse()
                .is_ok_and(|v: u64| entry.barcodes.contains(&v));
        sku_match || barcode_match
    }

    /// The items matching the query as typed (no typo), each with its tier: exact code, name
    /// starting with the query, or other.
    fn matches_as_typed(&self, query: &str) -> BTreeMap<Uuid, MatchKind> {
        let folded = normalize(query);
        let words = folded_words(query);
        if words.is_empty() {
            return BTreeMap::new();
        }
        self.items
            .values()
            .filter(|item| item.entry.active)
            .filter_map(|item| {
                let kind = if Self::exact(&item.entry, query) {
                    MatchKind::ExactCode
                } else if !Self::matches(item, &words) {
                    return None;
                } else if item.folded_name.starts_with(&folded) {
                    MatchKind::NamePrefix
                } else {
                    MatchKind::Other
                };
                Some((item.entry.item_id, kind))
            })
            .collect()
    }

    /// Checks one answer of the index against the rules: results come best first by their
    /// explained ranking (then catalog order), each once; every match as typed is there
    /// (when the limit leaves room), in its tier, before any match with typos; and a smaller
    /// limit gives the first results of a larger one (when no group had to be cut short).
    fn check(&self, index: &CatalogIndex, query: &str, limit: usize) -> Result<(), TestCaseError> {
        let explained = index.explain(query, limit);
        let full = index.explain(query, 100);
        if full.len() < super::query::rank_budget(limit) {
            // Every group was ranked whole at either limit.
            prop_assert_eq!(&explained[..], &full[..explained.len()], "limit {}", limit);
        }
        prop_assert!(explained.len() <= limit);
        let expected = self.matches_as_typed(query);
        let mut seen = BTreeMap::new();
        let mut previous: Option<(&SearchHit, &Ranking)> = None;
        for (hit, ranking) in &full {
            prop_assert!(
                seen.insert(hit.item_id, hit.kind).is_none(),
                "twice: {:?}",
                hit
            );
            let item = &self.items[&hit.item_id];
            prop_assert!(item.entry.active);
            if let Some((before, earlier)) = previous {
                let a = (
                    earlier.key(),
                    &self.items[&before.item_id].folded_name,
                    before.item_id,
                );
                let b = (ranking.key(), &item.folded_name, hit.item_id);
                prop_assert!(
                    a < b,
                    "{:?} {:?} before {:?} {:?}",
                    before,
                    earlier,
                    hit,
                    ranking
                );
            }
            previous = Some((hit, ranking));
        }
        let as_typed: BTreeMap<Uuid, MatchKind> = full
            .iter()
            .filter(|(hit, _)| hit.kind != MatchKind::Typo)
            .map(|(hit, _)| (hit.item_id, hit.kind))
            .collect();
        if full.len() < 100 {
            prop_assert_eq!(&as_typed, &expected);
        } else {
            for (item_id, kind) in &as_typed {
                prop_assert_eq!(Some(kind), expected.get(item_id));
            }
        }
        Ok(())
    }

    fn first_active(&self, pred: impl Fn(&IndexEntry) -> bool) -> Option<Uuid> {
        self.items
            .values()
            .filter(|item| item.entry.active && pred(&item.entry))
            .min_by_key(|item| (&item.folded_name, item.entry.item_id))
            .map(|item| item.entry.item_id)
    }
}

#[derive(Debug, Clone)]
enum Op {
    Upsert(IndexEntry),
    Remove(u8),
    Compact,
}

const WORDS: &[&str] = &[
    "Crème", "creme", "Lait", "laitue", "lait", "Œuf", "oeufs", "pain", "T-shirt", "Bio", "M",
    "Rouge", "—", "007", "0012", "x", "xy", "é", "Straße", "café",
];
const BRANDS: &[&str] = &["Laiterie", "Bonne Maman", "Çà et là", "007"];
const CATEGORIES: &[&str] = &["Lait", "Épicerie", "Textile"];
const SKUS: &[&str] = &[
    "A1", "a1", "SKU-0001", "sku-0002", "B 2", "", "--", "café-3",
];
const BARCODES: &[u64] = &[
    12_345_678_905,
    3_017_620_422_003,
    96_385_074,
    3_017_620_422_010,
    12_345_678_912,
    30_176_204,
    0,
];
const QUERIES: &[&str] = &[
    "",
    " ",
    "c",
    "cr",
    "creme",
    "CRÈME",
    "l",
    "la",
    "lait",
    "lait r",
    "laitue",
    "oe",
    "oeuf",
    "œufs",
    "p",
    "pain bio",
    "t shirt",
    "t-shirt m",
    "bio",
    "m",
    "rouge",
    "x",
    "xy",
    "e",
    "strasse",
    "caf",
    "0",
    "00",
    "000",
    "0012",
    "007",
    "7",
    "1",
    "12",
    "0123",
    "1234",
    "30176",
    "301762",
    "0301762",
    "3017620422003",
    "03017620422003",
    "012345678905",
    "0012345678905",
    "12345678905",
    "96385074",
    "96",
    "000096",
    "30176204",
    "a1",
    "A1",
    "sku-0001",
    "sku 0001",
    "sku0",
    "b 2",
    "b",
    "--",
    "bonne m",
    "ca et",
    "epi",
    "tex",
    "lait crème",
    "café-3",
    "cafe 3",
    "zz",
];

fn entry_strategy() -> impl Strategy<Value = IndexEntry> {
    (
        0_u8..12,
        prop::collection::vec((prop::sample::select(WORDS), prop::bool::ANY), 1..4),
        prop::option::of(prop::sample::select(BRANDS)),
        prop::option::of(prop::sample::select(CATEGORIES)),
        prop::sample::select(SKUS),
        prop::collection::vec(prop::sample::select(BARCODES), 0..3),
        prop::bool::weighted(0.8),
    )
        .prop_map(|(n, words, brand, category, sku, barcodes, active)| {
            let name = words
                .iter()
                .map(|(word, dash)| {
                    if *dash {
                        format!("{word}-")
                    } else {
                        format!("{word} ")
                    }
                })
                .collect::<String>();
            IndexEntry {
                item_id: Uuid::from_u128(u128::from(n) + 1),
                product_id: Uuid::from_u128(u128::from(n % 4) + 100),
                variant_id: None,
                sku: sku.to_string(),
                name: name.trim().to_string(),
                brand: brand.map(String::from),
                category: category.map(String::from),
                barcodes,
                active,
            }
        })
}

fn op_strategy() -> impl Strategy<Value = Op> {
    prop_oneof![
        6 => entry_strategy().prop_map(Op::Upsert),
        2 => (0_u8..12).prop_map(Op::Remove),
        1 => Just(Op::Compact),
    ]
}

fn tuning_strategy() -> impl Strategy<Value = Tuning> {
    prop::sample::select(&[1_u64, 2, 3, 2048][..]).prop_map(|min_prefix_postings| Tuning {
        min_prefix_postings,
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn index_agrees_with_brute_force(
        initial in prop::collection::vec(entry_strategy(), 0..10),
        ops in prop::collection::vec(op_strategy(), 0..16),
        tuning in tuning_strategy(),
    ) {
        let mut index = CatalogIndex::build_tuned(initial.clone(), tuning);
        let mut reference = Reference::default();
        for entry in initial {
            reference.upsert(entry);
        }
        for op in ops {
            match op {
                Op::Upsert(entry) => {
                    reference.upsert(entry.clone());
                    index.upsert(entry);
                }
                Op::Remove(n) => {
                    let item_id = Uuid::from_u128(u128::from(n) + 1);
                    reference.items.remove(&item_id);
                    index.remove(item_id);
                }
                Op::Compact => index.compact(),
            }
        }
        prop_assert_eq!(index.len(), reference.items.len());
        for (item_id, item) in &reference.items {
            prop_assert_eq!(index.get(*item_id), Some(item.entry.clone()));
        }
        for query in QUERIES {
            for limit in [1, 2, 3] {
                reference.check(&index, query, limit)?;
            }
        }
        for &gtin in BARCODES {
            let expected = reference.first_active(|e| e.barcodes.contains(&gtin));
            prop_assert_eq!(index.lookup_barcode(gtin).map(|e| e.item_id), expected, "barcode {}", gtin);
        }
        for sku in SKUS {
            let key = sku.trim().to_lowercase();
            let expected = reference.first_active(|e| !key.is_empty() && e.sku.trim().to_lowercase() == key);
            prop_assert_eq!(index.lookup_sku(sku).map(|e| e.item_id), expected, "sku {:?}", sku);
        }
    }
}

/// The same agreement on a synthetic catalog big enough for the two-thread build and for real
/// precomputed prefixes, after a round of updates of every kind.
#[test]
fn synthetic_catalog_agrees_with_brute_force() {
    let entries = super::synthetic::synthetic_entries(12_000, 5);
    let queries = super::synthetic::synthetic_queries(&entries, 150, 6);
    let tuning = Tuning {
        min_prefix_postings: 64,
    };
    let mut index = CatalogIndex::build_tuned(entries.clone(), tuning);
    let mut reference = Reference::default();
    for entry in entries.iter().cloned() {
        reference.upsert(entry);
    }
    for (i, entry) in entries.iter().step_by(37).enumerate() {
        let mut entry = entry.clone();
        match i % 4 {
            0 => entry.name = format!("Zeste {}", entry.name),
            1 => entry.barcodes = vec![2_000_000_000_000 + i as u64],
            2 => entry.active = !entry.active,
            _ => {
                reference.items.remove(&entry.item_id);
                index.remove(entry.item_id);
                continue;
            }
        }
        reference.upsert(entry.clone());
        index.upsert(entry);
    }
    for query in &queries {
        if let Err(failure) = reference.check(&index, query, 50) {
            panic!("query {query:?}: {failure}");
        }
    }
    for entry in entries.iter().step_by(101) {
        for &gtin in &entry.barcodes {
            let expected = reference.first_active(|e| e.barcodes.contains(&gtin));
            assert_eq!(
                index.lookup_barcode(gtin).map(|e| e.item_id),
                expected,
                "{gtin}"
            );
        }
    }
}
