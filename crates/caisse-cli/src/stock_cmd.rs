//! `caisse stock`: verify the ledger, list levels, book an adjustment, counts and transfers.

use std::process::ExitCode;

use caisse_app::auth::Principal;
use caisse_app::stock::adjust::{AdjustmentInput, AdjustmentLineInput, adjust};
use caisse_app::stock::read::{StockQuery, list};
use caisse_app::{App, AppError};
use caisse_store::{Db, stock, stock_read, stock_setup};
use clap::Subcommand;
use uuid::Uuid;

/// What to do with stock.
#[derive(Debug, Subcommand)]
pub enum StockAction {
    /// Checks that every level (per location) and every store total equals the sum of its
    /// movements; prints each difference (exit code 1 when there is one).
    Verify,
    /// Lists stock levels (the store's totals, or one location's).
    List {
        /// A location's code (`floor`).
        #[arg(long)]
        location: Option<String>,
        /// Only items at or below their reorder point.
        #[arg(long)]
        below_reorder_point: bool,
        /// Words to look for in names, brands, SKUs and barcodes.
        #[arg(long)]
        q: Option<String>,
        /// How many to print at most (1 to 200).
        #[arg(long, default_value_t = 50)]
        limit: i64,
    },
    /// Books a stock adjustment of one item (as the store's owner).
    Adjust {
        /// The item: its SKU or id.
        #[arg(long)]
        item: String,
        /// Signed quantity in the item's unit (`-2`, `0.250`).
        #[arg(long, allow_hyphen_values = true)]
        quantity: String,
        /// damage, theft, expiry, correction or other.
        #[arg(long)]
        reason: String,
        /// A location's code (default: the selling location).
        #[arg(long)]
        location: Option<String>,
        /// A note.
        #[arg(long)]
        note: Option<String>,
        /// Idempotency key: give the same one to retry without booking twice.
        #[arg(long)]
        key: Option<String>,
    },
    /// Prints an inventory report as CSV (valuation, dead-stock, cover, sell-through,
    /// shrinkage, movements).
    Report {
        /// Which report.
        #[command(subcommand)]
        report: crate::stock_report_cmd::StockReport,
    },
    /// Stock counts: list, show, report, apply.
    Count {
        /// What to do.
        #[command(subcommand)]
        action: crate::stock_count_cmd::CountAction,
    },
    /// Stock transfers: list, show, send, receive.
    Transfer {
        /// What to do.
        #[command(subcommand)]
        action: crate::stock_transfer_cmd::TransferAction,
    },
}

/// Checks the ledger of every store in the database.
pub async fn verify(db: &Db) -> anyhow::Result<ExitCode> {
    let found = stock::verify(db).await?;
    for d in &found {
        let at = d
            .location_id
            .map_or_else(|| "store total".to_owned(), |l| format!("location {l}"));
        println!(
            "store {} item {} ({at}): on hand {} but movements add up to {}",
            d.store_id,
            d.item_id,
            caisse_app::stock::qty(d.on_hand),
            caisse_app::stock::qty(d.movements)
        );
    }
    if found.is_empty() {
        println!("stock ledger verified: every level equals the sum of its movements");
        Ok(ExitCode::SUCCESS)
    } else {
        println!(
            "{} stock figure(s) differ from their movements",
            found.len()
        );
        Ok(ExitCode::from(1))
    }
}

async fn location_by_code(app: &App, who: &Principal, code: &str) -> Result<Uuid, AppError> {
    stock_setup::locations(&app.db, who.store_id)
        .await?
        .into_iter()
        .find(|l| l.code.eq_ignore_ascii_case(code))
        .map(|l| l.id)
        .ok_or(AppError::NotFound("location"))
}

/// Runs `list` or `adjust`.
pub async fn run(app: &App, who: &Principal, action: StockAction) -> Result<(), AppError> {
    match action {
        StockAction::Verify => Ok(()),
        StockAction::Report { report } => crate::stock_report_cmd::run(app, who, report).await,
        StockAction::Count { action } => crate::stock_count_cmd::run(app, who, action).await,
        StockAction::Transfer { action } => crate::stock_transfer_cmd::run(app, who, action).await,
        StockAction::List {
            location,
            below_reorder_point,
            q,
            limit,
        } => {
            let location_id = match location {
                Some(code) => Some(location_by_code(app, who, &code).await?),
                None => None,
            };
            let query = StockQuery {
                location_id,
                below_reorder_point: Some(below_reorder_point),
                q,
                limit: Some(limit),
                ..StockQuery::default()
            };
            let page = list(app, who, query).await?;
            for l in &page.items {
                let name = match &l.variant_name {
                    Some(v) => format!("{} ({v})", l.name),
                    None => l.name.clone(),
                };
                let flag = if l.negative {
                    "  BELOW ZERO"
                } else if l.below_reorder_point {
                    "  reorder"
                } else {
                    ""
                };
                println!("{:<16} {:>12} {}  {name}{flag}", l.sku, l.on_hand, l.unit);
            }
            println!("{} of {} item(s)", page.items.len(), page.total);
            Ok(())
        }
        StockAction::Adjust {
            item,
            quantity,
            reason,
            location,
            note,
            key,
        } => {
            let item_id = match Uuid::parse_str(&item) {
                Ok(id) => id,
                Err(_) => stock_read::item_by_sku(&app.db, who.store_id, &item)
                    .await?
                    .ok_or(AppError::NotFound("item"))?,
            };
            let location_id = match location {
                Some(code) => Some(location_by_code(app, who, &code).await?),
                None => None,
            };
            let input = AdjustmentInput {
                location_id,
                reason,
                note,
                lines: vec![AdjustmentLineInput {
                    item_id,
                    quantity,
                    unit_cost: None,
                }],
            };
            let key = key.unwrap_or_else(|| Uuid::now_v7().to_string());
            let answer = adjust(app, who, &key, input).await?;
            let after = answer["lines"][0]["on_hand_after"].as_str().unwrap_or("?");
            println!(
                "adjustment {} booked: {item} now {after} on hand there",
                answer["id"].as_str().unwrap_or("?")
            );
            Ok(())
        }
    }
}
