//! Inventory reports (issue 15, step 7): on-hand and value at cost per location, dead stock,
//! days of cover, sell-through and shrinkage by reason, read from the ledger. Integers only:
//! values at cost round each line half away from zero (`inventory_report::value_at_cost`),
//! ratios are basis points, days of cover tenths of a day. Cost is the product's current
//! cost (`products.cost`; a variant has its product's); an item without one has no value and
//! is counted in `missing_cost`. Managers and owners (`stock_manage`: values at cost).

use std::collections::{BTreeMap, HashSet};

use caisse_core::inventory_report::{
    average_daily, bp_percent_text, days_of_cover_tenths, ratio_bp, tenths_text, value_at_cost,
};
use caisse_core::staff::Permission;
use caisse_store::stock_report::{self, ItemName};
use caisse_store::stock_setup;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::{instant, qty};
use crate::auth::Principal;
use crate::catalog::view::MoneyJson;
use crate::checkout::config::store_config;
use crate::{App, AppError, now_us};

const DAY_US: i64 = 86_400_000_000;

/// Rows of a report page: `limit` 1 to 1000 (default 100), `offset` from 0.
#[derive(Debug, Clone, Copy)]
pub struct Page {
    /// Rows per page.
    pub limit: i64,
    /// Rows skipped.
    pub offset: i64,
}

impl Page {
    /// Every row (CSV exports).
    pub const ALL: Page = Page {
        limit: i64::MAX,
        offset: 0,
    };

    /// Reads `limit` and `offset`.
    pub fn parse(limit: Option<i64>, offset: Option<i64>) -> Result<Page, AppError> {
        let limit = limit.unwrap_or(100);
        if !(1..=1000).contains(&limit) {
            return Err(invalid("limit", "give 1 to 1000"));
        }
        let offset = offset.unwrap_or(0);
        if !(0..=1_000_000_000).contains(&offset) {
            return Err(invalid("offset", "give 0 or more"));
        }
        Ok(Page { limit, offset })
    }

    fn cut<T>(self, rows: Vec<T>) -> Vec<T> {
        let skip = usize::try_from(self.offset).unwrap_or(usize::MAX);
        let take = usize::try_from(self.limit).unwrap_or(usize::MAX);
        rows.into_iter().skip(skip).take(take).collect()
    }
}

fn invalid(field: &str, reason: &str) -> AppError {
    AppError::field_code(field, "invalid", serde_json::Value::Null, reason)
}

/// How an item is named in every report line.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ReportItem {
    /// The product or variant.
    pub item_id: Uuid,
    /// Its SKU.
    pub sku: String,
    /// The product's name.
    pub name: String,
    /// The variant's name.
    pub variant_name: Option<String>,
    /// `each`, `kg`, `l` or `m`.
    pub unit: String,
}

fn report_item(i: &ItemName) -> ReportItem {
    ReportItem {
        item_id: i.item_id,
        sku: i.sku.clone(),
        name: i.name.clone(),
        variant_name: i.variant_name.clone(),
        unit: i.unit.clone(),
    }
}

// ------------------------------------------------------------------ valuation

/// Options of the valuation report.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ValuationQuery {
    /// Lines of this location only; without it, the store's totals per item.
    pub location_id: Option<Uuid>,
    /// Lines per page, 1 to 1000 (default 100); CSV exports every line.
    pub limit: Option<i64>,
    /// Lines skipped (default 0).
    pub offset: Option<i64>,
}

/// One location's stock at cost.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct LocationValuation {
    /// The location.
    pub location_id: Uuid,
    /// Its code.
    pub code: String,
    /// Its name.
    pub name: String,
    /// Items with stock there (on hand not zero).
    pub items: i64,
    /// Their value at cost.
    pub value: MoneyJson,
    /// Items there without a cost (left out of the value).
    pub missing_cost: i64,
}

/// One item's stock at cost.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ValuationLine {
    /// The item.
    #[serde(flatten)]
    pub item: ReportItem,
    /// On hand (at the location, or in the store).
    pub on_hand: String,
    /// Its current cost per unit (null: none set).
    pub unit_cost: Option<MoneyJson>,
    /// On hand × cost, rounded half away from zero (null without a cost).
    pub value: Option<MoneyJson>,
}

