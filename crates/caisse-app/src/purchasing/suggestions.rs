//! Restock suggestions over the store: every item with a preferred supplier, its sales over a
//! window of days (one range read of the movements), on-hand and on-order, through
//! [`caisse_core::restock::suggest`]; grouped by supplier, topped up to the supplier's minimum
//! order; and turned into draft purchase orders (one per supplier) in one action.

use std::collections::HashMap;

use caisse_core::restock::{self, Day, Explain, Policy, Safety, Supply};
use caisse_core::staff::Permission;
use caisse_store::purchase_orders::{self as po_store, PoLineRow, PoRow};
use caisse_store::purchasing;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::orders::PoSummary;
use super::settings::service_level;
use crate::auth::Principal;
use crate::checkout::keys::{commit_answer, request_hash, stored_answer};
use crate::stock::{instant, parse_qty, qty, qty_opt};
use crate::{App, AppError, FieldError, now_us};

const DAY_US: i64 = 86_400_000_000;

/// Suggestion parameters.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SuggestionQuery {
    /// Days of sales to average, 1 to 180 (default 28).
    pub window_days: Option<i64>,
    /// Only this supplier's items.
    pub supplier_id: Option<Uuid>,
}

/// Every number a suggestion used (quantities as decimal strings in the item's unit).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ExplainView {
    /// Days in the window.
    pub window_days: i64,
    /// Days counted (the item was in stock at the end of the day).
    pub days_counted: i64,
    /// Days that ended at or below zero (left out).
    pub out_of_stock_days: i64,
    /// Sold on the counted days.
    pub sold: String,
    /// Sold ÷ days counted (half up).
    pub avg_daily: String,
    /// Daily standard deviation over the counted days.
    pub std_daily: String,
    /// The supplier's lead time in days.
    pub lead_time_days: i64,
    /// Safety stock in days of average sales (when set so).
    pub safety_days: Option<i64>,
    /// The service level in per mille (when safety stock comes from it).
    pub service_level: Option<i32>,
    /// Its z-value.
    pub z: Option<String>,
    /// √lead time.
    pub sqrt_lead_time: Option<String>,
    /// avg × safety days, or z × std × √lead time.
    pub safety_stock: String,
    /// avg × lead time + safety stock.
    pub reorder_point: String,
    /// The review period in days.
    pub review_days: i64,
    /// Reorder point + avg × review days.
    pub order_up_to: String,
    /// On hand now (the store's total).
    pub on_hand: String,
    /// On open orders, not received yet.
    pub on_order: String,
    /// On hand + on order.
    pub position: String,
    /// Order-up-to − position when position ≤ reorder point.
    pub need: String,
    /// The supplier's pack size.
    pub pack_size: Option<String>,
    /// Need rounded up to whole packs (or units).
    pub rounded: String,
    /// Added to reach the supplier's minimum order.
    pub min_order_topup: String,
}

/// One item to reorder.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct SuggestionLine {
    /// The product or variant.
    pub item_id: Uuid,
    /// Its product.
    pub product_id: Uuid,
    /// SKU.
    pub sku: String,
    /// Name.
    pub name: String,
    /// The supplier's cost of one unit, minor units.
    pub unit_cost: i64,
    /// What to order (decimal string).
    pub quantity: String,
    /// quantity × unit cost, minor units (half up).
    pub value: i64,
    /// How it was worked out.
    pub explain: ExplainView,
}

/// A supplier's suggestions.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct SupplierSuggestions {
    /// The supplier.
    pub supplier_id: Uuid,
    /// Its name.
    pub supplier_name: String,
    /// Its lead time.
    pub lead_time_days: i32,
    /// Its minimum order, minor units.
    pub min_order: i64,
    /// ISO 4217 of its costs.
    pub currency: String,
    /// Σ values, minor units.
    pub total: i64,
    /// The items, by SKU.
    pub lines: Vec<SuggestionLine>,
}

/// The store's restock suggestions.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct SuggestionsView {
    /// Days averaged.
    pub window_days: i64,
    /// When computed (RFC 3339): the window ends then.
    pub computed_at: String,
    /// Items looked at (those with an active preferred supplier).
    pub items_evaluated: usize,
    /// Per supplier, by name.
    pub groups: Vec<SupplierSuggestions>,
}

