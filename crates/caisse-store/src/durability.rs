//! SQLite write serialisation and group commit.
//!
//! **Acknowledged means durable**, and a disk that takes ~3 ms per fsync allows ~350 fsyncs a
//! second: one fsync per sale cannot reach a thousand sales a second. So SQLite connections
//! run with `synchronous=NORMAL` in WAL mode (a commit appends its frames to the WAL without
//! waiting for the disk) and durability is restored explicitly: after committing, a writer
//! waits for an fsync of the WAL file that *started after* its commit. One fsync covers every
//! commit made before it began, so eight tills completing at once share one or two fsyncs.
//! This is exactly what `synchronous=FULL` does (fsync the WAL after the commit frame), with
//! the fsyncs shared. Frames moved into the database file by a checkpoint are synced by SQLite
//! itself (NORMAL syncs the database after each checkpoint).
//!
//! Writers also queue on an in-process FIFO gate before `BEGIN IMMEDIATE`: SQLite has one
//! writer at a time anyway, and its busy handler sleeps and retries, which wastes
//! milliseconds under contention; the gate hands the lock over without sleeping.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use tokio::sync::{OwnedMutexGuard, watch};

/// What SQLite connections share: the writer gate and the group-commit state.
#[derive(Debug)]
pub(crate) struct SqliteShared {
    gate: Arc<tokio::sync::Mutex<()>>,
    /// The database file; `None` for in-memory databases (nothing to sync).
    file: Option<PathBuf>,
    state: Mutex<SyncState>,
    /// The generation of the last fsync that finished (successfully or not, see `failed`).
    done: watch::Sender<SyncDone>,
    /// Where cart changes are stored before they are answered (see `cart_log`).
    pub(crate) carts: Arc<crate::cart_log::CartLog>,
}

#[derive(Debug, Default)]
struct SyncState {
    /// Generation of the last fsync started.
    started: u64,
    /// An fsync is running now.
    running: bool,
    /// Someone committed while an fsync was running and needs the next one.
    again: bool,
    /// The parent directory was synced once (so a new WAL file's name is durable too).
    dir_synced: bool,
}

#[derive(Debug, Clone, Copy, Default)]
struct SyncDone {
    generation: u64,
    /// The generation of the last fsync that failed, if any.
    failed: Option<u64>,
}

impl SqliteShared {
    pub(crate) fn new(file: Option<PathBuf>) -> Arc<SqliteShared> {
        Arc::new(SqliteShared {
            gate: Arc::new(tokio::sync::Mutex::new(())),
            carts: Arc::new(crate::cart_log::CartLog::new(file.as_deref())),
            file,
            state: Mutex::new(SyncState::default()),
            done: watch::channel(SyncDone::default()).0,
        })
    }

    /// Waits for this process's turn to write (FIFO).
    pub(crate) async fn writer_turn(&self) -> OwnedMutexGuard<()> {
        Arc::clone(&self.gate).lock_owned().await
    }

    /// Returns once everything committed before the call is on disk.
    pub(crate) async fn sync(self: &Arc<Self>) -> std::io::Result<()> {
        let Some(file) = self.file.clone() else {
            return Ok(());
        };
        let target = {
            let mut s = self.state.lock().unwrap_or_else(|p| p.into_inner());
            if s.running {
                // The running fsync may have begun before our commit: we need the next one.
                s.again = true;
                s.started + 1
            } else {
                s.running = true;
                s.started += 1;
                let generation = s.started;
                let sync_dir = !s.dir_synced;
                s.dir_synced = true;
                self.spawn_fsync(file, generation, sync_dir);
                generation
            }
        };
        let mut rx = self.done.subscribe();
        let done = *rx
            .wait_for(|d| d.generation >= target)
            .await
            .map_err(|_| std::io::Error::other("the group-commit worker stopped"))?;
        match done.failed {
            Some(g) if g >= target => Err(std::io::Error::other(
                "fsync of the database failed: the last commit may not be durable",
            )),
            _ => Ok(()),
        }
    }

    /// Starts an fsync now, without waiting for one already running: for a caller that
    /// commits a whole batch at a time, where waiting for the running fsync to finish before
    /// starting its own would double its latency. The kernel groups concurrent fsyncs of the
    /// same file in one journal commit.
    pub(crate) async fn sync_now(&self) -> std::io::Result<()> {
        let Some(file) = self.file.clone() else {
            return Ok(());
        };
        tokio::task::spawn_blocking(move || fsync_database(&file, false))
            .await
            .map_err(|e| std::io::Error::other(e.to_string()))?
    }

    fn spawn_fsync(self: &Arc<Self>, file: PathBuf, generation: u64, sync_dir: bool) {
        let shared = Arc::clone(self);
        tokio::task::spawn_blocking(move || {
            let mut generation = generation;
            let mut sync_dir = sync_dir;
            loop {
                let ok = match fsync_database(&file, sync_dir) {
                    Ok(()) => true,
                    Err(e) => {
                        tracing::error!(error = %e, file = %file.display(), "fsync failed");
                        false
                    }
                };
                sync_dir = false;
                let next = {
                    let mut s = shared.state.lock().unwrap_or_else(|p| p.into_inner());
                    if s.again {
                        s.again = false;
                        s.started += 1;
                        Some(s.started)
                    } else {
                        s.running = false;
                        None
                    }
                };
                shared.done.send_modify(|d| {
                    d.generation = generation;
                    if !ok {
                        d.failed = Some(generation);
                    }
                });
                match next {
                    Some(g) => generation = g,
                    None => break,
                }
            }
        });
    }
}

/// Fsyncs the WAL file (where recent commits are) and, when it is gone (checkpointed and
/// removed), the database file. Opening by path each time follows SQLite if it recreates the
/// WAL file.
fn fsync_database(db_file: &Path, sync_dir: bool) -> std::io::Result<()> {
    let mut wal = db_file.as_os_str().to_owned();
    wal.push("-wal");
    match std::fs::File::open(&wal) {
        Ok(f) => f.sync_data()?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            std::fs::File::open(db_file)?.sync_data()?;
        }
        Err(e) => return Err(e),
    }
    if sync_dir {
        let dir = match db_file.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        std::fs::File::open(dir)?.sync_all()?;
    }
    Ok(())
}