/// On hand and value at cost, per location and per item.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ValuationReport {
    /// The location the lines are for (null: store totals).
    pub location_id: Option<Uuid>,
    /// Every location of the store with its value.
    pub locations: Vec<LocationValuation>,
    /// The value of the lines (the location's, or the store's).
    pub total_value: MoneyJson,
    /// Lines without a cost.
    pub missing_cost: i64,
    /// The lines of this page, most valuable first.
    pub items: Vec<ValuationLine>,
    /// Lines in all.
    pub total: i64,
    /// Lines per page.
    pub limit: i64,
    /// Lines skipped.
    pub offset: i64,
}

/// On hand and value at cost.
pub async fn valuation(
    app: &App,
    who: &Principal,
    location: Option<Uuid>,
    page: Page,
) -> Result<ValuationReport, AppError> {
    who.require(Permission::StockManage)?;
    let currency = store_config(app, who.store_id).await?.currency.code();
    let all_locations = stock_setup::locations(&app.db, who.store_id).await?;
    if let Some(l) = location
        && !all_locations.iter().any(|x| x.id == l)
    {
        return Err(AppError::NotFound("location"));
    }
    let rows = stock_report::levels_with_cost(&app.db, who.store_id, None).await?;
    let money = |v: i64| MoneyJson::new(v, currency);
    let locations = all_locations
        .iter()
        .map(|l| {
            let here = rows.iter().filter(|r| r.location_id == l.id);
            let (mut items, mut value, mut missing) = (0i64, 0i64, 0i64);
            for r in here {
                items += 1;
                match r.cost {
                    Some(c) => value = value.saturating_add(value_at_cost(r.on_hand, c)),
                    None => missing += 1,
                }
            }
            LocationValuation {
                location_id: l.id,
                code: l.code.clone(),
                name: l.name.clone(),
                items,
                value: money(value),
                missing_cost: missing,
            }
        })
        .collect();
    // Per item: its level at the location, or its total over the store.
    let mut per_item: BTreeMap<Uuid, (ItemName, i64)> = BTreeMap::new();
    for r in rows
        .iter()
        .filter(|r| location.is_none_or(|l| r.location_id == l))
    {
        let entry = per_item.entry(r.item_id).or_insert_with(|| {
            (
                ItemName {
                    item_id: r.item_id,
                    sku: r.sku.clone(),
                    name: r.name.clone(),
                    variant_name: r.variant_name.clone(),
                    unit: r.unit.clone(),
                    cost: r.cost,
                },
                0,
            )
        });
        entry.1 = entry.1.saturating_add(r.on_hand);
    }
    let mut lines: Vec<(ItemName, i64, Option<i64>)> = per_item
        .into_values()
        .filter(|(_, q)| *q != 0)
        .map(|(i, q)| {
            let v = i.cost.map(|c| value_at_cost(q, c));
            (i, q, v)
        })
        .collect();
    lines.sort_by(|a, b| {
        b.2.unwrap_or(i64::MIN)
            .cmp(&a.2.unwrap_or(i64::MIN))
            .then_with(|| a.0.name.cmp(&b.0.name))
            .then_with(|| a.0.item_id.cmp(&b.0.item_id))
    });
    let total_value = lines
        .iter()
        .filter_map(|l| l.2)
        .fold(0i64, i64::saturating_add);
    let missing_cost = count(lines.iter().filter(|l| l.2.is_none()));
    let total = count(lines.iter());
    Ok(ValuationReport {
        location_id: location,
        locations,
        total_value: money(total_value),
        missing_cost,
        items: page
            .cut(lines)
            .into_iter()
            .map(|(i, q, v)| ValuationLine {
                item: report_item(&i),
                on_hand: qty(q),
                unit_cost: i.cost.map(money),
                value: v.map(money),
            })
            .collect(),
        total,
        limit: page.limit.min(1000),
        offset: page.offset,
    })
}

fn count<I: Iterator>(it: I) -> i64 {
    i64::try_from(it.count()).unwrap_or(i64::MAX)
}

// ------------------------------------------------------------------ dead stock

/// Options of the dead-stock report.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DeadStockQuery {
    /// Not sold for this many days, 1 to 3650 (default 90).
    pub days: Option<i64>,
    /// Lines per page, 1 to 1000 (default 100).
    pub limit: Option<i64>,
    /// Lines skipped (default 0).
    pub offset: Option<i64>,
}

/// An item on hand and not sold lately.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct DeadStockLine {
    /// The item.
    #[serde(flatten)]
    pub item: ReportItem,
    /// On hand over the store.
    pub on_hand: String,
    /// Its last sale (null: never sold).
    pub last_sale_at: Option<String>,
    /// Its value at cost (null without a cost).
    pub value: Option<MoneyJson>,
}

