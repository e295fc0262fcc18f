//! Ringing up: open a sale, add, change and void lines, discounts, park, resume.

use caisse_core::money::{Money, Quantity};
use caisse_core::sale::Discount;
use caisse_core::staff::Permission;
use serde::Deserialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::cart::{Cart, CartDiscount, CartLine, CartStatus, SaleKind, discount_percent};
use super::config::{StoreConfig, store_config};
use super::registry::CartGuard;
use super::view::{SaleView, view_of};
use crate::ErrorCode;
use crate::auth::{Approver, Principal, approve};
use crate::catalog::lookup;
use crate::money_input::{MoneyInput, minor_opt};
use crate::{App, AppError, now_us};

/// A manager's approval given on the spot: who (the staff id the PIN pad lists, or a login)
/// and their PIN, good for this one request.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct ApprovalInput {
    /// The approver's staff id (from `GET /auth/staff`).
    pub staff_id: Option<Uuid>,
    /// Or the approver's login.
    pub login: Option<String>,
    /// The approver's PIN.
    pub pin: String,
}

/// Checks that the caller may do `permission`, or that the approval given is from someone who
/// may; returns the approver's id when an approval was used.
pub async fn authorize(
    app: &App,
    who: &Principal,
    permission: Permission,
    action: &'static str,
    approval: Option<&ApprovalInput>,
) -> Result<Option<Uuid>, AppError> {
    if who.may(permission) {
        return Ok(None);
    }
    let Some(a) = approval else {
        return Err(AppError::ApprovalRequired { action });
    };
    let approver = match (a.staff_id, a.login.as_ref()) {
        (Some(id), None) => Approver::Staff(id),
        (None, Some(login)) => Approver::Login(login.clone()),
        _ => {
            return Err(AppError::field(
                "approval",
                "give the approver's staff_id or login, and their pin",
            ));
        }
    };
    let id = approve(app, who, approver, &a.pin, permission).await?;
    Ok(Some(id))
}

/// Opening a sale.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct OpenSale {
    /// The register it is rung on.
    pub register_id: Uuid,
}

/// Checks that the register belongs to the store, is active and has an open drawer.
pub async fn check_register(app: &App, who: &Principal, register_id: Uuid) -> Result<(), AppError> {
    who.require_register(register_id)?;
    let reg = app
        .checkout
        .register(&app.db, who.store_id, register_id)
        .await?;
    if !reg.active {
        return Err(AppError::state(
            ErrorCode::RegisterInactive,
            "this register is switched off",
        ));
    }
    if app
        .checkout
        .open_drawer(&app.db, register_id)
        .await?
        .is_none()
    {
        return Err(AppError::state(
            ErrorCode::DrawerClosed,
            "open the drawer (count the float) before selling on this register",
        ));
    }
    Ok(())
}

/// Opens a new sale on a register.
pub async fn open_sale(app: &App, who: &Principal, input: OpenSale) -> Result<SaleView, AppError> {
    who.require(Permission::Sell)?;
    check_register(app, who, input.register_id).await?;
    let cfg = store_config(app, who.store_id).await?;
    let cart = Cart {
        id: Uuid::now_v7(),
        store_id: who.store_id,
        register_id: input.register_id,
        cashier_id: who.user_id,
        status: CartStatus::Open,
        kind: SaleKind::Sale,
        original_sale_id: None,
        restock: true,
        approved_by: None,
        opened_at: now_us(),
        version: 1,
        lines: Vec::new(),
        discount: None,
        tax_exempt_ref: None,
        payments: Vec::new(),
        keys: Default::default(),
    };
    let view = view_of(&cart, &cfg)?;
    app.checkout.carts.create(cart, &view).await?;
    tracing::debug!(sale_id = %view.id, register = %input.register_id, "sale opened");
    Ok(view)
}

/// Locks a live cart of the caller's store (checked against the database when other servers
/// share it).
pub async fn lock_cart(app: &App, who: &Principal, id: Uuid) -> Result<CartGuard, AppError> {
    app.checkout.carts.lock(who.store_id, id).await
}

/// The refusal of a change to a cart that changed meanwhile, with the cart as it is now.
pub fn changed_meanwhile(cart: &Cart, cfg: &StoreConfig) -> AppError {
    match view_of(cart, cfg).map(serde_json::to_value) {
        Ok(Ok(v)) => AppError::SaleChanged(Some(v)),
        _ => AppError::SaleChanged(None),
    }
}

