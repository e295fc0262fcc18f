//! A cashier's whole day on every backend, reconciled to the cent: a counted float, 100 mixed
//! sales generated from a fixed seed (two VAT rates, awkward prices, weighed goods by scale
//! label and by weight, line discounts within the cashier's limit, cash with 0.05 rounding and
//! change, cards, wallets, split tenders), returns by receipt, cancellations, then the drawer
//! closed with the exact cash counted note by note. The Z report must equal what the stored
//! documents add up to, and the journal must verify.

mod support;

use std::collections::BTreeMap;

use axum::http::StatusCode;
use serde_json::{Value, json};
use support::{TestApp, amount, apps_with_layout};

/// (SKU, price per unit or per kg, tax category, sold by weight, barcode).
const PRODUCTS: [(&str, i64, &str, bool, &str); 8] = [
    ("COFFEE", 837, "standard", false, "4006381333931"),
    ("CHOC", 219, "reduced", false, "9501101530003"),
    ("BATT", 649, "standard", false, ""),
    ("JUICE", 167, "reduced", false, ""),
    ("BREAD", 113, "reduced", false, ""),
    ("WINE", 1107, "standard", false, ""),
    // Weighed: cheese by a Swedish-layout scale label (23 + item 123456 + grams), tomatoes
    // by the weight typed in.
    ("CHEESE", 1899, "reduced", true, "2312345600004"),
    ("TOMATO", 349, "reduced", true, ""),
];
/// The float, counted by denomination (minor units → how many): 208.00.
const FLOAT: [(i64, i64); 8] = [
    (2000, 5),
    (1000, 5),
    (500, 4),
    (200, 10),
    (100, 10),
    (50, 10),
    (20, 10),
    (10, 10),
];
/// Notes and coins, largest first, for counting the drawer at closing.
const DENOMINATIONS: [i64; 12] = [5000, 2000, 1000, 500, 200, 100, 50, 20, 10, 5, 2, 1];
/// Amounts the simulated terminal declines or lets time out: never charged here.
const TERMINAL_TRAPS: [i64; 2] = [666, 999];

/// xorshift64*: a fixed seed gives the same day every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `lo..=hi`.
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        let span = u64::try_from(hi - lo + 1).unwrap();
        lo + i64::try_from(self.next() % span).unwrap()
    }
}

/// A Swedish weight label for the cheese: 23, item 123456, grams on 4 digits, GTIN check.
fn cheese_label(grams: i64) -> String {
    let body = format!("23123456{grams:04}");
    let sum: u32 = body
        .bytes()
        .enumerate()
        .map(|(i, b)| u32::from(b - b'0') * if i % 2 == 0 { 1 } else { 3 })
        .sum();
    format!("{body}{}", (10 - sum % 10) % 10)
}

/// A quantity in thousandths as the API writes it (`"0.453"`).
fn kilos(grams: i64) -> String {
    format!("{}.{:03}", grams / 1000, grams % 1000)
}

struct Day<'a> {
    t: &'a TestApp,
    cashier: String,
    reg: String,
    keys: u64,
}

