//! Completing and cancelling a sale: one durable transaction writes the sale, its lines, taxes
//! and tenders, the stock movements, the journal entry, the outbox event and the stored answer
//! to the idempotency key.

use caisse_core::journal::amount_text;
use caisse_core::sale::PricedSale;
use caisse_core::staff::Permission;
use caisse_core::tender::Settlement;
use caisse_store::idempotency::{self, IdempotencyRow};
use caisse_store::journal::{Journal, NewEntry};
use caisse_store::sales::{self, LineRow, SaleRow, TaxRow};
use caisse_store::{StoreError, Tx, outbox, registers, stock};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::cart::row_of;
use super::cart::{Cart, CartStatus, SaleKind};
use super::config::{StoreConfig, rate_to_e4, store_config};
use super::keys::request_hash;
use super::registry::Ended;
use super::sales::{changed_meanwhile, lock_cart};
use super::tender::payment_row;
use super::view::cart_view;
use crate::auth::Principal;
use crate::{App, AppError, now_us};

/// Completing a paid sale.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct CompleteSale {
    /// The sale's `version` as the till last showed it: when the sale changed since, nothing
    /// is completed and the answer is 409 `sale_changed` with the sale as it is now. Tills
    /// always send it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<i64>,
}

/// Completes a paid sale. Retrying with the same key returns the stored answer.
pub async fn complete(
    app: &App,
    who: &Principal,
    id: Uuid,
    key: &str,
    input: CompleteSale,
) -> Result<Value, AppError> {
    who.require(Permission::Sell)?;
    let claim = app.checkout.claim_key(&app.db, who.store_id, key).await?;
    let done = complete_claimed(app, who, id, key, input).await;
    claim.release().await;
    done
}

async fn complete_claimed(
    app: &App,
    who: &Principal,
    id: Uuid,
    key: &str,
    input: CompleteSale,
) -> Result<Value, AppError> {
    let hash = request_hash(&format!("complete:{id}"), &input);
    let cfg = store_config(app, who.store_id).await?;
    // A return re-checks, under the returns lock, that it stays within what was sold.
    let refund = match super::refunds::prepare(app, &cfg, who, id).await {
        Ok(refund) => refund,
        Err(AppError::NotFound(_)) => None,
        Err(e) => return Err(e),
    };
    // A live cart has not been completed (completing ends it in the same transaction that
    // stores the answer), so the stored answers are read only when the cart is gone — the
    // retry of a completion that succeeded — or when storing this answer clashes with a key
    // already used (below). No database read before the write on the hot path.
    let cart = match lock_cart(app, who, id).await {
        Ok(cart) => cart,
        Err(gone) => {
            return match stored_answer(app, who.store_id, key, &hash).await? {
                Some(stored) => Ok(stored),
                None => Err(gone),
            };
        }
    };
    who.check_cart(cart.store_id, cart.register_id)?;
    if input.version.is_some_and(|v| v != cart.version) {
        return Err(changed_meanwhile(&cart, &cfg));
    }
    if cart.status != CartStatus::Open {
        return Err(AppError::state(
            "sale_not_open",
            "resume the parked sale first",
        ));
    }
    if cart.lines.iter().all(|l| l.voided) {
        return Err(AppError::state(
            "empty_sale",
            "the sale has no lines: cancel it instead",
        ));
    }
    let priced = cart.price(&cfg)?;
    let settlement = cart.settlement(&cfg, priced.total)?;
    if !settlement.settled {
        return Err(AppError::state("not_settled", "the sale is not fully paid"));
    }
    if let Some((_, ctx)) = &refund {
        super::refunds::check_cart(ctx, &cart, &priced)?;
    }
    let answer = write_document(
        app,
        who,
        &cfg,
        &cart,
        &priced,
        &settlement,
        "completed",
        Some((key, &hash)),
    )
    .await;
    let answer = match answer {
        Err(AppError::KeyTaken) => {
            // The key was used before (by another request: `idempotency_key_reused`), or
            // another server completed with it first: answer what is stored.
            return stored_answer(app, who.store_id, key, &hash)
                .await?
                .ok_or(AppError::IdempotencyInFlight);
        }
        other => other?,
    };
    let ended = Ended::Completed {
        answer: &answer,
        total: priced.total,
        change: settlement.change,
    };
    app.checkout.carts.ended(&cart, ended);
    drop(cart);
    Ok(answer)
}

