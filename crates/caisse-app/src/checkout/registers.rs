//! Registers and their drawer sessions: open with a float, close with a count.

use std::collections::BTreeMap;

use caisse_core::journal::GENESIS_HASH;
use caisse_core::money::{Currency, Money};
use caisse_core::staff::Permission;
use caisse_store::StoreError;
use caisse_store::journal::{Counters, Journal, NewEntry, insert_counters};
use caisse_store::registers::{self, DrawerEventRow, RegisterRow, SessionRow};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;
use uuid::Uuid;

use super::config::store_config;
use crate::ErrorCode;
use crate::auth::Principal;
use crate::catalog::view::MoneyJson;
use crate::money_input::{MoneyInput, check_bound, minor_opt};
use crate::{App, AppError, now_us};

/// A register as shown.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RegisterView {
    /// Register id.
    pub id: Uuid,
    /// Short code in receipt numbers (`T1`).
    pub code: String,
    /// Name.
    pub name: String,
    /// Network receipt printer (`host:port`).
    pub printer: Option<String>,
    /// Receipt width in characters.
    pub receipt_width: i32,
    /// In use.
    pub active: bool,
    /// The open drawer session, if any.
    pub session: Option<SessionView>,
}

/// A drawer session as shown.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SessionView {
    /// Session id.
    pub id: Uuid,
    /// `open` or `closed`.
    pub status: String,
    /// Who opened it.
    pub opened_by: Uuid,
    /// Float counted at opening.
    pub opening_float: MoneyJson,
    /// Cash expected in the drawer at closing.
    pub expected: Option<MoneyJson>,
    /// Cash counted at closing.
    pub counted: Option<MoneyJson>,
    /// Counted minus expected (negative: short).
    pub over_short: Option<MoneyJson>,
}

fn session_view(s: &SessionRow, currency: &str) -> SessionView {
    SessionView {
        id: s.id,
        status: s.status.clone(),
        opened_by: s.opened_by,
        opening_float: MoneyJson::new(s.opening_float, currency),
        expected: s.expected.map(|x| MoneyJson::new(x, currency)),
        counted: s.counted.map(|x| MoneyJson::new(x, currency)),
        over_short: match (s.counted, s.expected) {
            (Some(c), Some(e)) => Some(MoneyJson::new(c - e, currency)),
            _ => None,
        },
    }
}

/// What closing a drawer answers: the closed session and its Z report.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CloseResult {
    /// The session (expected, counted, over/short).
    #[serde(flatten)]
    pub session: SessionView,
    /// The Z closure.
    pub z: super::reports::ClosureView,
}

/// A new register.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct RegisterDraft {
    /// Short code, 1–8 letters or digits (`T1`).
    pub code: String,
    /// Name.
    pub name: String,
    /// Network receipt printer (`host:port`).
    pub printer: Option<String>,
    /// Receipt width in characters (32, 42 or 48).
    pub receipt_width: Option<i32>,
}

/// Creates a register with its counters (journal chain, document numbers).
pub async fn create_register(
    app: &App,
    who: &Principal,
    d: RegisterDraft,
) -> Result<RegisterView, AppError> {
    who.require(Permission::RegistersManage)?;
    let code = d.code.trim().to_ascii_uppercase();
    if code.is_empty() || code.len() > 8 || !code.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err(AppError::field("code", "1 to 8 letters or digits"));
    }
    let name = register_name(&d.name)?;
    let width = d.receipt_width.unwrap_or(42);
    if ![32, 42, 48].contains(&width) {
        return Err(AppError::field("receipt_width", "32, 42 or 48"));
    }
    let printer = match d.printer.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(p) => Some(printer_address(p)?),
    };
    let row = RegisterRow {
        id: Uuid::now_v7(),
        store_id: who.store_id,
        code,
        name,
        printer,
        receipt_width: width,
        active: true,
    };
    let mut tx = app.db.begin().await?;
    registers::insert_register(&mut tx, &row, now_us())
        .await
        .map_err(|e| match e {
            StoreError::Conflict {
                constraint: caisse_store::Constraint::RegisterCode,
            } => AppError::field("code", "another register has this code"),
            other => other.into(),
        })?;
    insert_counters(
        &mut tx,
        &Counters {
            register_id: row.id,
            journal_seq: 0,
            journal_hash: GENESIS_HASH.to_owned(),
            sale_seq: 0,
            z_seq: 0,
            perpetual_total: 0,
        },
    )
    .await?;
    caisse_store::stores::bump_version(&mut tx, who.store_id).await?;
    tx.commit().await?;
    register_view(app, row).await
}

