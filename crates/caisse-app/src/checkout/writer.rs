//! Where completed documents and cart changes are written: batched on SQLite, one transaction
//! each on PostgreSQL.
//!
//! A cart change is stored before it is answered (an accepted scan survives a crash of the
//! server). On SQLite it is appended to the database's cart log (`caisse_store::cart_log`: one
//! `write(2)`, which a crash of the process cannot undo; a power cut can undo the last moments
//! of cart changes, never a document), and the batch writer folds the log into `open_sales`:
//! every pass of [`FLUSH_EVERY`], before a document that ends one of its carts, and before the
//! stored carts are read. A change that recorded a tender moving money outside the shop's hands
//! (anything but cash) is a transaction of the batch writer instead, and waits for the fsync
//! like a document. On PostgreSQL each cart change is a transaction, committed with
//! `synchronous_commit` off unless it recorded such a tender.
//!
//! SQLite has one writer at a time, and each commit writes every page it touched to the WAL:
//! a sale touches the rightmost pages of a dozen tables and indexes, so committing sales one
//! by one rewrites the same pages over and over. The batch writer takes the documents
//! waiting (up to [`MAX_BATCH`]), writes them with one multi-row statement per table — if
//! a statement fails, the transaction is rolled back and the documents are written again one by
//! one, each in its own savepoint, so a document that fails is rolled back alone and its caller
//! gets its error — commits once, and answers every caller
//! only after the commit is on disk. While one batch waits for the disk, the next one is
//! being written. PostgreSQL takes concurrent writers and groups commits itself.

use caisse_store::{Backend, Db};
use serde_json::Value;
use tokio::sync::{mpsc, oneshot};

use caisse_store::Tx;
use caisse_store::cart_log::{CartLog, Snapshot};
use caisse_store::journal::Journal;
use caisse_store::registers::open_sessions_tx;
use caisse_store::sales::{self as sales_store, CartRow, PaymentRow};
use uuid::Uuid;

use super::document::write::{DocJob, DocRows, plan, write_in, write_rows};
use crate::AppError;
use crate::ErrorCode;

/// Documents written in one transaction at most.
pub const MAX_BATCH: usize = 64;

/// How often the cart log's changes are written to `open_sales` (SQLite).
pub const FLUSH_EVERY: std::time::Duration = std::time::Duration::from_millis(250);

type Reply = oneshot::Sender<Result<Value, AppError>>;
type CartReply = oneshot::Sender<Result<(), AppError>>;

/// A cart change to store before it is answered.
pub struct CartWrite {
    /// The cart's new state: version 1 for a new cart, else one more than the stored one.
    pub row: CartRow,
    /// A new cart (inserted) rather than a change of a stored one.
    pub new: bool,
    /// Tenders recorded with the change: written in the same transaction. A tender that moved
    /// money outside the shop's hands (a card charged, a wallet, a credit note spent) makes the
    /// change durable before it is answered; cash is in the drawer whatever a power cut undoes
    /// (the till then shows the sale as stored and the cashier records the cash again).
    pub payments: Vec<PaymentRow>,
}

impl CartWrite {
    fn durable(&self) -> bool {
        self.payments.iter().any(|p| p.kind != "cash")
    }
}

/// What the batch writer is asked to write, with where to answer.
pub enum Job {
    /// A completed or cancelled document (boxed: it is much larger than a cart change).
    Doc(Box<DocJob>, Reply),
    /// A cart change.
    Cart(CartWrite, CartReply),
    /// Every change in the cart log, to write to `open_sales` (answered at commit, if asked).
    Flush(Option<CartReply>),
}

/// The outcome of one job of a batch.
enum Outcome {
    Doc(Result<Value, AppError>),
    Cart(Result<(), AppError>),
}

/// The document writer of a database.
pub enum DocWriter {
    /// One transaction per document or cart change.
    Direct,
    /// A queue to the batch writer task.
    Batched(mpsc::Sender<Job>),
}

impl DocWriter {
    /// The writer for this database (starts the batch task on SQLite).
    pub fn start(db: &Db) -> DocWriter {
        match db.backend() {
            Backend::Postgres => DocWriter::Direct,
            Backend::Sqlite => {
                let (tx, rx) = mpsc::channel(1024);
                tokio::spawn(run(db.clone(), rx));
                tokio::spawn(flush_now_and_then(db.clone(), tx.downgrade()));
                DocWriter::Batched(tx)
            }
        }
    }

