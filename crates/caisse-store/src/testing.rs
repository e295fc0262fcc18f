//! Fresh databases for tests: a temporary SQLite file, or a private PostgreSQL schema when
//! `CAISSE_TEST_PG_URL` is set. Each test gets its own, so tests run in parallel.

use std::path::PathBuf;
use std::str::FromStr;
use std::time::{SystemTime, UNIX_EPOCH};

use sqlx::postgres::PgConnectOptions;
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{AssertSqlSafe, Connection, PgConnection};

use crate::{Backend, Db, StoreError};

/// The environment variable naming the PostgreSQL server tests may use.
pub const PG_URL_VAR: &str = "CAISSE_TEST_PG_URL";

/// A migrated, empty database that removes itself (SQLite file) when dropped.
#[derive(Debug)]
pub struct TestDb {
    /// The handle to use in the test.
    pub db: Db,
    sqlite_path: Option<PathBuf>,
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Some(path) = &self.sqlite_path {
            for suffix in ["", "-wal", "-shm", "-carts.lock"] {
                let mut p = path.clone().into_os_string();
                p.push(suffix);
                let _ = std::fs::remove_file(p);
            }
            if let Db::Sqlite(_) = &self.db
                && let Some(log) = self.db.cart_log()
            {
                for file in log.files() {
                    let _ = std::fs::remove_file(file);
                }
            }
        }
    }
}

/// A new migrated SQLite database in a temporary file.
pub async fn sqlite() -> TestDb {
    let path = std::env::temp_dir().join(format!("caisse-test-{}.db", uuid::Uuid::now_v7()));
    let db = Db::connect_sqlite(SqliteConnectOptions::new().filename(&path))
        .await
        .expect("open test SQLite database");
    db.migrate().await.expect("migrate test SQLite database");
    TestDb {
        db,
        sqlite_path: Some(path),
    }
}

/// A new migrated PostgreSQL schema, or `None` (with the reason printed) when
/// `CAISSE_TEST_PG_URL` is not set. When it is set, failing to connect is a test failure.
pub async fn postgres() -> Option<TestDb> {
    let Ok(url) = std::env::var(PG_URL_VAR) else {
        eprintln!("skipping the PostgreSQL run: {PG_URL_VAR} is not set");
        return None;
    };
    let base = PgConnectOptions::from_str(&url).expect("CAISSE_TEST_PG_URL is a valid URL");
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let schema = format!("caisse_t_{now}_{}", uuid::Uuid::now_v7().simple());
    let mut admin = PgConnection::connect_with(&base)
        .await
        .unwrap_or_else(|e| panic!("{PG_URL_VAR} is set but PostgreSQL is unreachable: {e}"));
    drop_stale_schemas(&mut admin, now).await;
    // The schema name is built above from digits and hex only.
    sqlx::query(AssertSqlSafe(format!("CREATE SCHEMA {schema}")))
        .execute(&mut admin)
        .await
        .expect("create test schema");
    admin.close().await.ok();
    let db = Db::connect_postgres(base.options([("search_path", schema.as_str())]), 4)
        .await
        .expect("connect to test schema");
    db.migrate().await.expect("migrate test PostgreSQL schema");
    Some(TestDb {
        db,
        sqlite_path: None,
    })
}

/// Test schemas older than two hours are left-overs of earlier runs: drop them.
async fn drop_stale_schemas(conn: &mut PgConnection, now: u64) {
    const LIST: &str = "SELECT nspname FROM pg_namespace WHERE nspname LIKE 'caisse_t_%'";
    let names: Vec<(String,)> = sqlx::query_as(LIST)
        .fetch_all(&mut *conn)
        .await
        .unwrap_or_default();
    for (name,) in names {
        let created = name
            .strip_prefix("caisse_t_")
            .and_then(|rest| rest.split('_').next())
            .and_then(|secs| secs.parse::<u64>().ok());
        if created.is_some_and(|t| t + 7200 < now)
            && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
        {
            let _ = sqlx::query(AssertSqlSafe(format!(
                "DROP SCHEMA IF EXISTS {name} CASCADE"
            )))
            .execute(&mut *conn)
            .await;
        }
    }
}

/// Every backend available to this test run: SQLite always, PostgreSQL when configured.
pub async fn all_backends() -> Vec<(Backend, TestDb)> {
    let mut out = vec![(Backend::Sqlite, sqlite().await)];
    if let Some(pg) = postgres().await {
        out.push((Backend::Postgres, pg));
    }
    out
}

/// Runs raw SQL, as someone with direct access to the database file or server could (tests
/// use it to tamper with fiscal rows and check that the tampering is refused or caught).
pub async fn execute_raw(db: &Db, sql: &str) -> Result<u64, StoreError> {
    Ok(
        crate::on_pool!(db, p => sqlx::raw_sql(sqlx::AssertSqlSafe(sql.to_owned())).execute(p).await.map(|r| r.rows_affected()))?,
    )
}

/// Runs a raw query that returns one integer.
pub async fn query_i64(db: &Db, sql: &str) -> Result<i64, StoreError> {
    let (n,): (i64,) = crate::on_pool!(db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql.to_owned())).fetch_one(p).await)?;
    Ok(n)
}

/// Runs raw SQL inside a transaction (tests hold row locks with it).
pub async fn execute_raw_in(tx: &mut crate::Tx, sql: &str) -> Result<u64, StoreError> {
    Ok(
        crate::on_tx!(tx, c => sqlx::raw_sql(sqlx::AssertSqlSafe(sql.to_owned())).execute(c).await.map(|r| r.rows_affected()))?,
    )
}
