//! Hand-computed baskets, one table row per case, for every kind of promotion.

use super::*;

/// (case, promotions, basket, discount of each line)
type Row = (&'static str, Vec<Promotion>, Vec<BasketLine>, Vec<i64>);

fn check(rows: Vec<Row>) {
    for (case, promotions, basket, expected) in rows {
        let r = evaluate(promotions, &basket, &ctx());
        assert_eq!(line_discounts(&r), expected, "{case}");
        let total: i64 = expected.iter().sum();
        assert_eq!(r.discount_total, eur(total), "{case}");
        assert_eq!(r.total, eur(r.subtotal.minor() - total), "{case}");
        for l in &r.lines {
            let sum: i64 = l.discounts.iter().map(|d| d.amount.minor()).sum();
            assert_eq!(sum, l.discount.minor(), "{case}: line {}", l.line);
            assert_eq!(
                l.total.minor(),
                l.base.minor() - sum,
                "{case}: line {}",
                l.line
            );
        }
    }
}

#[test]
fn item_discounts() {
    let juice = |no, item, price, n| in_category(line(no, item, price, n), &[DRINKS, JUICE]);
    check(vec![
        (
            // 3 × 2.99 = 8.97; 10 % = 0.897 → 0.90 (half-up).
            "percent off an item",
            vec![percent_off(1, items(&[1]), "10")],
            vec![line(1, 1, 299, 3), line(2, 2, 299, 3)],
            vec![90, 0],
        ),
        (
            // The parent category reaches the juice: 2 × 2.50 = 5.00, 20 % = 1.00. Bread
            // (bakery) is not a drink.
            "percent off a parent category",
            vec![percent_off(1, category(DRINKS), "20")],
            vec![
                juice(1, 1, 250, 2),
                in_category(line(2, 2, 180, 1), &[BAKERY]),
            ],
            vec![100, 0],
        ),
        (
            // 0.50 off each Acme unit: 3 pieces → 1.50; 1.250 kg → 0.625 → 0.63 (half-up).
            "amount off a brand, pieces and weighed",
            vec![amount_off(1, brand("Acme"), 50)],
            vec![
                of_brand(line(1, 1, 199, 3), "Acme"),
                of_brand(weighed(2, 2, 400, 1250), "Acme"),
                of_brand(line(3, 3, 199, 3), "Other"),
            ],
            vec![150, 63, 0],
        ),
        (
            // 5.00 off a 3.00 item takes 3.00: the line never goes below zero.
            "amount off larger than the price",
            vec![amount_off(1, items(&[1]), 500)],
            vec![line(1, 1, 300, 1)],
            vec![300],
        ),
        (
            // 1.50 each instead of 1.99: 5.97 − 4.50 = 1.47; an item already at 1.20 keeps it.
            "unit price",
            vec![promo(
                1,
                PromotionKind::ItemDiscount {
                    target: items(&[1, 2]),
                    benefit: Benefit::UnitPrice(eur(150)),
                },
            )],
            vec![line(1, 1, 199, 3), line(2, 2, 120, 2)],
            vec![147, 0],
        ),
    ]);
}

fn bxgy(n: u128, target: Target, buy: u32, get: u32, percent: &str) -> Promotion {
    promo(
        n,
        PromotionKind::BuyXGetY {
            target,
            buy,
            get,
            percent: pct(percent),
        },
    )
}

#[test]
fn buy_x_get_y() {
    check(vec![
        (
            // 3 × 1.00 on one line: one group, the free piece is 1.00.
            "buy 2 get 1 on one line",
            vec![bxgy(1, items(&[1]), 2, 1, "100")],
            vec![line(1, 1, 100, 3)],
            vec![100],
        ),
        (
            // Pieces 10.00, 10.00, 5.00: the 5.00 is free, and the 5.00 is shared by the group
            // in proportion: 5.00 × 10/25 = 2.00, 2.00, and 5.00 × 5/25 = 1.00.
            "buy 2 get 1 across lines",
            vec![bxgy(1, category(BAKERY), 2, 1, "100")],
            vec![
                in_category(line(1, 1, 1000, 1), &[BAKERY]),
                in_category(line(2, 2, 1000, 1), &[BAKERY]),
                in_category(line(3, 3, 500, 1), &[BAKERY]),
            ],
            vec![200, 200, 100],
        ),
        (
            // 4 pieces of 3.00: one group of 3 (one free, 3.00); the fourth is paid.
            "buy 2 get 1 with a piece left over",
            vec![bxgy(1, items(&[1]), 2, 1, "100")],
            vec![line(1, 1, 300, 4)],
            vec![300],
        ),
        (
            // Pieces 4.00 and 3.00: the 3.00 at half price is 1.50, shared 4:3 →
            // 85.71… and 64.28…: 85 + 64 = 149, the cent left goes to the larger remainder.
            "buy 1 get 1 half price",
            vec![bxgy(1, items(&[1, 2]), 1, 1, "50")],
            vec![line(1, 1, 400, 1), line(2, 2, 300, 1)],
            vec![86, 64],
        ),
        (
            // Only 2 pieces: no complete group.
            "buy 2 get 1 with two pieces",
            vec![bxgy(1, items(&[1]), 2, 1, "100")],
            vec![line(1, 1, 100, 2)],
            vec![0],
        ),
        (
            // Weighed goods never count as pieces.
            "buy 1 get 1 ignores weighed lines",
            vec![bxgy(1, items(&[1]), 1, 1, "100")],
            vec![weighed(1, 1, 500, 2000)],
            vec![0],
        ),
        (
            // 6 pieces 5.00, 5.00, 4.00, 4.00, 1.00, 1.00 (three lines of 2): groups of 3 by
            // price: (5, 5, 4) frees 4.00, (4, 1, 1) frees 1.00: 5.00 in all. Shares: group 1
            // 4.00 over 14.00 → line 1 (10.00): 2.857… and line 2 (4.00): 1.142…; group 2
            // 1.00 over 6.00 → line 2 (4.00): 0.666…, line 3 (2.00): 0.333…. Spread over the
            // lines' weights together: 5.00 × 10/20 = 2.50, × 8/20 = 2.00, × 2/20 = 0.50.
            "buy 2 get 1, two groups ranked by price",
            vec![bxgy(1, items(&[1, 2, 3]), 2, 1, "100")],
            vec![line(1, 1, 500, 2), line(2, 2, 400, 2), line(3, 3, 100, 2)],
            vec![250, 200, 50],
        ),
    ]);
}

#[test]
fn mix_and_match_and_bundles() {
    let mix = |count, price| {
        promo(
            1,
            PromotionKind::MixAndMatch {
                target: items(&[1, 2, 3, 4, 5]),
                count,
                price: eur(price),
            },
        )
    };
    check(vec![
        (
            // 3 × 4.00 = 12.00 for 10.00: 2.00 shared equally → 0.66… each: 66 × 3 = 198,
            // the 2 cents left go to the earliest lines on equal remainders.
            "any 3 for 10.00",
            vec![mix(3, 1000)],
            vec![line(1, 1, 400, 1), line(2, 2, 400, 1), line(3, 3, 400, 1)],
            vec![67, 67, 66],
        ),
        (
            // 3 × 3.00 = 9.00 is already below 10.00: nothing.
            "any 3 for 10.00 when cheaper already",
            vec![mix(3, 1000)],
            vec![line(1, 1, 300, 3)],
            vec![0],
        ),
        (
            // 4.00, 3.50 for 5.00 saves 2.50 (shared 400:350 → 133.33…, 116.66… → 133, 117);
            // the next pair 3.00 + 2.00 = 5.00 saves nothing, so grouping stops.
            "any 2 for 5.00 takes the dearest pairs",
            vec![mix(2, 500)],
            vec![
                line(1, 1, 400, 1),
                line(2, 2, 350, 1),
                line(3, 3, 300, 1),
                line(4, 4, 200, 1),
                line(5, 5, 100, 1),
            ],
            vec![133, 117, 0, 0, 0],
        ),
        (
            // Burger 5.00 + fries 2.50 + a drink 2.00 = 9.50 for 8.00: 1.50 shared 500:250:200
            // → 78.94…, 39.47…, 31.57… → 78 + 39 + 31 = 148, 2 cents to the largest
            // remainders (burger .94, drink .57). The second drink has no burger to go with.
            "menu bundle",
            vec![promo(
                1,
                PromotionKind::Bundle {
                    components: vec![
                        BundleComponent {
                            target: items(&[10]),
                            quantity: 1,
                        },
                        BundleComponent {
                            target: items(&[11]),
                            quantity: 1,
                        },
                        BundleComponent {
                            target: category(DRINKS),
                            quantity: 1,
                        },
                    ],
                    price: eur(800),
                },
            )],
            vec![
                line(1, 10, 500, 1),
                line(2, 11, 250, 1),
                in_category(line(3, 12, 200, 2), &[DRINKS]),
            ],
            vec![79, 39, 32],
        ),
    ]);
}

#[test]
fn quantity_tiers_and_spend_thresholds() {
    let tiers = |target| {
        promo(
            1,
            PromotionKind::QuantityTiers {
                target,
                tiers: vec![
                    QuantityTier {
                        min_quantity: Quantity::from_milli(6000),
                        benefit: Benefit::Percent(pct("20")),
                    },
                    QuantityTier {
                        min_quantity: Quantity::from_milli(3000),
                        benefit: Benefit::Percent(pct("10")),
                    },
                ],
            },
        )
    };
    let threshold = |min, benefit| {
        promo(
            1,
            PromotionKind::SpendThreshold {
                target: Target::all(),
                min_spend: eur(min),
                benefit,
            },
        )
    };
    check(vec![
        (
            // 4 + 2 = 6 units reach the 20 % tier: 10.00 → 2.00, 2.00 → 0.40.
            "quantity tiers over two lines",
            vec![tiers(items(&[1, 2]))],
            vec![line(1, 1, 250, 4), line(2, 2, 100, 2)],
            vec![200, 40],
        ),
        (
            // 4 units: the 10 % tier, 1.00 off 10.00.
            "quantity tiers, lower tier",
            vec![tiers(items(&[1]))],
            vec![line(1, 1, 250, 4)],
            vec![100],
        ),
        (
            // From 2 kg, 1.00 off per kg: 2.500 kg × 1.00 = 2.50.
            "quantity tier on weighed goods",
            vec![promo(
                1,
                PromotionKind::QuantityTiers {
                    target: items(&[1]),
                    tiers: vec![QuantityTier {
                        min_quantity: Quantity::from_milli(2000),
                        benefit: Benefit::AmountOff(eur(100)),
                    }],
                },
            )],
            vec![weighed(1, 1, 300, 2500)],
            vec![250],
        ),
        (
            // 30.00 + 25.00 = 55.00 ≥ 50.00: 5.00 off shared 30:25 → 272.7…, 227.2… →
            // 272 + 227 = 499, the cent to the larger remainder.
            "spend 50.00, get 5.00 off",
            vec![threshold(5000, ThresholdBenefit::AmountOff(eur(500)))],
            vec![line(1, 1, 3000, 1), line(2, 2, 2500, 1)],
            vec![273, 227],
        ),
        (
            "spend 50.00, spent 49.99",
            vec![threshold(5000, ThresholdBenefit::AmountOff(eur(500)))],
            vec![line(1, 1, 2500, 1), line(2, 2, 2499, 1)],
            vec![0, 0],
        ),
        (
            // 10 % of 60.00 + 15.00 = 7.50, shared 60:15 → 6.00, 1.50.
            "spend 50.00, get 10 %",
            vec![threshold(5000, ThresholdBenefit::Percent(pct("10")))],
            vec![line(1, 1, 2000, 3), line(2, 2, 1500, 1)],
            vec![600, 150],
        ),
        (
            // A 5.00-off threshold on a 3.00 basket would be capped; here 3.00 ≥ 2.00 spend.
            "threshold reward larger than the basket",
            vec![threshold(200, ThresholdBenefit::AmountOff(eur(500)))],
            vec![line(1, 1, 300, 1)],
            vec![300],
        ),
    ]);
}

#[test]
fn each_line_explains_its_discount() {
    let r = evaluate(
        vec![bxgy(1, items(&[1]), 2, 1, "100")],
        &[line(1, 1, 100, 3)],
        &ctx(),
    );
    let d = &r.lines[0].discounts[0];
    assert_eq!(d.promotion_id, id(1));
    assert_eq!(
        d.explanation,
        Explanation::BuyXGetY {
            buy: 2,
            get: 1,
            percent: Percent::FULL
        }
    );
    assert_eq!(r.applied.len(), 1);
    assert_eq!(r.applied[0].amount, eur(100));
    assert_eq!(r.applied[0].name, "promo 1");
    // A quantity tier names the tier reached.
    let r = evaluate(
        vec![promo(
            2,
            PromotionKind::QuantityTiers {
                target: items(&[1]),
                tiers: vec![
                    QuantityTier {
                        min_quantity: Quantity::from_milli(2000),
                        benefit: Benefit::Percent(pct("5")),
                    },
                    QuantityTier {
                        min_quantity: Quantity::from_milli(5000),
                        benefit: Benefit::Percent(pct("15")),
                    },
                ],
            },
        )],
        &[line(1, 1, 100, 5)],
        &ctx(),
    );
    assert_eq!(
        r.lines[0].discounts[0].explanation,
        Explanation::QuantityTier {
            min_quantity: Quantity::from_milli(5000),
            benefit: Benefit::Percent(pct("15"))
        }
    );
    assert_eq!(r.discount_total, eur(75));
}
