//! The cart log on its own: what one process appends, another reads back after it died; one
//! process at a time keeps the carts; a committed snapshot forgets what it wrote and deletes
//! the files it covered, and nothing logged after it.

use std::io::Write;
use std::path::PathBuf;

use uuid::Uuid;

use super::{CartLog, Pending};
use crate::StoreError;
use crate::sales::{CartRow, PaymentRow};

/// A database path in a directory of its own (removed when dropped).
struct Dir(PathBuf);

impl Dir {
    fn new() -> Dir {
        let d = std::env::temp_dir().join(format!("caisse-cart-log-{}", Uuid::now_v7()));
        std::fs::create_dir_all(&d).expect("dir");
        Dir(d)
    }

    fn db(&self) -> PathBuf {
        self.0.join("shop.db")
    }

    /// The names of the files in the directory, sorted.
    fn names(&self) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(&self.0)
            .expect("read dir")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn row(id: Uuid, version: i64, state: &str) -> CartRow {
    CartRow {
        id,
        store_id: Uuid::nil(),
        register_id: Uuid::nil(),
        status: "open".into(),
        state: state.into(),
        version,
        created_at: 1,
        updated_at: version,
    }
}

fn payment(sale_id: Uuid, amount: i64) -> PaymentRow {
    PaymentRow {
        id: Uuid::now_v7(),
        store_id: Uuid::nil(),
        sale_id,
        kind: "cash".into(),
        amount,
        tendered: amount,
        card_brand: None,
        card_last4: None,
        auth_code: None,
        terminal_ref: None,
        idempotency_key: Some("k\n\"1\"".into()),
        created_at: 2,
        reverses: None,
    }
}

fn by_id(mut carts: Vec<Pending>) -> Vec<Pending> {
    carts.sort_by_key(|p| p.row.id);
    carts
}

#[test]
fn what_a_dead_process_appended_is_read_back_latest_state_first() {
    let dir = Dir::new();
    let (a, b) = (Uuid::now_v7(), Uuid::now_v7());
    let paid = payment(a, 500);
    {
        let log = CartLog::new(Some(&dir.db()));
        log.append(&row(a, 1, "{\"lines\":[]}"), &[]).expect("a1");
        log.append(&row(b, 1, "{}"), &[]).expect("b1");
        log.append(&row(a, 2, "{\"lines\":[1]}"), std::slice::from_ref(&paid))
            .expect("a2");
        assert!(
            log.append(&row(a, 3, "{\"lines\":\n[1]}"), &[]).is_err(),
            "a state that is not compact JSON is refused, not logged"
        );
        log.append(&row(a, 3, "{\"lines\":[1,2]}"), &[])
            .expect("a3");
        // Dropped without a snapshot, as a killed server leaves it.
    }
    assert_eq!(dir.names(), ["shop.db-carts.0.log", "shop.db-carts.lock"]);
    let again = CartLog::new(Some(&dir.db()));
    assert!(again.recover().expect("recover"));
    let snap = again.snapshot();
    let mut want = vec![
        Pending {
            row: row(a, 3, "{\"lines\":[1,2]}"),
            payments: vec![paid],
        },
        Pending {
            row: row(b, 1, "{}"),
            payments: vec![],
        },
    ];
    want.sort_by_key(|p| p.row.id);
    assert_eq!(by_id(snap.carts.clone()), want);
    // Once written, the files it read are gone and the carts forgotten.
    again.written(&snap);
    assert_eq!(dir.names(), ["shop.db-carts.lock"]);
    assert!(!again.has_pending());
    assert!(again.snapshot().carts.is_empty());
}

#[test]
fn a_line_cut_short_is_skipped_and_the_others_kept() {
    let dir = Dir::new();
    let a = Uuid::now_v7();
    {
        let log = CartLog::new(Some(&dir.db()));
        log.append(&row(a, 1, "{}"), &[]).expect("a1");
        log.append(&row(a, 2, "{\"x\":2}"), &[]).expect("a2");
    }
    let file = dir.0.join("shop.db-carts.0.log");
    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .open(&file)
        .expect("open");
    // A whole head and a state cut short: the state must be whole to be kept.
    let head = format!(
        "{{\"id\":\"{a}\",\"store_id\":\"{n}\",\"register_id\":\"{n}\",\"status\":\"open\",\"version\":3,\"created_at\":1,\"updated_at\":3,\"payments\":[]}}\t{{\"x\":",
        n = Uuid::nil()
    );
    f.write_all(head.as_bytes()).expect("torn");
    drop(f);
    let again = CartLog::new(Some(&dir.db()));
    assert!(again.recover().expect("recover"));
    let snap = again.snapshot();
    assert_eq!(snap.carts.len(), 1);
    assert_eq!(snap.carts[0].row, row(a, 2, "{\"x\":2}"));
}

#[test]
fn one_process_at_a_time_keeps_the_carts() {
    let dir = Dir::new();
    let first = CartLog::new(Some(&dir.db()));
    first.claim().expect("first claims");
    let a = Uuid::now_v7();
    first.append(&row(a, 1, "{}"), &[]).expect("first appends");

    // A second server on the same file (a log of its own, as in another process).
    let second = CartLog::new(Some(&dir.db()));
    assert!(
        !second.recover().expect("recover"),
        "not while the first lives"
    );
    assert!(second.snapshot().carts.is_empty(), "nothing read");
    match second.claim() {
        Err(StoreError::CartsKeptElsewhere(lock)) => assert!(lock.ends_with("shop.db-carts.lock")),
        other => panic!("a second server must be refused: {other:?}"),
    }
    assert!(matches!(
        second.append(&row(a, 2, "{}"), &[]),
        Err(StoreError::CartsKeptElsewhere(_))
    ));
    assert!(!second.has_pending(), "the refused change is not kept");

    drop(first);
    second.claim().expect("free once the first is gone");
}

#[test]
fn a_command_that_only_read_lets_the_server_take_the_carts() {
    let dir = Dir::new();
    let command = CartLog::new(Some(&dir.db()));
    assert!(command.recover().expect("recover"));
    command.release_if_idle();
    let server = CartLog::new(Some(&dir.db()));
    server.claim().expect("the server takes them");
    // A command that holds changes keeps them (and the lock) until they are written.
    drop(server);
    command
        .append(&row(Uuid::now_v7(), 1, "{}"), &[])
        .expect("append");
    command.release_if_idle();
    let server = CartLog::new(Some(&dir.db()));
    assert!(
        server.claim().is_err(),
        "changes not written yet keep the lock"
    );
}

#[test]
fn a_snapshot_forgets_only_what_it_wrote() {
    let dir = Dir::new();
    let log = CartLog::new(Some(&dir.db()));
    let (a, b) = (Uuid::now_v7(), Uuid::now_v7());
    let first = payment(a, 100);
    log.append(&row(a, 1, "{}"), std::slice::from_ref(&first))
        .expect("a1");
    log.append(&row(b, 1, "{}"), &[]).expect("b1");
    let snap = log.snapshot();
    // Changed while the snapshot was being written: a new file, a newer state, a new payment.
    let second = payment(a, 200);
    log.append(&row(a, 2, "{}"), std::slice::from_ref(&second))
        .expect("a2");
    assert_eq!(
        dir.names(),
        [
            "shop.db-carts.0.log",
            "shop.db-carts.1.log",
            "shop.db-carts.lock"
        ]
    );
    log.written(&snap);
    assert_eq!(dir.names(), ["shop.db-carts.1.log", "shop.db-carts.lock"]);
    assert_eq!(
        log.pending_of(&[a, b]),
        vec![Pending {
            row: row(a, 2, "{}"),
            payments: vec![second],
        }],
        "b written and forgotten; a's newer state kept without the payment already written"
    );
    // A snapshot that was not committed forgets nothing: the next one covers its files too.
    let lost = log.snapshot();
    drop(lost);
    let next = log.snapshot();
    assert_eq!(next.carts.len(), 1);
    log.written(&next);
    assert_eq!(dir.names(), ["shop.db-carts.lock"]);
}

#[test]
fn an_in_memory_database_keeps_its_log_in_memory() {
    let log = CartLog::new(None);
    let a = Uuid::now_v7();
    assert!(log.recover().expect("recover"));
    log.claim().expect("claim");
    log.append(&row(a, 1, "{}"), &[]).expect("append");
    let snap = log.snapshot();
    assert_eq!(snap.carts.len(), 1);
    log.written(&snap);
    assert!(!log.has_pending());
    assert!(log.files().is_empty());
}

#[test]
fn a_cart_a_document_ended_is_forgotten_but_its_lines_stay_until_a_snapshot() {
    let dir = Dir::new();
    let log = CartLog::new(Some(&dir.db()));
    let (a, b) = (Uuid::now_v7(), Uuid::now_v7());
    log.append(&row(a, 1, "{}"), &[payment(a, 100)])
        .expect("a1");
    log.append(&row(b, 1, "{}"), &[]).expect("b1");
    log.ended(&[a]);
    assert!(log.pending_of(&[a]).is_empty(), "a ended: nothing to write");
    assert_eq!(log.pending_of(&[b]).len(), 1, "b still live");
    // The file still holds a's line: a server killed now reads it again.
    assert_eq!(dir.names(), ["shop.db-carts.0.log", "shop.db-carts.lock"]);
    let snap = log.snapshot();
    assert_eq!(
        snap.carts.iter().map(|p| p.row.id).collect::<Vec<_>>(),
        [b],
        "the snapshot writes only the live cart"
    );
    log.written(&snap);
    assert_eq!(dir.names(), ["shop.db-carts.lock"]);
    assert!(!log.has_pending());
}
