//! `caisse report x|z` against a shop with a register, as an owner would run them.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use caisse_app::App;
use caisse_app::auth::{NewUser, Principal, create_user};
use caisse_app::checkout::registers::{CloseDrawer, OpenDrawer, RegisterDraft};
use caisse_core::catalog::Store;
use caisse_store::Db;

fn caisse(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_caisse"))
        .args(args)
        .arg("--db")
        .arg(db)
        .env("CAISSE_LOG", "error")
        .output()
        .expect("run caisse")
}

fn text(out: &[u8]) -> String {
    String::from_utf8_lossy(out).into_owned()
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("caisse-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

async fn app(db: &Path) -> App {
    let db = Db::connect(db.to_str().expect("path")).await.expect("db");
    db.migrate().await.expect("migrate");
    App::start(db).await.expect("app")
}

/// A store with its owner; returns the owner acting.
async fn shop(app: &App) -> Principal {
    let store = Store {
        id: uuid::Uuid::now_v7(),
        name: "Shop".into(),
        currency: "EUR".into(),
        locale: "fr-FR".into(),
        time_zone: "Europe/Paris".into(),
        tax_mode: "inclusive".into(),
        scale_layout: "none".into(),
    };
    caisse_app::catalog::create_store(app, store.clone())
        .await
        .expect("store");
    let new = NewUser {
        login: "olivia".into(),
        display_name: None,
        role: "owner".into(),
        password: "owner-pass".into(),
        pin: Some("1470".into()),
    };
    let user = create_user(app, store.id, None, new).await.expect("user");
    Principal::system(store.id, user.id)
}

#[tokio::test]
async fn x_and_z_reports_print_from_the_command_line() {
    let dir = temp_dir("reports");
    let db = dir.join("shop.db");
    let a = app(&db).await;
    let who = shop(&a).await;
    let draft = RegisterDraft {
        code: "T1".into(),
        name: "Till 1".into(),
        printer: None,
        receipt_width: None,
    };
    let reg = caisse_app::checkout::registers::create_register(&a, &who, draft)
        .await
        .expect("register");
    let open = OpenDrawer {
        float: Some(12_345.into()),
        count: None,
    };
    caisse_app::checkout::registers::open_drawer(&a, &who, reg.id, open)
        .await
        .expect("open drawer");
    a.db.close().await;

    let x = caisse(&db, &["report", "x", "--register", "t1"]);
    assert!(x.status.success(), "{}", text(&x.stderr));
    let out = text(&x.stdout);
    assert!(out.starts_with("X report - register T1 (EUR)"), "{out}");
    assert!(
        out.lines()
            .any(|l| l.contains("Opening float") && l.ends_with("123.45")),
        "{out}"
    );
    let none = caisse(&db, &["report", "z", "--register", "T1"]);
    assert!(!none.status.success(), "no Z yet");
    assert!(
        text(&none.stderr).contains("not found"),
        "{}",
        text(&none.stderr)
    );

    let a = app(&db).await;
    let close = CloseDrawer {
        counted: Some(12_300.into()),
        count: None,
    };
    caisse_app::checkout::registers::close_drawer(&a, &who, reg.id, close)
        .await
        .expect("close drawer");
    a.db.close().await;
    for args in [
        &["report", "z", "--register", "T1"][..],
        &["report", "z", "--register", "T1", "--number", "1"][..],
    ] {
        let z = caisse(&db, args);
        assert!(z.status.success(), "{}", text(&z.stderr));
        let out = text(&z.stdout);
        assert!(out.starts_with("Z report 1 - register T1"), "{out}");
        assert!(
            out.lines()
                .any(|l| l.contains("Over (+) / short (-)") && l.ends_with("-0.45")),
            "{out}"
        );
        assert!(out.contains("report SHA-256"), "{out}");
    }
    let missing = caisse(&db, &["report", "z", "--register", "T1", "--number", "2"]);
    assert!(!missing.status.success());
    let unknown = caisse(&db, &["report", "x", "--register", "T9"]);
    assert!(!unknown.status.success());
    assert!(
        text(&unknown.stderr).contains("register"),
        "{}",
        text(&unknown.stderr)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// Sells one `code` on `register` for cash through the use cases; returns its receipt number.
async fn sell(a: &App, who: &Principal, register: uuid::Uuid, code: &str, key: &str) -> String {
    use caisse_app::checkout::{complete, payments, sales};
    let sale = sales::open_sale(
        a,
        who,
        serde_json::from_value(serde_json::json!({"register_id": register})).expect("input"),
    )
    .await
    .expect("open sale");
    sales::add_line(
        a,
        who,
        sale.id,
        serde_json::from_value(serde_json::json!({"code": code})).expect("input"),
    )
    .await
    .expect("line");
    payments::add_payment(
        a,
        who,
        sale.id,
        &format!("{key}-pay"),
        serde_json::from_value(serde_json::json!({"kind": "cash"})).expect("input"),
    )
    .await
    .expect("cash");
    let done = complete::complete(a, who, sale.id, &format!("{key}-done"), Default::default())
        .await
        .expect("complete");
    done["receipt_number"].as_str().expect("receipt").to_owned()
}

#[tokio::test]
async fn sales_are_listed_from_the_command_line_with_their_filters() {
    let dir = temp_dir("sales");
    let db = dir.join("shop.db");
    let a = app(&db).await;
    let who = shop(&a).await;
    let draft = serde_json::from_value(serde_json::json!({
        "sku": "A", "name": "Apples", "price": {"amount": 250, "currency": "EUR"},
        "barcodes": ["4006381333931"], "tax_category": "reduced"
    }))
    .expect("draft");
    caisse_app::catalog::create_product(&a, &who, &draft)
        .await
        .expect("product");
    let mut regs = Vec::new();
    for code in ["T1", "T2"] {
        let draft = RegisterDraft {
            code: code.into(),
            name: format!("Till {code}"),
            printer: None,
            receipt_width: None,
        };
        let reg = caisse_app::checkout::registers::create_register(&a, &who, draft)
            .await
            .expect("register");
        let open = OpenDrawer {
            float: Some(10_000.into()),
            count: None,
        };
        caisse_app::checkout::registers::open_drawer(&a, &who, reg.id, open)
            .await
            .expect("open drawer");
        regs.push(reg.id);
    }
    let first = sell(&a, &who, regs[0], "4006381333931", "s1").await;
    let second = sell(&a, &who, regs[1], "4006381333931", "s2").await;
    a.db.close().await;

    let all = caisse(&db, &["sales"]);
    assert!(all.status.success(), "{}", text(&all.stderr));
    let out = text(&all.stdout);
    let rows: Vec<&str> = out.lines().collect();
    assert_eq!(rows.len(), 3, "{out}");
    assert!(
        rows[0].starts_with(&second) && rows[1].starts_with(&first),
        "newest first: {out}"
    );
    assert!(rows[0].contains("2.50") && rows[0].contains("T2"), "{out}");
    assert_eq!(rows[2], "2 sale(s)");

    let t1 = text(&caisse(&db, &["sales", "--register", "t1", "--kind", "sale"]).stdout);
    assert!(
        t1.starts_with(&first) && t1.ends_with("1 sale(s)\n"),
        "{t1}"
    );
    let none = text(&caisse(&db, &["sales", "--tender", "card"]).stdout);
    assert_eq!(none, "0 sale(s)\n");
    let bad = caisse(&db, &["sales", "--from", "yesterday"]);
    assert!(!bad.status.success());
    assert!(text(&bad.stderr).contains("from"), "{}", text(&bad.stderr));
    let _ = std::fs::remove_dir_all(&dir);
}
