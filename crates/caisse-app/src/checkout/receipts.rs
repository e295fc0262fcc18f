//! Receipts of recorded sales: built from the sale's document (never recomputed, see
//! `document/receipt.rs`), rendered as HTML, text or ESC/POS; reprinted as numbered duplicates, each counted in `receipt_prints`
//! and journaled on the sale's register; and sent to the register's network printer.

use std::time::Duration;

use caisse_core::receipt::{
    CodePage, EscPosOptions, PaperSize, Receipt, ReceiptBarcode, render_escpos, render_html,
    render_text,
};
use caisse_core::staff::Permission;
use caisse_store::journal::{Journal, NewEntry};
use caisse_store::receipts::{self as prints, PrintRow};
use caisse_store::registers::{self, RegisterRow};
use caisse_store::{sales, users};
use serde::{Deserialize, Serialize};
use serde_json::json;
use tokio::io::AsyncWriteExt;
use tokio::net::TcpStream;
use utoipa::ToSchema;
use uuid::Uuid;

use super::config::store_config;
use super::document::{self, ReceiptContext, SaleDocument};
use super::view::SaleView;
use crate::ErrorCode;
use crate::auth::Principal;
use crate::{App, AppError, now_us};

/// How long connecting to a receipt printer, then sending it the receipt, may take each.
pub const PRINTER_TIMEOUT: Duration = Duration::from_secs(3);

/// The raw-print port of network receipt printers (JetDirect), used when none is given.
pub const PRINTER_PORT: u16 = 9100;

/// The form a receipt is asked for in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, ToSchema)]
pub enum ReceiptFormat {
    /// A printable HTML page for an 80 mm roll (the default).
    #[default]
    #[serde(rename = "html")]
    Html80,
    /// A printable HTML page on an A4 sheet (e-mail, office printer).
    #[serde(rename = "html_a4")]
    HtmlA4,
    /// Monospaced text at the register's receipt width.
    #[serde(rename = "text")]
    Text,
    /// ESC/POS bytes for the register's thermal printer.
    #[serde(rename = "escpos")]
    EscPos,
}

impl ReceiptFormat {
    /// The HTTP media type of the rendering.
    pub fn content_type(self) -> &'static str {
        match self {
            ReceiptFormat::Html80 | ReceiptFormat::HtmlA4 => "text/html; charset=utf-8",
            ReceiptFormat::Text => "text/plain; charset=utf-8",
            ReceiptFormat::EscPos => "application/octet-stream",
        }
    }
}

/// A rendered receipt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedReceipt {
    /// Its media type (`text/html; charset=utf-8`, …).
    pub content_type: &'static str,
    /// The document.
    pub bytes: Vec<u8>,
    /// The duplicate number for a reprint; `None` for the original.
    pub copy: Option<u32>,
}

/// What was sent to a printer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct PrintOutcome {
    /// The printer's address as configured on the register.
    pub printer: String,
    /// How many bytes the printer accepted.
    pub bytes: usize,
    /// The duplicate number when a reprint was printed.
    pub copy: Option<u32>,
}

/// The receipt of a sale as it was first issued (not counted as a reprint).
pub async fn receipt(
    app: &App,
    who: &Principal,
    sale_id: Uuid,
    format: ReceiptFormat,
) -> Result<RenderedReceipt, AppError> {
    who.require(Permission::Sell)?;
    let cfg = store_config(app, who.store_id).await?;
    let (doc, ctx) = load(app, who.store_id, sale_id).await?;
    let receipt = doc.receipt(&cfg, &ctx, None)?;
    Ok(render(&receipt, format, &ctx.register, None))
}

/// A duplicate of a sale's receipt: numbered after the previous one, recorded and journaled
/// on the sale's register in one durable transaction, and marked DUPLICATE on the receipt.
pub async fn reprint(
    app: &App,
    who: &Principal,
    sale_id: Uuid,
    format: ReceiptFormat,
) -> Result<RenderedReceipt, AppError> {
    who.require(Permission::Sell)?;
    let cfg = store_config(app, who.store_id).await?;
    let (doc, ctx) = load(app, who.store_id, sale_id).await?;
    let copy = record_reprint(app, who, &doc, &ctx).await?;
    let receipt = doc.receipt(&cfg, &ctx, Some(copy))?;
    Ok(render(&receipt, format, &ctx.register, Some(copy)))
}

