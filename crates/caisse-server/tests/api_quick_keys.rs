//! Quick keys through the API on every backend: managers replace the whole set under the
//! version they read, every bad entry is reported with its path and changes nothing, and a
//! key only ever offers something the till can sell.

mod support;

use axum::http::StatusCode;
use serde_json::{Value, json};
use support::{Res, TestApp, amount, apps, invalid_fields, open, open_register, product};

const KEYS: &str = "/api/v1/store/quick-keys";

/// Creates a product; returns its id (and, for one with variants, the variants' ids).
async fn create(t: &TestApp, token: &str, body: Value) -> Value {
    let res = t.create_product(token, body).await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
    res.body
}

async fn put(t: &TestApp, token: &str, body: Value) -> Res {
    t.json("PUT", KEYS, Some(token), body).await
}

fn ok(res: Res) -> Value {
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    res.body
}

/// The test catalog: bread and a bag (each), apples (weighed), a T-shirt with two variants.
struct Shop {
    bread: String,
    bag: String,
    apples: String,
    tee: String,
    tee_m: String,
}

async fn shop(t: &TestApp, manager: &str) -> Shop {
    let bread = create(t, manager, product("BREAD", "Baguette", 110, &[])).await;
    let bag = create(t, manager, product("BAG", "Sac kraft", 10, &[])).await;
    let apples = create(
        t,
        manager,
        json!({"sku": "APPLE", "name": "Pommes Gala", "unit": "kg", "sold_by_weight": true,
        "price": {"amount": 269, "currency": "EUR"}, "tax_category": "reduced"}),
    )
    .await;
    let mut tee = product("TEE", "T-shirt", 1290, &[]);
    tee["variants"] = json!([
        {"sku": "TEE-M", "name": "M", "attributes": {"size": "M"}, "barcodes": []},
        {"sku": "TEE-L", "name": "L", "attributes": {"size": "L"}, "barcodes": []}
    ]);
    let tee = create(t, manager, tee).await;
    let id = |v: &Value| v["id"].as_str().unwrap().to_owned();
    Shop {
        bread: id(&bread),
        bag: id(&bag),
        apples: id(&apples),
        tee: id(&tee),
        tee_m: id(&tee["variants"][0]),
    }
}

#[tokio::test]
async fn managers_replace_the_whole_set_under_the_version_they_read() {
    for t in apps().await {
        let manager = t.login("marc").await;
        let cashier = t.login("chloe").await;
        let s = shop(&t, &manager).await;
        assert_eq!(
            ok(t.get(KEYS, &cashier).await),
            json!({"groups": [], "version": 0, "hidden": 0})
        );

        let set = json!({"version": 0, "groups": [
            {"name": "Boulangerie", "keys": [
                {"product_id": s.bread, "colour": "amber"},
                {"product_id": s.tee_m, "label": "  Tee M  "}
            ]},
            {"name": "Fruits", "keys": [{"product_id": s.apples, "label": "Gala", "colour": "GREEN"}]},
            {"name": "Vide"}
        ]});
        let res = put(&t, &cashier, set.clone()).await;
        assert_eq!(
            (res.status, res.code()),
            (StatusCode::FORBIDDEN, "forbidden"),
            "{}",
            res.body
        );
        assert_eq!(
            ok(t.get(KEYS, &cashier).await)["version"],
            0,
            "a refused write changes nothing"
        );

        let saved = ok(put(&t, &manager, set.clone()).await);
        assert_eq!(
            (saved["version"].as_i64(), saved["hidden"].as_i64()),
            (Some(1), Some(0))
        );
        let bread = &saved["groups"][0]["keys"][0];
        assert_eq!(
            bread,
            &json!({"product_id": s.bread, "label": "Baguette", "colour": "amber", "sku": "BREAD", "name": "Baguette",
                    "price": {"amount": 110, "currency": "EUR"}, "sold_by_weight": false, "unit": "each"})
        );
        let tee = &saved["groups"][0]["keys"][1];
        assert_eq!(
            (
                tee["label"].as_str(),
                tee["colour"].as_str(),
                tee["name"].as_str()
            ),
            (Some("Tee M"), Some("slate"), Some("T-shirt — M"))
        );
        let apples = &saved["groups"][1]["keys"][0];
        assert_eq!(
            (apples["label"].as_str(), apples["colour"].as_str()),
            (Some("Gala"), Some("green"))
        );
        assert_eq!(
            (
                apples["sold_by_weight"].as_bool(),
                apples["unit"].as_str(),
                amount(&apples["price"])
            ),
            (Some(true), Some("kg"), 269)
        );
        assert_eq!(saved["groups"][2], json!({"name": "Vide", "keys": []}));
        assert_eq!(
            ok(t.get(KEYS, &cashier).await),
            saved,
            "the till reads what was saved"
        );

        // Someone saving a set they read before that change is refused, and changes nothing.
        let mut stale = set.clone();
        stale["groups"] = json!([{"name": "Autre", "keys": [{"product_id": s.bag}]}]);
        let res = put(&t, &manager, stale.clone()).await;
        assert_eq!(
            (res.status, res.code()),
            (StatusCode::CONFLICT, "version_conflict"),
            "{}",
            res.body
        );
        assert_eq!(res.body["error"]["details"]["current_version"], 1);
        assert_eq!(ok(t.get(KEYS, &manager).await), saved);
        stale["version"] = json!(1);
        let next = ok(put(&t, &manager, stale).await);
        assert_eq!(
            (
                next["version"].as_i64(),
                next["groups"][0]["keys"][0]["label"].as_str()
            ),
            (Some(2), Some("Sac kraft"))
        );

        // The product with variants is sold by its variants, not by itself.
        let res = put(
            &t,
            &manager,
            json!({"version": 2, "groups": [{"name": "Mode", "keys": [{"product_id": s.tee}]}]}),
        )
        .await;
        assert_eq!(invalid_fields(&res), ["groups[0].keys[0].product_id"]);
        // An emptied set is a set too.
        assert_eq!(
            ok(put(&t, &manager, json!({"version": 2, "groups": []})).await)["version"],
            3
        );
    }
}

