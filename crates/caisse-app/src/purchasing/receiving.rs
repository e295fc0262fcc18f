//! Receiving a delivery by scanning. A session on a sent order keeps its counts in the
//! database; each scan is resolved from the in-memory catalog (like the till's) and counted by
//! one upsert, without reloading the order. Confirming (under an `Idempotency-Key`) books
//! `receipt` movements through [`ledger::book`] with a `stock_documents` header, adds to the
//! lines' received quantities, moves the order to partially received or received, and sets
//! each item's moving weighted average cost, in one transaction.

use std::collections::HashMap;

use caisse_core::purchasing::{PoAction, weighted_average_cost};
use caisse_store::StoreError;
use caisse_store::outbox::{self, OutboxRow};
use caisse_store::purchase_orders as po_store;
use caisse_store::receiving::{self as store, SessionRow};
use caisse_store::stock::MovementRow;
use caisse_store::stock_setup::{self, StockDocumentRow};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::ToSchema;
use uuid::Uuid;

use super::orders::status_of;
use super::{item_names, require_receiving, store_currency};
use crate::auth::Principal;
use crate::checkout::keys::{commit_answer, request_hash, stored_answer};
use crate::stock::ledger::{Refusing, book};
use crate::stock::{instant, parse_qty, qty};
use crate::{App, AppError, ErrorCode, FieldError, now_us};

/// Starting (or resuming) a session.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StartReceiving {
    /// Where the goods go (default: the order's delivery location).
    pub location_id: Option<Uuid>,
}

/// An ordered line as received so far.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ReceivingLine {
    /// The order's line.
    pub line_no: i32,
    /// The item.
    pub item_id: Uuid,
    /// SKU.
    pub sku: String,
    /// Name.
    pub name: String,
    /// Ordered.
    pub ordered: String,
    /// Received by earlier deliveries.
    pub received_before: String,
    /// Expected now: ordered less received before (never below zero).
    pub expected: String,
    /// Counted in this session.
    pub counted: String,
    /// counted − expected (negative: short; positive: over).
    pub difference: String,
    /// `complete`, `short`, `over`, or `missing` (nothing counted).
    pub state: String,
}

/// An item counted that the order does not have.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct UnorderedItem {
    /// The item.
    pub item_id: Uuid,
    /// SKU.
    pub sku: String,
    /// Name.
    pub name: String,
    /// Counted.
    pub counted: String,
}

/// A scanned code that found no item.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct UnknownCode {
    /// The code as scanned.
    pub code: String,
    /// Times scanned.
    pub scans: i32,
}

/// What confirming would do now.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ReceivingSummary {
    /// Ordered lines.
    pub lines: usize,
    /// Lines counted exactly as expected.
    pub complete: usize,
    /// Lines counted short (some counted, fewer than expected).
    pub short: usize,
    /// Lines counted over.
    pub over: usize,
    /// Lines with nothing counted.
    pub missing: usize,
    /// Items counted that were not ordered.
    pub unordered: usize,
    /// Codes that found nothing.
    pub unknown: usize,
}

/// A receiving session.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ReceivingView {
    /// Session id.
    pub id: Uuid,
    /// `open` or `confirmed`.
    pub status: String,
    /// The order.
    pub po_id: Uuid,
    /// Its number.
    pub po_number: String,
    /// Its status.
    pub po_status: String,
    /// The supplier's name.
    pub supplier_name: String,
    /// Where the goods go.
    pub location_id: Uuid,
    /// The receipt document, once confirmed.
    pub document_id: Option<Uuid>,
    /// The ordered lines.
    pub lines: Vec<ReceivingLine>,
    /// Counted, not ordered.
    pub unordered: Vec<UnorderedItem>,
    /// Scanned, unknown.
    pub unknown: Vec<UnknownCode>,
    /// Over and under deliveries at a glance.
    pub summary: ReceivingSummary,
    /// When started.
    pub created_at: String,
}