/// Items with stock on hand and no sale in `days` days, longest unsold first.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct DeadStockReport {
    /// The days asked.
    pub days: i64,
    /// No sale since this instant.
    pub since: String,
    /// The value at cost of every line.
    pub total_value: MoneyJson,
    /// The lines of this page.
    pub items: Vec<DeadStockLine>,
    /// Lines in all.
    pub total: i64,
    /// Lines per page.
    pub limit: i64,
    /// Lines skipped.
    pub offset: i64,
}

/// Items with stock and no sale in `days` days (default 90).
pub async fn dead_stock(
    app: &App,
    who: &Principal,
    days: Option<i64>,
    page: Page,
) -> Result<DeadStockReport, AppError> {
    who.require(Permission::StockManage)?;
    let days = days.unwrap_or(90);
    if !(1..=3650).contains(&days) {
        return Err(invalid("days", "give 1 to 3650"));
    }
    let currency = store_config(app, who.store_id).await?.currency.code();
    let since = now_us().saturating_sub(days.saturating_mul(DAY_US));
    let rows = stock_report::dead_stock(&app.db, who.store_id, since).await?;
    let value = |r: &stock_report::DeadRow| r.item.cost.map(|c| value_at_cost(r.on_hand, c));
    let total_value = rows
        .iter()
        .filter_map(value)
        .fold(0i64, i64::saturating_add);
    let total = count(rows.iter());
    Ok(DeadStockReport {
        days,
        since: instant(since),
        total_value: MoneyJson::new(total_value, currency),
        items: page
            .cut(rows)
            .iter()
            .map(|r| DeadStockLine {
                item: report_item(&r.item),
                on_hand: qty(r.on_hand),
                last_sale_at: r.last_sale.map(instant),
                value: value(r).map(|v| MoneyJson::new(v, currency)),
            })
            .collect(),
        total,
        limit: page.limit.min(1000),
        offset: page.offset,
    })
}

// ------------------------------------------------------------------ days of cover

/// Options of the days-of-cover report.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CoverQuery {
    /// The sales window, days back from now, 1 to 365 (default 28).
    pub window_days: Option<i64>,
    /// Lines per page, 1 to 1000 (default 100).
    pub limit: Option<i64>,
    /// Lines skipped (default 0).
    pub offset: Option<i64>,
}

/// How long an item's stock lasts at its recent rate of sale.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CoverLine {
    /// The item.
    #[serde(flatten)]
    pub item: ReportItem,
    /// On hand over the store.
    pub on_hand: String,
    /// Sold less returned in the window.
    pub sold: String,
    /// `sold` / window days (3 decimals, rounded half away from zero).
    pub average_daily_sales: String,
    /// on hand / average daily sales, in days with one decimal: "0.0" when nothing is on
    /// hand, null when nothing sold in the window.
    pub days_of_cover: Option<String>,
    /// The same in tenths of a day (for sorting and programs).
    pub days_of_cover_tenths: Option<i64>,
}

/// Days of cover per item, the shortest first (null last).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CoverReport {
    /// The window, days.
    pub window_days: i64,
    /// The lines of this page.
    pub items: Vec<CoverLine>,
    /// Lines in all.
    pub total: i64,
    /// Lines per page.
    pub limit: i64,
    /// Lines skipped.
    pub offset: i64,
}

/// Days of cover over a sales window (default 28 days).
pub async fn cover(
    app: &App,
    who: &Principal,
    window_days: Option<i64>,
    page: Page,
) -> Result<CoverReport, AppError> {
    who.require(Permission::StockManage)?;
    let days = window_days.unwrap_or(28);
    if !(1..=365).contains(&days) {
        return Err(invalid("window_days", "give 1 to 365"));
    }
    let to = now_us();
    let from = to.saturating_sub(days.saturating_mul(DAY_US));
    let rows = stock_report::sales_in_window(&app.db, who.store_id, from, to).await?;
    let mut lines: Vec<(stock_report::CoverRow, i64, Option<i64>)> = rows
        .into_iter()
        .map(|r| {
            let sold = r.moved.saturating_neg();
            let cover = days_of_cover_tenths(r.on_hand, sold, days);
            (r, sold, cover)
        })
        .filter(|(r, sold, _)| r.on_hand != 0 || *sold != 0)
        .collect();
    lines.sort_by(|a, b| {
        a.2.unwrap_or(i64::MAX)
            .cmp(&b.2.unwrap_or(i64::MAX))
            .then_with(|| a.0.item.name.cmp(&b.0.item.name))
            .then_with(|| a.0.item.item_id.cmp(&b.0.item.item_id))
    });
    let total = count(lines.iter());
    Ok(CoverReport {
        window_days: days,
        items: page
            .cut(lines)
            .into_iter()
            .map(|(r, sold, cover)| CoverLine {
                item: report_item(&r.item),
                on_hand: qty(r.on_hand),
                sold: qty(sold),
                average_daily_sales: qty(average_daily(sold, days)),
                days_of_cover: cover.map(tenths_text),
                days_of_cover_tenths: cover,
            })
            .collect(),
        total,
        limit: page.limit.min(1000),
        offset: page.offset,
    })
}

