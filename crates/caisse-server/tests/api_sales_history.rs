//! Sales history on every backend (issue 12): `GET /sales` lists completed sales and returns
//! newest first with every filter and a cursor, a sale's journal entries and its returns are
//! read back, and a reprint counts as a duplicate in its journal.

mod support;

use axum::http::StatusCode;
use serde_json::{Value, json};
use support::till::{A, B, complete, pay, register, sale_of, shop, start_return};
use support::{TestApp, amount, apps};

/// Sells `codes` on `reg` and pays with `kind`; returns (sale id, receipt number).
async fn sold(t: &TestApp, token: &str, reg: &str, codes: &[&str], kind: &str) -> (String, String) {
    let sale = sale_of(t, token, reg, codes).await;
    let tag = &sale[sale.len() - 8..];
    let due = t.get(&format!("/api/v1/sales/{sale}"), token).await.body["total"].clone();
    let body = if kind == "cash" {
        json!({"kind": "cash"})
    } else {
        json!({"kind": kind, "amount": amount(&due)})
    };
    let res = pay(t, token, &sale, &format!("{tag}-pay"), body).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let done = complete(t, token, &sale, &format!("{tag}-done")).await;
    (sale, done["receipt_number"].as_str().unwrap().to_owned())
}

async fn list(t: &TestApp, token: &str, query: &str) -> Value {
    let res = t.get(&format!("/api/v1/sales{query}"), token).await;
    assert_eq!(res.status, StatusCode::OK, "{query}: {}", res.body);
    res.body
}

fn receipts(page: &Value) -> Vec<&str> {
    page["items"]
        .as_array()
        .unwrap_or_else(|| panic!("no items in {page}"))
        .iter()
        .map(|s| s["receipt_number"].as_str().unwrap())
        .collect()
}

