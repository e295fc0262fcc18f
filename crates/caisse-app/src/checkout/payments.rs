//! Taking tenders on a sale: cash with change, cards and wallets through the terminal; on a
//! return, refunds: cash, back to the card or wallet, or a credit note (store credit).

use caisse_core::money::Money;
use caisse_core::staff::Permission;
use caisse_core::tender::TenderKind;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::cart::{Cart, CartStatus, SaleKind};
use super::config::{StoreConfig, store_config};
use super::keys::request_hash;
use super::refunds;
use super::sales::{changed_meanwhile, lock_cart, store_change};
use super::tender::{new_payment, payment_row, with_payment};
use super::terminal::{ExternalConfirmation, PaymentTerminal, TerminalOutcome, check_card_details};
use super::view::{SaleView, view_of};
use crate::ErrorCode;
use crate::auth::Principal;
use crate::money_input::{MoneyInput, minor_opt};
use crate::{App, AppError};

/// A tender to take.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PaymentInput {
    /// `cash`, `card`, `wallet` or `store_credit` (at a sale: spends from the credit note in
    /// `credit_note`; on a return: issues a new credit note).
    #[schema(value_type = String, example = "cash")]
    pub kind: TenderKind,
    /// Cash handed over, or the amount to charge on the card, in minor units; negative on a
    /// return (money given back). Default: what is still owed (rounded for cash); on a return,
    /// a card or wallet refund defaults to at most what the original was paid with it. Minor
    /// units or `{"amount", "currency"}`. Cash may exceed what is due by at most the store's
    /// cash limit (default 10,000.00); a card or wallet charges at most what is due.
    pub amount: Option<MoneyInput>,
    /// For an external terminal: what its screen shows after approval.
    #[serde(default)]
    pub confirmation: Option<ExternalConfirmationInput>,
    /// For `store_credit` at a sale: the credit note's code (`CN-…`) to spend from. The amount
    /// then defaults to what is due or the note's balance, whichever is less; store credit
    /// never gives change.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit_note: Option<String>,
    /// The sale's `version` as the till last showed it: when the sale changed since (another
    /// request or server), nothing is taken and the answer is 409 `sale_changed` with the sale
    /// as it is now, for the cashier to check. Tills always send it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<i64>,
}

/// The external terminal's answer, as the cashier confirms it.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
pub struct ExternalConfirmationInput {
    /// Authorisation code.
    pub auth_code: Option<String>,
    /// Card brand.
    pub card_brand: Option<String>,
    /// Last four digits.
    pub card_last4: Option<String>,
    /// Terminal reference.
    pub terminal_ref: Option<String>,
}

/// Takes a tender. Retrying with the same `Idempotency-Key` returns the sale without taking
/// it twice; a decline or a timeout leaves the sale payable.
///
/// On a return the tender is a refund (negative): cash up to what is due, a card or wallet
/// refund through the terminal up to what the original sale was paid with it (less earlier
/// refunds), or store credit, recorded at once with a new credit-note code in `terminal_ref`
/// (the note can be spent once the return completes). At a sale, `store_credit` spends from
/// a credit note ([`super::credit`]).
pub async fn add_payment(
    app: &App,
    who: &Principal,
    id: Uuid,
    key: &str,
    input: PaymentInput,
) -> Result<SaleView, AppError> {
    who.require(Permission::Sell)?;
    let claim = app.checkout.claim_key(&app.db, who.store_id, key).await?;
    let done = add_payment_claimed(app, who, id, key, input).await;
    claim.release().await;
    done
}

