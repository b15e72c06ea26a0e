//! People followed: the minimal record, need-to-know (officers of the
//! person's DT and officers involved), the sensitive-word warning, and the
//! audit trail of every display and export.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use chrono::NaiveDate;
use tremplin_domain::access::{Role, RowScope, Viewer, may_see};
use tremplin_domain::audit::{AuditAction, AuditEntry};
use tremplin_domain::candidacy::Candidacy;
use tremplin_domain::cie::{AidedContract, ContractStatus};
use tremplin_domain::event::EventInvitation;
use tremplin_domain::hire::HiredPerson;
use tremplin_domain::mentoring::{Mentor, Pairing};
use tremplin_domain::new_row_id;
use tremplin_domain::parameters::ContractType;
use tremplin_domain::person::{ConsentRecord, Person};
use tremplin_domain::retention::{ErasureReason, ErasureRequest, PurgeCount, RetentionBook};
use tremplin_domain::sensitive::check_free_text;
use tremplin_domain::text::spreadsheet_cell;
use tremplin_store::{Entity, Officer, Record, Store};

use super::IdRequest;
use super::cie::org_name;
use super::mentoring::mentor_name;
use crate::app::App;
use crate::error::{AppError, AppResult};

/// Who is asking, with their role and the DT of every officer this
/// device knows (a territorial manager sees the people their officers
/// follow).
pub(crate) struct Access {
    pub officer: Officer,
    pub role: Role,
    officer_dts: HashMap<Uuid, String>,
}

impl Access {
    pub fn of(store: &Store) -> AppResult<Self> {
        let officer = App::officer(store)?;
        let role = match store.sync_setting("role")?.as_deref() {
            Some("administrateur") => Role::Administrator,
            Some("responsable_territorial") => Role::TerritorialManager,
            _ => Role::Officer,
        };
        let officer_dts = store.officer_dts()?;
        Ok(Self { officer, role, officer_dts })
    }

    /// Whether this officer may see a row about a person: the rule the
    /// server applies (`tremplin_domain::access`).
    pub fn sees<T: AboutPerson>(&self, row: &T) -> bool {
        let viewer = Viewer { id: self.officer.id, role: self.role, dt: self.officer.dt_code.as_deref() };
        let scope = RowScope { restricted: true, users: row.officer_ids(), dt: row.dt_code().as_deref() };
        may_see(&viewer, &scope, |u| self.officer_dts.get(&u))
    }

    /// The live row `id` if this officer may see it.
    pub fn visible<T: AboutPerson>(&self, store: &Store, id: Uuid) -> AppResult<Record<T>> {
        let r = store
            .get::<T>(id)?
            .filter(|r| r.deleted_at.is_none())
            .ok_or_else(|| AppError::not_found(T::LABEL))?;
        if !self.sees(&r.data) {
            return Err(AppError::new(
                "need_to_know",
                format!(
                    "Accès restreint ({}) : la personne relève d'une autre direction territoriale et vous \
                     n'êtes pas impliqué·e dans son accompagnement.",
                    T::LABEL.to_lowercase()
                ),
            ));
        }
        Ok(r)
    }

    /// The summaries whose record (of `T`, by `id`) this officer may see.
    pub fn retain_visible<T: AboutPerson, S>(
        &self,
        store: &Store,
        rows: Vec<S>,
        id: impl Fn(&S) -> Uuid,
    ) -> AppResult<Vec<S>> {
        let mut out = Vec::with_capacity(rows.len());
        for s in rows {
            if store.get::<T>(id(&s))?.is_some_and(|r| self.sees(&r.data)) {
                out.push(s);
            }
        }
        Ok(out)
    }

    /// The rows this officer may see.
    pub fn visible_rows<T: AboutPerson>(&self, rows: Vec<Record<T>>) -> Vec<Record<T>> {
        rows.into_iter().filter(|r| self.sees(&r.data)).collect()
    }

    /// The officers involved in a row: those of each list, then this
    /// officer, each once.
    pub fn involved(&self, lists: &[&[Uuid]]) -> Vec<Uuid> {
        let mut out: Vec<Uuid> = Vec::new();
        for id in lists.iter().flat_map(|l| l.iter()).chain([&self.officer.id]) {
            if !out.contains(id) {
                out.push(*id);
            }
        }
        out
    }
}

