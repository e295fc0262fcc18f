//! Voiding a tender on an open sale through the API, on every backend: a card payment is
//! refunded through the terminal and reversed by a new payment row, a store-credit
//! redemption goes back to its note, a cash tender leaves the cart. Nothing in `payments` is
//! changed; the sale is payable again, can be cancelled, and reports net the reversals.

mod support;

use axum::http::StatusCode;
use serde_json::json;
use support::till::{
    A, B, balance, complete, count, issue_note, pay, return_as_credit, sale_of, shop, void,
};
use support::{TestApp, amount, apps};

fn payment_id(body: &serde_json::Value, i: usize) -> String {
    body["payments"][i]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("no payment {i} in {body}"))
        .to_owned()
}

async fn payments_of(t: &TestApp, sale: &str) -> i64 {
    let sql = match t.backend {
        caisse_store::Backend::Sqlite => format!(
            "SELECT COUNT(*) FROM payments WHERE sale_id = X'{}'",
            sale.replace('-', "")
        ),
        caisse_store::Backend::Postgres => {
            format!("SELECT COUNT(*) FROM payments WHERE sale_id = '{sale}'")
        }
    };
    count(t, &sql).await
}

#[tokio::test]
async fn a_voided_card_payment_is_refunded_and_the_sale_can_then_be_cancelled() {
    for t in apps().await {
        let (_owner, cashier, reg) = shop(&t).await;
        let sale = sale_of(&t, &cashier, &reg, &[A, A, A, A]).await;
        let res = pay(
            &t,
            &cashier,
            &sale,
            "card",
            json!({"kind": "card", "amount": 400}),
        )
        .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let card = payment_id(&res.body, 0);
        let cancel = format!("/api/v1/sales/{sale}/cancel");
        let res = t.json("POST", &cancel, Some(&cashier), json!({})).await;
        assert_eq!(
            (res.status, res.code()),
            (StatusCode::CONFLICT, "payments_taken")
        );

        let path = format!("/api/v1/sales/{sale}/payments/{card}/void");
        let res = t.json("POST", &path, Some(&cashier), json!({})).await;
        assert_eq!(
            (res.status, res.code()),
            (StatusCode::BAD_REQUEST, "idempotency_key_missing")
        );
        // The same key still being processed (another request holds it): 409, nothing done.
        let store: uuid::Uuid = t.get("/api/v1/store", &cashier).await.body["id"]
            .as_str()
            .unwrap()
            .parse()
            .unwrap();
        let held = t
            .app
            .checkout
            .claim_key(&t.app.db, store, "void-1")
            .await
            .expect("claim");
        let res = void(&t, &cashier, &sale, &card, "void-1").await;
        assert_eq!(
            (res.status, res.code()),
            (StatusCode::CONFLICT, "idempotency_in_flight")
        );
        assert_eq!(payments_of(&t, &sale).await, 1);
        held.release().await;
        let res = void(&t, &cashier, &sale, &card, "void-1").await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let reversal = res.body["payments"][0]["voided_by"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        assert!(!reversal.is_empty(), "{}", res.body);
        assert_eq!(amount(&res.body["settlement"]["paid"]), 0);
        assert_eq!(amount(&res.body["settlement"]["remaining"]), 1000);
        assert_eq!(
            payments_of(&t, &sale).await,
            2,
            "the charge and its reversal"
        );
        let reversed = "SELECT COUNT(*) FROM payments WHERE kind = 'card' AND amount = -400 AND tendered = -400 AND reverses IS NOT NULL AND idempotency_key = 'void-1'";
        assert_eq!(count(&t, reversed).await, 1);

        // Same key: the same answer, nothing refunded twice; another request: refused.
        let again = void(&t, &cashier, &sale, &card, "void-1").await;
        assert_eq!(again.status, StatusCode::OK, "{}", again.body);
        assert_eq!(again.body["payments"][0]["voided_by"], reversal.as_str());
        assert_eq!(payments_of(&t, &sale).await, 2);
        let other = void(
            &t,
            &cashier,
            &sale,
            &uuid::Uuid::now_v7().to_string(),
            "void-1",
        )
        .await;
        assert_eq!(
            (other.status, other.code()),
            (StatusCode::UNPROCESSABLE_ENTITY, "idempotency_key_reused")
        );
        let twice = void(&t, &cashier, &sale, &card, "void-2").await;
        assert_eq!(
            (twice.status, twice.code()),
            (StatusCode::CONFLICT, "payment_already_voided")
        );
        let unknown = void(
            &t,
            &cashier,
            &sale,
            &uuid::Uuid::now_v7().to_string(),
            "void-3",
        )
        .await;
        assert_eq!(unknown.status, StatusCode::NOT_FOUND);

        // Payable again, and it can be cancelled now.
        let res = pay(
            &t,
            &cashier,
            &sale,
            "card-2",
            json!({"kind": "card", "amount": 300}),
        )
        .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let second = payment_id(&res.body, 1);
        let res = void(&t, &cashier, &sale, &second, "void-4").await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let res = t.json("POST", &cancel, Some(&cashier), json!({})).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        assert_eq!(res.body["status"], "cancelled");
        assert_eq!(payments_of(&t, &sale).await, 4, "nothing was removed");
        let refused = caisse_store::testing::execute_raw(&t.app.db, "DELETE FROM payments").await;
        assert!(refused.is_err(), "payments stay append-only");

        // With an external terminal the cashier confirms the refund from its screen; without
        // an approval code it is declined and the tender stands. The new process finds the
        // card payment in the cart without any flush: it was written with its cart.
        let sale = sale_of(&t, &cashier, &reg, &[A, A, A]).await;
        let res = pay(
            &t,
            &cashier,
            &sale,
            "card-3",
            json!({"kind": "card", "amount": 500}),
        )
        .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let card = payment_id(&res.body, 0);
        let external = caisse_app::App::start_with(
            t.app.db.clone(),
            caisse_app::checkout::terminal::Terminal::External,
        )
        .await
        .expect("restart");
        let t = t.with_router(caisse_server::router(external.clone()), external);
        let res = void(&t, &cashier, &sale, &card, "void-ext").await;
        assert_eq!(
            (res.status, res.code()),
            (StatusCode::PAYMENT_REQUIRED, "payment_declined")
        );
        let view = t.get(&format!("/api/v1/sales/{sale}"), &cashier).await;
        assert_eq!(
            view.body["payments"][0]["voided_by"],
            serde_json::Value::Null,
            "{}",
            view.body
        );
        assert_eq!(amount(&view.body["settlement"]["paid"]), 500);
        assert_eq!(payments_of(&t, &sale).await, 1);
        let confirmed = json!({"confirmation": {"auth_code": "R12345", "card_last4": "4242"}});
        let path = format!("/api/v1/sales/{sale}/payments/{card}/void");
        let res = t
            .json_key("POST", &path, &cashier, "void-ext", confirmed)
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let refunded = "SELECT COUNT(*) FROM payments WHERE amount = -500 AND auth_code = 'R12345'";
        assert_eq!(count(&t, refunded).await, 1);
    }
}

#[tokio::test]
async fn reports_receipts_and_the_journal_net_voided_tenders() {
    for t in apps().await {
        let (owner, cashier, reg) = shop(&t).await;
        let sale = sale_of(&t, &cashier, &reg, &[A, A, A, A]).await;
        let res = pay(
            &t,
            &cashier,
            &sale,
            "c1",
            json!({"kind": "card", "amount": 400}),
        )
        .await;
        let first = payment_id(&res.body, 0);
        let res = pay(
            &t,
            &cashier,
            &sale,
            "cash-1",
            json!({"kind": "cash", "amount": 100}),
        )
        .await;
        let cash = payment_id(&res.body, 1);
        // Cash lives in the cart: voiding it removes it, nothing is written.
        let res = void(&t, &cashier, &sale, &cash, "v-cash").await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        assert_eq!(res.body["payments"].as_array().map(Vec::len), Some(1));
        void(&t, &cashier, &sale, &first, "v-card").await;
        pay(
            &t,
            &cashier,
            &sale,
            "c2",
            json!({"kind": "card", "amount": 300}),
        )
        .await;
        let res = pay(
            &t,
            &cashier,
            &sale,
            "cash-2",
            json!({"kind": "cash", "amount": 700}),
        )
        .await;
        assert_eq!(res.body["settlement"]["settled"], true, "{}", res.body);
        let done = complete(&t, &cashier, &sale, "done").await;
        assert_eq!(amount(&done["settlement"]["paid"]), 1000);

        let x = t
            .get(&format!("/api/v1/registers/{reg}/x-report"), &owner)
            .await;
        let tender = |kind: &str| {
            x.body["tenders"]
                .as_array()
                .and_then(|ts| ts.iter().find(|t| t["kind"] == kind))
                .map(|t| (t["count"].as_i64().unwrap_or(0), amount(&t["amount"])))
        };
        assert_eq!(tender("card"), Some((1, 300)), "{}", x.body);
        assert_eq!(tender("cash"), Some((1, 700)), "{}", x.body);
        assert_eq!(amount(&x.body["net_total"]), 1000);

        let path = format!("/api/v1/sales/{sale}/receipt?format=text");
        let text = t
            .get(&path, &cashier)
            .await
            .body
            .as_str()
            .unwrap_or_default()
            .to_owned();
        assert_eq!(
            text.matches("VISA").count(),
            1,
            "only the card that paid: {text}"
        );
        assert_eq!(text.matches("Carte bancaire").count(), 1, "{text}");

        let journal =
            "SELECT COUNT(*) FROM journal WHERE kind = 'sale' AND payload LIKE '%voided_tenders%'";
        assert_eq!(
            count(&t, journal).await,
            1,
            "the sale's entry records the voided card"
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
async fn a_voided_redemption_goes_back_to_its_note_and_a_voided_issue_issues_nothing() {
    for t in apps().await {
        let (_owner, cashier, reg) = shop(&t).await;
        let code = issue_note(&t, &cashier, &reg, 4).await;
        let sale = sale_of(&t, &cashier, &reg, &[A, A]).await;
        let body = json!({"kind": "store_credit", "credit_note": code, "amount": 300});
        let res = pay(&t, &cashier, &sale, "sc", body).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let spent = payment_id(&res.body, 0);
        assert_eq!(balance(&t, &cashier, &code).await, 700);
        let res = void(&t, &cashier, &sale, &spent, "v-sc").await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        assert_eq!(amount(&res.body["settlement"]["remaining"]), 500);
        assert_eq!(balance(&t, &cashier, &code).await, 1000, "given back");
        let note = t
            .get(&format!("/api/v1/credit-notes/{code}"), &cashier)
            .await;
        let kinds: Vec<&str> = note.body["movements"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|m| m["kind"].as_str())
            .collect();
        assert_eq!(kinds, ["issue", "redeem", "restore"]);
        let res = t
            .json(
                "POST",
                &format!("/api/v1/sales/{sale}/cancel"),
                Some(&cashier),
                json!({}),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        assert_eq!(balance(&t, &cashier, &code).await, 1000);

        // A return whose store credit is voided and refunded in cash issues no note.
        let (ret, code) = return_as_credit(&t, &cashier, &reg, 1).await;
        let view = t.get(&format!("/api/v1/sales/{ret}"), &cashier).await;
        let credit = payment_id(&view.body, 0);
        let res = void(&t, &cashier, &ret, &credit, "v-issue").await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let res = t.get(&format!("/api/v1/returns/{ret}"), &cashier).await;
        assert_eq!(
            res.body["credit_notes"].as_array().map(Vec::len),
            Some(0),
            "{}",
            res.body
        );
        let res = pay(&t, &cashier, &ret, "ret-cash", json!({"kind": "cash"})).await;
        assert_eq!(res.body["settlement"]["settled"], true, "{}", res.body);
        complete(&t, &cashier, &ret, "ret-done").await;
        let res = t
            .get(&format!("/api/v1/credit-notes/{code}"), &cashier)
            .await;
        assert_eq!(
            (res.status, res.code()),
            (StatusCode::NOT_FOUND, "credit_note_not_found")
        );
        let spend = sale_of(&t, &cashier, &reg, &[B]).await;
        let body = json!({"kind": "store_credit", "credit_note": code});
        let res = pay(&t, &cashier, &spend, "spend", body).await;
        assert_eq!(res.code(), "credit_note_not_found", "{}", res.body);
    }
}