/// Cancelling an unpaid sale.
#[derive(Debug, Clone, Default, serde::Deserialize, utoipa::ToSchema)]
pub struct CancelSale {
    /// Why (`customer_left`, `wrong_items`…).
    pub reason: Option<String>,
    /// A manager's PIN, when the sale is someone else's and the caller may not cancel it.
    pub approval: Option<super::sales::ApprovalInput>,
}

/// Cancels a sale before payment; the cancellation is recorded with its number and journal
/// entry, and nothing moves in stock.
pub async fn cancel(
    app: &App,
    who: &Principal,
    id: Uuid,
    input: CancelSale,
) -> Result<Value, AppError> {
    who.require(Permission::Sell)?;
    let cfg = store_config(app, who.store_id).await?;
    let rung_by = {
        let cart = lock_cart(app, who, id).await?;
        who.check_cart(cart.store_id, cart.register_id)?;
        cart.cashier_id
    };
    // Someone else's sale: a permission of its own, or a manager's PIN (checked before the
    // cart's lock is taken again: Argon2 is slow).
    if rung_by != who.user_id {
        let action = "cancel_others_sale";
        let approval = input.approval.as_ref();
        super::sales::authorize(app, who, Permission::CancelOthersSale, action, approval).await?;
    }
    let cart = lock_cart(app, who, id).await?;
    if cart.live_payments().any(|p| p.recorded) {
        return Err(AppError::state(
            "payments_taken",
            "a card, wallet or store-credit tender was taken on this sale: complete it, or void \
             the tender first (POST /sales/{id}/payments/{payment_id}/void)",
        ));
    }
    // Cash tenders only lived in the cart; voided tenders stay for the journal's record.
    let mut cart_copy = cart.clone();
    cart_copy.payments.retain(|p| !p.is_live());
    let priced = cart_copy.price(&cfg)?;
    let settlement = cart_copy.settlement(&cfg, priced.total)?;
    let _ = input.reason;
    let answer = write_document(
        app,
        who,
        &cfg,
        &cart_copy,
        &priced,
        &settlement,
        "cancelled",
        None,
    )
    .await?;
    app.checkout.carts.ended(&cart, Ended::Cancelled);
    drop(cart);
    Ok(answer)
}

async fn stored_answer(
    app: &App,
    store_id: Uuid,
    key: &str,
    hash: &str,
) -> Result<Option<Value>, AppError> {
    match idempotency::get(&app.db, store_id, key).await? {
        None => Ok(None),
        Some(row) if row.request_hash == hash => serde_json::from_str(&row.response)
            .map(Some)
            .map_err(|e| AppError::Internal(e.to_string())),
        Some(_) => Err(AppError::IdempotencyMismatch),
    }
}

fn lines_digest(rows: &[LineRow]) -> String {
    let mut h = Sha256::new();
    for l in rows {
        h.update(format!(
            "{}|{}|{}|{}|{}|{}|{}\n",
            l.line_no, l.sku, l.quantity, l.unit_price, l.total, l.tax, l.voided
        ));
    }
    hex::encode(h.finalize())
}

#[expect(
    clippy::too_many_arguments,
    reason = "one call site each; a struct would only rename them"
)]
async fn write_document(
    app: &App,
    who: &Principal,
    cfg: &StoreConfig,
    cart: &Cart,
    priced: &PricedSale,
    settlement: &Settlement,
    status: &'static str,
    key: Option<(&str, &str)>,
) -> Result<Value, AppError> {
    let job = doc_job(app, who, cfg, cart, priced, settlement, status, key).await?;
    app.checkout.writer.write(&app.db, job).await
}

/// What the writer needs to write a document of this cart.
#[expect(
    clippy::too_many_arguments,
    reason = "the document's parts; a struct would only rename them"
)]
pub(crate) async fn doc_job(
    app: &App,
    who: &Principal,
    cfg: &StoreConfig,
    cart: &Cart,
    priced: &PricedSale,
    settlement: &Settlement,
    status: &'static str,
    key: Option<(&str, &str)>,
) -> Result<DocJob, AppError> {
    let register = app
        .checkout
        .register(&app.db, who.store_id, cart.register_id)
        .await?;
    let now = now_us();
    let job = DocJob {
        who: who.clone(),
        currency: cfg.currency.code().to_owned(),
        tax_mode: cfg.policy.mode.as_str().to_owned(),
        tax_scope: cfg.policy.scope.as_str().to_owned(),
        business_date: cfg.business_date(now)?.to_string(),
        head: super::receipts::receipt_head(cfg, who.store_id, &register.name),
        register_code: register.code,
        cart: cart.clone(),
        priced: priced.clone(),
        settlement: *settlement,
        status,
        key: key.map(|(k, h)| (k.to_owned(), h.to_owned())),
        now,
    };
    Ok(job)
}

