//! Popularity for search ranking: units of each item sold by a store's completed sales since a
//! given instant, read in one grouped query (returns and cancelled sales do not count).

use uuid::Uuid;

use crate::{Db, StoreError, on_pool};

/// Units per line: a counted item's quantity in whole units (at least one), and one for
/// anything weighed or measured, so that a kilo of apples counts as one purchase. The same
/// rule as the app's count of a sale just completed.
const SQL: &str = "SELECT l.item_id, \
    CAST(SUM(CASE WHEN l.unit = 'each' AND l.quantity >= 1000 THEN l.quantity / 1000 ELSE 1 END) AS BIGINT) \
    FROM sales s JOIN sale_lines l ON l.sale_id = s.id \
    WHERE s.store_id = $1 AND s.completed_at >= $2 AND s.status = 'completed' AND s.kind = 'sale' \
    AND l.item_id IS NOT NULL AND NOT l.voided AND l.quantity > 0 \
    GROUP BY l.item_id";

/// Units of each item sold by the store's completed sales since `since_us` (UTC µs).
pub async fn units_sold_since(
    db: &Db,
    store_id: Uuid,
    since_us: i64,
) -> Result<Vec<(Uuid, i64)>, StoreError> {
    Ok(on_pool!(db, p => sqlx::query_as(SQL)
        .bind(store_id)
        .bind(since_us)
        .fetch_all(p)
        .await)?)
}
