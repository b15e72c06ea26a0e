//! `tremplin event list`: job datings, forums, visits and other events,
//! and `tremplin event ics`: the officer's agenda as an .ics file.

use anyhow::Result;
use chrono::NaiveDate;
use clap::{Subcommand, ValueEnum};
use tremplin_app::App;
use tremplin_app::commands::events::{self, CalendarRequest, EventListRequest};
use tremplin_domain::event::EventKind;
use tremplin_store::queries::events::EventFilter;

use crate::print;

#[derive(Clone, Copy, ValueEnum)]
pub enum Kind {
    JobDating,
    Forum,
    Visite,
    InformationCollective,
    PetitDejeuner,
}

impl From<Kind> for EventKind {
    fn from(k: Kind) -> Self {
        match k {
            Kind::JobDating => EventKind::JobDating,
            Kind::Forum => EventKind::Forum,
            Kind::Visite => EventKind::VisiteEntreprise,
            Kind::InformationCollective => EventKind::InformationCollective,
            Kind::PetitDejeuner => EventKind::PetitDejeuner,
        }
    }
}

#[derive(Subcommand)]
pub enum EventCommand {
    /// Liste les événements (les plus proches d'abord ; les plus récents d'abord avec --past).
    List {
        /// Seulement ceux que j'organise.
        #[arg(long)]
        mine: bool,
        /// Les événements passés plutôt qu'à venir.
        #[arg(long)]
        past: bool,
        #[arg(long, value_enum)]
        kind: Option<Kind>,
        /// À partir de ce jour (AAAA-MM-JJ).
        #[arg(long)]
        from: Option<NaiveDate>,
        /// Jusqu'à ce jour (AAAA-MM-JJ).
        #[arg(long)]
        to: Option<NaiveDate>,
        #[arg(long)]
        json: bool,
    },
    /// Écrit mon agenda (événements que j'organise, relances) au format iCalendar.
    Ics {
        /// Fichier à écrire (.ics).
        path: String,
        /// Tous les événements du Département, pas seulement ceux que j'organise.
        #[arg(long)]
        all: bool,
    },
}

pub fn run(app: &App, cmd: EventCommand) -> Result<()> {
    match cmd {
        EventCommand::List { mine, past, kind, from, to, json } => {
            let filter = EventFilter {
                from,
                to,
                kind: kind.map(EventKind::from),
                limit: 500,
                ..EventFilter::default()
            };
            let list = events::list(app, EventListRequest { filter, mine, upcoming: !past, past })?;
            if json {
                return print::json(&list);
            }
            println!("{} événement(s)", list.len());
            for e in &list {
                println!(
                    "  {} {} {} — {} · {}{} · {} employeur(s) · {}",
                    e.id,
                    e.held_on.format("%d/%m/%Y"),
                    e.starts_at.as_deref().unwrap_or(""),
                    e.title,
                    e.place,
                    e.commune_name.as_deref().map(|c| format!(", {c}")).unwrap_or_default(),
                    e.employer_count,
                    e.status.label(),
                );
            }
        }
        EventCommand::Ics { path, all } => {
            let out = events::export_calendar(app, CalendarRequest { path, all_events: all })?;
            println!("Agenda écrit : {} ({} octets)", out.path, out.bytes);
        }
    }
    Ok(())
}
