//! Invariants on random baskets and random promotion sets.

use proptest::prelude::*;

use super::*;
use crate::promotions::rule::PERCENT_WHOLE;

/// The item pool: (category path, brand) of items 1 to 6.
fn item_facts(item: u128) -> (Vec<u128>, Option<&'static str>) {
    match item {
        1 => (vec![DRINKS, JUICE], Some("Acme")),
        2 => (vec![DRINKS, JUICE], Some("Bio")),
        3 => (vec![DRINKS], None),
        4 => (vec![BAKERY], Some("Acme")),
        5 => (vec![BAKERY], None),
        _ => (Vec::new(), None),
    }
}

fn any_line() -> impl Strategy<Value = BasketLine> {
    (
        1u128..=6,
        0i64..3_000,
        prop_oneof![
            4 => (1i64..=6).prop_map(|n| n * 1000),
            1 => 1i64..3_000,
            1 => Just(-1000i64),
        ],
        (0u8..10).prop_map(|k| k == 0),
        (0u8..8).prop_map(|k| k == 0),
    )
        .prop_map(|(item, price, milli, excluded, scale)| {
            let (path, brand) = item_facts(item);
            BasketLine {
                line: 0,
                item_id: Some(id(item)),
                category_path: path.into_iter().map(id).collect(),
                brand: brand.map(str::to_owned),
                unit_price: eur(price),
                quantity: Quantity::from_milli(milli),
                weighed: scale || milli % 1000 != 0,
                excluded,
            }
        })
}

fn any_target() -> impl Strategy<Value = Target> {
    prop_oneof![
        Just(Target::all()),
        (1u128..=6).prop_map(|i| items(&[i])),
        (1u128..=6, 1u128..=6).prop_map(|(a, b)| items(&[a, b])),
        prop::sample::select(vec![DRINKS, JUICE, BAKERY]).prop_map(category),
        prop::sample::select(vec!["Acme", "Bio"]).prop_map(brand),
    ]
}

fn any_percent() -> impl Strategy<Value = Percent> {
    (1u32..=100, prop::sample::select(vec![0u32, 5_000, 3_333])).prop_map(|(p, extra)| {
        Percent::from_units((p * 10_000).saturating_sub(extra)).unwrap_or(Percent::FULL)
    })
}

fn any_benefit() -> impl Strategy<Value = Benefit> {
    prop_oneof![
        any_percent().prop_map(Benefit::Percent),
        (1i64..800).prop_map(|m| Benefit::AmountOff(eur(m))),
        (0i64..1_500).prop_map(|m| Benefit::UnitPrice(eur(m))),
    ]
}

fn any_kind() -> impl Strategy<Value = PromotionKind> {
    prop_oneof![
        (any_target(), any_benefit())
            .prop_map(|(target, benefit)| PromotionKind::ItemDiscount { target, benefit }),
        (any_target(), 1u32..4, 1u32..3, any_percent()).prop_map(|(target, buy, get, percent)| {
            PromotionKind::BuyXGetY {
                target,
                buy,
                get,
                percent,
            }
        }),
        (any_target(), 2u32..5, 0i64..4_000).prop_map(|(target, count, price)| {
            PromotionKind::MixAndMatch {
                target,
                count,
                price: eur(price),
            }
        }),
        (
            prop::collection::vec((any_target(), 1u32..3), 1..3),
            0i64..4_000
        )
            .prop_map(|(parts, price)| PromotionKind::Bundle {
                components: parts
                    .into_iter()
                    .map(|(target, quantity)| BundleComponent { target, quantity })
                    .collect(),
                price: eur(price),
            }),
        (
            any_target(),
            prop::collection::vec((1i64..8_000, any_benefit()), 1..3)
        )
            .prop_map(|(target, tiers)| {
                let mut tiers: Vec<QuantityTier> = tiers
                    .into_iter()
                    .map(|(milli, benefit)| QuantityTier {
                        min_quantity: Quantity::from_milli(milli),
                        benefit,
                    })
                    .collect();
                tiers.dedup_by_key(|t| t.min_quantity);
                PromotionKind::QuantityTiers { target, tiers }
            }),
        (
            any_target(),
            0i64..10_000,
            prop_oneof![
                any_percent().prop_map(ThresholdBenefit::Percent),
                (1i64..3_000).prop_map(|m| ThresholdBenefit::AmountOff(eur(m))),
            ]
        )
            .prop_map(|(target, min, benefit)| PromotionKind::SpendThreshold {
                target,
                min_spend: eur(min),
                benefit,
            }),
    ]
}

