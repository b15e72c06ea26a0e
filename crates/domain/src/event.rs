//! Events (« événements emploi »): job datings, forums, company visits,
//! information sessions, employers' breakfasts — where employers and
//! people on the RSA meet (docs/placement.md « Events »).
//!
//! The event itself (when, where, who organises it, the employers and the
//! needs they bring) is shared with the whole Département: a convention
//! counts the events its partners took part in. Who is invited, registered,
//! present or absent is a record about the person ([`EventInvitation`]),
//! seen on a need-to-know basis.

use chrono::{Months, NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Checks, ValidationError, ValidationResult, optional_text, required_text};
use crate::ids::RowId;
use crate::synced::{DeleteRule, EntityDef, ScopeRule, Synced, json, many, one, parse, text};
use crate::territory::CommuneCode;

/// An event's results are the hires of the people present that start
/// within this many months of it (docs/placement.md « Events »).
pub const RESULT_MONTHS: u32 = 3;

/// The most people one event takes: far above a job dating, and a bound on
/// what a push loads (« Réussir sans attendre » met 10,000 people across
/// many sites in a day, each site its own event).
pub const MAX_INVITATIONS: usize = 2_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    JobDating,
    Forum,
    VisiteEntreprise,
    InformationCollective,
    PetitDejeuner,
}

impl EventKind {
    pub const ALL: [Self; 5] = [
        Self::JobDating,
        Self::Forum,
        Self::VisiteEntreprise,
        Self::InformationCollective,
        Self::PetitDejeuner,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::JobDating => "job_dating",
            Self::Forum => "forum",
            Self::VisiteEntreprise => "visite_entreprise",
            Self::InformationCollective => "information_collective",
            Self::PetitDejeuner => "petit_dejeuner",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::JobDating => "Job dating",
            Self::Forum => "Forum emploi",
            Self::VisiteEntreprise => "Visite d'entreprise",
            Self::InformationCollective => "Information collective",
            Self::PetitDejeuner => "Petit-déjeuner entreprises",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum EventStatus {
    Prevu,
    Realise,
    Annule,
}

impl EventStatus {
    pub const ALL: [Self; 3] = [Self::Prevu, Self::Realise, Self::Annule];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Prevu => "prevu",
            Self::Realise => "realise",
            Self::Annule => "annule",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Prevu => "Prévu",
            Self::Realise => "Réalisé",
            Self::Annule => "Annulé",
        }
    }

