//! `caisse stock report …`: the inventory reports as CSV from the command line, the same CSV
//! the API exports.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn caisse(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_caisse"))
        .args(args)
        .arg("--db")
        .arg(db)
        .env("CAISSE_LOG", "error")
        .output()
        .expect("run caisse")
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("caisse-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn text(out: &[u8]) -> String {
    String::from_utf8_lossy(out).into_owned()
}

/// Starts `serve` once (it makes the store and its owner), then stops it.
fn first_start(db: &Path) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_caisse"))
        .args(["serve", "--listen", "127.0.0.1:0", "--db"])
        .arg(db)
        .env("CAISSE_LOG", "error")
        .stdout(Stdio::piped())
        .spawn()
        .expect("start serve");
    for line in BufReader::new(child.stdout.take().expect("stdout")).lines() {
        if line.expect("line").contains("listening on") {
            break;
        }
    }
    child.kill().ok();
    child.wait().ok();
}

#[test]
fn stock_reports_print_as_csv_from_the_command_line() {
    let dir = temp_dir("stock-reports");
    let db = dir.join("shop.db");
    first_start(&db);
    let csv = dir.join("products.csv");
    std::fs::write(
        &csv,
        "sku,name,price,cost\nA-1,Pain,1.20,0.80\nB-2,Sel,2.00,\n",
    )
    .expect("write csv");
    let out = caisse(&db, &["import", "products", csv.to_str().expect("path")]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    for (item, qty, reason) in [
        ("A-1", "4", "correction"),
        ("B-2", "3", "correction"),
        ("A-1", "-1", "damage"),
    ] {
        let out = caisse(
            &db,
            &[
                "stock",
                "adjust",
                "--item",
                item,
                "--quantity",
                qty,
                "--reason",
                reason,
            ],
        );
        assert!(out.status.success(), "{}", text(&out.stderr));
    }

    // 3 × 0.80 = 2.40; Sel has no cost.
    let out = caisse(&db, &["stock", "report", "valuation"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let said = text(&out.stdout);
    assert_eq!(
        said.lines().collect::<Vec<_>>(),
        [
            "sku,name,variant,unit,on_hand,unit_cost,value",
            "A-1,Pain,,each,3.000,0.80,2.40",
            "B-2,Sel,,each,3.000,,",
        ],
        "{said}"
    );
    let out = caisse(&db, &["stock", "report", "shrinkage"]);
    let said = text(&out.stdout);
    assert!(said.contains("damage,1,1,-1.000,-0.80,0"), "{said}");
    assert!(said.contains("correction,2,2,7.000,3.20,1"), "{said}");
    let out = caisse(&db, &["stock", "report", "dead-stock", "--days", "30"]);
    let said = text(&out.stdout);
    assert_eq!(said.lines().count(), 3, "never sold: both: {said}");
    let out = caisse(&db, &["stock", "report", "movements", "--item", "A-1"]);
    let said = text(&out.stdout);
    assert_eq!(said.lines().count(), 3, "{said}");
    assert!(
        said.lines()
            .nth(1)
            .unwrap_or_default()
            .contains(",A-1,floor,adjustment,damage,-1.000,0.80,"),
        "{said}"
    );
    let bad = caisse(&db, &["stock", "report", "cover", "--window-days", "0"]);
    assert!(!bad.status.success(), "a zero-day window is refused");
    let bad = caisse(
        &db,
        &["stock", "report", "sell-through", "--from", "2026-02-30"],
    );
    assert!(
        !bad.status.success(),
        "a date that does not exist is refused"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