/// Stores the next state of a held cart before it is answered, and returns its view. A cart
/// changed meanwhile (by another server) is refused with the cart as it is now.
pub async fn store_change(
    app: &App,
    cfg: &StoreConfig,
    guard: &mut CartGuard,
    next: Cart,
    payments: Vec<caisse_store::sales::PaymentRow>,
) -> Result<SaleView, AppError> {
    let view = view_of(&next, cfg)?;
    match app.checkout.carts.save(guard, next, &view, payments).await {
        Ok(()) => Ok(view),
        Err(AppError::SaleChanged(_)) => Err(changed_meanwhile(guard, cfg)),
        Err(e) => Err(e),
    }
}

/// Applies a change to a copy of the cart, checks it still prices, stores it and keeps it.
/// Changes that fail leave the cart as it was.
pub async fn edit<F>(app: &App, who: &Principal, id: Uuid, change: F) -> Result<SaleView, AppError>
where
    F: FnOnce(&mut Cart, &StoreConfig) -> Result<(), AppError>,
{
    who.require(Permission::Sell)?;
    let cfg = store_config(app, who.store_id).await?;
    let mut guard = lock_cart(app, who, id).await?;
    who.check_cart(guard.store_id, guard.register_id)?;
    if guard.status != CartStatus::Open {
        return Err(AppError::state(
            ErrorCode::SaleNotOpen,
            "resume the parked sale first",
        ));
    }
    let mut next = guard.clone();
    change(&mut next, &cfg)?;
    next.version += 1;
    store_change(app, &cfg, &mut guard, next, Vec::new()).await
}

/// The current state of a live sale.
pub async fn get_open_sale(app: &App, who: &Principal, id: Uuid) -> Result<SaleView, AppError> {
    let cfg = store_config(app, who.store_id).await?;
    let cart = lock_cart(app, who, id).await?;
    who.check_cart(cart.store_id, cart.register_id)?;
    view_of(&cart, &cfg)
}

/// Adding a line: a code (anything a scanner sends, or a SKU) or an item id.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct AddLine {
    /// Barcode, scale label, GS1 element string or SKU.
    pub code: Option<String>,
    /// Product or variant id (from search or a quick key).
    pub product_id: Option<Uuid>,
    /// Quantity or weight as a decimal string (`"2"`, `"0.450"`); default 1.
    pub quantity: Option<String>,
}

fn parse_quantity(text: &str, field: &str) -> Result<Quantity, AppError> {
    let q: Quantity = text
        .trim()
        .parse()
        .map_err(|e: caisse_core::money::MoneyError| AppError::field(field, e.to_string()))?;
    if q.milli() <= 0 {
        return Err(AppError::field_code(
            field,
            "not_positive",
            serde_json::Value::Null,
            "must be more than zero",
        ));
    }
    if q.milli() > 1_000_000_000 {
        return Err(AppError::field_code(
            field,
            "too_large",
            serde_json::Value::Null,
            "is too large",
        ));
    }
    Ok(q)
}

