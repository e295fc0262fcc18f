//! Sales history: completed sales and returns of a store, newest first, filtered and read a
//! page at a time; the returns of a sale; the journal entries of a document.
//!
//! Every page is a keyset read on `(completed_at, id)` through one of the 0009 indexes: the
//! one that starts with the most selective filter given (a receipt number, a register, a
//! cashier, else the store). The period arrives both as business dates (exact) and as a
//! window of instants that surely holds them (what the index can range over).

use uuid::Uuid;

use crate::journal::JournalRow;
use crate::{Db, StoreError, on_pool};

/// What a history page asks for. `None` means no filter.
#[derive(Debug, Clone, Default)]
pub struct HistoryFilter {
    /// The store (always).
    pub store_id: Uuid,
    /// Business dates, inclusive (`YYYY-MM-DD`).
    pub from_date: Option<String>,
    /// Business dates, inclusive (`YYYY-MM-DD`).
    pub to_date: Option<String>,
    /// Instants (µs) every sale of the period falls within, inclusive: the index's range.
    pub from_us: i64,
    /// See `from_us`.
    pub to_us: i64,
    /// Only this register.
    pub register_id: Option<Uuid>,
    /// Only this cashier.
    pub cashier_id: Option<Uuid>,
    /// Only this receipt number.
    pub receipt_number: Option<String>,
    /// `sale` or `return`.
    pub kind: Option<String>,
    /// The total, whatever its sign, at least this (minor units).
    pub min_total: i64,
    /// The total, whatever its sign, at most this (minor units).
    pub max_total: i64,
    /// Paid (or refunded) at least partly with this tender kind.
    pub tender: Option<String>,
    /// Start after this `(completed_at, id)`: the last row of the previous page.
    pub after: Option<(i64, Uuid)>,
    /// Rows to return.
    pub limit: i64,
}

/// A sale in the history list, with its register and cashier as people read them.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct HistoryRow {
    pub id: Uuid,
    pub register_id: Uuid,
    pub register_code: String,
    pub register_name: String,
    pub receipt_number: String,
    pub kind: String,
    pub original_sale_id: Option<Uuid>,
    pub cashier_id: Uuid,
    pub cashier_name: String,
    pub currency: String,
    pub total: i64,
    pub business_date: String,
    pub completed_at: i64,
}

const SELECT: &str = "SELECT s.id, s.register_id, r.code AS register_code, r.name AS register_name, \
    s.receipt_number, s.kind, s.original_sale_id, s.cashier_id, u.display_name AS cashier_name, \
    s.currency, s.total, s.business_date, s.completed_at \
    FROM sales s JOIN registers r ON r.id = s.register_id JOIN users u ON u.id = s.cashier_id WHERE ";

/// The filters every variant shares, from `$3` on (`$1` store, `$2` the leading filter).
const REST: &str = "s.status = 'completed' AND s.completed_at >= $3 AND (s.completed_at, s.id) < ($4, $5) \
    AND ($6 IS NULL OR s.business_date >= $6) AND ($7 IS NULL OR s.business_date <= $7) \
    AND ($8 IS NULL OR s.kind = $8) AND ABS(s.total) >= $9 AND ABS(s.total) <= $10 \
    AND ($11 IS NULL OR EXISTS (SELECT 1 FROM payments p WHERE p.sale_id = s.id AND p.kind = $11 AND p.reverses IS NULL)) \
    ORDER BY s.completed_at DESC, s.id DESC LIMIT $12";

/// One page of the history, newest first.
pub async fn list(db: &Db, f: &HistoryFilter) -> Result<Vec<HistoryRow>, StoreError> {
    let (sql, key) = list_sql(f);
    list_with(db, f, &sql, &key).await
}

/// The statement for a filter and the value of its leading condition.
fn list_sql(f: &HistoryFilter) -> (String, Lead) {
    // The leading condition picks the index; `$2` is its value (the store again when there is
    // none, so every variant binds the same parameters).
    let (lead, key): (&str, Lead) = if let Some(r) = &f.receipt_number {
        (
            "s.store_id = $1 AND s.receipt_number = $2 AND ",
            Lead::Text(r.clone()),
        )
    } else if let Some(id) = f.register_id {
        ("s.register_id = $2 AND s.store_id = $1 AND ", Lead::Id(id))
    } else if let Some(id) = f.cashier_id {
        ("s.cashier_id = $2 AND s.store_id = $1 AND ", Lead::Id(id))
    } else {
        (
            "s.store_id = $1 AND s.store_id = $2 AND ",
            Lead::Id(f.store_id),
        )
    };
    // The register and cashier filters (again when one of them leads: same answer).
    let extra = "($13 IS NULL OR s.register_id = $13) AND ($14 IS NULL OR s.cashier_id = $14) AND ";
    (format!("{SELECT}{lead}{extra}{REST}"), key)
}

