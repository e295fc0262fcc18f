//! X and Z reports: what a register's documents and drawer add up to. The X report reads an
//! open drawer session and changes nothing; the Z report is written when the drawer closes,
//! in the closing transaction, as a numbered closure with its journal entry. Daily, monthly
//! and yearly closures are in `closures`.
//!
//! The X report is not journaled: it is a read, and writing on every read would make a GET
//! take the register's write lock and grow the chain with entries that record no fiscal fact.

use caisse_core::closure::{ClosureKind, DocumentGroup, DocumentTotals, DrawerMovements};
use caisse_core::journal::{amount_text, canonical_json};
use caisse_core::money::Money;
use caisse_store::Constraint;
use caisse_store::closures::{self as store, ClosureRow, Scope, Src, TaxTotalRow, TenderTotalRow};
use caisse_store::journal::{Journal, NewEntry};
use caisse_store::registers::{self, RegisterRow, SessionRow};
use caisse_store::{StoreError, Tx};
use serde::{Deserialize, Serialize};
use serde_json::json;
use sha2::{Digest, Sha256};
use utoipa::ToSchema;
use uuid::Uuid;

use super::config::{StoreConfig, rate_from_e4, store_config};
use crate::ErrorCode;
use crate::auth::Principal;
use crate::catalog::view::MoneyJson;
use crate::{App, AppError, now_us};

/// Tenders of one kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct TenderLine {
    /// `cash`, `card`, `wallet`, `gift_card`, `store_credit`, `other`.
    pub kind: String,
    /// How many tenders.
    pub count: i64,
    /// What they paid towards totals (cash net of change; refunds negative).
    pub amount: MoneyJson,
}

/// Tax of one rate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct TaxLine {
    /// Tax code.
    pub code: String,
    /// Its label.
    pub label: String,
    /// Rate in percent (`5.50`).
    pub rate: String,
    /// Taxable base.
    pub base: MoneyJson,
    /// Tax.
    pub tax: MoneyJson,
    /// Base plus tax.
    pub gross: MoneyJson,
}

/// The drawer part of an X or Z report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct DrawerSection {
    /// Float counted at opening.
    pub opening_float: MoneyJson,
    /// Cash tenders, net of change.
    pub cash_taken: MoneyJson,
    /// Cash put in.
    pub paid_in: MoneyJson,
    /// Cash paid out.
    pub paid_out: MoneyJson,
    /// Cash taken to the safe.
    pub drops: MoneyJson,
    /// Times the drawer was opened without a sale.
    pub no_sales: i64,
    /// Cash that should be in the drawer.
    pub expected_cash: MoneyJson,
    /// Cash counted at closing (Z only).
    pub counted: Option<MoneyJson>,
    /// Counted minus expected (Z only; negative: short).
    pub over_short: Option<MoneyJson>,
}

/// An X, Z or period report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ReportView {
    /// `x`, `z`, `day`, `month` or `year`.
    pub kind: String,
    /// The closure's number (none for an X report).
    pub number: Option<i64>,
    /// The register.
    pub register_id: Uuid,
    /// Its code (`T1`).
    pub register: String,
    /// The drawer session's id (X, Z), or the period (`2026-11-27`, `2026-11`, `2026`).
    pub period: String,
    /// First business date of a period closure.
    pub first_date: Option<String>,
    /// Last business date of a period closure.
    pub last_date: Option<String>,
    /// When the session opened (X, Z), RFC 3339.
    pub opened_at: Option<String>,
    /// When the report was made, RFC 3339.
    pub generated_at: String,
    /// The store's currency.
    pub currency: String,
    /// Completed sales.
    pub sales_count: i64,
    /// Completed returns.
    pub returns_count: i64,
    /// Cancelled sales and returns.
    pub cancellations_count: i64,
    /// Completed sales' line prices before discounts, as priced (tax included in a
    /// tax-inclusive store).
    pub gross_sales: MoneyJson,
    /// Discounts given on completed sales.
    pub discounts: MoneyJson,
    /// Completed sales' totals.
    pub sales_total: MoneyJson,
    /// Completed returns' totals (zero or negative).
    pub returns_total: MoneyJson,
    /// Sales plus returns, tax included: the period total.
    pub net_total: MoneyJson,
    /// The same without tax.
    pub total_excl_tax: MoneyJson,
    /// Tax, net of returns.
    pub tax_total: MoneyJson,
    /// Cash rounding.
    pub rounding: MoneyJson,
    /// Tenders by kind (their sum is the net total plus cash rounding).
    pub tenders: Vec<TenderLine>,
    /// Tax by rate.
    pub taxes: Vec<TaxLine>,
    /// The drawer (X and Z reports).
    pub drawer: Option<DrawerSection>,
    /// The register's perpetual grand total: every completed document since it was created.
    pub perpetual_total: MoneyJson,
}

