//! The officer's home screen: follow-ups by urgency, what needs attention
//! in conventions and aided contracts, recent contacts, the next events,
//! the portfolio by territorial direction.

use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use tremplin_domain::candidacy::Candidacy;
use tremplin_domain::cie::ContractStatus;
use tremplin_domain::commitment::Pace;
use tremplin_domain::committee::CommitteeKind;
use tremplin_domain::convention::ConventionStatus;
use tremplin_store::queries::partnerships::{ConventionFilter, ConventionSummary};

use tremplin_domain::event::EventStatus;
use tremplin_store::queries::events::{EventFilter, EventSummary};
use tremplin_store::queries::interactions::InteractionView;
use tremplin_store::queries::needs::{NeedFilter, NeedSummary};
use tremplin_store::queries::organisations::DtCount;
use tremplin_store::queries::placement::{CandidacySummary, HireFilter, HireSummary};

use super::tasks::{self, DueRequest, DueTasks};
use crate::app::App;
use crate::brief;
use crate::error::AppResult;

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct Dashboard {
    pub tasks: DueTasks,
    pub recent_interactions: Vec<InteractionView>,
    pub portfolio_by_dt: Vec<DtCount>,
    /// Local changes not yet sent to the server.
    pub pending_changes: u64,
    /// Aided-contract incidents to declare (overdue first).
    pub incident_alerts: Vec<super::cie::IncidentAlert>,
    pub attention: Attention,
    /// The officer's recruitment needs still to fill, the least advanced first.
    pub my_needs: Vec<NeedSummary>,
    /// Candidates of the people the officer follows whose profile or
    /// interview awaits the employer's answer, the longest waiting first.
    pub waiting_candidates: Vec<CandidacySummary>,
    /// The officer's hires with a follow-up in employment due within a week
    /// (or overdue).
    pub follow_ups_due: Vec<HireSummary>,
    /// Events planned in the coming month, soonest first.
    pub next_events: Vec<EventSummary>,
}

/// How far ahead the dashboard lists events.
const NEXT_EVENTS_DAYS: i64 = 31;

/// Conventions and contracts that call for the officer: the rules the
/// meeting brief applies (`crate::brief`), over every active convention on
/// the device (docs/domain/conventions.md « What the dashboard flags »).
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
pub struct Attention {
    /// Commitments of active conventions behind what the elapsed time calls
    /// for this year.
    pub commitments_behind: Vec<CommitmentBehind>,
    /// Active conventions whose COPIL is due (none held in the last year).
    pub copil_due: Vec<CopilDue>,
    /// Active conventions ending soon (renewal or avenant to prepare).
    pub conventions_ending: Vec<ConventionSummary>,
    /// Running aided contracts whose aid ends within 60 days.
    pub contracts_ending: Vec<super::cie::ContractSummary>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct CommitmentBehind {
    pub convention_id: Uuid,
    pub convention_number: String,
    pub label: String,
    pub year: i32,
    pub target: u32,
    pub actual: u32,
    pub expected: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct CopilDue {
    pub convention_id: Uuid,
    pub convention_number: String,
    pub title: String,
    #[ts(type = "string | null")]
    pub last_held_on: Option<NaiveDate>,
    /// A COPIL already set for a later date, if any.
    #[ts(type = "string | null")]
    pub planned_on: Option<NaiveDate>,
}

/// Time to ask for a renewal and write its bilan (docs/domain/aided-contracts.md).
const CONTRACT_ENDING_DAYS: i64 = 60;

fn attention(app: &App) -> AppResult<Attention> {
    let today = app.clock().today();
    // Each call takes the reader in turn (it is not re-entrant).
    let contracts = super::cie::list(app, super::cie::ContractFilter::default())?;
    let conventions = super::conventions::list(
        app,
        ConventionFilter { status: Some(ConventionStatus::Active), organisation_id: None, latest_only: true },
    )?;
    let mut out = Attention {
        contracts_ending: contracts
            .into_iter()
            .filter(|c| matches!(c.status, ContractStatus::EnCours | ContractStatus::Suspendu))
            .filter(|c| {
                c.aid_ends_on.is_some_and(|d| d >= today && d <= today + Duration::days(CONTRACT_ENDING_DAYS))
            })
            .collect(),
        ..Attention::default()
    };
    let store = app.reader();
    for summary in conventions.into_iter().filter(|c| !c.superseded) {
        let d = super::conventions::detail(&store, summary.id, today)?;
        let bc = brief::brief_convention(&d, today);
        for k in bc.commitments.iter().filter(|k| k.pace == Pace::EnRetard) {
            out.commitments_behind.push(CommitmentBehind {
                convention_id: bc.id,
                convention_number: bc.number.clone(),
                label: k.label.clone(),
                year: k.year,
                target: k.target,
                actual: k.actual,
                expected: k.expected,
            });
        }
        if brief::copil_due(&bc, today) {
            let planned_on = d
                .committees
                .iter()
                .filter(|c| c.data.kind == CommitteeKind::Copil && c.data.held_on > today)
                .map(|c| c.data.held_on)
                .min();
            out.copil_due.push(CopilDue {
                convention_id: bc.id,
                convention_number: bc.number.clone(),
                title: bc.title.clone(),
                last_held_on: bc.last_copil,
                planned_on,
            });
        }
        if brief::ending_on(&bc, today).is_some() {
            out.conventions_ending.push(summary);
        }
    }
    Ok(out)
}

pub fn dashboard(app: &App) -> AppResult<Dashboard> {
    let tasks = tasks::due(app, DueRequest { days: 7 })?;
    let incident_alerts = super::cie::alerts(app)?;
    let attention = attention(app)?;
    let store = app.reader();
    let me = App::officer(&store)?;
    let access = super::people::Access::of(&store)?;
    let mut waiting_candidates = Vec::new();
    for c in store.candidacies_awaiting(me.id, 20)? {
        if waiting_candidates.len() < 10
            && store.get::<Candidacy>(c.id)?.is_some_and(|r| access.sees(&r.data))
        {
            waiting_candidates.push(c);
        }
    }
    let mut follow_ups_due = store.hires(&HireFilter {
        officer_id: Some(me.id),
        follow_up_due_by: Some(app.clock().today() + Duration::days(7)),
        limit: 50,
        ..HireFilter::default()
    })?;
    follow_ups_due.sort_by_key(|h| h.next_follow_up_on);
    Ok(Dashboard {
        tasks,
        recent_interactions: store.recent_interactions(me.id, 10)?,
        portfolio_by_dt: store.organisation_counts_by_dt()?,
        pending_changes: store.outbox_len()?,
        incident_alerts,
        attention,
        my_needs: store.needs(&NeedFilter {
            open_only: true,
            owner_id: Some(me.id),
            limit: 10,
            ..NeedFilter::default()
        })?,
        waiting_candidates,
        follow_ups_due,
        next_events: store.events(&EventFilter {
            from: Some(app.clock().today()),
            to: Some(app.clock().today() + Duration::days(NEXT_EVENTS_DAYS)),
            status: Some(EventStatus::Prevu),
            limit: 6,
            ..EventFilter::default()
        })?,
    })
}
