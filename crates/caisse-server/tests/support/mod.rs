//! `TestApp`: the real router over a fresh database, with a small shop and three accounts.
//! Requests go straight to the router (no socket), as a client would send them.
#![allow(
    dead_code,
    reason = "shared by several test binaries, each using a part of it"
)]

use std::net::SocketAddr;

use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, StatusCode, header};
use caisse_app::App;
use caisse_app::auth::{NewUser, create_user};
use caisse_core::catalog::Store;
use caisse_store::Backend;
use caisse_store::testing::{TestDb, all_backends};
use http_body_util::BodyExt;
use serde_json::{Value, json};
use tower::ServiceExt;

pub mod till;

/// The app under test on one backend.
pub struct TestApp {
    pub backend: Backend,
    pub router: Router,
    pub app: App,
    _db: Option<TestDb>,
}

/// A response: status, JSON body (or `Value::String` for text) and headers.
pub struct Res {
    pub status: StatusCode,
    pub body: Value,
    pub headers: axum::http::HeaderMap,
}

impl Res {
    /// The error code of an enveloped error.
    pub fn code(&self) -> &str {
        self.body["error"]["code"].as_str().unwrap_or("")
    }
}

/// Accounts every test shop has: login, password, PIN, role. (Outside the demo, PINs must
/// not be trivial: no `1111` here.)
pub const USERS: [(&str, &str, &str, &str); 3] = [
    ("olivia", "owner-pass", "1470", "owner"),
    ("marc", "manager-pass", "2581", "manager"),
    ("chloe", "cashier-pass", "3692", "cashier"),
];

/// The address requests come from unless a test says otherwise (`serve` records the
/// connection's; in-process requests get this one).
pub const CLIENT: &str = "127.0.0.1:50000";

impl TestApp {
    async fn start(backend: Backend, db: TestDb, layout: &str) -> TestApp {
        let app = App::start(db.db.clone()).await.expect("start app");
        let store = Store {
            id: uuid::Uuid::now_v7(),
            name: "Test shop".into(),
            currency: "EUR".into(),
            locale: "fr-FR".into(),
            time_zone: "Europe/Paris".into(),
            tax_mode: "inclusive".into(),
            scale_layout: layout.into(),
        };
        caisse_app::catalog::create_store(&app, store.clone())
            .await
            .expect("store");
        for (login, password, pin, role) in USERS {
            let u = NewUser {
                login: login.into(),
                display_name: None,
                role: role.into(),
                password: password.into(),
                pin: Some(pin.into()),
            };
            create_user(&app, store.id, None, u).await.expect("user");
        }
        let router = caisse_server::router(app.clone());
        TestApp {
            backend,
            router,
            app,
            _db: Some(db),
        }
    }

    /// The router over an app whose database the caller filled (with the demo shop, say).
    pub fn over(backend: Backend, db: TestDb, app: App) -> TestApp {
        TestApp {
            backend,
            router: caisse_server::router(app.clone()),
            app,
            _db: Some(db),
        }
    }

    /// Sends a request; `token` is sent as a bearer token.
    pub async fn send(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<Body>,
        content_type: &str,
    ) -> Res {
        let mut req = Request::builder().method(method).uri(path);
        if let Some(t) = token {
            req = req.header(header::AUTHORIZATION, format!("Bearer {t}"));
        }
        if body.is_some() {
            req = req.header(header::CONTENT_TYPE, content_type);
        }
        let req = req.body(body.unwrap_or_else(Body::empty)).expect("request");
        self.request(req).await
    }