    /// Writes a document durably and returns its answer.
    pub async fn write(&self, db: &Db, job: DocJob) -> Result<Value, AppError> {
        match self {
            DocWriter::Direct => {
                retry_transient(|| async {
                    let mut tx = db.begin().await?;
                    let answer = write_in(&mut tx, &job).await?;
                    tx.commit().await?;
                    Ok(answer)
                })
                .await
            }
            DocWriter::Batched(queue) => {
                let (reply, answer) = oneshot::channel();
                queue
                    .send(Job::Doc(Box::new(job), reply))
                    .await
                    .map_err(|_| AppError::Internal("the document writer stopped".into()))?;
                answer.await.map_err(|_| {
                    AppError::Internal("the document writer dropped a request".into())
                })?
            }
        }
    }

    /// Writes every change of the cart log to `open_sales` and returns once committed, so that
    /// what is read from there next is what the tills see (SQLite; nothing to do on
    /// PostgreSQL, where every change is committed to the table).
    pub async fn flush_carts(&self, db: &Db) -> Result<(), AppError> {
        let DocWriter::Batched(queue) = self else {
            return Ok(());
        };
        if !db.cart_log().is_some_and(|log| log.has_pending()) {
            return Ok(());
        }
        let (reply, answer) = oneshot::channel();
        queue
            .send(Job::Flush(Some(reply)))
            .await
            .map_err(|_| AppError::Internal("the document writer stopped".into()))?;
        answer
            .await
            .map_err(|_| AppError::Internal("the document writer dropped a request".into()))?
    }

    /// Stores a cart change (see [`CartWrite`]); a cart changed or ended meanwhile by another
    /// request or server is refused with [`AppError::SaleChanged`] and nothing is written. On
    /// SQLite (one server per database file, the cart's lock held by the caller) a change that
    /// moved no money outside the shop goes to the cart log.
    pub async fn write_cart(&self, db: &Db, w: CartWrite) -> Result<(), AppError> {
        match self {
            DocWriter::Direct => {
                retry_transient(|| async {
                    let mut tx = db.begin().await?;
                    if !w.durable() {
                        // Not a fiscal fact: a crash of the database server may undo the last
                        // moments of cart changes, a crash of this server cannot.
                        tx.execute_plain("SET LOCAL synchronous_commit TO OFF")
                            .await?;
                    }
                    write_cart_in(&mut tx, &w).await?;
                    tx.commit().await?;
                    Ok(())
                })
                .await
            }
            DocWriter::Batched(_) if !w.durable() && db.cart_log().is_some() => {
                if let Some(log) = db.cart_log() {
                    log.append(&w.row, &w.payments)?;
                }
                Ok(())
            }
            DocWriter::Batched(queue) => {
                let (reply, answer) = oneshot::channel();
                queue
                    .send(Job::Cart(w, reply))
                    .await
                    .map_err(|_| AppError::Internal("the document writer stopped".into()))?;
                answer.await.map_err(|_| {
                    AppError::Internal("the document writer dropped a request".into())
                })?
            }
        }
    }
}

/// Writes one cart change inside the caller's transaction; a cart changed or ended meanwhile
/// is [`AppError::SaleChanged`].
pub(crate) async fn write_cart_in(tx: &mut Tx, w: &CartWrite) -> Result<(), AppError> {
    // The cart's logged state first (SQLite), which this change follows.
    if let Some(log) = tx.cart_log() {
        sales_store::write_logged(tx, &log.pending_of(&[w.row.id])).await?;
    }
    sales_store::insert_payments(tx, &w.payments).await?;
    if w.new {
        sales_store::insert_carts(tx, std::slice::from_ref(&w.row)).await?;
    } else if !sales_store::update_cart(tx, &w.row).await? {
        return Err(AppError::SaleChanged(None));
    }
    Ok(())
}

/// Times a transaction that met a deadlock or a serialization failure is tried in all.
pub const TRANSIENT_ATTEMPTS: u32 = 5;

/// Runs a whole transaction, and runs it again when the database rolled it back for a
/// deadlock or a serialization failure (PostgreSQL), a few times with a short, growing and
/// jittered pause. The caller's idempotency key stays claimed throughout, so a retry is never
/// mistaken for another request.
pub async fn retry_transient<T, F, Fut>(mut attempt: F) -> Result<T, AppError>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<T, AppError>>,
{
    let mut tried = 1;
    loop {
        match attempt().await {
            Err(e) if e.is_transient() && tried < TRANSIENT_ATTEMPTS => {
                tracing::info!(error = %e, tried, "transaction conflict; running it again");
                let jitter = u64::from(rand::random::<u8>() % 8);
                tokio::time::sleep(std::time::Duration::from_millis(
                    2 * u64::from(tried) + jitter,
                ))
                .await;
                tried += 1;
            }
            other => return other,
        }
    }
}

