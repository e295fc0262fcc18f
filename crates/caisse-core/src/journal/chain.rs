//! Journal entries, how the next one is chained, and how a stored chain is verified.

use std::collections::HashMap;

use serde_json::Value;

use super::{GENESIS_HASH, JournalError, canonical_json, chain_hash};

/// One recorded fiscal event of a register, as stored: never updated, never deleted.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct JournalEntry {
    /// The register's gap-free event number, from 1.
    pub seq: u64,
    /// What happened (`sale`, `return`, `cancellation`, `closure_day`...); checked against the
    /// payload's `kind`, which [`JournalEntry::next`] always writes.
    pub kind: String,
    /// The event as canonical JSON: exactly the text that was hashed.
    pub payload: String,
    /// The hash of the previous entry ([`GENESIS_HASH`] for the first).
    pub prev_hash: String,
    /// This entry's hash: [`chain_hash`] of `prev_hash` and `payload`.
    pub hash: String,
}

/// The end of a chain so far: the last event number and its hash, where the next entry attaches.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ChainHead {
    /// The last event number (0 before the first event).
    pub seq: u64,
    /// The last entry's hash ([`GENESIS_HASH`] before the first event).
    pub hash: String,
}

impl ChainHead {
    /// The head of a register that has recorded nothing yet.
    pub fn genesis() -> ChainHead {
        ChainHead {
            seq: 0,
            hash: GENESIS_HASH.to_owned(),
        }
    }

    fn is_genesis(&self) -> bool {
        self.seq == 0 && self.hash == GENESIS_HASH
    }
}

impl JournalEntry {
    /// Records the next event after `head`: numbers it, writes its `seq` and `kind` into the
    /// event (so the hash covers them), canonicalises it and chains it.
    ///
    /// Refuses an event that is not an object, that carries another `seq` or `kind`, or that
    /// holds a non-integer number.
    pub fn next(head: &ChainHead, kind: &str, event: Value) -> Result<JournalEntry, JournalError> {
        let seq = head
            .seq
            .checked_add(1)
            .ok_or(JournalError::SequenceExhausted)?;
        let Value::Object(mut fields) = event else {
            return Err(JournalError::NotAnObject);
        };
        claim_field(&mut fields, "seq", Value::from(seq))?;
        claim_field(&mut fields, "kind", Value::from(kind))?;
        let payload = canonical_json(&Value::Object(fields))?;
        let hash = chain_hash(&head.hash, &payload);
        Ok(JournalEntry {
            seq,
            kind: kind.to_owned(),
            payload,
            prev_hash: head.hash.clone(),
            hash,
        })
    }

    /// The head of the chain once this entry is recorded.
    pub fn head(&self) -> ChainHead {
        ChainHead {
            seq: self.seq,
            hash: self.hash.clone(),
        }
    }
}

fn claim_field(
    fields: &mut serde_json::Map<String, Value>,
    field: &'static str,
    value: Value,
) -> Result<(), JournalError> {
    match fields.get(field) {
        Some(found) if *found != value => Err(JournalError::ConflictingField {
            field,
            expected: value.to_string(),
            found: found.to_string(),
        }),
        _ => {
            fields.insert(field.to_owned(), value);
            Ok(())
        }
    }
}

/// What a successful verification found: how many entries, and the head they lead to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifiedChain {
    /// Number of entries verified.
    pub count: usize,
    /// The last entry's number and hash; compare with the register's counter to detect a
    /// truncated journal (removing the newest entries leaves a valid, shorter chain).
    pub head: ChainHead,
}

/// The first place where a stored journal is not what was recorded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("journal broken at position {position} (seq {seq}): {message}")]
pub struct ChainBreak {
    /// Index of the faulty entry in the list given to the verifier (0 = first given).
    pub position: usize,
    /// The event number stored on the faulty entry.
    pub seq: u64,
    /// What kind of break it is.
    pub kind: ChainBreakKind,
    /// A sentence for the person reading the verification report.
    pub message: String,
}

/// The kinds of break a journal verification reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChainBreakKind {
    /// The entry's content (payload, kind, seq, or its previous-hash field) no longer matches
    /// its hash: it was edited.
    Altered,
    /// The entry is intact but does not point at the entry before it: an earlier entry was
    /// replaced (and re-hashed) or entries were spliced in.
    BrokenLink,
    /// Event numbers jump: entries `expected..found` are gone.
    Missing {
        /// The number that should have come next.
        expected: u64,
        /// The number found instead.
        found: u64,
    },
    /// Event numbers go backwards, repeat, or come out of order.
    Reordered,
    /// The first entry of the register does not start from the genesis hash.
    BadGenesis,
}

