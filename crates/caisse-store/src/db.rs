//! The `Db` handle: a typed sqlx pool for SQLite or PostgreSQL, chosen from the URL scheme.

use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{PgPool, Postgres, Sqlite, SqlitePool, Transaction};

use crate::StoreError;
use crate::durability::SqliteShared;

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("migrations/postgres");

/// Which database engine a [`Db`] talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// Embedded SQLite file.
    Sqlite,
    /// PostgreSQL server.
    Postgres,
}

/// A handle on the shop's database: cheap to clone, shared by every request.
#[derive(Debug, Clone)]
pub enum Db {
    /// SQLite pool (WAL, foreign keys, durable commits by group commit).
    Sqlite(SqliteDb),
    /// PostgreSQL pool.
    Postgres(PgPool),
}

/// The SQLite pool and what its writers share (the writer gate and group commit).
#[derive(Debug, Clone)]
pub struct SqliteDb {
    /// The connection pool, for reads and for writes outside [`Db::begin`].
    pub pool: SqlitePool,
    /// The one connection write transactions use (the same pool as `pool` for an in-memory
    /// database). In WAL mode a connection that sees another connection's commit drops its
    /// whole page cache at its next transaction; writers taking turns on the pool's eight
    /// connections re-read every page they touched from the file. One writer connection
    /// keeps its cache across commits, and writers are serialised by the writer turn anyway.
    writer: SqlitePool,
    pub(crate) shared: Arc<SqliteShared>,
}

/// An open write transaction on either backend.
#[derive(Debug)]
pub enum Tx {
    /// SQLite transaction, started with `BEGIN IMMEDIATE`.
    Sqlite(SqliteTx),
    /// PostgreSQL transaction.
    Postgres(Transaction<'static, Postgres>),
}

/// A SQLite write transaction holding this process's writer turn until it ends.
#[derive(Debug)]
pub struct SqliteTx {
    /// The transaction.
    pub tx: Transaction<'static, Sqlite>,
    shared: Arc<SqliteShared>,
    // Dropped after `tx` (fields drop in order): a rolled-back transaction releases SQLite's
    // lock before the next writer gets its turn.
    _turn: tokio::sync::OwnedMutexGuard<()>,
}

impl Tx {
    /// Commits and returns once the commit is on disk (acknowledged means durable). On SQLite
    /// the fsync is shared with every other commit made meanwhile (group commit).
    pub async fn commit(self) -> Result<(), StoreError> {
        match self {
            Tx::Sqlite(t) => {
                let shared = Arc::clone(&t.shared);
                t.tx.commit().await?;
                drop(t._turn);
                shared.sync().await.map_err(StoreError::Durability)?;
            }
            Tx::Postgres(t) => t.commit().await?,
        }
        Ok(())
    }

    /// The cart log of the database (SQLite; see `cart_log`).
    pub fn cart_log(&self) -> Option<Arc<crate::cart_log::CartLog>> {
        match self {
            Tx::Sqlite(t) => Some(Arc::clone(&t.shared.carts)),
            Tx::Postgres(_) => None,
        }
    }

    /// Runs one statement without parameters (savepoints and the like).
    pub async fn execute_plain(&mut self, sql: &'static str) -> Result<(), StoreError> {
        match self {
            Tx::Sqlite(t) => {
                sqlx::raw_sql(sql).execute(&mut *t.tx).await?;
            }
            Tx::Postgres(t) => {
                sqlx::raw_sql(sql).execute(&mut **t).await?;
            }
        }
        Ok(())
    }

    /// Rolls the transaction back now (dropping it also rolls back, lazily).
    pub async fn rollback(self) -> Result<(), StoreError> {
        match self {
            Tx::Sqlite(t) => t.tx.rollback().await?,
            Tx::Postgres(t) => t.rollback().await?,
        }
        Ok(())
    }

    /// Commits without waiting for the disk: for state that is not a fiscal or financial fact
    /// (an open cart, a last-seen time). It becomes durable with the next durable commit or
    /// checkpoint, typically within milliseconds; a power cut just before can lose it. On
    /// PostgreSQL this is [`Tx::commit`].
    pub async fn commit_unsynced(self) -> Result<(), StoreError> {
        match self {
            Tx::Sqlite(t) => t.tx.commit().await?,
            Tx::Postgres(t) => t.commit().await?,
        }
        Ok(())
    }
}

/// A PostgreSQL session advisory lock, held by a connection of its own until dropped (the
/// connection is then closed, which releases the lock even if nothing else runs).
#[derive(Debug)]
pub struct AdvisoryLock(Option<sqlx::pool::PoolConnection<Postgres>>);

impl Drop for AdvisoryLock {
    fn drop(&mut self) {
        if let Some(c) = self.0.take() {
            drop(c.detach());
        }
    }
}

impl Db {
    /// On PostgreSQL, waits for and takes the session advisory lock `key`, so servers sharing
    /// the database take turns; on SQLite (one server per file) there is nothing to take.
    pub async fn advisory_lock(&self, key: i64) -> Result<Option<AdvisoryLock>, StoreError> {
        match self {
            Db::Sqlite(_) => Ok(None),
            Db::Postgres(pool) => {
                let mut c = pool.acquire().await?;
                sqlx::query("SELECT pg_advisory_lock($1)")
                    .bind(key)
                    .execute(&mut *c)
                    .await?;
                Ok(Some(AdvisoryLock(Some(c))))
            }
        }
    }