/// Runs `sql` (from [`list_sql`], or its query plan) with the filter's values bound.
async fn list_with<R>(
    db: &Db,
    f: &HistoryFilter,
    sql: &str,
    key: &Lead,
) -> Result<Vec<R>, StoreError>
where
    R: Send
        + Unpin
        + for<'r> sqlx::FromRow<'r, sqlx::sqlite::SqliteRow>
        + for<'r> sqlx::FromRow<'r, sqlx::postgres::PgRow>,
{
    let (after_at, after_id) = f.after.unwrap_or((i64::MAX, Uuid::max()));
    let before_at = after_at.min(f.to_us.saturating_add(1));
    let before_id = if before_at == after_at {
        after_id
    } else {
        Uuid::max()
    };
    let rows = on_pool!(db, p => {
        let q = sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(f.store_id);
        let q = match key {
            Lead::Text(t) => q.bind(t.clone()),
            Lead::Id(id) => q.bind(*id),
        };
        q.bind(f.from_us)
            .bind(before_at)
            .bind(before_id)
            .bind(f.from_date.clone())
            .bind(f.to_date.clone())
            .bind(f.kind.clone())
            .bind(f.min_total)
            .bind(f.max_total)
            .bind(f.tender.clone())
            .bind(f.limit)
            .bind(f.register_id)
            .bind(f.cashier_id)
            .fetch_all(p)
            .await
    })?;
    Ok(rows)
}

enum Lead {
    Text(String),
    Id(Uuid),
}

/// The completed returns of a sale, oldest first.
pub async fn returns_of(
    db: &Db,
    store_id: Uuid,
    sale_id: Uuid,
) -> Result<Vec<HistoryRow>, StoreError> {
    const WHERE: &str = "s.store_id = $1 AND s.original_sale_id = $2 AND s.kind = 'return' \
        AND s.status = 'completed' ORDER BY s.completed_at, s.id";
    let sql = format!("{SELECT}{WHERE}");
    Ok(
        on_pool!(db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
        .bind(store_id)
        .bind(sale_id)
        .fetch_all(p)
        .await)?,
    )
}

/// The journal entries about a document (its own event, then reprints of its receipt), in
/// chain order.
pub async fn journal_of(
    db: &Db,
    store_id: Uuid,
    sale_id: Uuid,
) -> Result<Vec<JournalRow>, StoreError> {
    const SQL: &str = "SELECT register_id, seq, store_id, kind, document_id, occurred_at, payload, prev_hash, hash \
        FROM journal WHERE document_id = $1 AND store_id = $2 ORDER BY register_id, seq";
    Ok(on_pool!(db, p => sqlx::query_as(SQL)
        .bind(sale_id)
        .bind(store_id)
        .fetch_all(p)
        .await)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// SQLite's plan for each kind of filter reads the index meant for it, never the whole
    /// table (`SCAN s`), whatever else is filtered.
    #[tokio::test]
    async fn each_filter_reads_its_index_on_sqlite() {
        let t = crate::testing::sqlite().await;
        let base = HistoryFilter {
            store_id: Uuid::now_v7(),
            from_us: 0,
            to_us: i64::MAX - 1,
            max_total: i64::MAX,
            limit: 51,
            kind: Some("sale".into()),
            tender: Some("cash".into()),
            ..HistoryFilter::default()
        };
        let cases = [
            (base.clone(), "sales_store_completed"),
            (
                HistoryFilter {
                    register_id: Some(Uuid::now_v7()),
                    ..base.clone()
                },
                "sales_register_completed",
            ),
            (
                HistoryFilter {
                    cashier_id: Some(Uuid::now_v7()),
                    ..base.clone()
                },
                "sales_cashier_completed",
            ),
            (
                HistoryFilter {
                    receipt_number: Some("T1-000001".into()),
                    register_id: Some(Uuid::now_v7()),
                    ..base.clone()
                },
                "(store_id=? AND receipt_number=?)",
            ),
        ];
        for (f, index) in cases {
            let (sql, key) = list_sql(&f);
            let plan: Vec<(i64, i64, i64, String)> =
                list_with(&t.db, &f, &format!("EXPLAIN QUERY PLAN {sql}"), &key)
                    .await
                    .expect("plan");
            let details: Vec<&str> = plan.iter().map(|r| r.3.as_str()).collect();
            let sales = details
                .iter()
                .find(|d| d.contains(" s ") || d.ends_with(" s"))
                .unwrap_or_else(|| panic!("no step for sales in {details:?}"));
            assert!(sales.contains(index), "{index}: {details:?}");
        }
    }
}