impl ChainBreak {
    /// Stable snake_case code used in the API error envelope and the verify report.
    pub fn code(&self) -> &'static str {
        match self.kind {
            ChainBreakKind::Altered => "journal_altered",
            ChainBreakKind::BrokenLink => "journal_broken_link",
            ChainBreakKind::Missing { .. } => "journal_missing",
            ChainBreakKind::Reordered => "journal_reordered",
            ChainBreakKind::BadGenesis => "journal_bad_genesis",
        }
    }
}

/// Verifies a register's whole journal, in stored order, from its first event.
pub fn verify_chain(entries: &[JournalEntry]) -> Result<VerifiedChain, ChainBreak> {
    verify_chain_from(&ChainHead::genesis(), entries)
}

/// Verifies entries that continue a chain already verified up to `start` (for example the
/// entries after an archived closure), reporting the first problem.
///
/// For each entry, in this order: its number must follow the previous one (`Reordered` when it
/// goes back or when the expected number shows up later, else `Missing`); its hash must match
/// its own content (`Altered`); its previous-hash field must equal the previous entry's hash
/// (`BrokenLink`, or `BadGenesis` on a register's first entry).
pub fn verify_chain_from(
    start: &ChainHead,
    entries: &[JournalEntry],
) -> Result<VerifiedChain, ChainBreak> {
    let last_position: HashMap<u64, usize> = entries
        .iter()
        .enumerate()
        .map(|(i, e)| (e.seq, i))
        .collect();
    let mut head = start.clone();
    for (position, entry) in entries.iter().enumerate() {
        let brk = |kind, message: String| ChainBreak {
            position,
            seq: entry.seq,
            kind,
            message,
        };
        // `head.seq + 1` cannot overflow unless an entry already carried u64::MAX.
        let expected = head.seq.saturating_add(1);
        if entry.seq != expected {
            let comes_later = last_position.get(&expected).is_some_and(|&p| p > position);
            return Err(
                if entry.seq < expected && position == 0 && start.is_genesis() {
                    brk(
                        ChainBreakKind::BadGenesis,
                        format!("the first event is numbered {}, not 1", entry.seq),
                    )
                } else if entry.seq < expected || comes_later {
                    brk(
                        ChainBreakKind::Reordered,
                        format!("event {} found where event {expected} belongs", entry.seq),
                    )
                } else {
                    brk(
                        ChainBreakKind::Missing {
                            expected,
                            found: entry.seq,
                        },
                        format!(
                            "events {expected} to {} are missing",
                            entry.seq.saturating_sub(1)
                        ),
                    )
                },
            );
        }
        if let Err(why) = check_content(entry) {
            return Err(brk(ChainBreakKind::Altered, why));
        }
        if entry.prev_hash != head.hash {
            return Err(if start.is_genesis() && position == 0 {
                brk(
                    ChainBreakKind::BadGenesis,
                    "the first event does not start from the genesis hash".to_owned(),
                )
            } else {
                brk(
                    ChainBreakKind::BrokenLink,
                    format!("does not point at the hash of event {}", head.seq),
                )
            });
        }
        head = entry.head();
    }
    Ok(VerifiedChain {
        count: entries.len(),
        head,
    })
}

/// Checks that an entry is consistent with itself: hash, canonical payload, seq and kind.
fn check_content(entry: &JournalEntry) -> Result<(), String> {
    if chain_hash(&entry.prev_hash, &entry.payload) != entry.hash {
        return Err("its hash does not match its content".to_owned());
    }
    let event: Value = serde_json::from_str(&entry.payload)
        .map_err(|e| format!("its payload is not JSON: {e}"))?;
    if canonical_json(&event).as_deref() != Ok(entry.payload.as_str()) {
        return Err("its payload is not in canonical form".to_owned());
    }
    if event.get("seq").and_then(Value::as_u64) != Some(entry.seq) {
        return Err("its number differs from the one in its payload".to_owned());
    }
    match event.get("kind") {
        Some(kind) if kind.as_str() != Some(entry.kind.as_str()) => {
            Err("its kind differs from the one in its payload".to_owned())
        }
        _ => Ok(()),
    }
}
