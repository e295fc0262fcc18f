//! What a cashier reaches when the store lets cashiers receive or count, on both databases:
//! `/auth/me` sends `receive` and `count` exactly when the use cases allow them (managers and
//! owners always, cashiers when the store's setting is on); `GET /deliveries` lists the orders
//! awaiting delivery (sent or partially received, nothing else) to whoever may receive, and
//! the receiving screen opens from it; applying a count stays a manager's action.

mod support;

use std::collections::BTreeSet;

use axum::http::StatusCode;
use serde_json::{Value, json};
use support::till::{A, B, shop};
use support::{Res, TestApp, apps};

async fn permissions(t: &TestApp, token: &str) -> BTreeSet<String> {
    let res = t.get("/api/v1/auth/me", token).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    res.body["permissions"]
        .as_array()
        .expect("a list")
        .iter()
        .map(|p| p.as_str().expect("a name").to_owned())
        .collect()
}

async fn item_of(t: &TestApp, token: &str, code: &str) -> String {
    let res = t
        .get(&format!("/api/v1/catalog/lookup?code={code}"), token)
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    res.body["item"]["item_id"].as_str().unwrap().to_owned()
}

async fn post(t: &TestApp, token: &str, path: &str, body: Value) -> Res {
    t.json("POST", path, Some(token), body).await
}

/// An order of 2 A and 1 B from `supplier`, taken as far as `status`; returns its id.
async fn order(t: &TestApp, owner: &str, supplier: &str, status: &str) -> String {
    let (a, b) = (item_of(t, owner, A).await, item_of(t, owner, B).await);
    let res = post(
        t,
        owner,
        "/api/v1/purchase-orders",
        json!({"supplier_id": supplier, "lines": [
            {"item_id": a, "quantity": "2", "unit_cost": 100},
            {"item_id": b, "quantity": "1", "unit_cost": 50}]}),
    )
    .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
    let id = res.body["id"].as_str().unwrap().to_owned();
    if status == "draft" {
        return id;
    }
    let res = post(
        t,
        owner,
        &format!("/api/v1/purchase-orders/{id}/send"),
        json!({}),
    )
    .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    match status {
        "sent" => {}
        "cancelled" => {
            let res = post(
                t,
                owner,
                &format!("/api/v1/purchase-orders/{id}/cancel"),
                json!({}),
            )
            .await;
            assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        }
        "partially_received" => {
            let session = receive(t, owner, &id).await;
            scan(t, owner, &session, A).await;
            let res = confirm(t, owner, &session, &format!("part-{id}")).await;
            assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
            assert_eq!(res.body["po_status"], "partially_received");
        }
        other => panic!("no such step: {other}"),
    }
    id
}

async fn receive(t: &TestApp, token: &str, po: &str) -> String {
    let res = post(
        t,
        token,
        &format!("/api/v1/purchase-orders/{po}/receiving"),
        json!({}),
    )
    .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    res.body["id"].as_str().unwrap().to_owned()
}

