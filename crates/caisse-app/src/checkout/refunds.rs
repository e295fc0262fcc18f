//! The limits of a return: what the original sale sold and was paid with, less what other
//! returns already took (completed ones, and returns still being rung up, which reserve what
//! they hold); how a returned line is priced; the checks a refund tender must pass; credit
//! notes.
//!
//! Every decision that consumes what an original has left (adding a return line, taking a
//! refund tender) runs under one lock, taken before any cart's lock, so two tills returning
//! the same receipt at once cannot both take the last item or the last euro on the card.

use std::collections::HashMap;

use caisse_core::journal::amount_text;
use caisse_core::money::{Currency, Money, Quantity, Rounding};
use caisse_core::sale::{Discount, PricedSale};
use caisse_core::tender::{Settlement, TenderKind};
use rand::RngCore;
use tokio::sync::{Mutex, MutexGuard};
use uuid::Uuid;

use super::cart::{Cart, CartDiscount, CartLine, SaleKind};
use super::config::StoreConfig;
use super::document::{self, DocumentLine, SaleDocument};
use crate::ErrorCode;
use crate::auth::Principal;
use crate::{App, AppError};

static RETURNS: Mutex<()> = Mutex::const_new(());

/// Held while a decision consumes what an original sale has left to return: this process's
/// lock, and (PostgreSQL) an advisory lock on the original sale, so returns of one receipt on
/// two servers take turns too.
pub struct ReturnsLock {
    _shared: Option<caisse_store::AdvisoryLock>,
    _local: MutexGuard<'static, ()>,
}

/// Serialises the decisions that consume what an original sale has left to return. Take it
/// before any cart's lock, never while holding one.
pub async fn lock(app: &App, original: Option<Uuid>) -> Result<ReturnsLock, AppError> {
    // The process's own lock first: at most one connection per server waits for the shared one.
    let local = RETURNS.lock().await;
    let shared = match original {
        Some(id) => {
            let mut key = [0u8; 8];
            key.copy_from_slice(&id.as_bytes()[8..]);
            app.db.advisory_lock(i64::from_le_bytes(key)).await?
        }
        None => None,
    };
    Ok(ReturnsLock {
        _shared: shared,
        _local: local,
    })
}

/// Checks that a document can be returned: a completed sale (not a return, not a
/// cancellation) in the store's currency and tax mode.
fn returnable(cfg: &StoreConfig, doc: SaleDocument) -> Result<SaleDocument, AppError> {
    let h = &doc.header;
    if h.kind != SaleKind::Sale || !doc.is_completed() {
        return Err(AppError::state(
            ErrorCode::NotReturnable,
            format!(
                "receipt {} is a {} {}, not a completed sale: it cannot be returned",
                h.receipt_number,
                h.status.as_str(),
                h.kind.as_str()
            ),
        ));
    }
    if h.currency != cfg.currency || h.tax_mode != cfg.policy.mode {
        return Err(AppError::state(
            ErrorCode::NotReturnable,
            "the store's currency or tax mode changed since this sale: refund it by hand",
        ));
    }
    Ok(doc)
}

/// What returns took from an original: goods and money, all as positive numbers.
#[derive(Debug, Clone, Default)]
pub struct Taken {
    /// Per original line: quantity (thousandths) and amount after discounts (minor units).
    pub lines: HashMap<u32, (i64, i64)>,
    /// Per tender kind (`card`, `cash`…): money refunded (minor units).
    pub tenders: HashMap<String, i64>,
}

impl Taken {
    /// Adds what a return cart holds (its lines priced by `priced`, and its tenders).
    pub fn add_cart(&mut self, cart: &Cart, priced: &PricedSale) {
        for (l, p) in cart.lines.iter().zip(&priced.lines) {
            if let (false, Some(n)) = (l.voided, l.original_line_no) {
                let e = self.lines.entry(n).or_default();
                e.0 = e.0.saturating_sub(l.quantity);
                e.1 = e.1.saturating_sub(p.amount.minor());
            }
        }
        for p in cart.live_payments() {
            let e = self.tenders.entry(p.kind.as_str().to_owned()).or_default();
            *e = e.saturating_sub(p.tendered);
        }
    }

