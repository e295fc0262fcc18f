//! Stock as the domain sees it: kinds of movement, adjustment reasons, the negative-stock
//! policy, the low-stock rule, and the stock adjustment document whose lines become movements.
//! Quantities are signed thousandths of the item's unit (weighed goods to the gram), never
//! floating point.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Why stock moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MovementKind {
    /// Sold at a till.
    Sale,
    /// Brought back by a customer.
    Return,
    /// Received from a supplier.
    Receipt,
    /// Corrected by hand, with a reason.
    Adjustment,
    /// Set by a stock count.
    Count,
    /// Sent to another location or store.
    TransferOut,
    /// Received from another location or store.
    TransferIn,
}

impl MovementKind {
    /// Every kind.
    pub const ALL: [MovementKind; 7] = [
        MovementKind::Sale,
        MovementKind::Return,
        MovementKind::Receipt,
        MovementKind::Adjustment,
        MovementKind::Count,
        MovementKind::TransferOut,
        MovementKind::TransferIn,
    ];

    /// The stored and wire name.
    pub const fn as_str(self) -> &'static str {
        match self {
            MovementKind::Sale => "sale",
            MovementKind::Return => "return",
            MovementKind::Receipt => "receipt",
            MovementKind::Adjustment => "adjustment",
            MovementKind::Count => "count",
            MovementKind::TransferOut => "transfer_out",
            MovementKind::TransferIn => "transfer_in",
        }
    }

    /// Reads a stored name.
    pub fn parse(s: &str) -> Option<MovementKind> {
        MovementKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// Why stock was adjusted by hand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AdjustmentReason {
    /// Broken or spoiled goods.
    Damage,
    /// Stolen goods.
    Theft,
    /// Past their date.
    Expiry,
    /// The figure was wrong.
    Correction,
    /// Anything else (say what in the note).
    Other,
}

impl AdjustmentReason {
    /// Every reason.
    pub const ALL: [AdjustmentReason; 5] = [
        AdjustmentReason::Damage,
        AdjustmentReason::Theft,
        AdjustmentReason::Expiry,
        AdjustmentReason::Correction,
        AdjustmentReason::Other,
    ];

    /// The stored and wire name.
    pub const fn as_str(self) -> &'static str {
        match self {
            AdjustmentReason::Damage => "damage",
            AdjustmentReason::Theft => "theft",
            AdjustmentReason::Expiry => "expiry",
            AdjustmentReason::Correction => "correction",
            AdjustmentReason::Other => "other",
        }
    }

    /// Reads a stored name.
    pub fn parse(s: &str) -> Option<AdjustmentReason> {
        AdjustmentReason::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// What a store does when a sale would take a location's stock below zero.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NegativeStock {
    /// Sell anyway; the level goes below zero and is flagged.
    #[default]
    Allow,
    /// Refuse the sale line.
    Refuse,
}

impl NegativeStock {
    /// The stored and wire name.
    pub const fn as_str(self) -> &'static str {
        match self {
            NegativeStock::Allow => "allow",
            NegativeStock::Refuse => "refuse",
        }
    }

    /// Reads a stored name.
    pub fn parse(s: &str) -> Option<NegativeStock> {
        [NegativeStock::Allow, NegativeStock::Refuse]
            .into_iter()
            .find(|k| k.as_str() == s)
    }

    /// Whether a change of `delta` leaving `after` on hand breaks the policy: only a change
    /// that takes stock down and leaves it below zero does (a return to a level already below
    /// zero never does).
    pub fn refuses(self, delta: i64, after: i64) -> bool {
        self == NegativeStock::Refuse && delta < 0 && after < 0
    }
}

/// Whether a change of `delta` leaving `after` on hand crossed the reorder point: from above
/// it to at or below it. Staying below, or going down from exactly the point, does not cross.
pub fn crossed_reorder_point(reorder_point: Option<i64>, delta: i64, after: i64) -> bool {
    match reorder_point {
        Some(rp) => after.saturating_sub(delta) > rp && after <= rp,
        None => false,
    }
}

/// The largest quantity one line may move, in thousandths (a million units).
pub const MAX_LINE_QUANTITY: i64 = 1_000_000_000;
/// The most lines one stock document may have.
pub const MAX_LINES: usize = 500;

