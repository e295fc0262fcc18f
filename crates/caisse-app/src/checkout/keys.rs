//! Idempotency keys: telling a retry of a request from another request sent under the same
//! key.

use serde::Serialize;
use sha2::{Digest, Sha256};

/// SHA-256 of a request's JSON, to tell a retry from another request with the same key.
pub fn request_hash<T: Serialize>(scope: &str, input: &T) -> String {
    let body = serde_json::to_string(input).unwrap_or_default();
    let mut h = Sha256::new();
    h.update(scope.as_bytes());
    h.update([0]);
    h.update(body.as_bytes());
    hex::encode(h.finalize())
}

/// The answer stored under `key` for a request of `scope` with this hash, if any; a different
/// request (another scope or body) under the same key is `idempotency_mismatch`.
pub(crate) async fn stored_answer(
    app: &crate::App,
    store_id: uuid::Uuid,
    key: &str,
    scope: &str,
    hash: &str,
) -> Result<Option<serde_json::Value>, crate::AppError> {
    match caisse_store::idempotency::get(&app.db, store_id, key).await? {
        None => Ok(None),
        Some(row) if row.request_hash == hash && row.scope == scope => {
            serde_json::from_str(&row.response)
                .map(Some)
                .map_err(|e| crate::AppError::Internal(e.to_string()))
        }
        Some(_) => Err(crate::AppError::IdempotencyMismatch),
    }
}

/// Stores `answer` under the key in the caller's transaction and commits it; when another
/// request stored an answer under the key first, drops this transaction and answers that one.
#[allow(clippy::too_many_arguments)]
pub(crate) async fn commit_answer(
    app: &crate::App,
    store_id: uuid::Uuid,
    mut tx: caisse_store::Tx,
    key: &str,
    scope: &str,
    hash: &str,
    status: i32,
    answer: serde_json::Value,
) -> Result<serde_json::Value, crate::AppError> {
    let row = caisse_store::idempotency::IdempotencyRow {
        store_id,
        key: key.to_owned(),
        scope: scope.to_owned(),
        request_hash: hash.to_owned(),
        status,
        response: answer.to_string(),
        created_at: crate::now_us(),
    };
    match caisse_store::idempotency::insert(&mut tx, &row).await {
        Ok(()) => {}
        Err(caisse_store::StoreError::Conflict {
            constraint: caisse_store::Constraint::IdempotencyKey,
        }) => {
            drop(tx);
            return stored_answer(app, store_id, key, scope, hash)
                .await?
                .ok_or(crate::AppError::IdempotencyInFlight);
        }
        Err(e) => return Err(e.into()),
    }
    tx.commit().await?;
    Ok(answer)
}
