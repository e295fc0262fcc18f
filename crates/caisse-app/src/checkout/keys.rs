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
