//! The storage error type: constraint violations are told apart from everything else.

use sqlx::error::DatabaseError;
use sqlx::postgres::PgDatabaseError;
use sqlx::sqlite::SqliteError;

use crate::Constraint;

/// What went wrong talking to the database.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A uniqueness rule was broken; `constraint` says which.
    #[error("conflict on {constraint}")]
    Conflict {
        /// The rule that clashed.
        constraint: Constraint,
    },
    /// The row asked for does not exist.
    #[error("not found")]
    NotFound,
    /// A record changed since it was read (its version moved on, or it ended): the write was
    /// refused. Names the record.
    #[error("the {0} changed since it was read")]
    Stale(&'static str),
    /// The database URL could not be understood.
    #[error("bad database URL: {0}")]
    BadUrl(String),
    /// Applying migrations failed.
    #[error("migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// The disk did not confirm a commit (fsync failed): the write may not be durable.
    #[error("the database could not make the commit durable: {0}")]
    Durability(std::io::Error),
    /// The database refused to change a record that is append-only (a fiscal document).
    #[error("append-only record: {0}")]
    Immutable(String),
    /// The transaction lost a deadlock or a serialization conflict (PostgreSQL SQLSTATE 40P01,
    /// 40001): nothing of it was kept, and running it again is safe.
    #[error("transaction conflict, run it again: {0}")]
    Transient(sqlx::Error),
    /// A sum or a cast did not fit a 64-bit integer (PostgreSQL SQLSTATE 22003, SQLite's
    /// "integer overflow"): stored amounts too large to add up.
    #[error("number out of range: {0}")]
    OutOfRange(String),
    /// A journal event could not be chained (not an object, a float in it, …).
    #[error("journal event refused: {0}")]
    Journal(#[from] caisse_core::journal::JournalError),
    /// The cart log of a SQLite database could not be read or written (see `cart_log`).
    #[error("the cart log failed: {0}")]
    CartLog(std::io::Error),
    /// Another process keeps the open sales of this SQLite database (it holds the named lock
    /// file): one server at a time runs on a SQLite file.
    #[error(
        "another Caisse server is running on this SQLite database (it holds {0}): stop it first, or use PostgreSQL to run several servers on one database"
    )]
    CartsKeptElsewhere(String),
    /// Any other database error.
    #[error("database error: {0}")]
    Db(sqlx::Error),
}

impl StoreError {
    /// Whether the whole transaction may simply be run again (a deadlock or serialization
    /// failure: the database rolled it back).
    pub fn is_transient(&self) -> bool {
        matches!(self, StoreError::Transient(_))
    }
}

/// What a database's refusal means to the callers, read from each backend's own answer.
enum Refusal {
    Conflict(Constraint),
    Transient,
    OutOfRange(String),
    Immutable(String),
}

/// The first words of the message the append-only triggers raise, on both backends.
const APPEND_ONLY: &str = "append-only";

/// PostgreSQL says what happened with its SQLSTATE and names the broken constraint.
fn postgres_refusal(db: &PgDatabaseError) -> Option<Refusal> {
    match db.code() {
        // unique_violation
        "23505" => Some(Refusal::Conflict(Constraint::from_postgres(
            db.constraint().unwrap_or_default(),
        ))),
        // deadlock_detected, serialization_failure
        "40P01" | "40001" => Some(Refusal::Transient),
        // numeric_value_out_of_range
        "22003" => Some(Refusal::OutOfRange(db.message().to_owned())),
        // raise_exception: the append-only triggers `RAISE EXCEPTION 'append-only: %'`.
        "P0001" if db.message().starts_with(APPEND_ONLY) => {
            Some(Refusal::Immutable(db.message().to_owned()))
        }
        _ => None,
    }
}

