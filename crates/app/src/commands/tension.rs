//! The métiers en tension list (docs/placement.md « Métiers en tension »):
//! read by everyone, kept by administrators (or the officer of a laptop
//! linked to no server, whose install is their own).

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use tremplin_domain::new_row_id;
use tremplin_domain::tension::{TensionJob, TensionJobInput};

use super::IdRequest;
use crate::app::App;
use crate::error::{AppError, AppResult};

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct TensionEntry {
    pub id: Uuid,
    pub data: TensionJob,
    pub rome_label: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct TensionList {
    pub entries: Vec<TensionEntry>,
    /// This officer may add, correct and remove entries.
    pub editable: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct SaveTensionRequest {
    /// None to add an entry.
    #[serde(default)]
    pub id: Option<Uuid>,
    pub input: TensionJobInput,
}

pub fn list(app: &App) -> AppResult<TensionList> {
    let store = app.reader();
    let mut entries = Vec::new();
    for r in store.records_where::<TensionJob>("1 = 1", "rome_code, effective_from DESC", &[])? {
        entries.push(TensionEntry {
            id: r.id,
            rome_label: store.rome_label(&r.data.rome_code)?,
            data: r.data,
        });
    }
    Ok(TensionList { entries, editable: super::parameters::may_edit(&store)? })
}

pub fn save(app: &App, req: SaveTensionRequest) -> AppResult<TensionList> {
    let mut store = app.store();
    if !super::parameters::may_edit(&store)? {
        return Err(refused());
    }
    let job = TensionJob::create(&req.input)?;
    super::needs::check_rome(&store, &job.rome_code)?;
    if let Some(dt) = &job.dt_code
        && !store.directions_territoriales()?.iter().any(|d| &d.code == dt)
    {
        return Err(AppError::field(
            "unknown_dt",
            "dt_code",
            format!("Direction territoriale : « {dt} » inconnue."),
        ));
    }
    store.write(|w| match req.id {
        Some(id) => w.update(id, &job).map(drop).map_err(AppError::from),
        None => w.create(new_row_id(), &job).map_err(AppError::from),
    })?;
    drop(store);
    list(app)
}

pub fn delete(app: &App, req: IdRequest) -> AppResult<TensionList> {
    let mut store = app.store();
    if !super::parameters::may_edit(&store)? {
        return Err(refused());
    }
    // An entry this laptop never sent goes without a trace (no create and
    // delete pushed for the server to refuse to a non-administrator).
    store.write(|w| {
        if !w.discard_local("tension_job", req.id)? {
            w.delete::<TensionJob>(req.id)?;
        }
        Ok::<_, AppError>(())
    })?;
    drop(store);
    list(app)
}

fn refused() -> AppError {
    AppError::new(
        "admin_only",
        "Métiers en tension : seul un administrateur tient la liste ; demandez-lui d'y ajouter ce métier.",
    )
}