/// Asks the batch writer to write the cart log's changes to `open_sales` every
/// [`FLUSH_EVERY`] while there are any, until the writer is gone.
async fn flush_now_and_then(db: Db, queue: mpsc::WeakSender<Job>) {
    let mut every = tokio::time::interval(FLUSH_EVERY);
    every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        every.tick().await;
        let Some(queue) = queue.upgrade() else {
            return;
        };
        if db.cart_log().is_some_and(|log| log.has_pending()) {
            // A full queue: the next pass asks again.
            let _ = queue.try_send(Job::Flush(None));
        }
    }
}

async fn run(db: Db, mut rx: mpsc::Receiver<Job>) {
    while let Some(first) = rx.recv().await {
        let mut batch = vec![first];
        while batch.len() < MAX_BATCH {
            match rx.try_recv() {
                Ok(job) => batch.push(job),
                Err(_) => break,
            }
        }
        write_batch(&db, batch).await;
    }
}

/// Writes the whole batch with one multi-row statement per table (a changed cart is one
/// conditional statement each). On any statement error the caller rolls the whole
/// transaction back and writes the jobs one by one, each in its own savepoint. A document that
/// cannot be planned (drawer closed), or a cart changed meanwhile, fails alone.
async fn combined(tx: &mut Tx, batch: &[Job]) -> Result<Vec<Outcome>, AppError> {
    let docs: Vec<&DocJob> = batch
        .iter()
        .filter_map(|j| match j {
            Job::Doc(d, _) => Some(&**d),
            Job::Cart(..) | Job::Flush(_) => None,
        })
        .collect();
    let mut doc_answers = write_docs(tx, &docs).await?.into_iter();
    let carts: Vec<&CartWrite> = batch
        .iter()
        .filter_map(|j| match j {
            Job::Cart(c, _) => Some(c),
            Job::Doc(..) | Job::Flush(_) => None,
        })
        .collect();
    let payments: Vec<PaymentRow> = carts
        .iter()
        .flat_map(|c| c.payments.iter().cloned())
        .collect();
    sales_store::insert_payments(tx, &payments).await?;
    let new: Vec<CartRow> = carts
        .iter()
        .filter(|c| c.new)
        .map(|c| c.row.clone())
        .collect();
    sales_store::insert_carts(tx, &new).await?;
    // Every changed cart in one statement (a cart has one change in flight at a time: its
    // lock is held until the change is answered); one refused is a cart changed meanwhile.
    let changed: Vec<CartRow> = carts
        .iter()
        .filter(|c| !c.new)
        .map(|c| c.row.clone())
        .collect();
    let updated: std::collections::HashSet<Uuid> = if changed.is_empty() {
        Default::default()
    } else {
        sales_store::update_carts(tx, &changed)
            .await?
            .into_iter()
            .collect()
    };
    let mut outcomes = Vec::with_capacity(batch.len());
    for job in batch {
        outcomes.push(match job {
            Job::Doc(..) => Outcome::Doc(
                doc_answers
                    .next()
                    .unwrap_or_else(|| Err(AppError::Internal("a document without answer".into()))),
            ),
            Job::Cart(c, _) if c.new => Outcome::Cart(Ok(())),
            Job::Flush(_) => Outcome::Cart(Ok(())),
            Job::Cart(c, _) => Outcome::Cart(if updated.contains(&c.row.id) {
                Ok(())
            } else {
                Err(AppError::SaleChanged(None))
            }),
        });
    }
    Ok(outcomes)
}

