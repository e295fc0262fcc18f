//! The inventory reports, the alert count, the till's on-hand and the stock list's filters
//! through the API, on both databases, against figures worked out by hand. Movements from
//! weeks ago are written straight into the ledger (a movement row and its projections, as
//! booking would), since the API books everything "now".

mod support;

use axum::http::StatusCode;
use caisse_store::Backend;
use serde_json::{Value, json};
use support::till::{complete, pay, sale_of, shop};
use support::{TestApp, apps};
use uuid::Uuid;

const C: &str = "5012345678900";
const E: &str = "5012345678917";
const F: &str = "5012345678924";
const DAY_US: i64 = 86_400_000_000;

/// Crackers (cost 1.50), Eggs (cost 2.00), Flour (no cost); returns their item ids.
async fn products(t: &TestApp, owner: &str) -> (String, String, String) {
    let mut ids = Vec::new();
    for (sku, name, cost, code) in [
        ("C", "Crackers", Some(150), C),
        ("E", "Eggs", Some(200), E),
        ("F", "Flour", None, F),
    ] {
        let mut body = json!({"sku": sku, "name": name, "price": {"amount": 300, "currency": "EUR"},
            "barcodes": [code], "tax_category": "reduced"});
        if let Some(c) = cost {
            body["cost"] = json!({"amount": c, "currency": "EUR"});
        }
        let res = t.create_product(owner, body).await;
        assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
        ids.push(res.body["id"].as_str().unwrap().to_owned());
    }
    (ids[0].clone(), ids[1].clone(), ids[2].clone())
}

fn lit(t: &TestApp, id: &str) -> String {
    let id: Uuid = id.parse().unwrap();
    match t.backend {
        Backend::Sqlite => format!("X'{}'", id.simple()),
        Backend::Postgres => format!("'{id}'::uuid"),
    }
}

async fn ids(t: &TestApp, owner: &str) -> (String, String) {
    let store = t.get("/api/v1/store", owner).await.body["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let floor = t.get("/api/v1/stock/settings", owner).await.body["selling_location_id"]
        .as_str()
        .unwrap()
        .to_owned();
    (store, floor)
}

/// Writes a movement `days_ago` days back and moves the projections with it.
#[expect(clippy::too_many_arguments, reason = "a test fixture row")]
async fn past(
    t: &TestApp,
    store: &str,
    location: &str,
    item: &str,
    kind: &str,
    milli: i64,
    days_ago: i64,
    now: i64,
) {
    let at = now - days_ago * DAY_US;
    let (s, l, i, id) = (
        lit(t, store),
        lit(t, location),
        lit(t, item),
        lit(t, &Uuid::now_v7().to_string()),
    );
    let sql = format!(
        "INSERT INTO stock_movements (id, store_id, location_id, item_id, product_id, kind, reason, quantity, unit_cost, document_id, line_no, user_id, occurred_at) \
         VALUES ({id}, {s}, {l}, {i}, {i}, '{kind}', NULL, {milli}, NULL, NULL, NULL, NULL, {at}); \
         INSERT INTO stock_levels (store_id, location_id, item_id, product_id, on_hand, updated_at) VALUES ({s}, {l}, {i}, {i}, {milli}, {at}) \
         ON CONFLICT (store_id, location_id, item_id) DO UPDATE SET on_hand = stock_levels.on_hand + {milli}; \
         INSERT INTO stock_items (store_id, item_id, product_id, on_hand, updated_at) VALUES ({s}, {i}, {i}, {milli}, {at}) \
         ON CONFLICT (store_id, item_id) DO UPDATE SET on_hand = stock_items.on_hand + {milli};"
    );
    caisse_store::testing::execute_raw(&t.app.db, &sql)
        .await
        .unwrap();
}

async fn adjust(t: &TestApp, token: &str, key: &str, body: Value) {
    let res = t
        .json_key("POST", "/api/v1/stock/adjustments", token, key, body)
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
}

async fn sell(t: &TestApp, cashier: &str, reg: &str, codes: &[&str], tag: &str) {
    let sale = sale_of(t, cashier, reg, codes).await;
    let res = pay(
        t,
        cashier,
        &sale,
        &format!("{tag}-p"),
        json!({"kind": "cash"}),
    )
    .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    complete(t, cashier, &sale, &format!("{tag}-c")).await;
}

fn skus(body: &Value) -> Vec<String> {
    body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["sku"].as_str().unwrap().to_owned())
        .collect()
}

