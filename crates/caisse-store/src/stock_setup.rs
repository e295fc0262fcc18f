//! Around the ledger: stock locations, a store's stock policy, reorder points, stock documents
//! (adjustments) and low-stock alerts.

use uuid::Uuid;

use crate::{Db, StoreError, Tx, on_pool, on_tx};

/// A place where a store keeps stock (sales floor, backroom, warehouse).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct LocationRow {
    /// Location id.
    pub id: Uuid,
    /// The store.
    pub store_id: Uuid,
    /// Short code, unique in the store (`floor`, `back`).
    pub code: String,
    /// Name shown to people.
    pub name: String,
    /// Whether stock may still move there.
    pub active: bool,
    /// When it was made, µs.
    pub created_at: i64,
}

const LOCATION_COLS: &str = "id, store_id, code, name, active, created_at";

/// Adds a location.
pub async fn insert_location(tx: &mut Tx, l: &LocationRow) -> Result<(), StoreError> {
    const SQL: &str = "INSERT INTO stock_locations (id, store_id, code, name, active, created_at) VALUES ($1, $2, $3, $4, $5, $6)";
    on_tx!(tx, c => sqlx::query(SQL).bind(l.id).bind(l.store_id).bind(&l.code).bind(&l.name)
        .bind(l.active).bind(l.created_at).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Gives a new store its first location (the sales floor) and makes it where it sells.
pub async fn insert_default_location(
    tx: &mut Tx,
    store_id: Uuid,
    now_us: i64,
) -> Result<Uuid, StoreError> {
    const SET: &str = "UPDATE stores SET selling_location_id = $2 WHERE id = $1";
    let id = Uuid::now_v7();
    insert_location(
        tx,
        &LocationRow {
            id,
            store_id,
            code: "floor".into(),
            name: "Sales floor".into(),
            active: true,
            created_at: now_us,
        },
    )
    .await?;
    on_tx!(tx, c => sqlx::query(SET).bind(store_id).bind(id).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(id)
}

/// Renames a location of the store; the rows changed (0 when it is not the store's).
pub async fn rename_location(
    tx: &mut Tx,
    store_id: Uuid,
    id: Uuid,
    name: &str,
) -> Result<u64, StoreError> {
    const SQL: &str = "UPDATE stock_locations SET name = $3 WHERE store_id = $1 AND id = $2";
    Ok(
        on_tx!(tx, c => sqlx::query(SQL).bind(store_id).bind(id).bind(name).execute(c).await.map(|r| r.rows_affected()))?,
    )
}

/// A store's locations, by code.
pub async fn locations(db: &Db, store_id: Uuid) -> Result<Vec<LocationRow>, StoreError> {
    let sql = format!(
        "SELECT {LOCATION_COLS} FROM stock_locations WHERE store_id = $1 ORDER BY code, id"
    );
    Ok(
        on_pool!(db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str())).bind(store_id).fetch_all(p).await)?,
    )
}

/// One location of the store.
pub async fn location(
    db: &Db,
    store_id: Uuid,
    id: Uuid,
) -> Result<Option<LocationRow>, StoreError> {
    let sql =
        format!("SELECT {LOCATION_COLS} FROM stock_locations WHERE store_id = $1 AND id = $2");
    Ok(
        on_pool!(db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str())).bind(store_id).bind(id).fetch_optional(p).await)?,
    )
}

/// A store's stock policy.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct StockPolicyRow {
    /// Where sales and returns move stock.
    pub selling_location_id: Option<Uuid>,
    /// `allow` or `refuse`.
    pub negative_stock: String,
    /// Whether cashiers may count stock (applying a count stays a manager's action).
    pub cashiers_may_count: bool,
}

/// Reads a store's stock policy.
pub async fn policy(db: &Db, store_id: Uuid) -> Result<StockPolicyRow, StoreError> {
    const SQL: &str =
        "SELECT selling_location_id, negative_stock, cashiers_may_count FROM stores WHERE id = $1";
    Ok(on_pool!(db, p => sqlx::query_as(SQL).bind(store_id).fetch_one(p).await)?)
}

