//! Who can sign in where: failures counted per account and place, PIN sign-in only on a
//! paired device and only for till work on its register, revoking a device, and unlocking
//! someone at the till. Every backend.

mod support;

use axum::http::StatusCode;
use serde_json::json;
use support::{TestApp, apps, open_register, product};

const LOGIN: &str = "/api/v1/auth/login";
/// An attacker's address (in-process: no traffic leaves the test).
const ELSEWHERE: &str = "127.0.0.9:4242";

async fn password_from(t: &TestApp, client: &str, login: &str, password: &str) -> support::Res {
    let body = json!({"login": login, "password": password});
    t.json_with("POST", LOGIN, &[], Some(client), body).await
}

fn outcome(res: &support::Res) -> (StatusCode, String, serde_json::Value) {
    let tries = res.body["error"]["details"]["tries_left"].clone();
    (res.status, res.code().to_owned(), tries)
}

#[tokio::test]
async fn a_stranger_elsewhere_cannot_lock_a_person_out_and_unknown_logins_answer_alike() {
    for t in apps().await {
        let mut known = Vec::new();
        let mut unknown = Vec::new();
        for _ in 0..6 {
            known.push(outcome(
                &password_from(&t, ELSEWHERE, "marc", "wrong-guess").await,
            ));
            unknown.push(outcome(
                &password_from(&t, ELSEWHERE, "ghost", "wrong-guess").await,
            ));
        }
        let unauthorized = |n: i64| {
            (
                StatusCode::UNAUTHORIZED,
                "invalid_credentials".to_owned(),
                json!(n),
            )
        };
        let locked = (
            StatusCode::LOCKED,
            "account_locked".to_owned(),
            serde_json::Value::Null,
        );
        assert_eq!(
            known,
            [
                unauthorized(4),
                unauthorized(3),
                unauthorized(2),
                unauthorized(1),
                locked.clone(),
                locked
            ],
            "{:?}",
            t.backend
        );
        assert_eq!(unknown, known, "an unknown login answers as a known one");
        // Even the right password is refused from there while locked…
        let res = password_from(&t, ELSEWHERE, "marc", "manager-pass").await;
        assert_eq!(res.status, StatusCode::LOCKED);
        // …but the person signs in from their own place.
        let res = password_from(&t, support::CLIENT, "marc", "manager-pass").await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);

        // The lock doubles with each failure past it: an expired 1-minute lock, one more
        // failure, a 2-minute lock.
        let subject = format!("user:{}", res.body["user"]["id"].as_str().unwrap());
        caisse_store::testing::execute_raw(
            &t.app.db,
            &format!("UPDATE sign_in_failures SET locked_until = 1 WHERE subject = '{subject}'"),
        )
        .await
        .unwrap();
        let res = password_from(&t, ELSEWHERE, "marc", "wrong-guess").await;
        assert_eq!(res.status, StatusCode::LOCKED);
        let lock = support::till::count(
            &t,
            &format!("SELECT locked_until - last_failure_at FROM sign_in_failures WHERE subject = '{subject}'"),
        )
        .await;
        assert_eq!(lock, 120_000_000, "the second lock lasts 2 minutes");
    }
}

