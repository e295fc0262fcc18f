//! A count's variance report (quantity and value at cost, per item, before applying) and
//! applying it: one `count` stock document whose movements are the variances, booked through
//! the ledger with the count's header, the outbox event and the stored answer to the
//! `Idempotency-Key` in one transaction. The count's row is locked first, so a scan arriving
//! meanwhile waits and then finds the count applied.

use caisse_core::staff::Permission;
use caisse_core::stock_count::{Uncounted, value_at_cost, variance};
use caisse_store::Tx;
use caisse_store::outbox::{self, OutboxRow};
use caisse_store::stock::MovementRow;
use caisse_store::stock_counts::{self, CountLine, CountRow, Uncounted as UncountedRow};
use caisse_store::stock_setup::{self, StockDocumentRow};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::ToSchema;
use uuid::Uuid;

use super::count::{display_name, load};
use super::ledger::{Refusing, book};
use super::{instant, qty};
use crate::auth::Principal;
use crate::checkout::config::store_config;
use crate::checkout::keys::{commit_answer, request_hash, stored_answer};
use crate::{App, AppError, ErrorCode, now_us};

/// How to apply a count.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ApplyCountInput {
    /// Items of the count's scope with stock at the location that nobody counted: `leave`
    /// (default: their stock stays, and they are listed) or `zero` (counted as none).
    pub uncounted: Option<String>,
}

/// One counted item in the variance report.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct VarianceLineView {
    /// The product or variant.
    pub item_id: Uuid,
    /// Its product.
    pub product_id: Uuid,
    /// SKU.
    pub sku: String,
    /// Name.
    pub name: String,
    /// Unit.
    pub unit: String,
    /// Counted.
    pub counted: String,
    /// On hand at the location when it was first counted (or its quantity last set).
    pub expected: String,
    /// Counted minus expected: what applying books.
    pub variance: String,
    /// On hand at the location now (sales since the count included).
    pub on_hand_now: String,
    /// The item's cost, minor units (null when unknown: its value counts as 0).
    pub unit_cost: Option<i64>,
    /// Variance at cost, minor units.
    pub variance_value: i64,
}

/// An item of the scope nobody counted.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct UncountedView {
    /// The product or variant.
    pub item_id: Uuid,
    /// SKU.
    pub sku: String,
    /// Name.
    pub name: String,
    /// Unit.
    pub unit: String,
    /// On hand at the location.
    pub on_hand: String,
    /// Cost, minor units.
    pub unit_cost: Option<i64>,
    /// Its stock at cost, minor units (what zeroing it would write off).
    pub value: i64,
}

/// A count's variance report (and, once applied, what was booked).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct VarianceReport {
    /// The count (and its `count` stock document once applied).
    pub count_id: Uuid,
    /// The count's status.
    pub status: String,
    /// The location.
    pub location_id: Uuid,
    /// Was it blind.
    pub blind: bool,
    /// The currency of the values.
    pub currency: String,
    /// Counted items, by name.
    pub lines: Vec<VarianceLineView>,
    /// Items of the scope with stock there that nobody counted.
    pub uncounted: Vec<UncountedView>,
    /// How they were treated (once applied): `leave` or `zero`.
    pub uncounted_policy: Option<String>,
    /// Counted items found short.
    pub lines_short: i64,
    /// Counted items found over.
    pub lines_over: i64,
    /// Counted items as expected.
    pub lines_exact: i64,
    /// Value of the shortages at cost (0 or less), minor units.
    pub value_short: i64,
    /// Value of the surpluses at cost, minor units.
    pub value_over: i64,
    /// Net variance at cost of the counted items, minor units.
    pub value_net: i64,
    /// Stock at cost of the uncounted items, minor units.
    pub value_uncounted: i64,
    /// When it was applied.
    pub applied_at: Option<String>,
    /// Movements booked when it was applied.
    pub movements: i64,
}

fn overflow() -> AppError {
    AppError::out_of_range()
}