/// Prints a sale's receipt (or, with `reprint`, a counted duplicate) on the network printer
/// of the register that recorded it. An unconfigured or unreachable printer is refused before
/// anything is recorded.
pub async fn print(
    app: &App,
    who: &Principal,
    sale_id: Uuid,
    reprint: bool,
) -> Result<PrintOutcome, AppError> {
    who.require(Permission::Sell)?;
    let cfg = store_config(app, who.store_id).await?;
    let (doc, ctx) = load(app, who.store_id, sale_id).await?;
    let address = ctx
        .register
        .printer
        .as_deref()
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .ok_or_else(|| {
            AppError::state(
                ErrorCode::PrinterNotConfigured,
                format!(
                    "the register {} has no receipt printer: set its address (host:port)",
                    ctx.register.code
                ),
            )
        })?
        .to_owned();
    let mut stream = connect(&address).await?;
    let copy = if reprint {
        Some(record_reprint(app, who, &doc, &ctx).await?)
    } else {
        None
    };
    let receipt = doc.receipt(&cfg, &ctx, copy)?;
    let bytes = render_escpos(&receipt, &escpos_options(&ctx.register));
    send(&mut stream, &address, &bytes).await?;
    tracing::info!(sale_id = %sale_id, printer = %address, ?copy, "receipt printed");
    Ok(PrintOutcome {
        printer: address,
        bytes: bytes.len(),
        copy,
    })
}

/// The completed sale with this receipt number (scanned from a receipt's barcode to start a
/// return), as `GET /sales/{id}` shows it.
pub async fn sale_by_receipt(
    app: &App,
    who: &Principal,
    number: &str,
) -> Result<SaleView, AppError> {
    who.require(Permission::Sell)?;
    let number = number.trim().to_ascii_uppercase();
    let sale = sales::find_by_receipt(&app.db, who.store_id, &number)
        .await?
        .ok_or(AppError::NotFound("sale"))?;
    document::load(&app.db, who.store_id, sale.id).await?.view()
}

/// A document with what its receipt prints besides: the one loader's document, then the
/// register, cashier, original receipt number, receipt head and credit-note movements.
async fn load(
    app: &App,
    store_id: Uuid,
    sale_id: Uuid,
) -> Result<(SaleDocument, ReceiptContext), AppError> {
    let doc = document::load(&app.db, store_id, sale_id).await?;
    let h = &doc.header;
    let credit_moves = caisse_store::credit_notes::movements_of_sale(&app.db, sale_id).await?;
    let register = registers::get_register(&app.db, store_id, h.register_id)
        .await?
        .ok_or(AppError::NotFound("register"))?;
    let cashier = users::get(&app.db, h.cashier_id).await?.display_name;
    let original = match h.original_sale_id {
        Some(id) => sales::receipt_number(&app.db, store_id, id).await?,
        None => None,
    };
    let head = match h.receipt_head_id {
        Some(id) => caisse_store::receipts::head(&app.db, id).await?,
        None => None,
    };
    let ctx = ReceiptContext {
        register,
        cashier,
        original,
        head,
        credit_moves,
    };
    Ok((doc, ctx))
}

/// Numbers the next duplicate and records it with its journal entry, durably.
async fn record_reprint(
    app: &App,
    who: &Principal,
    doc: &SaleDocument,
    ctx: &ReceiptContext,
) -> Result<u32, AppError> {
    let h = &doc.header;
    let now = now_us();
    let ts = jiff::Timestamp::from_microsecond(now).map_err(internal)?;
    let mut tx = app.db.begin().await?;
    // The register's counters are locked first: reprints of one sale are numbered one at a time.
    let mut journal = Journal::lock(&mut tx, h.register_id).await?;
    let copy = prints::max_copy(&mut tx, h.id).await? + 1;
    let copy_i32 = i32::try_from(copy).map_err(internal)?;
    let event = json!({
        "document": h.id.to_string(),
        "receipt": h.receipt_number,
        "copy": copy,
        "till": ctx.register.code,
        "ts": ts.to_string(),
        "user": who.user_id.to_string(),
    });
    let seq = journal
        .append(NewEntry {
            register_id: h.register_id,
            store_id: who.store_id,
            kind: "reprint",
            document_id: Some(h.id),
            occurred_at: now,
            event,
        })?
        .seq;
    prints::insert_print(
        &mut tx,
        &PrintRow {
            id: Uuid::now_v7(),
            store_id: who.store_id,
            sale_id: h.id,
            copy: copy_i32,
            user_id: who.user_id,
            printed_at: now,
            journal_seq: seq,
        },
    )
    .await?;
    journal.write(&mut tx).await?;
    tx.commit().await?;
    tracing::info!(sale_id = %h.id, copy, "receipt reprinted");
    u32::try_from(copy).map_err(internal)
}

