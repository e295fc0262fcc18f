//! Two `caisse serve` processes on one PostgreSQL database behave as one shop: a till's
//! requests alternate between them, a price changed on one is in the other's lookups within a
//! second, a drawer closed on one refuses sales on the other, and a cart completed on both at
//! once is one sale.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use caisse_store::Db;
use caisse_store::testing::{PG_URL_VAR, execute_raw, query_i64};
use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use serde_json::{Value, json};

type Http = Client<HttpConnector, Full<Bytes>>;

/// A running server: the child and its base URL; killed when dropped.
struct Server {
    child: Child,
    base: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `caisse serve` on the database; returns it and what it printed before listening.
fn serve(url: &str) -> (Server, Vec<String>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_caisse"))
        .args([
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--terminal",
            "simulated",
        ])
        .env("CAISSE_DB", url)
        .env("CAISSE_LOG", "error")
        .stdout(Stdio::piped())
        .spawn()
        .expect("start serve");
    let stdout = child.stdout.take().expect("stdout");
    let mut lines = BufReader::new(stdout).lines();
    let mut printed = Vec::new();
    let base = loop {
        let line = lines
            .next()
            .expect("the server printed its address")
            .expect("a line");
        if let Some(rest) = line.strip_prefix("Caisse is listening on ") {
            break rest.trim_end_matches("/admin").to_owned();
        }
        printed.push(line);
    };
    // Keep reading what it prints so it never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    (Server { child, base }, printed)
}

async fn call(
    http: &Http,
    method: &str,
    url: String,
    token: Option<&str>,
    key: Option<&str>,
    body: Option<Value>,
) -> (u16, Value) {
    let mut req = hyper::Request::builder().method(method).uri(url);
    if let Some(t) = token {
        req = req.header("authorization", format!("Bearer {t}"));
    }
    if let Some(k) = key {
        req = req.header("idempotency-key", k);
    }
    let bytes = match body {
        Some(b) => {
            req = req.header("content-type", "application/json");
            Bytes::from(b.to_string())
        }
        None => Bytes::new(),
    };
    let res = http
        .request(req.body(Full::new(bytes)).expect("request"))
        .await
        .expect("answer");
    let status = res.status().as_u16();
    let bytes = res.into_body().collect().await.expect("body").to_bytes();
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    )
}

/// A fresh schema on the test server and the URL that selects it.
async fn schema(admin_url: &str) -> (String, String) {
    let name = format!("caisse_t_2s_{}", uuid::Uuid::now_v7().simple());
    let admin = Db::connect(admin_url).await.expect("connect");
    execute_raw(&admin, &format!("CREATE SCHEMA {name}"))
        .await
        .expect("schema");
    admin.close().await;
    let sep = if admin_url.contains('?') { '&' } else { '?' };
    (
        format!("{admin_url}{sep}options=-c%20search_path%3D{name}"),
        name,
    )
}

