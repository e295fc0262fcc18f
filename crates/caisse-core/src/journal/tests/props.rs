use proptest::prelude::*;

use super::*;

/// Which stored field of an entry a tamperer changes one byte of.
#[derive(Debug, Clone, Copy)]
enum Field {
    Payload,
    PrevHash,
    Hash,
    Kind,
}

fn field_mut(entry: &mut JournalEntry, field: Field) -> &mut String {
    match field {
        Field::Payload => &mut entry.payload,
        Field::PrevHash => &mut entry.prev_hash,
        Field::Hash => &mut entry.hash,
        Field::Kind => &mut entry.kind,
    }
}

/// A valid chain of 1 to 12 events with random content (including non-ASCII text).
fn chain_strategy() -> impl Strategy<Value = Vec<JournalEntry>> {
    prop::collection::vec(("[a-z_]{1,8}", "\\PC{0,12}", any::<i64>()), 1..12).prop_map(|events| {
        let mut head = ChainHead::genesis();
        let mut entries = Vec::new();
        for (kind, text, n) in events {
            let event = json!({"text": text, "n": n});
            match JournalEntry::next(&head, &kind, event) {
                Ok(entry) => {
                    head = entry.head();
                    entries.push(entry);
                }
                Err(e) => panic!("generated event refused: {e}"),
            }
        }
        entries
    })
}

proptest! {
    #[test]
    fn random_chains_verify(entries in chain_strategy()) {
        let verified = verify_chain(&entries);
        prop_assert_eq!(verified.map(|v| v.count), Ok(entries.len()));
    }

    #[test]
    fn any_single_byte_change_is_found(
        mut entries in chain_strategy(),
        which in any::<prop::sample::Index>(),
        field in prop_oneof![
            Just(Field::Payload), Just(Field::PrevHash), Just(Field::Hash), Just(Field::Kind)
        ],
        at in any::<prop::sample::Index>(),
        replacement in 0x20u8..0x7f,
    ) {
        let k = which.index(entries.len());
        let text = field_mut(&mut entries[k], field);
        // Stored texts are ASCII (canonical JSON, hex, kinds), so any byte is a char boundary.
        prop_assert!(text.is_ascii());
        let i = at.index(text.len());
        let original = text.as_bytes()[i];
        let new = match (replacement == original, original == b'a') {
            (false, _) => replacement,
            (true, false) => b'a',
            (true, true) => b'b',
        };
        let new = char::from(new);
        text.replace_range(i..=i, new.encode_utf8(&mut [0; 4]));
        prop_assert_ne!(text.as_bytes()[i], original);
        let brk = verify_chain(&entries);
        prop_assert_eq!(brk.err().map(|b| (b.position, b.kind)), Some((k, ChainBreakKind::Altered)));
    }
}
