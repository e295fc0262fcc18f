//! Sign-in, sessions, lockout and permissions through the real router, on every backend.

mod support;

use axum::http::StatusCode;
use serde_json::json;
use support::{apps, product};

#[tokio::test]
async fn password_and_pin_sign_in_then_logout_revokes_the_token() {
    for t in apps().await {
        let token = t.login("olivia").await;
        let me = t.get("/api/v1/auth/me", &token).await;
        assert_eq!(me.status, StatusCode::OK, "{:?}", t.backend);
        assert_eq!(me.body["user"]["login"], "olivia");
        assert_eq!(me.body["user"]["role"], "owner");
        assert_eq!(me.body["store"]["currency"], "EUR");

        // A PIN signs in on a paired till only.
        let reg = support::open_register(&t, &token, "T1").await;
        let device = t.pair(&token, &reg).await;
        let pin = t.pin_login(&device, &reg, "chloe", "3692").await;
        assert_eq!(pin.status, StatusCode::OK, "{}", pin.body);
        let cookie = pin
            .headers
            .get("set-cookie")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        assert!(
            cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
            "{cookie}"
        );
        let wrong_pin = t.pin_login(&device, &reg, "chloe", "9402").await;
        assert_eq!(wrong_pin.status, StatusCode::UNAUTHORIZED);
        assert_eq!(wrong_pin.code(), "invalid_credentials");

        let out = t
            .send("POST", "/api/v1/auth/logout", Some(&token), None, "")
            .await;
        assert_eq!(out.status, StatusCode::NO_CONTENT);
        let after = t.get("/api/v1/auth/me", &token).await;
        assert_eq!(
            after.status,
            StatusCode::UNAUTHORIZED,
            "a session used after logout must be refused"
        );
        assert_eq!(after.code(), "unauthenticated");
    }
}

