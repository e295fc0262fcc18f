//! Hand-computed restock cases: each number in a comment was worked out on paper.

use super::*;

fn days(list: &[(i64, i64)]) -> Vec<Day> {
    list.iter().map(|&(net, sold)| Day { net, sold }).collect()
}

/// Seven days selling 2 units a day, no stockout.
fn steady() -> Vec<Day> {
    days(&[(-2000, 2000); 7])
}

/// Five days, oldest first: sold 3; sold 2 (ends at 0); nothing (still 0); received 10 and
/// sold 4; sold 1. On hand now 5.
fn with_stockout() -> Vec<Day> {
    days(&[
        (-3000, 3000),
        (-2000, 2000),
        (0, 0),
        (6000, 4000),
        (-1000, 1000),
    ])
}

fn supply(lead: i64, pack: Option<i64>, on_order: i64) -> Supply {
    Supply {
        lead_time_days: lead,
        pack_size: pack,
        on_order,
    }
}

/// (name, policy, days, on hand, supply, expected: avg, std, safety, rop, out, need, suggested)
type Case = (&'static str, Policy, Vec<Day>, i64, Supply, [i64; 7]);

#[test]
fn suggestions_are_hand_checked() {
    let days7 = Policy {
        safety: Safety::Days(7),
        review_days: 7,
    };
    let days2 = Policy {
        safety: Safety::Days(2),
        review_days: 3,
    };
    let sl95 = Policy {
        safety: Safety::ServiceLevel { z_milli: 1645 },
        review_days: 3,
    };
    // (name, policy, days, on hand, supply, expected: avg, std, safety, rop, out, need, suggested)
    let cases: [Case; 7] = [
        // avg 14/7 = 2; std 0; safety 2 × 7 = 14; rop 2 × 3 + 14 = 20; out 20 + 2 × 7 = 34;
        // position 10 ≤ 20: need 34 − 10 = 24, whole units: 24.
        (
            "steady",
            days7,
            steady(),
            10_000,
            supply(3, None, 0),
            [2000, 0, 14_000, 20_000, 34_000, 24_000, 24_000],
        ),
        // the same in packs of 5: 24 → 5 packs = 25.
        (
            "packs of 5",
            days7,
            steady(),
            10_000,
            supply(3, Some(5000), 0),
            [2000, 0, 14_000, 20_000, 34_000, 24_000, 25_000],
        ),
        // packs of 6: 24 is 4 packs exactly.
        (
            "packs of 6",
            days7,
            steady(),
            10_000,
            supply(3, Some(6000), 0),
            [2000, 0, 14_000, 20_000, 34_000, 24_000, 24_000],
        ),
        // on hand 25 > rop 20: nothing to order.
        (
            "above the reorder point",
            days7,
            steady(),
            25_000,
            supply(3, None, 0),
            [2000, 0, 14_000, 20_000, 34_000, 0, 0],
        ),
        // on hand 10 + 12 on order = 22 > 20: nothing.
        (
            "covered by what is on order",
            days7,
            steady(),
            10_000,
            supply(3, None, 12_000),
            [2000, 0, 14_000, 20_000, 34_000, 0, 0],
        ),
        // Ends walking back from 5: day 5 ends 5 (count, 1), day 4 ends 6 (count, 4), day 3
        // ends 0 (out), day 2 ends 0 (out), day 1 ends 2 (count, 3). avg 8/3 = 2.6667 →
        // 2.667; std: Σx² 26, n Σx² − (Σx)² = 78 − 64 = 14 (units²), /9 = 1.5556 →
        // 1555555 milli², √ = 1247; safety 2.667 × 2 = 5.334; rop 2.667 × 4 + 5.334 =
        // 16.002; out 16.002 + 2.667 × 3 = 24.003; position 5 + 4 = 9: need 15.003 → 16.
        (
            "days out of stock are left out",
            days2,
            with_stockout(),
            5000,
            supply(4, None, 4000),
            [2667, 1247, 5334, 16_002, 24_003, 15_003, 16_000],
        ),
        // The same from a 95 % service level: √4 = 2; safety 1.645 × 1.247 × 2 = 4.10263 →
        // 4.103; rop 10.668 + 4.103 = 14.771; out 14.771 + 8.001 = 22.772; need 22.772 − 9 =
        // 13.772 → 14.
        (
            "safety stock from a service level",
            sl95,
            with_stockout(),
            5000,
            supply(4, None, 4000),
            [2667, 1247, 4103, 14_771, 22_772, 13_772, 14_000],
        ),
    ];
    for (name, policy, window, on_hand, supply, expected) in cases {
        let e = suggest(&policy, &window, on_hand, &supply);
        let got = [
            e.avg_daily,
            e.std_daily,
            e.safety_stock,
            e.reorder_point,
            e.order_up_to,
            e.need,
            e.suggested,
        ];
        assert_eq!(got, expected, "{name}: {e:?}");
    }
}

#[test]
fn the_explanation_counts_the_days() {
    let policy = Policy {
        safety: Safety::Days(2),
        review_days: 3,
    };
    let e = suggest(&policy, &with_stockout(), 5000, &supply(4, None, 4000));
    assert_eq!(
        (e.window_days, e.days_counted, e.out_of_stock_days, e.sold),
        (5, 3, 2, 8000)
    );
    assert_eq!(
        (e.position, e.step, e.safety_days, e.z_milli),
        (9000, 1000, Some(2), None)
    );
}

#[test]
fn an_item_that_never_sold_is_not_suggested() {
    let policy = Policy {
        safety: Safety::Days(7),
        review_days: 7,
    };
    // Nothing on hand and nothing moved: every day ended at 0, none is counted.
    let e = suggest(&policy, &days(&[(0, 0); 7]), 0, &supply(3, None, 0));
    assert_eq!(
        (
            e.days_counted,
            e.out_of_stock_days,
            e.avg_daily,
            e.suggested
        ),
        (0, 7, 0, 0)
    );
}

#[test]
fn integer_square_roots_are_floors() {
    let cases: [(u128, u128); 9] = [
        (0, 0),
        (1, 1),
        (3, 1),
        (4, 2),
        (15, 3),
        (16, 4),
        // √2 = 1.41421…: 1414² = 1999396 ≤ 2000000 < 1415² = 2002225
        (2_000_000, 1414),
        (1_555_555, 1247),
        (u128::from(u64::MAX), u128::from(u32::MAX)),
    ];
    for (n, r) in cases {
        assert_eq!(isqrt(n), r, "√{n}");
    }
}

#[test]
fn a_square_root_of_lead_time_two_is_1_414() {
    let policy = Policy {
        safety: Safety::ServiceLevel { z_milli: 1000 },
        review_days: 0,
    };
    // z = 1, std of (0, 2, 0, 2) = 1, √2 = 1.414: safety 1 × 1 × 1.414 = 1.414.
    let e = suggest(
        &policy,
        &days(&[(0, 0), (-2000, 2000), (0, 0), (-2000, 2000)]),
        10_000,
        &supply(2, None, 0),
    );
    assert_eq!(
        (e.std_daily, e.sqrt_lead_milli, e.safety_stock),
        (1000, Some(1414), 1414)
    );
}

#[test]
fn minimum_orders_and_line_values() {
    // 2.5 units at 1.99 = 4.975 → 4.98 (half up).
    assert_eq!(line_value(2500, 199), 498);
    // Worth 40.00, minimum 100.00, packs of 6 at 1.50 = 9.00 a pack: short 60.00 / 9.00 =
    // 6.67 → 7 packs (63.00 → 103.00).
    assert_eq!(packs_to_minimum(4000, 10_000, 6000, 150), 7);
    assert_eq!(packs_to_minimum(10_000, 10_000, 6000, 150), 0);
    assert_eq!(packs_to_minimum(0, 10_000, 6000, 0), 0);
    assert_eq!(z_of_service_level(950), Some(1645));
    assert_eq!(z_of_service_level(951), None);
}