async fn register_view(app: &App, r: RegisterRow) -> Result<RegisterView, AppError> {
    let cfg = store_config(app, r.store_id).await?;
    let session = registers::open_session(&app.db, r.id).await?;
    Ok(RegisterView {
        id: r.id,
        code: r.code,
        name: r.name,
        printer: r.printer,
        receipt_width: r.receipt_width,
        active: r.active,
        session: session.map(|s| session_view(&s, cfg.currency.code())),
    })
}

/// Changing a register: name, network printer, receipt width, in use or not.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct RegisterPatch {
    /// New name.
    pub name: Option<String>,
    /// Network printer `host:port`; an empty string removes it.
    pub printer: Option<String>,
    /// Receipt width in characters (32, 42 or 48).
    pub receipt_width: Option<i32>,
    /// Whether the register can be used.
    pub active: Option<bool>,
}

/// Changes a register's settings (its code, which numbers its documents, never changes).
pub async fn update_register(
    app: &App,
    who: &Principal,
    register_id: Uuid,
    patch: RegisterPatch,
) -> Result<RegisterView, AppError> {
    who.require(Permission::RegistersManage)?;
    let mut row = registers::get_register(&app.db, who.store_id, register_id)
        .await?
        .ok_or(AppError::NotFound("register"))?;
    if let Some(name) = &patch.name {
        row.name = register_name(name)?;
    }
    if let Some(width) = patch.receipt_width {
        if ![32, 42, 48].contains(&width) {
            return Err(AppError::field("receipt_width", "32, 42 or 48"));
        }
        row.receipt_width = width;
    }
    if let Some(p) = &patch.printer {
        let p = p.trim();
        if p.is_empty() {
            row.printer = None;
        } else {
            row.printer = Some(printer_address(p)?);
        }
    }
    if let Some(active) = patch.active {
        row.active = active;
    }
    let mut tx = app.db.begin().await?;
    registers::update_register(&mut tx, &row).await?;
    caisse_store::stores::bump_version(&mut tx, who.store_id).await?;
    tx.commit().await?;
    app.checkout.forget_register(register_id);
    register_view(app, row).await
}

/// A register's name: 1 to 64 printable characters.
fn register_name(name: &str) -> Result<String, AppError> {
    caisse_core::text::bounded_text(name, 64).map_err(|e| AppError::field("name", e.to_string()))
}

