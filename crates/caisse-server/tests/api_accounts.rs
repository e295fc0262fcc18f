//! Account management through the API on every backend: who manages whom, deactivation that
//! ends every session at once, the last owner, password and PIN rules, resets, unlock, and
//! the record of every change.

mod support;

use axum::http::StatusCode;
use serde_json::{Value, json};
use support::{TestApp, apps, invalid_fields};

async fn user_id(t: &TestApp, owner: &str, login: &str) -> String {
    let list = t.get("/api/v1/users", owner).await;
    list.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["login"] == login)
        .unwrap_or_else(|| panic!("{login} in {}", list.body))["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

async fn post(t: &TestApp, token: &str, path: &str, body: Value) -> support::Res {
    t.json("POST", path, Some(token), body).await
}

#[tokio::test]
async fn managers_manage_cashiers_owners_manage_everyone_and_every_change_is_recorded() {
    for t in apps().await {
        let owner = t.login("olivia").await;
        let manager = t.login("marc").await;
        let cashier = t.login("chloe").await;
        let (olivia, marc, chloe) = (
            user_id(&t, &owner, "olivia").await,
            user_id(&t, &owner, "marc").await,
            user_id(&t, &owner, "chloe").await,
        );
        let res = t
            .json(
                "PATCH",
                &format!("/api/v1/users/{chloe}"),
                Some(&manager),
                json!({"display_name": "Chloé Martin"}),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        assert_eq!(res.body["display_name"], "Chloé Martin");
        assert_eq!(res.body["locked"], false);
        for (path, body) in [
            (
                format!("/api/v1/users/{olivia}"),
                json!({"display_name": "Boss"}),
            ),
            (format!("/api/v1/users/{chloe}"), json!({"role": "manager"})),
        ] {
            let res = t.json("PATCH", &path, Some(&manager), body).await;
            assert_eq!(res.status, StatusCode::FORBIDDEN, "{path}: {}", res.body);
        }
        for path in [
            format!("/api/v1/users/{olivia}/deactivate"),
            format!("/api/v1/users/{marc}/password"),
        ] {
            let res = post(
                &t,
                &manager,
                &path,
                json!({"password": "a-long-fresh-passphrase"}),
            )
            .await;
            assert_eq!(res.status, StatusCode::FORBIDDEN, "{path}");
        }
        let res = t.get("/api/v1/users", &cashier).await;
        assert_eq!(res.status, StatusCode::FORBIDDEN);
        let res = t
            .json(
                "PATCH",
                &format!("/api/v1/users/{chloe}"),
                Some(&owner),
                json!({"role": "manager"}),
            )
            .await;
        assert_eq!(res.body["role"], "manager", "{}", res.body);
        // The new role applies to the next request at once (the session is cached).
        assert_eq!(
            t.get("/api/v1/users", &cashier).await.status,
            StatusCode::OK
        );

        let events = t
            .get(&format!("/api/v1/users/{chloe}/events"), &owner)
            .await;
        let actions: Vec<(&str, &str)> = events.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                (
                    e["action"].as_str().unwrap(),
                    e["actor_id"].as_str().unwrap_or("cli"),
                )
            })
            .collect();
        assert_eq!(
            actions,
            [
                ("edited", olivia.as_str()),
                ("edited", marc.as_str()),
                ("created", "cli")
            ]
        );
        assert_eq!(
            events.body["items"][0]["details"]["role"],
            json!({"from": "cashier", "to": "manager"})
        );
        // The record is append-only.
        let changed =
            caisse_store::testing::execute_raw(&t.app.db, "UPDATE account_events SET action = 'x'")
                .await;
        assert!(changed.is_err(), "account_events refuses UPDATE");
        let deleted =
            caisse_store::testing::execute_raw(&t.app.db, "DELETE FROM account_events").await;
        assert!(deleted.is_err(), "account_events refuses DELETE");
    }
}

#[tokio::test]
async fn deactivating_an_account_ends_every_session_at_once_and_reactivating_lets_it_back() {
    for t in apps().await {
        let owner = t.login("olivia").await;
        let (_, cashier, reg) = support::till::shop(&t).await;
        let device = t.pair(&owner, &reg).await;
        let at_till = t.till_login(&device, &reg, "chloe").await;
        // Both sessions are used, so this server has them cached.
        for token in [&cashier, &at_till] {
            assert_eq!(t.get("/api/v1/auth/me", token).await.status, StatusCode::OK);
        }
        let chloe = user_id(&t, &owner, "chloe").await;
        let res = post(
            &t,
            &owner,
            &format!("/api/v1/users/{chloe}/deactivate"),
            json!({}),
        )
        .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        assert_eq!(res.body["active"], false);
        for token in [&cashier, &at_till] {
            let res = t.get("/api/v1/auth/me", token).await;
            assert_eq!(
                res.code(),
                "unauthenticated",
                "a deactivated account's session ends at once"
            );
        }
        let res = t
            .json(
                "POST",
                "/api/v1/auth/login",
                None,
                json!({"login": "chloe", "password": "cashier-pass"}),
            )
            .await;
        assert_eq!(res.code(), "invalid_credentials");
        let res = post(
            &t,
            &owner,
            &format!("/api/v1/users/{chloe}/activate"),
            json!({}),
        )
        .await;
        assert_eq!(res.body["active"], true);
        t.login("chloe").await;
    }
}