    /// Quantity and amount taken from one original line.
    pub fn line(&self, line_no: u32) -> (i64, i64) {
        self.lines.get(&line_no).copied().unwrap_or((0, 0))
    }
}

/// What a return needs to decide: the original (none for a return without receipt) and what
/// other returns of it took.
#[derive(Debug, Clone, Default)]
pub struct ReturnContext {
    /// The original sale's document.
    pub original: Option<SaleDocument>,
    /// Taken by returns other than the one being decided.
    pub taken: Taken,
}

impl ReturnContext {
    /// The original's line with this number.
    pub fn line(&self, line_no: u32) -> Option<&DocumentLine> {
        self.original
            .as_ref()?
            .lines
            .iter()
            .find(|l| l.line_no == line_no)
    }

    /// What the original was paid with this tender (net of change for cash; a tender voided
    /// before completion paid nothing).
    pub fn paid_with(&self, kind: &str) -> i64 {
        self.original.as_ref().map_or(0, |o| {
            o.live_payments()
                .filter(|p| p.kind.as_str() == kind)
                .fold(0i64, |s, p| s.saturating_add(p.amount))
        })
    }

    /// What can still go back to this tender, after other returns and this cart's tenders.
    pub fn refundable(&self, kind: TenderKind, cart: &Cart) -> i64 {
        let k = kind.as_str();
        let mine = cart
            .live_payments()
            .filter(|p| p.kind == kind)
            .fold(0i64, |s, p| s.saturating_sub(p.tendered));
        let others = self.taken.tenders.get(k).copied().unwrap_or(0);
        self.paid_with(k)
            .saturating_sub(others)
            .saturating_sub(mine)
    }
}

/// Loads the original and adds up what the other returns of it took. The caller must not
/// hold any cart's lock (every live return of the original is looked at).
pub async fn context(
    app: &App,
    cfg: &StoreConfig,
    who: &Principal,
    own_cart: Uuid,
    original_sale_id: Option<Uuid>,
) -> Result<ReturnContext, AppError> {
    let Some(original_id) = original_sale_id else {
        return Ok(ReturnContext::default());
    };
    let mut taken = Taken::default();
    // Live carts first (as stored: what every server sees), then the completed returns: a
    // return that completes in between is then seen at least once (twice at worst, which only
    // refuses too much, never too little).
    for c in app.checkout.carts.stored(who.store_id).await? {
        if c.id == own_cart || c.kind != SaleKind::Return || c.original_sale_id != Some(original_id)
        {
            continue;
        }
        let priced = c.price(cfg)?;
        taken.add_cart(&c, &priced);
    }
    let db = &app.db;
    for r in caisse_store::returns::returned_lines(db, who.store_id, original_id).await? {
        let Ok(n) = u32::try_from(r.original_line_no) else {
            continue;
        };
        let e = taken.lines.entry(n).or_default();
        e.0 = e.0.saturating_sub(r.quantity);
        e.1 = e.1.saturating_sub(r.amount);
    }
    for (kind, amount) in
        caisse_store::returns::refunded_by_tender(db, who.store_id, original_id).await?
    {
        let e = taken.tenders.entry(kind).or_default();
        *e = e.saturating_sub(amount);
    }
    let original = document::load(db, who.store_id, original_id).await?;
    Ok(ReturnContext {
        original: Some(returnable(cfg, original)?),
        taken,
    })
}

/// For a return cart: takes the returns lock and the context, before the cart's own lock.
pub async fn prepare(
    app: &App,
    cfg: &StoreConfig,
    who: &Principal,
    id: Uuid,
) -> Result<Option<(ReturnsLock, ReturnContext)>, AppError> {
    let (kind, original) = {
        let c = app.checkout.carts.lock(who.store_id, id).await?;
        (c.kind, c.original_sale_id)
    };
    if kind != SaleKind::Return {
        return Ok(None);
    }
    let guard = lock(app, original).await?;
    let ctx = context(app, cfg, who, id, original).await?;
    Ok(Some((guard, ctx)))
}

