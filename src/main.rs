//! The `medspil` command: runs the server, and a few operator commands.

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use medspil::clock::Clock;
use medspil::config::{Config, DatabaseConfig, LogFormat};
use medspil::database::Database;
use medspil::startup::{Application, shutdown_signal};
use tracing_subscriber::EnvFilter;

/// Pages are built from many small strings (templates, translations, rows): mimalloc serves
/// them with less work than the system allocator — measured in bench/README.md.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "medspil",
    version,
    about = "Samtalesaloner: borgerne inviterer kommunen"
)]
struct Cli {
    /// Seed a Danish demo scene (embedded database only) and show every mail at /dev/mailbox.
    #[arg(long)]
    demo: bool,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Run the web server (the default).
    Serve,
    /// Database commands.
    Db {
        #[command(subcommand)]
        command: DbCommand,
    },
    /// Municipal admins, the platform's moderators and the abuse limits.
    Admin {
        #[command(subcommand)]
        command: AdminCommand,
    },
}

#[derive(Subcommand)]
enum AdminCommand {
    /// Make an existing, confirmed account an admin of a municipality (its first admin), or
    /// (with --moderator) one of the platform's moderators.
    Grant {
        /// The email of the person's Medspil account.
        #[arg(long, required_unless_present = "moderator")]
        email: Option<String>,
        /// The municipality's slug, as in /municipalities/skanderborg.
        #[arg(long, required_unless_present = "moderator")]
        municipality: Option<String>,
        /// Make the account with this email a platform moderator (never a municipality's
        /// role: moderators may hide content about any municipality).
        #[arg(long, value_name = "EMAIL", conflicts_with_all = ["email", "municipality"])]
        moderator: Option<String>,
    },
    /// List the abuse limits (salons, messages, invitation emails, sign-ups), or change one.
    Limits {
        #[command(subcommand)]
        command: Option<LimitsCommand>,
    },
    /// A municipality's email domains, proven by the operator.
    Domain {
        #[command(subcommand)]
        command: DomainCommand,
    },
}

#[derive(Subcommand)]
enum DomainCommand {
    /// Register a domain the municipality has shown is its own, e.g. `add skanderborg
    /// skanderborg.dk` (never a public mail service, never another municipality's).
    Add {
        /// The municipality's slug, as in /municipalities/skanderborg.
        municipality: String,
        /// The domain, as skanderborg.dk.
        domain: String,
    },
}

#[derive(Subcommand)]
enum LimitsCommand {
    /// Change one limit for every process at once, e.g. `set salons_per_day 10`.
    Set {
        /// The limit's name, as `medspil admin limits` lists it.
        name: String,
        /// The new value (a whole number, at least 1).
        value: i64,
    },
}

#[derive(Subcommand)]
enum DbCommand {
    /// Print a connection URL for the database (starting the embedded cluster if needed).
    Url,
}

