//! `tremplin hire list`: the hires on this device, with their next
//! follow-up in employment.

use anyhow::Result;
use chrono::NaiveDate;
use clap::Subcommand;
use tremplin_app::App;
use tremplin_app::commands::hires::{self, HireListRequest};
use tremplin_store::queries::placement::HireFilter;

use crate::print;

#[derive(Subcommand)]
pub enum HireCommand {
    /// Liste les recrutements (les plus récents d'abord).
    List {
        /// Seulement ceux que je suis.
        #[arg(long)]
        mine: bool,
        /// Seulement ceux dont un suivi (1, 3 ou 6 mois) tombe d'ici 7 jours ou est en retard.
        #[arg(long)]
        due: bool,
        /// Commencés à partir de ce jour (AAAA-MM-JJ).
        #[arg(long)]
        from: Option<NaiveDate>,
        /// Commencés jusqu'à ce jour (AAAA-MM-JJ).
        #[arg(long)]
        to: Option<NaiveDate>,
        #[arg(long)]
        json: bool,
    },
}

pub fn run(app: &App, cmd: HireCommand) -> Result<()> {
    match cmd {
        HireCommand::List { mine, due, from, to, json } => {
            let filter = HireFilter { from, to, limit: 500, ..HireFilter::default() };
            let list = hires::list(app, HireListRequest { filter, mine, due_within_days: due.then_some(7) })?;
            if json {
                return print::json(&list);
            }
            println!("{} recrutement(s)", list.len());
            for h in &list {
                let next = match (h.next_follow_up_months, h.next_follow_up_on) {
                    (Some(n), Some(on)) => format!("suivi à {n} mois le {}", on.format("%d/%m/%Y")),
                    _ => "aucun suivi à faire".into(),
                };
                println!(
                    "  {} {} — {} · {} depuis le {}{} · {}",
                    h.id,
                    h.job_title,
                    h.employer_name,
                    h.contract.label(),
                    h.starts_on.format("%d/%m/%Y"),
                    if h.durable { " (emploi durable)" } else { "" },
                    next,
                );
            }
        }
    }
    Ok(())
}
