//! Checkout settings and the tax table through the API on every backend: owners change them,
//! every field is checked and bad input changes nothing, new sales (and carts being rung up,
//! at their next change) follow them; REFERENCE.md sections 7 (sales tax per document) and 8
//! (cash rounding for cash tenders only).

mod support;

use axum::http::StatusCode;
use serde_json::{Value, json};
use support::{Res, TestApp, amount, apps, invalid_fields, new_store, open_register};

const CHECKOUT: &str = "/api/v1/store/checkout";
const TAXES: &str = "/api/v1/store/tax-rates";

/// Creates a product; returns its id.
async fn item(
    t: &TestApp,
    token: &str,
    sku: &str,
    price: i64,
    currency: &str,
    tax: &str,
) -> String {
    let body = json!({"sku": sku, "name": format!("Item {sku}"),
        "price": {"amount": price, "currency": currency}, "tax_category": tax});
    let res = t.create_product(token, body).await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
    res.body["id"].as_str().unwrap().to_owned()
}

/// Opens a sale and rings up the codes (SKUs); returns the sale id and its last view.
async fn ring(t: &TestApp, token: &str, reg: &str, codes: &[&str]) -> (String, Value) {
    let res = t
        .json(
            "POST",
            "/api/v1/sales",
            Some(token),
            json!({"register_id": reg}),
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
    let sale = res.body["id"].as_str().unwrap().to_owned();
    let mut view = res.body;
    for code in codes {
        let res = t
            .json(
                "POST",
                &format!("/api/v1/sales/{sale}/lines"),
                Some(token),
                json!({"code": code}),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{code}: {}", res.body);
        view = res.body;
    }
    (sale, view)
}

/// Pays the rest with one tender and completes; returns the stored document.
async fn pay_and_complete(t: &TestApp, token: &str, sale: &str, tender: Value) -> Value {
    let tender = support::amount_due_filled(t, token, sale, tender).await;
    ok(t.json_key(
        "POST",
        &format!("/api/v1/sales/{sale}/payments"),
        token,
        &format!("pay-{sale}"),
        tender,
    )
    .await);
    ok(t.json_key(
        "POST",
        &format!("/api/v1/sales/{sale}/complete"),
        token,
        &format!("done-{sale}"),
        json!({}),
    )
    .await);
    ok(t.get(&format!("/api/v1/sales/{sale}"), token).await)
}

/// Rows in the tax table.
async fn stored_rates(t: &TestApp) -> i64 {
    let sql = "SELECT COUNT(*) FROM tax_rates";
    caisse_store::testing::query_i64(&t.app.db, sql)
        .await
        .unwrap()
}

/// PATCHes the checkout settings.
async fn patch(t: &TestApp, token: &str, body: Value) -> Res {
    t.json("PATCH", CHECKOUT, Some(token), body).await
}

/// PUTs a tax table.
async fn put(t: &TestApp, token: &str, body: Value) -> Res {
    t.json("PUT", TAXES, Some(token), body).await
}

/// The body of a 200 answer.
fn ok(res: Res) -> Value {
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    res.body
}

async fn discount(t: &TestApp, token: &str, sale: &str, percent: &str) -> Res {
    t.json(
        "PATCH",
        &format!("/api/v1/sales/{sale}/lines/1"),
        Some(token),
        json!({"discount": {"percent": percent, "reason": "damaged"}}),
    )
    .await
}

#[tokio::test]
async fn checkout_settings_are_changed_by_owners_only_and_bad_fields_change_nothing() {
    for t in apps().await {
        let owner = t.login("olivia").await;
        let manager = t.login("marc").await;
        let cashier = t.login("chloe").await;
        let defaults = t.get(CHECKOUT, &cashier).await;
        assert_eq!(defaults.status, StatusCode::OK, "{}", defaults.body);
        assert_eq!(
            defaults.body,
            json!({"tax_mode": "inclusive", "tax_scope": "per_line", "cash_rounding": "none",
                "currency": "EUR", "address": "", "tax_id": "", "receipt_footer": "",
                "cashier_discount_limit": "10", "day_cutoff_hour": 4, "pos_lock_minutes": 5,
                "cash_limit": {"amount": 1_000_000, "currency": "EUR"}, "terminal": "simulated"})
        );

        // A 12 % line discount is above the cashier's default limit of 10 %.
        let reg = open_register(&t, &owner, "t1").await;
        item(&t, &owner, "SOAP", 1_000, "EUR", "standard").await;
        let (sale, _) = ring(&t, &cashier, &reg, &["SOAP"]).await;
        let res = discount(&t, &cashier, &sale, "12").await;
        assert_eq!(res.code(), "approval_required", "{}", res.body);

        for (body, expected) in [
            (json!({"tax_mode": "vat"}), vec!["tax_mode"]),
            (json!({"tax_scope": "per_receipt"}), vec!["tax_scope"]),
            (json!({"cash_rounding": "0.001"}), vec!["cash_rounding"]),
            (json!({"cash_rounding": "-0.05"}), vec!["cash_rounding"]),
            (json!({"cash_rounding": "0"}), vec!["cash_rounding"]),
            (
                json!({"cashier_discount_limit": "150"}),
                vec!["cashier_discount_limit"],
            ),
            (
                json!({"cashier_discount_limit": "-5"}),
                vec!["cashier_discount_limit"],
            ),
            (
                json!({"cashier_discount_limit": "ten"}),
                vec!["cashier_discount_limit"],
            ),
            (json!({"day_cutoff_hour": 24}), vec!["day_cutoff_hour"]),
            (json!({"day_cutoff_hour": -1}), vec!["day_cutoff_hour"]),
            (json!({"address": "1\n2\n3\n4\n5\n6\n7"}), vec!["address"]),
            (json!({"tax_id": "FR 12\n345"}), vec!["tax_id"]),
            (
                json!({"receipt_footer": "x".repeat(65)}),
                vec!["receipt_footer"],
            ),
            // Valid fields are not applied when another is bad; every bad field is reported.
            (
                json!({"tax_mode": "exclusive", "tax_scope": "per_line", "cash_rounding": "abc", "day_cutoff_hour": 30}),
                vec!["cash_rounding", "day_cutoff_hour"],
            ),
        ] {
            let res = patch(&t, &owner, body.clone()).await;
            assert_eq!(invalid_fields(&res), expected, "{body}");
        }
        for body in [
            json!({"colour": "red"}),
            json!({"cash_rounding": 0.05}),
            json!({"day_cutoff_hour": "4"}),
        ] {
            let res = patch(&t, &owner, body.clone()).await;
            assert_eq!(
                (res.status, res.code()),
                (StatusCode::UNPROCESSABLE_ENTITY, "invalid_json"),
                "{body}: {}",
                res.body
            );
        }
        for token in [&cashier, &manager] {
            let res = patch(&t, token, json!({"tax_mode": "exclusive"})).await;
            assert_eq!(
                (res.status, res.code()),
                (StatusCode::FORBIDDEN, "forbidden")
            );
        }
        assert_eq!(t.get(CHECKOUT, &owner).await.body, defaults.body);
        let res = discount(&t, &cashier, &sale, "12").await;
        assert_eq!(res.code(), "approval_required", "still the old limit");

        let change = json!({"tax_mode": "exclusive", "tax_scope": "per_document",
            "cash_rounding": "0.05", "address": " 12 rue des Lilas \r\n75011 Paris\n",
            "tax_id": "FR12345678901", "receipt_footer": "Merci !",
            "cashier_discount_limit": "12.5", "day_cutoff_hour": 5});
        let res = ok(patch(&t, &owner, change).await);
        let changed = json!({"tax_mode": "exclusive", "tax_scope": "per_document",
            "cash_rounding": "0.05", "currency": "EUR", "address": "12 rue des Lilas\n75011 Paris",
            "tax_id": "FR12345678901", "receipt_footer": "Merci !",
            "cashier_discount_limit": "12.5", "day_cutoff_hour": 5, "pos_lock_minutes": 5,
            "cash_limit": {"amount": 1_000_000, "currency": "EUR"}, "terminal": "simulated"});
        assert_eq!(res, changed);
        assert_eq!(t.get(CHECKOUT, &cashier).await.body, changed);
        // The store's own settings show the tax mode too, and a later change there keeps it.
        assert_eq!(
            t.get("/api/v1/store", &owner).await.body["tax_mode"],
            "exclusive"
        );
        ok(t.json(
            "PATCH",
            "/api/v1/store",
            Some(&owner),
            json!({"name": "Renamed"}),
        )
        .await);
        assert_eq!(t.get(CHECKOUT, &owner).await.body["tax_mode"], "exclusive");

        // The new limit applies at once, to the cart already being rung up.
        ok(discount(&t, &cashier, &sale, "12").await);
        let res = discount(&t, &cashier, &sale, "13").await;
        assert_eq!(res.code(), "approval_required", "{}", res.body);

        // Absent fields stay; an empty text clears.
        let res = ok(patch(
            &t,
            &owner,
            json!({"receipt_footer": "", "cash_rounding": "none"}),
        )
        .await);
        let mut expected = changed.clone();
        expected["receipt_footer"] = json!("");
        expected["cash_rounding"] = json!("none");
        assert_eq!(res, expected);
        assert_eq!(t.get(CHECKOUT, &owner).await.body, expected);
    }
}

#[tokio::test]
async fn the_tax_table_is_replaced_whole_checked_and_never_drops_a_category_in_use() {
    for t in apps().await {
        let owner = t.login("olivia").await;
        let cashier = t.login("chloe").await;
        // A store without a table of its own gets its locale's preset.
        let fr = t.get(TAXES, &cashier).await;
        assert_eq!(fr.status, StatusCode::OK, "{}", fr.body);
        let names: Vec<&str> = fr.body["categories"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["category"].as_str().unwrap())
            .collect();
        assert_eq!(
            names,
            [
                "intermediate",
                "reduced",
                "standard",
                "super_reduced",
                "zero"
            ]
        );
        assert_eq!(
            fr.body["categories"][2],
            json!({"category": "standard", "rates": [{"code": "VAT20", "label": "TVA 20 %", "rate": "20"}]})
        );
        assert_eq!(stored_rates(&t).await, 5);

        let rate =
            |code: &str, r: &str| json!({"code": code, "label": format!("Tax {code}"), "rate": r});
        let table = |cats: Vec<(&str, Vec<Value>)>| json!({"categories": cats.into_iter().map(|(c, r)| json!({"category": c, "rates": r})).collect::<Vec<_>>()});
        let standard = |rates| table(vec![("standard", rates)]);
        let r0 = ["categories.0.rates.0.rate"];
        let bad = [
            (standard(vec![rate("A", "abc")]), &r0[..]),
            (standard(vec![rate("A", "-5")]), &r0),
            (standard(vec![rate("A", "1000")]), &r0),
            (
                standard(vec![rate("V", "2"), rate("v", "5")]),
                &["categories.0.rates.1.code"],
            ),
            (
                table(vec![("reduced", vec![rate("A", "5")])]),
                &["categories"],
            ),
            (
                table(vec![
                    ("standard", vec![rate("A", "2")]),
                    ("standard", vec![rate("B", "1")]),
                ]),
                &["categories.1.category"],
            ),
            (
                table(vec![
                    ("standard", vec![]),
                    ("Not valid", vec![rate("B", "10")]),
                    ("zero", vec![rate("bad code!", "0")]),
                ]),
                &[
                    "categories.0.rates",
                    "categories.1.category",
                    "categories.2.rates.0.code",
                ],
            ),
            (json!({"preset": "atlantis"}), &["preset"]),
            (json!({"preset": "fr", "categories": []}), &["categories"]),
            (json!({}), &["categories"]),
        ];
        for (body, expected) in bad {
            let res = put(&t, &owner, body.clone()).await;
            assert_eq!(invalid_fields(&res), expected, "{body}");
        }
        let float = json!({"categories": [{"category": "standard", "rates": [{"code": "A", "label": "A", "rate": 20}]}]});
        let res = put(&t, &owner, float).await;
        assert_eq!(
            res.code(),
            "invalid_json",
            "a rate is a string, never a number"
        );
        let res = put(&t, &cashier, json!({"preset": "de"})).await;
        assert_eq!(
            (res.status, res.code()),
            (StatusCode::FORBIDDEN, "forbidden")
        );
        assert_eq!(t.get(TAXES, &owner).await.body, fr.body);
        assert_eq!(stored_rates(&t).await, 5, "nothing was written");

        // A cart being rung up is priced with the new rates at its next change.
        let reg = open_register(&t, &owner, "t1").await;
        item(&t, &owner, "LAMP", 1_200, "EUR", "standard").await;
        let bread = item(&t, &owner, "BREAD", 110, "EUR", "reduced").await;
        let (sale, view) = ring(&t, &cashier, &reg, &["LAMP"]).await;
        assert_eq!(amount(&view["tax_total"]), 200, "12.00 x 20/120");

        // Active products still sell under `reduced`: the table may not drop it.
        let only_standard = table(vec![("standard", vec![rate("VAT10", "10")])]);
        let res = put(&t, &owner, only_standard.clone()).await;
        assert_eq!(
            (res.status, res.code()),
            (StatusCode::CONFLICT, "tax_category_in_use"),
            "{}",
            res.body
        );
        assert_eq!(
            res.body["error"]["details"]["categories"],
            json!(["reduced"])
        );
        assert_eq!(t.get(TAXES, &owner).await.body, fr.body);
        let res = t.get(&format!("/api/v1/sales/{sale}"), &cashier).await;
        assert_eq!(amount(&res.body["tax_total"]), 200, "unchanged");

        ok(t.json(
            "POST",
            &format!("/api/v1/products/{bread}/deactivate"),
            Some(&owner),
            json!({}),
        )
        .await);
        let res = ok(put(&t, &owner, only_standard).await);
        assert_eq!(
            res,
            json!({"categories": [{"category": "standard", "rates": [{"code": "VAT10", "label": "Tax VAT10", "rate": "10"}]}]})
        );
        assert_eq!(t.get(TAXES, &cashier).await.body, res);
        let res = ok(t
            .json(
                "POST",
                &format!("/api/v1/sales/{sale}/lines"),
                Some(&cashier),
                json!({"code": "LAMP"}),
            )
            .await);
        assert_eq!(amount(&res["total"]), 2_400);
        assert_eq!(amount(&res["tax_total"]), 218, "24.00 x 10/110 = 2.1818");
        assert_eq!(res["taxes"][0]["code"], "VAT10");

        // A preset replaces the whole table.
        let res = ok(put(&t, &owner, json!({"preset": "de"})).await);
        assert_eq!(res["categories"][1]["rates"][0]["code"], "VAT19");
        assert_eq!(stored_rates(&t).await, 2);
    }
}

#[tokio::test]
async fn a_new_york_store_adds_sales_tax_per_document_or_per_line() {
    for t in apps().await {
        let sam = new_store(&t, "USD", "en-US", "America/New_York", "sam").await;
        ok(patch(
            &t,
            &sam,
            json!({"tax_mode": "exclusive", "tax_scope": "per_document"}),
        )
        .await);
        let res = ok(put(&t, &sam, json!({"preset": "us-ny-nyc"})).await);
        let rates: Vec<&str> = res["categories"][0]["rates"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["rate"].as_str().unwrap())
            .collect();
        assert_eq!(rates, ["4", "4.5", "0.375"]);
        let reg = open_register(&t, &sam, "t1").await;
        item(&t, &sam, "MUG", 125, "USD", "standard").await;
        item(&t, &sam, "PEN", 235, "USD", "standard").await;

        // NYC 8.875 %: 3.60 x 0.08875 = 0.3195 -> 0.32, added to the net prices.
        let (sale, view) = ring(&t, &sam, &reg, &["MUG", "PEN"]).await;
        assert_eq!(amount(&view["net_total"]), 360, "{view}");
        assert_eq!(amount(&view["tax_total"]), 32, "{view}");
        assert_eq!(amount(&view["total"]), 392, "{view}");
        let split: i64 = view["taxes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| amount(&t["tax"]))
            .sum();
        assert_eq!(split, 32, "state, city and MCTD add up to the combined tax");
        let doc = pay_and_complete(&t, &sam, &sale, json!({"kind": "card"})).await;
        assert_eq!(
            (amount(&doc["tax_total"]), amount(&doc["total"])),
            (32, 392)
        );
        assert_eq!(doc["total"]["currency"], "USD");

        // US 7.25 %, 3 x 0.50: 1.50 x 0.0725 = 0.10875 -> 0.11 per document, 3 x 0.04 per line.
        let state = json!({"categories": [{"category": "standard",
            "rates": [{"code": "STATE", "label": "State sales tax", "rate": "7.25"}]}]});
        ok(put(&t, &sam, state).await);
        for sku in ["C1", "C2", "C3"] {
            item(&t, &sam, sku, 50, "USD", "standard").await;
        }
        let (sale, view) = ring(&t, &sam, &reg, &["C1", "C2", "C3"]).await;
        assert_eq!(amount(&view["tax_total"]), 11, "{view}");
        ok(patch(&t, &sam, json!({"tax_scope": "per_line"})).await);
        let doc = pay_and_complete(&t, &sam, &sale, json!({"kind": "card"})).await;
        assert_eq!(amount(&doc["tax_total"]), 12, "{doc}");
        assert_eq!(amount(&doc["total"]), 162, "{doc}");
        assert_eq!(amount(&doc["payments"][0]["amount"]), 162);
    }
}

#[tokio::test]
async fn cash_totals_round_to_five_cents_and_cards_pay_to_the_cent() {
    for t in apps().await {
        let ana = new_store(&t, "CAD", "en-CA", "America/Toronto", "ana").await;
        let res = ok(patch(
            &t,
            &ana,
            json!({"tax_mode": "exclusive", "cash_rounding": "0.05"}),
        )
        .await);
        assert_eq!(res["cash_rounding"], "0.05");
        let gst = json!({"categories": [
            {"category": "standard", "rates": [{"code": "GST", "label": "GST 5%", "rate": "5"}]},
            {"category": "zero", "rates": [{"code": "ZERO", "label": "Zero-rated", "rate": "0"}]}]});
        ok(put(&t, &ana, gst).await);
        let reg = open_register(&t, &ana, "t1").await;
        item(&t, &ana, "TEA", 469, "CAD", "standard").await;

        // 4.69 + 5 % GST = 4.92: 4.90 in cash, with a -0.02 rounding line.
        let (sale, view) = ring(&t, &ana, &reg, &["TEA"]).await;
        assert_eq!(amount(&view["total"]), 492, "{view}");
        assert_eq!(amount(&view["settlement"]["cash_due"]), 490);
        assert_eq!(amount(&view["settlement"]["remaining"]), 492);
        let cash = pay_and_complete(&t, &ana, &sale, json!({"kind": "cash", "amount": 500})).await;
        assert_eq!(amount(&cash["total"]), 492);
        assert_eq!(amount(&cash["settlement"]["rounding"]), -2);
        assert_eq!(amount(&cash["settlement"]["paid"]), 500, "as tendered");
        assert_eq!(amount(&cash["settlement"]["change"]), 10);
        assert_eq!(amount(&cash["payments"][0]["amount"]), 490);

        // The same total on a card is charged to the cent.
        let (sale, _) = ring(&t, &ana, &reg, &["TEA"]).await;
        let card = pay_and_complete(&t, &ana, &sale, json!({"kind": "card"})).await;
        assert_eq!(amount(&card["total"]), 492);
        assert_eq!(amount(&card["settlement"]["rounding"]), 0);
        assert_eq!(amount(&card["payments"][0]["amount"]), 492);

        // The X report keeps the rounding as its own figure.
        let x = t
            .get(&format!("/api/v1/registers/{reg}/x-report"), &ana)
            .await
            .body;
        assert_eq!(amount(&x["net_total"]), 984);
        assert_eq!(amount(&x["rounding"]), -2);
        assert_eq!(amount(&x["drawer"]["cash_taken"]), 490);

        // REFERENCE.md section 8's table (zero-rated goods, so the total is the price).
        for (price, due) in [
            (101, 100),
            (102, 100),
            (103, 105),
            (104, 105),
            (106, 105),
            (107, 105),
            (108, 110),
            (109, 110),
        ] {
            let sku = format!("Z{price}");
            item(&t, &ana, &sku, price, "CAD", "zero").await;
            let (sale, view) = ring(&t, &ana, &reg, &[sku.as_str()]).await;
            assert_eq!(amount(&view["total"]), price);
            assert_eq!(amount(&view["settlement"]["cash_due"]), due, "{price}");
            assert_eq!(amount(&view["settlement"]["remaining"]), price, "on a card");
            ok(t.json(
                "POST",
                &format!("/api/v1/sales/{sale}/cancel"),
                Some(&ana),
                json!({}),
            )
            .await);
        }
    }
}

#[tokio::test]
async fn a_sale_being_paid_holds_back_changes_that_would_price_it_again() {
    for t in apps().await {
        let owner = t.login("olivia").await;
        let cashier = t.login("chloe").await;
        let reg = open_register(&t, &owner, "t1").await;
        item(&t, &owner, "RUG", 1_000, "EUR", "standard").await;
        ok(patch(&t, &owner, json!({"tax_mode": "exclusive"})).await);
        // 10.00 + 20 % = 12.00, of which 11.00 is paid by card: back to VAT-inclusive prices
        // the total would be 10.00, below what the card paid.
        let (sale, view) = ring(&t, &cashier, &reg, &["RUG"]).await;
        assert_eq!(amount(&view["total"]), 1_200);
        ok(t.json_key(
            "POST",
            &format!("/api/v1/sales/{sale}/payments"),
            &cashier,
            "card-part",
            json!({"kind": "card", "amount": 1_100}),
        )
        .await);
        let before = (
            t.get(CHECKOUT, &owner).await.body,
            t.get(TAXES, &owner).await.body,
        );
        for (method, path, body) in [
            ("PATCH", CHECKOUT, json!({"tax_mode": "inclusive"})),
            ("PATCH", CHECKOUT, json!({"tax_scope": "per_document"})),
            ("PATCH", CHECKOUT, json!({"cash_rounding": "0.05"})),
            ("PUT", TAXES, json!({"preset": "de"})),
        ] {
            let res = t.json(method, path, Some(&owner), body.clone()).await;
            assert_eq!(
                (res.status, res.code()),
                (StatusCode::CONFLICT, "tenders_in_progress"),
                "{body}: {}",
                res.body
            );
        }
        assert_eq!(
            (
                t.get(CHECKOUT, &owner).await.body,
                t.get(TAXES, &owner).await.body
            ),
            before
        );
        // What does not re-price goes through, and so does the same value again.
        ok(patch(
            &t,
            &owner,
            json!({"receipt_footer": "Thanks", "tax_mode": "exclusive"}),
        )
        .await);

        let doc = pay_and_complete(&t, &cashier, &sale, json!({"kind": "cash"})).await;
        assert_eq!(amount(&doc["total"]), 1_200);
        ok(patch(&t, &owner, json!({"tax_mode": "inclusive"})).await);
        let (_, view) = ring(&t, &cashier, &reg, &["RUG"]).await;
        assert_eq!(amount(&view["total"]), 1_000, "new sales follow the change");
    }
}
