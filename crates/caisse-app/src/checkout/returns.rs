//! Returns: find the sale by its receipt (scanned or typed), choose lines and quantities,
//! refund (cash, back to the card or wallet, or store credit) and complete. A return is a new
//! document of kind `return` that references the original; the original is never changed.
//!
//! Refund tenders and completion go through the sale's endpoints (`payments`, `complete`);
//! [`super::refunds`] holds the limits they check.

use caisse_core::money::Quantity;
use caisse_core::staff::Permission;
use caisse_core::tender::TenderKind;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::cart::{Cart, CartLine, CartStatus, SaleKind};
use super::config::{StoreConfig, store_config};
use super::refunds::{self, ReturnContext, Taken};
use super::sales::{ApprovalInput, authorize, check_register, edit, lock_cart, store_change};
use super::view::{SaleView, view_of};
use crate::ErrorCode;
use crate::auth::Principal;
use crate::catalog::lookup;
use crate::catalog::view::MoneyJson;
use crate::{App, AppError, now_us};

fn yes() -> bool {
    true
}

/// Starting a return.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct StartReturn {
    /// The register the refund is given at (its drawer must be open).
    pub register_id: Uuid,
    /// The receipt number as scanned from the receipt's barcode or typed (`T1-000042`).
    pub receipt: Option<String>,
    /// Or the original sale's id.
    pub sale_id: Option<Uuid>,
    /// Whether the goods go back to stock (default true; false for damaged goods).
    #[serde(default = "yes")]
    pub restock: bool,
    /// Without a receipt: a manager's approval, when the cashier's role does not allow it.
    pub approval: Option<ApprovalInput>,
}

/// Adding a line to a return.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct ReturnLine {
    /// With a receipt: the line of the original sale.
    pub original_line_no: Option<u32>,
    /// Quantity or weight brought back, positive, as a decimal string. Default: 1 for goods
    /// sold by the piece, all that is left of a weighed or measured line.
    pub quantity: Option<String>,
    /// Without a receipt: the item's code as scanned (or its SKU).
    pub code: Option<String>,
    /// Without a receipt: the item's id.
    pub product_id: Option<Uuid>,
}

/// A line of the original sale with what can still be returned of it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReturnableLineView {
    /// The original's line number.
    pub line_no: u32,
    /// SKU.
    pub sku: String,
    /// Name.
    pub description: String,
    /// `each`, `kg`, `l`, `m`.
    pub unit: String,
    /// Quantity sold, as a decimal string.
    pub sold: String,
    /// Quantity returned by completed returns and held by returns being rung up (this one
    /// included).
    pub returned: String,
    /// What can still be returned (0 for a voided line).
    pub returnable: String,
    /// What the customer paid for the line.
    pub total: MoneyJson,
    /// Voided on the original (nothing to return).
    pub voided: bool,
}

/// A tender of the original sale with what can still be refunded to it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RefundableTenderView {
    /// `cash`, `card`, `wallet`…
    pub kind: String,
    /// What the original was paid with it (cash net of change).
    pub paid: MoneyJson,
    /// What can still go back to it. Cash and store credit can always be offered, within
    /// what is due.
    pub refundable: MoneyJson,
}

/// The sale a return refunds.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct OriginalView {
    /// Its id.
    pub id: Uuid,
    /// Its receipt number.
    pub receipt_number: String,
    /// Its business date.
    pub business_date: String,
    /// Its total.
    pub total: MoneyJson,
    /// Its lines, with what is left to return.
    pub lines: Vec<ReturnableLineView>,
    /// The tenders it was paid with: offer these first.
    pub tenders: Vec<RefundableTenderView>,
}

/// A credit note issued as a refund: the code the customer keeps.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CreditNoteView {
    /// The refund tender.
    pub payment_id: Uuid,
    /// The code printed for the customer (`CN-…`).
    pub code: String,
    /// The credit it holds.
    pub amount: MoneyJson,
}

/// A return as the till sees it: the sale view plus what the original allows.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReturnView {
    /// The return, as any sale is shown.
    #[serde(flatten)]
    pub sale: SaleView,
    /// Whether the goods go back to stock.
    pub restock: bool,
    /// The manager who approved a return without receipt.
    pub approved_by: Option<Uuid>,
    /// The original sale (absent without a receipt).
    pub original: Option<OriginalView>,
    /// Credit notes issued by this return.
    pub credit_notes: Vec<CreditNoteView>,
}

