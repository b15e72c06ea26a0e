//! Follow-ups as objects: create (with or without an exchange), edit
//! (reschedule, reassign), complete, cancel, reopen; the officer's due lists.

use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use tremplin_domain::interaction::Interaction;
use tremplin_domain::new_row_id;
use tremplin_domain::task::{Task, TaskInput, TaskStatus};
use tremplin_store::Store;
use tremplin_store::queries::tasks::TaskView;

use super::contacts::ensure_organisation;
use super::{IdRequest, UpdateRequest};
use crate::app::App;
use crate::error::{AppError, AppResult};

#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct DueRequest {
    /// How many days ahead "à venir" reaches (default 7).
    pub days: u32,
}

/// The current officer's open follow-ups, by urgency.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct DueTasks {
    #[ts(type = "string")]
    pub today: NaiveDate,
    pub overdue: Vec<TaskView>,
    pub due_today: Vec<TaskView>,
    pub upcoming: Vec<TaskView>,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, TS)]
pub struct OrganisationTasksRequest {
    pub organisation_id: Uuid,
}

pub fn create(app: &App, input: TaskInput) -> AppResult<TaskView> {
    let mut store = app.store();
    let me = App::officer(&store)?;
    let task = Task::validate(&input, me.id)?;
    check_links(&store, &task)?;
    if let Some(i) = task.interaction_id
        && store.get::<Interaction>(i)?.is_none_or(|r| r.deleted_at.is_some())
    {
        return Err(AppError::field(
            "unknown_interaction",
            "interaction_id",
            "Échange lié : il n'existe pas.",
        ));
    }
    let id = new_row_id();
    store.write(|w| w.create(id, &task).map_err(AppError::from))?;
    view(&store, id)
}

/// Edits a follow-up: title, notes, due date (reschedule), assignee
/// (reassign), organisation. Its status and author stay; those it concerns
/// (its assignee or its author) may edit it.
pub fn update(app: &App, req: UpdateRequest<TaskInput>) -> AppResult<TaskView> {
    let mut store = app.store();
    let me = App::officer(&store)?;
    let current = store
        .get::<Task>(req.id)?
        .filter(|r| r.deleted_at.is_none())
        .ok_or_else(|| AppError::not_found("Relance"))?
        .data;
    if me.id != current.assignee_id && me.id != current.created_by {
        return Err(AppError::new(
            "forbidden",
            "Seuls l'agent chargé de cette relance et celui qui l'a créée peuvent la modifier.",
        ));
    }
    let mut input = req.input;
    // A follow-up keeps the exchange it came from.
    input.interaction_id = current.interaction_id;
    let mut task = Task::validate(&input, current.created_by)?;
    task.status = current.status;
    task.completed_at = current.completed_at;
    check_links(&store, &task)?;
    store.write(|w| w.update(req.id, &task).map(drop).map_err(AppError::from))?;
    view(&store, req.id)
}

fn check_links(store: &Store, task: &Task) -> AppResult<()> {
    if let Some(org) = task.organisation_id {
        ensure_organisation(store, org)?;
    }
    if store.officer(task.assignee_id)?.is_none() {
        return Err(AppError::field(
            "unknown_officer",
            "assignee_id",
            "Responsable : agent inconnu sur ce poste.",
        ));
    }
    Ok(())
}

pub fn complete(app: &App, req: IdRequest) -> AppResult<TaskView> {
    set_status(app, req.id, TaskStatus::Faite)
}

pub fn cancel(app: &App, req: IdRequest) -> AppResult<TaskView> {
    set_status(app, req.id, TaskStatus::Annulee)
}

/// Back to "à faire" (a follow-up closed by mistake).
pub fn reopen(app: &App, req: IdRequest) -> AppResult<TaskView> {
    set_status(app, req.id, TaskStatus::AFaire)
}

fn set_status(app: &App, id: Uuid, status: TaskStatus) -> AppResult<TaskView> {
    let now = app.clock().now();
    let mut store = app.store();
    store.write(|w| {
        let mut task = w.get_live::<Task>(id).map_err(|_| AppError::not_found("Relance"))?.data;
        if task.status == status {
            return Ok(());
        }
        task.status = status;
        task.completed_at = (status != TaskStatus::AFaire).then_some(now);
        w.update(id, &task).map(|_| ()).map_err(AppError::from)
    })?;
    view(&store, id)
}

pub fn due(app: &App, req: DueRequest) -> AppResult<DueTasks> {
    let store = app.reader();
    let me = App::officer(&store)?;
    let today = app.clock().today();
    let days = if req.days == 0 { 7 } else { req.days.min(366) };
    Ok(DueTasks {
        today,
        overdue: store.overdue_tasks(me.id, today)?,
        due_today: store.due_tasks(me.id, today, today)?,
        upcoming: store.due_tasks(
            me.id,
            today + Duration::days(1),
            today + Duration::days(i64::from(days)),
        )?,
    })
}

pub fn of_organisation(app: &App, req: OrganisationTasksRequest) -> AppResult<Vec<TaskView>> {
    Ok(app.reader().tasks_of(req.organisation_id, 200)?)
}

fn view(store: &Store, id: Uuid) -> AppResult<TaskView> {
    store.task_view(id)?.ok_or_else(|| AppError::not_found("Relance"))
}
