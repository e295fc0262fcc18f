//! The time clock and pay through the API, on both databases: punching in order, managers'
//! missed punches and corrections (kept beside what they replace), who may do what, a
//! timesheet with daily and weekly overtime worked out by hand, commission on net sales
//! (a return takes its sale's share back), and the payroll CSV.

mod support;

use axum::http::StatusCode;
use serde_json::{Value, json};
use support::till::{A, complete, issue_note, pay, sale_of, shop};
use support::{TestApp, apps, invalid_fields};

async fn punch(t: &TestApp, token: &str, kind: &str) -> support::Res {
    t.json(
        "POST",
        "/api/v1/time-clock",
        Some(token),
        json!({ "kind": kind }),
    )
    .await
}

async fn user_id(t: &TestApp, owner: &str, login: &str) -> String {
    let res = t.get("/api/v1/users", owner).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let list = res
        .body
        .as_array()
        .cloned()
        .or_else(|| res.body["items"].as_array().cloned());
    list.expect("a list of users")
        .iter()
        .find(|u| u["login"] == login)
        .unwrap_or_else(|| panic!("{login} in {}", res.body))["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

async fn missed(t: &TestApp, token: &str, user: &str, punches: Value) -> support::Res {
    t.json(
        "POST",
        "/api/v1/time-clock/punches",
        Some(token),
        json!({ "user_id": user, "punches": punches, "reason": "forgot to punch" }),
    )
    .await
}

#[tokio::test]
async fn punches_follow_in_break_out_and_anything_else_is_refused() {
    for t in apps().await {
        let cashier = t.login("chloe").await;
        let steps = [
            ("clock_out", StatusCode::CONFLICT, None),
            ("break_start", StatusCode::CONFLICT, None),
            ("clock_in", StatusCode::CREATED, Some("working")),
            ("clock_in", StatusCode::CONFLICT, None),
            ("break_end", StatusCode::CONFLICT, None),
            ("break_start", StatusCode::CREATED, Some("on_break")),
            ("clock_in", StatusCode::CONFLICT, None),
            ("break_start", StatusCode::CONFLICT, None),
            ("break_end", StatusCode::CREATED, Some("working")),
            ("break_start", StatusCode::CREATED, Some("on_break")),
            // Clocking out on a break ends the break too.
            ("clock_out", StatusCode::CREATED, Some("off")),
            ("break_end", StatusCode::CONFLICT, None),
        ];
        for (i, (kind, status, state)) in steps.into_iter().enumerate() {
            let res = punch(&t, &cashier, kind).await;
            assert_eq!(
                res.status, status,
                "{:?} step {i} {kind}: {}",
                t.backend, res.body
            );
            match state {
                Some(s) => assert_eq!(res.body["state"], s, "{}", res.body),
                None => assert_eq!(res.body["error"]["code"], "punch_out_of_order"),
            }
        }
        let res = t.get("/api/v1/time-clock", &cashier).await;
        assert_eq!(res.body["state"], "off", "{}", res.body);
        assert_eq!(res.body["last_punch"]["kind"], "clock_out");
        let res = t.get("/api/v1/time-clock/punches", &cashier).await;
        assert_eq!(res.body.as_array().unwrap().len(), 5, "{}", res.body);

        // Unknown kinds and fields are refused before anything is written.
        let res = punch(&t, &cashier, "lunch").await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.body);
        // Punch rows are append-only in the database itself.
        let db = &t.app.db;
        assert!(
            caisse_store::testing::execute_raw(db, "UPDATE time_punches SET at = 0")
                .await
                .is_err()
        );
        assert!(
            caisse_store::testing::execute_raw(db, "DELETE FROM time_punches")
                .await
                .is_err()
        );
    }
}

#[tokio::test]
async fn managers_add_and_correct_punches_and_every_correction_stays_visible() {
    for t in apps().await {
        let owner = t.login("olivia").await;
        let manager = t.login("marc").await;
        let cashier = t.login("chloe").await;
        let chloe = user_id(&t, &owner, "chloe").await;
        let marc = user_id(&t, &owner, "marc").await;

        // Monday 2 November 2026 in Paris (UTC+1): she forgot both punches; the clock-out
        // was entered as 02:00 the next night by mistake.
        let res = missed(
            &t,
            &manager,
            &chloe,
            json!([
                {"kind": "clock_in", "at": "2026-11-02T09:00:00+01:00"},
                {"kind": "clock_out", "at": "2026-11-03T02:00:00+01:00"},
            ]),
        )
        .await;
        assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
        let wrong_out = res.body[1]["id"].as_str().unwrap().to_owned();
        assert_eq!(res.body[0]["reason"], "forgot to punch");

        let path = format!("/api/v1/time-clock/punches/{wrong_out}/corrections");
        let fix = json!({"at": "2026-11-02T17:30:00+01:00", "reason": "left at 17:30"});
        // A cashier may not correct; a manager may not correct a manager (nor himself).
        let res = t.json("POST", &path, Some(&cashier), fix.clone()).await;
        assert_eq!(res.status, StatusCode::FORBIDDEN, "{}", res.body);
        let res = missed(
            &t,
            &manager,
            &marc,
            json!([{"kind": "clock_in", "at": "2026-11-02T08:00:00+01:00"}]),
        )
        .await;
        assert_eq!(res.status, StatusCode::FORBIDDEN, "{}", res.body);
        // A correction without a reason, or in the future, changes nothing.
        let res = t
            .json(
                "POST",
                &path,
                Some(&manager),
                json!({"at": "2026-11-02T17:30:00+01:00", "reason": " "}),
            )
            .await;
        assert_eq!(invalid_fields(&res), vec!["reason"], "{}", res.body);
        let res = t
            .json(
                "POST",
                &path,
                Some(&manager),
                json!({"at": "2999-01-01T00:00:00Z", "reason": "x"}),
            )
            .await;
        assert_eq!(invalid_fields(&res), vec!["at"], "{}", res.body);

        let res = t.json("POST", &path, Some(&manager), fix.clone()).await;
        assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
        assert_eq!(res.body["replaces"], wrong_out.as_str());
        // Corrected once: to change it again, correct the correction.
        let res = t.json("POST", &path, Some(&manager), fix).await;
        assert_eq!(res.status, StatusCode::CONFLICT, "{}", res.body);
        assert_eq!(res.body["error"]["code"], "punch_out_of_order");

        let list = t
            .get(&format!("/api/v1/time-clock/punches?user_id={chloe}&from=2026-11-01T00:00:00Z&to=2026-11-10T00:00:00Z"), &manager)
            .await;
        let rows = list.body.as_array().unwrap().clone();
        assert_eq!(rows.len(), 3, "{}", list.body);
        let original = rows.iter().find(|r| r["id"] == wrong_out.as_str()).unwrap();
        assert_eq!(original["effective"], false);
        assert!(original["replaced_by"].is_string());
        assert_eq!(rows.iter().filter(|r| r["effective"] == true).count(), 2);
        // The cashier sees her own punches, not the manager's.
        let res = t
            .get(
                &format!("/api/v1/time-clock/punches?user_id={marc}"),
                &cashier,
            )
            .await;
        assert_eq!(res.status, StatusCode::FORBIDDEN, "{}", res.body);

        // Removing the clock-in would leave a clock-out alone: refused.
        let clock_in = rows.iter().find(|r| r["kind"] == "clock_in").unwrap()["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let res = t
            .json(
                "POST",
                &format!("/api/v1/time-clock/punches/{clock_in}/corrections"),
                Some(&manager),
                json!({"void": true, "reason": "not a shift"}),
            )
            .await;
        assert_eq!(res.status, StatusCode::CONFLICT, "{}", res.body);
        // A missed shift that overlaps hers is refused; a forgotten 40-hour shift too.
        let res = missed(
            &t,
            &manager,
            &chloe,
            json!([
                {"kind": "clock_in", "at": "2026-11-02T12:00:00+01:00"},
                {"kind": "clock_out", "at": "2026-11-02T13:00:00+01:00"},
            ]),
        )
        .await;
        assert_eq!(res.status, StatusCode::CONFLICT, "{}", res.body);
        let res = missed(
            &t,
            &manager,
            &chloe,
            json!([
                {"kind": "clock_in", "at": "2026-11-04T08:00:00+01:00"},
                {"kind": "clock_out", "at": "2026-11-06T00:00:00+01:00"},
            ]),
        )
        .await;
        assert_eq!(res.status, StatusCode::CONFLICT, "{}", res.body);

        // The timesheet counts the corrected shift: 09:00–17:30 is 8.5 hours.
        let sheet = t
            .get(
                &format!("/api/v1/timesheets?date=2026-11-02&user_id={chloe}"),
                &manager,
            )
            .await;
        assert_eq!(sheet.status, StatusCode::OK, "{}", sheet.body);
        assert_eq!(
            sheet.body["employees"][0]["regular_secs"],
            8 * 3600 + 1800,
            "{}",
            sheet.body
        );
    }
}

#[tokio::test]
async fn a_week_with_overtime_pays_as_worked_out_by_hand_and_exports_as_csv() {
    for t in apps().await {
        let owner = t.login("olivia").await;
        let manager = t.login("marc").await;
        let cashier = t.login("chloe").await;
        let chloe = user_id(&t, &owner, "chloe").await;

        // Weekly pay from Monday 2 November 2026; overtime after 8 h a day and 40 h a week
        // at 150 %; 12.50 an hour and 1 % commission.
        let res = t
            .json(
                "PATCH",
                "/api/v1/payroll/settings",
                Some(&owner),
                json!({
                    "frequency": "weekly", "anchor": "2026-11-02", "week_starts": "monday",
                    "daily_overtime_after_minutes": 480, "weekly_overtime_after_minutes": 2400,
                    "overtime_percent": 150,
                }),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let res = t
            .json(
                "PATCH",
                "/api/v1/payroll/settings",
                Some(&owner),
                json!({"overtime_percent": 90, "week_starts": "lundi"}),
            )
            .await;
        let mut bad = invalid_fields(&res);
        bad.sort();
        assert_eq!(bad, vec!["overtime_percent", "week_starts"], "{}", res.body);
        let res = t
            .json(
                "PATCH",
                "/api/v1/payroll/settings",
                Some(&manager),
                json!({}),
            )
            .await;
        assert_eq!(
            res.status,
            StatusCode::FORBIDDEN,
            "only the owner changes pay rules"
        );

        // Worked before a rate was set: the export says what is missing, and exports nothing.
        let res = missed(
            &t,
            &manager,
            &chloe,
            json!([
                {"kind": "clock_in", "at": "2026-11-02T08:00:00+01:00"},
                {"kind": "clock_out", "at": "2026-11-02T18:00:00+01:00"},
                {"kind": "clock_in", "at": "2026-11-03T08:00:00+01:00"},
                {"kind": "break_start", "at": "2026-11-03T12:00:00+01:00"},
                {"kind": "break_end", "at": "2026-11-03T13:00:00+01:00"},
                {"kind": "clock_out", "at": "2026-11-03T17:00:00+01:00"},
            ]),
        )
        .await;
        assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
        let res = t
            .get("/api/v1/payroll/export?date=2026-11-04", &manager)
            .await;
        assert_eq!(res.status, StatusCode::CONFLICT, "{}", res.body);
        assert_eq!(res.body["error"]["code"], "timesheet_incomplete");
        assert_eq!(
            res.body["error"]["details"]["problems"][0]["code"], "no_rate",
            "{}",
            res.body
        );

        let res = t
            .json("PUT", "/api/v1/payroll/rates", Some(&manager), json!({
                "user_id": chloe, "effective_from": "2026-01-01", "per_hour": 1250, "commission_bp": 100,
            }))
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let res = t
            .json(
                "PUT",
                "/api/v1/payroll/rates",
                Some(&manager),
                json!({
                    "user_id": chloe, "effective_from": "2026-13-01", "per_hour": -1,
                }),
            )
            .await;
        let mut bad = invalid_fields(&res);
        bad.sort();
        assert_eq!(bad, vec!["effective_from", "per_hour"], "{}", res.body);

        // Monday 08:00–18:00 is 10 h: 8 regular, 2 over the day. Tuesday 08:00–17:00 less an
        // hour's break is 8 h, regular. 16 × 12.50 = 200.00; 2 × 12.50 × 1.5 = 37.50.
        let sheet = t
            .get(
                &format!("/api/v1/timesheets?date=2026-11-04&user_id={chloe}"),
                &manager,
            )
            .await;
        assert_eq!(sheet.status, StatusCode::OK, "{}", sheet.body);
        assert_eq!(sheet.body["period_start"], "2026-11-02");
        assert_eq!(sheet.body["period_end"], "2026-11-08");
        let row = &sheet.body["employees"][0];
        assert_eq!(row["regular_secs"], 16 * 3600, "{row}");
        assert_eq!(row["overtime_secs"], 2 * 3600, "{row}");
        assert_eq!(row["regular_pay"]["amount"], 20_000);
        assert_eq!(row["overtime_pay"]["amount"], 3_750);
        assert_eq!(row["gross_pay"]["amount"], 23_750);
        assert_eq!(row["days"].as_array().unwrap().len(), 2);
        assert!(row["problems"].as_array().unwrap().is_empty(), "{row}");

        let res = t
            .send(
                "GET",
                "/api/v1/payroll/export?date=2026-11-04",
                Some(&manager),
                None,
                "",
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let csv = res.body.as_str().expect("CSV text").to_owned();
        let mut lines = csv.lines();
        assert!(
            lines
                .next()
                .unwrap()
                .starts_with("employee_id,login,name,period_start")
        );
        let chloe_line = csv.lines().find(|l| l.contains(",chloe,")).expect(&csv);
        assert!(
            chloe_line.ends_with(
                ",2026-11-02,2026-11-08,16.00,2.00,12.50,200.00,37.50,0.00,0.00,237.50,EUR"
            ),
            "{chloe_line}"
        );
        // A cashier sees her own timesheet, not the export.
        let res = t.get("/api/v1/timesheets?date=2026-11-04", &cashier).await;
        assert_eq!(
            res.body["employees"].as_array().unwrap().len(),
            1,
            "{}",
            res.body
        );
        let res = t
            .send(
                "GET",
                "/api/v1/payroll/export?date=2026-11-04",
                Some(&cashier),
                None,
                "",
            )
            .await;
        assert_eq!(res.status, StatusCode::FORBIDDEN);
    }
}

#[tokio::test]
async fn commission_is_on_net_sales_and_a_return_takes_its_share_back() {
    for t in apps().await {
        let (owner, cashier, reg) = shop(&t).await;
        let manager = t.login("marc").await;
        let chloe = user_id(&t, &owner, "chloe").await;
        let res = t
            .json("PUT", "/api/v1/payroll/rates", Some(&manager), json!({
                "user_id": chloe, "effective_from": "2020-01-01", "per_hour": 1000, "commission_bp": 500,
            }))
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        // Two apples sold and returned, then four sold and kept.
        issue_note(&t, &cashier, &reg, 2).await;
        let sale = sale_of(&t, &cashier, &reg, &[A, A, A, A]).await;
        let res = pay(&t, &cashier, &sale, "kept-cash", json!({"kind": "cash"})).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        complete(&t, &cashier, &sale, "kept-done").await;
        let kept = caisse_store::testing::query_i64(
            &t.app.db,
            "SELECT net_total FROM sales WHERE kind = 'sale' ORDER BY completed_at DESC LIMIT 1",
        )
        .await
        .unwrap();
        let all_sold = caisse_store::testing::query_i64(
            &t.app.db,
            "SELECT CAST(SUM(net_total) AS BIGINT) FROM sales WHERE kind = 'sale'",
        )
        .await
        .unwrap();
        assert!(
            all_sold > kept,
            "the returned sale counts in sales: {all_sold} > {kept}"
        );

        let sheet = t
            .get(&format!("/api/v1/timesheets?user_id={chloe}"), &manager)
            .await;
        assert_eq!(sheet.status, StatusCode::OK, "{}", sheet.body);
        let row = &sheet.body["employees"][0];
        assert_eq!(row["net_sales"]["amount"], kept, "{row}");
        // 5 % of the kept sale's net, rounded half up.
        assert_eq!(
            row["commission"]["amount"],
            (kept * 500 + 5_000) / 10_000,
            "{row}"
        );
    }
}
