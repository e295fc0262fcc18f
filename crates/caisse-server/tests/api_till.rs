//! What the till needs before and around a sale, on every backend: the PIN pad's people
//! (without signing in), the idle lock setting, and the demo shop's quick keys.

mod support;

use axum::http::StatusCode;
use caisse_app::App;
use caisse_store::testing::{all_backends, execute_raw};
use serde_json::{Value, json};
use support::{TestApp, amount, apps, invalid_fields, new_store, open_register};

const CHECKOUT: &str = "/api/v1/store/checkout";

async fn staff(t: &TestApp, query: &str) -> support::Res {
    t.send("GET", &format!("/api/v1/auth/staff{query}"), None, None, "")
        .await
}

/// Adds an account through the API as the owner.
async fn add_user(t: &TestApp, owner: &str, body: Value) {
    let res = t.json("POST", "/api/v1/users", Some(owner), body).await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
}

#[tokio::test]
async fn the_pin_pad_lists_the_store_s_active_pin_holders_without_sign_in() {
    for t in apps().await {
        let owner = t.login("olivia").await;
        let reg = open_register(&t, &owner, "T1").await;
        add_user(&t, &owner, json!({"login": "zoe", "display_name": "Élodie Zola", "role": "cashier", "password": "zoe-pass", "pin": "5555"})).await;
        add_user(&t, &owner, json!({"login": "nopin", "display_name": "Aaron Sans", "role": "cashier", "password": "nopin-pass"})).await;
        add_user(&t, &owner, json!({"login": "gone", "display_name": "Bastien Parti", "role": "cashier", "password": "gone-pass", "pin": "6666"})).await;
        execute_raw(
            &t.app.db,
            "UPDATE users SET active = FALSE WHERE login = 'gone'",
        )
        .await
        .unwrap();
        let later = caisse_app::now_us() + 3_600_000_000;
        execute_raw(
            &t.app.db,
            &format!("UPDATE users SET locked_until = {later} WHERE login = 'marc'"),
        )
        .await
        .unwrap();
        // Another store's people never show on this register.
        new_store(&t, "EUR", "fr-FR", "Europe/Paris", "other-owner").await;

        let res = staff(&t, &format!("?register={reg}")).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let items = res.body["items"].as_array().unwrap();
        let names: Vec<&str> = items
            .iter()
            .map(|i| i["display_name"].as_str().unwrap())
            .collect();
        // By display name, accents and case ignored; no one without a PIN or inactive.
        assert_eq!(
            names,
            ["chloe", "Élodie Zola", "marc", "olivia"],
            "{:?}",
            t.backend
        );
        for item in items {
            let mut keys: Vec<&str> = item
                .as_object()
                .unwrap()
                .keys()
                .map(String::as_str)
                .collect();
            keys.sort_unstable();
            assert_eq!(keys, ["display_name", "locked", "login", "role"], "{item}");
        }
        let marc = &items[2];
        assert_eq!(
            (marc["login"].as_str(), marc["role"].as_str()),
            (Some("marc"), Some("manager"))
        );
        assert_eq!(marc["locked"], true);
        assert_eq!(items[0]["locked"], false);
        assert!(!res.body.to_string().contains("argon2"));

        for (query, status, code) in [
            ("", StatusCode::UNPROCESSABLE_ENTITY, "validation_failed"),
            (
                "?register=",
                StatusCode::UNPROCESSABLE_ENTITY,
                "validation_failed",
            ),
            (
                "?register=not-a-uuid",
                StatusCode::UNPROCESSABLE_ENTITY,
                "validation_failed",
            ),
            (
                "?register=0196f3a0-0000-7000-8000-000000000000",
                StatusCode::NOT_FOUND,
                "not_found",
            ),
        ] {
            let res = staff(&t, query).await;
            assert_eq!(
                (res.status, res.code()),
                (status, code),
                "{query}: {}",
                res.body
            );
            if status == StatusCode::UNPROCESSABLE_ENTITY {
                assert_eq!(res.body["error"]["details"]["field"], "register", "{query}");
            }
        }
        // A register switched off no longer opens the PIN pad.
        let res = t
            .json(
                "PATCH",
                &format!("/api/v1/registers/{reg}"),
                Some(&owner),
                json!({"active": false}),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        assert_eq!(
            staff(&t, &format!("?register={reg}")).await.status,
            StatusCode::NOT_FOUND
        );
    }
}

#[tokio::test]
async fn the_idle_lock_is_a_checked_checkout_setting() {
    for t in apps().await {
        let owner = t.login("olivia").await;
        let cashier = t.login("chloe").await;
        let res = t.get(CHECKOUT, &cashier).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        assert_eq!(res.body["pos_lock_minutes"], 5, "default");

        for bad in [json!(-1), json!(241), json!(100_000)] {
            let res = t
                .json(
                    "PATCH",
                    CHECKOUT,
                    Some(&owner),
                    json!({"pos_lock_minutes": bad, "tax_id": "FR 12"}),
                )
                .await;
            assert_eq!(invalid_fields(&res), ["pos_lock_minutes"], "{bad}");
        }
        let res = t
            .json(
                "PATCH",
                CHECKOUT,
                Some(&owner),
                json!({"pos_lock_minutes": "10"}),
            )
            .await;
        assert_eq!(
            res.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "a string is refused: {}",
            res.body
        );
        let res = t
            .json(
                "PATCH",
                CHECKOUT,
                Some(&cashier),
                json!({"pos_lock_minutes": 0}),
            )
            .await;
        assert_eq!(
            (res.status, res.code()),
            (StatusCode::FORBIDDEN, "forbidden")
        );
        let now = t.get(CHECKOUT, &owner).await.body;
        assert_eq!(
            (now["pos_lock_minutes"].as_i64(), now["tax_id"].as_str()),
            (Some(5), Some("")),
            "bad input changed nothing"
        );

        for minutes in [0, 240, 15] {
            let res = t
                .json(
                    "PATCH",
                    CHECKOUT,
                    Some(&owner),
                    json!({"pos_lock_minutes": minutes}),
                )
                .await;
            assert_eq!(res.status, StatusCode::OK, "{}", res.body);
            assert_eq!(res.body["pos_lock_minutes"], minutes);
        }
        // Stored, not just cached: a restarted server reads it back.
        let app = App::start(t.app.db.clone()).await.unwrap();
        let restarted = t.with_router(caisse_server::router(app.clone()), app);
        let token = restarted.login("chloe").await;
        assert_eq!(
            restarted.get(CHECKOUT, &token).await.body["pos_lock_minutes"],
            15
        );
    }
}

#[tokio::test]
async fn the_demo_shop_has_bakery_produce_and_bag_keys_that_sell() {
    for (backend, db) in all_backends().await {
        let app = App::start(db.db.clone()).await.unwrap();
        caisse_app::demo::seed(&app).await.unwrap();
        let t = TestApp::over(backend, db, app);
        let owner = t
            .json(
                "POST",
                "/api/v1/auth/login",
                None,
                json!({"login": "cashier", "pin": "3333"}),
            )
            .await;
        assert_eq!(owner.status, StatusCode::OK, "{}", owner.body);
        let token = owner.body["token"].as_str().unwrap().to_owned();
        let res = t.get("/api/v1/store/quick-keys", &token).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        assert_eq!(
            (res.body["version"].as_i64(), res.body["hidden"].as_i64()),
            (Some(1), Some(0))
        );
        let groups = res.body["groups"].as_array().unwrap();
        let summary: Vec<(&str, usize)> = groups
            .iter()
            .map(|g| {
                (
                    g["name"].as_str().unwrap(),
                    g["keys"].as_array().unwrap().len(),
                )
            })
            .collect();
        let expected: Vec<(&str, usize)> = caisse_app::demo::DEMO_QUICK_KEYS
            .iter()
            .map(|(name, _, items)| (*name, items.len()))
            .collect();
        assert_eq!(summary, expected, "every listed demo product got its key");
        let keys = |g: usize| groups[g]["keys"].as_array().unwrap().clone();
        let baguette = &keys(0)[0];
        assert_eq!(
            (baguette["label"].as_str(), baguette["colour"].as_str()),
            (Some("Baguette"), Some("amber"))
        );
        assert_eq!(
            (amount(&baguette["price"]), baguette["unit"].as_str()),
            (110, Some("each"))
        );
        assert_eq!(keys(0)[4]["label"], "Croissant");
        assert_eq!(keys(0)[4]["name"], "Croissant pur beurre");
        assert!(
            keys(1)
                .iter()
                .all(|k| k["sold_by_weight"] == true && k["unit"] == "kg")
        );
        assert!(keys(2).iter().any(|k| k["label"] == "Cabas"));

        // A key's product_id is what the till adds a line with.
        let regs = t.get("/api/v1/registers", &token).await.body;
        let reg = regs["items"][0]["id"].as_str().unwrap().to_owned();
        let res = t
            .json(
                "POST",
                &format!("/api/v1/registers/{reg}/drawer/open"),
                Some(&token),
                json!({"float": 0}),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let sale = support::open(&t, &token, &reg).await;
        for (key, quantity) in [
            (&keys(0)[0], None),
            (&keys(1)[0], Some("1.250")),
            (&keys(2)[1], None),
        ] {
            let mut body = json!({"product_id": key["product_id"]});
            if let Some(q) = quantity {
                body["quantity"] = json!(q);
            }
            let res = t
                .json(
                    "POST",
                    &format!("/api/v1/sales/{sale}/lines"),
                    Some(&token),
                    body,
                )
                .await;
            assert_eq!(res.status, StatusCode::OK, "{}: {}", key["label"], res.body);
        }
        let lines = t.get(&format!("/api/v1/sales/{sale}"), &token).await.body["lines"].clone();
        assert_eq!(lines.as_array().unwrap().len(), 3, "{lines}");
        assert_eq!(lines[1]["quantity"], "1.250");
    }
}

#[tokio::test]
async fn the_till_endpoints_are_documented() {
    let t = apps().await.remove(0);
    let doc = t.send("GET", "/api/openapi.json", None, None, "").await;
    assert_eq!(doc.status, StatusCode::OK);
    let paths = &doc.body["paths"];
    let staff = &paths["/api/v1/auth/staff"]["get"];
    assert_eq!(
        staff["security"],
        json!([{}]),
        "the PIN pad needs no sign-in: {staff}"
    );
    for method in ["get", "put"] {
        assert!(
            paths["/api/v1/store/quick-keys"][method].is_object(),
            "{method} quick-keys"
        );
    }
    let events = &paths["/api/v1/registers/{id}/display/events"]["get"]["responses"]["200"];
    assert!(
        events["content"]["text/event-stream"].is_object(),
        "{events}"
    );
    let schemas = &doc.body["components"]["schemas"];
    for (name, field) in [
        ("StaffList", "items"),
        ("StaffView", "locked"),
        ("QuickKeysView", "version"),
        ("QuickKeyView", "sold_by_weight"),
        ("QuickKeysInput", "groups"),
        ("DisplayEvent", "receipt_number"),
        ("CheckoutSettingsView", "pos_lock_minutes"),
        ("CheckoutSettingsPatch", "pos_lock_minutes"),
    ] {
        assert!(
            schemas[name]["properties"][field].is_object(),
            "{name}.{field}: {}",
            schemas[name]
        );
    }
}