/// Everything needed to write one document, owned so it can wait for the batch writer.
pub struct DocJob {
    who: Principal,
    currency: String,
    tax_mode: String,
    tax_scope: String,
    business_date: String,
    register_code: String,
    head: caisse_store::receipts::ReceiptHeadRow,
    cart: Cart,
    priced: PricedSale,
    settlement: Settlement,
    status: &'static str,
    key: Option<(String, String)>,
    now: i64,
}

impl DocJob {
    /// The register the document is numbered on.
    pub fn register_id(&self) -> Uuid {
        self.cart.register_id
    }
}

/// The rows of one document, numbered with the counters and session it will be written with.
pub struct DocRows {
    sale: SaleRow,
    head: caisse_store::receipts::ReceiptHeadRow,
    lines: Vec<LineRow>,
    taxes: Vec<TaxRow>,
    payments: Vec<caisse_store::sales::PaymentRow>,
    moves: Vec<stock::MovementRow>,
    outbox: outbox::OutboxRow,
    idempotency: Option<IdempotencyRow>,
    notes: Vec<caisse_store::credit_notes::CreditNoteRow>,
    ended: caisse_store::sales::CartRow,
    /// The answer the client gets.
    pub answer: Value,
}

/// Writes one document inside the caller's transaction: numbering, sale, lines, taxes,
/// tenders, stock, credit notes issued, outbox event, stored answer, ended cart, and the
/// journal entry with the register's counters.
pub async fn write_in(tx: &mut Tx, j: &DocJob) -> Result<Value, AppError> {
    let session = registers::open_session_tx(tx, j.cart.register_id)
        .await?
        .ok_or_else(|| AppError::state("drawer_closed", "the register's drawer is closed"))?;
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
    let sales_rows: Vec<SaleRow> = docs.iter().map(|d| d.sale.clone()).collect();
    let lines: Vec<LineRow> = docs.iter().flat_map(|d| d.lines.iter().cloned()).collect();
    let taxes: Vec<TaxRow> = docs.iter().flat_map(|d| d.taxes.iter().cloned()).collect();
    sales::insert_sales(tx, &sales_rows, &lines, &taxes).await?;
    let payments: Vec<_> = docs
        .iter()
        .flat_map(|d| d.payments.iter().cloned())
        .collect();
    sales::insert_payments(tx, &payments).await?;
    let moves: Vec<_> = docs.iter().flat_map(|d| d.moves.iter().cloned()).collect();
    stock::apply(tx, &moves).await?;
    let events: Vec<_> = docs.iter().map(|d| d.outbox.clone()).collect();
    outbox::push_many(tx, &events).await?;
    let keys: Vec<_> = docs.iter().filter_map(|d| d.idempotency.clone()).collect();
    idempotency::insert_many(tx, &keys)
        .await
        .map_err(|e| match e {
            StoreError::Conflict { .. } => AppError::KeyTaken,
            other => other.into(),
        })?;
    let notes: Vec<_> = docs.iter().flat_map(|d| d.notes.iter().cloned()).collect();
    caisse_store::credit_notes::issue_many(tx, &notes).await?;
    Ok(())
}

