//! What completed returns already took from an original sale: goods per line and money per
//! tender. The limits of a new return are the original minus these.

use uuid::Uuid;

use crate::{Db, StoreError, on_pool};

/// One line of an original sale as returned so far by completed returns.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ReturnedLine {
    /// The original sale's line.
    pub original_line_no: i32,
    /// Returned quantity, thousandths (negative, as on the return lines).
    pub quantity: i64,
    /// Refunded amount after discounts, in the store's price mode (negative).
    pub amount: i64,
}

/// Quantities and amounts returned per original line by the completed returns of a sale.
pub async fn returned_lines(
    db: &Db,
    store_id: Uuid,
    original_sale_id: Uuid,
) -> Result<Vec<ReturnedLine>, StoreError> {
    const SQL: &str = "SELECT l.original_line_no, CAST(SUM(l.quantity) AS BIGINT) AS quantity, \
        CAST(SUM(l.amount) AS BIGINT) AS amount FROM sale_lines l JOIN sales s ON s.id = l.sale_id \
        WHERE s.store_id = $1 AND s.original_sale_id = $2 AND s.kind = 'return' AND s.status = 'completed' \
        AND NOT l.voided AND l.original_line_no IS NOT NULL GROUP BY l.original_line_no";
    Ok(
        on_pool!(db, p => sqlx::query_as(SQL).bind(store_id).bind(original_sale_id).fetch_all(p).await)?,
    )
}

/// Money refunded per tender kind (negative sums, net of change) by the completed returns of
/// a sale.
pub async fn refunded_by_tender(
    db: &Db,
    store_id: Uuid,
    original_sale_id: Uuid,
) -> Result<Vec<(String, i64)>, StoreError> {
    const SQL: &str = "SELECT p.kind, CAST(SUM(p.amount) AS BIGINT) FROM payments p JOIN sales s ON s.id = p.sale_id \
        WHERE s.store_id = $1 AND s.original_sale_id = $2 AND s.kind = 'return' AND s.status = 'completed' \
        GROUP BY p.kind";
    Ok(
        on_pool!(db, p => sqlx::query_as(SQL).bind(store_id).bind(original_sale_id).fetch_all(p).await)?,
    )
}
