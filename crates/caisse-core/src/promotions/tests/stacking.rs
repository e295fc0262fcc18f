//! Stacking modes, priorities, the best combination and its tie-breaks.

use super::*;

#[test]
fn exclusive_promotions_give_the_better_one() {
    // 10.00: 20 % is 2.00, 3.00 off is 3.00: the customer gets 3.00 whatever the priorities.
    let a = stacking(percent_off(1, items(&[1]), "20"), Stacking::Exclusive, 10);
    let b = stacking(amount_off(2, items(&[1]), 300), Stacking::Exclusive, 0);
    let r = evaluate(vec![a, b], &[line(1, 1, 1000, 1)], &ctx());
    assert_eq!(applied_ids(&r), [2]);
    assert_eq!(line_discounts(&r), [300]);
    assert!(r.search.exact);
    assert_eq!((r.search.candidates, r.search.conflicting), (2, 2));
}

#[test]
fn equal_results_go_to_the_higher_priority_then_the_lower_id() {
    // Both take 2.00 off 10.00.
    let rows = [
        // (priority of 1, priority of 2, winner)
        (0, 0, 1),
        (0, 5, 2),
        (5, 0, 1),
    ];
    for (p1, p2, winner) in rows {
        let a = stacking(percent_off(1, items(&[1]), "20"), Stacking::Exclusive, p1);
        let b = stacking(amount_off(2, items(&[1]), 200), Stacking::Exclusive, p2);
        // The order the rules are given in does not matter.
        for promos in [vec![a.clone(), b.clone()], vec![b, a]] {
            let r = evaluate(promos, &[line(1, 1, 1000, 1)], &ctx());
            assert_eq!(applied_ids(&r), [winner], "priorities {p1}, {p2}");
        }
    }
}

#[test]
fn stackable_promotions_apply_in_priority_order_on_what_is_left() {
    // 20 % first: 2.00, then 1.00 off the 8.00 left: 3.00 in all.
    let pct20 = |p| stacking(percent_off(1, items(&[1]), "20"), Stacking::Stackable, p);
    let off100 = |p| stacking(amount_off(2, items(&[1]), 100), Stacking::Stackable, p);
    let r = evaluate(vec![pct20(10), off100(5)], &[line(1, 1, 1000, 1)], &ctx());
    assert_eq!(applied_ids(&r), [1, 2]);
    let amounts: Vec<i64> = r.lines[0]
        .discounts
        .iter()
        .map(|d| d.amount.minor())
        .collect();
    assert_eq!(amounts, [200, 100]);
    // 1.00 off first, then 20 % of the 9.00 left = 1.80: 2.80 in all.
    let r = evaluate(vec![pct20(5), off100(10)], &[line(1, 1, 1000, 1)], &ctx());
    assert_eq!(applied_ids(&r), [2, 1]);
    assert_eq!(line_discounts(&r), [280]);
}

#[test]
fn stacked_discounts_never_take_a_line_below_zero() {
    // 60 % (6.00) then 5.00 off the 4.00 left: only 4.00 more.
    let a = stacking(percent_off(1, items(&[1]), "60"), Stacking::Stackable, 2);
    let b = stacking(amount_off(2, items(&[1]), 500), Stacking::Stackable, 1);
    let r = evaluate(vec![a, b], &[line(1, 1, 1000, 1)], &ctx());
    assert_eq!(line_discounts(&r), [1000]);
    assert_eq!(r.lines[0].total, eur(0));
}

#[test]
fn an_exclusive_promotion_beats_stacked_ones_only_when_better() {
    let s1 = stacking(percent_off(1, items(&[1]), "10"), Stacking::Stackable, 2);
    let s2 = stacking(amount_off(2, items(&[1]), 100), Stacking::Stackable, 1);
    // Stacked on 10.00: 1.00 + 1.00 = 2.00.
    let rows = [
        // (exclusive percentage, winners, discount)
        ("25", vec![3], 250),
        ("15", vec![1, 2], 200),
    ];
    for (p, winners, discount) in rows {
        let e = percent_off(3, items(&[1]), p);
        let r = evaluate(
            vec![s1.clone(), s2.clone(), e],
            &[line(1, 1, 1000, 1)],
            &ctx(),
        );
        assert_eq!(applied_ids(&r), winners, "exclusive {p} %");
        assert_eq!(line_discounts(&r), [discount], "exclusive {p} %");
        assert!(r.search.exact);
    }
}

#[test]
fn promotions_on_other_lines_never_conflict() {
    let e = percent_off(1, items(&[1]), "50");
    let s = percent_off(2, items(&[2]), "10");
    let r = evaluate(
        vec![e, s],
        &[line(1, 1, 1000, 1), line(2, 2, 1000, 1)],
        &ctx(),
    );
    assert_eq!(line_discounts(&r), [500, 100]);
    assert_eq!(r.search.conflicting, 0);
}