#[tokio::test]
async fn a_pin_opens_a_till_session_only_on_a_paired_device_for_till_work_on_its_register() {
    for t in apps().await {
        let owner = t.login("olivia").await;
        let t1 = open_register(&t, &owner, "T1").await;
        let t2 = open_register(&t, &owner, "T2").await;
        // No device, a forged one: no PIN sign-in.
        let body = json!({"login": "chloe", "pin": "3692", "register_id": t1});
        let res = t.json("POST", LOGIN, None, body.clone()).await;
        assert_eq!(
            (res.status, res.code()),
            (StatusCode::FORBIDDEN, "device_not_paired")
        );
        let res = t.pin_login("cd_forged", &t1, "chloe", "3692").await;
        assert_eq!(res.code(), "device_not_paired");
        // A cashier cannot pair a device; a till session cannot either.
        let cashier_pw = t.login("chloe").await;
        let res = t
            .json(
                "POST",
                "/api/v1/devices",
                Some(&cashier_pw),
                json!({"register_id": t1}),
            )
            .await;
        assert_eq!(res.status, StatusCode::FORBIDDEN);
        let device = t.pair(&owner, &t1).await;
        // The PIN sign-in names the device's register.
        let res = t.pin_login(&device, &t2, "chloe", "3692").await;
        assert_eq!(support::invalid_fields(&res), ["register_id"]);

        let cashier = t.till_login(&device, &t1, "chloe").await;
        let me = t.get("/api/v1/auth/me", &cashier).await;
        assert_eq!(
            me.body["session"],
            json!({"kind": "till", "register_id": t1})
        );
        assert_eq!(support::open(&t, &cashier, &t1).await.len(), 36);
        let res = t
            .json(
                "POST",
                "/api/v1/sales",
                Some(&cashier),
                json!({"register_id": t2}),
            )
            .await;
        assert_eq!(
            res.status,
            StatusCode::FORBIDDEN,
            "another register: {}",
            res.body
        );
        assert_eq!(
            t.get(&format!("/api/v1/registers/{t1}/x-report"), &cashier)
                .await
                .status,
            StatusCode::OK
        );
        assert_eq!(
            t.get(&format!("/api/v1/registers/{t2}/x-report"), &cashier)
                .await
                .status,
            StatusCode::FORBIDDEN
        );

        // Even the owner's PIN gives till work only: back-office actions need the password.
        let owner_till = t.till_login(&device, &t1, "olivia").await;
        assert_eq!(
            t.get(&format!("/api/v1/registers/{t2}/x-report"), &owner_till)
                .await
                .status,
            StatusCode::FORBIDDEN
        );
        for (method, path, body) in [
            ("GET", "/api/v1/users".to_owned(), json!(null)),
            (
                "POST",
                "/api/v1/products".to_owned(),
                product("X-1", "Pain", 120, &[]),
            ),
            (
                "POST",
                "/api/v1/registers".to_owned(),
                json!({"code": "T9", "name": "Nine"}),
            ),
            ("PATCH", "/api/v1/store".to_owned(), json!({"name": "Mine"})),
            (
                "POST",
                "/api/v1/devices".to_owned(),
                json!({"register_id": t1}),
            ),
            (
                "POST",
                format!("/api/v1/registers/{t1}/closures"),
                json!({"kind": "day", "period": "2026-01-01"}),
            ),
        ] {
            let res = if method == "GET" {
                t.get(&path, &owner_till).await
            } else {
                t.json(method, &path, Some(&owner_till), body).await
            };
            assert_eq!(
                (res.status, res.code()),
                (StatusCode::FORBIDDEN, "forbidden"),
                "{method} {path}: {}",
                res.body
            );
        }
        assert_eq!(t.get("/api/v1/users", &owner).await.status, StatusCode::OK);

        // Revoking the device ends its till sessions at once (they were just used, so cached)
        // and its PIN pad.
        let devices = t.get("/api/v1/devices", &owner).await;
        let id = devices.body["items"][0]["id"].as_str().unwrap().to_owned();
        let res = t
            .json(
                "POST",
                &format!("/api/v1/devices/{id}/revoke"),
                Some(&owner),
                json!({}),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        assert!(res.body["revoked_at"].is_string());
        for token in [&cashier, &owner_till] {
            let res = t.get("/api/v1/auth/me", token).await;
            assert_eq!(
                res.status,
                StatusCode::UNAUTHORIZED,
                "a revoked device's session"
            );
        }
        let res = t.pin_login(&device, &t1, "chloe", "3692").await;
        assert_eq!(res.code(), "device_not_paired");
        assert_eq!(
            t.get("/api/v1/auth/me", &owner).await.status,
            StatusCode::OK
        );
    }
}

#[tokio::test]
async fn wrong_pins_at_a_till_say_the_tries_left_and_a_manager_unlocks_there_with_their_pin() {
    for t in apps().await {
        let owner = t.login("olivia").await;
        let t1 = open_register(&t, &owner, "T1").await;
        let t2 = open_register(&t, &owner, "T2").await;
        let d1 = t.pair(&owner, &t1).await;
        let d2 = t.pair(&owner, &t2).await;
        let mut seen = Vec::new();
        for _ in 0..5 {
            seen.push(outcome(&t.pin_login(&d1, &t1, "chloe", "9402").await));
        }
        let wrong = |n: i64| {
            (
                StatusCode::UNAUTHORIZED,
                "invalid_credentials".to_owned(),
                json!(n),
            )
        };
        let locked = (
            StatusCode::LOCKED,
            "account_locked".to_owned(),
            serde_json::Value::Null,
        );
        assert_eq!(seen, [wrong(4), wrong(3), wrong(2), wrong(1), locked]);
        assert_eq!(
            t.pin_login(&d1, &t1, "chloe", "3692").await.status,
            StatusCode::LOCKED
        );
        // Locked at that register only.
        assert_eq!(
            t.pin_login(&d2, &t2, "chloe", "3692").await.status,
            StatusCode::OK
        );

        let staff = t
            .json_with(
                "GET",
                "/api/v1/auth/staff",
                &[("x-caisse-device", &d1)],
                None,
                json!(null),
            )
            .await;
        let id_of = |name: &str| {
            staff.body["items"]
                .as_array()
                .unwrap()
                .iter()
                .find(|s| s["display_name"] == name)
                .unwrap()["id"]
                .as_str()
                .unwrap()
                .to_owned()
        };
        let (chloe, marc) = (id_of("chloe"), id_of("marc"));
        let unlock = |approver: &str, pin: &str| json!({"register_id": t1, "staff_id": chloe, "approver_id": approver, "pin": pin});
        let res = t
            .json_with(
                "POST",
                "/api/v1/auth/unlock",
                &[("x-caisse-device", &d1)],
                None,
                unlock(&marc, "9402"),
            )
            .await;
        assert_eq!(
            outcome(&res),
            (
                StatusCode::FORBIDDEN,
                "approval_invalid".to_owned(),
                json!(4)
            )
        );
        let res = t
            .json_with(
                "POST",
                "/api/v1/auth/unlock",
                &[],
                None,
                unlock(&marc, "2581"),
            )
            .await;
        assert_eq!(res.code(), "device_not_paired", "only on the till");
        let res = t
            .json_with(
                "POST",
                "/api/v1/auth/unlock",
                &[("x-caisse-device", &d1)],
                None,
                unlock(&chloe, "3692"),
            )
            .await;
        assert_eq!(
            res.status,
            StatusCode::LOCKED,
            "the locked person cannot unlock themself"
        );
        let res = t
            .json_with(
                "POST",
                "/api/v1/auth/unlock",
                &[("x-caisse-device", &d1)],
                None,
                unlock(&marc, "2581"),
            )
            .await;
        assert_eq!(res.status, StatusCode::NO_CONTENT, "{}", res.body);
        assert_eq!(
            t.pin_login(&d1, &t1, "chloe", "3692").await.status,
            StatusCode::OK
        );
        let events = t
            .get(&format!("/api/v1/users/{chloe}/events"), &owner)
            .await;
        assert_eq!(
            events.body["items"][0]["action"], "unlocked",
            "{}",
            events.body
        );
        assert_eq!(events.body["items"][0]["actor_id"], marc.as_str());
    }
}

#[tokio::test]
async fn wrong_approval_pins_count_towards_the_manager_s_lock_at_that_till_only() {
    for t in apps().await {
        let owner = t.login("olivia").await;
        let (_, _, reg) = support::till::shop(&t).await;
        let device = t.pair(&owner, &reg).await;
        let cashier = t.till_login(&device, &reg, "chloe").await;
        let sale = support::open(&t, &cashier, &reg).await;
        support::scan(&t, &cashier, &sale, support::till::A).await;
        let line = format!("/api/v1/sales/{sale}/lines/1");
        let big = |pin: &str| json!({"discount": {"percent": "50", "reason": "damaged"}, "approval": {"login": "marc", "pin": pin}});
        let mut seen = Vec::new();
        for _ in 0..5 {
            seen.push(outcome(
                &t.json("PATCH", &line, Some(&cashier), big("9402")).await,
            ));
        }
        let wrong = |n: i64| {
            (
                StatusCode::FORBIDDEN,
                "approval_invalid".to_owned(),
                json!(n),
            )
        };
        assert_eq!(seen[..4], [wrong(4), wrong(3), wrong(2), wrong(1)]);
        assert_eq!(seen[4].1, "account_locked");
        // The cashier is still signed in; the manager is locked at this till, not elsewhere.
        assert_eq!(
            t.get("/api/v1/auth/me", &cashier).await.status,
            StatusCode::OK
        );
        assert_eq!(
            t.pin_login(&device, &reg, "marc", "2581").await.status,
            StatusCode::LOCKED
        );
        assert_eq!(
            password_from(&t, support::CLIENT, "marc", "manager-pass")
                .await
                .status,
            StatusCode::OK
        );
    }
}

#[tokio::test]
async fn the_till_keeps_its_own_session_apart_from_the_back_office() {
    for t in apps().await {
        let res = t
            .json(
                "POST",
                LOGIN,
                None,
                json!({"login": "olivia", "password": "owner-pass"}),
            )
            .await;
        let cookie = res.headers["set-cookie"].to_str().unwrap().to_owned();
        assert!(
            cookie.starts_with("caisse_session=") && cookie.contains("HttpOnly"),
            "{cookie}"
        );
        let pair = cookie.split(';').next().unwrap().to_owned();
        // The back office's cookie signs nobody in at the till…
        let at_till = t
            .json_with(
                "GET",
                "/api/v1/auth/me",
                &[("cookie", &pair), ("x-caisse-till", "1")],
                None,
                json!(null),
            )
            .await;
        assert_eq!(at_till.status, StatusCode::UNAUTHORIZED, "{}", at_till.body);
        // …while the back office itself is signed in with it.
        let admin = t
            .json_with(
                "GET",
                "/api/v1/auth/me",
                &[("cookie", &pair)],
                None,
                json!(null),
            )
            .await;
        assert_eq!(admin.status, StatusCode::OK);
        // A sign-in made by the till sets the till's own cookie.
        let res = t
            .json_with(
                "POST",
                LOGIN,
                &[("x-caisse-till", "1")],
                None,
                json!({"login": "olivia", "password": "owner-pass"}),
            )
            .await;
        let cookie = res.headers["set-cookie"].to_str().unwrap();
        assert!(cookie.starts_with("caisse_till="), "{cookie}");
    }
}
