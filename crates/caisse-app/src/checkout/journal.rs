//! Verifying the registers' hash chains. (Entries are appended through
//! [`caisse_store::journal::Journal`], which saves each chain's head with its entries.)

use caisse_core::journal::{
    ChainBreak, ChainBreakKind, ChainHead, JournalEntry, verify_chain_from,
};
use caisse_store::Db;
use caisse_store::journal as store;
use serde::Serialize;
use uuid::Uuid;

use crate::AppError;

/// The result of checking one register's chain.
#[derive(Debug, Clone, Serialize)]
pub struct ChainReport {
    /// The register.
    pub register_id: Uuid,
    /// Entries checked.
    pub entries: usize,
    /// The first problem, if any.
    pub problem: Option<String>,
    /// Stable code of the problem (`altered`, `missing`, `reordered`, `broken_link`, …).
    pub code: Option<String>,
    /// Sequence number where the problem is.
    pub seq: Option<u64>,
}

fn report_break(register_id: Uuid, entries: usize, b: &ChainBreak) -> ChainReport {
    ChainReport {
        register_id,
        entries,
        problem: Some(b.message.clone()),
        code: Some(b.code().to_owned()),
        // For a gap, point at the first missing entry rather than where the gap was noticed.
        seq: Some(match b.kind {
            ChainBreakKind::Missing { expected, .. } => expected,
            // Out of order: the place in the chain (chains start at 1), not the stray number.
            ChainBreakKind::Reordered => u64::try_from(b.position).map_or(b.seq, |p| p + 1),
            _ => b.seq,
        }),
    }
}

/// Recomputes a register's chain from the database and compares its end with the register's
/// counters (so deleting the newest entries is caught too).
pub async fn verify_register(db: &Db, register_id: Uuid) -> Result<ChainReport, AppError> {
    let rows = store::entries(db, register_id).await?;
    let counters = store::counters(db, register_id).await?;
    let entries: Vec<JournalEntry> = rows
        .iter()
        .map(|r| JournalEntry {
            // The sequence the entry was hashed with (inside its payload), not the column: rows
            // swapped in the table then show up as out of order instead of merely altered.
            seq: payload_seq(&r.payload).unwrap_or_else(|| u64::try_from(r.seq).unwrap_or(0)),
            kind: r.kind.clone(),
            payload: r.payload.clone(),
            prev_hash: r.prev_hash.clone(),
            hash: r.hash.clone(),
        })
        .collect();
    let n = entries.len();
    match verify_chain_from(&ChainHead::genesis(), &entries) {
        Err(b) => Ok(report_break(register_id, n, &b)),
        Ok(v) => {
            let expected = u64::try_from(counters.journal_seq).unwrap_or(0);
            if v.head.seq != expected || v.head.hash != counters.journal_hash {
                let missing_from = v.head.seq + 1;
                return Ok(ChainReport {
                    register_id,
                    entries: n,
                    problem: Some(format!(
                        "the chain ends at {} but the register has numbered {} entries: entries from {} on are missing or the last one was changed",
                        v.head.seq, expected, missing_from
                    )),
                    code: Some("journal_missing".into()),
                    seq: Some(missing_from),
                });
            }
            Ok(ChainReport {
                register_id,
                entries: n,
                problem: None,
                code: None,
                seq: None,
            })
        }
    }
}

fn payload_seq(payload: &str) -> Option<u64> {
    serde_json::from_str::<serde_json::Value>(payload)
        .ok()?
        .get("seq")?
        .as_u64()
}

/// Verifies every register's chain.
pub async fn verify_all(db: &Db) -> Result<Vec<ChainReport>, AppError> {
    let mut out = Vec::new();
    for id in store::register_ids(db).await? {
        out.push(verify_register(db, id).await?);
    }
    Ok(out)
}
