//! What the till needs before and around a sale, on every backend: the PIN pad's people
//! (on a paired device), the idle lock setting, and the demo shop's quick keys.

mod support;

use axum::http::StatusCode;
use caisse_app::App;
use caisse_store::testing::{all_backends, execute_raw};
use serde_json::{Value, json};
use support::{TestApp, amount, apps, invalid_fields, new_store, open_register};

const CHECKOUT: &str = "/api/v1/store/checkout";

async fn staff(t: &TestApp, device: Option<&str>) -> support::Res {
    let headers: Vec<(&str, &str)> = device.map(|d| ("x-caisse-device", d)).into_iter().collect();
    let req = axum::http::Request::builder()
        .method("GET")
        .uri("/api/v1/auth/staff");
    let req = headers
        .iter()
        .fold(req, |r, (k, v)| r.header(*k, *v))
        .body(axum::body::Body::empty())
        .unwrap();
    t.request(req).await
}

/// Adds an account through the API as the owner.
async fn add_user(t: &TestApp, owner: &str, body: Value) {
    let res = t.json("POST", "/api/v1/users", Some(owner), body).await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
}

#[tokio::test]
async fn only_a_paired_device_lists_the_pin_pad_s_people_by_name_and_initials() {
    for t in apps().await {
        let owner = t.login("olivia").await;
        let reg = open_register(&t, &owner, "T1").await;
        add_user(&t, &owner, json!({"login": "zoe", "display_name": "Élodie Zola", "role": "cashier", "password": "zoe-password-9", "pin": "5827"})).await;
        add_user(&t, &owner, json!({"login": "nopin", "display_name": "Aaron Sans", "role": "cashier", "password": "nopin-password-9"})).await;
        add_user(&t, &owner, json!({"login": "gone", "display_name": "Bastien Parti", "role": "cashier", "password": "gone-password-9", "pin": "6038"})).await;
        execute_raw(
            &t.app.db,
            "UPDATE users SET active = FALSE WHERE login = 'gone'",
        )
        .await
        .unwrap();
        // Another store's people never show on this register.
        new_store(&t, "EUR", "fr-FR", "Europe/Paris", "other-owner").await;

        // Without a paired device, or with a made-up token, nobody is listed.
        for device in [None, Some("cd_forged")] {
            let res = staff(&t, device).await;
            assert_eq!(
                (res.status, res.code()),
                (StatusCode::FORBIDDEN, "device_not_paired"),
                "{}",
                res.body
            );
        }
        let device = t.pair(&owner, &reg).await;
        let res = staff(&t, Some(&device)).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        assert_eq!(res.body["register"]["code"], "T1");
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
            // Names and initials only (and whether the approval dialog offers them): no
            // login, role or lock state.
            assert_eq!(
                keys,
                ["can_approve", "display_name", "id", "initials"],
                "{item}"
            );
        }
        assert_eq!(items[1]["initials"], "ÉZ");
        let approvers: Vec<bool> = items
            .iter()
            .map(|i| i["can_approve"].as_bool().unwrap())
            .collect();
        assert_eq!(approvers, [false, false, true, true]);
        assert!(!res.body.to_string().contains("argon2"));

        // The person is identified by the staff id the pad lists.
        let chloe = items[0]["id"].as_str().unwrap();
        let res = t
            .json_with(
                "POST",
                "/api/v1/auth/login",
                &[("x-caisse-device", &device)],
                None,
                json!({"staff_id": chloe, "pin": "3692", "register_id": reg}),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        assert_eq!(
            res.body["scope"],
            json!({"kind": "till", "register_id": reg})
        );

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
        let res = staff(&t, Some(&device)).await;
        assert_eq!(
            (res.status, res.code()),
            (StatusCode::CONFLICT, "register_inactive")
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
        // The demo's manager pairs this till with Caisse 1; the cashier signs in with 3333.
        let res = t
            .json(
                "POST",
                "/api/v1/auth/login",
                None,
                json!({"login": "manager", "password": "manager"}),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let manager = res.body["token"].as_str().unwrap().to_owned();
        let regs = t.get("/api/v1/registers", &manager).await.body;
        let reg = regs["items"][0]["id"].as_str().unwrap().to_owned();
        let device = t.pair(&manager, &reg).await;
        let res = t.pin_login(&device, &reg, "cashier", "3333").await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let token = res.body["token"].as_str().unwrap().to_owned();
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
        "the PIN pad needs no sign-in (a paired device): {staff}"
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
        ("StaffView", "initials"),
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
