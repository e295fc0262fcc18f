//! The `caisse` binary's commands, run as a shop owner would run them.

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

/// Starts `serve` on a free port and returns it with what it printed until it listened.
fn serve_running(db: &Path) -> (std::process::Child, Vec<String>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_caisse"))
        .args(["serve", "--listen", "127.0.0.1:0", "--db"])
        .arg(db)
        .env("CAISSE_LOG", "error")
        .stdout(Stdio::piped())
        .spawn()
        .expect("start serve");
    let mut lines = Vec::new();
    for line in BufReader::new(child.stdout.take().expect("stdout")).lines() {
        let line = line.expect("line");
        let done = line.contains("listening on");
        lines.push(line);
        if done {
            break;
        }
    }
    (child, lines)
}

/// Starts `serve` on a free port, collects what it prints until it listens, then stops it.
fn serve_once(db: &Path) -> Vec<String> {
    let (mut child, lines) = serve_running(db);
    child.kill().ok();
    child.wait().ok();
    lines
}

#[test]
fn first_start_creates_an_owner_and_prints_the_password_once() {
    let dir = temp_dir("first");
    let db = dir.join("shop.db");
    let first = serve_once(&db);
    let password_line = first
        .iter()
        .find(|l| l.contains("password"))
        .expect("password printed on first start");
    let password = password_line
        .split_whitespace()
        .find(|w| w.len() == 24)
        .expect("24-hex-digit password");
    assert!(
        password.bytes().all(|b| b.is_ascii_hexdigit()),
        "{password_line}"
    );
    let second = serve_once(&db);
    assert!(
        second.iter().all(|l| !l.contains("password")),
        "printed only once: {second:?}"
    );
    let users = caisse(&db, &["user", "list"]);
    assert!(
        text(&users.stdout).starts_with("owner\towner"),
        "{}",
        text(&users.stdout)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn users_import_and_export_from_the_command_line() {
    let dir = temp_dir("import");
    let db = dir.join("shop.db");
    serve_once(&db);

    let added = caisse(
        &db,
        &[
            "user",
            "add",
            "--login",
            "Marie",
            "--role",
            "cashier",
            "--password",
            "marie-sells-cheese",
            "--pin",
            "4815",
        ],
    );
    assert!(added.status.success(), "{}", text(&added.stderr));
    assert_eq!(
        text(&added.stdout).trim(),
        "created marie (cashier, active)"
    );
    // Outside the demo, an easy password or PIN is refused.
    let weak = caisse(
        &db,
        &[
            "user",
            "add",
            "--login",
            "paul",
            "--password",
            "secret1",
            "--pin",
            "4321",
        ],
    );
    assert!(!weak.status.success());
    assert!(
        text(&weak.stderr).contains("password") && text(&weak.stderr).contains("pin"),
        "{}",
        text(&weak.stderr)
    );
    // The account's life from the command line.
    for (args, out) in [
        (
            vec!["user", "edit", "marie", "--display-name", "Marie Curie"],
            "changed marie (cashier, active)",
        ),
        (
            vec!["user", "role", "marie", "manager"],
            "changed marie (manager, active)",
        ),
        (
            vec!["user", "deactivate", "marie"],
            "deactivated marie (manager, inactive)",
        ),
        (
            vec!["user", "activate", "marie"],
            "activated marie (manager, active)",
        ),
        (
            vec![
                "user",
                "password",
                "marie",
                "--password",
                "another-long-phrase",
            ],
            "new password for marie (manager, active)",
        ),
        (
            vec!["user", "pin", "marie", "--pin", "6149"],
            "new PIN for marie (manager, active)",
        ),
        (
            vec!["user", "unlock", "marie"],
            "unlocked marie (manager, active)",
        ),
    ] {
        let res = caisse(&db, &args);
        assert!(res.status.success(), "{args:?}: {}", text(&res.stderr));
        assert_eq!(text(&res.stdout).trim(), out, "{args:?}");
    }
    // The last owner stays.
    let res = caisse(&db, &["user", "deactivate", "owner"]);
    assert!(!res.status.success());
    assert!(
        text(&res.stderr).contains("last active owner"),
        "{}",
        text(&res.stderr)
    );
    let list = caisse(&db, &["user", "list"]);
    assert!(
        text(&list.stdout).contains("marie\tmanager\tMarie Curie\tactive\tpin"),
        "{}",
        text(&list.stdout)
    );
    let bad_user = caisse(
        &db,
        &[
            "user",
            "add",
            "--login",
            "x",
            "--role",
            "boss",
            "--password",
            "1",
        ],
    );
    assert!(!bad_user.status.success());
    assert!(
        text(&bad_user.stderr).contains("role"),
        "{}",
        text(&bad_user.stderr)
    );

    let bad = dir.join("bad.csv");
    std::fs::write(
        &bad,
        "sku,name,price\nA-1,Pain,1.20\nA-2,Lait,-3\nA-1,Again,1.00\n",
    )
    .expect("write csv");
    let out = caisse(&db, &["import", "products", bad.to_str().expect("path")]);
    assert!(!out.status.success(), "a bad file must fail");
    let err = text(&out.stderr);
    assert!(
        err.contains("line 3, column \"price\"") && err.contains("line 4, column \"sku\""),
        "{err}"
    );
    let export = caisse(&db, &["export", "products"]);
    assert_eq!(
        text(&export.stdout).lines().count(),
        1,
        "nothing imported: only the header"
    );

    let good = dir.join("good.csv");
    std::fs::write(&good, "sku,name,price,barcodes\nA-1,Pain de campagne,1.20,4006381333931\nA-2,Lait entier 1 L,1.05,\n").expect("write csv");
    let out = caisse(&db, &["import", "products", good.to_str().expect("path")]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout).trim(),
        "2 created, 0 updated, 0 unchanged"
    );
    let file = dir.join("out.csv");
    let export = caisse(
        &db,
        &["export", "products", "-o", file.to_str().expect("path")],
    );
    assert!(export.status.success());
    let csv = std::fs::read_to_string(&file).expect("exported file");
    assert!(
        csv.contains("A-1,,Pain de campagne,") && csv.contains("4006381333931"),
        "{csv}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn importing_into_a_new_database_creates_the_shop_and_counts_crlf_lines() {
    let dir = temp_dir("import-new");
    let db = dir.join("new.db");
    // What a spreadsheet saves: CRLF line ends. The second row has no name: line 3.
    let bad = dir.join("bad.csv");
    std::fs::write(&bad, "sku,name,price\r\nA1,Apple,1.00\r\nA2,,1.00\r\n").expect("write csv");
    let out = caisse(&db, &["import", "products", bad.to_str().expect("path")]);
    assert!(!out.status.success(), "a bad file must fail");
    let err = text(&out.stderr);
    assert!(err.contains("line 3, column \"name\""), "{err}");

    let good = dir.join("good.csv");
    std::fs::write(&good, "sku,name,price\r\nA1,Apple,1.00\r\n").expect("write csv");
    let out = caisse(&db, &["import", "products", good.to_str().expect("path")]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("1 created, 0 updated, 0 unchanged"),
        "{}",
        text(&out.stdout)
    );
    let users = caisse(&db, &["user", "list"]);
    assert!(
        text(&users.stdout).starts_with("owner\towner"),
        "the store and its owner exist: {}",
        text(&users.stdout)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn one_server_at_a_time_on_a_sqlite_file_while_commands_still_run() {
    let dir = temp_dir("second-server");
    let db = dir.join("shop.db");
    let (mut first, _) = serve_running(&db);

    // A second server on the same file would keep carts the first cannot see: refused.
    let second = caisse(&db, &["serve", "--listen", "127.0.0.1:0"]);
    assert!(!second.status.success(), "a second server must not start");
    let err = text(&second.stderr);
    assert!(
        err.contains("another Caisse server is running on this SQLite database"),
        "{err}"
    );
    assert!(err.contains("shop.db-carts.lock"), "{err}");

    // The shop's commands still work beside the running server.
    let added = caisse(
        &db,
        &[
            "user",
            "add",
            "--login",
            "paul",
            "--role",
            "cashier",
            "--password",
            "paul-sells-bread",
        ],
    );
    assert!(added.status.success(), "{}", text(&added.stderr));

    // Once the first is gone (killed, as by a crash), a server starts again.
    first.kill().ok();
    first.wait().ok();
    let lines = serve_once(&db);
    assert!(
        lines.iter().any(|l| l.contains("listening on")),
        "{lines:?}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn stock_adjust_list_and_verify_from_the_command_line_and_verify_finds_a_tampered_level() {
    let dir = temp_dir("stock");
    let db = dir.join("shop.db");
    serve_once(&db);
    let csv = dir.join("products.csv");
    std::fs::write(&csv, "sku,name,price\nA-1,Pain,1.20\n").expect("write csv");
    let out = caisse(&db, &["import", "products", csv.to_str().expect("path")]);
    assert!(out.status.success(), "{}", text(&out.stderr));

    let adjusted = caisse(
        &db,
        &[
            "stock",
            "adjust",
            "--item",
            "A-1",
            "--quantity",
            "-1.5",
            "--reason",
            "damage",
        ],
    );
    assert!(adjusted.status.success(), "{}", text(&adjusted.stderr));
    assert!(
        text(&adjusted.stdout).contains("now -1.500"),
        "{}",
        text(&adjusted.stdout)
    );
    let listed = caisse(&db, &["stock", "list"]);
    let listed = text(&listed.stdout);
    assert!(
        listed.contains("A-1") && listed.contains("BELOW ZERO"),
        "{listed}"
    );
    let bad = caisse(
        &db,
        &[
            "stock",
            "adjust",
            "--item",
            "A-1",
            "--quantity",
            "2",
            "--reason",
            "lost",
        ],
    );
    assert!(!bad.status.success(), "an unknown reason is refused");

    let verified = caisse(&db, &["stock", "verify"]);
    assert!(verified.status.success(), "{}", text(&verified.stdout));

    // Someone edits the level behind the ledger's back: verify says where, and fails.
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    rt.block_on(async {
        let url = db.to_str().expect("path");
        let store = caisse_store::Db::connect(url).await.expect("open");
        caisse_store::testing::execute_raw(
            &store,
            "UPDATE stock_levels SET on_hand = on_hand + 250",
        )
        .await
        .expect("tamper");
        store.close().await;
    });
    let verified = caisse(&db, &["stock", "verify"]);
    assert_eq!(verified.status.code(), Some(1));
    let said = text(&verified.stdout);
    assert!(
        said.contains("on hand -1.250 but movements add up to -1.500"),
        "{said}"
    );
}