fn state_of(expected: i64, counted: i64) -> &'static str {
    match counted {
        0 if expected > 0 => "missing",
        c if c < expected => "short",
        c if c > expected => "over",
        _ => "complete",
    }
}

async fn load(app: &App, who: &Principal, id: Uuid) -> Result<SessionRow, AppError> {
    store::get(&app.db, who.store_id, id)
        .await?
        .ok_or(AppError::NotFound("receiving session"))
}

/// Starts a session on a sent or partially received order, or gives back its open one.
pub async fn start(
    app: &App,
    who: &Principal,
    po_id: Uuid,
    input: StartReceiving,
) -> Result<ReceivingView, AppError> {
    require_receiving(app, who).await?;
    let po = po_store::get(&app.db, who.store_id, po_id)
        .await?
        .ok_or(AppError::NotFound("purchase order"))?;
    status_of(&po)?
        .next(PoAction::Receive { complete: false })
        .map_err(|e| AppError::state(ErrorCode::InvalidTransition, e.to_string()))?;
    if let Some(open) = store::open_of(&app.db, who.store_id, po_id).await? {
        return view(app, &open).await;
    }
    let location_id = input.location_id.unwrap_or(po.location_id);
    let found = stock_setup::location(&app.db, who.store_id, location_id).await?;
    if !found.is_some_and(|l| l.active) {
        return Err(AppError::field_code(
            "location_id",
            "unknown",
            Value::Null,
            "no active location of this store has this id",
        ));
    }
    let now = now_us();
    let row = SessionRow {
        id: Uuid::now_v7(),
        store_id: who.store_id,
        po_id,
        location_id,
        status: "open".into(),
        user_id: Some(who.user_id),
        document_id: None,
        created_at: now,
        updated_at: now,
    };
    let mut tx = app.db.begin().await?;
    match store::insert(&mut tx, &row).await {
        Ok(()) => tx.commit().await?,
        // Someone opened one at the same moment: theirs is the session.
        Err(StoreError::Conflict { .. }) => {
            drop(tx);
            let open = store::open_of(&app.db, who.store_id, po_id)
                .await?
                .ok_or(AppError::IdempotencyInFlight)?;
            return view(app, &open).await;
        }
        Err(e) => return Err(e.into()),
    }
    view(app, &row).await
}

/// A session as it stands.
pub async fn get(app: &App, who: &Principal, id: Uuid) -> Result<ReceivingView, AppError> {
    require_receiving(app, who).await?;
    let s = load(app, who, id).await?;
    view(app, &s).await
}

async fn view(app: &App, s: &SessionRow) -> Result<ReceivingView, AppError> {
    let po = po_store::get(&app.db, s.store_id, s.po_id)
        .await?
        .ok_or(AppError::NotFound("purchase order"))?;
    let supplier = caisse_store::purchasing::supplier(&app.db, s.store_id, po.supplier_id)
        .await?
        .map(|s| s.name)
        .unwrap_or_default();
    let counts = store::counts(&app.db, s.id).await?;
    let counted: HashMap<Uuid, i64> = counts.iter().map(|c| (c.0, c.3)).collect();
    let names = |item: Uuid| {
        item_names(app, s.store_id, item)
            .map_or((String::new(), String::new()), |(_, sku, name, _)| {
                (sku, name)
            })
    };
    let lines: Vec<ReceivingLine> = po_store::lines(&app.db, po.id)
        .await?
        .into_iter()
        .map(|l| {
            let expected = (l.quantity - l.received).max(0);
            let c = counted.get(&l.item_id).copied().unwrap_or(0);
            let (sku, name) = names(l.item_id);
            ReceivingLine {
                line_no: l.line_no,
                item_id: l.item_id,
                sku,
                name,
                ordered: qty(l.quantity),
                received_before: qty(l.received),
                expected: qty(expected),
                counted: qty(c),
                difference: qty(c - expected),
                state: state_of(expected, c).into(),
            }
        })
        .collect();
    let unordered: Vec<UnorderedItem> = counts
        .iter()
        .filter(|c| c.2.is_none())
        .map(|c| {
            let (sku, name) = names(c.0);
            UnorderedItem {
                item_id: c.0,
                sku,
                name,
                counted: qty(c.3),
            }
        })
        .collect();
    let unknown: Vec<UnknownCode> = store::unknown(&app.db, s.id)
        .await?
        .into_iter()
        .map(|(code, scans)| UnknownCode { code, scans })
        .collect();
    let n = |st: &str| lines.iter().filter(|l| l.state == st).count();
    let summary = ReceivingSummary {
        lines: lines.len(),
        complete: n("complete"),
        short: n("short"),
        over: n("over"),
        missing: n("missing"),
        unordered: unordered.len(),
        unknown: unknown.len(),
    };
    Ok(ReceivingView {
        id: s.id,
        status: s.status.clone(),
        po_id: po.id,
        po_number: po.number,
        po_status: po.status,
        supplier_name: supplier,
        location_id: s.location_id,
        document_id: s.document_id,
        lines,
        unordered,
        unknown,
        summary,
        created_at: instant(s.created_at),
    })
}