fn render(
    receipt: &Receipt,
    format: ReceiptFormat,
    register: &RegisterRow,
    copy: Option<u32>,
) -> RenderedReceipt {
    let bytes = match format {
        ReceiptFormat::Html80 => render_html(receipt, PaperSize::Roll80mm).into_bytes(),
        ReceiptFormat::HtmlA4 => render_html(receipt, PaperSize::A4).into_bytes(),
        ReceiptFormat::Text => render_text(receipt, width(register)).into_bytes(),
        ReceiptFormat::EscPos => render_escpos(receipt, &escpos_options(register)),
    };
    RenderedReceipt {
        content_type: format.content_type(),
        bytes,
        copy,
    }
}

fn width(register: &RegisterRow) -> usize {
    usize::try_from(register.receipt_width).unwrap_or(42)
}

/// The register's printer: its width, PC858 (it has €), a cutter, Code 128 of the number, and
/// never a drawer pulse (a receipt printed after the sale must not open the drawer).
fn escpos_options(register: &RegisterRow) -> EscPosOptions {
    EscPosOptions {
        width_chars: width(register),
        code_page: CodePage::Pc858,
        cut: true,
        drawer_pulse: None,
        barcode: ReceiptBarcode::Code128,
    }
}

/// Where a configured printer address points: `host:port`, or a host alone on port 9100.
fn printer_target(address: &str) -> (String, u16) {
    if let Ok(sock) = address.parse::<std::net::SocketAddr>() {
        return (sock.ip().to_string(), sock.port());
    }
    if let Ok(ip) = address.parse::<std::net::IpAddr>() {
        return (ip.to_string(), PRINTER_PORT);
    }
    match address.rsplit_once(':') {
        Some((host, port)) if !host.contains(':') => match port.parse() {
            Ok(port) => (host.to_owned(), port),
            Err(_) => (address.to_owned(), PRINTER_PORT),
        },
        _ => (address.to_owned(), PRINTER_PORT),
    }
}

fn unreachable(address: &str, why: impl std::fmt::Display) -> AppError {
    AppError::DeviceUnavailable {
        code: ErrorCode::PrinterUnreachable,
        message: format!("the receipt printer at {address} does not answer: {why}"),
    }
}

async fn connect(address: &str) -> Result<TcpStream, AppError> {
    let (host, port) = printer_target(address);
    match tokio::time::timeout(PRINTER_TIMEOUT, TcpStream::connect((host.as_str(), port))).await {
        Ok(Ok(stream)) => Ok(stream),
        Ok(Err(e)) => Err(unreachable(address, e)),
        Err(_) => Err(unreachable(address, "no connection within 3 s")),
    }
}

async fn send(stream: &mut TcpStream, address: &str, bytes: &[u8]) -> Result<(), AppError> {
    let write = async {
        stream.write_all(bytes).await?;
        stream.flush().await?;
        stream.shutdown().await
    };
    match tokio::time::timeout(PRINTER_TIMEOUT, write).await {
        Ok(Ok(())) => Ok(()),
        Ok(Err(e)) => Err(unreachable(address, e)),
        Err(_) => Err(unreachable(
            address,
            "it took more than 3 s to accept the receipt",
        )),
    }
}

fn internal(e: impl std::fmt::Display) -> AppError {
    AppError::Internal(e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printer_addresses_default_to_port_9100() {
        let cases = [
            ("192.168.1.50:9100", ("192.168.1.50", 9100)),
            ("192.168.1.50", ("192.168.1.50", 9100)),
            ("printer.local:9101", ("printer.local", 9101)),
            ("printer.local", ("printer.local", 9100)),
            ("[::1]:9200", ("::1", 9200)),
            ("::1", ("::1", 9100)),
        ];
        for (address, (host, port)) in cases {
            assert_eq!(
                printer_target(address),
                (host.to_owned(), port),
                "{address}"
            );
        }
    }
}
