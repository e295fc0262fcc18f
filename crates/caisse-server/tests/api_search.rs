//! Typeahead and the back office's product search through the API on every backend: typos
//! are forgiven, and what sold over the last 28 days comes first, counted as sales complete
//! and again from the stored sale lines after a restart.

mod support;

use axum::http::StatusCode;
use serde_json::json;
use support::{TestApp, apps, open, open_register, product, scan};

fn names(r: &support::Res) -> Vec<String> {
    r.body["items"]
        .as_array()
        .map(|items| {
            items
                .iter()
                .map(|i| i["name"].as_str().unwrap_or_default().to_owned())
                .collect()
        })
        .unwrap_or_default()
}

/// Sells `count` of the item with barcode `code`, paid in cash, and completes the sale.
async fn sell(t: &TestApp, cashier: &str, reg: &str, code: &str, count: usize, key: &str) {
    let sale = open(t, cashier, reg).await;
    for _ in 0..count {
        scan(t, cashier, &sale, code).await;
    }
    let paid = t
        .json_key(
            "POST",
            &format!("/api/v1/sales/{sale}/payments"),
            cashier,
            &format!("{key}-pay"),
            json!({"kind": "cash"}),
        )
        .await;
    assert_eq!(paid.status, StatusCode::OK, "{}", paid.body);
    let done = t
        .json_key(
            "POST",
            &format!("/api/v1/sales/{sale}/complete"),
            cashier,
            &format!("{key}-complete"),
            json!({}),
        )
        .await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
}

#[tokio::test]
async fn search_forgives_typos_and_puts_what_sells_first_even_after_a_restart() {
    for t in apps().await {
        let owner = t.login("olivia").await;
        let cashier = t.login("chloe").await;
        let reg = open_register(&t, &owner, "t1").await;
        for (sku, name, code) in [
            ("CAN", "Lait demi-écrémé Candia", "4006381333931"),
            ("LAC", "Lait demi-écrémé Lactel", "9501101530003"),
            ("CHO", "Chocolat noir 70 %", "3017620422003"),
        ] {
            let created = t
                .create_product(&owner, product(sku, name, 120, &[code]))
                .await;
            assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
        }

        // Nothing sold yet: catalog order.
        let r = t.get("/api/v1/catalog/search?q=lait%20demi", &owner).await;
        assert_eq!(
            names(&r),
            ["Lait demi-écrémé Candia", "Lait demi-écrémé Lactel"]
        );
        // Two letters swapped: still found, and said to be a typo match.
        let r = t.get("/api/v1/catalog/search?q=chocolta", &owner).await;
        assert_eq!(names(&r), ["Chocolat noir 70 %"]);
        assert_eq!(r.body["items"][0]["match"], "typo");

        // The back office's product search is the same search among active products.
        let r = t.get("/api/v1/products?q=chocolta", &owner).await;
        assert_eq!(r.body["total"], 1, "{}", r.body);
        assert_eq!(r.body["items"][0]["sku"], "CHO");
        let r = t
            .get("/api/v1/products?q=chocolta&active=all", &owner)
            .await;
        assert_eq!(r.body["total"], 0, "inactive ones too: words as typed");

        // Three Lactel sold: it comes first at once.
        sell(&t, &cashier, &reg, "9501101530003", 3, "s1").await;
        let r = t.get("/api/v1/catalog/search?q=lait%20demi", &owner).await;
        assert_eq!(
            names(&r),
            ["Lait demi-écrémé Lactel", "Lait demi-écrémé Candia"],
            "after the sale"
        );
        let r = t.get("/api/v1/products?q=lait%20ecrme", &owner).await;
        let skus: Vec<&str> = r.body["items"]
            .as_array()
            .map(|items| items.iter().filter_map(|i| i["sku"].as_str()).collect())
            .unwrap_or_default();
        assert_eq!(skus, ["LAC", "CAN"], "best seller first in the back office");

        // A new process counts the stored sale lines: the same order.
        let again = caisse_app::App::start(t.app.db.clone())
            .await
            .expect("restart");
        let router = caisse_server::router(again.clone());
        let restarted = t.with_router(router, again);
        let r = restarted
            .get("/api/v1/catalog/search?q=lait%20demi", &owner)
            .await;
        assert_eq!(
            names(&r),
            ["Lait demi-écrémé Lactel", "Lait demi-écrémé Candia"],
            "after a restart"
        );
    }
}

#[tokio::test]
async fn a_word_of_a_parent_category_finds_the_product_below_the_names_that_hold_it() {
    for t in apps().await {
        let owner = t.login("olivia").await;
        let category = |name: &str, parent: Option<serde_json::Value>| json!({"name": name, "parent_id": parent});
        let top = t
            .json(
                "POST",
                "/api/v1/categories",
                Some(&owner),
                category("Épicerie sucrée", None),
            )
            .await;
        assert_eq!(top.status, StatusCode::CREATED, "{}", top.body);
        let leaf = t
            .json(
                "POST",
                "/api/v1/categories",
                Some(&owner),
                category("Biscuits", Some(top.body["id"].clone())),
            )
            .await;
        assert_eq!(leaf.status, StatusCode::CREATED, "{}", leaf.body);
        assert_eq!(leaf.body["path"], "Épicerie sucrée / Biscuits");
        let mut sables = product("SAB", "Sablés bretons", 250, &[]);
        sables["category_id"] = leaf.body["id"].clone();
        let created = t.create_product(&owner, sables).await;
        assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
        let created = t
            .create_product(&owner, product("SUC", "Sucre en morceaux", 150, &[]))
            .await;
        assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);

        // "sucre" is in the name of one and the parent category of the other: the name first.
        let r = t.get("/api/v1/catalog/search?q=sucre", &owner).await;
        assert_eq!(names(&r), ["Sucre en morceaux", "Sablés bretons"]);
        // Every word, each in some field: the parent category and the name.
        let r = t
            .get("/api/v1/catalog/search?q=epicerie%20sab", &owner)
            .await;
        assert_eq!(names(&r), ["Sablés bretons"]);

        // A new process builds its index from the stored catalog: the same paths.
        let again = caisse_app::App::start(t.app.db.clone())
            .await
            .expect("restart");
        let router = caisse_server::router(again.clone());
        let restarted = t.with_router(router, again);
        let r = restarted
            .get("/api/v1/catalog/search?q=epicerie%20sab", &owner)
            .await;
        assert_eq!(names(&r), ["Sablés bretons"], "after a restart");
    }
}