/// Changes a store's stock policy (the caller bumps the store's version in the same
/// transaction, so every server's cached settings follow).
pub async fn set_policy(tx: &mut Tx, store_id: Uuid, p: &StockPolicyRow) -> Result<(), StoreError> {
    const SQL: &str = "UPDATE stores SET selling_location_id = $2, negative_stock = $3, cashiers_may_count = $4 WHERE id = $1";
    let n = on_tx!(tx, c => sqlx::query(SQL).bind(store_id).bind(p.selling_location_id)
        .bind(&p.negative_stock).bind(p.cashiers_may_count).execute(c).await.map(|r| r.rows_affected()))?;
    if n == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// Sets an item's reorder point and order-up-to level (thousandths; None clears). The item
/// row is made when it has none yet (nothing on hand).
pub async fn set_reorder(
    tx: &mut Tx,
    store_id: Uuid,
    item_id: Uuid,
    product_id: Uuid,
    reorder_point: Option<i64>,
    order_up_to: Option<i64>,
    now_us: i64,
) -> Result<(), StoreError> {
    const SQL: &str = "INSERT INTO stock_items (store_id, item_id, product_id, on_hand, reorder_point, order_up_to, updated_at) \
         VALUES ($1, $2, $3, 0, $4, $5, $6) \
         ON CONFLICT (store_id, item_id) DO UPDATE SET reorder_point = excluded.reorder_point, order_up_to = excluded.order_up_to";
    on_tx!(tx, c => sqlx::query(SQL).bind(store_id).bind(item_id).bind(product_id)
        .bind(reorder_point).bind(order_up_to).bind(now_us)
        .execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// A stock document's header (an adjustment today); its lines are its movements.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct StockDocumentRow {
    /// Document id.
    pub id: Uuid,
    /// The store.
    pub store_id: Uuid,
    /// `adjustment`.
    pub kind: String,
    /// The location it moves.
    pub location_id: Uuid,
    /// The reason its lines share.
    pub reason: Option<String>,
    /// A free note.
    pub note: Option<String>,
    /// Who made it.
    pub user_id: Option<Uuid>,
    /// When, µs.
    pub created_at: i64,
}

/// Stores a stock document's header.
pub async fn insert_document(tx: &mut Tx, d: &StockDocumentRow) -> Result<(), StoreError> {
    const SQL: &str = "INSERT INTO stock_documents (id, store_id, kind, location_id, reason, note, user_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
    on_tx!(tx, c => sqlx::query(SQL).bind(d.id).bind(d.store_id).bind(&d.kind).bind(d.location_id)
        .bind(&d.reason).bind(&d.note).bind(d.user_id).bind(d.created_at)
        .execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// A low-stock alert.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct AlertRow {
    /// Alert id.
    pub id: Uuid,
    /// The store.
    pub store_id: Uuid,
    /// The item.
    pub item_id: Uuid,
    /// Its product.
    pub product_id: Uuid,
    /// The store's total on hand once it crossed, thousandths.
    pub on_hand: i64,
    /// The reorder point it crossed.
    pub reorder_point: i64,
    /// The document whose movement crossed it.
    pub document_id: Option<Uuid>,
    /// When, µs.
    pub raised_at: i64,
    /// When a manager acknowledged it.
    pub acknowledged_at: Option<i64>,
    /// Who did.
    pub acknowledged_by: Option<Uuid>,
}

/// Stores alerts (in the transaction of the movements that raised them).
pub async fn insert_alerts(tx: &mut Tx, alerts: &[AlertRow]) -> Result<(), StoreError> {
    const HEAD: &str = "INSERT INTO stock_alerts (id, store_id, item_id, product_id, on_hand, reorder_point, document_id, raised_at, acknowledged_at, acknowledged_by) ";
    for chunk in alerts.chunks(500) {
        on_tx!(tx, c => {
            let mut qb = sqlx::QueryBuilder::new(HEAD);
            qb.push_values(chunk, |mut b, a| {
                b.push_bind(a.id).push_bind(a.store_id).push_bind(a.item_id).push_bind(a.product_id)
                    .push_bind(a.on_hand).push_bind(a.reorder_point).push_bind(a.document_id)
                    .push_bind(a.raised_at).push_bind(a.acknowledged_at).push_bind(a.acknowledged_by);
            });
            qb.build().execute(c).await.map(|r| r.rows_affected())
        })?;
    }
    Ok(())
}

const ALERT_COLS: &str = "id, store_id, item_id, product_id, on_hand, reorder_point, document_id, raised_at, acknowledged_at, acknowledged_by";

/// A store's alerts, newest first, after the keyset cursor `(raised_at, id)` if any;
/// `open_only` leaves out acknowledged ones.
pub async fn alerts(
    db: &Db,
    store_id: Uuid,
    open_only: bool,
    after: Option<(i64, Uuid)>,
    limit: i64,
) -> Result<Vec<AlertRow>, StoreError> {
    let open = if open_only {
        " AND acknowledged_at IS NULL"
    } else {
        ""
    };
    let (at, id) = after.unwrap_or((i64::MAX, Uuid::max()));
    let sql = format!(
        "SELECT {ALERT_COLS} FROM stock_alerts WHERE store_id = $1{open} \
         AND (raised_at < $2 OR (raised_at = $2 AND id < $3)) ORDER BY raised_at DESC, id DESC LIMIT $4"
    );
    Ok(
        on_pool!(db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str())).bind(store_id).bind(at).bind(id).bind(limit).fetch_all(p).await)?,
    )
}

/// Acknowledges an alert; false when the store has no such alert. Acknowledging twice keeps
/// the first acknowledgement.
pub async fn acknowledge(
    tx: &mut Tx,
    store_id: Uuid,
    id: Uuid,
    user: Uuid,
    now_us: i64,
) -> Result<Option<AlertRow>, StoreError> {
    const SQL: &str = "UPDATE stock_alerts SET acknowledged_at = COALESCE(acknowledged_at, $3), acknowledged_by = COALESCE(acknowledged_by, $4) WHERE store_id = $1 AND id = $2";
    let n = on_tx!(tx, c => sqlx::query(SQL).bind(store_id).bind(id).bind(now_us).bind(user)
        .execute(c).await.map(|r| r.rows_affected()))?;
    if n == 0 {
        return Ok(None);
    }
    let sql = format!("SELECT {ALERT_COLS} FROM stock_alerts WHERE store_id = $1 AND id = $2");
    Ok(
        on_tx!(tx, c => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str())).bind(store_id).bind(id).fetch_optional(c).await)?,
    )
}
