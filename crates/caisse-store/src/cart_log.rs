//! The cart log of a SQLite database: where a live cart's changes are stored before they are
//! answered, until the batch writer folds them into `open_sales`.
//!
//! A cart change must survive a crash of the server the moment it is answered. Committing each
//! one to SQLite costs a whole transaction on the one writer (five per sale: open, three scans,
//! the tender), which halved the checkout rate. Here a change is one line appended to a file
//! beside the database with a single `write(2)`: once the call returns the kernel holds it, so
//! a killed server loses nothing (like a WAL commit without fsync, the last moments can be
//! undone by a power cut, never by a crash of the process). Each line is the cart's whole new
//! state (its `open_sales` row) with the payment rows recorded by that change.
//!
//! The writer writes the latest state of every cart changed since its last pass (about every
//! 250 ms, before any document ending one of them, and before anything reads the stored carts)
//! and then deletes the log files whose lines are all in the database. A write of a cart
//! never replaces a newer version nor revives an ended cart, so writing an older state again is
//! harmless, and a server starting on the database folds the files left by a crash in before
//! it loads the carts.
//!
//! One server at a time keeps the carts of a SQLite database: it holds an exclusive lock on
//! `<database>-carts.lock` (taken by `caisse serve` at start, and by any process at its first
//! cart change), so a second server on the same file is refused instead of keeping carts the
//! first one cannot see. PostgreSQL has no cart log: every change is a transaction there, and
//! several servers share the database.

use std::collections::{HashMap, HashSet};
use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::StoreError;
use crate::sales::{CartRow, PaymentRow};

/// The head of a log line as written: the cart's row but its state, and the change's payment
/// rows. The line is the head, a tab, the state (already JSON: written as it is rather than
/// escaped into a string again; compact JSON holds no raw tab or newline), and a newline.
#[derive(Serialize)]
struct HeadRef<'a> {
    id: Uuid,
    store_id: Uuid,
    register_id: Uuid,
    status: &'a str,
    version: i64,
    created_at: i64,
    updated_at: i64,
    payments: &'a [PaymentRow],
}

/// The head of a log line as read back.
#[derive(Deserialize)]
struct Head {
    id: Uuid,
    store_id: Uuid,
    register_id: Uuid,
    status: String,
    version: i64,
    created_at: i64,
    updated_at: i64,
    payments: Vec<PaymentRow>,
}

/// One line of the log: the cart's row and the payment rows of the change.
fn encode(row: &CartRow, payments: &[PaymentRow]) -> Result<Vec<u8>, StoreError> {
    let head = HeadRef {
        id: row.id,
        store_id: row.store_id,
        register_id: row.register_id,
        status: &row.status,
        version: row.version,
        created_at: row.created_at,
        updated_at: row.updated_at,
        payments,
    };
    let mut line = Vec::with_capacity(row.state.len() + 256);
    serde_json::to_writer(&mut line, &head)
        .map_err(|e| StoreError::CartLog(std::io::Error::other(e)))?;
    if row.state.contains(['\t', '\n']) {
        return Err(StoreError::CartLog(std::io::Error::other(
            "a cart's state must be compact JSON",
        )));
    }
    line.push(b'\t');
    line.extend_from_slice(row.state.as_bytes());
    line.push(b'\n');
    Ok(line)
}

/// A line read back; `None` for a line cut short (only a power cut can leave one: its change
/// was never answered as stored after it).
fn decode(line: &[u8]) -> Option<(CartRow, Vec<PaymentRow>)> {
    let tab = line.iter().position(|&b| b == b'\t')?;
    let head: Head = serde_json::from_slice(&line[..tab]).ok()?;
    let state = std::str::from_utf8(&line[tab + 1..]).ok()?;
    // The whole state must be there: a cut one would stop the carts from loading.
    serde_json::from_str::<serde::de::IgnoredAny>(state).ok()?;
    let row = CartRow {
        id: head.id,
        store_id: head.store_id,
        register_id: head.register_id,
        status: head.status,
        state: state.to_owned(),
        version: head.version,
        created_at: head.created_at,
        updated_at: head.updated_at,
    };
    Some((row, head.payments))
}

/// A cart's latest logged state, and the payment rows logged with its changes since the
/// database last took them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pending {
    /// The cart's latest state.
    pub row: CartRow,
    /// Payment rows recorded by its changes, oldest first.
    pub payments: Vec<PaymentRow>,
}

/// What a writer takes to fold every logged change into the database: the carts' states, and
/// the log files it makes redundant once committed (see [`CartLog::written`]).
#[derive(Debug, Default)]
pub struct Snapshot {
    /// Every cart with logged changes.
    pub carts: Vec<Pending>,
    sealed: Vec<PathBuf>,
}

/// The cart log of one SQLite database (see the module documentation).
#[derive(Debug)]
pub struct CartLog {
    /// `<database>-carts`, or `None` for an in-memory database (its carts die with it).
    base: Option<PathBuf>,
    inner: Mutex<Inner>,
}

