//! Store credit through the API on every backend: a credit note is issued when its return
//! completes, spent at later sales within its balance and what is due, shown on receipts and
//! under `store_credit` in reports, and never overspent, even by tills spending it at once.

mod support;

use std::sync::Arc;

use axum::http::StatusCode;
use serde_json::json;
use support::till::{
    A, B, balance, complete, count, issue_note, pay, register, return_as_credit, sale_of, shop,
};
use support::{amount, apps};

#[tokio::test]
async fn a_credit_note_is_spent_at_later_sales_within_its_balance_and_what_is_due() {
    for t in apps().await {
        let (owner, cashier, reg) = shop(&t).await;
        // 4 × A returned as store credit: a note of 10.00, usable once the return completes.
        let (ret, code) = return_as_credit(&t, &cashier, &reg, 4).await;
        let early = sale_of(&t, &cashier, &reg, &[B]).await;
        let body = json!({"kind": "store_credit", "credit_note": code});
        let res = pay(&t, &cashier, &early, "early", body).await;
        assert_eq!(
            (res.status, res.code()),
            (StatusCode::UNPROCESSABLE_ENTITY, "credit_note_not_usable"),
            "{}",
            res.body
        );
        assert_eq!(
            res.body["error"]["details"]["reason"],
            "return_not_completed"
        );
        let res = t
            .get(&format!("/api/v1/credit-notes/{code}"), &cashier)
            .await;
        assert_eq!(res.code(), "credit_note_not_usable", "{}", res.body);
        let done = complete(&t, &cashier, &ret, "ret-done").await;

        let res = t
            .get(&format!("/api/v1/credit-notes/{code}"), &cashier)
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        assert_eq!(res.body["code"], code.as_str());
        assert_eq!(amount(&res.body["issued"]), 1000);
        assert_eq!(amount(&res.body["balance"]), 1000);
        assert_eq!(res.body["receipt_number"], done["receipt_number"]);
        assert_eq!(res.body["return_id"], done["id"]);
        assert!(
            res.body["issued_at"]
                .as_str()
                .is_some_and(|s| s.ends_with('Z'))
        );
        assert_eq!(res.body["movements"][0]["kind"], "issue");

        // The first sale (1.20) spends what is due, typed in lower case.
        let body = json!({"kind": "store_credit", "credit_note": code.to_lowercase()});
        let res = pay(&t, &cashier, &early, "sc-1", body.clone()).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        assert_eq!(res.body["settlement"]["settled"], true);
        assert_eq!(res.body["payments"][0]["credit_note"], code.as_str());
        assert_eq!(amount(&res.body["payments"][0]["tendered"]), 120);
        assert_eq!(
            balance(&t, &cashier, &code).await,
            880,
            "spent at once, before completion"
        );
        // A retry with the same key spends nothing more; another payload is refused.
        let again = pay(&t, &cashier, &early, "sc-1", body).await;
        assert_eq!(again.status, StatusCode::OK, "{}", again.body);
        assert_eq!(again.body["payments"].as_array().map(Vec::len), Some(1));
        let other = json!({"kind": "store_credit", "credit_note": code, "amount": 10});
        let res = pay(&t, &cashier, &early, "sc-1", other).await;
        assert_eq!(
            (res.status, res.code()),
            (StatusCode::UNPROCESSABLE_ENTITY, "idempotency_key_reused")
        );
        assert_eq!(balance(&t, &cashier, &code).await, 880);
        let first = complete(&t, &cashier, &early, "sc-1-done").await;

        // The second sale (10.00): never more than the balance, nor than what is due.
        let big = sale_of(&t, &cashier, &reg, &[A, A, A, A]).await;
        let cases = [
            (
                900,
                StatusCode::UNPROCESSABLE_ENTITY,
                "credit_note_insufficient",
            ),
            (
                1100,
                StatusCode::UNPROCESSABLE_ENTITY,
                "credit_note_exceeds_due",
            ),
            (0, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed"),
            (-5, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed"),
        ];
        for (i, (amt, status, code_expected)) in cases.into_iter().enumerate() {
            let body = json!({"kind": "store_credit", "credit_note": code, "amount": amt});
            let res = pay(&t, &cashier, &big, &format!("bad-{i}"), body).await;
            assert_eq!(
                (res.status, res.code()),
                (status, code_expected),
                "{amt}: {}",
                res.body
            );
            if code_expected == "credit_note_insufficient" {
                assert_eq!(amount(&res.body["error"]["details"]["balance"]), 880);
            }
            if code_expected == "credit_note_exceeds_due" {
                assert_eq!(amount(&res.body["error"]["details"]["due"]), 1000);
            }
        }
        let bad_input = [
            (
                json!({"kind": "store_credit", "credit_note": "CN-NOSUCHCODE"}),
                StatusCode::NOT_FOUND,
                "credit_note_not_found",
            ),
            (
                json!({"kind": "store_credit"}),
                StatusCode::UNPROCESSABLE_ENTITY,
                "validation_failed",
            ),
            (
                json!({"kind": "store_credit", "credit_note": "CN-1; DROP"}),
                StatusCode::UNPROCESSABLE_ENTITY,
                "validation_failed",
            ),
            (
                json!({"kind": "cash", "credit_note": code}),
                StatusCode::UNPROCESSABLE_ENTITY,
                "validation_failed",
            ),
        ];
        for (i, (body, status, expected)) in bad_input.into_iter().enumerate() {
            let res = pay(&t, &cashier, &big, &format!("input-{i}"), body).await;
            assert_eq!((res.status, res.code()), (status, expected), "{}", res.body);
        }
        assert_eq!(
            balance(&t, &cashier, &code).await,
            880,
            "refusals change nothing"
        );
        let view = t.get(&format!("/api/v1/sales/{big}"), &cashier).await;
        assert_eq!(view.body["payments"].as_array().map(Vec::len), Some(0));
        // The default spends the whole balance, and cash pays the rest.
        let body = json!({"kind": "store_credit", "credit_note": code});
        let res = pay(&t, &cashier, &big, "sc-2", body).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        assert_eq!(amount(&res.body["payments"][0]["tendered"]), 880);
        assert_eq!(amount(&res.body["settlement"]["remaining"]), 120);
        let res = pay(
            &t,
            &cashier,
            &big,
            "sc-2-cash",
            json!({"kind": "cash", "amount": 200}),
        )
        .await;
        assert_eq!(
            amount(&res.body["settlement"]["change"]),
            80,
            "{}",
            res.body
        );
        complete(&t, &cashier, &big, "sc-2-done").await;
        assert_eq!(balance(&t, &cashier, &code).await, 0);

        // An empty note pays nothing.
        let empty = sale_of(&t, &cashier, &reg, &[B]).await;
        let body = json!({"kind": "store_credit", "credit_note": code});
        let res = pay(&t, &cashier, &empty, "sc-3", body).await;
        assert_eq!(res.code(), "credit_note_insufficient", "{}", res.body);
        assert_eq!(amount(&res.body["error"]["details"]["balance"]), 0);

        // The receipt names the note and what is left on it.
        let path = format!(
            "/api/v1/sales/{}/receipt?format=text",
            first["id"].as_str().unwrap()
        );
        let receipt = t.get(&path, &cashier).await;
        let text = receipt.body.as_str().unwrap_or_default();
        assert!(text.contains(&format!("Avoir {code}")), "{text}");
        assert!(
            text.contains("Solde restant") && text.contains("8,80"),
            "{text}"
        );

        // The X report: store credit under its own kind (issued -10.00, spent 1.20 + 8.80),
        // never as cash: the drawer holds the float, the sales' cash and nothing else.
        let x = t
            .get(&format!("/api/v1/registers/{reg}/x-report"), &owner)
            .await;
        assert_eq!(x.status, StatusCode::OK, "{}", x.body);
        let tender = |kind: &str| {
            x.body["tenders"]
                .as_array()
                .and_then(|ts| ts.iter().find(|t| t["kind"] == kind))
                .map(|t| (t["count"].as_i64().unwrap_or(0), amount(&t["amount"])))
        };
        assert_eq!(tender("store_credit"), Some((3, 0)), "{}", x.body);
        assert_eq!(tender("cash"), Some((2, 1000 + 120)), "{}", x.body);
        assert_eq!(amount(&x.body["drawer"]["expected_cash"]), 10_000 + 1120);

        // The ledger is append-only; the balance can change, nothing else.
        let db = &t.app.db;
        for sql in [
            "UPDATE credit_note_movements SET amount = 0".to_owned(),
            "DELETE FROM credit_note_movements".to_owned(),
            "DELETE FROM credit_notes".to_owned(),
            format!("UPDATE credit_notes SET issued = 99999 WHERE code = '{code}'"),
            format!("UPDATE credit_notes SET balance = -1 WHERE code = '{code}'"),
            format!("UPDATE credit_notes SET balance = 1001 WHERE code = '{code}'"),
        ] {
            let refused = caisse_store::testing::execute_raw(db, &sql).await;
            assert!(refused.is_err(), "{sql} must be refused");
        }
        if t.backend == caisse_store::Backend::Postgres {
            for sql in [
                "TRUNCATE credit_note_movements CASCADE",
                "TRUNCATE credit_notes CASCADE",
            ] {
                let err = caisse_store::testing::execute_raw(db, sql)
                    .await
                    .expect_err(sql);
                assert!(err.to_string().contains("append-only"), "{sql}: {err}");
            }
        }
        assert_eq!(balance(&t, &cashier, &code).await, 0);
    }
}

#[tokio::test]
async fn another_stores_note_cannot_be_seen_or_spent() {
    for t in apps().await {
        let (_owner, cashier, reg) = shop(&t).await;
        let code = issue_note(&t, &cashier, &reg, 1).await;
        // A second store in the same database, with its own owner and till.
        let store = caisse_core::catalog::Store {
            id: uuid::Uuid::now_v7(),
            name: "Other shop".into(),
            currency: "EUR".into(),
            locale: "fr-FR".into(),
            time_zone: "Europe/Paris".into(),
            tax_mode: "inclusive".into(),
            scale_layout: "none".into(),
        };
        caisse_app::catalog::create_store(&t.app, store.clone())
            .await
            .unwrap();
        let user = caisse_app::auth::NewUser {
            login: "other".into(),
            display_name: None,
            role: "owner".into(),
            password: "other-owner-pass".into(),
            pin: None,
        };
        caisse_app::auth::create_user(&t.app, store.id, None, user)
            .await
            .unwrap();
        let res = t
            .json(
                "POST",
                "/api/v1/auth/login",
                None,
                json!({"login": "other", "password": "other-owner-pass"}),
            )
            .await;
        let other = res.body["token"].as_str().unwrap().to_owned();
        let res = t
            .create_product(&other, support::product("Z", "Zest", 300, &[B]))
            .await;
        assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
        let reg2 = register(&t, &other, &other, "o1").await;
        let sale = sale_of(&t, &other, &reg2, &[B]).await;
        let res = t.get(&format!("/api/v1/credit-notes/{code}"), &other).await;
        assert_eq!(
            (res.status, res.code()),
            (StatusCode::NOT_FOUND, "credit_note_not_found")
        );
        let body = json!({"kind": "store_credit", "credit_note": code});
        let res = pay(&t, &other, &sale, "o-sc", body).await;
        assert_eq!(
            (res.status, res.code()),
            (StatusCode::UNPROCESSABLE_ENTITY, "credit_note_not_usable"),
            "{}",
            res.body
        );
        assert_eq!(res.body["error"]["details"]["reason"], "other_store");
        assert_eq!(balance(&t, &cashier, &code).await, 250);
    }
}

/// Eight sales on two tills spend 3.00 each from one 10.00 note at the same moment: exactly
/// three succeed and the others are told the balance; then two spend "what is left" at once
/// and only one gets it. Runs on both backends (SQLite: one writer at a time; PostgreSQL:
/// the note's row is locked with SELECT … FOR UPDATE).
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn tills_spending_one_note_at_once_never_overspend_it() {
    for t in apps().await {
        let t = Arc::new(t);
        let (owner, cashier, reg) = shop(&t).await;
        let reg2 = register(&t, &owner, &cashier, "t2").await;
        let code = issue_note(&t, &cashier, &reg, 4).await;
        let mut sales = Vec::new();
        for i in 0..8 {
            let till = if i % 2 == 0 { &reg } else { &reg2 };
            sales.push(sale_of(&t, &cashier, till, &[A, A, A, A]).await);
        }
        let start = Arc::new(tokio::sync::Barrier::new(sales.len()));
        let mut tills = Vec::new();
        for (i, sale) in sales.iter().cloned().enumerate() {
            let (t, cashier, code, start) =
                (t.clone(), cashier.clone(), code.clone(), start.clone());
            tills.push(tokio::spawn(async move {
                start.wait().await;
                let body = json!({"kind": "store_credit", "credit_note": code, "amount": 300});
                let res = pay(&t, &cashier, &sale, &format!("race-{i}"), body).await;
                (res.status, res.code().to_owned(), res.body)
            }));
        }
        let mut ok = 0;
        for till in tills {
            let (status, code_seen, body) = till.await.expect("till");
            match status {
                StatusCode::OK => ok += 1,
                _ => {
                    assert_eq!(code_seen, "credit_note_insufficient", "{body}");
                    assert_eq!(amount(&body["error"]["details"]["balance"]), 100, "{body}");
                }
            }
        }
        assert_eq!(ok, 3, "exactly what the note holds is spent");
        assert_eq!(balance(&t, &cashier, &code).await, 100);

        // Two of the refused sales spend whatever is left, at once.
        let refused: Vec<String> = {
            let mut out = Vec::new();
            for sale in &sales {
                let view = t.get(&format!("/api/v1/sales/{sale}"), &cashier).await;
                if view.body["payments"].as_array().is_some_and(Vec::is_empty) {
                    out.push(sale.clone());
                }
            }
            out
        };
        let start = Arc::new(tokio::sync::Barrier::new(2));
        let mut tills = Vec::new();
        for sale in refused.into_iter().take(2) {
            let (t, cashier, code, start) =
                (t.clone(), cashier.clone(), code.clone(), start.clone());
            tills.push(tokio::spawn(async move {
                start.wait().await;
                let body = json!({"kind": "store_credit", "credit_note": code});
                pay(&t, &cashier, &sale, &format!("rest-{sale}"), body)
                    .await
                    .status
            }));
        }
        let mut statuses = Vec::new();
        for till in tills {
            statuses.push(till.await.expect("till"));
        }
        statuses.sort();
        assert_eq!(statuses, [StatusCode::OK, StatusCode::UNPROCESSABLE_ENTITY]);
        assert_eq!(balance(&t, &cashier, &code).await, 0);
        let spent = format!(
            "SELECT CAST(SUM(amount) AS BIGINT) FROM payments WHERE kind = 'store_credit' AND amount > 0 AND terminal_ref = '{code}'"
        );
        assert_eq!(
            count(&t, &spent).await,
            1000,
            "exactly the note, never more"
        );
    }
}

#[tokio::test]
async fn the_credit_note_endpoints_are_documented() {
    let t = apps().await.remove(0);
    let doc = t.send("GET", "/api/openapi.json", None, None, "").await;
    assert_eq!(doc.status, StatusCode::OK);
    let text = doc.body.to_string();
    assert!(doc.body["paths"]["/api/v1/credit-notes/{code}"]["get"].is_object());
    assert!(doc.body["paths"]["/api/v1/sales/{id}/payments/{payment_id}/void"]["post"].is_object());
    for code in [
        "credit_note_not_found",
        "credit_note_not_usable",
        "credit_note_insufficient",
        "credit_note_exceeds_due",
        "payment_already_voided",
    ] {
        assert!(text.contains(code), "{code} is not documented");
    }
    assert!(doc.body["components"]["schemas"]["CreditNoteDetails"].is_object());
}
