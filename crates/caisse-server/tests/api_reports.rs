//! Drawer cash movements, X and Z reports and period closures through the API on every
//! backend, with the journal verified after all of it.

mod support;

use axum::http::StatusCode;
use caisse_store::testing::query_i64;
use serde_json::{Value, json};
use support::{TestApp, amount, apps, product};

/// A register with an open drawer (float 100.00 counted by the cashier) and two products;
/// returns (owner, manager, cashier, register id).
async fn shop(t: &TestApp) -> (String, String, String, String) {
    let _ = tracing_subscriber::fmt().with_test_writer().try_init();
    let owner = t.login("olivia").await;
    let manager = t.login("marc").await;
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
    open_drawer(t, &cashier, &reg, 10_000).await;
    for (sku, name, price, code) in [
        ("A", "Apples", 250, "4006381333931"),
        ("B", "Bread", 120, "9501101530003"),
    ] {
        let res = t
            .create_product(&owner, product(sku, name, price, &[code]))
            .await;
        assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
    }
    (owner, manager, cashier, reg)
}

async fn open_drawer(t: &TestApp, token: &str, reg: &str, float: i64) {
    let res = t
        .json(
            "POST",
            &format!("/api/v1/registers/{reg}/drawer/open"),
            Some(token),
            json!({"float": float}),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
}

/// Rings up the codes, pays with the tenders (kind, amount or None for the rest) and
/// completes; returns the completed sale.
async fn sell(
    t: &TestApp,
    token: &str,
    reg: &str,
    codes: &[&str],
    tenders: &[(&str, Option<i64>)],
) -> Value {
    let res = t
        .json(
            "POST",
            "/api/v1/sales",
            Some(token),
            json!({"register_id": reg}),
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
    let sale = res.body["id"].as_str().unwrap().to_owned();
    for code in codes {
        let res = t
            .json(
                "POST",
                &format!("/api/v1/sales/{sale}/lines"),
                Some(token),
                json!({"code": code}),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    }
    for (i, (kind, amount)) in tenders.iter().enumerate() {
        let body = match amount {
            Some(a) => json!({"kind": kind, "amount": a}),
            None => json!({"kind": kind}),
        };
        let body = support::amount_due_filled(t, token, &sale, body).await;
        let res = t
            .json_key(
                "POST",
                &format!("/api/v1/sales/{sale}/payments"),
                token,
                &format!("pay-{sale}-{i}"),
                body,
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    }
    let res = t
        .json_key(
            "POST",
            &format!("/api/v1/sales/{sale}/complete"),
            token,
            &format!("done-{sale}"),
            json!({}),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert_eq!(res.body["status"], "completed");
    res.body
}

async fn movement(t: &TestApp, token: &str, reg: &str, what: &str, body: Value) -> support::Res {
    t.json(
        "POST",
        &format!("/api/v1/registers/{reg}/drawer/{what}"),
        Some(token),
        body,
    )
    .await
}

async fn x_report(t: &TestApp, token: &str, reg: &str) -> Value {
    let res = t
        .get(&format!("/api/v1/registers/{reg}/x-report"), token)
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    res.body
}

async fn count(t: &TestApp, sql: &str) -> i64 {
    query_i64(&t.app.db, sql).await.unwrap()
}

async fn journal_verifies(t: &TestApp) {
    let reports = caisse_app::checkout::journal::verify_all(&t.app.db)
        .await
        .unwrap();
    assert!(!reports.is_empty());
    for r in reports {
        assert_eq!(r.problem, None, "{r:?}");
    }
}

#[tokio::test]
async fn cash_movements_need_their_permission_and_move_the_expected_cash() {
    for t in apps().await {
        let (_, manager, cashier, reg) = shop(&t).await;
        let pay_in = json!({"amount": 500, "reason": "change from the bank"});

        // A cashier needs a manager's PIN for cash movements and no-sales.
        for (what, body, action) in [
            ("paid-in", pay_in.clone(), "paid_in"),
            (
                "paid-out",
                json!({"amount": 300, "reason": "cleaner"}),
                "paid_out",
            ),
            ("drop", json!({"amount": 5000}), "drop"),
            ("no-sale", json!({}), "no_sale"),
        ] {
            let res = movement(&t, &cashier, &reg, what, body).await;
            assert_eq!(
                (res.status, res.code()),
                (StatusCode::FORBIDDEN, "approval_required"),
                "{what}: {}",
                res.body
            );
            assert_eq!(res.body["error"]["details"]["action"], action);
        }
        let mut with_own_pin = pay_in.clone();
        with_own_pin["approval"] = json!({"login": "chloe", "pin": "3692"});
        let res = movement(&t, &cashier, &reg, "paid-in", with_own_pin).await;
        assert_eq!(
            (res.status, res.code()),
            (StatusCode::FORBIDDEN, "approval_denied")
        );
        assert_eq!(count(&t, "SELECT COUNT(*) FROM drawer_events").await, 1);

        let mut approved = pay_in.clone();
        approved["approval"] = json!({"login": "marc", "pin": "2581"});
        let res = movement(&t, &cashier, &reg, "paid-in", approved).await;
        assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
        assert_eq!(res.body["kind"], "paid_in");
        assert!(res.body["approved_by"].is_string(), "{}", res.body);
        assert_eq!(amount(&res.body["expected_cash"]), 10_500);

        // A manager needs no approval.
        let res = movement(
            &t,
            &manager,
            &reg,
            "paid-out",
            json!({"amount": 300, "reason": "window cleaner"}),
        )
        .await;
        assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
        assert!(res.body["approved_by"].is_null());
        assert_eq!(amount(&res.body["expected_cash"]), 10_200);
        let res = movement(&t, &manager, &reg, "drop", json!({"amount": 5000})).await;
        assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
        assert_eq!(amount(&res.body["expected_cash"]), 5_200);

        // Bad amounts and reasons, and more cash than the drawer holds, change nothing.
        for (what, body, status, code) in [
            (
                "paid-out",
                json!({"amount": 100}),
                StatusCode::UNPROCESSABLE_ENTITY,
                "validation_failed",
            ),
            (
                "drop",
                json!({"amount": 0}),
                StatusCode::UNPROCESSABLE_ENTITY,
                "validation_failed",
            ),
            (
                "no-sale",
                json!({"amount": 100}),
                StatusCode::UNPROCESSABLE_ENTITY,
                "validation_failed",
            ),
            (
                "drop",
                json!({"amount": 5_201}),
                StatusCode::CONFLICT,
                "not_enough_cash",
            ),
        ] {
            let res = movement(&t, &manager, &reg, what, body).await;
            assert_eq!((res.status, res.code()), (status, code), "{}", res.body);
        }

        let no_sale = json!({"reason": "change for a customer", "approval": {"login": "olivia", "pin": "1470"}});
        let res = movement(&t, &cashier, &reg, "no-sale", no_sale).await;
        assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
        assert_eq!(amount(&res.body["amount"]), 0);
        let res = movement(&t, &manager, &reg, "no-sale", json!({})).await;
        assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);

        // Each movement is a drawer event and a journal entry; approvals are recorded.
        for (kind, n) in [("paid_in", 1), ("paid_out", 1), ("drop", 1), ("no_sale", 2)] {
            let events = format!("SELECT COUNT(*) FROM drawer_events WHERE kind = '{kind}'");
            let entries = format!("SELECT COUNT(*) FROM journal WHERE kind = '{kind}'");
            assert_eq!(count(&t, &events).await, n, "{kind}");
            assert_eq!(count(&t, &entries).await, n, "{kind}");
        }
        let approved = "SELECT COUNT(*) FROM drawer_events WHERE approved_by IS NOT NULL";
        assert_eq!(count(&t, approved).await, 2);

        let x = x_report(&t, &manager, &reg).await;
        let d = &x["drawer"];
        assert_eq!(amount(&d["opening_float"]), 10_000);
        assert_eq!(amount(&d["paid_in"]), 500);
        assert_eq!(amount(&d["paid_out"]), 300);
        assert_eq!(amount(&d["drops"]), 5_000);
        assert_eq!(d["no_sales"], 2);
        assert_eq!(amount(&d["expected_cash"]), 5_200);

        let res = t
            .json(
                "POST",
                &format!("/api/v1/registers/{reg}/drawer/close"),
                Some(&cashier),
                json!({"counted": 5_200}),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        assert_eq!(amount(&res.body["expected"]), 5_200);
        assert_eq!(amount(&res.body["over_short"]), 0);
        assert_eq!(
            amount(&res.body["z"]["report"]["drawer"]["expected_cash"]),
            5_200
        );

        // A closed drawer takes no movement.
        let res = movement(&t, &manager, &reg, "paid-in", pay_in).await;
        assert_eq!(
            (res.status, res.code()),
            (StatusCode::CONFLICT, "drawer_closed")
        );
        journal_verifies(&t).await;
    }
}

#[tokio::test]
async fn reports_add_up_and_each_closed_drawer_gets_the_next_z() {
    for t in apps().await {
        let (owner, _, cashier, reg) = shop(&t).await;
        let sales = [
            sell(
                &t,
                &cashier,
                &reg,
                &["4006381333931", "4006381333931", "9501101530003"],
                &[("cash", Some(1_000))],
            )
            .await,
            sell(&t, &cashier, &reg, &["9501101530003"], &[("card", None)]).await,
            sell(
                &t,
                &cashier,
                &reg,
                &["4006381333931"],
                &[("card", Some(100)), ("cash", None)],
            )
            .await,
        ];
        // A cancelled sale is counted and adds nothing.
        let res = t
            .json(
                "POST",
                "/api/v1/sales",
                Some(&cashier),
                json!({"register_id": reg}),
            )
            .await;
        let cancelled = res.body["id"].as_str().unwrap().to_owned();
        t.json(
            "POST",
            &format!("/api/v1/sales/{cancelled}/lines"),
            Some(&cashier),
            json!({"code": "9501101530003"}),
        )
        .await;
        let res = t
            .json(
                "POST",
                &format!("/api/v1/sales/{cancelled}/cancel"),
                Some(&cashier),
                json!({}),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);

        let total: i64 = sales.iter().map(|s| amount(&s["total"])).sum();
        let tax: i64 = sales.iter().map(|s| amount(&s["tax_total"])).sum();
        assert_eq!(total, 620 + 120 + 250);

        let journal_before = count(&t, "SELECT COUNT(*) FROM journal").await;
        let x = x_report(&t, &owner, &reg).await;
        assert_eq!(
            count(&t, "SELECT COUNT(*) FROM journal").await,
            journal_before,
            "an X report changes nothing"
        );
        assert_eq!(x["kind"], "x");
        assert_eq!(x["register"], "T1");
        assert_eq!(
            (
                &x["sales_count"],
                &x["returns_count"],
                &x["cancellations_count"]
            ),
            (&json!(3), &json!(0), &json!(1))
        );
        assert_eq!(amount(&x["net_total"]), total);
        assert_eq!(amount(&x["sales_total"]), total);
        assert_eq!(amount(&x["gross_sales"]), total, "no discounts given");
        assert_eq!(amount(&x["tax_total"]), tax);
        assert_eq!(amount(&x["perpetual_total"]), total);

        // Tenders add up to the payments taken, taxes to the sales' taxes.
        let tenders: Vec<(String, i64)> = x["tenders"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| (t["kind"].as_str().unwrap().to_owned(), amount(&t["amount"])))
            .collect();
        let payments = count(&t, "SELECT CAST(SUM(amount) AS BIGINT) FROM payments").await;
        let cash = 620 + 150;
        assert_eq!(
            tenders,
            [("card".to_owned(), 120 + 100), ("cash".to_owned(), cash)]
        );
        assert_eq!(tenders.iter().map(|t| t.1).sum::<i64>(), payments);
        assert_eq!(payments, total + amount(&x["rounding"]));
        let taxes = x["taxes"].as_array().unwrap();
        assert_eq!(taxes.len(), 1, "{x}");
        assert_eq!(taxes[0]["rate"], "5.50");
        assert_eq!(amount(&taxes[0]["tax"]), tax);
        assert_eq!(amount(&taxes[0]["gross"]), total);
        assert_eq!(
            amount(&taxes[0]["base"]) + amount(&taxes[0]["tax"]),
            amount(&taxes[0]["gross"])
        );
        assert_eq!(amount(&x["drawer"]["cash_taken"]), cash);
        assert_eq!(amount(&x["drawer"]["expected_cash"]), 10_000 + cash);

        // Closing with a count makes Z 1 in the closing transaction.
        let close = format!("/api/v1/registers/{reg}/drawer/close");
        let expected = 10_000 + cash;
        let res = t
            .json(
                "POST",
                &close,
                Some(&cashier),
                json!({"counted": expected - 20}),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let z1 = res.body["z"].clone();
        assert_eq!(res.body["status"], "closed");
        assert_eq!(amount(&res.body["over_short"]), -20);
        assert_eq!((&z1["kind"], &z1["number"]), (&json!("z"), &json!(1)));
        assert_eq!(z1["period"], res.body["id"]);
        assert_eq!(amount(&z1["period_total"]), total);
        assert_eq!(amount(&z1["perpetual_total"]), total);
        let report = &z1["report"];
        assert_eq!(report["number"], 1);
        assert_eq!(amount(&report["drawer"]["counted"]), expected - 20);
        assert_eq!(amount(&report["drawer"]["over_short"]), -20);
        for field in ["net_total", "tax_total", "tenders", "taxes"] {
            assert_eq!(report[field], x[field], "{field}");
        }
        assert_eq!(count(&t, "SELECT z_number FROM drawer_sessions").await, 1);
        let sha = z1["report_sha256"].as_str().unwrap();
        let z_entry = format!(
            "SELECT COUNT(*) FROM journal WHERE kind = 'z_closure' AND seq = {} AND payload LIKE '%{sha}%'",
            z1["journal_seq"]
        );
        assert_eq!(count(&t, &z_entry).await, 1);
        let res = t
            .get(&format!("/api/v1/registers/{reg}/x-report"), &owner)
            .await;
        assert_eq!(
            (res.status, res.code()),
            (StatusCode::CONFLICT, "drawer_closed")
        );

        // Reopen, sell, close: Z 2 covers only the new session; the perpetual total goes on.
        open_drawer(&t, &cashier, &reg, 5_000).await;
        let fourth = sell(&t, &cashier, &reg, &["9501101530003"], &[("cash", None)]).await;
        let res = t
            .json(
                "POST",
                &close,
                Some(&cashier),
                json!({"count": {"500": 10, "10": 12}}),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let z2 = res.body["z"].clone();
        assert_eq!(z2["number"], 2);
        assert_eq!(amount(&z2["period_total"]), amount(&fourth["total"]));
        let all: i64 = total + amount(&fourth["total"]);
        assert_eq!(amount(&z2["perpetual_total"]), all);
        let completed = "SELECT CAST(SUM(total) AS BIGINT) FROM sales WHERE status = 'completed'";
        assert_eq!(count(&t, completed).await, all);
        assert_eq!(amount(&z2["report"]["drawer"]["over_short"]), 0);

        // Both read back, newest first, by register id or code.
        for query in [format!("register={reg}&kind=z"), "register=T1".to_owned()] {
            let res = t.get(&format!("/api/v1/closures?{query}"), &owner).await;
            assert_eq!(res.status, StatusCode::OK, "{}", res.body);
            let numbers: Vec<&Value> = res.body["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| &c["number"])
                .collect();
            assert_eq!(numbers, [&json!(2), &json!(1)], "{query}");
        }
        let one = t
            .get(
                &format!("/api/v1/closures/{}", z1["id"].as_str().unwrap()),
                &owner,
            )
            .await;
        assert_eq!(one.status, StatusCode::OK, "{}", one.body);
        assert_eq!(one.body, z1);
        let res = t
            .get(
                &format!("/api/v1/closures/{}", uuid::Uuid::now_v7()),
                &owner,
            )
            .await;
        assert_eq!(res.status, StatusCode::NOT_FOUND);
        let res = t.get("/api/v1/closures?kind=week", &owner).await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);

        // Closures are fiscal records: the database refuses to change them.
        assert!(
            caisse_store::testing::execute_raw(&t.app.db, "UPDATE closures SET period_total = 0")
                .await
                .is_err()
        );
        assert_eq!(
            count(&t, "SELECT COUNT(*) FROM journal WHERE kind = 'z_closure'").await,
            2
        );
        journal_verifies(&t).await;
    }
}

#[tokio::test]
async fn past_days_months_and_years_close_once_each_and_never_before_they_end() {
    for t in apps().await {
        let (owner, _, cashier, reg) = shop(&t).await;
        let sold = sell(&t, &cashier, &reg, &["9501101530003"], &[("card", None)]).await;
        let store = caisse_store::stores::list(&t.app.db).await.unwrap()[0].id;
        let cfg = caisse_app::checkout::config::store_config(&t.app, store)
            .await
            .unwrap();
        let today = cfg.business_date(caisse_app::now_us()).unwrap();
        let yesterday = today.yesterday().unwrap();
        let path = format!("/api/v1/registers/{reg}/closures");
        // Closing a period is irreversible and store-wide: a cashier may not.
        let res = t
            .json(
                "POST",
                &path,
                Some(&cashier),
                json!({"kind": "day", "period": yesterday.to_string()}),
            )
            .await;
        assert_eq!(
            (res.status, res.code()),
            (StatusCode::FORBIDDEN, "forbidden")
        );
        assert_eq!(count(&t, "SELECT COUNT(*) FROM closures").await, 0);
        let close = |kind: &str, period: String| {
            t.json(
                "POST",
                &path,
                Some(&owner),
                json!({"kind": kind, "period": period}),
            )
        };

        let res = close("day", today.to_string()).await;
        assert_eq!(
            (res.status, res.code()),
            (StatusCode::CONFLICT, "period_not_over"),
            "{}",
            res.body
        );

        // Yesterday had no documents: its closure records zeros, numbered and journaled.
        let res = close("day", yesterday.to_string()).await;
        assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
        assert_eq!(
            (&res.body["kind"], &res.body["number"]),
            (&json!("day"), &json!(1))
        );
        assert_eq!(res.body["period"], yesterday.to_string());
        assert_eq!(amount(&res.body["period_total"]), 0);
        assert_eq!(amount(&res.body["perpetual_total"]), amount(&sold["total"]));
        assert_eq!(res.body["report"]["sales_count"], 0);
        assert_eq!(res.body["report"]["first_date"], yesterday.to_string());
        let entry = "SELECT COUNT(*) FROM journal WHERE kind = 'day_closure'";
        assert_eq!(count(&t, entry).await, 1);

        let res = close("day", yesterday.to_string()).await;
        assert_eq!(
            (res.status, res.code()),
            (StatusCode::CONFLICT, "period_closed")
        );
        // Numbers follow closures, not dates.
        let before = yesterday.yesterday().unwrap();
        let res = close("day", before.to_string()).await;
        assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
        assert_eq!(res.body["number"], 2);

        let this_month = format!("{:04}-{:02}", today.year(), today.month());
        let last_month_day = today.first_of_month().yesterday().unwrap();
        let last_month = format!("{:04}-{:02}", last_month_day.year(), last_month_day.month());
        let res = close("month", this_month).await;
        assert_eq!(
            (res.status, res.code()),
            (StatusCode::CONFLICT, "period_not_over")
        );
        let res = close("month", last_month.clone()).await;
        assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
        assert_eq!(
            (&res.body["kind"], &res.body["number"]),
            (&json!("month"), &json!(1))
        );
        assert_eq!(res.body["period"], last_month);
        let res = close("year", format!("{:04}", today.year())).await;
        assert_eq!(
            (res.status, res.code()),
            (StatusCode::CONFLICT, "period_not_over")
        );
        let res = close("year", format!("{:04}", today.year() - 1)).await;
        assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
        assert_eq!(res.body["kind"], "year");

        for (kind, period) in [
            ("day", "2026-02-30"),
            ("month", "2026"),
            ("z", "2026"),
            ("week", "2026"),
        ] {
            let res = close(kind, period.to_owned()).await;
            assert_eq!(
                (res.status, res.code()),
                (StatusCode::UNPROCESSABLE_ENTITY, "validation_failed"),
                "{kind} {period}"
            );
        }

        let res = t.get("/api/v1/closures?kind=day", &owner).await;
        assert_eq!(res.body["items"].as_array().unwrap().len(), 2);
        let closures = "SELECT COUNT(*) FROM closures";
        assert_eq!(count(&t, closures).await, 4);
        let entries = "SELECT COUNT(*) FROM journal WHERE kind IN ('day_closure', 'month_closure', 'year_closure')";
        assert_eq!(count(&t, entries).await, 4);
        journal_verifies(&t).await;
    }
}
