//! What each subcommand does.

use std::process::ExitCode;

use anyhow::Context;
use caisse_app::auth::{self, NewUser, Principal};
use caisse_app::checkout::terminal::{SimulatedTerminal, Terminal};
use caisse_app::{App, AppError, demo};
use caisse_core::catalog::Store;
use caisse_store::{Db, stores, users};
use indicatif::{ProgressBar, ProgressStyle};

use crate::{BenchWhat, Cli, Command, ExportWhat, ImportWhat, JournalAction, TerminalChoice};

pub(crate) fn describe(e: AppError) -> anyhow::Error {
    match e {
        AppError::InvalidCsv(rows) => {
            let mut s = format!("{} error(s); nothing was imported:\n", rows.len());
            for r in rows.iter().take(200) {
                s.push_str(&format!(
                    "  line {}, column {:?}: {}\n",
                    r.line, r.column, r.reason
                ));
            }
            if rows.len() > 200 {
                s.push_str(&format!("  … and {} more\n", rows.len() - 200));
            }
            anyhow::anyhow!(s)
        }
        other => anyhow::anyhow!(other.to_string()),
    }
}

async fn open(url: &str) -> anyhow::Result<App> {
    open_with(url, TerminalChoice::Simulated).await
}

async fn open_with(url: &str, terminal: TerminalChoice) -> anyhow::Result<App> {
    let db = Db::connect(url)
        .await
        .with_context(|| format!("opening the database {url}"))?;
    db.migrate().await.context("applying migrations")?;
    let terminal = match terminal {
        TerminalChoice::External => Terminal::External,
        TerminalChoice::Simulated => Terminal::Simulated(SimulatedTerminal::demo()),
    };
    App::start_with(db, terminal).await.map_err(describe)
}

/// Acts as the first store's owner (the CLI runs on the shop's own machine).
async fn owner_principal(app: &App) -> anyhow::Result<Principal> {
    let store = stores::list(&app.db)
        .await?
        .into_iter()
        .next()
        .context("no store yet: run `caisse serve` or `caisse demo` first")?;
    let owner = users::list(&app.db, store.id)
        .await?
        .into_iter()
        .find(|u| u.role == "owner")
        .context("the store has no owner account")?;
    Ok(Principal::system(store.id, owner.id))
}

/// On a first start with no account, creates a store and an owner with a random password.
async fn first_start(app: &App) -> anyhow::Result<()> {
    if !auth::no_users_yet(app).await.map_err(describe)? {
        return Ok(());
    }
    let store = match stores::list(&app.db).await?.into_iter().next() {
        Some(s) => s,
        None => caisse_app::catalog::create_store(
            app,
            Store {
                id: uuid::Uuid::now_v7(),
                name: "My shop".into(),
                currency: "EUR".into(),
                locale: "fr-FR".into(),
                time_zone: "Europe/Paris".into(),
                tax_mode: "inclusive".into(),
                scale_layout: "none".into(),
            },
        )
        .await
        .map_err(describe)?,
    };
    let password = auth::random_password();
    let new = NewUser {
        login: "owner".into(),
        display_name: Some("Owner".into()),
        role: "owner".into(),
        password: password.clone(),
        pin: None,
    };
    auth::create_user(app, store.id, None, new)
        .await
        .map_err(describe)?;
    println!("First start: created the account `owner` with the password {password}");
    println!("(shown once; change it from the back office)");
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
    tracing::info!("shutting down");
}