    /// Connects from a URL: `postgres://…` / `postgresql://…`, `sqlite:path`, `sqlite::memory:`,
    /// or a plain file path (SQLite). SQLite files are created when missing.
    pub async fn connect(url: &str) -> Result<Db, StoreError> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let opts =
                PgConnectOptions::from_str(url).map_err(|e| StoreError::BadUrl(e.to_string()))?;
            return Self::connect_postgres(opts, 16).await;
        }
        let opts = if url.starts_with("sqlite:") {
            SqliteConnectOptions::from_str(url).map_err(|e| StoreError::BadUrl(e.to_string()))?
        } else if url.contains("://") {
            return Err(StoreError::BadUrl(format!(
                "unsupported scheme in {url:?}: use postgres://… or a SQLite file path"
            )));
        } else {
            SqliteConnectOptions::new().filename(url)
        };
        Self::connect_sqlite(opts).await
    }

    /// Opens a SQLite database with the durability settings Caisse relies on.
    pub async fn connect_sqlite(opts: SqliteConnectOptions) -> Result<Db, StoreError> {
        let file = opts.get_filename();
        let on_disk = !(file.as_os_str().is_empty()
            || file.as_os_str() == ":memory:"
            || file.to_string_lossy().starts_with("file:sqlx-in-memory"));
        let file = on_disk.then(|| file.to_path_buf());
        let opts = opts
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            // NORMAL: commits do not fsync by themselves; `Tx::commit` waits for a shared
            // fsync of the WAL instead (group commit, see `durability`).
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10))
            // 64 MiB page cache per connection: bulk imports stay in memory until commit.
            .pragma("cache_size", "-65536")
            // Statement journals (one per multi-row statement, to undo just that statement)
            // and savepoints stay in memory instead of temporary files.
            .pragma("temp_store", "memory")
            // Checkpoints run in the background (below), not inside a writer's commit, where
            // they stalled completions for 10-20 ms.
            .pragma("wal_autocheckpoint", "0");
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .connect_with(opts.clone())
            .await?;
        let on_disk = file.is_some();
        let writer = if on_disk {
            SqlitePoolOptions::new()
                .max_connections(1)
                // Kept open for good: its page cache is the point.
                .min_connections(1)
                .idle_timeout(None)
                .max_lifetime(None)
                // The batch writer's multi-row statements differ by their number of rows, so
                // a checkout under load uses a few hundred statement texts; with sqlx's
                // default of 100 they were evicted and prepared again at every batch.
                .connect_with(
                    opts.statement_cache_capacity(WRITER_STATEMENTS)
                        .pragma("cache_size", WRITER_CACHE_KIB),
                )
                .await?
        } else {
            pool.clone()
        };
        let shared = SqliteShared::new(file);
        if on_disk {
            spawn_checkpointer(pool.clone(), Arc::clone(&shared));
        }
        Ok(Db::Sqlite(SqliteDb {
            pool,
            writer,
            shared,
        }))
    }

    /// Opens a PostgreSQL pool.
    pub async fn connect_postgres(opts: PgConnectOptions, max: u32) -> Result<Db, StoreError> {
        let pool = PgPoolOptions::new()
            .max_connections(max)
            .acquire_timeout(Duration::from_secs(10))
            .connect_with(opts)
            .await?;
        Ok(Db::Postgres(pool))
    }

    /// The cart log of the database: SQLite keeps cart changes there before they are written
    /// to `open_sales` (see `cart_log`); PostgreSQL has none.
    pub fn cart_log(&self) -> Option<&crate::cart_log::CartLog> {
        match self {
            Db::Sqlite(s) => Some(&s.shared.carts),
            Db::Postgres(_) => None,
        }
    }

    /// The engine behind this handle.
    pub fn backend(&self) -> Backend {
        match self {
            Db::Sqlite(_) => Backend::Sqlite,
            Db::Postgres(_) => Backend::Postgres,
        }
    }

    /// Applies the backend's pending migrations.
    pub async fn migrate(&self) -> Result<(), StoreError> {
        match self {
            Db::Sqlite(s) => SQLITE_MIGRATIONS.run(&s.pool).await?,
            Db::Postgres(p) => POSTGRES_MIGRATIONS.run(p).await?,
        }
        Ok(())
    }

    /// Starts a write transaction (`BEGIN IMMEDIATE` on SQLite, so writers queue instead of
    /// failing on lock upgrade).
    pub async fn begin(&self) -> Result<Tx, StoreError> {
        Ok(match self {
            Db::Sqlite(s) => {
                let turn = s.shared.writer_turn().await;
                Tx::Sqlite(SqliteTx {
                    tx: s.writer.begin_with("BEGIN IMMEDIATE").await?,
                    shared: Arc::clone(&s.shared),
                    _turn: turn,
                })
            }
            Db::Postgres(p) => Tx::Postgres(p.begin().await?),
        })
    }

    /// Starts a write transaction for a bulk write (a large import), `BEGIN IMMEDIATE` like
    /// [`Db::begin`]. On SQLite its connection gets a page cache of `cache_kib` KiB (pages are
    /// allocated only as used), so the working set of the indexes being filled stays in memory
    /// instead of being spilled and re-read mid-transaction, and keeps its statement journals
    /// (each multi-row INSERT has one, to undo just that statement if it fails) in memory
    /// instead of a temporary file. The connection is closed when the transaction ends
    /// (commit, rollback or a dropped future), so these settings and the memory never go back
    /// to the pool. Durability is unchanged (WAL, `synchronous=FULL`). On PostgreSQL this is
    /// [`Db::begin`].
    pub async fn begin_bulk(&self, cache_kib: u32) -> Result<Tx, StoreError> {
        match self {
            Db::Sqlite(s) => {
                let turn = s.shared.writer_turn().await;
                let mut conn = s.pool.acquire().await?;
                conn.close_on_drop();
                sqlx::query("PRAGMA temp_store = MEMORY")
                    .execute(&mut *conn)
                    .await?;
                // PRAGMA takes no bind parameters: the value is an integer, formatted here.
                sqlx::query(sqlx::AssertSqlSafe(format!(
                    "PRAGMA cache_size = -{cache_kib}"
                )))
                .persistent(false)
                .execute(&mut *conn)
                .await?;
                let begin = sqlx::SqlSafeStr::into_sql_str("BEGIN IMMEDIATE");
                Ok(Tx::Sqlite(SqliteTx {
                    tx: Transaction::begin(conn, Some(begin)).await?,
                    shared: Arc::clone(&s.shared),
                    _turn: turn,
                }))
            }
            Db::Postgres(_) => self.begin().await,
        }
    }

    /// Returns once every commit made before the call is on disk (after
    /// [`Tx::commit_unsynced`]). PostgreSQL commits are durable already.
    pub async fn sync(&self) -> Result<(), StoreError> {
        match self {
            Db::Sqlite(s) => s.shared.sync().await.map_err(StoreError::Durability),
            Db::Postgres(_) => Ok(()),
        }
    }

    /// Like [`Db::sync`] but starts its own fsync at once instead of waiting for a running
    /// one (for the batch writer, one call per batch).
    pub async fn sync_now(&self) -> Result<(), StoreError> {
        match self {
            Db::Sqlite(s) => s.shared.sync_now().await.map_err(StoreError::Durability),
            Db::Postgres(_) => Ok(()),
        }
    }

    /// Closes every connection (graceful shutdown).
    pub async fn close(&self) {
        match self {
            Db::Sqlite(s) => {
                s.writer.close().await;
                s.pool.close().await;
            }
            Db::Postgres(p) => p.close().await,
        }
    }
}

