//! The batch writer's fallback: when one document of a batch cannot be written, the batch's
//! multi-row statements are rolled back and each document is written in its own savepoint, so
//! the others are committed and answered, and nothing of the bad one remains.
//!
//! In service only SQLite batches (PostgreSQL gives each document its own transaction), but
//! `write_batch` itself is plain SQL with savepoints, so the test runs on both backends.

use caisse_core::tender::TenderKind;
use caisse_store::idempotency::{self, IdempotencyRow};
use caisse_store::testing::{all_backends, query_i64};
use tokio::sync::oneshot;
use uuid::Uuid;

use super::write_batch;
use crate::auth::{NewUser, Principal, create_user};
use crate::checkout::cart::{Cart, CartLine, CartPayment, CartStatus, SaleKind};
use crate::checkout::complete::doc_job;
use crate::checkout::config::store_config;
use crate::checkout::document::DocumentStatus;
use crate::checkout::registers::{OpenDrawer, RegisterDraft, create_register, open_drawer};
use crate::{App, AppError};

/// A sale of one open-price line, paid exactly in cash.
fn cart(store_id: Uuid, register_id: Uuid, cashier_id: Uuid, price: i64) -> Cart {
    Cart {
        id: Uuid::now_v7(),
        store_id,
        register_id,
        cashier_id,
        status: CartStatus::Open,
        kind: SaleKind::Sale,
        original_sale_id: None,
        restock: true,
        approved_by: None,
        opened_at: crate::now_us(),
        version: 1,
        lines: vec![CartLine {
            line_no: 1,
            item_id: None,
            product_id: None,
            variant_id: None,
            sku: "OPEN".into(),
            description: "Open price".into(),
            unit: "each".into(),
            sold_by_weight: false,
            tax_category: "standard".into(),
            unit_price: price,
            quantity: 1000,
            price_override: None,
            override_approved_by: None,
            discount: None,
            voided: false,
            scanned_code: None,
            quantity_from_code: false,
            lot: None,
            expiry: None,
            serial: None,
            original_line_no: None,
        }],
        discount: None,
        tax_exempt_ref: None,
        payments: vec![CartPayment {
            id: Uuid::now_v7(),
            kind: TenderKind::Cash,
            tendered: price,
            card_brand: None,
            card_last4: None,
            auth_code: None,
            terminal_ref: None,
            key: None,
            recorded: false,
            at: crate::now_us(),
            voided_by: None,
        }],
        keys: Default::default(),
    }
}

/// An owner and a register with its drawer open.
async fn till(app: &App, store_id: Uuid) -> (Principal, Uuid) {
    let owner = NewUser {
        login: "olivia".into(),
        display_name: None,
        role: "owner".into(),
        password: "owner-pass".into(),
        pin: None,
    };
    let user = create_user(app, store_id, None, owner).await.expect("user");
    let who = Principal::system(store_id, user.id);
    let draft = RegisterDraft {
        code: "T1".into(),
        name: "Till 1".into(),
        printer: None,
        receipt_width: None,
    };
    let reg = create_register(app, &who, draft)
        .await
        .expect("register")
        .id;
    let float = OpenDrawer {
        float: Some(0.into()),
        count: None,
    };
    open_drawer(app, &who, reg, float).await.expect("drawer");
    (who, reg)
}

async fn count(app: &App, sql: &str) -> i64 {
    query_i64(&app.db, sql).await.expect(sql)
}