#[test]
fn with_coupons_only_stacks_with_coupons_and_nothing_else() {
    let auto = |n, p| stacking(percent_off(n, items(&[1]), p), Stacking::WithCouponsOnly, 0);
    let coupon = stacking(
        with_coupon(
            amount_off(3, items(&[1]), 100),
            "EXTRA",
            CouponUses::MultiUse { max_uses: None },
        ),
        Stacking::Stackable,
        0,
    );
    let mut c = ctx();
    c.coupons.push(EnteredCoupon {
        code: "extra".into(),
        used_total: 40,
        used_by_customer: 0,
    });
    // 10 % automatic (1.00) and the coupon's 1.00 off the 9.00 left: both.
    let r = evaluate(
        vec![auto(1, "10"), coupon.clone()],
        &[line(1, 1, 1000, 1)],
        &c,
    );
    assert_eq!(applied_ids(&r), [1, 3]);
    assert_eq!(line_discounts(&r), [200]);
    // Two automatic offers of that kind do not stack: the better one, plus the coupon.
    let r = evaluate(
        vec![auto(1, "10"), auto(2, "15"), coupon],
        &[line(1, 1, 1000, 1)],
        &c,
    );
    assert_eq!(applied_ids(&r), [2, 3]);
    assert_eq!(line_discounts(&r), [250]);
    // A stackable automatic offer is not a coupon: it does not join a coupons-only one.
    let s = stacking(amount_off(4, items(&[1]), 300), Stacking::Stackable, 0);
    let r = evaluate(vec![auto(1, "10"), s], &[line(1, 1, 1000, 1)], &ctx());
    assert_eq!(applied_ids(&r), [4]);
}

#[test]
fn spend_thresholds_apply_after_item_promotions() {
    // 60.00 of goods, 20 % off the item (12.00), then spend ≥ 50.00 (measured before
    // discounts) gives 5.00 off the 48.00 left.
    let item = stacking(percent_off(1, items(&[1]), "20"), Stacking::Stackable, 0);
    let threshold = stacking(
        promo(
            2,
            PromotionKind::SpendThreshold {
                target: Target::all(),
                min_spend: eur(5000),
                benefit: ThresholdBenefit::AmountOff(eur(500)),
            },
        ),
        Stacking::Stackable,
        // Even with a higher priority, a threshold comes last.
        99,
    );
    let r = evaluate(vec![threshold, item], &[line(1, 1, 6000, 1)], &ctx());
    assert_eq!(applied_ids(&r), [1, 2]);
    assert_eq!(line_discounts(&r), [1700]);
}

#[test]
fn a_cheaper_pair_of_exclusives_can_beat_the_largest_single_offer() {
    // Lines A (10.00) and B (10.00). X takes 50 % off both (10.00 in all); Y takes 60 % off A
    // (6.00) and Z 60 % off B (6.00): Y + Z = 12.00 beats X. Greedy by size alone would take
    // X (10.00 > 6.00); the search finds Y + Z.
    let x = percent_off(1, items(&[1, 2]), "50");
    let y = percent_off(2, items(&[1]), "60");
    let z = percent_off(3, items(&[2]), "60");
    let r = evaluate(
        vec![x, y, z],
        &[line(1, 1, 1000, 1), line(2, 2, 1000, 1)],
        &ctx(),
    );
    assert_eq!(applied_ids(&r), [2, 3]);
    assert_eq!(r.discount_total, eur(1200));
    assert!(r.search.exact);
}

#[test]
fn the_same_input_gives_the_same_output() {
    let promos = vec![
        stacking(percent_off(1, items(&[1, 2]), "10"), Stacking::Stackable, 1),
        percent_off(2, items(&[2]), "30"),
        stacking(
            amount_off(3, items(&[1]), 150),
            Stacking::WithCouponsOnly,
            3,
        ),
        promo(
            4,
            PromotionKind::MixAndMatch {
                target: items(&[1, 2, 3]),
                count: 2,
                price: eur(700),
            },
        ),
    ];
    let basket = [line(1, 1, 450, 2), line(2, 2, 380, 1), line(3, 3, 990, 3)];
    let first = evaluate(promos.clone(), &basket, &ctx());
    let mut reversed = promos;
    reversed.reverse();
    for _ in 0..3 {
        assert_eq!(evaluate(reversed.clone(), &basket, &ctx()), first);
    }
}

#[test]
fn a_search_out_of_budget_keeps_the_best_answer_found_and_says_so() {
    // As above: greedy takes X (10.00); the search finds Y + Z (12.00) only with a budget.
    let promos = || {
        vec![
            percent_off(1, items(&[1, 2]), "50"),
            percent_off(2, items(&[1]), "60"),
            percent_off(3, items(&[2]), "60"),
        ]
    };
    let basket = [line(1, 1, 1000, 1), line(2, 2, 1000, 1)];
    let mut c = ctx();
    c.search_budget = Some(0);
    let r = evaluate(promos(), &basket, &c);
    assert!(!r.search.exact);
    assert_eq!(applied_ids(&r), [1]);
    assert_eq!(r.discount_total, eur(1000));
    c.search_budget = Some(3);
    let r = evaluate(promos(), &basket, &c);
    assert!(r.search.exact);
    assert_eq!(applied_ids(&r), [2, 3]);
}
