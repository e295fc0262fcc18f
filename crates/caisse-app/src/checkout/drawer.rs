//! Cash movements of an open drawer: paid-in, paid-out, drop to the safe, and no-sale (the
//! drawer opened without a sale). Each is a drawer event and a journal entry written in one
//! durable transaction.

use caisse_core::journal::amount_text;
use caisse_core::money::{Currency, Money};
use caisse_core::staff::Permission;
use caisse_store::closures::Src;
use caisse_store::journal::{Journal, NewEntry};
use caisse_store::registers::{self, DrawerEventRow};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;
use uuid::Uuid;

use super::config::store_config;
use super::reports::drawer_movements;
use super::sales::{ApprovalInput, authorize};
use crate::ErrorCode;
use crate::auth::Principal;
use crate::catalog::view::MoneyJson;
use crate::money_input::{MoneyInput, max_amount, minor_opt};
use crate::{App, AppError, now_us};

/// A kind of cash movement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Movement {
    /// Cash put into the drawer (change from the bank…).
    PaidIn,
    /// Cash paid out of the drawer (the window cleaner…).
    PaidOut,
    /// Cash taken from the drawer to the safe.
    Drop,
    /// The drawer opened without a sale; moves no cash.
    NoSale,
}

impl Movement {
    /// The drawer event and journal entry kind.
    pub fn as_str(self) -> &'static str {
        match self {
            Movement::PaidIn => "paid_in",
            Movement::PaidOut => "paid_out",
            Movement::Drop => "drop",
            Movement::NoSale => "no_sale",
        }
    }

    fn permission(self) -> Permission {
        match self {
            Movement::NoSale => Permission::NoSale,
            _ => Permission::CashMovement,
        }
    }

    fn takes_cash_out(self) -> bool {
        matches!(self, Movement::PaidOut | Movement::Drop)
    }
}

/// A cash movement as asked.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct MovementInput {
    /// More than zero (absent or 0 for a no-sale): minor units or `{"amount", "currency"}`.
    /// A paid-in or paid-out is at most the store's cash limit (default 10,000.00).
    pub amount: Option<MoneyInput>,
    /// Why; required for paid-ins and paid-outs, at most 200 characters.
    pub reason: Option<String>,
    /// A manager's approval, when the caller's role does not allow the movement.
    pub approval: Option<ApprovalInput>,
}

/// A recorded cash movement.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MovementView {
    /// Drawer event id.
    pub id: Uuid,
    /// `paid_in`, `paid_out`, `drop` or `no_sale`.
    pub kind: String,
    /// The cash moved (0 for a no-sale).
    pub amount: MoneyJson,
    /// Why.
    pub reason: Option<String>,
    /// Who did it.
    pub user_id: Uuid,
    /// The manager who approved it, when the role needed an approval.
    pub approved_by: Option<Uuid>,
    /// Its journal entry.
    pub journal_seq: i64,
    /// Cash the drawer should now hold.
    pub expected_cash: MoneyJson,
}

fn check_input(
    m: Movement,
    input: &MovementInput,
    currency: Currency,
    cash_limit: i64,
) -> Result<(i64, Option<String>), AppError> {
    // A drop takes the day's cash to the safe: only the general bound applies to it.
    let most = match m {
        Movement::Drop => max_amount(currency),
        _ => cash_limit,
    };
    let amount = minor_opt(input.amount.as_ref(), "amount", currency, most)?.unwrap_or(0);
    if m == Movement::NoSale {
        if amount != 0 {
            return Err(AppError::field("amount", "a no-sale moves no cash"));
        }
    } else if amount <= 0 {
        return Err(AppError::field("amount", "give an amount above zero"));
    }
    let reason = caisse_core::text::optional_text(input.reason.as_deref(), 200)
        .map_err(|e| AppError::field("reason", e.to_string()))?;
    if reason.is_none() && matches!(m, Movement::PaidIn | Movement::PaidOut) {
        return Err(AppError::field("reason", "say what the cash is for"));
    }
    Ok((amount, reason))
}