    /// Planned events are held or cancelled; a cancelled one may be
    /// planned again; a held one stays held (its attendance is history).
    pub fn may_move_to(self, to: Self) -> bool {
        matches!((self, to), (Self::Prevu, Self::Realise | Self::Annule) | (Self::Annule, Self::Prevu))
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct EventInput {
    pub kind: Option<EventKind>,
    pub title: String,
    #[ts(type = "string | null")]
    pub held_on: Option<NaiveDate>,
    /// « HH:MM », local time.
    pub starts_at: Option<String>,
    pub ends_at: Option<String>,
    /// Where: the site's name and address.
    pub place: String,
    pub commune_code: Option<String>,
    /// The officers organising it (the creator by default).
    pub organiser_ids: Vec<RowId>,
    /// Co-organisers: France Travail, an EPCI, a chamber of commerce…
    pub partner_ids: Vec<RowId>,
    /// Employers taking part, and the needs they bring.
    pub employer_ids: Vec<RowId>,
    pub need_ids: Vec<RowId>,
    /// Places for people (none: no limit).
    pub capacity: Option<u32>,
    pub description: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Event {
    pub kind: EventKind,
    pub title: String,
    #[ts(type = "string")]
    pub held_on: NaiveDate,
    pub starts_at: Option<String>,
    pub ends_at: Option<String>,
    pub place: String,
    pub commune_code: Option<String>,
    pub organiser_ids: Vec<RowId>,
    pub partner_ids: Vec<RowId>,
    pub employer_ids: Vec<RowId>,
    pub need_ids: Vec<RowId>,
    pub capacity: Option<u32>,
    pub description: Option<String>,
    pub status: EventStatus,
}

/// Employers, partners or needs on one event: far above a forum's stands.
const MAX_PARTIES: usize = 200;

fn time_of(raw: Option<&str>, field: &'static str, label: &str) -> ValidationResult<Option<NaiveTime>> {
    match raw.map(str::trim) {
        None | Some("") => Ok(None),
        Some(t) => NaiveTime::parse_from_str(t, "%H:%M").map(Some).map_err(|_| {
            ValidationError::new(
                "invalid",
                field,
                format!("{label} : une heure au format HH:MM (ex. 09:30)."),
            )
        }),
    }
}

fn distinct(ids: &[RowId], field: &'static str, label: &str, c: &mut Checks) -> Vec<RowId> {
    let mut out: Vec<RowId> = Vec::with_capacity(ids.len());
    for id in ids {
        if !out.contains(id) {
            out.push(*id);
        }
    }
    if out.len() > MAX_PARTIES {
        c.push(ValidationError::new("too_many", field, format!("{label} : {MAX_PARTIES} au plus.")));
    }
    out
}

impl Event {
    /// An event as entered, planned; `officer` organises it when no one is named.
    pub fn create(input: &EventInput, officer: RowId) -> ValidationResult<Self> {
        let mut c = Checks::default();
        if input.kind.is_none() {
            c.push(ValidationError::new("required", "kind", "Type d'événement : choisissez-le."));
        }
        let title = c.value(required_text(&input.title, "title", "Intitulé", 160));
        if input.held_on.is_none() {
            c.push(ValidationError::new("required", "held_on", "Date : l'événement a une date."));
        }
        let starts = c.take(time_of(input.starts_at.as_deref(), "starts_at", "Début")).flatten();
        let ends = c.take(time_of(input.ends_at.as_deref(), "ends_at", "Fin")).flatten();
        if let (Some(s), Some(e)) = (starts, ends)
            && e <= s
        {
            c.push(ValidationError::new("date_order", "ends_at", "Fin : après l'heure de début."));
        }
        let place = c.value(required_text(&input.place, "place", "Lieu", 300));
        let commune_code = match input.commune_code.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(code) => c.take(CommuneCode::parse(code)).map(|k| k.as_str().to_string()),
        };
        let mut organiser_ids = distinct(&input.organiser_ids, "organiser_ids", "Organisé par", &mut c);
        if organiser_ids.is_empty() {
            organiser_ids.push(officer);
        }
        let partner_ids = distinct(&input.partner_ids, "partner_ids", "Partenaires", &mut c);
        let employer_ids = distinct(&input.employer_ids, "employer_ids", "Employeurs", &mut c);
        let need_ids = distinct(&input.need_ids, "need_ids", "Besoins", &mut c);
        if input.capacity == Some(0) || input.capacity.is_some_and(|n| n as usize > MAX_INVITATIONS) {
            c.push(ValidationError::new(
                "out_of_range",
                "capacity",
                format!("Places : entre 1 et {MAX_INVITATIONS} (laissez vide sans limite)."),
            ));
        }
        let description =
            c.value(optional_text(input.description.as_deref(), "description", "Description", 2_000));
        c.finish()?;
        Ok(Self {
            kind: input.kind.unwrap_or(EventKind::JobDating),
            title,
            held_on: input.held_on.unwrap_or_default(),
            starts_at: starts.map(|t| t.format("%H:%M").to_string()),
            ends_at: ends.map(|t| t.format("%H:%M").to_string()),
            place,
            commune_code,
            organiser_ids,
            partner_ids,
            employer_ids,
            need_ids,
            capacity: input.capacity,
            description,
            status: EventStatus::Prevu,
        })
    }

    /// The event with `input`'s fields, its status kept.
    pub fn edited(&self, input: &EventInput, officer: RowId) -> ValidationResult<Self> {
        Ok(Self { status: self.status, ..Self::create(input, officer)? })
    }

    pub fn to_input(&self) -> EventInput {
        EventInput {
            kind: Some(self.kind),
            title: self.title.clone(),
            held_on: Some(self.held_on),
            starts_at: self.starts_at.clone(),
            ends_at: self.ends_at.clone(),
            place: self.place.clone(),
            commune_code: self.commune_code.clone(),
            organiser_ids: self.organiser_ids.clone(),
            partner_ids: self.partner_ids.clone(),
            employer_ids: self.employer_ids.clone(),
            need_ids: self.need_ids.clone(),
            capacity: self.capacity,
            description: self.description.clone(),
        }
    }

    /// Held, cancelled or planned again; an event is held on its day or after.
    pub fn moved(&self, to: EventStatus, today: NaiveDate) -> ValidationResult<Self> {
        if self.status == to {
            return Ok(self.clone());
        }
        if !self.status.may_move_to(to) {
            return Err(ValidationError::new(
                "bad_move",
                "status",
                format!(
                    "Statut : un événement « {} » ne passe pas à « {} ».",
                    self.status.label(),
                    to.label()
                ),
            ));
        }
        if to == EventStatus::Realise && self.held_on > today {
            return Err(ValidationError::new(
                "not_yet",
                "status",
                "Réalisé : l'événement se marque réalisé le jour venu.",
            ));
        }
        Ok(Self { status: to, ..self.clone() })
    }

    /// The last day a hire of someone present counts as its result.
    pub fn results_until(&self) -> NaiveDate {
        self.held_on.checked_add_months(Months::new(RESULT_MONTHS)).unwrap_or(NaiveDate::MAX)
    }

    /// Whether attendance may be recorded on `today`: held or due, not cancelled.
    pub fn takes_attendance(&self, today: NaiveDate) -> bool {
        self.status != EventStatus::Annule && self.held_on <= today
    }

    /// A synced row, checked as a whole: its fields as the form checks them.
    pub fn check_row(&self) -> ValidationResult<()> {
        if self.organiser_ids.is_empty() {
            return Err(ValidationError::new(
                "required",
                "organiser_ids",
                "Organisé par : au moins un agent du Département.",
            ));
        }
        let again = Self::create(&self.to_input(), RowId::nil())?;
        if again.organiser_ids != self.organiser_ids
            || again.employer_ids.len() != self.employer_ids.len()
            || again.need_ids.len() != self.need_ids.len()
            || again.partner_ids.len() != self.partner_ids.len()
        {
            return Err(ValidationError::new(
                "invalid",
                "employer_ids",
                "Participants : chaque employeur, partenaire, besoin ou organisateur une seule fois.",
            ));
        }
        Ok(())
    }
}

impl Synced for Event {
    const DEF: EntityDef = EntityDef {
        // Counted by the conventions: cancelled rather than deleted once
        // people are invited (a delete is refused while invitations refer to it).
        delete: DeleteRule::CreatorOrAdministrator,
        references: &[
            many("partner_ids", "organisation"),
            many("employer_ids", "organisation"),
            many("need_ids", "recruitment_need"),
        ],
        ..EntityDef::new(
            "event",
            &[
                text("kind"),
                text("title"),
                text("held_on"),
                text("starts_at"),
                text("ends_at"),
                text("place"),
                text("commune_code"),
                json("organiser_ids"),
                json("partner_ids"),
                json("employer_ids"),
                json("need_ids"),
                text("capacity"),
                text("description"),
                text("status"),
            ],
            |d, _| parse::<Event>(d)?.check_row(),
        )
    };
}

/// Where a person stands for an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum InvitationStatus {
    Invite,
    Inscrit,
    Excuse,
    Present,
    Absent,
}

impl InvitationStatus {
    pub const ALL: [Self; 5] = [Self::Invite, Self::Inscrit, Self::Excuse, Self::Present, Self::Absent];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Invite => "invite",
            Self::Inscrit => "inscrit",
            Self::Excuse => "excuse",
            Self::Present => "present",
            Self::Absent => "absent",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Invite => "Invitée",
            Self::Inscrit => "Inscrite",
            Self::Excuse => "Excusée",
            Self::Present => "Présente",
            Self::Absent => "Absente",
        }
    }

    /// Present or absent: recorded on the event's day or after.
    pub fn is_attendance(self) -> bool {
        matches!(self, Self::Present | Self::Absent)
    }

    /// Expected on the day (the attendance sheet lists them).
    pub fn is_expected(self) -> bool {
        matches!(self, Self::Invite | Self::Inscrit | Self::Present | Self::Absent)
    }
}

