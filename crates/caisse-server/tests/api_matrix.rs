//! The authorisation matrix: one table of (operation, caller) → allowed, covering every
//! route of the OpenAPI document (a route added to the document without a row here fails
//! this test), run on every backend. Callers: nobody, a paired device alone, till sessions
//! (PIN on the device's register) of a cashier, a manager and an owner, and password
//! sessions of the same three.
//!
//! "Allowed" means the request got past who-may-do-what: anything but 401 `unauthenticated`
//! and 403 `forbidden`/`device_not_paired` (a 404 for a made-up id, or a 422 for an empty
//! body, is allowed: the caller may ask).

mod support;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use serde_json::{Value, json};
use tower::ServiceExt;

/// Callers, in the order of each row's marks.
const CALLERS: [&str; 8] = [
    "nobody",
    "device",
    "cashier@till",
    "manager@till",
    "owner@till",
    "cashier",
    "manager",
    "owner",
];

/// (method, path as documented, who may: one `+` or `-` per caller, in [`CALLERS`] order).
const MATRIX: &[(&str, &str, &str)] = &[
    ("post", "/api/v1/auth/login", "++++++++"),
    ("get", "/api/v1/auth/me", "--++++++"),
    ("get", "/api/v1/auth/staff", "-+------"),
    ("post", "/api/v1/auth/unlock", "-+------"),
    ("post", "/api/v1/auth/password", "-----+++"),
    ("get", "/api/v1/store", "--++++++"),
    ("patch", "/api/v1/store", "-------+"),
    ("get", "/api/v1/store/checkout", "--++++++"),
    ("patch", "/api/v1/store/checkout", "-------+"),
    ("get", "/api/v1/store/quick-keys", "--++++++"),
    ("put", "/api/v1/store/quick-keys", "------++"),
    ("get", "/api/v1/store/tax-rates", "--++++++"),
    ("put", "/api/v1/store/tax-rates", "-------+"),
    ("get", "/api/v1/users", "------++"),
    ("post", "/api/v1/users", "------++"),
    ("get", "/api/v1/users/{id}", "------++"),
    ("patch", "/api/v1/users/{id}", "------++"),
    ("post", "/api/v1/users/{id}/deactivate", "------++"),
    ("post", "/api/v1/users/{id}/activate", "------++"),
    ("post", "/api/v1/users/{id}/password", "------++"),
    ("post", "/api/v1/users/{id}/pin", "------++"),
    ("post", "/api/v1/users/{id}/unlock", "------++"),
    ("post", "/api/v1/users/{id}/sessions/revoke", "------++"),
    ("get", "/api/v1/users/{id}/events", "------++"),
    ("get", "/api/v1/devices", "------++"),
    ("post", "/api/v1/devices", "------++"),
    ("post", "/api/v1/devices/{id}/revoke", "------++"),
    ("get", "/api/v1/products", "--++++++"),
    ("post", "/api/v1/products", "------++"),
    ("get", "/api/v1/products/{id}", "--++++++"),
    ("patch", "/api/v1/products/{id}", "------++"),
    ("post", "/api/v1/products/{id}/deactivate", "------++"),
    ("post", "/api/v1/products/{id}/activate", "------++"),
    ("post", "/api/v1/products/{id}/variants", "------++"),
    ("patch", "/api/v1/variants/{id}", "------++"),
    ("get", "/api/v1/categories", "--++++++"),
    ("post", "/api/v1/categories", "------++"),
    ("get", "/api/v1/suppliers", "--++++++"),
    ("post", "/api/v1/suppliers", "------++"),
    ("get", "/api/v1/suppliers/{id}", "--++++++"),
    ("patch", "/api/v1/suppliers/{id}", "------++"),
    ("get", "/api/v1/suppliers/{id}/items", "--++++++"),
    ("put", "/api/v1/suppliers/{id}/items/{item}", "------++"),
    ("delete", "/api/v1/suppliers/{id}/items/{item}", "------++"),
    ("get", "/api/v1/purchase-orders", "------++"),
    ("post", "/api/v1/purchase-orders", "------++"),
    ("get", "/api/v1/deliveries", "------++"),
    ("get", "/api/v1/purchase-orders/{id}", "------++"),
    ("patch", "/api/v1/purchase-orders/{id}", "------++"),
    ("post", "/api/v1/purchase-orders/{id}/send", "------++"),
    ("post", "/api/v1/purchase-orders/{id}/cancel", "------++"),
    ("post", "/api/v1/purchase-orders/{id}/close", "------++"),
    ("get", "/api/v1/purchase-orders/{id}/csv", "------++"),
    ("get", "/api/v1/purchase-orders/{id}/print", "------++"),
    ("post", "/api/v1/purchase-orders/{id}/receiving", "------++"),
    ("get", "/api/v1/receiving/{id}", "------++"),
    ("post", "/api/v1/receiving/{id}/scans", "------++"),
    ("put", "/api/v1/receiving/{id}/counts/{item}", "------++"),
    ("post", "/api/v1/receiving/{id}/confirm", "------++"),
    ("get", "/api/v1/stock/suggestions", "------++"),
    (
        "post",
        "/api/v1/stock/suggestions/purchase-orders",
        "------++",
    ),
    ("get", "/api/v1/purchasing/settings", "--++++++"),
    ("patch", "/api/v1/purchasing/settings", "------++"),
    ("get", "/api/v1/time-clock", "--++++++"),
    ("post", "/api/v1/time-clock", "--++++++"),
    ("get", "/api/v1/time-clock/punches", "--++++++"),
    ("post", "/api/v1/time-clock/punches", "------++"),
    (
        "post",
        "/api/v1/time-clock/punches/{id}/corrections",
        "------++",
    ),
    ("get", "/api/v1/timesheets", "--++++++"),
    ("get", "/api/v1/payroll/export", "------++"),
    ("get", "/api/v1/payroll/settings", "------++"),
    ("patch", "/api/v1/payroll/settings", "-------+"),
    ("get", "/api/v1/payroll/rates", "------++"),
    ("put", "/api/v1/payroll/rates", "------++"),
    ("get", "/api/v1/catalog/lookup", "--++++++"),
    ("get", "/api/v1/catalog/search", "--++++++"),
    ("get", "/api/v1/catalog/export", "--++++++"),
    ("post", "/api/v1/catalog/import", "------++"),
    ("get", "/api/v1/registers", "--++++++"),
    ("post", "/api/v1/registers", "------++"),
    ("patch", "/api/v1/registers/{id}", "------++"),
    ("post", "/api/v1/registers/{id}/drawer/open", "--++++++"),
    ("post", "/api/v1/registers/{id}/drawer/close", "--++++++"),
    ("post", "/api/v1/registers/{id}/drawer/paid-in", "--++++++"),
    ("post", "/api/v1/registers/{id}/drawer/paid-out", "--++++++"),
    ("post", "/api/v1/registers/{id}/drawer/drop", "--++++++"),
    ("post", "/api/v1/registers/{id}/drawer/no-sale", "--++++++"),
    ("get", "/api/v1/registers/{id}/display/events", "-+++++++"),
    ("get", "/api/v1/registers/{id}/x-report", "--+++-++"),
    ("post", "/api/v1/registers/{id}/closures", "------++"),
    ("get", "/api/v1/closures", "--+++-++"),
    ("get", "/api/v1/closures/{id}", "--++++++"),
    ("post", "/api/v1/returns", "--++++++"),
    ("get", "/api/v1/returns/{id}", "--++++++"),
    ("post", "/api/v1/returns/{id}/lines", "--++++++"),
    ("put", "/api/v1/returns/{id}/restock", "--++++++"),
    ("post", "/api/v1/sales", "--++++++"),
    ("get", "/api/v1/sales", "------++"),
    ("get", "/api/v1/sales/{id}/journal", "------++"),
    ("get", "/api/v1/sales/{id}/returns", "------++"),
    ("get", "/api/v1/sales/open", "--++++++"),
    ("get", "/api/v1/sales/{id}", "--++++++"),
    ("post", "/api/v1/sales/{id}/lines", "--++++++"),
    ("patch", "/api/v1/sales/{id}/lines/{line_no}", "--++++++"),
    (
        "post",
        "/api/v1/sales/{id}/lines/{line_no}/void",
        "--++++++",
    ),
    ("put", "/api/v1/sales/{id}/discount", "--++++++"),
    ("put", "/api/v1/sales/{id}/tax-exempt", "--++++++"),
    ("post", "/api/v1/sales/{id}/payments", "--++++++"),
    (
        "post",
        "/api/v1/sales/{id}/payments/{payment_id}/void",
        "--++++++",
    ),
    ("get", "/api/v1/credit-notes/{code}", "--++++++"),
    ("post", "/api/v1/sales/{id}/complete", "--++++++"),
    ("post", "/api/v1/sales/{id}/cancel", "--++++++"),
    ("post", "/api/v1/sales/{id}/park", "--++++++"),
    ("post", "/api/v1/sales/{id}/resume", "--++++++"),
    ("get", "/api/v1/sales/{id}/receipt", "--++++++"),
    ("post", "/api/v1/sales/{id}/reprint", "--++++++"),
    ("post", "/api/v1/sales/{id}/print", "--++++++"),
    ("get", "/api/v1/sales/by-receipt/{number}", "--++++++"),
    ("get", "/api/v1/stock", "--++++++"),
    ("get", "/api/v1/stock/{item}", "--++++++"),
    ("get", "/api/v1/stock/{item}/movements", "--++++++"),
    ("put", "/api/v1/stock/{item}/reorder", "------++"),
    ("post", "/api/v1/stock/adjustments", "------++"),
    ("get", "/api/v1/stock/alerts", "--++++++"),
    ("post", "/api/v1/stock/alerts/{id}/acknowledge", "------++"),
    ("get", "/api/v1/stock/locations", "--++++++"),
    ("post", "/api/v1/stock/locations", "------++"),
    ("patch", "/api/v1/stock/locations/{id}", "------++"),
    ("get", "/api/v1/stores", "------++"),
    ("get", "/api/v1/stock/settings", "--++++++"),
    ("patch", "/api/v1/stock/settings", "------++"),
    ("get", "/api/v1/stock/events", "--++++++"),
    ("get", "/api/v1/stock/alerts/count", "--++++++"),
    ("get", "/api/v1/stock/{item}/movements.csv", "--++++++"),
    ("get", "/api/v1/stock/reports/valuation", "------++"),
    ("get", "/api/v1/stock/reports/valuation.csv", "------++"),
    ("get", "/api/v1/stock/reports/dead-stock", "------++"),
    ("get", "/api/v1/stock/reports/dead-stock.csv", "------++"),
    ("get", "/api/v1/stock/reports/cover", "------++"),
    ("get", "/api/v1/stock/reports/cover.csv", "------++"),
    ("get", "/api/v1/stock/reports/sell-through", "------++"),
    ("get", "/api/v1/stock/reports/sell-through.csv", "------++"),
    ("get", "/api/v1/stock/reports/shrinkage", "------++"),
    ("get", "/api/v1/stock/reports/shrinkage.csv", "------++"),
    ("get", "/api/v1/stock/counts", "--++++++"),
    ("post", "/api/v1/stock/counts", "------++"),
    ("get", "/api/v1/stock/counts/{id}", "--++++++"),
    ("post", "/api/v1/stock/counts/{id}/scans", "------++"),
    ("get", "/api/v1/stock/counts/{id}/variance", "------++"),
    ("post", "/api/v1/stock/counts/{id}/apply", "------++"),
    ("post", "/api/v1/stock/counts/{id}/cancel", "------++"),
    ("get", "/api/v1/stock/transfers", "------++"),
    ("post", "/api/v1/stock/transfers", "------++"),
    ("get", "/api/v1/stock/transfers/{id}", "------++"),
    ("post", "/api/v1/stock/transfers/{id}/send", "------++"),
    ("post", "/api/v1/stock/transfers/{id}/cancel", "------++"),
    ("post", "/api/v1/stock/transfers/{id}/scans", "------++"),
    ("post", "/api/v1/stock/transfers/{id}/receive", "------++"),
    // Last: it ends the session it is sent with.
    ("post", "/api/v1/auth/logout", "--++++++"),
];

