//! What a receipt says, in order, as rows that every renderer (text, HTML, ESC/POS) lays out
//! its own way. Nothing here knows about paper width.

use crate::money::{Locale, Money, Quantity};

use super::labels::{Labels, format_datetime, labels};
use super::model::{Receipt, ReceiptKind, ReceiptLine, TenderLine};

/// One logical row of a receipt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Row {
    /// The store's name: centred, bold.
    Title(String),
    /// Centred plain text (address, footer).
    Center(String),
    /// Centred bold text that must be seen (DUPLICATA, RETOUR).
    Banner(String),
    /// Left-aligned text that wraps.
    Left(String),
    /// Text on the left, an amount on the right.
    Pair(Pair),
    /// The receipt total: bold, and double size where the printer can.
    Total { label: String, amount: String },
    /// The tax breakdown: a header and one row per rate, four columns each.
    TaxTable {
        header: [String; 4],
        rows: Vec<[String; 4]>,
    },
    /// A separating line.
    Rule,
    /// A barcode carrying this text.
    Barcode(String),
}

/// A left text and a right amount, with how to show them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Pair {
    pub left: String,
    pub right: String,
    /// A detail of the line above (quantity, discount, card): set in by two characters.
    pub indent: bool,
    /// A voided line: struck through where the medium allows.
    pub struck: bool,
    pub bold: bool,
}

impl Pair {
    fn new(left: String, right: String) -> Pair {
        Pair {
            left,
            right,
            indent: false,
            struck: false,
            bold: false,
        }
    }

    fn detail(left: String, right: String) -> Row {
        Row::Pair(Pair {
            indent: true,
            ..Pair::new(left, right)
        })
    }
}

impl Row {
    /// The same row with `f` applied to every text in it (to fold characters a printer lacks).
    pub(crate) fn map_text(&self, f: &impl Fn(&str) -> String) -> Row {
        match self {
            Row::Title(t) => Row::Title(f(t)),
            Row::Center(t) => Row::Center(f(t)),
            Row::Banner(t) => Row::Banner(f(t)),
            Row::Left(t) => Row::Left(f(t)),
            Row::Pair(p) => Row::Pair(Pair {
                left: f(&p.left),
                right: f(&p.right),
                ..p.clone()
            }),
            Row::Total { label, amount } => Row::Total {
                label: f(label),
                amount: f(amount),
            },
            Row::TaxTable { header, rows } => Row::TaxTable {
                header: header.clone().map(|h| f(&h)),
                rows: rows.iter().map(|r| r.clone().map(|c| f(&c))).collect(),
            },
            Row::Rule => Row::Rule,
            Row::Barcode(data) => Row::Barcode(data.clone()),
        }
    }
}