fn normalise_receipt(text: &str) -> Result<String, AppError> {
    let r = text.trim().to_ascii_uppercase();
    if r.is_empty() || r.chars().count() > 64 || r.chars().any(char::is_control) {
        return Err(AppError::field(
            "receipt",
            "scan or type the receipt number (T1-000042)",
        ));
    }
    Ok(r)
}

/// Opens a return on a register: from a sale found by receipt number or id, or without a
/// receipt (needs a manager, or a manager's approval). No lines yet.
pub async fn start_return(
    app: &App,
    who: &Principal,
    input: StartReturn,
) -> Result<ReturnView, AppError> {
    who.require(Permission::Refund)?;
    check_register(app, who, input.register_id).await?;
    let cfg = store_config(app, who.store_id).await?;
    let found = match (&input.receipt, input.sale_id) {
        (Some(_), Some(_)) => {
            return Err(AppError::field(
                "receipt",
                "give either the receipt number or the sale_id, not both",
            ));
        }
        (Some(r), None) => Some(
            caisse_store::sales::find_by_receipt(&app.db, who.store_id, &normalise_receipt(r)?)
                .await?
                .ok_or(AppError::NotFound("receipt"))?
                .id,
        ),
        // Read (and checked) as the return's original just below.
        (None, Some(id)) => Some(id),
        (None, None) => None,
    };
    let id = Uuid::now_v7();
    let (original, approved_by, tax_exempt_ref) = match found {
        Some(sale_id) => {
            let ctx = refunds::context(app, &cfg, who, id, Some(sale_id)).await?;
            let left = ctx.original.as_ref().is_some_and(|o| {
                o.lines
                    .iter()
                    .any(|l| !l.voided && l.quantity > ctx.taken.line(l.line_no).0)
            });
            if !left {
                return Err(AppError::state(
                    ErrorCode::NothingToReturn,
                    "everything on this receipt was already returned, or is on a return being rung up",
                ));
            }
            let tax_exempt_ref = ctx
                .original
                .as_ref()
                .and_then(|o| o.header.tax_exempt_ref.clone());
            (Some(sale_id), None, tax_exempt_ref)
        }
        None => {
            let approver = authorize(
                app,
                who,
                Permission::RefundWithoutReceipt,
                "refund_without_receipt",
                input.approval.as_ref(),
            )
            .await?;
            (None, Some(approver.unwrap_or(who.user_id)), None)
        }
    };
    let cart = Cart {
        id,
        store_id: who.store_id,
        register_id: input.register_id,
        cashier_id: who.user_id,
        status: CartStatus::Open,
        kind: SaleKind::Return,
        original_sale_id: original,
        restock: input.restock,
        approved_by,
        opened_at: now_us(),
        version: 1,
        lines: Vec::new(),
        discount: None,
        tax_exempt_ref,
        payments: Vec::new(),
        keys: Default::default(),
    };
    let view = view_of(&cart, &cfg)?;
    app.checkout.carts.create(cart, &view).await?;
    tracing::info!(sale_id = %id, original = ?original, register = %input.register_id, "return opened");
    return_view(app, who, &cfg, id).await
}

fn parse_quantity(text: &str) -> Result<Quantity, AppError> {
    let q: Quantity = text
        .trim()
        .parse()
        .map_err(|e: caisse_core::money::MoneyError| AppError::field("quantity", e.to_string()))?;
    if q.milli() <= 0 {
        return Err(AppError::field_code(
            "quantity",
            "not_positive",
            serde_json::Value::Null,
            "must be more than zero",
        ));
    }
    if q.milli() > 1_000_000_000 {
        return Err(AppError::field_code(
            "quantity",
            "too_large",
            serde_json::Value::Null,
            "is too large",
        ));
    }
    Ok(q)
}

