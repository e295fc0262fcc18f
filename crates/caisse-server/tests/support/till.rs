//! A till for tender tests: a register with an open drawer, two products, and helpers to
//! pay, complete and issue a credit note through the API.

use axum::http::StatusCode;
use serde_json::{Value, json};

use super::{Res, TestApp, amount, open, product, scan};

/// Apples, 2.50.
pub const A: &str = "4006381333931";
/// Bread, 1.20.
pub const B: &str = "9501101530003";

/// A register `T1` with an open drawer (100.00 float) and the two products; returns (owner,
/// cashier, register id).
pub async fn shop(t: &TestApp) -> (String, String, String) {
    let _ = tracing_subscriber::fmt().with_test_writer().try_init();
    let owner = t.login("olivia").await;
    let cashier = t.login("chloe").await;
    let reg = register(t, &owner, &cashier, "t1").await;
    for (sku, name, price, code) in [("A", "Apples", 250, A), ("B", "Bread", 120, B)] {
        let res = t
            .create_product(&owner, product(sku, name, price, &[code]))
            .await;
        assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
    }
    (owner, cashier, reg)
}

/// Another register with its drawer open (100.00 float); returns its id.
pub async fn register(t: &TestApp, owner: &str, cashier: &str, code: &str) -> String {
    super::open_register_by(t, owner, cashier, code).await
}

/// Starts a return of a completed sale (by id); returns the return's id.
pub async fn start_return(t: &TestApp, cashier: &str, reg: &str, sale: &str) -> String {
    let res = t
        .json(
            "POST",
            "/api/v1/returns",
            Some(cashier),
            json!({"register_id": reg, "sale_id": sale}),
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
    res.body["id"].as_str().unwrap().to_owned()
}

/// Takes back `quantity` of the original's line 1 on a return.
pub async fn return_line(t: &TestApp, cashier: &str, ret: &str, quantity: &str) -> Res {
    let res = t
        .json(
            "POST",
            &format!("/api/v1/returns/{ret}/lines"),
            Some(cashier),
            json!({"original_line_no": 1, "quantity": quantity}),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    res
}

/// Takes a tender.
pub async fn pay(t: &TestApp, token: &str, sale: &str, key: &str, body: Value) -> Res {
    t.json_key(
        "POST",
        &format!("/api/v1/sales/{sale}/payments"),
        token,
        key,
        body,
    )
    .await
}

/// Voids a tender.
pub async fn void(t: &TestApp, token: &str, sale: &str, payment: &str, key: &str) -> Res {
    t.json_key(
        "POST",
        &format!("/api/v1/sales/{sale}/payments/{payment}/void"),
        token,
        key,
        json!({}),
    )
    .await
}

/// Completes a paid sale and returns the document.
pub async fn complete(t: &TestApp, token: &str, sale: &str, key: &str) -> Value {
    let res = t
        .json_key(
            "POST",
            &format!("/api/v1/sales/{sale}/complete"),
            token,
            key,
            json!({}),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert_eq!(res.body["status"], "completed");
    res.body
}

/// Opens a sale with these codes scanned; returns its id.
pub async fn sale_of(t: &TestApp, token: &str, reg: &str, codes: &[&str]) -> String {
    let sale = open(t, token, reg).await;
    for code in codes {
        scan(t, token, &sale, code).await;
    }
    sale
}

/// Sells `n` × A for cash and takes them all back as store credit; returns the return's id
/// and the credit note's code, the return still open (not completed).
pub async fn return_as_credit(t: &TestApp, cashier: &str, reg: &str, n: usize) -> (String, String) {
    let sale = sale_of(t, cashier, reg, &vec![A; n]).await;
    let tag = &sale[sale.len() - 8..];
    let res = pay(
        t,
        cashier,
        &sale,
        &format!("{tag}-cash"),
        json!({"kind": "cash"}),
    )
    .await;
    assert_eq!(res.body["settlement"]["settled"], true, "{}", res.body);
    complete(t, cashier, &sale, &format!("{tag}-done")).await;
    let ret = start_return(t, cashier, reg, &sale).await;
    return_line(t, cashier, &ret, &n.to_string()).await;
    let res = pay(
        t,
        cashier,
        &ret,
        &format!("{tag}-credit"),
        json!({"kind": "store_credit"}),
    )
    .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let code = res.body["payments"][0]["credit_note"]
        .as_str()
        .unwrap_or_else(|| panic!("no credit note in {}", res.body))
        .to_owned();
    (ret, code)
}

/// Issues a credit note for `n` × A (2.50 each) by a completed return; returns its code.
pub async fn issue_note(t: &TestApp, cashier: &str, reg: &str, n: usize) -> String {
    let (ret, code) = return_as_credit(t, cashier, reg, n).await;
    complete(t, cashier, &ret, &format!("{code}-done")).await;
    code
}

/// A note's balance through the API, checked against the sum of its movements.
pub async fn balance(t: &TestApp, token: &str, code: &str) -> i64 {
    let res = t.get(&format!("/api/v1/credit-notes/{code}"), token).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let sum = caisse_store::testing::query_i64(
        &t.app.db,
        &format!(
            "SELECT CAST(SUM(amount) AS BIGINT) FROM credit_note_movements WHERE code = '{code}'"
        ),
    )
    .await
    .unwrap();
    let balance = amount(&res.body["balance"]);
    assert_eq!(balance, sum, "a note's balance is the sum of its movements");
    balance
}

/// An integer from SQL.
pub async fn count(t: &TestApp, sql: &str) -> i64 {
    caisse_store::testing::query_i64(&t.app.db, sql)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

/// Eight tills (registers `c2`..`c9`, opened by `owner` for `cashier`) each selling one `code`
/// `sales` times, paid in cash, all at once: the tasks, to be awaited by the caller while it
/// runs other stock documents against the same item.
pub async fn eight_tills_selling(
    t: &std::sync::Arc<TestApp>,
    owner: &str,
    cashier: &str,
    code: &'static str,
    sales: usize,
) -> Vec<tokio::task::JoinHandle<()>> {
    let mut registers = Vec::new();
    for i in 2..=9 {
        registers.push(register(t, owner, cashier, &format!("c{i}")).await);
    }
    registers
        .into_iter()
        .map(|reg| {
            let (t, cashier) = (t.clone(), cashier.to_owned());
            tokio::spawn(async move {
                for n in 0..sales {
                    let sale = sale_of(&t, &cashier, &reg, &[code]).await;
                    let key = format!("{reg}-{n}");
                    let res = pay(
                        &t,
                        &cashier,
                        &sale,
                        &format!("{key}-p"),
                        json!({"kind": "cash"}),
                    )
                    .await;
                    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
                    complete(&t, &cashier, &sale, &format!("{key}-c")).await;
                }
            })
        })
        .collect()
}