/// Adds a line (or one more of the last line when the same item is scanned again).
pub async fn add_line(
    app: &App,
    who: &Principal,
    id: Uuid,
    input: AddLine,
) -> Result<SaleView, AppError> {
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
    let given = input
        .quantity
        .as_deref()
        .map(|q| parse_quantity(q, "quantity"))
        .transpose()?;
    let scanned_qty = scan
        .as_ref()
        .and_then(|s| s.quantity.as_deref())
        .map(|q| parse_quantity(q, "code"))
        .transpose()?;
    let label_price = scan
        .as_ref()
        .and_then(|s| s.price.as_ref())
        .map(|p| p.amount);
    let from_code = scanned_qty.is_some() || label_price.is_some();
    let quantity = match (scanned_qty, given) {
        (Some(q), _) => q,
        (None, Some(q)) => q,
        (None, None) if item.sold_by_weight && label_price.is_none() => {
            return Err(AppError::state(
                ErrorCode::WeightRequired,
                format!("{} is sold by weight: give its weight", item.name),
            ));
        }
        (None, None) => Quantity::ONE,
    };
    if !item.sold_by_weight && !from_code && !quantity.is_whole() && item.unit == "each" {
        return Err(AppError::field_code(
            "quantity",
            "by_the_piece",
            serde_json::Value::Null,
            "this item is sold by the piece",
        ));
    }
    let lot = scan.as_ref().and_then(|s| s.lot.clone());
    let serial = scan.as_ref().and_then(|s| s.serial.clone());
    let expiry = scan.as_ref().and_then(|s| s.expiry.clone());
    // A store that refuses to sell below zero hears it at the scan (an early warning read
    // outside any lock); completion checks again inside its transaction, and that is the
    // check that holds.
    let available = crate::stock::available_for_sale(app, who.store_id, item.item_id).await?;
    let adding = if label_price.is_some() {
        Quantity::ONE.milli()
    } else {
        quantity.milli()
    };
    edit(app, who, id, move |cart, _cfg| {
        if cart.kind == SaleKind::Return {
            return Err(AppError::state(
                ErrorCode::ReturnLinesFromReceipt,
                "a return takes its lines from the original receipt",
            ));
        }
        crate::stock::check_available(available, cart, item.item_id, adding)?;
        let mergeable = !from_code && !item.sold_by_weight && lot.is_none() && serial.is_none();
        if mergeable
            && let Some(last) = cart.lines.last_mut()
            && last.item_id == Some(item.item_id)
            && !last.voided
            && last.price_override.is_none()
            && last.discount.is_none()
            && !last.quantity_from_code
            && last.lot.is_none()
            && last.serial.is_none()
        {
            last.quantity = last.quantity.checked_add(quantity.milli()).ok_or_else(|| {
                AppError::field_code(
                    "quantity",
                    "too_large",
                    serde_json::Value::Null,
                    "is too large",
                )
            })?;
            return Ok(());
        }
        let line_no = cart.next_line_no();
        let (quantity, price_override) = match label_price {
            // A priced label carries the price of the whole item: one item at that price.
            Some(p) => (Quantity::ONE, Some(p)),
            None => (quantity, None),
        };
        cart.lines.push(CartLine {
            line_no,
            item_id: Some(item.item_id),
            product_id: Some(item.product_id),
            variant_id: item.variant_id,
            sku: item.sku.clone(),
            description: item.name.clone(),
            unit: item.unit.clone(),
            sold_by_weight: item.sold_by_weight,
            tax_category: item.tax_category.clone(),
            unit_price: item.price.amount,
            quantity: quantity.milli(),
            price_override,
            override_approved_by: None,
            discount: None,
            voided: false,
            scanned_code: input.code.clone(),
            quantity_from_code: from_code,
            lot,
            expiry,
            serial,
            original_line_no: None,
        });
        Ok(())
    })
    .await
}

/// A discount as requested.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct DiscountInput {
    /// Percentage off as a decimal string (`"10"`, `"12.5"`).
    pub percent: Option<String>,
    /// Amount off: minor units or `{"amount", "currency"}`.
    pub amount: Option<MoneyInput>,
    /// Reason code (`damaged`, `loyalty`, `price_match`…).
    pub reason: String,
}

fn parse_discount(d: &DiscountInput, cfg: &StoreConfig) -> Result<Discount, AppError> {
    caisse_core::text::bounded_text(&d.reason, 64)
        .map_err(|e| AppError::field("discount.reason", e.to_string()))?;
    let amount = minor_opt(
        d.amount.as_ref(),
        "discount.amount",
        cfg.currency,
        cfg.max_amount(),
    )?;
    match (&d.percent, amount) {
        (Some(p), None) => Discount::parse_percent(p)
            .map_err(|e| AppError::field("discount.percent", e.to_string())),
        (None, Some(a)) => Discount::amount(Money::new(a, cfg.currency))
            .map_err(|e| AppError::field("discount.amount", e.to_string())),
        _ => Err(AppError::field("discount", "give either percent or amount")),
    }
}

/// A return keeps the original's prices, discounts and exemption: only voiding is allowed.
fn refuse_on_return(cart: &Cart) -> Result<(), AppError> {
    if cart.kind == SaleKind::Return {
        return Err(AppError::state(
            ErrorCode::ReturnLocked,
            "a return keeps the original's prices and discounts: void the line instead",
        ));
    }
    Ok(())
}

/// Changing a line.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct UpdateLine {
    /// New quantity or weight as a decimal string.
    pub quantity: Option<String>,
    /// New unit price: minor units or `{"amount", "currency"}` (needs the price-override
    /// permission).
    pub price_override: Option<MoneyInput>,
    /// A line discount.
    pub discount: Option<DiscountInput>,
    /// Removes the line discount.
    #[serde(default)]
    pub clear_discount: bool,
    /// A manager's approval, when the cashier's role does not allow the change.
    pub approval: Option<ApprovalInput>,
}