    /// Sends a request as built (from [`CLIENT`] unless it names its own address).
    pub async fn request(&self, mut req: Request<Body>) -> Res {
        if req.extensions().get::<ConnectInfo<SocketAddr>>().is_none() {
            let addr: SocketAddr = CLIENT.parse().expect("address");
            req.extensions_mut().insert(ConnectInfo(addr));
        }
        let res = self.router.clone().oneshot(req).await.expect("response");
        let status = res.status();
        let headers = res.headers().clone();
        let bytes = res.into_body().collect().await.expect("body").to_bytes();
        let body = serde_json::from_slice(&bytes)
            .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into_owned()));
        Res {
            status,
            body,
            headers,
        }
    }

    /// Another app over the same database (a restarted server); `self` keeps the database.
    pub fn with_router(&self, router: Router, app: App) -> TestApp {
        TestApp {
            backend: self.backend,
            router,
            app,
            _db: None,
        }
    }

    /// Sends JSON with an `Idempotency-Key` header.
    pub async fn json_key(
        &self,
        method: &str,
        path: &str,
        token: &str,
        key: &str,
        body: Value,
    ) -> Res {
        let req = Request::builder()
            .method(method)
            .uri(path)
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .header(header::CONTENT_TYPE, "application/json")
            .header("idempotency-key", key)
            .body(Body::from(body.to_string()))
            .expect("request");
        self.request(req).await
    }

    /// Sends JSON with extra headers, from `client` (an address) if given.
    pub async fn json_with(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        client: Option<&str>,
        body: Value,
    ) -> Res {
        let mut req = Request::builder()
            .method(method)
            .uri(path)
            .header(header::CONTENT_TYPE, "application/json");
        for (name, value) in headers {
            req = req.header(*name, *value);
        }
        let mut req = req.body(Body::from(body.to_string())).expect("request");
        if let Some(addr) = client {
            let addr: SocketAddr = addr.parse().expect("address");
            req.extensions_mut().insert(ConnectInfo(addr));
        }
        self.request(req).await
    }

    /// Pairs a till device with a register as `manager` (a password session); returns the
    /// device token.
    pub async fn pair(&self, manager: &str, register: &str) -> String {
        let res = self
            .json(
                "POST",
                "/api/v1/devices",
                Some(manager),
                json!({"register_id": register}),
            )
            .await;
        assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
        res.body["token"].as_str().expect("device token").to_owned()
    }

    /// Signs in with a PIN on a paired device (a till session on `register`); returns the
    /// bearer token.
    pub async fn till_login(&self, device: &str, register: &str, login: &str) -> String {
        let (_, _, pin, _) = USERS.iter().find(|u| u.0 == login).expect("known user");
        let res = self.pin_login(device, register, login, pin).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        res.body["token"].as_str().expect("token").to_owned()
    }

    /// A PIN sign-in on a device by login, as answered.
    pub async fn pin_login(&self, device: &str, register: &str, login: &str, pin: &str) -> Res {
        self.json_with(
            "POST",
            "/api/v1/auth/login",
            &[("x-caisse-device", device)],
            None,
            json!({"login": login, "pin": pin, "register_id": register}),
        )
        .await
    }

    /// Sends JSON.
    pub async fn json(&self, method: &str, path: &str, token: Option<&str>, body: Value) -> Res {
        self.send(
            method,
            path,
            token,
            Some(Body::from(body.to_string())),
            "application/json",
        )
        .await
    }

    /// Creates a product as the given user.
    pub async fn create_product(&self, token: &str, body: Value) -> Res {
        self.json("POST", "/api/v1/products", Some(token), body)
            .await
    }

    /// GET with a token.
    pub async fn get(&self, path: &str, token: &str) -> Res {
        self.send("GET", path, Some(token), None, "").await
    }

    /// Signs in with a password and returns the bearer token.
    pub async fn login(&self, login: &str) -> String {
        let (_, password, _, _) = USERS.iter().find(|u| u.0 == login).expect("known user");
        let res = self
            .json(
                "POST",
                "/api/v1/auth/login",
                None,
                json!({"login": login, "password": password}),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        res.body["token"].as_str().expect("token").to_owned()
    }
}

/// One `TestApp` per available backend (SQLite always; PostgreSQL when configured).
pub async fn apps() -> Vec<TestApp> {
    apps_with_layout("none").await
}

/// Same, with the store's scale-label layout set.
pub async fn apps_with_layout(layout: &str) -> Vec<TestApp> {
    let mut out = Vec::new();
    for (backend, db) in all_backends().await {
        out.push(TestApp::start(backend, db, layout).await);
    }
    out
}

