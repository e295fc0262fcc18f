//! Suppliers: who the shop buys from (lead time, minimum order, currency), and what each
//! supplies (their reference, cost per unit, pack size, whether they are the preferred one).

use std::cmp::Ordering;

use caisse_core::staff::Permission;
use caisse_store::purchasing::{self as store, SupplierItemRow, SupplierRow};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::{MAX_COST, item_names, store_currency, text};
use crate::auth::Principal;
use crate::paging::{Paging, Sortable};
use crate::stock::{instant, parse_qty, qty_opt};
use crate::{App, AppError, FieldError, now_us};

/// A supplier.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct SupplierView {
    /// Supplier id.
    pub id: Uuid,
    /// Name, unique in the store.
    pub name: String,
    /// Short code, unique in the store.
    pub code: Option<String>,
    /// The person to talk to.
    pub contact: Option<String>,
    /// E-mail.
    pub email: Option<String>,
    /// Phone.
    pub phone: Option<String>,
    /// Days from order to delivery.
    pub lead_time_days: i32,
    /// Smallest order taken, minor units of `currency`.
    pub min_order: i64,
    /// ISO 4217: what its costs are in.
    pub currency: String,
    /// Still ordered from.
    pub active: bool,
    /// When made (RFC 3339).
    pub created_at: String,
    /// Last change (RFC 3339).
    pub updated_at: String,
}

pub(crate) fn view(s: &SupplierRow, store_currency: &str) -> SupplierView {
    SupplierView {
        id: s.id,
        name: s.name.clone(),
        code: s.code.clone(),
        contact: s.contact.clone(),
        email: s.email.clone(),
        phone: s.phone.clone(),
        lead_time_days: s.lead_time_days,
        min_order: s.min_order,
        currency: s
            .currency
            .clone()
            .unwrap_or_else(|| store_currency.to_owned()),
        active: s.active,
        created_at: instant(s.created_at),
        updated_at: instant(s.updated_at),
    }
}

/// A supplier as sent: to create one (name required), or to change one (absent fields stay;
/// an empty text clears it).
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SupplierInput {
    /// 1 to 120 characters, unique in the store.
    pub name: Option<String>,
    /// Up to 32 characters, unique in the store.
    pub code: Option<String>,
    /// Up to 120 characters.
    pub contact: Option<String>,
    /// Up to 200 characters.
    pub email: Option<String>,
    /// Up to 50 characters.
    pub phone: Option<String>,
    /// 0 to 365 (default 7).
    pub lead_time_days: Option<i32>,
    /// Minor units, 0 to 1,000,000,000,000 (default 0).
    pub min_order: Option<i64>,
    /// ISO 4217 (default: the store's).
    pub currency: Option<String>,
    /// Default true.
    pub active: Option<bool>,
}

/// Supplier list parameters.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SupplierQuery {
    /// Words in the name, code or contact.
    pub q: Option<String>,
    /// Only active (true) or inactive (false) suppliers.
    pub active: Option<bool>,
    /// `name`, `code`, `lead_time` (a `-` before for descending; default `name`).
    pub sort: Option<String>,
    /// Page from 1.
    pub page: Option<i64>,
    /// 1 to 200 (default 50).
    pub per_page: Option<i64>,
}

/// A page of suppliers.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SupplierPage {
    /// The suppliers of this page.
    pub items: Vec<SupplierView>,
    /// Page from 1.
    pub page: i64,
    /// Rows per page.
    pub per_page: i64,
    /// Matching suppliers in all.
    pub total: i64,
}

impl Sortable for SupplierView {
    const KEYS: &'static [&'static str] = &["name", "code", "lead_time"];
    const DEFAULT: &'static str = "name";
    fn compare(key: &str, a: &Self, b: &Self) -> Ordering {
        match key {
            "code" => a.code.cmp(&b.code),
            "lead_time" => a.lead_time_days.cmp(&b.lead_time_days),
            _ => a.name.to_lowercase().cmp(&b.name.to_lowercase()),
        }
    }
}