/// A stored closure with its report.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ClosureView {
    /// Closure id.
    pub id: Uuid,
    /// The register.
    pub register_id: Uuid,
    /// `z`, `day`, `month` or `year`.
    pub kind: String,
    /// Gap-free per register and kind, from 1.
    pub number: i64,
    /// The drawer session's id (Z), or the period.
    pub period: String,
    /// Sum of the period's completed documents' totals.
    pub period_total: MoneyJson,
    /// The register's perpetual grand total at the closure.
    pub perpetual_total: MoneyJson,
    /// Who made it.
    pub created_by: Option<Uuid>,
    /// When, RFC 3339.
    pub created_at: String,
    /// Its journal entry.
    pub journal_seq: i64,
    /// SHA-256 of the stored report's canonical JSON, as carried by the journal entry.
    pub report_sha256: String,
    /// The report.
    pub report: ReportView,
}

fn internal(e: impl std::fmt::Display) -> AppError {
    AppError::Internal(e.to_string())
}

/// An instant in µs as RFC 3339.
pub(crate) fn rfc3339(at_us: i64) -> Result<String, AppError> {
    Ok(jiff::Timestamp::from_microsecond(at_us)
        .map_err(internal)?
        .to_string())
}

/// What the documents in a scope add up to.
pub(crate) struct Gathered {
    pub(crate) totals: DocumentTotals,
    tenders: Vec<TenderTotalRow>,
    taxes: Vec<TaxTotalRow>,
}

/// Reads and adds up the documents, tenders and taxes in scope.
pub(crate) async fn gather(src: &mut Src<'_>, scope: Scope<'_>) -> Result<Gathered, AppError> {
    let groups: Vec<DocumentGroup> = store::document_groups(src, scope)
        .await?
        .into_iter()
        .map(|g| DocumentGroup {
            is_return: g.kind == "return",
            cancelled: g.status == "cancelled",
            count: g.count,
            subtotal: g.subtotal,
            discounts: g.discount_total,
            total_excl_tax: g.net_total,
            tax: g.tax_total,
            total: g.total,
            rounding: g.rounding,
        })
        .collect();
    Ok(Gathered {
        totals: DocumentTotals::from_groups(&groups).ok_or_else(AppError::out_of_range)?,
        tenders: store::tender_totals(src, scope).await?,
        taxes: store::tax_totals(src, scope).await?,
    })
}

/// A drawer session's figures: its documents and its cash.
pub(crate) struct SessionFigures {
    pub(crate) gathered: Gathered,
    pub(crate) movements: DrawerMovements,
    no_sales: i64,
}

fn movements_of(
    session: &SessionRow,
    tenders: &[TenderTotalRow],
    events: &[store::DrawerTotalRow],
) -> Result<(DrawerMovements, i64), AppError> {
    // Checked: figures stored before amounts were bounded must refuse, never wrap.
    let add = |acc: Option<i64>, x: i64| acc?.checked_add(x);
    let sum = |kind: &str| {
        events
            .iter()
            .filter(|e| e.kind == kind)
            .map(|e| e.amount)
            .fold(Some(0), add)
            .ok_or_else(AppError::out_of_range)
    };
    let m = DrawerMovements {
        opening_float: session.opening_float,
        cash_taken: tenders
            .iter()
            .filter(|t| t.kind == "cash")
            .map(|t| t.amount)
            .fold(Some(0), add)
            .ok_or_else(AppError::out_of_range)?,
        paid_in: sum("paid_in")?,
        paid_out: sum("paid_out")?,
        drops: sum("drop")?,
    };
    let no_sales = events
        .iter()
        .filter(|e| e.kind == "no_sale")
        .map(|e| e.count)
        .sum();
    Ok((m, no_sales))
}

/// The cash movements of a drawer session (for the cash it should hold).
pub(crate) async fn drawer_movements(
    src: &mut Src<'_>,
    session: &SessionRow,
) -> Result<DrawerMovements, AppError> {
    let tenders = store::tender_totals(src, Scope::Session(session.id)).await?;
    let events = store::drawer_totals(src, session.id).await?;
    Ok(movements_of(session, &tenders, &events)?.0)
}

/// Reads everything a session's X or Z report shows.
pub(crate) async fn session_figures(
    src: &mut Src<'_>,
    session: &SessionRow,
) -> Result<SessionFigures, AppError> {
    let gathered = gather(src, Scope::Session(session.id)).await?;
    let events = store::drawer_totals(src, session.id).await?;
    let (movements, no_sales) = movements_of(session, &gathered.tenders, &events)?;
    Ok(SessionFigures {
        gathered,
        movements,
        no_sales,
    })
}

