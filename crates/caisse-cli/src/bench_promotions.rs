//! `caisse bench promotions`: the promotions engine on a 50-line basket against 1,000 active
//! promotions, in-process.
//!
//! A catalog-like world is generated from a seed: items in two-level categories (30 families
//! of 8), 100 brands, and promotions of every kind with mixed targets (items, categories,
//! brands, everything), stacking modes, priorities, happy hours and date ranges (some closed
//! at the time of the basket), tiers and coupon codes. The promotion set is compiled once
//! (as a server would keep it); then varied baskets are evaluated one by one, each at its own
//! time of day and date, some with a customer tier, some with a coupon code entered, and every
//! evaluation is timed on its own.

use std::time::Instant;

use caisse_core::money::{Currency, Money, Quantity, Rounding};
use caisse_core::promotions::{
    BasketLine, Benefit, BundleComponent, Context, CouponRule, CouponUses, Customer, EnteredCoupon,
    Hours, LocalNow, Percent, Promotion, PromotionKind, PromotionSet, QuantityTier, Schedule,
    Selector, Stacking, Target, ThresholdBenefit, TimeOfDay,
};
use caisse_core::search::synthetic::SplitMix64;
use jiff::civil::date;
use serde_json::{Value, json};
use uuid::Uuid;

/// What to run.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Active promotions.
    pub promotions: usize,
    /// Lines per basket.
    pub lines: usize,
    /// Timed evaluations (each on its own basket).
    pub evaluations: usize,
    /// Items in the catalog.
    pub items: usize,
    /// Random seed.
    pub seed: u64,
    /// The search budget per basket (the engine's default when `None`).
    pub budget: Option<u32>,
}

const FAMILIES: u64 = 30;
const SUBS: u64 = 8;
const BRANDS: u64 = 100;
const CODES: u64 = 40;

fn item_id(i: u64) -> Uuid {
    Uuid::from_u128(0x1000_0000_0000 + u128::from(i))
}

fn category_id(c: u64) -> Uuid {
    Uuid::from_u128(0x2000_0000_0000 + u128::from(c))
}

fn brand_name(b: u64) -> String {
    format!("Brand {b:03}")
}

/// An item's category path (family, then sub-category) and brand.
fn facts(item: u64) -> (Vec<Uuid>, Option<String>) {
    let mixed = item.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 16;
    let family = mixed % FAMILIES;
    let sub = FAMILIES + family * SUBS + (mixed / FAMILIES) % SUBS;
    let brand = (!item.is_multiple_of(7)).then(|| brand_name((mixed / 977) % BRANDS));
    (vec![category_id(family), category_id(sub)], brand)
}

fn price_of(item: u64) -> i64 {
    // 0.50 to 40.49, the same for an item every time.
    50 + i64::try_from((item.wrapping_mul(2_654_435_761) >> 7) % 4_000).unwrap_or(0)
}

fn eur(minor: i64) -> Money {
    Money::new(minor, Currency::EUR)
}

fn percent(rng: &mut SplitMix64, low: u32, high: u32) -> Percent {
    let p = low + u32::try_from(rng.below(usize::try_from(high - low).unwrap_or(1))).unwrap_or(0);
    Percent::from_units(p * 10_000).unwrap_or(Percent::FULL)
}

fn target(rng: &mut SplitMix64, items: u64) -> Target {
    let pick = rng.below(100);
    let selectors = if pick < 55 {
        (0..1 + rng.below(5))
            .map(|_| Selector::Item {
                id: item_id(rng.next_u64() % items),
            })
            .collect()
    } else if pick < 75 {
        vec![Selector::Category {
            id: category_id(FAMILIES + rng.next_u64() % (FAMILIES * SUBS)),
        }]
    } else if pick < 83 {
        vec![Selector::Category {
            id: category_id(rng.next_u64() % FAMILIES),
        }]
    } else {
        vec![Selector::Brand {
            name: brand_name(rng.next_u64() % BRANDS),
        }]
    };
    Target(selectors)
}

fn benefit(rng: &mut SplitMix64) -> Benefit {
    match rng.below(3) {
        0 => Benefit::AmountOff(eur(10 + i64::try_from(rng.below(300)).unwrap_or(0))),
        1 => Benefit::UnitPrice(eur(50 + i64::try_from(rng.below(1_500)).unwrap_or(0))),
        _ => Benefit::Percent(percent(rng, 5, 50)),
    }
}

