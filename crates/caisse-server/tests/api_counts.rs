//! Stock counts through the API, on both databases: a count's life (open, scans, the variance
//! report, apply under an idempotency key), sales made while counting, blind counts, codes
//! that count nothing, transitions that are refused, and who may count and apply.

mod support;

use axum::http::StatusCode;
use serde_json::{Value, json};
use support::till::{A, complete, pay, sale_of, shop};
use support::{Res, TestApp, apps, product};

/// Crayons (cost 4.50) and glue (cost 1.20), found by SKU.
async fn stationery(t: &TestApp, owner: &str) -> (String, String) {
    let mut ids = Vec::new();
    for (sku, name, price, cost) in [("CR-1", "Crayons", 600, 450), ("GL-1", "Glue", 250, 120)] {
        let mut p = product(sku, name, price, &[]);
        p["cost"] = json!({"amount": cost, "currency": "EUR"});
        let res = t.create_product(owner, p).await;
        assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
        ids.push(res.body["id"].as_str().unwrap().to_owned());
    }
    (ids[0].clone(), ids[1].clone())
}

async fn adjust(t: &TestApp, token: &str, key: &str, item: &str, qty: &str) {
    let res = t
        .json_key(
            "POST",
            "/api/v1/stock/adjustments",
            token,
            key,
            json!({"reason": "correction", "lines": [{"item_id": item, "quantity": qty}]}),
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
}

async fn on_hand(t: &TestApp, token: &str, item: &str) -> String {
    let res = t.get(&format!("/api/v1/stock/{item}"), token).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    res.body["on_hand"].as_str().unwrap().to_owned()
}

async fn open_count(t: &TestApp, token: &str, body: Value) -> Res {
    t.json("POST", "/api/v1/stock/counts", Some(token), body)
        .await
}

async fn new_count(t: &TestApp, token: &str, body: Value) -> String {
    let res = open_count(t, token, body).await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
    assert_eq!(res.body["status"], "open");
    res.body["id"].as_str().unwrap().to_owned()
}

async fn scan(t: &TestApp, token: &str, count: &str, key: &str, body: Value) -> Res {
    t.json_key(
        "POST",
        &format!("/api/v1/stock/counts/{count}/scans"),
        token,
        key,
        body,
    )
    .await
}

/// Scans a code `n` times (keys `<tag>-<i>`); returns the last answer.
async fn scan_times(
    t: &TestApp,
    token: &str,
    count: &str,
    code: &str,
    n: usize,
    tag: &str,
) -> Value {
    let mut last = Value::Null;
    for i in 0..n {
        let res = scan(
            t,
            token,
            count,
            &format!("{tag}-{i}"),
            json!({"code": code}),
        )
        .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        assert_eq!(res.body["outcome"], "counted", "{}", res.body);
        last = res.body;
    }
    last
}

async fn apply(t: &TestApp, token: &str, count: &str, key: &str, body: Value) -> Res {
    t.json_key(
        "POST",
        &format!("/api/v1/stock/counts/{count}/apply"),
        token,
        key,
        body,
    )
    .await
}

async fn cancel(t: &TestApp, token: &str, count: &str) -> Res {
    t.json(
        "POST",
        &format!("/api/v1/stock/counts/{count}/cancel"),
        Some(token),
        json!({}),
    )
    .await
}

async fn sell(t: &TestApp, cashier: &str, reg: &str, codes: &[&str], tag: &str) {
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
    complete(t, cashier, &sale, &format!("{tag}-c")).await;
}

async fn ledger_adds_up(t: &TestApp) {
    let off = caisse_store::stock::verify(&t.app.db).await.unwrap();
    assert!(off.is_empty(), "{:?}: {off:?}", t.backend);
}

async fn count_rows(t: &TestApp, sql: &str) -> i64 {
    caisse_store::testing::query_i64(&t.app.db, sql)
        .await
        .unwrap()
}

/// The hand-checked case. Crayons: 10 on hand, 9 really on the shelf (one went missing).
/// The counter scans 4, a customer buys 2 of the counted ones, the counter scans the other 5:
/// counted 9 against the 10 on hand when the crayons were first counted, a variance of -1
/// (-4.50 at cost). Applied, on hand is 8 - 1 = 7: the 7 left on the shelf. (Measured against
/// the on-hand at apply time, 9 - 8 = +1 would have put the two sold crayons back.)
/// Glue: 5 on hand, 3 found, set by hand: -2 (-2.40). Apples: 2 on hand, never counted: left
/// alone and listed.
#[tokio::test]
async fn a_sale_made_after_an_item_was_counted_does_not_distort_its_variance() {
    for t in apps().await {
        let (owner, cashier, reg) = shop(&t).await;
        let manager = t.login("marc").await;
        let (crayons, glue) = stationery(&t, &owner).await;
        let apples = t
            .get(&format!("/api/v1/catalog/lookup?code={A}"), &owner)
            .await
            .body["item"]["item_id"]
            .as_str()
            .unwrap()
            .to_owned();
        adjust(&t, &manager, "a1", &crayons, "10").await;
        adjust(&t, &manager, "a2", &glue, "5").await;
        adjust(&t, &manager, "a3", &apples, "2").await;

        let count = new_count(&t, &manager, json!({"note": "shelf 3"})).await;
        let first = scan_times(&t, &manager, &count, "CR-1", 4, "cr-a").await;
        assert_eq!(first["line"]["counted"], "4.000");
        assert_eq!(first["line"]["expected"], "10.000");
        sell(&t, &cashier, &reg, &["CR-1", "CR-1"], "s1").await;
        assert_eq!(on_hand(&t, &manager, &crayons).await, "8.000");
        let last = scan_times(&t, &manager, &count, "CR-1", 5, "cr-b").await;
        assert_eq!(last["line"]["counted"], "9.000");
        assert_eq!(last["line"]["expected"], "10.000", "later scans keep it");
        assert_eq!(last["line"]["variance"], "-1.000");
        assert_eq!(last["line"]["scans"], 9);
        let set = scan(
            &t,
            &manager,
            &count,
            "gl-1",
            json!({"item_id": glue, "mode": "set", "quantity": "3"}),
        )
        .await;
        assert_eq!(set.status, StatusCode::OK, "{}", set.body);
        assert_eq!(set.body["line"]["counted"], "3.000");

        // A phone that reloads gets the whole count back.
        let shown = t
            .get(&format!("/api/v1/stock/counts/{count}"), &manager)
            .await;
        assert_eq!(shown.status, StatusCode::OK, "{}", shown.body);
        assert_eq!(shown.body["status"], "counting");
        assert_eq!(shown.body["lines"].as_array().unwrap().len(), 2);
        assert_eq!(shown.body["lines"][0]["name"], "Glue", "last counted first");

        let report = t
            .get(&format!("/api/v1/stock/counts/{count}/variance"), &manager)
            .await;
        assert_eq!(report.status, StatusCode::OK, "{}", report.body);
        let r = &report.body;
        assert_eq!(r["currency"], "EUR");
        assert_eq!(r["lines"][0]["name"], "Crayons");
        assert_eq!(r["lines"][0]["counted"], "9.000");
        assert_eq!(r["lines"][0]["expected"], "10.000");
        assert_eq!(r["lines"][0]["variance"], "-1.000");
        assert_eq!(r["lines"][0]["on_hand_now"], "8.000");
        assert_eq!(r["lines"][0]["variance_value"], -450);
        assert_eq!(r["lines"][1]["name"], "Glue");
        assert_eq!(r["lines"][1]["variance"], "-2.000");
        assert_eq!(r["lines"][1]["variance_value"], -240);
        assert_eq!(r["lines_short"], 2);
        assert_eq!(r["value_short"], -690);
        assert_eq!(r["value_over"], 0);
        assert_eq!(r["value_net"], -690);
        assert_eq!(r["uncounted"].as_array().unwrap().len(), 1, "{r}");
        assert_eq!(r["uncounted"][0]["name"], "Apples");
        assert_eq!(r["uncounted"][0]["on_hand"], "2.000");

        let applied = apply(&t, &manager, &count, "apply-1", json!({})).await;
        assert_eq!(applied.status, StatusCode::OK, "{}", applied.body);
        assert_eq!(applied.body["status"], "applied");
        assert_eq!(applied.body["movements"], 2);
        assert_eq!(applied.body["uncounted_policy"], "leave");
        assert_eq!(on_hand(&t, &manager, &crayons).await, "7.000");
        assert_eq!(on_hand(&t, &manager, &glue).await, "3.000");
        assert_eq!(on_hand(&t, &manager, &apples).await, "2.000", "left alone");

        let again = apply(&t, &manager, &count, "apply-1", json!({})).await;
        assert_eq!(again.status, StatusCode::OK, "{}", again.body);
        assert_eq!(
            again.body, applied.body,
            "the same answer, nothing booked twice"
        );
        assert_eq!(on_hand(&t, &manager, &crayons).await, "7.000");
        let other_key = apply(&t, &manager, &count, "apply-2", json!({})).await;
        assert_eq!(other_key.status, StatusCode::CONFLICT, "{}", other_key.body);
        assert_eq!(other_key.code(), "count_closed");
        let reused = apply(
            &t,
            &manager,
            &count,
            "apply-1",
            json!({"uncounted": "zero"}),
        )
        .await;
        assert_eq!(reused.code(), "idempotency_key_reused");
        assert_eq!(
            count_rows(
                &t,
                "SELECT COUNT(*) FROM stock_movements WHERE kind = 'count'"
            )
            .await,
            2
        );
        assert_eq!(
            count_rows(
                &t,
                "SELECT COUNT(*) FROM stock_documents WHERE kind = 'count'"
            )
            .await,
            1
        );
        assert_eq!(
            count_rows(
                &t,
                "SELECT COUNT(*) FROM outbox WHERE topic = 'stock.counted'"
            )
            .await,
            1
        );
        let late = scan(&t, &manager, &count, "late", json!({"code": "CR-1"})).await;
        assert_eq!(late.status, StatusCode::CONFLICT, "{}", late.body);
        assert_eq!(late.code(), "count_closed");
        let history = t
            .get(&format!("/api/v1/stock/{crayons}/movements"), &manager)
            .await;
        assert_eq!(
            history.body["movements"][0]["kind"], "count",
            "{}",
            history.body
        );
        ledger_adds_up(&t).await;
    }
}

#[tokio::test]
async fn a_blind_count_hides_expected_quantities_from_the_counters() {
    for t in apps().await {
        let (owner, cashier, _reg) = shop(&t).await;
        let manager = t.login("marc").await;
        let (crayons, _glue) = stationery(&t, &owner).await;
        adjust(&t, &manager, "a1", &crayons, "6").await;
        let set = t
            .json(
                "PATCH",
                "/api/v1/stock/settings",
                Some(&manager),
                json!({"cashiers_may_count": true}),
            )
            .await;
        assert_eq!(set.status, StatusCode::OK, "{}", set.body);
        assert_eq!(set.body["cashiers_may_count"], true);
        let count = new_count(&t, &cashier, json!({"blind": true})).await;
        let answer = scan_times(&t, &cashier, &count, "CR-1", 2, "b").await;
        assert_eq!(answer["line"]["counted"], "2.000");
        assert!(answer["line"]["expected"].is_null(), "{answer}");
        assert!(answer["line"]["variance"].is_null(), "{answer}");
        for token in [&cashier, &manager] {
            let shown = t.get(&format!("/api/v1/stock/counts/{count}"), token).await;
            assert_eq!(shown.body["blind"], true);
            assert!(
                shown.body["lines"][0]["expected"].is_null(),
                "{}",
                shown.body
            );
            assert!(shown.body["lines"][0]["variance"].is_null());
            assert!(!shown.body.to_string().contains("6.000"), "{}", shown.body);
        }
        let peek = t
            .get(&format!("/api/v1/stock/counts/{count}/variance"), &cashier)
            .await;
        assert_eq!(peek.status, StatusCode::FORBIDDEN, "{}", peek.body);
        let report = t
            .get(&format!("/api/v1/stock/counts/{count}/variance"), &manager)
            .await;
        assert_eq!(report.body["lines"][0]["expected"], "6.000");
        assert_eq!(report.body["lines"][0]["variance"], "-4.000");
        assert_eq!(report.body["lines"][0]["variance_value"], -1800);
    }
}

#[tokio::test]
async fn codes_that_count_nothing_are_collected_and_a_scan_sent_again_counts_once() {
    for t in apps().await {
        let (owner, _cashier, _reg) = shop(&t).await;
        let manager = t.login("marc").await;
        let cat = t
            .json(
                "POST",
                "/api/v1/categories",
                Some(&owner),
                json!({"name": "Office"}),
            )
            .await;
        assert_eq!(cat.status, StatusCode::CREATED, "{}", cat.body);
        let mut p = product("PEN-1", "Pen", 150, &[]);
        p["category_id"] = cat.body["id"].clone();
        assert_eq!(
            t.create_product(&owner, p).await.status,
            StatusCode::CREATED
        );
        let count = new_count(
            &t,
            &manager,
            json!({"scope": "category", "category_id": cat.body["id"]}),
        )
        .await;
        let first = scan(&t, &manager, &count, "k1", json!({"code": "PEN-1"})).await;
        assert_eq!(first.body["line"]["counted"], "1.000", "{}", first.body);
        let again = scan(&t, &manager, &count, "k1", json!({"code": "PEN-1"})).await;
        assert_eq!(again.status, StatusCode::OK, "{}", again.body);
        assert_eq!(again.body["repeated"], true);
        assert_eq!(again.body["line"]["counted"], "1.000", "counted once");
        let reused = scan(&t, &manager, &count, "k1", json!({"code": "NOPE-9"})).await;
        assert_eq!(reused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(reused.code(), "idempotency_key_reused");
        let keyless = t
            .json(
                "POST",
                &format!("/api/v1/stock/counts/{count}/scans"),
                Some(&manager),
                json!({"code": "PEN-1"}),
            )
            .await;
        assert_eq!(keyless.code(), "idempotency_key_missing");

        for (key, code, outcome) in [
            ("k2", "NOPE-9", "unknown"),
            ("k3", "NOPE-9", "unknown"),
            ("k4", "4006381333932", "invalid"),
            ("k5", A, "out_of_scope"),
        ] {
            let res = scan(&t, &manager, &count, key, json!({"code": code})).await;
            assert_eq!(res.status, StatusCode::OK, "{}", res.body);
            assert_eq!(res.body["outcome"], outcome, "{code}: {}", res.body);
            assert!(res.body["line"].is_null());
            assert!(res.body["message"].is_string());
        }
        let shown = t
            .get(&format!("/api/v1/stock/counts/{count}"), &manager)
            .await;
        let unmatched = shown.body["unmatched"].as_array().unwrap();
        assert_eq!(unmatched.len(), 3, "{}", shown.body);
        let nope = unmatched.iter().find(|u| u["code"] == "NOPE-9").unwrap();
        assert_eq!(nope["scans"], 2);
        assert_eq!(nope["outcome"], "unknown");
        assert!(
            unmatched
                .iter()
                .any(|u| u["code"] == A && u["outcome"] == "out_of_scope")
        );
        assert_eq!(shown.body["lines"].as_array().unwrap().len(), 1);
        assert_eq!(
            count_rows(&t, "SELECT COUNT(*) FROM stock_count_scans").await,
            5
        );
    }
}

#[tokio::test]
async fn bad_requests_and_invalid_transitions_are_refused_and_change_nothing() {
    for t in apps().await {
        let (owner, _cashier, _reg) = shop(&t).await;
        let manager = t.login("marc").await;
        let (crayons, glue) = stationery(&t, &owner).await;
        for (body, field) in [
            (json!({"scope": "shelf"}), "scope"),
            (json!({"scope": "category"}), "category_id"),
            (json!({"scope": "items"}), "item_ids"),
            (
                json!({"scope": "items", "item_ids": [crayons, crayons]}),
                "item_ids[1]",
            ),
            (
                json!({"scope": "items", "item_ids": [uuid::Uuid::nil()]}),
                "item_ids[0]",
            ),
            (json!({"item_ids": [crayons]}), "item_ids"),
            (json!({"location_id": uuid::Uuid::nil()}), "location_id"),
            (json!({"note": "x".repeat(201)}), "note"),
        ] {
            let res = open_count(&t, &manager, body.clone()).await;
            assert_eq!(
                res.status,
                StatusCode::UNPROCESSABLE_ENTITY,
                "{body}: {}",
                res.body
            );
            assert!(
                support::invalid_fields(&res).contains(&field.to_owned()),
                "{body}: {}",
                res.body
            );
        }
        assert_eq!(count_rows(&t, "SELECT COUNT(*) FROM stock_counts").await, 0);

        let count = new_count(
            &t,
            &manager,
            json!({"scope": "items", "item_ids": [crayons, glue]}),
        )
        .await;
        for (body, field) in [
            (json!({}), "code"),
            (json!({"code": "CR-1", "item_id": crayons}), "code"),
            (json!({"code": "CR-1", "quantity": "0"}), "quantity"),
            (json!({"code": "CR-1", "quantity": "-1"}), "quantity"),
            (json!({"code": "CR-1", "quantity": "1.2345"}), "quantity"),
            (json!({"code": "CR-1", "mode": "set"}), "quantity"),
            (json!({"code": "CR-1", "mode": "swap"}), "mode"),
            (json!({"item_id": uuid::Uuid::nil()}), "item_id"),
        ] {
            let res = scan(&t, &manager, &count, "bad", body.clone()).await;
            assert_eq!(
                res.status,
                StatusCode::UNPROCESSABLE_ENTITY,
                "{body}: {}",
                res.body
            );
            assert!(
                support::invalid_fields(&res).contains(&field.to_owned()),
                "{body}: {}",
                res.body
            );
        }
        assert_eq!(
            count_rows(&t, "SELECT COUNT(*) FROM stock_count_scans").await,
            0
        );
        let bad = apply(&t, &manager, &count, "ap", json!({"uncounted": "drop"})).await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.body);
        let missing = t
            .get(
                &format!("/api/v1/stock/counts/{}", uuid::Uuid::nil()),
                &manager,
            )
            .await;
        assert_eq!(missing.status, StatusCode::NOT_FOUND);

        let done = cancel(&t, &manager, &count).await;
        assert_eq!(done.status, StatusCode::OK, "{}", done.body);
        assert_eq!(done.body["status"], "cancelled");
        let twice = cancel(&t, &manager, &count).await;
        assert_eq!(twice.status, StatusCode::CONFLICT);
        assert_eq!(twice.code(), "count_closed");
        let late = scan(&t, &manager, &count, "late", json!({"code": "CR-1"})).await;
        assert_eq!(late.code(), "count_closed");
        let applied = apply(&t, &manager, &count, "ap2", json!({})).await;
        assert_eq!(applied.status, StatusCode::CONFLICT, "{}", applied.body);
        assert_eq!(applied.code(), "count_closed");
        let listed = t
            .get("/api/v1/stock/counts?status=cancelled", &manager)
            .await;
        assert_eq!(listed.body["total"], 1, "{}", listed.body);
        let bad_list = t.get("/api/v1/stock/counts?status=gone", &manager).await;
        assert_eq!(bad_list.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            count_rows(
                &t,
                "SELECT COUNT(*) FROM stock_movements WHERE kind = 'count'"
            )
            .await,
            0
        );
    }
}

#[tokio::test]
async fn cashiers_count_only_when_the_store_allows_it_and_never_apply() {
    for t in apps().await {
        let (owner, cashier, _reg) = shop(&t).await;
        let manager = t.login("marc").await;
        let (crayons, _glue) = stationery(&t, &owner).await;
        adjust(&t, &manager, "a1", &crayons, "3").await;
        let refused = open_count(&t, &cashier, json!({})).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.body);
        let count = new_count(&t, &manager, json!({})).await;
        let refused = scan(&t, &cashier, &count, "c1", json!({"code": "CR-1"})).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.body);
        let refused = t
            .json(
                "PATCH",
                "/api/v1/stock/settings",
                Some(&cashier),
                json!({"cashiers_may_count": true}),
            )
            .await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
        let set = t
            .json(
                "PATCH",
                "/api/v1/stock/settings",
                Some(&owner),
                json!({"cashiers_may_count": true}),
            )
            .await;
        assert_eq!(set.status, StatusCode::OK, "{}", set.body);
        let ok = scan(&t, &cashier, &count, "c1", json!({"code": "CR-1"})).await;
        assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
        let refused = apply(&t, &cashier, &count, "c-apply", json!({})).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
        let refused = t
            .json(
                "POST",
                &format!("/api/v1/stock/counts/{count}/cancel"),
                Some(&cashier),
                json!({}),
            )
            .await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
        assert_eq!(on_hand(&t, &manager, &crayons).await, "3.000");
        let listed = t.get("/api/v1/stock/counts", &cashier).await;
        assert_eq!(listed.body["total"], 1, "{}", listed.body);
    }
}