/// Adds goods brought back: a line of the original receipt (never more than sold minus what
/// was already returned), or, without a receipt, an item by code or id at today's price.
pub async fn add_return_line(
    app: &App,
    who: &Principal,
    id: Uuid,
    input: ReturnLine,
) -> Result<ReturnView, AppError> {
    who.require(Permission::Refund)?;
    let cfg = store_config(app, who.store_id).await?;
    let quantity = input.quantity.as_deref().map(parse_quantity).transpose()?;
    let (kind, original) = {
        let c = lock_cart(app, who, id).await?;
        who.check_cart(c.store_id, c.register_id)?;
        (c.kind, c.original_sale_id)
    };
    if kind != SaleKind::Return {
        return Err(AppError::state(
            ErrorCode::NotAReturn,
            "this is a sale: add its lines with /sales/{id}/lines",
        ));
    }
    let guard = refunds::lock(app, original).await?;
    match original {
        Some(_) => {
            let ctx = refunds::context(app, &cfg, who, id, original).await?;
            add_from_receipt(app, who, &cfg, id, &ctx, &input, quantity).await?;
        }
        None => add_without_receipt(app, who, id, &input, quantity).await?,
    }
    drop(guard);
    return_view(app, who, &cfg, id).await
}

async fn add_from_receipt(
    app: &App,
    who: &Principal,
    cfg: &StoreConfig,
    id: Uuid,
    ctx: &ReturnContext,
    input: &ReturnLine,
    quantity: Option<Quantity>,
) -> Result<(), AppError> {
    let (line_no, quantity) = match (input.original_line_no, &input.code, input.product_id) {
        (Some(n), None, None) => (n, quantity),
        (None, Some(code), None) => scanned_line(app, who, id, ctx, code, quantity).await?,
        (None, None, Some(item)) => (receipt_line_of(app, who, id, ctx, item).await?, quantity),
        _ => {
            return Err(AppError::field_code(
                "original_line_no",
                "required",
                serde_json::Value::Null,
                "choose the line of the original receipt, or scan the item (code)",
            ));
        }
    };
    let ol = ctx
        .line(line_no)
        .ok_or(AppError::NotFound("original line"))?
        .clone();
    if ol.voided || ol.quantity <= 0 {
        return Err(AppError::state(
            ErrorCode::LineVoided,
            format!("line {line_no} was voided on the original sale: nothing to return"),
        ));
    }
    let sold_by_weight = match ol.item_id.map(|i| lookup::item_by_id(app, who, i)) {
        Some(Ok(item)) => item.sold_by_weight,
        _ => ol.unit != "each",
    };
    let by_piece = ol.unit == "each" && !sold_by_weight;
    let taken = ctx.taken.line(line_no);
    let currency = cfg.currency;
    edit(app, who, id, move |cart, _| {
        let existing = cart
            .lines
            .iter()
            .position(|l| !l.voided && l.original_line_no == Some(line_no));
        let in_cart = existing.map_or(0, |i| -cart.lines[i].quantity);
        let left = ol.quantity - taken.0 - in_cart;
        let q = match quantity {
            Some(q) => q.milli(),
            None if by_piece => 1000,
            None => left,
        };
        if q > left || left <= 0 {
            return Err(AppError::state(
                ErrorCode::ReturnExceedsSold,
                format!(
                    "only {} of line {line_no} can still be returned (sold {}, returned {})",
                    Quantity::from_milli(left.max(0)),
                    Quantity::from_milli(ol.quantity),
                    Quantity::from_milli(taken.0 + in_cart),
                ),
            ));
        }
        if by_piece && !Quantity::from_milli(q).is_whole() {
            return Err(AppError::field_code(
                "quantity",
                "by_the_piece",
                serde_json::Value::Null,
                "this item is sold by the piece",
            ));
        }
        let cart_line_no = existing.map_or_else(|| cart.next_line_no(), |i| cart.lines[i].line_no);
        let line = refunds::return_line(
            &ol,
            cart_line_no,
            in_cart + q,
            taken,
            sold_by_weight,
            currency,
        )?;
        match existing {
            Some(i) => cart.lines[i] = line,
            None => cart.lines.push(line),
        }
        Ok(())
    })
    .await?;
    Ok(())
}

/// The original line a scanned item comes back on, and the quantity its label carries
/// (a weighed label: its weight).
async fn scanned_line(
    app: &App,
    who: &Principal,
    id: Uuid,
    ctx: &ReturnContext,
    code: &str,
    quantity: Option<Quantity>,
) -> Result<(u32, Option<Quantity>), AppError> {
    let found = lookup::lookup(app, who, code)?;
    let from_label = found
        .scan
        .quantity
        .as_deref()
        .map(parse_quantity)
        .transpose()?;
    let line_no = receipt_line_of(app, who, id, ctx, found.item.item_id).await?;
    Ok((line_no, quantity.or(from_label)))
}