/// SQLite has one code for every trigger's refusal and none for an overflowing sum: its
/// message is the only thing that tells them apart, and it is read here only.
fn sqlite_refusal(db: &SqliteError) -> Option<Refusal> {
    let message = DatabaseError::message(db);
    if db.is_unique_violation() {
        return Some(Refusal::Conflict(Constraint::from_sqlite(message)));
    }
    if message.contains("integer overflow") {
        return Some(Refusal::OutOfRange(message.to_owned()));
    }
    if message.starts_with(APPEND_ONLY) {
        return Some(Refusal::Immutable(message.to_owned()));
    }
    None
}

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        if let sqlx::Error::RowNotFound = e {
            return StoreError::NotFound;
        }
        let refusal = e.as_database_error().and_then(|db| {
            if let Some(pg) = db.try_downcast_ref::<PgDatabaseError>() {
                postgres_refusal(pg)
            } else {
                db.try_downcast_ref::<SqliteError>()
                    .and_then(sqlite_refusal)
            }
        });
        match refusal {
            Some(Refusal::Conflict(constraint)) => StoreError::Conflict { constraint },
            Some(Refusal::Transient) => StoreError::Transient(e),
            Some(Refusal::OutOfRange(message)) => StoreError::OutOfRange(message),
            Some(Refusal::Immutable(message)) => StoreError::Immutable(message),
            None => StoreError::Db(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing;

    /// The unique indexes of a migrated SQLite database, as SQLite lists their columns when
    /// one is broken.
    async fn sqlite_unique_indexes(db: &crate::Db) -> Vec<String> {
        let crate::Db::Sqlite(s) = db else {
            panic!("a SQLite database");
        };
        let tables: Vec<(String,)> =
            sqlx::query_as("SELECT name FROM sqlite_master WHERE type = 'table'")
                .fetch_all(&s.pool)
                .await
                .expect("tables");
        let mut out = Vec::new();
        for (table,) in tables {
            let indexes: Vec<(i64, String, i64, String, i64)> =
                sqlx::query_as(sqlx::AssertSqlSafe(format!("PRAGMA index_list('{table}')")))
                    .fetch_all(&s.pool)
                    .await
                    .expect("index list");
            for (_, index, unique, _, _) in indexes {
                if unique == 0 {
                    continue;
                }
                let cols: Vec<(i64, i64, String)> =
                    sqlx::query_as(sqlx::AssertSqlSafe(format!("PRAGMA index_info('{index}')")))
                        .fetch_all(&s.pool)
                        .await
                        .expect("index info");
                let cols: Vec<_> = cols
                    .iter()
                    .map(|(_, _, c)| format!("{table}.{c}"))
                    .collect();
                out.push(cols.join(", "));
            }
        }
        out
    }

    #[tokio::test]
    async fn every_named_rule_is_in_both_schemas() {
        let lite = testing::sqlite().await;
        let indexes = sqlite_unique_indexes(&lite.db).await;
        for (c, _, columns) in Constraint::known() {
            assert!(
                indexes.iter().any(|i| i == columns),
                "{c}: no SQLite unique index on {columns} in {indexes:?}"
            );
        }
        let Some(pg) = testing::postgres().await else {
            return;
        };
        let crate::Db::Postgres(pool) = &pg.db else {
            panic!("a PostgreSQL database");
        };
        let names: Vec<(String,)> = sqlx::query_as(
            "SELECT indexname::TEXT FROM pg_indexes WHERE schemaname = current_schema()",
        )
        .fetch_all(pool)
        .await
        .expect("indexes");
        for (c, name, _) in Constraint::known() {
            assert!(
                names.iter().any(|(n,)| n == name),
                "{c}: no PostgreSQL index {name}"
            );
        }
    }

    #[tokio::test]
    async fn a_broken_rule_is_told_by_its_type_on_each_backend() {
        let mut dbs = vec![testing::sqlite().await];
        dbs.extend(testing::postgres().await);
        for t in &dbs {
            let refused = crate::on_pool!(&t.db, conn => {
                let create = "CREATE TABLE t_dup (a BIGINT NOT NULL, CONSTRAINT t_dup_key UNIQUE (a))";
                sqlx::query(create).execute(conn).await.expect("create");
                sqlx::query("INSERT INTO t_dup (a) VALUES (1)").execute(conn).await.expect("first");
                sqlx::query("INSERT INTO t_dup (a) VALUES (1)").execute(conn).await.map(drop)
            });
            match refused.map_err(StoreError::from) {
                Err(StoreError::Conflict {
                    constraint: Constraint::Other(name),
                }) => assert!(name == "t_dup_key" || name == "t_dup.a", "{name}"),
                other => panic!("{other:?}"),
            }
        }
    }
}
