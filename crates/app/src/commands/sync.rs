//! Sync commands: connection, status, "sync now", and settling conflicts
//! and refusals.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use ts_rs::TS;
use uuid::Uuid;

use tremplin_store::StoreError;
use tremplin_store::sync::{IssueKind, SyncIssue};

use crate::app::App;
use crate::error::{AppError, AppResult};
use crate::sync::{CycleReport, LoginInput, SyncStatus};

pub fn status(app: &App) -> AppResult<SyncStatus> {
    app.sync_status()
}

pub fn login(app: &App, input: LoginInput) -> AppResult<SyncStatus> {
    app.sync_login(&input)
}

pub fn logout(app: &App) -> AppResult<SyncStatus> {
    app.sync_logout()
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct SyncSettings {
    pub interval_minutes: u32,
}

pub fn settings(app: &App, s: SyncSettings) -> AppResult<SyncStatus> {
    app.set_sync_interval(s.interval_minutes)
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct SyncNowResponse {
    pub report: CycleReport,
    pub status: SyncStatus,
}

pub fn now(app: &App) -> AppResult<SyncNowResponse> {
    let report = app.sync_now()?;
    Ok(SyncNowResponse { report, status: app.sync_status()? })
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct IssuesRequest {
    /// Also the settled ones (history).
    pub include_resolved: bool,
}

pub fn issues(app: &App, req: IssuesRequest) -> AppResult<Vec<SyncIssue>> {
    Ok(app.reader().sync_issues(!req.include_resolved)?)
}

/// What the officer decides for a conflict or a refusal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Resolution {
    /// Conflict: keep the value the server kept.
    KeepServer,
    /// Conflict: write this device's value over it (a new change).
    KeepMine,
    /// Refusal: send the change again.
    Retry,
    /// Refusal: give the change up (a refused creation is removed here).
    Discard,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ResolveRequest {
    pub id: Uuid,
    pub resolution: Resolution,
}

pub fn resolve(app: &App, req: ResolveRequest) -> AppResult<Vec<SyncIssue>> {
    let mut store = app.store();
    let issue = store.sync_issue(req.id)?.ok_or_else(|| AppError::not_found("Conflit"))?;
    if issue.resolved_at.is_some() {
        return Err(AppError::new("already_resolved", "Ce conflit est déjà réglé."));
    }
    let label = match (issue.kind, req.resolution) {
        (IssueKind::Conflict, Resolution::KeepServer) => "valeur_serveur",
        (IssueKind::Conflict, Resolution::KeepMine) => {
            if issue.row_deleted {
                return Err(AppError::new(
                    "row_deleted",
                    "La fiche a été supprimée sur le serveur : sa suppression l'emporte.",
                ));
            }
            let field = issue.field.clone().unwrap_or_default();
            let mut change = Map::new();
            change.insert(field, issue.local_value.clone().unwrap_or(Value::Null));
            store.write(|w| w.update_fields(&issue.entity, issue.row_id, &change).map(drop)).map_err(gone)?;
            "ma_valeur"
        }
        (IssueKind::Rejection, Resolution::Retry) => {
            match issue.mutation_kind.as_str() {
                "create" => store.write(|w| w.resend_create(&issue.entity, issue.row_id)).map_err(gone)?,
                "delete" => store.write(|w| w.delete_named(&issue.entity, issue.row_id)).map_err(gone)?,
                _ => {
                    let patch = store.issue_patch(issue.id)?.unwrap_or_default();
                    store
                        .write(|w| w.update_fields(&issue.entity, issue.row_id, &patch).map(drop))
                        .map_err(gone)?;
                }
            }
            "renvoyee"
        }
        (IssueKind::Rejection, Resolution::Discard) => {
            if issue.mutation_kind == "create" {
                store.write(|w| w.discard_local(&issue.entity, issue.row_id).map(drop))?;
            }
            "abandonnee"
        }
        (IssueKind::Conflict, _) | (IssueKind::Rejection, _) => {
            return Err(AppError::new("bad_resolution", "Ce choix ne s'applique pas à ce type de conflit."));
        }
    };
    store.resolve_issue(issue.id, label)?;
    let open = store.sync_issues(true)?;
    drop(store);
    app.notify_change();
    Ok(open)
}

fn gone(e: StoreError) -> AppError {
    match e {
        StoreError::NotFound { .. } => AppError::new(
            "not_found",
            "La fiche n'est plus sur ce poste (supprimée depuis) : rien à renvoyer.",
        ),
        other => other.into(),
    }
}
