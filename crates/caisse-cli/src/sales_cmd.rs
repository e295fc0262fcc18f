//! `caisse sales`: the store's completed sales and returns, newest first, with the filters of
//! `GET /api/v1/sales`, one line each.

use std::fmt::Write as _;

use caisse_app::auth::Principal;
use caisse_app::checkout::closures::resolve_register;
use caisse_app::checkout::history::{SaleSummary, SalesQuery, list_sales};
use caisse_app::{App, AppError};
use caisse_core::journal::amount_text;
use caisse_core::money::{Currency, Money};
use clap::Args;

/// The filters (all optional; dates are business dates, inclusive).
#[derive(Debug, Args)]
pub struct SalesArgs {
    /// First business date (YYYY-MM-DD).
    #[arg(long)]
    from: Option<String>,
    /// Last business date (YYYY-MM-DD).
    #[arg(long)]
    to: Option<String>,
    /// A register's code (`T1`) or id.
    #[arg(long)]
    register: Option<String>,
    /// A receipt number (`T1-000042`).
    #[arg(long)]
    receipt: Option<String>,
    /// `sale` or `return`.
    #[arg(long)]
    kind: Option<String>,
    /// Paid or refunded with this tender: cash, card, wallet, store_credit.
    #[arg(long)]
    tender: Option<String>,
    /// The total at least this many minor units (whatever its sign).
    #[arg(long)]
    min_total: Option<i64>,
    /// The total at most this many minor units.
    #[arg(long)]
    max_total: Option<i64>,
    /// How many to print at most.
    #[arg(long, default_value_t = 50)]
    limit: u32,
}

fn money(s: &SaleSummary) -> String {
    match Currency::parse(&s.total.currency) {
        Ok(c) => amount_text(Money::new(s.total.amount, c)),
        Err(_) => s.total.amount.to_string(),
    }
}

/// Prints the sales asked for, one a line, then how many.
pub async fn run(app: &App, who: &Principal, a: SalesArgs) -> Result<(), AppError> {
    let register_id = match &a.register {
        Some(r) => Some(resolve_register(app, who, r).await?.id),
        None => None,
    };
    let mut query = SalesQuery {
        from: a.from,
        to: a.to,
        register_id,
        receipt: a.receipt,
        kind: a.kind,
        tender: a.tender,
        min_total: a.min_total,
        max_total: a.max_total,
        limit: Some(a.limit.clamp(1, 200)),
        ..SalesQuery::default()
    };
    let mut out = String::new();
    let mut shown = 0u32;
    loop {
        let page = list_sales(app, who, &query).await?;
        for s in &page.items {
            if shown == a.limit {
                break;
            }
            let _ = writeln!(
                out,
                "{:<12} {:<6} {}  {:<4} {:<20} {:>12}",
                s.receipt_number,
                s.kind,
                s.completed_at,
                s.register.code,
                s.cashier.name,
                money(s)
            );
            shown += 1;
        }
        match page.next_cursor {
            Some(c) if shown < a.limit => query.cursor = Some(c),
            _ => break,
        }
    }
    let _ = writeln!(out, "{shown} sale(s)");
    print!("{out}");
    Ok(())
}
