//! Sales history: completed sales and returns, filtered and paged, for the back office and
//! `caisse sales`; a sale's journal entries and its returns.

use caisse_core::staff::Permission;
use caisse_store::sales_history::{self as store, HistoryFilter, HistoryRow};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::auth::Principal;
use crate::catalog::view::MoneyJson;
use crate::{App, AppError};

/// The filters of `GET /sales` (all optional; periods are business dates, inclusive).
#[derive(Debug, Clone, Default, Deserialize, IntoParams, ToSchema)]
#[into_params(parameter_in = Query)]
pub struct SalesQuery {
    /// First business date, `YYYY-MM-DD`.
    pub from: Option<String>,
    /// Last business date, `YYYY-MM-DD`.
    pub to: Option<String>,
    /// Only this register.
    pub register_id: Option<Uuid>,
    /// Only sales rung up by this person.
    pub cashier_id: Option<Uuid>,
    /// Only this receipt number (`T1-000042`).
    pub receipt: Option<String>,
    /// `sale` or `return`.
    pub kind: Option<String>,
    /// The total (whatever its sign: a return's too), at least this many minor units.
    pub min_total: Option<i64>,
    /// The total, at most this many minor units.
    pub max_total: Option<i64>,
    /// Paid or refunded at least partly with this tender (`cash`, `card`, `wallet`,
    /// `store_credit`).
    pub tender: Option<String>,
    /// `next_cursor` of the previous page.
    pub cursor: Option<String>,
    /// Rows per page, 1 to 200 (default 50).
    pub limit: Option<u32>,
}

/// A register as the list names it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RegisterRef {
    /// Its id.
    pub id: Uuid,
    /// Its short code (`T1`).
    pub code: String,
    /// Its name.
    pub name: String,
}

/// A person as the list names them.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PersonRef {
    /// Their id.
    pub id: Uuid,
    /// Their name.
    pub name: String,
}

/// One completed sale or return in the history.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SaleSummary {
    /// The sale's id (`GET /sales/{id}`).
    pub id: Uuid,
    /// Its receipt number.
    pub receipt_number: String,
    /// `sale` or `return`.
    pub kind: String,
    /// For a return: the sale it refunds.
    pub original_sale_id: Option<Uuid>,
    /// Where it was rung up.
    pub register: RegisterRef,
    /// Who rang it up.
    pub cashier: PersonRef,
    /// Its total (negative for a return).
    pub total: MoneyJson,
    /// Its business date.
    pub business_date: String,
    /// When it was completed (RFC 3339, UTC).
    pub completed_at: String,
}

/// A page of the history, newest first.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SalesPage {
    /// The sales of this page.
    pub items: Vec<SaleSummary>,
    /// Give it as `cursor` for the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

/// One journal entry about a sale.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct JournalEntryView {
    /// The register whose chain holds it.
    pub register_id: Uuid,
    /// Its place in that chain.
    pub seq: i64,
    /// `sale`, `return`, `receipt_reprint`…
    pub kind: String,
    /// When it was written (RFC 3339, UTC).
    pub occurred_at: String,
    /// The event as hashed (canonical JSON).
    #[schema(value_type = Object)]
    pub payload: serde_json::Value,
    /// The previous entry's hash.
    pub prev_hash: String,
    /// This entry's hash.
    pub hash: String,
}

/// The journal entries of a sale.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct JournalEntries {
    /// In chain order: the sale's own entry, then its receipt's reprints.
    pub items: Vec<JournalEntryView>,
}

fn field(name: &str, code: &'static str, reason: &str) -> AppError {
    AppError::field_code(name, code, serde_json::Value::Null, reason)
}

fn date(name: &str, text: &str) -> Result<jiff::civil::Date, AppError> {
    text.trim()
        .parse()
        .map_err(|_| field(name, "invalid", "give a date as YYYY-MM-DD"))
}

/// Microseconds at midnight UTC of `d` moved by `days`: the period's window for the index is
/// wide enough for any time zone, cut-off hour and clock change.
fn midnight_us(d: jiff::civil::Date, days: i64) -> i64 {
    let moved = d.checked_add(jiff::Span::new().days(days)).unwrap_or(d);
    jiff::tz::TimeZone::UTC
        .to_timestamp(moved.to_datetime(jiff::civil::Time::midnight()))
        .map_or(0, |t| t.as_microsecond())
}

fn cursor_of(row: &HistoryRow) -> String {
    format!("{}_{}", row.completed_at, row.id.simple())
}

fn parse_cursor(text: &str) -> Result<(i64, Uuid), AppError> {
    let bad = || {
        field(
            "cursor",
            "invalid",
            "give the next_cursor of the previous page",
        )
    };
    let (at, id) = text.split_once('_').ok_or_else(bad)?;
    Ok((
        at.parse().map_err(|_| bad())?,
        Uuid::parse_str(id).map_err(|_| bad())?,
    ))
}

