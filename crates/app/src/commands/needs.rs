//! Recruitment needs: enter, edit, move through the pipeline, list and
//! delete (docs/placement.md).

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use tremplin_domain::convention::Convention;
use tremplin_domain::event::Event;
use tremplin_domain::need::{AbandonReason, NeedInput, NeedStatus, RecruitmentNeed};
use tremplin_domain::new_row_id;
use tremplin_domain::organisation::Organisation;
use tremplin_domain::project::GrandProject;
use tremplin_store::Store;
use tremplin_store::queries::needs::{NeedColumn, NeedFilter, NeedSummary};

use super::{IdRequest, UpdateRequest};
use crate::app::App;
use crate::error::{AppError, AppResult};

/// A need with what its page shows beside the form's fields.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct NeedDetail {
    pub id: Uuid,
    pub data: RecruitmentNeed,
    pub summary: NeedSummary,
    /// The grand projet it serves.
    pub project_name: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct MoveNeedRequest {
    pub id: Uuid,
    pub to: NeedStatus,
    /// Required to drop a need, ignored otherwise.
    #[serde(default)]
    pub reason: Option<AbandonReason>,
}

/// The list's filters; `mine` keeps the current officer's needs.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct NeedListRequest {
    pub filter: NeedFilter,
    pub mine: bool,
}

pub fn create(app: &App, input: NeedInput) -> AppResult<NeedDetail> {
    let today = app.clock().today();
    let mut store = app.store();
    let me = App::officer(&store)?;
    let need = RecruitmentNeed::create(&input, me.id, today)?;
    check_links(&store, &need)?;
    let id = new_row_id();
    store.write(|w| w.create(id, &need).map_err(AppError::from))?;
    detail(&store, id)
}

/// Edits the need's fields; where it stands in the pipeline is `move`'s.
pub fn update(app: &App, req: UpdateRequest<NeedInput>) -> AppResult<NeedDetail> {
    let mut store = app.store();
    let current = live(&store, req.id)?;
    let need = current.edited(&req.input)?;
    check_links(&store, &need)?;
    // Brought to an event, it stays a need of an employer taking part.
    if need.employer_id != current.employer_id {
        let events = store.records_where::<Event>(
            "EXISTS (SELECT 1 FROM json_each(need_ids) WHERE value = ?1)",
            "held_on",
            &[req.id.to_string().into()],
        )?;
        if let Some(e) = events.iter().find(|e| !e.data.employer_ids.contains(&need.employer_id)) {
            return Err(AppError::field(
                "not_the_employer",
                "employer_id",
                format!(
                    "Employeur : le besoin est apporté à l'événement « {} », où cet employeur ne participe pas.",
                    e.data.title
                ),
            ));
        }
    }
    store.write(|w| w.update(req.id, &need).map(drop).map_err(AppError::from))?;
    detail(&store, req.id)
}

/// Moves the need to another column of the board (the move's date and
/// author are kept on the need).
pub fn move_to(app: &App, req: MoveNeedRequest) -> AppResult<NeedDetail> {
    let today = app.clock().today();
    let mut store = app.store();
    let me = App::officer(&store)?;
    let moved = live(&store, req.id)?.moved(req.to, req.reason, me.id, today)?;
    store.write(|w| w.update(req.id, &moved).map(drop).map_err(AppError::from))?;
    detail(&store, req.id)
}

pub fn get(app: &App, req: IdRequest) -> AppResult<NeedDetail> {
    detail(&app.reader(), req.id)
}

pub fn list(app: &App, req: NeedListRequest) -> AppResult<Vec<NeedSummary>> {
    let store = app.reader();
    let mut filter = req.filter;
    if req.mine {
        filter.owner_id = Some(App::officer(&store)?.id);
    }
    Ok(store.needs(&filter)?)
}

/// Cards per board column: the latest moved; the rest are counted.
const BOARD_CARDS: u32 = 20;

/// The board: each column with its count and its latest cards.
pub fn board(app: &App, req: NeedListRequest) -> AppResult<Vec<NeedColumn>> {
    let store = app.reader();
    let mut filter = req.filter;
    if req.mine {
        filter.owner_id = Some(App::officer(&store)?.id);
    }
    Ok(store.need_board(&filter, BOARD_CARDS)?)
}

pub fn delete(app: &App, req: IdRequest) -> AppResult<()> {
    app.store().write(|w| w.delete::<RecruitmentNeed>(req.id).map_err(AppError::from))
}

pub(crate) fn live(store: &Store, id: Uuid) -> AppResult<RecruitmentNeed> {
    Ok(store
        .get::<RecruitmentNeed>(id)?
        .filter(|r| r.deleted_at.is_none())
        .ok_or_else(|| AppError::not_found("Besoin de recrutement"))?
        .data)
}

fn detail(store: &Store, id: Uuid) -> AppResult<NeedDetail> {
    let data = live(store, id)?;
    let summary = store.need_summary(id)?.ok_or_else(|| AppError::not_found("Besoin de recrutement"))?;
    let project_name = match data.project_id {
        Some(p) => store.get::<GrandProject>(p)?.map(|r| r.data.name),
        None => None,
    };
    Ok(NeedDetail { id, data, summary, project_name })
}

/// A fiche of the shipped ROME 4.0 (a need's, a hire's job).
pub(crate) fn check_rome(store: &Store, code: &str) -> AppResult<()> {
    if store.rome_label(code)?.is_none() {
        return Err(AppError::field(
            "unknown_rome",
            "rome_code",
            format!("Code ROME : {code} n'est pas une fiche du ROME 4.0."),
        ));
    }
    Ok(())
}

/// What the need names exists on this device: the employer, the ROME
/// fiche, the place, the convention, the owner.
fn check_links(store: &Store, need: &RecruitmentNeed) -> AppResult<()> {
    if store.get::<Organisation>(need.employer_id)?.is_none_or(|r| r.deleted_at.is_some()) {
        return Err(AppError::field(
            "unknown_organisation",
            "employer_id",
            "Employeur : il n'existe pas ou a été supprimé.",
        ));
    }
    check_rome(store, &need.rome_code)?;
    if let Some(code) = &need.commune_code {
        super::organisations::check_commune(store, code, None)?;
    }
    if let Some(c) = need.convention_id
        && store.get::<Convention>(c)?.is_none_or(|r| r.deleted_at.is_some())
    {
        return Err(AppError::field(
            "unknown_convention",
            "convention_id",
            "Convention : introuvable ou supprimée.",
        ));
    }
    if let Some(p) = need.project_id {
        let project = super::projects::live(store, p)
            .map_err(|e| AppError { field: Some("project_id".into()), ..e })?;
        if !project.employer_ids.contains(&need.employer_id) {
            return Err(AppError::field(
                "not_on_project",
                "project_id",
                format!(
                    "Grand projet « {} » : ajoutez d'abord l'employeur aux entreprises qui y travaillent.",
                    project.name
                ),
            ));
        }
    }
    if store.officer(need.owner_id)?.is_none() {
        return Err(AppError::field(
            "unknown_officer",
            "owner_id",
            "Chargé·e du besoin : agent inconnu sur ce poste.",
        ));
    }
    Ok(())
}