/// A receipt printer's network address: `host:port` or `host` (port 9100), the host a name
/// (`printer.local`), an IPv4 address or a bracketed IPv6 address, the port 1 to 65535.
pub fn printer_address(text: &str) -> Result<String, AppError> {
    const HINT: &str = "give host:port, such as 192.168.1.50:9100 (port 9100 for most printers)";
    let bad = |why: &str| {
        AppError::field_code(
            "printer",
            "host_port",
            serde_json::Value::Null,
            format!("{why}: {HINT}"),
        )
    };
    if text.len() > 255 {
        return Err(bad("too long"));
    }
    if text
        .parse::<std::net::SocketAddr>()
        .is_ok_and(|a| a.port() != 0)
        || text.parse::<std::net::IpAddr>().is_ok()
    {
        return Ok(text.to_owned());
    }
    // Without a port, the printer's usual 9100 is used.
    let (host, port) = text.rsplit_once(':').unwrap_or((text, "9100"));
    let port_ok = !port.is_empty()
        && port.len() <= 5
        && port.bytes().all(|b| b.is_ascii_digit())
        && port.parse::<u32>().is_ok_and(|p| (1..=65_535).contains(&p));
    if !port_ok {
        return Err(bad("the port is a number from 1 to 65535"));
    }
    let label_ok = |l: &str| {
        (1..=63).contains(&l.len())
            && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            && !l.starts_with('-')
            && !l.ends_with('-')
    };
    // A dotted all-digit host must be a real IPv4 address (SocketAddr refused it above).
    let numeric = host.bytes().all(|b| b.is_ascii_digit() || b == b'.');
    if host.is_empty() || numeric || host.len() > 253 || !host.split('.').all(label_ok) {
        return Err(bad("not a host name or IP address"));
    }
    Ok(text.to_owned())
}

/// The store's registers.
pub async fn list_registers(app: &App, who: &Principal) -> Result<Vec<RegisterView>, AppError> {
    who.require(Permission::Sell)?;
    let mut out = Vec::new();
    for r in registers::list_registers(&app.db, who.store_id).await? {
        out.push(register_view(app, r).await?);
    }
    Ok(out)
}

/// Opening the drawer: the float, as an amount or counted by denomination.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct OpenDrawer {
    /// The float (give this or `count`): minor units or `{"amount", "currency"}`, at most the
    /// store's cash limit (default 10,000.00).
    pub float: Option<MoneyInput>,
    /// Count by denomination: minor-unit value of the note or coin → how many.
    pub count: Option<BTreeMap<String, i64>>,
}

/// The total of a denomination count, checked.
pub fn count_total(count: &BTreeMap<String, i64>) -> Result<i64, AppError> {
    let mut total: i64 = 0;
    for (denom, n) in count {
        let value: i64 = denom.parse().ok().filter(|v| *v > 0).ok_or_else(|| {
            AppError::field(
                "count",
                format!("{denom} is not a denomination in minor units"),
            )
        })?;
        if *n < 0 {
            return Err(AppError::field("count", "counts cannot be negative"));
        }
        total = value
            .checked_mul(*n)
            .and_then(|x| total.checked_add(x))
            .ok_or_else(|| {
                AppError::field_code("count", "too_large", serde_json::Value::Null, "too large")
            })?;
    }
    Ok(total)
}

fn amount_of(
    amount: Option<&MoneyInput>,
    count: Option<&BTreeMap<String, i64>>,
    field: &str,
    currency: Currency,
    most: i64,
) -> Result<i64, AppError> {
    let amount = minor_opt(amount, field, currency, most)?;
    let v = match (amount, count) {
        (Some(a), None) => a,
        (None, Some(c)) => count_total(c)?,
        (Some(a), Some(c)) => {
            if count_total(c)? != a {
                return Err(AppError::field(field, "the amount and the count disagree"));
            }
            a
        }
        (None, None) => return Err(AppError::field(field, "give the amount or the count")),
    };
    if v < 0 {
        return Err(AppError::field(field, "cannot be negative"));
    }
    check_bound(field, v, currency, most)?;
    Ok(v)
}