/// `amount × part / whole`, halves away from zero (all three non-negative, `whole` positive).
fn share(amount: i64, part: i64, whole: i64) -> Result<i64, AppError> {
    let n = i128::from(amount) * i128::from(part) * 2 + i128::from(whole);
    let d = i128::from(whole) * 2;
    i64::try_from(n.div_euclid(d)).map_err(|_| {
        AppError::field_code(
            "quantity",
            "too_large",
            serde_json::Value::Null,
            "is too large",
        )
    })
}

/// The cart line returning `quantity` (thousandths, positive) of an original line, of which
/// other returns took `taken` (quantity, amount).
///
/// It keeps the original's unit price and price override; the original's line discount and
/// share of the sale discount become one amount off, so that the line refunds the
/// proportional share of what the customer paid for the line: `amount × (taken + quantity)
/// / sold − already refunded`. A return of the whole line refunds exactly what was paid for
/// it, and successive partial returns add up to exactly that too.
pub fn return_line(
    original: &DocumentLine,
    line_no: u32,
    quantity: i64,
    taken: (i64, i64),
    sold_by_weight: bool,
    currency: Currency,
) -> Result<CartLine, AppError> {
    let (taken_qty, refunded) = taken;
    let price = original.price_override.unwrap_or(original.unit_price);
    let base = Money::new(price, currency)
        .mul_quantity(Quantity::from_milli(quantity), Rounding::HalfUp)
        .map_err(|e| AppError::field("quantity", e.to_string()))?
        .minor();
    let paid = original.amount.max(0);
    let due = share(paid, taken_qty.saturating_add(quantity), original.quantity)?;
    let target = due
        .saturating_sub(refunded)
        .min(base)
        .min(paid.saturating_sub(refunded))
        .max(0);
    let off = base - target;
    let discount = if off > 0 {
        let d = Discount::amount(Money::new(off, currency))
            .map_err(|e| AppError::Internal(e.to_string()))?;
        Some(CartDiscount {
            discount: d,
            reason: "original_discounts".into(),
            approved_by: None,
        })
    } else {
        None
    };
    Ok(CartLine {
        line_no,
        item_id: original.item_id,
        product_id: original.product_id,
        variant_id: original.variant_id,
        sku: original.sku.clone(),
        description: original.description.clone(),
        unit: original.unit.clone(),
        sold_by_weight,
        tax_category: original.tax_category.clone(),
        unit_price: original.unit_price,
        quantity: -quantity,
        price_override: original.price_override,
        override_approved_by: None,
        discount,
        voided: false,
        scanned_code: None,
        quantity_from_code: false,
        lot: original.lot.clone(),
        expiry: original.expiry.clone(),
        serial: original.serial.clone(),
        original_line_no: Some(original.line_no),
    })
}

fn changed(message: impl Into<String>) -> AppError {
    AppError::state(ErrorCode::ReturnChanged, message)
}

