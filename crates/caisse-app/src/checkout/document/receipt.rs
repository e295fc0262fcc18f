//! The receipt of a document, built from what it recorded (never priced again), and the
//! receipt head (store name, address, tax id, footer) a completing document is issued with.

use caisse_core::money::{Locale, Money, Quantity, Rounding};
use caisse_core::receipt::{
    Adjustment, Receipt, ReceiptKind, ReceiptLine, StoreHeader, TaxSummary, WeightInfo,
};
use caisse_core::sale::Discount;
use caisse_core::tax::TaxRate;
use caisse_store::credit_notes::CreditMoveRow;
use caisse_store::receipts::ReceiptHeadRow;
use caisse_store::registers::RegisterRow;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::model::{DocumentDiscount, DocumentLine, DocumentStatus, DocumentTax, SaleDocument};
use super::receipt_tenders::tenders;
use crate::AppError;
use crate::checkout::cart::SaleKind;
use crate::checkout::config::StoreConfig;

/// What a receipt prints besides the document: read with it when the receipt is asked for.
#[derive(Debug, Clone)]
pub struct ReceiptContext {
    /// The register that recorded it.
    pub register: RegisterRow,
    /// The cashier's name as printed.
    pub cashier: String,
    /// The receipt number of the sale it returns (a return).
    pub original: Option<String>,
    /// What the receipt's head and foot said at completion (none for sales completed before
    /// heads were kept: today's settings are printed).
    pub head: Option<ReceiptHeadRow>,
    /// The credit-note movements it caused (notes issued or spent from).
    pub credit_moves: Vec<CreditMoveRow>,
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

impl SaleDocument {
    /// Its receipt (a numbered duplicate when `duplicate` is given), from its recorded
    /// amounts only.
    pub fn receipt(
        &self,
        cfg: &StoreConfig,
        ctx: &ReceiptContext,
        duplicate: Option<u32>,
    ) -> Result<Receipt, AppError> {
        let h = &self.header;
        let locale = cfg.locale;
        let currency = h.currency;
        let money = |minor: i64| Money::new(minor, currency);
        let letters = tax_letters(&self.taxes);
        let mut lines = Vec::with_capacity(self.lines.len());
        for l in &self.lines {
            lines.push(line(cfg, l, self, &letters)?);
        }
        let subtotal: i64 = self.lines.iter().map(|l| l.base - l.line_discount).sum();
        let sale_discount: i64 = self.lines.iter().map(|l| l.sale_discount).sum();
        let discounts = if sale_discount == 0 {
            Vec::new()
        } else {
            vec![Adjustment {
                label: discount_label(h.discount.as_ref(), locale),
                amount: money(-sale_discount),
            }]
        };
        let taxes = self
            .taxes
            .iter()
            .zip(&letters)
            .map(|(t, (_, code))| TaxSummary {
                code: *code,
                rate_label: rate_label(t.rate, locale),
                net: money(t.base),
                tax: money(t.tax),
                gross: money(t.gross),
            })
            .collect();
        let kind = match (h.status, h.kind) {
            (DocumentStatus::Cancelled, _) => ReceiptKind::Cancellation {
                original: ctx
                    .original
                    .clone()
                    .unwrap_or_else(|| h.receipt_number.clone()),
            },
            (_, SaleKind::Return) => ReceiptKind::Return {
                original: ctx.original.clone().unwrap_or_default(),
            },
            _ => ReceiptKind::Sale,
        };
        let issued = jiff::Timestamp::from_microsecond(h.completed_at).map_err(internal)?;
        // What the customer got: the head kept at completion, else today's settings.
        let head = ctx
            .head
            .clone()
            .unwrap_or_else(|| receipt_head(cfg, h.store_id, &ctx.register.name));
        Ok(Receipt {
            store: StoreHeader {
                name: head.store_name,
                address: non_empty_lines(&head.address),
                tax_id: Some(head.tax_id).filter(|t| !t.is_empty()),
            },
            register: head.register_name,
            number: h.receipt_number.clone(),
            issued_at: cfg.time_zone.to_datetime(issued),
            cashier: ctx.cashier.clone(),
            locale,
            currency,
            kind,
            duplicate,
            lines,
            subtotal: money(subtotal),
            discounts,
            taxes,
            total: money(h.total),
            cash_rounding: money(h.rounding),
            tenders: tenders(self, &ctx.credit_moves, locale),
            change: money(h.change),
            footer: non_empty_lines(&head.footer),
            barcode: h.receipt_number.clone(),
        })
    }
}

/// A letter per tax row (`A`, `B`, …), in the stored order (by rate).
fn tax_letters(taxes: &[DocumentTax]) -> Vec<(String, char)> {
    taxes
        .iter()
        .zip('A'..='Z')
        .map(|(t, c)| (t.code.clone(), c))
        .chain(taxes.iter().skip(26).map(|t| (t.code.clone(), '*')))
        .collect()
}

fn line(
    cfg: &StoreConfig,
    l: &DocumentLine,
    doc: &SaleDocument,
    letters: &[(String, char)],
) -> Result<ReceiptLine, AppError> {
    let unit_price = doc.money(l.price_override.unwrap_or(l.unit_price));
    let quantity = Quantity::from_milli(l.quantity);
    // A voided line is stored at zero; the receipt shows what it would have cost, struck.
    let amount = if l.voided {
        unit_price
            .mul_quantity(quantity, Rounding::HalfUp)
            .map_err(internal)?
    } else {
        doc.money(l.base)
    };
    let discount = (l.line_discount != 0 && !l.voided).then(|| Adjustment {
        label: discount_label(l.discount.as_ref(), cfg.locale),
        amount: doc.money(-l.line_discount),
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

/// `Remise -10 %` for a percentage discount, `Remise` for an amount.
fn discount_label(d: Option<&DocumentDiscount>, locale: Locale) -> String {
    let word = match locale {
        Locale::FrFr => "Remise",
        Locale::DeDe => "Rabatt",
        Locale::EnUs | Locale::EnGb => "Discount",
    };
    match d.map(|d| d.discount) {
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

/// A rate as printed: `5,5 %`, `20%`.
fn rate_label(rate: TaxRate, locale: Locale) -> String {
    let number = rate
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

fn internal(e: impl std::fmt::Display) -> AppError {
    AppError::Internal(e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rate(text: &str) -> TaxRate {
        TaxRate::parse(text).unwrap()
    }

    fn discount(json: &str) -> DocumentDiscount {
        DocumentDiscount {
            discount: serde_json::from_str(json).unwrap(),
            reason: "loyalty".into(),
        }
    }

    #[test]
    fn rates_and_discounts_are_labelled_per_locale() {
        assert_eq!(rate_label(rate("5.5"), Locale::FrFr), "5,5 %");
        assert_eq!(rate_label(rate("20"), Locale::FrFr), "20 %");
        assert_eq!(rate_label(rate("7.25"), Locale::EnUs), "7.25%");
        assert_eq!(
            discount_label(Some(&discount(r#"{"percent":"12.5"}"#)), Locale::FrFr),
            "Remise -12,5 %"
        );
        assert_eq!(
            discount_label(
                Some(&discount(r#"{"amount":{"amount":500,"currency":"EUR"}}"#)),
                Locale::EnGb
            ),
            "Discount"
        );
        assert_eq!(discount_label(None, Locale::DeDe), "Rabatt");
    }
}
