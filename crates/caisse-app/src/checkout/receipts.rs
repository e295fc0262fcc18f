//! Receipts of recorded sales: built from what was stored (never recomputed), rendered as
//! HTML, text or ESC/POS; reprinted as numbered duplicates, each counted in `receipt_prints`
//! and journaled on the sale's register; and sent to the register's network printer.

use std::time::Duration;

use caisse_core::money::{Currency, Locale, Money, Quantity, Rounding};
use caisse_core::receipt::{
    Adjustment, CodePage, EscPosOptions, PaperSize, Receipt, ReceiptBarcode, ReceiptKind,
    ReceiptLine, StoreHeader, TaxSummary, WeightInfo, render_escpos, render_html, render_text,
};
use caisse_core::sale::Discount;
use caisse_core::staff::Permission;
use caisse_store::journal::{Journal, NewEntry};
use caisse_store::receipts::{self as prints, PrintRow, ReceiptHeadRow};
use caisse_store::registers::{self, RegisterRow};
use caisse_store::sales::{self, LineRow, PaymentRow, SaleRow, TaxRow};
use caisse_store::users;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use tokio::io::AsyncWriteExt;
use tokio::net::TcpStream;
use utoipa::ToSchema;
use uuid::Uuid;

use super::config::{StoreConfig, store_config};
use super::documents::stored_sale;
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
    let stored = load(app, who.store_id, sale_id).await?;
    let receipt = build_receipt(&cfg, &stored, None)?;
    Ok(render(&receipt, format, &stored.register, None))
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
    let stored = load(app, who.store_id, sale_id).await?;
    let copy = record_reprint(app, who, &stored).await?;
    let receipt = build_receipt(&cfg, &stored, Some(copy))?;
    Ok(render(&receipt, format, &stored.register, Some(copy)))
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
    let stored = load(app, who.store_id, sale_id).await?;
    let address = stored
        .register
        .printer
        .as_deref()
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .ok_or_else(|| {
            AppError::state(
                "printer_not_configured",
                format!(
                    "the register {} has no receipt printer: set its address (host:port)",
                    stored.register.code
                ),
            )
        })?
        .to_owned();
    let mut stream = connect(&address).await?;
    let copy = if reprint {
        Some(record_reprint(app, who, &stored).await?)
    } else {
        None
    };
    let receipt = build_receipt(&cfg, &stored, copy)?;
    let bytes = render_escpos(&receipt, &escpos_options(&stored.register));
    send(&mut stream, &address, &bytes).await?;
    tracing::info!(sale_id = %sale_id, printer = %address, ?copy, "receipt printed");
    Ok(PrintOutcome {
        printer: address,
        bytes: bytes.len(),
        copy,
    })
}

/// The stored document of the sale with this receipt number (scanned from a receipt's
/// barcode to start a return).
pub async fn sale_by_receipt(app: &App, who: &Principal, number: &str) -> Result<Value, AppError> {
    who.require(Permission::Sell)?;
    let number = number.trim().to_ascii_uppercase();
    let sale = sales::find_by_receipt(&app.db, who.store_id, &number)
        .await?
        .ok_or(AppError::NotFound("sale"))?;
    stored_sale(app, who.store_id, sale.id).await
}

/// A recorded sale with everything its receipt shows.
#[derive(Debug, Clone)]
pub struct StoredSale {
    /// The sale.
    pub sale: SaleRow,
    /// Its lines, voided ones included.
    pub lines: Vec<LineRow>,
    /// Its tax totals per rate.
    pub taxes: Vec<TaxRow>,
    /// Its tenders in the order they were taken (voided ones and their reversals included).
    pub payments: Vec<PaymentRow>,
    /// The credit-note movements it caused (notes issued or spent from).
    pub credit_moves: Vec<caisse_store::credit_notes::CreditMoveRow>,
    /// The register that recorded it.
    pub register: RegisterRow,
    /// The cashier's name as printed.
    pub cashier: String,
    /// The receipt number of the sale it returns or cancels.
    pub original: Option<String>,
    /// What the receipt's head and foot said at completion (none for sales completed before
    /// heads were kept: today's settings are printed).
    pub head: Option<ReceiptHeadRow>,
}

/// The head and foot a receipt prints now, for a sale completing: its id is derived from the
/// content, so a shop whose settings do not change stores it once.
pub fn receipt_head(cfg: &StoreConfig, store_id: Uuid, register_name: &str) -> ReceiptHeadRow {
    let (store_name, address, tax_id, footer) = (
        cfg.store.name.clone(),
        cfg.settings.address.clone(),
        cfg.settings.tax_id.trim().to_owned(),
        cfg.settings.receipt_footer.clone(),
    );
    let mut h = Sha256::new();
    for part in [
        store_id.as_bytes().as_slice(),
        store_name.as_bytes(),
        address.as_bytes(),
        tax_id.as_bytes(),
        register_name.as_bytes(),
        footer.as_bytes(),
    ] {
        h.update((part.len() as u64).to_le_bytes());
        h.update(part);
    }
    let digest = h.finalize();
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    ReceiptHeadRow {
        id: uuid::Builder::from_custom_bytes(bytes).into_uuid(),
        store_id,
        store_name,
        address,
        tax_id,
        register_name: register_name.to_owned(),
        footer,
    }
}

