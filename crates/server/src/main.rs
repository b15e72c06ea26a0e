//! `tremplin-server`: serve the sync API, migrate the database, manage
//! accounts and devices.

use std::path::PathBuf;

use anyhow::Context;
use clap::{Parser, Subcommand};
use deadpool_postgres::tokio_postgres;
use tremplin_protocol::Role;
use tremplin_server::{Config, admin, db};
use uuid::Uuid;

#[derive(Parser)]
#[command(name = "tremplin-server", version, about = "Serveur de synchronisation Tremplin")]
struct Cli {
    /// Configuration file (TOML); TREMPLIN_SERVER_* variables override it.
    #[arg(long, global = true, env = "TREMPLIN_SERVER_CONFIG")]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the API (the default).
    Serve,
    /// Apply the database migrations and stop.
    Migrate,
    /// Manage accounts.
    #[command(subcommand)]
    User(UserCommand),
    /// Manage logged-in devices.
    #[command(subcommand)]
    Device(DeviceCommand),
    /// Remove the tombstones older than the configured horizon, and the
    /// login attempts and mutation outcomes past theirs.
    PurgeTombstones,
    /// Apply the retention rules now (the server does it daily): people,
    /// contacts and access-log entries past their period are erased, the
    /// aided contracts of erased people anonymised.
    Retention {
        /// Only list what falls due today and within 30 days.
        #[arg(long)]
        dry_run: bool,
    },
}

#[derive(Subcommand)]
enum UserCommand {
    /// Create an account (password from TREMPLIN_PASSWORD, or asked).
    Add {
        login: String,
        #[arg(long)]
        name: String,
        /// charge_relations_entreprises | responsable_territorial | administrateur
        #[arg(long, default_value = "charge_relations_entreprises", value_parser = parse_role)]
        role: Role,
        /// Direction territoriale code (e.g. DT-LILLE).
        #[arg(long)]
        dt: Option<String>,
        #[arg(long)]
        email: Option<String>,
    },
    /// Set a new password (from TREMPLIN_PASSWORD, or asked); revokes the
    /// account's devices and lifts a lock.
    Passwd { login: String },
    /// Lift the lock put on an account after too many failed logins.
    Unlock { login: String },
    /// Disable an account and revoke its devices.
    Disable { login: String },
    /// Change role or DT (the users concerned re-sync what they may see).
    Set {
        login: String,
        #[arg(long, value_parser = parse_role)]
        role: Option<Role>,
        /// New DT code; "" removes it.
        #[arg(long)]
        dt: Option<String>,
    },
    /// List accounts.
    List,
}

#[derive(Subcommand)]
enum DeviceCommand {
    /// List devices (all, or one account's).
    List {
        #[arg(long)]
        login: Option<String>,
    },
    /// Revoke a device: its token stops working at once.
    Revoke { id: Uuid },
}

fn parse_role(s: &str) -> Result<Role, String> {
    Role::parse(s).ok_or_else(|| format!("rôle inconnu « {s} » ({})", Role::ALL.map(Role::as_str).join(", ")))
}

