//! Purchasing through the API, on both databases: suppliers and what they supply, the life of a
//! purchase order, receiving by scanning (unknown and unordered codes, over and under
//! deliveries, a confirmation retried with its key), the moving weighted average cost, who may
//! do what, and restock suggestions worked out by hand.

mod support;

use axum::http::StatusCode;
use caisse_store::stock::MovementRow;
use serde_json::{Value, json};
use support::till::{A, B, shop};
use support::{TestApp, apps, invalid_fields};
use uuid::Uuid;

const DAY_US: i64 = 86_400_000_000;

async fn item_of(t: &TestApp, token: &str, code: &str) -> (String, String) {
    let res = t
        .get(&format!("/api/v1/catalog/lookup?code={code}"), token)
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    (
        res.body["item"]["item_id"].as_str().unwrap().to_owned(),
        res.body["item"]["product_id"].as_str().unwrap().to_owned(),
    )
}

async fn count(t: &TestApp, sql: &str) -> i64 {
    caisse_store::testing::query_i64(&t.app.db, sql)
        .await
        .unwrap()
}

async fn supplier(t: &TestApp, token: &str, body: Value) -> String {
    let res = t.json("POST", "/api/v1/suppliers", Some(token), body).await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
    res.body["id"].as_str().unwrap().to_owned()
}

async fn supply(t: &TestApp, token: &str, supplier: &str, item: &str, body: Value) -> Res {
    t.json(
        "PUT",
        &format!("/api/v1/suppliers/{supplier}/items/{item}"),
        Some(token),
        body,
    )
    .await
}

use support::Res;