/// One line of a stock adjustment: an item and how much it moves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdjustmentLine {
    /// The product or variant.
    pub item_id: Uuid,
    /// Its product.
    pub product_id: Uuid,
    /// Signed thousandths: negative takes stock out (damage), positive puts it in.
    pub quantity: i64,
    /// Cost of one unit, minor units (the item's cost when not given).
    pub unit_cost: Option<i64>,
}

/// Why an adjustment cannot be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AdjustmentError {
    /// No lines, or too many.
    #[error("an adjustment has 1 to {MAX_LINES} lines")]
    LineCount,
    /// A line moves nothing.
    #[error("line {0}: the quantity is zero")]
    ZeroQuantity(usize),
    /// A line moves more than [`MAX_LINE_QUANTITY`].
    #[error("line {0}: the quantity is too large")]
    QuantityTooLarge(usize),
    /// A negative unit cost.
    #[error("line {0}: the unit cost is negative")]
    NegativeCost(usize),
    /// The same item twice.
    #[error("line {0}: the item is already on line {1}")]
    DuplicateItem(usize, usize),
}

/// A stock adjustment: one location, one reason, lines that move stock in or out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StockAdjustment {
    /// Document id.
    pub id: Uuid,
    /// The store.
    pub store_id: Uuid,
    /// Where the stock moves.
    pub location_id: Uuid,
    /// Why.
    pub reason: AdjustmentReason,
    /// A free note.
    pub note: Option<String>,
    /// Who made it.
    pub user_id: Uuid,
    /// When, µs.
    pub at: i64,
    lines: Vec<AdjustmentLine>,
}

/// A movement a stock document derives, before it is stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DerivedMovement {
    /// Line number (from 1).
    pub line_no: i32,
    /// The product or variant.
    pub item_id: Uuid,
    /// Its product.
    pub product_id: Uuid,
    /// Why it moves.
    pub kind: MovementKind,
    /// The adjustment reason.
    pub reason: Option<AdjustmentReason>,
    /// Signed thousandths.
    pub quantity: i64,
    /// Cost of one unit, minor units.
    pub unit_cost: Option<i64>,
}

