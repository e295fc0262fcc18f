//! Money in requests, on every backend: both forms are read (minor units, or the
//! `{"amount", "currency"}` answers use, in the store's currency only), every amount is
//! bounded, and figures stored before the bounds existed make a report refuse clearly,
//! never answer 500 or a wrapped number.

mod support;

use axum::http::StatusCode;
use caisse_store::Backend;
use caisse_store::testing::execute_raw;
use serde_json::json;
use support::till::{A, pay, shop};
use support::{amount, apps, invalid_fields, open, scan};

const MAX: i64 = i64::MAX;

#[tokio::test]
async fn a_cash_tender_larger_than_the_cash_limit_is_refused_and_takes_nothing() {
    for t in apps().await {
        let (owner, cashier, reg) = shop(&t).await;
        let sale = open(&t, &cashier, &reg).await;
        let view = scan(&t, &cashier, &sale, A).await;
        let due = amount(&view["settlement"]["cash_due"]);

        // The attack in the report: a cash tender of the largest integer.
        let res = pay(
            &t,
            &cashier,
            &sale,
            "k-max",
            json!({"kind": "cash", "amount": MAX}),
        )
        .await;
        assert_eq!(invalid_fields(&res), ["amount"], "{:?}", t.backend);
        // 10,000.00 over what is due is the default limit: one cent more is refused.
        let res = pay(
            &t,
            &cashier,
            &sale,
            "k-over",
            json!({"kind": "cash", "amount": due + 1_000_001}),
        )
        .await;
        assert_eq!(invalid_fields(&res), ["amount"]);
        assert!(
            res.body["error"]["details"]["errors"][0]["reason"]
                .as_str()
                .unwrap()
                .contains("10000.00"),
            "{}",
            res.body
        );
        let now = t.get(&format!("/api/v1/sales/{sale}"), &cashier).await;
        assert_eq!(now.body["payments"], json!([]), "nothing was taken");

        // The owner lowers the limit to 50.00: 2.50 due, 60.00 handed over is refused.
        let res = t
            .json(
                "PATCH",
                "/api/v1/store/checkout",
                Some(&owner),
                json!({"cash_limit": {"amount": 5_000, "currency": "EUR"}}),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        assert_eq!(
            res.body["cash_limit"],
            json!({"amount": 5_000, "currency": "EUR"})
        );
        let res = pay(
            &t,
            &cashier,
            &sale,
            "k-60",
            json!({"kind": "cash", "amount": 6_000}),
        )
        .await;
        assert_eq!(invalid_fields(&res), ["amount"]);
        for bad in [
            json!(0),
            json!(-5),
            json!({"amount": 100, "currency": "USD"}),
            json!(MAX),
        ] {
            let res = t
                .json(
                    "PATCH",
                    "/api/v1/store/checkout",
                    Some(&owner),
                    json!({"cash_limit": bad}),
                )
                .await;
            assert_eq!(invalid_fields(&res), ["cash_limit"], "{bad}");
        }

        // Within the limit, the change is given; in the answers' own form too.
        let res = pay(
            &t,
            &cashier,
            &sale,
            "k-ok",
            json!({"kind": "cash", "amount": {"amount": due + 5_000, "currency": "EUR"}}),
        )
        .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        assert_eq!(amount(&res.body["settlement"]["change"]), 5_000);
    }
}

#[tokio::test]
async fn money_inputs_take_both_forms_in_the_store_currency_and_refuse_the_rest() {
    for t in apps().await {
        let (owner, cashier, reg) = shop(&t).await;
        let sale = open(&t, &cashier, &reg).await;
        scan(&t, &cashier, &sale, A).await;
        let cases = [
            (json!({"amount": 100, "currency": "USD"}), "not accepted"),
            (json!(2.5), "whole minor units"),
            (json!("250"), "whole minor units"),
            (json!({"amount": 250}), "whole minor units"),
        ];
        for (bad, says) in cases {
            let res = pay(
                &t,
                &cashier,
                &sale,
                &format!("k-{bad}"),
                json!({"kind": "card", "amount": bad}),
            )
            .await;
            assert_eq!(
                res.status,
                StatusCode::UNPROCESSABLE_ENTITY,
                "{bad}: {}",
                res.body
            );
            assert!(res.body.to_string().contains(says), "{bad}: {}", res.body);
        }
        // The catalog reads both forms too.
        let mut plain = support::product("PLAIN-1", "Plain price", 0, &[]);
        plain["price"] = json!(199);
        let res = t.create_product(&owner, plain).await;
        assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
        assert_eq!(res.body["price"], json!({"amount": 199, "currency": "EUR"}));
        let mut foreign = support::product("USD-1", "Dollar price", 0, &[]);
        foreign["price"] = json!({"amount": 199, "currency": "USD"});
        assert_eq!(
            invalid_fields(&t.create_product(&owner, foreign).await),
            ["price"]
        );

        // A card charges at most what is due.
        let res = pay(
            &t,
            &cashier,
            &sale,
            "k-card-over",
            json!({"kind": "card", "amount": 251}),
        )
        .await;
        assert!(res.status.is_client_error(), "{}", res.body);
        let now = t.get(&format!("/api/v1/sales/{sale}"), &cashier).await;
        assert_eq!(now.body["payments"], json!([]));

        // A discount and a price override in the object form.
        let res = t
            .json("PATCH", &format!("/api/v1/sales/{sale}/lines/1"), Some(&cashier),
                json!({"discount": {"amount": {"amount": 20, "currency": "EUR"}, "reason": "damaged"}}))
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        assert_eq!(amount(&res.body["total"]), 230);
        let res = t
            .json(
                "PATCH",
                &format!("/api/v1/sales/{sale}/lines/1"),
                Some(&cashier),
                json!({"discount": {"amount": MAX, "reason": "damaged"}}),
            )
            .await;
        assert_eq!(invalid_fields(&res), ["discount.amount"]);

        // Drawer amounts: a paid-in of the largest integer is refused, a sane one in either
        // form is taken.
        let base = format!("/api/v1/registers/{reg}/drawer");
        let res = t
            .json(
                "POST",
                &format!("{base}/paid-in"),
                Some(&cashier),
                json!({"amount": MAX, "reason": "x"}),
            )
            .await;
        assert_eq!(invalid_fields(&res), ["amount"]);
        let res = t
            .json(
                "POST",
                &format!("{base}/paid-out"),
                Some(&cashier),
                json!({"amount": 1_000_001, "reason": "x"}),
            )
            .await;
        assert_eq!(invalid_fields(&res), ["amount"]);
        let res = t
            .json(
                "POST",
                &format!("{base}/paid-in"),
                Some(&owner),
                json!({"amount": {"amount": 500, "currency": "EUR"}, "reason": "coins"}),
            )
            .await;
        assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
        assert_eq!(amount(&res.body["expected_cash"]), 10_500);
    }
}

#[tokio::test]
async fn figures_stored_before_the_bounds_make_reports_refuse_clearly() {
    for t in apps().await {
        let (owner, _cashier, reg) = shop(&t).await;
        // Two paid-ins of the largest integer, as a database written before amounts were
        // bounded may hold (they sum past 64 bits in SQL).
        let id = match t.backend {
            Backend::Sqlite => "randomblob(16)",
            Backend::Postgres => "gen_random_uuid()",
        };
        for _ in 0..2 {
            execute_raw(
                &t.app.db,
                &format!(
                    "INSERT INTO drawer_events (id, store_id, register_id, session_id, kind, amount, reason, user_id, occurred_at, journal_seq) \
                     SELECT {id}, store_id, register_id, session_id, 'paid_in', {MAX}, 'legacy', user_id, occurred_at, journal_seq \
                     FROM drawer_events WHERE kind = 'open'"
                ),
            )
            .await
            .unwrap();
        }
        let res = t
            .get(&format!("/api/v1/registers/{reg}/x-report"), &owner)
            .await;
        assert_eq!(
            (res.status, res.code()),
            (StatusCode::CONFLICT, "amount_out_of_range"),
            "{:?}: {}",
            t.backend,
            res.body
        );
        let res = t
            .json(
                "POST",
                &format!("/api/v1/registers/{reg}/drawer/close"),
                Some(&owner),
                json!({"counted": 10_000}),
            )
            .await;
        assert_eq!(
            (res.status, res.code()),
            (StatusCode::CONFLICT, "amount_out_of_range"),
            "{}",
            res.body
        );
        let n = support::till::count(
            &t,
            "SELECT COUNT(*) FROM drawer_sessions WHERE status = 'open'",
        )
        .await;
        assert_eq!(n, 1, "the drawer stays open");
    }
}