// ------------------------------------------------------------------ periods

/// A period of whole days in the store's time zone.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PeriodQuery {
    /// First day, `YYYY-MM-DD` (default: 29 days before `to`).
    pub from: Option<String>,
    /// Last day, included, `YYYY-MM-DD` (default: today).
    pub to: Option<String>,
    /// Lines per page, 1 to 1000 (default 100).
    pub limit: Option<i64>,
    /// Lines skipped (default 0).
    pub offset: Option<i64>,
}

/// The period as asked: first and last day, and `[from, to)` in µs.
pub struct Period {
    /// First day.
    pub from: jiff::civil::Date,
    /// Last day (included).
    pub to: jiff::civil::Date,
    /// The first day's start, µs.
    pub from_us: i64,
    /// The day after the last one's start, µs.
    pub to_us: i64,
}

fn parse_day(field: &str, text: &str) -> Result<jiff::civil::Date, AppError> {
    text.trim()
        .parse::<jiff::civil::Date>()
        .map_err(|_| invalid(field, "give a date as YYYY-MM-DD"))
}

/// Reads a period of whole days (at most ten years) in the store's time zone.
pub async fn period(
    app: &App,
    store_id: Uuid,
    from: Option<&str>,
    to: Option<&str>,
) -> Result<Period, AppError> {
    let tz = store_config(app, store_id).await?.time_zone.clone();
    let start = |d: jiff::civil::Date| -> Result<i64, AppError> {
        tz.to_timestamp(d.to_datetime(jiff::civil::Time::midnight()))
            .map(|ts| ts.as_microsecond())
            .map_err(|_| invalid("from", "a date out of range"))
    };
    let today = jiff::Timestamp::from_microsecond(now_us())
        .map(|t| tz.to_datetime(t).date())
        .map_err(|e| AppError::Internal(e.to_string()))?;
    let to = to.map(|t| parse_day("to", t)).transpose()?.unwrap_or(today);
    let from = match from {
        Some(f) => parse_day("from", f)?,
        None => to
            .checked_sub(jiff::Span::new().days(29))
            .map_err(|_| invalid("to", "a date out of range"))?,
    };
    if from > to {
        return Err(invalid("from", "give a first day on or before the last"));
    }
    let next = to
        .tomorrow()
        .map_err(|_| invalid("to", "a date out of range"))?;
    let (from_us, to_us) = (start(from)?, start(next)?);
    if to_us.saturating_sub(from_us) > 3660 * DAY_US {
        return Err(invalid("from", "a period of at most ten years"));
    }
    Ok(Period {
        from,
        to,
        from_us,
        to_us,
    })
}

/// An item's sell-through over the period.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct SellThroughLine {
    /// The item.
    #[serde(flatten)]
    pub item: ReportItem,
    /// On hand at the start of the period (the sum of every movement before it).
    pub on_hand_at_start: String,
    /// Received in the period (receipt movements).
    pub received: String,
    /// Sold less returned in the period.
    pub sold: String,
    /// sold / (on hand at start + received), basis points (null when that is zero or less).
    pub sell_through_bp: Option<i64>,
    /// The same as a percentage with two decimals (`"33.33"`).
    pub sell_through: Option<String>,
}

/// Sell-through per item over a period.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct SellThroughReport {
    /// First day.
    pub from: String,
    /// Last day (included).
    pub to: String,
    /// The lines of this page, by name.
    pub items: Vec<SellThroughLine>,
    /// Lines in all.
    pub total: i64,
    /// Lines per page.
    pub limit: i64,
    /// Lines skipped.
    pub offset: i64,
}

