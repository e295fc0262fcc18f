//! Store credit: credit notes issued by completed returns, spent at later sales.
//!
//! A return's store-credit tender gets a code (`CN-…`) when it is taken; the note itself is
//! issued when the return completes, in the completion's transaction (the return's document
//! issues it: `document/effects.rs`), so a
//! note can never be spent before the refund it comes from is a fiscal record. A sale spends
//! from it with a `store_credit` tender naming the code: the note's row is locked (PostgreSQL)
//! or the write transaction is the only one (SQLite), the balance is lowered with atomic SQL
//! that cannot go below zero, and the movement, the payment row and the cart are written in
//! that one durable transaction. Two tills spending one note at once take turns; the second
//! sees what the first left.

use caisse_core::journal::amount_text;
use caisse_core::money::Money;
use caisse_core::tender::{Settlement, TenderKind};
use caisse_store::credit_notes::{self as notes, CreditMoveRow, CreditNoteRow};
use serde::Serialize;
use serde_json::json;
use utoipa::ToSchema;
use uuid::Uuid;

use super::cart::SaleKind;
use super::config::StoreConfig;
use super::registry::CartGuard;
use super::reports::rfc3339;
use super::tender::{commit_with_cart, new_payment, payment_row, with_payment};
use super::view::SaleView;
use crate::ErrorCode;
use crate::auth::Principal;
use crate::catalog::view::MoneyJson;
use crate::{App, AppError};

/// A change of a note's balance.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CreditMoveView {
    /// `issue`, `redeem` or `restore` (a voided redemption given back).
    pub kind: String,
    /// Signed: spent is negative.
    pub amount: MoneyJson,
    /// The balance right after.
    pub balance_after: MoneyJson,
    /// The return that issued it or the sale that spent or gave back.
    pub sale_id: Uuid,
    /// When, RFC 3339.
    pub at: String,
}

/// A credit note as shown to staff.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CreditNoteDetails {
    /// The code printed for the customer.
    pub code: String,
    /// What the return issued.
    pub issued: MoneyJson,
    /// What is left to spend.
    pub balance: MoneyJson,
    /// The return that issued it.
    pub return_id: Uuid,
    /// That return's receipt number.
    pub receipt_number: String,
    /// When it was issued, RFC 3339.
    pub issued_at: String,
    /// Every change of its balance, oldest first.
    pub movements: Vec<CreditMoveView>,
}

fn refused(code: ErrorCode, message: impl Into<String>, details: serde_json::Value) -> AppError {
    AppError::CreditNote {
        code,
        message: message.into(),
        details,
    }
}

fn not_found(code: &str) -> AppError {
    refused(
        ErrorCode::CreditNoteNotFound,
        format!("no credit note has the code {code}"),
        json!({ "code": code }),
    )
}

fn not_usable(code: &str, reason: &'static str, message: impl Into<String>) -> AppError {
    refused(
        ErrorCode::CreditNoteNotUsable,
        message,
        json!({ "code": code, "reason": reason }),
    )
}

fn money_json(minor: i64, currency: &str) -> serde_json::Value {
    json!({ "amount": minor, "currency": currency })
}

/// A code as typed or scanned: trimmed and upper-cased (`cn-abc…` → `CN-ABC…`).
pub fn normalise_code(text: Option<&str>) -> Result<String, AppError> {
    let code = text.unwrap_or_default().trim().to_ascii_uppercase();
    if code.is_empty() {
        return Err(AppError::field(
            "credit_note",
            "scan or type the credit note's code (CN-…)",
        ));
    }
    if code.chars().count() > 32 || !code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return Err(AppError::field(
            "credit_note",
            "a credit note code is letters, digits and dashes (CN-…)",
        ));
    }
    Ok(code)
}

/// Why a code with no note is refused: its return is not completed yet, or it is unknown.
async fn missing(app: &App, who: &Principal, code: &str) -> AppError {
    match notes::issuing_tender(&app.db, code).await {
        Ok(Some((store_id, _))) if store_id == who.store_id => not_usable(
            code,
            "return_not_completed",
            "the return that issues this credit note is not completed yet",
        ),
        Ok(_) => not_found(code),
        Err(e) => e.into(),
    }
}

/// Checks a note can pay in this store.
fn check_usable(note: &CreditNoteRow, who: &Principal, cfg: &StoreConfig) -> Result<(), AppError> {
    if note.store_id != who.store_id {
        return Err(not_usable(
            &note.code,
            "other_store",
            "this credit note was issued by another store",
        ));
    }
    if note.currency != cfg.currency.code() {
        return Err(not_usable(
            &note.code,
            "currency",
            format!(
                "this credit note is in {}, the store now sells in {}",
                note.currency,
                cfg.currency.code()
            ),
        ));
    }
    Ok(())
}

