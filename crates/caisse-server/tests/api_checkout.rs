//! Checkout through the API on every backend: registers and drawers, sales, tenders,
//! idempotent completion, stock and the journal.

mod support;

use axum::http::StatusCode;
use serde_json::json;
use support::{TestApp, amount, apps, open, product, scan};

/// A register with an open drawer, and two products; returns (owner, cashier, register id).
async fn shop(t: &TestApp) -> (String, String, String) {
    let _ = tracing_subscriber::fmt().with_test_writer().try_init();
    let owner = t.login("olivia").await;
    let cashier = t.login("chloe").await;
    let res = t
        .json(
            "POST",
            "/api/v1/registers",
            Some(&owner),
            json!({"code": "t1", "name": "Till 1"}),
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
    let reg = res.body["id"].as_str().unwrap().to_owned();
    let res = t
        .json(
            "POST",
            &format!("/api/v1/registers/{reg}/drawer/open"),
            Some(&cashier),
            json!({"count": {"2000": 5}}),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert_eq!(res.body["session"]["opening_float"]["amount"], 10000);
    for (sku, name, price, code) in [
        ("A", "Apples", 250, "4006381333931"),
        ("B", "Bread", 120, "9501101530003"),
    ] {
        let res = t
            .create_product(&owner, product(sku, name, price, &[code]))
            .await;
        assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
    }
    (owner, cashier, reg)
}

#[tokio::test]
async fn a_sale_is_rung_paid_split_and_completed_once() {
    for t in apps().await {
        let (_, cashier, reg) = shop(&t).await;
        let sale = open(&t, &cashier, &reg).await;
        scan(&t, &cashier, &sale, "4006381333931").await;
        scan(&t, &cashier, &sale, "04006381333931").await; // same item, GTIN-14 form: one line, 2
        let body = scan(&t, &cashier, &sale, "9501101530003").await;
        let lines = body["lines"].as_array().unwrap();
        assert_eq!(lines.len(), 2, "{body}");
        assert_eq!(lines[0]["quantity"], "2.000");
        // 2 x 2.50 + 1.20 = 6.20 incl. 5.5 % VAT; per line: 0.26 + 0.06.
        assert_eq!(amount(&body["total"]), 620);
        assert_eq!(amount(&body["tax_total"]), 32);
        assert_eq!(body["settlement"]["settled"], false);

        let pay = format!("/api/v1/sales/{sale}/payments");
        let res = t
            .json_key(
                "POST",
                &pay,
                &cashier,
                "pay-card-1",
                json!({"kind": "card", "amount": 200}),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        assert_eq!(res.body["payments"][0]["card_last4"], "4242");
        assert_eq!(amount(&res.body["settlement"]["remaining"]), 420);
        // The same payment retried is taken once.
        let again = t
            .json_key(
                "POST",
                &pay,
                &cashier,
                "pay-card-1",
                json!({"kind": "card", "amount": 200}),
            )
            .await;
        assert_eq!(again.status, StatusCode::OK);
        assert_eq!(again.body["payments"].as_array().unwrap().len(), 1);
        // A card may not pay more than is owed; change is only given in cash.
        let over = t
            .json_key(
                "POST",
                &pay,
                &cashier,
                "pay-card-2",
                json!({"kind": "card", "amount": 1000}),
            )
            .await;
        assert_eq!(over.status, StatusCode::CONFLICT, "{}", over.body);
        assert_eq!(over.code(), "overpayment_not_in_cash");
        let res = t
            .json_key(
                "POST",
                &pay,
                &cashier,
                "pay-cash-1",
                json!({"kind": "cash", "amount": 1000}),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        assert_eq!(res.body["settlement"]["settled"], true);
        assert_eq!(amount(&res.body["settlement"]["change"]), 580);

        let done = format!("/api/v1/sales/{sale}/complete");
        let missing = t.json("POST", &done, Some(&cashier), json!({})).await;
        assert_eq!(missing.status, StatusCode::BAD_REQUEST);
        assert_eq!(missing.code(), "idempotency_key_missing");
        let first = t
            .json_key("POST", &done, &cashier, "done-1", json!({}))
            .await;
        assert_eq!(first.status, StatusCode::OK, "{}", first.body);
        assert_eq!(first.body["status"], "completed");
        assert_eq!(first.body["receipt_number"], "T1-000001");
        let retry = t
            .json_key("POST", &done, &cashier, "done-1", json!({}))
            .await;
        assert_eq!(retry.status, StatusCode::OK, "{}", retry.body);
        assert_eq!(retry.body, first.body, "a retry returns the stored answer");

        // The stored document reads back with its tenders net of change.
        let stored = t.get(&format!("/api/v1/sales/{sale}"), &cashier).await;
        assert_eq!(stored.status, StatusCode::OK, "{}", stored.body);
        assert_eq!(stored.body["number"], 1);
        let paid: i64 = stored.body["payments"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| amount(&p["amount"]))
            .sum();
        assert_eq!(paid, 620);

        // The same key on another request is refused.
        let other = open(&t, &cashier, &reg).await;
        scan(&t, &cashier, &other, "9501101530003").await;
        t.json_key(
            "POST",
            &format!("/api/v1/sales/{other}/payments"),
            &cashier,
            "p2",
            json!({"kind": "cash"}),
        )
        .await;
        let reused = t
            .json_key(
                "POST",
                &format!("/api/v1/sales/{other}/complete"),
                &cashier,
                "done-1",
                json!({}),
            )
            .await;
        assert_eq!(
            reused.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            reused.body
        );
        assert_eq!(reused.code(), "idempotency_key_reused");

        // Stock fell by exactly what was sold.
        let item = first.body["lines"][0]["item_id"]
            .as_str()
            .unwrap()
            .parse()
            .unwrap();
        let store_id = t.get("/api/v1/store", &cashier).await.body["id"]
            .as_str()
            .unwrap()
            .parse()
            .unwrap();
        assert_eq!(
            caisse_store::stock::on_hand(&t.app.db, store_id, item)
                .await
                .unwrap(),
            -2000
        );
        assert_eq!(
            caisse_store::stock::movements_sum(&t.app.db, store_id, item)
                .await
                .unwrap(),
            -2000
        );

        // The refused completion changed nothing: the sale is still open, and completing it
        // with its own key takes the next number, without a gap.
        let own = t
            .json_key(
                "POST",
                &format!("/api/v1/sales/{other}/complete"),
                &cashier,
                "done-2",
                json!({}),
            )
            .await;
        assert_eq!(own.status, StatusCode::OK, "{}", own.body);
        assert_eq!(own.body["receipt_number"], "T1-000002");

        // The journal holds the drawer opening and the two sales, and verifies.
        for r in caisse_app::checkout::journal::verify_all(&t.app.db)
            .await
            .unwrap()
        {
            assert_eq!(r.problem, None, "{r:?}");
            assert_eq!(r.entries, 3);
        }
    }
}

#[tokio::test]
async fn bad_requests_get_clear_errors_and_change_nothing() {
    for t in apps().await {
        let (owner, cashier, reg) = shop(&t).await;
        let sale = open(&t, &cashier, &reg).await;
        let lines = format!("/api/v1/sales/{sale}/lines");
        let res = t
            .json(
                "POST",
                &lines,
                Some(&cashier),
                json!({"code": "4006381333932"}),
            )
            .await;
        assert_eq!(
            (res.status, res.code()),
            (StatusCode::UNPROCESSABLE_ENTITY, "invalid_code")
        );
        let res = t
            .json(
                "POST",
                &lines,
                Some(&cashier),
                json!({"code": "5000000000005"}),
            )
            .await;
        assert_eq!(
            (res.status, res.code()),
            (StatusCode::NOT_FOUND, "unknown_code")
        );
        let res = t
            .json(
                "POST",
                &lines,
                Some(&cashier),
                json!({"code": "A", "quantity": "-1"}),
            )
            .await;
        assert_eq!(
            (res.status, res.code()),
            (StatusCode::UNPROCESSABLE_ENTITY, "validation_failed")
        );
        let res = t
            .json(
                "POST",
                &lines,
                Some(&cashier),
                json!({"code": "A", "quantity": "1.5"}),
            )
            .await;
        assert_eq!(
            (res.status, res.code()),
            (StatusCode::UNPROCESSABLE_ENTITY, "validation_failed")
        );
        let body = scan(&t, &cashier, &sale, "A").await;
        assert_eq!(
            body["lines"].as_array().unwrap().len(),
            1,
            "failed adds left no line"
        );

        let done = format!("/api/v1/sales/{sale}/complete");
        let res = t
            .json_key("POST", &done, &cashier, "k-unpaid", json!({}))
            .await;
        assert_eq!(
            (res.status, res.code()),
            (StatusCode::CONFLICT, "not_settled")
        );

        // The simulated terminal declines 6.66 and the sale stays payable.
        scan(&t, &cashier, &sale, "A").await;
        scan(&t, &cashier, &sale, "A").await;
        let pay = format!("/api/v1/sales/{sale}/payments");
        let res = t
            .json_key(
                "POST",
                &pay,
                &cashier,
                "k-decline",
                json!({"kind": "card", "amount": 666}),
            )
            .await;
        assert_eq!(
            (res.status, res.code()),
            (StatusCode::PAYMENT_REQUIRED, "payment_declined"),
            "{}",
            res.body
        );
        let res = t.get(&format!("/api/v1/sales/{sale}"), &cashier).await;
        assert_eq!(res.body["payments"].as_array().unwrap().len(), 0);
        assert_eq!(amount(&res.body["settlement"]["remaining"]), 750);
        // A card payment states what it charges: never a default computed from a sale that
        // may have changed since the till showed it.
        let res = t
            .json_key("POST", &pay, &cashier, "k-card0", json!({"kind": "card"}))
            .await;
        assert_eq!(
            (res.status, res.code()),
            (StatusCode::UNPROCESSABLE_ENTITY, "validation_failed"),
            "{}",
            res.body
        );
        assert_eq!(res.body["error"]["details"]["field"], "amount");
        let res = t
            .json_key(
                "POST",
                &pay,
                &cashier,
                "k-card",
                json!({"kind": "card", "amount": 750}),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        assert_eq!(res.body["settlement"]["settled"], true);

        // A register whose drawer is closed does not sell.
        let res = t
            .json(
                "POST",
                "/api/v1/registers",
                Some(&owner),
                json!({"code": "T2", "name": "Till 2"}),
            )
            .await;
        let reg2 = res.body["id"].as_str().unwrap().to_owned();
        let res = t
            .json(
                "POST",
                "/api/v1/sales",
                Some(&cashier),
                json!({"register_id": reg2}),
            )
            .await;
        assert_eq!(
            (res.status, res.code()),
            (StatusCode::CONFLICT, "drawer_closed")
        );
        // Cashiers cannot create registers; duplicate codes are refused.
        let res = t
            .json(
                "POST",
                "/api/v1/registers",
                Some(&cashier),
                json!({"code": "T3", "name": "x"}),
            )
            .await;
        assert_eq!(res.status, StatusCode::FORBIDDEN);
        let res = t
            .json(
                "POST",
                "/api/v1/registers",
                Some(&owner),
                json!({"code": "T2", "name": "again"}),
            )
            .await;
        assert_eq!(
            (res.status, res.code()),
            (StatusCode::UNPROCESSABLE_ENTITY, "validation_failed")
        );
        // Opening an open drawer twice is refused.
        let res = t
            .json(
                "POST",
                &format!("/api/v1/registers/{reg}/drawer/open"),
                Some(&cashier),
                json!({"float": 0}),
            )
            .await;
        assert_eq!(
            (res.status, res.code()),
            (StatusCode::CONFLICT, "drawer_open")
        );
    }
}

#[tokio::test]
async fn a_large_discount_needs_a_managers_pin() {
    for t in apps().await {
        let (_, cashier, reg) = shop(&t).await;
        let sale = open(&t, &cashier, &reg).await;
        scan(&t, &cashier, &sale, "A").await;
        let line = format!("/api/v1/sales/{sale}/lines/1");
        let small = json!({"discount": {"percent": "10", "reason": "damaged"}});
        let res = t.json("PATCH", &line, Some(&cashier), small).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        assert_eq!(amount(&res.body["total"]), 225);

        let big = json!({"discount": {"percent": "50", "reason": "damaged"}});
        let res = t.json("PATCH", &line, Some(&cashier), big.clone()).await;
        assert_eq!(
            (res.status, res.code()),
            (StatusCode::FORBIDDEN, "approval_required")
        );
        assert_eq!(res.body["error"]["details"]["action"], "large_discount");

        let mut wrong = big.clone();
        wrong["approval"] = json!({"login": "marc", "pin": "9999"});
        let res = t.json("PATCH", &line, Some(&cashier), wrong).await;
        // A wrong approval PIN is the approver's failure, not the caller's session: 403.
        assert_eq!(
            (res.status, res.code()),
            (StatusCode::FORBIDDEN, "approval_invalid"),
            "{}",
            res.body
        );
        assert_eq!(res.body["error"]["details"]["tries_left"], 4);

        let mut own = big.clone();
        own["approval"] = json!({"login": "chloe", "pin": "3692"});
        let res = t.json("PATCH", &line, Some(&cashier), own).await;
        assert_eq!(
            (res.status, res.code()),
            (StatusCode::FORBIDDEN, "approval_denied")
        );

        let mut ok = big.clone();
        ok["approval"] = json!({"login": "marc", "pin": "2581"});
        let res = t.json("PATCH", &line, Some(&cashier), ok).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        assert_eq!(amount(&res.body["total"]), 125);
        assert!(res.body["lines"][0]["discount"]["approved_by"].is_string());

        // A price override needs the permission too.
        let res = t
            .json(
                "PATCH",
                &line,
                Some(&cashier),
                json!({"price_override": 100}),
            )
            .await;
        assert_eq!(res.code(), "approval_required");
        // Voided lines stay, at zero.
        let res = t
            .json("POST", &format!("{line}/void"), Some(&cashier), json!({}))
            .await;
        assert_eq!(res.status, StatusCode::OK);
        assert_eq!(res.body["lines"][0]["voided"], true);
        assert_eq!(amount(&res.body["total"]), 0);
    }
}

#[tokio::test]
async fn parked_sales_resume_on_another_register_and_cancellations_are_recorded() {
    for t in apps().await {
        let (owner, cashier, reg) = shop(&t).await;
        let res = t
            .json(
                "POST",
                "/api/v1/registers",
                Some(&owner),
                json!({"code": "T2", "name": "Till 2"}),
            )
            .await;
        let reg2 = res.body["id"].as_str().unwrap().to_owned();
        t.json(
            "POST",
            &format!("/api/v1/registers/{reg2}/drawer/open"),
            Some(&cashier),
            json!({"float": 5000}),
        )
        .await;

        let sale = open(&t, &cashier, &reg).await;
        scan(&t, &cashier, &sale, "A").await;
        let res = t
            .json(
                "POST",
                &format!("/api/v1/sales/{sale}/park"),
                Some(&cashier),
                json!({}),
            )
            .await;
        assert_eq!(res.body["status"], "parked");
        let res = scan_raw(&t, &cashier, &sale, "B").await;
        assert_eq!(res.1, "sale_not_open");
        let listed = t.get("/api/v1/sales/open", &cashier).await;
        assert_eq!(listed.body["items"][0]["status"], "parked");
        let res = t
            .json(
                "POST",
                &format!("/api/v1/sales/{sale}/resume"),
                Some(&cashier),
                json!({"register_id": reg2}),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        assert_eq!(res.body["register_id"].as_str(), Some(reg2.as_str()));
        scan(&t, &cashier, &sale, "B").await;

        let res = t
            .json(
                "POST",
                &format!("/api/v1/sales/{sale}/cancel"),
                Some(&cashier),
                json!({"reason": "customer_left"}),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        assert_eq!(res.body["status"], "cancelled");
        assert_eq!(res.body["receipt_number"], "T2-000001");
        // Nothing left the shelves, and the cancellation is in the journal.
        let n = caisse_store::testing::query_i64(&t.app.db, "SELECT COUNT(*) FROM stock_movements")
            .await
            .unwrap();
        assert_eq!(n, 0);
        let n = caisse_store::testing::query_i64(
            &t.app.db,
            "SELECT COUNT(*) FROM journal WHERE kind = 'cancellation'",
        )
        .await
        .unwrap();
        assert_eq!(n, 1);
    }
}

async fn scan_raw(t: &TestApp, token: &str, sale: &str, code: &str) -> (StatusCode, String) {
    let res = t
        .json(
            "POST",
            &format!("/api/v1/sales/{sale}/lines"),
            Some(token),
            json!({"code": code}),
        )
        .await;
    (res.status, res.code().to_owned())
}

/// Eight tills sell the same product 25 times each at once: nothing is lost or doubled.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn eight_concurrent_tills_lose_no_sale_and_no_stock_update() {
    for t in apps().await {
        let t = std::sync::Arc::new(t);
        let owner = t.login("olivia").await;
        let cashier = t.login("chloe").await;
        let res = t
            .create_product(&owner, product("X", "Popular", 199, &["4006381333931"]))
            .await;
        let item = res.body["id"].as_str().unwrap().to_owned();
        let mut registers = Vec::new();
        for i in 1..=8 {
            let res = t
                .json(
                    "POST",
                    "/api/v1/registers",
                    Some(&owner),
                    json!({"code": format!("T{i}"), "name": format!("Till {i}")}),
                )
                .await;
            let reg = res.body["id"].as_str().unwrap().to_owned();
            let res = t
                .json(
                    "POST",
                    &format!("/api/v1/registers/{reg}/drawer/open"),
                    Some(&cashier),
                    json!({"float": 0}),
                )
                .await;
            assert_eq!(res.status, StatusCode::OK, "{}", res.body);
            registers.push(reg);
        }
        let mut tills = Vec::new();
        for reg in registers {
            let (t, cashier) = (t.clone(), cashier.clone());
            tills.push(tokio::spawn(async move {
                for n in 0..25 {
                    let sale = open(&t, &cashier, &reg).await;
                    scan(&t, &cashier, &sale, "4006381333931").await;
                    let res = t
                        .json_key(
                            "POST",
                            &format!("/api/v1/sales/{sale}/payments"),
                            &cashier,
                            &format!("{reg}-p{n}"),
                            json!({"kind": "cash", "amount": 500}),
                        )
                        .await;
                    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
                    let res = t
                        .json_key(
                            "POST",
                            &format!("/api/v1/sales/{sale}/complete"),
                            &cashier,
                            &format!("{reg}-c{n}"),
                            json!({}),
                        )
                        .await;
                    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
                }
            }));
        }
        for till in tills {
            till.await.expect("till");
        }
        let store_id = t.get("/api/v1/store", &cashier).await.body["id"]
            .as_str()
            .unwrap()
            .parse()
            .unwrap();
        let item = item.parse().unwrap();
        assert_eq!(
            caisse_store::stock::on_hand(&t.app.db, store_id, item)
                .await
                .unwrap(),
            -200_000
        );
        assert_eq!(
            caisse_store::stock::movements_sum(&t.app.db, store_id, item)
                .await
                .unwrap(),
            -200_000
        );
        let n = caisse_store::testing::query_i64(
            &t.app.db,
            "SELECT COUNT(*) FROM sales WHERE status = 'completed'",
        )
        .await
        .unwrap();
        assert_eq!(n, 200);
        let reports = caisse_app::checkout::journal::verify_all(&t.app.db)
            .await
            .unwrap();
        assert_eq!(reports.len(), 8);
        for r in reports {
            assert_eq!((r.entries, r.problem.as_deref()), (26, None), "{r:?}");
        }
    }
}

/// Registers are configured through the API; bad settings change nothing.
#[tokio::test]
async fn registers_are_configured_through_the_api() {
    for t in apps().await {
        let (owner, cashier, reg) = shop(&t).await;
        let path = format!("/api/v1/registers/{reg}");
        let res = t
            .json(
                "PATCH",
                &path,
                Some(&owner),
                json!({"name": "Front till", "printer": "127.0.0.1:9100", "receipt_width": 48}),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        assert_eq!(
            (res.body["name"].as_str(), res.body["printer"].as_str()),
            (Some("Front till"), Some("127.0.0.1:9100"))
        );
        assert_eq!(res.body["code"], "T1", "the code never changes");
        let res = t
            .json("PATCH", &path, Some(&owner), json!({"receipt_width": 40}))
            .await;
        assert_eq!(
            (res.status, res.code()),
            (StatusCode::UNPROCESSABLE_ENTITY, "validation_failed")
        );
        let res = t
            .json("PATCH", &path, Some(&cashier), json!({"name": "x"}))
            .await;
        assert_eq!(res.status, StatusCode::FORBIDDEN);
        let res = t.get("/api/v1/registers", &cashier).await;
        assert_eq!(res.body["items"][0]["receipt_width"], 48);
        // A register switched off does not sell.
        t.json("PATCH", &path, Some(&owner), json!({"active": false}))
            .await;
        let res = t
            .json(
                "POST",
                "/api/v1/sales",
                Some(&cashier),
                json!({"register_id": reg}),
            )
            .await;
        assert_eq!(
            (res.status, res.code()),
            (StatusCode::CONFLICT, "register_inactive")
        );
    }
}

/// Open and parked sales live in the database too: a restarted server finds them.
#[tokio::test]
async fn open_and_parked_sales_survive_a_restart() {
    for t in apps().await {
        let (_, cashier, reg) = shop(&t).await;
        let parked = open(&t, &cashier, &reg).await;
        scan(&t, &cashier, &parked, "A").await;
        t.json(
            "POST",
            &format!("/api/v1/sales/{parked}/park"),
            Some(&cashier),
            json!({}),
        )
        .await;
        let open_sale = open(&t, &cashier, &reg).await;
        scan(&t, &cashier, &open_sale, "B").await;
        scan(&t, &cashier, &open_sale, "B").await;
        // A new process on the same database, with nothing saved on the way out: every change
        // was stored before it was answered.
        let again = caisse_app::App::start(t.app.db.clone())
            .await
            .expect("restart");
        let router = caisse_server::router(again.clone());
        let restarted = t.with_router(router, again);
        let res = restarted
            .get(&format!("/api/v1/sales/{parked}"), &cashier)
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        assert_eq!(res.body["status"], "parked");
        let res = restarted
            .get(&format!("/api/v1/sales/{open_sale}"), &cashier)
            .await;
        assert_eq!(res.body["lines"][0]["quantity"], "2.000", "{}", res.body);
        // And it completes there.
        restarted
            .json_key(
                "POST",
                &format!("/api/v1/sales/{open_sale}/payments"),
                &cashier,
                "r-p",
                json!({"kind": "cash"}),
            )
            .await;
        let res = restarted
            .json_key(
                "POST",
                &format!("/api/v1/sales/{open_sale}/complete"),
                &cashier,
                "r-c",
                json!({}),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    }
}

/// A stored sale priced again from its stored lines gives exactly what was stored.
#[tokio::test]
async fn a_stored_sale_reprices_to_exactly_what_was_stored() {
    use caisse_core::money::{Currency, Money, Quantity};
    use caisse_core::sale::{Discount, LineInput, SaleInput, price_sale};
    use caisse_core::tax::{TaxMode, TaxPolicy, TaxScope};
    for t in apps().await {
        let (_, cashier, reg) = shop(&t).await;
        let sale = open(&t, &cashier, &reg).await;
        for code in ["A", "A", "B", "B", "B"] {
            scan(&t, &cashier, &sale, code).await;
        }
        let line = format!("/api/v1/sales/{sale}/lines/2");
        let res = t
            .json(
                "PATCH",
                &line,
                Some(&cashier),
                json!({"discount": {"percent": "7.5", "reason": "damaged"}}),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let disc = json!({"discount": {"amount": 13, "reason": "loyalty"}});
        let res = t
            .json(
                "PUT",
                &format!("/api/v1/sales/{sale}/discount"),
                Some(&cashier),
                disc,
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        t.json_key(
            "POST",
            &format!("/api/v1/sales/{sale}/payments"),
            &cashier,
            "rp",
            json!({"kind": "cash"}),
        )
        .await;
        let res = t
            .json_key(
                "POST",
                &format!("/api/v1/sales/{sale}/complete"),
                &cashier,
                "rc",
                json!({}),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);

        let id: uuid::Uuid = sale.parse().unwrap();
        let store_id = t.get("/api/v1/store", &cashier).await.body["id"]
            .as_str()
            .unwrap()
            .parse()
            .unwrap();
        let stored = caisse_store::sales::get_sale(&t.app.db, store_id, id)
            .await
            .unwrap()
            .unwrap();
        let lines = caisse_store::sales::sale_lines(&t.app.db, id)
            .await
            .unwrap();
        let cfg = caisse_app::checkout::config::store_config(&t.app, store_id)
            .await
            .unwrap();
        let eur = Currency::parse(&stored.currency).unwrap();
        let input = SaleInput {
            currency: eur,
            policy: TaxPolicy::new(
                TaxMode::parse(&stored.tax_mode).unwrap(),
                TaxScope::parse(&stored.tax_scope).unwrap(),
            ),
            lines: lines
                .iter()
                .map(|l| LineInput {
                    unit_price: Money::new(l.unit_price, eur),
                    quantity: Quantity::from_milli(l.quantity),
                    price_override: l.price_override.map(|p| Money::new(p, eur)),
                    discount: l
                        .discount
                        .as_deref()
                        .map(|d| serde_json::from_str::<Discount>(d).unwrap()),
                    taxes: cfg.components(&l.tax_category).unwrap(),
                    voided: l.voided,
                })
                .collect(),
            discount: stored
                .sale_discount
                .as_deref()
                .map(|d| serde_json::from_str::<Discount>(d).unwrap()),
            tax_exempt: stored.tax_exempt_ref.is_some(),
        };
        let again = price_sale(&input).unwrap();
        assert_eq!(
            (
                again.subtotal.minor(),
                again.discount_total.minor(),
                again.net_total.minor(),
                again.tax_total.minor(),
                again.total.minor()
            ),
            (
                stored.subtotal,
                stored.discount_total,
                stored.net_total,
                stored.tax_total,
                stored.total
            )
        );
        for (p, l) in again.lines.iter().zip(&lines) {
            assert_eq!(
                (
                    p.base.minor(),
                    p.line_discount.minor(),
                    p.sale_discount.minor(),
                    p.amount.minor(),
                    p.tax.minor(),
                    p.total.minor()
                ),
                (
                    l.base,
                    l.line_discount,
                    l.sale_discount,
                    l.amount,
                    l.tax,
                    l.total
                ),
                "line {}",
                l.line_no
            );
        }
        assert!(stored.discount_total > 0 && stored.total > 0);
    }
}
