//! PostgreSQL takes concurrent writers: completions lock shared rows (stock levels) in one
//! order, and a transaction the database rolls back for a deadlock or a serialization failure
//! is run again inside the same idempotency key. SQLite writes one transaction at a time, so
//! these tests only have something to show on PostgreSQL.

mod support;

use std::time::{Duration, Instant};

use caisse_store::stock::{self, MovementRow};
use caisse_store::testing::{execute_raw, execute_raw_in, query_i64};
use caisse_store::{Backend, Db};
use serde_json::json;
use support::till::{A, B, complete, pay, sale_of, shop};
use support::{TestApp, apps};
use uuid::Uuid;

/// The item and product ids of a code.
async fn ids(t: &TestApp, token: &str, code: &str) -> (Uuid, Uuid) {
    let r = t
        .get(&format!("/api/v1/catalog/lookup?code={code}"), token)
        .await;
    let id = |field: &str| -> Uuid { r.body["item"][field].as_str().unwrap().parse().unwrap() };
    (id("item_id"), id("product_id"))
}

fn moves(store: Uuid, location: Uuid, items: &[(Uuid, Uuid)]) -> Vec<MovementRow> {
    items
        .iter()
        .map(|(item, product)| MovementRow {
            id: Uuid::now_v7(),
            store_id: store,
            location_id: location,
            item_id: *item,
            product_id: *product,
            quantity: -1000,
            kind: "sale".into(),
            reason: None,
            unit_cost: None,
            document_id: None,
            line_no: None,
            user_id: None,
            occurred_at: caisse_app::now_us(),
        })
        .collect()
}

/// Waits until `n` sessions of this database wait for a row lock.
async fn until_waiting(db: &Db, n: i64) {
    const SQL: &str = "SELECT CAST(COUNT(*) AS BIGINT) FROM pg_stat_activity \
        WHERE datname = current_database() AND wait_event_type = 'Lock' \
        AND query LIKE 'INSERT INTO stock_levels%'";
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let waiting = query_i64(db, SQL).await.expect("pg_stat_activity");
        if waiting >= n {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "{waiting} of {n} writers waiting"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test]
async fn stock_rows_are_locked_in_one_order_whatever_the_scan_order() {
    for t in apps().await {
        if t.backend != Backend::Postgres {
            continue; // one writer at a time: no lock order to get wrong
        }
        let (owner, cashier, reg) = shop(&t).await;
        let store: Uuid = t.get("/api/v1/auth/me", &owner).await.body["store"]["id"]
            .as_str()
            .unwrap()
            .parse()
            .unwrap();
        // One sale of each item, so both have a stock level row to lock.
        let sale = sale_of(&t, &cashier, &reg, &[A, B]).await;
        let paid = pay(&t, &cashier, &sale, "p0", json!({"kind": "cash"})).await;
        assert_eq!(paid.status, 200, "{}", paid.body);
        complete(&t, &cashier, &sale, "c0").await;
        let a = ids(&t, &owner, A).await;
        let b = ids(&t, &owner, B).await;

        // Someone holds item A's level row; two tills then move A and B, scanned in opposite
        // orders, and both queue for it. Locking in scan order, the one that gets A next would
        // wait for B, held by the other, which waits for A: a deadlock.
        let db = t.app.db.clone();
        let location = caisse_store::stock_setup::policy(&db, store)
            .await
            .unwrap()
            .selling_location_id
            .unwrap();
        let mut holder = db.begin().await.expect("begin");
        execute_raw_in(
            &mut holder,
            &format!(
                "SELECT on_hand FROM stock_levels WHERE store_id = '{store}' AND item_id = '{}' FOR UPDATE",
                a.0
            ),
        )
        .await
        .expect("lock A");
        let till = |order: Vec<(Uuid, Uuid)>| {
            let db = db.clone();
            tokio::spawn(async move {
                let mut tx = db.begin().await?;
                stock::apply(&mut tx, &moves(store, location, &order)).await?;
                tx.commit().await
            })
        };
        let first = till(vec![a, b]);
        until_waiting(&db, 1).await;
        let second = till(vec![b, a]);
        until_waiting(&db, 2).await;
        holder.commit().await.expect("release A");
        for (name, task) in [("A then B", first), ("B then A", second)] {
            let outcome = task.await.expect("task");
            assert!(outcome.is_ok(), "the till scanning {name}: {outcome:?}");
        }
        let on_hand = stock::on_hand(&db, store, a.0).await.unwrap();
        assert_eq!(
            on_hand,
            stock::movements_sum(&db, store, a.0).await.unwrap()
        );
    }
}

#[tokio::test]
async fn a_completion_that_meets_a_deadlock_is_run_again_under_its_key() {
    for t in apps().await {
        if t.backend != Backend::Postgres {
            continue; // SQLite never rolls a transaction back for a deadlock
        }
        let (_owner, cashier, reg) = shop(&t).await;
        // The database rolls the first attempt to store a sale back as a deadlock victim
        // (a sequence is not transactional, so the second attempt goes through).
        execute_raw(
            &t.app.db,
            "CREATE SEQUENCE fail_once; \
             CREATE FUNCTION fail_once() RETURNS trigger AS $$ BEGIN \
               IF nextval('fail_once') = 1 THEN \
                 RAISE EXCEPTION 'simulated deadlock' USING ERRCODE = 'deadlock_detected'; \
               END IF; RETURN NEW; END $$ LANGUAGE plpgsql; \
             CREATE TRIGGER sales_fail_once BEFORE INSERT ON sales \
               FOR EACH ROW EXECUTE FUNCTION fail_once();",
        )
        .await
        .expect("install the failing trigger");
        let sale = sale_of(&t, &cashier, &reg, &[A]).await;
        let paid = pay(&t, &cashier, &sale, "p1", json!({"kind": "cash"})).await;
        assert_eq!(paid.status, 200, "{}", paid.body);
        let done = complete(&t, &cashier, &sale, "c1").await;
        assert_eq!(done["receipt_number"], "T1-000001", "{done}");
        let attempts = query_i64(&t.app.db, "SELECT last_value FROM fail_once")
            .await
            .unwrap();
        assert_eq!(
            attempts, 2,
            "the first attempt failed, the second stored the sale"
        );
        let again = complete(&t, &cashier, &sale, "c1").await;
        assert_eq!(again, done, "the same key gets the stored answer");
        let sales = query_i64(&t.app.db, "SELECT CAST(COUNT(*) AS BIGINT) FROM sales")
            .await
            .unwrap();
        assert_eq!(sales, 1);
    }
}
