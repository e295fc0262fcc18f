//! The JSON a sale is shown with, pinned by insta snapshots (ids, times and codes redacted):
//! a live sale, a completed sale and a completed return as `GET /sales/{id}` answers them,
//! the answers to completing and cancelling, and the journal event each document records.

mod support;

use std::collections::HashMap;

use axum::http::StatusCode;
use insta::internals::{Content, ContentPath};
use serde_json::{Value, json};
use support::till::{A, B, complete, pay, shop, start_return, void};
use support::{TestApp, apps, open, scan};

/// Replaces an id, time or code with a placeholder, and leaves a null alone (whether a
/// field is null is part of the shape).
fn placeholder(name: &'static str) -> insta::internals::Redaction {
    insta::dynamic_redaction(move |value: Content, _: ContentPath<'_>| match value {
        Content::None | Content::Unit => value,
        _ => Content::from(name),
    })
}

macro_rules! assert_sale_snapshot {
    ($name:expr, $value:expr) => {
        insta::assert_json_snapshot!($name, $value, {
            ".id" => placeholder("[id]"),
            ".register_id" => placeholder("[register]"),
            ".cashier_id" => placeholder("[user]"),
            ".original_sale_id" => placeholder("[sale]"),
            ".business_date" => placeholder("[date]"),
            ".completed_at" => placeholder("[time]"),
            ".discount.approved_by" => placeholder("[user]"),
            ".lines[].item_id" => placeholder("[item]"),
            ".lines[].discount.approved_by" => placeholder("[user]"),
            ".payments[].id" => placeholder("[payment]"),
            ".payments[].voided_by" => placeholder("[payment]"),
            ".payments[].reverses" => placeholder("[payment]"),
            ".payments[].credit_note" => placeholder("[code]"),
            ".payments[].auth_code" => placeholder("[auth]"),
        });
    };
}

/// An id replaced by its number in the order ids appear; any other text left as it is.
fn numbered(text: &str, ids: &mut HashMap<String, String>) -> String {
    if text.len() != 36 || uuid::Uuid::parse_str(text).is_err() {
        return text.to_owned();
    }
    let n = ids.len() + 1;
    ids.entry(text.to_owned())
        .or_insert_with(|| format!("[id-{n}]"))
        .clone()
}

/// A journal event with its ids numbered in the order they appear (they are keys too: the
/// tenders' ids) and its times replaced.
fn normalised(event: &Value) -> Value {
    fn walk(v: &Value, ids: &mut HashMap<String, String>) -> Value {
        match v {
            Value::String(s) => Value::String(numbered(s, ids)),
            Value::Array(items) => Value::Array(items.iter().map(|i| walk(i, ids)).collect()),
            Value::Object(fields) => Value::Object(
                fields
                    .iter()
                    .map(|(k, v)| match k.as_str() {
                        "ts" => (k.clone(), json!("[time]")),
                        "business_date" => (k.clone(), json!("[date]")),
                        _ => (numbered(k, ids), walk(v, ids)),
                    })
                    .collect(),
            ),
            other => other.clone(),
        }
    }
    walk(event, &mut HashMap::new())
}

/// The event of the document's own journal entry.
async fn journal_event(t: &TestApp, owner: &str, id: &str) -> Value {
    let res = t.get(&format!("/api/v1/sales/{id}/journal"), owner).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    normalised(&res.body["items"][0]["payload"])
}

async fn ok(t: &TestApp, method: &str, path: &str, token: &str, body: Value) -> Value {
    let res = t.json(method, path, Some(token), body).await;
    assert_eq!(res.status, StatusCode::OK, "{path}: {}", res.body);
    res.body
}

/// A sale with two lines, a line discount and a sale discount, a card payment voided, then a
/// card and a cash tender (with change); returns (sale id, its live view before the cash).
async fn rung_up_sale(t: &TestApp, cashier: &str, reg: &str) -> (String, Value) {
    let sale = open(t, cashier, reg).await;
    for code in [A, A, B] {
        scan(t, cashier, &sale, code).await;
    }
    let path = format!("/api/v1/sales/{sale}");
    let discount = json!({"discount": {"percent": "10", "reason": "damaged"}});
    ok(t, "PATCH", &format!("{path}/lines/2"), cashier, discount).await;
    let discount = json!({"discount": {"amount": 13, "reason": "loyalty"}});
    ok(t, "PUT", &format!("{path}/discount"), cashier, discount).await;
    let res = pay(
        t,
        cashier,
        &sale,
        "card-1",
        json!({"kind": "card", "amount": 300}),
    )
    .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let card = res.body["payments"][0]["id"].as_str().unwrap().to_owned();
    let res = void(t, cashier, &sale, &card, "void-1").await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let res = pay(
        t,
        cashier,
        &sale,
        "card-2",
        json!({"kind": "card", "amount": 200}),
    )
    .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let live = t.get(&path, cashier).await;
    assert_eq!(live.status, StatusCode::OK, "{}", live.body);
    let res = pay(
        t,
        cashier,
        &sale,
        "cash-1",
        json!({"kind": "cash", "amount": 500}),
    )
    .await;
    assert_eq!(res.body["settlement"]["settled"], true, "{}", res.body);
    (sale, live.body)
}

