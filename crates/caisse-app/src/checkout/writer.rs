//! Where completed documents are written: batched on SQLite, one transaction each on
//! PostgreSQL.
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

use std::collections::HashMap;

use caisse_store::Tx;
use caisse_store::journal::{Counters, lock_counters_many, save_counters_many};
use caisse_store::registers::open_sessions_tx;
use uuid::Uuid;

use super::complete::{DocJob, DocRows, plan, write_in, write_rows};
use crate::AppError;

/// Documents written in one transaction at most.
pub const MAX_BATCH: usize = 64;

type Reply = oneshot::Sender<Result<Value, AppError>>;

/// The document writer of a database.
pub enum DocWriter {
    /// One transaction per document.
    Direct,
    /// A queue to the batch writer task.
    Batched(mpsc::Sender<(DocJob, Reply)>),
}

impl DocWriter {
    /// The writer for this database (starts the batch task on SQLite).
    pub fn start(db: &Db) -> DocWriter {
        match db.backend() {
            Backend::Postgres => DocWriter::Direct,
            Backend::Sqlite => {
                let (tx, rx) = mpsc::channel(1024);
                tokio::spawn(run(db.clone(), rx));
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
                    .send((job, reply))
                    .await
                    .map_err(|_| AppError::Internal("the document writer stopped".into()))?;
                answer.await.map_err(|_| {
                    AppError::Internal("the document writer dropped a request".into())
                })?
            }
        }
    }
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

async fn run(db: Db, mut rx: mpsc::Receiver<(DocJob, Reply)>) {
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

/// Writes the whole batch with one multi-row statement per table. On any statement error the
/// caller rolls the whole transaction back and writes the documents one by one, each in its own
/// savepoint. A document that cannot be planned (drawer closed) fails alone.
async fn combined(
    tx: &mut Tx,
    batch: &[(DocJob, Reply)],
) -> Result<Vec<Result<Value, AppError>>, AppError> {
    // Every register of the batch: its open session and counters, two statements in all.
    let mut registers: Vec<Uuid> = batch.iter().map(|(job, _)| job.register_id()).collect();
    registers.sort();
    registers.dedup();
    let sessions = open_sessions_tx(tx, &registers).await?;
    let mut heads: HashMap<Uuid, (Option<Uuid>, Counters)> = HashMap::new();
    for c in lock_counters_many(tx, &registers).await? {
        let session = sessions
            .iter()
            .find(|s| s.register_id == c.register_id)
            .map(|s| s.id);
        heads.insert(c.register_id, (session, c));
    }
    let mut rows: Vec<DocRows> = Vec::new();
    let mut answers = Vec::with_capacity(batch.len());
    for (job, _) in batch {
        let Some((session, counters)) = heads.get_mut(&job.register_id()) else {
            answers.push(Err(AppError::Internal("register head missing".into())));
            continue;
        };
        let Some(session) = *session else {
            answers.push(Err(AppError::state(
                "drawer_closed",
                "the register's drawer is closed",
            )));
            continue;
        };
        // Plan on a copy: counters only advance for a document that will be written.
        let mut next = counters.clone();
        match plan(job, &mut next, session) {
            Ok(r) => {
                *counters = next;
                answers.push(Ok(r.answer.clone()));
                rows.push(r);
            }
            Err(e) => answers.push(Err(e)),
        }
    }
    write_rows(tx, &rows).await?;
    let counters: Vec<Counters> = heads.into_values().map(|(_, c)| c).collect();
    save_counters_many(tx, &counters).await?;
    Ok(answers)
}

/// Writes each document in its own savepoint, so one failure leaves the others standing.
async fn one_by_one(
    tx: &mut Tx,
    batch: Vec<(DocJob, Reply)>,
) -> Vec<(Result<Value, AppError>, Reply)> {
    let mut outcomes = Vec::with_capacity(batch.len());
    for (job, reply) in batch {
        let outcome = match tx.execute_plain("SAVEPOINT doc").await {
            Err(e) => Err(AppError::from(e)),
            Ok(()) => match write_in(tx, &job).await {
                Ok(answer) => tx
                    .execute_plain("RELEASE doc")
                    .await
                    .map(|()| answer)
                    .map_err(AppError::from),
                Err(e) => {
                    // Undo just this document; the others in the batch stand.
                    let undone = async {
                        tx.execute_plain("ROLLBACK TO doc").await?;
                        tx.execute_plain("RELEASE doc").await
                    }
                    .await;
                    match undone {
                        Ok(()) => Err(e),
                        Err(u) => Err(AppError::Internal(format!("{e}; undoing it failed: {u}"))),
                    }
                }
            },
        };
        outcomes.push((outcome, reply));
    }
    outcomes
}

async fn write_batch(db: &Db, batch: Vec<(DocJob, Reply)>) {
    let begun = begin_and_write(db, &batch).await;
    let (mut tx, answers) = match begun {
        Ok(begun) => begun,
        Err(e) => {
            let e = AppError::from(e);
            for (_, reply) in batch {
                let _ = reply.send(Err(AppError::Internal(e.to_string())));
            }
            return;
        }
    };
    let outcomes = match answers {
        Some(answers) => batch
            .into_iter()
            .zip(answers)
            .map(|((_, reply), answer)| (answer, reply))
            .collect(),
        None => one_by_one(&mut tx, batch).await,
    };
    // Commit now; wait for the disk in the background so the next batch can be written
    // meanwhile. Nobody hears "done" before their document is durable.
    let committed = tx.commit_unsynced().await;
    let db = db.clone();
    tokio::spawn(async move {
        let durable = match committed {
            Ok(()) => db
                .sync_now()
                .await
                .map_err(|e| AppError::Internal(e.to_string())),
            Err(e) => Err(AppError::Internal(e.to_string())),
        };
        for (outcome, reply) in outcomes {
            let answer = match (&durable, outcome) {
                (Ok(()), outcome) => outcome,
                (Err(e), _) => Err(AppError::Internal(e.to_string())),
            };
            let _ = reply.send(answer);
        }
    });
}

/// Begins the batch's transaction and writes it combined: the transaction and the answers; or,
/// when a statement failed, a new transaction (the attempt rolled back — no savepoint, which
/// saves two round trips per batch on the usual path) and `None`, to write one by one.
async fn begin_and_write(
    db: &Db,
    batch: &[(DocJob, Reply)],
) -> Result<(Tx, Option<Vec<Result<Value, AppError>>>), caisse_store::StoreError> {
    let mut tx = db.begin().await?;
    match combined(&mut tx, batch).await {
        Ok(answers) => Ok((tx, Some(answers))),
        Err(e) => {
            tracing::warn!(error = %e, "batch write failed; writing its documents one by one");
            tx.rollback().await?;
            Ok((db.begin().await?, None))
        }
    }
}

#[cfg(test)]
#[path = "writer_tests.rs"]
mod tests;