/// A person invited to an event: about the person, need-to-know.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct EventInvitation {
    pub event_id: RowId,
    pub person_id: RowId,
    /// The need of the event she is invited for, when there is one.
    pub need_id: Option<RowId>,
    pub status: InvitationStatus,
    /// The day of the last change of status.
    #[ts(type = "string")]
    pub status_on: NaiveDate,
    pub invited_by: RowId,
    #[serde(default)]
    pub dt_code: Option<String>,
    #[serde(default)]
    pub officer_ids: Vec<RowId>,
}

impl EventInvitation {
    pub fn invite(
        event_id: RowId,
        person_id: RowId,
        need_id: Option<RowId>,
        officer: RowId,
        today: NaiveDate,
    ) -> Self {
        Self {
            event_id,
            person_id,
            need_id,
            status: InvitationStatus::Invite,
            status_on: today,
            invited_by: officer,
            dt_code: None,
            officer_ids: Vec::new(),
        }
    }

    /// The invitation at `to` on `today`; attendance only once the event
    /// is due and not cancelled, registration only before it is held.
    pub fn set_status(
        &self,
        to: InvitationStatus,
        event: &Event,
        today: NaiveDate,
    ) -> ValidationResult<Self> {
        if event.status == EventStatus::Annule {
            return Err(ValidationError::new(
                "event_cancelled",
                "status",
                "Événement annulé : remettez-le « prévu » avant de changer les inscriptions.",
            ));
        }
        if to.is_attendance() && !event.takes_attendance(today) {
            return Err(ValidationError::new(
                "not_yet",
                "status",
                format!(
                    "Présence : elle se note le jour de l'événement ({}) ou après.",
                    event.held_on.format("%d/%m/%Y")
                ),
            ));
        }
        if !to.is_attendance() && event.status == EventStatus::Realise {
            return Err(ValidationError::new(
                "event_held",
                "status",
                "Événement réalisé : seule la présence (présente ou absente) se note encore.",
            ));
        }
        Ok(Self { status: to, status_on: today, ..self.clone() })
    }
}