#[tokio::test]
async fn every_bad_entry_is_reported_with_its_path_and_nothing_changes() {
    for t in apps().await {
        let manager = t.login("marc").await;
        let s = shop(&t, &manager).await;
        let before = ok(put(
            &t,
            &manager,
            json!({"version": 0, "groups": [{"name": "Pain", "keys": [{"product_id": s.bread}]}]}),
        )
        .await);
        let res = t
            .json(
                "POST",
                &format!("/api/v1/products/{}/deactivate", s.bag),
                Some(&manager),
                json!({}),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);

        let bad = json!({"version": 1, "groups": [
            {"name": "Pain", "keys": [
                {"product_id": s.bread, "label": "x".repeat(41)},
                {"product_id": s.bread},
                {"product_id": "not-a-uuid", "colour": "orange"},
                {"product_id": "0196f3a0-0000-7000-8000-000000000000"},
                {"product_id": s.bag}
            ]},
            {"name": " pain "},
            {"name": "   "},
            {"name": "Trop", "keys": vec![json!({"product_id": s.apples}); 49]}
        ]});
        let res = put(&t, &manager, bad).await;
        let fields = invalid_fields(&res);
        let expected = [
            "groups[0].keys[0].label",
            "groups[0].keys[1].product_id",
            "groups[0].keys[2].product_id",
            "groups[0].keys[2].colour",
            "groups[0].keys[3].product_id",
            "groups[0].keys[4].product_id",
            "groups[1].name",
            "groups[2].name",
            "groups[3].keys",
        ];
        // The 49 copies of one product: the 48 after the first are duplicates too.
        assert_eq!(&fields[..expected.len()], expected, "{}", res.body);
        assert_eq!(fields.len(), expected.len() + 48, "{}", res.body);
        let errors = res.body["error"]["details"]["errors"]
            .as_array()
            .unwrap()
            .clone();
        assert!(
            errors[5]["reason"].as_str().unwrap().contains("inactive"),
            "{}",
            errors[5]
        );
        assert_eq!(
            res.body["error"]["details"]["field"],
            "groups[0].keys[0].label"
        );

        let many: Vec<Value> = (0..13).map(|i| json!({"name": format!("G{i}")})).collect();
        let res = put(&t, &manager, json!({"version": 1, "groups": many})).await;
        assert_eq!(invalid_fields(&res), ["groups"]);
        let res = put(&t, &manager, json!({"version": -1, "groups": []})).await;
        assert_eq!(invalid_fields(&res), ["version"]);
        for body in [
            json!({"groups": []}),
            json!({"version": 1, "groups": [{"name": "A", "color": "red"}]}),
        ] {
            let res = put(&t, &manager, body.clone()).await;
            assert_eq!(
                (res.status, res.code()),
                (StatusCode::UNPROCESSABLE_ENTITY, "invalid_json"),
                "{body}"
            );
        }
        assert_eq!(ok(t.get(KEYS, &manager).await), before, "nothing changed");
    }
}

#[tokio::test]
async fn a_deactivated_product_leaves_the_keys_and_cannot_be_sold_by_id() {
    for t in apps().await {
        let owner = t.login("olivia").await;
        let cashier = t.login("chloe").await;
        let s = shop(&t, &owner).await;
        ok(put(
            &t,
            &owner,
            json!({"version": 0, "groups": [{"name": "Caisse", "keys": [
                {"product_id": s.bread}, {"product_id": s.bag, "label": "Sac"}
            ]}]}),
        )
        .await);
        let res = t
            .json(
                "POST",
                &format!("/api/v1/products/{}/deactivate", s.bag),
                Some(&owner),
                json!({}),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let shown = ok(t.get(KEYS, &cashier).await);
        let labels: Vec<&str> = shown["groups"][0]["keys"]
            .as_array()
            .unwrap()
            .iter()
            .map(|k| k["label"].as_str().unwrap())
            .collect();
        assert_eq!(
            (labels, shown["hidden"].as_i64()),
            (vec!["Baguette"], Some(1))
        );

        // What the till can no longer show, it cannot sell by id either.
        let reg = open_register(&t, &owner, "T1").await;
        let sale = open(&t, &cashier, &reg).await;
        let res = t
            .json(
                "POST",
                &format!("/api/v1/sales/{sale}/lines"),
                Some(&cashier),
                json!({"product_id": s.bag}),
            )
            .await;
        assert_eq!(
            (res.status, res.code()),
            (StatusCode::NOT_FOUND, "not_found"),
            "{}",
            res.body
        );

        let res = t
            .json(
                "POST",
                &format!("/api/v1/products/{}/activate", s.bag),
                Some(&owner),
                json!({}),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let shown = ok(t.get(KEYS, &cashier).await);
        assert_eq!(
            (
                shown["groups"][0]["keys"][1]["label"].as_str(),
                shown["hidden"].as_i64()
            ),
            (Some("Sac"), Some(0))
        );
        let res = t
            .json(
                "POST",
                &format!("/api/v1/sales/{sale}/lines"),
                Some(&cashier),
                json!({"product_id": shown["groups"][0]["keys"][1]["product_id"]}),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    }
}
