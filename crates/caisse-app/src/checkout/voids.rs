//! Voiding a tender on an open sale or return, before it completes.
//!
//! Nothing in `payments` is ever changed or removed: a recorded tender is voided by a new row
//! of the same kind with the negative amount, naming it in `reverses`, written with the cart
//! in one durable transaction. A card or wallet payment goes back through the terminal first
//! (a refund; on a return, the refund is charged again); a store-credit redemption gives the
//! value back to its note; a credit note being issued by a return is simply never issued. A
//! cash tender lives only in the cart and is removed from it. The voided tender then pays
//! nothing: the sale is payable again, can be parked or cancelled, and reports net the pair.

use caisse_core::money::Money;
use caisse_core::staff::Permission;
use caisse_core::tender::TenderKind;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::cart::{CartStatus, KeptReply, SaleKind};
use super::config::store_config;
use super::keys::request_hash;
use super::payments::{ExternalConfirmationInput, charge_terminal, replay};
use super::sales::{lock_cart, store_change};
use super::tender::{commit_with_cart, payment_row};
use super::view::SaleView;
use crate::ErrorCode;
use crate::auth::Principal;
use crate::{App, AppError, now_us};

/// Voiding a tender.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
pub struct VoidPayment {
    /// For an external terminal: what its screen shows after it approved the refund.
    #[serde(default)]
    pub confirmation: Option<ExternalConfirmationInput>,
}

/// Voids a tender of a live sale. Retrying with the same `Idempotency-Key` returns the sale
/// without voiding twice; a terminal that declines or does not answer leaves the tender as
/// it was.
pub async fn void_payment(
    app: &App,
    who: &Principal,
    sale_id: Uuid,
    payment_id: Uuid,
    key: &str,
    input: VoidPayment,
) -> Result<SaleView, AppError> {
    who.require(Permission::Sell)?;
    let claim = app.checkout.claim_key(&app.db, who.store_id, key).await?;
    let done = void_claimed(app, who, sale_id, payment_id, key, input).await;
    claim.release().await;
    done
}

async fn void_claimed(
    app: &App,
    who: &Principal,
    sale_id: Uuid,
    payment_id: Uuid,
    key: &str,
    input: VoidPayment,
) -> Result<SaleView, AppError> {
    let hash = request_hash(&format!("void:{sale_id}:{payment_id}"), &input);
    let cfg = store_config(app, who.store_id).await?;
    let mut cart = lock_cart(app, who, sale_id).await?;
    who.check_cart(cart.store_id, cart.register_id)?;
    if let Some(answer) = replay(&cart, key, &hash, &cfg) {
        return answer;
    }
    if cart.kind == SaleKind::Return {
        who.require(Permission::Refund)?;
    }
    if cart.status != CartStatus::Open {
        return Err(AppError::state(
            ErrorCode::SaleNotOpen,
            "resume the parked sale first",
        ));
    }
    let index = cart
        .payments
        .iter()
        .position(|p| p.id == payment_id)
        .ok_or(AppError::NotFound("payment"))?;
    let paid = cart.payments[index].clone();
    if !paid.is_live() {
        return Err(AppError::state(
            ErrorCode::PaymentAlreadyVoided,
            "this tender was already voided",
        ));
    }
    let mut next = cart.clone();
    next.keys.insert(
        key.to_owned(),
        KeptReply {
            request_hash: hash,
            payment_id,
        },
    );
    next.version += 1;
    if !paid.recorded {
        // Cash only lives in the cart until completion.
        next.payments.remove(index);
        return store_change(app, &cfg, &mut cart, next, Vec::new()).await;
    }
    let now = now_us();
    let mut reversal = payment_row(who.store_id, sale_id, &paid, -paid.tendered);
    reversal.id = Uuid::now_v7();
    reversal.tendered = -paid.tendered;
    reversal.idempotency_key = Some(key.to_owned());
    reversal.created_at = now;
    reversal.reverses = Some(paid.id);
    match paid.kind {
        TenderKind::Card | TenderKind::Wallet => {
            let conf = input.confirmation.clone().unwrap_or_default();
            let back = Money::new(-paid.tendered, cfg.currency);
            let approved = charge_terminal(app, back, sale_id, conf).await?;
            reversal.auth_code = approved.auth_code;
            reversal.card_brand = approved.card_brand.or(paid.card_brand.clone());
            reversal.card_last4 = approved.card_last4.or(paid.card_last4.clone());
            reversal.terminal_ref = approved.terminal_ref;
        }
        TenderKind::StoreCredit => {}
        other => {
            return Err(AppError::Internal(format!(
                "a recorded {} tender cannot be voided",
                other.as_str()
            )));
        }
    }
    next.payments[index].voided_by = Some(reversal.id);
    let mut tx = app.db.begin().await?;
    if paid.kind == TenderKind::StoreCredit && cart.kind == SaleKind::Sale {
        let code = paid
            .terminal_ref
            .clone()
            .ok_or_else(|| AppError::Internal("a redemption without its note".into()))?;
        super::credit::restore(
            &mut tx,
            who,
            sale_id,
            &code,
            paid.tendered,
            reversal.id,
            now,
        )
        .await?;
    }
    let view = commit_with_cart(app, &cfg, tx, vec![reversal], &mut cart, next).await?;
    tracing::info!(sale_id = %sale_id, payment_id = %payment_id, kind = paid.kind.as_str(), "tender voided");
    Ok(view)
}
