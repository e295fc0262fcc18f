//! Reading stock for people and programs: levels with filters, one item per location, and an
//! item's movements a page at a time.

use uuid::Uuid;

use crate::stock::MovementRow;
use crate::{Db, StoreError, on_pool};

/// The order of a stock list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StockSort {
    /// By product name (then variant name).
    #[default]
    Name,
    /// By SKU.
    Sku,
    /// By quantity on hand.
    OnHand,
}

/// Which levels a stock list shows.
#[derive(Debug, Clone, Default)]
pub struct StockFilter {
    /// Only this location (levels there); None: the store's totals.
    pub location_id: Option<Uuid>,
    /// Only products of this category.
    pub category_id: Option<Uuid>,
    /// Only items this supplier supplies.
    pub supplier_id: Option<Uuid>,
    /// Only items at or below their reorder point.
    pub below_reorder_point: bool,
    /// Only items below zero.
    pub negative: bool,
    /// Words that must all appear in the product's name, brand, SKU or barcodes.
    pub query: Option<String>,
    /// The order.
    pub sort: StockSort,
    /// Descending.
    pub descending: bool,
    /// Rows to skip.
    pub offset: i64,
    /// Rows to return.
    pub limit: i64,
}

/// One line of a stock list.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct StockLine {
    /// The product or variant.
    pub item_id: Uuid,
    /// Its product.
    pub product_id: Uuid,
    /// The item's SKU (the variant's when it is one).
    pub sku: String,
    /// The product's name.
    pub name: String,
    /// The variant's name, when the item is a variant.
    pub variant_name: Option<String>,
    /// The product's unit (`each`, `kg`…).
    pub unit: String,
    /// The product's category.
    pub category_id: Option<Uuid>,
    /// On hand (at the location, or in the store), thousandths.
    pub on_hand: i64,
    /// The item's reorder point, thousandths.
    pub reorder_point: Option<i64>,
    /// The item's order-up-to level, thousandths.
    pub order_up_to: Option<i64>,
    /// Last movement, µs.
    pub updated_at: i64,
}

const LINE_COLS: &str = "s.item_id, s.product_id, COALESCE(v.sku, p.sku) AS sku, p.name, v.name AS variant_name, p.unit, p.category_id, s.on_hand, i.reorder_point, i.order_up_to, s.updated_at";

fn words(query: Option<&str>) -> Vec<String> {
    query
        .map(caisse_core::search::normalize)
        .unwrap_or_default()
        .split_whitespace()
        .map(|w| format!("%{}%", w.replace(['%', '_'], "")))
        .collect()
}

fn push_from<DB>(qb: &mut sqlx::QueryBuilder<DB>, store_id: Uuid, f: &StockFilter, words: &[String])
where
    DB: sqlx::Database,
    Uuid: for<'q> sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    String: for<'q> sqlx::Encode<'q, DB> + sqlx::Type<DB>,
{
    match f.location_id {
        Some(location) => {
            qb.push(" FROM stock_levels s LEFT JOIN stock_items i ON i.store_id = s.store_id AND i.item_id = s.item_id");
            qb.push(
                " JOIN products p ON p.id = s.product_id LEFT JOIN variants v ON v.id = s.item_id",
            );
            qb.push(" WHERE s.store_id = ");
            qb.push_bind(store_id);
            qb.push(" AND s.location_id = ");
            qb.push_bind(location);
        }
        None => {
            qb.push(" FROM stock_items s JOIN stock_items i ON i.store_id = s.store_id AND i.item_id = s.item_id");
            qb.push(
                " JOIN products p ON p.id = s.product_id LEFT JOIN variants v ON v.id = s.item_id",
            );
            qb.push(" WHERE s.store_id = ");
            qb.push_bind(store_id);
        }
    }
    if let Some(c) = f.category_id {
        qb.push(" AND p.category_id = ");
        qb.push_bind(c);
    }
    if let Some(supplier) = f.supplier_id {
        qb.push(" AND EXISTS (SELECT 1 FROM supplier_items si WHERE si.supplier_id = ");
        qb.push_bind(supplier);
        qb.push(" AND si.item_id = s.item_id)");
    }
    if f.below_reorder_point {
        qb.push(" AND i.reorder_point IS NOT NULL AND s.on_hand <= i.reorder_point");
    }
    if f.negative {
        qb.push(" AND s.on_hand < 0");
    }
    for w in words {
        qb.push(" AND p.search_text LIKE ");
        qb.push_bind(w.clone());
    }
}

