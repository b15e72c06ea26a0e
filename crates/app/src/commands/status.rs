//! What the status bar shows: who is working, and what waits to be synced.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use tremplin_store::Officer;

use crate::app::App;
use crate::error::AppResult;

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct LocalStatus {
    pub officer: Officer,
    /// Pending changes, last sync, conflicts, demo database…
    pub sync: crate::sync::SyncStatus,
}

pub fn status(app: &App) -> AppResult<LocalStatus> {
    let officer = App::officer(&app.store())?;
    Ok(LocalStatus { officer, sync: app.sync_status()? })
}
