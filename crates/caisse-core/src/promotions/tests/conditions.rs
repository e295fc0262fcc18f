//! Time windows, customer tiers and coupons.

use jiff::civil::Date;

use super::*;

fn at(d: Date, hour: u8, minute: u8) -> LocalNow {
    LocalNow {
        date: d,
        time: TimeOfDay::new(hour, minute).unwrap_or(TimeOfDay::MIDNIGHT),
    }
}

#[test]
fn the_calendar_of_the_tests() {
    assert_eq!(Weekday::of(date(2026, 12, 8)), Weekday::Tuesday);
    assert_eq!(Weekday::of(date(2026, 12, 11)), Weekday::Friday);
    assert_eq!(Weekday::of(date(2026, 12, 12)), Weekday::Saturday);
}

#[test]
fn happy_hour_across_midnight_belongs_to_the_evening_it_opened() {
    // Fridays 22:00 to 02:00.
    let schedule = Schedule {
        weekdays: vec![Weekday::Friday],
        hours: Some(Hours {
            start: TimeOfDay::new(22, 0).unwrap_or(TimeOfDay::MIDNIGHT),
            end: TimeOfDay::new(2, 0).unwrap_or(TimeOfDay::MIDNIGHT),
        }),
        ..Schedule::default()
    };
    let (fri, sat, thu) = (date(2026, 12, 11), date(2026, 12, 12), date(2026, 12, 10));
    let rows = [
        (at(fri, 21, 59), false),
        (at(fri, 22, 0), true),
        (at(fri, 23, 59), true),
        (at(sat, 0, 0), true),
        (at(sat, 1, 59), true),
        (at(sat, 2, 0), false),
        (at(sat, 23, 0), false),
        // Friday 01:00 belongs to Thursday's evening.
        (at(fri, 1, 0), false),
        (at(thu, 23, 0), false),
    ];
    for (now, open) in rows {
        assert_eq!(schedule.is_open(now), open, "{now:?}");
    }
    // Through the engine: the happy hour's 50 % applies at 01:30 on Saturday only.
    let mut p = percent_off(1, items(&[1]), "50");
    p.schedule = schedule;
    for (now, discount) in [(at(sat, 1, 30), 500), (at(sat, 12, 0), 0)] {
        let mut c = ctx();
        c.now = now;
        let r = evaluate(vec![p.clone()], &[line(1, 1, 1000, 1)], &c);
        assert_eq!(line_discounts(&r), [discount], "{now:?}");
    }
}

#[test]
fn date_ranges_include_both_days() {
    let schedule = Schedule {
        from: Some(date(2026, 12, 1)),
        until: Some(date(2026, 12, 24)),
        ..Schedule::default()
    };
    let rows = [
        (at(date(2026, 11, 30), 23, 59), false),
        (at(date(2026, 12, 1), 0, 0), true),
        (at(date(2026, 12, 24), 23, 59), true),
        (at(date(2026, 12, 25), 0, 0), false),
    ];
    for (now, open) in rows {
        assert_eq!(schedule.is_open(now), open, "{now:?}");
    }
    // With evening hours, the night after the last day still belongs to it.
    let late = Schedule {
        hours: Some(Hours {
            start: TimeOfDay::new(22, 0).unwrap_or(TimeOfDay::MIDNIGHT),
            end: TimeOfDay::new(2, 0).unwrap_or(TimeOfDay::MIDNIGHT),
        }),
        ..schedule
    };
    assert!(late.is_open(at(date(2026, 12, 25), 1, 0)));
    assert!(!late.is_open(at(date(2026, 12, 1), 1, 0)));
    // Daytime hours: start inclusive, end exclusive.
    let lunch = Schedule {
        hours: Some(Hours {
            start: TimeOfDay::new(12, 0).unwrap_or(TimeOfDay::MIDNIGHT),
            end: TimeOfDay::new(14, 0).unwrap_or(TimeOfDay::MIDNIGHT),
        }),
        ..Schedule::default()
    };
    let d = date(2026, 12, 8);
    assert!(!lunch.is_open(at(d, 11, 59)));
    assert!(lunch.is_open(at(d, 12, 0)));
    assert!(!lunch.is_open(at(d, 14, 0)));
    assert_eq!(LocalNow::from_civil(d.at(13, 59, 59, 0)), at(d, 13, 59));
}

#[test]
fn tiers_reserve_a_promotion() {
    let mut p = percent_off(1, items(&[1]), "10");
    p.tiers = vec!["gold".into(), "platinum".into()];
    let customer = |tier: Option<&str>| Customer {
        id: id(77),
        tier: tier.map(str::to_owned),
    };
    let rows = [
        (None, 0),
        (Some(customer(None)), 0),
        (Some(customer(Some("silver"))), 0),
        (Some(customer(Some("gold"))), 100),
        (Some(customer(Some("platinum"))), 100),
    ];
    for (who, discount) in rows {
        let mut c = ctx();
        c.customer = who.clone();
        let r = evaluate(vec![p.clone()], &[line(1, 1, 1000, 1)], &c);
        assert_eq!(line_discounts(&r), [discount], "{who:?}");
    }
}