/// Computes one document's rows and appends its journal entry, which advances the register's
/// counters (in memory, written by [`Journal::write`]). When it fails, nothing was appended.
pub fn plan(j: &DocJob, journal: &mut Journal, session_id: Uuid) -> Result<DocRows, AppError> {
    let (who, cart, priced, settlement, status, now) =
        (&j.who, &j.cart, &j.priced, &j.settlement, j.status, j.now);
    let business_date = j.business_date.clone();
    let counters = journal
        .counters(cart.register_id)
        .ok_or_else(|| AppError::Internal("register head missing".into()))?;
    let number = counters.sale_seq + 1;
    let perpetual_total = if status == "completed" {
        counters
            .perpetual_total
            .checked_add(priced.total.minor())
            .ok_or_else(AppError::out_of_range)?
    } else {
        counters.perpetual_total
    };
    let receipt_number = format!("{}-{:06}", j.register_code, number);
    let lines = line_rows(cart, priced);
    let taxes = priced
        .taxes
        .iter()
        .map(|t| {
            Ok(TaxRow {
                sale_id: cart.id,
                code: t.code.clone(),
                label: t.label.clone(),
                rate_e4: rate_to_e4(t.rate)?,
                base: t.base.minor(),
                tax: t.tax.minor(),
                gross: t.gross.minor(),
            })
        })
        .collect::<Result<Vec<_>, AppError>>()?;
    let completed = status == "completed";
    let ts =
        jiff::Timestamp::from_microsecond(now).map_err(|e| AppError::Internal(e.to_string()))?;
    let mut vat = serde_json::Map::new();
    for t in &priced.taxes {
        vat.insert(t.rate.to_fixed2(), json!(amount_text(t.tax)));
    }
    let kind = match (completed, cart.kind) {
        (false, _) => "cancellation",
        (true, SaleKind::Sale) => "sale",
        (true, SaleKind::Return) => "return",
    };
    let mut event = json!({
        "document": cart.id.to_string(),
        "number": number,
        "receipt": receipt_number,
        "till": j.register_code,
        "ts": ts.to_string(),
        "business_date": business_date,
        "cashier": who.user_id.to_string(),
        "total_ttc": amount_text(priced.total),
        "total_ht": amount_text(priced.net_total),
        "vat": vat,
        "lines": lines.len(),
        "lines_sha256": lines_digest(&lines),
    });
    if let Some(voided) = super::voids::voided_tenders(cart) {
        event["voided_tenders"] = voided;
    }
    if completed {
        let mut tenders = serde_json::Map::new();
        for p in cart.live_payments() {
            tenders.insert(p.id.to_string(), json!([p.kind.as_str(), p.tendered]));
        }
        event["tenders"] = Value::Object(tenders);
        event["rounding"] = json!(amount_text(settlement.rounding));
        event["change"] = json!(amount_text(settlement.change));
    }
    if let Some(orig) = cart.original_sale_id {
        event["original"] = json!(orig.to_string());
    }
    let mut view = cart_view(cart, priced, settlement);
    view.status = status.to_owned();
    view.number = Some(number);
    view.receipt_number = Some(receipt_number.clone());
    view.completed_at = Some(ts.to_string());
    let answer = serde_json::to_value(&view).map_err(|e| AppError::Internal(e.to_string()))?;
    let mut ended = row_of(cart)?;
    // Everything that can fail is done: the entry is appended last (nothing to undo).
    let journal_seq = journal
        .append_document(
            NewEntry {
                register_id: cart.register_id,
                store_id: who.store_id,
                kind,
                document_id: Some(cart.id),
                occurred_at: now,
                event,
            },
            number,
            perpetual_total,
        )?
        .seq;
    let sale = SaleRow {
        id: cart.id,
        store_id: who.store_id,
        register_id: cart.register_id,
        session_id,
        number,
        receipt_number: receipt_number.clone(),
        kind: cart.kind.as_str().to_owned(),
        status: status.to_owned(),
        original_sale_id: cart.original_sale_id,
        cashier_id: cart.cashier_id,
        approved_by: cart.approved_by,
        currency: j.currency.clone(),
        tax_mode: j.tax_mode.clone(),
        tax_scope: j.tax_scope.clone(),
        tax_exempt_ref: cart.tax_exempt_ref.clone(),
        subtotal: priced.subtotal.minor(),
        discount_total: priced.discount_total.minor(),
        net_total: priced.net_total.minor(),
        tax_total: priced.tax_total.minor(),
        total: priced.total.minor(),
        rounding: if completed {
            settlement.rounding.minor()
        } else {
            0
        },
        paid: if completed {
            settlement.paid.minor()
        } else {
            0
        },
        change_given: if completed {
            settlement.change.minor()
        } else {
            0
        },
        discount_reason: cart.discount.as_ref().map(|d| d.reason.clone()),
        sale_discount: cart
            .discount
            .as_ref()
            .map(|d| serde_json::to_string(&d.discount).unwrap_or_default()),
        business_date,
        opened_at: cart.opened_at,
        completed_at: now,
        journal_seq,
        receipt_head_id: Some(j.head.id),
    };
    let (payments, moves, notes) = if completed {
        (
            payment_rows(who.store_id, cart, settlement),
            stock_moves(who, cart, now),
            super::credit::issued_by(cart, &j.currency, now),
        )
    } else {
        (Vec::new(), Vec::new(), Vec::new())
    };
    let outbox_row = outbox::OutboxRow {
        id: Uuid::now_v7(),
        store_id: who.store_id,
        topic: format!("sale.{status}"),
        payload: answer.to_string(),
        created_at: now,
    };
    let idempotency_row = j.key.as_ref().map(|(key, hash)| IdempotencyRow {
        store_id: who.store_id,
        key: key.clone(),
        scope: format!("complete:{}", cart.id),
        request_hash: hash.clone(),
        status: 200,
        response: answer.to_string(),
        created_at: now,
    });
    ended.status = status.to_owned();
    ended.version = cart.version + 1;
    // The document is now the record; the ended cart keeps only its status, so a late
    // write-behind of the open cart can never bring it back.
    ended.state = "{}".to_owned();
    Ok(DocRows {
        sale,
        head: j.head.clone(),
        lines,
        taxes,
        payments,
        moves,
        outbox: outbox_row,
        idempotency: idempotency_row,
        notes,
        ended,
        answer,
    })
}