/// Changes a line's quantity, price or discount.
pub async fn update_line(
    app: &App,
    who: &Principal,
    id: Uuid,
    line_no: u32,
    input: UpdateLine,
) -> Result<SaleView, AppError> {
    let cfg = store_config(app, who.store_id).await?;
    let quantity = input
        .quantity
        .as_deref()
        .map(|q| parse_quantity(q, "quantity"))
        .transpose()?;
    let price_override = minor_opt(
        input.price_override.as_ref(),
        "price_override",
        cfg.currency,
        cfg.max_amount(),
    )?;
    if let Some(p) = price_override
        && p < 0
    {
        return Err(AppError::field("price_override", "must not be negative"));
    }
    let discount = input
        .discount
        .as_ref()
        .map(|d| parse_discount(d, &cfg))
        .transpose()?;
    let override_by = match price_override {
        Some(_) => {
            authorize(
                app,
                who,
                Permission::PriceOverride,
                "price_override",
                input.approval.as_ref(),
            )
            .await?
        }
        None => None,
    };
    // Whether the discount exceeds the cashier's limit depends on the line's base: peek.
    let mut discount_by = None;
    if let Some(d) = &discount {
        let base = {
            let cart = lock_cart(app, who, id).await?;
            let line = cart
                .lines
                .iter()
                .find(|l| l.line_no == line_no)
                .ok_or(AppError::NotFound("line"))?;
            let price = price_override
                .or(line.price_override)
                .unwrap_or(line.unit_price);
            let q = quantity.map_or(line.quantity, Quantity::milli);
            Money::new(price, cfg.currency)
                .mul_quantity(Quantity::from_milli(q), cfg.policy.rounding)
                .map_err(|e| AppError::field("quantity", e.to_string()))?
        };
        if discount_percent(d, base) > cfg.cashier_discount_limit() {
            discount_by = authorize(
                app,
                who,
                Permission::LargeDiscount,
                "large_discount",
                input.approval.as_ref(),
            )
            .await?;
        }
    }
    let reason = input.discount.as_ref().map(|d| d.reason.trim().to_owned());
    edit(app, who, id, move |cart, _| {
        refuse_on_return(cart)?;
        let line = cart.line_mut(line_no)?;
        if line.voided {
            return Err(AppError::state(
                ErrorCode::LineVoided,
                "this line is voided",
            ));
        }
        if let Some(q) = quantity {
            if line.quantity_from_code {
                return Err(AppError::state(
                    ErrorCode::QuantityFromLabel,
                    "the quantity comes from the label; void the line and scan again",
                ));
            }
            if !line.sold_by_weight && line.unit == "each" && !q.is_whole() {
                return Err(AppError::field_code(
                    "quantity",
                    "by_the_piece",
                    serde_json::Value::Null,
                    "this item is sold by the piece",
                ));
            }
            line.quantity = q.milli();
        }
        if let Some(p) = price_override {
            line.price_override = Some(p);
            line.override_approved_by = override_by;
        }
        if input.clear_discount {
            line.discount = None;
        }
        if let Some(d) = discount {
            line.discount = Some(CartDiscount {
                discount: d,
                reason: reason.unwrap_or_default(),
                approved_by: discount_by,
            });
        }
        Ok(())
    })
    .await
}

/// Voids a line: it stays on the sale, at zero.
pub async fn void_line(
    app: &App,
    who: &Principal,
    id: Uuid,
    line_no: u32,
) -> Result<SaleView, AppError> {
    edit(app, who, id, move |cart, _| {
        let line = cart.line_mut(line_no)?;
        if line.voided {
            return Err(AppError::state(
                ErrorCode::LineVoided,
                "this line is already voided",
            ));
        }
        line.voided = true;
        Ok(())
    })
    .await
}

/// A discount on the whole sale.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct SaleDiscountInput {
    /// The discount; absent to remove it.
    pub discount: Option<DiscountInput>,
    /// A manager's approval, above the cashier's limit.
    pub approval: Option<ApprovalInput>,
}

/// Sets or removes the sale discount.
pub async fn set_sale_discount(
    app: &App,
    who: &Principal,
    id: Uuid,
    input: SaleDiscountInput,
) -> Result<SaleView, AppError> {
    let cfg = store_config(app, who.store_id).await?;
    let parsed = input
        .discount
        .as_ref()
        .map(|d| parse_discount(d, &cfg))
        .transpose()?;
    let mut approved_by = None;
    if let Some(d) = &parsed {
        let base = {
            let cart = lock_cart(app, who, id).await?;
            cart.price(&cfg)?.total
        };
        if discount_percent(d, base) > cfg.cashier_discount_limit() {
            approved_by = authorize(
                app,
                who,
                Permission::LargeDiscount,
                "large_discount",
                input.approval.as_ref(),
            )
            .await?;
        }
    }
    let reason = input.discount.as_ref().map(|d| d.reason.trim().to_owned());
    edit(app, who, id, move |cart, _| {
        refuse_on_return(cart)?;
        cart.discount = parsed.map(|discount| CartDiscount {
            discount,
            reason: reason.unwrap_or_default(),
            approved_by,
        });
        Ok(())
    })
    .await
}