/// The store's suppliers, filtered, sorted and cut to a page.
pub async fn list(app: &App, who: &Principal, q: SupplierQuery) -> Result<SupplierPage, AppError> {
    who.require(Permission::CatalogRead)?;
    let paging = Paging::parse_for::<SupplierView>(q.sort.as_deref(), q.page, q.per_page)?;
    let currency = store_currency(app, who.store_id)?;
    let words: Vec<String> = caisse_core::search::normalize(q.q.as_deref().unwrap_or(""))
        .split_whitespace()
        .map(str::to_owned)
        .collect();
    let rows: Vec<SupplierView> = store::suppliers(&app.db, who.store_id)
        .await?
        .iter()
        .filter(|s| q.active.is_none_or(|a| s.active == a))
        .filter(|s| {
            let hay = caisse_core::search::normalize(&format!(
                "{} {} {}",
                s.name,
                s.code.as_deref().unwrap_or(""),
                s.contact.as_deref().unwrap_or("")
            ));
            words.iter().all(|w| hay.contains(w.as_str()))
        })
        .map(|s| view(s, &currency))
        .collect();
    let page = paging.cut(rows);
    Ok(SupplierPage {
        items: page.items,
        page: page.page,
        per_page: page.per_page,
        total: page.total,
    })
}

/// One supplier.
pub async fn get(app: &App, who: &Principal, id: Uuid) -> Result<SupplierView, AppError> {
    who.require(Permission::CatalogRead)?;
    let s = store::supplier(&app.db, who.store_id, id)
        .await?
        .ok_or(AppError::NotFound("supplier"))?;
    Ok(view(&s, &store_currency(app, who.store_id)?))
}

/// Checks `input` onto `row` (its current state, or a blank new one).
fn apply(row: &mut SupplierRow, input: &SupplierInput, creating: bool) -> Result<(), AppError> {
    let mut errors = Vec::new();
    if let Some(name) = input.name.as_deref() {
        match caisse_core::text::bounded_text(name, 120) {
            Ok(n) => row.name = n,
            Err(e) => errors.push(FieldError::coded(
                "name",
                "invalid",
                Value::Null,
                e.to_string(),
            )),
        }
    } else if creating {
        errors.push(FieldError::coded(
            "name",
            "required",
            Value::Null,
            "give the supplier's name",
        ));
    }
    if input.code.is_some() {
        let code = text("code", input.code.as_deref(), 32, &mut errors);
        if code
            .as_deref()
            .is_some_and(|c| c.chars().any(char::is_whitespace))
        {
            errors.push(FieldError::coded(
                "code",
                "invalid",
                Value::Null,
                "a code has no spaces",
            ));
        }
        row.code = code;
    }
    if input.contact.is_some() {
        row.contact = text("contact", input.contact.as_deref(), 120, &mut errors);
    }
    if input.email.is_some() {
        row.email = text("email", input.email.as_deref(), 200, &mut errors);
        if row.email.as_deref().is_some_and(|e| !e.contains('@')) {
            errors.push(FieldError::coded(
                "email",
                "invalid",
                Value::Null,
                "an e-mail address has an @",
            ));
        }
    }
    if input.phone.is_some() {
        row.phone = text("phone", input.phone.as_deref(), 50, &mut errors);
    }
    if let Some(d) = input.lead_time_days {
        if (0..=365).contains(&d) {
            row.lead_time_days = d;
        } else {
            errors.push(FieldError::coded(
                "lead_time_days",
                "out_of_range",
                serde_json::json!({"min": 0, "max": 365}),
                "between 0 and 365 days",
            ));
        }
    }
    if let Some(m) = input.min_order {
        if (0..=1_000_000_000_000).contains(&m) {
            row.min_order = m;
        } else {
            errors.push(FieldError::coded(
                "min_order",
                "out_of_range",
                serde_json::json!({"min": 0, "max": 1_000_000_000_000i64}),
                "between 0 and 1,000,000,000,000 minor units",
            ));
        }
    }
    if let Some(c) = input.currency.as_deref() {
        match caisse_core::money::Currency::parse(c.trim()) {
            Ok(cur) => row.currency = Some(cur.code().to_owned()),
            Err(_) => errors.push(FieldError::coded(
                "currency",
                "invalid",
                Value::Null,
                "an ISO 4217 code such as EUR",
            )),
        }
    }
    if let Some(a) = input.active {
        row.active = a;
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(AppError::Validation(errors))
    }
}

