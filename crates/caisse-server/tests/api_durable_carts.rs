//! A sale being rung up is stored before each change is answered, and tenders and completion
//! name the version of the sale the till showed: nothing accepted is lost by a restart, and
//! nothing is charged or completed for a sale other than the one the cashier saw.

mod support;

use axum::http::StatusCode;
use serde_json::json;
use support::till::{A, B, pay, shop};
use support::{TestApp, apps, open, scan};

/// A server started again on the same database (the first one simply stops answering: nothing
/// is saved on the way out, as after `kill -9`).
async fn restarted(t: &TestApp) -> TestApp {
    let again = caisse_app::App::start(t.app.db.clone())
        .await
        .expect("restart");
    t.with_router(caisse_server::router(again.clone()), again)
}

#[tokio::test]
async fn every_accepted_line_is_there_after_a_restart() {
    for t in apps().await {
        let (_, cashier, reg) = shop(&t).await;
        let sale = open(&t, &cashier, &reg).await;
        for _ in 0..4 {
            scan(&t, &cashier, &sale, A).await;
        }
        // The moment the issue found: earlier lines had been written behind, the last ones
        // not yet (they were written about 250 ms after each change).
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        let mut shown = json!(null);
        for _ in 0..3 {
            shown = scan(&t, &cashier, &sale, B).await;
        }
        let again = restarted(&t).await;
        let res = again.get(&format!("/api/v1/sales/{sale}"), &cashier).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        assert_eq!(res.body["lines"], shown["lines"], "{}", res.body);
        assert_eq!(res.body["version"], shown["version"]);
        assert_eq!(res.body["total"], shown["total"]);
        // A sale opened just before the restart is there too, empty.
        let fresh = open(&t, &cashier, &reg).await;
        let again = restarted(&t).await;
        let res = again.get(&format!("/api/v1/sales/{fresh}"), &cashier).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    }
}

#[tokio::test]
async fn tenders_and_completion_name_the_version_the_till_showed() {
    for t in apps().await {
        let (_, cashier, reg) = shop(&t).await;
        let sale = open(&t, &cashier, &reg).await;
        let first = scan(&t, &cashier, &sale, A).await;
        let now = scan(&t, &cashier, &sale, B).await;
        let (v1, v2) = (
            first["version"].as_i64().unwrap(),
            now["version"].as_i64().unwrap(),
        );
        assert!(v2 > v1);

        // The till still shows the sale with one line: nothing is taken, and the answer is
        // the sale as it is now.
        let res = pay(
            &t,
            &cashier,
            &sale,
            "p-old",
            json!({"kind": "card", "amount": 250, "version": v1}),
        )
        .await;
        assert_eq!(
            (res.status, res.code()),
            (StatusCode::CONFLICT, "sale_changed"),
            "{}",
            res.body
        );
        assert_eq!(res.body["error"]["details"]["sale"]["version"], v2);
        assert_eq!(res.body["error"]["details"]["sale"]["lines"], now["lines"]);
        let res = t.get(&format!("/api/v1/sales/{sale}"), &cashier).await;
        assert_eq!(res.body["payments"], json!([]), "nothing was charged");

        let due = now["total"]["amount"].as_i64().unwrap();
        let paid = pay(
            &t,
            &cashier,
            &sale,
            "p-now",
            json!({"kind": "card", "amount": due, "version": v2}),
        )
        .await;
        assert_eq!(paid.status, StatusCode::OK, "{}", paid.body);
        let v3 = paid.body["version"].as_i64().unwrap();
        // The same request sent again (its answer was lost) gets the kept answer, not a
        // conflict with the version its own first attempt made.
        let again = pay(
            &t,
            &cashier,
            &sale,
            "p-now",
            json!({"kind": "card", "amount": due, "version": v2}),
        )
        .await;
        assert_eq!(again.status, StatusCode::OK, "{}", again.body);
        assert_eq!(again.body["payments"].as_array().unwrap().len(), 1);

        let complete = |key: &'static str, version: i64| {
            let path = format!("/api/v1/sales/{sale}/complete");
            let cashier = cashier.clone();
            let t = &t;
            async move {
                t.json_key("POST", &path, &cashier, key, json!({"version": version}))
                    .await
            }
        };
        let res = complete("c-old", v2).await;
        assert_eq!(
            (res.status, res.code()),
            (StatusCode::CONFLICT, "sale_changed"),
            "{}",
            res.body
        );
        let res = complete("c-now", v3).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        assert_eq!(res.body["status"], "completed");
        assert_eq!(res.body["lines"].as_array().unwrap().len(), 2);
        let res = complete("c-now", v3).await;
        assert_eq!(
            res.status,
            StatusCode::OK,
            "the stored answer: {}",
            res.body
        );
    }
}
