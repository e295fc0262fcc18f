//! The inventory reports and an item's movement history as CSV (UTF-8, a header line,
//! quantities as decimal strings with three decimals, money as decimal strings in the store's
//! currency, ratios as percentages with two decimals).

use caisse_core::inventory_report::minor_text;
use caisse_core::staff::Permission;
use caisse_store::{stock_read, stock_setup};
use uuid::Uuid;

use super::report::{
    self, CoverReport, DeadStockReport, Page, PeriodQuery, ReportItem, SellThroughReport,
    ShrinkageReport, ValuationReport,
};
use super::{instant, qty};
use crate::auth::Principal;
use crate::catalog::view::MoneyJson;
use crate::checkout::config::store_config;
use crate::{App, AppError};

/// The most movements one export holds.
const MAX_MOVEMENTS: usize = 1_000_000;

struct Csv {
    out: csv::Writer<Vec<u8>>,
    digits: u32,
}

impl Csv {
    fn new(digits: u32, header: &[&str]) -> Result<Csv, AppError> {
        let mut out = csv::Writer::from_writer(Vec::new());
        out.write_record(header).map_err(internal)?;
        Ok(Csv { out, digits })
    }

    fn money(&self, m: Option<&MoneyJson>) -> String {
        m.map(|m| minor_text(m.amount, self.digits))
            .unwrap_or_default()
    }

    fn row(&mut self, fields: &[String]) -> Result<(), AppError> {
        self.out.write_record(fields).map_err(internal)
    }

    fn finish(self) -> Result<String, AppError> {
        let bytes = self.out.into_inner().map_err(internal)?;
        String::from_utf8(bytes).map_err(internal)
    }
}

fn internal(e: impl std::fmt::Display) -> AppError {
    AppError::Internal(e.to_string())
}

fn item_fields(i: &ReportItem) -> [String; 4] {
    [
        i.sku.clone(),
        i.name.clone(),
        i.variant_name.clone().unwrap_or_default(),
        i.unit.clone(),
    ]
}

async fn digits(app: &App, store_id: Uuid) -> Result<u32, AppError> {
    Ok(store_config(app, store_id).await?.currency.minor_digits())
}

/// The valuation report as CSV: one line per item.
pub async fn valuation(
    app: &App,
    who: &Principal,
    location: Option<Uuid>,
) -> Result<String, AppError> {
    let r: ValuationReport = report::valuation(app, who, location, Page::ALL).await?;
    let mut csv = Csv::new(
        digits(app, who.store_id).await?,
        &[
            "sku",
            "name",
            "variant",
            "unit",
            "on_hand",
            "unit_cost",
            "value",
        ],
    )?;
    for l in &r.items {
        let mut f = item_fields(&l.item).to_vec();
        f.extend([
            l.on_hand.clone(),
            csv.money(l.unit_cost.as_ref()),
            csv.money(l.value.as_ref()),
        ]);
        csv.row(&f)?;
    }
    csv.finish()
}

/// The dead-stock report as CSV.
pub async fn dead_stock(app: &App, who: &Principal, days: Option<i64>) -> Result<String, AppError> {
    let r: DeadStockReport = report::dead_stock(app, who, days, Page::ALL).await?;
    let mut csv = Csv::new(
        digits(app, who.store_id).await?,
        &[
            "sku",
            "name",
            "variant",
            "unit",
            "on_hand",
            "last_sale_at",
            "value",
        ],
    )?;
    for l in &r.items {
        let mut f = item_fields(&l.item).to_vec();
        f.extend([
            l.on_hand.clone(),
            l.last_sale_at.clone().unwrap_or_default(),
            csv.money(l.value.as_ref()),
        ]);
        csv.row(&f)?;
    }
    csv.finish()
}

