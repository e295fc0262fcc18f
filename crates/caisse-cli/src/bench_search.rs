//! `caisse bench search`: how often typeahead search puts the right item on top, on a
//! synthetic catalog where the right answer of every query is known.
//!
//! Items get recent sales on a long tail (two active items in five sold something, a few sold a
//! lot), and every query is made from one item that sold, picked in proportion to its sales: a
//! cashier looks for what is being bought, as often as it is bought. The same figures are also
//! given with the item picked uniformly among those that sold (fields starting `uniform_`): a
//! harder test, where a query names one of many look-alike items that each sold little.
//! Three kinds of query are made from its name: the whole name as written (exact), the first
//! words with one typo in a word of five letters or more (one edit: a letter wrong, missing,
//! added, or two neighbouring letters swapped; the word keeps five letters or more, as the rule
//! needs), and the first three letters of two of its
//! words in order (`cho san`). A result is right when it is the item, or an item whose name is
//! the very same once folded (nothing in the query can tell those apart).

#![expect(
    clippy::float_arithmetic,
    reason = "recall and MRR are ratios of counts in a benchmark report, not money"
)]

use std::time::Instant;

use caisse_core::search::synthetic::{SplitMix64, synthetic_entries};
use caisse_core::search::{CatalogIndex, IndexEntry, normalize};
use serde_json::{Value, json};

/// Results looked at per query.
const TOP: usize = 10;

/// Runs the quality benchmark over `products` synthetic items with `queries` queries of each
/// kind and returns the measurements.
pub fn run(products: usize, queries: usize, seed: u64) -> Value {
    let entries = synthetic_entries(products, seed);
    let mut rng = SplitMix64::new(seed ^ 0x00C0_FFEE);
    let sales = long_tail_sales(&entries, &mut rng);
    let mut index = CatalogIndex::build(entries.clone());
    index.set_units_sold(sales.iter().map(|&(i, units)| (entries[i].item_id, units)));
    let mut report = json!({
        "products": products,
        "seed": seed,
        "queries_per_kind": queries,
    });
    let kinds: [(&str, QueryMaker); 3] = [
        ("exact_name", exact_name),
        ("one_typo", one_typo),
        ("two_prefixes", two_prefixes),
    ];
    for (mode, by_sales) in [("", true), ("uniform_", false)] {
        let targets = Targets::new(&sales, by_sales);
        let mut reciprocal_total = 0.0;
        let mut asked_total = 0;
        for (kind, make) in kinds {
            let mut score = score(&index, &entries, &targets, queries, &mut rng, make);
            report[format!("{mode}{kind}_recall_at_1")] = json!(round(score.found_at(1)));
            report[format!("{mode}{kind}_recall_at_10")] = json!(round(score.found_at(TOP)));
            report[format!("{mode}{kind}_mrr")] = json!(round(score.mrr()));
            if by_sales {
                report[format!("{kind}_p99_us")] = json!(score.p99_us());
            }
            reciprocal_total += score.reciprocal;
            asked_total += score.asked;
        }
        report[format!("{mode}mrr")] = json!(round(reciprocal_total / asked_total.max(1) as f64));
    }
    report
}

/// Items that sold, to pick query targets from: in proportion to units sold, or uniformly.
struct Targets {
    items: Vec<usize>,
    /// Units sold up to and including each item (empty when picking uniformly).
    cumulative: Vec<u64>,
}

impl Targets {
    fn new(sales: &[(usize, u32)], by_sales: bool) -> Self {
        let items = sales.iter().map(|&(i, _)| i).collect();
        let cumulative = if by_sales {
            sales
                .iter()
                .scan(0_u64, |total, &(_, units)| {
                    *total += u64::from(units);
                    Some(*total)
                })
                .collect()
        } else {
            Vec::new()
        };
        Self { items, cumulative }
    }

    fn pick(&self, rng: &mut SplitMix64) -> usize {
        match self.cumulative.last() {
            Some(&total) => {
                let unit = rng.next_u64() % total;
                self.items[self.cumulative.partition_point(|&c| c <= unit)]
            }
            None => *rng.pick(&self.items),
        }
    }
}

/// Makes one query from a folded name (`None` if the name does not allow this kind).
type QueryMaker = fn(&str, &mut SplitMix64) -> Option<String>;

/// Sales over the window: two active items in five sold something, on a long tail.
pub(crate) fn long_tail_sales(entries: &[IndexEntry], rng: &mut SplitMix64) -> Vec<(usize, u32)> {
    let mut order: Vec<usize> = (0..entries.len()).filter(|&i| entries[i].active).collect();
    for i in (1..order.len()).rev() {
        order.swap(i, rng.below(i + 1));
    }
    let sold = order.len() * 2 / 5;
    order
        .into_iter()
        .take(sold)
        .enumerate()
        .map(|(rank, i)| (i, (20_000 / (rank as u32 + 10)).max(1)))
        .collect()
}

/// Right answers found for one kind of query.
#[derive(Default)]
struct Score {
    asked: usize,
    /// Queries whose first right answer came at each rank (1-based), up to [`TOP`].
    at_rank: [usize; TOP + 1],
    reciprocal: f64,
    nanos: Vec<u64>,
}

impl Score {
    fn found_at(&self, k: usize) -> f64 {
        let found: usize = self.at_rank[1..=k].iter().sum();
        found as f64 / self.asked.max(1) as f64
    }

    fn mrr(&self) -> f64 {
        self.reciprocal / self.asked.max(1) as f64
    }