fn report(
    c: &CountRow,
    currency: &str,
    lines: &[CountLine],
    uncounted: &[UncountedRow],
) -> Result<VarianceReport, AppError> {
    let mut r = VarianceReport {
        count_id: c.id,
        status: c.status.clone(),
        location_id: c.location_id,
        blind: c.blind,
        currency: currency.to_owned(),
        lines: Vec::with_capacity(lines.len()),
        uncounted: Vec::with_capacity(uncounted.len()),
        uncounted_policy: c.uncounted.clone(),
        lines_short: 0,
        lines_over: 0,
        lines_exact: 0,
        value_short: 0,
        value_over: 0,
        value_net: 0,
        value_uncounted: 0,
        applied_at: (c.status == "applied")
            .then(|| c.closed_at.map(instant))
            .flatten(),
        movements: 0,
    };
    for l in lines {
        let v = variance(l.counted, l.expected).ok_or_else(overflow)?;
        let value = value_at_cost(v, l.cost.unwrap_or(0)).ok_or_else(overflow)?;
        match v.signum() {
            -1 => {
                r.lines_short += 1;
                r.value_short = r.value_short.checked_add(value).ok_or_else(overflow)?;
            }
            1 => {
                r.lines_over += 1;
                r.value_over = r.value_over.checked_add(value).ok_or_else(overflow)?;
            }
            _ => r.lines_exact += 1,
        }
        r.lines.push(VarianceLineView {
            item_id: l.item_id,
            product_id: l.product_id,
            sku: l.sku.clone(),
            name: display_name(&l.name, l.variant_name.as_deref()),
            unit: l.unit.clone(),
            counted: qty(l.counted),
            expected: qty(l.expected),
            variance: qty(v),
            on_hand_now: qty(l.on_hand),
            unit_cost: l.cost,
            variance_value: value,
        });
    }
    r.value_net = r
        .value_short
        .checked_add(r.value_over)
        .ok_or_else(overflow)?;
    for u in uncounted {
        let value = value_at_cost(u.on_hand, u.cost.unwrap_or(0)).ok_or_else(overflow)?;
        r.value_uncounted = r.value_uncounted.checked_add(value).ok_or_else(overflow)?;
        r.uncounted.push(UncountedView {
            item_id: u.item_id,
            sku: u.sku.clone(),
            name: display_name(&u.name, u.variant_name.as_deref()),
            unit: u.unit.clone(),
            on_hand: qty(u.on_hand),
            unit_cost: u.cost,
            value,
        });
    }
    r.lines
        .sort_by(|a, b| a.name.cmp(&b.name).then(a.item_id.cmp(&b.item_id)));
    Ok(r)
}

/// The variance report of a count (managers: it shows expected quantities, blind or not).
pub async fn variance_report(
    app: &App,
    who: &Principal,
    id: Uuid,
) -> Result<VarianceReport, AppError> {
    who.require(Permission::StockManage)?;
    let c = load(app, who, id).await?;
    let lines = stock_counts::lines(&app.db, &c).await?;
    let uncounted = if c.status == "applied" {
        Vec::new()
    } else {
        stock_counts::uncounted(&app.db, &c).await?
    };
    let currency = store_config(app, who.store_id)
        .await?
        .store
        .currency
        .clone();
    let mut r = report(&c, &currency, &lines, &uncounted)?;
    if c.status == "applied" {
        r.movements = caisse_store::stock_counts::movement_count(&app.db, c.id).await?;
    }
    Ok(r)
}

/// Applies a count under an idempotency key (managers): books the variances (and, with
/// `uncounted: zero`, the stock of the items nobody counted) as `count` movements.
pub async fn apply(
    app: &App,
    who: &Principal,
    id: Uuid,
    key: &str,
    input: ApplyCountInput,
) -> Result<Value, AppError> {
    who.require(Permission::StockManage)?;
    let claim = app.checkout.claim_key(&app.db, who.store_id, key).await?;
    let done = apply_claimed(app, who, id, key, input).await;
    claim.release().await;
    done
}

