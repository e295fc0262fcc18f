//! The customer display's feed on every backend, over real HTTP: the server listens on a
//! local port, a display subscribes to `GET /registers/{id}/display/events` and reads the
//! server-sent events while a cashier rings up, pays, completes, parks and refunds.

mod support;

use std::time::Duration;

use axum::body::Bytes;
use axum::http::{Request, StatusCode, header};
use caisse_app::checkout::display::DisplayKind;
use http_body_util::{BodyExt, Empty};
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use serde_json::{Value, json};
use support::{TestApp, amount, apps, new_store, open, open_register, product, scan};
use tokio::time::{Instant, timeout_at};

/// How long any one event may take to arrive.
const WAIT: Duration = Duration::from_secs(10);

/// A display's open feed: the response body and what was read of it so far.
struct Feed {
    body: hyper::body::Incoming,
    text: String,
    seq: i64,
}

/// Subscribes as `token`; answers the status, the content type and, on 200, the feed.
async fn subscribe(base: &str, token: Option<&str>, reg: &str) -> (StatusCode, String, Feed) {
    let client = Client::builder(TokioExecutor::new()).build_http::<Empty<Bytes>>();
    let mut req = Request::get(format!("{base}/api/v1/registers/{reg}/display/events"));
    if let Some(t) = token {
        req = req.header(header::AUTHORIZATION, format!("Bearer {t}"));
    }
    let res = client
        .request(req.body(Empty::new()).unwrap())
        .await
        .expect("the server answers");
    let kind = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let status = res.status();
    let feed = Feed {
        body: res.into_body(),
        text: String::new(),
        seq: 0,
    };
    (status, kind, feed)
}

impl Feed {
    /// The next `display` event's data, within [`WAIT`]; its `seq` must have grown.
    async fn next(&mut self) -> Value {
        let deadline = Instant::now() + WAIT;
        loop {
            if let Some(event) = self.take_event() {
                let seq = event["seq"].as_i64().expect("seq");
                assert!(seq > self.seq, "seq grows: {seq} after {}", self.seq);
                self.seq = seq;
                return event;
            }
            let frame = timeout_at(deadline, self.body.frame())
                .await
                .expect("an event within the deadline")
                .expect("the feed is still open")
                .expect("a readable frame");
            if let Ok(data) = frame.into_data() {
                self.text.push_str(&String::from_utf8_lossy(&data));
            }
        }
    }

    /// Parses the first complete `display` event read, skipping keep-alive comments.
    fn take_event(&mut self) -> Option<Value> {
        while let Some(end) = self.text.find("\n\n") {
            let block: String = self.text.drain(..end + 2).collect();
            let mut name = None;
            let mut data = String::new();
            for line in block.lines() {
                if let Some(v) = line.strip_prefix("event:") {
                    name = Some(v.trim().to_owned());
                } else if let Some(v) = line.strip_prefix("data:") {
                    data.push_str(v.trim_start());
                }
            }
            if name.as_deref() == Some("display") {
                return Some(serde_json::from_str(&data).expect("event data is JSON"));
            }
        }
        None
    }

    /// Waits (within [`WAIT`]) for the server to end the feed.
    async fn ends(&mut self) {
        let deadline = Instant::now() + WAIT;
        loop {
            match timeout_at(deadline, self.body.frame()).await {
                Err(_) => panic!("the feed did not end"),
                Ok(None | Some(Err(_))) => return,
                Ok(Some(Ok(_))) => {}
            }
        }
    }
}

fn lines(event: &Value) -> Vec<(String, String)> {
    event["sale"]["lines"]
        .as_array()
        .expect("lines")
        .iter()
        .map(|l| {
            let text = |k: &str| l[k].as_str().unwrap_or_default().to_owned();
            (text("sku"), text("quantity"))
        })
        .collect()
}

async fn post(t: &TestApp, token: &str, path: &str, body: Value) -> Value {
    let res = t.json("POST", path, Some(token), body).await;
    assert!(res.status.is_success(), "{path}: {}", res.body);
    res.body
}