fn kind(rng: &mut SplitMix64, items: u64) -> PromotionKind {
    let pick = rng.below(100);
    if pick < 45 {
        PromotionKind::ItemDiscount {
            target: target(rng, items),
            benefit: benefit(rng),
        }
    } else if pick < 60 {
        PromotionKind::BuyXGetY {
            target: target(rng, items),
            buy: 1 + u32::try_from(rng.below(3)).unwrap_or(0),
            get: 1,
            percent: if rng.percent(70) {
                Percent::FULL
            } else {
                percent(rng, 20, 60)
            },
        }
    } else if pick < 70 {
        PromotionKind::MixAndMatch {
            target: target(rng, items),
            count: 2 + u32::try_from(rng.below(3)).unwrap_or(0),
            price: eur(300 + i64::try_from(rng.below(3_000)).unwrap_or(0)),
        }
    } else if pick < 75 {
        PromotionKind::Bundle {
            components: (0..2 + rng.below(2))
                .map(|_| BundleComponent {
                    target: target(rng, items),
                    quantity: 1,
                })
                .collect(),
            price: eur(500 + i64::try_from(rng.below(4_000)).unwrap_or(0)),
        }
    } else if pick < 92 {
        PromotionKind::QuantityTiers {
            target: target(rng, items),
            tiers: vec![
                QuantityTier {
                    min_quantity: Quantity::from_milli(2_000),
                    benefit: Benefit::Percent(percent(rng, 3, 10)),
                },
                QuantityTier {
                    min_quantity: Quantity::from_milli(4_000),
                    benefit: Benefit::Percent(percent(rng, 10, 25)),
                },
            ],
        }
    } else {
        let all = rng.percent(50);
        PromotionKind::SpendThreshold {
            target: if all {
                Target::all()
            } else {
                target(rng, items)
            },
            min_spend: eur(2_000 + i64::try_from(rng.below(20_000)).unwrap_or(0)),
            benefit: if rng.percent(50) {
                ThresholdBenefit::AmountOff(eur(200 + i64::try_from(rng.below(1_500)).unwrap_or(0)))
            } else {
                ThresholdBenefit::Percent(percent(rng, 5, 15))
            },
        }
    }
}

fn time(hour: u64, minute: u64) -> TimeOfDay {
    TimeOfDay::new(
        u8::try_from(hour % 24).unwrap_or(0),
        u8::try_from(minute % 60).unwrap_or(0),
    )
    .unwrap_or(TimeOfDay::MIDNIGHT)
}

/// The shop's active promotions.
pub fn promotions(n: usize, items: u64, seed: u64) -> Vec<Promotion> {
    let mut rng = SplitMix64::new(seed);
    (0..n)
        .map(|i| {
            let mut schedule = Schedule::default();
            if rng.percent(20) {
                // Happy hours, some across midnight.
                let start = 8 + rng.next_u64() % 16;
                schedule.hours = Some(Hours {
                    start: time(start, 0),
                    end: time(start + 2 + rng.next_u64() % 4, 30),
                });
            }
            if rng.percent(15) {
                let from = 1 + i8::try_from(rng.below(20)).unwrap_or(0);
                schedule.from = Some(date(2026, 12, from));
                schedule.until = Some(date(2026, 12, from + 10));
            }
            let stacking = match rng.below(100) {
                0..50 => Stacking::Exclusive,
                50..85 => Stacking::Stackable,
                _ => Stacking::WithCouponsOnly,
            };
            Promotion {
                id: Uuid::from_u128(0x3000_0000_0000 + i as u128),
                name: format!("Promotion {i}"),
                priority: i32::try_from(rng.below(10)).unwrap_or(0),
                stacking,
                kind: kind(&mut rng, items),
                schedule,
                tiers: if rng.percent(10) {
                    vec!["gold".into()]
                } else {
                    Vec::new()
                },
                coupon: rng.percent(8).then(|| CouponRule {
                    code: format!("CODE{}", rng.next_u64() % CODES),
                    uses: CouponUses::MultiUse { max_uses: None },
                }),
            }
        })
        .collect()
}