fn explain_view(e: &Explain, level: Option<i32>, pack: Option<i64>, topup: i64) -> ExplainView {
    ExplainView {
        window_days: e.window_days,
        days_counted: e.days_counted,
        out_of_stock_days: e.out_of_stock_days,
        sold: qty(e.sold),
        avg_daily: qty(e.avg_daily),
        std_daily: qty(e.std_daily),
        lead_time_days: e.lead_time_days,
        safety_days: e.safety_days,
        service_level: level.filter(|_| e.z_milli.is_some()),
        z: e.z_milli.map(qty),
        sqrt_lead_time: e.sqrt_lead_milli.map(qty),
        safety_stock: qty(e.safety_stock),
        reorder_point: qty(e.reorder_point),
        review_days: e.review_days,
        order_up_to: qty(e.order_up_to),
        on_hand: qty(e.on_hand),
        on_order: qty(e.on_order),
        position: qty(e.position),
        need: qty(e.need),
        pack_size: qty_opt(pack),
        rounded: qty(e.suggested),
        min_order_topup: qty(topup),
    }
}

/// Computes the store's suggestions now (`window_days` checked by the caller).
pub async fn compute(
    app: &App,
    store_id: Uuid,
    window_days: i64,
    only: Option<Uuid>,
) -> Result<SuggestionsView, AppError> {
    let now = now_us();
    let settings = purchasing::settings(&app.db, store_id).await?;
    let level = service_level(&settings);
    let policy = Policy {
        safety: match level.and_then(|l| restock::z_of_service_level(i64::from(l))) {
            Some(z_milli) => Safety::ServiceLevel { z_milli },
            None => Safety::Days(i64::from(settings.safety_days)),
        },
        review_days: i64::from(settings.review_days),
    };
    let store_currency = super::store_currency(app, store_id)?;
    let suppliers: HashMap<Uuid, purchasing::SupplierRow> =
        purchasing::suppliers(&app.db, store_id)
            .await?
            .into_iter()
            .map(|s| (s.id, s))
            .collect();
    let candidates = caisse_store::restock::candidates(&app.db, store_id).await?;
    let on_order: HashMap<Uuid, i64> = po_store::on_order(&app.db, store_id)
        .await?
        .into_iter()
        .collect();
    let from = now - window_days * DAY_US;
    let mut moves = caisse_store::restock::window(&app.db, store_id, from, now).await?;
    // By item, so one reused buffer of days holds each item's window in turn.
    moves.sort_unstable_by_key(|m| m.0);
    let mut ranges: HashMap<Uuid, (usize, usize)> = HashMap::new();
    let mut start = 0;
    for i in 1..=moves.len() {
        if i == moves.len() || moves[i].0 != moves[start].0 {
            ranges.insert(moves[start].0, (start, i));
            start = i;
        }
    }
    let days_len = usize::try_from(window_days).unwrap_or(0);
    let mut days = vec![Day::default(); days_len];
    let mut groups: HashMap<Uuid, Vec<(SuggestionLine, Explain, i64)>> = HashMap::new();
    for c in &candidates {
        if only.is_some_and(|s| s != c.supplier_id) {
            continue;
        }
        let Some(supplier) = suppliers.get(&c.supplier_id) else {
            continue;
        };
        days.iter_mut().for_each(|d| *d = Day::default());
        if let Some(&(a, b)) = ranges.get(&c.item_id) {
            for &(_, sale, quantity, at) in &moves[a..b] {
                let i = usize::try_from((at - from) / DAY_US)
                    .unwrap_or(0)
                    .min(days_len.saturating_sub(1));
                days[i].net += quantity;
                if sale == 1 {
                    days[i].sold -= quantity;
                }
            }
        }
        let e = restock::suggest(
            &policy,
            &days,
            c.on_hand,
            &Supply {
                lead_time_days: i64::from(supplier.lead_time_days),
                pack_size: c.pack_size,
                on_order: on_order.get(&c.item_id).copied().unwrap_or(0),
            },
        );
        if e.suggested <= 0 {
            continue;
        }
        let name = match &c.variant_name {
            Some(v) => format!("{} — {v}", c.name),
            None => c.name.clone(),
        };
        groups.entry(c.supplier_id).or_default().push((
            SuggestionLine {
                item_id: c.item_id,
                product_id: c.product_id,
                sku: c.sku.clone(),
                name,
                unit_cost: c.unit_cost,
                quantity: qty(e.suggested),
                value: restock::line_value(e.suggested, c.unit_cost),
                explain: explain_view(&e, level, c.pack_size, 0),
            },
            e,
            c.pack_size.unwrap_or(0),
        ));
    }
    let mut out: Vec<SupplierSuggestions> = groups
        .into_iter()
        .filter_map(|(sid, mut lines)| {
            let s = suppliers.get(&sid)?;
            lines.sort_by(|a, b| a.0.sku.cmp(&b.0.sku));
            let mut total: i64 = lines.iter().map(|l| l.0.value).sum();
            // Below the supplier's minimum: more packs of the fastest seller fill the gap.
            if total < s.min_order
                && let Some(best) =
                    (0..lines.len()).max_by_key(|&i| (lines[i].1.avg_daily, std::cmp::Reverse(i)))
            {
                let (line, e, pack) = &mut lines[best];
                let packs = restock::packs_to_minimum(total, s.min_order, e.step, line.unit_cost);
                if packs > 0 {
                    let added = packs.saturating_mul(e.step);
                    let quantity = e.suggested.saturating_add(added);
                    total -= line.value;
                    line.quantity = qty(quantity);
                    line.value = restock::line_value(quantity, line.unit_cost);
                    line.explain = explain_view(e, level, Some(*pack).filter(|p| *p > 0), added);
                    total += line.value;
                }
            }
            Some(SupplierSuggestions {
                supplier_id: sid,
                supplier_name: s.name.clone(),
                lead_time_days: s.lead_time_days,
                min_order: s.min_order,
                currency: s.currency.clone().unwrap_or_else(|| store_currency.clone()),
                total,
                lines: lines.into_iter().map(|l| l.0).collect(),
            })
        })
        .collect();
    out.sort_by(|a, b| {
        a.supplier_name
            .cmp(&b.supplier_name)
            .then(a.supplier_id.cmp(&b.supplier_id))
    });
    Ok(SuggestionsView {
        window_days,
        computed_at: instant(now),
        items_evaluated: candidates.len(),
        groups: out,
    })
}

