//! The fiscal journal: every fiscal event of a register (sale, return, cancellation, drawer
//! event, closure) is numbered without gaps and chained by SHA-256, so that editing, deleting
//! or reordering any past event is found by [`verify_chain`].
//!
//! `hash_n = SHA-256(hex(hash_{n-1}) || canonical_json(event_n))`, with `hash_0` =
//! [`GENESIS_HASH`]. Events are plain [`serde_json::Value`] objects built by the caller
//! (`serde_json::json!` is the builder); amounts in them are decimal strings made with
//! [`amount_text`] or integers, never floats, which [`canonical_json`] refuses.
//!
//! ```
//! # use caisse_core::journal::*;
//! let event = serde_json::json!({"till": "T1", "total_ttc": "12.50"});
//! let first = JournalEntry::next(&ChainHead::genesis(), "sale", event)?;
//! assert_eq!(verify_chain(&[first])?.count, 1);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod canonical;
mod chain;
mod error;
mod sign;

#[cfg(test)]
mod tests;

use sha2::{Digest, Sha256};

use crate::money::{Locale, Money, format_plain_number};

pub use canonical::canonical_json;
pub use chain::{
    ChainBreak, ChainBreakKind, ChainHead, JournalEntry, VerifiedChain, verify_chain,
    verify_chain_from,
};
pub use error::JournalError;
pub use sign::{JournalSigner, verify_signature};

/// The hash that comes "before" a register's first event: 64 zeros.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The hash of one journal link: lowercase hex SHA-256 of the previous hash (as its 64 hex
/// characters) followed by the event's canonical JSON.
pub fn chain_hash(prev_hex: &str, canonical: &str) -> String {
    let mut hasher = Sha256::new();
    hasher.update(prev_hex.as_bytes());
    hasher.update(canonical.as_bytes());
    hex::encode(hasher.finalize())
}

/// An amount as it is written in journal events: a plain decimal string with a dot and all the
/// currency's decimals (`"12.50"`, `"-3.20"`, `"1234.567"`), never a float.
pub fn amount_text(amount: Money) -> String {
    format_plain_number(
        amount.minor(),
        amount.currency().minor_digits(),
        Locale::EnUs,
    )
}
