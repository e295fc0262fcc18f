//! What the till needs from the API (issue 12), on every backend: an item scanned during a
//! return comes back on its line of the receipt (or is said not to be on it), and field and
//! import errors carry codes the client turns into messages in its own language.

mod support;

use axum::body::Body;
use axum::http::StatusCode;
use serde_json::json;
use support::till::{A, B, complete, pay, sale_of, shop, start_return};
use support::{TestApp, apps, product};

/// A third product, never sold here: 0.99.
const C: &str = "4000417025005";

async fn scan_back(t: &TestApp, token: &str, ret: &str, code: &str) -> support::Res {
    t.json(
        "POST",
        &format!("/api/v1/returns/{ret}/lines"),
        Some(token),
        json!({"code": code}),
    )
    .await
}

#[tokio::test]
async fn an_item_scanned_during_a_return_comes_back_on_its_receipt_line_or_is_said_not_on_it() {
    for t in apps().await {
        let (owner, cashier, reg) = shop(&t).await;
        let res = t
            .create_product(&owner, product("C", "Cocoa", 99, &[C]))
            .await;
        assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
        // B on line 1, two A on line 2.
        let sale = sale_of(&t, &cashier, &reg, &[B, A, A]).await;
        pay(&t, &cashier, &sale, "s-pay", json!({"kind": "cash"})).await;
        complete(&t, &cashier, &sale, "s-done").await;
        let ret = start_return(&t, &cashier, &reg, &sale).await;

        let res = scan_back(&t, &cashier, &ret, A).await;
        assert_eq!(res.status, StatusCode::OK, "{:?}: {}", t.backend, res.body);
        let lines = res.body["lines"].as_array().unwrap().clone();
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0]["original_line_no"], 2, "{}", res.body);
        assert_eq!(lines[0]["quantity"], "-1.000");
        // Scanned again: one more on the same line, then nothing left of it.
        let res = scan_back(&t, &cashier, &ret, A).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        assert_eq!(res.body["lines"][0]["quantity"], "-2.000");
        let res = scan_back(&t, &cashier, &ret, A).await;
        assert_eq!(res.status, StatusCode::CONFLICT, "{}", res.body);
        assert_eq!(res.body["error"]["code"], "return_exceeds_sold");
        // Never sold on this receipt: said plainly, nothing added.
        let res = scan_back(&t, &cashier, &ret, C).await;
        assert_eq!(res.status, StatusCode::CONFLICT, "{}", res.body);
        assert_eq!(res.body["error"]["code"], "not_on_receipt");
        let res = scan_back(&t, &cashier, &ret, B).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        assert_eq!(res.body["lines"].as_array().map(Vec::len), Some(2));
        assert_eq!(res.body["lines"][1]["original_line_no"], 1);
    }
}

#[tokio::test]
async fn field_and_import_errors_carry_codes_and_values_for_the_clients_message() {
    for t in apps().await {
        let (owner, cashier, reg) = shop(&t).await;
        let sale = sale_of(&t, &cashier, &reg, &[A]).await;
        let res = t
            .json(
                "PATCH",
                &format!("/api/v1/sales/{sale}/lines/1"),
                Some(&cashier),
                json!({"quantity": "0"}),
            )
            .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.body);
        let e = &res.body["error"]["details"]["errors"][0];
        assert_eq!(e["field"], "quantity", "{}", res.body);
        assert_eq!(e["code"], "not_positive", "{}", res.body);
        assert!(e["reason"].as_str().is_some(), "the English fallback stays");

        let csv = "sku,name,price,colour\nX1,One,1.00,red\n";
        let res = t
            .send(
                "POST",
                "/api/v1/catalog/import?dry_run=true",
                Some(&owner),
                Some(Body::from(csv)),
                "text/csv",
            )
            .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.body);
        let e = &res.body["error"]["details"]["errors"][0];
        assert_eq!(
            (e["column"].as_str(), e["code"].as_str()),
            (Some("colour"), Some("unknown_column"))
        );

        let csv = "sku,name,price\nX1,One,1.00\nX1,Again,2.00\n";
        let res = t
            .send(
                "POST",
                "/api/v1/catalog/import?dry_run=true",
                Some(&owner),
                Some(Body::from(csv)),
                "text/csv",
            )
            .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.body);
        let e = &res.body["error"]["details"]["errors"][0];
        assert_eq!(e["code"], "duplicate_sku", "{}", res.body);
        assert_eq!(e["params"], json!({"sku": "X1", "first": 2}));
        assert_eq!(e["line"], 3);
    }
}
