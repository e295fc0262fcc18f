//! Where stock can go, through the API, on both databases: `GET /stores` lists every store
//! with its active locations (what the transfer form picks a destination from, and enough to
//! draft a transfer to another store), to managers and owners only; a location is renamed
//! (`PATCH /stock/locations/{id}`) with its code, stock and selling role kept, and a name that
//! is empty, too long or another location's is refused with a clear code.

mod support;

use axum::http::StatusCode;
use serde_json::{Value, json};
use support::till::shop;
use support::{Res, TestApp, apps, new_store, product};

async fn stores(t: &TestApp, token: &str) -> Vec<Value> {
    let res = t.get("/api/v1/stores", token).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    res.body.as_array().expect("a list").clone()
}

async fn rename(t: &TestApp, token: &str, id: &str, body: Value) -> Res {
    t.json(
        "PATCH",
        &format!("/api/v1/stock/locations/{id}"),
        Some(token),
        body,
    )
    .await
}

/// The code of the first field error.
fn field_code(res: &Res) -> (String, String) {
    let e = &res.body["error"]["details"]["errors"][0];
    (
        e["field"].as_str().unwrap_or_default().to_owned(),
        e["code"].as_str().unwrap_or_default().to_owned(),
    )
}

async fn location_by_code(t: &TestApp, token: &str, code: &str) -> Value {
    let res = t.get("/api/v1/stock/locations", token).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    res.body
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["code"] == code)
        .unwrap_or_else(|| panic!("no location {code}: {}", res.body))
        .clone()
}

#[tokio::test]
async fn stores_are_listed_with_their_locations_and_a_transfer_drafted_from_them() {
    for t in apps().await {
        let (owner, cashier, _reg) = shop(&t).await;
        let manager = t.login("marc").await;
        let other_owner = new_store(&t, "EUR", "fr-FR", "Europe/Paris", "owner2").await;
        let me = t.get("/api/v1/auth/me", &manager).await.body;
        let own_id = me["store"]["id"].as_str().unwrap().to_owned();
        let res = t
            .json(
                "POST",
                "/api/v1/stock/locations",
                Some(&other_owner),
                json!({"code": "depot", "name": "Dépôt"}),
            )
            .await;
        assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
        let depot = res.body["id"].as_str().unwrap().to_owned();

        for token in [&owner, &manager] {
            let all = stores(&t, token).await;
            assert_eq!(all.len(), 2, "{all:?}");
            assert_eq!(all[0]["id"], own_id.as_str(), "the caller's store first");
            assert_eq!(all[0]["current"], true);
            assert_eq!(all[1]["current"], false);
            assert_eq!(all[1]["name"], "EUR shop");
            let codes: Vec<&str> = all[1]["locations"]
                .as_array()
                .unwrap()
                .iter()
                .map(|l| l["code"].as_str().unwrap())
                .collect();
            assert_eq!(codes, ["depot", "floor"], "by code");
            let selling: Vec<&Value> = all[1]["locations"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|l| l["selling"] == true)
                .collect();
            assert_eq!(selling.len(), 1);
            assert_eq!(selling[0]["code"], "floor");
        }
        // The other store's owner sees the same stores, its own first.
        let theirs = stores(&t, &other_owner).await;
        assert_eq!(theirs[0]["name"], "EUR shop");
        assert_eq!(theirs[0]["current"], true);

        // Cashiers draft no transfers: no list either.
        let refused = t.get("/api/v1/stores", &cashier).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.body);
        assert_eq!(refused.code(), "forbidden");

        // What the form sends, from this list: a transfer to the other store's depot.
        let mut p = product("PEN-1", "Pens", 200, &[]);
        p["cost"] = json!({"amount": 80, "currency": "EUR"});
        let made = t.create_product(&owner, p.clone()).await;
        assert_eq!(made.status, StatusCode::CREATED, "{}", made.body);
        let pens = made.body["id"].as_str().unwrap().to_owned();
        assert_eq!(
            t.create_product(&other_owner, p).await.status,
            StatusCode::CREATED
        );
        let all = stores(&t, &manager).await;
        let to_store = all[1]["id"].as_str().unwrap();
        let to_location = all[1]["locations"]
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["code"] == "depot")
            .unwrap()["id"]
            .as_str()
            .unwrap()
            .to_owned();
        assert_eq!(to_location, depot);
        let res = t
            .json(
                "POST",
                "/api/v1/stock/transfers",
                Some(&manager),
                json!({"to_store_id": to_store, "to_location_id": to_location,
                       "lines": [{"item_id": pens, "quantity": "3"}]}),
            )
            .await;
        assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
        assert_eq!(res.body["to_store_id"], to_store);
        assert_eq!(res.body["to_location_id"], depot.as_str());
    }
}

