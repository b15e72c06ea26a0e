//! Events (docs/placement.md « Events »): plan one with the employers
//! taking part and the needs they bring, invite people, note who came,
//! see its results; print its attendance sheet and invitation list.

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use tremplin_domain::audit::AuditAction;
use tremplin_domain::event::{Event, EventInput, EventInvitation, EventStatus, InvitationStatus};
use tremplin_domain::need::RecruitmentNeed;
use tremplin_domain::new_row_id;
use tremplin_domain::person::Person;
use tremplin_domain::territory::CommuneCode;
use tremplin_store::Store;
use tremplin_store::queries::events::{EventFilter, EventSummary, InvitationSummary};
use tremplin_store::queries::needs::NeedSummary;
use tremplin_store::queries::organisations::OrganisationSummary;
use tremplin_store::queries::placement::HireSummary;

use super::conventions::{ExportResponse, write_file};
use super::people::{Access, audit};
use super::{IdRequest, UpdateRequest};
use crate::app::App;
use crate::error::{AppError, AppResult};

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct EventListRequest {
    pub filter: EventFilter,
    /// Events the current officer organises.
    pub mine: bool,
    /// From today on (unless the filter says from when), soonest first.
    pub upcoming: bool,
    /// Up to today (unless the filter says until when), latest first.
    pub past: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct MoveEventRequest {
    pub id: Uuid,
    pub to: EventStatus,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct InviteRequest {
    pub event_id: Uuid,
    pub person_ids: Vec<Uuid>,
    /// The need of the event they are invited for.
    #[serde(default)]
    pub need_id: Option<Uuid>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct InvitationStatusRequest {
    pub id: Uuid,
    pub status: InvitationStatus,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SheetKind {
    /// Signed by each person on arrival.
    Emargement,
    /// Who is invited, and where each stands.
    Invitations,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct SheetRequest {
    pub id: Uuid,
    pub kind: SheetKind,
    pub path: String,
}

/// How many of the people this device sees stand where.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct Attendance {
    pub invited: u32,
    pub registered: u32,
    pub excused: u32,
    pub present: u32,
    pub absent: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct EventDetail {
    pub id: Uuid,
    pub data: Event,
    pub summary: EventSummary,
    pub organisers: Vec<String>,
    pub employers: Vec<OrganisationSummary>,
    pub partners: Vec<OrganisationSummary>,
    pub needs: Vec<NeedSummary>,
    /// The invitations this officer may see (the others are not shown).
    pub invitations: Vec<InvitationSummary>,
    pub attendance: Attendance,
    /// Hires of the people present by the employers taking part, starting
    /// within three months of the event (over the people this device holds).
    pub results: Vec<HireSummary>,
    #[ts(type = "string")]
    pub results_until: chrono::NaiveDate,
    pub next_statuses: Vec<EventStatus>,
    /// Attendance may be noted today.
    pub takes_attendance: bool,
}

pub fn list(app: &App, req: EventListRequest) -> AppResult<Vec<EventSummary>> {
    let store = app.reader();
    let mut filter = req.filter;
    if req.mine {
        filter.organiser_id = Some(App::officer(&store)?.id);
    }
    let today = app.clock().today();
    if req.upcoming {
        filter.from = filter.from.or(Some(today));
    }
    if req.past {
        filter.to = filter.to.or(Some(today));
        filter.latest_first = true;
    }
    Ok(store.events(&filter)?)
}

pub fn create(app: &App, input: EventInput) -> AppResult<EventDetail> {
    let mut store = app.store();
    let me = App::officer(&store)?.id;
    let event = Event::create(&input, me)?;
    check_links(&store, &event)?;
    let id = new_row_id();
    store.write(|w| w.create(id, &event).map_err(AppError::from))?;
    detail(&store, &Access::of(&store)?, id, app.clock().today())
}

pub fn update(app: &App, req: UpdateRequest<EventInput>) -> AppResult<EventDetail> {
    let mut store = app.store();
    let me = App::officer(&store)?.id;
    let current = live(&store, req.id)?;
    let event = current.edited(&req.input, me)?;
    if event.status == EventStatus::Realise && event.held_on > app.clock().today() {
        return Err(AppError::field(
            "not_yet",
            "held_on",
            "Date : un événement réalisé ne se reporte pas dans le futur.",
        ));
    }
    check_links(&store, &event)?;
    // An invitation for a need the event no longer brings loses it.
    let dropped: Vec<(Uuid, EventInvitation)> = store
        .records_where::<EventInvitation>(
            "event_id = ?1 AND need_id IS NOT NULL",
            "id",
            &[req.id.to_string().into()],
        )?
        .into_iter()
        .filter(|r| r.data.need_id.is_some_and(|n| !event.need_ids.contains(&n)))
        .map(|r| (r.id, r.data))
        .collect();
    // The invitations first: the server keeps a need on the event while an
    // invitation names it.
    store.write(|w| {
        for (id, mut inv) in dropped {
            inv.need_id = None;
            w.update(id, &inv)?;
        }
        w.update(req.id, &event)?;
        Ok::<_, AppError>(())
    })?;
    detail(&store, &Access::of(&store)?, req.id, app.clock().today())
}

/// Held, cancelled, or planned again.
pub fn move_to(app: &App, req: MoveEventRequest) -> AppResult<EventDetail> {
    let today = app.clock().today();
    let mut store = app.store();
    let moved = live(&store, req.id)?.moved(req.to, today)?;
    store.write(|w| w.update(req.id, &moved).map(drop).map_err(AppError::from))?;
    detail(&store, &Access::of(&store)?, req.id, today)
}

pub fn get(app: &App, req: IdRequest) -> AppResult<EventDetail> {
    let store = app.reader();
    detail(&store, &Access::of(&store)?, req.id, app.clock().today())
}

/// Deletes an event entered by mistake; once people are invited it is
/// cancelled instead (the server refuses it too, whoever holds them).
pub fn delete(app: &App, req: IdRequest) -> AppResult<()> {
    let mut store = app.store();
    live(&store, req.id)?;
    if store.count_where("event_invitation", "event_id = ?1", &req.id.to_string())? > 0 {
        return Err(AppError::new(
            "referenced",
            "Événement : des personnes y sont invitées ; annulez-le plutôt (statut « Annulé »).",
        ));
    }
    store.write(|w| w.delete::<Event>(req.id).map_err(AppError::from))
}

/// Invites people to an event (those already invited are left as they are).
pub fn invite(app: &App, req: InviteRequest) -> AppResult<EventDetail> {
    let today = app.clock().today();
    let mut store = app.store();
    let access = Access::of(&store)?;
    let event = live(&store, req.event_id)?;
    if event.status != EventStatus::Prevu {
        return Err(AppError::field(
            "event_closed",
            "event_id",
            format!("Invitations : l'événement est « {} ».", event.status.label().to_lowercase()),
        ));
    }
    if let Some(n) = req.need_id
        && !event.need_ids.contains(&n)
    {
        return Err(AppError::field(
            "not_the_event",
            "need_id",
            "Besoin visé : l'un de ceux que les employeurs apportent à l'événement.",
        ));
    }
    if req.person_ids.is_empty() {
        return Err(AppError::field("required", "person_ids", "Personnes : choisissez qui inviter."));
    }
    let invited = store.count_where("event_invitation", "event_id = ?1", &req.event_id.to_string())? as usize;
    let mut rows = Vec::new();
    for p in &req.person_ids {
        let person = access.visible::<Person>(&store, *p)?;
        if store.invitation_of(req.event_id, *p)?.is_some()
            || rows.iter().any(|(_, i): &(Uuid, EventInvitation)| i.person_id == *p)
        {
            continue;
        }
        let mut inv = EventInvitation::invite(req.event_id, *p, req.need_id, access.officer.id, today);
        inv.dt_code = person.data.dt_code.clone();
        inv.officer_ids = access.involved(&[&person.data.officer_ids]);
        rows.push((new_row_id(), inv));
    }
    if let Some(cap) = event.capacity
        && invited + rows.len() > cap as usize
    {
        return Err(AppError::field(
            "capacity",
            "person_ids",
            format!(
                "Places : l'événement en compte {cap} et {invited} personnes sont déjà invitées ; vous en ajoutez {}.",
                rows.len()
            ),
        ));
    }
    store.write(|w| {
        for (id, inv) in &rows {
            w.create(*id, inv)?;
        }
        Ok::<_, AppError>(())
    })?;
    detail(&store, &access, req.event_id, today)
}

/// Registered, excused, present or absent. The first attendance noted on
/// the day marks the event held.
pub fn set_invitation(app: &App, req: InvitationStatusRequest) -> AppResult<EventDetail> {
    let today = app.clock().today();
    let mut store = app.store();
    let access = Access::of(&store)?;
    let inv = access.visible::<EventInvitation>(&store, req.id)?;
    let event_id = inv.data.event_id;
    let event = live(&store, event_id)?;
    let next = inv.data.set_status(req.status, &event, today)?;
    let held = (req.status.is_attendance() && event.status == EventStatus::Prevu)
        .then(|| event.moved(EventStatus::Realise, today))
        .transpose()?;
    store.write(|w| {
        w.update(req.id, &next)?;
        if let Some(held) = &held {
            w.update(event_id, held)?;
        }
        Ok::<_, AppError>(())
    })?;
    detail(&store, &access, event_id, today)
}

/// Withdraws an invitation made by mistake, before attendance is noted.
pub fn uninvite(app: &App, req: IdRequest) -> AppResult<EventDetail> {
    let mut store = app.store();
    let access = Access::of(&store)?;
    let inv = access.visible::<EventInvitation>(&store, req.id)?;
    if inv.data.status.is_attendance() || live(&store, inv.data.event_id)?.status != EventStatus::Prevu {
        return Err(AppError::field(
            "not_deletable",
            "status",
            "Invitation : elle fait partie du bilan de l'événement (présence notée, événement réalisé ou annulé).",
        ));
    }
    store.write(|w| w.delete::<EventInvitation>(req.id).map_err(AppError::from))?;
    detail(&store, &access, inv.data.event_id, app.clock().today())
}

/// A person's invitations, for her page.
pub fn of_person(app: &App, req: IdRequest) -> AppResult<Vec<InvitationSummary>> {
    let store = app.reader();
    let access = Access::of(&store)?;
    access.visible::<Person>(&store, req.id)?;
    access.retain_visible::<EventInvitation, _>(&store, store.invitations_of_person(req.id)?, |s| s.id)
}

/// The attendance sheet or the invitation list, as a PDF; each person
/// named is logged as exported.
pub fn export_sheet(app: &App, req: SheetRequest) -> AppResult<ExportResponse> {
    let today = app.clock().today();
    let mut store = app.store();
    let access = Access::of(&store)?;
    let d = detail(&store, &access, req.id, today)?;
    let doc = crate::event_sheet::sheet(
        &d,
        req.kind,
        &access.officer.display_name,
        &crate::documents::dpo_contact(),
    );
    let bytes = tremplin_documents::sheet::render(&doc).map_err(crate::documents::render_error)?;
    let out = write_file(&req.path, &bytes)?;
    let purpose = match req.kind {
        SheetKind::Emargement => format!("Feuille d'émargement — {}", d.data.title),
        SheetKind::Invitations => format!("Liste des invitations — {}", d.data.title),
    };
    for i in crate::event_sheet::listed(&d, req.kind) {
        audit(&mut store, app, &access, AuditAction::Export, ("person", i.person_id), &purpose)?;
    }
    Ok(out)
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct CalendarRequest {
    pub path: String,
    /// Every event of the Département, not only those the officer organises.
    #[serde(default)]
    pub all_events: bool,
}

/// How far back and ahead the agenda reaches.
const AGENDA_PAST_DAYS: u64 = 31;
const AGENDA_DAYS: u64 = 366;

/// The officer's agenda as an .ics file: events (those organised, or
/// all) and open follow-ups, from a month back to a year ahead.
pub fn export_calendar(app: &App, req: CalendarRequest) -> AppResult<ExportResponse> {
    let today = app.clock().today();
    let store = app.reader();
    let me = App::officer(&store)?.id;
    let from = today - chrono::Days::new(AGENDA_PAST_DAYS);
    let to = today + chrono::Days::new(AGENDA_DAYS);
    let events = store.events(&EventFilter {
        from: Some(from),
        to: Some(to),
        organiser_id: (!req.all_events).then_some(me),
        limit: tremplin_store::queries::MAX_PAGE,
        ..EventFilter::default()
    })?;
    let mut agenda = Vec::with_capacity(events.len());
    for e in &events {
        let ids = live(&store, e.id)?.employer_ids;
        let employers = store.organisation_summaries(&ids)?.into_iter().map(|o| o.name).collect();
        agenda.push(crate::calendar::AgendaEvent { event: e, employers });
    }
    let tasks = store.due_tasks(me, from, to)?;
    write_file(&req.path, crate::calendar::ics(&agenda, &tasks).as_bytes())
}

pub(crate) fn live(store: &Store, id: Uuid) -> AppResult<Event> {
    Ok(store
        .get::<Event>(id)?
        .filter(|r| r.deleted_at.is_none())
        .ok_or_else(|| AppError::not_found("Événement"))?
        .data)
}

/// What the event names exists here: its organisers, employers, partners,
/// needs (each of an employer taking part), its commune.
fn check_links(store: &Store, e: &Event) -> AppResult<()> {
    for o in &e.organiser_ids {
        if store.officer(*o)?.is_none() {
            return Err(AppError::field(
                "unknown_officer",
                "organiser_ids",
                "Organisé par : agent inconnu sur ce poste.",
            ));
        }
    }
    for (ids, field, label) in
        [(&e.employer_ids, "employer_ids", "Employeurs"), (&e.partner_ids, "partner_ids", "Partenaires")]
    {
        for id in ids {
            super::cie::live_org(store, *id, field, label)?;
        }
    }
    for n in &e.need_ids {
        let need: RecruitmentNeed = super::needs::live(store, *n)?;
        if !e.employer_ids.contains(&need.employer_id) {
            return Err(AppError::field(
                "not_the_employer",
                "need_ids",
                format!("Besoin « {} » : ajoutez d'abord son employeur aux participants.", need.job_title),
            ));
        }
    }
    if let Some(code) = &e.commune_code {
        super::organisations::check_commune(store, &CommuneCode::parse(code)?, None)?;
    }
    Ok(())
}

pub(crate) fn detail(
    store: &Store,
    access: &Access,
    id: Uuid,
    today: chrono::NaiveDate,
) -> AppResult<EventDetail> {
    let data = live(store, id)?;
    let summary = store.event_summary(id)?.ok_or_else(|| AppError::not_found("Événement"))?;
    let mut organisers = Vec::new();
    for o in &data.organiser_ids {
        organisers.push(store.officer(*o)?.map_or_else(|| "(agent inconnu)".into(), |o| o.display_name));
    }
    let mut needs = Vec::new();
    for n in &data.need_ids {
        needs.extend(store.need_summary(*n)?);
    }
    let invitations =
        access.retain_visible::<EventInvitation, _>(store, store.invitations_of_event(id)?, |s| s.id)?;
    let mut attendance = Attendance::default();
    for i in &invitations {
        let n = match i.status {
            InvitationStatus::Invite => &mut attendance.invited,
            InvitationStatus::Inscrit => &mut attendance.registered,
            InvitationStatus::Excuse => &mut attendance.excused,
            InvitationStatus::Present => &mut attendance.present,
            InvitationStatus::Absent => &mut attendance.absent,
        };
        *n += 1;
    }
    // The employers and their establishments: a group's site hires too.
    let employers = super::conventions::reach_of_all(store, &data.employer_ids)?;
    let mut results = Vec::new();
    for h in store.event_results(id, &employers, data.held_on, data.results_until())? {
        results.extend(store.hire_summary(h)?);
    }
    Ok(EventDetail {
        id,
        organisers,
        employers: store.organisation_summaries(&data.employer_ids)?,
        partners: store.organisation_summaries(&data.partner_ids)?,
        needs,
        invitations,
        attendance,
        results,
        results_until: data.results_until(),
        next_statuses: EventStatus::ALL.into_iter().filter(|s| data.status.may_move_to(*s)).collect(),
        takes_attendance: data.takes_attendance(today),
        summary,
        data,
    })
}