/// A body that gets past parsing where the rule is checked after it (the device's own
/// routes check the device first, then the rest).
fn body_for(path: &str, register: &str) -> Value {
    let nil = uuid::Uuid::nil();
    match path {
        "/api/v1/auth/unlock" => {
            json!({"register_id": register, "staff_id": nil, "approver_id": nil, "pin": "9402"})
        }
        "/api/v1/auth/password" => {
            json!({"current_password": "not-it-at-all", "new_password": "x"})
        }
        "/api/v1/receiving/{id}/scans" => json!({"code": "4006381333931"}),
        "/api/v1/receiving/{id}/counts/{item}" => json!({"quantity": "1"}),
        _ => json!({}),
    }
}

#[tokio::test]
async fn every_documented_route_has_a_row_and_every_row_holds_for_every_caller() {
    for t in support::apps().await {
        let doc = t.send("GET", "/api/openapi.json", None, None, "").await;
        let mut documented = Vec::new();
        for (path, item) in doc.body["paths"].as_object().unwrap() {
            for method in item.as_object().unwrap().keys() {
                documented.push((method.clone(), path.clone()));
            }
        }
        for (method, path) in &documented {
            assert!(
                MATRIX.iter().any(|(m, p, _)| m == method && p == path),
                "{method} {path} is in the OpenAPI document but has no row in the matrix"
            );
        }
        assert_eq!(
            documented.len(),
            MATRIX.len(),
            "rows for routes that are not documented"
        );

        let owner_pw = t.login("olivia").await;
        let reg = support::open_register(&t, &owner_pw, "T1").await;
        let device = t.pair(&owner_pw, &reg).await;
        let mut tokens: Vec<Option<String>> = vec![None, None];
        for login in ["chloe", "marc", "olivia"] {
            tokens.push(Some(t.till_login(&device, &reg, login).await));
        }
        for login in ["chloe", "marc", "olivia"] {
            tokens.push(Some(t.login(login).await));
        }
        let nil = uuid::Uuid::nil().to_string();
        let mut wrong = Vec::new();
        for (method, path, marks) in MATRIX {
            assert_eq!(marks.len(), CALLERS.len(), "{method} {path}");
            let uri = path
                .replace("/registers/{id}", &format!("/registers/{reg}"))
                .replace("{id}", &nil)
                .replace("{payment_id}", &nil)
                .replace("{item}", &nil)
                .replace("{line_no}", "1")
                .replace("{code}", "CN-NONE")
                .replace("{number}", "T1-000001");
            let uri = match *path {
                "/api/v1/catalog/lookup" => format!("{uri}?code=4006381333931"),
                "/api/v1/catalog/search" => format!("{uri}?q=pain"),
                _ => uri,
            };
            for (i, mark) in marks.chars().enumerate() {
                let mut req = Request::builder()
                    .method(method.to_uppercase().as_str())
                    .uri(&uri)
                    .header(header::CONTENT_TYPE, "application/json");
                if let Some(token) = &tokens[i] {
                    req = req.header(header::AUTHORIZATION, format!("Bearer {token}"));
                }
                if i == 1 {
                    req = req.header("x-caisse-device", &device);
                }
                let body = if *method == "get" {
                    Body::empty()
                } else {
                    Body::from(body_for(path, &reg).to_string())
                };
                let mut req = req.body(body).unwrap();
                req.extensions_mut().insert(ConnectInfo(
                    support::CLIENT.parse::<std::net::SocketAddr>().unwrap(),
                ));
                let res = t.router.clone().oneshot(req).await.unwrap();
                let status = res.status();
                // The display feed never ends: its status is the answer.
                let code = if status.is_success() {
                    String::new()
                } else {
                    let bytes = res.into_body().collect().await.unwrap().to_bytes();
                    serde_json::from_slice::<Value>(&bytes)
                        .ok()
                        .and_then(|v| v["error"]["code"].as_str().map(str::to_owned))
                        .unwrap_or_default()
                };
                let denied = status == StatusCode::UNAUTHORIZED
                    || (status == StatusCode::FORBIDDEN
                        && (code == "forbidden" || code == "device_not_paired"));
                if denied == (mark == '+') {
                    wrong.push(format!(
                        "{method} {path} as {}: {status} {code}",
                        CALLERS[i]
                    ));
                }
            }
        }
        assert!(
            wrong.is_empty(),
            "{:?}: {} cells differ:\n{}",
            t.backend,
            wrong.len(),
            wrong.join("\n")
        );
    }
}
