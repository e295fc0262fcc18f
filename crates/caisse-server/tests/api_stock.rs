//! The stock ledger through the API, on both databases: adjustments under idempotency keys,
//! reading levels and history, reorder points and low-stock alerts, the negative-stock policy,
//! the live feed, and `verify` (on-hand equals the sum of movements) after concurrent selling.

mod support;

use std::time::{Duration, Instant};

use axum::http::StatusCode;
use serde_json::{Value, json};
use support::till::{A, B, complete, pay, sale_of, shop};
use support::{TestApp, apps, open, scan};
use uuid::Uuid;

async fn store_id(t: &TestApp, token: &str) -> Uuid {
    t.get("/api/v1/store", token).await.body["id"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap()
}

async fn item_of(t: &TestApp, token: &str, code: &str) -> String {
    let res = t
        .get(&format!("/api/v1/catalog/lookup?code={code}"), token)
        .await;
    res.body["item"]["item_id"].as_str().unwrap().to_owned()
}

async fn adjust(t: &TestApp, token: &str, key: &str, item: &str, qty: &str) -> support::Res {
    t.json_key(
        "POST",
        "/api/v1/stock/adjustments",
        token,
        key,
        json!({"reason": "correction", "lines": [{"item_id": item, "quantity": qty}]}),
    )
    .await
}

async fn on_hand(t: &TestApp, token: &str, item: &str) -> String {
    let res = t.get(&format!("/api/v1/stock/{item}"), token).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    res.body["on_hand"].as_str().unwrap().to_owned()
}

async fn count(t: &TestApp, sql: &str) -> i64 {
    caisse_store::testing::query_i64(&t.app.db, sql)
        .await
        .unwrap()
}

async fn ledger_adds_up(t: &TestApp) {
    let off = caisse_store::stock::verify(&t.app.db).await.unwrap();
    assert!(off.is_empty(), "{:?}: {off:?}", t.backend);
}

/// Sells the codes for cash and completes; returns the completion's answer.
async fn sell(t: &TestApp, cashier: &str, reg: &str, codes: &[&str], tag: &str) -> Value {
    let sale = sale_of(t, cashier, reg, codes).await;
    let res = pay(
        t,
        cashier,
        &sale,
        &format!("{tag}-p"),
        json!({"kind": "cash"}),
    )
    .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    complete(t, cashier, &sale, &format!("{tag}-c")).await
}

#[tokio::test]
async fn an_adjustment_retried_with_its_key_moves_stock_once() {
    for t in apps().await {
        let (owner, _cashier, _reg) = shop(&t).await;
        let manager = t.login("marc").await;
        let item = item_of(&t, &owner, A).await;
        let first = adjust(&t, &manager, "adj-1", &item, "12.5").await;
        assert_eq!(first.status, StatusCode::CREATED, "{}", first.body);
        assert_eq!(first.body["lines"][0]["on_hand_after"], "12.500");
        let again = adjust(&t, &manager, "adj-1", &item, "12.5").await;
        assert_eq!(again.status, StatusCode::CREATED, "{}", again.body);
        assert_eq!(again.body, first.body, "the same answer");
        assert_eq!(on_hand(&t, &manager, &item).await, "12.500");
        assert_eq!(
            count(
                &t,
                "SELECT COUNT(*) FROM stock_movements WHERE kind = 'adjustment'"
            )
            .await,
            1
        );
        let other = adjust(&t, &manager, "adj-1", &item, "3").await;
        assert_eq!(other.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(other.code(), "idempotency_key_reused");
        let keyless = t
            .json(
                "POST",
                "/api/v1/stock/adjustments",
                Some(&manager),
                json!({"reason": "damage", "lines": [{"item_id": item, "quantity": "-1"}]}),
            )
            .await;
        assert_eq!(keyless.status, StatusCode::BAD_REQUEST);
        assert_eq!(keyless.code(), "idempotency_key_missing");
        assert_eq!(
            count(
                &t,
                "SELECT COUNT(*) FROM outbox WHERE topic = 'stock.adjusted'"
            )
            .await,
            1
        );
        ledger_adds_up(&t).await;
    }
}

#[tokio::test]
async fn bad_adjustments_are_refused_and_change_nothing() {
    for t in apps().await {
        let (owner, cashier, _reg) = shop(&t).await;
        let item = item_of(&t, &owner, A).await;
        let unknown = Uuid::now_v7().to_string();
        let cases = [
            json!({"reason": "lost", "lines": [{"item_id": item, "quantity": "1"}]}),
            json!({"reason": "damage", "lines": [{"item_id": item, "quantity": "0"}]}),
            json!({"reason": "damage", "lines": [{"item_id": item, "quantity": "1.0001"}]}),
            json!({"reason": "damage", "lines": [{"item_id": unknown, "quantity": "1"}]}),
            json!({"reason": "damage", "lines": []}),
            json!({"reason": "damage", "lines": [{"item_id": item, "quantity": "1"}, {"item_id": item, "quantity": "2"}]}),
            json!({"reason": "damage", "location_id": unknown, "lines": [{"item_id": item, "quantity": "1"}]}),
            json!({"reason": "damage", "lines": [{"item_id": item, "quantity": "1", "unit_cost": -5}]}),
        ];
        for (i, body) in cases.into_iter().enumerate() {
            let res = t
                .json_key(
                    "POST",
                    "/api/v1/stock/adjustments",
                    &owner,
                    &format!("bad-{i}"),
                    body.clone(),
                )
                .await;
            assert_eq!(
                res.status,
                StatusCode::UNPROCESSABLE_ENTITY,
                "{body}: {}",
                res.body
            );
            assert_eq!(res.code(), "validation_failed", "{body}");
        }
        let res = adjust(&t, &cashier, "cashier-1", &item, "5").await;
        assert_eq!(res.status, StatusCode::FORBIDDEN, "cashiers do not adjust");
        assert_eq!(count(&t, "SELECT COUNT(*) FROM stock_movements").await, 0);
        assert_eq!(count(&t, "SELECT COUNT(*) FROM stock_documents").await, 0);
        // Cashiers may read stock.
        let res = t.get("/api/v1/stock", &cashier).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    }
}

#[tokio::test]
async fn stock_is_listed_filtered_paged_and_shown_per_location() {
    for t in apps().await {
        let (owner, cashier, reg) = shop(&t).await;
        let (a, b) = (item_of(&t, &owner, A).await, item_of(&t, &owner, B).await);
        let res = t
            .json(
                "POST",
                "/api/v1/stock/locations",
                Some(&owner),
                json!({"code": "back", "name": "Backroom"}),
            )
            .await;
        assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
        let back = res.body["id"].as_str().unwrap().to_owned();
        let res = t
            .json_key(
                "POST",
                "/api/v1/stock/adjustments",
                &owner,
                "back-1",
                json!({"reason": "correction", "location_id": back, "lines": [{"item_id": a, "quantity": "20"}]}),
            )
            .await;
        assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
        assert_eq!(adjust(&t, &owner, "floor-b", &b, "3").await.status, 201);
        sell(&t, &cashier, &reg, &[A, A, B], "s1").await;
        let res = t
            .json(
                "PUT",
                &format!("/api/v1/stock/{b}/reorder"),
                Some(&owner),
                json!({"reorder_point": "5", "order_up_to": "12"}),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        assert_eq!(res.body["below_reorder_point"], true);

        let item = t.get(&format!("/api/v1/stock/{a}"), &cashier).await.body;
        assert_eq!(item["on_hand"], "18.000", "{item}");
        let at = |code: &str| {
            item["locations"]
                .as_array()
                .unwrap()
                .iter()
                .find(|l| l["code"] == code)
                .unwrap()["on_hand"]
                .clone()
        };
        assert_eq!(at("back"), "20.000");
        assert_eq!(at("floor"), "-2.000", "sold from the floor");

        let list = t
            .get("/api/v1/stock?sort=on_hand&order=desc", &owner)
            .await
            .body;
        assert_eq!(list["total"], 2, "{list}");
        assert_eq!(list["items"][0]["item_id"], a.as_str());
        let low = t
            .get("/api/v1/stock?below_reorder_point=true", &owner)
            .await
            .body;
        assert_eq!(low["total"], 1, "{low}");
        assert_eq!(low["items"][0]["item_id"], b.as_str());
        let floor = t.get("/api/v1/stock?location_id=", &owner).await;
        assert_eq!(floor.status, StatusCode::BAD_REQUEST, "{}", floor.body);
        let negative = t.get("/api/v1/stock?negative=true", &owner).await.body;
        assert_eq!(negative["total"], 0, "the store's total of A is 18");
        let locs = t.get("/api/v1/stock/locations", &owner).await.body;
        let floor_id = locs
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["selling"] == true)
            .unwrap()["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let at_floor = t
            .get(
                &format!("/api/v1/stock?location_id={floor_id}&negative=true"),
                &owner,
            )
            .await
            .body;
        assert_eq!(at_floor["total"], 1, "{at_floor}");
        assert_eq!(at_floor["items"][0]["negative"], true);
        let found = t.get("/api/v1/stock?q=bread", &owner).await.body;
        assert_eq!(found["total"], 1, "{found}");
        let page = t
            .get("/api/v1/stock?limit=1&offset=1&sort=sku", &owner)
            .await
            .body;
        assert_eq!(page["items"].as_array().unwrap().len(), 1);
        assert_eq!(page["items"][0]["sku"], "B");
        assert_eq!(t.get("/api/v1/stock?sort=price", &owner).await.status, 422);

        // History, newest first, a page at a time.
        let first = t
            .get(&format!("/api/v1/stock/{a}/movements?limit=1"), &owner)
            .await
            .body;
        let moves = first["movements"].as_array().unwrap();
        assert_eq!(moves.len(), 1, "{first}");
        assert_eq!(moves[0]["quantity"], "-2.000", "the two scans are one line");
        let cursor = first["next_cursor"].as_str().expect("a next page");
        let rest = t
            .get(
                &format!("/api/v1/stock/{a}/movements?limit=1&cursor={cursor}"),
                &owner,
            )
            .await
            .body;
        let kinds: Vec<&str> = moves
            .iter()
            .chain(rest["movements"].as_array().unwrap())
            .map(|m| m["kind"].as_str().unwrap())
            .collect();
        assert_eq!(kinds, ["sale", "adjustment"], "{rest}");
        assert!(rest["next_cursor"].is_null(), "the last page says so");
        let bad = t
            .get(&format!("/api/v1/stock/{a}/movements?cursor=nope"), &owner)
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        ledger_adds_up(&t).await;
    }
}

#[tokio::test]
async fn a_store_that_refuses_negative_stock_refuses_the_sale_and_changes_nothing() {
    for t in apps().await {
        let (owner, cashier, reg) = shop(&t).await;
        let a = item_of(&t, &owner, A).await;
        let res = t
            .json(
                "PATCH",
                "/api/v1/stock/settings",
                Some(&owner),
                json!({"negative_stock": "refuse"}),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        assert_eq!(adjust(&t, &owner, "one-a", &a, "1").await.status, 201);

        // Early warning at the scan: one is there, not two.
        let sale = open(&t, &cashier, &reg).await;
        scan(&t, &cashier, &sale, A).await;
        let res = t
            .json(
                "POST",
                &format!("/api/v1/sales/{sale}/lines"),
                Some(&cashier),
                json!({"code": A}),
            )
            .await;
        assert_eq!(res.status, StatusCode::CONFLICT, "{}", res.body);
        assert_eq!(res.code(), "insufficient_stock");

        // Two tills each scan the last one (both pass the early check); the second to
        // complete is refused inside its transaction, and nothing of it is kept.
        let other = open(
            &t,
            &cashier,
            &support::till::register(&t, &owner, &cashier, "t2").await,
        )
        .await;
        scan(&t, &cashier, &other, A).await;
        for (s, key) in [(&sale, "p1"), (&other, "p2")] {
            let res = pay(&t, &cashier, s, key, json!({"kind": "cash"})).await;
            assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        }
        complete(&t, &cashier, &sale, "c1").await;
        let moves_before = count(&t, "SELECT COUNT(*) FROM stock_movements").await;
        let res = t
            .json_key(
                "POST",
                &format!("/api/v1/sales/{other}/complete"),
                &cashier,
                "c2",
                json!({}),
            )
            .await;
        assert_eq!(res.status, StatusCode::CONFLICT, "{}", res.body);
        assert_eq!(res.code(), "insufficient_stock");
        assert_eq!(res.body["error"]["details"]["item_id"], a.as_str());
        assert_eq!(
            count(&t, "SELECT COUNT(*) FROM stock_movements").await,
            moves_before
        );
        assert_eq!(
            count(&t, "SELECT COUNT(*) FROM sales WHERE status = 'completed'").await,
            1
        );
        assert_eq!(on_hand(&t, &owner, &a).await, "0.000");
        let still = t.get(&format!("/api/v1/sales/{other}"), &cashier).await;
        assert_eq!(still.body["status"], "open", "{}", still.body);
        // Allowing it again lets the sale through, and the level shows below zero.
        let res = t
            .json(
                "PATCH",
                "/api/v1/stock/settings",
                Some(&owner),
                json!({"negative_stock": "allow"}),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK);
        complete(&t, &cashier, &other, "c3").await;
        let item = t.get(&format!("/api/v1/stock/{a}"), &owner).await.body;
        assert_eq!(
            (item["on_hand"].as_str(), item["negative"].as_bool()),
            (Some("-1.000"), Some(true))
        );
        ledger_adds_up(&t).await;
    }
}

#[tokio::test]
async fn crossing_the_reorder_point_raises_one_alert() {
    for t in apps().await {
        let (owner, cashier, reg) = shop(&t).await;
        let a = item_of(&t, &owner, A).await;
        let res = t
            .json(
                "PUT",
                &format!("/api/v1/stock/{a}/reorder"),
                Some(&owner),
                json!({"reorder_point": "2"}),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        assert_eq!(adjust(&t, &owner, "in", &a, "4").await.status, 201);
        sell(&t, &cashier, &reg, &[A], "s1").await; // 3: above
        assert_eq!(count(&t, "SELECT COUNT(*) FROM stock_alerts").await, 0);
        sell(&t, &cashier, &reg, &[A], "s2").await; // 2: crosses
        sell(&t, &cashier, &reg, &[A], "s3").await; // 1: already below
        let alerts = t.get("/api/v1/stock/alerts", &cashier).await.body;
        let list = alerts["alerts"].as_array().unwrap();
        assert_eq!(list.len(), 1, "{alerts}");
        assert_eq!(list[0]["on_hand"], "2.000");
        assert_eq!(list[0]["item_id"], a.as_str());
        assert_eq!(
            count(&t, "SELECT COUNT(*) FROM outbox WHERE topic = 'stock.low'").await,
            1
        );
        let id = list[0]["id"].as_str().unwrap();
        let res = t
            .json(
                "POST",
                &format!("/api/v1/stock/alerts/{id}/acknowledge"),
                Some(&cashier),
                json!({}),
            )
            .await;
        assert_eq!(res.status, StatusCode::FORBIDDEN);
        let res = t
            .json(
                "POST",
                &format!("/api/v1/stock/alerts/{id}/acknowledge"),
                Some(&owner),
                json!({}),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        assert!(res.body["acknowledged_at"].is_string());
        let open = t.get("/api/v1/stock/alerts", &owner).await.body;
        assert_eq!(open["alerts"].as_array().unwrap().len(), 0);
        let all = t.get("/api/v1/stock/alerts?open=false", &owner).await.body;
        assert_eq!(all["alerts"].as_array().unwrap().len(), 1);
        // Restocked above the point and sold down again: a new crossing, a new alert.
        assert_eq!(adjust(&t, &owner, "in-2", &a, "5").await.status, 201); // 6
        sell(&t, &cashier, &reg, &[A, A, A, A], "s4").await; // 2
        assert_eq!(count(&t, "SELECT COUNT(*) FROM stock_alerts").await, 2);
        ledger_adds_up(&t).await;
    }
}

#[tokio::test]
async fn verify_finds_a_tampered_level_and_a_tampered_total() {
    for t in apps().await {
        let (owner, cashier, reg) = shop(&t).await;
        let a = item_of(&t, &owner, A).await;
        assert_eq!(adjust(&t, &owner, "in", &a, "5").await.status, 201);
        sell(&t, &cashier, &reg, &[A, B], "s1").await;
        ledger_adds_up(&t).await;
        let levels = count(&t, "SELECT COUNT(*) FROM stock_levels").await;
        assert_eq!(levels, 2, "A and B on the sales floor");
        for sql in [
            "UPDATE stock_levels SET on_hand = on_hand + 1",
            "UPDATE stock_items SET on_hand = on_hand + 7",
        ] {
            caisse_store::testing::execute_raw(&t.app.db, sql)
                .await
                .unwrap();
        }
        let off = caisse_store::stock::verify(&t.app.db).await.unwrap();
        let store = store_id(&t, &owner).await;
        let totals: Vec<_> = off.iter().filter(|d| d.location_id.is_none()).collect();
        assert_eq!(totals.len(), 2, "{off:?}");
        assert!(
            totals
                .iter()
                .all(|d| d.store_id == store && d.on_hand == d.movements + 7)
        );
        let at_locations: Vec<_> = off.iter().filter(|d| d.location_id.is_some()).collect();
        assert_eq!(at_locations.len(), 2, "{off:?}");
        assert!(at_locations.iter().all(|d| d.on_hand == d.movements + 1));
        // A movement is append-only: the ledger itself cannot be edited to match.
        let edit = caisse_store::testing::execute_raw(
            &t.app.db,
            "UPDATE stock_movements SET quantity = quantity + 7",
        )
        .await;
        assert!(edit.is_err(), "movements are append-only");
    }
}

/// Eight tills sell the same item while a manager books adjustments of it: every sale and
/// every adjustment is in the ledger once, and each level is the sum of its movements.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn eight_tills_selling_while_adjustments_are_applied_leave_a_ledger_that_adds_up() {
    for t in apps().await {
        let t = std::sync::Arc::new(t);
        let (owner, cashier, _reg) = shop(&t).await;
        let a = item_of(&t, &owner, A).await;
        let mut registers = Vec::new();
        for i in 2..=9 {
            registers.push(support::till::register(&t, &owner, &cashier, &format!("c{i}")).await);
        }
        let mut tasks = Vec::new();
        for reg in registers {
            let (t, cashier) = (t.clone(), cashier.clone());
            tasks.push(tokio::spawn(async move {
                for n in 0..6 {
                    sell(&t, &cashier, &reg, &[A], &format!("{reg}-{n}")).await;
                }
            }));
        }
        {
            let (t, owner, a) = (t.clone(), owner.clone(), a.clone());
            tasks.push(tokio::spawn(async move {
                for n in 0..10 {
                    let res = adjust(&t, &owner, &format!("adj-{n}"), &a, "2").await;
                    assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
                }
            }));
        }
        for task in tasks {
            task.await.expect("task");
        }
        // 10 × 2 in, 48 × 1 out.
        assert_eq!(on_hand(&t, &owner, &a).await, "-28.000");
        assert_eq!(count(&t, "SELECT COUNT(*) FROM stock_movements").await, 58);
        ledger_adds_up(&t).await;
    }
}

#[tokio::test]
async fn level_changes_reach_the_live_feed() {
    for t in apps().await {
        let (owner, cashier, reg) = shop(&t).await;
        let a = item_of(&t, &owner, A).await;
        let who = caisse_app::auth::Principal::system(store_id(&t, &owner).await, Uuid::nil());
        let mut feed =
            caisse_app::stock::feed::level_changes(&t.app, &who, Duration::from_millis(200))
                .await
                .unwrap();
        assert_eq!(adjust(&t, &owner, "in", &a, "3").await.status, 201);
        sell(&t, &cashier, &reg, &[A], "s1").await;
        let deadline = Instant::now() + Duration::from_secs(20);
        let mut seen = Vec::new();
        while !seen.contains(&"2.000".to_owned()) {
            let left = deadline.saturating_duration_since(Instant::now());
            let event = tokio::time::timeout(left, feed.recv())
                .await
                .expect("a level change before the deadline")
                .expect("the feed is open");
            if event.item_id.to_string() == a {
                seen.push(event.on_hand);
            }
        }
        assert_eq!(seen.last().map(String::as_str), Some("2.000"), "{seen:?}");
        // The HTTP route answers a stream to who may read stock, and not to anyone else.
        let res = t.get("/api/v1/stock/events", "no-such-token").await;
        assert_eq!(res.status, StatusCode::UNAUTHORIZED);
    }
}