fn window(w: Option<i64>) -> Result<i64, AppError> {
    match w.unwrap_or(28) {
        w @ 1..=180 => Ok(w),
        _ => Err(AppError::field_code(
            "window_days",
            "out_of_range",
            serde_json::json!({"min": 1, "max": 180}),
            "between 1 and 180 days",
        )),
    }
}

/// The store's restock suggestions.
pub async fn list(
    app: &App,
    who: &Principal,
    q: SuggestionQuery,
) -> Result<SuggestionsView, AppError> {
    who.require(Permission::Purchasing)?;
    let w = window(q.window_days)?;
    compute(app, who.store_id, w, q.supplier_id).await
}

/// One item of the suggestions to order.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OrderSuggestion {
    /// The item (ordered from its preferred supplier).
    pub item_id: Uuid,
    /// What to order (default: the suggested quantity).
    pub quantity: Option<String>,
}

/// Turning suggestions into draft orders.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OrderSuggestions {
    /// The window the suggestions were computed over (default 28).
    pub window_days: Option<i64>,
    /// 1 to 5000 items.
    pub items: Vec<OrderSuggestion>,
}

/// The drafts made.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct DraftsMade {
    /// One draft per supplier.
    pub purchase_orders: Vec<PoSummary>,
}

const SCOPE: &str = "restock_orders";

/// Makes one draft purchase order per supplier from the chosen suggestions, in one
/// transaction, under an idempotency key.
pub async fn order(
    app: &App,
    who: &Principal,
    key: &str,
    input: OrderSuggestions,
) -> Result<Value, AppError> {
    who.require(Permission::Purchasing)?;
    let claim = app.checkout.claim_key(&app.db, who.store_id, key).await?;
    let done = order_claimed(app, who, key, input).await;
    claim.release().await;
    done
}

