//! Tests of the promotions engine: hand-computed baskets for every kind, stacking, time
//! windows, tiers, coupons, returns, JSON shapes, and proptest for the invariants.

mod conditions;
mod kinds;
mod props;
mod returns;
mod stacking;

use jiff::civil::date;
use uuid::Uuid;

use super::*;
use crate::money::{Currency, Money, Quantity, Rounding};

fn id(n: u128) -> Uuid {
    Uuid::from_u128(n)
}

fn eur(minor: i64) -> Money {
    Money::new(minor, Currency::EUR)
}

/// Categories: 100 Drinks > 101 Juice; 200 Bakery.
const DRINKS: u128 = 100;
const JUICE: u128 = 101;
const BAKERY: u128 = 200;

/// A line of `pieces` whole pieces of item `item` at `price`, in no category.
fn line(no: u32, item: u128, price: i64, pieces: i64) -> BasketLine {
    BasketLine {
        line: no,
        item_id: Some(id(item)),
        category_path: Vec::new(),
        brand: None,
        unit_price: eur(price),
        quantity: Quantity::from_milli(pieces * 1000),
        weighed: false,
        excluded: false,
    }
}

/// A weighed line: `milli` thousandths of a kilogram at `price` per kilogram.
fn weighed(no: u32, item: u128, price: i64, milli: i64) -> BasketLine {
    BasketLine {
        quantity: Quantity::from_milli(milli),
        weighed: true,
        ..line(no, item, price, 0)
    }
}

fn in_category(mut l: BasketLine, path: &[u128]) -> BasketLine {
    l.category_path = path.iter().map(|&c| id(c)).collect();
    l
}

fn of_brand(mut l: BasketLine, brand: &str) -> BasketLine {
    l.brand = Some(brand.to_owned());
    l
}

fn pct(text: &str) -> Percent {
    match text.parse() {
        Ok(p) => p,
        Err(e) => panic!("bad percent {text:?} in a test: {e}"),
    }
}

fn items(ids: &[u128]) -> Target {
    Target(ids.iter().map(|&i| Selector::Item { id: id(i) }).collect())
}

fn category(c: u128) -> Target {
    Target(vec![Selector::Category { id: id(c) }])
}

fn brand(name: &str) -> Target {
    Target(vec![Selector::Brand { name: name.into() }])
}

/// An exclusive promotion, priority 0, always on, for everyone.
fn promo(n: u128, kind: PromotionKind) -> Promotion {
    Promotion {
        id: id(n),
        name: format!("promo {n}"),
        priority: 0,
        stacking: Stacking::Exclusive,
        kind,
        schedule: Schedule::default(),
        tiers: Vec::new(),
        coupon: None,
    }
}

fn stacking(mut p: Promotion, stacking: Stacking, priority: i32) -> Promotion {
    p.stacking = stacking;
    p.priority = priority;
    p
}

fn with_coupon(mut p: Promotion, code: &str, uses: CouponUses) -> Promotion {
    p.coupon = Some(CouponRule {
        code: code.into(),
        uses,
    });
    p
}

fn percent_off(n: u128, target: Target, p: &str) -> Promotion {
    promo(
        n,
        PromotionKind::ItemDiscount {
            target,
            benefit: Benefit::Percent(pct(p)),
        },
    )
}

fn amount_off(n: u128, target: Target, minor: i64) -> Promotion {
    promo(
        n,
        PromotionKind::ItemDiscount {
            target,
            benefit: Benefit::AmountOff(eur(minor)),
        },
    )
}

/// Tuesday 2026-12-08 at noon, no customer, no coupon, half-up.
fn ctx() -> Context {
    Context {
        now: LocalNow {
            date: date(2026, 12, 8),
            time: TimeOfDay::new(12, 0).unwrap_or(TimeOfDay::MIDNIGHT),
        },
        customer: None,
        coupons: Vec::new(),
        rounding: Rounding::HalfUp,
        search_budget: None,
    }
}

fn set(promotions: Vec<Promotion>) -> PromotionSet {
    match PromotionSet::new(Currency::EUR, promotions) {
        Ok(s) => s,
        Err(e) => panic!("promotion set refused: {e}"),
    }
}

fn evaluate(promotions: Vec<Promotion>, basket: &[BasketLine], ctx: &Context) -> PromotionResult {
    match set(promotions).evaluate(basket, ctx) {
        Ok(r) => r,
        Err(e) => panic!("evaluation failed: {e}"),
    }
}

/// The discount of each line, in basket order.
fn line_discounts(r: &PromotionResult) -> Vec<i64> {
    r.lines.iter().map(|l| l.discount.minor()).collect()
}

/// The ids (as numbers) of the promotions applied, in application order.
fn applied_ids(r: &PromotionResult) -> Vec<u128> {
    r.applied.iter().map(|a| a.promotion_id.as_u128()).collect()
}

