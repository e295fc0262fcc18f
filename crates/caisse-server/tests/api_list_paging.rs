//! The back office's lists take one way of sorting and paging (`sort`, `page`, `per_page`):
//! products sort in SQL, accounts, devices and closures in memory; a bad value is a 422
//! naming its parameter, on both backends.

mod support;

use axum::http::StatusCode;
use serde_json::Value;
use support::{TestApp, apps, invalid_fields, open_register, product};

fn column(body: &Value, name: &str) -> Vec<String> {
    body["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|i| match &i[name] {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        })
        .collect()
}

async fn list(t: &TestApp, token: &str, path: &str) -> Value {
    let res = t.get(path, token).await;
    assert_eq!(res.status, StatusCode::OK, "{path}: {}", res.body);
    res.body
}

#[tokio::test]
async fn products_sort_by_the_column_asked_for_and_page_through_it() {
    for t in apps().await {
        let owner = t.login("olivia").await;
        for (sku, name, price) in [
            ("B-2", "Beurre doux", 250),
            ("A-9", "Confiture de fraises", 420),
            ("C-1", "Abricots secs", 390),
            ("D-4", "Beurre salé", 260),
        ] {
            let res = t
                .create_product(&owner, product(sku, name, price, &[]))
                .await;
            assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
        }
        let cases = [
            ("", vec!["C-1", "B-2", "D-4", "A-9"]),
            ("&sort=name", vec!["C-1", "B-2", "D-4", "A-9"]),
            ("&sort=-name", vec!["A-9", "D-4", "B-2", "C-1"]),
            ("&sort=sku", vec!["A-9", "B-2", "C-1", "D-4"]),
            ("&sort=price", vec!["B-2", "D-4", "C-1", "A-9"]),
            ("&sort=-price", vec!["A-9", "C-1", "D-4", "B-2"]),
            ("&sort=-price&per_page=3&page=2", vec!["B-2"]),
            // A search sorted by a column is that column's order, not the ranking.
            ("&q=beurre&sort=-price", vec!["D-4", "B-2"]),
        ];
        for (extra, want) in cases {
            let body = list(&t, &owner, &format!("/api/v1/products?active=all{extra}")).await;
            assert_eq!(column(&body, "sku"), want, "{:?} {extra}", t.backend);
        }
        // Among active products a search is ranked unless a sort is asked for.
        let body = list(&t, &owner, "/api/v1/products?q=beurre&sort=-price").await;
        assert_eq!(column(&body, "sku"), ["D-4", "B-2"]);
        let body = list(&t, &owner, "/api/v1/products?q=beurre&sort=price").await;
        assert_eq!(column(&body, "sku"), ["B-2", "D-4"]);
        let body = list(&t, &owner, "/api/v1/products?sort=price&per_page=3&page=2").await;
        assert_eq!(
            (body["total"].as_i64(), body["page"].as_i64()),
            (Some(4), Some(2))
        );
    }
}

#[tokio::test]
async fn a_bad_sort_or_page_is_refused_naming_each_parameter() {
    for t in apps().await {
        let owner = t.login("olivia").await;
        let cases: [(&str, &[&str]); 10] = [
            ("/api/v1/products?sort=colour", &["sort"]),
            ("/api/v1/products?sort=--name&page=0", &["sort", "page"]),
            ("/api/v1/products?per_page=201", &["per_page"]),
            ("/api/v1/users?sort=password", &["sort"]),
            ("/api/v1/users?page=0&per_page=0", &["page", "per_page"]),
            ("/api/v1/devices?sort=token", &["sort"]),
            ("/api/v1/devices?per_page=1000", &["per_page"]),
            ("/api/v1/closures?sort=period", &["sort"]),
            ("/api/v1/closures?page=-3", &["page"]),
            ("/api/v1/users?sort=", &[]),
        ];
        for (path, fields) in cases {
            let res = t.get(path, &owner).await;
            if fields.is_empty() {
                assert_eq!(
                    res.status,
                    StatusCode::OK,
                    "{path}: an empty sort is the default"
                );
                continue;
            }
            assert_eq!(invalid_fields(&res), *fields, "{path}");
        }
        let res = t.get("/api/v1/users?sort=password", &owner).await;
        let error = &res.body["error"]["details"]["errors"][0];
        assert_eq!(error["code"], "not_one_of", "{}", res.body);
        assert_eq!(error["params"]["allowed"], "name, login, role");
        // A page that is not a number never reaches the list.
        let res = t.get("/api/v1/users?page=two", &owner).await;
        assert_eq!(res.status, StatusCode::BAD_REQUEST, "{}", res.body);
    }
}

#[tokio::test]
async fn accounts_and_devices_sort_and_page_in_the_order_asked_for() {
    for t in apps().await {
        let owner = t.login("olivia").await;
        let users = "/api/v1/users?sort=role";
        let body = list(&t, &owner, users).await;
        assert_eq!(column(&body, "login"), ["olivia", "marc", "chloe"]);
        let body = list(&t, &owner, "/api/v1/users?sort=-login&per_page=2&page=1").await;
        assert_eq!(column(&body, "login"), ["olivia", "marc"]);
        assert_eq!(body["total"], 3);
        let body = list(&t, &owner, "/api/v1/users?sort=-login&per_page=2&page=2").await;
        assert_eq!(column(&body, "login"), ["chloe"]);

        let t1 = open_register(&t, &owner, "T1").await;
        let t2 = open_register(&t, &owner, "T2").await;
        t.pair(&owner, &t2).await;
        t.pair(&owner, &t1).await;
        let codes = |body: &Value| -> Vec<String> {
            body["items"]
                .as_array()
                .expect("items")
                .iter()
                .map(|d| {
                    d["register"]["code"]
                        .as_str()
                        .unwrap_or_default()
                        .to_owned()
                })
                .collect()
        };
        // Newest first by default: T1 was paired last.
        let body = list(&t, &owner, "/api/v1/devices").await;
        assert_eq!(codes(&body), ["T1", "T2"]);
        let body = list(&t, &owner, "/api/v1/devices?sort=paired").await;
        assert_eq!(codes(&body), ["T2", "T1"]);
        let body = list(
            &t,
            &owner,
            "/api/v1/devices?sort=-register&per_page=1&page=2",
        )
        .await;
        assert_eq!(
            (codes(&body), body["total"].as_i64()),
            (vec!["T1".to_owned()], Some(2))
        );
        // Closures: none yet, in any order.
        let body = list(&t, &owner, "/api/v1/closures?sort=net&per_page=10").await;
        assert_eq!(
            (body["total"].as_i64(), body["per_page"].as_i64()),
            (Some(0), Some(10))
        );
    }
}