#[tokio::test]
async fn a_location_is_renamed_and_bad_or_taken_names_are_refused() {
    for t in apps().await {
        let (owner, cashier, _reg) = shop(&t).await;
        let manager = t.login("marc").await;
        let floor = location_by_code(&t, &manager, "floor").await;
        assert_eq!(floor["name"], "Sales floor", "seeded in English");
        let id = floor["id"].as_str().unwrap().to_owned();

        let res = rename(&t, &manager, &id, json!({"name": "  Surface de vente "})).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        assert_eq!(res.body["name"], "Surface de vente", "trimmed");
        assert_eq!(res.body["code"], "floor", "the code stays");
        assert_eq!(res.body["selling"], true, "still where sales move stock");
        let shown = location_by_code(&t, &cashier, "floor").await;
        assert_eq!(shown["name"], "Surface de vente");
        let listed = stores(&t, &owner).await;
        assert_eq!(listed[0]["locations"][0]["name"], "Surface de vente");
        // Its own name in another case is not "taken".
        let res = rename(&t, &manager, &id, json!({"name": "SURFACE de vente"})).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);

        let back = t
            .json(
                "POST",
                "/api/v1/stock/locations",
                Some(&manager),
                json!({"code": "back", "name": "Réserve"}),
            )
            .await;
        assert_eq!(back.status, StatusCode::CREATED, "{}", back.body);
        let back_id = back.body["id"].as_str().unwrap().to_owned();
        for (body, field, code) in [
            (json!({"name": ""}), "name", "invalid"),
            (json!({"name": "   "}), "name", "invalid"),
            (json!({"name": "x".repeat(81)}), "name", "invalid"),
            (json!({"name": "a\u{7}b"}), "name", "invalid"),
            (json!({"name": "réserve"}), "name", "taken"),
        ] {
            let res = rename(&t, &manager, &id, body.clone()).await;
            assert_eq!(
                res.status,
                StatusCode::UNPROCESSABLE_ENTITY,
                "{body}: {}",
                res.body
            );
            assert_eq!(res.code(), "validation_failed", "{body}");
            assert_eq!(
                field_code(&res),
                (field.to_owned(), code.to_owned()),
                "{body}"
            );
        }
        let res = rename(&t, &manager, &id, json!({"name": "Floor", "code": "x"})).await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.body);
        let res = rename(&t, &manager, &id, json!({})).await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.body);
        // A new location may not take a name either.
        let res = t
            .json(
                "POST",
                "/api/v1/stock/locations",
                Some(&manager),
                json!({"code": "back2", "name": "RÉSERVE"}),
            )
            .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.body);
        assert_eq!(field_code(&res), ("name".into(), "taken".into()));
        // Nothing changed by the refusals.
        assert_eq!(
            location_by_code(&t, &manager, "floor").await["name"],
            "SURFACE de vente"
        );
        assert_eq!(
            location_by_code(&t, &manager, "back").await["name"],
            "Réserve"
        );
        let res = rename(&t, &manager, &back_id, json!({"name": "Arrière-boutique"})).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        assert_eq!(res.body["selling"], false);

        // Unknown, another store's, and a cashier's.
        let nil = uuid::Uuid::nil().to_string();
        let res = rename(&t, &manager, &nil, json!({"name": "Ailleurs"})).await;
        assert_eq!(res.status, StatusCode::NOT_FOUND, "{}", res.body);
        assert_eq!(res.code(), "not_found");
        let other = new_store(&t, "EUR", "fr-FR", "Europe/Paris", "owner2").await;
        let theirs = location_by_code(&t, &other, "floor").await;
        let res = rename(
            &t,
            &manager,
            theirs["id"].as_str().unwrap(),
            json!({"name": "Pris"}),
        )
        .await;
        assert_eq!(res.status, StatusCode::NOT_FOUND, "{}", res.body);
        assert_eq!(
            location_by_code(&t, &other, "floor").await["name"],
            "Sales floor"
        );
        // Names are unique per store: the other store may use this store's names.
        let res = rename(
            &t,
            &other,
            theirs["id"].as_str().unwrap(),
            json!({"name": "Surface de vente"}),
        )
        .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let res = rename(&t, &cashier, &id, json!({"name": "Caisse"})).await;
        assert_eq!(res.status, StatusCode::FORBIDDEN, "{}", res.body);
        assert_eq!(res.code(), "forbidden");
    }
}