/// The days-of-cover report as CSV.
pub async fn cover(app: &App, who: &Principal, window: Option<i64>) -> Result<String, AppError> {
    let r: CoverReport = report::cover(app, who, window, Page::ALL).await?;
    let mut csv = Csv::new(
        0,
        &[
            "sku",
            "name",
            "variant",
            "unit",
            "on_hand",
            "sold",
            "average_daily_sales",
            "days_of_cover",
        ],
    )?;
    for l in &r.items {
        let mut f = item_fields(&l.item).to_vec();
        f.extend([
            l.on_hand.clone(),
            l.sold.clone(),
            l.average_daily_sales.clone(),
            l.days_of_cover.clone().unwrap_or_default(),
        ]);
        csv.row(&f)?;
    }
    csv.finish()
}

/// The sell-through report as CSV.
pub async fn sell_through(app: &App, who: &Principal, q: &PeriodQuery) -> Result<String, AppError> {
    let r: SellThroughReport = report::sell_through(app, who, q, Page::ALL).await?;
    let mut csv = Csv::new(
        0,
        &[
            "sku",
            "name",
            "variant",
            "unit",
            "on_hand_at_start",
            "received",
            "sold",
            "sell_through_percent",
        ],
    )?;
    for l in &r.items {
        let mut f = item_fields(&l.item).to_vec();
        f.extend([
            l.on_hand_at_start.clone(),
            l.received.clone(),
            l.sold.clone(),
            l.sell_through.clone().unwrap_or_default(),
        ]);
        csv.row(&f)?;
    }
    csv.finish()
}

/// The shrinkage report as CSV: one line per reason.
pub async fn shrinkage(app: &App, who: &Principal, q: &PeriodQuery) -> Result<String, AppError> {
    let r: ShrinkageReport = report::shrinkage(app, who, q).await?;
    let mut csv = Csv::new(
        digits(app, who.store_id).await?,
        &[
            "reason",
            "movements",
            "items",
            "quantity",
            "value",
            "missing_cost",
        ],
    )?;
    for l in &r.reasons {
        let value = csv.money(Some(&l.value));
        csv.row(&[
            l.reason.clone(),
            l.movements.to_string(),
            l.items.to_string(),
            l.quantity.clone(),
            value,
            l.missing_cost.to_string(),
        ])?;
    }
    csv.finish()
}

/// Every movement of an item, newest first, as CSV.
pub async fn movements(app: &App, who: &Principal, item_id: Uuid) -> Result<String, AppError> {
    who.require(Permission::StockRead)?;
    let Some((_, sku, ..)) = stock_read::item(&app.db, who.store_id, item_id).await? else {
        return Err(AppError::NotFound("item"));
    };
    let locations = stock_setup::locations(&app.db, who.store_id).await?;
    let code = |id: Uuid| {
        locations
            .iter()
            .find(|l| l.id == id)
            .map(|l| l.code.clone())
            .unwrap_or_else(|| id.to_string())
    };
    let mut csv = Csv::new(
        digits(app, who.store_id).await?,
        &[
            "occurred_at",
            "sku",
            "location",
            "kind",
            "reason",
            "quantity",
            "unit_cost",
            "document_id",
            "line_no",
            "user_id",
        ],
    )?;
    let mut before = None;
    let mut written = 0usize;
    loop {
        let rows = stock_read::movements(&app.db, who.store_id, item_id, before, 1000).await?;
        let Some(last) = rows.last() else { break };
        before = Some((last.occurred_at, last.id));
        let full = rows.len() == 1000;
        for m in rows {
            let cost = m
                .unit_cost
                .map(|c| minor_text(c, csv.digits))
                .unwrap_or_default();
            csv.row(&[
                instant(m.occurred_at),
                sku.clone(),
                code(m.location_id),
                m.kind,
                m.reason.unwrap_or_default(),
                qty(m.quantity),
                cost,
                m.document_id.map(|d| d.to_string()).unwrap_or_default(),
                m.line_no.map(|n| n.to_string()).unwrap_or_default(),
                m.user_id.map(|u| u.to_string()).unwrap_or_default(),
            ])?;
            written += 1;
        }
        if !full || written >= MAX_MOVEMENTS {
            break;
        }
    }
    csv.finish()
}
