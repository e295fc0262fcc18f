use super::*;

/// Applies a tampering to a valid chain of five and returns the first break reported.
fn tamper(f: impl FnOnce(&mut Vec<JournalEntry>)) -> Option<(usize, u64, ChainBreakKind)> {
    let mut entries = sample_chain(5);
    f(&mut entries);
    verify_chain(&entries)
        .err()
        .map(|b| (b.position, b.seq, b.kind))
}

fn edit_payload(e: &mut JournalEntry) {
    e.payload = e.payload.replace("\"3.50\"", "\"0.50\"");
}

#[test]
fn untouched_chain_verifies() {
    let entries = sample_chain(5);
    let verified = verify_chain(&entries);
    assert_eq!(verified.as_ref().map(|v| v.count), Ok(5));
    assert_eq!(verified.map(|v| v.head), Ok(entries[4].head()));
    assert_eq!(verify_chain(&[]).map(|v| v.head), Ok(ChainHead::genesis()));
}

#[test]
fn tampering_table() {
    type Case = (
        &'static str,
        fn(&mut Vec<JournalEntry>),
        Option<(usize, u64, ChainBreakKind)>,
    );
    let cases: [Case; 13] = [
        (
            "edit a payload",
            |c| edit_payload(&mut c[2]),
            Some((2, 3, ChainBreakKind::Altered)),
        ),
        (
            "edit a payload and re-hash it",
            |c| {
                edit_payload(&mut c[2]);
                c[2].hash = chain_hash(&c[2].prev_hash, &c[2].payload);
            },
            Some((3, 4, ChainBreakKind::BrokenLink)),
        ),
        (
            "edit, re-hash and re-link the next entry",
            |c| {
                edit_payload(&mut c[2]);
                c[2].hash = chain_hash(&c[2].prev_hash, &c[2].payload);
                c[3].prev_hash = c[2].hash.clone();
            },
            Some((3, 4, ChainBreakKind::Altered)),
        ),
        (
            "delete an entry",
            |c| {
                c.remove(2);
            },
            Some((
                2,
                4,
                ChainBreakKind::Missing {
                    expected: 3,
                    found: 4,
                },
            )),
        ),
        (
            "delete two entries",
            |c| {
                c.drain(1..3);
            },
            Some((
                1,
                4,
                ChainBreakKind::Missing {
                    expected: 2,
                    found: 4,
                },
            )),
        ),
        (
            "swap two entries",
            |c| c.swap(2, 3),
            Some((2, 4, ChainBreakKind::Reordered)),
        ),
        (
            "swap the first two",
            |c| c.swap(0, 1),
            Some((0, 2, ChainBreakKind::Reordered)),
        ),
        (
            "repeat an entry",
            |c| {
                let again = c[2].clone();
                c.insert(3, again);
            },
            Some((3, 3, ChainBreakKind::Reordered)),
        ),
        (
            "delete the first entry",
            |c| {
                c.remove(0);
            },
            Some((
                0,
                2,
                ChainBreakKind::Missing {
                    expected: 1,
                    found: 2,
                },
            )),
        ),
        (
            "first entry not chained to genesis",
            |c| {
                c[0].prev_hash = "1".repeat(64);
                c[0].hash = chain_hash(&c[0].prev_hash, &c[0].payload);
                c.truncate(1);
            },
            Some((0, 1, ChainBreakKind::BadGenesis)),
        ),
        (
            "first entry numbered 0",
            |c| c[0].seq = 0,
            Some((0, 0, ChainBreakKind::BadGenesis)),
        ),
        (
            "change an entry's kind column",
            |c| c[1].kind = "return".to_owned(),
            Some((1, 2, ChainBreakKind::Altered)),
        ),
        (
            "drop the newest entry (caught by the head, not the chain)",
            |c| {
                c.pop();
            },
            None,
        ),
    ];
    for (name, f, expected) in cases {
        assert_eq!(tamper(f), expected, "{name}");
    }
}

#[test]
fn seq_column_must_match_the_payload() {
    // Two chains merged: the second one's seq columns renumbered to follow the first.
    let mut entries = sample_chain(3);
    let mut other = sample_chain(1);
    other[0].seq = 4;
    other[0].prev_hash = entries[2].hash.clone();
    other[0].hash = chain_hash(&other[0].prev_hash, &other[0].payload);
    entries.extend(other);
    let brk = verify_chain(&entries).err();
    assert_eq!(
        brk.map(|b| (b.position, b.kind)),
        Some((3, ChainBreakKind::Altered))
    );
}

#[test]
fn non_canonical_payload_is_reported() {
    let mut entries = sample_chain(2);
    entries[1].payload = entries[1].payload.replacen(',', ", ", 1);
    entries[1].hash = chain_hash(&entries[1].prev_hash, &entries[1].payload);
    let brk = verify_chain(&entries).err();
    assert_eq!(
        brk.map(|b| (b.position, b.kind, b.message)),
        Some((
            1,
            ChainBreakKind::Altered,
            "its payload is not in canonical form".to_owned()
        ))
    );
}

#[test]
fn a_continuation_verifies_from_its_anchor() {
    let entries = sample_chain(5);
    let anchor = entries[1].head();
    let rest = &entries[2..];
    assert_eq!(verify_chain_from(&anchor, rest).map(|v| v.count), Ok(3));
    // Anchored to the wrong hash: the first entry's link is broken, not a bad genesis.
    let wrong = ChainHead {
        seq: 2,
        hash: entries[0].hash.clone(),
    };
    let brk = verify_chain_from(&wrong, rest).err().map(|b| b.kind);
    assert_eq!(brk, Some(ChainBreakKind::BrokenLink));
    // A segment that repeats the anchor's own number is out of order.
    let brk = verify_chain_from(&anchor, &entries[1..])
        .err()
        .map(|b| b.kind);
    assert_eq!(brk, Some(ChainBreakKind::Reordered));
}

#[test]
fn break_codes_are_stable() {
    let cases = [
        (ChainBreakKind::Altered, "journal_altered"),
        (ChainBreakKind::BrokenLink, "journal_broken_link"),
        (
            ChainBreakKind::Missing {
                expected: 1,
                found: 2,
            },
            "journal_missing",
        ),
        (ChainBreakKind::Reordered, "journal_reordered"),
        (ChainBreakKind::BadGenesis, "journal_bad_genesis"),
    ];
    for (kind, code) in cases {
        let brk = ChainBreak {
            position: 0,
            seq: 1,
            kind,
            message: String::new(),
        };
        assert_eq!(brk.code(), code);
    }
}