/// What a report is about.
pub(crate) struct Header<'a> {
    pub(crate) kind: &'static str,
    pub(crate) number: Option<i64>,
    pub(crate) register: &'a RegisterRow,
    pub(crate) period: String,
    pub(crate) dates: Option<(String, String)>,
    pub(crate) opened_at: Option<i64>,
    pub(crate) at_us: i64,
    pub(crate) perpetual_total: i64,
}

/// Builds a report from its header and figures.
pub(crate) fn build_report(
    cfg: &StoreConfig,
    h: Header<'_>,
    g: &Gathered,
    drawer: Option<DrawerSection>,
) -> Result<ReportView, AppError> {
    let cur = cfg.currency.code();
    let m = |x| MoneyJson::new(x, cur);
    let t = &g.totals;
    let taxes = g
        .taxes
        .iter()
        .map(|x| {
            Ok(TaxLine {
                code: x.code.clone(),
                label: x.label.clone(),
                rate: rate_from_e4(x.rate_e4)?.to_fixed2(),
                base: m(x.base),
                tax: m(x.tax),
                gross: m(x.gross),
            })
        })
        .collect::<Result<Vec<_>, AppError>>()?;
    Ok(ReportView {
        kind: h.kind.to_owned(),
        number: h.number,
        register_id: h.register.id,
        register: h.register.code.clone(),
        period: h.period,
        first_date: h.dates.as_ref().map(|d| d.0.clone()),
        last_date: h.dates.map(|d| d.1),
        opened_at: h.opened_at.map(rfc3339).transpose()?,
        generated_at: rfc3339(h.at_us)?,
        currency: cur.to_owned(),
        sales_count: t.sales_count,
        returns_count: t.returns_count,
        cancellations_count: t.cancellations_count,
        gross_sales: m(t.gross_sales),
        discounts: m(t.discounts),
        sales_total: m(t.sales_total),
        returns_total: m(t.returns_total),
        net_total: m(t.net_total),
        total_excl_tax: m(t.total_excl_tax),
        tax_total: m(t.tax_total),
        rounding: m(t.rounding),
        tenders: g
            .tenders
            .iter()
            .map(|x| TenderLine {
                kind: x.kind.clone(),
                count: x.count,
                amount: m(x.amount),
            })
            .collect(),
        taxes,
        drawer,
        perpetual_total: m(h.perpetual_total),
    })
}

fn drawer_section(
    cfg: &StoreConfig,
    f: &SessionFigures,
    counted: Option<i64>,
) -> Result<DrawerSection, AppError> {
    let cur = cfg.currency.code();
    let m = |x| MoneyJson::new(x, cur);
    let expected = f
        .movements
        .expected_cash()
        .ok_or_else(AppError::out_of_range)?;
    let over_short = match counted {
        Some(c) => {
            Some(caisse_core::closure::over_short(c, expected).ok_or_else(AppError::out_of_range)?)
        }
        None => None,
    };
    Ok(DrawerSection {
        opening_float: m(f.movements.opening_float),
        cash_taken: m(f.movements.cash_taken),
        paid_in: m(f.movements.paid_in),
        paid_out: m(f.movements.paid_out),
        drops: m(f.movements.drops),
        no_sales: f.no_sales,
        expected_cash: m(expected),
        counted: counted.map(m),
        over_short: over_short.map(m),
    })
}

/// The register's X report: its open drawer session so far. Changes nothing.
pub async fn x_report(
    app: &App,
    who: &Principal,
    register_id: Uuid,
) -> Result<ReportView, AppError> {
    who.require_reports_of(register_id)?;
    let reg = registers::get_register(&app.db, who.store_id, register_id)
        .await?
        .ok_or(AppError::NotFound("register"))?;
    let cfg = store_config(app, who.store_id).await?;
    let session = registers::open_session(&app.db, register_id)
        .await?
        .ok_or_else(|| AppError::state(ErrorCode::DrawerClosed, "the drawer is not open"))?;
    let counters = caisse_store::journal::counters(&app.db, register_id).await?;
    let figures = session_figures(&mut Src::Db(&app.db), &session).await?;
    let header = Header {
        kind: "x",
        number: None,
        register: &reg,
        period: session.id.to_string(),
        dates: None,
        opened_at: Some(session.opened_at),
        at_us: now_us(),
        perpetual_total: counters.perpetual_total,
    };
    let drawer = drawer_section(&cfg, &figures, None)?;
    build_report(&cfg, header, &figures.gathered, Some(drawer))
}

