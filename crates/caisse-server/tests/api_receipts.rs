//! Receipts through the API on every backend: the original in each format, counted and
//! journaled duplicates, printing to the register's network printer, and finding a sale by
//! its receipt number.

mod support;

use std::time::Duration;

use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode, header};
use caisse_core::receipt::escpos_decode::{Decoded, Event, decode};
use http_body_util::BodyExt;
use serde_json::{Value, json};
use support::{TestApp, apps, product};
use tokio::io::AsyncReadExt;
use tokio::net::TcpListener;
use tokio::sync::mpsc;
use tower::ServiceExt;
use uuid::Uuid;

const NBSP: char = '\u{A0}';

/// A register with an open drawer, and three products; returns (owner, cashier, register id).
async fn shop(t: &TestApp) -> (String, String, String) {
    let _ = tracing_subscriber::fmt().with_test_writer().try_init();
    let owner = t.login("olivia").await;
    let cashier = t.login("chloe").await;
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
    let res = t
        .json(
            "POST",
            &format!("/api/v1/registers/{reg}/drawer/open"),
            Some(&cashier),
            json!({"float": 10000}),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    for (sku, name, price, code) in [
        ("A", "Apples", 250, "4006381333931"),
        ("B", "Bread", 120, "9501101530003"),
        ("C", "Cheese", 400, "5901234123457"),
    ] {
        let res = t
            .create_product(&owner, product(sku, name, price, &[code]))
            .await;
        assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
    }
    (owner, cashier, reg)
}

async fn call(t: &TestApp, method: &str, path: &str, token: &str, body: Value) -> Value {
    let res = t.json(method, path, Some(token), body).await;
    assert_eq!(res.status, StatusCode::OK, "{method} {path}: {}", res.body);
    res.body
}

/// Rings up `codes`, voids the lines numbered in `void`, pays by card (2,00 €) then cash
/// (10,00 €) and completes; returns the sale id and its receipt number.
async fn sell(
    t: &TestApp,
    cashier: &str,
    reg: &str,
    codes: &[&str],
    void: &[u32],
) -> (String, String) {
    let res = t
        .json(
            "POST",
            "/api/v1/sales",
            Some(cashier),
            json!({"register_id": reg}),
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
    let sale = res.body["id"].as_str().unwrap().to_owned();
    for code in codes {
        call(
            t,
            "POST",
            &format!("/api/v1/sales/{sale}/lines"),
            cashier,
            json!({"code": code}),
        )
        .await;
    }
    for line in void {
        call(
            t,
            "POST",
            &format!("/api/v1/sales/{sale}/lines/{line}/void"),
            cashier,
            json!({}),
        )
        .await;
    }
    let pay = format!("/api/v1/sales/{sale}/payments");
    for (key, body) in [
        ("card", json!({"kind": "card", "amount": 200})),
        ("cash", json!({"kind": "cash", "amount": 1000})),
    ] {
        let res = t
            .json_key("POST", &pay, cashier, &format!("{sale}-{key}"), body)
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    }
    let done = format!("/api/v1/sales/{sale}/complete");
    let res = t
        .json_key("POST", &done, cashier, &format!("{sale}-done"), json!({}))
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let number = res.body["receipt_number"].as_str().unwrap().to_owned();
    (sale, number)
}

/// A request whose answer is read as raw bytes (ESC/POS is not text).
async fn raw(
    t: &TestApp,
    method: &str,
    path: &str,
    token: &str,
    body: Option<Value>,
) -> (StatusCode, HeaderMap, Vec<u8>) {
    let mut req = Request::builder()
        .method(method)
        .uri(path)
        .header(header::AUTHORIZATION, format!("Bearer {token}"));
    if body.is_some() {
        req = req.header(header::CONTENT_TYPE, "application/json");
    }
    let body = body.map_or_else(Body::empty, |b| Body::from(b.to_string()));
    let res = t
        .router
        .clone()
        .oneshot(req.body(body).unwrap())
        .await
        .unwrap();
    let (status, headers) = (res.status(), res.headers().clone());
    let bytes = res.into_body().collect().await.unwrap().to_bytes().to_vec();
    (status, headers, bytes)
}

/// The receipt as text, checking the status and the media type.
async fn text(t: &TestApp, method: &str, path: &str, token: &str) -> (String, HeaderMap) {
    let (status, headers, bytes) = raw(t, method, path, token, None).await;
    let body = String::from_utf8(bytes).unwrap();
    assert_eq!(status, StatusCode::OK, "{body}");
    (body, headers)
}

fn content_type(headers: &HeaderMap) -> &str {
    headers[header::CONTENT_TYPE].to_str().unwrap()
}

fn printed(bytes: &[u8]) -> Decoded {
    decode(bytes).unwrap_or_else(|e| panic!("unreadable ESC/POS: {e}"))
}

/// The printer shows the total, cuts once and ends with a code carrying `number`.
fn assert_printed_receipt(d: &Decoded, number: &str) {
    let total = d
        .line_containing("TOTAL")
        .unwrap_or_else(|| panic!("no total in:\n{}", d.text()));
    assert!(
        total.text.ends_with(&format!("6,20{NBSP}€")),
        "{:?}",
        total.text
    );
    assert!(total.bold, "the total is printed bold");
    assert_eq!(d.count(|e| matches!(e, Event::Cut { .. })), 1, "one cut");
    assert_eq!(d.count(|e| matches!(e, Event::DrawerPulse { .. })), 0);
    let codes = d.count(|e| match e {
        Event::Barcode { data, .. } | Event::Qr { data, .. } => data == number,
        _ => false,
    });
    assert_eq!(codes, 1, "a code carries {number}: {:?}", d.events);
}

async fn count(t: &TestApp, sql: &str) -> i64 {
    caisse_store::testing::query_i64(&t.app.db, sql)
        .await
        .unwrap()
}

async fn store_id(t: &TestApp, token: &str) -> Uuid {
    t.get("/api/v1/store", token).await.body["id"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap()
}

/// Sets the register's printer through the store (the API has no register update yet).
async fn set_printer(t: &TestApp, store: Uuid, reg: &str, printer: Option<String>) {
    use caisse_store::registers;
    let mut row = registers::get_register(&t.app.db, store, reg.parse().unwrap())
        .await
        .unwrap()
        .unwrap();
    row.printer = printer;
    let mut tx = t.app.db.begin().await.unwrap();
    registers::update_register(&mut tx, &row).await.unwrap();
    tx.commit().await.unwrap();
}

#[tokio::test]
async fn the_receipt_shows_the_recorded_sale_in_every_format() {
    for t in apps().await {
        let (_, cashier, reg) = shop(&t).await;
        let codes = [
            "4006381333931",
            "4006381333931",
            "9501101530003",
            "5901234123457",
        ];
        let (sale, number) = sell(&t, &cashier, &reg, &codes, &[3]).await;
        assert_eq!(number, "T1-000001");

        let path = format!("/api/v1/sales/{sale}/receipt");
        let (body, headers) = text(&t, "GET", &format!("{path}?format=text"), &cashier).await;
        assert_eq!(content_type(&headers), "text/plain; charset=utf-8");
        for needle in [
            "Test shop".to_owned(),
            format!("Ticket{NBSP}: T1-000001"),
            "Till 1".to_owned(),
            "Apples".to_owned(),
            format!("2 x 2,50{NBSP}€"),
            "Bread".to_owned(),
            "Cheese".to_owned(),
            "*** ANNULÉ ***".to_owned(),
            "A 5,5 %".to_owned(),
            "Carte bancaire".to_owned(),
            "VISA **** 4242".to_owned(),
            "Rendu".to_owned(),
            format!("5,80{NBSP}€"),
        ] {
            assert!(body.contains(&needle), "{needle:?} missing in:\n{body}");
        }
        let total = body.lines().find(|l| l.starts_with("TOTAL")).unwrap();
        assert!(total.ends_with(&format!("6,20{NBSP}€")), "{total:?}");
        assert!(!body.contains("DUPLICATA"), "{body}");
        // The date and time are the sale's, in the store's time zone, to the second.
        let stored = t.get(&format!("/api/v1/sales/{sale}"), &cashier).await;
        let at: jiff::Timestamp = stored.body["completed_at"]
            .as_str()
            .unwrap()
            .parse()
            .unwrap();
        let local = jiff::tz::TimeZone::get("Europe/Paris")
            .unwrap()
            .to_datetime(at);
        let shown = local.strftime("%d/%m/%Y %H:%M:%S").to_string();
        assert!(body.contains(&shown), "{shown} missing in:\n{body}");

        let (html, headers) = text(&t, "GET", &path, &cashier).await;
        assert_eq!(content_type(&headers), "text/html; charset=utf-8");
        assert!(headers.contains_key(header::CONTENT_SECURITY_POLICY));
        assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
        assert!(html.contains("T1-000001") && html.contains(&format!("6,20{NBSP}€")));
        assert!(html.contains("size:80mm"), "{html}");
        let (a4, _) = text(&t, "GET", &format!("{path}?format=html_a4"), &cashier).await;
        assert!(a4.contains("size:A4"), "{a4}");

        let (status, headers, bytes) =
            raw(&t, "GET", &format!("{path}?format=escpos"), &cashier, None).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(content_type(&headers), "application/octet-stream");
        assert_printed_receipt(&printed(&bytes), &number);

        let res = t.get(&format!("{path}?format=pdf"), &cashier).await;
        assert_eq!(
            (res.status, res.code()),
            (StatusCode::BAD_REQUEST, "invalid_query")
        );
        // Reading the original is not a reprint.
        assert_eq!(count(&t, "SELECT COUNT(*) FROM receipt_prints").await, 0);
        assert_eq!(
            count(&t, "SELECT COUNT(*) FROM journal WHERE kind = 'reprint'").await,
            0
        );
    }
}

#[tokio::test]
async fn product_names_cannot_inject_html() {
    for t in apps().await {
        let (owner, cashier, reg) = shop(&t).await;
        let evil = "<script>alert(1)</script>";
        let res = t
            .create_product(&owner, product("X", evil, 620, &["4006381333948"]))
            .await;
        assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
        let (sale, _) = sell(&t, &cashier, &reg, &["4006381333948"], &[]).await;
        let (html, _) = text(
            &t,
            "GET",
            &format!("/api/v1/sales/{sale}/receipt"),
            &cashier,
        )
        .await;
        assert!(!html.contains(evil), "{html}");
        assert!(!html.contains("<script"), "{html}");
        assert!(
            html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{html}"
        );
    }
}

#[tokio::test]
async fn reprints_are_numbered_recorded_and_journaled() {
    for t in apps().await {
        let (_, cashier, reg) = shop(&t).await;
        let (sale, number) =
            sell(&t, &cashier, &reg, &["4006381333931", "9501101530003"], &[]).await;
        let path = format!("/api/v1/sales/{sale}/reprint?format=text");
        for copy in 1..=2 {
            let (body, headers) = text(&t, "POST", &path, &cashier).await;
            assert_eq!(headers["x-receipt-copy"], copy.to_string().as_str());
            assert!(
                body.contains(&format!("DUPLICATA n°{NBSP}{copy}")),
                "{body}"
            );
            assert!(body.contains(&number), "{body}");
        }
        // The original still reads as the original.
        let (original, _) = text(
            &t,
            "GET",
            &format!("/api/v1/sales/{sale}/receipt?format=text"),
            &cashier,
        )
        .await;
        assert!(!original.contains("DUPLICATA"), "{original}");

        let rows = caisse_store::receipts::prints(&t.app.db, sale.parse().unwrap())
            .await
            .unwrap();
        assert_eq!(rows.iter().map(|r| r.copy).collect::<Vec<_>>(), [1, 2]);
        let entries = caisse_store::journal::entries(&t.app.db, reg.parse().unwrap())
            .await
            .unwrap();
        let reprints: Vec<_> = entries.iter().filter(|e| e.kind == "reprint").collect();
        assert_eq!(reprints.len(), 2);
        for (row, entry) in rows.iter().zip(&reprints) {
            assert_eq!(row.journal_seq, entry.seq);
            assert_eq!(entry.document_id, Some(row.sale_id));
            assert!(
                entry.payload.contains(&format!("\"copy\":{}", row.copy)),
                "{}",
                entry.payload
            );
        }
        // Drawer opening, sale, two reprints: the chain holds.
        for r in caisse_app::checkout::journal::verify_all(&t.app.db)
            .await
            .unwrap()
        {
            assert_eq!(r.problem, None, "{r:?}");
            assert_eq!(r.entries, 4);
        }
    }
}

#[tokio::test]
async fn receipts_print_on_the_registers_network_printer() {
    for t in apps().await {
        let (owner, cashier, reg) = shop(&t).await;
        let store = store_id(&t, &owner).await;
        let (sale, number) = sell(
            &t,
            &cashier,
            &reg,
            &["4006381333931", "4006381333931", "9501101530003"],
            &[],
        )
        .await;
        let print = format!("/api/v1/sales/{sale}/print");
        let prints = "SELECT COUNT(*) FROM receipt_prints";
        let reprints = "SELECT COUNT(*) FROM journal WHERE kind = 'reprint'";

        // No printer on the register.
        let res = t
            .json("POST", &print, Some(&cashier), json!({"reprint": true}))
            .await;
        assert_eq!(
            (res.status, res.code()),
            (StatusCode::CONFLICT, "printer_not_configured"),
            "{}",
            res.body
        );

        // A printer that does not answer: refused, and nothing was recorded.
        let closed = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let closed_addr = closed.local_addr().unwrap().to_string();
        drop(closed);
        set_printer(&t, store, &reg, Some(closed_addr)).await;
        let res = t
            .json("POST", &print, Some(&cashier), json!({"reprint": true}))
            .await;
        assert_eq!(
            (res.status, res.code()),
            (StatusCode::SERVICE_UNAVAILABLE, "printer_unreachable"),
            "{}",
            res.body
        );
        assert_eq!((count(&t, prints).await, count(&t, reprints).await), (0, 0));

        // A printer listening: it gets the receipt, then a counted duplicate.
        let printer = TcpListener::bind("127.0.0.1:0").await.unwrap();
        set_printer(
            &t,
            store,
            &reg,
            Some(printer.local_addr().unwrap().to_string()),
        )
        .await;
        let mut received = play_printer(printer);
        for reprint in [false, true] {
            let res = t
                .json("POST", &print, Some(&cashier), json!({"reprint": reprint}))
                .await;
            assert_eq!(res.status, StatusCode::OK, "{}", res.body);
            let bytes = tokio::time::timeout(Duration::from_secs(10), received.recv())
                .await
                .expect("the printer got the receipt in time")
                .expect("the printer is still listening");
            assert_eq!(res.body["bytes"], bytes.len());
            let d = printed(&bytes);
            assert_printed_receipt(&d, &number);
            assert_eq!(
                d.line_containing("DUPLICATA").is_some(),
                reprint,
                "{}",
                d.text()
            );
            let copy = if reprint { json!(1) } else { Value::Null };
            assert_eq!(res.body["copy"], copy);
        }
        assert_eq!((count(&t, prints).await, count(&t, reprints).await), (1, 1));
    }
}

/// Plays a network printer: every connection is read to its end and handed over.
fn play_printer(listener: TcpListener) -> mpsc::Receiver<Vec<u8>> {
    let (tx, rx) = mpsc::channel(4);
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let mut bytes = Vec::new();
            if socket.read_to_end(&mut bytes).await.is_err() || tx.send(bytes).await.is_err() {
                break;
            }
        }
    });
    rx
}

