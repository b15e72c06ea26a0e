//! `tremplin`: the headless command line over Tremplin's app layer.

mod bench;
mod cie;
mod demo;
mod events;
mod generate;
mod hires;
mod location;
mod needs;
mod partnerships;
mod print;
mod records;
mod secrets;
mod serve;
mod sync;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Parser)]
#[command(
    name = "tremplin",
    version,
    about = "Tremplin — CRM des relations entreprises du Département du Nord (ligne de commande)",
    after_help = "Base : --db ou TREMPLIN_DB (défaut : ~/.local/share/tremplin/tremplin.db).\n\
                  Clé : TREMPLIN_DB_KEY (64 caractères hexadécimaux) ou --key-file / TREMPLIN_KEY_FILE\n\
                  (défaut : ~/.config/tremplin/cli.key, créé avec la base)."
)]
struct Cli {
    /// Fichier de la base locale chiffrée.
    #[arg(long, env = "TREMPLIN_DB", global = true)]
    db: Option<PathBuf>,
    /// Fichier contenant la clé de la base (64 caractères hexadécimaux).
    #[arg(long, env = "TREMPLIN_KEY_FILE", global = true)]
    key_file: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Crée une base de démonstration réaliste (grands comptes, groupements, contacts, un an d'échanges).
    Demo {
        /// Remplace la base si elle existe déjà.
        #[arg(long)]
        force: bool,
    },
    /// Recherche dans les organisations, les contacts et le journal des échanges.
    Search {
        /// Mots à chercher (préfixes, accents et casse ignorés).
        #[arg(required = true)]
        query: Vec<String>,
        #[arg(long, default_value_t = 20)]
        limit: u32,
        #[arg(long)]
        json: bool,
    },
    /// Organisations : lister, afficher, ajouter.
    Org {
        #[command(subcommand)]
        command: records::OrgCommand,
    },
    /// Consigne un échange avec une organisation (et, au besoin, sa relance).
    Log(Box<records::LogArgs>),
    /// Relances : ajouter, lister, marquer comme faites.
    Task {
        #[command(subcommand)]
        command: records::TaskCommand,
    },
    /// Besoins de recrutement des employeurs : lister.
    Need {
        #[command(subcommand)]
        command: needs::NeedCommand,
    },
    /// Recrutements et leurs suivis dans l'emploi : lister.
    Hire {
        #[command(subcommand)]
        command: hires::HireCommand,
    },
    /// Événements emploi (job datings, forums, visites…) : lister, exporter l'agenda.
    Event {
        #[command(subcommand)]
        command: events::EventCommand,
    },
    /// Vérifie un SIRET ou un SIREN (code de sortie 0 s'il est valide).
    Check { kind: CheckKind, value: String },
    /// Affiche ou modifie le profil de l'agent sur ce poste.
    Profile(records::ProfileArgs),
    /// Génère un jeu de données synthétique pour les mesures de performance.
    Gen(generate::GenArgs),
    /// Mesure la recherche, les listes et l'insertion en masse sur une base générée.
    Bench(bench::BenchArgs),
    /// Sert l'interface web et les commandes en HTTP sur 127.0.0.1 (développement, tests navigateur).
    ServeUi(serve::ServeArgs),
    /// Connecte ce poste au serveur de synchronisation (mot de passe : TREMPLIN_PASSWORD ou saisi).
    Login(sync::LoginArgs),
    /// Déconnecte ce poste du serveur (les données locales restent).
    Logout,
    /// Synchronise avec le serveur : envoie les modifications locales, reçoit celles des autres.
    Sync(sync::SyncArgs),
    /// Conventions de partenariat : lister, écrire en PDF.
    Convention {
        #[command(subcommand)]
        command: partnerships::ConventionCommand,
    },
    /// Fiche de préparation d'un rendez-vous (grand compte, établissement, groupement ou convention).
    Brief(partnerships::BriefArgs),
    /// Contrats aidés (CIE, CAE) : simuler l'aide d'un mois.
    Cie {
        #[command(subcommand)]
        command: cie::CieCommand,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum CheckKind {
    Siret,
    Siren,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("Erreur : {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    if let Command::Check { kind, value } = &cli.command {
        return Ok(check(*kind, value));
    }
    let loc = location::resolve(cli.db, cli.key_file)?;
    match cli.command {
        Command::Check { .. } => unreachable!("handled above"),
        Command::Demo { force } => demo::run(&loc, force)?,
        Command::Gen(args) => generate::run(&loc, &args)?,
        Command::Bench(args) => bench::run(&loc, &args)?,
        command => {
            let app = records::open(&loc)?;
            match command {
                Command::Search { query, limit, json } => {
                    records::search(&app, &query.join(" "), limit, json)?
                }
                Command::Org { command } => records::org(&app, command)?,
                Command::Log(args) => records::log(&app, *args)?,
                Command::Task { command } => records::task(&app, command)?,
                Command::Need { command } => needs::run(&app, command)?,
                Command::Hire { command } => hires::run(&app, command)?,
                Command::Event { command } => events::run(&app, command)?,
                Command::Profile(args) => records::profile(&app, args)?,
                Command::ServeUi(args) => serve::run(app, &args)?,
                Command::Login(args) => sync::login(&app, args)?,
                Command::Logout => sync::logout(&app)?,
                Command::Sync(args) => sync::sync(&app, args)?,
                Command::Convention { command } => partnerships::convention(&app, command)?,
                Command::Brief(args) => partnerships::brief(&app, args)?,
                Command::Cie { command } => cie::run(&app, command)?,
                _ => unreachable!("handled above"),
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn check(kind: CheckKind, value: &str) -> ExitCode {
    use tremplin_domain::identifiers::{Siren, Siret};
    let result = match kind {
        CheckKind::Siret => Siret::parse(value).map(|s| s.grouped()),
        CheckKind::Siren => Siren::parse(value).map(|s| s.grouped()),
    };
    match result {
        Ok(grouped) => {
            println!("{grouped} : valide");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{}", e.message);
            ExitCode::FAILURE
        }
    }
}