async fn load(app: &App, store_id: Uuid, sale_id: Uuid) -> Result<StoredSale, AppError> {
    let sale = sales::get_sale(&app.db, store_id, sale_id)
        .await?
        .ok_or(AppError::NotFound("sale"))?;
    let lines = sales::sale_lines(&app.db, sale_id).await?;
    let taxes = sales::sale_taxes(&app.db, sale_id).await?;
    let payments = sales::sale_payments(&app.db, sale_id).await?;
    let credit_moves = caisse_store::credit_notes::movements_of_sale(&app.db, sale_id).await?;
    let register = registers::get_register(&app.db, store_id, sale.register_id)
        .await?
        .ok_or(AppError::NotFound("register"))?;
    let cashier = users::get(&app.db, sale.cashier_id).await?.display_name;
    let original = match sale.original_sale_id {
        Some(id) => sales::get_sale(&app.db, store_id, id)
            .await?
            .map(|o| o.receipt_number),
        None => None,
    };
    let head = match sale.receipt_head_id {
        Some(id) => caisse_store::receipts::head(&app.db, id).await?,
        None => None,
    };
    Ok(StoredSale {
        head,
        sale,
        lines,
        taxes,
        payments,
        credit_moves,
        register,
        cashier,
        original,
    })
}

/// Numbers the next duplicate and records it with its journal entry, durably.
async fn record_reprint(app: &App, who: &Principal, s: &StoredSale) -> Result<u32, AppError> {
    let now = now_us();
    let ts = jiff::Timestamp::from_microsecond(now).map_err(internal)?;
    let mut tx = app.db.begin().await?;
    // The register's counters are locked first: reprints of one sale are numbered one at a time.
    let mut journal = Journal::lock(&mut tx, s.sale.register_id).await?;
    let copy = prints::max_copy(&mut tx, s.sale.id).await? + 1;
    let copy_i32 = i32::try_from(copy).map_err(internal)?;
    let event = json!({
        "document": s.sale.id.to_string(),
        "receipt": s.sale.receipt_number,
        "copy": copy,
        "till": s.register.code,
        "ts": ts.to_string(),
        "user": who.user_id.to_string(),
    });
    let seq = journal
        .append(NewEntry {
            register_id: s.sale.register_id,
            store_id: who.store_id,
            kind: "reprint",
            document_id: Some(s.sale.id),
            occurred_at: now,
            event,
        })?
        .seq;
    prints::insert_print(
        &mut tx,
        &PrintRow {
            id: Uuid::now_v7(),
            store_id: who.store_id,
            sale_id: s.sale.id,
            copy: copy_i32,
            user_id: who.user_id,
            printed_at: now,
            journal_seq: seq,
        },
    )
    .await?;
    journal.write(&mut tx).await?;
    tx.commit().await?;
    tracing::info!(sale_id = %s.sale.id, copy, "receipt reprinted");
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

/// The receipt of a recorded sale, from its stored amounts only.
pub fn build_receipt(
    cfg: &StoreConfig,
    s: &StoredSale,
    duplicate: Option<u32>,
) -> Result<Receipt, AppError> {
    let locale = cfg.locale;
    let currency = Currency::parse(&s.sale.currency).map_err(internal)?;
    let money = |minor: i64| Money::new(minor, currency);
    let letters = tax_letters(&s.taxes);
    let mut lines = Vec::with_capacity(s.lines.len());
    for l in &s.lines {
        lines.push(line(cfg, l, currency, &letters)?);
    }
    let subtotal: i64 = s.lines.iter().map(|l| l.base - l.line_discount).sum();
    let sale_discount: i64 = s.lines.iter().map(|l| l.sale_discount).sum();
    let discounts = if sale_discount == 0 {
        Vec::new()
    } else {
        vec![Adjustment {
            label: discount_label(s.sale.sale_discount.as_deref(), locale),
            amount: money(-sale_discount),
        }]
    };
    let taxes = s
        .taxes
        .iter()
        .zip(&letters)
        .map(|(t, (_, code))| TaxSummary {
            code: *code,
            rate_label: rate_label(t.rate_e4, locale),
            net: money(t.base),
            tax: money(t.tax),
            gross: money(t.gross),
        })
        .collect();
    let tenders = super::receipt_tenders::tenders(s, currency, locale);
    let kind = match (s.sale.status.as_str(), s.sale.kind.as_str()) {
        ("cancelled", _) => ReceiptKind::Cancellation {
            original: s
                .original
                .clone()
                .unwrap_or_else(|| s.sale.receipt_number.clone()),
        },
        (_, "return") => ReceiptKind::Return {
            original: s.original.clone().unwrap_or_default(),
        },
        _ => ReceiptKind::Sale,
    };
    let issued = jiff::Timestamp::from_microsecond(s.sale.completed_at).map_err(internal)?;
    // What the customer got: the head kept at completion, else today's settings.
    let head = s
        .head
        .clone()
        .unwrap_or_else(|| receipt_head(cfg, s.sale.store_id, &s.register.name));
    Ok(Receipt {
        store: StoreHeader {
            name: head.store_name,
            address: non_empty_lines(&head.address),
            tax_id: Some(head.tax_id).filter(|t| !t.is_empty()),
        },
        register: head.register_name,
        number: s.sale.receipt_number.clone(),
        issued_at: cfg.time_zone.to_datetime(issued),
        cashier: s.cashier.clone(),
        locale,
        currency,
        kind,
        duplicate,
        lines,
        subtotal: money(subtotal),
        discounts,
        taxes,
        total: money(s.sale.total),
        cash_rounding: money(s.sale.rounding),
        tenders,
        change: money(s.sale.change_given),
        footer: non_empty_lines(&head.footer),
        barcode: s.sale.receipt_number.clone(),
    })
}

/// A letter per tax row (`A`, `B`, …), in the stored order (by rate).
fn tax_letters(taxes: &[TaxRow]) -> Vec<(String, char)> {
    taxes
        .iter()
        .zip('A'..='Z')
        .map(|(t, c)| (t.code.clone(), c))
        .chain(taxes.iter().skip(26).map(|t| (t.code.clone(), '*')))
        .collect()
}

fn line(
    cfg: &StoreConfig,
    l: &LineRow,
    currency: Currency,
    letters: &[(String, char)],
) -> Result<ReceiptLine, AppError> {
    let unit_price = Money::new(l.price_override.unwrap_or(l.unit_price), currency);
    let quantity = Quantity::from_milli(l.quantity);
    // A voided line is stored at zero; the receipt shows what it would have cost, struck.
    let amount = if l.voided {
        unit_price
            .mul_quantity(quantity, Rounding::HalfUp)
            .map_err(internal)?
    } else {
        Money::new(l.base, currency)
    };
    let discount = (l.line_discount != 0 && !l.voided).then(|| Adjustment {
        label: discount_label(l.discount.as_deref(), cfg.locale),
        amount: Money::new(-l.line_discount, currency),
    });
    // The line's first tax names its row in the breakdown (several taxes share one line in
    // US stores; the breakdown still lists each).
    let tax_code = cfg
        .components(&l.tax_category)
        .ok()
        .and_then(|c| c.first().map(|c| c.code.clone()))
        .and_then(|code| letters.iter().find(|(c, _)| *c == code).map(|(_, l)| *l))
        .unwrap_or(' ');
    Ok(ReceiptLine {
        description: l.description.clone(),
        quantity,
        unit_price,
        amount,
        discount,
        weight: (l.unit != "each").then(|| WeightInfo {
            unit: l.unit.clone(),
            tare: None,
        }),
        tax_code,
        voided: l.voided,
    })
}

/// `Remise -10 %` for a stored percentage discount, `Remise` for an amount.
fn discount_label(stored: Option<&str>, locale: Locale) -> String {
    let word = match locale {
        Locale::FrFr => "Remise",
        Locale::DeDe => "Rabatt",
        Locale::EnUs | Locale::EnGb => "Discount",
    };
    match stored.and_then(|s| serde_json::from_str::<Discount>(s).ok()) {
        Some(Discount::Percent(p)) => {
            let number = p
                .normalize()
                .to_string()
                .replace('.', &locale.decimal_separator().to_string());
            format!("{word} -{number}{}", percent_sign(locale))
        }
        _ => word.to_owned(),
    }
}

/// A stored rate (ten-thousandths of a percent) as printed: `5,5 %`, `20%`.
fn rate_label(rate_e4: i64, locale: Locale) -> String {
    let number = rust_decimal::Decimal::new(rate_e4, 4)
        .normalize()
        .to_string()
        .replace('.', &locale.decimal_separator().to_string());
    format!("{number}{}", percent_sign(locale))
}

fn percent_sign(locale: Locale) -> &'static str {
    match locale {
        Locale::FrFr | Locale::DeDe => " %",
        Locale::EnUs | Locale::EnGb => "%",
    }
}

fn non_empty_lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
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
        code: "printer_unreachable",
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

    #[test]
    fn rates_and_discounts_are_labelled_per_locale() {
        assert_eq!(rate_label(55_000, Locale::FrFr), "5,5 %");
        assert_eq!(rate_label(200_000, Locale::FrFr), "20 %");
        assert_eq!(rate_label(72_500, Locale::EnUs), "7.25%");
        assert_eq!(
            discount_label(Some(r#"{"percent":"12.5"}"#), Locale::FrFr),
            "Remise -12,5 %"
        );
        assert_eq!(
            discount_label(
                Some(r#"{"amount":{"amount":500,"currency":"EUR"}}"#),
                Locale::EnGb
            ),
            "Discount"
        );
        assert_eq!(discount_label(None, Locale::DeDe), "Rabatt");
    }
}
