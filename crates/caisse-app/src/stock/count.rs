//! Stock counts, while people count: open a count (a whole location, a category or a list of
//! items, blind or not), scan (each scan adds one, or the quantity a scale label carries, or
//! sets a quantity), read it back. The session lives in the database: a phone that reloads
//! picks it up where it was. Each scan is one short transaction under the device's key (a
//! scan sent again counts once). The variance report and applying are in [`super::count_apply`].

use caisse_core::money::Quantity;
use caisse_core::staff::Permission;
use caisse_store::stock_counts::{self, CountLine, CountRow, ScanRow};
use caisse_store::{stock_read, stock_setup};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::{instant, parse_qty, qty};
use crate::auth::Principal;
use crate::checkout::config::store_config;
use crate::paging::Paging;
use crate::{App, AppError, ErrorCode, FieldError, now_us};

/// The most items a count of scope `items` lists.
pub const MAX_SCOPE_ITEMS: usize = 500;
/// The largest quantity one scan adds or sets, thousandths (a million units).
pub const MAX_SCAN_QTY: i64 = 1_000_000_000;

/// A count to open.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewCount {
    /// The location counted (default: the store's selling location).
    pub location_id: Option<Uuid>,
    /// `location` (default: everything at the location), `category` or `items`.
    pub scope: Option<String>,
    /// For scope `category`.
    pub category_id: Option<Uuid>,
    /// For scope `items`: 1 to 500 product or variant ids.
    pub item_ids: Option<Vec<Uuid>>,
    /// Hide expected quantities from the counters (default false).
    pub blind: Option<bool>,
    /// Up to 200 characters.
    pub note: Option<String>,
}

/// A scan, or a quantity set by hand.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CountScanInput {
    /// What the scanner sent (GTIN, scale label, GS1 string or SKU); or give `item_id`.
    pub code: Option<String>,
    /// The product or variant (a quantity set from the list).
    pub item_id: Option<Uuid>,
    /// Decimal string: how many to add (default 1, or what a scale label carries), or the
    /// quantity to set.
    pub quantity: Option<String>,
    /// `add` (default) or `set` (a recount of the whole pile: replaces what was counted).
    pub mode: Option<String>,
}

/// A counted item.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CountLineView {
    /// The product or variant.
    pub item_id: Uuid,
    /// Its product.
    pub product_id: Uuid,
    /// The item's SKU.
    pub sku: String,
    /// Its name.
    pub name: String,
    /// `each`, `kg`, `l` or `m`.
    pub unit: String,
    /// Counted so far.
    pub counted: String,
    /// On hand at the location when the item was first counted; null in a blind count.
    pub expected: Option<String>,
    /// Counted minus expected; null in a blind count.
    pub variance: Option<String>,
    /// How many scans counted it.
    pub scans: i32,
    /// When it was first counted.
    pub first_counted_at: String,
    /// When it was last counted.
    pub last_counted_at: String,
}

/// A code that counted nothing.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct UnmatchedCodeView {
    /// The code as scanned.
    pub code: String,
    /// `unknown` (no item has it), `invalid` (unreadable) or `out_of_scope` (an item outside
    /// the count).
    pub outcome: String,
    /// How many times it was scanned.
    pub scans: i64,
    /// When last.
    pub last_scanned_at: String,
}

/// A count with its lines.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CountView {
    /// Count id (the `count` stock document's id once applied).
    pub id: Uuid,
    /// The location counted.
    pub location_id: Uuid,
    /// Its name.
    pub location_name: String,
    /// `location`, `category` or `items`.
    pub scope: String,
    /// For scope `category`.
    pub category_id: Option<Uuid>,
    /// For scope `items`.
    pub item_ids: Vec<Uuid>,
    /// Expected quantities hidden.
    pub blind: bool,
    /// `open`, `counting`, `applied` or `cancelled`.
    pub status: String,
    /// The note.
    pub note: Option<String>,
    /// Who opened it.
    pub created_by: Uuid,
    /// When.
    pub created_at: String,
    /// Last change.
    pub updated_at: String,
    /// Who applied or cancelled it.
    pub closed_by: Option<Uuid>,
    /// When.
    pub closed_at: Option<String>,
    /// How items never counted were treated on apply (`leave` or `zero`).
    pub uncounted: Option<String>,
    /// Counted items, last counted first.
    pub lines: Vec<CountLineView>,
    /// Codes that counted nothing, latest first.
    pub unmatched: Vec<UnmatchedCodeView>,
}