impl StockAdjustment {
    /// Makes an adjustment from its lines, checked: 1 to [`MAX_LINES`] lines, each item once,
    /// each quantity non-zero and at most [`MAX_LINE_QUANTITY`] either way, costs not negative.
    #[expect(
        clippy::too_many_arguments,
        reason = "the document's header fields; a struct would only rename them"
    )]
    pub fn new(
        id: Uuid,
        store_id: Uuid,
        location_id: Uuid,
        reason: AdjustmentReason,
        note: Option<String>,
        user_id: Uuid,
        at: i64,
        lines: Vec<AdjustmentLine>,
    ) -> Result<StockAdjustment, AdjustmentError> {
        if lines.is_empty() || lines.len() > MAX_LINES {
            return Err(AdjustmentError::LineCount);
        }
        for (i, l) in lines.iter().enumerate() {
            let n = i + 1;
            if l.quantity == 0 {
                return Err(AdjustmentError::ZeroQuantity(n));
            }
            if l.quantity.unsigned_abs() > MAX_LINE_QUANTITY.unsigned_abs() {
                return Err(AdjustmentError::QuantityTooLarge(n));
            }
            if l.unit_cost.is_some_and(|c| c < 0) {
                return Err(AdjustmentError::NegativeCost(n));
            }
            if let Some(j) = lines[..i].iter().position(|o| o.item_id == l.item_id) {
                return Err(AdjustmentError::DuplicateItem(n, j + 1));
            }
        }
        Ok(StockAdjustment {
            id,
            store_id,
            location_id,
            reason,
            note,
            user_id,
            at,
            lines,
        })
    }

    /// Its lines, in order.
    pub fn lines(&self) -> &[AdjustmentLine] {
        &self.lines
    }

    /// The movements it makes: one per line, numbered from 1.
    pub fn movements(&self) -> Vec<DerivedMovement> {
        self.lines
            .iter()
            .zip(1..)
            .map(|(l, line_no)| DerivedMovement {
                line_no,
                item_id: l.item_id,
                product_id: l.product_id,
                kind: MovementKind::Adjustment,
                reason: Some(self.reason),
                quantity: l.quantity,
                unit_cost: l.unit_cost,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(item: u128, q: i64) -> AdjustmentLine {
        AdjustmentLine {
            item_id: Uuid::from_u128(item),
            product_id: Uuid::from_u128(item),
            quantity: q,
            unit_cost: None,
        }
    }

    fn adjust(lines: Vec<AdjustmentLine>) -> Result<StockAdjustment, AdjustmentError> {
        let id = Uuid::from_u128(99);
        StockAdjustment::new(id, id, id, AdjustmentReason::Damage, None, id, 1, lines)
    }

    #[test]
    fn an_adjustment_refuses_empty_zero_huge_negative_cost_and_repeated_lines() {
        let cases: [(Vec<AdjustmentLine>, AdjustmentError); 5] = [
            (vec![], AdjustmentError::LineCount),
            (
                vec![line(1, 1000), line(2, 0)],
                AdjustmentError::ZeroQuantity(2),
            ),
            (
                vec![line(1, MAX_LINE_QUANTITY + 1)],
                AdjustmentError::QuantityTooLarge(1),
            ),
            (
                vec![AdjustmentLine {
                    unit_cost: Some(-1),
                    ..line(1, 5)
                }],
                AdjustmentError::NegativeCost(1),
            ),
            (
                vec![line(1, 5), line(2, 5), line(1, -5)],
                AdjustmentError::DuplicateItem(3, 1),
            ),
        ];
        for (lines, want) in cases {
            assert_eq!(adjust(lines), Err(want));
        }
        let too_many = (0..=MAX_LINES as u128).map(|i| line(i + 1, 1)).collect();
        assert_eq!(adjust(too_many), Err(AdjustmentError::LineCount));
    }

    #[test]
    fn an_adjustment_derives_one_movement_per_line_with_its_reason() {
        let a = adjust(vec![line(1, -1500), line(2, 3000)]).expect("valid");
        let m = a.movements();
        assert_eq!(m.len(), 2);
        assert_eq!((m[0].line_no, m[0].quantity), (1, -1500));
        assert_eq!((m[1].line_no, m[1].quantity), (2, 3000));
        assert!(
            m.iter().all(|m| m.kind == MovementKind::Adjustment
                && m.reason == Some(AdjustmentReason::Damage))
        );
    }

    #[test]
    fn the_reorder_point_is_crossed_only_from_above_to_at_or_below() {
        // (reorder point, delta, after, crossed)
        let cases = [
            (Some(5000), -1000, 5000, true),
            (Some(5000), -2000, 4000, true),
            (Some(5000), -1000, 4000, false), // was exactly at the point: not above it
            (Some(5000), -1000, 6000, false),
            (Some(5000), -1000, 3000, false), // was 4000: already below
            (Some(5000), 1000, 5000, false),  // going up
            (None, -1000, -1000, false),
            (Some(0), -2000, -1000, true),
        ];
        for (rp, delta, after, crossed) in cases {
            assert_eq!(
                crossed_reorder_point(rp, delta, after),
                crossed,
                "{rp:?} {delta} {after}"
            );
        }
    }

    #[test]
    fn refuse_stops_only_what_takes_stock_below_zero() {
        let p = NegativeStock::Refuse;
        assert!(p.refuses(-1000, -1));
        assert!(!p.refuses(-1000, 0));
        assert!(
            !p.refuses(1000, -5000),
            "a return to a negative level goes through"
        );
        assert!(!NegativeStock::Allow.refuses(-1000, -1000));
    }

    #[test]
    fn names_read_back() {
        for k in MovementKind::ALL {
            assert_eq!(MovementKind::parse(k.as_str()), Some(k));
        }
        for r in AdjustmentReason::ALL {
            assert_eq!(AdjustmentReason::parse(r.as_str()), Some(r));
        }
        assert_eq!(NegativeStock::parse("refuse"), Some(NegativeStock::Refuse));
        assert_eq!(MovementKind::parse("nope"), None);
    }
}