fn line<'a>(body: &'a Value, sku: &str) -> &'a Value {
    body["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["sku"] == sku)
        .unwrap_or_else(|| panic!("no {sku} in {body}"))
}

/// The story every period report reads (worked out by hand):
/// Crackers: +20 received 40 days ago, 4 sold 35 days ago, +10 received 10 days ago, a count
///   found one missing 5 days ago, 6 sold today, 2 damaged today -> 17 on hand.
/// Eggs: +5 received 100 days ago, 1 sold 95 days ago, 1 stolen today -> 3 on hand.
/// Flour: +3 received 200 days ago, never sold -> 3 on hand.
async fn story(t: &TestApp) -> (String, String, String, String, String) {
    let (owner, cashier, reg) = shop(t).await;
    let (c, e, f) = products(t, &owner).await;
    let (store, floor) = ids(t, &owner).await;
    let now = caisse_app::now_us();
    past(t, &store, &floor, &c, "receipt", 20_000, 40, now).await;
    past(t, &store, &floor, &c, "sale", -4_000, 35, now).await;
    past(t, &store, &floor, &c, "receipt", 10_000, 10, now).await;
    past(t, &store, &floor, &c, "count", -1_000, 5, now).await;
    past(t, &store, &floor, &e, "receipt", 5_000, 100, now).await;
    past(t, &store, &floor, &e, "sale", -1_000, 95, now).await;
    past(t, &store, &floor, &f, "receipt", 3_000, 200, now).await;
    sell(t, &cashier, &reg, &[C, C, C, C, C, C], "s1").await;
    adjust(
        t,
        &owner,
        "dmg",
        json!({"reason": "damage", "lines": [{"item_id": c, "quantity": "-2"}]}),
    )
    .await;
    adjust(
        t,
        &owner,
        "theft",
        json!({"reason": "theft", "lines": [{"item_id": e, "quantity": "-1"}]}),
    )
    .await;
    let off = caisse_store::stock::verify(&t.app.db).await.unwrap();
    assert!(off.is_empty(), "{off:?}");
    (owner, cashier, c, e, f)
}

