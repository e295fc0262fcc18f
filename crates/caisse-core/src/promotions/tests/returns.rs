//! Returns refund what a unit really cost, promotions shared by a group included.

use super::*;

fn sold(r: &PromotionResult, index: usize, pieces: i64) -> SoldLine {
    SoldLine::from_result(&r.lines[index], Quantity::from_milli(pieces * 1000))
}

fn refunded(line: &SoldLine, milli: i64) -> i64 {
    match refund(line, Quantity::from_milli(milli)) {
        Ok(r) => r.amount.minor(),
        Err(e) => panic!("refund refused: {e}"),
    }
}

#[test]
fn a_returned_item_of_a_bundle_refunds_its_share() {
    // Three items of 4.00 as a bundle for 10.00: 2.00 off shared 67, 67, 66, so they cost
    // 3.33, 3.33 and 3.34. Returning the third refunds 3.34, not 4.00.
    let bundle = promo(
        1,
        PromotionKind::Bundle {
            components: vec![
                BundleComponent {
                    target: items(&[1]),
                    quantity: 1,
                },
                BundleComponent {
                    target: items(&[2]),
                    quantity: 1,
                },
                BundleComponent {
                    target: items(&[3]),
                    quantity: 1,
                },
            ],
            price: eur(1000),
        },
    );
    let r = evaluate(
        vec![bundle],
        &[line(1, 1, 400, 1), line(2, 2, 400, 1), line(3, 3, 400, 1)],
        &ctx(),
    );
    assert_eq!(line_discounts(&r), [67, 67, 66]);
    let third = sold(&r, 2, 1);
    let back = refund(&third, Quantity::ONE);
    assert_eq!(
        back.as_ref()
            .map(|b| (b.base.minor(), b.discount.minor(), b.amount.minor())),
        Ok((400, 66, 334))
    );
    let all: i64 = (0..3).map(|i| refunded(&sold(&r, i, 1), 1000)).sum();
    assert_eq!(all, 1000);
}

#[test]
fn buy_two_get_one_with_the_free_one_returned() {
    // 10.00, 10.00 and 5.00 (free): 5.00 shared 2.00, 2.00, 1.00, so the "free" item cost
    // 4.00 and returning it refunds 4.00; a 10.00 one refunds 8.00.
    let p = promo(
        1,
        PromotionKind::BuyXGetY {
            target: items(&[1, 2, 3]),
            buy: 2,
            get: 1,
            percent: Percent::FULL,
        },
    );
    let r = evaluate(
        vec![p.clone()],
        &[line(1, 1, 1000, 1), line(2, 2, 1000, 1), line(3, 3, 500, 1)],
        &ctx(),
    );
    assert_eq!(refunded(&sold(&r, 2, 1), 1000), 400);
    assert_eq!(refunded(&sold(&r, 0, 1), 1000), 800);
    // All three on one line at 1.00: 2.00 paid for 3 pieces → 0.67, 0.67, 0.66 one by one.
    let r = evaluate(vec![p], &[line(1, 1, 100, 3)], &ctx());
    let mut line = sold(&r, 0, 3);
    let mut refunds = Vec::new();
    for _ in 0..3 {
        refunds.push(refunded(&line, 1000));
        line.returned = Quantity::from_milli(line.returned.milli() + 1000);
    }
    assert_eq!(refunds, [67, 67, 66]);
    // Nothing is left to return.
    assert_eq!(
        refund(&line, Quantity::ONE).err(),
        Some(PromotionError::ReturnExceedsSold {
            line: 1,
            asked: 1000,
            left: 0
        })
    );
    // Two at once then one: the same total.
    line.returned = Quantity::ZERO;
    assert_eq!(refunded(&line, 2000), 134);
}

#[test]
fn weighed_goods_refund_by_the_thousandth() {
    // 1.234 kg paid 4.93: returning 0.500 kg refunds ⌊493 × 500 / 1234⌋ = ⌊199.75⌋ = 1.99,
    // the remaining 0.734 kg the other 2.94.
    let mut line = SoldLine {
        line: 4,
        quantity: Quantity::from_milli(1234),
        base: eur(493),
        discount: eur(0),
        returned: Quantity::ZERO,
    };
    assert_eq!(refunded(&line, 500), 199);
    line.returned = Quantity::from_milli(500);
    assert_eq!(refunded(&line, 734), 294);
    assert!(refund(&line, Quantity::from_milli(735)).is_err());
    assert!(refund(&line, Quantity::ZERO).is_err());
    assert!(refund(&line, Quantity::from_milli(-1)).is_err());
}