/// The first line of the original receipt that sold `item` and still has some left to
/// return (counting what this return already holds), or `not_on_receipt`.
async fn receipt_line_of(
    app: &App,
    who: &Principal,
    id: Uuid,
    ctx: &ReturnContext,
    item: Uuid,
) -> Result<u32, AppError> {
    let in_cart: std::collections::HashMap<u32, i64> = {
        let c = lock_cart(app, who, id).await?;
        c.lines
            .iter()
            .filter(|l| !l.voided)
            .filter_map(|l| Some((l.original_line_no?, -l.quantity)))
            .collect()
    };
    let lines = ctx.original.as_ref().map_or(&[][..], |o| &o.lines[..]);
    let mut sold_here = None;
    for l in lines
        .iter()
        .filter(|l| !l.voided && l.item_id == Some(item))
    {
        let n = l.line_no;
        sold_here.get_or_insert(n);
        let left = l.quantity - ctx.taken.line(n).0 - in_cart.get(&n).copied().unwrap_or(0);
        if left > 0 {
            return Ok(n);
        }
    }
    Err(match sold_here {
        // On the receipt, but all of it is back already: say so as the line would.
        Some(n) => AppError::state(
            ErrorCode::ReturnExceedsSold,
            format!("everything of line {n} was already returned"),
        ),
        None => AppError::state(
            ErrorCode::NotOnReceipt,
            "this item is not on the receipt being returned",
        ),
    })
}

async fn add_without_receipt(
    app: &App,
    who: &Principal,
    id: Uuid,
    input: &ReturnLine,
    given: Option<Quantity>,
) -> Result<(), AppError> {
    if input.original_line_no.is_some() {
        return Err(AppError::field(
            "original_line_no",
            "this return has no receipt: scan the items brought back",
        ));
    }
    let (item, scan) = match (&input.code, input.product_id) {
        (Some(code), None) => {
            let r = lookup::lookup(app, who, code)?;
            (r.item, Some(r.scan))
        }
        (None, Some(item_id)) => (lookup::item_by_id(app, who, item_id)?, None),
        _ => {
            return Err(AppError::field(
                "code",
                "give either a code or a product_id, not both",
            ));
        }
    };
    let scanned = scan
        .as_ref()
        .and_then(|s| s.quantity.as_deref())
        .map(parse_quantity)
        .transpose()?;
    let label_price = scan
        .as_ref()
        .and_then(|s| s.price.as_ref())
        .map(|p| p.amount);
    let (quantity, price_override) = match (label_price, scanned, given) {
        // A priced label carries the price of the whole item: one item at that price.
        (Some(p), _, _) => (Quantity::ONE, Some(p)),
        (None, Some(q), _) | (None, None, Some(q)) => (q, None),
        (None, None, None) if item.sold_by_weight => {
            return Err(AppError::state(
                ErrorCode::WeightRequired,
                format!("{} is sold by weight: give its weight", item.name),
            ));
        }
        (None, None, None) => (Quantity::ONE, None),
    };
    if item.unit == "each" && !item.sold_by_weight && !quantity.is_whole() {
        return Err(AppError::field_code(
            "quantity",
            "by_the_piece",
            serde_json::Value::Null,
            "this item is sold by the piece",
        ));
    }
    let from_code = scanned.is_some() || label_price.is_some();
    let code = input.code.clone();
    let s = scan.unwrap_or_default();
    edit(app, who, id, move |cart, _| {
        cart.lines.push(CartLine {
            line_no: cart.next_line_no(),
            item_id: Some(item.item_id),
            product_id: Some(item.product_id),
            variant_id: item.variant_id,
            sku: item.sku.clone(),
            description: item.name.clone(),
            unit: item.unit.clone(),
            sold_by_weight: item.sold_by_weight,
            tax_category: item.tax_category.clone(),
            unit_price: item.price.amount,
            quantity: -quantity.milli(),
            price_override,
            override_approved_by: None,
            discount: None,
            voided: false,
            scanned_code: code,
            quantity_from_code: from_code,
            lot: s.lot,
            expiry: s.expiry,
            serial: s.serial,
            original_line_no: None,
        });
        Ok(())
    })
    .await?;
    Ok(())
}

