//! The permissions of their own (issue 11, item 7) on every backend: closing a drawer
//! another person opened, cancelling another person's sale, reading another register's
//! reports.

mod support;

use axum::http::StatusCode;
use serde_json::json;
use support::till::{A, shop};
use support::{apps, open, scan};

/// A second cashier, `zoe`, signed in with her password.
async fn zoe(t: &support::TestApp, owner: &str) -> String {
    let body =
        json!({"login": "zoe", "role": "cashier", "password": "zoe-sells-bread-9", "pin": "5827"});
    let res = t.json("POST", "/api/v1/users", Some(owner), body).await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
    let res = t
        .json(
            "POST",
            "/api/v1/auth/login",
            None,
            json!({"login": "zoe", "password": "zoe-sells-bread-9"}),
        )
        .await;
    res.body["token"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn closing_a_drawer_another_person_opened_needs_its_own_permission() {
    for t in apps().await {
        let (owner, _chloe, reg) = shop(&t).await;
        let zoe = zoe(&t, &owner).await;
        let close = format!("/api/v1/registers/{reg}/drawer/close");
        let res = t
            .json("POST", &close, Some(&zoe), json!({"counted": 10_000}))
            .await;
        assert_eq!(
            (res.status, res.code()),
            (StatusCode::FORBIDDEN, "forbidden"),
            "{}",
            res.body
        );
        assert_eq!(
            support::till::count(&t, "SELECT COUNT(*) FROM closures").await,
            0
        );
        let manager = t.login("marc").await;
        let res = t
            .json("POST", &close, Some(&manager), json!({"counted": 10_000}))
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    }
}

#[tokio::test]
async fn cancelling_another_person_s_sale_needs_its_permission_or_a_manager_s_pin() {
    for t in apps().await {
        let (owner, chloe, reg) = shop(&t).await;
        let zoe = zoe(&t, &owner).await;
        let sale = open(&t, &chloe, &reg).await;
        scan(&t, &chloe, &sale, A).await;
        let cancel = format!("/api/v1/sales/{sale}/cancel");
        let res = t
            .json(
                "POST",
                &cancel,
                Some(&zoe),
                json!({"reason": "customer_left"}),
            )
            .await;
        assert_eq!(
            (res.status, res.code()),
            (StatusCode::FORBIDDEN, "approval_required"),
            "{}",
            res.body
        );
        assert_eq!(res.body["error"]["details"]["action"], "cancel_others_sale");
        let approved =
            json!({"reason": "customer_left", "approval": {"login": "marc", "pin": "2581"}});
        let res = t.json("POST", &cancel, Some(&zoe), approved).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        // One's own sale needs nothing more.
        let own = open(&t, &chloe, &reg).await;
        scan(&t, &chloe, &own, A).await;
        let res = t
            .json(
                "POST",
                &format!("/api/v1/sales/{own}/cancel"),
                Some(&chloe),
                json!({}),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    }
}

#[tokio::test]
async fn reading_another_register_s_reports_needs_its_own_permission() {
    for t in apps().await {
        let (owner, chloe, t1) = shop(&t).await;
        let t2 = support::till::register(&t, &owner, &chloe, "T2").await;
        let device = t.pair(&owner, &t1).await;
        let at_t1 = t.till_login(&device, &t1, "chloe").await;
        let manager = t.login("marc").await;
        for (token, register, ok) in [
            (&at_t1, &t1, true),
            (&at_t1, &t2, false),
            (&chloe, &t1, false),
            (&manager, &t2, true),
        ] {
            let res = t
                .get(&format!("/api/v1/registers/{register}/x-report"), token)
                .await;
            assert_eq!(res.status == StatusCode::OK, ok, "{}", res.body);
            let res = t
                .get(&format!("/api/v1/closures?register={register}"), token)
                .await;
            assert_eq!(res.status == StatusCode::OK, ok, "{}", res.body);
        }
    }
}