/// Copies the WAL back into the database file from its own connection, every 200 ms, and
/// makes sure SQLite can start the WAL over.
///
/// SQLite rewinds the WAL to its beginning only when a write begins after a checkpoint that
/// copied *every* frame. A PASSIVE checkpoint running beside a busy writer never gets there:
/// by the time it has copied what was in the WAL, the writer has appended more, so under a
/// steady stream of sales the WAL grew without end (1.5 GB in a 20-second benchmark), every
/// commit extended the file (the kernel zeroing fresh blocks) and page lookups in the WAL got
/// slower. So each round is two checkpoints: a PASSIVE one beside the writers, which copies
/// nearly everything without blocking anyone, then a second one holding the writer turn,
/// which copies only what was committed during the first — a few hundred frames at most — so
/// that the next writer finds the WAL fully copied and rewinds it. The file then stays at its
/// high-water mark and is overwritten in place. PASSIVE checkpoints never block readers; a
/// long reader can keep a round from completing, and the next round tries again. Ends when the
/// pool closes.
fn spawn_checkpointer(pool: SqlitePool, shared: Arc<SqliteShared>) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_millis(200));
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            if pool.is_closed() {
                break;
            }
            if let Err(e) = checkpoint_round(&pool, &shared).await {
                tracing::warn!(error = %e, "WAL checkpoint failed; will retry");
            }
        }
    });
}