#[tokio::test]
async fn every_report_matches_the_figures_worked_out_by_hand() {
    for t in apps().await {
        let (owner, cashier, c, _e, _f) = story(&t).await;

        // Valuation: 17 × 1.50 + 3 × 2.00; Flour has no cost.
        let res = t.get("/api/v1/stock/reports/valuation", &owner).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let v = &res.body;
        assert_eq!(v["total_value"]["amount"], 3_150, "{v}");
        assert_eq!(v["missing_cost"], 1);
        assert_eq!(skus(v), ["C", "E", "F"], "most valuable first");
        assert_eq!(line(v, "C")["on_hand"], "17.000");
        assert_eq!(line(v, "C")["value"]["amount"], 2_550);
        assert_eq!(line(v, "F")["value"], Value::Null);
        assert_eq!(v["locations"][0]["value"]["amount"], 3_150);
        assert_eq!(v["locations"][0]["items"], 3);

        // Dead stock over 90 days: Flour (never sold) then Eggs (last sold 95 days ago).
        let res = t.get("/api/v1/stock/reports/dead-stock", &owner).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        assert_eq!(skus(&res.body), ["F", "E"], "{}", res.body);
        assert_eq!(line(&res.body, "E")["on_hand"], "3.000");
        assert_eq!(line(&res.body, "E")["value"]["amount"], 600);
        assert_eq!(line(&res.body, "F")["last_sale_at"], Value::Null);
        assert_eq!(res.body["total_value"]["amount"], 600);
        let res = t
            .get("/api/v1/stock/reports/dead-stock?days=100", &owner)
            .await;
        assert_eq!(skus(&res.body), ["F"], "Eggs sold within 100 days");

        // Days of cover over 28 days: Crackers sold 6 -> 6/28 = 0.214 a day; 17 × 28 / 6 =
        // 79.33 days; the others sold nothing in the window (null, last).
        let res = t.get("/api/v1/stock/reports/cover", &owner).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        assert_eq!(skus(&res.body), ["C", "E", "F"]);
        let cl = line(&res.body, "C");
        assert_eq!(cl["sold"], "6.000");
        assert_eq!(cl["average_daily_sales"], "0.214");
        assert_eq!(cl["days_of_cover"], "79.3");
        assert_eq!(cl["days_of_cover_tenths"], 793);
        assert_eq!(line(&res.body, "E")["days_of_cover"], Value::Null);
        // A 40-day window also sees the 4 sold 35 days ago: 17 × 40 / 10 = 68 days.
        let res = t
            .get("/api/v1/stock/reports/cover?window_days=40", &owner)
            .await;
        assert_eq!(line(&res.body, "C")["days_of_cover"], "68.0");

        // Sell-through over the last 30 days: Crackers 6 / (16 at start + 10 received) =
        // 23.08 %; Eggs 0 / 4; Flour 0 / 3.
        let res = t.get("/api/v1/stock/reports/sell-through", &owner).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let cl = line(&res.body, "C");
        assert_eq!(cl["on_hand_at_start"], "16.000", "{}", res.body);
        assert_eq!(cl["received"], "10.000");
        assert_eq!(cl["sold"], "6.000");
        assert_eq!(cl["sell_through_bp"], 2_308);
        assert_eq!(cl["sell_through"], "23.08");
        assert_eq!(line(&res.body, "E")["sell_through_bp"], 0);
        assert_eq!(line(&res.body, "E")["on_hand_at_start"], "4.000");

        // Shrinkage: damage 2 × 1.50, theft 1 × 2.00, the count's missing cracker 1.50.
        let res = t.get("/api/v1/stock/reports/shrinkage", &owner).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let reasons: Vec<_> = res.body["reasons"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r["reason"].as_str().unwrap().to_owned(),
                    r["quantity"].as_str().unwrap().to_owned(),
                    r["value"]["amount"].as_i64().unwrap(),
                )
            })
            .collect();
        assert_eq!(
            reasons,
            [
                ("damage".to_owned(), "-2.000".to_owned(), -300),
                ("theft".to_owned(), "-1.000".to_owned(), -200),
                ("count".to_owned(), "-1.000".to_owned(), -150),
            ]
        );
        assert_eq!(res.body["total_value"]["amount"], -650);
        // A period before any of it holds nothing.
        let res = t
            .get(
                "/api/v1/stock/reports/shrinkage?from=2020-01-01&to=2020-01-31",
                &owner,
            )
            .await;
        assert_eq!(res.body["reasons"], json!([]));

        // The same figures as CSV.
        let res = t.get("/api/v1/stock/reports/valuation.csv", &owner).await;
        assert_eq!(res.status, StatusCode::OK);
        assert!(
            res.headers["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/csv")
        );
        let text = res.body.as_str().unwrap();
        assert_eq!(
            text.lines().next(),
            Some("sku,name,variant,unit,on_hand,unit_cost,value")
        );
        assert!(
            text.contains("C,Crackers,,each,17.000,1.50,25.50"),
            "{text}"
        );
        assert!(text.contains("F,Flour,,each,3.000,,"), "{text}");
        let res = t.get("/api/v1/stock/reports/shrinkage.csv", &owner).await;
        assert!(
            res.body
                .as_str()
                .unwrap()
                .contains("damage,1,1,-2.000,-3.00,0"),
            "{}",
            res.body
        );
        let res = t
            .get("/api/v1/stock/reports/sell-through.csv", &owner)
            .await;
        assert!(
            res.body
                .as_str()
                .unwrap()
                .contains("C,Crackers,,each,16.000,10.000,6.000,23.08"),
            "{}",
            res.body
        );
        // A header and a line each: dead stock Flour and Eggs, cover all three.
        for (report, lines) in [("dead-stock", 3), ("cover", 4)] {
            let res = t
                .get(&format!("/api/v1/stock/reports/{report}.csv"), &owner)
                .await;
            assert_eq!(res.status, StatusCode::OK, "{report}");
            let text = res.body.as_str().unwrap();
            assert_eq!(text.lines().count(), lines, "{report}: {text}");
        }
        let res = t
            .get(&format!("/api/v1/stock/{c}/movements.csv"), &owner)
            .await;
        assert_eq!(res.status, StatusCode::OK);
        let text = res.body.as_str().unwrap();
        // The header, then 6 movements newest first (the damage, the sale, the four past).
        assert_eq!(text.lines().count(), 7, "{text}");
        assert!(
            text.lines()
                .nth(1)
                .unwrap()
                .contains(",C,floor,adjustment,damage,-2.000,1.50,"),
            "{text}"
        );

        // Values at cost are for managers and owners; a cashier reads stock, not them.
        for path in [
            "/api/v1/stock/reports/valuation",
            "/api/v1/stock/reports/shrinkage.csv",
        ] {
            let res = t.get(path, &cashier).await;
            assert_eq!(res.status, StatusCode::FORBIDDEN, "{path}");
        }
        let res = t
            .get(&format!("/api/v1/stock/{c}/movements.csv"), &cashier)
            .await;
        assert_eq!(res.status, StatusCode::OK);
    }
}