/// Runs one subcommand.
pub async fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Serve {
            listen,
            demo: with_demo,
            terminal,
        } => {
            let terminal = terminal.unwrap_or(if with_demo {
                TerminalChoice::Simulated
            } else {
                TerminalChoice::External
            });
            let app = open_with(&cli.db, terminal).await?;
            // One server keeps a SQLite database's open sales (its cart log): a second one on
            // the same file stops here.
            if let Some(log) = app.db.cart_log() {
                log.claim()?;
            }
            // The demo shop's documented easy passwords and PINs are accepted only here.
            let app = if with_demo { app.in_demo_mode() } else { app };
            if terminal == TerminalChoice::Simulated {
                tracing::warn!("card payments go to the simulated terminal (--terminal simulated)");
            }
            if with_demo
                && let demo::Seeded::Created { products } =
                    demo::seed(&app).await.map_err(describe)?
            {
                println!(
                    "Demo shop created: {products} products; sign in as owner/owner, manager/manager or cashier/cashier"
                );
            }
            first_start(&app).await?;
            let listener = tokio::net::TcpListener::bind(&listen)
                .await
                .with_context(|| format!("listening on {listen}"))?;
            let addr = listener.local_addr()?;
            println!("Caisse is listening on http://{addr}/admin");
            // Serves until Ctrl-C or SIGTERM, then writes the cart log's last changes and closes
            // the database.
            caisse_server::serve(app, listener, shutdown_signal()).await?;
        }
        Command::Journal {
            action: JournalAction::Verify,
        } => {
            let db = Db::connect(&cli.db).await?;
            db.migrate().await?;
            let reports = caisse_app::checkout::journal::verify_all(&db)
                .await
                .map_err(describe)?;
            let mut broken = 0;
            for r in &reports {
                match &r.problem {
                    None => println!(
                        "register {}: {} entries, chain intact",
                        r.register_id, r.entries
                    ),
                    Some(p) => {
                        broken += 1;
                        println!(
                            "register {}: BROKEN at entry {} ({}): {p}",
                            r.register_id,
                            r.seq.unwrap_or(0),
                            r.code.as_deref().unwrap_or("broken")
                        );
                    }
                }
            }
            if broken > 0 {
                println!(
                    "{broken} of {} journal chain(s) failed verification",
                    reports.len()
                );
                return Ok(ExitCode::from(1));
            }
            println!("{} journal chain(s) verified", reports.len());
        }
        Command::Stock {
            action: crate::stock_cmd::StockAction::Verify,
        } => {
            let db = Db::connect(&cli.db).await?;
            db.migrate().await?;
            return crate::stock_cmd::verify(&db).await;
        }
        Command::Stock { action } => {
            let app = open(&cli.db).await?;
            let who = owner_principal(&app).await?;
            crate::stock_cmd::run(&app, &who, action)
                .await
                .map_err(describe)?;
        }
        Command::Sales(args) => {
            let app = open(&cli.db).await?;
            let who = owner_principal(&app).await?;
            crate::sales_cmd::run(&app, &who, args)
                .await
                .map_err(describe)?;
        }
        Command::Report { what } => {
            let app = open(&cli.db).await?;
            let who = owner_principal(&app).await?;
            crate::report::run(&app, &who, what)
                .await
                .map_err(describe)?;
        }
        Command::Migrate => {
            let db = Db::connect(&cli.db).await?;
            db.migrate().await?;
            println!("migrations applied");
        }
        Command::Demo => {
            let app = open(&cli.db).await?;
            match demo::seed(&app).await.map_err(describe)? {
                demo::Seeded::Created { products } => {
                    println!("Demo shop created: {products} products")
                }
                demo::Seeded::AlreadyFilled => {
                    println!("The database already has a store: nothing changed")
                }
            }
        }
        Command::Import {
            what: ImportWhat::Products { file, dry_run },
        } => {
            let data =
                std::fs::read(&file).with_context(|| format!("reading {}", file.display()))?;
            let app = open(&cli.db).await?;
            // A brand-new database gets its store and owner as `serve` would make them.
            first_start(&app).await?;
            let who = owner_principal(&app).await?;
            let bar = ProgressBar::new(0);
            bar.set_style(
                ProgressStyle::with_template("{bar:40} {pos}/{len} rows ({eta})")
                    .unwrap_or_else(|_| ProgressStyle::default_bar()),
            );
            let progress = |done: u64, total: u64| {
                bar.set_length(total);
                bar.set_position(done);
            };
            let result =
                caisse_app::import::import_products(&app, &who, &data, dry_run, &progress).await;
            bar.finish_and_clear();
            let s = result.map_err(describe)?;
            println!(
                "{}{} created, {} updated, {} unchanged",
                if s.dry_run { "dry run: " } else { "" },
                s.created,
                s.updated,
                s.unchanged
            );
        }
        Command::Export {
            what: ExportWhat::Products { output },
        } => {
            let app = open(&cli.db).await?;
            let who = owner_principal(&app).await?;
            let csv = caisse_app::export::export_products(&app, &who)
                .await
                .map_err(describe)?;
            match output {
                Some(path) => std::fs::write(&path, csv)
                    .with_context(|| format!("writing {}", path.display()))?,
                None => {
                    use std::io::Write;
                    std::io::stdout().write_all(&csv)?;
                }
            }
        }
        Command::User { action } => {
            let app = open(&cli.db).await?;
            crate::user_cmd::run(&app, action).await.map_err(describe)?;
        }
        Command::Bench {
            what: BenchWhat::Catalog { products, seed },
        } => {
            let report =
                tokio::task::spawn_blocking(move || crate::bench_catalog::run(products, seed))
                    .await?;
            println!("{report}");
        }
        Command::Bench {
            what:
                BenchWhat::Search {
                    products,
                    queries,
                    seed,
                },
        } => {
            let report = tokio::task::spawn_blocking(move || {
                crate::bench_search::run(products, queries, seed)
            })
            .await?;
            println!("{report}");
        }
        Command::Bench {
            what:
                BenchWhat::Checkout {
                    tills,
                    products,
                    seconds,
                },
        } => {
            let db = cli.db.starts_with("postgres").then(|| cli.db.clone());
            let report = crate::bench_checkout::run(crate::bench_checkout::Options {
                tills,
                products,
                seconds,
                db,
            })
            .await?;
            println!("{report}");
        }
        Command::Bench {
            what: BenchWhat::Receiving { lines, units },
        } => {
            let db = cli.db.starts_with("postgres").then(|| cli.db.clone());
            let report =
                crate::bench_receiving::run(crate::bench_receiving::Options { lines, units, db })
                    .await?;
            println!("{report}");
        }
        Command::Bench {
            what: BenchWhat::Restock { items, window_days },
        } => {
            let db = cli.db.starts_with("postgres").then(|| cli.db.clone());
            let report = crate::bench_restock::run(crate::bench_restock::Options {
                items,
                window_days,
                db,
            })
            .await?;
            println!("{report}");
        }
        Command::Bench {
            what:
                BenchWhat::Ui {
                    sales,
                    width,
                    height,
                    chromedriver,
                },
        } => {
            let report = crate::bench_ui::run(crate::bench_ui::Options {
                sales,
                width,
                height,
                chromedriver,
            })
            .await?;
            println!("{report}");
        }
        Command::Bench {
            what:
                BenchWhat::Crash {
                    kills,
                    tills,
                    products,
                    seed,
                },
        } => {
            let db = cli.db.starts_with("postgres").then(|| cli.db.clone());
            let report = crate::bench_crash::run(crate::bench_crash::Options {
                kills,
                tills,
                products,
                seed,
                db,
            })
            .await?;
            println!("{report}");
            if report["ok"] != true {
                return Ok(ExitCode::FAILURE);
            }
        }
        Command::Bench {
            what:
                BenchWhat::Promotions {
                    promotions,
                    lines,
                    evaluations,
                    items,
                    seed,
                    budget,
                },
        } => {
            let options = crate::bench_promotions::Options {
                promotions,
                lines,
                evaluations,
                items,
                seed,
                budget,
            };
            let report = tokio::task::spawn_blocking(move || crate::bench_promotions::run(options))
                .await??;
            println!("{report}");
        }
        Command::Bench {
            what: BenchWhat::Import { rows, seed },
        } => {
            println!("{}", crate::bench_import::run(rows, seed).await?);
        }
    }
    Ok(ExitCode::SUCCESS)
}