async fn draft(t: &TestApp, token: &str, supplier: &str, lines: Value) -> Value {
    let res = t
        .json(
            "POST",
            "/api/v1/purchase-orders",
            Some(token),
            json!({"supplier_id": supplier, "lines": lines}),
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
    res.body
}

async fn act(t: &TestApp, token: &str, po: &str, action: &str) -> Res {
    t.json(
        "POST",
        &format!("/api/v1/purchase-orders/{po}/{action}"),
        Some(token),
        json!({}),
    )
    .await
}

/// A sent order of `lines` from a new supplier; returns (supplier, order id).
async fn sent_order(t: &TestApp, token: &str, code: &str, lines: Value) -> (String, String) {
    let s = supplier(
        t,
        token,
        json!({"name": format!("Supplier {code}"), "code": code}),
    )
    .await;
    let po = draft(t, token, &s, lines).await;
    let id = po["id"].as_str().unwrap().to_owned();
    let res = act(t, token, &id, "send").await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    (s, id)
}

async fn start(t: &TestApp, token: &str, po: &str) -> Res {
    t.json(
        "POST",
        &format!("/api/v1/purchase-orders/{po}/receiving"),
        Some(token),
        json!({}),
    )
    .await
}

async fn scan(t: &TestApp, token: &str, session: &str, code: &str) -> Value {
    let res = t
        .json(
            "POST",
            &format!("/api/v1/receiving/{session}/scans"),
            Some(token),
            json!({"code": code}),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    res.body
}

async fn confirm(t: &TestApp, token: &str, session: &str, key: &str) -> Res {
    t.json_key(
        "POST",
        &format!("/api/v1/receiving/{session}/confirm"),
        token,
        key,
        json!({}),
    )
    .await
}

async fn ledger_adds_up(t: &TestApp) {
    let off = caisse_store::stock::verify(&t.app.db).await.unwrap();
    assert!(off.is_empty(), "{:?}: {off:?}", t.backend);
}

#[tokio::test]
async fn suppliers_are_created_changed_listed_and_checked() {
    for t in apps().await {
        let (owner, cashier, _reg) = shop(&t).await;
        let (a, _) = item_of(&t, &owner, A).await;
        let bad = t
            .json(
                "POST",
                "/api/v1/suppliers",
                Some(&owner),
                json!({"lead_time_days": 400, "min_order": -1, "currency": "EURO", "email": "nope"}),
            )
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.body);
        let mut fields = invalid_fields(&bad);
        fields.sort();
        assert_eq!(
            fields,
            ["currency", "email", "lead_time_days", "min_order", "name"]
        );
        let s = supplier(
            &t,
            &owner,
            json!({"name": "Moulins Réunis", "code": "MR", "contact": "Anne", "lead_time_days": 3, "min_order": 10000}),
        )
        .await;
        let taken = t
            .json(
                "POST",
                "/api/v1/suppliers",
                Some(&owner),
                json!({"name": "Moulins Réunis", "code": "MR"}),
            )
            .await;
        assert_eq!(taken.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(invalid_fields(&taken), ["name", "code"]);
        let forbidden = t
            .json(
                "POST",
                "/api/v1/suppliers",
                Some(&cashier),
                json!({"name": "X"}),
            )
            .await;
        assert_eq!(forbidden.status, StatusCode::FORBIDDEN);
        let changed = t
            .json(
                "PATCH",
                &format!("/api/v1/suppliers/{s}"),
                Some(&owner),
                json!({"lead_time_days": 5, "contact": ""}),
            )
            .await;
        assert_eq!(changed.status, StatusCode::OK, "{}", changed.body);
        assert_eq!(changed.body["lead_time_days"], 5);
        assert_eq!(changed.body["contact"], Value::Null);
        assert_eq!(changed.body["currency"], "EUR");
        supplier(&t, &owner, json!({"name": "Brasserie"})).await;
        let list = t.get("/api/v1/suppliers?q=moulin", &owner).await;
        assert_eq!(list.body["total"], 1, "{}", list.body);
        let list = t.get("/api/v1/suppliers?sort=-name", &cashier).await;
        assert_eq!(list.body["items"][0]["name"], "Moulins Réunis");
        // What it supplies: the first supplier of an item becomes its preferred one.
        let res = supply(
            &t,
            &owner,
            &s,
            &a,
            json!({"unit_cost": 150, "pack_size": "6", "supplier_ref": "MR-APL"}),
        )
        .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        assert_eq!(res.body["items"][0]["preferred"], true);
        assert_eq!(res.body["items"][0]["pack_size"], "6.000");
        let other = supplier(&t, &owner, json!({"name": "Vergers"})).await;
        let res = supply(&t, &owner, &other, &a, json!({"unit_cost": 140})).await;
        assert_eq!(res.body["items"][0]["preferred"], false, "{}", res.body);
        let res = supply(
            &t,
            &owner,
            &other,
            &a,
            json!({"unit_cost": 140, "preferred": true}),
        )
        .await;
        assert_eq!(res.body["items"][0]["preferred"], true);
        let first = t.get(&format!("/api/v1/suppliers/{s}/items"), &owner).await;
        assert_eq!(first.body["items"][0]["preferred"], false, "one preferred");
        let bad = supply(
            &t,
            &owner,
            &s,
            &a,
            json!({"unit_cost": -5, "pack_size": "0"}),
        )
        .await;
        assert_eq!(invalid_fields(&bad), ["unit_cost", "pack_size"]);
        let gone = t
            .send(
                "DELETE",
                &format!("/api/v1/suppliers/{other}/items/{a}"),
                Some(&owner),
                None,
                "",
            )
            .await;
        assert_eq!(gone.status, StatusCode::NO_CONTENT);
    }
}

#[tokio::test]
async fn a_purchase_order_follows_its_life_and_refuses_wrong_moves() {
    for t in apps().await {
        let (owner, cashier, _reg) = shop(&t).await;
        let manager = t.login("marc").await;
        let (a, _) = item_of(&t, &owner, A).await;
        let (b, _) = item_of(&t, &owner, B).await;
        let s = supplier(&t, &owner, json!({"name": "Moulins"})).await;
        supply(&t, &owner, &s, &a, json!({"unit_cost": 150})).await;
        let po = draft(
            &t,
            &manager,
            &s,
            json!([{"item_id": a, "quantity": "12"}, {"item_id": b, "quantity": "5", "unit_cost": 60}]),
        )
        .await;
        assert_eq!(po["status"], "draft");
        assert_eq!(po["number"], "PO-000001");
        assert_eq!(po["lines"][0]["unit_cost"], 150, "the supplier's cost");
        assert_eq!(po["total"], 12 * 150 + 5 * 60);
        let id = po["id"].as_str().unwrap().to_owned();
        // A cashier cannot make or see orders.
        let res = t
            .json(
                "POST",
                "/api/v1/purchase-orders",
                Some(&cashier),
                json!({"supplier_id": s}),
            )
            .await;
        assert_eq!(res.status, StatusCode::FORBIDDEN);
        // Bad lines change nothing.
        let res = t
            .json(
                "PATCH",
                &format!("/api/v1/purchase-orders/{id}"),
                Some(&manager),
                json!({"version": 1, "lines": [{"item_id": a, "quantity": "0"}, {"item_id": Uuid::nil(), "quantity": "1"}]}),
            )
            .await;
        assert_eq!(
            invalid_fields(&res),
            ["lines[0].quantity", "lines[1].item_id"]
        );
        let res = t
            .json(
                "PATCH",
                &format!("/api/v1/purchase-orders/{id}"),
                Some(&manager),
                json!({"version": 1, "lines": [{"item_id": a, "quantity": "10"}], "note": "Tuesday morning"}),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        assert_eq!(res.body["lines"].as_array().unwrap().len(), 1);
        assert_eq!(res.body["version"], 2);
        let stale = t
            .json(
                "PATCH",
                &format!("/api/v1/purchase-orders/{id}"),
                Some(&manager),
                json!({"version": 1, "note": "x"}),
            )
            .await;
        assert_eq!(stale.code(), "version_conflict");
        // Receiving or closing a draft is refused with a clear error.
        let res = start(&t, &manager, &id).await;
        assert_eq!(res.status, StatusCode::CONFLICT);
        assert_eq!(res.code(), "invalid_transition");
        assert!(
            res.body["error"]["message"]
                .as_str()
                .unwrap()
                .contains("only a sent or partially received order can be received")
        );
        assert_eq!(
            act(&t, &manager, &id, "close").await.code(),
            "invalid_transition"
        );
        let sent = act(&t, &manager, &id, "send").await;
        assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
        assert_eq!(sent.body["status"], "sent");
        assert!(sent.body["sent_at"].is_string());
        assert_eq!(
            act(&t, &manager, &id, "send").await.code(),
            "invalid_transition"
        );
        let res = t
            .json(
                "PATCH",
                &format!("/api/v1/purchase-orders/{id}"),
                Some(&manager),
                json!({"version": 3, "note": "x"}),
            )
            .await;
        assert_eq!(res.code(), "invalid_transition");
        let csv = t
            .get(&format!("/api/v1/purchase-orders/{id}/csv"), &manager)
            .await;
        assert_eq!(csv.status, StatusCode::OK);
        let text = csv.body.as_str().unwrap();
        assert!(
            text.starts_with("line,sku,supplier_ref,name,quantity"),
            "{text}"
        );
        assert!(
            text.contains("1,A,,Apples,10.000,each,1.50,15.00,EUR"),
            "{text}"
        );
        let html = t
            .get(&format!("/api/v1/purchase-orders/{id}/print"), &manager)
            .await;
        assert!(
            html.body
                .as_str()
                .unwrap()
                .contains("Purchase order PO-000001")
        );
        let cancelled = act(&t, &manager, &id, "cancel").await;
        assert_eq!(cancelled.body["status"], "cancelled");
        assert_eq!(
            act(&t, &manager, &id, "cancel").await.code(),
            "invalid_transition"
        );
        // An order without lines cannot be sent.
        let empty = draft(&t, &manager, &s, json!([])).await;
        let res = act(&t, &manager, empty["id"].as_str().unwrap(), "send").await;
        assert_eq!(res.code(), "invalid_transition");
        // Lists filter by status and supplier.
        let list = t
            .get("/api/v1/purchase-orders?status=cancelled", &manager)
            .await;
        assert_eq!(list.body["total"], 1, "{}", list.body);
        assert_eq!(list.body["items"][0]["number"], "PO-000001");
        let list = t
            .get(
                &format!("/api/v1/purchase-orders?supplier_id={s}&sort=number"),
                &manager,
            )
            .await;
        assert_eq!(list.body["total"], 2);
        assert_eq!(list.body["items"][1]["number"], "PO-000002");
        let bad = t.get("/api/v1/purchase-orders?status=lost", &manager).await;
        assert_eq!(invalid_fields(&bad), ["status"]);
    }
}

#[tokio::test]
async fn receiving_lists_unknown_and_unordered_codes_shows_over_and_under_and_confirms_once() {
    for t in apps().await {
        let (owner, _cashier, _reg) = shop(&t).await;
        let (a, _) = item_of(&t, &owner, A).await;
        let (b, _) = item_of(&t, &owner, B).await;
        let res = t
            .create_product(&owner, support::product("C", "Cheese", 400, &[]))
            .await;
        assert_eq!(res.status, StatusCode::CREATED);
        let (_, po) = sent_order(
            &t,
            &owner,
            "S1",
            json!([{"item_id": a, "quantity": "3", "unit_cost": 100}, {"item_id": b, "quantity": "2", "unit_cost": 50}]),
        )
        .await;
        let session = start(&t, &owner, &po).await;
        assert_eq!(session.status, StatusCode::OK, "{}", session.body);
        let sid = session.body["id"].as_str().unwrap().to_owned();
        assert_eq!(session.body["summary"]["missing"], 2);
        for i in 1..=4 {
            let s = scan(&t, &owner, &sid, A).await;
            assert_eq!(s["result"], "ordered");
            assert_eq!(s["counted"], format!("{i}.000"));
            assert_eq!(s["expected"], "3.000");
            assert_eq!(
                s["state"],
                if i < 3 {
                    "short"
                } else if i == 3 {
                    "complete"
                } else {
                    "over"
                }
            );
        }
        assert_eq!(
            scan(&t, &owner, &sid, "B").await["state"],
            "short",
            "by SKU"
        );
        let unknown = scan(&t, &owner, &sid, "2000000000008").await;
        assert_eq!(unknown["result"], "unknown");
        assert_eq!(scan(&t, &owner, &sid, "2000000000008").await["scans"], 2);
        let unordered = scan(&t, &owner, &sid, "C").await;
        assert_eq!(unordered["result"], "unordered");
        // A reload (starting again) finds the same session and its counts.
        let again = start(&t, &owner, &po).await;
        assert_eq!(again.body["id"], sid.as_str());
        let summary = &again.body["summary"];
        assert_eq!(
            (
                summary["over"].as_u64(),
                summary["short"].as_u64(),
                summary["unordered"].as_u64(),
                summary["unknown"].as_u64()
            ),
            (Some(1), Some(1), Some(1), Some(1)),
            "{}",
            again.body
        );
        assert_eq!(again.body["lines"][0]["difference"], "1.000");
        assert_eq!(again.body["lines"][1]["difference"], "-1.000");
        assert_eq!(again.body["unknown"][0]["code"], "2000000000008");
        // Confirming: a retry with the key answers the same receipt and moves stock once.
        let first = confirm(&t, &owner, &sid, "rcv-1").await;
        assert_eq!(first.status, StatusCode::CREATED, "{}", first.body);
        assert_eq!(first.body["po_status"], "partially_received");
        assert_eq!(
            first.body["lines"].as_array().unwrap().len(),
            2,
            "the unordered item stays out"
        );
        let retry = confirm(&t, &owner, &sid, "rcv-1").await;
        assert_eq!(retry.status, StatusCode::CREATED);
        assert_eq!(retry.body, first.body);
        assert_eq!(
            count(
                &t,
                "SELECT COUNT(*) FROM stock_movements WHERE kind = 'receipt'"
            )
            .await,
            2
        );
        assert_eq!(
            count(
                &t,
                "SELECT COUNT(*) FROM stock_documents WHERE kind = 'receipt'"
            )
            .await,
            1
        );
        let other_key = confirm(&t, &owner, &sid, "rcv-2").await;
        assert_eq!(other_key.code(), "receiving_closed");
        let stock = t.get(&format!("/api/v1/stock/{a}"), &owner).await;
        assert_eq!(stock.body["on_hand"], "4.000");
        let order = t
            .get(&format!("/api/v1/purchase-orders/{po}"), &owner)
            .await;
        assert_eq!(order.body["lines"][0]["received"], "4.000");
        assert_eq!(order.body["lines"][1]["remaining"], "1.000");
        // The rest of B comes later: a second session completes the order.
        let second = start(&t, &owner, &po).await;
        let sid2 = second.body["id"].as_str().unwrap().to_owned();
        assert_ne!(sid2, sid);
        assert_eq!(second.body["lines"][0]["expected"], "0.000");
        let nothing = confirm(&t, &owner, &sid2, "rcv-3").await;
        assert_eq!(nothing.code(), "nothing_received");
        scan(&t, &owner, &sid2, B).await;
        let done = confirm(&t, &owner, &sid2, "rcv-4").await;
        assert_eq!(done.body["po_status"], "received", "{}", done.body);
        let closed = act(&t, &owner, &po, "close").await;
        assert_eq!(closed.body["status"], "closed");
        ledger_adds_up(&t).await;
    }
}

#[tokio::test]
async fn the_moving_weighted_average_cost_is_hand_checked() {
    for t in apps().await {
        let (owner, _cashier, _reg) = shop(&t).await;
        let (a, _) = item_of(&t, &owner, A).await;
        // 10 at 2.00 with nothing on hand: the cost is 2.00.
        let (_, po1) = sent_order(
            &t,
            &owner,
            "W1",
            json!([{"item_id": a, "quantity": "10", "unit_cost": 200}]),
        )
        .await;
        let s1 = start(&t, &owner, &po1).await.body["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let res = t
            .json(
                "PUT",
                &format!("/api/v1/receiving/{s1}/counts/{a}"),
                Some(&owner),
                json!({"quantity": "10"}),
            )
            .await;
        assert_eq!(res.body["lines"][0]["state"], "complete", "{}", res.body);
        let r1 = confirm(&t, &owner, &s1, "w-1").await;
        assert_eq!(r1.body["po_status"], "received", "{}", r1.body);
        assert_eq!(r1.body["lines"][0]["cost_after"], 200);
        // 4 damaged: 6 left at 2.00.
        let res = t
            .json_key(
                "POST",
                "/api/v1/stock/adjustments",
                &owner,
                "w-adj",
                json!({"reason": "damage", "lines": [{"item_id": a, "quantity": "-4"}]}),
            )
            .await;
        assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
        // 30 at 3.00: (2.00 × 6 + 3.00 × 30) / 36 = (12 + 90) / 36 = 2.8333 → 2.83.
        let (_, po2) = sent_order(
            &t,
            &owner,
            "W2",
            json!([{"item_id": a, "quantity": "30", "unit_cost": 300}]),
        )
        .await;
        let s2 = start(&t, &owner, &po2).await.body["id"]
            .as_str()
            .unwrap()
            .to_owned();
        t.json(
            "PUT",
            &format!("/api/v1/receiving/{s2}/counts/{a}"),
            Some(&owner),
            json!({"quantity": "30"}),
        )
        .await;
        let r2 = confirm(&t, &owner, &s2, "w-2").await;
        assert_eq!(r2.body["lines"][0]["cost_before"], 200, "{}", r2.body);
        assert_eq!(r2.body["lines"][0]["cost_after"], 283);
        assert_eq!(r2.body["lines"][0]["on_hand_after"], "36.000");
        assert_eq!(count(&t, "SELECT avg_cost FROM stock_items").await, 283);
        ledger_adds_up(&t).await;
    }
}

#[tokio::test]
async fn cashiers_receive_only_when_the_store_allows_it() {
    for t in apps().await {
        let (owner, cashier, _reg) = shop(&t).await;
        let (a, _) = item_of(&t, &owner, A).await;
        let (_, po) = sent_order(&t, &owner, "C1", json!([{"item_id": a, "quantity": "2"}])).await;
        assert_eq!(start(&t, &cashier, &po).await.status, StatusCode::FORBIDDEN);
        let sid = start(&t, &owner, &po).await.body["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let res = t
            .json(
                "POST",
                &format!("/api/v1/receiving/{sid}/scans"),
                Some(&cashier),
                json!({"code": A}),
            )
            .await;
        assert_eq!(res.status, StatusCode::FORBIDDEN);
        assert_eq!(
            confirm(&t, &cashier, &sid, "c-0").await.status,
            StatusCode::FORBIDDEN
        );
        let res = t
            .json(
                "PATCH",
                "/api/v1/purchasing/settings",
                Some(&cashier),
                json!({"cashiers_may_receive": true}),
            )
            .await;
        assert_eq!(res.status, StatusCode::FORBIDDEN);
        let res = t
            .json(
                "PATCH",
                "/api/v1/purchasing/settings",
                Some(&owner),
                json!({"cashiers_may_receive": true}),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        assert_eq!(res.body["cashiers_may_receive"], true);
        assert_eq!(start(&t, &cashier, &po).await.body["id"], sid.as_str());
        scan(&t, &cashier, &sid, A).await;
        scan(&t, &cashier, &sid, A).await;
        let done = confirm(&t, &cashier, &sid, "c-1").await;
        assert_eq!(done.status, StatusCode::CREATED, "{}", done.body);
        assert_eq!(done.body["po_status"], "received");
        // Still no orders for cashiers.
        let res = t
            .json(
                "POST",
                "/api/v1/purchase-orders",
                Some(&cashier),
                json!({"supplier_id": Uuid::nil()}),
            )
            .await;
        assert_eq!(res.status, StatusCode::FORBIDDEN);
        assert_eq!(
            t.get("/api/v1/stock/suggestions", &cashier).await.status,
            StatusCode::FORBIDDEN
        );
    }
}

/// Books a movement at a given time straight into the ledger (the API books only "now").
async fn moved(
    t: &TestApp,
    store: Uuid,
    location: Uuid,
    item: (&str, &str),
    kind: &str,
    milli: i64,
    at: i64,
) {
    let row = MovementRow {
        id: Uuid::now_v7(),
        store_id: store,
        location_id: location,
        item_id: item.0.parse().unwrap(),
        product_id: item.1.parse().unwrap(),
        kind: kind.into(),
        reason: (kind == "adjustment").then(|| "correction".into()),
        quantity: milli,
        unit_cost: None,
        document_id: None,
        line_no: None,
        user_id: None,
        occurred_at: at,
    };
    let mut tx = t.app.db.begin().await.unwrap();
    caisse_store::stock::apply(&mut tx, &[row]).await.unwrap();
    tx.commit().await.unwrap();
}

#[tokio::test]
async fn restock_suggestions_are_hand_computed_and_become_draft_orders() {
    for t in apps().await {
        let (owner, _cashier, _reg) = shop(&t).await;
        let (a, pa) = item_of(&t, &owner, A).await;
        let (b, pb) = item_of(&t, &owner, B).await;
        let store: Uuid = t.get("/api/v1/store", &owner).await.body["id"]
            .as_str()
            .unwrap()
            .parse()
            .unwrap();
        let location: Uuid =
            t.get("/api/v1/stock/settings", &owner).await.body["selling_location_id"]
                .as_str()
                .unwrap()
                .parse()
                .unwrap();
        let s = supplier(
            &t,
            &owner,
            json!({"name": "Moulins", "lead_time_days": 3, "min_order": 10000}),
        )
        .await;
        supply(
            &t,
            &owner,
            &s,
            &a,
            json!({"unit_cost": 150, "pack_size": "5"}),
        )
        .await;
        supply(&t, &owner, &s, &b, json!({"unit_cost": 80})).await;
        let now = caisse_app::now_us();
        let day = |i: i64| now - 7 * DAY_US + i * DAY_US + DAY_US / 2;
        // A: 20 in before the window, then 2 sold every day of it: 6 on hand.
        moved(
            &t,
            store,
            location,
            (&a, &pa),
            "adjustment",
            20_000,
            now - 8 * DAY_US,
        )
        .await;
        for i in 0..7 {
            moved(&t, store, location, (&a, &pa), "sale", -2000, day(i)).await;
        }
        // B: 3 before; day 0 sells them (ends at 0), days 1-2 empty, day 3 gets 10 and sells
        // 2, days 4 and 5 sell 2, day 6 sells 1: 3 on hand.
        moved(
            &t,
            store,
            location,
            (&b, &pb),
            "adjustment",
            3000,
            now - 8 * DAY_US,
        )
        .await;
        moved(&t, store, location, (&b, &pb), "sale", -3000, day(0)).await;
        moved(
            &t,
            store,
            location,
            (&b, &pb),
            "receipt",
            10_000,
            day(3) - 1000,
        )
        .await;
        for (i, q) in [(3, 2000), (4, 2000), (5, 2000), (6, 1000)] {
            moved(&t, store, location, (&b, &pb), "sale", -q, day(i)).await;
        }
        let res = t
            .get("/api/v1/stock/suggestions?window_days=7", &owner)
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let group = &res.body["groups"][0];
        assert_eq!(group["supplier_name"], "Moulins");
        let (la, lb) = (&group["lines"][0], &group["lines"][1]);
        // A: avg 14/7 = 2; safety 2 × 7 = 14; rop 2 × 3 + 14 = 20; out 20 + 2 × 7 = 34;
        // position 6: need 28 → packs of 5: 30.
        let ea = &la["explain"];
        assert_eq!(
            (
                ea["days_counted"].as_i64(),
                ea["avg_daily"].as_str(),
                ea["safety_stock"].as_str(),
                ea["reorder_point"].as_str(),
                ea["order_up_to"].as_str(),
                ea["need"].as_str(),
                ea["rounded"].as_str()
            ),
            (
                Some(7),
                Some("2.000"),
                Some("14.000"),
                Some("20.000"),
                Some("34.000"),
                Some("28.000"),
                Some("30.000")
            ),
            "{la}"
        );
        // B: days 0-2 ended at 0 (left out); 7 sold over 4 days = 1.75; std of (2, 2, 2, 1) =
        // √(3/16) = 0.433; safety 1.75 × 7 = 12.25; rop 5.25 + 12.25 = 17.5; out 17.5 + 12.25 =
        // 29.75; position 3: need 26.75 → 27 units.
        let eb = &lb["explain"];
        assert_eq!(
            (
                eb["days_counted"].as_i64(),
                eb["out_of_stock_days"].as_i64(),
                eb["avg_daily"].as_str(),
                eb["std_daily"].as_str(),
                eb["reorder_point"].as_str(),
                eb["order_up_to"].as_str(),
                eb["need"].as_str(),
                lb["quantity"].as_str()
            ),
            (
                Some(4),
                Some(3),
                Some("1.750"),
                Some("0.433"),
                Some("17.500"),
                Some("29.750"),
                Some("26.750"),
                Some("27.000")
            ),
            "{lb}"
        );
        // Worth 30 × 1.50 + 27 × 0.80 = 45.00 + 21.60 = 66.60, below the 100.00 minimum:
        // short 33.40 / 7.50 a pack of A = 4.45 → 5 packs (25 units) more of A, the faster
        // seller: 55 × 1.50 = 82.50, total 104.10.
        assert_eq!(la["quantity"], "55.000");
        assert_eq!(ea["min_order_topup"], "25.000");
        assert_eq!(group["total"], 10410);
        // One action makes the draft; a retry with its key makes nothing more.
        let body = json!({"window_days": 7, "items": [{"item_id": a}, {"item_id": b}]});
        let made = t
            .json_key(
                "POST",
                "/api/v1/stock/suggestions/purchase-orders",
                &owner,
                "sug-1",
                body.clone(),
            )
            .await;
        assert_eq!(made.status, StatusCode::CREATED, "{}", made.body);
        let again = t
            .json_key(
                "POST",
                "/api/v1/stock/suggestions/purchase-orders",
                &owner,
                "sug-1",
                body,
            )
            .await;
        assert_eq!(again.body, made.body);
        let pos = made.body["purchase_orders"].as_array().unwrap();
        assert_eq!(pos.len(), 1);
        assert_eq!(pos[0]["status"], "draft");
        assert_eq!(pos[0]["total"], 10410);
        assert_eq!(count(&t, "SELECT COUNT(*) FROM purchase_orders").await, 1);
        // What is on order now covers both: nothing left to suggest.
        let res = t
            .get("/api/v1/stock/suggestions?window_days=7", &owner)
            .await;
        assert_eq!(res.body["groups"], json!([]), "{}", res.body);
        let bad = t
            .get("/api/v1/stock/suggestions?window_days=0", &owner)
            .await;
        assert_eq!(invalid_fields(&bad), ["window_days"]);
    }
}

/// The concurrency case: eight tills sell apples while a delivery of them is received
/// by scanning and confirmed, and a count of them is set and applied, all at once. Every sale,
/// the receipt and the count are in the ledger once, every level and total is the sum of its
/// movements, and the final on-hand is what the three documents say: 100 in, 48 sold, 20
/// received, and the count's variance (90 found against the on-hand when it was counted).
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn eight_tills_selling_while_a_receipt_and_a_count_are_applied_leave_a_ledger_that_adds_up() {
    for t in apps().await {
        let t = std::sync::Arc::new(t);
        let (owner, cashier, _reg) = shop(&t).await;
        let (apples, _) = item_of(&t, &owner, A).await;
        let res = t
            .json_key(
                "POST",
                "/api/v1/stock/adjustments",
                &owner,
                "start",
                json!({"reason": "correction", "lines": [{"item_id": apples, "quantity": "100"}]}),
            )
            .await;
        assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
        let (_, po) = sent_order(
            &t,
            &owner,
            "S8",
            json!([{"item_id": apples, "quantity": "20", "unit_cost": 100}]),
        )
        .await;
        let session = start(&t, &owner, &po).await;
        assert_eq!(session.status, StatusCode::OK, "{}", session.body);
        let session = session.body["id"].as_str().unwrap().to_owned();
        let res = t
            .json("POST", "/api/v1/stock/counts", Some(&owner), json!({}))
            .await;
        assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
        let count_id = res.body["id"].as_str().unwrap().to_owned();
        let tasks = support::till::eight_tills_selling(&t, &owner, &cashier, A, 6).await;
        let receiving = {
            let (t, owner, session) = (t.clone(), owner.clone(), session.clone());
            tokio::spawn(async move {
                for _ in 0..20 {
                    scan(&t, &owner, &session, A).await;
                }
                let res = confirm(&t, &owner, &session, "receive").await;
                assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
            })
        };
        let counting = {
            let (t, owner, count_id) = (t.clone(), owner.clone(), count_id.clone());
            tokio::spawn(async move {
                let res = t
                    .json_key(
                        "POST",
                        &format!("/api/v1/stock/counts/{count_id}/scans"),
                        &owner,
                        "set",
                        json!({"code": A, "mode": "set", "quantity": "90"}),
                    )
                    .await;
                assert_eq!(res.status, StatusCode::OK, "{}", res.body);
                let res = t
                    .json_key(
                        "POST",
                        &format!("/api/v1/stock/counts/{count_id}/apply"),
                        &owner,
                        "apply",
                        json!({}),
                    )
                    .await;
                assert_eq!(res.status, StatusCode::OK, "{}", res.body);
                res.body
            })
        };
        for task in tasks {
            task.await.expect("till");
        }
        receiving.await.expect("receiving");
        let applied = counting.await.expect("count");
        let expected: i64 = applied["lines"][0]["expected"]
            .as_str()
            .unwrap()
            .trim_end_matches(".000")
            .parse()
            .unwrap();
        assert!((52..=120).contains(&expected), "{applied}");
        let want = 100 - 48 + 20 + (90 - expected);
        let res = t.get(&format!("/api/v1/stock/{apples}"), &owner).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        assert_eq!(res.body["on_hand"], format!("{want}.000"), "{}", res.body);
        // A count that found what was expected books no movement.
        let count_moves = i64::from(expected != 90);
        for (kind, n) in [("sale", 48), ("receipt", 1), ("count", count_moves)] {
            assert_eq!(
                count(
                    &t,
                    &format!("SELECT COUNT(*) FROM stock_movements WHERE kind = '{kind}'")
                )
                .await,
                n,
                "{kind}"
            );
        }
        ledger_adds_up(&t).await;
    }
}
