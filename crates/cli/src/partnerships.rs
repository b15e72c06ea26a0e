//! `tremplin convention …` and `tremplin brief …`: partnership conventions
//! and partner meeting briefs from the command line.

use std::path::PathBuf;

use anyhow::{Result, anyhow};
use clap::{Args, Subcommand};
use uuid::Uuid;

use tremplin_app::App;
use tremplin_app::commands::conventions::{self, ExportRequest};
use tremplin_app::commands::{IdRequest, briefs};
use tremplin_store::queries::partnerships::ConventionFilter;

use crate::print;

#[derive(Subcommand)]
pub enum ConventionCommand {
    /// Une ligne par convention : identifiant, numéro (version), partenaires, statut.
    List {
        /// Seulement ce statut (brouillon, en_signature, signee, active, echue, resiliee).
        #[arg(long)]
        status: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Écrit la convention en PDF.
    Pdf {
        /// Identifiant de la convention, ou son numéro (dernière version).
        convention: String,
        /// Fichier PDF à écrire.
        #[arg(short = 'o', long = "output")]
        output: PathBuf,
    },
}

#[derive(Args)]
pub struct BriefArgs {
    /// Organisation (identifiant ou SIRET) ou convention (identifiant ou numéro).
    pub subject: String,
    /// Fichier PDF à écrire ; sans cette option, la fiche s'affiche.
    #[arg(short = 'o', long = "output")]
    pub output: Option<PathBuf>,
}

pub fn convention(app: &App, cmd: ConventionCommand) -> Result<()> {
    match cmd {
        ConventionCommand::List { status, json } => {
            let status = status.as_deref().map(|s| crate::records::parse_enum("Statut", s)).transpose()?;
            let list = conventions::list(app, ConventionFilter { status, ..Default::default() })?;
            if json {
                return print::json(&list);
            }
            for c in &list {
                println!(
                    "{}  {} (v{})  {}  {}{}",
                    c.id,
                    c.number,
                    c.version_no,
                    if c.partners.is_empty() { "—".to_string() } else { c.partners.join(", ") },
                    c.status.label(),
                    if c.superseded { " · remplacée par un avenant" } else { "" }
                );
            }
            if list.is_empty() {
                println!("Aucune convention.");
            }
            Ok(())
        }
        ConventionCommand::Pdf { convention, output } => {
            let id = resolve_convention(app, &convention)?;
            let out = conventions::export_pdf(app, ExportRequest { id, path: output.display().to_string() })?;
            println!("Convention écrite : {} ({} octets)", out.path, out.bytes);
            Ok(())
        }
    }
}

pub fn brief(app: &App, a: BriefArgs) -> Result<()> {
    let id = match resolve_convention(app, &a.subject) {
        Ok(id) => id,
        Err(_) => crate::records::resolve_org(app, &a.subject)?,
    };
    if let Some(output) = a.output {
        let out = briefs::export_pdf(app, ExportRequest { id, path: output.display().to_string() })?;
        println!("Fiche de préparation écrite : {} ({} octets)", out.path, out.bytes);
        return Ok(());
    }
    let b = briefs::get(app, IdRequest { id })?;
    println!("{}\n{}", b.title, b.subtitle);
    for f in b.identity.iter().chain(&b.figures) {
        println!("  {} : {}", f.label, f.value);
    }
    println!("Ordre du jour proposé :");
    for line in &b.agenda {
        println!("  • {line}");
    }
    println!("Relances en retard ({}) :", b.overdue_tasks.len());
    for t in &b.overdue_tasks {
        println!(
            "  {} {} — {}",
            t.due_date.format("%d/%m/%Y"),
            t.title,
            t.organisation_name.as_deref().unwrap_or("")
        );
    }
    Ok(())
}

/// An id, or a convention number (its latest version).
fn resolve_convention(app: &App, s: &str) -> Result<Uuid> {
    let list = conventions::list(app, ConventionFilter::default())?;
    if let Ok(id) = Uuid::parse_str(s.trim()) {
        return list
            .iter()
            .find(|c| c.id == id)
            .map(|c| c.id)
            .ok_or_else(|| anyhow!("Aucune convention {id}."));
    }
    list.iter()
        .filter(|c| c.number == s.trim())
        .max_by_key(|c| c.version_no)
        .map(|c| c.id)
        .ok_or_else(|| anyhow!("Aucune convention n° « {s} »."))
}