#[tokio::test]
async fn bad_report_options_are_refused_with_the_field() {
    for t in apps().await {
        let (owner, ..) = shop(&t).await;
        let unknown = Uuid::now_v7();
        for (path, status) in [
            ("/api/v1/stock/reports/valuation?limit=0", 422),
            ("/api/v1/stock/reports/valuation?limit=1001", 422),
            ("/api/v1/stock/reports/valuation?offset=-1", 422),
            (
                &*format!("/api/v1/stock/reports/valuation?location_id={unknown}"),
                404,
            ),
            ("/api/v1/stock/reports/dead-stock?days=0", 422),
            ("/api/v1/stock/reports/dead-stock?days=abc", 400),
            ("/api/v1/stock/reports/cover?window_days=366", 422),
            ("/api/v1/stock/reports/sell-through?from=2026-13-01", 422),
            (
                "/api/v1/stock/reports/sell-through?from=2026-02-01&to=2026-01-01",
                422,
            ),
            (
                "/api/v1/stock/reports/shrinkage?from=1990-01-01&to=2026-01-01",
                422,
            ),
            ("/api/v1/stock/reports/shrinkage.csv?to=nope", 422),
        ] {
            let res = t.get(path, &owner).await;
            assert_eq!(res.status.as_u16(), status, "{path}: {}", res.body);
        }
        let res = t
            .get(&format!("/api/v1/stock/{unknown}/movements.csv"), &owner)
            .await;
        assert_eq!(res.status, StatusCode::NOT_FOUND);
    }
}

#[tokio::test]
async fn valuation_is_per_location_and_rounds_each_line() {
    for t in apps().await {
        let (owner, ..) = shop(&t).await;
        let (c, _, _) = products(&t, &owner).await;
        let weighed = t
            .create_product(
                &owner,
                json!({"sku": "W", "name": "Walnuts", "unit": "kg", "sold_by_weight": true,
                    "price": {"amount": 1500, "currency": "EUR"}, "cost": {"amount": 999, "currency": "EUR"},
                    "barcodes": [], "tax_category": "reduced"}),
            )
            .await;
        assert_eq!(weighed.status, StatusCode::CREATED, "{}", weighed.body);
        let w = weighed.body["id"].as_str().unwrap().to_owned();
        let back = t
            .json(
                "POST",
                "/api/v1/stock/locations",
                Some(&owner),
                json!({"code": "back", "name": "Backroom"}),
            )
            .await;
        assert_eq!(back.status, StatusCode::CREATED, "{}", back.body);
        let back = back.body["id"].as_str().unwrap().to_owned();
        adjust(
            &t,
            &owner,
            "a1",
            json!({"reason": "correction", "lines": [
            {"item_id": c, "quantity": "10"}, {"item_id": w, "quantity": "1.5"}]}),
        )
        .await;
        adjust(
            &t,
            &owner,
            "a2",
            json!({"reason": "correction", "location_id": back,
            "lines": [{"item_id": c, "quantity": "3"}]}),
        )
        .await;
        // Floor: 10 × 1.50 + 1.5 kg × 9.99 (14.985 -> 14.99) = 29.99; backroom: 3 × 1.50.
        let res = t.get("/api/v1/stock/reports/valuation", &owner).await;
        let v = &res.body;
        let by_code = |code: &str| {
            v["locations"]
                .as_array()
                .unwrap()
                .iter()
                .find(|l| l["code"] == code)
                .unwrap()
                .clone()
        };
        assert_eq!(by_code("floor")["value"]["amount"], 2_999, "{v}");
        assert_eq!(by_code("floor")["items"], 2);
        assert_eq!(by_code("back")["value"]["amount"], 450);
        assert_eq!(v["total_value"]["amount"], 3_449);
        assert_eq!(line(v, "W")["value"]["amount"], 1_499);
        assert_eq!(line(v, "W")["on_hand"], "1.500");
        let res = t
            .get(
                &format!("/api/v1/stock/reports/valuation?location_id={back}"),
                &owner,
            )
            .await;
        assert_eq!(skus(&res.body), ["C"]);
        assert_eq!(res.body["total_value"]["amount"], 450);
        // Paging: one line a page, the total says how many.
        let res = t
            .get("/api/v1/stock/reports/valuation?limit=1&offset=1", &owner)
            .await;
        assert_eq!(res.body["total"], 2);
        assert_eq!(skus(&res.body), ["W"]);
    }
}

