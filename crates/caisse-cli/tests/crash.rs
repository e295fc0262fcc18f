//! The crash harness, CI-sized: tills sell through a real server killed with SIGKILL twenty
//! times at random moments; afterwards every acknowledged line and sale is there once, no sale
//! differs from what its till last saw, stock equals its ledger and the journal verifies. On
//! SQLite, and on PostgreSQL when `CAISSE_TEST_PG_URL` is set.

use std::process::Command;

use caisse_store::testing::PG_URL_VAR;
use serde_json::Value;

fn harness(seed: &str, db: Option<&str>) -> Value {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_caisse"));
    cmd.args([
        "bench",
        "crash",
        "--kills",
        "20",
        "--tills",
        "3",
        "--products",
        "200",
        "--seed",
        seed,
    ])
    .env("CAISSE_LOG", "error");
    if let Some(url) = db {
        cmd.args(["--db", url]);
    }
    let out = cmd.output().expect("run the harness");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let report: Value = stdout
        .lines()
        .rev()
        .find_map(|l| serde_json::from_str(l).ok())
        .unwrap_or_else(|| {
            panic!(
                "no report: {stdout}\n{}",
                String::from_utf8_lossy(&out.stderr)
            )
        });
    assert!(out.status.success(), "violations: {report}");
    report
}

fn check(report: &Value) {
    assert_eq!(report["ok"], true, "{report}");
    assert_eq!(report["kills"], 20);
    assert_eq!(report["violations"], 0, "{report}");
    assert!(
        report["sales_acknowledged"].as_u64().unwrap_or(0) > 0,
        "the tills sold something between the kills: {report}"
    );
    assert_eq!(report["sales_stored"], report["sales_acknowledged"]);
}

#[test]
fn nothing_acknowledged_is_lost_when_the_server_is_killed_on_sqlite() {
    check(&harness("11", None));
}

#[test]
fn nothing_acknowledged_is_lost_when_the_server_is_killed_on_postgres() {
    let Ok(url) = std::env::var(PG_URL_VAR) else {
        eprintln!("skipping the PostgreSQL crash harness: {PG_URL_VAR} is not set");
        return;
    };
    check(&harness("12", Some(&url)));
}
