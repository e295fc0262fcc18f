//! Purchasing: the life of a purchase order (which status may follow which), and the moving
//! weighted average cost a receipt gives an item. Pure: the caller gives the numbers.

use std::fmt;

/// Where a purchase order is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PoStatus {
    /// Being written: lines may change.
    Draft,
    /// Sent to the supplier: waiting for the delivery.
    Sent,
    /// Some of it was received.
    PartiallyReceived,
    /// Every line was received in full (or more).
    Received,
    /// Done with: nothing more is expected.
    Closed,
    /// Called off before anything was received.
    Cancelled,
}

/// What someone does to a purchase order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PoAction {
    /// Send it to the supplier.
    Send,
    /// Call it off.
    Cancel,
    /// Expect nothing more.
    Close,
    /// Receive goods (`complete`: every line is now received in full).
    Receive {
        /// Whether every line is now received in full.
        complete: bool,
    },
}

/// A status change the life of a purchase order does not allow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TransitionError {
    /// The status it is in.
    pub from: PoStatus,
    /// What was asked.
    pub action: PoAction,
}

impl fmt::Display for TransitionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.action {
            PoAction::Send => "sent",
            PoAction::Cancel => "cancelled",
            PoAction::Close => "closed",
            PoAction::Receive { .. } => "received",
        };
        let allowed = match self.action {
            PoAction::Send => "only a draft can be sent",
            PoAction::Cancel => "only a draft or a sent order can be cancelled",
            PoAction::Close => "only a sent or (partially) received order can be closed",
            PoAction::Receive { .. } => "only a sent or partially received order can be received",
        };
        write!(
            f,
            "a {} purchase order cannot be {what}: {allowed}",
            self.from.as_str().replace('_', " ")
        )
    }
}

impl std::error::Error for TransitionError {}

impl PoStatus {
    /// Every status, in the order of a purchase order's life.
    pub const ALL: [PoStatus; 6] = [
        PoStatus::Draft,
        PoStatus::Sent,
        PoStatus::PartiallyReceived,
        PoStatus::Received,
        PoStatus::Closed,
        PoStatus::Cancelled,
    ];

    /// The stored and API form (`partially_received`).
    pub fn as_str(self) -> &'static str {
        match self {
            PoStatus::Draft => "draft",
            PoStatus::Sent => "sent",
            PoStatus::PartiallyReceived => "partially_received",
            PoStatus::Received => "received",
            PoStatus::Closed => "closed",
            PoStatus::Cancelled => "cancelled",
        }
    }

    /// Reads the stored form.
    pub fn parse(s: &str) -> Option<PoStatus> {
        PoStatus::ALL.into_iter().find(|p| p.as_str() == s)
    }

    /// Whether its lines may still change.
    pub fn editable(self) -> bool {
        self == PoStatus::Draft
    }

    /// Whether goods are still expected (its lines count as on order).
    pub fn open(self) -> bool {
        matches!(
            self,
            PoStatus::Draft | PoStatus::Sent | PoStatus::PartiallyReceived
        )
    }

    /// The status after `action`, or why it is refused.
    pub fn next(self, action: PoAction) -> Result<PoStatus, TransitionError> {
        use PoStatus as S;
        let next = match (self, action) {
            (S::Draft, PoAction::Send) => Some(S::Sent),
            (S::Draft | S::Sent, PoAction::Cancel) => Some(S::Cancelled),
            (S::Sent | S::PartiallyReceived | S::Received, PoAction::Close) => Some(S::Closed),
            (S::Sent | S::PartiallyReceived, PoAction::Receive { complete }) => Some(if complete {
                S::Received
            } else {
                S::PartiallyReceived
            }),
            _ => None,
        };
        next.ok_or(TransitionError { from: self, action })
    }
}

