//! `tremplin need list`: the recruitment needs on this device, as the board
//! and the list show them.

use anyhow::Result;
use clap::Subcommand;
use tremplin_app::App;
use tremplin_app::commands::needs::{self, NeedListRequest};
use tremplin_domain::need::NeedStatus;
use tremplin_store::queries::needs::NeedFilter;

use crate::print;

#[derive(Subcommand)]
pub enum NeedCommand {
    /// Liste les besoins de recrutement (les plus récents d'abord dans chaque étape).
    List {
        /// Étape : a_qualifier, ouvert, candidats_proposes, pourvu_partiellement, pourvu, abandonne.
        #[arg(long)]
        status: Option<String>,
        /// Seulement ceux encore à pourvoir.
        #[arg(long)]
        open: bool,
        /// Direction territoriale (code, ex. ML).
        #[arg(long)]
        dt: Option<String>,
        /// Famille de métiers : la lettre du grand domaine ROME (ex. H pour l'industrie).
        #[arg(long)]
        family: Option<String>,
        /// Seulement les miens.
        #[arg(long)]
        mine: bool,
        #[arg(long)]
        json: bool,
    },
}

pub fn run(app: &App, cmd: NeedCommand) -> Result<()> {
    match cmd {
        NeedCommand::List { status, open, dt, family, mine, json } => {
            let status = match status.as_deref() {
                None => None,
                Some(s) => Some(
                    NeedStatus::ALL
                        .into_iter()
                        .find(|x| x.as_str() == s)
                        .ok_or_else(|| anyhow::anyhow!("Étape inconnue : « {s} »."))?,
                ),
            };
            let filter = NeedFilter {
                status,
                open_only: open,
                dt_code: dt,
                grand_domaine: family.map(|f| f.to_uppercase()),
                limit: 500,
                ..NeedFilter::default()
            };
            let list = needs::list(app, NeedListRequest { filter, mine })?;
            if json {
                return print::json(&list);
            }
            println!("{} besoin(s) de recrutement", list.len());
            for n in &list {
                println!(
                    "  {} [{}] {} — {} ({} {}) · {} poste(s) · {}",
                    n.id,
                    n.status.label(),
                    n.job_title,
                    n.employer_name,
                    n.rome_code,
                    n.rome_label.as_deref().unwrap_or(""),
                    n.positions,
                    n.dt_name.as_deref().unwrap_or("DT inconnue"),
                );
            }
        }
    }
    Ok(())
}