#[test]
fn error_codes_are_stable() {
    let cases = [
        (
            PromotionError::InvalidPromotion {
                id: id(1),
                reason: "r",
            },
            "invalid_promotion",
        ),
        (
            PromotionError::DuplicatePromotion { id: id(1) },
            "duplicate_promotion",
        ),
        (
            PromotionError::InvalidPercent { input: "x".into() },
            "invalid_percent",
        ),
        (
            PromotionError::CurrencyMismatch {
                line: 1,
                expected: Currency::EUR,
                found: Currency::USD,
            },
            "currency_mismatch",
        ),
        (PromotionError::DuplicateLine { line: 1 }, "duplicate_line"),
        (PromotionError::TooManyLines { max: 1 }, "too_many_lines"),
        (
            PromotionError::ReturnExceedsSold {
                line: 1,
                asked: 1,
                left: 0,
            },
            "return_exceeds_sold",
        ),
        (PromotionError::Overflow, "amount_overflow"),
    ];
    for (error, code) in cases {
        assert_eq!(error.code(), code, "{error}");
    }
}

#[test]
fn percentages_parse_strictly() {
    let good = [
        ("10", 100_000),
        ("12.5", 125_000),
        ("100", 1_000_000),
        ("0.0001", 1),
    ];
    for (text, units) in good {
        assert_eq!(
            text.parse::<Percent>().map(Percent::units),
            Ok(units),
            "{text}"
        );
    }
    for bad in [
        "0", "100.0001", "-5", "1e2", "", ".5", "5.", "12,5", "0.00001", "abc",
    ] {
        assert!(bad.parse::<Percent>().is_err(), "{bad:?} accepted");
    }
    assert_eq!(pct("12.50").to_string(), "12.5");
}

#[test]
fn invalid_promotions_are_refused_with_their_reason() {
    let usd = Money::new(100, Currency::USD);
    let cases: Vec<Promotion> = vec![
        percent_off(1, Target(Vec::new()), "10"),
        amount_off(2, items(&[1]), 0),
        promo(
            3,
            PromotionKind::ItemDiscount {
                target: items(&[1]),
                benefit: Benefit::AmountOff(usd),
            },
        ),
        promo(
            4,
            PromotionKind::BuyXGetY {
                target: items(&[1]),
                buy: 0,
                get: 1,
                percent: Percent::FULL,
            },
        ),
        promo(
            5,
            PromotionKind::MixAndMatch {
                target: items(&[1]),
                count: 1,
                price: eur(100),
            },
        ),
        promo(
            6,
            PromotionKind::Bundle {
                components: vec![BundleComponent {
                    target: items(&[1]),
                    quantity: 0,
                }],
                price: eur(100),
            },
        ),
        promo(
            7,
            PromotionKind::QuantityTiers {
                target: items(&[1]),
                tiers: Vec::new(),
            },
        ),
        with_coupon(
            percent_off(8, items(&[1]), "5"),
            "  ",
            CouponUses::SingleUse,
        ),
        {
            let mut p = percent_off(9, items(&[1]), "5");
            p.schedule.from = Some(date(2026, 12, 10));
            p.schedule.until = Some(date(2026, 12, 9));
            p
        },
    ];
    for p in cases {
        let n = p.id.as_u128();
        let err = PromotionSet::new(Currency::EUR, vec![p]).err();
        assert!(
            matches!(err, Some(PromotionError::InvalidPromotion { id: bad, .. }) if bad == id(n)),
            "promotion {n}: {err:?}"
        );
    }
    let twice = vec![
        percent_off(1, items(&[1]), "5"),
        percent_off(1, items(&[2]), "5"),
    ];
    assert_eq!(
        PromotionSet::new(Currency::EUR, twice).err(),
        Some(PromotionError::DuplicatePromotion { id: id(1) })
    );
}

#[test]
fn bad_baskets_are_refused() {
    let s = set(vec![percent_off(1, items(&[1]), "10")]);
    let mut usd = line(1, 1, 100, 1);
    usd.unit_price = Money::new(100, Currency::USD);
    assert!(matches!(
        s.evaluate(&[usd], &ctx()),
        Err(PromotionError::CurrencyMismatch { line: 1, .. })
    ));
    assert_eq!(
        s.evaluate(&[line(1, 1, 100, 1), line(1, 2, 100, 1)], &ctx())
            .err(),
        Some(PromotionError::DuplicateLine { line: 1 })
    );
}

