//! Returns and refunds through the API on every backend: by receipt within what was sold and
//! paid, to cash, card or store credit, with or without restocking, and without a receipt
//! with a manager's approval. The original sale never changes.

mod support;

use axum::http::StatusCode;
use serde_json::{Value, json};
use support::till::{A, B, complete, count, pay, shop};
use support::{Res, TestApp, amount, apps, open, scan};
use uuid::Uuid;

async fn start(t: &TestApp, token: &str, body: Value) -> Res {
    t.json("POST", "/api/v1/returns", Some(token), body).await
}

async fn add(t: &TestApp, token: &str, ret: &str, body: Value) -> Res {
    t.json(
        "POST",
        &format!("/api/v1/returns/{ret}/lines"),
        Some(token),
        body,
    )
    .await
}

fn id(v: &Value) -> String {
    v["id"]
        .as_str()
        .unwrap_or_else(|| panic!("no id in {v}"))
        .to_owned()
}

/// On-hand stock of the item behind a code, checked against the sum of its movements.
async fn stock(t: &TestApp, token: &str, code: &str) -> i64 {
    let store: Uuid = t.get("/api/v1/store", token).await.body["id"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    let res = t
        .get(&format!("/api/v1/catalog/lookup?code={code}"), token)
        .await;
    let item: Uuid = res.body["item"]["item_id"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    let on_hand = caisse_store::stock::on_hand(&t.app.db, store, item)
        .await
        .unwrap();
    let moved = caisse_store::stock::movements_sum(&t.app.db, store, item)
        .await
        .unwrap();
    assert_eq!(on_hand, moved, "stock is the sum of its movements");
    on_hand
}

/// 3 × A (10 % off the line: 6.75) and 1 × B (1.20), paid 2.00 by card and 5.95 in cash.
async fn sell(t: &TestApp, owner: &str, cashier: &str, reg: &str) -> Value {
    let sale = open(t, cashier, reg).await;
    for code in [A, A, A, B] {
        scan(t, cashier, &sale, code).await;
    }
    let res = t
        .json(
            "PATCH",
            &format!("/api/v1/sales/{sale}/lines/1"),
            Some(owner),
            json!({"discount": {"percent": "10", "reason": "loyalty"}}),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert_eq!(amount(&res.body["lines"][0]["total"]), 675);
    assert_eq!(amount(&res.body["total"]), 795);
    let res = pay(
        t,
        cashier,
        &sale,
        "s-card",
        json!({"kind": "card", "amount": 200}),
    )
    .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let res = pay(
        t,
        cashier,
        &sale,
        "s-cash",
        json!({"kind": "cash", "amount": 600}),
    )
    .await;
    assert_eq!(amount(&res.body["settlement"]["change"]), 5, "{}", res.body);
    complete(t, cashier, &sale, "s-done").await
}

#[tokio::test]
async fn a_return_by_receipt_refunds_what_was_paid_within_what_was_sold() {
    for t in apps().await {
        let (owner, cashier, reg) = shop(&t).await;
        let sale = sell(&t, &owner, &cashier, &reg).await;
        let sale_id = id(&sale);
        assert_eq!(sale["receipt_number"], "T1-000001");
        assert_eq!(stock(&t, &cashier, A).await, -3000);

        // Scanned (or typed in lower case) from the receipt: a return with no lines yet, and
        // what the original allows.
        let res = start(
            &t,
            &cashier,
            json!({"register_id": reg, "receipt": " t1-000001 "}),
        )
        .await;
        assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
        let ret = id(&res.body);
        assert_eq!(res.body["kind"], "return");
        assert_eq!(res.body["original_sale_id"], sale_id.as_str());
        assert_eq!(res.body["lines"], json!([]));
        assert_eq!(res.body["original"]["lines"][0]["returnable"], "3.000");
        let tenders = &res.body["original"]["tenders"];
        assert_eq!(tenders[0]["kind"], "card", "{tenders}");
        assert_eq!(amount(&tenders[0]["refundable"]), 200);
        assert_eq!(tenders[1]["kind"], "cash");
        assert_eq!(amount(&tenders[1]["paid"]), 595, "cash net of change");

        // 2 of the 3 A: exactly two thirds of what the line cost, discount included.
        let res = add(
            &t,
            &cashier,
            &ret,
            json!({"original_line_no": 1, "quantity": "2"}),
        )
        .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        assert_eq!(res.body["lines"][0]["quantity"], "-2.000");
        assert_eq!(res.body["lines"][0]["original_line_no"], 1);
        assert_eq!(amount(&res.body["total"]), -450);
        assert_eq!(amount(&res.body["tax_total"]), -23);
        assert_eq!(res.body["original"]["lines"][0]["returnable"], "1.000");
        // A cash refund is at most what is due, and defaults to it.
        let res = pay(
            &t,
            &cashier,
            &ret,
            "r1-over",
            json!({"kind": "cash", "amount": -500}),
        )
        .await;
        assert_eq!(
            (res.status, res.code()),
            (StatusCode::CONFLICT, "refund_exceeds_due")
        );
        let res = pay(&t, &cashier, &ret, "r1-cash", json!({"kind": "cash"})).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        assert_eq!(amount(&res.body["payments"][0]["tendered"]), -450);
        assert_eq!(res.body["settlement"]["settled"], true);
        let done = complete(&t, &cashier, &ret, "r1-done").await;
        assert_eq!(done["kind"], "return");
        assert_eq!(done["receipt_number"], "T1-000002");

        // The return is its own document referencing the original.
        let doc = t.get(&format!("/api/v1/sales/{ret}"), &cashier).await.body;
        assert_eq!(doc["kind"], "return");
        assert_eq!(doc["original_sale_id"], sale_id.as_str());
        assert_eq!(doc["lines"][0]["original_line_no"], 1);
        assert_eq!(amount(&doc["total"]), -450);
        assert_eq!(amount(&doc["payments"][0]["amount"]), -450);
        assert_eq!(stock(&t, &cashier, A).await, -1000, "2 A back on the shelf");

        // Only 1 A is left to return.
        let res = start(
            &t,
            &cashier,
            json!({"register_id": reg, "sale_id": sale_id}),
        )
        .await;
        assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
        let ret2 = id(&res.body);
        let res = add(
            &t,
            &cashier,
            &ret2,
            json!({"original_line_no": 1, "quantity": "2"}),
        )
        .await;
        assert_eq!(
            (res.status, res.code()),
            (StatusCode::CONFLICT, "return_exceeds_sold"),
            "{}",
            res.body
        );
        let res = add(&t, &cashier, &ret2, json!({"original_line_no": 1})).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        assert_eq!(
            amount(&res.body["total"]),
            -225,
            "the rest of the line: 6.75 - 4.50"
        );
        let res = add(&t, &cashier, &ret2, json!({"original_line_no": 1})).await;
        assert_eq!(res.code(), "return_exceeds_sold", "{}", res.body);
        let res = add(&t, &cashier, &ret2, json!({"original_line_no": 2})).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        assert_eq!(amount(&res.body["total"]), -345);

        // Back to the card: never more than the card paid (2.00); by default just that.
        let res = pay(
            &t,
            &cashier,
            &ret2,
            "r2-card-over",
            json!({"kind": "card", "amount": -345}),
        )
        .await;
        assert_eq!(
            (res.status, res.code()),
            (StatusCode::CONFLICT, "refund_exceeds_paid"),
            "{}",
            res.body
        );
        let res = pay(&t, &cashier, &ret2, "r2-card", json!({"kind": "card"})).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        assert_eq!(amount(&res.body["payments"][0]["tendered"]), -200);
        assert_eq!(res.body["payments"][0]["card_last4"], "4242");
        // The terminal refund is recorded as soon as it is approved.
        let refunded = "SELECT COUNT(*) FROM payments WHERE kind = 'card' AND amount = -200";
        assert_eq!(count(&t, refunded).await, 1);
        let res = pay(
            &t,
            &cashier,
            &ret2,
            "r2-card-2",
            json!({"kind": "card", "amount": -1}),
        )
        .await;
        assert_eq!(
            res.code(),
            "refund_exceeds_paid",
            "the card is fully refunded"
        );
        let res = pay(&t, &cashier, &ret2, "r2-cash", json!({"kind": "cash"})).await;
        assert_eq!(res.body["settlement"]["settled"], true, "{}", res.body);
        complete(&t, &cashier, &ret2, "r2-done").await;
        let doc = t.get(&format!("/api/v1/sales/{ret2}"), &cashier).await.body;
        let paid: Vec<(String, i64)> = doc["payments"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| (p["kind"].as_str().unwrap().to_owned(), amount(&p["amount"])))
            .collect();
        assert_eq!(paid, [("card".to_owned(), -200), ("cash".to_owned(), -145)]);
        assert_eq!(stock(&t, &cashier, A).await, 0);
        assert_eq!(stock(&t, &cashier, B).await, 0);
        // The two returns of A refunded exactly what the line cost.
        let a_refunds = "SELECT CAST(SUM(l.total) AS BIGINT) FROM sale_lines l JOIN sales s ON s.id = l.sale_id \
            WHERE s.kind = 'return' AND l.sku = 'A'";
        assert_eq!(count(&t, a_refunds).await, -675);

        // Nothing is left to return.
        let res = start(
            &t,
            &cashier,
            json!({"register_id": reg, "receipt": "T1-000001"}),
        )
        .await;
        assert_eq!(
            (res.status, res.code()),
            (StatusCode::CONFLICT, "nothing_to_return")
        );

        // The original is unchanged.
        let orig = t
            .get(&format!("/api/v1/sales/{sale_id}"), &cashier)
            .await
            .body;
        assert_eq!(orig["kind"], "sale");
        assert_eq!(orig["status"], "completed");
        assert_eq!(orig["lines"][0]["quantity"], "3.000");
        assert_eq!(amount(&orig["total"]), 795);
        assert_eq!(orig["original_sale_id"], Value::Null);
        let paid: i64 = orig["payments"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| amount(&p["amount"]))
            .sum();
        assert_eq!(paid, 795);

        // Both returns are in the journal, which verifies.
        assert_eq!(
            count(&t, "SELECT COUNT(*) FROM journal WHERE kind = 'return'").await,
            2
        );
        for r in caisse_app::checkout::journal::verify_all(&t.app.db)
            .await
            .unwrap()
        {
            assert_eq!(r.problem, None, "{r:?}");
        }
    }
}

#[tokio::test]
async fn store_credit_issues_a_credit_note_and_partial_returns_add_up_to_what_was_paid() {
    for t in apps().await {
        let (owner, cashier, reg) = shop(&t).await;
        // 3 × A with 1.00 off the sale: 6.50 paid for the line.
        let sale = open(&t, &cashier, &reg).await;
        for _ in 0..3 {
            scan(&t, &cashier, &sale, A).await;
        }
        let res = t
            .json(
                "PUT",
                &format!("/api/v1/sales/{sale}/discount"),
                Some(&owner),
                json!({"discount": {"amount": 100, "reason": "loyalty"}}),
            )
            .await;
        assert_eq!(amount(&res.body["total"]), 650, "{}", res.body);
        pay(&t, &cashier, &sale, "s-cash", json!({"kind": "cash"})).await;
        complete(&t, &cashier, &sale, "s-done").await;

        // One A, damaged: not restocked, refunded as store credit.
        let body = json!({"register_id": reg, "sale_id": sale, "restock": false});
        let res = start(&t, &cashier, body).await;
        assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
        assert_eq!(res.body["restock"], false);
        let ret = id(&res.body);
        let res = add(
            &t,
            &cashier,
            &ret,
            json!({"original_line_no": 1, "quantity": "1"}),
        )
        .await;
        assert_eq!(amount(&res.body["total"]), -217, "{}", res.body);
        let res = pay(&t, &cashier, &ret, "c1", json!({"kind": "store_credit"})).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        assert_eq!(res.body["settlement"]["settled"], true);
        let view = t.get(&format!("/api/v1/returns/{ret}"), &cashier).await;
        assert_eq!(view.status, StatusCode::OK, "{}", view.body);
        let note = &view.body["credit_notes"][0];
        let code = note["code"].as_str().unwrap_or_default();
        assert!(
            code.len() == 13
                && code.starts_with("CN-")
                && code[3..]
                    .bytes()
                    .all(|b| b.is_ascii_uppercase() || (b'2'..=b'7').contains(&b)),
            "{note}"
        );
        assert_eq!(amount(&note["amount"]), 217);
        let stored = format!(
            "SELECT COUNT(*) FROM payments WHERE kind = 'store_credit' AND amount = -217 AND terminal_ref = '{code}'"
        );
        assert_eq!(
            count(&t, &stored).await,
            1,
            "the credit note is recorded at once"
        );
        complete(&t, &cashier, &ret, "c1-done").await;
        assert_eq!(
            stock(&t, &cashier, A).await,
            -3000,
            "nothing went back to stock"
        );
        let moves = "SELECT COUNT(*) FROM stock_movements WHERE kind = 'return'";
        assert_eq!(count(&t, moves).await, 0);

        // The other two, one at a time, restocked: 2.16 then 2.17, 6.50 in all.
        for (key, expected) in [("c2", -216), ("c3", -217)] {
            let res = start(&t, &cashier, json!({"register_id": reg, "sale_id": sale})).await;
            let ret = id(&res.body);
            let res = add(&t, &cashier, &ret, json!({"original_line_no": 1})).await;
            assert_eq!(amount(&res.body["total"]), expected, "{}", res.body);
            let res = pay(&t, &cashier, &ret, key, json!({"kind": "cash"})).await;
            assert_eq!(res.body["settlement"]["settled"], true, "{}", res.body);
            complete(&t, &cashier, &ret, &format!("{key}-done")).await;
        }
        assert_eq!(stock(&t, &cashier, A).await, -1000);
        assert_eq!(count(&t, moves).await, 2);
        let refunded = "SELECT CAST(SUM(total) AS BIGINT) FROM sales WHERE kind = 'return'";
        assert_eq!(count(&t, refunded).await, -650);

        // At a sale, store credit spends from a credit note: without its code it is refused.
        let other = open(&t, &cashier, &reg).await;
        scan(&t, &cashier, &other, B).await;
        let res = pay(&t, &cashier, &other, "c4", json!({"kind": "store_credit"})).await;
        assert_eq!(
            (res.status, res.code()),
            (StatusCode::UNPROCESSABLE_ENTITY, "validation_failed")
        );
    }
}

#[tokio::test]
async fn a_return_without_receipt_needs_a_managers_approval() {
    for t in apps().await {
        let (_, cashier, reg) = shop(&t).await;
        let res = start(&t, &cashier, json!({"register_id": reg})).await;
        assert_eq!(
            (res.status, res.code()),
            (StatusCode::FORBIDDEN, "approval_required")
        );
        assert_eq!(
            res.body["error"]["details"]["action"],
            "refund_without_receipt"
        );
        let wrong = json!({"register_id": reg, "approval": {"login": "marc", "pin": "9999"}});
        let res = start(&t, &cashier, wrong).await;
        // A wrong approval PIN is the approver's failure, not the caller's session: 403.
        assert_eq!(
            (res.status, res.code()),
            (StatusCode::FORBIDDEN, "approval_invalid"),
            "{}",
            res.body
        );
        assert_eq!(res.body["error"]["details"]["tries_left"], 4);
        let own = json!({"register_id": reg, "approval": {"login": "chloe", "pin": "3692"}});
        let res = start(&t, &cashier, own).await;
        assert_eq!(
            (res.status, res.code()),
            (StatusCode::FORBIDDEN, "approval_denied")
        );
        let live = t.get("/api/v1/sales/open", &cashier).await;
        assert_eq!(
            live.body["items"],
            json!([]),
            "refused returns left no cart"
        );

        let ok = json!({"register_id": reg, "approval": {"login": "marc", "pin": "2581"}});
        let res = start(&t, &cashier, ok).await;
        assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
        assert!(res.body["approved_by"].is_string(), "{}", res.body);
        assert_eq!(res.body["original"], Value::Null);
        let ret = id(&res.body);
        let res = add(&t, &cashier, &ret, json!({"original_line_no": 1})).await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.body);
        let res = add(&t, &cashier, &ret, json!({"code": A})).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        assert_eq!(res.body["lines"][0]["quantity"], "-1.000");
        assert_eq!(amount(&res.body["total"]), -250);
        // A return's lines keep their prices: no discount, price or exemption changes.
        for (method, path, body) in [
            (
                "PATCH",
                format!("/api/v1/sales/{ret}/lines/1"),
                json!({"discount": {"percent": "5", "reason": "x"}}),
            ),
            (
                "PUT",
                format!("/api/v1/sales/{ret}/discount"),
                json!({"discount": {"percent": "5", "reason": "x"}}),
            ),
        ] {
            let res = t.json(method, &path, Some(&cashier), body).await;
            assert_eq!(
                (res.status, res.code()),
                (StatusCode::CONFLICT, "return_locked"),
                "{path}: {}",
                res.body
            );
        }
        // Nothing was paid by card on a receipt nobody has: cash or store credit only.
        let res = pay(&t, &cashier, &ret, "n-card", json!({"kind": "card"})).await;
        assert_eq!(res.code(), "refund_exceeds_paid", "{}", res.body);
        pay(&t, &cashier, &ret, "n-cash", json!({"kind": "cash"})).await;
        complete(&t, &cashier, &ret, "n-done").await;
        assert_eq!(stock(&t, &cashier, A).await, 1000);
        let approved =
            "SELECT COUNT(*) FROM sales WHERE kind = 'return' AND approved_by IS NOT NULL";
        assert_eq!(count(&t, approved).await, 1);

        // A manager needs no one else's approval.
        let manager = t.login("marc").await;
        let res = start(&t, &manager, json!({"register_id": reg})).await;
        assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
    }
}

#[tokio::test]
async fn bad_returns_get_clear_errors_and_change_nothing() {
    for t in apps().await {
        let (owner, cashier, reg) = shop(&t).await;
        let res = start(
            &t,
            &cashier,
            json!({"register_id": reg, "receipt": "T1-999999"}),
        )
        .await;
        assert_eq!(
            (res.status, res.code()),
            (StatusCode::NOT_FOUND, "not_found")
        );

        // A sale whose B line was voided.
        let sale = open(&t, &cashier, &reg).await;
        scan(&t, &cashier, &sale, A).await;
        scan(&t, &cashier, &sale, B).await;
        let res = t
            .json(
                "POST",
                &format!("/api/v1/sales/{sale}/lines/2/void"),
                Some(&cashier),
                json!({}),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        pay(&t, &cashier, &sale, "s-cash", json!({"kind": "cash"})).await;
        complete(&t, &cashier, &sale, "s-done").await;

        let both = json!({"register_id": reg, "receipt": "T1-000001", "sale_id": sale});
        let res = start(&t, &cashier, both).await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.body);
        let res = start(
            &t,
            &cashier,
            json!({"register_id": reg, "receipt": "T1-000001"}),
        )
        .await;
        let ret = id(&res.body);
        for (body, status, code) in [
            (
                json!({"original_line_no": 2}),
                StatusCode::CONFLICT,
                "line_voided",
            ),
            (
                json!({"original_line_no": 9}),
                StatusCode::NOT_FOUND,
                "not_found",
            ),
            (
                json!({"original_line_no": 1, "quantity": "0"}),
                StatusCode::UNPROCESSABLE_ENTITY,
                "validation_failed",
            ),
            (
                json!({"original_line_no": 1, "quantity": "0.5"}),
                StatusCode::UNPROCESSABLE_ENTITY,
                "validation_failed",
            ),
            // B's only line was voided on the receipt: a scan of it finds nothing to take.
            (json!({"code": B}), StatusCode::CONFLICT, "not_on_receipt"),
            (
                json!({"code": A, "original_line_no": 1}),
                StatusCode::UNPROCESSABLE_ENTITY,
                "validation_failed",
            ),
        ] {
            let res = add(&t, &cashier, &ret, body.clone()).await;
            assert_eq!(
                (res.status, res.code()),
                (status, code),
                "{body}: {}",
                res.body
            );
        }
        let view = t.get(&format!("/api/v1/returns/{ret}"), &cashier).await;
        assert_eq!(view.body["lines"], json!([]), "refused lines left nothing");

        // A line changed by hand after it was added is refused at the refund.
        add(&t, &cashier, &ret, json!({"original_line_no": 1})).await;
        let res = t
            .json(
                "PATCH",
                &format!("/api/v1/sales/{ret}/lines/1"),
                Some(&owner),
                json!({"price_override": 1000}),
            )
            .await;
        if res.status == StatusCode::OK {
            let res = pay(&t, &cashier, &ret, "bad-cash", json!({"kind": "cash"})).await;
            assert_eq!(
                (res.status, res.code()),
                (StatusCode::CONFLICT, "return_changed"),
                "{}",
                res.body
            );
        }
        // While that return is being rung up, it holds the only A: no other return gets it.
        let res = start(&t, &cashier, json!({"register_id": reg, "sale_id": sale})).await;
        assert_eq!(
            (res.status, res.code()),
            (StatusCode::CONFLICT, "nothing_to_return"),
            "{}",
            res.body
        );
        // Cancelled, it holds nothing back any more.
        let res = t
            .json(
                "POST",
                &format!("/api/v1/sales/{ret}/cancel"),
                Some(&cashier),
                json!({}),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);

        // Returns of returns, and return lines on a sale, are refused.
        let res = start(&t, &cashier, json!({"register_id": reg, "sale_id": sale})).await;
        let ok = id(&res.body);
        add(&t, &cashier, &ok, json!({"original_line_no": 1})).await;
        pay(&t, &cashier, &ok, "ok-cash", json!({"kind": "cash"})).await;
        complete(&t, &cashier, &ok, "ok-done").await;
        let res = start(&t, &cashier, json!({"register_id": reg, "sale_id": ok})).await;
        assert_eq!(
            (res.status, res.code()),
            (StatusCode::CONFLICT, "not_returnable"),
            "{}",
            res.body
        );
        let other = open(&t, &cashier, &reg).await;
        let res = add(&t, &cashier, &other, json!({"original_line_no": 1})).await;
        assert_eq!(
            (res.status, res.code()),
            (StatusCode::CONFLICT, "not_a_return")
        );
    }
}

#[tokio::test]
async fn the_return_endpoints_are_documented() {
    let t = apps().await.remove(0);
    let doc = t.send("GET", "/api/openapi.json", None, None, "").await;
    assert_eq!(doc.status, StatusCode::OK);
    for path in [
        "/api/v1/returns",
        "/api/v1/returns/{id}",
        "/api/v1/returns/{id}/lines",
    ] {
        assert!(
            doc.body["paths"][path].is_object(),
            "{path} is not documented"
        );
    }
    let view = &doc.body["components"]["schemas"]["ReturnView"];
    assert!(view.is_object(), "no ReturnView schema");
    assert!(view.to_string().contains("credit_notes"), "{view}");
}