#[tokio::test]
async fn a_bad_document_in_a_batch_fails_alone_and_leaves_nothing_behind() {
    for (_, test_db) in all_backends().await {
        let (app, store) = crate::test_support::app_with_store(&test_db.db).await;
        let (who, reg) = till(&app, store.id).await;
        let user = who.user_id;
        let cfg = store_config(&app, store.id).await.expect("config");

        let carts: Vec<Cart> = (1..=4)
            .map(|n| cart(store.id, reg, user, 100 * n))
            .collect();
        let bad = carts[2].id;
        // Another server already completed a sale under the third document's key: that
        // document's stored answer clashes with it, after its sale, lines, tenders, journal
        // entry and event were written.
        let mut tx = app.db.begin().await.expect("tx");
        let taken = IdempotencyRow {
            store_id: store.id,
            key: "key-2".into(),
            scope: "complete:elsewhere".into(),
            request_hash: "other".into(),
            status: 200,
            response: "{}".into(),
            created_at: crate::now_us(),
        };
        idempotency::insert_many(&mut tx, &[taken])
            .await
            .expect("key");
        tx.commit().await.expect("commit");

        // The carts are stored, as the till's requests stored them.
        let mut tx = app.db.begin().await.expect("tx");
        let rows: Vec<_> = carts
            .iter()
            .map(|c| crate::checkout::cart::row_of(c).expect("row"))
            .collect();
        caisse_store::sales::insert_carts(&mut tx, &rows)
            .await
            .expect("carts");
        tx.commit().await.expect("commit");

        let mut batch = Vec::new();
        let mut answers = Vec::new();
        for (i, c) in carts.iter().enumerate() {
            let priced = c.price(&cfg).expect("prices");
            let settlement = c.settlement(&cfg, priced.total).expect("settles");
            assert!(settlement.settled);
            let key = format!("key-{i}");
            let job = doc_job(
                &app,
                &who,
                &cfg,
                c,
                &priced,
                &settlement,
                DocumentStatus::Completed,
                Some((&key, "h")),
            )
            .await
            .expect("job");
            let (reply, answer) = oneshot::channel();
            batch.push(super::Job::Doc(Box::new(job), reply));
            answers.push(answer);
        }
        write_batch(&app.db, batch).await;
        let mut numbers = Vec::new();
        for (i, answer) in answers.into_iter().enumerate() {
            let answer = answer.await.expect("every caller is answered");
            if i == 2 {
                match answer {
                    Err(AppError::KeyTaken) => {}
                    other => panic!("the bad document must fail with its own error: {other:?}"),
                }
            } else {
                let v = answer.unwrap_or_else(|e| panic!("document {i} must be written: {e}"));
                numbers.push(v["receipt_number"].as_str().unwrap_or_default().to_owned());
            }
        }
        assert_eq!(numbers, ["T1-000001", "T1-000002", "T1-000003"], "gap-free");

        let completed = "SELECT COUNT(*) FROM sales WHERE status = 'completed'";
        assert_eq!(count(&app, completed).await, 3);
        for table in [
            "sales WHERE id",
            "sale_lines WHERE sale_id",
            "sale_taxes WHERE sale_id",
            "payments WHERE sale_id",
            "journal WHERE document_id",
        ] {
            let sql = match &app.db {
                caisse_store::Db::Sqlite(_) => {
                    format!("SELECT COUNT(*) FROM {table} = X'{}'", bad.simple())
                }
                caisse_store::Db::Postgres(_) => format!("SELECT COUNT(*) FROM {table} = '{bad}'"),
            };
            assert_eq!(
                count(&app, &sql).await,
                0,
                "nothing of the bad document: {table}"
            );
        }
        let events = "SELECT COUNT(*) FROM outbox WHERE topic = 'sale.completed'";
        assert_eq!(count(&app, events).await, 3);
        let keys = "SELECT COUNT(*) FROM idempotency_keys";
        assert_eq!(
            count(&app, keys).await,
            4,
            "the three answers and the clashing key"
        );
        let ended = "SELECT COUNT(*) FROM open_sales WHERE status = 'completed'";
        assert_eq!(count(&app, ended).await, 3);
        let reports = crate::checkout::journal::verify_all(&app.db)
            .await
            .expect("verify");
        assert_eq!(reports.len(), 1);
        // The drawer's opening and the three sales.
        assert_eq!(
            (reports[0].entries, reports[0].problem.as_deref()),
            (4, None),
            "{:?}",
            reports[0]
        );
    }
}