async fn apply_claimed(
    app: &App,
    who: &Principal,
    id: Uuid,
    key: &str,
    input: ApplyCountInput,
) -> Result<Value, AppError> {
    let hash = request_hash("stock_count_apply", &(id, &input));
    if let Some(answer) = stored_answer(app, who.store_id, key, "stock_count_apply", &hash).await? {
        return Ok(answer);
    }
    let policy = match input.uncounted.as_deref().map(str::trim) {
        None => Uncounted::Leave,
        Some(t) => Uncounted::parse(t).ok_or_else(|| {
            AppError::field_code("uncounted", "invalid", Value::Null, "give leave or zero")
        })?,
    };
    let c = load(app, who, id).await?;
    let currency = store_config(app, who.store_id)
        .await?
        .store
        .currency
        .clone();
    let now = now_us();
    let mut tx = app.db.begin().await?;
    if !stock_counts::close(
        &mut tx,
        c.id,
        "applied",
        who.user_id,
        Some(policy.as_str()),
        now,
    )
    .await?
    {
        drop(tx);
        let c = load(app, who, id).await?;
        return Err(AppError::state(
            ErrorCode::CountClosed,
            format!("this count is {} already", c.status),
        ));
    }
    let c = CountRow {
        status: "applied".into(),
        closed_by: Some(who.user_id),
        closed_at: Some(now),
        uncounted: Some(policy.as_str().into()),
        ..c
    };
    let (lines, uncounted) = read_in(&mut tx, &c).await?;
    let moves = movements(&c, who.user_id, now, &lines, &uncounted, policy)?;
    stock_setup::insert_document(
        &mut tx,
        &StockDocumentRow {
            id: c.id,
            store_id: c.store_id,
            kind: "count".into(),
            location_id: c.location_id,
            reason: None,
            note: c.note.clone(),
            user_id: Some(who.user_id),
            created_at: now,
        },
    )
    .await?;
    // A count states what is there: the negative-stock policy (about selling) does not
    // refuse it.
    book(&mut tx, &moves, &Refusing::new(), now).await?;
    let mut r = report(&c, &currency, &lines, &uncounted)?;
    r.movements = i64::try_from(moves.len()).unwrap_or(i64::MAX);
    let answer = serde_json::to_value(&r).map_err(|e| AppError::Internal(e.to_string()))?;
    outbox::push(
        &mut tx,
        &OutboxRow {
            id: Uuid::now_v7(),
            store_id: c.store_id,
            topic: "stock.counted".into(),
            payload: answer.to_string(),
            created_at: now,
        },
    )
    .await?;
    let answer = commit_answer(
        app,
        who.store_id,
        tx,
        key,
        "stock_count_apply",
        &hash,
        200,
        answer,
    )
    .await?;
    app.stock.moved(who.store_id);
    Ok(answer)
}

async fn read_in(
    tx: &mut Tx,
    c: &CountRow,
) -> Result<(Vec<CountLine>, Vec<UncountedRow>), AppError> {
    let lines = stock_counts::lines_tx(tx, c).await?;
    let uncounted = stock_counts::uncounted_tx(tx, c).await?;
    Ok((lines, uncounted))
}

/// The count's movements: each counted item's variance, then (zeroing) the stock of each
/// item nobody counted.
fn movements(
    c: &CountRow,
    user: Uuid,
    now: i64,
    lines: &[CountLine],
    uncounted: &[UncountedRow],
    policy: Uncounted,
) -> Result<Vec<MovementRow>, AppError> {
    let mut moves = Vec::new();
    let mut push = |item_id, product_id, quantity, unit_cost| {
        let line_no = i32::try_from(moves.len() + 1).unwrap_or(i32::MAX);
        moves.push(MovementRow {
            id: Uuid::now_v7(),
            store_id: c.store_id,
            location_id: c.location_id,
            item_id,
            product_id,
            kind: "count".into(),
            reason: None,
            quantity,
            unit_cost,
            document_id: Some(c.id),
            line_no: Some(line_no),
            user_id: Some(user),
            occurred_at: now,
        });
    };
    for l in lines {
        let v = variance(l.counted, l.expected).ok_or_else(overflow)?;
        if v != 0 {
            push(l.item_id, l.product_id, v, l.cost);
        }
    }
    if policy == Uncounted::Zero {
        for u in uncounted {
            push(
                u.item_id,
                u.product_id,
                u.on_hand.checked_neg().ok_or_else(overflow)?,
                u.cost,
            );
        }
    }
    Ok(moves)
}
