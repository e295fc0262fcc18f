//! A tender on a cart: made under the request's key, added to a copy of the cart, stored as a
//! payment row, and committed with the cart when it moved value outside it (a card charge, a
//! store-credit redemption, a reversal). Shared by taking, redeeming and voiding tenders.

use caisse_core::tender::TenderKind;
use caisse_store::Tx;
use caisse_store::sales::PaymentRow;
use uuid::Uuid;

use super::cart::{Cart, CartPayment, KeptReply, row_of};
use super::config::StoreConfig;
use super::registry::CartGuard;
use super::sales::changed_meanwhile;
use super::view::{SaleView, view_of};
use super::writer::{CartWrite, write_cart_in};
use crate::{App, AppError, now_us};

/// A tender about to be taken, under the request's idempotency key.
pub fn new_payment(kind: TenderKind, amount: i64, key: &str) -> CartPayment {
    CartPayment {
        id: Uuid::now_v7(),
        kind,
        tendered: amount,
        card_brand: None,
        card_last4: None,
        auth_code: None,
        terminal_ref: None,
        key: Some(key.to_owned()),
        recorded: false,
        at: now_us(),
        voided_by: None,
    }
}

/// The cart after taking a tender: the payment added, the key's answer kept, a new version.
pub fn with_payment(cart: &Cart, payment: CartPayment, key: &str, hash: String) -> Cart {
    let mut next = cart.clone();
    next.keys.insert(
        key.to_owned(),
        KeptReply {
            request_hash: hash,
            payment_id: payment.id,
        },
    );
    next.payments.push(payment);
    next.version += 1;
    next
}

/// Writes payment rows and the cart that now holds them in the caller's transaction (which may
/// hold more: a credit note's movement), commits durably, and keeps the cart: a tender that
/// moved value outside the cart is never acknowledged before it is on disk. A cart changed
/// meanwhile (by another server) is refused and nothing is written.
pub async fn commit_with_cart(
    app: &App,
    cfg: &StoreConfig,
    mut tx: Tx,
    rows: Vec<PaymentRow>,
    guard: &mut CartGuard,
    next: Cart,
) -> Result<SaleView, AppError> {
    let write = CartWrite {
        row: row_of(&next)?,
        new: false,
        payments: rows,
    };
    match write_cart_in(&mut tx, &write).await {
        Ok(()) => tx.commit().await?,
        Err(AppError::SaleChanged(_)) => {
            tx.rollback().await?;
            app.checkout.carts.refresh(guard).await?;
            return Err(changed_meanwhile(guard, cfg));
        }
        Err(e) => return Err(e),
    }
    let view = view_of(&next, cfg)?;
    app.checkout.carts.kept(guard, next, &view);
    Ok(view)
}

/// The stored form of a tender; `amount` is what it pays towards the total.
pub fn payment_row(store_id: Uuid, sale_id: Uuid, p: &CartPayment, amount: i64) -> PaymentRow {
    PaymentRow {
        id: p.id,
        store_id,
        sale_id,
        kind: p.kind.as_str().to_owned(),
        amount,
        tendered: p.tendered,
        card_brand: p.card_brand.clone(),
        card_last4: p.card_last4.clone(),
        auth_code: p.auth_code.clone(),
        terminal_ref: p.terminal_ref.clone(),
        idempotency_key: p.key.clone(),
        created_at: p.at,
        reverses: None,
    }
}