impl Day<'_> {
    async fn post(&self, path: &str, body: Value) -> Value {
        let res = self.t.json("POST", path, Some(&self.cashier), body).await;
        assert!(res.status.is_success(), "{path}: {}", res.body);
        res.body
    }

    async fn post_key(&mut self, path: &str, body: Value) -> Value {
        self.keys += 1;
        let key = format!("key-{}", self.keys);
        let res = self
            .t
            .json_key("POST", path, &self.cashier, &key, body)
            .await;
        assert_eq!(res.status, StatusCode::OK, "{path}: {}", res.body);
        res.body
    }

    async fn open(&self) -> String {
        let v = self
            .post("/api/v1/sales", json!({"register_id": self.reg}))
            .await;
        v["id"].as_str().unwrap().to_owned()
    }

    /// Rings up 1 to 5 different products; returns the cart's last view.
    async fn ring(&self, rng: &mut Rng, sale: &str) -> Value {
        let mut picks: Vec<usize> = (0..PRODUCTS.len()).collect();
        let lines = usize::try_from(rng.range(1, 5)).unwrap();
        let mut view = Value::Null;
        for n in 0..lines {
            let j = n + usize::try_from(rng.range(0, i64::try_from(picks.len() - n - 1).unwrap()))
                .unwrap();
            picks.swap(n, j);
            let (sku, _, _, weighed, _) = PRODUCTS[picks[n]];
            let body = match (sku, weighed) {
                ("CHEESE", _) => json!({"code": cheese_label(rng.range(80, 1500))}),
                (_, true) => json!({"code": sku, "quantity": kilos(rng.range(150, 2500))}),
                _ if rng.range(0, 2) == 0 => {
                    json!({"code": sku, "quantity": rng.range(2, 4).to_string()})
                }
                _ => json!({"code": sku}),
            };
            view = self
                .post(&format!("/api/v1/sales/{sale}/lines"), body)
                .await;
        }
        // A line discount within the cashier's own limit (10 %) on one sale in five.
        if rng.range(0, 4) == 0 {
            let lines = view["lines"].as_array().unwrap();
            let line = &lines
                [usize::try_from(rng.range(0, i64::try_from(lines.len() - 1).unwrap())).unwrap()];
            let percent = ["2.5", "5", "7.5", "10"][usize::try_from(rng.range(0, 3)).unwrap()];
            view = self
                .t
                .json(
                    "PATCH",
                    &format!("/api/v1/sales/{sale}/lines/{}", line["line_no"]),
                    Some(&self.cashier),
                    json!({"discount": {"percent": percent, "reason": "damaged"}}),
                )
                .await
                .body;
            assert!(view["lines"].is_array(), "{view}");
        }
        view
    }

    async fn pay(&mut self, sale: &str, body: Value) -> Value {
        let body = support::amount_due_filled(self.t, &self.cashier, sale, body).await;
        self.post_key(&format!("/api/v1/sales/{sale}/payments"), body)
            .await
    }

    /// Pays: cash only (exact or with a note), card only, card and cash with change, wallet.
    async fn settle(&mut self, rng: &mut Rng, sale: &str, view: &Value) {
        let total = amount(&view["total"]);
        let cash_due = amount(&view["settlement"]["cash_due"]);
        let note = |due: i64, step: i64| (due / step + 1) * step;
        let mut plan = rng.range(0, 9);
        if TERMINAL_TRAPS.contains(&total) && plan >= 4 {
            plan = 0;
        }
        let v = match plan {
            0 => self.pay(sale, json!({"kind": "cash"})).await,
            1..=3 => {
                let given = note(
                    cash_due,
                    [500, 1000, 2000][usize::try_from(plan - 1).unwrap()],
                );
                self.pay(sale, json!({"kind": "cash", "amount": given}))
                    .await
            }
            4..=6 => self.pay(sale, json!({"kind": "card"})).await,
            7 | 8 if total > 1 => {
                let mut part = total / 2;
                if TERMINAL_TRAPS.contains(&part) {
                    part -= 1;
                }
                let v = self
                    .pay(sale, json!({"kind": "card", "amount": part}))
                    .await;
                let due = amount(&v["settlement"]["cash_due"]);
                self.pay(sale, json!({"kind": "cash", "amount": note(due, 1000)}))
                    .await
            }
            _ => self.pay(sale, json!({"kind": "wallet"})).await,
        };
        assert_eq!(v["settlement"]["settled"], true, "{v}");
    }

    async fn complete(&mut self, sale: &str) -> Value {
        let v = self
            .post_key(&format!("/api/v1/sales/{sale}/complete"), json!({}))
            .await;
        assert_eq!(v["status"], "completed", "{v}");
        v
    }

    /// Returns one or two lines of a completed sale by its receipt; refunds to its card or
    /// wallet first (never more than it paid), the rest in cash.
    async fn give_back(&mut self, rng: &mut Rng, receipt: &str) -> String {
        let v = self
            .post(
                "/api/v1/returns",
                json!({"register_id": self.reg, "receipt": receipt}),
            )
            .await;
        let ret = v["id"].as_str().unwrap().to_owned();
        let lines = v["original"]["lines"].as_array().unwrap().len();
        let mut view = Value::Null;
        for line_no in 1..=lines.min(usize::try_from(rng.range(1, 2)).unwrap()) {
            view = self
                .post(
                    &format!("/api/v1/returns/{ret}/lines"),
                    json!({"original_line_no": line_no}),
                )
                .await;
        }
        let mut due = -amount(&view["total"]);
        for tender in view["original"]["tenders"].as_array().unwrap() {
            let kind = tender["kind"].as_str().unwrap();
            let refund = amount(&tender["refundable"]).min(due);
            if kind == "cash" || refund <= 0 || TERMINAL_TRAPS.contains(&refund) {
                continue;
            }
            self.pay(&ret, json!({"kind": kind})).await;
            due -= refund;
        }
        if due > 0 {
            self.pay(&ret, json!({"kind": "cash"})).await;
        }
        self.complete(&ret).await;
        ret
    }
}