fn any_promotion() -> impl Strategy<Value = Promotion> {
    (
        any_kind(),
        prop::sample::select(vec![
            Stacking::Exclusive,
            Stacking::Stackable,
            Stacking::WithCouponsOnly,
        ]),
        -2i32..3,
        prop::option::weighted(0.25, 0u8..3),
    )
        .prop_map(|(kind, stacking, priority, coupon)| Promotion {
            id: id(0),
            name: "random".into(),
            priority,
            stacking,
            kind,
            schedule: Schedule::default(),
            tiers: Vec::new(),
            coupon: coupon.map(|c| CouponRule {
                code: format!("C{c}"),
                uses: CouponUses::MultiUse { max_uses: None },
            }),
        })
}

/// A basket (lines numbered from 1), a promotion set (ids from 1), codes entered, rounding.
fn any_case() -> impl Strategy<Value = (Vec<BasketLine>, Vec<Promotion>, Vec<u8>, Rounding)> {
    (
        prop::collection::vec(any_line(), 0..10),
        prop::collection::vec(any_promotion(), 0..7),
        prop::collection::vec(0u8..3, 0..3),
        prop::sample::select(vec![
            Rounding::HalfUp,
            Rounding::HalfEven,
            Rounding::Down,
            Rounding::Up,
        ]),
    )
        .prop_map(|(mut lines, mut promos, codes, rounding)| {
            for (i, l) in lines.iter_mut().enumerate() {
                l.line = u32::try_from(i + 1).unwrap_or(u32::MAX);
            }
            for (i, p) in promos.iter_mut().enumerate() {
                p.id = id(i as u128 + 1);
            }
            (lines, promos, codes, rounding)
        })
}

fn context(codes: &[u8], rounding: Rounding) -> Context {
    let mut c = ctx();
    c.coupons = codes
        .iter()
        .map(|k| EnteredCoupon {
            code: format!("c{k}"),
            used_total: 0,
            used_by_customer: 0,
        })
        .collect();
    c.rounding = rounding;
    c
}

fn base_of(l: &BasketLine) -> i64 {
    l.unit_price
        .mul_quantity(l.quantity, Rounding::HalfUp)
        .map(|m| m.minor())
        .unwrap_or(0)
}

fn whole(l: &BasketLine) -> bool {
    !l.weighed && l.quantity.milli() % 1000 == 0
}

/// The lines a rule may look at, worked out from the rule alone.
fn reach<'a>(p: &Promotion, basket: &'a [BasketLine]) -> Vec<&'a BasketLine> {
    let targets: Vec<&Target> = match &p.kind {
        PromotionKind::ItemDiscount { target, .. }
        | PromotionKind::BuyXGetY { target, .. }
        | PromotionKind::MixAndMatch { target, .. }
        | PromotionKind::QuantityTiers { target, .. }
        | PromotionKind::SpendThreshold { target, .. } => vec![target],
        PromotionKind::Bundle { components, .. } => components.iter().map(|c| &c.target).collect(),
    };
    let pieces_only = matches!(
        p.kind,
        PromotionKind::BuyXGetY { .. }
            | PromotionKind::MixAndMatch { .. }
            | PromotionKind::Bundle { .. }
    );
    basket
        .iter()
        .filter(|l| !l.excluded && l.quantity.milli() > 0 && (!pieces_only || whole(l)))
        .filter(|l| {
            targets
                .iter()
                .any(|t| t.matches(l.item_id, &l.category_path, l.brand.as_deref()))
        })
        .collect()
}

fn ceil_percent(amount: i64, p: Percent) -> i64 {
    let n = i128::from(amount) * i128::from(p.units());
    i64::try_from((n + i128::from(PERCENT_WHOLE) - 1) / i128::from(PERCENT_WHOLE))
        .unwrap_or(i64::MAX)
}