/// Spends from a credit note at a sale: returns the cart with the tender, already written
/// durably with its movement and payment row. The amount defaults to what is due or the
/// balance, whichever is less, and may never be more than either.
#[expect(
    clippy::too_many_arguments,
    reason = "the tender request's parts, each used once"
)]
pub(crate) async fn redeem(
    app: &App,
    who: &Principal,
    cfg: &StoreConfig,
    cart: &mut CartGuard,
    code: Option<&str>,
    requested: Option<i64>,
    before: &Settlement,
    key: &str,
    hash: String,
) -> Result<SaleView, AppError> {
    debug_assert!(cart.kind == SaleKind::Sale);
    let code = normalise_code(code)?;
    let currency = cfg.currency.code();
    let due = before.remaining.minor();
    if due <= 0 {
        return Err(AppError::state(
            ErrorCode::AlreadySettled,
            "nothing is due on this sale",
        ));
    }
    if let Some(a) = requested {
        if a <= 0 {
            return Err(AppError::field("amount", "give a positive amount to spend"));
        }
        if a > due {
            return Err(refused(
                ErrorCode::CreditNoteExceedsDue,
                format!(
                    "only {} is due: store credit never gives change",
                    amount_text(Money::new(due, cfg.currency))
                ),
                json!({ "code": code, "due": money_json(due, currency) }),
            ));
        }
    }
    let mut tx = app.db.begin().await?;
    let Some(note) = notes::lock(&mut tx, &code).await? else {
        drop(tx);
        return Err(missing(app, who, &code).await);
    };
    check_usable(&note, who, cfg)?;
    let amount = requested.unwrap_or(due.min(note.balance));
    let insufficient = |balance: i64| {
        refused(
            ErrorCode::CreditNoteInsufficient,
            format!(
                "the credit note holds only {}",
                amount_text(Money::new(balance, cfg.currency))
            ),
            json!({ "code": code, "balance": money_json(balance, currency) }),
        )
    };
    if amount <= 0 || amount > note.balance {
        return Err(insufficient(note.balance));
    }
    let mut payment = new_payment(TenderKind::StoreCredit, amount, key);
    payment.terminal_ref = Some(code.clone());
    payment.recorded = true;
    let row = payment_row(who.store_id, cart.id, &payment, amount);
    let movement = CreditMoveRow {
        id: Uuid::now_v7(),
        store_id: who.store_id,
        code: code.clone(),
        kind: "redeem".into(),
        amount: -amount,
        balance_after: note.balance - amount,
        sale_id: cart.id,
        payment_id: payment.id,
        occurred_at: payment.at,
    };
    let next = with_payment(cart, payment, key, hash);
    let priced = next.price(cfg)?;
    next.settlement(cfg, priced.total)?;
    if notes::apply(&mut tx, &movement).await?.is_none() {
        return Err(insufficient(note.balance));
    }
    let sale_id = cart.id;
    let view = commit_with_cart(app, cfg, tx, vec![row], cart, next).await?;
    tracing::info!(sale_id = %sale_id, amount, "store credit spent");
    Ok(view)
}

/// Gives a voided redemption back to its note, inside the void's transaction.
pub(crate) async fn restore(
    tx: &mut caisse_store::Tx,
    who: &Principal,
    sale_id: Uuid,
    code: &str,
    amount: i64,
    reversal_id: Uuid,
    at: i64,
) -> Result<(), AppError> {
    let movement = CreditMoveRow {
        id: Uuid::now_v7(),
        store_id: who.store_id,
        code: code.to_owned(),
        kind: "restore".into(),
        amount,
        balance_after: 0, // set from the database's answer
        sale_id,
        payment_id: reversal_id,
        occurred_at: at,
    };
    match notes::apply(tx, &movement).await? {
        Some(_) => Ok(()),
        None => Err(AppError::Internal(format!(
            "credit note {code} cannot take back {amount}"
        ))),
    }
}

/// A credit note of the store, with its balance and movements. Any signed-in staff may look.
pub async fn credit_note(
    app: &App,
    who: &Principal,
    code: &str,
) -> Result<CreditNoteDetails, AppError> {
    let code = normalise_code(Some(code))?;
    let Some(note) = notes::get(&app.db, &code).await? else {
        return Err(missing(app, who, &code).await);
    };
    if note.store_id != who.store_id {
        return Err(not_found(&code));
    }
    let cur = note.currency.as_str();
    let movements = notes::movements(&app.db, &code)
        .await?
        .into_iter()
        .map(|m| {
            Ok(CreditMoveView {
                kind: m.kind,
                amount: MoneyJson::new(m.amount, cur),
                balance_after: MoneyJson::new(m.balance_after, cur),
                sale_id: m.sale_id,
                at: rfc3339(m.occurred_at)?,
            })
        })
        .collect::<Result<Vec<_>, AppError>>()?;
    Ok(CreditNoteDetails {
        code: note.code,
        issued: MoneyJson::new(note.issued, cur),
        balance: MoneyJson::new(note.balance, cur),
        return_id: note.sale_id,
        receipt_number: note.receipt_number,
        issued_at: rfc3339(note.issued_at)?,
        movements,
    })
}
