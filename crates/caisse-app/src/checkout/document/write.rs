//! Writing documents: what a completion hands the writer ([`DocJob`]), the rows one document
//! adds ([`DocRows`], planned from its [`SaleDocument`]), and writing them — one document in
//! its own transaction ([`write_in`]) or a batch with one multi-row statement per table
//! ([`write_rows`]).

use caisse_core::inventory::NegativeStock;
use caisse_core::money::Currency;
use caisse_core::sale::PricedSale;
use caisse_core::tax::TaxPolicy;
use caisse_core::tender::Settlement;
use caisse_store::credit_notes::CreditNoteRow;
use caisse_store::idempotency::{self, IdempotencyRow};
use caisse_store::journal::{Journal, NewEntry};
use caisse_store::outbox::{self, OutboxRow};
use caisse_store::receipts::ReceiptHeadRow;
use caisse_store::sales::{self, CartRow, LineRow, PaymentRow, SaleRow, TaxRow};
use caisse_store::stock::MovementRow;
use caisse_store::{StoreError, Tx, registers};
use serde_json::Value;
use uuid::Uuid;

use super::build::Numbering;
use super::model::{DocumentStatus, SaleDocument};
use super::rows::DocumentRows;
use crate::AppError;
use crate::ErrorCode;
use crate::auth::Principal;
use crate::checkout::cart::{Cart, ended_row};
use crate::stock::ledger::{self, Refusing};

/// Everything needed to write one document, owned so it can wait for the batch writer.
pub struct DocJob {
    /// Who completes (or cancels) it.
    pub who: Principal,
    /// The store's currency.
    pub currency: Currency,
    /// The store's tax policy.
    pub policy: TaxPolicy,
    /// The business date it counts on.
    pub business_date: jiff::civil::Date,
    /// The register's code (`T1`), for the receipt number and the journal.
    pub register_code: String,
    /// The receipt head and foot it is issued with.
    pub head: ReceiptHeadRow,
    /// The cart as it ends.
    pub cart: Cart,
    /// The cart priced.
    pub priced: PricedSale,
    /// The cart's tenders against its total.
    pub settlement: Settlement,
    /// Completed or cancelled.
    pub status: DocumentStatus,
    /// The idempotency key and request hash the answer is stored under.
    pub key: Option<(String, String)>,
    /// Where its stock moves and whether the store refuses to go below zero.
    pub stock: crate::checkout::config::StockPolicy,
    /// When, µs.
    pub now: i64,
}

impl DocJob {
    /// The register the document is numbered on.
    pub fn register_id(&self) -> Uuid {
        self.cart.register_id
    }
}

/// The rows one document adds, numbered with the counters and session it is written with.
pub struct DocRows {
    rows: DocumentRows,
    head: ReceiptHeadRow,
    moves: Vec<MovementRow>,
    negative: NegativeStock,
    outbox: OutboxRow,
    idempotency: Option<IdempotencyRow>,
    notes: Vec<CreditNoteRow>,
    ended: CartRow,
    /// The answer the client gets.
    pub answer: Value,
}

/// Writes one document inside the caller's transaction: numbering, sale, lines, taxes,
/// tenders, stock, credit notes issued, outbox event, stored answer, ended cart, and the
/// journal entry with the register's counters.
pub async fn write_in(tx: &mut Tx, j: &DocJob) -> Result<Value, AppError> {
    let session = registers::open_session_tx(tx, j.cart.register_id)
        .await?
        .ok_or_else(|| {
            AppError::state(ErrorCode::DrawerClosed, "the register's drawer is closed")
        })?;
    let mut journal = Journal::lock(tx, j.cart.register_id).await?;
    let rows = plan(j, &mut journal, session.id)?;
    write_rows(tx, std::slice::from_ref(&rows)).await?;
    journal.write(tx).await?;
    Ok(rows.answer)
}