/// Prepared statements the writer connection keeps (see [`Db::connect_sqlite`]).
const WRITER_STATEMENTS: usize = 512;

/// The writer connection's page cache, as `PRAGMA cache_size` (negative: KiB). Smaller than
/// the readers': at the end of every transaction that split a B-tree page SQLite walks its
/// whole page cache (the split uses a page number past the end of the file as a temporary
/// key, and truncating the cache back to the file's size then scans every page), which with
/// 16,000 cached pages cost more than the batch's writes. A checkout's writes touch a few
/// thousand pages; the rest comes from the operating system's cache.
const WRITER_CACHE_KIB: &str = "-16384";

/// Frames in the WAL (1,024, about 4 MiB) from which a round also takes the writer turn to
/// let the WAL rewind; below, the WAL is left to grow a little more.
const CHECKPOINT_MIN_FRAMES: i64 = 1024;

/// One checkpoint round (see [`spawn_checkpointer`]).
pub(crate) async fn checkpoint_round(
    pool: &SqlitePool,
    shared: &SqliteShared,
) -> Result<(), sqlx::Error> {
    let (_, frames, _) = passive_checkpoint(pool).await?;
    if frames < CHECKPOINT_MIN_FRAMES {
        return Ok(());
    }
    let _turn = shared.writer_turn().await;
    passive_checkpoint(pool).await?;
    Ok(())
}

/// `PRAGMA wal_checkpoint(PASSIVE)`: (busy, frames in the WAL, frames copied).
pub(crate) async fn passive_checkpoint(pool: &SqlitePool) -> Result<(i64, i64, i64), sqlx::Error> {
    sqlx::query_as("PRAGMA wal_checkpoint(PASSIVE)")
        .fetch_one(pool)
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Under a writer that never pauses, checkpoint rounds still let the WAL rewind: the file
    /// stays near its threshold instead of holding everything written.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn checkpoints_let_the_wal_rewind_under_a_busy_writer() {
        let path = std::env::temp_dir().join(format!("caisse-wal-{}.db", uuid::Uuid::now_v7()));
        let db = Db::connect_sqlite(SqliteConnectOptions::new().filename(&path))
            .await
            .unwrap();
        let Db::Sqlite(s) = &db else { unreachable!() };
        sqlx::query("CREATE TABLE t (x BLOB)")
            .execute(&s.pool)
            .await
            .unwrap();
        let mut wal = path.clone().into_os_string();
        wal.push("-wal");
        // 4,000 commits of one 4 KiB row each: at least 8,000 frames (over 32 MiB) written.
        let writer = {
            let db = db.clone();
            tokio::spawn(async move {
                for _ in 0..4000 {
                    let mut tx = db.begin().await.unwrap();
                    crate::on_tx!(&mut tx, c => sqlx::query("INSERT INTO t (x) VALUES (zeroblob(4096))").execute(c).await.map(|r| r.rows_affected())).unwrap();
                    tx.commit_unsynced().await.unwrap();
                }
            })
        };
        // The WAL rewinds when a write starts over at its beginning, which gives the file's
        // header a new salt (bytes 16..20). Rewinds are counted, not measured against a size:
        // on a busy box fewer rounds run and the file grows between them, but each round that
        // ends under the writer turn still lets it rewind.
        let salt = || {
            use std::io::Read;
            let mut head = [0u8; 20];
            std::fs::File::open(&wal)
                .and_then(|mut f| f.read_exact(&mut head))
                .ok()
                .map(|()| head[16..20].to_vec())
        };
        let mut largest = 0;
        let (mut rewinds, mut last_salt) = (0, salt());
        while !writer.is_finished() {
            checkpoint_round(&s.pool, &s.shared).await.unwrap();
            largest = largest.max(std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0));
            tokio::time::sleep(Duration::from_millis(20)).await;
            let now = salt();
            if now != last_salt {
                rewinds += 1;
                last_salt = now;
            }
        }
        writer.await.unwrap();
        let rows: (i64,) = sqlx::query_as("SELECT COUNT(*) FROM t")
            .fetch_one(&s.pool)
            .await
            .unwrap();
        assert_eq!(rows.0, 4000, "every commit is there");
        assert!(
            rewinds >= 2,
            "the WAL rewound {rewinds} times (largest {largest} bytes)"
        );
        db.close().await;
        for suffix in ["", "-wal", "-shm"] {
            let mut p = path.clone().into_os_string();
            p.push(suffix);
            let _ = std::fs::remove_file(p);
        }
    }
}
