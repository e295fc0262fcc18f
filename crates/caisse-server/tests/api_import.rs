//! CSV import and export through the API: all or nothing, every bad row reported.

mod support;

use axum::body::Body;
use axum::http::StatusCode;
use support::{Res, TestApp, apps};

async fn import(t: &TestApp, token: &str, csv: &str, dry_run: bool) -> Res {
    t.send(
        "POST",
        &format!("/api/v1/catalog/import?dry_run={dry_run}"),
        Some(token),
        Some(Body::from(csv.to_owned())),
        "text/csv",
    )
    .await
}

const GOOD: &str = "sku,name,brand,category,unit,sold_by_weight,price,cost,tax_category,barcodes,supplier,active\n\
EPI-1,Crème fraîche 20 cl,Dupré,Crèmerie / Frais,each,false,1.79,1.10,reduced,4006381333931,Grossiste Nord,true\n\
EPI-2,Comté AOP,,Crèmerie / Fromages,kg,true,\"24,90\",,reduced,,Grossiste Nord,true\n\
EPI-3,Earl Grey Tea,Kensington,Épicerie,each,false,3.79,,reduced,5901234123457 036000291452,,true\n";

#[tokio::test]
async fn a_good_file_imports_then_reimports_unchanged_and_exports_back() {
    for t in apps().await {
        let owner = t.login("olivia").await;
        let dry = import(&t, &owner, GOOD, true).await;
        assert_eq!(dry.status, StatusCode::OK, "{}", dry.body);
        assert_eq!(dry.body["created"], 3);
        assert_eq!(
            t.get("/api/v1/products?active=all", &owner).await.body["total"],
            0,
            "a dry run writes nothing"
        );

        let r = import(&t, &owner, GOOD, false).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert_eq!(
            (r.body["created"].as_u64(), r.body["updated"].as_u64()),
            (Some(3), Some(0))
        );
        let r = t
            .get("/api/v1/catalog/lookup?code=036000291452", &owner)
            .await;
        assert_eq!(
            r.body["item"]["sku"], "EPI-3",
            "the index sees imported products at once"
        );
        let r = t.get("/api/v1/catalog/search?q=comte", &owner).await;
        assert_eq!(r.body["items"][0]["price"]["amount"], 2490);
        let cats = t.get("/api/v1/categories", &owner).await;
        let paths: Vec<&str> = cats.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|c| c["path"].as_str())
            .collect();
        assert_eq!(
            paths,
            [
                "Crèmerie",
                "Crèmerie / Frais",
                "Crèmerie / Fromages",
                "Épicerie"
            ]
        );

        let again = import(&t, &owner, GOOD, false).await;
        assert_eq!(
            (
                again.body["created"].as_u64(),
                again.body["unchanged"].as_u64()
            ),
            (Some(0), Some(3)),
            "{}",
            again.body
        );

        let changed = GOOD.replace("1.79,1.10", "1.89,1.10");
        let r = import(&t, &owner, &changed, false).await;
        assert_eq!(r.body["updated"], 1, "{}", r.body);
        let r = t
            .get("/api/v1/catalog/lookup?code=4006381333931", &owner)
            .await;
        assert_eq!(r.body["item"]["price"]["amount"], 189);

        let export = t.get("/api/v1/catalog/export", &owner).await;
        assert_eq!(export.status, StatusCode::OK);
        let text = export.body.as_str().expect("csv text").to_owned();
        assert!(text.starts_with("sku,parent_sku,name,"), "{text}");
        assert!(
            text.contains("EPI-2,,Comté AOP,,,Crèmerie / Fromages,kg,true,24.90,"),
            "{text}"
        );
        let round = import(&t, &owner, &text, false).await;
        assert_eq!(
            (
                round.body["created"].as_u64(),
                round.body["updated"].as_u64(),
                round.body["unchanged"].as_u64()
            ),
            (Some(0), Some(0), Some(3)),
            "{}",
            round.body
        );
    }
}

