//! Fiscal records are append-only on both backends, and the journal chain catches what a
//! person with direct access to the database could do: alter, delete or reorder entries.

mod support;

use axum::http::StatusCode;
use caisse_app::checkout::journal::verify_register;
use caisse_store::Backend;
use caisse_store::testing::{execute_raw, query_i64};
use serde_json::json;
use support::{TestApp, apps, product};

/// A register with an open drawer and `sales` completed cash sales; returns its id.
async fn register_with_sales(t: &TestApp, code: &str, sales: usize) -> uuid::Uuid {
    let owner = t.login("olivia").await;
    let cashier = t.login("chloe").await;
    let res = t
        .json(
            "POST",
            "/api/v1/registers",
            Some(&owner),
            json!({"code": code, "name": code}),
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
    let reg = res.body["id"].as_str().unwrap().to_owned();
    t.json(
        "POST",
        &format!("/api/v1/registers/{reg}/drawer/open"),
        Some(&cashier),
        json!({"float": 0}),
    )
    .await;
    let sku = format!("P{code}");
    t.create_product(&owner, product(&sku, "Thing", 310, &[]))
        .await;
    for i in 0..sales {
        let res = t
            .json(
                "POST",
                "/api/v1/sales",
                Some(&cashier),
                json!({"register_id": reg}),
            )
            .await;
        let sale = res.body["id"].as_str().unwrap().to_owned();
        let res = t
            .json(
                "POST",
                &format!("/api/v1/sales/{sale}/lines"),
                Some(&cashier),
                json!({"code": sku}),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        t.json_key(
            "POST",
            &format!("/api/v1/sales/{sale}/payments"),
            &cashier,
            &format!("{code}p{i}"),
            json!({"kind": "cash"}),
        )
        .await;
        let res = t
            .json_key(
                "POST",
                &format!("/api/v1/sales/{sale}/complete"),
                &cashier,
                &format!("{code}c{i}"),
                json!({}),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    }
    reg.parse().unwrap()
}

#[tokio::test]
async fn the_database_refuses_to_change_or_delete_fiscal_records() {
    for t in apps().await {
        register_with_sales(&t, "T1", 1).await;
        for sql in [
            "UPDATE sales SET total = 0",
            "DELETE FROM sales",
            "UPDATE sale_lines SET quantity = 0",
            "DELETE FROM sale_lines",
            "UPDATE sale_taxes SET tax = 0",
            "UPDATE payments SET amount = 0",
            "DELETE FROM payments",
            "UPDATE stock_movements SET quantity = 0",
            "DELETE FROM stock_movements",
            "UPDATE journal SET hash = 'x'",
            "DELETE FROM journal",
            "UPDATE drawer_events SET amount = 1",
            "DELETE FROM drawer_events",
        ] {
            let err = execute_raw(&t.app.db, sql).await.expect_err(sql);
            assert!(err.to_string().contains("append-only"), "{sql}: {err}");
        }
        if t.backend == Backend::Postgres {
            let err = execute_raw(&t.app.db, "TRUNCATE journal CASCADE")
                .await
                .expect_err("truncate");
            assert!(err.to_string().contains("append-only"), "{err}");
        }
        assert_eq!(
            query_i64(&t.app.db, "SELECT COUNT(*) FROM sales")
                .await
                .unwrap(),
            1
        );
        assert_eq!(
            query_i64(&t.app.db, "SELECT COUNT(*) FROM journal")
                .await
                .unwrap(),
            2
        );
    }
}

/// Lifts the append-only protection, as someone with full access to the database could.
async fn lift_protection(t: &TestApp) {
    let sql = match t.backend {
        Backend::Sqlite => "DROP TRIGGER journal_no_update; DROP TRIGGER journal_no_delete;",
        Backend::Postgres => "ALTER TABLE journal DISABLE TRIGGER USER;",
    };
    execute_raw(&t.app.db, sql)
        .await
        .expect("lift the triggers");
}

#[tokio::test]
async fn verification_finds_altered_deleted_reordered_and_truncated_entries() {
    for t in apps().await {
        let altered = register_with_sales(&t, "A", 3).await;
        let deleted = register_with_sales(&t, "D", 3).await;
        let swapped = register_with_sales(&t, "S", 3).await;
        let cut = register_with_sales(&t, "C", 3).await;
        let relinked = register_with_sales(&t, "R", 3).await;
        for reg in [altered, deleted, swapped, cut, relinked] {
            let r = verify_register(&t.app.db, reg).await.unwrap();
            assert_eq!((r.entries, r.problem.as_deref()), (4, None), "{r:?}");
        }
        lift_protection(&t).await;
        // Entry 1 is the drawer opening; 2, 3, 4 are the sales.
        execute_raw(&t.app.db, &format!(
            "UPDATE journal SET payload = replace(payload, '\"total_ttc\":\"3.10\"', '\"total_ttc\":\"0.10\"') WHERE register_id = {} AND seq = 3",
            uuid_literal(&t, altered)
        )).await.unwrap();
        execute_raw(
            &t.app.db,
            &format!(
                "DELETE FROM journal WHERE register_id = {} AND seq = 2",
                uuid_literal(&t, deleted)
            ),
        )
        .await
        .unwrap();
        let s = uuid_literal(&t, swapped);
        execute_raw(
            &t.app.db,
            &format!("UPDATE journal SET seq = -1 WHERE register_id = {s} AND seq = 2"),
        )
        .await
        .unwrap();
        execute_raw(
            &t.app.db,
            &format!("UPDATE journal SET seq = 2 WHERE register_id = {s} AND seq = 3"),
        )
        .await
        .unwrap();
        execute_raw(
            &t.app.db,
            &format!("UPDATE journal SET seq = 3 WHERE register_id = {s} AND seq = -1"),
        )
        .await
        .unwrap();
        execute_raw(
            &t.app.db,
            &format!(
                "DELETE FROM journal WHERE register_id = {} AND seq = 4",
                uuid_literal(&t, cut)
            ),
        )
        .await
        .unwrap();
        // Alter entry 3 and recompute its hash: the link from entry 4 breaks.
        let r = uuid_literal(&t, relinked);
        execute_raw(
            &t.app.db,
            &format!(
                "UPDATE journal SET hash = '{}' WHERE register_id = {r} AND seq = 3",
                "ab".repeat(32)
            ),
        )
        .await
        .unwrap();

        let check = |reg, code: &str, seq: u64| {
            let db = t.app.db.clone();
            let code = code.to_owned();
            async move {
                let r = verify_register(&db, reg).await.unwrap();
                assert_eq!(
                    (r.code.as_deref(), r.seq),
                    (Some(code.as_str()), Some(seq)),
                    "{r:?}"
                );
                assert!(r.problem.is_some());
            }
        };
        check(altered, "journal_altered", 3).await;
        check(deleted, "journal_missing", 2).await;
        check(swapped, "journal_reordered", 2).await;
        check(cut, "journal_missing", 4).await;
        // A hash that no longer matches its entry is an alteration of that entry.
        check(relinked, "journal_altered", 3).await;
    }
}

/// A UUID as a SQL literal for the backend (16-byte blob on SQLite, uuid on PostgreSQL).
fn uuid_literal(t: &TestApp, id: uuid::Uuid) -> String {
    match t.backend {
        Backend::Sqlite => format!("X'{}'", id.simple()),
        Backend::Postgres => format!("'{id}'"),
    }
}