/// The account this device is logged in with is an administrator's.
pub(crate) fn is_administrator(store: &Store) -> AppResult<bool> {
    Ok(store.sync_setting("role")?.as_deref() == Some("administrateur"))
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct PersonSummary {
    pub id: Uuid,
    pub name: String,
    pub commune_name: Option<String>,
    pub dt_code: Option<String>,
    /// Computed from the records (contracts, pairings, edits, consultations).
    #[ts(type = "string | null")]
    pub last_activity_on: Option<NaiveDate>,
    /// The last day the record is kept, unless something happens.
    #[ts(type = "string | null")]
    pub kept_until: Option<NaiveDate>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct PersonFilter {
    /// Part of the name or the France Travail id.
    pub text: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct PersonRequest {
    pub id: Uuid,
    /// Why the record is opened (written to the audit trail).
    pub purpose: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct SavePersonRequest {
    pub id: Option<Uuid>,
    pub input: Person,
    /// The officer confirmed the notes hold no sensitive data.
    #[serde(default)]
    pub confirm_sensitive: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct AuditLine {
    pub at: String,
    pub officer: String,
    pub action: AuditAction,
    /// What was shown: "person", "aided_contract" or "pairing".
    pub entity: String,
    pub purpose: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct PersonDetail {
    pub id: Uuid,
    pub data: Person,
    pub commune_name: Option<String>,
    pub dt_name: Option<String>,
    /// Aided contracts and pairings of the person.
    pub contracts: Vec<PersonContract>,
    pub pairings: Vec<PersonPairing>,
    /// Needs she was put forward on, and the jobs she got.
    pub candidacies: Vec<tremplin_store::queries::placement::CandidacySummary>,
    pub hires: Vec<tremplin_store::queries::placement::HireSummary>,
    /// Events she was invited to, and whether she came.
    pub invitations: Vec<tremplin_store::queries::events::InvitationSummary>,
    #[ts(type = "string | null")]
    pub last_activity_on: Option<NaiveDate>,
    #[ts(type = "string | null")]
    pub kept_until: Option<NaiveDate>,
    /// An erasure asked for and not yet done (a laptop linked to a server).
    #[ts(type = "string | null")]
    pub erasure_requested_on: Option<NaiveDate>,
    /// Who opened or exported the record, latest first.
    pub audit: Vec<AuditLine>,
}

/// One of the person's aided contracts, as their record lists it.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct PersonContract {
    pub id: Uuid,
    pub contract_type: ContractType,
    pub job_title: String,
    pub employer_name: String,
    #[ts(type = "string | null")]
    pub starts_on: Option<NaiveDate>,
    #[ts(type = "string | null")]
    pub aid_ends_on: Option<NaiveDate>,
    pub status: ContractStatus,
}

/// One of the person's pairings, as their record lists it.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct PersonPairing {
    pub id: Uuid,
    pub mentor_name: String,
    pub employer_name: String,
    #[ts(type = "string | null")]
    pub starts_on: Option<NaiveDate>,
    #[ts(type = "string | null")]
    pub ends_on: Option<NaiveDate>,
    pub ended: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ErasePersonRequest {
    pub id: Uuid,
    pub reason: ErasureReason,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ErasePersonResponse {
    /// Erased on this laptop already (linked to no server); otherwise the
    /// server erases it at its next purge and the erasure comes back with
    /// the sync.
    pub erased_now: bool,
    pub counts: Vec<PurgeCount>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ExportPersonRequest {
    pub id: Uuid,
    pub path: String,
    pub purpose: String,
}

pub fn list(app: &App, filter: PersonFilter) -> AppResult<Vec<PersonSummary>> {
    let store = app.reader();
    let access = Access::of(&store)?;
    let needle = filter.text.as_deref().map(tremplin_domain::text::fold).filter(|t| !t.trim().is_empty());
    let dates = retention_dates(&store, app.clock().today())?;
    let mut out = Vec::new();
    for r in store.people()? {
        if !access.sees(&r.data) {
            continue;
        }
        let name = r.data.full_name();
        if let Some(n) = &needle
            && !tremplin_domain::text::fold(&name).contains(n.trim())
            && r.data.ft_id.as_deref() != Some(n.trim().to_uppercase().as_str())
        {
            continue;
        }
        out.push(PersonSummary {
            id: r.id,
            name,
            commune_name: commune_name(&store, r.data.commune_code.as_deref())?,
            dt_code: r.data.dt_code.clone(),
            last_activity_on: dates.get(&r.id).map(|d| d.0),
            kept_until: dates.get(&r.id).map(|d| d.1),
        });
    }
    Ok(out)
}

/// Each person's last activity and the last day her record is kept.
fn retention_dates(store: &Store, today: NaiveDate) -> AppResult<HashMap<Uuid, (NaiveDate, NaiveDate)>> {
    let facts = store.retention_facts()?;
    let book = RetentionBook::new(store.retention_periods()?.into_iter().map(|r| (r.id, r.data)).collect());
    Ok(RetentionBook::person_activities(&facts)
        .into_iter()
        .map(|(id, a)| {
            let due = book.person_due_on(&a, today);
            (id, (a.last_activity(), due.pred_opt().unwrap_or(due)))
        })
        .collect())
}

/// Opens a record: allowed by need-to-know, written to the audit trail.
pub fn get(app: &App, req: PersonRequest) -> AppResult<PersonDetail> {
    let mut store = app.store();
    let access = Access::of(&store)?;
    let r = access.visible::<Person>(&store, req.id)?;
    audit(&mut store, app, &access, AuditAction::Consultation, ("person", req.id), &req.purpose)?;
    detail(&store, r, app.clock().today())
}

pub fn save(app: &App, req: SavePersonRequest) -> AppResult<PersonDetail> {
    let mut store = app.store();
    let access = Access::of(&store)?;
    check_free_text(req.input.notes.as_deref(), "notes", "Observations", req.confirm_sensitive)?;
    let mut p = req.input.validated()?;
    p.dt_code = match &p.commune_code {
        Some(code) => {
            let c = store.commune(code)?.ok_or_else(|| {
                AppError::field(
                    "unknown_commune",
                    "commune_code",
                    format!("Commune : code « {code} » inconnu."),
                )
            })?;
            c.dt_code
        }
        None => None,
    };
    let id = match req.id {
        Some(id) => {
            let old = access.visible::<Person>(&store, id)?;
            check_consent_history(&old.data.consents, &p.consents, app.clock().today())?;
            // The officers involved are kept; the editor joins them.
            p.officer_ids = access.involved(&[&old.data.officer_ids]);
            store.write(|w| w.update(id, &p).map(drop).map_err(AppError::from))?;
            id
        }
        None => {
            check_consent_history(&[], &p.consents, app.clock().today())?;
            p.officer_ids = access.involved(&[]);
            let id = new_row_id();
            store.write(|w| w.create(id, &p).map_err(AppError::from))?;
            id
        }
    };
    let r = access.visible::<Person>(&store, id)?;
    detail(&store, r, app.clock().today())
}

pub fn delete(app: &App, req: IdRequest) -> AppResult<()> {
    let mut store = app.store();
    let access = Access::of(&store)?;
    access.visible::<Person>(&store, req.id)?;
    let contracts = store.contracts_of_person(req.id)?;
    let pairings = store.pairings_of_person(req.id)?;
    if !contracts.is_empty() || !pairings.is_empty() {
        return Err(AppError::new(
            "has_instruments",
            "Cette personne a un contrat aidé ou un parrainage : supprimez-les d'abord, ou laissez la fiche \
             s'effacer à l'échéance de conservation.",
        ));
    }
    store.write(|w| w.delete::<Person>(req.id).map_err(AppError::from))
}

/// Erases a person at her request (RGPD art. 17, 21, or a record made by
/// mistake), by the same path as the retention purge: her record and
/// pairings go, her aided contracts keep their figures without her. The
/// request is recorded (ids and reason only); a laptop linked to no server
/// erases at once, otherwise the server does at its next purge (daily).
pub fn erase(app: &App, req: ErasePersonRequest) -> AppResult<ErasePersonResponse> {
    let mut store = app.store();
    let access = Access::of(&store)?;
    let person = access.visible::<Person>(&store, req.id)?;
    let request = ErasureRequest {
        person_id: req.id,
        reason: req.reason,
        requested_on: Some(app.clock().today()),
        officer_id: access.officer.id,
        dt_code: person.data.dt_code.clone(),
        officer_ids: person.data.officer_ids.clone(),
    }
    .validated()?;
    store.write(|w| w.create(new_row_id(), &request).map_err(AppError::from))?;
    if store.sync_setting("server_url")?.is_some() {
        return Ok(ErasePersonResponse { erased_now: false, counts: Vec::new() });
    }
    let reason = serde_json::to_value(req.reason)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default();
    let counts = store.erase_person(req.id, &reason, app.clock().now())?;
    Ok(ErasePersonResponse { erased_now: true, counts })
}

/// Writes the record (a right-of-access request, a transfer) as a CSV file.
pub fn export(app: &App, req: ExportPersonRequest) -> AppResult<super::conventions::ExportResponse> {
    let mut store = app.store();
    let access = Access::of(&store)?;
    let r = access.visible::<Person>(&store, req.id)?;
    let d = detail(&store, r, app.clock().today())?;
    let p = &d.data;
    let mut w = csv::Writer::from_writer(Vec::new());
    let date = |d: Option<NaiveDate>| d.map(|d| d.format("%d/%m/%Y").to_string()).unwrap_or_default();
    let rows: Vec<(&str, String)> = vec![
        ("Prénom", p.first_name.clone()),
        ("Nom", p.last_name.clone()),
        ("Commune", d.commune_name.clone().unwrap_or_default()),
        ("Direction territoriale", d.dt_name.clone().unwrap_or_default()),
        ("Identifiant France Travail", p.ft_id.clone().unwrap_or_default()),
        ("Référent", p.referent_name.clone().unwrap_or_default()),
        ("Organisme du référent", p.referent_organisation.clone().unwrap_or_default()),
        ("Orientation", p.orientation.map(|o| o.label().to_string()).unwrap_or_default()),
        ("Projet professionnel (ROME)", p.rome_codes.join(" ")),
        ("Consentements", p.consents.iter().map(consent_line).collect::<Vec<_>>().join(" ; ")),
        ("Dernière activité", date(d.last_activity_on)),
        ("Conservée jusqu'au", date(d.kept_until)),
        ("Observations", p.notes.clone().unwrap_or_default()),
    ];
    // A request for access gets what the record holds about the instruments too.
    let contracts = d.contracts.iter().map(|c| {
        let line = format!(
            "{} — {} chez {}, du {} au {} ({})",
            c.contract_type.short(),
            c.job_title,
            c.employer_name,
            date(c.starts_on),
            date(c.aid_ends_on),
            c.status.label()
        );
        ("Contrat aidé", line)
    });
    let pairings = d.pairings.iter().map(|p| {
        let line = format!(
            "avec {} ({}), du {} au {}{}",
            p.mentor_name,
            p.employer_name,
            date(p.starts_on),
            date(p.ends_on),
            if p.ended { ", terminé" } else { "" }
        );
        ("Parrainage", line)
    });
    let rows: Vec<(&str, String)> = rows.into_iter().chain(contracts).chain(pairings).collect();
    let io = |e: csv::Error| AppError::new("io", format!("Export : {e}"));
    w.write_record(["Champ", "Valeur"]).map_err(io)?;
    for (k, v) in rows {
        w.write_record([k, &spreadsheet_cell(&v)]).map_err(io)?;
    }
    let bytes = w.into_inner().map_err(|e| AppError::new("io", format!("Export : {e}")))?;
    let out = super::conventions::write_file(&req.path, &bytes)?;
    audit(&mut store, app, &access, AuditAction::Export, ("person", req.id), &req.purpose)?;
    Ok(out)
}

/// A consent is recorded with its date and the way it was given, and its
/// history stays: a consent is withdrawn (dated), never erased, and a
/// withdrawal is not undone by an edit. Dates are not in the future.
fn check_consent_history(old: &[ConsentRecord], new: &[ConsentRecord], today: NaiveDate) -> AppResult<()> {
    Ok(tremplin_domain::person::check_consent_history(old, new, today)?)
}

/// The statement of the person's data, as a PDF she is handed (right of
/// access): written to the audit trail as an export.
pub fn export_statement(
    app: &App,
    req: ExportPersonRequest,
) -> AppResult<super::conventions::ExportResponse> {
    let mut store = app.store();
    let access = Access::of(&store)?;
    let r = access.visible::<Person>(&store, req.id)?;
    let today = app.clock().today();
    let mut d = detail(&store, r, today)?;
    // Every entry of the log the record still has, not only the latest.
    d.audit = audit_lines(&store, req.id, usize::MAX)?;
    let doc = crate::access_statement::statement(
        &d,
        today,
        &access.officer.display_name,
        &crate::documents::dpo_contact(),
    );
    let bytes = tremplin_documents::brief::render(&doc).map_err(crate::documents::render_error)?;
    let out = super::conventions::write_file(&req.path, &bytes)?;
    audit(&mut store, app, &access, AuditAction::Export, ("person", req.id), &req.purpose)?;
    Ok(out)
}

/// A row about a person followed, to which need-to-know applies.
pub(crate) trait AboutPerson: Entity {
    fn dt_code(&self) -> &Option<String>;
    fn officer_ids(&self) -> &[Uuid];
}

macro_rules! about_person {
    ($($t:ty),*) => {$(
        impl AboutPerson for $t {
            fn dt_code(&self) -> &Option<String> {
                &self.dt_code
            }
            fn officer_ids(&self) -> &[Uuid] {
                &self.officer_ids
            }
        }
    )*};
}
about_person!(Person, AidedContract, Pairing, Candidacy, HiredPerson, EventInvitation);

/// Appends an entry to the audit trail: `row` is the record shown or
/// exported about a person (their record, a contract, a pairing).
pub(crate) fn audit(
    store: &mut Store,
    app: &App,
    access: &Access,
    action: AuditAction,
    row: (&str, Uuid),
    purpose: &str,
) -> AppResult<()> {
    let purpose = if purpose.trim().is_empty() { "Consultation de la fiche" } else { purpose };
    let entry = AuditEntry {
        officer_id: access.officer.id,
        at: app.clock().now(),
        action,
        entity: row.0.into(),
        row_id: row.1,
        purpose: purpose.to_string(),
    }
    .validated()?;
    store.write(|w| w.create(new_row_id(), &entry).map_err(AppError::from))
}

/// « Parrainage, donné par écrit le 02/03/2026, retiré le 10/09/2026 ».
pub(crate) fn consent_line(c: &ConsentRecord) -> String {
    let mut line = c.kind.label().to_string();
    match (c.how, c.given_on) {
        (Some(how), Some(on)) => line += &format!(", donné {} le {}", how.label(), on.format("%d/%m/%Y")),
        (None, Some(on)) => line += &format!(", donné le {}", on.format("%d/%m/%Y")),
        _ => line += ", date non enregistrée",
    }
    if let Some(w) = c.withdrawn_on {
        line += &format!(", retiré le {}", w.format("%d/%m/%Y"));
    }
    line
}

fn commune_name(store: &Store, code: Option<&str>) -> AppResult<Option<String>> {
    Ok(match code {
        Some(c) => store.commune(c)?.map(|c| c.nom),
        None => None,
    })
}

/// Who opened or exported the person's record, contracts and pairings,
/// latest first.
fn audit_lines(store: &Store, person: Uuid, max: usize) -> AppResult<Vec<AuditLine>> {
    let officers = store.officer_labels()?;
    Ok(store
        .audit_of_person(person)?
        .into_iter()
        .take(max)
        .map(|a| AuditLine {
            at: a.data.at.to_rfc3339(),
            officer: officers
                .iter()
                .find(|o| o.code == a.data.officer_id.to_string())
                .map_or_else(|| "Agent inconnu".to_string(), |o| o.label.clone()),
            action: a.data.action,
            entity: a.data.entity,
            purpose: a.data.purpose,
        })
        .collect())
}

fn detail(store: &Store, r: Record<Person>, today: NaiveDate) -> AppResult<PersonDetail> {
    let dates = retention_dates(store, today)?.get(&r.id).copied();
    let commune = match r.data.commune_code.as_deref() {
        Some(c) => store.commune(c)?,
        None => None,
    };
    let contracts = store.contracts_of_person(r.id)?;
    let pairings = store.pairings_of_person(r.id)?;
    let audit = audit_lines(store, r.id, 50)?;
    Ok(PersonDetail {
        id: r.id,
        commune_name: commune.as_ref().map(|c| c.nom.clone()),
        dt_name: commune.and_then(|c| c.dt_nom),
        contracts: contracts
            .into_iter()
            .map(|c| {
                Ok(PersonContract {
                    id: c.id,
                    contract_type: c.data.contract_type,
                    job_title: c.data.job_title.clone(),
                    employer_name: org_name(store, c.data.employer_id)?,
                    starts_on: c.data.starts_on,
                    aid_ends_on: c.data.aid_period().map(|p| p.1),
                    status: c.data.status,
                })
            })
            .collect::<AppResult<_>>()?,
        pairings: pairings
            .into_iter()
            .map(|p| {
                let (mentor_name, employer_name) = match store.get::<Mentor>(p.data.mentor_id)? {
                    Some(m) => mentor_name(store, &m.data)?,
                    None => ("Parrain supprimé".into(), String::new()),
                };
                Ok(PersonPairing {
                    id: p.id,
                    mentor_name,
                    employer_name,
                    starts_on: p.data.starts_on,
                    ends_on: p.data.ended_on.or(p.data.extended_to).or(p.data.planned_end_on),
                    ended: p.data.ended_on.is_some(),
                })
            })
            .collect::<AppResult<_>>()?,
        audit,
        candidacies: store.candidacies_of_person(r.id)?,
        hires: store.hires(&tremplin_store::queries::placement::HireFilter {
            person_id: Some(r.id),
            ..Default::default()
        })?,
        invitations: store.invitations_of_person(r.id)?,
        last_activity_on: dates.map(|d| d.0),
        kept_until: dates.map(|d| d.1),
        erasure_requested_on: store
            .erasure_requests(r.id)?
            .into_iter()
            .filter_map(|q| q.data.requested_on)
            .min(),
        data: r.data,
    })
}
