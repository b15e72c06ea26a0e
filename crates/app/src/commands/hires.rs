//! Hires (docs/placement.md « Hires »): record one — from a candidacy or
//! directly —, with who was hired kept apart; schedule its follow-ups at
//! 1, 3 and 6 months as the officer's tasks; record each follow-up; list
//! them for the dashboard, an employer, a need, a person.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use tremplin_domain::candidacy::{Candidacy, CandidacyStage};
use tremplin_domain::cie::AidedContract;
use tremplin_domain::convention::Convention;
use tremplin_domain::hire::{Hire, HireInput, HiredPerson, JobEndReason};
use tremplin_domain::need::NeedStatus;
use tremplin_domain::new_row_id;
use tremplin_domain::person::Person;
use tremplin_domain::task::{Task, TaskStatus};
use tremplin_store::queries::placement::{HireFilter, HireSummary};
use tremplin_store::{Record, Store, Writer};

use super::conventions::covered_organisations;
use super::people::Access;
use super::{IdRequest, UpdateRequest};
use crate::app::App;
use crate::error::{AppError, AppResult};

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct HireRequest {
    pub input: HireInput,
    /// The candidacy hired (its need, person and employer follow).
    #[serde(default)]
    pub candidacy_id: Option<Uuid>,
    /// Who was hired, for a hire outside any need.
    #[serde(default)]
    pub person_id: Option<Uuid>,
    /// The aided contract she signed, when there is one.
    #[serde(default)]
    pub aided_contract_id: Option<Uuid>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct FollowUpRequest {
    pub id: Uuid,
    pub after_months: u32,
    #[ts(type = "string")]
    pub done_on: NaiveDate,
    pub in_post: bool,
    /// When she is no longer in post: since when, and why.
    #[serde(default)]
    #[ts(type = "string | null")]
    pub ended_on: Option<NaiveDate>,
    #[serde(default)]
    pub end_reason: Option<JobEndReason>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct HireListRequest {
    pub filter: HireFilter,
    /// The current officer's hires.
    pub mine: bool,
    /// Only hires with a follow-up due within this many days from today
    /// (overdue ones included).
    pub due_within_days: Option<u32>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct HireDetail {
    pub id: Uuid,
    pub data: Hire,
    pub summary: HireSummary,
    pub need_title: Option<String>,
    pub convention_title: Option<String>,
    pub durable: bool,
}

pub fn create(app: &App, req: HireRequest) -> AppResult<HireDetail> {
    let today = app.clock().today();
    let mut store = app.store();
    let access = Access::of(&store)?;
    let me = access.officer.id;
    let mut input = req.input.clone();
    let candidacy = match req.candidacy_id {
        Some(id) => Some((id, access.visible::<Candidacy>(&store, id)?.data)),
        None => None,
    };
    let person_id = candidacy.as_ref().map(|(_, c)| c.person_id).or(req.person_id);
    let person = person_id.map(|p| access.visible::<Person>(&store, p)).transpose()?;
    if let Some((_, c)) = &candidacy {
        if !c.stage.is_in_progress() {
            return Err(AppError::field(
                "candidacy_closed",
                "candidacy_id",
                format!("Candidature : elle est déjà « {} ».", c.stage.label()),
            ));
        }
        let need = super::needs::live(&store, c.need_id)?;
        input.need_id = Some(c.need_id);
        // The need's employer and convention: a hire counts for what its need says.
        input.employer_id = Some(need.employer_id);
        if need.convention_id.is_some() {
            input.convention_id = need.convention_id;
        }
    }
    if let Some(k) = req.aided_contract_id {
        let contract = access.visible::<AidedContract>(&store, k)?;
        if Some(contract.data.person_id) != person_id {
            return Err(AppError::field(
                "not_the_person",
                "aided_contract_id",
                "Contrat aidé : il est celui de la personne recrutée.",
            ));
        }
    }
    let mut hire = Hire::create(&input, me)?;
    if hire.convention_id.is_none() {
        hire.convention_id = convention_for(&store, hire.employer_id, hire.starts_on)?;
    }
    check_links(&store, &hire)?;
    let id = new_row_id();
    let employer = org_name(&store, hire.employer_id)?;
    store.write(|w| {
        w.create(id, &hire)?;
        if let (Some(p), Some(pid)) = (&person, person_id) {
            let link = HiredPerson {
                hire_id: id,
                person_id: pid,
                candidacy_id: candidacy.as_ref().map(|(cid, _)| *cid),
                aided_contract_id: req.aided_contract_id,
                dt_code: p.data.dt_code.clone(),
                officer_ids: access.involved(&[&p.data.officer_ids]),
            };
            w.create(new_row_id(), &link)?;
        }
        if let Some((cid, c)) = &candidacy {
            let mut c = c.clone();
            if c.stage != CandidacyStage::Retenu {
                c = c.moved(CandidacyStage::Retenu, None, me, today)?;
            }
            w.update(*cid, &c.moved(CandidacyStage::Embauche, None, me, today)?)?;
            fill_need(w, c.need_id, me, today)?;
        }
        schedule_follow_ups(w, id, &hire, &employer, me)
    })?;
    detail(&store, id)
}

/// Edits the hire; the follow-ups not yet done move with its start.
pub fn update(app: &App, req: UpdateRequest<HireInput>) -> AppResult<HireDetail> {
    let mut store = app.store();
    let me = App::officer(&store)?.id;
    let current = live(&store, req.id)?;
    let hire = current.edited(&req.input)?;
    // What the conventions count is the follower's to correct (the server
    // refuses it from anyone else but an administrator).
    let counted = (hire.terms(), hire.officer_id, hire.need_id, hire.convention_id, hire.employer_id);
    if counted
        != (current.terms(), current.officer_id, current.need_id, current.convention_id, current.employer_id)
        && me != current.officer_id
        && !super::people::is_administrator(&store)?
    {
        return Err(AppError::new(
            "not_follower",
            "Recrutement : ce qui compte pour les conventions se corrige par l'agent qui suit l'embauche, ou \
             un administrateur.",
        ));
    }
    check_links(&store, &hire)?;
    let employer = org_name(&store, hire.employer_id)?;
    store.write(|w| {
        w.update(req.id, &hire)?;
        for (tid, _) in open_tasks(w, req.id)? {
            w.delete::<Task>(tid)?;
        }
        schedule_follow_ups(w, req.id, &hire, &employer, me)
    })?;
    detail(&store, req.id)
}

/// Records a follow-up; its task is done, and after a departure the later
/// ones are cancelled.
pub fn follow_up(app: &App, req: FollowUpRequest) -> AppResult<HireDetail> {
    let now = app.clock().now();
    if req.done_on > now.date_naive() {
        return Err(AppError::field("in_future", "done_on", "Date du suivi : elle n'est pas dans le futur."));
    }
    let mut store = app.store();
    let hire = live(&store, req.id)?;
    let left = match (req.in_post, req.ended_on, req.end_reason) {
        (false, Some(on), Some(reason)) => Some((on, reason)),
        _ => None,
    };
    let next = hire.followed_up(req.after_months, req.done_on, req.in_post, left)?;
    let done_due = next.follow_ups.iter().find(|f| f.after_months == req.after_months).map(|f| f.due_on);
    store.write(|w| {
        w.update(req.id, &next)?;
        for (tid, mut task) in open_tasks(w, req.id)? {
            let status = if Some(task.due_date) == done_due {
                TaskStatus::Faite
            } else if next.ended_on.is_some() {
                TaskStatus::Annulee
            } else {
                continue;
            };
            task.status = status;
            task.completed_at = Some(now);
            w.update(tid, &task)?;
        }
        Ok::<_, AppError>(())
    })?;
    detail(&store, req.id)
}

pub fn get(app: &App, req: IdRequest) -> AppResult<HireDetail> {
    detail(&app.reader(), req.id)
}

pub fn list(app: &App, req: HireListRequest) -> AppResult<Vec<HireSummary>> {
    let store = app.reader();
    let mut filter = req.filter;
    if req.mine {
        filter.officer_id = Some(App::officer(&store)?.id);
    }
    if let Some(days) = req.due_within_days {
        filter.follow_up_due_by = Some(app.clock().today() + chrono::Days::new(u64::from(days.min(366))));
    }
    Ok(store.hires(&filter)?)
}

/// Deletes a hire typed by mistake, with who was hired and its follow-up
/// tasks (the candidacy keeps its history; the server does the same for
/// the rows this device does not hold).
pub fn delete(app: &App, req: IdRequest) -> AppResult<()> {
    let mut store = app.store();
    live(&store, req.id)?;
    let link = store.hired_person_of(req.id)?;
    store.write(|w| {
        for t in w.records_where::<Task>("hire_id = ?1", &req.id.to_string())? {
            w.delete::<Task>(t.id)?;
        }
        if let Some(l) = &link {
            w.delete::<HiredPerson>(l.id)?;
        }
        w.delete::<Hire>(req.id).map_err(AppError::from)
    })
}

/// The signed convention covering the employer on the start day, when
/// there is exactly one (otherwise the officer chooses).
fn convention_for(store: &Store, employer: Uuid, on: NaiveDate) -> AppResult<Option<Uuid>> {
    let running: Vec<Record<Convention>> =
        store.records_where("status IN ('signee', 'active') AND amended_by_id IS NULL", "created_at", &[])?;
    let mut found = None;
    for c in running {
        let covers_day =
            c.data.starts_on.is_some_and(|s| s <= on) && c.data.ends_on().is_none_or(|e| e >= on);
        if covers_day && covered_organisations(store, &c.data)?.contains(&employer) {
            if found.is_some() {
                return Ok(None);
            }
            found = Some(c.id);
        }
    }
    Ok(found)
}

/// Once a need has as many hires as positions, it is filled; before,
/// partly filled.
fn fill_need(w: &mut Writer<'_>, need_id: Uuid, me: Uuid, today: NaiveDate) -> AppResult<()> {
    let Some(need) = w.get::<tremplin_domain::need::RecruitmentNeed>(need_id)? else { return Ok(()) };
    // The hire just written is counted by the caller's transaction.
    let hired = w.count_where("hire", "need_id = ?1", &need_id.to_string())? as u32;
    let to = if hired >= need.data.positions { NeedStatus::Pourvu } else { NeedStatus::PourvuPartiellement };
    if need.data.status != to && need.data.status.may_move_to(to) {
        w.update(need_id, &need.data.moved(to, None, me, today)?)?;
    }
    Ok(())
}

/// The hire's follow-ups still to do, as tasks of the officer following it.
fn schedule_follow_ups(w: &mut Writer<'_>, id: Uuid, hire: &Hire, employer: &str, me: Uuid) -> AppResult<()> {
    for f in hire.follow_ups.iter().filter(|f| f.done_on.is_none() && hire.ended_on.is_none()) {
        let task = Task {
            title: format!(
                "Suivi dans l'emploi à {} mois : {} chez {}",
                f.after_months, hire.job_title, employer
            ),
            notes: None,
            due_date: f.due_on,
            assignee_id: hire.officer_id,
            created_by: me,
            organisation_id: Some(hire.employer_id),
            interaction_id: None,
            hire_id: Some(id),
            status: TaskStatus::AFaire,
            completed_at: None,
        };
        w.create(new_row_id(), &task)?;
    }
    Ok(())
}

fn open_tasks(w: &Writer<'_>, hire: Uuid) -> AppResult<Vec<(Uuid, Task)>> {
    Ok(w.records_where::<Task>("hire_id = ?1 AND status = 'a_faire'", &hire.to_string())?
        .into_iter()
        .map(|r| (r.id, r.data))
        .collect())
}

fn live(store: &Store, id: Uuid) -> AppResult<Hire> {
    Ok(store
        .get::<Hire>(id)?
        .filter(|r| r.deleted_at.is_none())
        .ok_or_else(|| AppError::not_found("Recrutement"))?
        .data)
}

fn org_name(store: &Store, id: Uuid) -> AppResult<String> {
    Ok(super::cie::live_org(store, id, "employer_id", "Employeur")?.data.name)
}

/// What the hire names exists on this device.
fn check_links(store: &Store, hire: &Hire) -> AppResult<()> {
    org_name(store, hire.employer_id)?;
    if let Some(code) = &hire.rome_code {
        super::needs::check_rome(store, code)?;
    }
    if let Some(n) = hire.need_id {
        super::needs::live(store, n)?;
    }
    if let Some(c) = hire.convention_id {
        let Some(c) = store.get::<Convention>(c)?.filter(|r| r.deleted_at.is_none()) else {
            return Err(AppError::field(
                "unknown_convention",
                "convention_id",
                "Convention : introuvable ou supprimée.",
            ));
        };
        if !c.data.status.records_actuals() {
            return Err(AppError::field(
                "convention_unsigned",
                "convention_id",
                "Convention : un recrutement compte pour une convention signée.",
            ));
        }
    }
    if store.officer(hire.officer_id)?.is_none() {
        return Err(AppError::field(
            "unknown_officer",
            "officer_id",
            "Suivi par : agent inconnu sur ce poste.",
        ));
    }
    Ok(())
}

fn detail(store: &Store, id: Uuid) -> AppResult<HireDetail> {
    let data = live(store, id)?;
    let summary = store.hire_summary(id)?.ok_or_else(|| AppError::not_found("Recrutement"))?;
    let need_title = match data.need_id {
        Some(n) => store.get::<tremplin_domain::need::RecruitmentNeed>(n)?.map(|r| r.data.job_title),
        None => None,
    };
    let convention_title = match data.convention_id {
        Some(c) => store.get::<Convention>(c)?.map(|r| format!("{} — {}", r.data.number, r.data.title)),
        None => None,
    };
    Ok(HireDetail { id, durable: data.is_durable(), data, summary, need_title, convention_title })
}