/// Opens the register's drawer with a float.
pub async fn open_drawer(
    app: &App,
    who: &Principal,
    register_id: Uuid,
    input: OpenDrawer,
) -> Result<RegisterView, AppError> {
    who.require(Permission::Drawer)?;
    who.require_register(register_id)?;
    let reg = registers::get_register(&app.db, who.store_id, register_id)
        .await?
        .ok_or(AppError::NotFound("register"))?;
    let cfg = store_config(app, who.store_id).await?;
    let float = amount_of(
        input.float.as_ref(),
        input.count.as_ref(),
        "float",
        cfg.currency,
        cfg.cash_limit(),
    )?;
    let now = now_us();
    let session = SessionRow {
        id: Uuid::now_v7(),
        store_id: who.store_id,
        register_id,
        status: "open".into(),
        opened_by: who.user_id,
        opened_at: now,
        opening_float: float,
        closed_by: None,
        closed_at: None,
        counted: None,
        expected: None,
        z_number: None,
    };
    let mut tx = app.db.begin().await?;
    registers::insert_session(&mut tx, &session)
        .await
        .map_err(|e| match e {
            StoreError::Conflict {
                constraint: caisse_store::Constraint::OpenDrawer,
            } => AppError::state(
                ErrorCode::DrawerOpen,
                "this register's drawer is already open",
            ),
            other => other.into(),
        })?;
    let mut journal = Journal::lock(&mut tx, register_id).await?;
    let ts =
        jiff::Timestamp::from_microsecond(now).map_err(|e| AppError::Internal(e.to_string()))?;
    let seq = journal
        .append(NewEntry {
            register_id,
            store_id: who.store_id,
            kind: "drawer_open",
            document_id: Some(session.id),
            occurred_at: now,
            event: json!({
                "till": reg.code,
                "ts": ts.to_string(),
                "session": session.id.to_string(),
                "user": who.user_id.to_string(),
                "float": caisse_core::journal::amount_text(Money::new(float, cfg.currency)),
            }),
        })?
        .seq;
    registers::insert_event(
        &mut tx,
        &DrawerEventRow {
            id: Uuid::now_v7(),
            store_id: who.store_id,
            register_id,
            session_id: session.id,
            kind: "open".into(),
            amount: float,
            reason: None,
            detail: input
                .count
                .as_ref()
                .map(|c| serde_json::to_string(c).unwrap_or_default()),
            user_id: who.user_id,
            approved_by: None,
            occurred_at: now,
            journal_seq: seq,
        },
    )
    .await?;
    journal.write(&mut tx).await?;
    caisse_store::stores::bump_version(&mut tx, who.store_id).await?;
    tx.commit().await?;
    app.checkout.forget_drawer(register_id);
    register_view(app, reg).await
}

/// Closing the drawer: the cash counted, as an amount or by denomination.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct CloseDrawer {
    /// Cash counted (give this or `count`): minor units or `{"amount", "currency"}`.
    pub counted: Option<MoneyInput>,
    /// Count by denomination: minor-unit value → how many.
    pub count: Option<BTreeMap<String, i64>>,
}