#[derive(Debug, Default)]
struct Inner {
    /// The lock file, held: this process keeps the database's carts.
    lock: Option<File>,
    /// `caisse serve` took the lock for the life of the process.
    claimed: bool,
    /// The file being appended to, and its number.
    current: Option<(u64, File)>,
    /// The number the next file gets.
    next: u64,
    /// Files no longer appended to, each line of which is in `pending` (or in the database):
    /// deleted once a snapshot that covers them is committed.
    sealed: Vec<PathBuf>,
    pending: HashMap<Uuid, Pending>,
}

/// A file's number from its name (`<base>.<n>.log`), if it is one of the log's files.
fn number_of(base: &Path, file: &Path) -> Option<u64> {
    let prefix = base.file_name()?.to_str()?;
    let name = file.file_name()?.to_str()?;
    name.strip_prefix(prefix)?
        .strip_prefix('.')?
        .strip_suffix(".log")?
        .parse()
        .ok()
}

fn io(e: std::io::Error) -> StoreError {
    StoreError::CartLog(e)
}

impl Inner {
    /// Folds one change in: the newer state wins, payment rows accumulate once each.
    fn fold(&mut self, row: CartRow, payments: Vec<PaymentRow>) {
        match self.pending.get_mut(&row.id) {
            Some(p) => {
                if row.version >= p.row.version {
                    p.row = row;
                }
                for pay in payments {
                    if !p.payments.iter().any(|q| q.id == pay.id) {
                        p.payments.push(pay);
                    }
                }
            }
            None => {
                self.pending.insert(row.id, Pending { row, payments });
            }
        }
    }
}

impl CartLog {
    /// The log of the database in `file` (`None`: in memory).
    pub(crate) fn new(file: Option<&Path>) -> CartLog {
        let base = file.map(|f| {
            let mut name = f.as_os_str().to_owned();
            name.push("-carts");
            PathBuf::from(name)
        });
        CartLog {
            base,
            inner: Mutex::new(Inner::default()),
        }
    }

