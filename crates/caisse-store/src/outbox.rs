//! Events for integrations, written in the transaction that caused them (never lost).

use uuid::Uuid;

use crate::{StoreError, Tx, on_tx};

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

/// Adds several events in one statement (per chunk).
pub async fn push_many(tx: &mut Tx, events: &[OutboxRow]) -> Result<(), StoreError> {
    const HEAD: &str = "INSERT INTO outbox (id, store_id, topic, payload, created_at) ";
    for chunk in events.chunks(500) {
        on_tx!(tx, c => {
            let mut qb = sqlx::QueryBuilder::new(HEAD);
            qb.push_values(chunk, |mut b, e| {
                b.push_bind(e.id).push_bind(e.store_id).push_bind(&e.topic).push_bind(&e.payload).push_bind(e.created_at);
            });
            qb.build().execute(c).await.map(|r| r.rows_affected())
        })?;
    }
    Ok(())
}