#[tokio::test]
async fn two_servers_on_one_database_behave_as_one_shop() {
    let Ok(admin_url) = std::env::var(PG_URL_VAR) else {
        eprintln!("skipping the two-server test: {PG_URL_VAR} is not set");
        return;
    };
    let (url, schema_name) = schema(&admin_url).await;
    let (a, printed) = serve(&url);
    let password = printed
        .iter()
        .find_map(|l| l.split("with the password ").nth(1))
        .map(|p| p.split_whitespace().next().unwrap_or("").to_owned())
        .expect("the first start printed the owner's password");
    let (b, _) = serve(&url);
    let http: Http = Client::builder(TokioExecutor::new()).build_http();
    let (s, login) = call(
        &http,
        "POST",
        format!("{}/api/v1/auth/login", a.base),
        None,
        None,
        Some(json!({"login": "owner", "password": password})),
    )
    .await;
    assert_eq!(s, 200, "{login}");
    let token = login["token"].as_str().expect("token").to_owned();
    let tok = Some(token.as_str());
    let post = |server: &Server, path: &str, key: Option<&str>, body: Value| {
        let url = format!("{}{path}", server.base);
        let http = http.clone();
        let key = key.map(str::to_owned);
        let token = token.clone();
        async move { call(&http, "POST", url, Some(&token), key.as_deref(), Some(body)).await }
    };

    // The shop, set up through server A: two products, a register with its drawer open.
    for (sku, price, code) in [("APL", 250, "4006381333931"), ("BRD", 120, "9501101530003")] {
        let body = json!({"sku": sku, "name": sku, "price": {"amount": price, "currency": "EUR"},
            "barcodes": [code], "tax_category": "reduced"});
        let (s, r) = post(&a, "/api/v1/products", None, body).await;
        assert_eq!(s, 201, "{r}");
    }
    let (s, reg) = post(
        &a,
        "/api/v1/registers",
        None,
        json!({"code": "T1", "name": "Till 1"}),
    )
    .await;
    assert_eq!(s, 201, "{reg}");
    let reg = reg["id"].as_str().expect("register").to_owned();
    let open_drawer = format!("/api/v1/registers/{reg}/drawer/open");
    let (s, r) = post(&b, &open_drawer, None, json!({"float": 10000})).await;
    assert_eq!(s, 200, "{r}");

    // Products made on A are in B's lookups within a second.
    let made = Instant::now();
    loop {
        let (s, _) = call(
            &http,
            "GET",
            format!("{}/api/v1/catalog/lookup?code=9501101530003", b.base),
            tok,
            None,
            None,
        )
        .await;
        if s == 200 {
            break;
        }
        assert!(
            made.elapsed() < Duration::from_secs(1),
            "B does not know the new product"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }

    // A till whose requests alternate between the servers.
    let (s, sale) = post(&a, "/api/v1/sales", None, json!({"register_id": reg})).await;
    assert_eq!(s, 201, "{sale}");
    let id = sale["id"].as_str().expect("sale").to_owned();
    let lines = format!("/api/v1/sales/{id}/lines");
    let mut shown = sale;
    for (i, code) in [
        "4006381333931",
        "9501101530003",
        "4006381333931",
        "9501101530003",
    ]
    .iter()
    .enumerate()
    {
        let server = if i % 2 == 0 { &b } else { &a };
        let (s, r) = post(server, &lines, None, json!({"code": code})).await;
        assert_eq!(s, 200, "scan {i}: {r}");
        shown = r;
    }
    assert_eq!(shown["lines"].as_array().map(Vec::len), Some(4), "{shown}");
    assert_eq!(shown["total"]["amount"], 740);
    let version = shown["version"].clone();
    let (s, r) = post(
        &b,
        &format!("/api/v1/sales/{id}/payments"),
        Some("alt-p"),
        json!({"kind": "card", "amount": 740, "version": version}),
    )
    .await;
    assert_eq!(s, 200, "{r}");
    let (s, r) = post(
        &a,
        &format!("/api/v1/sales/{id}/complete"),
        Some("alt-c"),
        json!({"version": r["version"]}),
    )
    .await;
    assert_eq!(s, 200, "{r}");
    assert_eq!(r["total"]["amount"], 740);

    // A price changed on A is in B's lookups within a second.
    let (_, found) = call(
        &http,
        "GET",
        format!("{}/api/v1/catalog/lookup?code=4006381333931", b.base),
        tok,
        None,
        None,
    )
    .await;
    let product = found["item"]["product_id"]
        .as_str()
        .expect("product")
        .to_owned();
    let (s, r) = call(
        &http,
        "PATCH",
        format!("{}/api/v1/products/{product}", a.base),
        tok,
        None,
        Some(json!({"price": {"amount": 275, "currency": "EUR"}})),
    )
    .await;
    assert_eq!(s, 200, "{r}");
    let changed = Instant::now();
    loop {
        let (_, found) = call(
            &http,
            "GET",
            format!("{}/api/v1/catalog/lookup?code=4006381333931", b.base),
            tok,
            None,
            None,
        )
        .await;
        if found["item"]["price"]["amount"] == 275 {
            break;
        }
        assert!(
            changed.elapsed() < Duration::from_secs(1),
            "B still sells at the old price: {found}"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }

    // The same cart completed on both servers at once is one sale, with either key scheme.
    for same_key in [true, false] {
        let (_, sale) = post(&a, "/api/v1/sales", None, json!({"register_id": reg})).await;
        let id = sale["id"].as_str().expect("sale").to_owned();
        let (_, r) = post(
            &b,
            &format!("/api/v1/sales/{id}/lines"),
            None,
            json!({"code": "9501101530003"}),
        )
        .await;
        let (s, r) = post(
            &a,
            &format!("/api/v1/sales/{id}/payments"),
            Some(&format!("both-p-{same_key}")),
            json!({"kind": "cash", "amount": 500, "version": r["version"]}),
        )
        .await;
        assert_eq!(s, 200, "{r}");
        let path = format!("/api/v1/sales/{id}/complete");
        let (key_a, key_b) = if same_key {
            ("both-c", "both-c")
        } else {
            ("both-ca", "both-cb")
        };
        let body = json!({"version": r["version"]});
        let (ra, rb) = tokio::join!(
            post(&a, &path, Some(key_a), body.clone()),
            post(&b, &path, Some(key_b), body.clone())
        );
        let ok = [&ra, &rb].iter().filter(|r| r.0 == 200).count();
        assert!(ok >= 1, "one of them completes it: {ra:?} {rb:?}");
        for (s, r) in [&ra, &rb] {
            assert!(
                *s == 200 || (*s == 409 || *s == 404),
                "the other is refused or answered the stored sale: {s} {r}"
            );
            if *s == 200 {
                assert_eq!(r["status"], "completed", "{r}");
            }
        }
        if ok == 2 {
            assert_eq!(ra.1["receipt_number"], rb.1["receipt_number"], "one sale");
        }
        let db = Db::connect(&url).await.expect("connect");
        let sql = format!("SELECT CAST(COUNT(*) AS BIGINT) FROM sales WHERE id = '{id}'");
        assert_eq!(
            query_i64(&db, &sql).await.expect("count"),
            1,
            "exactly one sale"
        );
        db.close().await;
    }

    // A drawer closed on A refuses the next sale on B at once.
    let (s, r) = post(
        &a,
        &format!("/api/v1/registers/{reg}/drawer/close"),
        None,
        json!({"counted": 10000}),
    )
    .await;
    assert_eq!(s, 200, "{r}");
    let (s, r) = post(&b, "/api/v1/sales", None, json!({"register_id": reg})).await;
    assert_eq!(
        (s, r["error"]["code"].as_str()),
        (409, Some("drawer_closed")),
        "{r}"
    );

    drop((a, b));
    let admin = Db::connect(&admin_url).await.expect("connect");
    let _ = execute_raw(&admin, &format!("DROP SCHEMA {schema_name} CASCADE")).await;
    admin.close().await;
}