#[tokio::test]
async fn the_history_lists_completed_sales_and_returns_newest_first_with_every_filter() {
    for t in apps().await {
        let (owner, cashier, t1) = shop(&t).await;
        let t2 = register(&t, &owner, &owner, "t2").await;
        let (first, r1) = sold(&t, &cashier, &t1, &[A, A], "cash").await; // 5.00
        let (_, r2) = sold(&t, &cashier, &t1, &[B], "card").await; // 1.20
        let (_, r3) = sold(&t, &owner, &t2, &[A, B], "cash").await; // 3.70
        // One A of the first sale comes back in cash: -2.50.
        let ret = start_return(&t, &cashier, &t1, &first).await;
        let res = t
            .json(
                "POST",
                &format!("/api/v1/returns/{ret}/lines"),
                Some(&cashier),
                json!({"original_line_no": 1, "quantity": "1"}),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let res = pay(&t, &cashier, &ret, "ret-pay", json!({"kind": "cash"})).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let r4 = complete(&t, &cashier, &ret, "ret-done").await["receipt_number"]
            .as_str()
            .unwrap()
            .to_owned();
        // An open sale is not history.
        sale_of(&t, &cashier, &t1, &[B]).await;

        let all = list(&t, &owner, "").await;
        assert_eq!(
            receipts(&all),
            [r4.as_str(), r3.as_str(), r2.as_str(), r1.as_str()],
            "{:?}",
            t.backend
        );
        let row = &all["items"][0];
        assert_eq!(row["kind"], "return");
        assert_eq!(row["original_sale_id"], first.as_str());
        assert_eq!(amount(&row["total"]), -250);
        assert_eq!(row["register"]["code"], "T1");
        assert!(
            row["cashier"]["name"]
                .as_str()
                .is_some_and(|n| !n.is_empty())
        );
        assert!(all["next_cursor"].is_null());

        let date = all["items"][0]["business_date"]
            .as_str()
            .unwrap()
            .to_owned();
        let next_day = {
            let d: jiff::civil::Date = date.parse().unwrap();
            d.tomorrow().unwrap().to_string()
        };
        let cases: Vec<(String, Vec<&str>)> = vec![
            (format!("?register_id={t2}"), vec![r3.as_str()]),
            (
                format!("?register_id={t1}&kind=sale"),
                vec![r2.as_str(), r1.as_str()],
            ),
            ("?kind=return".into(), vec![r4.as_str()]),
            (format!("?receipt={}", r2.to_lowercase()), vec![r2.as_str()]),
            ("?tender=card".into(), vec![r2.as_str()]),
            (
                "?min_total=250&max_total=400".into(),
                vec![r4.as_str(), r3.as_str()],
            ),
            ("?min_total=500".into(), vec![r1.as_str()]),
            (
                format!("?from={date}&to={date}"),
                vec![r4.as_str(), r3.as_str(), r2.as_str(), r1.as_str()],
            ),
            (format!("?from={next_day}"), vec![]),
            (
                format!("?to={date}&tender=cash&register_id={t1}"),
                vec![r4.as_str(), r1.as_str()],
            ),
        ];
        for (query, want) in cases {
            let page = list(&t, &owner, &query).await;
            assert_eq!(receipts(&page), want, "{query} on {:?}", t.backend);
        }
        // The cashier's filter: the owner rang up r3 only.
        let me = t.get("/api/v1/auth/me", &owner).await.body["user"]["id"].clone();
        let mine = list(&t, &owner, &format!("?cashier_id={}", me.as_str().unwrap())).await;
        assert_eq!(receipts(&mine), [r3.as_str()]);

        // Pages of two, each starting after the last of the one before.
        let p1 = list(&t, &owner, "?limit=2").await;
        assert_eq!(receipts(&p1), [r4.as_str(), r3.as_str()]);
        let cursor = p1["next_cursor"].as_str().expect("a next page").to_owned();
        let p2 = list(&t, &owner, &format!("?limit=2&cursor={cursor}")).await;
        assert_eq!(receipts(&p2), [r2.as_str(), r1.as_str()]);
        let cursor = p2["next_cursor"].as_str().map(str::to_owned);
        if let Some(cursor) = cursor {
            let p3 = list(&t, &owner, &format!("?limit=2&cursor={cursor}")).await;
            assert!(receipts(&p3).is_empty());
        }

        // Bad filters are refused with the field named; a cashier may not read the history.
        for (query, field) in [
            ("?from=2026-13-01", "from"),
            ("?from=2026-12-07&to=2026-12-01", "to"),
            ("?kind=refund", "kind"),
            ("?tender=cheque", "tender"),
            ("?limit=0", "limit"),
            ("?cursor=nonsense", "cursor"),
        ] {
            let res = t.get(&format!("/api/v1/sales{query}"), &owner).await;
            assert_eq!(
                res.status,
                StatusCode::UNPROCESSABLE_ENTITY,
                "{query}: {}",
                res.body
            );
            assert_eq!(res.body["error"]["details"]["field"], field, "{query}");
        }
        let res = t.get("/api/v1/sales", &cashier).await;
        assert_eq!(res.status, StatusCode::FORBIDDEN, "{}", res.body);
    }
}

#[tokio::test]
async fn a_sale_is_opened_with_its_journal_entries_and_its_returns() {
    for t in apps().await {
        let (owner, cashier, t1) = shop(&t).await;
        let (sale, receipt) = sold(&t, &cashier, &t1, &[A, B], "cash").await;
        let journal = t
            .get(&format!("/api/v1/sales/{sale}/journal"), &owner)
            .await;
        assert_eq!(journal.status, StatusCode::OK, "{}", journal.body);
        let items = journal.body["items"].as_array().unwrap().clone();
        assert_eq!(items.len(), 1, "{}", journal.body);
        assert_eq!(items[0]["kind"], "sale");
        assert_eq!(items[0]["hash"].as_str().map(str::len), Some(64));
        assert_eq!(
            items[0]["payload"]["receipt"],
            receipt.as_str(),
            "{}",
            items[0]
        );

        // A reprint is a counted duplicate, journaled after the sale.
        let res = t
            .send(
                "POST",
                &format!("/api/v1/sales/{sale}/reprint?format=text"),
                Some(&cashier),
                None,
                "",
            )
            .await;
        assert_eq!(res.status, StatusCode::OK);
        let journal = t
            .get(&format!("/api/v1/sales/{sale}/journal"), &owner)
            .await;
        let kinds: Vec<&str> = journal.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["kind"].as_str().unwrap())
            .collect();
        assert_eq!(kinds, ["sale", "reprint"]);
        assert_eq!(journal.body["items"][1]["payload"]["copy"], 1);
        assert_eq!(
            journal.body["items"][1]["prev_hash"], journal.body["items"][0]["hash"],
            "the reprint follows the sale in the chain"
        );

        let none = t
            .get(&format!("/api/v1/sales/{sale}/returns"), &owner)
            .await;
        assert_eq!(none.body["items"], json!([]));
        let ret = start_return(&t, &cashier, &t1, &sale).await;
        let res = t
            .json(
                "POST",
                &format!("/api/v1/returns/{ret}/lines"),
                Some(&cashier),
                json!({"original_line_no": 2}),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        pay(&t, &cashier, &ret, "r-pay", json!({"kind": "cash"})).await;
        complete(&t, &cashier, &ret, "r-done").await;
        let returns = t
            .get(&format!("/api/v1/sales/{sale}/returns"), &owner)
            .await;
        assert_eq!(returns.body["items"].as_array().map(Vec::len), Some(1));
        assert_eq!(returns.body["items"][0]["id"], ret.as_str());
        assert_eq!(amount(&returns.body["items"][0]["total"]), -120);

        let unknown = uuid::Uuid::now_v7();
        let res = t
            .get(&format!("/api/v1/sales/{unknown}/journal"), &owner)
            .await;
        assert_eq!(res.status, StatusCode::NOT_FOUND);
    }
}
