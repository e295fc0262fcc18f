//! Tenders: how a sale is paid, cash rounding, change, and when a sale is settled.
//!
//! Payments are applied in order against what is still owed. Card, wallet, gift card, store
//! credit and other non-cash tenders are charged exactly and may not exceed what is owed. Cash
//! pays what is owed rounded by the shop's [`CashRounding`]; the difference is its own
//! `rounding` line (REFERENCE.md section 8), and cash above it is change.
//!
//! **Signs.** Amounts follow the direction of the total. For a sale (positive total) payments
//! are positive: money the customer hands over; `change` is positive: money handed back. For
//! a refund (negative total) everything is mirrored: payments are negative (money given to
//! the customer, by cash or back to a card), `remaining` and `cash_due` are negative (what the
//! shop still has to give), and `change` is negative when the customer has to hand some back.
//! `settle(-t, -payments)` is always the exact mirror of `settle(t, payments)`.

mod error;
mod rounding;

#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};

use crate::money::Money;

pub use error::SettlementError;
pub use rounding::CashRounding;

/// How a payment was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TenderKind {
    /// Notes and coins: the only tender that is rounded and gives change.
    Cash,
    /// A payment card through the terminal.
    Card,
    /// A phone or watch wallet through the terminal.
    Wallet,
    /// One of the shop's gift cards.
    GiftCard,
    /// Credit the customer holds with the shop (from an earlier return).
    StoreCredit,
    /// Anything else the shop accepts (cheque, voucher, bank transfer).
    Other,
}

impl TenderKind {
    /// Every kind of tender.
    pub const ALL: [TenderKind; 6] = [
        TenderKind::Cash,
        TenderKind::Card,
        TenderKind::Wallet,
        TenderKind::GiftCard,
        TenderKind::StoreCredit,
        TenderKind::Other,
    ];

    /// The kind whose stored text form this is.
    pub fn parse(text: &str) -> Option<TenderKind> {
        TenderKind::ALL.into_iter().find(|k| k.as_str() == text)
    }

    /// The stored text form (`cash`, `gift_card`...).
    pub fn as_str(self) -> &'static str {
        match self {
            TenderKind::Cash => "cash",
            TenderKind::Card => "card",
            TenderKind::Wallet => "wallet",
            TenderKind::GiftCard => "gift_card",
            TenderKind::StoreCredit => "store_credit",
            TenderKind::Other => "other",
        }
    }

    /// True for cash, the only tender that is rounded and gives change.
    pub fn is_cash(self) -> bool {
        self == TenderKind::Cash
    }
}

/// Where the payment of a sale stands after the payments so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Settlement {
    /// The sale total, tax included, before cash rounding.
    pub total: Money,
    /// Sum of the payments as tendered (cash before change).
    pub paid: Money,
    /// Cash rounding: what was charged minus the exact total (-0.02 when 4.92 is paid 4.90).
    pub rounding: Money,
    /// Cash handed back to the customer.
    pub change: Money,
    /// What is still owed; zero once settled.
    pub remaining: Money,
    /// What is still owed if paid in cash (the remaining rounded); zero once settled.
    pub cash_due: Money,
    /// True when nothing more is owed.
    pub settled: bool,
}

impl Settlement {
    /// What to ask for next with this tender: the cash rounding applies to cash only.
    pub fn remaining_for(&self, kind: TenderKind) -> Money {
        if kind.is_cash() {
            self.cash_due
        } else {
            self.remaining
        }
    }
}

/// Applies `payments` in order to `total` and says what is settled, rounded, given back or
/// still owed. See the module documentation for the signs of refunds.
///
/// A cash payment settles the sale when it covers the remaining rounded by `rule` (the excess
/// is change), or when it covers the exact remaining without reaching the rounded one (the
/// excess is then rounding, never change in coins that do not exist). Less cash than that is
/// a partial payment, not rounded. A non-cash payment may not exceed the remaining, and no
/// payment may follow the one that settled the sale.
pub fn settle(
    total: Money,
    payments: &[(TenderKind, Money)],
    rule: CashRounding,
) -> Result<Settlement, SettlementError> {
    rule.validate()?;
    let currency = total.currency();
    for (index, (_, amount)) in payments.iter().enumerate() {
        if amount.currency() != currency {
            return Err(SettlementError::CurrencyMismatch {
                index,
                expected: currency,
                found: amount.currency(),
            });
        }
    }
    // Work on what the customer owes as a positive amount; mirror back at the end.
    let refund = total.is_negative();
    let flip = |m: Money| if refund { m.checked_neg() } else { Ok(m) };
    let zero = Money::zero(currency);
    let mut remaining = flip(total)?;
    let (mut rounding, mut change) = (zero, zero);
    let mut settled = remaining.is_zero();
    for (index, &(kind, tendered)) in payments.iter().enumerate() {
        if settled {
            return Err(SettlementError::AlreadySettled { index });
        }
        let amount = flip(tendered)?;
        if amount.is_negative() || (amount.is_zero() && !kind.is_cash()) {
            return Err(SettlementError::WrongDirection {
                index,
                amount: tendered,
            });
        }
        if kind.is_cash() {
            let due = rule.round(remaining)?;
            if amount.minor() >= due.minor() {
                rounding = due.checked_sub(remaining)?;
                change = amount.checked_sub(due)?;
                settled = true;
            } else if amount.minor() >= remaining.minor() {
                rounding = amount.checked_sub(remaining)?;
                settled = true;
            } else {
                remaining = remaining.checked_sub(amount)?;
            }
        } else if amount.minor() > remaining.minor() {
            return Err(SettlementError::Overpayment {
                index,
                kind,
                amount: tendered,
                remaining: flip(remaining)?,
            });
        } else {
            remaining = remaining.checked_sub(amount)?;
            settled = remaining.is_zero();
        }
    }
    if settled {
        remaining = zero;
    }
    let cash_due = rule.round(remaining)?;
    let paid = Money::checked_sum(currency, payments.iter().map(|&(_, m)| m))?;
    Ok(Settlement {
        total,
        paid,
        rounding: flip(rounding)?,
        change: flip(change)?,
        remaining: flip(remaining)?,
        cash_due: flip(cash_due)?,
        settled,
    })
}