#[test]
fn excluded_returned_and_open_price_lines_get_nothing() {
    let mut manual = line(1, 1, 1000, 1);
    manual.excluded = true;
    let returned = line(2, 1, 1000, -1);
    let mut open_price = line(3, 1, 1000, 1);
    open_price.item_id = None;
    let r = evaluate(
        vec![percent_off(1, items(&[1]), "10")],
        &[manual, returned, open_price, line(4, 1, 1000, 1)],
        &ctx(),
    );
    assert_eq!(line_discounts(&r), [0, 0, 0, 100]);
    // The return keeps its negative base; the open-price line keeps its price.
    assert_eq!(r.lines[1].total, eur(-1000));
    assert_eq!(r.subtotal, eur(2000));
    assert_eq!(r.total, eur(1900));
}

#[test]
fn results_and_rules_travel_as_json() -> Result<(), serde_json::Error> {
    let rule = r#"{
        "id": "00000000-0000-0000-0000-000000000007",
        "name": "Happy hour",
        "priority": 5,
        "stacking": "with_coupons_only",
        "kind": {"type": "buy_x_get_y", "target": [{"by": "category", "id": "00000000-0000-0000-0000-000000000064"}],
                 "buy": 2, "get": 1, "percent": "100"},
        "schedule": {"from": "2026-12-01", "until": "2026-12-31", "weekdays": ["friday"],
                     "hours": {"start": "22:00", "end": "02:00"}},
        "tiers": ["gold"],
        "coupon": {"code": "NIGHT", "uses": {"type": "per_customer", "max_per_customer": 2}}
    }"#;
    let p: Promotion = serde_json::from_str(rule)?;
    assert_eq!(p.stacking, Stacking::WithCouponsOnly);
    assert_eq!(
        p.schedule.hours.map(|h| h.end.to_string()),
        Some("02:00".into())
    );
    let again: Promotion = serde_json::from_str(&serde_json::to_string(&p)?)?;
    assert_eq!(again, p);
    assert!(serde_json::from_str::<Promotion>(&rule.replace("\"100\"", "100.0")).is_err());
    assert!(serde_json::from_str::<Promotion>(&rule.replace("22:00", "22h")).is_err());
    // The explanation of a line discount, as a receipt or display receives it.
    let r = evaluate(
        vec![promo(
            1,
            PromotionKind::BuyXGetY {
                target: items(&[1]),
                buy: 2,
                get: 1,
                percent: Percent::FULL,
            },
        )],
        &[line(1, 1, 100, 3)],
        &ctx(),
    );
    let json = serde_json::to_value(&r)?;
    assert_eq!(
        json["lines"][0]["discounts"][0]["explanation"],
        serde_json::json!({"kind": "buy_x_get_y", "buy": 2, "get": 1, "percent": "100"})
    );
    assert_eq!(
        json["lines"][0]["discounts"][0]["amount"],
        serde_json::json!({"amount": 100, "currency": "EUR"})
    );
    assert_eq!(json["discount_total"]["amount"], 100);
    let back: PromotionResult = serde_json::from_value(json)?;
    assert_eq!(back, r);
    Ok(())
}

#[test]
fn explanations_read_in_english_and_french() {
    use crate::money::Locale;
    let rows: Vec<(Explanation, &str, &str)> = vec![
        (
            Explanation::BuyXGetY {
                buy: 2,
                get: 1,
                percent: Percent::FULL,
            },
            "Buy 2 get 1 free",
            "2 achetés, 1 offert",
        ),
        (
            Explanation::PercentOff {
                percent: pct("12.5"),
            },
            "12.5% off",
            "Remise 12,5 %",
        ),
        (
            Explanation::MixAndMatch {
                count: 3,
                price: eur(1000),
            },
            "Any 3 for €10.00",
            "3 au choix pour 10,00\u{a0}€",
        ),
        (
            Explanation::SpendThreshold {
                min_spend: eur(5000),
                benefit: ThresholdBenefit::AmountOff(eur(500)),
            },
            "€5.00 off when you spend €50.00",
            "-5,00\u{a0}€ dès 50,00\u{a0}€ d'achat",
        ),
    ];
    for (e, en, fr) in rows {
        assert_eq!(e.text(Locale::EnGb).replace('£', "€"), en);
        assert_eq!(e.text(Locale::FrFr), fr);
    }
}

/// "Money is integers": no float type may appear in the promotions code.
#[test]
fn no_float_types_in_promotions_code() {
    let sources = [
        include_str!("../mod.rs"),
        include_str!("../rule.rs"),
        include_str!("../eligibility.rs"),
        include_str!("../kinds.rs"),
        include_str!("../search.rs"),
        include_str!("../engine.rs"),
        include_str!("../refund.rs"),
        include_str!("../explain.rs"),
        include_str!("../error.rs"),
    ];
    for text in sources {
        let found = text
            .split(|c: char| !c.is_ascii_alphanumeric() && c != '_')
            .any(|word| word == "f32" || word == "f64");
        assert!(!found);
    }
}