/// Whether a return's goods go back to stock.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct SetRestock {
    /// `true`: the goods go back on the shelf; `false`: they are written off.
    pub restock: bool,
}

/// Changes whether the goods of an open return go back to stock; refused once a refund was
/// taken (the refund was decided on what the return holds).
pub async fn set_restock(
    app: &App,
    who: &Principal,
    id: Uuid,
    input: SetRestock,
) -> Result<ReturnView, AppError> {
    who.require(Permission::Refund)?;
    let cfg = store_config(app, who.store_id).await?;
    {
        let mut c = lock_cart(app, who, id).await?;
        if c.kind != SaleKind::Return {
            return Err(AppError::NotFound("open return"));
        }
        who.require_register(c.register_id)?;
        if c.status != CartStatus::Open {
            return Err(AppError::state(
                ErrorCode::SaleNotOpen,
                "resume the parked return first",
            ));
        }
        if !c.payments.is_empty() {
            return Err(AppError::state(
                ErrorCode::RefundTaken,
                "a refund was already taken on this return",
            ));
        }
        if c.restock != input.restock {
            let mut next = c.clone();
            next.restock = input.restock;
            next.version += 1;
            store_change(app, &cfg, &mut c, next, Vec::new()).await?;
        }
    }
    return_view(app, who, &cfg, id).await
}

/// A live return with what its original still allows.
pub async fn get_return(app: &App, who: &Principal, id: Uuid) -> Result<ReturnView, AppError> {
    who.require(Permission::Refund)?;
    let cfg = store_config(app, who.store_id).await?;
    return_view(app, who, &cfg, id).await
}

async fn return_view(
    app: &App,
    who: &Principal,
    cfg: &StoreConfig,
    id: Uuid,
) -> Result<ReturnView, AppError> {
    let cart = {
        let c = lock_cart(app, who, id).await?;
        if c.kind != SaleKind::Return {
            return Err(AppError::NotFound("open return"));
        }
        who.require_register(c.register_id)?;
        c.clone()
    };
    let priced = cart.price(cfg)?;
    let sale = view_of(&cart, cfg)?;
    let ctx = refunds::context(app, cfg, who, id, cart.original_sale_id).await?;
    let currency = cfg.currency.code();
    let m = |x: i64| MoneyJson::new(x, currency);
    let original = ctx.original.as_ref().map(|o| {
        let mut all: Taken = ctx.taken.clone();
        all.add_cart(&cart, &priced);
        let lines = o
            .lines
            .iter()
            .map(|l| {
                let n = l.line_no;
                let returned = all.line(n).0;
                let left = if l.voided {
                    0
                } else {
                    (l.quantity - returned).max(0)
                };
                ReturnableLineView {
                    line_no: n,
                    sku: l.sku.clone(),
                    description: l.description.clone(),
                    unit: l.unit.clone(),
                    sold: Quantity::from_milli(l.quantity).to_string(),
                    returned: Quantity::from_milli(returned).to_string(),
                    returnable: Quantity::from_milli(left).to_string(),
                    total: m(l.total),
                    voided: l.voided,
                }
            })
            .collect();
        let mut kinds: Vec<&str> = Vec::new();
        for p in &o.payments {
            if !kinds.contains(&p.kind.as_str()) {
                kinds.push(p.kind.as_str());
            }
        }
        let tenders = kinds
            .into_iter()
            .map(|k| {
                let paid = ctx.paid_with(k);
                let gone = all.tenders.get(k).copied().unwrap_or(0);
                RefundableTenderView {
                    kind: k.to_owned(),
                    paid: m(paid),
                    refundable: m(paid.saturating_sub(gone).max(0)),
                }
            })
            .collect();
        OriginalView {
            id: o.header.id,
            receipt_number: o.header.receipt_number.clone(),
            business_date: o.header.business_date.to_string(),
            total: m(o.header.total),
            lines,
            tenders,
        }
    });
    let credit_notes = cart
        .live_payments()
        .filter(|p| p.kind == TenderKind::StoreCredit)
        .filter_map(|p| {
            Some(CreditNoteView {
                payment_id: p.id,
                code: p.terminal_ref.clone()?,
                amount: m(-p.tendered),
            })
        })
        .collect();
    Ok(ReturnView {
        sale,
        restock: cart.restock,
        approved_by: cart.approved_by,
        original,
        credit_notes,
    })
}