/// Writes the batch's documents: numbering, rows and counters.
async fn write_docs(
    tx: &mut Tx,
    batch: &[&DocJob],
) -> Result<Vec<Result<Value, AppError>>, AppError> {
    if batch.is_empty() {
        return Ok(Vec::new());
    }
    // Every register of the batch: its open session and counters, two statements in all.
    let mut registers: Vec<Uuid> = batch.iter().map(|job| job.register_id()).collect();
    registers.sort();
    registers.dedup();
    let sessions = open_sessions_tx(tx, &registers).await?;
    let mut journal = Journal::lock_many(tx, &registers).await?;
    let mut rows: Vec<DocRows> = Vec::new();
    let mut answers = Vec::with_capacity(batch.len());
    for job in batch {
        if journal.counters(job.register_id()).is_none() {
            answers.push(Err(AppError::Internal("register head missing".into())));
            continue;
        }
        let Some(session) = sessions
            .iter()
            .find(|s| s.register_id == job.register_id())
            .map(|s| s.id)
        else {
            answers.push(Err(AppError::state(
                ErrorCode::DrawerClosed,
                "the register's drawer is closed",
            )));
            continue;
        };
        // A document that cannot be planned appends nothing: the next one is numbered as if
        // it had never been.
        match plan(job, &mut journal, session) {
            Ok(r) => {
                answers.push(Ok(rows.len()));
                rows.push(r);
            }
            Err(e) => answers.push(Err(e)),
        }
    }
    write_rows(tx, &rows).await?;
    journal.write(tx).await?;
    // Each planned document's answer, moved out of its rows (they are written).
    Ok(answers
        .into_iter()
        .map(|a| a.map(|i| std::mem::take(&mut rows[i].answer)))
        .collect())
}

/// Writes each job in its own savepoint, so one failure leaves the others standing.
async fn one_by_one(tx: &mut Tx, batch: &[Job]) -> Vec<Outcome> {
    let mut outcomes = Vec::with_capacity(batch.len());
    for job in batch {
        let outcome = match tx.execute_plain("SAVEPOINT doc").await {
            Err(e) => Err(AppError::from(e)),
            Ok(()) => {
                let written = match job {
                    Job::Doc(d, _) => write_in(tx, d).await.map(Some),
                    Job::Cart(c, _) => write_cart_in(tx, c).await.map(|()| None),
                    // The log's changes were written before the batch's jobs.
                    Job::Flush(_) => Ok(None),
                };
                match written {
                    Ok(answer) => tx
                        .execute_plain("RELEASE doc")
                        .await
                        .map(|()| answer)
                        .map_err(AppError::from),
                    Err(e) => {
                        // Undo just this job; the others in the batch stand.
                        let undone = async {
                            tx.execute_plain("ROLLBACK TO doc").await?;
                            tx.execute_plain("RELEASE doc").await
                        }
                        .await;
                        match undone {
                            Ok(()) => Err(e),
                            Err(u) => {
                                Err(AppError::Internal(format!("{e}; undoing it failed: {u}")))
                            }
                        }
                    }
                }
            }
        };
        outcomes.push(match job {
            Job::Doc(..) => Outcome::Doc(outcome.and_then(|a| {
                a.ok_or_else(|| AppError::Internal("a document without answer".into()))
            })),
            Job::Cart(..) | Job::Flush(_) => Outcome::Cart(outcome.map(|_| ())),
        });
    }
    outcomes
}

fn fail(job: Job, e: &AppError) {
    let e = AppError::Internal(e.to_string());
    match job {
        Job::Doc(_, reply) => {
            let _ = reply.send(Err(e));
        }
        Job::Cart(_, reply) | Job::Flush(Some(reply)) => {
            let _ = reply.send(Err(e));
        }
        Job::Flush(None) => {
            tracing::warn!(error = %e, "writing the cart log to the database failed")
        }
    }
}