/// The most a benefit may take off a line, from the rule alone.
fn benefit_cap(b: &Benefit, l: &BasketLine) -> i64 {
    let base = base_of(l);
    let per_qty = |m: Money| (i128::from(m.minor()) * i128::from(l.quantity.milli()) + 999) / 1000;
    let cap = match b {
        Benefit::Percent(p) => ceil_percent(base, *p),
        Benefit::AmountOff(m) => i64::try_from(per_qty(*m)).unwrap_or(i64::MAX),
        Benefit::UnitPrice(m) => {
            base - i64::try_from(i128::from(m.minor()) * i128::from(l.quantity.milli()) / 1000)
                .unwrap_or(0)
        }
    };
    cap.clamp(0, base)
}

/// The most a rule may give this basket, computed from its definition alone.
fn allowance(p: &Promotion, basket: &[BasketLine]) -> i64 {
    let lines = reach(p, basket);
    let base: i64 = lines.iter().map(|l| base_of(l)).sum();
    let pieces: i64 = lines.iter().map(|l| l.quantity.milli() / 1000).sum();
    let dearest = lines
        .iter()
        .map(|l| l.unit_price.minor())
        .max()
        .unwrap_or(0);
    match &p.kind {
        PromotionKind::ItemDiscount { benefit, .. } => {
            lines.iter().map(|l| benefit_cap(benefit, l)).sum()
        }
        PromotionKind::QuantityTiers { tiers, .. } => tiers
            .iter()
            .map(|t| {
                lines
                    .iter()
                    .map(|l| benefit_cap(&t.benefit, l))
                    .sum::<i64>()
            })
            .max()
            .unwrap_or(0),
        PromotionKind::BuyXGetY {
            buy, get, percent, ..
        } => {
            let groups = pieces / i64::from(buy + get);
            // Each rewarded piece is rounded on its own.
            (groups * i64::from(*get) * ceil_percent(dearest, *percent)).min(base)
        }
        PromotionKind::MixAndMatch { .. } | PromotionKind::Bundle { .. } => base,
        PromotionKind::SpendThreshold {
            min_spend, benefit, ..
        } => {
            if base < min_spend.minor() {
                0
            } else {
                match benefit {
                    ThresholdBenefit::Percent(pc) => ceil_percent(base, *pc),
                    ThresholdBenefit::AmountOff(m) => m.minor().min(base),
                }
            }
        }
    }
}

fn accepts(a: &Promotion, b: &Promotion) -> bool {
    match a.stacking {
        Stacking::Exclusive => false,
        Stacking::Stackable => b.stacking != Stacking::Exclusive,
        Stacking::WithCouponsOnly => b.coupon.is_some(),
    }
}

fn may_share(a: &Promotion, b: &Promotion) -> bool {
    accepts(a, b) && accepts(b, a)
}

fn evaluate_ok(promos: &[Promotion], basket: &[BasketLine], c: &Context) -> PromotionResult {
    match PromotionSet::new(Currency::EUR, promos.to_vec()).and_then(|s| s.evaluate(basket, c)) {
        Ok(r) => r,
        Err(e) => panic!("refused: {e}"),
    }
}