#[tokio::test]
async fn the_alert_count_follows_crossings_and_acknowledgements() {
    for t in apps().await {
        let (owner, cashier, reg) = shop(&t).await;
        let (c, ..) = products(&t, &owner).await;
        adjust(
            &t,
            &owner,
            "in",
            json!({"reason": "correction", "lines": [{"item_id": c, "quantity": "5"}]}),
        )
        .await;
        let res = t
            .json(
                "PUT",
                &format!("/api/v1/stock/{c}/reorder"),
                Some(&owner),
                json!({"reorder_point": "3", "order_up_to": "10"}),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let count = |token: String| {
            let t = &t;
            async move { t.get("/api/v1/stock/alerts/count", &token).await.body["open"].as_i64() }
        };
        assert_eq!(count(cashier.clone()).await, Some(0));
        sell(&t, &cashier, &reg, &[C, C], "s1").await;
        assert_eq!(
            count(cashier.clone()).await,
            Some(1),
            "5 -> 3 crosses the reorder point"
        );
        let list = t.get("/api/v1/stock/alerts", &owner).await;
        let alert = &list.body["alerts"][0];
        assert_eq!(alert["item"]["name"], "Crackers", "{}", list.body);
        assert_eq!(alert["item"]["sku"], "C");
        let id = alert["id"].as_str().unwrap();
        let res = t
            .json(
                "POST",
                &format!("/api/v1/stock/alerts/{id}/acknowledge"),
                Some(&owner),
                json!({}),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        assert_eq!(count(owner.clone()).await, Some(0));
        let res = t.get("/api/v1/stock/alerts/count", "no-such-token").await;
        assert_eq!(res.status, StatusCode::UNAUTHORIZED);
    }
}

#[tokio::test]
async fn the_tills_search_and_lookup_show_what_the_selling_location_holds() {
    for t in apps().await {
        let (owner, cashier, _reg) = shop(&t).await;
        let (c, e, _) = products(&t, &owner).await;
        let back = t
            .json(
                "POST",
                "/api/v1/stock/locations",
                Some(&owner),
                json!({"code": "back", "name": "Backroom"}),
            )
            .await
            .body["id"]
            .as_str()
            .unwrap()
            .to_owned();
        adjust(
            &t,
            &owner,
            "a",
            json!({"reason": "correction", "lines": [{"item_id": c, "quantity": "7"}]}),
        )
        .await;
        adjust(
            &t,
            &owner,
            "b",
            json!({"reason": "correction", "location_id": back,
            "lines": [{"item_id": e, "quantity": "4"}]}),
        )
        .await;
        let res = t.get("/api/v1/catalog/search?q=cr", &cashier).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let hit = &res.body["items"][0];
        assert_eq!(hit["sku"], "C");
        assert_eq!(hit["on_hand"], "7.000");
        // Eggs are only in the backroom: none at the selling location.
        let res = t.get("/api/v1/catalog/search?q=eggs", &cashier).await;
        assert_eq!(res.body["items"][0]["on_hand"], "0.000", "{}", res.body);
        let res = t
            .get(&format!("/api/v1/catalog/lookup?code={C}"), &cashier)
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        assert_eq!(res.body["on_hand"], "7.000");
        // A till session of the cashier reads it too.
        let register = support::open_register(&t, &owner, "T9").await;
        let device = t.pair(&owner, &register).await;
        let till = t.till_login(&device, &register, "chloe").await;
        let res = t.get("/api/v1/catalog/search?q=crackers", &till).await;
        assert_eq!(res.body["items"][0]["on_hand"], "7.000", "{}", res.body);
    }
}

#[tokio::test]
async fn the_stock_list_filters_by_reorder_point_location_category_and_supplier() {
    for t in apps().await {
        let (owner, ..) = shop(&t).await;
        let category = t
            .json(
                "POST",
                "/api/v1/categories",
                Some(&owner),
                json!({"name": "Dairy"}),
            )
            .await;
        assert_eq!(category.status, StatusCode::CREATED, "{}", category.body);
        let category = category.body["id"].as_str().unwrap().to_owned();
        let (c, e, f) = products(&t, &owner).await;
        let milk = t
            .create_product(&owner, json!({"sku": "M", "name": "Milk", "category_id": category,
                "price": {"amount": 110, "currency": "EUR"}, "barcodes": [], "tax_category": "reduced"}))
            .await;
        assert_eq!(milk.status, StatusCode::CREATED, "{}", milk.body);
        let m = milk.body["id"].as_str().unwrap().to_owned();
        let back = t
            .json(
                "POST",
                "/api/v1/stock/locations",
                Some(&owner),
                json!({"code": "back", "name": "Backroom"}),
            )
            .await
            .body["id"]
            .as_str()
            .unwrap()
            .to_owned();
        adjust(&t, &owner, "a", json!({"reason": "correction", "lines": [
            {"item_id": c, "quantity": "2"}, {"item_id": e, "quantity": "9"}, {"item_id": m, "quantity": "1"}]}))
        .await;
        adjust(
            &t,
            &owner,
            "b",
            json!({"reason": "correction", "location_id": back,
            "lines": [{"item_id": f, "quantity": "6"}]}),
        )
        .await;
        for (item, rp) in [(&c, "2"), (&e, "3"), (&m, "5")] {
            let res = t
                .json(
                    "PUT",
                    &format!("/api/v1/stock/{item}/reorder"),
                    Some(&owner),
                    json!({"reorder_point": rp}),
                )
                .await;
            assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        }
        let list = |q: String| {
            let (t, owner) = (&t, owner.clone());
            async move {
                let res = t.get(&format!("/api/v1/stock?{q}"), &owner).await;
                assert_eq!(res.status, StatusCode::OK, "{q}: {}", res.body);
                (skus(&res.body), res.body["total"].as_i64().unwrap())
            }
        };
        assert_eq!(
            list(String::new()).await,
            (vec!["C".into(), "E".into(), "F".into(), "M".into()], 4)
        );
        // At or below the reorder point: Crackers 2 <= 2, Milk 1 <= 5 (Eggs 9 > 3; Flour none).
        assert_eq!(
            list("below_reorder_point=true".into()).await,
            (vec!["C".into(), "M".into()], 2)
        );
        assert_eq!(
            list(format!("location_id={back}")).await,
            (vec!["F".into()], 1)
        );
        assert_eq!(
            list(format!("category_id={category}")).await,
            (vec!["M".into()], 1)
        );
        assert_eq!(
            list(format!("category_id={category}&below_reorder_point=true")).await,
            (vec!["M".into()], 1)
        );
        let floor = ids(&t, &owner).await.1;
        assert_eq!(
            list(format!(
                "location_id={floor}&below_reorder_point=true&sort=on_hand"
            ))
            .await,
            (vec!["M".into(), "C".into()], 2)
        );
        // By supplier: a dairy that supplies milk and eggs; eggs are above their point.
        let dairy = t
            .json(
                "POST",
                "/api/v1/suppliers",
                Some(&owner),
                json!({"name": "Dairy farm", "code": "DF"}),
            )
            .await;
        assert_eq!(dairy.status, StatusCode::CREATED, "{}", dairy.body);
        let dairy = dairy.body["id"].as_str().unwrap().to_owned();
        for item in [&m, &e] {
            let res = t
                .json(
                    "PUT",
                    &format!("/api/v1/suppliers/{dairy}/items/{item}"),
                    Some(&owner),
                    json!({"unit_cost": 50}),
                )
                .await;
            assert!(res.status.is_success(), "{}", res.body);
        }
        assert_eq!(
            list(format!("supplier_id={dairy}")).await,
            (vec!["E".into(), "M".into()], 2)
        );
        assert_eq!(
            list(format!("supplier_id={dairy}&below_reorder_point=true")).await,
            (vec!["M".into()], 1)
        );
        let unknown = t
            .get(
                &format!("/api/v1/stock?supplier_id={}", uuid::Uuid::nil()),
                &owner,
            )
            .await;
        assert_eq!(unknown.status, StatusCode::NOT_FOUND, "{}", unknown.body);
    }
}