/// What a scan did.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CountScanView {
    /// `counted`, `unknown`, `invalid` or `out_of_scope`.
    pub outcome: String,
    /// The code scanned (or the item id given).
    pub code: String,
    /// True when this answers a scan already stored under the same key.
    pub repeated: bool,
    /// The item's line after the scan (outcome `counted`).
    pub line: Option<CountLineView>,
    /// For people, when nothing was counted.
    pub message: Option<String>,
}

/// A count in a list.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CountSummaryView {
    /// Count id.
    pub id: Uuid,
    /// The location.
    pub location_id: Uuid,
    /// `location`, `category` or `items`.
    pub scope: String,
    /// Blind.
    pub blind: bool,
    /// Status.
    pub status: String,
    /// Note.
    pub note: Option<String>,
    /// When opened.
    pub created_at: String,
    /// Last change.
    pub updated_at: String,
    /// When applied or cancelled.
    pub closed_at: Option<String>,
}

/// A page of counts.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CountPage {
    /// The counts.
    pub items: Vec<CountSummaryView>,
    /// Page number from 1.
    pub page: i64,
    /// Rows per page.
    pub per_page: i64,
    /// Counts in all.
    pub total: i64,
}

/// Filters and page of `GET /stock/counts`.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CountQuery {
    /// `open`, `counting`, `applied` or `cancelled`.
    pub status: Option<String>,
    /// `created` or `-created` (default, newest first).
    pub sort: Option<String>,
    /// From 1.
    pub page: Option<i64>,
    /// 1 to 200 (default 50).
    pub per_page: Option<i64>,
}

const STATUSES: [&str; 4] = ["open", "counting", "applied", "cancelled"];

/// Whether the caller may count: managers and owners, and cashiers when the store lets them
/// (`cashiers_may_count`; `/auth/me` sends it as `count`).
pub async fn may_count(app: &App, who: &Principal) -> Result<bool, AppError> {
    if who.may(Permission::StockManage) {
        return Ok(true);
    }
    Ok(who.may(Permission::StockRead)
        && store_config(app, who.store_id)
            .await?
            .stock
            .cashiers_may_count)
}