/// A page of stock lines and how many match in all.
pub async fn list(
    db: &Db,
    store_id: Uuid,
    f: &StockFilter,
) -> Result<(Vec<StockLine>, i64), StoreError> {
    let words = words(f.query.as_deref());
    let order = match (f.sort, f.descending) {
        (StockSort::Name, false) => " ORDER BY p.name, v.name, s.item_id",
        (StockSort::Name, true) => " ORDER BY p.name DESC, v.name DESC, s.item_id DESC",
        (StockSort::Sku, false) => " ORDER BY COALESCE(v.sku, p.sku), s.item_id",
        (StockSort::Sku, true) => " ORDER BY COALESCE(v.sku, p.sku) DESC, s.item_id DESC",
        (StockSort::OnHand, false) => " ORDER BY s.on_hand, s.item_id",
        (StockSort::OnHand, true) => " ORDER BY s.on_hand DESC, s.item_id DESC",
    };
    Ok(on_pool!(db, pool => {
        let mut qb = sqlx::QueryBuilder::new("SELECT COUNT(*)");
        push_from(&mut qb, store_id, f, &words);
        let (total,): (i64,) = qb.build_query_as().fetch_one(pool).await?;
        let mut qb = sqlx::QueryBuilder::new(format!("SELECT {LINE_COLS}"));
        push_from(&mut qb, store_id, f, &words);
        qb.push(order);
        qb.push(" LIMIT ");
        qb.push_bind(f.limit);
        qb.push(" OFFSET ");
        qb.push_bind(f.offset);
        let rows: Vec<StockLine> = qb.build_query_as().fetch_all(pool).await?;
        (rows, total)
    }))
}

/// What an item is, from the catalog: (product id, SKU, name, variant name, unit, cost), or
/// None when the store has no such product or variant.
pub type ItemInfo = (Uuid, String, String, Option<String>, String, Option<i64>);

/// Finds a product or variant of the store by id.
pub async fn item(db: &Db, store_id: Uuid, item_id: Uuid) -> Result<Option<ItemInfo>, StoreError> {
    const SQL: &str = "SELECT p.id, p.sku, p.name, NULL AS variant_name, p.unit, p.cost FROM products p WHERE p.store_id = $1 AND p.id = $2 \
         UNION ALL SELECT p.id, v.sku, p.name, v.name, p.unit, p.cost FROM variants v JOIN products p ON p.id = v.product_id WHERE v.store_id = $1 AND v.id = $2";
    Ok(on_pool!(db, p => sqlx::query_as(SQL).bind(store_id).bind(item_id).fetch_optional(p).await)?)
}

/// An item's level at each location where it ever moved: (location id, on hand, updated at).
pub async fn item_levels(
    db: &Db,
    store_id: Uuid,
    item_id: Uuid,
) -> Result<Vec<(Uuid, i64, i64)>, StoreError> {
    const SQL: &str = "SELECT location_id, on_hand, updated_at FROM stock_levels WHERE store_id = $1 AND item_id = $2 ORDER BY location_id";
    Ok(on_pool!(db, p => sqlx::query_as(SQL).bind(store_id).bind(item_id).fetch_all(p).await)?)
}

/// An item's store total, reorder point and order-up-to level, if it has a row.
pub async fn item_total(
    db: &Db,
    store_id: Uuid,
    item_id: Uuid,
) -> Result<Option<(i64, Option<i64>, Option<i64>)>, StoreError> {
    const SQL: &str = "SELECT on_hand, reorder_point, order_up_to FROM stock_items WHERE store_id = $1 AND item_id = $2";
    Ok(on_pool!(db, p => sqlx::query_as(SQL).bind(store_id).bind(item_id).fetch_optional(p).await)?)
}