/// What the stored documents add up to.
#[derive(Default, Debug, PartialEq)]
struct Sums {
    total: i64,
    tax: i64,
    rounding: i64,
    /// kind → (count, amount).
    tenders: BTreeMap<String, (i64, i64)>,
    /// tax code → (base, tax, gross).
    taxes: BTreeMap<String, (i64, i64, i64)>,
    /// How many documents had each feature the day is meant to cover.
    seen: BTreeMap<&'static str, usize>,
}

impl Sums {
    fn add(&mut self, doc: &Value) {
        assert_eq!(doc["status"], "completed", "{doc}");
        self.total += amount(&doc["total"]);
        self.tax += amount(&doc["tax_total"]);
        let rounding = amount(&doc["settlement"]["rounding"]);
        self.rounding += rounding;
        let mut paid = 0;
        for p in doc["payments"].as_array().unwrap() {
            let e = self
                .tenders
                .entry(p["kind"].as_str().unwrap().to_owned())
                .or_default();
            e.0 += 1;
            e.1 += amount(&p["amount"]);
            paid += amount(&p["amount"]);
        }
        assert_eq!(
            paid,
            amount(&doc["total"]) + rounding,
            "a document's tenders pay its total plus cash rounding: {doc}"
        );
        let lines = doc["lines"].as_array().unwrap();
        let kinds: Vec<&str> = doc["payments"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["kind"].as_str().unwrap())
            .collect();
        let is_return = doc["kind"] == "return";
        for (feature, present) in [
            (
                "line discount",
                lines.iter().any(|l| amount(&l["line_discount"]) != 0),
            ),
            ("scale label", lines.iter().any(|l| l["sku"] == "CHEESE")),
            ("typed weight", lines.iter().any(|l| l["sku"] == "TOMATO")),
            ("change", amount(&doc["settlement"]["change"]) > 0),
            (
                "card and cash",
                kinds.contains(&"card") && kinds.contains(&"cash"),
            ),
            ("cash refund", is_return && kinds.contains(&"cash")),
            ("card refund", is_return && kinds.contains(&"card")),
        ] {
            *self.seen.entry(feature).or_default() += usize::from(present);
        }
        for t in doc["taxes"].as_array().unwrap() {
            let e = self
                .taxes
                .entry(t["code"].as_str().unwrap().to_owned())
                .or_default();
            e.0 += amount(&t["base"]);
            e.1 += amount(&t["tax"]);
            e.2 += amount(&t["gross"]);
        }
    }
}