async fn write_batch(db: &Db, batch: Vec<Job>) {
    let begun = begin_and_write(db, &batch).await;
    let (mut tx, outcomes, logged) = match begun {
        Ok(begun) => begun,
        Err(e) => {
            let e = AppError::from(e);
            for job in batch {
                fail(job, &e);
            }
            return;
        }
    };
    let outcomes = match outcomes {
        Some(outcomes) => outcomes,
        None => one_by_one(&mut tx, &batch).await,
    };
    // Commit now. Plain cart changes are answered at once (a process crash cannot undo a
    // commit); the others wait for the disk in the background, so the next batch can be
    // written meanwhile. Nobody hears "done" of a document before it is durable.
    let committed = tx.commit_unsynced().await;
    if let (Ok(()), Some((log, snap))) = (&committed, &logged) {
        log.written(snap);
    }
    if let (Ok(()), Some(log)) = (&committed, db.cart_log()) {
        // The carts the batch's documents ended: the next snapshot need not write them.
        let ended: Vec<Uuid> = batch
            .iter()
            .zip(&outcomes)
            .filter_map(|(job, outcome)| match (job, outcome) {
                (Job::Doc(d, _), Outcome::Doc(Ok(_))) => Some(d.cart.id),
                _ => None,
            })
            .collect();
        log.ended(&ended);
    }
    let mut waiting = Vec::new();
    for (job, outcome) in batch.into_iter().zip(outcomes) {
        match (job, outcome, &committed) {
            (Job::Flush(reply), Outcome::Cart(r), Ok(())) => {
                if let Some(reply) = reply {
                    let _ = reply.send(r);
                }
            }
            (Job::Cart(c, reply), Outcome::Cart(r), Ok(())) if !c.durable() => {
                let _ = reply.send(r);
            }
            (Job::Cart(c, reply), Outcome::Cart(Err(e)), Ok(())) if c.durable() => {
                let _ = reply.send(Err(e));
            }
            (job, _, Err(e)) => fail(job, &AppError::Internal(e.to_string())),
            (job, outcome, Ok(())) => waiting.push((job, outcome)),
        }
    }
    if committed.is_err() || waiting.is_empty() {
        return;
    }
    let db = db.clone();
    tokio::spawn(async move {
        let durable = db
            .sync_now()
            .await
            .map_err(|e| AppError::Internal(e.to_string()));
        for (job, outcome) in waiting {
            match (job, outcome, &durable) {
                (Job::Doc(_, reply), Outcome::Doc(answer), Ok(())) => {
                    let _ = reply.send(answer);
                }
                (Job::Cart(_, reply), Outcome::Cart(answer), Ok(())) => {
                    let _ = reply.send(answer);
                }
                (job, _, Err(e)) => fail(job, e),
                (job, _, Ok(())) => fail(job, &AppError::Internal("mismatched outcome".into())),
            }
        }
    });
}

/// The cart log's changes a batch writes first (SQLite): all of them when the batch has a
/// [`Job::Flush`] (the snapshot, to forget once committed), else those of the carts its jobs
/// change or end, which must be stored before them.
type Logged = Option<(std::sync::Arc<CartLog>, Snapshot)>;

async fn logged_in(tx: &mut Tx, batch: &[Job]) -> Result<Logged, caisse_store::StoreError> {
    let Some(log) = tx.cart_log() else {
        return Ok(None);
    };
    if batch.iter().any(|j| matches!(j, Job::Flush(_))) {
        let snap = log.snapshot();
        sales_store::write_logged(tx, &snap.carts).await?;
        return Ok(Some((log, snap)));
    }
    // A changed cart's logged state first, which its change follows. A document's cart needs
    // only the payment rows its logged changes recorded: ending it writes its final row
    // whatever version is stored (`end_carts`).
    let changed: Vec<Uuid> = batch
        .iter()
        .filter_map(|j| match j {
            Job::Cart(c, _) => Some(c.row.id),
            Job::Doc(..) | Job::Flush(_) => None,
        })
        .collect();
    let ended: Vec<Uuid> = batch
        .iter()
        .filter_map(|j| match j {
            Job::Doc(d, _) if !changed.contains(&d.cart.id) => Some(d.cart.id),
            Job::Doc(..) | Job::Cart(..) | Job::Flush(_) => None,
        })
        .collect();
    sales_store::write_logged(tx, &log.pending_of(&changed)).await?;
    let paid: Vec<_> = log
        .pending_of(&ended)
        .into_iter()
        .filter(|p| !p.payments.is_empty())
        .collect();
    sales_store::write_logged_payments(tx, &paid).await?;
    Ok(None)
}

/// Begins the batch's transaction, writes the cart log's changes it needs, and writes the
/// batch combined: the transaction, the outcomes and the log's snapshot; or, when a statement
/// failed, a new transaction (the attempt rolled back — no savepoint, which saves two round
/// trips per batch on the usual path) with the log's changes written again, and `None`, to
/// write one by one.
async fn begin_and_write(
    db: &Db,
    batch: &[Job],
) -> Result<(Tx, Option<Vec<Outcome>>, Logged), caisse_store::StoreError> {
    let mut tx = db.begin().await?;
    let logged = logged_in(&mut tx, batch).await?;
    match combined(&mut tx, batch).await {
        Ok(outcomes) => Ok((tx, Some(outcomes), logged)),
        Err(e) => {
            tracing::warn!(error = %e, "batch write failed; writing its jobs one by one");
            tx.rollback().await?;
            let mut tx = db.begin().await?;
            let logged = logged_in(&mut tx, batch).await?;
            Ok((tx, None, logged))
        }
    }
}

#[cfg(test)]
#[path = "writer_tests.rs"]
mod tests;