#[tokio::test]
async fn unknown_sales_are_not_found() {
    for t in apps().await {
        let (_, cashier, _) = shop(&t).await;
        let id = Uuid::now_v7();
        for (method, path) in [
            ("GET", format!("/api/v1/sales/{id}/receipt")),
            ("POST", format!("/api/v1/sales/{id}/reprint")),
            ("POST", format!("/api/v1/sales/{id}/print")),
            ("GET", "/api/v1/sales/by-receipt/T1-999999".to_owned()),
        ] {
            let res = t.json(method, &path, Some(&cashier), json!({})).await;
            assert_eq!(
                (res.status, res.code()),
                (StatusCode::NOT_FOUND, "not_found"),
                "{path}: {}",
                res.body
            );
        }
        assert_eq!(count(&t, "SELECT COUNT(*) FROM receipt_prints").await, 0);
    }
}

#[tokio::test]
async fn a_scanned_receipt_number_finds_the_sale() {
    for t in apps().await {
        let (_, cashier, reg) = shop(&t).await;
        let (sale, number) = sell(&t, &cashier, &reg, &["4006381333931"], &[]).await;
        for scanned in [number.clone(), number.to_lowercase()] {
            let res = t
                .get(&format!("/api/v1/sales/by-receipt/{scanned}"), &cashier)
                .await;
            assert_eq!(res.status, StatusCode::OK, "{}", res.body);
            assert_eq!(res.body["id"], sale.as_str());
            assert_eq!(res.body["receipt_number"], number.as_str());
            assert_eq!(res.body["lines"][0]["description"], "Apples");
        }
    }
}

