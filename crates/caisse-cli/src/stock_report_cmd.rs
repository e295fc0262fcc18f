//! `caisse stock report …`: the inventory reports as CSV on standard output (the same CSV as
//! the API's `.csv` exports), for a spreadsheet or a script.

use caisse_app::auth::Principal;
use caisse_app::stock::report::PeriodQuery;
use caisse_app::stock::report_csv;
use caisse_app::{App, AppError};
use caisse_store::{stock_read, stock_setup};
use clap::Subcommand;
use uuid::Uuid;

/// Which inventory report.
#[derive(Debug, Subcommand)]
pub enum StockReport {
    /// On hand and value at cost per item (the store's totals, or one location's).
    Valuation {
        /// A location's code (`floor`).
        #[arg(long)]
        location: Option<String>,
    },
    /// Items with stock on hand and no sale in the last days.
    DeadStock {
        /// Days without a sale (default 90).
        #[arg(long)]
        days: Option<i64>,
    },
    /// Days of cover: on hand / average daily sales over a window.
    Cover {
        /// The sales window in days (default 28).
        #[arg(long)]
        window_days: Option<i64>,
    },
    /// Sell-through over a period: sold / (on hand at the start + received).
    SellThrough {
        /// First day, YYYY-MM-DD (default: 29 days before --to).
        #[arg(long)]
        from: Option<String>,
        /// Last day, YYYY-MM-DD (default: today).
        #[arg(long)]
        to: Option<String>,
    },
    /// Shrinkage by reason (adjustments and count variances) over a period.
    Shrinkage {
        /// First day, YYYY-MM-DD (default: 29 days before --to).
        #[arg(long)]
        from: Option<String>,
        /// Last day, YYYY-MM-DD (default: today).
        #[arg(long)]
        to: Option<String>,
    },
    /// Every movement of one item, newest first.
    Movements {
        /// The item: its SKU or id.
        #[arg(long)]
        item: String,
    },
}

/// Prints the report as CSV.
pub async fn run(app: &App, who: &Principal, report: StockReport) -> Result<(), AppError> {
    let period = |from, to| PeriodQuery {
        from,
        to,
        ..PeriodQuery::default()
    };
    let csv = match report {
        StockReport::Valuation { location } => {
            let location = match location {
                Some(code) => Some(
                    stock_setup::locations(&app.db, who.store_id)
                        .await?
                        .into_iter()
                        .find(|l| l.code.eq_ignore_ascii_case(&code))
                        .map(|l| l.id)
                        .ok_or(AppError::NotFound("location"))?,
                ),
                None => None,
            };
            report_csv::valuation(app, who, location).await?
        }
        StockReport::DeadStock { days } => report_csv::dead_stock(app, who, days).await?,
        StockReport::Cover { window_days } => report_csv::cover(app, who, window_days).await?,
        StockReport::SellThrough { from, to } => {
            report_csv::sell_through(app, who, &period(from, to)).await?
        }
        StockReport::Shrinkage { from, to } => {
            report_csv::shrinkage(app, who, &period(from, to)).await?
        }
        StockReport::Movements { item } => {
            let item_id = match Uuid::parse_str(&item) {
                Ok(id) => id,
                Err(_) => stock_read::item_by_sku(&app.db, who.store_id, &item)
                    .await?
                    .ok_or(AppError::NotFound("item"))?,
            };
            report_csv::movements(app, who, item_id).await?
        }
    };
    print!("{csv}");
    Ok(())
}
