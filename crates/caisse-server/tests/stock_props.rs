//! The ledger's invariant under random work: after any mix of sales, returns and adjustments,
//! every level and every store total equals the sum of its movements (`stock::verify` finds
//! nothing), and each item's total is what the operations moved.

mod support;

use proptest::prelude::*;
use serde_json::json;
use support::till::{A, B, complete, pay, return_as_credit, sale_of, shop};
use support::{TestApp, apps};

#[derive(Debug, Clone)]
enum Op {
    /// Sells these items (true: A, false: B).
    Sell(Vec<bool>),
    /// Sells n × A and takes them back (restocked).
    SellAndReturn(usize),
    /// Adjusts A or B by this many units.
    Adjust(bool, i64),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        prop::collection::vec(any::<bool>(), 1..4).prop_map(Op::Sell),
        (1usize..3).prop_map(Op::SellAndReturn),
        (any::<bool>(), prop_oneof![-4i64..0, 1i64..6]).prop_map(|(a, q)| Op::Adjust(a, q)),
    ]
}

async fn item(t: &TestApp, token: &str, code: &str) -> String {
    let res = t
        .get(&format!("/api/v1/catalog/lookup?code={code}"), token)
        .await;
    res.body["item"]["item_id"].as_str().unwrap().to_owned()
}

async fn run(ops: Vec<Op>) {
    for t in apps().await {
        let (owner, cashier, reg) = shop(&t).await;
        let (a, b) = (item(&t, &owner, A).await, item(&t, &owner, B).await);
        let mut expected = [0i64, 0i64];
        for (n, op) in ops.iter().enumerate() {
            match op {
                Op::Sell(items) => {
                    let codes: Vec<&str> = items.iter().map(|x| if *x { A } else { B }).collect();
                    let sale = sale_of(&t, &cashier, &reg, &codes).await;
                    let res = pay(
                        &t,
                        &cashier,
                        &sale,
                        &format!("p{n}"),
                        json!({"kind": "cash"}),
                    )
                    .await;
                    assert_eq!(res.status, 200, "{}", res.body);
                    complete(&t, &cashier, &sale, &format!("c{n}")).await;
                    for x in items {
                        expected[usize::from(!*x)] -= 1000;
                    }
                }
                Op::SellAndReturn(k) => {
                    let (ret, _) = return_as_credit(&t, &cashier, &reg, *k).await;
                    complete(&t, &cashier, &ret, &format!("r{n}")).await;
                }
                Op::Adjust(is_a, q) => {
                    let id = if *is_a { &a } else { &b };
                    let res = t
                        .json_key(
                            "POST",
                            "/api/v1/stock/adjustments",
                            &owner,
                            &format!("a{n}"),
                            json!({"reason": "correction", "lines": [{"item_id": id, "quantity": q.to_string()}]}),
                        )
                        .await;
                    assert_eq!(res.status, 201, "{}", res.body);
                    expected[usize::from(!*is_a)] += q * 1000;
                }
            }
        }
        let off = caisse_store::stock::verify(&t.app.db).await.unwrap();
        assert!(off.is_empty(), "{:?} after {ops:?}: {off:?}", t.backend);
        for (id, want) in [(&a, expected[0]), (&b, expected[1])] {
            let got = t.get(&format!("/api/v1/stock/{id}"), &owner).await.body["on_hand"].clone();
            let want = caisse_core::money::Quantity::from_milli(want).to_string();
            assert_eq!(got.as_str(), Some(want.as_str()), "{ops:?}");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 6, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn the_ledger_adds_up_after_any_sales_returns_and_adjustments(ops in prop::collection::vec(op(), 1..7)) {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("runtime");
        rt.block_on(run(ops));
    }
}