/// An item's movements, newest first, before the keyset cursor `(occurred_at, id)` if any.
pub async fn movements(
    db: &Db,
    store_id: Uuid,
    item_id: Uuid,
    before: Option<(i64, Uuid)>,
    limit: i64,
) -> Result<Vec<MovementRow>, StoreError> {
    const SQL: &str = "SELECT id, store_id, location_id, item_id, product_id, kind, reason, quantity, unit_cost, document_id, line_no, user_id, occurred_at \
         FROM stock_movements WHERE store_id = $1 AND item_id = $2 AND (occurred_at < $3 OR (occurred_at = $3 AND id < $4)) \
         ORDER BY occurred_at DESC, id DESC LIMIT $5";
    let (at, id) = before.unwrap_or((i64::MAX, Uuid::max()));
    Ok(
        on_pool!(db, p => sqlx::query_as(SQL).bind(store_id).bind(item_id).bind(at).bind(id).bind(limit).fetch_all(p).await)?,
    )
}

/// The levels of a store changed at or after `since_us` (µs): (location id, item id, on hand,
/// updated at), oldest change first, at most `limit`.
///
/// Found through the movements, not an index on the levels' time: movement ids are UUID v7
/// (their first 48 bits are the Unix time in ms, and both backends order ids bytewise), so the
/// movements of the last moments are a range of the movements' primary key. An index on
/// `stock_levels (store_id, updated_at)` did the same but cost every sold item one more B-tree
/// write at completion. The id range starts [`ID_MARGIN_US`] early, since an id is taken a
/// little before or after its movement's time.
pub async fn changed_since(
    db: &Db,
    store_id: Uuid,
    since_us: i64,
    limit: i64,
) -> Result<Vec<(Uuid, Uuid, i64, i64)>, StoreError> {
    const SQL: &str = "SELECT l.location_id, l.item_id, l.on_hand, l.updated_at \
         FROM (SELECT DISTINCT location_id, item_id FROM stock_movements WHERE id >= $2 AND store_id = $1) m \
         JOIN stock_levels l ON l.store_id = $1 AND l.location_id = m.location_id AND l.item_id = m.item_id \
         WHERE l.updated_at >= $3 ORDER BY l.updated_at, l.location_id, l.item_id LIMIT $4";
    let from = v7_floor(since_us.saturating_sub(ID_MARGIN_US));
    Ok(
        on_pool!(db, p => sqlx::query_as(SQL).bind(store_id).bind(from).bind(since_us).bind(limit).fetch_all(p).await)?,
    )
}

/// How much earlier than the asked time the movements' id range starts, µs.
pub const ID_MARGIN_US: i64 = 2_000_000;

/// The smallest UUID v7 of the millisecond holding `us` (0 before 1970): every id made at or
/// after that instant sorts at or after it.
pub fn v7_floor(us: i64) -> Uuid {
    let ms = u64::try_from(us.max(0) / 1000).unwrap_or(0);
    let mut bytes = [0u8; 16];
    bytes[..6].copy_from_slice(&ms.to_be_bytes()[2..]);
    Uuid::from_bytes(bytes)
}

/// The product or variant of the store with this SKU, if any.
pub async fn item_by_sku(db: &Db, store_id: Uuid, sku: &str) -> Result<Option<Uuid>, StoreError> {
    const SQL: &str = "SELECT id FROM products WHERE store_id = $1 AND sku = $2 \
         UNION ALL SELECT id FROM variants WHERE store_id = $1 AND sku = $2";
    let row: Option<(Uuid,)> =
        on_pool!(db, p => sqlx::query_as(SQL).bind(store_id).bind(sku).fetch_optional(p).await)?;
    Ok(row.map(|(id,)| id))
}

#[cfg(test)]
mod tests {
    use super::v7_floor;
    use uuid::Uuid;

    #[test]
    fn an_id_made_after_an_instant_sorts_at_or_after_its_floor_and_before_a_later_one() {
        let before = i64::try_from(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .expect("after 1970")
                .as_micros(),
        )
        .expect("fits");
        let id = Uuid::now_v7();
        assert!(v7_floor(before) <= id);
        let later = before + 5_000;
        assert!(v7_floor(later) > id, "{id} made before {later}");
        // Bytewise: the first six bytes are the milliseconds, big-endian.
        assert_eq!(
            v7_floor(1_700_000_000_123_999).as_bytes()[..6],
            1_700_000_000_123u64.to_be_bytes()[2..]
        );
        assert_eq!(v7_floor(-5), Uuid::nil());
    }
}