async fn write(app: &App, row: &SupplierRow, creating: bool) -> Result<(), AppError> {
    let mut tx = app.db.begin().await?;
    let (name, code) = store::taken(
        &mut tx,
        row.store_id,
        row.id,
        &row.name,
        row.code.as_deref(),
    )
    .await?;
    let mut errors = Vec::new();
    if name {
        errors.push(FieldError::coded(
            "name",
            "taken",
            Value::Null,
            "another supplier has this name",
        ));
    }
    if code {
        errors.push(FieldError::coded(
            "code",
            "taken",
            Value::Null,
            "another supplier has this code",
        ));
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    if creating {
        store::insert_supplier(&mut tx, row).await?;
    } else if !store::update_supplier(&mut tx, row).await? {
        return Err(AppError::NotFound("supplier"));
    }
    caisse_store::stores::bump_version(&mut tx, row.store_id).await?;
    tx.commit().await.map_err(|e| match e {
        caisse_store::StoreError::Conflict { .. } => AppError::field_code(
            "name",
            "taken",
            Value::Null,
            "another supplier has this name or code",
        ),
        other => other.into(),
    })
}

/// Creates a supplier.
pub async fn create(
    app: &App,
    who: &Principal,
    input: SupplierInput,
) -> Result<SupplierView, AppError> {
    who.require(Permission::Purchasing)?;
    let now = now_us();
    let mut row = SupplierRow {
        id: Uuid::now_v7(),
        store_id: who.store_id,
        name: String::new(),
        code: None,
        contact: None,
        email: None,
        phone: None,
        lead_time_days: 7,
        min_order: 0,
        currency: None,
        active: true,
        created_at: now,
        updated_at: now,
    };
    apply(&mut row, &input, true)?;
    write(app, &row, true).await?;
    Ok(view(&row, &store_currency(app, who.store_id)?))
}

/// Changes a supplier.
pub async fn update(
    app: &App,
    who: &Principal,
    id: Uuid,
    input: SupplierInput,
) -> Result<SupplierView, AppError> {
    who.require(Permission::Purchasing)?;
    let mut row = store::supplier(&app.db, who.store_id, id)
        .await?
        .ok_or(AppError::NotFound("supplier"))?;
    apply(&mut row, &input, false)?;
    row.updated_at = now_us();
    write(app, &row, false).await?;
    Ok(view(&row, &store_currency(app, who.store_id)?))
}

/// An item a supplier supplies.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct SupplierItemView {
    /// The product or variant.
    pub item_id: Uuid,
    /// Its product.
    pub product_id: Uuid,
    /// The shop's SKU.
    pub sku: String,
    /// Full name.
    pub name: String,
    /// `each`, `kg`, `l`, `m`.
    pub unit: String,
    /// The supplier's reference.
    pub supplier_ref: Option<String>,
    /// Cost of one unit, minor units of the supplier's currency.
    pub unit_cost: i64,
    /// Units per pack (decimal string), if it sells by the pack.
    pub pack_size: Option<String>,
    /// Whether this is the item's preferred supplier (restock suggestions order from it).
    pub preferred: bool,
}

/// What a supplier supplies of one item, as sent.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SupplierItemInput {
    /// Up to 64 characters.
    pub supplier_ref: Option<String>,
    /// Minor units per unit, 0 to 1,000,000,000.
    pub unit_cost: i64,
    /// Units per pack, a decimal string above zero.
    pub pack_size: Option<String>,
    /// Make it the item's preferred supplier (default: true when the item has none yet).
    pub preferred: Option<bool>,
}

