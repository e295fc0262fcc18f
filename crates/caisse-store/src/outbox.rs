//! Events for integrations, written in the transaction that caused them (never lost).

use uuid::Uuid;

use crate::{Db, StoreError, Tx, on_pool, on_tx};

/// An event waiting for delivery.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct OutboxRow {
    /// Event id.
    pub id: Uuid,
    /// The store.
    pub store_id: Uuid,
    /// `sale.completed`, `sale.returned`, …
    pub topic: String,
    /// The event body (JSON).
    pub payload: String,
    /// When, µs.
    pub created_at: i64,
}

/// Adds an event.
pub async fn push(tx: &mut Tx, e: &OutboxRow) -> Result<(), StoreError> {
    const SQL: &str =
        "INSERT INTO outbox (id, store_id, topic, payload, created_at) VALUES ($1, $2, $3, $4, $5)";
    on_tx!(tx, c => sqlx::query(SQL)
        .bind(e.id).bind(e.store_id).bind(&e.topic).bind(&e.payload).bind(e.created_at)
        .execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Events not delivered yet, oldest first.
pub async fn pending(db: &Db, limit: i64) -> Result<Vec<OutboxRow>, StoreError> {
    const SQL: &str = "SELECT id, store_id, topic, payload, created_at FROM outbox WHERE delivered_at IS NULL ORDER BY created_at, id LIMIT $1";
    Ok(on_pool!(db, p => sqlx::query_as(SQL).bind(limit).fetch_all(p).await)?)
}