#[tokio::test]
async fn a_sale_live_and_completed_and_its_return_have_pinned_shapes() {
    for t in apps().await {
        let (owner, cashier, reg) = shop(&t).await;
        let (sale, live) = rung_up_sale(&t, &cashier, &reg).await;
        assert_sale_snapshot!("live_sale", &live);
        let answer = complete(&t, &cashier, &sale, "done-1").await;
        assert_sale_snapshot!("completed_sale_answer", &answer);
        let stored = t.get(&format!("/api/v1/sales/{sale}"), &cashier).await;
        assert_eq!(stored.status, StatusCode::OK, "{}", stored.body);
        assert_sale_snapshot!("completed_sale", &stored.body);
        insta::assert_json_snapshot!("journal_sale", journal_event(&t, &owner, &sale).await);

        let ret = start_return(&t, &cashier, &reg, &sale).await;
        let line = json!({"original_line_no": 1, "quantity": "1"});
        ok(
            &t,
            "POST",
            &format!("/api/v1/returns/{ret}/lines"),
            &cashier,
            line,
        )
        .await;
        let res = pay(
            &t,
            &cashier,
            &ret,
            "refund-1",
            json!({"kind": "store_credit"}),
        )
        .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        complete(&t, &cashier, &ret, "done-2").await;
        let stored = t.get(&format!("/api/v1/sales/{ret}"), &cashier).await;
        assert_eq!(stored.status, StatusCode::OK, "{}", stored.body);
        assert_sale_snapshot!("completed_return", &stored.body);
        insta::assert_json_snapshot!("journal_return", journal_event(&t, &owner, &ret).await);

        let gone = open(&t, &cashier, &reg).await;
        scan(&t, &cashier, &gone, B).await;
        let answer = ok(
            &t,
            "POST",
            &format!("/api/v1/sales/{gone}/cancel"),
            &cashier,
            json!({"reason": "customer_left"}),
        )
        .await;
        assert_sale_snapshot!("cancelled_sale_answer", &answer);
        let stored = t.get(&format!("/api/v1/sales/{gone}"), &cashier).await;
        assert_sale_snapshot!("cancelled_sale", &stored.body);
        insta::assert_json_snapshot!(
            "journal_cancellation",
            journal_event(&t, &owner, &gone).await
        );
    }
}

/// Fails unless every object present in both views has the same keys (a null stands for an
/// object or a list that does not apply), at every depth; list items are compared in order.
fn same_keys(a: &Value, b: &Value, path: &str) {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let (kx, ky): (Vec<&String>, Vec<&String>) = (x.keys().collect(), y.keys().collect());
            assert_eq!(kx, ky, "the keys of {path} differ");
            for (k, v) in x {
                same_keys(v, &y[k], &format!("{path}.{k}"));
            }
        }
        (Value::Array(x), Value::Array(y)) => {
            for (i, (v, w)) in x.iter().zip(y).enumerate() {
                same_keys(v, w, &format!("{path}[{i}]"));
            }
        }
        _ => {}
    }
}

#[tokio::test]
async fn a_live_sale_and_its_document_are_shown_with_the_same_keys() {
    for t in apps().await {
        let (_, cashier, reg) = shop(&t).await;
        let (sale, live) = rung_up_sale(&t, &cashier, &reg).await;
        let answer = complete(&t, &cashier, &sale, "done-1").await;
        let stored = t.get(&format!("/api/v1/sales/{sale}"), &cashier).await.body;
        // Every list the comparison walks has items on both sides.
        for list in ["lines", "taxes", "payments"] {
            assert!(
                live[list].as_array().is_some_and(|l| !l.is_empty()),
                "{list}"
            );
        }
        assert!(live["discount"].is_object() && stored["discount"].is_object());
        same_keys(&live, &stored, "sale");
        same_keys(&answer, &stored, "sale");
        // The answer to the completion is the document's view, with the cart's last version.
        assert!(live["version"].is_i64() && answer["version"].is_i64());
        assert_eq!(stored["version"], Value::Null);
        let mut answer = answer;
        answer["version"] = Value::Null;
        assert_eq!(answer, stored);
    }
}
