//! Reference data for forms and filters: communes, DT, EPCI, and the labels
//! of the domain's enumerations.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use tremplin_domain::account::ObjectiveStatus;
use tremplin_domain::candidacy::{CandidacyStage, NotRetainedReason};
use tremplin_domain::commitment::Indicator;
use tremplin_domain::committee::CommitteeKind;
use tremplin_domain::contact::ContactLevel;
use tremplin_domain::convention::ConventionStatus;
use tremplin_domain::event::{EventKind, EventStatus, InvitationStatus};
use tremplin_domain::hire::JobEndReason;
use tremplin_domain::interaction::Channel;
use tremplin_domain::need::{AbandonReason, NeedContract, NeedSource, NeedStatus, PreHireTraining};
use tremplin_domain::organisation::{HEADCOUNT_BANDS, OrgKind, OrgStatus, PartnerType};
use tremplin_domain::person::ConsentHow;
use tremplin_domain::project::ProjectStatus;
use tremplin_store::reference::{CodeLabel, Commune};

use crate::app::App;
use crate::error::AppResult;

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct CommuneSearchRequest {
    /// Start of a name, an INSEE code or a postcode.
    pub query: String,
    pub limit: u32,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct NafSearchRequest {
    /// Start of a code (« 47.11 », « 4711 ») or words of the activity.
    pub query: String,
    pub limit: u32,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct RomeSearchRequest {
    /// Start of a code (« K2204 ») or words of the job.
    pub query: String,
    /// The employer's NAF activity: the jobs met in its division come
    /// first (all of them while `query` is blank).
    pub naf_code: Option<String>,
    pub limit: u32,
}

/// Everything a form needs to fill its choice lists, in French.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ReferenceLists {
    pub directions_territoriales: Vec<CodeLabel>,
    pub epcis: Vec<CodeLabel>,
    pub organisation_kinds: Vec<CodeLabel>,
    pub organisation_statuses: Vec<CodeLabel>,
    pub partner_types: Vec<CodeLabel>,
    pub channels: Vec<CodeLabel>,
    pub headcount_bands: Vec<CodeLabel>,
    /// Officers known to this device (id → name).
    pub officers: Vec<CodeLabel>,
    pub contact_levels: Vec<CodeLabel>,
    pub convention_statuses: Vec<CodeLabel>,
    /// Annex 2 indicators; `unit` in the label after " | ".
    pub indicators: Vec<IndicatorLabel>,
    pub committee_kinds: Vec<CodeLabel>,
    pub objective_statuses: Vec<CodeLabel>,
    /// The ROME's grands domaines (the first letter of a fiche's code).
    pub rome_grands_domaines: Vec<CodeLabel>,
    pub need_contracts: Vec<CodeLabel>,
    /// Contracts with an end, whose duration the need form asks.
    pub fixed_term_contracts: Vec<NeedContract>,
    /// The board's columns, in order.
    pub need_statuses: Vec<CodeLabel>,
    pub abandon_reasons: Vec<CodeLabel>,
    pub need_sources: Vec<CodeLabel>,
    pub pre_hire_trainings: Vec<CodeLabel>,
    pub candidacy_stages: Vec<CodeLabel>,
    pub not_retained_reasons: Vec<CodeLabel>,
    pub end_reasons: Vec<CodeLabel>,
    pub consent_hows: Vec<CodeLabel>,
    pub event_kinds: Vec<CodeLabel>,
    pub event_statuses: Vec<CodeLabel>,
    pub invitation_statuses: Vec<CodeLabel>,
    pub project_statuses: Vec<CodeLabel>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct IndicatorLabel {
    pub code: String,
    pub label: String,
    pub unit: String,
    /// Counted from the records (hires, events, parrains) rather than entered.
    pub computed: bool,
}

pub fn communes(app: &App, req: CommuneSearchRequest) -> AppResult<Vec<Commune>> {
    Ok(app.reader().find_communes(&req.query, if req.limit == 0 { 20 } else { req.limit.min(100) })?)
}

/// NAF rev. 2 sous-classes for the activity field's autocomplete.
pub fn naf(app: &App, req: NafSearchRequest) -> AppResult<Vec<CodeLabel>> {
    Ok(app.reader().find_naf(&req.query, if req.limit == 0 { 20 } else { req.limit.min(100) })?)
}

/// ROME 4.0 fiches for a job field's autocomplete: those usual for the
/// employer's activity first, then the others that match.
pub fn rome(app: &App, req: RomeSearchRequest) -> AppResult<Vec<CodeLabel>> {
    let limit = if req.limit == 0 { 20 } else { req.limit.min(100) } as usize;
    let store = app.reader();
    let mut found = match req.naf_code.as_deref() {
        Some(naf) => store.rome_for_naf(naf, &req.query, limit as u32)?,
        None => Vec::new(),
    };
    if found.len() < limit && !req.query.trim().is_empty() {
        for fiche in store.find_rome(&req.query, limit as u32)? {
            if found.len() == limit {
                break;
            }
            if !found.iter().any(|f| f.code == fiche.code) {
                found.push(fiche);
            }
        }
    }
    Ok(found)
}

pub fn lists(app: &App) -> AppResult<ReferenceLists> {
    let store = app.reader();
    let cl = |code: &str, label: &str| CodeLabel { code: code.into(), label: label.into() };
    Ok(ReferenceLists {
        directions_territoriales: store.directions_territoriales()?,
        epcis: store.epcis()?,
        organisation_kinds: OrgKind::ALL.iter().map(|k| cl(k.as_str(), k.label())).collect(),
        organisation_statuses: OrgStatus::ALL.iter().map(|s| cl(s.as_str(), s.label())).collect(),
        partner_types: PartnerType::ALL.iter().map(|p| cl(p.as_str(), p.label())).collect(),
        channels: Channel::ALL.iter().map(|c| cl(c.as_str(), c.label())).collect(),
        headcount_bands: HEADCOUNT_BANDS.iter().map(|(c, l)| cl(c, l)).collect(),
        officers: store.officer_labels()?,
        contact_levels: ContactLevel::ALL.iter().map(|c| cl(c.as_str(), c.label())).collect(),
        convention_statuses: ConventionStatus::ALL.iter().map(|c| cl(c.as_str(), c.label())).collect(),
        indicators: Indicator::ALL
            .iter()
            .map(|i| IndicatorLabel {
                code: serde_name(i),
                label: i.label().into(),
                unit: i.unit().into(),
                computed: i.computed_from_records(),
            })
            .collect(),
        committee_kinds: [CommitteeKind::Copil, CommitteeKind::ComiteTechnique]
            .iter()
            .map(|k| cl(&serde_name(k), k.label()))
            .collect(),
        objective_statuses: [
            ObjectiveStatus::Prevu,
            ObjectiveStatus::EnCours,
            ObjectiveStatus::Atteint,
            ObjectiveStatus::Abandonne,
        ]
        .iter()
        .map(|k| cl(&serde_name(k), k.label()))
        .collect(),
        rome_grands_domaines: store.rome_grands_domaines()?,
        need_contracts: NeedContract::ALL.iter().map(|k| cl(k.as_str(), k.label())).collect(),
        fixed_term_contracts: NeedContract::ALL.into_iter().filter(|k| k.is_fixed_term()).collect(),
        need_statuses: NeedStatus::ALL.iter().map(|k| cl(k.as_str(), k.label())).collect(),
        abandon_reasons: AbandonReason::ALL.iter().map(|k| cl(k.as_str(), k.label())).collect(),
        need_sources: NeedSource::ALL.iter().map(|k| cl(k.as_str(), k.label())).collect(),
        pre_hire_trainings: PreHireTraining::ALL.iter().map(|k| cl(k.as_str(), k.label())).collect(),
        candidacy_stages: CandidacyStage::ALL.iter().map(|k| cl(k.as_str(), k.label())).collect(),
        not_retained_reasons: NotRetainedReason::ALL.iter().map(|k| cl(k.as_str(), k.label())).collect(),
        end_reasons: JobEndReason::ALL.iter().map(|k| cl(k.as_str(), k.label())).collect(),
        consent_hows: ConsentHow::ALL.iter().map(|k| cl(&serde_name(k), k.label())).collect(),
        event_kinds: EventKind::ALL.iter().map(|k| cl(k.as_str(), k.label())).collect(),
        event_statuses: EventStatus::ALL.iter().map(|k| cl(k.as_str(), k.label())).collect(),
        invitation_statuses: InvitationStatus::ALL.iter().map(|k| cl(k.as_str(), k.label())).collect(),
        project_statuses: ProjectStatus::ALL.iter().map(|k| cl(k.as_str(), k.label())).collect(),
    })
}

/// An enum's wire name (its serde name).
fn serde_name(v: &impl Serialize) -> String {
    serde_json::to_value(v).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}
