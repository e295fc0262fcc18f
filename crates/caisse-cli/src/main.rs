//! `caisse`: the one binary. Serves the shop, migrates, seeds the demo, imports and exports
//! the catalog, manages users and runs benchmarks.

mod bench_catalog;
mod bench_checkout;
mod bench_crash;
mod bench_import;
mod bench_promotions;
mod bench_receiving;
mod bench_restock;
mod bench_search;
mod bench_ui;
mod browser;
mod commands;
mod report;
mod sales_cmd;
mod stock_cmd;
mod stock_count_cmd;
mod stock_report_cmd;
mod stock_transfer_cmd;
mod user_cmd;

use clap::{Parser, Subcommand};

/// mimalloc instead of the system allocator: the server allocates small objects from many
/// threads (requests, JSON), where glibc's allocator spent a tenth of the CPU time under load.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Caisse, the open-source point of sale.
#[derive(Debug, Parser)]
#[command(name = "caisse", version, about)]
struct Cli {
    /// Database: a SQLite file path (default caisse.db) or postgres://user@host/db.
    #[arg(long, env = "CAISSE_DB", default_value = "caisse.db", global = true)]
    db: String,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Runs the shop: API, back office and tills.
    Serve {
        /// Address to listen on (port 0 picks a free port).
        #[arg(long, env = "CAISSE_LISTEN", default_value = "127.0.0.1:8080")]
        listen: String,
        /// Fill an empty database with the demo shop first.
        #[arg(long)]
        demo: bool,
        /// The payment terminal: `external` (a standalone terminal; the cashier copies its
        /// approval code into the till) or `simulated` (approves, declines 6.66, times out
        /// on 9.99). Default: simulated with `--demo`, external otherwise.
        #[arg(long, env = "CAISSE_TERMINAL", value_enum)]
        terminal: Option<TerminalChoice>,
    },
    /// Applies database migrations and exits.
    Migrate,
    /// Fills an empty database with the demo shop.
    Demo,
    /// Imports data from a CSV file.
    Import {
        #[command(subcommand)]
        what: ImportWhat,
    },
    /// Exports data as CSV.
    Export {
        #[command(subcommand)]
        what: ExportWhat,
    },
    /// Manages staff accounts.
    User {
        #[command(subcommand)]
        action: UserAction,
    },
    /// Completed sales and returns, newest first (filters: period, register, receipt, kind,
    /// tender, amount).
    Sales(sales_cmd::SalesArgs),
    /// X and Z reports of a register.
    Report {
        #[command(subcommand)]
        what: report::ReportWhat,
    },
    /// Stock: verify the ledger, list levels, adjust, counts, transfers.
    Stock {
        #[command(subcommand)]
        action: stock_cmd::StockAction,
    },
    /// The fiscal journal.
    Journal {
        #[command(subcommand)]
        action: JournalAction,
    },
    /// Measures speed (results as one JSON object).
    Bench {
        #[command(subcommand)]
        what: BenchWhat,
    },
}

#[derive(Debug, Subcommand)]
enum ImportWhat {
    /// Products (upsert by SKU; all or nothing).
    Products {
        /// The CSV file.
        file: std::path::PathBuf,
        /// Check only; write nothing.
        #[arg(long)]
        dry_run: bool,
    },
}