fn entered(code: &str, used_total: u32, used_by_customer: u32) -> EnteredCoupon {
    EnteredCoupon {
        code: code.into(),
        used_total,
        used_by_customer,
    }
}

#[test]
fn coupons_apply_once_entered_and_within_their_limits() {
    let single = with_coupon(
        percent_off(1, items(&[1]), "10"),
        "WELCOME",
        CouponUses::SingleUse,
    );
    let multi = with_coupon(
        percent_off(2, items(&[1]), "10"),
        "SPRING",
        CouponUses::MultiUse {
            max_uses: Some(100),
        },
    );
    let per_customer = with_coupon(
        percent_off(3, items(&[1]), "10"),
        "LOYAL",
        CouponUses::PerCustomer {
            max_per_customer: 1,
        },
    );
    let alice = Some(Customer {
        id: id(77),
        tier: None,
    });
    type Row = (EnteredCoupon, Option<Customer>, CouponStatus);
    let applied = |n| CouponStatus::Applied {
        promotion_id: id(n),
    };
    let refused = |reason| CouponStatus::Rejected { reason };
    let rows: Vec<Row> = vec![
        (entered(" welcome ", 0, 0), None, applied(1)),
        (
            entered("WELCOME", 1, 0),
            None,
            refused(CouponRejection::AlreadyUsed),
        ),
        (entered("SPRING", 99, 0), None, applied(2)),
        (
            entered("SPRING", 100, 0),
            None,
            refused(CouponRejection::UsageLimitReached),
        ),
        (entered("LOYAL", 50, 0), alice.clone(), applied(3)),
        (
            entered("LOYAL", 50, 1),
            alice.clone(),
            refused(CouponRejection::CustomerLimitReached),
        ),
        (
            entered("LOYAL", 0, 0),
            None,
            refused(CouponRejection::NeedsCustomer),
        ),
        (
            entered("NOPE", 0, 0),
            None,
            refused(CouponRejection::UnknownCode),
        ),
    ];
    for (coupon, customer, status) in rows {
        let mut c = ctx();
        c.customer = customer;
        c.coupons = vec![coupon.clone()];
        let r = evaluate(
            vec![single.clone(), multi.clone(), per_customer.clone()],
            &[line(1, 1, 1000, 1)],
            &c,
        );
        assert_eq!(r.coupons.len(), 1);
        assert_eq!(r.coupons[0].code, coupon.code);
        assert_eq!(r.coupons[0].status, status, "{coupon:?}");
        let expected = if matches!(status, CouponStatus::Applied { .. }) {
            100
        } else {
            0
        };
        assert_eq!(line_discounts(&r), [expected], "{coupon:?}");
    }
    // Without the code, a coupon promotion never applies.
    let r = evaluate(vec![single], &[line(1, 1, 1000, 1)], &ctx());
    assert_eq!(line_discounts(&r), [0]);
    assert!(r.coupons.is_empty());
}

#[test]
fn a_coupon_that_gives_nothing_says_why() {
    let coupon = with_coupon(
        percent_off(1, items(&[9]), "10"),
        "NINE",
        CouponUses::SingleUse,
    );
    let mut timed = with_coupon(
        percent_off(2, items(&[1]), "10"),
        "LATE",
        CouponUses::SingleUse,
    );
    timed.schedule.hours = Some(Hours {
        start: TimeOfDay::new(20, 0).unwrap_or(TimeOfDay::MIDNIGHT),
        end: TimeOfDay::new(22, 0).unwrap_or(TimeOfDay::MIDNIGHT),
    });
    let mut gold = with_coupon(
        percent_off(3, items(&[1]), "10"),
        "GOLD",
        CouponUses::SingleUse,
    );
    gold.tiers = vec!["gold".into()];
    // Exclusive 5 % coupon against an exclusive automatic 20 %: the customer keeps the 20 %.
    let weak = with_coupon(
        percent_off(4, items(&[1]), "5"),
        "WEAK",
        CouponUses::SingleUse,
    );
    let strong = percent_off(5, items(&[1]), "20");
    let mut c = ctx();
    c.coupons = ["NINE", "LATE", "GOLD", "WEAK"]
        .iter()
        .map(|code| entered(code, 0, 0))
        .collect();
    let r = evaluate(
        vec![coupon, timed, gold, weak, strong],
        &[line(1, 1, 1000, 1)],
        &c,
    );
    let reasons: Vec<CouponStatus> = r.coupons.iter().map(|o| o.status.clone()).collect();
    assert_eq!(
        reasons,
        [
            CouponRejection::NothingQualifies,
            CouponRejection::NotActiveNow,
            CouponRejection::NotForThisTier,
            CouponRejection::BetterOfferApplied,
        ]
        .map(|reason| CouponStatus::Rejected { reason })
    );
    assert_eq!(applied_ids(&r), [5]);
    assert_eq!(
        serde_json::to_value(&r.coupons[3]).ok(),
        Some(
            serde_json::json!({"code": "WEAK", "status": "rejected", "reason": "better_offer_applied"})
        )
    );
}
