//! Completed documents as clients read them back.

use serde_json::{Value, json};
use uuid::Uuid;

use super::config::store_config;
use super::view::view_of;
use crate::auth::Principal;
use crate::{App, AppError};

/// A sale by id: the live cart when it is being rung up, else the stored document.
pub async fn get_sale(app: &App, who: &Principal, id: Uuid) -> Result<Value, AppError> {
    who.require(caisse_core::staff::Permission::Sell)?;
    if let Ok(cart) = app.checkout.carts.lock(who.store_id, id).await {
        let cfg = store_config(app, who.store_id).await?;
        let v = view_of(&cart, &cfg)?;
        return serde_json::to_value(v).map_err(|e| AppError::Internal(e.to_string()));
    }
    stored_sale(app, who.store_id, id).await
}

/// The stored document of a completed or cancelled sale or return.
pub async fn stored_sale(app: &App, store_id: Uuid, id: Uuid) -> Result<Value, AppError> {
    use caisse_store::sales as s;
    let sale = s::get_sale(&app.db, store_id, id)
        .await?
        .ok_or(AppError::NotFound("sale"))?;
    let lines = s::sale_lines(&app.db, id).await?;
    let taxes = s::sale_taxes(&app.db, id).await?;
    let payments = s::sale_payments(&app.db, id).await?;
    let cur = sale.currency.as_str();
    let m = |x: i64| json!({"amount": x, "currency": cur});
    let completed_at = jiff::Timestamp::from_microsecond(sale.completed_at)
        .map(|t| t.to_string())
        .unwrap_or_default();
    Ok(json!({
        "id": sale.id,
        "status": sale.status,
        "kind": sale.kind,
        "register_id": sale.register_id,
        "cashier_id": sale.cashier_id,
        "number": sale.number,
        "receipt_number": sale.receipt_number,
        "original_sale_id": sale.original_sale_id,
        "business_date": sale.business_date,
        "completed_at": completed_at,
        "subtotal": m(sale.subtotal),
        "discount_total": m(sale.discount_total),
        "net_total": m(sale.net_total),
        "tax_total": m(sale.tax_total),
        "total": m(sale.total),
        "tax_exempt_ref": sale.tax_exempt_ref,
        "settlement": {
            "paid": m(sale.paid),
            "rounding": m(sale.rounding),
            "change": m(sale.change_given),
            "remaining": m(0),
            "settled": sale.status == "completed",
        },
        "lines": lines.iter().map(|l| json!({
            "line_no": l.line_no,
            "item_id": l.item_id,
            "sku": l.sku,
            "description": l.description,
            "quantity": caisse_core::money::Quantity::from_milli(l.quantity).to_string(),
            "unit": l.unit,
            "unit_price": m(l.unit_price),
            "price_override": l.price_override.map(m),
            "base": m(l.base),
            "line_discount": m(l.line_discount),
            "sale_discount": m(l.sale_discount),
            "amount": m(l.amount),
            "tax": m(l.tax),
            "total": m(l.total),
            "tax_category": l.tax_category,
            "voided": l.voided,
            "discount_reason": l.discount_reason,
            "original_line_no": l.original_line_no,
            "lot": l.lot,
            "expiry": l.expiry,
            "serial": l.serial,
        })).collect::<Vec<_>>(),
        "taxes": taxes.iter().map(|t| json!({
            "code": t.code,
            "label": t.label,
            "rate": rust_decimal::Decimal::new(t.rate_e4, 4).normalize().to_string(),
            "base": m(t.base),
            "tax": m(t.tax),
            "gross": m(t.gross),
        })).collect::<Vec<_>>(),
        "payments": payments.iter().map(|p| json!({
            "id": p.id,
            "kind": p.kind,
            "amount": m(p.amount),
            "tendered": m(p.tendered),
            "card_brand": p.card_brand,
            "card_last4": p.card_last4,
            "auth_code": p.auth_code,
            "credit_note": if p.kind == "store_credit" { p.terminal_ref.clone() } else { None },
            "reverses": p.reverses,
        })).collect::<Vec<_>>(),
    }))
}