#[tokio::test]
async fn nobody_can_deactivate_or_demote_the_last_active_owner() {
    for t in apps().await {
        let owner = t.login("olivia").await;
        let olivia = user_id(&t, &owner, "olivia").await;
        let res = post(
            &t,
            &owner,
            &format!("/api/v1/users/{olivia}/deactivate"),
            json!({}),
        )
        .await;
        assert_eq!(
            (res.status, res.code()),
            (StatusCode::CONFLICT, "last_owner")
        );
        let res = t
            .json(
                "PATCH",
                &format!("/api/v1/users/{olivia}"),
                Some(&owner),
                json!({"role": "manager"}),
            )
            .await;
        assert_eq!(
            (res.status, res.code()),
            (StatusCode::CONFLICT, "last_owner")
        );
        assert_eq!(
            t.get("/api/v1/auth/me", &owner).await.body["user"]["role"],
            "owner"
        );
        // With a second owner, the first may step down.
        let res = post(&t, &owner, "/api/v1/users", json!({"login": "paul", "role": "owner", "password": "paul-owns-the-shop-2", "pin": "8053"})).await;
        assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
        let res = t
            .json(
                "PATCH",
                &format!("/api/v1/users/{olivia}"),
                Some(&owner),
                json!({"role": "manager"}),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let paul = t
            .json(
                "POST",
                "/api/v1/auth/login",
                None,
                json!({"login": "paul", "password": "paul-owns-the-shop-2"}),
            )
            .await;
        let paul_token = paul.body["token"].as_str().unwrap();
        let paul_id = paul.body["user"]["id"].as_str().unwrap();
        let res = post(
            &t,
            paul_token,
            &format!("/api/v1/users/{paul_id}/deactivate"),
            json!({}),
        )
        .await;
        assert_eq!(res.code(), "last_owner");
    }
}

#[tokio::test]
async fn passwords_and_pins_follow_the_rules_outside_the_demo() {
    for t in apps().await {
        let owner = t.login("olivia").await;
        for (password, pin, bad) in [
            ("short-1", "5827", vec!["password"]),
            ("password123", "5827", vec!["password"]),
            ("azertyuiop", "5827", vec!["password"]),
            ("qwerty123456", "5827", vec!["password"]),
            ("password2026", "5827", vec!["password"]),
            ("Newbie2026!", "5827", vec!["password"]),
            ("a-long-fresh-passphrase", "1234", vec!["pin"]),
            ("a-long-fresh-passphrase", "0000", vec!["pin"]),
            ("a-long-fresh-passphrase", "7890", vec!["pin"]),
            ("a-long-fresh-passphrase", "4321", vec!["pin"]),
            ("a-long-fresh-passphrase", "1212", vec!["pin"]),
            ("a-long-fresh-passphrase", "2581", vec!["pin"]),
            ("abc", "12", vec!["password", "pin"]),
        ] {
            let body =
                json!({"login": "newbie", "role": "cashier", "password": password, "pin": pin});
            let res = post(&t, &owner, "/api/v1/users", body).await;
            assert_eq!(invalid_fields(&res), bad, "{password} {pin}: {}", res.body);
        }
        let res = t.get("/api/v1/users", &owner).await;
        assert_eq!(
            res.body["items"].as_array().unwrap().len(),
            3,
            "nothing was created"
        );
        let body = json!({"login": "newbie", "role": "cashier", "password": "a-long-fresh-passphrase", "pin": "5827"});
        assert_eq!(
            post(&t, &owner, "/api/v1/users", body).await.status,
            StatusCode::CREATED
        );
        // A PIN already used in the store cannot be set on someone else either.
        let chloe = user_id(&t, &owner, "chloe").await;
        let res = post(
            &t,
            &owner,
            &format!("/api/v1/users/{chloe}/pin"),
            json!({"pin": "5827"}),
        )
        .await;
        assert_eq!(invalid_fields(&res), ["pin"]);
        // The demo keeps its documented easy credentials.
        let demo = t.app.in_demo_mode();
        let store = t.get("/api/v1/auth/me", &owner).await.body["store"]["id"]
            .as_str()
            .unwrap()
            .parse()
            .unwrap();
        let easy = caisse_app::auth::NewUser {
            login: "demo".into(),
            display_name: None,
            role: "cashier".into(),
            password: "demo".into(),
            pin: Some("4444".into()),
        };
        caisse_app::auth::create_user(&demo, store, None, easy)
            .await
            .expect("demo accounts keep easy credentials");
    }
}

#[tokio::test]
async fn resets_unlock_and_revoking_sessions_take_effect_at_once() {
    for t in apps().await {
        let owner = t.login("olivia").await;
        let manager = t.login("marc").await;
        let cashier = t.login("chloe").await;
        let chloe = user_id(&t, &owner, "chloe").await;
        // A reset password ends the sessions; the new one works.
        let res = post(
            &t,
            &manager,
            &format!("/api/v1/users/{chloe}/password"),
            json!({"password": "bonjour"}),
        )
        .await;
        assert_eq!(invalid_fields(&res), ["password"]);
        let res = post(
            &t,
            &manager,
            &format!("/api/v1/users/{chloe}/password"),
            json!({"password": "chloe-new-passphrase"}),
        )
        .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        assert_eq!(
            t.get("/api/v1/auth/me", &cashier).await.status,
            StatusCode::UNAUTHORIZED
        );
        let res = t
            .json(
                "POST",
                "/api/v1/auth/login",
                None,
                json!({"login": "chloe", "password": "chloe-new-passphrase"}),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK);
        let cashier = res.body["token"].as_str().unwrap().to_owned();
        // PIN set and removed.
        let res = post(
            &t,
            &manager,
            &format!("/api/v1/users/{chloe}/pin"),
            json!({"pin": "6149"}),
        )
        .await;
        assert_eq!(res.body["has_pin"], true, "{}", res.body);
        let res = post(
            &t,
            &manager,
            &format!("/api/v1/users/{chloe}/pin"),
            json!({"pin": null}),
        )
        .await;
        assert_eq!(res.body["has_pin"], false);
        // Locked from somewhere: shown, then unlocked.
        for _ in 0..5 {
            t.json_with(
                "POST",
                "/api/v1/auth/login",
                &[],
                Some("127.0.0.9:1"),
                json!({"login": "chloe", "password": "nope-nope"}),
            )
            .await;
        }
        let res = t.get(&format!("/api/v1/users/{chloe}"), &manager).await;
        assert_eq!(res.body["locked"], true, "{}", res.body);
        let res = post(
            &t,
            &manager,
            &format!("/api/v1/users/{chloe}/unlock"),
            json!({}),
        )
        .await;
        assert_eq!(res.body["locked"], false);
        // Every session ends at once.
        let res = post(
            &t,
            &manager,
            &format!("/api/v1/users/{chloe}/sessions/revoke"),
            json!({}),
        )
        .await;
        assert_eq!(res.status, StatusCode::OK);
        assert_eq!(
            t.get("/api/v1/auth/me", &cashier).await.status,
            StatusCode::UNAUTHORIZED
        );
        let events = t
            .get(&format!("/api/v1/users/{chloe}/events"), &owner)
            .await;
        let actions: Vec<&str> = events.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["action"].as_str().unwrap())
            .collect();
        assert_eq!(
            actions,
            [
                "sessions_revoked",
                "unlocked",
                "pin_removed",
                "pin_set",
                "password_reset",
                "created"
            ]
        );
        assert!(
            !events.body.to_string().contains("chloe-new-passphrase")
                // The PIN as a value (a bare "6149" may occur inside an id or a time).
                && !events.body.to_string().contains("\"6149\"")
                && !events.body.to_string().contains(":6149"),
            "no secrets in the record"
        );
    }
}

#[tokio::test]
async fn people_change_their_own_password_from_a_password_session() {
    for t in apps().await {
        let first = t.login("marc").await;
        let second = t.login("marc").await;
        let change =
            |current: &str, new: &str| json!({"current_password": current, "new_password": new});
        let res = post(
            &t,
            &first,
            "/api/v1/auth/password",
            change("wrong-one-here", "marc-better-passphrase"),
        )
        .await;
        assert_eq!(invalid_fields(&res), ["current_password"]);
        let res = post(
            &t,
            &first,
            "/api/v1/auth/password",
            change("manager-pass", "marc1234"),
        )
        .await;
        assert_eq!(invalid_fields(&res), ["new_password"]);
        let res = post(
            &t,
            &first,
            "/api/v1/auth/password",
            change("manager-pass", "marc-better-passphrase"),
        )
        .await;
        assert_eq!(res.status, StatusCode::NO_CONTENT, "{}", res.body);
        assert_eq!(
            t.get("/api/v1/auth/me", &first).await.status,
            StatusCode::OK,
            "this session stays"
        );
        assert_eq!(
            t.get("/api/v1/auth/me", &second).await.status,
            StatusCode::UNAUTHORIZED,
            "the others end"
        );
    }
}
