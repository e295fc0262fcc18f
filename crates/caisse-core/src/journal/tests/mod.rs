//! Tests of the journal: the reference vectors, canonical JSON tables, tampering cases and a
//! proptest that any one-byte change anywhere is found.

mod canonical;
mod chain;
mod props;
mod sign;

use serde_json::{Value, json};

use super::*;

/// The chain vectors of the reference (section 11): canonical event and expected hash.
const VECTORS: [(&str, &str); 3] = [
    (
        r#"{"seq":1,"till":"T1","total_ttc":"12.50","ts":"2026-01-15T09:00:00Z","vat":{"20.00":"2.08"}}"#,
        "465e1ebc1a86b0888c84744de2f280cb1061e7542b137b922eb9a0f170e58207",
    ),
    (
        r#"{"seq":2,"till":"T1","total_ttc":"3.20","ts":"2026-01-15T09:05:10Z","vat":{"5.50":"0.17"}}"#,
        "b7b0c19825f127439f7d93e969d2d2ec1f7f0f8938194714e827e56d728f5569",
    ),
    (
        r#"{"cancels":2,"seq":3,"till":"T1","total_ttc":"-3.20","ts":"2026-01-15T09:07:42Z","vat":{"5.50":"-0.17"}}"#,
        "171116c62e0b4b6478e5a7b8e227bb4ed3ce3c91eb2abcb5d164e5f1d58b6452",
    ),
];

fn parse(text: &str) -> Value {
    match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => panic!("bad JSON literal in a test: {e}: {text}"),
    }
}

/// A valid chain of `n` sale events built through [`JournalEntry::next`].
fn sample_chain(n: u64) -> Vec<JournalEntry> {
    let mut head = ChainHead::genesis();
    let mut entries = Vec::new();
    for i in 1..=n {
        let event = json!({"till": "T1", "total_ttc": format!("{i}.50"), "lines": [{"name": "Café crème", "qty": i}]});
        let entry = match JournalEntry::next(&head, "sale", event) {
            Ok(e) => e,
            Err(e) => panic!("sample event {i} refused: {e}"),
        };
        head = entry.head();
        entries.push(entry);
    }
    entries
}

#[test]
fn reference_vectors_hash_exactly() {
    let mut prev = GENESIS_HASH.to_owned();
    for (canonical, expected) in VECTORS {
        // The vectors are already canonical: re-encoding them must not change a byte.
        assert_eq!(canonical_json(&parse(canonical)).as_deref(), Ok(canonical));
        let hash = chain_hash(&prev, canonical);
        assert_eq!(hash, expected);
        prev = hash;
    }
}

#[test]
fn reference_vectors_form_a_verified_chain() {
    let mut prev = GENESIS_HASH.to_owned();
    let mut entries = Vec::new();
    for (i, (canonical, hash)) in VECTORS.into_iter().enumerate() {
        entries.push(JournalEntry {
            seq: i as u64 + 1,
            kind: if i == 2 { "cancellation" } else { "sale" }.to_owned(),
            payload: canonical.to_owned(),
            prev_hash: prev.clone(),
            hash: hash.to_owned(),
        });
        prev = hash.to_owned();
    }
    let verified = verify_chain(&entries);
    assert_eq!(
        verified.map(|v| (v.count, v.head.seq, v.head.hash)),
        Ok((3, 3, VECTORS[2].1.to_owned()))
    );
}

#[test]
fn next_reproduces_the_reference_hash_for_an_event_in_any_key_order() {
    // Same event as vector 1, keys in another order and without `kind`: `next` adds `kind`, so
    // the hash differs from the vector, but it equals chain_hash of the canonical text with kind.
    let event = json!({"vat": {"20.00": "2.08"}, "ts": "2026-01-15T09:00:00Z", "total_ttc": "12.50", "till": "T1"});
    let entry = JournalEntry::next(&ChainHead::genesis(), "sale", event);
    let expected_payload = r#"{"kind":"sale","seq":1,"till":"T1","total_ttc":"12.50","ts":"2026-01-15T09:00:00Z","vat":{"20.00":"2.08"}}"#;
    let entry = entry.map(|e| (e.seq, e.payload, e.prev_hash, e.hash));
    assert_eq!(
        entry,
        Ok((
            1,
            expected_payload.to_owned(),
            GENESIS_HASH.to_owned(),
            chain_hash(GENESIS_HASH, expected_payload)
        ))
    );
}

#[test]
fn next_refuses_bad_events() {
    let head = ChainHead::genesis();
    let cases = [
        (json!([1, 2]), "journal_event_not_object"),
        (json!("sale"), "journal_event_not_object"),
        (json!({"seq": 7}), "journal_conflicting_field"),
        (json!({"kind": "return"}), "journal_conflicting_field"),
        (json!({"total": 12.5}), "journal_float_number"),
    ];
    for (event, code) in cases {
        let text = event.to_string();
        let got = JournalEntry::next(&head, "sale", event).map_err(|e| e.code());
        assert_eq!(got.err(), Some(code), "{text}");
    }
    // The same seq and kind as the journal's own are accepted.
    assert!(JournalEntry::next(&head, "sale", json!({"seq": 1, "kind": "sale"})).is_ok());
    let last = ChainHead {
        seq: u64::MAX,
        hash: GENESIS_HASH.to_owned(),
    };
    let exhausted = JournalEntry::next(&last, "sale", json!({})).map_err(|e| e.code());
    assert_eq!(exhausted.err(), Some("journal_sequence_exhausted"));
}

#[test]
fn amounts_are_plain_decimal_strings() {
    use crate::money::{Currency, Money};
    let cases = [
        (Money::new(1250, Currency::EUR), "12.50"),
        (Money::new(-320, Currency::EUR), "-3.20"),
        (Money::new(123_456_789, Currency::EUR), "1234567.89"),
        (Money::new(1500, Currency::JPY), "1500"),
        (Money::new(1_234_567, Currency::BHD), "1234.567"),
    ];
    for (amount, text) in cases {
        assert_eq!(amount_text(amount), text);
    }
}

#[test]
fn error_codes_are_stable() {
    let cases = [
        (
            JournalError::NotAnInteger {
                number: "1.5".into(),
            },
            "journal_float_number",
        ),
        (JournalError::NotAnObject, "journal_event_not_object"),
        (
            JournalError::ConflictingField {
                field: "seq",
                expected: "1".into(),
                found: "2".into(),
            },
            "journal_conflicting_field",
        ),
        (
            JournalError::SequenceExhausted,
            "journal_sequence_exhausted",
        ),
        (
            JournalError::InvalidHex {
                what: "hash",
                bytes: 32,
            },
            "journal_invalid_hex",
        ),
        (JournalError::InvalidPublicKey, "journal_invalid_public_key"),
        (JournalError::BadSignature, "journal_bad_signature"),
    ];
    for (error, code) in cases {
        assert_eq!(error.code(), code, "{error}");
    }
}