async fn order_claimed(
    app: &App,
    who: &Principal,
    key: &str,
    input: OrderSuggestions,
) -> Result<Value, AppError> {
    let hash = request_hash(SCOPE, &input);
    if let Some(answer) = stored_answer(app, who.store_id, key, SCOPE, &hash).await? {
        return Ok(answer);
    }
    let w = window(input.window_days)?;
    if input.items.is_empty() || input.items.len() > 5000 {
        return Err(AppError::field_code(
            "items",
            "count",
            Value::Null,
            "choose 1 to 5000 items",
        ));
    }
    let view = compute(app, who.store_id, w, None).await?;
    let suggested: HashMap<Uuid, (Uuid, &SuggestionLine)> = view
        .groups
        .iter()
        .flat_map(|g| g.lines.iter().map(move |l| (l.item_id, (g.supplier_id, l))))
        .collect();
    let mut errors = Vec::new();
    // supplier -> (item, quantity, cost)
    let mut per_supplier: std::collections::BTreeMap<Uuid, Vec<(Uuid, i64, i64)>> =
        Default::default();
    let mut seen = std::collections::HashSet::new();
    for (i, it) in input.items.iter().enumerate() {
        if !seen.insert(it.item_id) {
            errors.push(FieldError::coded(
                format!("items[{i}].item_id"),
                "duplicate",
                Value::Null,
                "each item once",
            ));
            continue;
        }
        let quantity = match &it.quantity {
            Some(q) => parse_qty(&format!("items[{i}].quantity"), q, &mut errors),
            None => suggested
                .get(&it.item_id)
                .and_then(|(_, l)| l.quantity.parse::<caisse_core::money::Quantity>().ok())
                .map(|q| q.milli()),
        };
        let Some(quantity) = quantity else {
            if it.quantity.is_none() {
                errors.push(FieldError::coded(
                    format!("items[{i}].quantity"),
                    "required",
                    Value::Null,
                    "nothing is suggested for this item: give a quantity",
                ));
            }
            continue;
        };
        if quantity <= 0 || quantity > super::MAX_QTY {
            errors.push(FieldError::coded(
                format!("items[{i}].quantity"),
                "out_of_range",
                Value::Null,
                "above zero, at most 1,000,000",
            ));
            continue;
        }
        let Some(supplier) = purchasing::preferred_of(&app.db, who.store_id, it.item_id).await?
        else {
            errors.push(FieldError::coded(
                format!("items[{i}].item_id"),
                "no_supplier",
                Value::Null,
                "this item has no preferred supplier",
            ));
            continue;
        };
        let cost = purchasing::item(&app.db, supplier, it.item_id)
            .await?
            .map_or(0, |r| r.unit_cost);
        per_supplier
            .entry(supplier)
            .or_default()
            .push((it.item_id, quantity, cost));
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let now = now_us();
    let location = crate::checkout::config::store_config(app, who.store_id)
        .await?
        .stock
        .selling_location;
    let store_currency = super::store_currency(app, who.store_id)?;
    let mut drafts: Vec<(PoRow, Vec<PoLineRow>, String)> = Vec::new();
    for (supplier_id, items) in per_supplier {
        let supplier = purchasing::supplier(&app.db, who.store_id, supplier_id)
            .await?
            .ok_or(AppError::NotFound("supplier"))?;
        let supplier_name = supplier.name.clone();
        let id = Uuid::now_v7();
        let mut lines = Vec::new();
        for (item_id, quantity, unit_cost) in items {
            let (product_id, ..) =
                super::item_names(app, who.store_id, item_id).ok_or(AppError::NotFound("item"))?;
            lines.push(PoLineRow {
                po_id: id,
                line_no: i32::try_from(lines.len() + 1).unwrap_or(i32::MAX),
                store_id: who.store_id,
                item_id,
                product_id,
                quantity,
                unit_cost,
                received: 0,
            });
        }
        drafts.push((
            PoRow {
                id,
                store_id: who.store_id,
                number: String::new(),
                supplier_id,
                status: "draft".into(),
                currency: supplier.currency.unwrap_or_else(|| store_currency.clone()),
                location_id: location,
                note: Some(format!("Restock suggestions ({w} days)")),
                created_by: Some(who.user_id),
                created_at: now,
                updated_at: now,
                sent_at: None,
                version: 1,
            },
            lines,
            supplier_name,
        ));
    }
    let mut tx = app.db.begin().await?;
    let mut made = Vec::new();
    for (po, lines, supplier_name) in &mut drafts {
        let n = purchasing::next_po_number(&mut tx, who.store_id).await?;
        po.number = format!("PO-{n:06}");
        po_store::insert(&mut tx, po, lines).await?;
        made.push(PoSummary {
            id: po.id,
            number: po.number.clone(),
            status: po.status.clone(),
            supplier_id: po.supplier_id,
            supplier_name: supplier_name.clone(),
            currency: po.currency.clone(),
            line_count: i64::try_from(lines.len()).unwrap_or(i64::MAX),
            total: lines
                .iter()
                .map(|l| restock::line_value(l.quantity, l.unit_cost))
                .sum(),
            created_at: instant(po.created_at),
            sent_at: None,
        });
    }
    let answer = serde_json::to_value(DraftsMade {
        purchase_orders: made,
    })
    .map_err(|e| AppError::Internal(e.to_string()))?;
    let answer = commit_answer(app, who.store_id, tx, key, SCOPE, &hash, 201, answer).await?;
    Ok(answer)
}