/// The best total over every complete subset of rules: those that may share the lines they
/// reach, leaving out only rules that clash with one inside; each subset applied in the
/// engine's order (made stackable, so nothing in it is left out).
fn brute_force(promos: &[Promotion], basket: &[BasketLine], c: &Context) -> i64 {
    let usable: Vec<&Promotion> = promos
        .iter()
        .filter(|p| {
            evaluate_ok(&[(*p).clone()], basket, c)
                .discount_total
                .is_positive()
        })
        .collect();
    let mut best = 0;
    for mask in 0u32..(1 << usable.len()) {
        let subset: Vec<&Promotion> = (0..usable.len())
            .filter(|i| mask & (1 << i) != 0)
            .map(|i| usable[i])
            .collect();
        let clashes = |a: &Promotion, b: &Promotion| {
            let (ra, rb) = (reach(a, basket), reach(b, basket));
            ra.iter().any(|l| rb.iter().any(|m| l.line == m.line)) && !may_share(a, b)
        };
        let clash = subset
            .iter()
            .enumerate()
            .any(|(i, a)| subset[i + 1..].iter().any(|b| clashes(a, b)));
        let complete = (0..usable.len())
            .filter(|i| mask & (1 << i) == 0)
            .all(|i| subset.iter().any(|s| clashes(usable[i], s)));
        if clash || !complete {
            continue;
        }
        let stacked: Vec<Promotion> = subset
            .iter()
            .map(|p| Promotion {
                stacking: Stacking::Stackable,
                ..(*p).clone()
            })
            .collect();
        best = best.max(evaluate_ok(&stacked, basket, c).discount_total.minor());
    }
    best
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn no_line_goes_negative_and_no_rule_gives_more_than_it_allows(
        (basket, promos, codes, rounding) in any_case()
    ) {
        let c = context(&codes, rounding);
        let r = evaluate_ok(&promos, &basket, &c);
        let mut sum = 0;
        for (l, input) in r.lines.iter().zip(&basket) {
            let discounts: i64 = l.discounts.iter().map(|d| d.amount.minor()).sum();
            prop_assert_eq!(discounts, l.discount.minor());
            prop_assert_eq!(l.total.minor(), l.base.minor() - discounts);
            prop_assert_eq!(l.base.minor(), base_of(input));
            if input.quantity.milli() > 0 {
                prop_assert!(l.total.minor() >= 0, "line {} total {}", l.line, l.total);
            } else {
                prop_assert!(l.discounts.is_empty());
            }
            prop_assert!(l.discounts.iter().all(|d| d.amount.is_positive()));
            // Promotions sharing a line may share it.
            for (i, a) in l.discounts.iter().enumerate() {
                for b in &l.discounts[i + 1..] {
                    let pa = promos.iter().find(|p| p.id == a.promotion_id);
                    let pb = promos.iter().find(|p| p.id == b.promotion_id);
                    prop_assert!(matches!((pa, pb), (Some(x), Some(y)) if may_share(x, y)));
                }
            }
            sum += discounts;
        }
        prop_assert_eq!(r.discount_total.minor(), sum);
        prop_assert_eq!(r.total.minor(), r.subtotal.minor() - sum);
        let mut allowed = 0;
        for a in &r.applied {
            let p = promos.iter().find(|p| p.id == a.promotion_id);
            prop_assert!(p.is_some());
            let cap = p.map_or(0, |p| allowance(p, &basket));
            prop_assert!(a.amount.minor() <= cap, "{} gave {} > {}", a.name, a.amount, cap);
            allowed += cap;
        }
        prop_assert!(r.discount_total.minor() <= allowed);
        // The same input in another order gives the same output.
        let mut reversed = promos.clone();
        reversed.reverse();
        prop_assert_eq!(&evaluate_ok(&reversed, &basket, &c), &r);
    }

    #[test]
    fn refunds_of_every_unit_add_up_to_what_was_paid(
        (basket, promos, codes, rounding) in any_case(),
        cut in 1i64..1000,
    ) {
        let r = evaluate_ok(&promos, &basket, &context(&codes, rounding));
        for (l, input) in r.lines.iter().zip(&basket) {
            let milli = input.quantity.milli();
            if milli <= 0 {
                continue;
            }
            let mut sold = SoldLine::from_result(l, input.quantity);
            let steps: Vec<i64> = if whole(input) {
                vec![1000; usize::try_from(milli / 1000).unwrap_or(0)]
            } else {
                let first = (milli * cut / 1000).clamp(1, milli);
                [first, milli - first].into_iter().filter(|&s| s > 0).collect()
            };
            let mut total = 0;
            for step in steps {
                let back = refund(&sold, Quantity::from_milli(step));
                prop_assert!(back.is_ok(), "{back:?}");
                let amount = back.map(|b| b.amount.minor()).unwrap_or(0);
                prop_assert!(amount >= 0 && amount <= l.total.minor());
                total += amount;
                sold.returned = Quantity::from_milli(sold.returned.milli() + step);
            }
            prop_assert_eq!(total, l.total.minor());
            prop_assert!(refund(&sold, Quantity::from_milli(1)).is_err());
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(150))]

    #[test]
    fn small_cases_find_the_best_combination(
        (basket, promos, codes, rounding) in any_case()
    ) {
        let c = context(&codes, rounding);
        let r = evaluate_ok(&promos, &basket, &c);
        prop_assert!(r.search.exact);
        prop_assert_eq!(r.discount_total.minor(), brute_force(&promos, &basket, &c));
    }
}
