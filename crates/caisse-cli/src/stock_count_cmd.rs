//! `caisse stock count`: list counts, show one, print its variance report, apply it.

use caisse_app::auth::Principal;
use caisse_app::stock::count::{self, CountQuery};
use caisse_app::stock::count_apply::{self, ApplyCountInput, VarianceReport};
use caisse_app::{App, AppError};
use clap::Subcommand;
use uuid::Uuid;

/// What to do with counts.
#[derive(Debug, Subcommand)]
pub enum CountAction {
    /// Lists the store's counts, newest first.
    List {
        /// open, counting, applied or cancelled.
        #[arg(long)]
        status: Option<String>,
    },
    /// Shows a count's counted lines and the codes that counted nothing.
    Show {
        /// The count's id.
        id: Uuid,
    },
    /// Prints a count's variance report (counted, expected, variance, value at cost).
    Report {
        /// The count's id.
        id: Uuid,
    },
    /// Applies a count: books its variances as `count` movements.
    Apply {
        /// The count's id.
        id: Uuid,
        /// Count the items of the scope nobody counted as zero (default: leave them).
        #[arg(long)]
        zero_uncounted: bool,
        /// Idempotency key: give the same one to retry without booking twice.
        #[arg(long)]
        key: Option<String>,
    },
}

fn print_report(r: &VarianceReport) {
    for l in &r.lines {
        println!(
            "{:<16} counted {:>12} expected {:>12} variance {:>12} value {:>10} {}  {}",
            l.sku, l.counted, l.expected, l.variance, l.variance_value, r.currency, l.name
        );
    }
    for u in &r.uncounted {
        println!(
            "{:<16} never counted, {} on hand  {}",
            u.sku, u.on_hand, u.name
        );
    }
    println!(
        "{} short, {} over, {} exact; net {} {} (minor units)",
        r.lines_short, r.lines_over, r.lines_exact, r.value_net, r.currency
    );
}

/// Runs a count action as `who`.
pub async fn run(app: &App, who: &Principal, action: CountAction) -> Result<(), AppError> {
    match action {
        CountAction::List { status } => {
            let page = count::list(
                app,
                who,
                CountQuery {
                    status,
                    per_page: Some(200),
                    ..CountQuery::default()
                },
            )
            .await?;
            for c in &page.items {
                println!(
                    "{}  {:<10} {:<9} {}{}",
                    c.id,
                    c.status,
                    c.scope,
                    c.created_at,
                    if c.blind { "  blind" } else { "" }
                );
            }
            println!("{} of {} count(s)", page.items.len(), page.total);
            Ok(())
        }
        CountAction::Show { id } => {
            let c = count::get(app, who, id).await?;
            println!("count {} at {}: {}", c.id, c.location_name, c.status);
            for l in &c.lines {
                println!("{:<16} {:>12}  {}", l.sku, l.counted, l.name);
            }
            for u in &c.unmatched {
                println!("{:<16} {} (x{})", u.code, u.outcome, u.scans);
            }
            Ok(())
        }
        CountAction::Report { id } => {
            print_report(&count_apply::variance_report(app, who, id).await?);
            Ok(())
        }
        CountAction::Apply {
            id,
            zero_uncounted,
            key,
        } => {
            let input = ApplyCountInput {
                uncounted: Some(if zero_uncounted { "zero" } else { "leave" }.into()),
            };
            let key = key.unwrap_or_else(|| Uuid::now_v7().to_string());
            let answer = count_apply::apply(app, who, id, &key, input).await?;
            let r: VarianceReport =
                serde_json::from_value(answer).map_err(|e| AppError::Internal(e.to_string()))?;
            print_report(&r);
            println!("count {id} applied: {} movement(s) booked", r.movements);
            Ok(())
        }
    }
}
