//! The events a document sends: its journal entry's event and its outbox event.

use caisse_core::journal::amount_text;
use caisse_store::outbox::OutboxRow;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::model::{DocumentStatus, SaleDocument};
use crate::AppError;
use crate::checkout::cart::SaleKind;

impl SaleDocument {
    /// The journal kind of its entry: `sale`, `return` or `cancellation`.
    pub fn journal_kind(&self) -> &'static str {
        match (self.header.status, self.header.kind) {
            (DocumentStatus::Cancelled, _) => "cancellation",
            (DocumentStatus::Completed, SaleKind::Sale) => "sale",
            (DocumentStatus::Completed, SaleKind::Return) => "return",
        }
    }

    /// The event its journal entry records (and hashes), on the register whose code is
    /// `till`, completed by `by`. Its bytes must never change for a given document: the
    /// chains written so far are verified against them.
    pub fn journal_event(&self, till: &str, by: Uuid) -> Result<Value, AppError> {
        let h = &self.header;
        let text = |minor: i64| amount_text(self.money(minor));
        let ts = jiff::Timestamp::from_microsecond(h.completed_at)
            .map_err(|e| AppError::Internal(e.to_string()))?;
        let mut vat = serde_json::Map::new();
        for t in &self.taxes {
            vat.insert(t.rate.to_fixed2(), json!(text(t.tax)));
        }
        let mut event = json!({
            "document": h.id.to_string(),
            "number": h.number,
            "receipt": h.receipt_number,
            "till": till,
            "ts": ts.to_string(),
            "business_date": h.business_date.to_string(),
            "cashier": by.to_string(),
            "total_ttc": text(h.total),
            "total_ht": text(h.net_total),
            "vat": vat,
            "lines": self.lines.len(),
            "lines_sha256": self.lines_digest(),
        });
        // Voided tenders: payment id → [kind, tendered, reversal id].
        let voided: serde_json::Map<String, Value> = self
            .payments
            .iter()
            .filter_map(|p| {
                let by = p.voided_by?;
                Some((
                    p.id.to_string(),
                    json!([p.kind.as_str(), p.tendered, by.to_string()]),
                ))
            })
            .collect();
        if !voided.is_empty() {
            event["voided_tenders"] = Value::Object(voided);
        }
        if self.is_completed() {
            let mut tenders = serde_json::Map::new();
            for p in self.live_payments() {
                tenders.insert(p.id.to_string(), json!([p.kind.as_str(), p.tendered]));
            }
            event["tenders"] = Value::Object(tenders);
            event["rounding"] = json!(text(h.rounding));
            event["change"] = json!(text(h.change));
        }
        if let Some(orig) = h.original_sale_id {
            event["original"] = json!(orig.to_string());
        }
        Ok(event)
    }

    /// SHA-256 over the lines as stored (number, SKU, quantity, unit price, total, tax,
    /// voided), one per text line.
    fn lines_digest(&self) -> String {
        let mut h = Sha256::new();
        for l in &self.lines {
            h.update(format!(
                "{}|{}|{}|{}|{}|{}|{}\n",
                i32::try_from(l.line_no).unwrap_or(i32::MAX),
                l.sku,
                l.quantity,
                l.unit_price,
                l.total,
                l.tax,
                l.voided
            ));
        }
        hex::encode(h.finalize())
    }

    /// Its outbox event (`sale.completed`, `sale.cancelled`), carrying `view`: the document
    /// as the API showed it.
    pub fn outbox_event(&self, payload: String) -> OutboxRow {
        OutboxRow {
            id: Uuid::now_v7(),
            store_id: self.header.store_id,
            topic: format!("sale.{}", self.header.status.as_str()),
            payload,
            created_at: self.header.completed_at,
        }
    }
}