fn password() -> anyhow::Result<String> {
    if let Ok(p) = std::env::var("TREMPLIN_PASSWORD") {
        return Ok(p);
    }
    let p = rpassword::prompt_password("Mot de passe : ")?;
    let again = rpassword::prompt_password("Confirmez : ")?;
    anyhow::ensure!(p == again, "les deux saisies diffèrent");
    Ok(p)
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    let json_logs = std::env::var("TREMPLIN_SERVER_LOG_FORMAT").is_ok_and(|v| v == "json");
    let filter = tracing_subscriber::EnvFilter::try_from_env("TREMPLIN_SERVER_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let fmt = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr);
    if json_logs {
        fmt.json().init()
    } else {
        fmt.init()
    }

    let cfg = Config::load(cli.config.as_deref())?;
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => {
            let shutdown = async {
                let _ = tokio::signal::ctrl_c().await;
            };
            tremplin_server::serve(cfg, shutdown, |addr| println!("tremplin-server listening on {addr}"))
                .await
        }
        Command::Migrate => {
            let pool = db::pool(&cfg)?;
            let applied = db::migrate(&pool).await?;
            println!("migrations appliquées : {applied:?}");
            Ok(())
        }
        Command::PurgeTombstones => {
            let pool = db::pool(&cfg)?;
            let mut client = pool.get().await?;
            let n = admin::purge_tombstones(&mut client, cfg.tombstone_horizon_days).await?;
            println!(
                "{n} fiche(s) supprimée(s) depuis plus de {} jours purgée(s)",
                cfg.tombstone_horizon_days
            );
            let (attempts, mutations) =
                admin::purge_bookkeeping(&**client, cfg.login_attempts_days, cfg.tombstone_horizon_days)
                    .await?;
            println!(
                "{attempts} tentative(s) de connexion et {mutations} résultat(s) d'envoi anciens purgés"
            );
            Ok(())
        }
        Command::Retention { dry_run } => {
            let pool = db::pool(&cfg)?;
            db::migrate(&pool).await?;
            let mut client = pool.get().await.context("connexion à PostgreSQL")?;
            let today = chrono::Utc::now().date_naive();
            if dry_run {
                let until = today + chrono::Days::new(30);
                let due = tremplin_server::retention::plan(&mut client, today, until).await?;
                let now: Vec<_> = due.iter().filter(|d| d.due_on <= today).collect();
                println!("à effacer aujourd'hui : {}", now.len());
                println!("dans les 30 jours : {}", due.len() - now.len());
                for d in &due {
                    println!("{}  {:<15} {}  ({})", d.due_on, d.entity, d.row_id, d.rule.label());
                }
                let asked = tremplin_server::retention::pending_requests(&mut client).await?;
                println!("demandes d'effacement en attente : {}", asked.len());
                for (person, on) in asked {
                    println!("{on}  person          {person}  (à la demande de la personne)");
                }
            } else {
                let counts = tremplin_server::retention::run(&mut client, today).await?;
                if counts.is_empty() {
                    println!("rien n'arrive à échéance aujourd'hui");
                }
                for c in counts {
                    let action = if c.action == "erase" { "effacé(s)" } else { "anonymisé(s)" };
                    println!("{} {} {action} — {}", c.count, c.entity, c.rule.label());
                }
            }
            Ok(())
        }
        Command::User(c) => {
            let pool = db::pool(&cfg)?;
            db::migrate(&pool).await?;
            let client = pool.get().await.context("connexion à PostgreSQL")?;
            user_command(&client, c).await
        }
        Command::Device(c) => {
            let pool = db::pool(&cfg)?;
            let client = pool.get().await.context("connexion à PostgreSQL")?;
            match c {
                DeviceCommand::List { login } => {
                    for d in admin::list_devices(&**client, login.as_deref()).await? {
                        println!(
                            "{}\t{}\t{}\tcréé {}\tvu {}\t{}",
                            d.id,
                            d.login,
                            d.name,
                            d.created_at.format("%Y-%m-%d %H:%M"),
                            d.last_seen_at
                                .map_or("jamais".into(), |t| t.format("%Y-%m-%d %H:%M").to_string()),
                            if d.revoked { "révoqué" } else { "actif" }
                        );
                    }
                    Ok(())
                }
                DeviceCommand::Revoke { id } => {
                    admin::revoke_device(&**client, id).await?;
                    println!("appareil {id} révoqué");
                    Ok(())
                }
            }
        }
    }
}

async fn user_command(client: &deadpool_postgres::Object, c: UserCommand) -> anyhow::Result<()> {
    let db: &tokio_postgres::Client = client;
    match c {
        UserCommand::Add { login, name, role, dt, email } => {
            let pw = password()?;
            let id = admin::add_user(
                db,
                &admin::NewUser {
                    login: &login,
                    display_name: &name,
                    email: email.as_deref(),
                    role,
                    dt_code: dt.as_deref(),
                    password: &pw,
                },
            )
            .await?;
            println!("compte « {login} » créé ({id})");
        }
        UserCommand::Passwd { login } => {
            admin::set_password(db, &login, &password()?).await?;
            println!("mot de passe de « {login} » changé, ses appareils révoqués");
        }
        UserCommand::Unlock { login } => {
            admin::unlock(db, &login).await?;
            println!("compte « {login} » débloqué");
        }
        UserCommand::Disable { login } => {
            let n = admin::disable_user(db, &login).await?;
            println!("compte « {login} » désactivé, {n} appareil(s) révoqué(s)");
        }
        UserCommand::Set { login, role, dt } => {
            let dt = dt.as_deref().map(|d| (!d.is_empty()).then_some(d));
            admin::set_scope(db, &login, role, dt).await?;
            println!("compte « {login} » modifié");
        }
        UserCommand::List => {
            for r in db
                .query(
                    "SELECT login, display_name, role, coalesce(dt_code, '-'), disabled_at IS NOT NULL
                       FROM app_user ORDER BY login",
                    &[],
                )
                .await?
            {
                let disabled: bool = r.get(4);
                println!(
                    "{}\t{}\t{}\t{}{}",
                    r.get::<_, String>(0),
                    r.get::<_, String>(1),
                    r.get::<_, String>(2),
                    r.get::<_, String>(3),
                    if disabled { "\tdésactivé" } else { "" }
                );
            }
        }
    }
    Ok(())
}