/// Sell-through over a period: units sold / (units on hand at its start + units received).
pub async fn sell_through(
    app: &App,
    who: &Principal,
    q: &PeriodQuery,
    page: Page,
) -> Result<SellThroughReport, AppError> {
    who.require(Permission::StockManage)?;
    let p = period(app, who.store_id, q.from.as_deref(), q.to.as_deref()).await?;
    let rows = stock_report::period_ledger(&app.db, who.store_id, p.from_us, p.to_us).await?;
    let lines: Vec<_> = rows
        .into_iter()
        .filter(|r| r.at_start != 0 || r.received != 0 || r.sold_moved != 0)
        .collect();
    let total = count(lines.iter());
    Ok(SellThroughReport {
        from: p.from.to_string(),
        to: p.to.to_string(),
        items: page
            .cut(lines)
            .into_iter()
            .map(|r| {
                let sold = r.sold_moved.saturating_neg();
                let bp = ratio_bp(sold, r.at_start.saturating_add(r.received));
                SellThroughLine {
                    item: report_item(&r.item),
                    on_hand_at_start: qty(r.at_start),
                    received: qty(r.received),
                    sold: qty(sold),
                    sell_through_bp: bp,
                    sell_through: bp.map(bp_percent_text),
                }
            })
            .collect(),
        total,
        limit: page.limit.min(1000),
        offset: page.offset,
    })
}

/// What one reason took out (or put back) over the period.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ShrinkageLine {
    /// `damage`, `theft`, `expiry`, `correction`, `other` (adjustments) or `count` (count
    /// variances).
    pub reason: String,
    /// Movements booked.
    pub movements: i64,
    /// Items they moved.
    pub items: i64,
    /// Net quantity moved (negative: taken out), over every unit.
    pub quantity: String,
    /// Net value at cost (the movement's unit cost, else the product's current cost);
    /// negative: lost.
    pub value: MoneyJson,
    /// Movements of items without a cost (left out of the value).
    pub missing_cost: i64,
}

/// Shrinkage by reason over a period.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ShrinkageReport {
    /// First day.
    pub from: String,
    /// Last day (included).
    pub to: String,
    /// Per reason, in the order damage, theft, expiry, correction, other, count.
    pub reasons: Vec<ShrinkageLine>,
    /// Net value of every reason (negative: lost).
    pub total_value: MoneyJson,
}

const REASONS: [&str; 6] = ["damage", "theft", "expiry", "correction", "other", "count"];

/// Adjustments (by reason) and count variances over a period, in quantity and value.
pub async fn shrinkage(
    app: &App,
    who: &Principal,
    q: &PeriodQuery,
) -> Result<ShrinkageReport, AppError> {
    who.require(Permission::StockManage)?;
    let p = period(app, who.store_id, q.from.as_deref(), q.to.as_deref()).await?;
    let currency = store_config(app, who.store_id).await?.currency.code();
    let rows = stock_report::losses(&app.db, who.store_id, p.from_us, p.to_us).await?;
    let mut by_reason: BTreeMap<String, (i64, HashSet<Uuid>, i64, i64, i64)> = BTreeMap::new();
    for r in rows {
        let reason = if r.kind == "count" {
            "count".to_owned()
        } else {
            r.reason.clone().unwrap_or_else(|| "other".to_owned())
        };
        let e = by_reason.entry(reason).or_default();
        e.0 = e.0.saturating_add(r.movements);
        e.1.insert(r.item_id);
        e.2 = e.2.saturating_add(r.quantity);
        match r.cost {
            Some(c) => e.3 = e.3.saturating_add(value_at_cost(r.quantity, c)),
            None => e.4 = e.4.saturating_add(r.movements),
        }
    }
    let rank = |r: &str| {
        REASONS
            .iter()
            .position(|x| *x == r)
            .unwrap_or(REASONS.len())
    };
    let mut reasons: Vec<_> = by_reason.into_iter().collect();
    reasons.sort_by(|a, b| {
        rank(a.0.as_str())
            .cmp(&rank(b.0.as_str()))
            .then_with(|| a.0.cmp(&b.0))
    });
    let total_value = reasons
        .iter()
        .map(|(_, e)| e.3)
        .fold(0i64, i64::saturating_add);
    Ok(ShrinkageReport {
        from: p.from.to_string(),
        to: p.to.to_string(),
        reasons: reasons
            .into_iter()
            .map(|(reason, e)| ShrinkageLine {
                reason,
                movements: e.0,
                items: count(e.1.iter()),
                quantity: qty(e.2),
                value: MoneyJson::new(e.3, currency),
                missing_cost: e.4,
            })
            .collect(),
        total_value: MoneyJson::new(total_value, currency),
    })
}