/// The cost of one unit after a receipt, by moving weighted average, in minor units:
/// `(cost_before × on_hand_before + received_cost × received) / (on_hand_before + received)`,
/// rounded half up to a minor unit. Quantities are thousandths (their unit cancels out).
/// When nothing was on hand before (≤ 0), or no cost was known, or nothing is received, the
/// received cost is the new cost.
pub fn weighted_average_cost(
    cost_before: Option<i64>,
    on_hand_before: i64,
    received_cost: i64,
    received: i64,
) -> i64 {
    let Some(before) = cost_before else {
        return received_cost;
    };
    if on_hand_before <= 0 || received <= 0 {
        return received_cost;
    }
    let value = i128::from(before) * i128::from(on_hand_before)
        + i128::from(received_cost) * i128::from(received);
    let qty = i128::from(on_hand_before) + i128::from(received);
    // Half up: both are positive, so (2v + q) / 2q rounds the quotient half up.
    let avg = (2 * value + qty) / (2 * qty);
    i64::try_from(avg).unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_purchase_order_follows_its_life_and_refuses_the_rest() {
        use PoAction as A;
        use PoStatus as S;
        let allowed = [
            (S::Draft, A::Send, S::Sent),
            (S::Draft, A::Cancel, S::Cancelled),
            (S::Sent, A::Cancel, S::Cancelled),
            (
                S::Sent,
                A::Receive { complete: false },
                S::PartiallyReceived,
            ),
            (S::Sent, A::Receive { complete: true }, S::Received),
            (
                S::PartiallyReceived,
                A::Receive { complete: false },
                S::PartiallyReceived,
            ),
            (
                S::PartiallyReceived,
                A::Receive { complete: true },
                S::Received,
            ),
            (S::Sent, A::Close, S::Closed),
            (S::PartiallyReceived, A::Close, S::Closed),
            (S::Received, A::Close, S::Closed),
        ];
        let actions = [
            A::Send,
            A::Cancel,
            A::Close,
            A::Receive { complete: false },
            A::Receive { complete: true },
        ];
        for from in S::ALL {
            for action in actions {
                let expected = allowed
                    .iter()
                    .find(|(f, a, _)| *f == from && *a == action)
                    .map(|(_, _, to)| *to);
                match (from.next(action), expected) {
                    (Ok(to), Some(e)) => assert_eq!(to, e, "{from:?} {action:?}"),
                    (Err(err), None) => assert!(!err.to_string().is_empty()),
                    (got, e) => panic!("{from:?} {action:?}: got {got:?}, expected {e:?}"),
                }
            }
        }
    }

    #[test]
    fn statuses_read_back() {
        for s in PoStatus::ALL {
            assert_eq!(PoStatus::parse(s.as_str()), Some(s));
        }
        assert_eq!(PoStatus::parse("lost"), None);
    }

    #[test]
    fn the_weighted_average_cost_is_hand_checked() {
        // (cost before, on hand before (milli), received cost, received (milli), expected)
        let cases = [
            // 10 at 2.00 + 30 at 3.00 = 20 + 90 = 110 / 40 = 2.75
            (Some(200), 10_000, 300, 30_000, 275),
            // 1 at 1.00 + 2 at 2.00 = 5.00 / 3 = 1.6666 -> 1.67 (half up)
            (Some(100), 1_000, 200, 2_000, 167),
            // 2 at 1.00 + 1 at 2.00 = 4.00 / 3 = 1.3333 -> 1.33
            (Some(100), 2_000, 200, 1_000, 133),
            // 1 at 0.01 + 1 at 0.02 = 0.03 / 2 = 0.015 -> 0.02 (half up)
            (Some(1), 1_000, 2, 1_000, 2),
            // nothing on hand before: the received cost
            (Some(500), 0, 300, 4_000, 300),
            // below zero before: the received cost
            (Some(500), -3_000, 300, 4_000, 300),
            // no cost known before: the received cost
            (None, 8_000, 300, 4_000, 300),
            // weighed: 0.500 kg at 12.00 + 1.500 kg at 10.00 = 6 + 15 = 21 / 2 = 10.50
            (Some(1200), 500, 1000, 1_500, 1050),
        ];
        for (before, on_hand, cost, qty, expected) in cases {
            assert_eq!(
                weighted_average_cost(before, on_hand, cost, qty),
                expected,
                "{before:?} × {on_hand} + {cost} × {qty}"
            );
        }
    }
}