async fn scan(t: &TestApp, token: &str, session: &str, code: &str) {
    let res = post(
        t,
        token,
        &format!("/api/v1/receiving/{session}/scans"),
        json!({"code": code}),
    )
    .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
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

/// The order ids of a delivery list, sorted.
fn ids(page: &Value) -> BTreeSet<String> {
    page["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|o| o["id"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn deliveries_list_only_orders_awaiting_delivery_to_whoever_may_receive() {
    for t in apps().await {
        let (owner, cashier, _reg) = shop(&t).await;
        let manager = t.login("marc").await;
        let res = post(
            &t,
            &owner,
            "/api/v1/suppliers",
            json!({"name": "Grossiste", "code": "GR"}),
        )
        .await;
        assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
        let supplier = res.body["id"].as_str().unwrap().to_owned();
        let _draft = order(&t, &owner, &supplier, "draft").await;
        let sent = order(&t, &owner, &supplier, "sent").await;
        let partial = order(&t, &owner, &supplier, "partially_received").await;
        let _cancelled = order(&t, &owner, &supplier, "cancelled").await;

        for token in [&owner, &manager] {
            let page = t.get("/api/v1/deliveries", token).await;
            assert_eq!(page.status, StatusCode::OK, "{}", page.body);
            assert_eq!(page.body["total"], 2, "{}", page.body);
            assert_eq!(
                ids(&page.body),
                BTreeSet::from([sent.clone(), partial.clone()])
            );
            assert!(permissions(&t, token).await.contains("receive"));
        }
        let all = t.get("/api/v1/purchase-orders", &owner).await;
        assert_eq!(
            all.body["total"], 4,
            "the order list still shows every order"
        );
        let sorted = t
            .get("/api/v1/deliveries?sort=status&per_page=1", &owner)
            .await;
        assert_eq!(sorted.body["total"], 2);
        assert_eq!(sorted.body["items"][0]["status"], "partially_received");
        let bad = t.get("/api/v1/deliveries?sort=price", &owner).await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.body);

        // The store does not let cashiers receive: no list, no `receive`.
        assert!(!permissions(&t, &cashier).await.contains("receive"));
        let refused = t.get("/api/v1/deliveries", &cashier).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.body);
        assert_eq!(refused.code(), "forbidden");

        // It does: the list, then the receiving screen opened from it, and the receipt.
        let res = t
            .json(
                "PATCH",
                "/api/v1/purchasing/settings",
                Some(&owner),
                json!({"cashiers_may_receive": true}),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        assert!(permissions(&t, &cashier).await.contains("receive"));
        let page = t.get("/api/v1/deliveries", &cashier).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        assert_eq!(
            ids(&page.body),
            BTreeSet::from([sent.clone(), partial.clone()])
        );
        let session = receive(&t, &cashier, &sent).await;
        scan(&t, &cashier, &session, A).await;
        scan(&t, &cashier, &session, A).await;
        scan(&t, &cashier, &session, B).await;
        let done = confirm(&t, &cashier, &session, "cashier-rcv").await;
        assert_eq!(done.status, StatusCode::CREATED, "{}", done.body);
        assert_eq!(done.body["po_status"], "received");
        let page = t.get("/api/v1/deliveries", &cashier).await;
        assert_eq!(
            ids(&page.body),
            BTreeSet::from([partial.clone()]),
            "received: no longer awaited"
        );
        // Still not the buyer's lists.
        let orders = t.get("/api/v1/purchase-orders", &cashier).await;
        assert_eq!(orders.status, StatusCode::FORBIDDEN, "{}", orders.body);
        assert!(!permissions(&t, &cashier).await.contains("purchasing"));

        // Switched off again: refused again.
        let res = t
            .json(
                "PATCH",
                "/api/v1/purchasing/settings",
                Some(&owner),
                json!({"cashiers_may_receive": false}),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        assert!(!permissions(&t, &cashier).await.contains("receive"));
        assert_eq!(
            t.get("/api/v1/deliveries", &cashier).await.status,
            StatusCode::FORBIDDEN
        );
    }
}

#[tokio::test]
async fn count_is_sent_to_cashiers_exactly_when_the_store_lets_them_count() {
    for t in apps().await {
        let (owner, cashier, _reg) = shop(&t).await;
        let manager = t.login("marc").await;
        assert!(permissions(&t, &manager).await.contains("count"));
        assert!(permissions(&t, &owner).await.contains("count"));
        let me = permissions(&t, &cashier).await;
        assert!(!me.contains("count"), "{me:?}");
        let refused = post(&t, &cashier, "/api/v1/stock/counts", json!({})).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.body);

        let res = t
            .json(
                "PATCH",
                "/api/v1/stock/settings",
                Some(&owner),
                json!({"cashiers_may_count": true}),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        assert!(permissions(&t, &cashier).await.contains("count"));
        let opened = post(&t, &cashier, "/api/v1/stock/counts", json!({})).await;
        assert_eq!(opened.status, StatusCode::CREATED, "{}", opened.body);
        let id = opened.body["id"].as_str().unwrap().to_owned();
        let res = t
            .json_key(
                "POST",
                &format!("/api/v1/stock/counts/{id}/scans"),
                &cashier,
                "cashier-scan-1",
                json!({"code": A}),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        // Applying stays the managers'.
        let variance = t
            .get(&format!("/api/v1/stock/counts/{id}/variance"), &cashier)
            .await;
        assert_eq!(variance.status, StatusCode::FORBIDDEN, "{}", variance.body);
        let apply = t
            .json_key(
                "POST",
                &format!("/api/v1/stock/counts/{id}/apply"),
                &cashier,
                "cashier-apply",
                json!({}),
            )
            .await;
        assert_eq!(apply.status, StatusCode::FORBIDDEN, "{}", apply.body);
        assert!(!permissions(&t, &cashier).await.contains("stock_manage"));
    }
}