fn instant(us: i64) -> String {
    jiff::Timestamp::from_microsecond(us)
        .map(|t| t.to_string())
        .unwrap_or_default()
}

fn summary(r: HistoryRow) -> SaleSummary {
    SaleSummary {
        id: r.id,
        receipt_number: r.receipt_number,
        kind: r.kind,
        original_sale_id: r.original_sale_id,
        register: RegisterRef {
            id: r.register_id,
            code: r.register_code,
            name: r.register_name,
        },
        cashier: PersonRef {
            id: r.cashier_id,
            name: r.cashier_name,
        },
        total: MoneyJson {
            amount: r.total,
            currency: r.currency,
        },
        business_date: r.business_date,
        completed_at: instant(r.completed_at),
    }
}

/// Checks the query and turns it into the store's filter.
fn filter_of(store_id: Uuid, q: &SalesQuery) -> Result<HistoryFilter, AppError> {
    let from = q.from.as_deref().map(|t| date("from", t)).transpose()?;
    let to = q.to.as_deref().map(|t| date("to", t)).transpose()?;
    if let (Some(a), Some(b)) = (from, to)
        && a > b
    {
        return Err(field("to", "invalid", "the period ends before it starts"));
    }
    let kind = match q.kind.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(k @ ("sale" | "return")) => Some(k.to_owned()),
        Some(_) => return Err(field("kind", "invalid", "sale or return")),
    };
    let tender = match q.tender.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(t @ ("cash" | "card" | "wallet" | "store_credit" | "gift_card" | "other")) => {
            Some(t.to_owned())
        }
        Some(_) => {
            return Err(field(
                "tender",
                "invalid",
                "cash, card, wallet or store_credit",
            ));
        }
    };
    let min_total = q.min_total.unwrap_or(0);
    let max_total = q.max_total.unwrap_or(i64::MAX);
    if min_total < 0 || max_total < 0 {
        return Err(field(
            "min_total",
            "invalid",
            "amounts are compared whatever their sign: give them positive",
        ));
    }
    let limit = q.limit.unwrap_or(50);
    if !(1..=200).contains(&limit) {
        return Err(field("limit", "invalid", "must be between 1 and 200"));
    }
    let receipt_number = q
        .receipt
        .as_deref()
        .map(|r| r.trim().to_uppercase())
        .filter(|r| !r.is_empty());
    Ok(HistoryFilter {
        store_id,
        from_date: from.map(|d| d.to_string()),
        to_date: to.map(|d| d.to_string()),
        from_us: from.map_or(i64::MIN, |d| midnight_us(d, -2)),
        to_us: to.map_or(i64::MAX - 1, |d| midnight_us(d, 3)),
        register_id: q.register_id,
        cashier_id: q.cashier_id,
        receipt_number,
        kind,
        min_total,
        max_total,
        tender,
        after: q.cursor.as_deref().map(parse_cursor).transpose()?,
        limit: i64::from(limit) + 1,
    })
}

/// One page of the store's completed sales and returns, newest first.
pub async fn list_sales(app: &App, who: &Principal, q: &SalesQuery) -> Result<SalesPage, AppError> {
    who.require(Permission::ReportsAllRegisters)?;
    let f = filter_of(who.store_id, q)?;
    let mut rows = store::list(&app.db, &f).await?;
    let page = usize::try_from(f.limit - 1).unwrap_or(50);
    let next_cursor = if rows.len() > page {
        rows.truncate(page);
        rows.last().map(cursor_of)
    } else {
        None
    };
    Ok(SalesPage {
        items: rows.into_iter().map(summary).collect(),
        next_cursor,
    })
}

/// The completed returns of a sale, oldest first.
pub async fn returns_of(app: &App, who: &Principal, id: Uuid) -> Result<SalesPage, AppError> {
    who.require(Permission::ReportsAllRegisters)?;
    let rows = store::returns_of(&app.db, who.store_id, id).await?;
    Ok(SalesPage {
        items: rows.into_iter().map(summary).collect(),
        next_cursor: None,
    })
}

/// The journal entries about a completed sale or return: its own event, then its receipt's
/// reprints.
pub async fn journal_of(app: &App, who: &Principal, id: Uuid) -> Result<JournalEntries, AppError> {
    who.require(Permission::ReportsAllRegisters)?;
    let doc = super::document::load(&app.db, who.store_id, id).await?;
    let rows = store::journal_of(&app.db, doc.header.store_id, doc.header.id).await?;
    Ok(JournalEntries {
        items: rows
            .into_iter()
            .map(|r| JournalEntryView {
                register_id: r.register_id,
                seq: r.seq,
                kind: r.kind,
                occurred_at: instant(r.occurred_at),
                payload: serde_json::from_str(&r.payload).unwrap_or(serde_json::Value::Null),
                prev_hash: r.prev_hash,
                hash: r.hash,
            })
            .collect(),
    })
}
