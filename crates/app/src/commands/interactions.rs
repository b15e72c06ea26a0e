//! The contact log: log a contact (with an optional follow-up in the same
//! step), edit one's own entries, read timelines.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use tremplin_domain::contact::Contact;
use tremplin_domain::interaction::{Interaction, InteractionInput};
use tremplin_domain::new_row_id;
use tremplin_domain::organisation::Organisation;
use tremplin_domain::sensitive::check_free_texts;
use tremplin_domain::task::{Task, TaskInput};
use tremplin_store::Store;
use tremplin_store::queries::Page;
use tremplin_store::queries::interactions::InteractionView;
use tremplin_store::queries::tasks::TaskView;

use super::contacts::ensure_organisation;
use super::{IdRequest, UpdateRequest};
use crate::app::App;
use crate::error::{AppError, AppResult};

/// A follow-up created together with the logged contact.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct FollowUpInput {
    pub title: String,
    #[ts(type = "string | null")]
    pub due_date: Option<NaiveDate>,
    pub notes: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct LogInteractionRequest {
    pub interaction: InteractionInput,
    pub follow_up: Option<FollowUpInput>,
    /// The officer confirmed the report holds no sensitive data.
    pub confirm_sensitive: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct LogInteractionResponse {
    pub interaction: InteractionView,
    pub follow_up: Option<TaskView>,
}

#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct TimelineRequest {
    pub organisation_id: Uuid,
    pub offset: u32,
    pub limit: u32,
}

#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct RecentRequest {
    pub limit: u32,
}

pub fn log(app: &App, req: LogInteractionRequest) -> AppResult<LogInteractionResponse> {
    let mut store = app.store();
    let me = App::officer(&store)?;
    check_report(&req.interaction, req.confirm_sensitive)?;
    let interaction = Interaction::validate(&req.interaction, me.id, app.clock().now())?;
    check_links(&store, &interaction)?;
    let follow_up = req
        .follow_up
        .as_ref()
        .map(|f| {
            let input = TaskInput {
                title: f.title.clone(),
                notes: f.notes.clone(),
                due_date: f.due_date,
                assignee_id: None,
                organisation_id: Some(interaction.organisation_id),
                interaction_id: None,
            };
            Task::validate(&input, me.id).map_err(|e| {
                // Report follow-up errors under their own form section.
                let mut err = AppError::from(e);
                err.field = err.field.map(|f| format!("follow_up.{f}"));
                err
            })
        })
        .transpose()?;

    let id = new_row_id();
    let task_id = new_row_id();
    store.write(|w| {
        w.create(id, &interaction)?;
        if let Some(mut task) = follow_up {
            task.interaction_id = Some(id);
            w.create(task_id, &task)?;
        }
        Ok::<_, AppError>(())
    })?;
    Ok(LogInteractionResponse {
        interaction: view(&store, id)?,
        follow_up: if req.follow_up.is_some() { store.task_view(task_id)? } else { None },
    })
}

/// Only the officer who logged a contact may change it.
/// An exchange with an employer often names the candidates discussed: its
/// text gets the sensitive-word warning too.
fn check_report(i: &InteractionInput, confirmed: bool) -> AppResult<()> {
    check_free_texts(
        &[
            (Some(i.subject.as_str()), "subject", "Objet"),
            (i.notes.as_deref(), "notes", "Compte rendu"),
            (i.outcome.as_deref(), "outcome", "Suite donnée"),
        ],
        confirmed,
    )?;
    Ok(())
}

pub fn update(app: &App, req: UpdateRequest<InteractionInput>) -> AppResult<InteractionView> {
    check_report(&req.input, req.confirm_sensitive)?;
    let mut store = app.store();
    let me = App::officer(&store)?;
    authored(
        &store,
        req.id,
        me.id,
        "Seul·e l'agent qui a consigné cet échange peut le modifier ; consignez plutôt un nouvel échange.",
    )?;
    let edited = Interaction::validate(&req.input, me.id, app.clock().now())?;
    check_links(&store, &edited)?;
    store.write(|w| w.update(req.id, &edited).map_err(AppError::from))?;
    view(&store, req.id)
}

/// Deletes a logged exchange (a mistake: wrong organisation, logged twice).
/// Only its author may; follow-ups made from it stay, without the link.
pub fn delete(app: &App, req: IdRequest) -> AppResult<()> {
    let mut store = app.store();
    let me = App::officer(&store)?;
    authored(&store, req.id, me.id, "Seul·e l'agent qui a consigné cet échange peut le supprimer.")?;
    let linked = store.tasks_of_interaction(req.id)?;
    store.write(|w| {
        for id in linked {
            let mut task = w.get_live::<Task>(id)?.data;
            task.interaction_id = None;
            w.update(id, &task)?;
        }
        w.delete::<Interaction>(req.id)
    })?;
    Ok(())
}

pub fn timeline(app: &App, req: TimelineRequest) -> AppResult<Page<InteractionView>> {
    let limit = if req.limit == 0 { 50 } else { req.limit };
    Ok(app.reader().timeline(req.organisation_id, req.offset, limit)?)
}

/// The current officer's latest logged contacts.
pub fn recent(app: &App, req: RecentRequest) -> AppResult<Vec<InteractionView>> {
    let store = app.reader();
    let me = App::officer(&store)?;
    Ok(store.recent_interactions(me.id, if req.limit == 0 { 10 } else { req.limit })?)
}

fn view(store: &Store, id: Uuid) -> AppResult<InteractionView> {
    store.interaction_view(id)?.ok_or_else(|| AppError::not_found("Contact consigné"))
}

/// The organisation exists; the contact person, if any, works there or in
/// the same group.
/// A live exchange logged by `me`: only its author corrects or deletes it
/// (the server holds the same rule for pushed changes).
fn authored(store: &Store, id: Uuid, me: Uuid, refusal: &str) -> AppResult<()> {
    let current = store
        .get::<Interaction>(id)?
        .filter(|r| r.deleted_at.is_none())
        .ok_or_else(|| AppError::not_found("Échange consigné"))?;
    if current.data.officer_id != me {
        return Err(AppError::new("forbidden", refusal));
    }
    Ok(())
}

fn check_links(store: &Store, i: &Interaction) -> AppResult<()> {
    ensure_organisation(store, i.organisation_id)?;
    let Some(contact_id) = i.contact_id else {
        return Ok(());
    };
    let bad = || {
        AppError::field(
            "bad_contact",
            "contact_id",
            "Interlocuteur : cette personne n'est pas un contact de l'organisation choisie.",
        )
    };
    let contact = store.get::<Contact>(contact_id)?.filter(|r| r.deleted_at.is_none()).ok_or_else(bad)?.data;
    if contact.organisation_id == i.organisation_id {
        return Ok(());
    }
    let parent_of = |id: Uuid| -> AppResult<Option<Uuid>> {
        Ok(store.get::<Organisation>(id)?.and_then(|r| r.data.parent_id))
    };
    let (a, b) = (contact.organisation_id, i.organisation_id);
    let same_group = parent_of(a)? == Some(b)
        || parent_of(b)? == Some(a)
        || matches!((parent_of(a)?, parent_of(b)?), (Some(x), Some(y)) if x == y);
    if same_group { Ok(()) } else { Err(bad()) }
}