/// Checks, before a refund, that a return cart still follows its original (its lines may
/// only be voided once added): goods going back, the original's prices, no sale discount,
/// and never more goods or money per line than the original had left.
pub fn check_cart(ctx: &ReturnContext, cart: &Cart, priced: &PricedSale) -> Result<(), AppError> {
    if cart.discount.is_some() {
        return Err(changed("a return takes no sale discount: remove it"));
    }
    if cart.lines.iter().any(|l| !l.voided && l.quantity >= 0) {
        return Err(changed("every line of a return gives goods back"));
    }
    let Some(original) = &ctx.original else {
        return Ok(());
    };
    if cart.tax_exempt_ref != original.header.tax_exempt_ref {
        return Err(changed("a return is taxed as its original sale was"));
    }
    let mut mine = Taken::default();
    mine.add_cart(cart, priced);
    for l in cart.lines.iter().filter(|l| !l.voided) {
        let ol = l
            .original_line_no
            .and_then(|n| ctx.line(n))
            .ok_or_else(|| changed("a return line must come from the original receipt"))?;
        if ol.unit_price != l.unit_price || ol.price_override != l.price_override {
            return Err(changed(format!(
                "line {} must keep the original price: void it and add it again",
                l.line_no
            )));
        }
    }
    for (n, (qty, amount)) in &mine.lines {
        let Some(ol) = ctx.line(*n) else {
            return Err(changed("a return line must come from the original receipt"));
        };
        let (t_qty, t_amount) = ctx.taken.line(*n);
        if t_qty.saturating_add(*qty) > ol.quantity {
            return Err(AppError::state(
                ErrorCode::ReturnExceedsSold,
                format!("more of line {n} than was sold is being returned"),
            ));
        }
        if t_amount.saturating_add(*amount) > ol.amount.max(0) {
            return Err(changed(format!(
                "line {n} would refund more than was paid for it: void it and add it again"
            )));
        }
    }
    Ok(())
}

/// The amount of a refund tender on a return (negative), defaulting to what is still owed to
/// the customer for that tender, and within its limits: cash up to what is due, a card or
/// wallet up to what the original was paid with it less earlier refunds, store credit up to
/// what is owed (checked by the settlement).
pub fn refund_amount(
    ctx: &ReturnContext,
    cart: &Cart,
    kind: TenderKind,
    requested: Option<i64>,
    before: &Settlement,
) -> Result<i64, AppError> {
    let text = |minor: i64| amount_text(Money::new(minor, before.total.currency()));
    match kind {
        TenderKind::Cash => {
            let due = before.cash_due.minor();
            let amount = requested.unwrap_or(due);
            if amount < due {
                return Err(AppError::state(
                    ErrorCode::RefundExceedsDue,
                    format!("only {} is due to the customer", text(-due)),
                ));
            }
            Ok(amount)
        }
        TenderKind::Card | TenderKind::Wallet => {
            let left = ctx.refundable(kind, cart);
            let owed = before.remaining.minor().saturating_neg();
            let amount = requested.unwrap_or_else(|| left.min(owed).saturating_neg());
            if left <= 0 || amount.saturating_neg() > left {
                return Err(AppError::state(
                    ErrorCode::RefundExceedsPaid,
                    format!(
                        "at most {} can go back to the {}: what the original sale was paid \
                         with it, less earlier refunds",
                        text(left.max(0)),
                        kind.as_str()
                    ),
                ));
            }
            Ok(amount)
        }
        TenderKind::StoreCredit => Ok(requested.unwrap_or(before.remaining.minor())),
        TenderKind::GiftCard | TenderKind::Other => Err(AppError::field(
            "kind",
            "refund in cash, to the card or wallet, or as store credit",
        )),
    }
}

/// A new credit-note code: `CN-` and 10 random base32 characters (50 bits).
pub fn credit_note_code() -> String {
    const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let mut bytes = [0u8; 10];
    rand::rng().fill_bytes(&mut bytes);
    let mut code = String::with_capacity(13);
    code.push_str("CN-");
    for b in bytes {
        code.push(char::from(ALPHABET[usize::from(b & 31)]));
    }
    code
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_round_half_up_and_add_up_to_the_whole() {
        assert_eq!(share(675, 2000, 3000).ok(), Some(450));
        assert_eq!(share(100, 1000, 3000).ok(), Some(33));
        assert_eq!(share(101, 1000, 2000).ok(), Some(51));
        assert_eq!(share(675, 3000, 3000).ok(), Some(675));
    }

    #[test]
    fn credit_note_codes_are_prefixed_base32() {
        let a = credit_note_code();
        assert_eq!(a.len(), 13);
        assert!(a.starts_with("CN-"));
        assert!(
            a[3..]
                .bytes()
                .all(|b| b.is_ascii_uppercase() || (b'2'..=b'7').contains(&b))
        );
        assert_ne!(a, credit_note_code());
    }
}
