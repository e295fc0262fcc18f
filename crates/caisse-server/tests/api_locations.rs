//! Where stock can go, through the API, on both databases: `GET /stores` lists every store
//! with its active locations (what the transfer form picks a destination from, and enough to
//! draft a transfer to another store), to managers and owners only.

mod support;

use axum::http::StatusCode;
use serde_json::{Value, json};
use support::till::shop;
use support::{TestApp, apps, new_store, product};

async fn stores(t: &TestApp, token: &str) -> Vec<Value> {
    let res = t.get("/api/v1/stores", token).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    res.body.as_array().expect("a list").clone()
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