/// Replaces control characters (tabs, line breaks, ESC...) by spaces: a product name must not
/// break the layout or smuggle printer commands.
fn clean(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// The rows of a receipt, top to bottom.
pub(crate) fn rows(receipt: &Receipt) -> Vec<Row> {
    let locale = receipt.locale;
    let words = labels(locale);
    let money = |m: Money| m.format(locale);
    let mut out = Vec::new();

    out.push(Row::Title(clean(&receipt.store.name)));
    for line in &receipt.store.address {
        out.push(Row::Center(clean(line)));
    }
    if let Some(tax_id) = &receipt.store.tax_id {
        out.push(Row::Center(clean(tax_id)));
    }
    out.push(Row::Rule);

    if let Some(copy) = receipt.duplicate {
        out.push(Row::Banner(format!(
            "{} {}{copy}",
            words.duplicate, words.copy_number
        )));
    }
    let original = match &receipt.kind {
        ReceiptKind::Sale => None,
        ReceiptKind::Return { original } => Some((words.return_title, original)),
        ReceiptKind::Cancellation { original } => Some((words.cancellation_title, original)),
    };
    if let Some((title, original)) = original {
        out.push(Row::Banner(title.to_owned()));
        out.push(Row::Left(format!(
            "{}{} {}",
            words.original,
            words.colon,
            clean(original)
        )));
    }
    out.push(Row::Left(format!(
        "{}{} {}",
        words.receipt,
        words.colon,
        clean(&receipt.number)
    )));
    out.push(Row::Left(format_datetime(receipt.issued_at, locale)));
    out.push(Row::Left(format!(
        "{}{} {} - {}{} {}",
        words.register,
        words.colon,
        clean(&receipt.register),
        words.cashier,
        words.colon,
        clean(&receipt.cashier)
    )));
    out.push(Row::Rule);

    for line in &receipt.lines {
        item_rows(&mut out, line, locale, words);
    }
    out.push(Row::Rule);

    out.push(Row::Pair(Pair::new(
        words.subtotal.to_owned(),
        money(receipt.subtotal),
    )));
    for discount in &receipt.discounts {
        out.push(Row::Pair(Pair::new(
            clean(&discount.label),
            money(discount.amount),
        )));
    }
    out.push(Row::Total {
        label: words.total.to_owned(),
        amount: money(receipt.total),
    });
    if !receipt.cash_rounding.is_zero() {
        out.push(Row::Pair(Pair::new(
            words.rounding.to_owned(),
            money(receipt.cash_rounding),
        )));
    }

    if !receipt.taxes.is_empty() {
        out.push(Row::Rule);
        let number = |m: Money| m.format_number(locale);
        out.push(Row::TaxTable {
            header: [words.rate, words.net, words.tax, words.gross].map(str::to_owned),
            rows: receipt
                .taxes
                .iter()
                .map(|t| {
                    [
                        format!("{} {}", t.code, clean(&t.rate_label)),
                        number(t.net),
                        number(t.tax),
                        number(t.gross),
                    ]
                })
                .collect(),
        });
    }

    out.push(Row::Rule);
    for tender in &receipt.tenders {
        tender_rows(&mut out, tender, locale, words);
    }
    if !receipt.change.is_zero() {
        out.push(Row::Pair(Pair {
            bold: true,
            ..Pair::new(words.change.to_owned(), money(receipt.change))
        }));
    }

    if !receipt.footer.is_empty() {
        out.push(Row::Rule);
        for line in &receipt.footer {
            out.push(Row::Center(clean(line)));
        }
    }
    let barcode = clean(&receipt.barcode);
    if !barcode.trim().is_empty() {
        out.push(Row::Barcode(barcode));
    }
    out
}

fn item_rows(out: &mut Vec<Row>, line: &ReceiptLine, locale: Locale, words: &Labels) {
    let amount = format!("{} {}", line.amount.format(locale), line.tax_code);
    out.push(Row::Pair(Pair {
        struck: line.voided,
        ..Pair::new(clean(&line.description), amount)
    }));
    let price = line.unit_price.format(locale);
    match &line.weight {
        Some(weight) => {
            let unit = clean(&weight.unit);
            let qty = line.quantity.format(locale);
            out.push(Pair::detail(
                format!("{qty} {unit} x {price}/{unit}"),
                String::new(),
            ));
            if let Some(tare) = weight.tare {
                out.push(Pair::detail(
                    format!("{} {} {unit}", words.tare, tare.format(locale)),
                    String::new(),
                ));
            }
        }
        None if line.quantity != Quantity::ONE => {
            let qty = line.quantity.format(locale);
            out.push(Pair::detail(format!("{qty} x {price}"), String::new()));
        }
        None => {}
    }
    if let Some(discount) = &line.discount {
        out.push(Pair::detail(
            clean(&discount.label),
            discount.amount.format(locale),
        ));
    }
    if line.voided {
        out.push(Pair::detail(words.voided.to_owned(), String::new()));
    }
}

fn tender_rows(out: &mut Vec<Row>, tender: &TenderLine, locale: Locale, words: &Labels) {
    out.push(Row::Pair(Pair::new(
        clean(&tender.label),
        tender.amount.format(locale),
    )));
    if let Some(card) = &tender.card {
        let mut detail = format!("{} **** {}", clean(&card.brand), card.last_four.as_str());
        if let Some(auth) = &card.auth_code {
            detail.push_str(&format!(" {} {}", words.auth, clean(auth)));
        }
        out.push(Pair::detail(detail, String::new()));
    }
    if let Some(note) = &tender.credit_note {
        out.push(Pair::detail(
            format!("{} {}", words.credit_note, clean(&note.code)),
            String::new(),
        ));
        if let Some(balance) = note.balance {
            out.push(Pair::detail(
                words.balance.to_owned(),
                balance.format(locale),
            ));
        }
    }
}