/// A basket of `lines` lines, and its moment, customer and codes.
fn basket(
    rng: &mut SplitMix64,
    lines: usize,
    items: u64,
    budget: Option<u32>,
) -> (Vec<BasketLine>, Context) {
    let basket = (0..lines)
        .map(|i| {
            let item = rng.next_u64() % items;
            let (category_path, brand) = facts(item);
            let weighed = rng.percent(5);
            let milli = if weighed {
                200 + i64::try_from(rng.below(2_000)).unwrap_or(0)
            } else if rng.percent(80) {
                1000
            } else {
                1000 * (2 + i64::try_from(rng.below(4)).unwrap_or(0))
            };
            BasketLine {
                line: u32::try_from(i + 1).unwrap_or(u32::MAX),
                item_id: Some(item_id(item)),
                category_path,
                brand,
                unit_price: eur(price_of(item)),
                quantity: Quantity::from_milli(milli),
                weighed,
                excluded: rng.percent(2),
            }
        })
        .collect();
    let customer = rng.percent(40).then(|| Customer {
        id: Uuid::from_u128(0x4000_0000_0000 + u128::from(rng.next_u64() % 1_000)),
        tier: rng.percent(50).then(|| "gold".to_owned()),
    });
    let coupons = if rng.percent(15) {
        vec![EnteredCoupon {
            code: format!("code{}", rng.next_u64() % CODES),
            used_total: 0,
            used_by_customer: 0,
        }]
    } else {
        Vec::new()
    };
    let day = 1 + i8::try_from(rng.below(31)).unwrap_or(0);
    let ctx = Context {
        now: LocalNow {
            date: date(2026, 12, day),
            time: time(8 + rng.next_u64() % 16, rng.next_u64()),
        },
        customer,
        coupons,
        rounding: Rounding::HalfUp,
        search_budget: budget,
    };
    (basket, ctx)
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

/// Runs the benchmark and returns its JSON report.
pub fn run(o: Options) -> anyhow::Result<Value> {
    let items = u64::try_from(o.items.max(1)).unwrap_or(1);
    let started = Instant::now();
    let set = PromotionSet::new(Currency::EUR, promotions(o.promotions, items, o.seed))
        .map_err(|e| anyhow::anyhow!("the generated promotions were refused: {e}"))?;
    let build_us = started.elapsed().as_micros();
    let mut rng = SplitMix64::new(o.seed ^ 0x00BA_5CE7);
    let warmup = (o.evaluations / 10).clamp(1, 500);
    let cases: Vec<(Vec<BasketLine>, Context)> = (0..o.evaluations + warmup)
        .map(|_| basket(&mut rng, o.lines, items, o.budget))
        .collect();
    let mut ns = Vec::with_capacity(o.evaluations);
    let (mut candidates, mut conflicting, mut applied, mut evaluations_used) =
        (0u64, 0u64, 0u64, 0u64);
    let (mut max_candidates, mut max_used, mut exact, mut discount_total) =
        (0u32, 0u32, 0usize, 0i64);
    let mut coupon_applied = 0usize;
    for (k, (lines, ctx)) in cases.iter().enumerate() {
        let t = Instant::now();
        let result = set
            .evaluate(lines, ctx)
            .map_err(|e| anyhow::anyhow!("evaluation refused: {e}"))?;
        let elapsed = u64::try_from(t.elapsed().as_nanos()).unwrap_or(u64::MAX);
        if k < warmup {
            continue;
        }
        ns.push(elapsed);
        let s = result.search;
        candidates += u64::from(s.candidates);
        conflicting += u64::from(s.conflicting);
        evaluations_used += u64::from(s.evaluations);
        max_candidates = max_candidates.max(s.candidates);
        max_used = max_used.max(s.evaluations);
        exact += usize::from(s.exact);
        applied += u64::try_from(result.applied.len()).unwrap_or(0);
        discount_total += result.discount_total.minor();
        coupon_applied += result
            .coupons
            .iter()
            .filter(|c| {
                matches!(
                    c.status,
                    caisse_core::promotions::CouponStatus::Applied { .. }
                )
            })
            .count();
    }
    ns.sort_unstable();
    let n = u64::try_from(ns.len().max(1)).unwrap_or(1);
    Ok(json!({
        "promotions": o.promotions,
        "items": o.items,
        "lines": o.lines,
        "evaluations": ns.len(),
        "warmup_evaluations": warmup,
        "seed": o.seed,
        "set_build_us": u64::try_from(build_us).unwrap_or(u64::MAX),
        "p50_us": percentile_us(&ns, 500),
        "p90_us": percentile_us(&ns, 900),
        "p99_us": percentile_us(&ns, 990),
        "max_us": percentile_us(&ns, 1000),
        "candidates_mean": candidates / n,
        "candidates_max": max_candidates,
        "conflicting_mean": conflicting / n,
        "search_evaluations_mean": evaluations_used / n,
        "search_evaluations_max": max_used,
        "search_budget": o.budget.unwrap_or(caisse_core::promotions::SEARCH_BUDGET),
        "exact_results": exact,
        "applied_mean": applied / n,
        "coupons_applied": coupon_applied,
        "discount_total_minor": discount_total,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_run_reports_every_field_and_finds_discounts() -> anyhow::Result<()> {
        let o = Options {
            promotions: 200,
            lines: 20,
            evaluations: 50,
            items: 2_000,
            seed: 3,
            budget: None,
        };
        let report = run(o)?;
        for field in [
            "p50_us",
            "p99_us",
            "max_us",
            "candidates_mean",
            "exact_results",
        ] {
            assert!(report.get(field).is_some(), "missing {field}");
        }
        assert_eq!(report["evaluations"], 50);
        assert!(
            report["discount_total_minor"]
                .as_i64()
                .is_some_and(|d| d > 0)
        );
        // Same seed, same baskets, same discounts.
        assert_eq!(
            run(o)?["discount_total_minor"],
            report["discount_total_minor"]
        );
        Ok(())
    }
}