/// A scan.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ScanInput {
    /// Whatever the scanner sent: GTIN, scale label, GS1 element string or SKU.
    pub code: String,
}

/// The answer to a scan: what it counted, so the screen updates its list without reloading.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ScanAnswer {
    /// `ordered` (counted on its line), `unordered` (counted, not on the order) or `unknown`.
    pub result: String,
    /// The code as scanned.
    pub code: String,
    /// The item found.
    pub item_id: Option<Uuid>,
    /// Its SKU.
    pub sku: Option<String>,
    /// Its name.
    pub name: Option<String>,
    /// Its order line.
    pub line_no: Option<i32>,
    /// Counted now in this session.
    pub counted: Option<String>,
    /// Expected on its line.
    pub expected: Option<String>,
    /// `complete`, `short`, `over` for an ordered line.
    pub state: Option<String>,
    /// Times an unknown code was scanned.
    pub scans: Option<i64>,
}

/// Resolves a code like the till does: (item, product, quantity the code carries or one unit).
fn resolve(app: &App, store_id: Uuid, code: &str) -> Result<Option<Resolved>, AppError> {
    let found = app
        .catalog
        .read(store_id, |sc| crate::catalog::lookup::resolve_in(sc, code))
        .ok_or(AppError::NotFound("store"))?;
    match found {
        Ok(r) => Ok(Some(r)),
        Err(AppError::UnknownCode(_)) => Ok(None),
        Err(e) => Err(e),
    }
}

/// Counts one scan.
pub async fn scan(
    app: &App,
    who: &Principal,
    id: Uuid,
    input: ScanInput,
) -> Result<ScanAnswer, AppError> {
    require_receiving(app, who).await?;
    let code = input.code.trim();
    if code.is_empty() || code.chars().count() > 200 || code.chars().any(char::is_control) {
        return Err(AppError::field_code(
            "code",
            "invalid",
            Value::Null,
            "1 to 200 printable characters",
        ));
    }
    let now = now_us();
    let found = match resolve(app, who.store_id, code) {
        Ok(f) => f,
        // A code that cannot be read (bad check digit) is listed like an unknown one.
        Err(AppError::InvalidCode { .. }) => None,
        Err(e) => return Err(e),
    };
    let mut tx = app.db.begin().await?;
    let s = store::get_tx(&mut tx, who.store_id, id)
        .await?
        .ok_or(AppError::NotFound("receiving session"))?;
    if s.status != "open" {
        return Err(closed());
    }
    let answer = match found {
        None => {
            let scans = store::add_unknown(&mut tx, id, code, now).await?;
            ScanAnswer {
                result: "unknown".into(),
                code: code.into(),
                item_id: None,
                sku: None,
                name: None,
                line_no: None,
                counted: None,
                expected: None,
                state: None,
                scans: Some(scans),
            }
        }
        Some((item_id, product_id, quantity, sku, name)) => {
            let line = po_store::line_of_item(&mut tx, s.po_id, item_id).await?;
            let line_no = line.map(|l| l.0);
            let counted =
                store::add_count(&mut tx, id, item_id, product_id, line_no, quantity, now).await?;
            let expected = line.map(|(_, q, r)| (q - r).max(0));
            ScanAnswer {
                result: if line.is_some() {
                    "ordered"
                } else {
                    "unordered"
                }
                .into(),
                code: code.into(),
                item_id: Some(item_id),
                sku: Some(sku),
                name: Some(name),
                line_no,
                counted: Some(qty(counted)),
                expected: expected.map(qty),
                state: expected.map(|e| state_of(e, counted).to_owned()),
                scans: None,
            }
        }
    };
    tx.commit().await?;
    Ok(answer)
}

