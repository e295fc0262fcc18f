//! Whether a return's goods go back to stock is chosen on the open return
//! (`PUT /api/v1/returns/{id}/restock`), on every backend: the stock moves accordingly at
//! completion, and the choice is refused once a refund was taken.

mod support;

use axum::http::StatusCode;
use serde_json::json;
use support::till::{A, complete, count, pay, return_line, sale_of, shop, start_return};
use support::{TestApp, apps};

async fn restock(t: &TestApp, token: &str, ret: &str, body: serde_json::Value) -> support::Res {
    t.json(
        "PUT",
        &format!("/api/v1/returns/{ret}/restock"),
        Some(token),
        body,
    )
    .await
}

#[tokio::test]
async fn a_return_chooses_whether_its_goods_go_back_to_stock() {
    for t in apps().await {
        let (_owner, cashier, reg) = shop(&t).await;
        let sale = sale_of(&t, &cashier, &reg, &[A, A]).await;
        let res = pay(&t, &cashier, &sale, "s-cash", json!({"kind": "cash"})).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        complete(&t, &cashier, &sale, "s-done").await;
        let movements = "SELECT COUNT(*) FROM stock_movements";
        assert_eq!(count(&t, movements).await, 1);

        // Damaged goods: not back on the shelf.
        let ret = start_return(&t, &cashier, &reg, &sale).await;
        let res = t.get(&format!("/api/v1/returns/{ret}"), &cashier).await;
        assert_eq!(
            res.body["restock"], true,
            "goods go back to stock by default"
        );
        let res = restock(&t, &cashier, &ret, json!({"restock": false})).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        assert_eq!(res.body["restock"], false);
        // Bad input changes nothing.
        let res = restock(&t, &cashier, &ret, json!({"restock": "no"})).await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.body);
        let res = t.get(&format!("/api/v1/returns/{ret}"), &cashier).await;
        assert_eq!(res.body["restock"], false);

        return_line(&t, &cashier, &ret, "1").await;
        let res = pay(&t, &cashier, &ret, "r-cash", json!({"kind": "cash"})).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        // The refund was decided on what the return holds: the choice is closed now.
        let res = restock(&t, &cashier, &ret, json!({"restock": true})).await;
        assert_eq!(res.status, StatusCode::CONFLICT, "{}", res.body);
        assert_eq!(res.body["error"]["code"], "refund_taken");
        complete(&t, &cashier, &ret, "r-done").await;
        assert_eq!(
            count(&t, movements).await,
            1,
            "a return without restocking moves no stock"
        );

        // The second unit comes back to the shelf.
        let ret = start_return(&t, &cashier, &reg, &sale).await;
        let res = restock(&t, &cashier, &ret, json!({"restock": true})).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        return_line(&t, &cashier, &ret, "1").await;
        let res = pay(&t, &cashier, &ret, "r2-cash", json!({"kind": "cash"})).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        complete(&t, &cashier, &ret, "r2-done").await;
        assert_eq!(
            count(&t, movements).await,
            2,
            "the restocked unit moved back"
        );

        // Not a return, or not there: 404.
        let other = sale_of(&t, &cashier, &reg, &[A]).await;
        let res = restock(&t, &cashier, &other, json!({"restock": true})).await;
        assert_eq!(res.status, StatusCode::NOT_FOUND, "{}", res.body);
    }
}