#[tokio::test]
async fn ten_wrong_passwords_lock_the_account_and_change_nothing_else() {
    for t in apps().await {
        let mut statuses = Vec::new();
        for _ in 0..10 {
            let r = t
                .json(
                    "POST",
                    "/api/v1/auth/login",
                    None,
                    json!({"login": "marc", "password": "nope"}),
                )
                .await;
            statuses.push((r.status, r.code().to_owned()));
        }
        assert_eq!(
            statuses[0],
            (StatusCode::UNAUTHORIZED, "invalid_credentials".into())
        );
        assert_eq!(
            statuses[3],
            (StatusCode::UNAUTHORIZED, "invalid_credentials".into())
        );
        for s in &statuses[4..] {
            assert_eq!(s, &(StatusCode::LOCKED, "account_locked".to_owned()));
        }
        // Even the right password is refused while locked, with the lock's end in the details.
        let r = t
            .json(
                "POST",
                "/api/v1/auth/login",
                None,
                json!({"login": "marc", "password": "manager-pass"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::LOCKED);
        assert!(
            r.body["error"]["details"]["locked_until"]
                .as_str()
                .is_some_and(|s| s.contains('T'))
        );
        // Other accounts are unaffected.
        let owner = t.login("olivia").await;
        let users = t.get("/api/v1/users", &owner).await;
        assert_eq!(users.body["items"].as_array().map(Vec::len), Some(3));
        // An unknown login is the same error as a wrong password.
        let r = t
            .json(
                "POST",
                "/api/v1/auth/login",
                None,
                json!({"login": "ghost", "password": "x1234"}),
            )
            .await;
        assert_eq!(r.code(), "invalid_credentials");
    }
}

#[tokio::test]
async fn every_api_endpoint_needs_a_session_and_cashiers_cannot_change_the_catalog() {
    for t in apps().await {
        for path in [
            "/api/v1/products",
            "/api/v1/catalog/search?q=a",
            "/api/v1/catalog/lookup?code=4006381333931",
            "/api/v1/users",
            "/api/v1/auth/me",
        ] {
            let r = t.send("GET", path, None, None, "").await;
            assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{path}");
            assert_eq!(r.code(), "unauthenticated");
        }
        let r = t.get("/api/v1/products", "cs_forged").await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);

        let cashier = t.login("chloe").await;
        let r = t
            .create_product(&cashier, product("A-1", "Pain", 120, &[]))
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        assert_eq!(r.code(), "forbidden");
        let list = t.get("/api/v1/products?active=all", &cashier).await;
        assert_eq!(list.status, StatusCode::OK);
        assert_eq!(list.body["total"], 0, "the refused create wrote nothing");
        let r = t
            .json(
                "POST",
                "/api/v1/users",
                Some(&cashier),
                json!({"login": "x2", "role": "cashier", "password": "a-long-fresh-passphrase"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);

        // Managers create cashiers but not owners.
        let manager = t.login("marc").await;
        let r = t.json("POST", "/api/v1/users", Some(&manager), json!({"login": "new.cashier", "role": "cashier", "password": "a-long-fresh-passphrase", "pin": "4815"})).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        let r = t
            .json(
                "POST",
                "/api/v1/users",
                Some(&manager),
                json!({"login": "boss2", "role": "owner", "password": "a-long-fresh-passphrase"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        let r = t
            .json(
                "POST",
                "/api/v1/users",
                Some(&manager),
                json!({"login": "x", "role": "king", "password": "ab", "pin": "12"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        let fields: Vec<&str> = r.body["error"]["details"]["errors"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|e| e["field"].as_str())
            .collect();
        assert_eq!(fields, ["login", "role", "password", "pin"]);
    }
}

#[tokio::test]
async fn health_openapi_docs_and_admin_page_are_served() {
    let t = apps().await.into_iter().next().expect("sqlite");
    let h = t.send("GET", "/healthz", None, None, "").await;
    assert_eq!(h.status, StatusCode::OK);
    let doc = t.send("GET", "/api/openapi.json", None, None, "").await;
    assert_eq!(doc.status, StatusCode::OK);
    for path in [
        "/api/v1/catalog/lookup",
        "/api/v1/catalog/search",
        "/api/v1/products",
        "/api/v1/auth/login",
        "/api/v1/catalog/import",
    ] {
        assert!(
            doc.body["paths"][path].is_object(),
            "{path} missing from the OpenAPI document"
        );
    }
    let docs = t.send("GET", "/api/docs/", None, None, "").await;
    assert_eq!(docs.status, StatusCode::OK);
    let admin = t.send("GET", "/admin", None, None, "").await;
    assert_eq!(admin.status, StatusCode::OK);
    assert!(admin.body.as_str().is_some_and(|s| s.contains("<html")));
    let missing = t.send("GET", "/api/v1/nothing-here", None, None, "").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_eq!(missing.code(), "not_found");
}

#[tokio::test]
async fn owners_change_store_settings_and_bad_values_are_refused() {
    for t in apps().await {
        let owner = t.login("olivia").await;
        let manager = t.login("marc").await;
        let r = t
            .json(
                "PATCH",
                "/api/v1/store",
                Some(&manager),
                json!({"name": "Nope"}),
            )
            .await;
        assert_eq!(r.code(), "forbidden");
        let r = t
            .json(
                "PATCH",
                "/api/v1/store",
                Some(&owner),
                json!({"time_zone": "Mars/Olympus", "scale_layout": "xx", "locale": "tlh"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            r.body["error"]["details"]["errors"]
                .as_array()
                .map(Vec::len),
            Some(3)
        );
        // The tax mode has one write path, the checkout settings (which guard open carts).
        let r = t
            .json(
                "PATCH",
                "/api/v1/store",
                Some(&owner),
                json!({"tax_mode": "exclusive"}),
            )
            .await;
        assert_eq!(
            (r.status, r.code()),
            (StatusCode::UNPROCESSABLE_ENTITY, "invalid_json"),
            "{}",
            r.body
        );
        let r = t
            .json(
                "PATCH",
                "/api/v1/store",
                Some(&owner),
                json!({"currency": "USD"}),
            )
            .await;
        assert_eq!(r.code(), "invalid_json", "the currency cannot be changed");
        let r = t.get("/api/v1/store", &owner).await;
        assert_eq!(r.body["name"], "Test shop", "refused changes wrote nothing");
        let r = t
            .json(
                "PATCH",
                "/api/v1/store",
                Some(&owner),
                json!({"name": "Épicerie", "scale_layout": "SE", "time_zone": "America/Montreal"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert_eq!(r.body["scale_layout"], "se");
        // The new layout applies to scans at once.
        let p = json!({"sku": "W-1", "name": "Pommes", "unit": "kg", "sold_by_weight": true, "price": {"amount": 299, "currency": "EUR"}, "barcodes": ["2312345600004"]});
        assert_eq!(
            t.create_product(&owner, p).await.status,
            StatusCode::CREATED
        );
        let r = t
            .get("/api/v1/catalog/lookup?code=2312345612342", &owner)
            .await;
        assert_eq!(r.body["scan"]["quantity"], "1.234", "{}", r.body);
    }
}