#[tokio::test]
async fn a_bad_file_imports_nothing_and_lists_every_bad_row() {
    for t in apps().await {
        let owner = t.login("olivia").await;
        let missing_column = "sku,brand\nX-1,Acme\n";
        let r = import(&t, &owner, missing_column, false).await;
        assert_eq!(
            (r.status, r.code()),
            (StatusCode::UNPROCESSABLE_ENTITY, "invalid_csv")
        );
        let errors = r.body["error"]["details"]["errors"]
            .as_array()
            .unwrap()
            .clone();
        let cols: Vec<(u64, &str)> = errors
            .iter()
            .map(|e| (e["line"].as_u64().unwrap(), e["column"].as_str().unwrap()))
            .collect();
        assert_eq!(cols, [(1, "name"), (1, "price")]);

        let bad = "sku,name,price,barcodes,unit\n\
OK-1,Fine,1.00,,each\n\
OK-1,Duplicate sku,2.00,,each\n\
NEG,Negative,-1.00,,each\n\
BADBC,Bad barcode,1.00,4006381333932,each\n\
UNIT,Bad unit,1.00,,ton\n\
,No sku,1.00,,each\n";
        let r = import(&t, &owner, bad, false).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        let errors = r.body["error"]["details"]["errors"]
            .as_array()
            .unwrap()
            .clone();
        let got: Vec<(u64, String)> = errors
            .iter()
            .map(|e| {
                (
                    e["line"].as_u64().unwrap(),
                    e["column"].as_str().unwrap().to_owned(),
                )
            })
            .collect();
        let expected: Vec<(u64, String)> = [
            (3, "sku"),
            (4, "price"),
            (5, "barcodes"),
            (6, "unit"),
            (7, "sku"),
        ]
        .iter()
        .map(|(l, c)| (*l, (*c).to_owned()))
        .collect();
        assert_eq!(got, expected, "{}", r.body);
        assert!(
            errors
                .iter()
                .all(|e| !e["reason"].as_str().unwrap_or("").is_empty())
        );
        assert_eq!(
            t.get("/api/v1/products?active=all", &owner).await.body["total"],
            0,
            "nothing imported"
        );

        let cashier = t.login("chloe").await;
        let r = import(&t, &cashier, "sku,name,price\nC-1,Pain,1.00\n", false).await;
        assert_eq!(r.code(), "forbidden");
        let r = import(
            &t,
            &owner,
            "sku,name,price,colour\nC-1,Pain,1.00,red\n",
            false,
        )
        .await;
        assert_eq!(r.body["error"]["details"]["errors"][0]["column"], "colour");
    }
}

#[tokio::test]
async fn a_spreadsheet_file_with_crlf_line_ends_reports_the_right_lines() {
    for t in apps().await {
        let owner = t.login("olivia").await;
        let csv = "sku,name,price\r\nA1,Apple,1.00\r\nA2,,1.00\r\nA3,Pear,x\r\n";
        let r = import(&t, &owner, csv, false).await;
        assert_eq!(r.code(), "invalid_csv", "{}", r.body);
        let errors = r.body["error"]["details"]["errors"].as_array().unwrap();
        let at: Vec<(u64, &str)> = errors
            .iter()
            .map(|e| (e["line"].as_u64().unwrap(), e["column"].as_str().unwrap()))
            .collect();
        assert_eq!(at, [(3, "name"), (4, "price")], "{}", r.body);
    }
}

#[tokio::test]
async fn exported_cells_never_start_a_formula_and_import_back_unchanged() {
    for t in apps().await {
        let owner = t.login("olivia").await;
        let mut body = support::product(
            "FX-1",
            "=HYPERLINK(\"http://evil.example\",\"Prix\")",
            250,
            &["4006381333931"],
        );
        body["brand"] = serde_json::json!("+33 1 23 45");
        body["description"] = serde_json::json!("@SUM(A1:A9)");
        body["supplier_ref"] = serde_json::json!("-2+3");
        let res = t.create_product(&owner, body).await;
        assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
        let plain = support::product("FX-2", "'=already quoted", 120, &[]);
        let res = t.create_product(&owner, plain).await;
        assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);

        let export = t.get("/api/v1/catalog/export", &owner).await;
        let text = export.body.as_str().expect("csv text").to_owned();
        let mut rows = csv::Reader::from_reader(text.as_bytes());
        for record in rows.records() {
            for cell in record.unwrap().iter() {
                assert!(
                    !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                    "a cell a spreadsheet would run: {cell:?} in {text}"
                );
            }
        }
        assert!(text.contains("'=HYPERLINK("), "{text}");
        assert!(text.contains("'+33 1 23 45"), "{text}");
        assert!(text.contains("''=already quoted"), "{text}");

        // Reading the export back changes nothing: the apostrophes are the export's own.
        let round = import(&t, &owner, &text, false).await;
        assert_eq!(
            (
                round.body["updated"].as_u64(),
                round.body["unchanged"].as_u64()
            ),
            (Some(0), Some(2)),
            "{}",
            round.body
        );
        let r = t
            .get("/api/v1/catalog/lookup?code=4006381333931", &owner)
            .await;
        assert_eq!(
            r.body["item"]["name"],
            "=HYPERLINK(\"http://evil.example\",\"Prix\")"
        );
    }
}