fn line_rows(cart: &Cart, priced: &PricedSale) -> Vec<LineRow> {
    cart.lines
        .iter()
        .zip(&priced.lines)
        .map(|(l, p)| LineRow {
            sale_id: cart.id,
            line_no: i32::try_from(l.line_no).unwrap_or(i32::MAX),
            item_id: l.item_id,
            product_id: l.product_id,
            variant_id: l.variant_id,
            sku: l.sku.clone(),
            description: l.description.clone(),
            unit: l.unit.clone(),
            tax_category: l.tax_category.clone(),
            quantity: l.quantity,
            unit_price: l.unit_price,
            price_override: l.price_override,
            base: p.base.minor(),
            line_discount: p.line_discount.minor(),
            sale_discount: p.sale_discount.minor(),
            amount: p.amount.minor(),
            net: p.net.minor(),
            tax: p.tax.minor(),
            total: p.total.minor(),
            discount: l
                .discount
                .as_ref()
                .map(|d| serde_json::to_string(&d.discount).unwrap_or_default()),
            discount_reason: l.discount.as_ref().map(|d| d.reason.clone()),
            voided: l.voided,
            approved_by: l
                .override_approved_by
                .or_else(|| l.discount.as_ref().and_then(|d| d.approved_by)),
            original_line_no: l.original_line_no.and_then(|n| i32::try_from(n).ok()),
            scanned_code: l.scanned_code.clone(),
            lot: l.lot.clone(),
            expiry: l.expiry.clone(),
            serial: l.serial.clone(),
        })
        .collect()
}

fn payment_rows(
    store_id: Uuid,
    cart: &Cart,
    settlement: &Settlement,
) -> Vec<caisse_store::sales::PaymentRow> {
    // Change comes out of the last cash tender: its amount is what it pays towards the total.
    let last_cash = cart.payments.iter().rposition(|p| p.kind.is_cash());
    cart.payments
        .iter()
        .enumerate()
        .filter(|(_, p)| !p.recorded)
        .map(|(i, p)| {
            let amount = if Some(i) == last_cash {
                p.tendered - settlement.change.minor()
            } else {
                p.tendered
            };
            payment_row(store_id, cart.id, p, amount)
        })
        .collect()
}

fn stock_moves(who: &Principal, cart: &Cart, now: i64) -> Vec<stock::MovementRow> {
    if cart.kind == SaleKind::Return && !cart.restock {
        return Vec::new();
    }
    let reason = cart.kind.as_str();
    cart.lines
        .iter()
        .filter(|l| !l.voided)
        .filter_map(|l| {
            let (item_id, product_id) = (l.item_id?, l.product_id?);
            Some(stock::MovementRow {
                id: Uuid::now_v7(),
                store_id: who.store_id,
                item_id,
                product_id,
                // A sale line's quantity is positive and takes stock out; a return line's is
                // negative and puts it back.
                quantity: -l.quantity,
                reason: reason.to_owned(),
                document_id: Some(cart.id),
                line_no: i32::try_from(l.line_no).ok(),
                user_id: Some(who.user_id),
                occurred_at: now,
            })
        })
        .collect()
}