/// Stores a closure with its journal entry inside the caller's transaction (the entry is
/// appended to `journal`, which the caller writes).
#[expect(
    clippy::too_many_arguments,
    reason = "the closing transaction's parts, each used once"
)]
pub(crate) async fn write_closure(
    tx: &mut Tx,
    journal: &mut Journal,
    who: &Principal,
    cfg: &StoreConfig,
    reg: &RegisterRow,
    kind: ClosureKind,
    report: ReportView,
    now: i64,
) -> Result<ClosureView, AppError> {
    let number = report
        .number
        .ok_or_else(|| AppError::Internal("a closure without a number".into()))?;
    let value = serde_json::to_value(&report).map_err(internal)?;
    let text = canonical_json(&value).map_err(internal)?;
    let sha = hex::encode(Sha256::digest(text.as_bytes()));
    let period_total = report.net_total.amount;
    let money = |x| amount_text(Money::new(x, cfg.currency));
    let id = Uuid::now_v7();
    let perpetual_total = journal
        .counters(reg.id)
        .map(|c| c.perpetual_total)
        .ok_or(AppError::NotFound("register"))?;
    let seq = journal
        .append(NewEntry {
            register_id: reg.id,
            store_id: who.store_id,
            kind: kind.journal_kind(),
            document_id: Some(id),
            occurred_at: now,
            event: json!({
                "till": reg.code,
                "ts": rfc3339(now)?,
                "number": number,
                "period": report.period,
                "period_total": money(period_total),
                "perpetual_total": money(perpetual_total),
                "report_sha256": sha,
                "user": who.user_id.to_string(),
            }),
        })?
        .seq;
    let row = ClosureRow {
        id,
        store_id: who.store_id,
        register_id: reg.id,
        kind: kind.as_str().to_owned(),
        number,
        period: report.period.clone(),
        period_total,
        perpetual_total,
        report: text,
        created_by: Some(who.user_id),
        created_at: now,
        journal_seq: seq,
    };
    store::insert_closure(tx, &row).await.map_err(|e| match e {
        StoreError::Conflict {
            constraint: Constraint::ClosurePeriod,
        } => AppError::state(ErrorCode::PeriodClosed, "this period is already closed"),
        other => other.into(),
    })?;
    closure_view(cfg, row)
}

/// Writes the Z closure of a session being closed, inside the closing transaction; the
/// caller has set `session.z_number` to the register's next Z number.
#[expect(
    clippy::too_many_arguments,
    reason = "the closing transaction's parts, each used once"
)]
pub(crate) async fn write_z(
    tx: &mut Tx,
    journal: &mut Journal,
    who: &Principal,
    cfg: &StoreConfig,
    reg: &RegisterRow,
    session: &SessionRow,
    figures: &SessionFigures,
    now: i64,
) -> Result<ClosureView, AppError> {
    let counters = journal
        .counters(reg.id)
        .ok_or(AppError::NotFound("register"))?;
    let (number, perpetual_total) = (counters.z_seq + 1, counters.perpetual_total);
    let header = Header {
        kind: "z",
        number: Some(number),
        register: reg,
        period: session.id.to_string(),
        dates: None,
        opened_at: Some(session.opened_at),
        at_us: now,
        perpetual_total,
    };
    let drawer = drawer_section(cfg, figures, session.counted)?;
    let report = build_report(cfg, header, &figures.gathered, Some(drawer))?;
    let view = write_closure(tx, journal, who, cfg, reg, ClosureKind::Z, report, now).await?;
    journal.set_z_seq(reg.id, number)?;
    Ok(view)
}

/// A stored closure as shown.
pub(crate) fn closure_view(cfg: &StoreConfig, row: ClosureRow) -> Result<ClosureView, AppError> {
    let cur = cfg.currency.code();
    let report: ReportView = serde_json::from_str(&row.report).map_err(internal)?;
    Ok(ClosureView {
        id: row.id,
        register_id: row.register_id,
        kind: row.kind,
        number: row.number,
        period: row.period,
        period_total: MoneyJson::new(row.period_total, cur),
        perpetual_total: MoneyJson::new(row.perpetual_total, cur),
        created_by: row.created_by,
        created_at: rfc3339(row.created_at)?,
        journal_seq: row.journal_seq,
        report_sha256: hex::encode(Sha256::digest(row.report.as_bytes())),
        report,
    })
}

/// Closures sort by when they were made or by their period's net total.
impl crate::paging::Sortable for ClosureView {
    const KEYS: &'static [&'static str] = &["created", "net"];
    const DEFAULT: &'static str = "-created";
    fn compare(key: &str, a: &Self, b: &Self) -> std::cmp::Ordering {
        let when = || {
            crate::paging::instant(&a.created_at)
                .cmp(&crate::paging::instant(&b.created_at))
                .then_with(|| a.id.cmp(&b.id))
        };
        match key {
            "net" => a
                .period_total
                .amount
                .cmp(&b.period_total.amount)
                .then_with(when),
            _ => when(),
        }
    }
}