/// The stored version and status of a cart.
async fn stored(app: &App, id: Uuid) -> (i64, String) {
    let row = caisse_store::sales::live_carts(&app.db)
        .await
        .expect("carts")
        .into_iter()
        .find(|r| r.id == id);
    match row {
        Some(r) => (r.version, r.status),
        None => {
            let sql = match &app.db {
                caisse_store::Db::Sqlite(_) => format!(
                    "SELECT version FROM open_sales WHERE id = X'{}' AND status = 'completed'",
                    id.simple()
                ),
                caisse_store::Db::Postgres(_) => format!(
                    "SELECT version FROM open_sales WHERE id = '{id}' AND status = 'completed'"
                ),
            };
            (count(app, &sql).await, "completed".into())
        }
    }
}

/// Cart changes reach `open_sales` (on SQLite through the cart log, when the writer flushes);
/// a cart's older state written again changes nothing, and a state logged before a cart ended
/// never revives it.
#[tokio::test]
async fn stored_cart_changes_never_go_back_nor_revive_an_ended_cart() {
    use super::CartWrite;
    use caisse_store::cart_log::Pending;
    for (_, test_db) in all_backends().await {
        let (app, store) = crate::test_support::app_with_store(&test_db.db).await;
        let (who, reg) = till(&app, store.id).await;
        let cfg = store_config(&app, store.id).await.expect("config");
        let writer = &app.checkout.writer;

        let mut c = cart(store.id, reg, who.user_id, 250);
        let first = crate::checkout::cart::row_of(&c).expect("row");
        let new = CartWrite {
            row: first.clone(),
            new: true,
            payments: Vec::new(),
        };
        writer.write_cart(&app.db, new).await.expect("opened");
        c.version = 2;
        c.lines[0].quantity = 2000;
        let second = crate::checkout::cart::row_of(&c).expect("row");
        let change = CartWrite {
            row: second.clone(),
            new: false,
            payments: Vec::new(),
        };
        writer.write_cart(&app.db, change).await.expect("changed");
        writer.flush_carts(&app.db).await.expect("flushed");
        assert_eq!(stored(&app, c.id).await, (2, "open".into()));
        if let Some(log) = app.db.cart_log() {
            assert!(!log.has_pending(), "a flush leaves nothing logged");
        }

        // An older state written again (a log file read after a crash) changes nothing.
        let older = Pending {
            row: first.clone(),
            payments: Vec::new(),
        };
        let mut tx = app.db.begin().await.expect("tx");
        caisse_store::sales::write_logged(&mut tx, std::slice::from_ref(&older))
            .await
            .expect("written");
        tx.commit().await.expect("commit");
        assert_eq!(stored(&app, c.id).await, (2, "open".into()));

        // Completed (ended at version 3), then a state of version 4 logged as open, written
        // late: the sale stays completed.
        let priced = c.price(&cfg).expect("prices");
        c.payments[0].tendered = priced.total.minor();
        let settlement = c.settlement(&cfg, priced.total).expect("settles");
        let job = doc_job(
            &app,
            &who,
            &cfg,
            &c,
            &priced,
            &settlement,
            DocumentStatus::Completed,
            Some(("key-late", "h")),
        )
        .await
        .expect("job");
        let (reply, answer) = oneshot::channel();
        write_batch(&app.db, vec![super::Job::Doc(Box::new(job), reply)]).await;
        answer.await.expect("answered").expect("completed");
        assert_eq!(stored(&app, c.id).await, (3, "completed".into()));
        let mut late = second.clone();
        late.version = 4;
        let late = Pending {
            row: late,
            payments: Vec::new(),
        };
        let mut tx = app.db.begin().await.expect("tx");
        caisse_store::sales::write_logged(&mut tx, std::slice::from_ref(&late))
            .await
            .expect("written");
        tx.commit().await.expect("commit");
        assert_eq!(stored(&app, c.id).await, (3, "completed".into()));
    }
}