/// Closes the drawer: records the count and the over/short, and writes the Z closure in the
/// same transaction.
pub async fn close_drawer(
    app: &App,
    who: &Principal,
    register_id: Uuid,
    input: CloseDrawer,
) -> Result<CloseResult, AppError> {
    who.require(Permission::Drawer)?;
    who.require_register(register_id)?;
    let reg = registers::get_register(&app.db, who.store_id, register_id)
        .await?
        .ok_or(AppError::NotFound("register"))?;
    let cfg = store_config(app, who.store_id).await?;
    let counted = amount_of(
        input.counted.as_ref(),
        input.count.as_ref(),
        "counted",
        cfg.currency,
        cfg.max_amount(),
    )?;
    let mut session = registers::open_session(&app.db, register_id)
        .await?
        .ok_or_else(|| AppError::state(ErrorCode::DrawerClosed, "the drawer is not open"))?;
    if session.opened_by != who.user_id {
        who.require(Permission::CloseOthersDrawer)?;
    }
    for c in app.checkout.carts.stored(who.store_id).await? {
        if c.register_id == register_id
            && c.status == super::cart::CartStatus::Open
            && !c.lines.is_empty()
        {
            return Err(AppError::state(
                ErrorCode::SaleInProgress,
                "finish, park or cancel the sale in progress first",
            ));
        }
    }
    let now = now_us();
    let mut tx = app.db.begin().await?;
    let mut journal = Journal::lock(&mut tx, register_id).await?;
    // Read inside the closing transaction: the Z covers exactly what the session holds.
    let figures =
        super::reports::session_figures(&mut caisse_store::closures::Src::Tx(&mut tx), &session)
            .await?;
    let expected = figures
        .movements
        .expected_cash()
        .ok_or_else(AppError::out_of_range)?;
    let over_short =
        caisse_core::closure::over_short(counted, expected).ok_or_else(AppError::out_of_range)?;
    let ts =
        jiff::Timestamp::from_microsecond(now).map_err(|e| AppError::Internal(e.to_string()))?;
    let text = |x| caisse_core::journal::amount_text(Money::new(x, cfg.currency));
    let seq = journal
        .append(NewEntry {
            register_id,
            store_id: who.store_id,
            kind: "drawer_close",
            document_id: Some(session.id),
            occurred_at: now,
            event: json!({
                "till": reg.code,
                "ts": ts.to_string(),
                "session": session.id.to_string(),
                "user": who.user_id.to_string(),
                "expected": text(expected),
                "counted": text(counted),
                "over_short": text(over_short),
            }),
        })?
        .seq;
    let z_seq = journal
        .counters(register_id)
        .map(|c| c.z_seq)
        .ok_or(AppError::NotFound("register"))?;
    session.closed_by = Some(who.user_id);
    session.closed_at = Some(now);
    session.counted = Some(counted);
    session.expected = Some(expected);
    session.status = "closed".into();
    session.z_number = Some(z_seq + 1);
    registers::close_session(&mut tx, &session).await?;
    registers::insert_event(
        &mut tx,
        &DrawerEventRow {
            id: Uuid::now_v7(),
            store_id: who.store_id,
            register_id,
            session_id: session.id,
            kind: "close".into(),
            amount: counted,
            reason: None,
            detail: input
                .count
                .as_ref()
                .map(|c| serde_json::to_string(c).unwrap_or_default()),
            user_id: who.user_id,
            approved_by: None,
            occurred_at: now,
            journal_seq: seq,
        },
    )
    .await?;
    let z = super::reports::write_z(
        &mut tx,
        &mut journal,
        who,
        &cfg,
        &reg,
        &session,
        &figures,
        now,
    )
    .await?;
    journal.write(&mut tx).await?;
    caisse_store::stores::bump_version(&mut tx, who.store_id).await?;
    tx.commit().await?;
    app.checkout.forget_drawer(register_id);
    Ok(CloseResult {
        session: session_view(&session, cfg.currency.code()),
        z,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printer_addresses_are_host_and_port() {
        let good = [
            "192.168.1.50:9100",
            "printer.local:9100",
            "epson-tm:9100",
            "[fe80::1]:9100",
            "localhost:1",
            "a.b.c:65535",
            "printer",
            "10.0.0.7",
            "::1",
        ];
        for p in good {
            assert_eq!(printer_address(p).unwrap(), p);
        }
        let bad = [
            "localhost:abc",
            ":9100",
            "printer:99999",
            "printer:0",
            "printer:",
            "-printer:9100",
            "prin ter:9100",
            "300.1.1.1:9100",
            "1.2.3:9100",
            "host_name:9100",
            "printer:+91",
        ];
        for p in bad {
            assert!(printer_address(p).is_err(), "{p}");
        }
        assert!(printer_address(&format!("{}:9100", "a".repeat(300))).is_err());
    }

    #[test]
    fn register_names_are_printable_and_bounded() {
        assert_eq!(register_name("  Caisse 1 ").unwrap(), "Caisse 1");
        for bad in ["", "   ", "Caisse\u{7}", "Till\n2", &"x".repeat(65)] {
            assert!(register_name(bad).is_err(), "{bad:?}");
        }
    }
}