async fn shop(t: &TestApp) -> Day<'_> {
    let _ = tracing_subscriber::fmt().with_test_writer().try_init();
    let owner = t.login("olivia").await;
    let res = t
        .json(
            "PATCH",
            "/api/v1/store/checkout",
            Some(&owner),
            json!({"cash_rounding": "0.05", "cashier_discount_limit": "10"}),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    for (sku, price, tax, weighed, code) in PRODUCTS {
        let codes: Vec<&str> = [code].into_iter().filter(|c| !c.is_empty()).collect();
        let body = json!({"sku": sku, "name": sku.to_lowercase(), "tax_category": tax,
            "price": {"amount": price, "currency": "EUR"}, "barcodes": codes,
            "unit": if weighed { "kg" } else { "each" }, "sold_by_weight": weighed});
        let res = t.create_product(&owner, body).await;
        assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
    }
    let res = t
        .json(
            "POST",
            "/api/v1/registers",
            Some(&owner),
            json!({"code": "t1", "name": "Till 1"}),
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
    let reg = res.body["id"].as_str().unwrap().to_owned();
    // The cashier works at the till: a device paired with T1, her PIN there.
    let device = t.pair(&owner, &reg).await;
    let cashier = t.till_login(&device, &reg, "chloe").await;
    let count: BTreeMap<String, i64> = FLOAT.iter().map(|(d, n)| (d.to_string(), *n)).collect();
    let res = t
        .json(
            "POST",
            &format!("/api/v1/registers/{reg}/drawer/open"),
            Some(&cashier),
            json!({ "count": count }),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert_eq!(amount(&res.body["session"]["opening_float"]), 20_800);
    Day {
        t,
        cashier,
        reg,
        keys: 0,
    }
}

#[tokio::test]
async fn a_cashiers_day_reconciles_to_the_cent() {
    for t in apps_with_layout("se").await {
        let mut day = shop(&t).await;
        let mut rng = Rng(0x5EED_CA15_5E00_0001);
        let mut receipts: Vec<String> = Vec::new();
        let mut documents: Vec<String> = Vec::new();
        let mut cancelled = 0;
        for i in 0..100 {
            let sale = day.open().await;
            let view = day.ring(&mut rng, &sale).await;
            day.settle(&mut rng, &sale, &view).await;
            let done = day.complete(&sale).await;
            receipts.push(done["receipt_number"].as_str().unwrap().to_owned());
            documents.push(sale);
            if i % 40 == 20 {
                let sale = day.open().await;
                day.ring(&mut rng, &sale).await;
                day.post(
                    &format!("/api/v1/sales/{sale}/cancel"),
                    json!({"reason": "customer_left"}),
                )
                .await;
                cancelled += 1;
            }
            if i % 20 == 19 {
                // Each receipt is brought back at most once.
                let last = i64::try_from(receipts.len() - 1).unwrap();
                let receipt = receipts.swap_remove(usize::try_from(rng.range(0, last)).unwrap());
                documents.push(day.give_back(&mut rng, &receipt).await);
            }
        }
        let returns = documents.len() - 100;
        assert_eq!((returns, cancelled), (5, 2));

        let mut sums = Sums::default();
        for id in &documents {
            let res = t.get(&format!("/api/v1/sales/{id}"), &day.cashier).await;
            assert_eq!(res.status, StatusCode::OK, "{}", res.body);
            sums.add(&res.body);
        }
        let kinds: Vec<&str> = sums.tenders.keys().map(String::as_str).collect();
        assert_eq!(kinds, ["card", "cash", "wallet"], "every tender was used");
        assert!(sums.rounding != 0, "cash rounding happened: {sums:?}");
        assert!(sums.seen.values().all(|n| *n > 0), "{:?}", sums.seen);
        let cash = sums.tenders["cash"].1;
        let expected = 20_800 + cash;

        let x = t
            .get(
                &format!("/api/v1/registers/{}/x-report", day.reg),
                &day.cashier,
            )
            .await
            .body;
        assert_eq!(amount(&x["drawer"]["expected_cash"]), expected, "{x}");

        // Count the drawer note by note, exactly.
        let mut left = expected;
        let mut count = BTreeMap::new();
        for d in DENOMINATIONS {
            if left >= d {
                count.insert(d.to_string(), left / d);
                left %= d;
            }
        }
        let res = day
            .post(
                &format!("/api/v1/registers/{}/drawer/close", day.reg),
                json!({ "count": count }),
            )
            .await;
        assert_eq!(amount(&res["counted"]), expected);
        assert_eq!(amount(&res["over_short"]), 0);
        let z = &res["z"];
        let report = &z["report"];
        assert_eq!(amount(&report["drawer"]["over_short"]), 0);
        assert_eq!(amount(&report["drawer"]["cash_taken"]), cash);
        assert_eq!(amount(&z["period_total"]), sums.total);
        assert_eq!(amount(&report["net_total"]), sums.total);
        assert_eq!(amount(&report["tax_total"]), sums.tax);
        assert_eq!(amount(&report["rounding"]), sums.rounding);
        assert_eq!(
            (
                &report["sales_count"],
                &report["returns_count"],
                &report["cancellations_count"]
            ),
            (&json!(100), &json!(returns), &json!(cancelled))
        );
        let tenders: BTreeMap<String, (i64, i64)> = report["tenders"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| {
                let kind = t["kind"].as_str().unwrap().to_owned();
                (kind, (t["count"].as_i64().unwrap(), amount(&t["amount"])))
            })
            .collect();
        assert_eq!(tenders, sums.tenders, "Z tenders = the documents' payments");
        let taxes: BTreeMap<String, (i64, i64, i64)> = report["taxes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| {
                let code = t["code"].as_str().unwrap().to_owned();
                (
                    code,
                    (amount(&t["base"]), amount(&t["tax"]), amount(&t["gross"])),
                )
            })
            .collect();
        assert_eq!(taxes.len(), 2, "standard and reduced: {taxes:?}");
        assert_eq!(taxes, sums.taxes, "Z taxes = the documents' taxes");
        let tendered: i64 = tenders.values().map(|t| t.1).sum();
        assert_eq!(tendered, sums.total + sums.rounding);

        for r in caisse_app::checkout::journal::verify_all(&t.app.db)
            .await
            .unwrap()
        {
            assert_eq!(r.problem, None, "{r:?}");
        }
    }
}
