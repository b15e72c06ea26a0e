//! The officer's home screen: follow-ups by urgency, recent contacts, the
//! portfolio by territorial direction.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

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
}

pub fn dashboard(app: &App) -> AppResult<Dashboard> {
    let tasks = tasks::due(app, DueRequest { days: 7 })?;
    let incident_alerts = super::cie::alerts(app)?;
    let store = app.reader();
    let me = App::officer(&store)?;
    Ok(Dashboard {
        tasks,
        recent_interactions: store.recent_interactions(me.id, 10)?,
        portfolio_by_dt: store.organisation_counts_by_dt()?,
        pending_changes: store.outbox_len()?,
        incident_alerts,
    })
}
