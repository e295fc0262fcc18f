//! `caisse report x|z`: a register's X report, or a stored Z report, printed as text.

use std::fmt::Write as _;

use caisse_app::auth::Principal;
use caisse_app::catalog::view::MoneyJson;
use caisse_app::checkout::closures::{find_z, resolve_register};
use caisse_app::checkout::reports::{ClosureView, ReportView, x_report};
use caisse_app::{App, AppError};
use caisse_core::journal::amount_text;
use caisse_core::money::{Currency, Money};
use clap::Subcommand;

/// Which report.
#[derive(Debug, Subcommand)]
pub enum ReportWhat {
    /// The X report of a register's open drawer (changes nothing).
    X {
        /// The register's code (`T1`) or id.
        #[arg(long)]
        register: String,
    },
    /// A register's latest Z report, or the one numbered `--number`.
    Z {
        /// The register's code (`T1`) or id.
        #[arg(long)]
        register: String,
        /// The Z number.
        #[arg(long)]
        number: Option<i64>,
    },
}

/// Prints the report asked for.
pub async fn run(app: &App, who: &Principal, what: ReportWhat) -> Result<(), AppError> {
    let text = match what {
        ReportWhat::X { register } => {
            let reg = resolve_register(app, who, &register).await?;
            render(&x_report(app, who, reg.id).await?, None)
        }
        ReportWhat::Z { register, number } => {
            let reg = resolve_register(app, who, &register).await?;
            let z = find_z(app, who, reg.id, number).await?;
            render(&z.report, Some(&z))
        }
    };
    print!("{text}");
    Ok(())
}

fn money(m: &MoneyJson) -> String {
    match Currency::parse(&m.currency) {
        Ok(c) => amount_text(Money::new(m.amount, c)),
        Err(_) => format!("{} (minor units)", m.amount),
    }
}

/// A report as readable text, one figure a line.
pub fn render(r: &ReportView, closure: Option<&ClosureView>) -> String {
    let mut out = String::new();
    let title = match r.number {
        Some(n) => format!("{} report {n}", r.kind.to_uppercase()),
        None => format!("{} report", r.kind.to_uppercase()),
    };
    let _ = writeln!(out, "{title} - register {} ({})", r.register, r.currency);
    let _ = writeln!(out, "period      {}", r.period);
    if let Some(at) = &r.opened_at {
        let _ = writeln!(out, "opened      {at}");
    }
    let _ = writeln!(out, "made        {}", r.generated_at);
    let _ = writeln!(out);
    let line = |out: &mut String, label: &str, count: Option<i64>, m: &MoneyJson| {
        let count = count.map(|c| c.to_string()).unwrap_or_default();
        let _ = writeln!(out, "{label:<24}{count:>6}{:>14}", money(m));
    };
    line(&mut out, "Sales", Some(r.sales_count), &r.sales_total);
    line(&mut out, "Returns", Some(r.returns_count), &r.returns_total);
    let _ = writeln!(out, "{:<24}{:>6}", "Cancellations", r.cancellations_count);
    line(&mut out, "Gross sales", None, &r.gross_sales);
    line(&mut out, "Discounts", None, &r.discounts);
    line(&mut out, "Net total", None, &r.net_total);
    line(&mut out, "  excluding tax", None, &r.total_excl_tax);
    line(&mut out, "Tax", None, &r.tax_total);
    line(&mut out, "Cash rounding", None, &r.rounding);
    let _ = writeln!(out, "\nTenders");
    if r.tenders.is_empty() {
        let _ = writeln!(out, "  (none)");
    }
    for t in &r.tenders {
        line(&mut out, &format!("  {}", t.kind), Some(t.count), &t.amount);
    }
    let _ = writeln!(out, "\nTax by rate");
    if r.taxes.is_empty() {
        let _ = writeln!(out, "  (none)");
    }
    for t in &r.taxes {
        let _ = writeln!(
            out,
            "  {:<8}{:>7} %  base {:>12}  tax {:>10}  gross {:>12}",
            t.code,
            t.rate,
            money(&t.base),
            money(&t.tax),
            money(&t.gross)
        );
    }
    if let Some(d) = &r.drawer {
        let _ = writeln!(out, "\nDrawer");
        line(&mut out, "  Opening float", None, &d.opening_float);
        line(&mut out, "  Cash taken", None, &d.cash_taken);
        line(&mut out, "  Paid in", None, &d.paid_in);
        line(&mut out, "  Paid out", None, &d.paid_out);
        line(&mut out, "  Drops", None, &d.drops);
        let _ = writeln!(out, "{:<24}{:>6}", "  No-sales", d.no_sales);
        line(&mut out, "  Expected cash", None, &d.expected_cash);
        if let Some(c) = &d.counted {
            line(&mut out, "  Counted", None, c);
        }
        if let Some(o) = &d.over_short {
            line(&mut out, "  Over (+) / short (-)", None, o);
        }
    }
    let _ = writeln!(out);
    line(&mut out, "Perpetual grand total", None, &r.perpetual_total);
    if let Some(c) = closure {
        let _ = writeln!(
            out,
            "closure {} - journal entry {} - report SHA-256 {}",
            c.id, c.journal_seq, c.report_sha256
        );
    }
    out
}
