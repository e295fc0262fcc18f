//! Stock transfers through the API, on both databases: between two locations of a store and
//! between two stores (a short delivery, scanned on arrival, its difference recorded), sends
//! and receipts under idempotency keys, transitions that are refused, who may do what, and
//! the ledger adding up afterwards.

mod support;

use axum::http::StatusCode;
use serde_json::{Value, json};
use support::till::shop;
use support::{Res, TestApp, apps, new_store, product};

async fn make(t: &TestApp, owner: &str, sku: &str, name: &str) -> String {
    let mut p = product(sku, name, 500, &[]);
    p["cost"] = json!({"amount": 300, "currency": "EUR"});
    let res = t.create_product(owner, p).await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
    res.body["id"].as_str().unwrap().to_owned()
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

async fn stock_of(t: &TestApp, token: &str, item: &str) -> Value {
    let res = t.get(&format!("/api/v1/stock/{item}"), token).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    res.body
}

/// On hand at one location of the item's store.
fn at(stock: &Value, location: &str) -> String {
    stock["locations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["location_id"] == location)
        .map_or("0.000".into(), |l| {
            l["on_hand"].as_str().unwrap().to_owned()
        })
}

async fn draft(t: &TestApp, token: &str, body: Value) -> Res {
    t.json("POST", "/api/v1/stock/transfers", Some(token), body)
        .await
}

async fn step(t: &TestApp, token: &str, id: &str, what: &str, key: &str, body: Value) -> Res {
    t.json_key(
        "POST",
        &format!("/api/v1/stock/transfers/{id}/{what}"),
        token,
        key,
        body,
    )
    .await
}

async fn scan(t: &TestApp, token: &str, id: &str, key: &str, code: &str) -> Res {
    step(t, token, id, "scans", key, json!({"code": code})).await
}

async fn ledger_adds_up(t: &TestApp) {
    let off = caisse_store::stock::verify(&t.app.db).await.unwrap();
    assert!(off.is_empty(), "{:?}: {off:?}", t.backend);
}

async fn selling_location(t: &TestApp, token: &str) -> String {
    let res = t.get("/api/v1/stock/settings", token).await;
    res.body["selling_location_id"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn a_transfer_between_two_locations_moves_stock_once_and_adds_up() {
    for t in apps().await {
        let (owner, _cashier, _reg) = shop(&t).await;
        let manager = t.login("marc").await;
        let crayons = make(&t, &owner, "CR-1", "Crayons").await;
        adjust(&t, &manager, "a1", &crayons, "10").await;
        let floor = selling_location(&t, &manager).await;
        let back = t
            .json(
                "POST",
                "/api/v1/stock/locations",
                Some(&manager),
                json!({"code": "back", "name": "Backroom"}),
            )
            .await;
        assert_eq!(back.status, StatusCode::CREATED, "{}", back.body);
        let back = back.body["id"].as_str().unwrap().to_owned();

        let made = draft(
            &t,
            &manager,
            json!({"to_location_id": back, "lines": [{"item_id": crayons, "quantity": "4"}]}),
        )
        .await;
        assert_eq!(made.status, StatusCode::CREATED, "{}", made.body);
        assert_eq!(made.body["status"], "draft");
        let id = made.body["id"].as_str().unwrap().to_owned();
        assert_eq!(
            at(&stock_of(&t, &manager, &crayons).await, &floor),
            "10.000",
            "a draft moves nothing"
        );

        let sent = step(&t, &manager, &id, "send", "send-1", json!({})).await;
        assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
        assert_eq!(sent.body["status"], "in_transit");
        let again = step(&t, &manager, &id, "send", "send-1", json!({})).await;
        assert_eq!(
            again.body, sent.body,
            "sent again with its key: the same answer"
        );
        let other = step(&t, &manager, &id, "send", "send-2", json!({})).await;
        assert_eq!(other.status, StatusCode::CONFLICT, "{}", other.body);
        assert_eq!(other.code(), "transfer_wrong_state");
        let s = stock_of(&t, &manager, &crayons).await;
        assert_eq!(at(&s, &floor), "6.000");
        assert_eq!(
            s["on_hand"], "6.000",
            "in transit: on no shelf of the store"
        );

        for i in 0..4 {
            let res = scan(&t, &manager, &id, &format!("r{i}"), "CR-1").await;
            assert_eq!(res.status, StatusCode::OK, "{}", res.body);
            assert_eq!(res.body["outcome"], "counted");
        }
        let shown = t
            .get(&format!("/api/v1/stock/transfers/{id}"), &manager)
            .await;
        assert_eq!(shown.body["lines"][0]["scanned"], "4.000");
        assert_eq!(shown.body["lines"][0]["difference"], "0.000");
        let got = step(&t, &manager, &id, "receive", "recv-1", json!({})).await;
        assert_eq!(got.status, StatusCode::OK, "{}", got.body);
        assert_eq!(got.body["status"], "received");
        assert_eq!(got.body["lines"][0]["received"], "4.000");
        let s = stock_of(&t, &manager, &crayons).await;
        assert_eq!(at(&s, &floor), "6.000");
        assert_eq!(at(&s, &back), "4.000");
        assert_eq!(s["on_hand"], "10.000");
        let late = scan(&t, &manager, &id, "late", "CR-1").await;
        assert_eq!(late.code(), "transfer_wrong_state");
        let kinds = caisse_store::testing::query_i64(
            &t.app.db,
            "SELECT COUNT(*) FROM stock_movements WHERE kind IN ('transfer_out', 'transfer_in')",
        )
        .await
        .unwrap();
        assert_eq!(kinds, 2);
        ledger_adds_up(&t).await;
    }
}

/// Store 1 sends 5 crayons and 3 glue sticks to store 2, which finds 4 crayons: the crayons
/// line is received short by 1, glue as sent; store 2 ends with 4 and 3, store 1 with 5 and 2
/// fewer; the difference stays on the transfer for both stores to see.
#[tokio::test]
async fn a_short_delivery_between_two_stores_is_received_as_scanned_and_recorded() {
    for t in apps().await {
        let (owner, _cashier, _reg) = shop(&t).await;
        let manager = t.login("marc").await;
        let crayons = make(&t, &owner, "CR-1", "Crayons").await;
        let glue = make(&t, &owner, "GL-1", "Glue").await;
        adjust(&t, &manager, "a1", &crayons, "10").await;
        adjust(&t, &manager, "a2", &glue, "5").await;
        let other = new_store(&t, "EUR", "fr-FR", "Europe/Paris", "owner2").await;
        let other_id = t.get("/api/v1/store", &other).await.body["id"].clone();
        let their_crayons = make(&t, &other, "CR-1", "Crayons").await;
        let their_glue = make(&t, &other, "GL-1", "Glue").await;
        make(&t, &other, "PEN-1", "Pen").await;

        let lacking = draft(
            &t,
            &manager,
            json!({"to_store_id": other_id, "lines": [{"item_id": make(&t, &owner, "ONLY-1", "Only here").await, "quantity": "1"}]}),
        )
        .await;
        assert_eq!(
            lacking.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            lacking.body
        );
        assert_eq!(support::invalid_fields(&lacking), vec!["lines[0].item_id"]);

        let made = draft(
            &t,
            &manager,
            json!({"to_store_id": other_id, "note": "to the other shop", "lines": [
                {"item_id": crayons, "quantity": "5"}, {"item_id": glue, "quantity": "3"}]}),
        )
        .await;
        assert_eq!(made.status, StatusCode::CREATED, "{}", made.body);
        let id = made.body["id"].as_str().unwrap().to_owned();
        assert_eq!(made.body["lines"][0]["to_item_id"], their_crayons.as_str());
        let refused = step(&t, &other, &id, "send", "x", json!({})).await;
        assert_eq!(
            refused.status,
            StatusCode::FORBIDDEN,
            "the receiving store does not send"
        );
        let early = scan(&t, &other, &id, "e1", "CR-1").await;
        assert_eq!(
            early.code(),
            "transfer_wrong_state",
            "a draft is not received"
        );
        let sent = step(&t, &manager, &id, "send", "send-1", json!({})).await;
        assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
        assert_eq!(stock_of(&t, &manager, &crayons).await["on_hand"], "5.000");
        assert_eq!(stock_of(&t, &manager, &glue).await["on_hand"], "2.000");
        let mine = scan(&t, &manager, &id, "m1", "CR-1").await;
        assert_eq!(
            mine.status,
            StatusCode::FORBIDDEN,
            "the sending store does not receive"
        );

        for i in 0..4 {
            let res = scan(&t, &other, &id, &format!("c{i}"), "CR-1").await;
            assert_eq!(res.body["outcome"], "counted", "{}", res.body);
        }
        let res = step(
            &t,
            &other,
            &id,
            "scans",
            "g",
            json!({"code": "GL-1", "quantity": "3"}),
        )
        .await;
        assert_eq!(res.body["line"]["scanned"], "3.000", "{}", res.body);
        let again = step(
            &t,
            &other,
            &id,
            "scans",
            "g",
            json!({"code": "GL-1", "quantity": "3"}),
        )
        .await;
        assert_eq!(again.body["repeated"], true);
        assert_eq!(
            again.body["line"]["scanned"], "3.000",
            "a scan sent again counts once"
        );
        assert_eq!(
            scan(&t, &other, &id, "u", "NOPE-9").await.body["outcome"],
            "unknown"
        );
        assert_eq!(
            scan(&t, &other, &id, "p", "PEN-1").await.body["outcome"],
            "not_sent"
        );

        // Before confirming, the receiving store sees the differences.
        let shown = t
            .get(&format!("/api/v1/stock/transfers/{id}"), &other)
            .await;
        assert_eq!(shown.status, StatusCode::OK, "{}", shown.body);
        assert_eq!(shown.body["lines"][0]["difference"], "-1.000");
        assert_eq!(shown.body["lines"][1]["difference"], "0.000");
        assert_eq!(shown.body["lines_short"], 1);
        assert_eq!(shown.body["unmatched"].as_array().unwrap().len(), 2);

        let got = step(&t, &other, &id, "receive", "recv-1", json!({})).await;
        assert_eq!(got.status, StatusCode::OK, "{}", got.body);
        assert_eq!(got.body["lines"][0]["received"], "4.000");
        assert_eq!(got.body["lines"][0]["difference"], "-1.000");
        assert_eq!(got.body["lines"][1]["difference"], "0.000");
        let again = step(&t, &other, &id, "receive", "recv-1", json!({})).await;
        assert_eq!(again.body, got.body);
        let twice = step(&t, &other, &id, "receive", "recv-2", json!({})).await;
        assert_eq!(twice.code(), "transfer_wrong_state");
        assert_eq!(
            stock_of(&t, &other, &their_crayons).await["on_hand"],
            "4.000"
        );
        assert_eq!(stock_of(&t, &other, &their_glue).await["on_hand"], "3.000");
        assert_eq!(stock_of(&t, &manager, &crayons).await["on_hand"], "5.000");
        let theirs = t
            .get(&format!("/api/v1/stock/transfers/{id}"), &manager)
            .await;
        assert_eq!(theirs.body["status"], "received");
        assert_eq!(theirs.body["lines"][0]["received"], "4.000");
        assert_eq!(theirs.body["lines_short"], 1);
        let incoming = t.get("/api/v1/stock/transfers?direction=in", &other).await;
        assert_eq!(incoming.body["total"], 1, "{}", incoming.body);
        let outgoing = t
            .get("/api/v1/stock/transfers?direction=in", &manager)
            .await;
        assert_eq!(outgoing.body["total"], 0);
        ledger_adds_up(&t).await;
    }
}

#[tokio::test]
async fn bad_transfers_and_invalid_transitions_are_refused_and_change_nothing() {
    for t in apps().await {
        let (owner, cashier, _reg) = shop(&t).await;
        let manager = t.login("marc").await;
        let crayons = make(&t, &owner, "CR-1", "Crayons").await;
        adjust(&t, &manager, "a1", &crayons, "3").await;
        let floor = selling_location(&t, &manager).await;
        let nil = uuid::Uuid::nil();
        for (body, field) in [
            (
                json!({"to_location_id": floor, "lines": [{"item_id": crayons, "quantity": "1"}]}),
                "to_location_id",
            ),
            (
                json!({"lines": [{"item_id": crayons, "quantity": "1"}]}),
                "to_location_id",
            ),
            (
                json!({"to_store_id": nil, "lines": [{"item_id": crayons, "quantity": "1"}]}),
                "to_store_id",
            ),
            (
                json!({"to_location_id": nil, "lines": [{"item_id": crayons, "quantity": "1"}]}),
                "to_location_id",
            ),
            (json!({"to_location_id": floor, "lines": []}), "lines"),
            (
                json!({"from_location_id": nil, "to_location_id": floor, "lines": [{"item_id": crayons, "quantity": "1"}]}),
                "from_location_id",
            ),
        ] {
            let res = draft(&t, &manager, body.clone()).await;
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
        let back = t
            .json(
                "POST",
                "/api/v1/stock/locations",
                Some(&manager),
                json!({"code": "back", "name": "Back"}),
            )
            .await
            .body["id"]
            .clone();
        for (lines, field) in [
            (
                json!([{"item_id": crayons, "quantity": "0"}]),
                "lines[0].quantity",
            ),
            (
                json!([{"item_id": crayons, "quantity": "x"}]),
                "lines[0].quantity",
            ),
            (
                json!([{"item_id": nil, "quantity": "1"}]),
                "lines[0].item_id",
            ),
            (
                json!([{"item_id": crayons, "quantity": "1"}, {"item_id": crayons, "quantity": "1"}]),
                "lines[1].item_id",
            ),
        ] {
            let res = draft(
                &t,
                &manager,
                json!({"to_location_id": back, "lines": lines}),
            )
            .await;
            assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.body);
            assert!(
                support::invalid_fields(&res).contains(&field.to_owned()),
                "{}",
                res.body
            );
        }
        let ok = json!({"to_location_id": back, "lines": [{"item_id": crayons, "quantity": "1"}]});
        let refused = draft(&t, &cashier, ok.clone()).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
        assert_eq!(
            t.get("/api/v1/stock/transfers", &cashier).await.status,
            StatusCode::FORBIDDEN
        );

        let id = draft(&t, &manager, ok.clone()).await.body["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let early = step(&t, &manager, &id, "receive", "r1", json!({})).await;
        assert_eq!(early.status, StatusCode::CONFLICT, "{}", early.body);
        assert_eq!(early.code(), "transfer_wrong_state");
        let cancel = t
            .json(
                "POST",
                &format!("/api/v1/stock/transfers/{id}/cancel"),
                Some(&manager),
                json!({}),
            )
            .await;
        assert_eq!(cancel.status, StatusCode::OK, "{}", cancel.body);
        assert_eq!(cancel.body["status"], "cancelled");
        let late = step(&t, &manager, &id, "send", "s1", json!({})).await;
        assert_eq!(late.code(), "transfer_wrong_state");
        let keyless = t
            .json(
                "POST",
                &format!("/api/v1/stock/transfers/{id}/send"),
                Some(&manager),
                json!({}),
            )
            .await;
        assert_eq!(keyless.code(), "idempotency_key_missing");

        let id = draft(&t, &manager, ok).await.body["id"]
            .as_str()
            .unwrap()
            .to_owned();
        assert_eq!(
            step(&t, &manager, &id, "send", "s2", json!({}))
                .await
                .status,
            StatusCode::OK
        );
        let cancel = t
            .json(
                "POST",
                &format!("/api/v1/stock/transfers/{id}/cancel"),
                Some(&manager),
                json!({}),
            )
            .await;
        assert_eq!(
            cancel.code(),
            "transfer_wrong_state",
            "in transit: no cancelling"
        );
        let bad = step(
            &t,
            &manager,
            &id,
            "receive",
            "r2",
            json!({"lines": [{"line_no": 9, "received": "1"}]}),
        )
        .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.body);
        let shown = t
            .get(&format!("/api/v1/stock/transfers/{id}"), &manager)
            .await;
        assert_eq!(
            shown.body["status"], "in_transit",
            "a refused receipt changes nothing"
        );
        // Received as counted by hand, without scanning: 1 over.
        let got = step(
            &t,
            &manager,
            &id,
            "receive",
            "r3",
            json!({"lines": [{"line_no": 1, "received": "2"}]}),
        )
        .await;
        assert_eq!(got.status, StatusCode::OK, "{}", got.body);
        assert_eq!(got.body["lines"][0]["difference"], "1.000");
        let missing = t
            .get(&format!("/api/v1/stock/transfers/{nil}"), &manager)
            .await;
        assert_eq!(missing.status, StatusCode::NOT_FOUND);
        ledger_adds_up(&t).await;
    }
}