#[tokio::test]
async fn the_display_follows_the_till_from_first_scan_to_change_and_refund() {
    for t in apps().await {
        let owner = t.login("olivia").await;
        let cashier = t.login("chloe").await;
        let res = t
            .create_product(&owner, product("BREAD", "Pain", 250, &[]))
            .await;
        assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
        let reg = open_register(&t, &owner, "T1").await;
        let reg2 = open_register(&t, &owner, "T2").await;
        let other_owner = new_store(&t, "EUR", "fr-FR", "Europe/Paris", "voisin").await;
        let other_reg = open_register(&t, &other_owner, "T1").await;

        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let server = tokio::spawn(caisse_server::serve(t.app.clone(), listener, async {
            let _ = stopped.await;
        }));

        let unknown = uuid::Uuid::now_v7().to_string();
        for (token, register, status) in [
            (None, reg.as_str(), StatusCode::UNAUTHORIZED),
            (
                Some(cashier.as_str()),
                unknown.as_str(),
                StatusCode::NOT_FOUND,
            ),
            (
                Some(cashier.as_str()),
                other_reg.as_str(),
                StatusCode::NOT_FOUND,
            ),
        ] {
            assert_eq!(
                subscribe(&base, token, register).await.0,
                status,
                "{register}"
            );
        }

        // A display of a register with nothing open starts idle.
        let (status, kind, mut second) = subscribe(&base, Some(&cashier), &reg2).await;
        assert_eq!(
            (status, kind.as_str()),
            (StatusCode::OK, "text/event-stream")
        );
        let idle = second.next().await;
        assert_eq!(
            (idle["state"].as_str(), idle["sale"].is_null()),
            (Some("idle"), true),
            "{idle}"
        );
        assert_eq!(
            idle["register"],
            json!({"id": reg2, "code": "T2", "name": "Till T2"})
        );

        // One that connects mid-sale starts with the sale as it is.
        let sale = open(&t, &cashier, &reg).await;
        scan(&t, &cashier, &sale, "BREAD").await;
        let (_, _, mut feed) = subscribe(&base, Some(&cashier), &reg).await;
        let first = feed.next().await;
        assert_eq!(
            (first["state"].as_str(), first["sale"]["id"].as_str()),
            (Some("sale"), Some(sale.as_str())),
            "{first}"
        );
        assert_eq!(lines(&first), [("BREAD".to_owned(), "1.000".to_owned())]);
        assert_eq!(
            (amount(&first["total"]), first["change"].is_null()),
            (250, true)
        );

        scan(&t, &cashier, &sale, "BREAD").await;
        let again = feed.next().await;
        assert_eq!(lines(&again), [("BREAD".to_owned(), "2.000".to_owned())]);
        assert_eq!(amount(&again["sale"]["total"]), 500);

        let paying = t
            .json_key(
                "POST",
                &format!("/api/v1/sales/{sale}/payments"),
                &cashier,
                "pay-1",
                json!({"kind": "cash", "amount": 2000}),
            )
            .await;
        assert_eq!(paying.status, StatusCode::OK, "{}", paying.body);
        let tendered = feed.next().await;
        assert_eq!(tendered["state"], "sale");
        assert_eq!(tendered["sale"]["payments"][0]["kind"], "cash");
        assert_eq!(tendered["sale"]["settlement"]["settled"], true);

        let done = t
            .json_key(
                "POST",
                &format!("/api/v1/sales/{sale}/complete"),
                &cashier,
                "done-1",
                json!(null),
            )
            .await;
        assert_eq!(done.status, StatusCode::OK, "{}", done.body);
        let paid = feed.next().await;
        assert_eq!(paid["state"], "paid", "{paid}");
        assert_eq!(
            (amount(&paid["total"]), amount(&paid["change"])),
            (500, 1500)
        );
        assert_eq!(paid["receipt_number"], "T1-000001");
        assert_eq!(
            paid["sale"], done.body,
            "the display gets the sale the till was answered"
        );

        // Park: the display goes idle; a return is shown as one.
        let next_sale = open(&t, &cashier, &reg).await;
        let opened = feed.next().await;
        assert_eq!(
            (opened["sale"]["id"].as_str(), lines(&opened).len()),
            (Some(next_sale.as_str()), 0)
        );
        post(
            &t,
            &cashier,
            &format!("/api/v1/sales/{next_sale}/park"),
            json!({}),
        )
        .await;
        assert_eq!(feed.next().await["state"], "idle");
        let ret = post(
            &t,
            &cashier,
            "/api/v1/returns",
            json!({"register_id": reg, "receipt": "T1-000001"}),
        )
        .await;
        let ret_id = ret["id"].as_str().unwrap().to_owned();
        let started = feed.next().await;
        assert_eq!(
            (started["state"].as_str(), started["sale"]["kind"].as_str()),
            (Some("sale"), Some("return"))
        );
        post(
            &t,
            &cashier,
            &format!("/api/v1/returns/{ret_id}/lines"),
            json!({"original_line_no": 1, "quantity": "1"}),
        )
        .await;
        let returned = feed.next().await;
        assert_eq!(
            lines(&returned),
            [("BREAD".to_owned(), "-1.000".to_owned())]
        );
        assert_eq!(amount(&returned["total"]), -250);
        post(
            &t,
            &cashier,
            &format!("/api/v1/sales/{ret_id}/cancel"),
            json!({}),
        )
        .await;
        assert_eq!(feed.next().await["state"], "idle");

        // The other register's display saw none of it: its next event is its own sale.
        let there = open(&t, &cashier, &reg2).await;
        let own = second.next().await;
        assert_eq!(
            (own["sale"]["id"].as_str(), own["register"]["code"].as_str()),
            (Some(there.as_str()), Some("T2"))
        );

        // Shutting down ends the feeds, so the server stops instead of waiting for them.
        stop.send(()).unwrap();
        feed.ends().await;
        second.ends().await;
        let served = timeout_at(Instant::now() + WAIT, server).await;
        served.expect("the server stopped").unwrap().unwrap();
    }
}

#[tokio::test]
async fn a_display_that_falls_behind_gets_the_latest_state_not_a_backlog() {
    for t in apps().await {
        let owner = t.login("olivia").await;
        let res = t
            .create_product(&owner, product("BAG", "Sac", 10, &[]))
            .await;
        assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
        let reg = open_register(&t, &owner, "T1").await;
        let who = caisse_app::auth::authenticate(&t.app, &owner)
            .await
            .unwrap();
        let reg_id = reg.parse().unwrap();
        let mut display = caisse_app::checkout::display::subscribe(&t.app, &who, reg_id)
            .await
            .unwrap();
        let start = display.states.borrow_and_update().seq;
        let sale = open(&t, &owner, &reg).await;
        for _ in 0..20 {
            scan(&t, &owner, &sale, "BAG").await;
        }
        // Twenty-one changes were published while nobody read: one state waits, the latest.
        assert!(display.states.has_changed().unwrap());
        let latest = display.states.borrow_and_update().clone();
        assert_eq!(latest.state, DisplayKind::Sale);
        assert!(latest.seq >= start + 21, "{} after {start}", latest.seq);
        let total = latest.total.clone().expect("a total");
        assert_eq!(total.amount, 200);
        assert!(
            !display.states.has_changed().unwrap(),
            "nothing else is queued"
        );
    }
}
