//! What a completed document moves besides its own rows: stock, and the credit notes a
//! return issues.

use caisse_core::tender::TenderKind;
use caisse_store::credit_notes::CreditNoteRow;
use caisse_store::stock::MovementRow;
use uuid::Uuid;

use super::model::SaleDocument;
use crate::checkout::cart::SaleKind;

impl SaleDocument {
    /// The stock it moves at `location` (the store's selling location), booked to `user`: a
    /// sale's lines take goods out, a return's put them back unless they are written off
    /// (`restock` false). A cancellation moves none.
    pub fn stock_moves(&self, restock: bool, user: Uuid, location: Uuid) -> Vec<MovementRow> {
        let h = &self.header;
        if !self.is_completed() || (h.kind == SaleKind::Return && !restock) {
            return Vec::new();
        }
        self.lines
            .iter()
            .filter(|l| !l.voided)
            .filter_map(|l| {
                let (item_id, product_id) = (l.item_id?, l.product_id?);
                Some(MovementRow {
                    id: Uuid::now_v7(),
                    store_id: h.store_id,
                    location_id: location,
                    item_id,
                    product_id,
                    // A sale line's quantity is positive and takes stock out; a return line's
                    // is negative and puts it back.
                    quantity: -l.quantity,
                    kind: h.kind.as_str().to_owned(),
                    reason: None,
                    // The till does not know what a unit cost; receipts will.
                    unit_cost: None,
                    document_id: Some(h.id),
                    line_no: i32::try_from(l.line_no).ok(),
                    user_id: Some(user),
                    occurred_at: h.completed_at,
                })
            })
            .collect()
    }

    /// The credit notes a completed return issues: one per live store-credit refund, under
    /// the code it was given when the refund was taken.
    pub fn credit_notes_issued(&self) -> Vec<CreditNoteRow> {
        let h = &self.header;
        if !self.is_completed() || h.kind != SaleKind::Return {
            return Vec::new();
        }
        self.live_payments()
            .filter(|p| p.kind == TenderKind::StoreCredit && p.tendered < 0)
            .filter_map(|p| {
                Some(CreditNoteRow {
                    code: p.terminal_ref.clone()?,
                    store_id: h.store_id,
                    currency: h.currency.code().to_owned(),
                    issued: -p.tendered,
                    balance: -p.tendered,
                    sale_id: h.id,
                    payment_id: p.id,
                    issued_at: h.completed_at,
                })
            })
            .collect()
    }
}
