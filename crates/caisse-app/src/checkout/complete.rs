//! Completing and cancelling a sale: the cart is checked, and its document
//! ([`super::document`]) written in one durable transaction with its lines, taxes and tenders,
//! the stock movements, the journal entry, the outbox event and the stored answer to the
//! idempotency key (by the writer: batched on SQLite).

use caisse_core::sale::PricedSale;
use caisse_core::staff::Permission;
use caisse_core::tender::Settlement;
use caisse_store::idempotency;
use serde_json::Value;
use uuid::Uuid;

use super::cart::{Cart, CartStatus};
use super::config::{StoreConfig, store_config};
use super::document::write::DocJob;
use super::document::{DocumentStatus, receipt_head};
use super::keys::request_hash;
use super::registry::Ended;
use super::sales::{changed_meanwhile, lock_cart};
use crate::ErrorCode;
use crate::auth::Principal;
use crate::{App, AppError, now_us};

/// Completing a paid sale.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct CompleteSale {
    /// The sale's `version` as the till last showed it: when the sale changed since, nothing
    /// is completed and the answer is 409 `sale_changed` with the sale as it is now. Tills
    /// always send it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<i64>,
}

/// Completes a paid sale. Retrying with the same key returns the stored answer.
pub async fn complete(
    app: &App,
    who: &Principal,
    id: Uuid,
    key: &str,
    input: CompleteSale,
) -> Result<Value, AppError> {
    who.require(Permission::Sell)?;
    let claim = app.checkout.claim_key(&app.db, who.store_id, key).await?;
    let done = complete_claimed(app, who, id, key, input).await;
    claim.release().await;
    done
}

async fn complete_claimed(
    app: &App,
    who: &Principal,
    id: Uuid,
    key: &str,
    input: CompleteSale,
) -> Result<Value, AppError> {
    let hash = request_hash(&format!("complete:{id}"), &input);
    let cfg = store_config(app, who.store_id).await?;
    // A return re-checks, under the returns lock, that it stays within what was sold.
    let refund = match super::refunds::prepare(app, &cfg, who, id).await {
        Ok(refund) => refund,
        Err(AppError::NotFound(_)) => None,
        Err(e) => return Err(e),
    };
    // A live cart has not been completed (completing ends it in the same transaction that
    // stores the answer), so the stored answers are read only when the cart is gone — the
    // retry of a completion that succeeded — or when storing this answer clashes with a key
    // already used (below). No database read before the write on the hot path.
    let cart = match lock_cart(app, who, id).await {
        Ok(cart) => cart,
        Err(gone) => {
            return match stored_answer(app, who.store_id, key, &hash).await? {
                Some(stored) => Ok(stored),
                None => Err(gone),
            };
        }
    };
    who.check_cart(cart.store_id, cart.register_id)?;
    if input.version.is_some_and(|v| v != cart.version) {
        return Err(changed_meanwhile(&cart, &cfg));
    }
    if cart.status != CartStatus::Open {
        return Err(AppError::state(
            ErrorCode::SaleNotOpen,
            "resume the parked sale first",
        ));
    }
    if cart.lines.iter().all(|l| l.voided) {
        return Err(AppError::state(
            ErrorCode::EmptySale,
            "the sale has no lines: cancel it instead",
        ));
    }
    let priced = cart.price(&cfg)?;
    let settlement = cart.settlement(&cfg, priced.total)?;
    if !settlement.settled {
        return Err(AppError::state(
            ErrorCode::NotSettled,
            "the sale is not fully paid",
        ));
    }
    if let Some((_, ctx)) = &refund {
        super::refunds::check_cart(ctx, &cart, &priced)?;
    }
    let answer = write_document(
        app,
        who,
        &cfg,
        &cart,
        &priced,
        &settlement,
        DocumentStatus::Completed,
        Some((key, &hash)),
    )
    .await;
    let answer = match answer {
        Err(AppError::KeyTaken) => {
            // The key was used before (by another request: `idempotency_key_reused`), or
            // another server completed with it first: answer what is stored.
            return stored_answer(app, who.store_id, key, &hash)
                .await?
                .ok_or(AppError::IdempotencyInFlight);
        }
        other => other?,
    };
    let ended = Ended::Completed {
        answer: &answer,
        total: priced.total,
        change: settlement.change,
    };
    app.checkout.carts.ended(&cart, ended);
    app.stock.moved(who.store_id);
    let sold = cart.lines.iter().filter(|l| !l.voided);
    let sold = sold.filter_map(|l| Some((l.item_id?, l.unit.as_str(), l.quantity)));
    crate::catalog::popularity::sale_completed(app, who.store_id, sold);
    drop(cart);
    Ok(answer)
}

