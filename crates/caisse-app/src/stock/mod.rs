//! Stock: the ledger's use cases. Movements are booked by documents (sales and returns through
//! the checkout's document pipeline, adjustments here) via [`ledger::book`]; the rest reads
//! levels and history, sets reorder points and the store's policy, lists alerts, and feeds the
//! live level changes ([`feed`]).

pub mod adjust;
pub mod count;
pub mod count_apply;
pub mod feed;
pub mod ledger;
pub mod read;
pub mod report;
pub mod report_csv;
pub mod settings;
pub mod stores;
pub mod transfer;
pub mod transfer_receive;

use caisse_core::money::Quantity;
use uuid::Uuid;

use crate::{AppError, FieldError};

pub use feed::StockFeed;

/// A quantity as the API shows it: a decimal string with three decimals (`"-1.500"`).
pub fn qty(milli: i64) -> String {
    Quantity::from_milli(milli).to_string()
}

/// An optional quantity as the API shows it.
pub fn qty_opt(milli: Option<i64>) -> Option<String> {
    milli.map(qty)
}

/// An instant as RFC 3339 (UTC).
pub fn instant(us: i64) -> String {
    jiff::Timestamp::from_microsecond(us)
        .map(|t| t.to_string())
        .unwrap_or_default()
}

/// Reads a quantity given as a decimal string (`"2"`, `"-0.250"`) into thousandths.
pub(crate) fn parse_qty(field: &str, text: &str, errors: &mut Vec<FieldError>) -> Option<i64> {
    match text.trim().parse::<Quantity>() {
        Ok(q) => Some(q.milli()),
        Err(_) => {
            errors.push(FieldError::coded(
                field,
                "invalid_quantity",
                serde_json::Value::Null,
                "give a quantity as a decimal string with at most 3 decimals, e.g. \"2\" or \"-0.250\"",
            ));
            None
        }
    }
}

/// A document's note: trimmed, None when empty; more than 200 characters or a control
/// character is a field error.
pub(crate) fn clean_note(note: Option<&str>, errors: &mut Vec<FieldError>) -> Option<String> {
    let note = note
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_owned);
    if note
        .as_deref()
        .is_some_and(|n| n.chars().count() > 200 || n.chars().any(char::is_control))
    {
        errors.push(FieldError::coded(
            "note",
            "invalid",
            serde_json::Value::Null,
            "at most 200 printable characters",
        ));
    }
    note
}

/// A keyset cursor `<µs>_<uuid>` as given back in `next_cursor`.
pub(crate) fn parse_cursor(text: &str) -> Result<(i64, Uuid), AppError> {
    let bad = || {
        AppError::field_code(
            "cursor",
            "invalid",
            serde_json::Value::Null,
            "give the next_cursor of the previous page",
        )
    };
    let (at, id) = text.split_once('_').ok_or_else(bad)?;
    Ok((
        at.parse().map_err(|_| bad())?,
        Uuid::parse_str(id).map_err(|_| bad())?,
    ))
}

/// The cursor that continues after a row.
pub(crate) fn cursor(at: i64, id: Uuid) -> String {
    format!("{at}_{}", id.simple())
}

/// What the selling location holds of an item, when the store refuses to sell below zero
/// (None when it allows it: nothing to read).
pub(crate) async fn available_for_sale(
    app: &crate::App,
    store_id: Uuid,
    item_id: Uuid,
) -> Result<Option<(Uuid, i64)>, AppError> {
    let cfg = crate::checkout::config::store_config(app, store_id).await?;
    if cfg.stock.negative != caisse_core::inventory::NegativeStock::Refuse {
        return Ok(None);
    }
    let location = cfg.stock.selling_location;
    let on_hand = caisse_store::stock::on_hand_at(&app.db, store_id, location, item_id).await?;
    Ok(Some((location, on_hand)))
}

/// Refuses adding `adding` thousandths of an item to a cart when, with what the cart already
/// holds of it, the selling location would go below zero.
pub(crate) fn check_available(
    available: Option<(Uuid, i64)>,
    cart: &crate::checkout::cart::Cart,
    item_id: Uuid,
    adding: i64,
) -> Result<(), AppError> {
    let Some((location, on_hand)) = available else {
        return Ok(());
    };
    let in_cart: i64 = cart
        .lines
        .iter()
        .filter(|l| !l.voided && l.item_id == Some(item_id))
        .map(|l| l.quantity)
        .fold(0i64, i64::saturating_add);
    let left = on_hand.saturating_sub(in_cart).saturating_sub(adding);
    if left < 0 {
        return Err(AppError::Stock {
            code: crate::ErrorCode::InsufficientStock,
            message: format!(
                "not enough in stock: {} on hand at the selling location",
                qty(on_hand)
            ),
            details: serde_json::json!({
                "item_id": item_id,
                "location_id": location,
                "on_hand": qty(on_hand),
            }),
        });
    }
    Ok(())
}