#[tokio::test]
async fn items_nobody_counted_go_to_zero_when_the_manager_says_so() {
    for t in apps().await {
        let (owner, _cashier, _reg) = shop(&t).await;
        let manager = t.login("marc").await;
        let (crayons, glue) = stationery(&t, &owner).await;
        adjust(&t, &manager, "a1", &crayons, "4").await;
        adjust(&t, &manager, "a2", &glue, "5").await;
        let count = new_count(
            &t,
            &manager,
            json!({"scope": "items", "item_ids": [crayons, glue]}),
        )
        .await;
        // Weighed or big piles: a quantity added at once.
        let res = scan(
            &t,
            &manager,
            &count,
            "q",
            json!({"code": "CR-1", "quantity": "4.5"}),
        )
        .await;
        assert_eq!(res.body["line"]["counted"], "4.500", "{}", res.body);
        let applied = apply(&t, &manager, &count, "z", json!({"uncounted": "zero"})).await;
        assert_eq!(applied.status, StatusCode::OK, "{}", applied.body);
        assert_eq!(applied.body["movements"], 2);
        assert_eq!(applied.body["uncounted"][0]["name"], "Glue");
        assert_eq!(applied.body["uncounted"][0]["value"], 600);
        assert_eq!(on_hand(&t, &manager, &crayons).await, "4.500");
        assert_eq!(on_hand(&t, &manager, &glue).await, "0.000");
        ledger_adds_up(&t).await;
    }
}