/// Cancelling an unpaid sale.
#[derive(Debug, Clone, Default, serde::Deserialize, utoipa::ToSchema)]
pub struct CancelSale {
    /// Why (`customer_left`, `wrong_items`…).
    pub reason: Option<String>,
    /// A manager's PIN, when the sale is someone else's and the caller may not cancel it.
    pub approval: Option<super::sales::ApprovalInput>,
}

/// Cancels a sale before payment; the cancellation is recorded with its number and journal
/// entry, and nothing moves in stock.
pub async fn cancel(
    app: &App,
    who: &Principal,
    id: Uuid,
    input: CancelSale,
) -> Result<Value, AppError> {
    who.require(Permission::Sell)?;
    let cfg = store_config(app, who.store_id).await?;
    let rung_by = {
        let cart = lock_cart(app, who, id).await?;
        who.check_cart(cart.store_id, cart.register_id)?;
        cart.cashier_id
    };
    // Someone else's sale: a permission of its own, or a manager's PIN (checked before the
    // cart's lock is taken again: Argon2 is slow).
    if rung_by != who.user_id {
        let action = "cancel_others_sale";
        let approval = input.approval.as_ref();
        super::sales::authorize(app, who, Permission::CancelOthersSale, action, approval).await?;
    }
    let cart = lock_cart(app, who, id).await?;
    if cart.live_payments().any(|p| p.recorded) {
        return Err(AppError::state(
            ErrorCode::PaymentsTaken,
            "a card, wallet or store-credit tender was taken on this sale: complete it, or void \
             the tender first (POST /sales/{id}/payments/{payment_id}/void)",
        ));
    }
    // Cash tenders only lived in the cart; voided tenders stay for the journal's record.
    let mut cart_copy = cart.clone();
    cart_copy.payments.retain(|p| !p.is_live());
    let priced = cart_copy.price(&cfg)?;
    let settlement = cart_copy.settlement(&cfg, priced.total)?;
    let _ = input.reason;
    let answer = write_document(
        app,
        who,
        &cfg,
        &cart_copy,
        &priced,
        &settlement,
        DocumentStatus::Cancelled,
        None,
    )
    .await?;
    app.checkout.carts.ended(&cart, Ended::Cancelled);
    drop(cart);
    Ok(answer)
}

async fn stored_answer(
    app: &App,
    store_id: Uuid,
    key: &str,
    hash: &str,
) -> Result<Option<Value>, AppError> {
    match idempotency::get(&app.db, store_id, key).await? {
        None => Ok(None),
        Some(row) if row.request_hash == hash => serde_json::from_str(&row.response)
            .map(Some)
            .map_err(|e| AppError::Internal(e.to_string())),
        Some(_) => Err(AppError::IdempotencyMismatch),
    }
}

#[expect(
    clippy::too_many_arguments,
    reason = "one call site each; a struct would only rename them"
)]
async fn write_document(
    app: &App,
    who: &Principal,
    cfg: &StoreConfig,
    cart: &Cart,
    priced: &PricedSale,
    settlement: &Settlement,
    status: DocumentStatus,
    key: Option<(&str, &str)>,
) -> Result<Value, AppError> {
    let job = doc_job(app, who, cfg, cart, priced, settlement, status, key).await?;
    app.checkout.writer.write(&app.db, job).await
}

/// What the writer needs to write a document of this cart.
#[expect(
    clippy::too_many_arguments,
    reason = "the document's parts; a struct would only rename them"
)]
pub(crate) async fn doc_job(
    app: &App,
    who: &Principal,
    cfg: &StoreConfig,
    cart: &Cart,
    priced: &PricedSale,
    settlement: &Settlement,
    status: DocumentStatus,
    key: Option<(&str, &str)>,
) -> Result<DocJob, AppError> {
    let register = app
        .checkout
        .register(&app.db, who.store_id, cart.register_id)
        .await?;
    let now = now_us();
    let job = DocJob {
        who: who.clone(),
        currency: cfg.currency,
        policy: cfg.policy,
        business_date: cfg.business_date(now)?,
        head: receipt_head(cfg, who.store_id, &register.name),
        register_code: register.code,
        cart: cart.clone(),
        priced: priced.clone(),
        settlement: *settlement,
        status,
        key: key.map(|(k, h)| (k.to_owned(), h.to_owned())),
        stock: cfg.stock,
        now,
    };
    Ok(job)
}
