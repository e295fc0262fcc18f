//! Bounded input, on every backend: printer addresses are host and port, names and reasons
//! are printable and bounded, and a huge bad file gets a bounded answer.

mod support;

use axum::body::Body;
use axum::http::StatusCode;
use serde_json::json;
use support::{apps, invalid_fields, open_register};

#[tokio::test]
async fn printer_addresses_names_and_reasons_are_checked_and_change_nothing() {
    for t in apps().await {
        let owner = t.login("olivia").await;
        for printer in [
            "localhost:abc",
            ":9100",
            "printer:99999",
            "printer:0",
            "a b:9100",
        ] {
            let res = t
                .json(
                    "POST",
                    "/api/v1/registers",
                    Some(&owner),
                    json!({"code": "P1", "name": "Till", "printer": printer}),
                )
                .await;
            assert_eq!(invalid_fields(&res), ["printer"], "{printer}");
        }
        for name in ["Till\u{7}", "Till\nTwo", &"x".repeat(65)] {
            let res = t
                .json(
                    "POST",
                    "/api/v1/registers",
                    Some(&owner),
                    json!({"code": "P1", "name": name}),
                )
                .await;
            assert_eq!(invalid_fields(&res), ["name"], "{name:?}");
        }
        let n = support::till::count(&t, "SELECT COUNT(*) FROM registers").await;
        assert_eq!(n, 0, "nothing was created");

        let reg = open_register(&t, &owner, "T1").await;
        let res = t
            .json(
                "PATCH",
                &format!("/api/v1/registers/{reg}"),
                Some(&owner),
                json!({"printer": "printer.local:99999"}),
            )
            .await;
        assert_eq!(invalid_fields(&res), ["printer"]);
        let res = t
            .json(
                "PATCH",
                &format!("/api/v1/registers/{reg}"),
                Some(&owner),
                json!({"printer": "printer.local:9100", "name": "Caisse 1"}),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        assert_eq!(res.body["printer"], "printer.local:9100");

        let paid_in = format!("/api/v1/registers/{reg}/drawer/paid-in");
        for reason in ["float\u{1b}[2J", &"r".repeat(201)] {
            let res = t
                .json(
                    "POST",
                    &paid_in,
                    Some(&owner),
                    json!({"amount": 100, "reason": reason}),
                )
                .await;
            assert_eq!(invalid_fields(&res), ["reason"], "{reason:?}");
        }
        let n = support::till::count(
            &t,
            "SELECT COUNT(*) FROM drawer_events WHERE kind = 'paid_in'",
        )
        .await;
        assert_eq!(n, 0);
    }
}

#[tokio::test]
async fn a_huge_bad_file_gets_the_first_thousand_errors_and_a_count() {
    for t in apps().await {
        let owner = t.login("olivia").await;
        // 5,000 bad rows, each with a long bad price.
        let mut csv = String::from("sku,name,price,tax_category\n");
        let long = "9".repeat(2_000);
        for i in 0..5_000 {
            csv.push_str(&format!("S-{i},Item,{long}x,standard\n"));
        }
        let res = t
            .send(
                "POST",
                "/api/v1/catalog/import",
                Some(&owner),
                Some(Body::from(csv.clone())),
                "text/csv",
            )
            .await;
        assert_eq!(
            (res.status, res.code()),
            (StatusCode::UNPROCESSABLE_ENTITY, "invalid_csv"),
            "{}",
            res.body.to_string().len()
        );
        let details = &res.body["error"]["details"];
        assert_eq!(details["errors"].as_array().unwrap().len(), 1_000);
        assert_eq!(details["error_count"], 5_000);
        assert_eq!(details["truncated"], true);
        let size = res.body.to_string().len();
        assert!(
            size < csv.len() / 10,
            "the answer ({size} bytes) is bounded, the file is {}",
            csv.len()
        );
    }
}