/// Eight tills sell apples while a manager counts them and applies the count: every sale and
/// the count are in the ledger once, each level is the sum of its movements, and the final
/// on-hand is what the shelf had when counted, less the sales made after it.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn eight_tills_selling_while_a_count_is_applied_leave_a_ledger_that_adds_up() {
    for t in apps().await {
        let t = std::sync::Arc::new(t);
        let (owner, cashier, _reg) = shop(&t).await;
        let manager = t.login("marc").await;
        let apples = t
            .get(&format!("/api/v1/catalog/lookup?code={A}"), &owner)
            .await
            .body["item"]["item_id"]
            .as_str()
            .unwrap()
            .to_owned();
        adjust(&t, &manager, "a1", &apples, "100").await;
        let count = new_count(&t, &manager, json!({})).await;
        let tasks = support::till::eight_tills_selling(&t, &owner, &cashier, A, 6).await;
        let counting = {
            let (t, manager, count) = (t.clone(), manager.clone(), count.clone());
            tokio::spawn(async move {
                let set = scan(
                    &t,
                    &manager,
                    &count,
                    "set",
                    json!({"code": A, "mode": "set", "quantity": "90"}),
                )
                .await;
                assert_eq!(set.status, StatusCode::OK, "{}", set.body);
                let applied = apply(&t, &manager, &count, "apply", json!({})).await;
                assert_eq!(applied.status, StatusCode::OK, "{}", applied.body);
                applied.body
            })
        };
        for task in tasks {
            task.await.expect("till");
        }
        let applied = counting.await.expect("count");
        let expected: i64 = applied["lines"][0]["expected"]
            .as_str()
            .unwrap()
            .trim_end_matches(".000")
            .parse()
            .unwrap();
        assert!((52..=100).contains(&expected), "{applied}");
        // 100 in, 48 sold, and the count's variance (90 found against `expected` then).
        let want = 100 - 48 + (90 - expected);
        assert_eq!(on_hand(&t, &manager, &apples).await, format!("{want}.000"));
        assert_eq!(
            count_rows(
                &t,
                "SELECT COUNT(*) FROM stock_movements WHERE kind = 'sale'"
            )
            .await,
            48
        );
        ledger_adds_up(&t).await;
    }
}
