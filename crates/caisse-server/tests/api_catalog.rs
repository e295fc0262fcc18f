//! Catalog API: create, change, list, lookup and search, and bad input that changes nothing.

mod support;

use axum::body::Body;
use axum::http::StatusCode;
use serde_json::json;
use support::{apps, apps_with_layout, product};

#[tokio::test]
async fn one_product_is_found_from_every_form_of_its_code_and_by_sku() {
    for t in apps().await {
        let owner = t.login("olivia").await;
        let r = t
            .create_product(
                &owner,
                product("COLA-33", "Cola 33 cl", 120, &["036000291452"]),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        assert_eq!(r.body["barcodes"][0], "036000291452");
        for code in [
            "036000291452",
            "0036000291452",
            "00036000291452",
            "cola-33",
            "  036000291452 ",
        ] {
            let r = t
                .get(
                    &format!("/api/v1/catalog/lookup?code={}", code.trim()),
                    &owner,
                )
                .await;
            assert_eq!(r.status, StatusCode::OK, "{code}: {}", r.body);
            assert_eq!(r.body["item"]["sku"], "COLA-33");
            assert_eq!(
                r.body["item"]["price"],
                json!({"amount": 120, "currency": "EUR"})
            );
        }
    }
}

#[tokio::test]
async fn malformed_codes_are_422_with_the_reason_and_unknown_ones_404() {
    for t in apps().await {
        let owner = t.login("olivia").await;
        let cases = [
            (
                "4006381333932",
                StatusCode::UNPROCESSABLE_ENTITY,
                "bad_check_digit",
            ),
            ("9501234", StatusCode::UNPROCESSABLE_ENTITY, "bad_length"),
            ("]C1231234", StatusCode::UNPROCESSABLE_ENTITY, "unknown_ai"),
            (
                "(01)09501101530003(17)261332",
                StatusCode::UNPROCESSABLE_ENTITY,
                "bad_date",
            ),
            (
                "0109501101530004",
                StatusCode::UNPROCESSABLE_ENTITY,
                "bad_check_digit",
            ),
        ];
        for (code, status, reason) in cases {
            let r = t
                .get(
                    &format!("/api/v1/catalog/lookup?code={}", urlencode(code)),
                    &owner,
                )
                .await;
            assert_eq!(r.status, status, "{code}: {}", r.body);
            assert_eq!(r.code(), "invalid_code", "{code}");
            assert_eq!(r.body["error"]["details"]["reason"], reason, "{code}");
        }
        let r = t
            .get("/api/v1/catalog/lookup?code=4006381333931", &owner)
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
        assert_eq!(r.code(), "unknown_code");
        let r = t
            .get("/api/v1/catalog/lookup?code=NO-SUCH-SKU", &owner)
            .await;
        assert_eq!(r.code(), "unknown_code");
    }
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[tokio::test]
async fn weighed_labels_and_gs1_strings_carry_their_quantity_price_lot_and_expiry() {
    for t in apps_with_layout("se").await {
        let owner = t.login("olivia").await;
        let mut cheese = product("FROM-1", "Comté 18 mois", 2490, &["2312345600004"]);
        cheese["unit"] = json!("kg");
        cheese["sold_by_weight"] = json!(true);
        let r = t.create_product(&owner, cheese).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        let r = t
            .create_product(
                &owner,
                product("DELI-1", "Plateau traiteur", 0, &["2012345600003"]),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        let r = t
            .create_product(
                &owner,
                product("LOT-1", "Lait infantile", 1590, &["09501101530003"]),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);

        let r = t
            .get("/api/v1/catalog/lookup?code=2312345612342", &owner)
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert_eq!(r.body["item"]["sku"], "FROM-1");
        assert_eq!(r.body["scan"]["kind"], "scale_label");
        assert_eq!(r.body["scan"]["quantity"], "1.234");

        let r = t
            .get("/api/v1/catalog/lookup?code=2012345649903", &owner)
            .await;
        assert_eq!(r.body["item"]["sku"], "DELI-1");
        assert_eq!(
            r.body["scan"]["price"],
            json!({"amount": 4990, "currency": "EUR"})
        );

        let gs1 = format!("]C1010950110153000317260630{}21SN0001", "10ABC123\u{1d}");
        let r = t
            .get(
                &format!("/api/v1/catalog/lookup?code={}", urlencode(&gs1)),
                &owner,
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert_eq!(r.body["item"]["sku"], "LOT-1");
        assert_eq!(r.body["scan"]["lot"], "ABC123");
        assert_eq!(r.body["scan"]["serial"], "SN0001");
        assert_eq!(r.body["scan"]["expiry"], "2026-06-30");
    }
}

#[tokio::test]
async fn search_is_accent_insensitive_ranked_and_never_stale_after_a_change() {
    for t in apps().await {
        let owner = t.login("olivia").await;
        let cat = t
            .json(
                "POST",
                "/api/v1/categories",
                Some(&owner),
                json!({"name": "Crèmerie"}),
            )
            .await;
        assert_eq!(cat.status, StatusCode::CREATED, "{}", cat.body);
        let mut creme = product(
            "CRE-1",
            "Crème fraîche épaisse 20 cl",
            179,
            &["4006381333931"],
        );
        creme["brand"] = json!("Laiterie Dupré");
        creme["category_id"] = cat.body["id"].clone();
        let created = t.create_product(&owner, creme).await;
        assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
        let id = created.body["id"].as_str().unwrap().to_owned();
        t.create_product(&owner, product("DES-1", "Dessert à la crème", 250, &[]))
            .await;
        t.create_product(&owner, product("CRE-2", "Yaourt nature", 90, &[]))
            .await;

        let names = |r: &support::Res| -> Vec<String> {
            r.body["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|i| i["name"].as_str().unwrap().to_owned())
                .collect()
        };
        let r = t.get("/api/v1/catalog/search?q=creme", &owner).await;
        assert_eq!(
            names(&r),
            ["Crème fraîche épaisse 20 cl", "Dessert à la crème"],
            "name-prefix first"
        );
        assert_eq!(r.body["items"][0]["match"], "name_prefix");
        let r = t.get("/api/v1/catalog/search?q=CREME%20fra", &owner).await;
        assert_eq!(
            names(&r),
            ["Crème fraîche épaisse 20 cl"],
            "every word must match"
        );
        let r = t.get("/api/v1/catalog/search?q=dupre", &owner).await;
        assert_eq!(names(&r), ["Crème fraîche épaisse 20 cl"], "brand matches");
        let r = t.get("/api/v1/catalog/search?q=cremerie", &owner).await;
        assert_eq!(
            names(&r),
            ["Crème fraîche épaisse 20 cl"],
            "category matches"
        );
        let r = t.get("/api/v1/catalog/search?q=cre-2", &owner).await;
        assert_eq!(r.body["items"][0]["match"], "exact_code");
        assert_eq!(r.body["items"][0]["name"], "Yaourt nature");
        let r = t.get("/api/v1/catalog/search?q=a&limit=51", &owner).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);

        // Rename and reprice: the next search and scan see the change at once.
        let r = t.json("PATCH", &format!("/api/v1/products/{id}"), Some(&owner), json!({"name": "Crème double", "price": {"amount": 199, "currency": "EUR"}, "version": 1})).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert_eq!(r.body["version"], 2);
        let r = t.get("/api/v1/catalog/search?q=fraiche", &owner).await;
        assert!(
            names(&r).is_empty(),
            "old name must not match: {:?}",
            names(&r)
        );
        let r = t.get("/api/v1/catalog/search?q=creme%20dou", &owner).await;
        assert_eq!(names(&r), ["Crème double"]);
        let r = t
            .get("/api/v1/catalog/lookup?code=4006381333931", &owner)
            .await;
        assert_eq!(r.body["item"]["price"]["amount"], 199);

        // Deactivated products disappear from the till but stay in the back office.
        let r = t
            .send(
                "POST",
                &format!("/api/v1/products/{id}/deactivate"),
                Some(&owner),
                None,
                "",
            )
            .await;
        assert_eq!(r.body["active"], false);
        let r = t
            .get("/api/v1/catalog/lookup?code=4006381333931", &owner)
            .await;
        assert_eq!(r.code(), "unknown_code");
        let r = t.get("/api/v1/products?active=false", &owner).await;
        assert_eq!(r.body["total"], 1);

        // A stale version is refused.
        let r = t
            .json(
                "PATCH",
                &format!("/api/v1/products/{id}"),
                Some(&owner),
                json!({"name": "Other", "version": 1}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CONFLICT);
        assert_eq!(r.code(), "version_conflict");
    }
}

#[tokio::test]
async fn bad_products_are_refused_with_field_errors_and_nothing_changes() {
    for t in apps().await {
        let owner = t.login("olivia").await;
        let r = t
            .create_product(&owner, product("A-1", "Pain", 120, &["4006381333931"]))
            .await;
        assert_eq!(r.status, StatusCode::CREATED);
        let cases = [
            (
                product("A-1", "Autre pain", 100, &[]),
                StatusCode::CONFLICT,
                "duplicate_sku",
            ),
            (
                product("A-2", "Autre pain", 100, &["4006381333931"]),
                StatusCode::CONFLICT,
                "duplicate_barcode",
            ),
            (
                product("A-3", "Pain", -5, &[]),
                StatusCode::UNPROCESSABLE_ENTITY,
                "validation_failed",
            ),
            (
                product("A 4", "", 100, &["4006381333932"]),
                StatusCode::UNPROCESSABLE_ENTITY,
                "validation_failed",
            ),
            (
                json!({"sku": "A-5", "name": "x", "price": {"amount": 1, "currency": "USD"}}),
                StatusCode::UNPROCESSABLE_ENTITY,
                "validation_failed",
            ),
            (
                json!({"sku": "A-6", "name": "x", "price": 1.5}),
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid_json",
            ),
        ];
        for (body, status, code) in cases {
            let r = t.create_product(&owner, body.clone()).await;
            assert_eq!((r.status, r.code()), (status, code), "{body}: {}", r.body);
        }
        let r = t
            .create_product(&owner, product("A 4", "", 100, &["4006381333932"]))
            .await;
        let fields: Vec<&str> = r.body["error"]["details"]["errors"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|e| e["field"].as_str())
            .collect();
        assert_eq!(fields, ["sku", "name", "barcodes.0"]);
        let r = t
            .send(
                "POST",
                "/api/v1/products",
                Some(&owner),
                Some(Body::from("{not json")),
                "application/json",
            )
            .await;
        assert_eq!(
            (r.status, r.code()),
            (StatusCode::BAD_REQUEST, "invalid_json"),
            "syntax errors are 400; type errors 422"
        );

        // A 10 MB body is refused before it is read whole.
        let big = format!(
            "{{\"sku\":\"BIG\",\"name\":\"{}\"}}",
            "x".repeat(10 * 1024 * 1024)
        );
        let r = t
            .send(
                "POST",
                "/api/v1/products",
                Some(&owner),
                Some(Body::from(big)),
                "application/json",
            )
            .await;
        assert_eq!(
            (r.status, r.code()),
            (StatusCode::PAYLOAD_TOO_LARGE, "body_too_large")
        );

        let list = t.get("/api/v1/products?active=all", &owner).await;
        assert_eq!(
            list.body["total"], 1,
            "only the first product exists: {}",
            list.body
        );
        let r = t
            .get("/api/v1/products?page=0&per_page=500&active=maybe", &owner)
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            r.body["error"]["details"]["errors"]
                .as_array()
                .map(Vec::len),
            Some(3)
        );
    }
}

#[tokio::test]
async fn variants_have_their_own_sku_barcode_and_price_and_lists_page() {
    for t in apps().await {
        let owner = t.login("olivia").await;
        let mut tee = product("TEE", "T-shirt bio", 1290, &[]);
        tee["variants"] = json!([
            {"sku": "TEE-M", "name": "M / Bleu", "attributes": {"size": "M", "colour": "Bleu"}, "barcodes": ["5901234123457"]},
            {"sku": "TEE-XL", "name": "XL / Bleu", "attributes": {"size": "XL"}, "price": {"amount": 1490, "currency": "EUR"}, "barcodes": ["9780306406157"]}
        ]);
        let r = t.create_product(&owner, tee).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        let id = r.body["id"].as_str().unwrap().to_owned();
        let r = t
            .get("/api/v1/catalog/lookup?code=9780306406157", &owner)
            .await;
        assert_eq!(r.body["item"]["name"], "T-shirt bio — XL / Bleu");
        assert_eq!(r.body["item"]["price"]["amount"], 1490);
        let r = t.get("/api/v1/catalog/lookup?code=TEE-M", &owner).await;
        assert_eq!(r.body["item"]["price"]["amount"], 1290);
        let r = t
            .json(
                "POST",
                &format!("/api/v1/products/{id}/variants"),
                Some(&owner),
                json!({"sku": "TEE-M", "name": "dup"}),
            )
            .await;
        assert_eq!(r.code(), "duplicate_sku");
        let r = t
            .json(
                "POST",
                &format!("/api/v1/products/{id}/variants"),
                Some(&owner),
                json!({"sku": "TEE-S", "name": "S / Bleu", "barcodes": ["96385074"]}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        let vid = r.body["variants"][2]["id"].as_str().unwrap().to_owned();
        let r = t
            .json(
                "PATCH",
                &format!("/api/v1/variants/{vid}"),
                Some(&owner),
                json!({"price": {"amount": 1190, "currency": "EUR"}}),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let r = t.get("/api/v1/catalog/lookup?code=96385074", &owner).await;
        assert_eq!(r.body["item"]["price"]["amount"], 1190);

        for i in 0..7 {
            t.create_product(
                &owner,
                product(&format!("P-{i}"), &format!("Produit {i}"), 100 + i, &[]),
            )
            .await;
        }
        let r = t.get("/api/v1/products?per_page=3&page=3", &owner).await;
        assert_eq!(r.body["total"], 8);
        assert_eq!(r.body["items"].as_array().map(Vec::len), Some(2));
        let r = t.get("/api/v1/products?q=PRODUIT%205", &owner).await;
        assert_eq!(r.body["total"], 1);
        assert_eq!(r.body["items"][0]["sku"], "P-5");
        let r = t
            .get(
                &format!("/api/v1/products/{}", uuid::Uuid::now_v7()),
                &owner,
            )
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
    }
}
