//! Partnership conventions: drafting, commitments and their actuals, the
//! lifecycle (signature, activity, expiry, termination), avenants, steering
//! committees, and the PDF.

use std::path::PathBuf;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use tremplin_domain::commitment::{Commitment, CommitmentInput, Indicator, Progress, progress, years_of};
use tremplin_domain::committee::{CommitteeInput, CommitteeMeeting};
use tremplin_domain::convention::{
    Convention, ConventionInput, ConventionStatus, LifecycleFacts, check_transition,
};
use tremplin_domain::hire::HireTerms;
use tremplin_domain::new_row_id;
use tremplin_domain::organisation::Organisation;
use tremplin_store::queries::organisations::OrganisationSummary;
use tremplin_store::queries::partnerships::{ConventionFilter, ConventionSummary};
use tremplin_store::{Record, Store};

use super::{IdRequest, UpdateRequest};
use crate::app::App;
use crate::error::{AppError, AppResult};

/// A commitment with where it stands.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct CommitmentView {
    pub id: Uuid,
    pub data: Commitment,
    /// Counted from the records rather than entered.
    pub computed: bool,
    /// Per target year: target, actual, what the elapsed time calls for.
    pub years: Vec<YearProgress>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct YearProgress {
    pub year: i32,
    pub progress: Progress,
    /// Beside an entered actual, what the records count (parrains whose
    /// charter was signed that year).
    pub recorded: Option<u32>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct CommitteeView {
    pub id: Uuid,
    pub data: CommitteeMeeting,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct VersionRef {
    pub id: Uuid,
    pub version_no: u32,
    pub status: ConventionStatus,
}

/// A convention with everything its page shows.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ConventionDetail {
    pub id: Uuid,
    pub data: Convention,
    #[ts(type = "string | null")]
    pub ends_on: Option<NaiveDate>,
    pub partners: Vec<OrganisationSummary>,
    pub third_parties: Vec<OrganisationSummary>,
    pub establishments: Vec<OrganisationSummary>,
    pub referent_name: Option<String>,
    pub territory_names: Vec<String>,
    pub commitments: Vec<CommitmentView>,
    pub committees: Vec<CommitteeView>,
    pub versions: Vec<VersionRef>,
    /// Statuses it may move to now.
    pub next_statuses: Vec<ConventionStatus>,
    /// Contents editable (a draft).
    pub editable: bool,
    /// An avenant may be drafted (signed or active, latest version).
    pub can_amend: bool,
    /// Actuals may be entered (signed onwards; computed indicators aside).
    pub records_actuals: bool,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct TransitionRequest {
    pub id: Uuid,
    pub to: Option<ConventionStatus>,
    #[ts(type = "string | null")]
    pub signed_on: Option<NaiveDate>,
    #[ts(type = "string | null")]
    pub starts_on: Option<NaiveDate>,
    #[ts(type = "string | null")]
    pub terminated_on: Option<NaiveDate>,
    pub termination_reason: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct SaveCommitmentRequest {
    /// Absent: a new commitment.
    pub id: Option<Uuid>,
    pub input: CommitmentInput,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, TS)]
pub struct SetActualRequest {
    pub id: Uuid,
    pub year: i32,
    pub actual: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct SaveCommitteeRequest {
    pub id: Option<Uuid>,
    pub input: CommitteeInput,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ExportRequest {
    pub id: Uuid,
    /// Where to write the PDF (the officer picks it in a dialog).
    pub path: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ExportResponse {
    pub path: String,
    pub bytes: u64,
}

pub fn list(app: &App, filter: ConventionFilter) -> AppResult<Vec<ConventionSummary>> {
    Ok(app.reader().list_conventions(&filter)?)
}

pub fn get(app: &App, req: IdRequest) -> AppResult<ConventionDetail> {
    detail(&app.reader(), req.id, app.clock().today())
}

pub fn create(app: &App, input: ConventionInput) -> AppResult<ConventionDetail> {
    let c = Convention::validate(&input)?;
    let mut store = app.store();
    check_references(&store, &c)?;
    let id = new_row_id();
    store.write(|w| w.create(id, &c).map_err(AppError::from))?;
    detail(&store, id, app.clock().today())
}

pub fn update(app: &App, req: UpdateRequest<ConventionInput>) -> AppResult<ConventionDetail> {
    let mut store = app.store();
    let current = live(&store, req.id)?;
    ensure_draft(&current.data)?;
    let c = current.data.with_form(&req.input)?;
    check_references(&store, &c)?;
    store.write(|w| w.update(req.id, &c).map(drop).map_err(AppError::from))?;
    detail(&store, req.id, app.clock().today())
}

/// A draft (and its commitments and committees) deleted; anything sent
/// for signature is kept.
pub fn delete(app: &App, req: IdRequest) -> AppResult<()> {
    let mut store = app.store();
    let c = live(&store, req.id)?;
    ensure_draft(&c.data)?;
    let commitments = store.commitments_of(req.id)?;
    let committees = store.committees_of(req.id)?;
    store.write(|w| {
        for k in &commitments {
            w.delete::<Commitment>(k.id)?;
        }
        for m in &committees {
            w.delete::<CommitteeMeeting>(m.id)?;
        }
        w.delete::<Convention>(req.id).map_err(AppError::from)
    })
}

pub fn transition(app: &App, req: TransitionRequest) -> AppResult<ConventionDetail> {
    let today = app.clock().today();
    let mut store = app.store();
    let current = live(&store, req.id)?;
    let to =
        req.to.ok_or_else(|| AppError::field("required", "to", "Statut : choisissez le nouveau statut."))?;
    let mut next = current.data.clone();
    match to {
        ConventionStatus::Signee => next.signed_on = req.signed_on.or(next.signed_on),
        // An avenant keeps the convention's start: it takes effect on its own date.
        ConventionStatus::Active if next.is_amendment() => {
            next.amends_from = req.starts_on.or(next.amends_from).or(next.signed_on)
        }
        ConventionStatus::Active => next.starts_on = req.starts_on.or(next.starts_on).or(next.signed_on),
        ConventionStatus::Resiliee => {
            next.terminated_on = req.terminated_on;
            next.termination_reason = req
                .termination_reason
                .as_deref()
                .map(str::trim)
                .filter(|r| !r.is_empty())
                .map(str::to_string);
        }
        _ => {}
    }
    let commitments = store.commitments_of(req.id)?;
    let facts = LifecycleFacts {
        partners: next.partner_ids.len(),
        signatories: next.signatories.len(),
        commitments: commitments.len(),
        duration_months: next.duration_months,
        signed_on: next.signed_on,
        starts_on: next.starts_on,
        ends_on: next.ends_on(),
        terminated_on: next.terminated_on,
        termination_reason: next.termination_reason.clone(),
        deliberation: next.cp_number.is_some() && next.cp_date.is_some(),
        amendment: next.is_amendment().then_some((next.amendment_purpose.is_some(), next.amends_from)),
    };
    check_transition(current.data.status, to, &facts, today)?;
    // Commitment years follow the dates: none may fall outside them.
    if let (Some(from), Some(until)) = (next.starts_on, next.ends_on()) {
        let (y0, y1) = years_of(from, until);
        if let Some(k) =
            commitments.iter().find(|k| k.data.targets.iter().any(|t| t.year < y0 || t.year > y1))
        {
            return Err(AppError::field(
                "year_out_of_range",
                "starts_on",
                format!(
                    "Date d'effet : l'engagement « {} » a des objectifs hors de la période {y0}–{y1} ; corrigez-les (avenant) ou la date.",
                    k.data.label
                ),
            ));
        }
    }
    next.status = to;
    // A signed avenant amends the version before it, which says so.
    let amended = match (to, next.previous_id) {
        (ConventionStatus::Signee, Some(previous)) => {
            let p = live(&store, previous)?;
            Some((previous, Convention { amended_by_id: Some(req.id), ..p.data }))
        }
        _ => None,
    };
    store.write(|w| {
        w.update(req.id, &next)?;
        if let Some((previous, p)) = &amended {
            w.update(*previous, p)?;
        }
        Ok::<_, AppError>(())
    })?;
    detail(&store, req.id, today)
}

/// Drafts an avenant: the next version, a copy of this one and of its
/// commitments, to amend and sign again.
pub fn amend(app: &App, req: IdRequest) -> AppResult<ConventionDetail> {
    let mut store = app.store();
    let current = live(&store, req.id)?;
    if !current.data.status.can_be_amended() {
        return Err(AppError::field(
            "not_amendable",
            "status",
            format!(
                "Statut : une convention {} ne peut pas faire l'objet d'un avenant (seulement signée ou active).",
                current.data.status.label().to_lowercase()
            ),
        ));
    }
    if store.convention_versions(req.id)?.last().is_some_and(|v| v.0 != req.id) {
        return Err(AppError::new(
            "not_latest",
            "Un avenant existe déjà pour cette version : complétez-le plutôt que d'en créer un second.",
        ));
    }
    let commitments = store.commitments_of(req.id)?;
    let next = current.data.amendment(req.id);
    let id = new_row_id();
    store.write(|w| {
        w.create(id, &next)?;
        // The commitments and what was achieved so far go with it.
        for k in &commitments {
            w.create(new_row_id(), &Commitment { convention_id: id, ..k.data.clone() })?;
        }
        Ok::<_, AppError>(())
    })?;
    detail(&store, id, app.clock().today())
}

pub fn save_commitment(app: &App, req: SaveCommitmentRequest) -> AppResult<ConventionDetail> {
    let mut store = app.store();
    let convention_id = req
        .input
        .convention_id
        .ok_or_else(|| AppError::field("required", "convention_id", "Convention : choisissez-la."))?;
    let c = live(&store, convention_id)?;
    ensure_draft(&c.data)?;
    let mut k = Commitment::validate(&req.input, draft_years(&c.data, app.clock().today()))?;
    let existing = store.commitments_of(convention_id)?;
    store.write(|w| match req.id {
        Some(id) => {
            let old = w.get_live::<Commitment>(id).map_err(|_| AppError::not_found("Engagement"))?;
            if old.data.convention_id != convention_id {
                return Err(AppError::field("read_only", "convention_id", "Convention : ne se change pas."));
            }
            k.position = old.data.position;
            k.actuals = old.data.actuals;
            w.update(id, &k).map(drop).map_err(AppError::from)
        }
        None => {
            k.position = existing.iter().map(|e| e.data.position + 1).max().unwrap_or(1);
            w.create(new_row_id(), &k).map_err(AppError::from)
        }
    })?;
    detail(&store, convention_id, app.clock().today())
}

pub fn delete_commitment(app: &App, req: IdRequest) -> AppResult<ConventionDetail> {
    let mut store = app.store();
    let k = store
        .get::<Commitment>(req.id)?
        .filter(|r| r.deleted_at.is_none())
        .ok_or_else(|| AppError::not_found("Engagement"))?;
    ensure_draft(&live(&store, k.data.convention_id)?.data)?;
    store.write(|w| w.delete::<Commitment>(req.id).map_err(AppError::from))?;
    detail(&store, k.data.convention_id, app.clock().today())
}

/// Records what was achieved in a year (signed conventions onwards).
pub fn set_actual(app: &App, req: SetActualRequest) -> AppResult<ConventionDetail> {
    let mut store = app.store();
    let k = store
        .get::<Commitment>(req.id)?
        .filter(|r| r.deleted_at.is_none())
        .ok_or_else(|| AppError::not_found("Engagement"))?;
    let c = live(&store, k.data.convention_id)?;
    if !c.data.status.records_actuals() {
        return Err(AppError::field(
            "not_signed",
            "actual",
            "Réalisé : il se saisit une fois la convention signée.",
        ));
    }
    if k.data.indicator.computed_from_records() {
        return Err(AppError::field(
            "computed",
            "actual",
            "Réalisé : cet indicateur est compté à partir des contacts consignés (type « événement ») ; consignez-les plutôt.",
        ));
    }
    let years = convention_years(&c.data).unwrap_or((req.year, req.year));
    let next = k.data.with_actual(req.year, req.actual, years)?;
    store.write(|w| w.update(req.id, &next).map(drop).map_err(AppError::from))?;
    detail(&store, k.data.convention_id, app.clock().today())
}

pub fn save_committee(app: &App, req: SaveCommitteeRequest) -> AppResult<ConventionDetail> {
    let m = CommitteeMeeting::validate(&req.input)?;
    let mut store = app.store();
    live(&store, m.convention_id)?;
    store.write(|w| match req.id {
        Some(id) => {
            let old = w.get_live::<CommitteeMeeting>(id).map_err(|_| AppError::not_found("Comité"))?;
            if old.data.convention_id != m.convention_id {
                return Err(AppError::field("read_only", "convention_id", "Convention : ne se change pas."));
            }
            w.update(id, &m).map(drop).map_err(AppError::from)
        }
        None => w.create(new_row_id(), &m).map_err(AppError::from),
    })?;
    detail(&store, m.convention_id, app.clock().today())
}

pub fn delete_committee(app: &App, req: IdRequest) -> AppResult<ConventionDetail> {
    let mut store = app.store();
    let m = store
        .get::<CommitteeMeeting>(req.id)?
        .filter(|r| r.deleted_at.is_none())
        .ok_or_else(|| AppError::not_found("Comité"))?;
    store.write(|w| w.delete::<CommitteeMeeting>(req.id).map_err(AppError::from))?;
    detail(&store, m.data.convention_id, app.clock().today())
}

pub fn export_pdf(app: &App, req: ExportRequest) -> AppResult<ExportResponse> {
    // The store is released before the layout: other commands need not wait.
    let doc = crate::documents::convention_doc(&app.store(), req.id, app.clock().today())?;
    let bytes = tremplin_documents::convention::render(&doc).map_err(crate::documents::render_error)?;
    write_file(&req.path, &bytes)
}

/// Writes a generated file where the officer asked, whole or not at all.
pub(crate) fn write_file(path: &str, bytes: &[u8]) -> AppResult<ExportResponse> {
    let path = PathBuf::from(path.trim());
    if path.as_os_str().is_empty() {
        return Err(AppError::field("required", "path", "Fichier : choisissez où enregistrer le PDF."));
    }
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(std::path::Path::new("."));
    let tmp = dir.join(format!(".{}.part", path.file_name().and_then(|n| n.to_str()).unwrap_or("document")));
    let io = |e: std::io::Error| {
        AppError::field("io", "path", format!("Fichier : impossible d'écrire {} ({e}).", path.display()))
    };
    // Nothing is left beside the chosen file, even when the write itself
    // fails half-way (a full disk).
    if let Err(e) = std::fs::write(&tmp, bytes).and_then(|()| std::fs::rename(&tmp, &path)) {
        let _ = std::fs::remove_file(&tmp);
        return Err(io(e));
    }
    Ok(ExportResponse { path: path.display().to_string(), bytes: bytes.len() as u64 })
}

fn live(store: &Store, id: Uuid) -> AppResult<Record<Convention>> {
    store
        .get::<Convention>(id)?
        .filter(|r| r.deleted_at.is_none())
        .ok_or_else(|| AppError::not_found("Convention"))
}

fn ensure_draft(c: &Convention) -> AppResult<()> {
    if c.status == ConventionStatus::Brouillon {
        return Ok(());
    }
    Err(AppError::field(
        "not_draft",
        "status",
        match c.status {
            ConventionStatus::EnSignature => {
                "Statut : la convention est en signature ; repassez-la en brouillon pour la modifier."
                    .to_string()
            }
            s => format!(
                "Statut : une convention {} ne se modifie plus ; rédigez un avenant.",
                s.label().to_lowercase()
            ),
        },
    ))
}

/// Calendar years a convention covers, once its dates are known.
pub(crate) fn convention_years(c: &Convention) -> Option<(i32, i32)> {
    Some(years_of(c.starts_on?, c.ends_on()?))
}

/// Years a draft's targets may take: its dates once known; before (the
/// start is set on activation, which checks the targets again), any year
/// from 2000 to ten years ahead.
fn draft_years(c: &Convention, today: NaiveDate) -> (i32, i32) {
    convention_years(c).unwrap_or((2000, today.year() + 10))
}

fn check_references(store: &Store, c: &Convention) -> AppResult<()> {
    for (ids, field, what) in [
        (&c.partner_ids, "partner_ids", "Partenaire"),
        (&c.third_party_ids, "third_party_ids", "Tiers"),
        (&c.establishment_ids, "establishment_ids", "Établissement"),
    ] {
        for id in ids {
            if store.get::<Organisation>(*id)?.is_none_or(|r| r.deleted_at.is_some()) {
                return Err(AppError::field(
                    "unknown_organisation",
                    field,
                    format!("{what} : organisation inconnue."),
                ));
            }
        }
    }
    if let Some(r) = c.referent_id
        && store.officer(r)?.is_none()
    {
        return Err(AppError::field(
            "unknown_officer",
            "referent_id",
            "Référent(e) : agent inconnu sur ce poste.",
        ));
    }
    let dts = store.directions_territoriales()?;
    if let Some(t) = c.territories.iter().find(|t| !dts.iter().any(|d| &d.code == *t)) {
        return Err(AppError::field(
            "unknown_dt",
            "territories",
            format!("Territoires : « {t} » n'est pas une direction territoriale."),
        ));
    }
    Ok(())
}

/// Progress of each commitment on `today`, actuals computed where the
/// records exist.
pub(crate) fn commitment_views(
    store: &Store,
    id: Uuid,
    c: &Convention,
    today: NaiveDate,
) -> AppResult<Vec<CommitmentView>> {
    let commitments = store.commitments_of(id)?;
    let dates = c.starts_on.zip(c.ends_on());
    let counts = |i: Indicator| i.computed_from_records() || i.recorded_alongside();
    let (reach, lineage) = if commitments.iter().any(|k| counts(k.data.indicator)) {
        let lineage = store.convention_versions(id)?.into_iter().map(|(v, _, _)| v).collect();
        (covered_organisations(store, c)?, lineage)
    } else {
        (Vec::new(), Vec::new())
    };
    // The hires counting for it, read once for every year and indicator.
    let hires = match dates {
        Some((from, to)) if commitments.iter().any(|k| k.data.indicator.counts_hires()) => {
            store.hire_terms_for_conventions(&lineage, from, to)?
        }
        _ => Vec::new(),
    };
    let records = Records { reach: &reach, lineage: &lineage, hires: &hires };
    let mut out = Vec::with_capacity(commitments.len());
    for k in commitments {
        let computed = k.data.indicator.computed_from_records();
        let mut years = Vec::new();
        if let Some((from, to)) = dates {
            for t in &k.data.targets {
                let counted = if counts(k.data.indicator) {
                    Some(actual_from_records(store, k.data.indicator, &records, t.year, from, to)?)
                } else {
                    None
                };
                let (actual, recorded) = match counted {
                    Some(n) if computed => (n, None),
                    _ => (k.data.entered_actual(t.year).unwrap_or(0), counted),
                };
                years.push(YearProgress {
                    year: t.year,
                    progress: progress(t.target, actual, t.year, from, to, today),
                    recorded,
                });
            }
        }
        out.push(CommitmentView { id: k.id, data: k.data, computed, years });
    }
    Ok(out)
}

/// The organisations whose records count for a convention: its partners
/// and covered establishments, with everything below them.
pub(crate) fn covered_organisations(store: &Store, c: &Convention) -> AppResult<Vec<Uuid>> {
    reach_of_all(store, c.partner_ids.iter().chain(&c.establishment_ids))
}

/// These organisations with everything below them, each once.
pub(crate) fn reach_of_all<'a>(
    store: &Store,
    ids: impl IntoIterator<Item = &'a Uuid>,
) -> AppResult<Vec<Uuid>> {
    let mut out: Vec<Uuid> = Vec::new();
    for id in ids {
        for r in store.reach_of(*id)? {
            if !out.contains(&r) {
                out.push(r);
            }
        }
    }
    Ok(out)
}

/// What a convention's actuals are counted from: the organisations it
/// covers, its versions, the hires counting for it.
pub(crate) struct Records<'a> {
    pub reach: &'a [Uuid],
    pub lineage: &'a [Uuid],
    pub hires: &'a [HireTerms],
}

/// An indicator's actual for `year`, counted from the records, within the
/// convention's dates.
pub(crate) fn actual_from_records(
    store: &Store,
    indicator: Indicator,
    records: &Records<'_>,
    year: i32,
    from: NaiveDate,
    to: NaiveDate,
) -> AppResult<u32> {
    let Records { reach, lineage, hires } = *records;
    let start = from.max(NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(from));
    let end = to.min(NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(to));
    if end < start {
        return Ok(0);
    }
    Ok(match indicator {
        Indicator::JobDatings => store.event_count(reach, start, end)?,
        i if i.counts_hires() => {
            // A hire counts for the one convention it names (any version),
            // in the year it started.
            hires.iter().filter(|h| h.starts_on >= start && h.starts_on <= end && i.counts_hire(h)).count()
                as u32
        }
        Indicator::Parrains => store.mentors_mobilised(reach, lineage, start, end)?,
        _ => 0,
    })
}

pub(crate) fn detail(store: &Store, id: Uuid, today: NaiveDate) -> AppResult<ConventionDetail> {
    let r = live(store, id)?;
    let c = &r.data;
    let versions: Vec<VersionRef> = store
        .convention_versions(id)?
        .into_iter()
        .map(|(id, version_no, status)| VersionRef { id, version_no, status })
        .collect();
    let latest = versions.last().is_none_or(|v| v.id == id);
    let dts = store.directions_territoriales()?;
    Ok(ConventionDetail {
        id,
        ends_on: c.ends_on(),
        partners: store.organisation_summaries(&c.partner_ids)?,
        third_parties: store.organisation_summaries(&c.third_party_ids)?,
        establishments: store.organisation_summaries(&c.establishment_ids)?,
        referent_name: c.referent_id.map(|o| store.officer(o)).transpose()?.flatten().map(|o| o.display_name),
        territory_names: c
            .territories
            .iter()
            .map(|t| dts.iter().find(|d| &d.code == t).map_or(t.clone(), |d| d.label.clone()))
            .collect(),
        commitments: commitment_views(store, id, c, today)?,
        committees: store
            .committees_of(id)?
            .into_iter()
            .map(|m| CommitteeView { id: m.id, data: m.data })
            .collect(),
        next_statuses: c.status.next().to_vec(),
        editable: c.status == ConventionStatus::Brouillon,
        can_amend: c.status.can_be_amended() && latest,
        records_actuals: c.status.records_actuals(),
        versions,
        data: r.data,
    })
}