fn main() -> ExitCode {
    let _ = dotenvy::dotenv();
    // Held until the process ends: dropping it flushes the lines still queued.
    let _log_writer = init_logging(LogFormat::from_env());
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("medspil: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let result = runtime.block_on(async {
        match cli.command.unwrap_or(Command::Serve) {
            Command::Serve => serve(cli.demo).await,
            Command::Db {
                command: DbCommand::Url,
            } => db_url().await,
            Command::Admin {
                command:
                    AdminCommand::Grant {
                        moderator: Some(email),
                        ..
                    },
            } => moderator_grant(&email).await,
            Command::Admin {
                command:
                    AdminCommand::Grant {
                        email: Some(email),
                        municipality: Some(municipality),
                        ..
                    },
            } => admin_grant(&email, &municipality).await,
            Command::Admin {
                command: AdminCommand::Limits { command },
            } => admin_limits(command).await,
            Command::Admin {
                command:
                    AdminCommand::Domain {
                        command:
                            DomainCommand::Add {
                                municipality,
                                domain,
                            },
                    },
            } => admin_domain_add(&municipality, &domain).await,
            Command::Admin { .. } => Err(anyhow::anyhow!(
                "give --email and --municipality, or --moderator EMAIL"
            )),
        }
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // One clear sentence (with its causes), no backtrace.
            eprintln!("medspil: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// Logs go to stdout (the service manager keeps them): readable lines, or with
/// `MEDSPIL_LOG_FORMAT=json` one JSON object per line with the request's span (route, method,
/// request id) flattened beside the event's fields, for a log collector.
///
/// Every request logs a line, so the writing happens on a thread of its own: a request never
/// waits for stdout. It blocks rather than drops when the queue is full — a lost line is worse
/// than a slower request. Colours only on a terminal: escape codes in a log file are noise.
fn init_logging(format: LogFormat) -> tracing_appender::non_blocking::WorkerGuard {
    use tracing_subscriber::layer::SubscriberExt;
    use tracing_subscriber::util::SubscriberInitExt;
    use tracing_subscriber::{Layer, Registry, filter::Targets, fmt};

    // Levels by target (`info,sqlx=warn`) are all the filter usually holds, and `Targets` keeps
    // to those; `EnvFilter` looks the span up under a lock each time any span is entered or
    // left, and the request's span is entered on every poll of the request and of each row
    // read from the database. Directives naming spans or fields (`[…]`, `{…}`) need
    // `EnvFilter`, and get it.
    let directives = std::env::var("RUST_LOG").ok();
    let filter: Box<dyn Layer<Registry> + Send + Sync> = match directives.as_deref() {
        None => Box::new(
            "info,sqlx=warn"
                .parse::<Targets>()
                .expect("valid directives"),
        ),
        Some(d) if !d.trim().is_empty() && !d.contains(['[', '{']) => match d.parse::<Targets>() {
            Ok(targets) => Box::new(targets),
            Err(_) => Box::new(env_filter()),
        },
        Some(_) => Box::new(env_filter()),
    };
    let (writer, guard) = tracing_appender::non_blocking::NonBlockingBuilder::default()
        .lossy(false)
        .finish(std::io::stdout());
    let ansi = std::io::stdout().is_terminal();
    let output = match format {
        LogFormat::Text => fmt::layer().with_ansi(ansi).with_writer(writer).boxed(),
        LogFormat::Json => fmt::layer()
            .json()
            .flatten_event(true)
            .with_current_span(true)
            .with_span_list(false)
            .with_writer(writer)
            .boxed(),
    };
    tracing_subscriber::registry()
        .with(filter)
        .with(output)
        .init();
    guard
}

/// `RUST_LOG` as `EnvFilter` reads it, or the default when it cannot.
fn env_filter() -> EnvFilter {
    EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn"))
}

async fn serve(demo: bool) -> anyhow::Result<()> {
    // Installed first: a Ctrl-C during startup is kept and shuts down in order once serving.
    let shutdown = shutdown_signal();
    let mut config = Config::from_env()?;
    if demo {
        medspil::demo::prepare(&config)?;
        config.dev_mailbox = !config.https();
    }
    let db = Database::open(&config).await?;
    if demo {
        let app = medspil::demo::App {
            personal_data: &medspil::startup::PERSONAL_DATA,
            worker: medspil::startup::worker,
        };
        let people = medspil::demo::seed(&config, &db.pool, Clock::System.now(), app).await?;
        println!("Demo: log ind som (adgangskoderne gælder til næste start)");
        for p in &people {
            println!(
                "  {:<15} {:<28} {:<18} {}",
                p.name, p.email, p.password, p.what
            );
        }
        println!("  Alle e-mails ses på /dev/mailbox");
    }
    let app = Application::build(config, db.pool.clone(), Clock::System).await?;
    let url = app.state().config.base_url.clone();
    tracing::info!(address = %app.local_addr(), "Medspil is listening");
    // The actual address (MEDSPIL_BIND may say port 0); links in mail use the base URL.
    println!("Medspil kører på http://{}", app.local_addr());
    if url.as_str().trim_end_matches('/') != format!("http://{}", app.local_addr()) {
        println!("Offentlig adresse (MEDSPIL_BASE_URL): {url}");
    }
    let served = app.run_until_stopped(shutdown).await;
    let closed = db.close().await;
    served.and(closed)
}

/// Prints the database URL, with the database started and migrated, ready for `psql` or
/// `cargo sqlx prepare`. The embedded cluster keeps running after this command; the next
/// server start adopts it and stops it on shutdown.
async fn db_url() -> anyhow::Result<()> {
    let config = Config::from_env()?;
    let db = Database::open(&config).await?;
    db.pool.close().await;
    match (&config.database, db.embedded_url()) {
        (DatabaseConfig::External(url), _) => println!("{}", url.expose()),
        (DatabaseConfig::Embedded, Some(url)) => println!("{url}"),
        (DatabaseConfig::Embedded, None) => anyhow::bail!("the embedded database did not start"),
    }
    // Dropped without `close`: the cluster keeps running for psql or sqlx.
    Ok(())
}

/// `medspil admin grant`: the operator gives a municipality its (first) admin.
async fn admin_grant(email: &str, municipality: &str) -> anyhow::Result<()> {
    let config = Config::from_env()?;
    let db = Database::open(&config).await?;
    let granted =
        medspil::roles::grant_admin(&db.pool, email, municipality, Clock::System.now()).await;
    let closed = db.close().await;
    let granted = granted?;
    closed?;
    if granted.already {
        println!(
            "{} er allerede administrator for {}.",
            granted.name, granted.municipality
        );
    } else {
        println!(
            "{} er nu administrator for {}.",
            granted.name, granted.municipality
        );
    }
    Ok(())
}

/// `medspil admin limits [set NAME N]`: the abuse limits, as every process reads them.
async fn admin_limits(command: Option<LimitsCommand>) -> anyhow::Result<()> {
    let config = Config::from_env()?;
    let db = Database::open(&config).await?;
    let done: anyhow::Result<()> = match command {
        None => medspil::limits::all(&db.pool)
            .await
            .map(|all| {
                for (limit, value) in all {
                    println!("{:<30} {:>7}  {}", limit.name(), value, limit.about());
                }
            })
            .map_err(Into::into),
        Some(LimitsCommand::Set { name, value }) => medspil::limits::set(&db.pool, &name, value)
            .await
            .map(|limit| println!("{} er nu {value} ({}).", limit.name(), limit.about()))
            .map_err(Into::into),
    };
    let closed = db.close().await;
    done?;
    closed
}

/// `medspil admin domain add SLUG DOMAIN`: the operator registers a municipality's domain.
async fn admin_domain_add(municipality: &str, domain: &str) -> anyhow::Result<()> {
    let config = Config::from_env()?;
    let db = Database::open(&config).await?;
    let added =
        medspil::roles::add_by_operator(&db.pool, municipality, domain, Clock::System.now()).await;
    let closed = db.close().await;
    let added = added?;
    closed?;
    let already = if added.already { "allerede" } else { "nu" };
    println!(
        "{} er {already} et e-maildomæne for {}.",
        added.domain, added.municipality
    );
    Ok(())
}

/// `medspil admin grant --moderator EMAIL`: the operator makes a platform moderator.
async fn moderator_grant(email: &str) -> anyhow::Result<()> {
    let config = Config::from_env()?;
    let db = Database::open(&config).await?;
    let granted = medspil::moderation::grant_moderator(&db.pool, email, Clock::System.now()).await;
    let closed = db.close().await;
    let granted = granted?;
    closed?;
    if granted.already {
        println!("{} er allerede moderator.", granted.name);
    } else {
        println!("{} er nu moderator.", granted.name);
    }
    Ok(())
}
