//! The officer's home screen: follow-ups by urgency, what needs attention
//! in conventions and aided contracts, recent contacts, the portfolio by
//! territorial direction.

use chrono::{Datelike, Duration, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use tremplin_domain::cie::ContractStatus;
use tremplin_domain::commitment::Pace;
use tremplin_domain::committee::CommitteeKind;
use tremplin_domain::convention::ConventionStatus;
use tremplin_store::queries::partnerships::{ConventionFilter, ConventionSummary};

use tremplin_store::queries::interactions::InteractionView;
use tremplin_store::queries::organisations::DtCount;

use super::tasks::{self, DueRequest, DueTasks};
use crate::app::App;
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
}

/// Conventions and contracts that call for the officer (rules in
/// docs/conventions.md « What the dashboard flags »).
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
pub struct Attention {
    /// Commitments of conventions in force behind what the elapsed time
    /// calls for this year.
    pub commitments_behind: Vec<CommitmentBehind>,
    /// Conventions in force whose COPIL is due: none held in the last
    /// 12 months, or one planned within 30 days.
    pub copil_due: Vec<CopilDue>,
    /// Conventions in force ending within 90 days (not yet renewed).
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
    #[ts(type = "string | null")]
    pub planned_on: Option<NaiveDate>,
}

const CONVENTION_ENDING_DAYS: i64 = 90;
const CONTRACT_ENDING_DAYS: i64 = 60;
const COPIL_AT_LEAST_MONTHS: u32 = 12;
const COPIL_PLANNED_DAYS: i64 = 30;

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
    let year_ago = today.checked_sub_months(chrono::Months::new(COPIL_AT_LEAST_MONTHS)).unwrap_or(today);
    for summary in conventions.into_iter().filter(|c| !c.superseded) {
        let d = super::conventions::detail(&store, summary.id, today)?;
        for k in &d.commitments {
            for y in k.years.iter().filter(|y| y.year == today.year()) {
                if y.progress.pace == Pace::EnRetard {
                    out.commitments_behind.push(CommitmentBehind {
                        convention_id: d.id,
                        convention_number: d.data.number.clone(),
                        label: k.data.label.clone(),
                        year: y.year,
                        target: y.progress.target,
                        actual: y.progress.actual,
                        expected: y.progress.expected,
                    });
                }
            }
        }
        let copils = d.committees.iter().filter(|c| c.data.kind == CommitteeKind::Copil);
        let last_held_on = copils.clone().map(|c| c.data.held_on).filter(|h| *h <= today).max();
        let planned_on = copils.map(|c| c.data.held_on).filter(|h| *h > today).min();
        let started = summary.starts_on.is_some_and(|s| s <= year_ago);
        let overdue = started && last_held_on.is_none_or(|h| h < year_ago);
        let soon = planned_on.is_some_and(|p| p <= today + Duration::days(COPIL_PLANNED_DAYS));
        if overdue || soon {
            out.copil_due.push(CopilDue {
                convention_id: d.id,
                convention_number: d.data.number.clone(),
                title: d.data.title.clone(),
                last_held_on,
                planned_on,
            });
        }
        if summary.ends_on.is_some_and(|e| e >= today && e <= today + Duration::days(CONVENTION_ENDING_DAYS))
        {
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
    Ok(Dashboard {
        tasks,
        recent_interactions: store.recent_interactions(me.id, 10)?,
        portfolio_by_dt: store.organisation_counts_by_dt()?,
        pending_changes: store.outbox_len()?,
        incident_alerts,
        attention,
    })
}