    fn inner(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn lock_path(base: &Path) -> PathBuf {
        let mut p = base.as_os_str().to_owned();
        p.push(".lock");
        PathBuf::from(p)
    }

    fn file_path(base: &Path, n: u64) -> PathBuf {
        let mut p = base.as_os_str().to_owned();
        p.push(format!(".{n}.log"));
        PathBuf::from(p)
    }

    /// Takes the lock if this process does not hold it yet; `Ok(false)` when another
    /// process holds it.
    fn try_own(&self, inner: &mut Inner) -> Result<bool, StoreError> {
        let Some(base) = &self.base else {
            return Ok(true);
        };
        if inner.lock.is_some() {
            return Ok(true);
        }
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(Self::lock_path(base))
            .map_err(io)?;
        match file.try_lock() {
            Ok(()) => {
                inner.lock = Some(file);
                Ok(true)
            }
            Err(std::fs::TryLockError::WouldBlock) => Ok(false),
            Err(std::fs::TryLockError::Error(e)) => Err(io(e)),
        }
    }

    fn busy(&self) -> StoreError {
        StoreError::CartsKeptElsewhere(
            self.base
                .as_deref()
                .map(|b| Self::lock_path(b).display().to_string())
                .unwrap_or_default(),
        )
    }

    /// Takes the database's carts for the life of this process (`caisse serve`); refused when
    /// another server keeps them.
    pub fn claim(&self) -> Result<(), StoreError> {
        let mut inner = self.inner();
        if !self.try_own(&mut inner)? {
            return Err(self.busy());
        }
        inner.claimed = true;
        Ok(())
    }

    /// Reads the files a stopped or killed server left into this log, so that the next
    /// snapshot writes them to the database. Returns `false` (and reads nothing) when another
    /// live process keeps the carts. In a process that already keeps them, its files are
    /// already in memory and nothing is read.
    pub fn recover(&self) -> Result<bool, StoreError> {
        let Some(base) = &self.base else {
            return Ok(true);
        };
        let mut inner = self.inner();
        if inner.lock.is_some() {
            return Ok(true);
        }
        if !self.try_own(&mut inner)? {
            return Ok(false);
        }
        let dir = match base.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let mut files: Vec<(u64, PathBuf)> = std::fs::read_dir(&dir)
            .map_err(io)?
            .filter_map(|e| e.ok())
            .filter_map(|e| number_of(base, &e.path()).map(|n| (n, e.path())))
            .collect();
        files.sort();
        for (n, path) in files {
            let reader = BufReader::new(File::open(&path).map_err(io)?);
            for (i, line) in reader.split(b'\n').enumerate() {
                let line = line.map_err(io)?;
                match decode(&line) {
                    Some((row, payments)) => inner.fold(row, payments),
                    None => tracing::warn!(
                        file = %path.display(), line = i + 1,
                        "skipping a line of the cart log cut short"
                    ),
                }
            }
            inner.next = inner.next.max(n + 1);
            inner.sealed.push(path);
        }
        Ok(true)
    }

    /// Lets another process take the carts when this one has nothing logged and did not claim
    /// them (a command that only read the database at start).
    pub fn release_if_idle(&self) {
        let mut inner = self.inner();
        if !inner.claimed
            && inner.pending.is_empty()
            && inner.sealed.is_empty()
            && inner.current.is_none()
        {
            inner.lock = None;
        }
    }

    /// Stores a cart change: appends it to the log with one write, then keeps it for the
    /// next snapshot. Refused (nothing stored) when another process keeps the carts.
    pub fn append(&self, row: &CartRow, payments: &[PaymentRow]) -> Result<(), StoreError> {
        let line = encode(row, payments)?;
        let mut inner = self.inner();
        if let Some(base) = &self.base {
            if !self.try_own(&mut inner)? {
                return Err(self.busy());
            }
            if inner.current.is_none() {
                let n = inner.next;
                let file = OpenOptions::new()
                    .create(true)
                    .append(true)
                    .open(Self::file_path(base, n))
                    .map_err(io)?;
                inner.next = n + 1;
                inner.current = Some((n, file));
            }
            if let Some((_, file)) = inner.current.as_mut() {
                file.write_all(&line).map_err(io)?;
            }
        }
        inner.fold(row.clone(), payments.to_vec());
        Ok(())
    }

    /// Whether anything is waiting to be written to the database.
    pub fn has_pending(&self) -> bool {
        let inner = self.inner();
        !inner.pending.is_empty() || !inner.sealed.is_empty() || inner.current.is_some()
    }

    /// The logged states of these carts (those with any), to write before a transaction
    /// that changes or ends them. They stay logged until a snapshot's commit.
    pub fn pending_of(&self, ids: &[Uuid]) -> Vec<Pending> {
        let inner = self.inner();
        ids.iter()
            .filter_map(|id| inner.pending.get(id).cloned())
            .collect()
    }

    /// Every logged cart, to write to the database; the file being appended to is closed so
    /// that the files the snapshot covers can be deleted once it is committed
    /// ([`written`](Self::written)).
    pub fn snapshot(&self) -> Snapshot {
        let mut inner = self.inner();
        if let (Some(base), Some((n, _))) = (&self.base, inner.current.take()) {
            inner.sealed.push(Self::file_path(base, n));
        }
        Snapshot {
            carts: inner.pending.values().cloned().collect(),
            sealed: inner.sealed.clone(),
        }
    }

    /// A snapshot was committed: its carts are forgotten (unless changed since, whose
    /// payment rows it wrote are forgotten) and the files it covered are deleted.
    pub fn written(&self, snap: &Snapshot) {
        let mut inner = self.inner();
        for c in &snap.carts {
            let id = c.row.id;
            let done = match inner.pending.get_mut(&id) {
                Some(p) if p.row.version == c.row.version => true,
                Some(p) => {
                    let taken: HashSet<Uuid> = c.payments.iter().map(|q| q.id).collect();
                    p.payments.retain(|q| !taken.contains(&q.id));
                    false
                }
                None => false,
            };
            if done {
                inner.pending.remove(&id);
            }
        }
        for path in &snap.sealed {
            if let Err(e) = std::fs::remove_file(path)
                && e.kind() != std::io::ErrorKind::NotFound
            {
                tracing::warn!(file = %path.display(), error = %e, "could not delete a cart log file");
            }
        }
        inner.sealed.retain(|p| !snap.sealed.contains(p));
    }

    /// Documents that ended these carts were committed (with the payment rows their logged
    /// changes recorded): their logged states are forgotten, as the next snapshot would
    /// write nothing of them. Their lines stay in the files until a snapshot covers them (a
    /// server killed meanwhile reads them again, and writing them changes nothing).
    pub fn ended(&self, ids: &[Uuid]) {
        let mut inner = self.inner();
        for id in ids {
            inner.pending.remove(id);
        }
    }

    /// The log's files that exist now (for tests and `caisse` diagnostics).
    pub fn files(&self) -> Vec<PathBuf> {
        let Some(base) = &self.base else {
            return Vec::new();
        };
        let dir = match base.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let mut out: Vec<(u64, PathBuf)> = std::fs::read_dir(dir)
            .into_iter()
            .flatten()
            .filter_map(|e| e.ok())
            .filter_map(|e| number_of(base, &e.path()).map(|n| (n, e.path())))
            .collect();
        out.sort();
        out.into_iter().map(|(_, p)| p).collect()
    }

    /// The lock file and log files' common prefix (`<database>-carts`).
    pub fn base(&self) -> Option<&Path> {
        self.base.as_deref()
    }
}

#[cfg(test)]
#[path = "cart_log_tests.rs"]
mod tests;