/// Marking a sale tax-exempt.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct TaxExemptInput {
    /// The customer's exemption certificate or reference; absent to remove the exemption.
    pub reference: Option<String>,
    /// A manager's approval, when the cashier's role does not allow it.
    pub approval: Option<ApprovalInput>,
}

/// Makes the sale tax-exempt with the customer's reference (or removes the exemption).
pub async fn set_tax_exempt(
    app: &App,
    who: &Principal,
    id: Uuid,
    input: TaxExemptInput,
) -> Result<SaleView, AppError> {
    let reference = match input.reference.as_deref().map(str::trim) {
        Some("") => return Err(AppError::field("reference", "give the exemption reference")),
        Some(r) => Some(
            caisse_core::text::bounded_text(r, 64)
                .map_err(|e| AppError::field("reference", e.to_string()))?,
        ),
        None => None,
    };
    // Tax exemption is a manager-level decision, like a large discount.
    authorize(
        app,
        who,
        Permission::LargeDiscount,
        "tax_exempt",
        input.approval.as_ref(),
    )
    .await?;
    edit(app, who, id, move |cart, _| {
        refuse_on_return(cart)?;
        if cart.live_payments().next().is_some() {
            return Err(AppError::state(
                ErrorCode::PaymentsTaken,
                "remove the exemption before taking payments",
            ));
        }
        cart.tax_exempt_ref = reference;
        Ok(())
    })
    .await
}

/// Parks an open sale so the register can serve someone else.
pub async fn park(app: &App, who: &Principal, id: Uuid) -> Result<SaleView, AppError> {
    who.require(Permission::Sell)?;
    let cfg = store_config(app, who.store_id).await?;
    let mut cart = lock_cart(app, who, id).await?;
    who.check_cart(cart.store_id, cart.register_id)?;
    if cart.status != CartStatus::Open {
        return Err(AppError::state(
            ErrorCode::SaleNotOpen,
            "this sale is already parked",
        ));
    }
    if cart.live_payments().next().is_some() {
        return Err(AppError::state(
            ErrorCode::PaymentsTaken,
            "a sale with payments cannot be parked",
        ));
    }
    let mut next = cart.clone();
    next.status = CartStatus::Parked;
    next.version += 1;
    store_change(app, &cfg, &mut cart, next, Vec::new()).await
}

/// Resuming a parked sale, possibly on another register.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct ResumeSale {
    /// The register it continues on.
    pub register_id: Uuid,
}

/// Resumes a parked sale.
pub async fn resume(
    app: &App,
    who: &Principal,
    id: Uuid,
    input: ResumeSale,
) -> Result<SaleView, AppError> {
    who.require(Permission::Sell)?;
    check_register(app, who, input.register_id).await?;
    let cfg = store_config(app, who.store_id).await?;
    let mut cart = lock_cart(app, who, id).await?;
    if cart.store_id != who.store_id {
        return Err(AppError::NotFound("open sale"));
    }
    if cart.status != CartStatus::Parked {
        return Err(AppError::state(
            ErrorCode::SaleNotParked,
            "this sale is not parked",
        ));
    }
    let mut next = cart.clone();
    next.status = CartStatus::Open;
    next.register_id = input.register_id;
    next.version += 1;
    store_change(app, &cfg, &mut cart, next, Vec::new()).await
}

/// The store's live sales (open and parked), newest first.
pub async fn list_open(
    app: &App,
    who: &Principal,
    parked_only: bool,
) -> Result<Vec<SaleView>, AppError> {
    who.require(Permission::Sell)?;
    let cfg = store_config(app, who.store_id).await?;
    let mut out = Vec::new();
    for cart in app.checkout.carts.stored(who.store_id).await? {
        // A till sees its own register's sales and every parked one (any till may resume it).
        let visible =
            cart.status == CartStatus::Parked || who.require_register(cart.register_id).is_ok();
        if visible && (!parked_only || cart.status == CartStatus::Parked) {
            out.push((cart.opened_at, view_of(&cart, &cfg)?));
        }
    }
    out.sort_by_key(|x| std::cmp::Reverse(x.0));
    Ok(out.into_iter().map(|(_, v)| v).collect())
}