#[tokio::test]
async fn a_cancelled_sale_prints_as_a_cancellation() {
    for t in apps().await {
        let (_, cashier, reg) = shop(&t).await;
        let res = t
            .json(
                "POST",
                "/api/v1/sales",
                Some(&cashier),
                json!({"register_id": reg}),
            )
            .await;
        let sale = res.body["id"].as_str().unwrap().to_owned();
        call(
            &t,
            "POST",
            &format!("/api/v1/sales/{sale}/lines"),
            &cashier,
            json!({"code": "B"}),
        )
        .await;
        call(
            &t,
            "POST",
            &format!("/api/v1/sales/{sale}/cancel"),
            &cashier,
            json!({}),
        )
        .await;
        let (body, _) = text(
            &t,
            "GET",
            &format!("/api/v1/sales/{sale}/receipt?format=text"),
            &cashier,
        )
        .await;
        assert!(body.contains("ANNULATION"), "{body}");
        assert!(body.contains("Bread"), "{body}");
    }
}

#[tokio::test]
async fn an_old_receipt_prints_what_the_customer_got_after_the_settings_change() {
    for t in apps().await {
        let (owner, cashier, reg) = shop(&t).await;
        call(
            &t,
            "PATCH",
            "/api/v1/store/checkout",
            &owner,
            json!({"address": "1 rue du Marché\n75001 Paris", "receipt_footer": "Merci, à bientôt !", "tax_id": "FR12345678901"}),
        )
        .await;
        let (old, number) = sell(&t, &cashier, &reg, &["4006381333931"], &[]).await;

        // The shop moves, renames the till and changes its footer.
        call(
            &t,
            "PATCH",
            "/api/v1/store/checkout",
            &owner,
            json!({"address": "9 avenue Neuve\n69001 Lyon", "receipt_footer": "Nouvelle adresse !", "tax_id": "FR99999999999"}),
        )
        .await;
        call(
            &t,
            "PATCH",
            &format!("/api/v1/registers/{reg}"),
            &owner,
            json!({"name": "Caisse Lyon"}),
        )
        .await;

        for (method, path) in [
            ("GET", format!("/api/v1/sales/{old}/receipt?format=text")),
            ("POST", format!("/api/v1/sales/{old}/reprint?format=text")),
        ] {
            let (body, _) = text(&t, method, &path, &cashier).await;
            assert!(body.contains(&number), "{body}");
            for was in [
                "1 rue du Marché",
                "Merci, à bientôt !",
                "FR12345678901",
                "Till 1",
            ] {
                assert!(
                    body.contains(was),
                    "{method} {path}: {was} missing from\n{body}"
                );
            }
            for now in [
                "avenue Neuve",
                "Nouvelle adresse",
                "FR99999999999",
                "Caisse Lyon",
            ] {
                assert!(
                    !body.contains(now),
                    "{method} {path}: {now} printed on an old receipt\n{body}"
                );
            }
        }
        // A new sale prints the new settings.
        let (new, _) = sell(&t, &cashier, &reg, &["4006381333931"], &[]).await;
        let (body, _) = text(
            &t,
            "GET",
            &format!("/api/v1/sales/{new}/receipt?format=text"),
            &cashier,
        )
        .await;
        for now in [
            "9 avenue Neuve",
            "Nouvelle adresse !",
            "FR99999999999",
            "Caisse Lyon",
        ] {
            assert!(body.contains(now), "{now} missing from\n{body}");
        }
        // The same head is stored once for all the sales that share it.
        assert_eq!(count(&t, "SELECT COUNT(*) FROM receipt_heads").await, 2);
    }
}
