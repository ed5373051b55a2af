//! The `medspil` command: runs the server, and a few operator commands.

use std::process::ExitCode;

use clap::{Parser, Subcommand};
use medspil::clock::Clock;
use medspil::config::{Config, DatabaseConfig};
use medspil::database::Database;
use medspil::startup::{Application, shutdown_signal};
use tracing_subscriber::EnvFilter;

#[derive(Parser)]
#[command(
    name = "medspil",
    version,
    about = "Samtalesaloner: borgerne inviterer kommunen"
)]
struct Cli {
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
}

#[derive(Subcommand)]
enum DbCommand {
    /// Print a connection URL for the database (starting the embedded cluster if needed).
    Url,
}

fn main() -> ExitCode {
    let _ = dotenvy::dotenv();
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn")),
        )
        .init();
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
            Command::Serve => serve().await,
            Command::Db {
                command: DbCommand::Url,
            } => db_url().await,
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

async fn serve() -> anyhow::Result<()> {
    let config = Config::from_env()?;
    let db = Database::open(&config).await?;
    let app = Application::build(config, db.pool.clone(), Clock::System).await?;
    let url = app.state().config.base_url.clone();
    tracing::info!(address = %app.local_addr(), "Medspil is listening");
    // The actual address (MEDSPIL_BIND may say port 0); links in mail use the base URL.
    println!("Medspil kører på http://{}", app.local_addr());
    if url.as_str().trim_end_matches('/') != format!("http://{}", app.local_addr()) {
        println!("Offentlig adresse (MEDSPIL_BASE_URL): {url}");
    }
    let served = app.run_until_stopped(shutdown_signal()).await;
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
