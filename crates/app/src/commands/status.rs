//! What the status bar shows: who is working, and what waits to be synced.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use tremplin_store::Officer;

use crate::app::App;
use crate::error::AppResult;

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct LocalStatus {
    pub officer: Officer,
    /// Local changes not yet sent to the server.
    pub pending_changes: u64,
    /// A demo database, never synced.
    pub demo: bool,
    pub sync: crate::sync::SyncStatus,
}

pub fn status(app: &App) -> AppResult<LocalStatus> {
    let (officer, pending_changes, demo) = {
        let store = app.store();
        (App::officer(&store)?, store.outbox_len()?, store.is_demo()?)
    };
    Ok(LocalStatus { officer, pending_changes, demo, sync: app.sync_status()? })
}