/// Records a cash movement on the register's open drawer.
pub async fn record(
    app: &App,
    who: &Principal,
    register_id: Uuid,
    movement: Movement,
    input: MovementInput,
) -> Result<MovementView, AppError> {
    who.require(Permission::Drawer)?;
    who.require_register(register_id)?;
    let reg = registers::get_register(&app.db, who.store_id, register_id)
        .await?
        .ok_or(AppError::NotFound("register"))?;
    let cfg = store_config(app, who.store_id).await?;
    let (amount, reason) = check_input(movement, &input, cfg.currency, cfg.cash_limit())?;
    let approved_by = authorize(
        app,
        who,
        movement.permission(),
        movement.as_str(),
        input.approval.as_ref(),
    )
    .await?;
    let text = |x| amount_text(Money::new(x, cfg.currency));
    let now = now_us();
    let mut tx = app.db.begin().await?;
    let mut journal = Journal::lock(&mut tx, register_id).await?;
    let session = registers::open_session_tx(&mut tx, register_id)
        .await?
        .ok_or_else(|| AppError::state(ErrorCode::DrawerClosed, "the drawer is not open"))?;
    let before = drawer_movements(&mut Src::Tx(&mut tx), &session)
        .await?
        .expected_cash()
        .ok_or_else(AppError::out_of_range)?;
    if movement.takes_cash_out() && amount > before {
        return Err(AppError::state(
            ErrorCode::NotEnoughCash,
            format!(
                "the drawer should hold {}: it cannot give {}",
                text(before),
                text(amount)
            ),
        ));
    }
    let ts =
        jiff::Timestamp::from_microsecond(now).map_err(|e| AppError::Internal(e.to_string()))?;
    let mut event = json!({
        "till": reg.code,
        "ts": ts.to_string(),
        "session": session.id.to_string(),
        "user": who.user_id.to_string(),
        "amount": text(amount),
    });
    if let Some(r) = &reason {
        event["reason"] = json!(r);
    }
    if let Some(a) = approved_by {
        event["approved_by"] = json!(a.to_string());
    }
    let id = Uuid::now_v7();
    let seq = journal
        .append(NewEntry {
            register_id,
            store_id: who.store_id,
            kind: movement.as_str(),
            document_id: Some(id),
            occurred_at: now,
            event,
        })?
        .seq;
    registers::insert_event(
        &mut tx,
        &DrawerEventRow {
            id,
            store_id: who.store_id,
            register_id,
            session_id: session.id,
            kind: movement.as_str().to_owned(),
            amount,
            reason: reason.clone(),
            detail: None,
            user_id: who.user_id,
            approved_by,
            occurred_at: now,
            journal_seq: seq,
        },
    )
    .await?;
    journal.write(&mut tx).await?;
    tx.commit().await?;
    tracing::info!(register = %reg.code, kind = movement.as_str(), amount, "drawer movement");
    let after = match movement {
        Movement::PaidIn => before.checked_add(amount),
        Movement::PaidOut | Movement::Drop => before.checked_sub(amount),
        Movement::NoSale => Some(before),
    }
    .ok_or_else(AppError::out_of_range)?;
    let currency = cfg.currency.code();
    Ok(MovementView {
        id,
        kind: movement.as_str().to_owned(),
        amount: MoneyJson::new(amount, currency),
        reason,
        user_id: who.user_id,
        approved_by,
        journal_seq: seq,
        expected_cash: MoneyJson::new(after, currency),
    })
}

#[cfg(test)]
mod tests {
    use super::Movement::{Drop, NoSale, PaidIn, PaidOut};
    use super::*;

    #[test]
    fn movements_are_checked_before_anything_is_written() {
        let long = "x".repeat(201);
        // movement, amount, reason, the field refused (None: accepted)
        let cases = [
            (PaidIn, Some(500), Some("float top-up"), None),
            (PaidIn, Some(500), None, Some("reason")),
            (PaidOut, Some(500), Some("  "), Some("reason")),
            (PaidOut, Some(0), Some("cleaner"), Some("amount")),
            (Drop, Some(-5), None, Some("amount")),
            (Drop, None, None, Some("amount")),
            (Drop, Some(5000), None, None),
            (Drop, Some(5000), Some(long.as_str()), Some("reason")),
            (NoSale, None, None, None),
            (NoSale, Some(0), Some("change"), None),
            (NoSale, Some(100), None, Some("amount")),
            (PaidIn, Some(1_000_000), Some("float"), None),
            (PaidIn, Some(1_000_001), Some("float"), Some("amount")),
            (PaidOut, Some(i64::MAX), Some("cleaner"), Some("amount")),
            (Drop, Some(5_000_000), None, None),
            (Drop, Some(i64::MAX), None, Some("amount")),
        ];
        for (m, amount, reason, field) in cases {
            let input = MovementInput {
                amount: amount.map(MoneyInput::Minor),
                reason: reason.map(str::to_owned),
                approval: None,
            };
            match (check_input(m, &input, Currency::EUR, 1_000_000), field) {
                (Ok((a, r)), None) => {
                    assert_eq!(a, amount.unwrap_or(0));
                    assert_eq!(r.as_deref(), reason.map(str::trim));
                }
                (Err(AppError::Validation(errors)), Some(f)) => {
                    assert_eq!(errors[0].field, f, "{m:?} {input:?}")
                }
                (other, _) => panic!("{m:?} {input:?}: {other:?}"),
            }
        }
    }
}
