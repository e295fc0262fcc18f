//! `caisse stock transfer`: list transfers, show one, send a draft, receive one as scanned.

use caisse_app::auth::Principal;
use caisse_app::stock::transfer::{self, TransferQuery, TransferStepView};
use caisse_app::stock::transfer_receive::{self, ReceiveInput};
use caisse_app::{App, AppError};
use clap::Subcommand;
use uuid::Uuid;

/// What to do with transfers.
#[derive(Debug, Subcommand)]
pub enum TransferAction {
    /// Lists the transfers the store sends and receives, newest first.
    List {
        /// `in` or `out`.
        #[arg(long)]
        direction: Option<String>,
        /// draft, in_transit, received or cancelled.
        #[arg(long)]
        status: Option<String>,
    },
    /// Shows a transfer's lines: sent, scanned, received and the differences.
    Show {
        /// The transfer's id.
        id: Uuid,
    },
    /// Sends a draft (`transfer_out` movements at the source).
    Send {
        /// The transfer's id.
        id: Uuid,
        /// Idempotency key: give the same one to retry without booking twice.
        #[arg(long)]
        key: Option<String>,
    },
    /// Confirms a transfer in transit as scanned (`transfer_in` movements at the destination).
    Receive {
        /// The transfer's id.
        id: Uuid,
        /// Idempotency key: give the same one to retry without booking twice.
        #[arg(long)]
        key: Option<String>,
    },
}

fn print_step(s: &TransferStepView) {
    for l in &s.lines {
        println!(
            "line {:>3}  sent {:>12}  received {:>12}  difference {:>12}",
            l.line_no,
            l.quantity,
            l.received.as_deref().unwrap_or("-"),
            l.difference.as_deref().unwrap_or("-")
        );
    }
    println!("transfer {}: {}", s.id, s.status);
}

fn step(answer: serde_json::Value) -> Result<TransferStepView, AppError> {
    serde_json::from_value(answer).map_err(|e| AppError::Internal(e.to_string()))
}

/// Runs a transfer action as `who`.
pub async fn run(app: &App, who: &Principal, action: TransferAction) -> Result<(), AppError> {
    match action {
        TransferAction::List { direction, status } => {
            let page = transfer::list(
                app,
                who,
                TransferQuery {
                    direction,
                    status,
                    per_page: Some(200),
                    ..TransferQuery::default()
                },
            )
            .await?;
            for t in &page.items {
                let way = if t.store_id == who.store_id {
                    "out"
                } else {
                    "in"
                };
                println!("{}  {:<10} {way:<3} {}", t.id, t.status, t.created_at);
            }
            println!("{} of {} transfer(s)", page.items.len(), page.total);
            Ok(())
        }
        TransferAction::Show { id } => {
            let t = transfer::get(app, who, id).await?;
            println!("transfer {}: {}", t.id, t.status);
            for l in &t.lines {
                println!(
                    "{:<16} sent {:>12} scanned {:>12} received {:>12} difference {:>12}  {}",
                    l.sku,
                    l.quantity,
                    l.scanned,
                    l.received.as_deref().unwrap_or("-"),
                    l.difference,
                    l.name
                );
            }
            for u in &t.unmatched {
                println!("{:<16} {} (x{})", u.code, u.outcome, u.scans);
            }
            Ok(())
        }
        TransferAction::Send { id, key } => {
            let key = key.unwrap_or_else(|| Uuid::now_v7().to_string());
            print_step(&step(transfer::send(app, who, id, &key).await?)?);
            Ok(())
        }
        TransferAction::Receive { id, key } => {
            let key = key.unwrap_or_else(|| Uuid::now_v7().to_string());
            let answer =
                transfer_receive::receive(app, who, id, &key, ReceiveInput::default()).await?;
            print_step(&step(answer)?);
            Ok(())
        }
    }
}