fn closed() -> AppError {
    AppError::state(
        ErrorCode::ReceivingClosed,
        "this receiving session is already confirmed",
    )
}

/// Setting a count by hand.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CountInput {
    /// Decimal string, 0 or more (0 removes the item from the session).
    pub quantity: String,
}

/// Sets what was counted of an item (a correction after a wrong scan).
pub async fn set_count(
    app: &App,
    who: &Principal,
    id: Uuid,
    item_id: Uuid,
    input: CountInput,
) -> Result<ReceivingView, AppError> {
    require_receiving(app, who).await?;
    let mut errors: Vec<FieldError> = Vec::new();
    let quantity = parse_qty("quantity", &input.quantity, &mut errors);
    let Some(quantity) = quantity.filter(|q| (0..=super::MAX_QTY).contains(q)) else {
        return Err(AppError::field_code(
            "quantity",
            "out_of_range",
            Value::Null,
            "0 or more, at most 1,000,000",
        ));
    };
    let (product_id, ..) =
        item_names(app, who.store_id, item_id).ok_or(AppError::NotFound("item"))?;
    let mut tx = app.db.begin().await?;
    let s = store::get_tx(&mut tx, who.store_id, id)
        .await?
        .ok_or(AppError::NotFound("receiving session"))?;
    if s.status != "open" {
        return Err(closed());
    }
    let line = po_store::line_of_item(&mut tx, s.po_id, item_id).await?;
    store::set_count(
        &mut tx,
        id,
        item_id,
        product_id,
        line.map(|l| l.0),
        quantity,
        now_us(),
    )
    .await?;
    tx.commit().await?;
    view(app, &s).await
}

/// Confirming a session.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ConfirmInput {
    /// Also take in the items counted that were not ordered (at the supplier's cost, else the
    /// product's); default false: they stay listed and nothing moves for them.
    #[serde(default)]
    pub include_unordered: bool,
}

/// A booked receipt's line.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ReceiptLine {
    /// From 1.
    pub line_no: i32,
    /// The item.
    pub item_id: Uuid,
    /// Received.
    pub quantity: String,
    /// Cost of one unit, minor units.
    pub unit_cost: Option<i64>,
    /// The store's on-hand right after.
    pub on_hand_after: String,
    /// Moving average cost before, minor units.
    pub cost_before: Option<i64>,
    /// Moving average cost after.
    pub cost_after: Option<i64>,
}

/// A booked receipt.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ReceiptView {
    /// The receipt document (`stock_documents`, kind `receipt`).
    pub document_id: Uuid,
    /// The session.
    pub session_id: Uuid,
    /// The order.
    pub po_id: Uuid,
    /// The order's status now.
    pub po_status: String,
    /// Where the goods went.
    pub location_id: Uuid,
    /// When.
    pub created_at: String,
    /// What moved.
    pub lines: Vec<ReceiptLine>,
}

const SCOPE: &str = "stock_receipt";

/// A scanned item: (item, product, quantity, SKU, name).
type Resolved = (Uuid, Uuid, i64, String, String);

/// What a receipt takes in: (item, product, quantity, unit cost, order line).
type Taken = (Uuid, Uuid, i64, Option<i64>, Option<i32>);