impl Synced for EventInvitation {
    const DEF: EntityDef = EntityDef {
        scope: ScopeRule::AboutPerson { via: Some("person_id") },
        derived: &["dt_code", "officer_ids"],
        references: &[
            one("event_id", "event"),
            one("person_id", "person"),
            one("need_id", "recruitment_need"),
        ],
        ..EntityDef::new(
            "event_invitation",
            &[
                text("event_id"),
                text("person_id"),
                text("need_id"),
                text("status"),
                text("status_on"),
                text("invited_by"),
                text("dt_code"),
                json("officer_ids"),
            ],
            |d, _| parse::<EventInvitation>(d).map(drop),
        )
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::new_row_id;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn input() -> EventInput {
        EventInput {
            kind: Some(EventKind::JobDating),
            title: "Job dating logistique".into(),
            held_on: Some(day("2026-11-08")),
            starts_at: Some("09:00".into()),
            ends_at: Some("12:30".into()),
            place: "Hôtel de la Métropole, 2 bd des Cités Unies, Lille".into(),
            commune_code: Some("59350".into()),
            ..EventInput::default()
        }
    }

    #[test]
    fn an_event_has_a_kind_a_day_a_place_and_sensible_hours() {
        let me = new_row_id();
        let e = Event::create(&input(), me).unwrap();
        assert_eq!((e.status, e.organiser_ids.clone()), (EventStatus::Prevu, vec![me]));
        assert!(e.check_row().is_ok());
        let err = Event::create(&EventInput::default(), me).unwrap_err();
        let fields: Vec<&str> = err.all().map(|e| e.field).collect();
        assert_eq!(fields, ["kind", "title", "held_on", "place"]);
        let err = Event::create(&EventInput { ends_at: Some("08:00".into()), ..input() }, me).unwrap_err();
        assert_eq!((err.code, err.field), ("date_order", "ends_at"));
        let err = Event::create(&EventInput { starts_at: Some("9h".into()), ..input() }, me).unwrap_err();
        assert_eq!(err.field, "starts_at");
        let err = Event::create(&EventInput { capacity: Some(0), ..input() }, me).unwrap_err();
        assert_eq!(err.field, "capacity");
        let a = new_row_id();
        let twice = Event::create(&EventInput { employer_ids: vec![a, a], ..input() }, me).unwrap();
        assert_eq!(twice.employer_ids, [a], "an employer taking part once");
        let forged = Event { employer_ids: vec![a, a], ..twice.clone() };
        assert_eq!(forged.check_row().unwrap_err().field, "employer_ids");
        let unorganised = Event { organiser_ids: vec![], ..twice };
        assert_eq!(unorganised.check_row().unwrap_err().field, "organiser_ids");
    }

    #[test]
    fn an_event_is_held_on_its_day_and_a_held_one_stays_held() {
        let e = Event::create(&input(), new_row_id()).unwrap();
        let err = e.moved(EventStatus::Realise, day("2026-11-07")).unwrap_err();
        assert_eq!(err.code, "not_yet");
        let held = e.moved(EventStatus::Realise, day("2026-11-08")).unwrap();
        assert_eq!(held.moved(EventStatus::Annule, day("2026-11-09")).unwrap_err().code, "bad_move");
        let cancelled = e.moved(EventStatus::Annule, day("2026-10-01")).unwrap();
        assert_eq!(
            cancelled.moved(EventStatus::Prevu, day("2026-10-02")).unwrap().status,
            EventStatus::Prevu
        );
        // Results: hires starting up to three months after, 8 November → 8 February.
        assert_eq!(e.results_until(), day("2027-02-08"));
    }

    #[test]
    fn attendance_is_noted_on_the_day_and_registration_before_it() {
        let e = Event::create(&input(), new_row_id()).unwrap();
        let inv = EventInvitation::invite(new_row_id(), new_row_id(), None, new_row_id(), day("2026-10-20"));
        let err = inv.set_status(InvitationStatus::Present, &e, day("2026-11-07")).unwrap_err();
        assert_eq!((err.code, err.field), ("not_yet", "status"));
        let reg = inv.set_status(InvitationStatus::Inscrit, &e, day("2026-10-25")).unwrap();
        assert_eq!((reg.status, reg.status_on), (InvitationStatus::Inscrit, day("2026-10-25")));
        let present = reg.set_status(InvitationStatus::Present, &e, day("2026-11-08")).unwrap();
        let held = e.moved(EventStatus::Realise, day("2026-11-08")).unwrap();
        assert_eq!(
            present.set_status(InvitationStatus::Inscrit, &held, day("2026-11-09")).unwrap_err().code,
            "event_held"
        );
        // A ticking slip is corrected: present ↔ absent.
        assert!(present.set_status(InvitationStatus::Absent, &held, day("2026-11-09")).is_ok());
        let cancelled = e.moved(EventStatus::Annule, day("2026-10-01")).unwrap();
        assert_eq!(
            inv.set_status(InvitationStatus::Inscrit, &cancelled, day("2026-10-02")).unwrap_err().code,
            "event_cancelled"
        );
    }
}