    fn p99_us(&mut self) -> String {
        self.nanos.sort_unstable();
        let Some(last) = self.nanos.len().checked_sub(1) else {
            return "0.0".into();
        };
        let at = (self.nanos.len() * 99)
            .div_ceil(100)
            .saturating_sub(1)
            .min(last);
        format!("{:.1}", self.nanos[at] as f64 / 1000.0)
    }
}

fn score(
    index: &CatalogIndex,
    entries: &[IndexEntry],
    targets: &Targets,
    queries: usize,
    rng: &mut SplitMix64,
    make: QueryMaker,
) -> Score {
    let mut score = Score::default();
    let mut tries = 0;
    while score.asked < queries && tries < queries * 20 {
        tries += 1;
        let target = &entries[targets.pick(rng)];
        let name = normalize(&target.name);
        let Some(query) = make(&name, rng) else {
            continue;
        };
        let started = Instant::now();
        let hits = index.search(&query, TOP);
        score.nanos.push(started.elapsed().as_nanos() as u64);
        score.asked += 1;
        let right = hits.iter().position(|hit| {
            hit.item_id == target.item_id
                || index
                    .get(hit.item_id)
                    .is_some_and(|e| normalize(&e.name) == name)
        });
        if let Some(position) = right {
            score.at_rank[position + 1] += 1;
            score.reciprocal += 1.0 / (position + 1) as f64;
        }
    }
    score
}

fn words(name: &str) -> Vec<&str> {
    name.split(' ').filter(|w| !w.is_empty()).collect()
}

fn is_letters(word: &str) -> bool {
    word.chars().all(char::is_alphabetic)
}

/// The whole name as written.
fn exact_name(name: &str, _: &mut SplitMix64) -> Option<String> {
    Some(name.to_string())
}

/// The first three words (or fewer), with one edit in one of those of five letters or more.
pub(crate) fn one_typo(name: &str, rng: &mut SplitMix64) -> Option<String> {
    let mut first: Vec<String> = words(name).into_iter().take(3).map(String::from).collect();
    let long: Vec<usize> = (0..first.len())
        .filter(|&i| first[i].chars().count() >= 5 && is_letters(&first[i]))
        .collect();
    if long.is_empty() {
        return None;
    }
    let at = *rng.pick(&long);
    let typed = (0..8)
        .map(|_| with_one_edit(&first[at], rng))
        .find(|typed| *typed != first[at])?;
    first[at] = typed;
    Some(first.join(" "))
}

/// `word` with one edit at a random place (never the first letter, which cashiers rarely miss).
/// The word keeps five letters or more, so that the rule allows its typo.
fn with_one_edit(word: &str, rng: &mut SplitMix64) -> String {
    let mut chars: Vec<char> = word.chars().collect();
    let at = 1 + rng.below(chars.len() - 1);
    let letter = char::from(b'a' + rng.below(26) as u8);
    match rng.below(4) {
        0 => chars[at] = letter,
        1 if chars.len() > 5 => {
            chars.remove(at);
        }
        1 => chars[at] = letter,
        2 => chars.insert(at, letter),
        _ if at + 1 < chars.len() => chars.swap(at, at + 1),
        _ => chars.swap(at - 1, at),
    }
    chars.into_iter().collect()
}

/// The first three letters of two words of the name (of three letters or more), in order.
fn two_prefixes(name: &str, rng: &mut SplitMix64) -> Option<String> {
    let long: Vec<&str> = words(name)
        .into_iter()
        .filter(|w| w.chars().count() >= 3 && is_letters(w))
        .collect();
    if long.len() < 2 {
        return None;
    }
    let first = rng.below(long.len() - 1);
    let second = first + 1 + rng.below(long.len() - first - 1);
    let prefix = |w: &str| w.chars().take(3).collect::<String>();
    Some(format!("{} {}", prefix(long[first]), prefix(long[second])))
}

fn round(value: f64) -> f64 {
    (value * 10_000.0).round() / 10_000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_are_made_as_described() {
        let mut rng = SplitMix64::new(1);
        for _ in 0..200 {
            let typo = one_typo("chocolat noir intense 100 g", &mut rng).expect("long words");
            let typed = words(&typo);
            assert_eq!(typed.len(), 3, "{typo}");
            let changed: Vec<(&str, &str)> = typed
                .iter()
                .copied()
                .zip(["chocolat", "noir", "intense"])
                .filter(|(a, b)| a != b)
                .collect();
            assert_eq!(changed.len(), 1, "{typo}");
            assert_ne!(changed[0].1, "noir", "four letters allow no typo: {typo}");
            let prefixes = two_prefixes("pain de mie complet", &mut rng).expect("two words");
            assert!(
                ["pai mie", "pai com", "mie com"].contains(&prefixes.as_str()),
                "{prefixes}"
            );
        }
        assert_eq!(one_typo("lait x6", &mut rng), None);
        assert_eq!(two_prefixes("lait x6", &mut rng), None);
    }

    #[test]
    fn small_run_meets_the_targets() {
        let report = run(3_000, 200, 7);
        for field in [
            "exact_name_recall_at_1",
            "one_typo_recall_at_10",
            "two_prefixes_recall_at_10",
            "mrr",
            "uniform_one_typo_recall_at_10",
            "uniform_mrr",
        ] {
            assert!(report.get(field).is_some(), "missing {field}");
        }
        let at = |field: &str| report[field].as_f64().unwrap_or(0.0);
        assert!(at("exact_name_recall_at_1") >= 0.99, "{report}");
        assert!(at("one_typo_recall_at_10") >= 0.95, "{report}");
        assert!(at("two_prefixes_recall_at_10") >= 0.90, "{report}");
    }
}