/// What a supplier supplies.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SupplierItemList {
    /// By product name.
    pub items: Vec<SupplierItemView>,
}

/// Every item a supplier supplies.
pub async fn items(app: &App, who: &Principal, id: Uuid) -> Result<SupplierItemList, AppError> {
    who.require(Permission::CatalogRead)?;
    store::supplier(&app.db, who.store_id, id)
        .await?
        .ok_or(AppError::NotFound("supplier"))?;
    let rows = store::items(&app.db, who.store_id, id).await?;
    Ok(SupplierItemList {
        items: rows
            .into_iter()
            .map(|(r, sku, name, variant, unit)| SupplierItemView {
                item_id: r.item_id,
                product_id: r.product_id,
                sku,
                name: match variant {
                    Some(v) => format!("{name} — {v}"),
                    None => name,
                },
                unit,
                supplier_ref: r.supplier_ref,
                unit_cost: r.unit_cost,
                pack_size: qty_opt(r.pack_size),
                preferred: r.preferred,
            })
            .collect(),
    })
}

/// Lists (or changes) an item for a supplier.
pub async fn put_item(
    app: &App,
    who: &Principal,
    id: Uuid,
    item_id: Uuid,
    input: SupplierItemInput,
) -> Result<SupplierItemList, AppError> {
    who.require(Permission::Purchasing)?;
    store::supplier(&app.db, who.store_id, id)
        .await?
        .ok_or(AppError::NotFound("supplier"))?;
    let (product_id, ..) =
        item_names(app, who.store_id, item_id).ok_or(AppError::NotFound("item"))?;
    let mut errors = Vec::new();
    let supplier_ref = text(
        "supplier_ref",
        input.supplier_ref.as_deref(),
        64,
        &mut errors,
    );
    if !(0..=MAX_COST).contains(&input.unit_cost) {
        errors.push(FieldError::coded(
            "unit_cost",
            "out_of_range",
            serde_json::json!({"min": 0, "max": MAX_COST}),
            "between 0 and 1,000,000,000 minor units",
        ));
    }
    let pack_size = match input.pack_size.as_deref() {
        Some(p) => match parse_qty("pack_size", p, &mut errors) {
            Some(q) if q > 0 && q <= super::MAX_QTY => Some(q),
            Some(_) => {
                errors.push(FieldError::coded(
                    "pack_size",
                    "out_of_range",
                    Value::Null,
                    "above zero, at most 1,000,000",
                ));
                None
            }
            None => None,
        },
        None => None,
    };
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let preferred = match input.preferred {
        Some(p) => p,
        // Kept as it is; the item's first supplier becomes its preferred one.
        None => match store::item(&app.db, id, item_id).await? {
            Some(r) => r.preferred,
            None => store::preferred_of(&app.db, who.store_id, item_id)
                .await?
                .is_none(),
        },
    };
    let mut tx = app.db.begin().await?;
    store::put_item(
        &mut tx,
        &SupplierItemRow {
            store_id: who.store_id,
            supplier_id: id,
            item_id,
            product_id,
            supplier_ref,
            unit_cost: input.unit_cost,
            pack_size,
            preferred,
            updated_at: now_us(),
        },
    )
    .await?;
    tx.commit().await?;
    items(app, who, id).await
}

/// Stops listing an item for a supplier.
pub async fn remove_item(
    app: &App,
    who: &Principal,
    id: Uuid,
    item_id: Uuid,
) -> Result<(), AppError> {
    who.require(Permission::Purchasing)?;
    let mut tx = app.db.begin().await?;
    if !store::remove_item(&mut tx, who.store_id, id, item_id).await? {
        return Err(AppError::NotFound("supplier item"));
    }
    tx.commit().await?;
    Ok(())
}