async fn add_payment_claimed(
    app: &App,
    who: &Principal,
    id: Uuid,
    key: &str,
    input: PaymentInput,
) -> Result<SaleView, AppError> {
    let hash = request_hash(&format!("payment:{id}"), &input);
    let cfg = store_config(app, who.store_id).await?;
    // A refund's limits depend on other returns of the same sale: decide them under the
    // returns lock, taken before the cart's own lock.
    let refund = refunds::prepare(app, &cfg, who, id).await?;
    let mut cart = lock_cart(app, who, id).await?;
    who.check_cart(cart.store_id, cart.register_id)?;
    if let Some(answer) = replay(&cart, key, &hash, &cfg) {
        return answer;
    }
    if input.version.is_some_and(|v| v != cart.version) {
        return Err(changed_meanwhile(&cart, &cfg));
    }
    if cart.status != CartStatus::Open {
        return Err(AppError::state(
            ErrorCode::SaleNotOpen,
            "resume the parked sale first",
        ));
    }
    let is_return = cart.kind == SaleKind::Return;
    if !matches!(
        input.kind,
        TenderKind::Cash | TenderKind::Card | TenderKind::Wallet | TenderKind::StoreCredit
    ) {
        return Err(AppError::field(
            "kind",
            "this tender is not available yet: use cash, card, wallet or store credit",
        ));
    }
    let redeeming = input.kind == TenderKind::StoreCredit && !is_return;
    if input.credit_note.is_some() && !redeeming {
        return Err(AppError::field(
            "credit_note",
            "a credit note is only spent with kind store_credit at a sale (a return issues a new one)",
        ));
    }
    let requested = minor_opt(
        input.amount.as_ref(),
        "amount",
        cfg.currency,
        cfg.max_amount(),
    )?;
    let priced = cart.price(&cfg)?;
    let before = cart.settlement(&cfg, priced.total)?;
    if before.settled {
        return Err(AppError::state(
            ErrorCode::AlreadySettled,
            "the sale is fully paid: complete it",
        ));
    }
    if redeeming {
        let code = input.credit_note.as_deref();
        return super::credit::redeem(
            app, who, &cfg, &mut cart, code, requested, &before, key, hash,
        )
        .await;
    }
    let amount = match (&refund, is_return) {
        (Some((_, ctx)), true) => {
            refunds::check_cart(ctx, &cart, &priced)?;
            refunds::refund_amount(ctx, &cart, input.kind, requested, &before)?
        }
        (None, true) => return Err(AppError::Internal("a return without its context".into())),
        (_, false) => match (requested, input.kind) {
            (Some(a), _) => a,
            (None, TenderKind::Card | TenderKind::Wallet) => {
                // What is charged is what the cashier saw: never a default computed from a
                // sale that may have changed since.
                return Err(AppError::field(
                    "amount",
                    "a card or wallet payment states the amount it charges",
                ));
            }
            (None, kind) => before.remaining_for(kind).minor(),
        },
    };
    if amount == 0 || (amount < 0) != priced.total.is_negative() {
        return Err(AppError::field(
            "amount",
            "give an amount in the direction of the total",
        ));
    }
    if input.kind == TenderKind::Cash && !is_return {
        let most = before
            .cash_due
            .minor()
            .checked_add(cfg.cash_limit())
            .ok_or_else(AppError::out_of_range)?;
        if amount > most {
            return Err(AppError::field(
                "amount",
                format!(
                    "cash handed over may exceed what is due by at most {} (the store's cash limit)",
                    caisse_core::journal::amount_text(Money::new(cfg.cash_limit(), cfg.currency))
                ),
            ));
        }
    }
    let mut payment = new_payment(input.kind, amount, key);
    // Check the tender fits (no card overpayment) before anything is charged.
    with_payment(&cart, payment.clone(), key, hash.clone()).settlement(&cfg, priced.total)?;
    if input.kind == TenderKind::StoreCredit {
        payment.terminal_ref = Some(refunds::credit_note_code());
    } else if input.kind != TenderKind::Cash {
        let conf = input.confirmation.clone().unwrap_or_default();
        let approved = charge_terminal(app, Money::new(amount, cfg.currency), id, conf).await?;
        payment.auth_code = approved.auth_code;
        payment.card_brand = approved.card_brand;
        payment.card_last4 = approved.card_last4;
        payment.terminal_ref = approved.terminal_ref;
    }
    if input.kind == TenderKind::Cash {
        let next = with_payment(&cart, payment, key, hash);
        return store_change(app, &cfg, &mut cart, next, Vec::new()).await;
    }
    // Money moved on the card (or a credit note was issued): record it durably, with the
    // cart that holds it, before saying so.
    payment.recorded = true;
    let row = payment_row(who.store_id, id, &payment, payment.tendered);
    let next = with_payment(&cart, payment, key, hash);
    store_change(app, &cfg, &mut cart, next, vec![row]).await
}

/// The stored answer when this cart already took a request with `key`: the sale as it is now
/// for the same request, `idempotency_key_reused` for another one under the same key.
pub(crate) fn replay(
    cart: &Cart,
    key: &str,
    hash: &str,
    cfg: &StoreConfig,
) -> Option<Result<SaleView, AppError>> {
    let kept = cart.keys.get(key)?;
    if kept.request_hash != hash {
        return Some(Err(AppError::IdempotencyMismatch));
    }
    Some(view_of(cart, cfg))
}

/// What an approving terminal answered, checked for storage.
pub(crate) struct Approved {
    pub(crate) auth_code: Option<String>,
    pub(crate) card_brand: Option<String>,
    pub(crate) card_last4: Option<String>,
    pub(crate) terminal_ref: Option<String>,
}

/// Charges (positive) or refunds (negative) `amount` on the terminal for a sale; a decline or
/// a timeout is an error and nothing is recorded.
pub(crate) async fn charge_terminal(
    app: &App,
    amount: Money,
    sale_id: Uuid,
    conf: ExternalConfirmationInput,
) -> Result<Approved, AppError> {
    check_card_details(
        conf.card_last4.as_deref(),
        conf.card_brand.as_deref(),
        conf.auth_code.as_deref(),
    )?;
    let ext = ExternalConfirmation {
        auth_code: conf.auth_code,
        card_brand: conf.card_brand,
        card_last4: conf.card_last4,
        terminal_ref: conf.terminal_ref,
    };
    match app
        .checkout
        .terminal
        .charge(amount, &sale_id.to_string(), &ext)
        .await
    {
        TerminalOutcome::Approved {
            auth_code,
            card_brand,
            card_last4,
            terminal_ref,
        } => {
            check_card_details(
                card_last4.as_deref(),
                card_brand.as_deref(),
                Some(&auth_code),
            )?;
            Ok(Approved {
                auth_code: Some(auth_code),
                card_brand,
                card_last4,
                terminal_ref,
            })
        }
        TerminalOutcome::Declined { reason } => Err(AppError::PaymentFailed {
            code: ErrorCode::PaymentDeclined,
            message: reason,
        }),
        TerminalOutcome::TimedOut => Err(AppError::PaymentFailed {
            code: ErrorCode::PaymentTimeout,
            message: "the terminal did not answer; nothing was recorded, try again".into(),
        }),
    }
}