/// A product body for POST /api/v1/products.
pub fn product(sku: &str, name: &str, price: i64, barcodes: &[&str]) -> Value {
    json!({"sku": sku, "name": name, "price": {"amount": price, "currency": "EUR"}, "barcodes": barcodes, "tax_category": "reduced"})
}

/// An amount's minor units in a `{"amount", "currency"}` JSON value.
pub fn amount(v: &Value) -> i64 {
    v["amount"]
        .as_i64()
        .unwrap_or_else(|| panic!("no amount in {v}"))
}

/// Opens a sale on a register and returns its id.
pub async fn open(t: &TestApp, token: &str, reg: &str) -> String {
    let res = t
        .json(
            "POST",
            "/api/v1/sales",
            Some(token),
            json!({"register_id": reg}),
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
    res.body["id"].as_str().unwrap().to_owned()
}

/// Scans a code onto a sale and returns the sale.
pub async fn scan(t: &TestApp, token: &str, sale: &str, code: &str) -> Value {
    let res = t
        .json(
            "POST",
            &format!("/api/v1/sales/{sale}/lines"),
            Some(token),
            json!({"code": code}),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{code}: {}", res.body);
    res.body
}

/// A register (`code`) with its drawer open on a float of 100.00; returns its id.
pub async fn open_register(t: &TestApp, owner: &str, code: &str) -> String {
    open_register_by(t, owner, owner, code).await
}

/// A register (`code`) created by `owner` whose drawer `opener` opens on a float of 100.00;
/// returns its id.
pub async fn open_register_by(t: &TestApp, owner: &str, opener: &str, code: &str) -> String {
    let res = t
        .json(
            "POST",
            "/api/v1/registers",
            Some(owner),
            json!({"code": code, "name": format!("Till {code}")}),
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
    let reg = res.body["id"].as_str().unwrap().to_owned();
    let res = t
        .json(
            "POST",
            &format!("/api/v1/registers/{reg}/drawer/open"),
            Some(opener),
            json!({"float": 10_000}),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    reg
}

/// The fields named by a 422 `validation_failed` answer, in order.
pub fn invalid_fields(res: &Res) -> Vec<String> {
    assert_eq!(
        (res.status, res.code()),
        (StatusCode::UNPROCESSABLE_ENTITY, "validation_failed"),
        "{}",
        res.body
    );
    res.body["error"]["details"]["errors"]
        .as_array()
        .expect("details.errors")
        .iter()
        .map(|e| e["field"].as_str().expect("field").to_owned())
        .collect()
}

/// Another store with its own owner (`login`, password `owner-pass`); returns their token.
pub async fn new_store(t: &TestApp, currency: &str, locale: &str, tz: &str, login: &str) -> String {
    let store = Store {
        id: uuid::Uuid::now_v7(),
        name: format!("{currency} shop"),
        currency: currency.into(),
        locale: locale.into(),
        time_zone: tz.into(),
        tax_mode: "inclusive".into(),
        scale_layout: "none".into(),
    };
    caisse_app::catalog::create_store(&t.app, store.clone())
        .await
        .unwrap();
    let owner = NewUser {
        login: login.into(),
        display_name: None,
        role: "owner".into(),
        password: "owner-pass".into(),
        pin: Some("4815".into()),
    };
    create_user(&t.app, store.id, None, owner).await.unwrap();
    let res = t
        .json(
            "POST",
            "/api/v1/auth/login",
            None,
            json!({"login": login, "password": "owner-pass"}),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    res.body["token"].as_str().unwrap().to_owned()
}

/// A tender's body with the amount a card or wallet charges filled in when it has none: what
/// is still due on the sale, as a till shows it (a card payment states what it charges; a
/// refund on a return may leave it out).
pub async fn amount_due_filled(t: &TestApp, token: &str, sale: &str, mut tender: Value) -> Value {
    let charges = matches!(tender["kind"].as_str(), Some("card" | "wallet"));
    if charges && tender.get("amount").is_none() {
        let view = t.get(&format!("/api/v1/sales/{sale}"), token).await;
        if view.body["kind"] == "sale" {
            tender["amount"] = view.body["settlement"]["remaining"]["amount"].clone();
        }
    }
    tender
}