/// Refuses unless the caller may count (see [`may_count`]).
pub(crate) async fn require_counting(app: &App, who: &Principal) -> Result<(), AppError> {
    if may_count(app, who).await? {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

fn closed(c: &CountRow) -> AppError {
    AppError::state(
        ErrorCode::CountClosed,
        format!("this count is {}: it takes no more scans", c.status),
    )
}

/// An item's name as the lists show it.
pub(crate) fn display_name(name: &str, variant: Option<&str>) -> String {
    match variant {
        Some(v) => format!("{name} — {v}"),
        None => name.to_owned(),
    }
}

pub(crate) fn line_view(l: &CountLine, blind: bool) -> CountLineView {
    CountLineView {
        item_id: l.item_id,
        product_id: l.product_id,
        sku: l.sku.clone(),
        name: display_name(&l.name, l.variant_name.as_deref()),
        unit: l.unit.clone(),
        counted: qty(l.counted),
        expected: (!blind).then(|| qty(l.expected)),
        variance: (!blind).then(|| qty(l.counted.saturating_sub(l.expected))),
        scans: l.scans,
        first_counted_at: instant(l.first_at),
        last_counted_at: instant(l.last_at),
    }
}

/// The count of this store, or `not_found`.
pub(crate) async fn load(app: &App, who: &Principal, id: Uuid) -> Result<CountRow, AppError> {
    stock_counts::get(&app.db, who.store_id, id)
        .await?
        .ok_or(AppError::NotFound("count"))
}

/// Opens a count.
pub async fn open(app: &App, who: &Principal, input: NewCount) -> Result<CountView, AppError> {
    require_counting(app, who).await?;
    let mut errors = Vec::new();
    let scope = input.scope.as_deref().map_or("location", str::trim);
    if !["location", "category", "items"].contains(&scope) {
        errors.push(FieldError::coded(
            "scope",
            "invalid",
            Value::Null,
            "give location, category or items",
        ));
    }
    let note = super::clean_note(input.note.as_deref(), &mut errors);
    let location_id = match input.location_id {
        Some(l) => l,
        None => {
            store_config(app, who.store_id)
                .await?
                .stock
                .selling_location
        }
    };
    if !stock_setup::location(&app.db, who.store_id, location_id)
        .await?
        .is_some_and(|l| l.active)
    {
        errors.push(FieldError::coded(
            "location_id",
            "unknown",
            Value::Null,
            "no active location of this store has this id",
        ));
    }
    let category_id = match (scope, input.category_id) {
        ("category", None) => {
            errors.push(FieldError::coded(
                "category_id",
                "required",
                Value::Null,
                "a count of a category names it",
            ));
            None
        }
        ("category", Some(c)) => {
            if !category_exists(app, who.store_id, c).await? {
                errors.push(FieldError::coded(
                    "category_id",
                    "unknown",
                    Value::Null,
                    "no category of this store has this id",
                ));
            }
            Some(c)
        }
        (_, Some(_)) => {
            errors.push(FieldError::coded(
                "category_id",
                "not_allowed",
                Value::Null,
                "only a count of scope category takes a category",
            ));
            None
        }
        _ => None,
    };
    let mut items = Vec::new();
    match (scope, input.item_ids.as_deref()) {
        ("items", None | Some([])) => errors.push(FieldError::coded(
            "item_ids",
            "required",
            Value::Null,
            "a count of items lists 1 to 500 of them",
        )),
        ("items", Some(ids)) if ids.len() > MAX_SCOPE_ITEMS => errors.push(FieldError::coded(
            "item_ids",
            "too_many",
            Value::Null,
            "at most 500 items",
        )),
        ("items", Some(ids)) => {
            for (i, id) in ids.iter().enumerate() {
                if items.iter().any(|(seen, _)| seen == id) {
                    errors.push(FieldError::coded(
                        format!("item_ids[{i}]"),
                        "duplicate",
                        Value::Null,
                        "each item once",
                    ));
                    continue;
                }
                match stock_read::item(&app.db, who.store_id, *id).await? {
                    Some((product_id, ..)) => items.push((*id, product_id)),
                    None => errors.push(FieldError::coded(
                        format!("item_ids[{i}]"),
                        "unknown",
                        Value::Null,
                        "no product or variant of this store has this id",
                    )),
                }
            }
        }
        (_, Some(_)) => errors.push(FieldError::coded(
            "item_ids",
            "not_allowed",
            Value::Null,
            "only a count of scope items lists items",
        )),
        _ => {}
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let now = now_us();
    let row = CountRow {
        id: Uuid::now_v7(),
        store_id: who.store_id,
        location_id,
        scope: scope.to_owned(),
        category_id,
        blind: input.blind.unwrap_or(false),
        status: "open".into(),
        note,
        created_by: who.user_id,
        created_at: now,
        updated_at: now,
        closed_by: None,
        closed_at: None,
        uncounted: None,
    };
    let mut tx = app.db.begin().await?;
    stock_counts::insert(&mut tx, &row, &items).await?;
    tx.commit().await?;
    view(app, row).await
}

async fn category_exists(app: &App, store_id: Uuid, id: Uuid) -> Result<bool, AppError> {
    Ok(caisse_store::catalog::list_categories(&app.db, store_id)
        .await?
        .iter()
        .any(|c| c.id == id))
}

/// A count with its lines and the codes that counted nothing.
pub async fn get(app: &App, who: &Principal, id: Uuid) -> Result<CountView, AppError> {
    who.require(Permission::StockRead)?;
    let row = load(app, who, id).await?;
    view(app, row).await
}

async fn view(app: &App, row: CountRow) -> Result<CountView, AppError> {
    let lines = stock_counts::lines(&app.db, &row).await?;
    let unmatched = stock_counts::unmatched(&app.db, row.id).await?;
    let item_ids = if row.scope == "items" {
        stock_counts::scope_items(&app.db, row.id)
            .await?
            .into_iter()
            .map(|(i, _)| i)
            .collect()
    } else {
        Vec::new()
    };
    let location_name = stock_setup::location(&app.db, row.store_id, row.location_id)
        .await?
        .map(|l| l.name)
        .unwrap_or_default();
    Ok(CountView {
        id: row.id,
        location_id: row.location_id,
        location_name,
        scope: row.scope.clone(),
        category_id: row.category_id,
        item_ids,
        blind: row.blind,
        status: row.status.clone(),
        note: row.note.clone(),
        created_by: row.created_by,
        created_at: instant(row.created_at),
        updated_at: instant(row.updated_at),
        closed_by: row.closed_by,
        closed_at: row.closed_at.map(instant),
        uncounted: row.uncounted.clone(),
        lines: lines.iter().map(|l| line_view(l, row.blind)).collect(),
        unmatched: unmatched
            .into_iter()
            .map(|(code, outcome, scans, last)| UnmatchedCodeView {
                code,
                outcome,
                scans,
                last_scanned_at: instant(last),
            })
            .collect(),
    })
}

/// The store's counts, newest first by default.
pub async fn list(app: &App, who: &Principal, q: CountQuery) -> Result<CountPage, AppError> {
    who.require(Permission::StockRead)?;
    let mut errors = Vec::new();
    let paging = Paging::read(
        q.sort.as_deref(),
        q.page,
        q.per_page,
        &["created"],
        "-created",
        &mut errors,
    );
    let status = q.status.as_deref().map(str::trim).filter(|s| !s.is_empty());
    if status.is_some_and(|s| !STATUSES.contains(&s)) {
        errors.push(FieldError::coded(
            "status",
            "not_one_of",
            serde_json::json!({"allowed": STATUSES.join(", ")}),
            "give open, counting, applied or cancelled",
        ));
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let (rows, total) = stock_counts::list(
        &app.db,
        who.store_id,
        status,
        !paging.descending,
        paging.per_page,
        paging.offset(),
    )
    .await?;
    Ok(CountPage {
        items: rows
            .into_iter()
            .map(|c| CountSummaryView {
                id: c.id,
                location_id: c.location_id,
                scope: c.scope,
                blind: c.blind,
                status: c.status,
                note: c.note,
                created_at: instant(c.created_at),
                updated_at: instant(c.updated_at),
                closed_at: c.closed_at.map(instant),
            })
            .collect(),
        page: paging.page,
        per_page: paging.per_page,
        total,
    })
}

/// What a scan resolved to before it is stored.
struct Resolved {
    code: String,
    item: Option<(Uuid, Uuid, String, String, String)>,
    outcome: &'static str,
    quantity: i64,
    set: bool,
    message: Option<String>,
}

/// Counts one scan (or sets a quantity) under the device's key.
pub async fn scan(
    app: &App,
    who: &Principal,
    id: Uuid,
    key: Option<&str>,
    input: CountScanInput,
) -> Result<CountScanView, AppError> {
    require_counting(app, who).await?;
    let key = key.map(str::trim).unwrap_or_default();
    if key.is_empty() || key.len() > 255 {
        return Err(AppError::IdempotencyKeyMissing);
    }
    let count = load(app, who, id).await?;
    if let Some(done) = stock_counts::scan_by_key(&app.db, count.id, key).await? {
        return repeated(app, &count, &input, done).await;
    }
    if !matches!(count.status.as_str(), "open" | "counting") {
        return Err(closed(&count));
    }
    let r = resolve(app, who, &count, &input).await?;
    let now = now_us();
    let row = ScanRow {
        count_id: count.id,
        scan_key: key.to_owned(),
        code: r.code.clone(),
        item_id: r.item.as_ref().map(|i| i.0),
        mode: if r.set { "set" } else { "add" }.into(),
        quantity: r.quantity,
        outcome: r.outcome.into(),
        user_id: who.user_id,
        scanned_at: now,
    };
    let mut tx = app.db.begin().await?;
    if !stock_counts::touch(&mut tx, count.id, now).await? {
        drop(tx);
        let now_row = load(app, who, id).await?;
        return Err(closed(&now_row));
    }
    if !stock_counts::insert_scan(&mut tx, &row).await? {
        // The same key came in on another request meanwhile: answer what it stored.
        drop(tx);
        let done = stock_counts::scan_by_key(&app.db, count.id, key)
            .await?
            .ok_or(AppError::IdempotencyInFlight)?;
        return repeated(app, &count, &input, done).await;
    }
    let mut line = None;
    if let Some((item_id, product_id, sku, name, unit)) = &r.item
        && r.outcome == "counted"
    {
        let (counted, expected, scans) = stock_counts::count_item(
            &mut tx,
            &count,
            *item_id,
            *product_id,
            r.quantity,
            r.set,
            now,
        )
        .await?;
        line = Some(CountLineView {
            item_id: *item_id,
            product_id: *product_id,
            sku: sku.clone(),
            name: name.clone(),
            unit: unit.clone(),
            counted: qty(counted),
            expected: (!count.blind).then(|| qty(expected)),
            variance: (!count.blind).then(|| qty(counted.saturating_sub(expected))),
            scans,
            // The first count's time is on the line; this answer says when this scan was.
            first_counted_at: instant(now),
            last_counted_at: instant(now),
        });
    }
    tx.commit().await?;
    if let Some(l) = line.as_mut()
        && l.scans > 1
        && let Some(stored) = stock_counts::line(&app.db, &count, l.item_id).await?
    {
        l.first_counted_at = instant(stored.first_at);
    }
    Ok(CountScanView {
        outcome: r.outcome.into(),
        code: r.code,
        repeated: false,
        line,
        message: r.message,
    })
}

/// The answer to a scan already stored under its key: the same outcome and the line as it is
/// now; another scan under the same key is refused.
async fn repeated(
    app: &App,
    count: &CountRow,
    input: &CountScanInput,
    done: ScanRow,
) -> Result<CountScanView, AppError> {
    let code = input
        .code
        .as_deref()
        .map(|c| c.trim().to_owned())
        .or_else(|| input.item_id.map(|i| i.to_string()))
        .unwrap_or_default();
    let mode = input.mode.as_deref().unwrap_or("add");
    if code != done.code || mode != done.mode {
        return Err(AppError::IdempotencyMismatch);
    }
    let line = match done.item_id {
        Some(item) if done.outcome == "counted" => stock_counts::line(&app.db, count, item)
            .await?
            .map(|l| line_view(&l, count.blind)),
        _ => None,
    };
    Ok(CountScanView {
        outcome: done.outcome,
        code: done.code,
        repeated: true,
        line,
        message: None,
    })
}

async fn resolve(
    app: &App,
    who: &Principal,
    count: &CountRow,
    input: &CountScanInput,
) -> Result<Resolved, AppError> {
    let mut errors = Vec::new();
    let set = match input.mode.as_deref().map(str::trim) {
        None | Some("add") => false,
        Some("set") => true,
        Some(_) => {
            errors.push(FieldError::coded(
                "mode",
                "invalid",
                Value::Null,
                "give add or set",
            ));
            false
        }
    };
    let given = match input.quantity.as_deref() {
        Some(text) => parse_qty("quantity", text, &mut errors),
        None => None,
    };
    if let Some(q) = given
        && (q < 0 || (q == 0 && !set) || q > MAX_SCAN_QTY)
    {
        errors.push(FieldError::coded(
            "quantity",
            "out_of_range",
            Value::Null,
            "more than 0 (0 or more to set), at most 1,000,000",
        ));
    }
    if set && given.is_none() {
        errors.push(FieldError::coded(
            "quantity",
            "required",
            Value::Null,
            "setting a quantity needs it",
        ));
    }
    let code = input.code.as_deref().map(str::trim);
    match (code, input.item_id) {
        (Some(c), None) if !c.is_empty() && c.chars().count() <= 100 => {}
        (Some(_), None) => errors.push(FieldError::coded(
            "code",
            "invalid",
            Value::Null,
            "1 to 100 characters",
        )),
        (None, Some(_)) => {}
        _ => errors.push(FieldError::coded(
            "code",
            "required",
            Value::Null,
            "give a code or an item_id (not both)",
        )),
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let (code, item, label_qty) = match (code, input.item_id) {
        (Some(c), _) => match crate::catalog::lookup::lookup(app, who, c) {
            Ok(found) => {
                let label = found
                    .scan
                    .quantity
                    .as_deref()
                    .and_then(|q| q.parse::<Quantity>().ok())
                    .map(Quantity::milli);
                let i = found.item;
                (
                    c.to_owned(),
                    Some((i.item_id, i.product_id, i.sku, i.name, i.unit)),
                    label,
                )
            }
            Err(AppError::UnknownCode(_)) => {
                return Ok(unmatched(c, "unknown", set, given, "no item has this code"));
            }
            Err(AppError::InvalidCode { message, .. }) => {
                return Ok(unmatched(c, "invalid", set, given, &message));
            }
            Err(e) => return Err(e),
        },
        (None, Some(item_id)) => match stock_read::item(&app.db, who.store_id, item_id).await? {
            Some((product_id, sku, name, variant, unit, _)) => (
                item_id.to_string(),
                Some((
                    item_id,
                    product_id,
                    sku,
                    display_name(&name, variant.as_deref()),
                    unit,
                )),
                None,
            ),
            None => {
                return Err(AppError::field_code(
                    "item_id",
                    "unknown",
                    Value::Null,
                    "no product or variant of this store has this id",
                ));
            }
        },
        (None, None) => return Err(AppError::Internal("checked above".into())),
    };
    let quantity = given.or(label_qty).unwrap_or(1000);
    if let Some((item_id, product_id, ..)) = &item
        && !stock_counts::in_scope(&app.db, count, *item_id, *product_id).await?
    {
        return Ok(Resolved {
            code,
            item,
            outcome: "out_of_scope",
            quantity,
            set,
            message: Some("this item is not part of this count".into()),
        });
    }
    Ok(Resolved {
        code,
        item,
        outcome: "counted",
        quantity,
        set,
        message: None,
    })
}

fn unmatched(code: &str, outcome: &'static str, set: bool, q: Option<i64>, why: &str) -> Resolved {
    Resolved {
        code: code.to_owned(),
        item: None,
        outcome,
        quantity: q.unwrap_or(1000),
        set,
        message: Some(why.to_owned()),
    }
}

/// Cancels a count that was not applied (managers): nothing moves; its scans stay.
pub async fn cancel(app: &App, who: &Principal, id: Uuid) -> Result<CountView, AppError> {
    who.require(Permission::StockManage)?;
    let count = load(app, who, id).await?;
    let mut tx = app.db.begin().await?;
    if !stock_counts::close(&mut tx, count.id, "cancelled", who.user_id, None, now_us()).await? {
        drop(tx);
        let now_row = load(app, who, id).await?;
        return Err(AppError::state(
            ErrorCode::CountClosed,
            format!("this count is {} already", now_row.status),
        ));
    }
    tx.commit().await?;
    let row = load(app, who, id).await?;
    view(app, row).await
}
