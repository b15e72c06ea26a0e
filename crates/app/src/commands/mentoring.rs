//! Parrainage: programmes, parrains and marraines, pairings with a filleul,
//! their meetings and outcomes, and the indicators of a programme.

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use tremplin_domain::audit::AuditAction;
use tremplin_domain::contact::Contact;
use tremplin_domain::convention::Convention;
use tremplin_domain::mentoring::{
    Mentor, MentoringIndicators, MentoringMeeting, Pairing, Programme, indicators,
};
use tremplin_domain::new_row_id;
use tremplin_domain::person::{Consent, Person};
use tremplin_domain::sensitive::check_free_text;
use tremplin_store::{Record, Store};

use super::IdRequest;
use super::cie::{org_name, person_name};
use super::people::Access;
use crate::app::App;
use crate::error::{AppError, AppResult};

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ProgrammeView {
    pub id: Uuid,
    pub data: Programme,
    pub operator_name: Option<String>,
    /// The linked convention's number and title.
    pub convention_label: Option<String>,
    pub indicators: MentoringIndicators,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct MentorView {
    pub id: Uuid,
    pub data: Mentor,
    pub name: String,
    pub employer_name: String,
    /// Pairings under way.
    pub active_pairings: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct PairingSummary {
    pub id: Uuid,
    pub data: Pairing,
    pub mentor_name: String,
    pub person_name: String,
    pub meetings: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct MeetingView {
    pub id: Uuid,
    pub data: MentoringMeeting,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct PairingDetail {
    pub summary: PairingSummary,
    pub programme_name: Option<String>,
    pub meetings: Vec<MeetingView>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct Mentoring {
    pub programmes: Vec<ProgrammeView>,
    pub mentors: Vec<MentorView>,
    pub pairings: Vec<PairingSummary>,
    /// Over every pairing this officer sees.
    pub indicators: MentoringIndicators,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct SaveProgrammeRequest {
    pub id: Option<Uuid>,
    pub input: Programme,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct SaveMentorRequest {
    pub id: Option<Uuid>,
    pub input: Mentor,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct SavePairingRequest {
    pub id: Option<Uuid>,
    pub input: Pairing,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct SaveMeetingRequest {
    pub id: Option<Uuid>,
    pub input: MentoringMeeting,
    #[serde(default)]
    pub confirm_sensitive: bool,
}

pub fn overview(app: &App) -> AppResult<Mentoring> {
    let store = app.reader();
    let access = Access::of(&store)?;
    let today = app.clock().today();
    let pairings = access.visible_rows(store.pairings()?);
    let meetings = store.mentoring_meetings()?;
    let meeting_pairings: Vec<Uuid> = meetings.iter().map(|m| m.data.pairing_id).collect();
    let mut programmes = Vec::new();
    for p in store.programmes()? {
        let mine: Vec<(Uuid, &Pairing)> =
            pairings.iter().filter(|r| r.data.programme_id == Some(p.id)).map(|r| (r.id, &r.data)).collect();
        programmes.push(ProgrammeView {
            id: p.id,
            operator_name: match p.data.operator_id {
                Some(o) => Some(org_name(&store, o)?),
                None => None,
            },
            convention_label: match p.data.convention_id {
                Some(c) => convention_label(&store, c)?,
                None => None,
            },
            indicators: indicators(&mine, &meeting_pairings, today),
            data: p.data,
        });
    }
    let mut mentors = Vec::new();
    for m in store.mentors()? {
        mentors.push(mentor_view(&store, m, &pairings, today)?);
    }
    mentors.sort_by(|a, b| a.name.cmp(&b.name));
    let all: Vec<(Uuid, &Pairing)> = pairings.iter().map(|r| (r.id, &r.data)).collect();
    let indicators = indicators(&all, &meeting_pairings, today);
    let mut summaries = Vec::new();
    for p in &pairings {
        summaries.push(summary(&store, p, &meeting_pairings)?);
    }
    Ok(Mentoring { programmes, mentors, pairings: summaries, indicators })
}

fn convention_label(store: &Store, id: Uuid) -> AppResult<Option<String>> {
    Ok(store
        .get::<Convention>(id)?
        .filter(|r| r.deleted_at.is_none())
        .map(|r| format!("{} — {}", r.data.number, r.data.title)))
}

pub fn save_programme(app: &App, req: SaveProgrammeRequest) -> AppResult<Mentoring> {
    let p = req.input.validated()?;
    {
        let mut store = app.store();
        if let Some(o) = p.operator_id {
            org_name(&store, o)?;
        }
        if let Some(c) = p.convention_id
            && convention_label(&store, c)?.is_none()
        {
            return Err(AppError::field(
                "unknown_convention",
                "convention_id",
                "Convention : introuvable ou supprimée.",
            ));
        }
        save_row(&mut store, req.id, &p)?;
    }
    overview(app)
}

pub fn save_mentor(app: &App, req: SaveMentorRequest) -> AppResult<Mentoring> {
    let m = req.input.validated()?;
    {
        let mut store = app.store();
        store.get::<Contact>(m.contact_id)?.filter(|c| c.deleted_at.is_none()).ok_or_else(|| {
            AppError::field("unknown_contact", "contact_id", "Parrain ou marraine : contact introuvable.")
        })?;
        save_row(&mut store, req.id, &m)?;
    }
    overview(app)
}

pub fn save_pairing(app: &App, req: SavePairingRequest) -> AppResult<PairingDetail> {
    let mut store = app.store();
    let access = Access::of(&store)?;
    let mut p = req.input.validated()?;
    let person = access
        .visible::<Person>(&store, p.person_id)
        .map_err(|e| AppError { field: Some("person_id".into()), ..e })?;
    // Without the consent in force (never given, or withdrawn), no new
    // pairing and no change to a running one; ending it stays possible.
    if p.ended_on.is_none() && !person.data.consents_to(Consent::Parrainage, app.clock().today()) {
        return Err(AppError::field(
            "no_consent",
            "person_id",
            "Filleul : la personne n'a pas donné son accord pour un parrainage, ou l'a retiré (voir sa fiche).",
        ));
    }
    let mentor = store.get::<Mentor>(p.mentor_id)?.filter(|m| m.deleted_at.is_none()).ok_or_else(|| {
        AppError::field("unknown_mentor", "mentor_id", "Parrain ou marraine : introuvable.")
    })?;
    if mentor.data.charter_signed_on.is_none() {
        return Err(AppError::field(
            "charter_not_signed",
            "mentor_id",
            "Parrain ou marraine : la charte du parrainage doit être signée avant le premier binôme.",
        ));
    }
    let others =
        store.open_pairings_of_mentor(p.mentor_id)?.into_iter().filter(|o| Some(o.id) != req.id).count()
            as u32;
    if p.ended_on.is_none() && others >= mentor.data.max_mentees {
        return Err(AppError::field(
            "mentor_full",
            "mentor_id",
            format!("Parrain ou marraine : déjà {others} filleul(s) en cours, le maximum convenu."),
        ));
    }
    let old = match req.id {
        Some(id) => Some(access.visible::<Pairing>(&store, id)?),
        None => None,
    };
    p.dt_code = person.data.dt_code.clone();
    let kept_officers = old.as_ref().map_or(&[][..], |o| &o.data.officer_ids[..]);
    p.officer_ids = access.involved(&[&person.data.officer_ids, kept_officers]);
    let id = save_row(&mut store, req.id, &p)?;
    pairing_detail(&store, &access, id)
}

/// Opens a pairing: need-to-know, and written to the audit trail like the
/// person's record.
pub fn get_pairing(app: &App, req: IdRequest) -> AppResult<PairingDetail> {
    let mut store = app.store();
    let access = Access::of(&store)?;
    let detail = pairing_detail(&store, &access, req.id)?;
    let purpose = "Consultation du parrainage";
    super::people::audit(&mut store, app, &access, AuditAction::Consultation, ("pairing", req.id), purpose)?;
    Ok(detail)
}

pub fn save_meeting(app: &App, req: SaveMeetingRequest) -> AppResult<PairingDetail> {
    let mut store = app.store();
    let access = Access::of(&store)?;
    check_free_text(Some(&req.input.note), "note", "Objectif travaillé", req.confirm_sensitive)?;
    check_free_text(req.input.next_step.as_deref(), "next_step", "Prochaine étape", req.confirm_sensitive)?;
    let mut m = req.input.validated()?;
    let pairing = access.visible::<Pairing>(&store, m.pairing_id)?;
    if m.held_on < pairing.data.starts_on {
        return Err(AppError::field("date_order", "held_on", "Date : avant le début du binôme."));
    }
    m.officer_ids = pairing.data.officer_ids.clone();
    m.dt_code = pairing.data.dt_code.clone();
    save_row(&mut store, req.id, &m)?;
    pairing_detail(&store, &access, pairing.id)
}

fn save_row<E: tremplin_store::Entity>(store: &mut Store, id: Option<Uuid>, row: &E) -> AppResult<Uuid> {
    match id {
        Some(id) => {
            store.write(|w| {
                w.get_live::<E>(id).map_err(|_| AppError::not_found(E::LABEL))?;
                w.update(id, row).map(drop).map_err(AppError::from)
            })?;
            Ok(id)
        }
        None => {
            let id = new_row_id();
            store.write(|w| w.create(id, row).map_err(AppError::from))?;
            Ok(id)
        }
    }
}

/// A mentor's name and employer.
pub(crate) fn mentor_name(store: &Store, mentor: &Mentor) -> AppResult<(String, String)> {
    Ok(match store.get::<Contact>(mentor.contact_id)? {
        Some(c) => (c.data.display_name(), org_name(store, c.data.organisation_id)?),
        None => ("Contact supprimé".into(), String::new()),
    })
}

fn mentor_view(
    store: &Store,
    m: Record<Mentor>,
    pairings: &[Record<Pairing>],
    today: chrono::NaiveDate,
) -> AppResult<MentorView> {
    let (name, employer_name) = mentor_name(store, &m.data)?;
    let active_pairings =
        pairings.iter().filter(|p| p.data.mentor_id == m.id && p.data.is_active(today)).count();
    Ok(MentorView { id: m.id, data: m.data, name, employer_name, active_pairings: active_pairings as u32 })
}

fn summary(store: &Store, p: &Record<Pairing>, meeting_pairings: &[Uuid]) -> AppResult<PairingSummary> {
    let mentor_name = match store.get::<Mentor>(p.data.mentor_id)? {
        Some(m) => mentor_name(store, &m.data)?.0,
        None => "Parrain supprimé".into(),
    };
    Ok(PairingSummary {
        id: p.id,
        mentor_name,
        person_name: person_name(store, p.data.person_id)?,
        meetings: meeting_pairings.iter().filter(|m| **m == p.id).count() as u32,
        data: p.data.clone(),
    })
}

fn pairing_detail(store: &Store, access: &Access, id: Uuid) -> AppResult<PairingDetail> {
    let p = access.visible::<Pairing>(store, id)?;
    let meetings: Vec<MeetingView> =
        store.meetings_of(id)?.into_iter().map(|m| MeetingView { id: m.id, data: m.data }).collect();
    let ids: Vec<Uuid> = meetings.iter().map(|_| id).collect();
    let programme_name = match p.data.programme_id {
        Some(pid) => store.get::<Programme>(pid)?.map(|r| r.data.name),
        None => None,
    };
    Ok(PairingDetail { summary: summary(store, &p, &ids)?, programme_name, meetings })
}