/// Confirms a session under an idempotency key: sent again, it answers the same receipt and
/// moves nothing.
pub async fn confirm(
    app: &App,
    who: &Principal,
    id: Uuid,
    key: &str,
    input: ConfirmInput,
) -> Result<Value, AppError> {
    require_receiving(app, who).await?;
    let claim = app.checkout.claim_key(&app.db, who.store_id, key).await?;
    let done = confirm_claimed(app, who, id, key, input).await;
    claim.release().await;
    done
}

async fn confirm_claimed(
    app: &App,
    who: &Principal,
    id: Uuid,
    key: &str,
    input: ConfirmInput,
) -> Result<Value, AppError> {
    let hash = request_hash(SCOPE, &(id, &input));
    if let Some(answer) = stored_answer(app, who.store_id, key, SCOPE, &hash).await? {
        return Ok(answer);
    }
    let currency = store_currency(app, who.store_id)?;
    // Read before the write transaction (which holds SQLite's one writer): the catalog costs
    // of what was counted so far, and the supplier's costs.
    let pre = store::get(&app.db, who.store_id, id)
        .await?
        .ok_or(AppError::NotFound("receiving session"))?;
    let pre_po = po_store::get(&app.db, who.store_id, pre.po_id)
        .await?
        .ok_or(AppError::NotFound("purchase order"))?;
    let mut catalog_cost: HashMap<Uuid, Option<i64>> = HashMap::new();
    for c in store::counts(&app.db, id).await? {
        let cost = caisse_store::stock_read::item(&app.db, who.store_id, c.0)
            .await?
            .and_then(|i| i.5);
        catalog_cost.insert(c.0, cost);
    }
    let supplier_cost: HashMap<Uuid, i64> =
        caisse_store::purchasing::items(&app.db, who.store_id, pre_po.supplier_id)
            .await?
            .into_iter()
            .map(|(r, ..)| (r.item_id, r.unit_cost))
            .collect();
    let now = now_us();
    let doc_id = Uuid::now_v7();
    let mut tx = app.db.begin().await?;
    let s = store::get_tx(&mut tx, who.store_id, id)
        .await?
        .ok_or(AppError::NotFound("receiving session"))?;
    if s.status != "open" {
        return Err(closed());
    }
    let po = po_store::get_tx(&mut tx, who.store_id, s.po_id)
        .await?
        .ok_or(AppError::NotFound("purchase order"))?;
    let from = status_of(&po)?;
    let lines = po_store::lines_tx(&mut tx, po.id).await?;
    let counts = store::counts_tx(&mut tx, id).await?;
    let by_item: HashMap<Uuid, &caisse_store::purchase_orders::PoLineRow> =
        lines.iter().map(|l| (l.item_id, l)).collect();
    // Costs in another currency than the store's are not mixed into its average cost.
    let same_currency = po.currency == currency;
    // (item, product, quantity, unit cost, PO line)
    let mut taken: Vec<Taken> = Vec::new();
    for (item_id, product_id, _, counted, _) in &counts {
        if *counted <= 0 {
            continue;
        }
        match by_item.get(item_id) {
            Some(l) => taken.push((
                *item_id,
                *product_id,
                *counted,
                same_currency.then_some(l.unit_cost),
                Some(l.line_no),
            )),
            None if input.include_unordered => {
                let cost = match supplier_cost.get(item_id) {
                    Some(c) if same_currency => Some(*c),
                    Some(_) => None,
                    None => catalog_cost.get(item_id).copied().flatten(),
                };
                taken.push((*item_id, *product_id, *counted, cost, None));
            }
            None => {}
        }
    }
    if taken.is_empty() {
        return Err(AppError::state(
            ErrorCode::NothingReceived,
            "nothing ordered was counted: scan the delivery first",
        ));
    }
    // Ordered lines first (by line number), then the unordered items: the receipt's lines.
    taken.sort_by_key(|t| (t.4.is_none(), t.4, t.0));
    let complete = lines.iter().all(|l| {
        let got = taken.iter().find(|t| t.0 == l.item_id).map_or(0, |t| t.2);
        l.received + got >= l.quantity
    });
    let to = from
        .next(PoAction::Receive { complete })
        .map_err(|e| AppError::state(ErrorCode::InvalidTransition, e.to_string()))?;
    // The costs before (read in the transaction, before the movements change on-hand).
    let mut before = Vec::with_capacity(taken.len());
    for t in &taken {
        let (on_hand, avg) = store::cost_before(&mut tx, who.store_id, t.0)
            .await?
            .unwrap_or((0, None));
        let avg = avg.or_else(|| catalog_cost.get(&t.0).copied().flatten());
        before.push((on_hand, avg));
    }
    let moves: Vec<MovementRow> = taken
        .iter()
        .enumerate()
        .map(|(i, t)| MovementRow {
            id: Uuid::now_v7(),
            store_id: who.store_id,
            location_id: s.location_id,
            item_id: t.0,
            product_id: t.1,
            kind: "receipt".into(),
            reason: None,
            quantity: t.2,
            unit_cost: t.3,
            document_id: Some(doc_id),
            line_no: Some(i32::try_from(i + 1).unwrap_or(i32::MAX)),
            user_id: Some(who.user_id),
            occurred_at: now,
        })
        .collect();
    stock_setup::insert_document(
        &mut tx,
        &StockDocumentRow {
            id: doc_id,
            store_id: who.store_id,
            kind: "receipt".into(),
            location_id: s.location_id,
            reason: None,
            note: Some(format!("{} ({})", po.number, po.id)),
            user_id: Some(who.user_id),
            created_at: now,
        },
    )
    .await?;
    let applied = book(&mut tx, &moves, &Refusing::new(), now).await?;
    let mut out = Vec::with_capacity(taken.len());
    for (i, t) in taken.iter().enumerate() {
        let (on_hand_before, cost_before) = before[i];
        let cost_after =
            t.3.map(|c| weighted_average_cost(cost_before, on_hand_before, c, t.2));
        if let Some(c) = cost_after {
            store::set_avg_cost(&mut tx, who.store_id, t.0, c).await?;
        }
        if let Some(line_no) = t.4 {
            po_store::add_received(&mut tx, po.id, line_no, t.2).await?;
        }
        out.push(ReceiptLine {
            line_no: moves[i].line_no.unwrap_or_default(),
            item_id: t.0,
            quantity: qty(t.2),
            unit_cost: t.3,
            on_hand_after: qty(applied
                .totals
                .iter()
                .find(|x| x.item_id == t.0)
                .map_or(0, |x| x.on_hand)),
            cost_before,
            cost_after: cost_after.or(cost_before),
        });
    }
    if !po_store::set_status(
        &mut tx,
        who.store_id,
        po.id,
        from.as_str(),
        to.as_str(),
        now,
    )
    .await?
        || !store::confirm(&mut tx, id, doc_id, now).await?
    {
        return Err(AppError::state(
            ErrorCode::ChangedMeanwhile,
            "the order or the session changed meanwhile: look again",
        ));
    }
    let view = ReceiptView {
        document_id: doc_id,
        session_id: id,
        po_id: po.id,
        po_status: to.as_str().into(),
        location_id: s.location_id,
        created_at: instant(now),
        lines: out,
    };
    let answer = serde_json::to_value(&view).map_err(|e| AppError::Internal(e.to_string()))?;
    outbox::push(
        &mut tx,
        &OutboxRow {
            id: Uuid::now_v7(),
            store_id: who.store_id,
            topic: "stock.received".into(),
            payload: answer.to_string(),
            created_at: now,
        },
    )
    .await?;
    let answer = commit_answer(app, who.store_id, tx, key, SCOPE, &hash, 201, answer).await?;
    app.stock.moved(who.store_id);
    tracing::info!(po_id = %po.id, document_id = %doc_id, status = to.as_str(), "delivery received");
    Ok(answer)
}