/// Writes several documents' rows with one multi-row statement per table (their journal
/// entries are written with the registers' counters by [`Journal::write`]).
pub async fn write_rows(tx: &mut Tx, docs: &[DocRows]) -> Result<(), AppError> {
    // The carts first: ending one locks its row, so a second server completing the same cart
    // at the same moment waits here, then finds it ended and writes nothing.
    let ended: Vec<_> = docs.iter().map(|d| d.ended.clone()).collect();
    sales::end_carts(tx, &ended).await?;
    // The receipt heads the documents name, each stored once.
    let mut heads: Vec<_> = docs.iter().map(|d| d.head.clone()).collect();
    heads.sort_by_key(|h| h.id);
    heads.dedup_by_key(|h| h.id);
    caisse_store::receipts::insert_heads(tx, &heads).await?;
    let sales_rows: Vec<SaleRow> = docs.iter().map(|d| d.rows.sale.clone()).collect();
    let lines: Vec<LineRow> = docs
        .iter()
        .flat_map(|d| d.rows.lines.iter().cloned())
        .collect();
    let taxes: Vec<TaxRow> = docs
        .iter()
        .flat_map(|d| d.rows.taxes.iter().cloned())
        .collect();
    sales::insert_sales(tx, &sales_rows, &lines, &taxes).await?;
    let payments: Vec<PaymentRow> = docs
        .iter()
        .flat_map(|d| d.rows.payments.iter().cloned())
        .collect();
    sales::insert_payments(tx, &payments).await?;
    let moves: Vec<_> = docs.iter().flat_map(|d| d.moves.iter().cloned()).collect();
    let mut refusing = Refusing::new();
    for d in docs {
        ledger::refusing(d.negative, &d.moves, &mut refusing);
    }
    let now = docs
        .iter()
        .map(|d| d.rows.sale.completed_at)
        .max()
        .unwrap_or_default();
    ledger::book(tx, &moves, &refusing, now).await?;
    let events: Vec<_> = docs.iter().map(|d| d.outbox.clone()).collect();
    outbox::push_many(tx, &events).await?;
    let keys: Vec<_> = docs.iter().filter_map(|d| d.idempotency.clone()).collect();
    idempotency::insert_many(tx, &keys)
        .await
        .map_err(|e| match e {
            StoreError::Conflict {
                constraint: caisse_store::Constraint::IdempotencyKey,
            } => AppError::KeyTaken,
            other => other.into(),
        })?;
    let notes: Vec<_> = docs.iter().flat_map(|d| d.notes.iter().cloned()).collect();
    caisse_store::credit_notes::issue_many(tx, &notes).await?;
    Ok(())
}

/// Makes the job's document, derives its rows, and appends its journal entry, which advances
/// the register's counters (in memory, written by [`Journal::write`]). When it fails, nothing
/// was appended.
pub fn plan(j: &DocJob, journal: &mut Journal, session_id: Uuid) -> Result<DocRows, AppError> {
    let (who, cart) = (&j.who, &j.cart);
    let counters = journal
        .counters(cart.register_id)
        .ok_or_else(|| AppError::Internal("register head missing".into()))?;
    let number = counters.sale_seq + 1;
    let perpetual_total = match j.status {
        DocumentStatus::Completed => counters
            .perpetual_total
            .checked_add(j.priced.total.minor())
            .ok_or_else(AppError::out_of_range)?,
        DocumentStatus::Cancelled => counters.perpetual_total,
    };
    let numbering = Numbering {
        store_id: who.store_id,
        session_id,
        number,
        receipt_number: format!("{}-{:06}", j.register_code, number),
        currency: j.currency,
        policy: j.policy,
        business_date: j.business_date,
        at: j.now,
        receipt_head_id: j.head.id,
    };
    let doc = SaleDocument::from_cart(cart, &j.priced, &j.settlement, j.status, numbering);
    let event = doc.journal_event(&j.register_code, who.user_id)?;
    let answer = serde_json::to_value(doc.till_view(cart)?)
        .map_err(|e| AppError::Internal(e.to_string()))?;
    // The outbox event carries the answer as stored for the idempotency key: written once.
    let text = answer.to_string();
    let idempotency = j.key.as_ref().map(|(key, hash)| IdempotencyRow {
        store_id: who.store_id,
        key: key.clone(),
        scope: format!("complete:{}", cart.id),
        request_hash: hash.clone(),
        status: 200,
        response: text.clone(),
        created_at: j.now,
    });
    let outbox = doc.outbox_event(text);
    let moves = doc.stock_moves(cart.restock, who.user_id, j.stock.selling_location);
    let notes = doc.credit_notes_issued();
    // The document is now the record; the ended cart keeps only its status, so a late
    // write-behind of the open cart can never bring it back.
    let ended = ended_row(cart, j.status.as_str(), cart.version + 1);
    let kind = doc.journal_kind();
    // Tenders that moved money (card, wallet, store credit) were written when taken.
    let mut rows = doc.into_rows(|p| cart.payments.iter().any(|c| c.id == p.id && c.recorded))?;
    // Everything that can fail is done: the entry is appended last (nothing to undo).
    rows.sale.journal_seq = journal
        .append_document(
            NewEntry {
                register_id: cart.register_id,
                store_id: who.store_id,
                kind,
                document_id: Some(cart.id),
                occurred_at: j.now,
                event,
            },
            number,
            perpetual_total,
        )?
        .seq;
    Ok(DocRows {
        rows,
        head: j.head.clone(),
        moves,
        negative: j.stock.negative,
        outbox,
        idempotency,
        notes,
        ended,
        answer,
    })
}