#[derive(Debug, Subcommand)]
enum ExportWhat {
    /// Products and variants.
    Products {
        /// Write here instead of standard output.
        #[arg(long, short)]
        output: Option<std::path::PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
enum UserAction {
    /// Creates an account in the first store.
    Add {
        /// Sign-in name.
        #[arg(long)]
        login: String,
        /// owner, manager or cashier.
        #[arg(long, default_value = "cashier")]
        role: String,
        /// Password (at least 10 characters, not easily guessed).
        #[arg(long, env = "CAISSE_NEW_PASSWORD")]
        password: String,
        /// Optional 4-8 digit PIN (unique in the store, not trivial).
        #[arg(long)]
        pin: Option<String>,
        /// Name shown on screens.
        #[arg(long)]
        display_name: Option<String>,
    },
    /// Lists accounts: login, role, name, active, has a PIN, locked.
    List,
    /// Changes an account's name or role.
    Edit {
        /// The account's login.
        login: String,
        /// New name shown on screens.
        #[arg(long)]
        display_name: Option<String>,
        /// New role: owner, manager or cashier.
        #[arg(long)]
        role: Option<String>,
    },
    /// Changes an account's role (same as `edit --role`).
    Role {
        /// The account's login.
        login: String,
        /// owner, manager or cashier.
        role: String,
    },
    /// Deactivates an account: it can no longer sign in and its sessions end.
    Deactivate {
        /// The account's login.
        login: String,
    },
    /// Reactivates an account.
    Activate {
        /// The account's login.
        login: String,
    },
    /// Sets a new password (its sessions end).
    Password {
        /// The account's login.
        login: String,
        /// The new password.
        #[arg(long, env = "CAISSE_NEW_PASSWORD")]
        password: String,
    },
    /// Sets a new PIN, or removes it with --remove.
    Pin {
        /// The account's login.
        login: String,
        /// The new 4-8 digit PIN.
        #[arg(long, required_unless_present = "remove")]
        pin: Option<String>,
        /// Remove the PIN instead.
        #[arg(long)]
        remove: bool,
    },
    /// Ends every lock of an account (wrong passwords or PINs).
    Unlock {
        /// The account's login.
        login: String,
    },
}

/// Which payment terminal `serve` drives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum TerminalChoice {
    /// A standalone terminal whose approval the cashier confirms.
    External,
    /// The simulator, for demos and tests.
    Simulated,
}

#[derive(Debug, Subcommand)]
enum JournalAction {
    /// Recomputes every register's hash chain and reports the first broken, missing or
    /// reordered entry (exit code 1 when one is found).
    Verify,
}

#[derive(Debug, Subcommand)]
enum BenchWhat {
    /// Catalog lookup and search with a synthetic catalog, in-process.
    Catalog {
        /// Number of products.
        #[arg(long, default_value_t = 1_000_000)]
        products: usize,
        /// Random seed.
        #[arg(long, default_value_t = 42)]
        seed: u64,
    },
    /// Search quality on a synthetic catalog where the right answer of every query is known:
    /// recall of exact names, names with one typo and two 3-letter prefixes, and MRR.
    Search {
        /// Number of products.
        #[arg(long, default_value_t = 50_000)]
        products: usize,
        /// Queries of each kind.
        #[arg(long, default_value_t = 2_000)]
        queries: usize,
        /// Random seed.
        #[arg(long, default_value_t = 42)]
        seed: u64,
    },
    /// Checkout over HTTP: a real server process driven by N tills (open, scan 3, pay cash,
    /// complete). SQLite in a fresh file, or PostgreSQL (a fresh schema) with
    /// `--db postgres://…`.
    Checkout {
        /// Concurrent tills.
        #[arg(long, default_value_t = 8)]
        tills: usize,
        /// Catalog size.
        #[arg(long, default_value_t = 100_000)]
        products: usize,
        /// How long to sell, in seconds.
        #[arg(long, default_value_t = 20)]
        seconds: u64,
    },
    /// The cashier terminal in headless Chromium with the demo shop: scan-to-line latency
    /// and whole 3-item cash sales, measured by the till itself. Needs Debian's `chromium`
    /// and `chromium-driver`.
    Ui {
        /// Measured sales (after 3 warm-up sales).
        #[arg(long, default_value_t = 50)]
        sales: usize,
        /// Page width in CSS pixels.
        #[arg(long, default_value_t = 1280)]
        width: u32,
        /// Page height in CSS pixels.
        #[arg(long, default_value_t = 800)]
        height: u32,
        /// The WebDriver for Chromium.
        #[arg(long, default_value = crate::browser::CHROMEDRIVER)]
        chromedriver: String,
    },
    /// Crash harness: tills sell through a real server process that is killed with SIGKILL
    /// at random moments and started again; afterwards every acknowledged line and sale, the
    /// stock ledger and the journal are checked (exit code 1 on any violation). SQLite in a
    /// fresh file, or PostgreSQL (a fresh schema) with `--db postgres://…`.
    Crash {
        /// How many times the server is killed.
        #[arg(long, default_value_t = 20)]
        kills: u32,
        /// Concurrent tills.
        #[arg(long, default_value_t = 4)]
        tills: usize,
        /// Catalog size.
        #[arg(long, default_value_t = 1_000)]
        products: usize,
        /// Random seed.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Receiving a delivery by scanning, over HTTP against a real server process: a
    /// purchase order of N lines, every unit scanned, then confirmed (per-scan latency).
    Receiving {
        /// Lines on the order.
        #[arg(long, default_value_t = 500)]
        lines: usize,
        /// Units per line (each one scanned).
        #[arg(long, default_value_t = 2)]
        units: usize,
    },
    /// Restock suggestions for N items with a year of sales movements (generated in bulk),
    /// computed in-process: `compute_ms`.
    Restock {
        /// Items.
        #[arg(long, default_value_t = 100_000)]
        items: usize,
        /// Days of sales averaged.
        #[arg(long, default_value_t = 28)]
        window_days: i64,
    },
    /// The promotions engine in-process: a basket of N lines against M active promotions of
    /// mixed kinds (seeded), each evaluation timed on its own basket.
    Promotions {
        /// Active promotions.
        #[arg(long, default_value_t = 1_000)]
        promotions: usize,
        /// Lines per basket.
        #[arg(long, default_value_t = 50)]
        lines: usize,
        /// Timed evaluations.
        #[arg(long, default_value_t = 5_000)]
        evaluations: usize,
        /// Items in the generated catalog.
        #[arg(long, default_value_t = 10_000)]
        items: usize,
        /// Random seed.
        #[arg(long, default_value_t = 42)]
        seed: u64,
        /// Search budget per basket (evaluations beyond the greedy start; the engine's
        /// default when absent).
        #[arg(long)]
        budget: Option<u32>,
    },
    /// CSV import of a synthetic catalog into a fresh SQLite database.
    Import {
        /// Number of product rows.
        #[arg(long, default_value_t = 1_000_000)]
        rows: usize,
        /// Random seed.
        #[arg(long, default_value_t = 42)]
        seed: u64,
    },
}

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("CAISSE_LOG").unwrap_or_else(|_| {
                tracing_subscriber::EnvFilter::new("info,sqlx=warn,tower_http=info")
            }),
        )
        .with_writer(std::io::stderr)
        .init();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: cannot start the runtime: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    match runtime.block_on(commands::run(cli)) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
