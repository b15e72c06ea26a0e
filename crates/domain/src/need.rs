//! Employers' recruitment needs (« besoins de recrutement »): a job an
//! employer wants to fill — its ROME fiche and title, how many positions,
//! the contract offered, where and from when, what it asks of candidates —
//! and where it stands in the placement pipeline (docs/placement.md).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::cie::check_weekly_hours;
use crate::error::{Checks, ValidationError, ValidationResult, optional_text, required_text};
use crate::ids::RowId;
use crate::person::rome_code;
use crate::synced::{DeleteRule, EntityDef, Synced, flag, json, one, parse, text};
use crate::territory::CommuneCode;

/// The contract the employer offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum NeedContract {
    Cdi,
    Cdd,
    Interim,
    Alternance,
    CuiCie,
    PecCae,
    Iae,
    Autre,
}

impl NeedContract {
    pub const ALL: [Self; 8] = [
        Self::Cdi,
        Self::Cdd,
        Self::Interim,
        Self::Alternance,
        Self::CuiCie,
        Self::PecCae,
        Self::Iae,
        Self::Autre,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Cdi => "cdi",
            Self::Cdd => "cdd",
            Self::Interim => "interim",
            Self::Alternance => "alternance",
            Self::CuiCie => "cui_cie",
            Self::PecCae => "pec_cae",
            Self::Iae => "iae",
            Self::Autre => "autre",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Cdi => "CDI",
            Self::Cdd => "CDD",
            Self::Interim => "Intérim",
            Self::Alternance => "Alternance",
            Self::CuiCie => "CUI-CIE",
            Self::PecCae => "PEC-CAE",
            Self::Iae => "IAE (insertion par l'activité économique)",
            Self::Autre => "Autre",
        }
    }

    /// A contract with an end: its duration is part of the offer.
    pub fn is_fixed_term(self) -> bool {
        matches!(self, Self::Cdd | Self::Interim | Self::Alternance)
    }
}

/// Where a need stands, from its first mention to its end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum NeedStatus {
    /// Heard of (a visit, a call), not yet precise enough to look for people.
    #[default]
    AQualifier,
    Ouvert,
    CandidatsProposes,
    PourvuPartiellement,
    Pourvu,
    Abandonne,
}

impl NeedStatus {
    /// The board's columns, in order.
    pub const ALL: [Self; 6] = [
        Self::AQualifier,
        Self::Ouvert,
        Self::CandidatsProposes,
        Self::PourvuPartiellement,
        Self::Pourvu,
        Self::Abandonne,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::AQualifier => "a_qualifier",
            Self::Ouvert => "ouvert",
            Self::CandidatsProposes => "candidats_proposes",
            Self::PourvuPartiellement => "pourvu_partiellement",
            Self::Pourvu => "pourvu",
            Self::Abandonne => "abandonne",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::AQualifier => "À qualifier",
            Self::Ouvert => "Ouvert",
            Self::CandidatsProposes => "Candidats proposés",
            Self::PourvuPartiellement => "Pourvu partiellement",
            Self::Pourvu => "Pourvu",
            Self::Abandonne => "Abandonné",
        }
    }

    /// Still to work on (the dashboard's « my needs to fill »).
    pub fn is_open(self) -> bool {
        !matches!(self, Self::Pourvu | Self::Abandonne)
    }

    /// People may be put forward on it: qualified, neither filled nor dropped.
    pub fn takes_candidates(self) -> bool {
        self.is_open() && self != Self::AQualifier
    }

    /// The moves the pipeline allows. A need goes forward one step or
    /// several (a need filled straight from « ouvert »), back one step
    /// (a candidate withdrew), or is dropped from any open step; a filled
    /// or dropped need reopens as « ouvert » (the hire fell through, the
    /// employer called back). Qualifying comes first: nothing is filled or
    /// proposed for a need still « à qualifier ».
    pub fn may_move_to(self, to: Self) -> bool {
        use NeedStatus::*;
        match (self, to) {
            (a, b) if a == b => false,
            (AQualifier, Ouvert | Abandonne) => true,
            (AQualifier, _) => false,
            (Ouvert, _) => true,
            (CandidatsProposes, AQualifier) => false,
            (CandidatsProposes, _) => true,
            (PourvuPartiellement, AQualifier | PourvuPartiellement) => false,
            (PourvuPartiellement, _) => true,
            (Pourvu | Abandonne, Ouvert) => true,
            (Pourvu | Abandonne, _) => false,
        }
    }
}

/// Why a need was dropped (a list: no free text that could name a person).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AbandonReason {
    PosteSupprime,
    PourvuAutrement,
    EmployeurInjoignable,
    ProfilIntrouvable,
    ConditionsInadaptees,
    Autre,
}

impl AbandonReason {
    pub const ALL: [Self; 6] = [
        Self::PosteSupprime,
        Self::PourvuAutrement,
        Self::EmployeurInjoignable,
        Self::ProfilIntrouvable,
        Self::ConditionsInadaptees,
        Self::Autre,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::PosteSupprime => "poste_supprime",
            Self::PourvuAutrement => "pourvu_autrement",
            Self::EmployeurInjoignable => "employeur_injoignable",
            Self::ProfilIntrouvable => "profil_introuvable",
            Self::ConditionsInadaptees => "conditions_inadaptees",
            Self::Autre => "autre",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::PosteSupprime => "Poste supprimé ou reporté par l'employeur",
            Self::PourvuAutrement => "Pourvu par un autre canal",
            Self::EmployeurInjoignable => "Employeur injoignable",
            Self::ProfilIntrouvable => "Aucun profil correspondant",
            Self::ConditionsInadaptees => "Conditions de travail inadaptées (horaires, transport, salaire)",
            Self::Autre => "Autre motif",
        }
    }
}

/// Where the need came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum NeedSource {
    Visite,
    JobDating,
    Convention,
    GrandProjet,
    FranceTravail,
    Autre,
}

impl NeedSource {
    pub const ALL: [Self; 6] = [
        Self::Visite,
        Self::JobDating,
        Self::Convention,
        Self::GrandProjet,
        Self::FranceTravail,
        Self::Autre,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Visite => "visite",
            Self::JobDating => "job_dating",
            Self::Convention => "convention",
            Self::GrandProjet => "grand_projet",
            Self::FranceTravail => "france_travail",
            Self::Autre => "autre",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Visite => "Visite d'entreprise",
            Self::JobDating => "Job dating",
            Self::Convention => "Convention de partenariat",
            Self::GrandProjet => "Grand projet",
            Self::FranceTravail => "France Travail",
            Self::Autre => "Autre",
        }
    }
}

/// Training before the job, financed with the OPCO or France Travail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PreHireTraining {
    /// Préparation opérationnelle à l'emploi individuelle.
    Poei,
    /// Action de formation préalable au recrutement.
    Afpr,
    /// Préparation opérationnelle à l'emploi collective.
    Poec,
}

impl PreHireTraining {
    pub const ALL: [Self; 3] = [Self::Poei, Self::Afpr, Self::Poec];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Poei => "poei",
            Self::Afpr => "afpr",
            Self::Poec => "poec",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Poei => "POEI (préparation opérationnelle à l'emploi individuelle)",
            Self::Afpr => "AFPR (action de formation préalable au recrutement)",
            Self::Poec => "POEC (préparation opérationnelle à l'emploi collective)",
        }
    }
}

/// A need as the officer enters it.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct NeedInput {
    pub employer_id: Option<RowId>,
    pub rome_code: String,
    /// The precise title the employer uses (ROME 4.0 calls it the
    /// appellation; none is published in a package, so it is typed).
    pub job_title: String,
    pub positions: Option<u32>,
    pub contract: Option<NeedContract>,
    /// Weekly hours in hundredths (35 h = 3 500).
    pub weekly_hours_centi: Option<u32>,
    /// For a contract with an end.
    pub duration_months: Option<u32>,
    /// Where the job is (INSEE code), when not at the employer's address.
    pub commune_code: Option<String>,
    pub wished_start_on: Option<NaiveDate>,
    /// Licences and certificates asked (« permis B », « CACES R489 »).
    pub licences: Vec<String>,
    pub staggered_hours: bool,
    /// The workplace can be reached by public transport.
    pub public_transport: bool,
    pub training: Option<PreHireTraining>,
    pub opco: Option<String>,
    /// Until this date the employer keeps the job for the Département's
    /// candidates (« offre réservée »).
    pub reserved_until: Option<NaiveDate>,
    pub source: Option<NeedSource>,
    pub convention_id: Option<RowId>,
    /// The grand projet whose insertion clause it serves.
    pub project_id: Option<RowId>,
    /// Defaults to the officer entering it.
    pub owner_id: Option<RowId>,
    pub notes: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RecruitmentNeed {
    pub employer_id: RowId,
    pub rome_code: String,
    pub job_title: String,
    pub positions: u32,
    pub contract: NeedContract,
    pub weekly_hours_centi: Option<u32>,
    pub duration_months: Option<u32>,
    pub commune_code: Option<CommuneCode>,
    pub wished_start_on: Option<NaiveDate>,
    pub licences: Vec<String>,
    pub staggered_hours: bool,
    pub public_transport: bool,
    pub training: Option<PreHireTraining>,
    pub opco: Option<String>,
    pub reserved_until: Option<NaiveDate>,
    pub source: NeedSource,
    pub convention_id: Option<RowId>,
    #[serde(default)]
    pub project_id: Option<RowId>,
    pub owner_id: RowId,
    pub notes: Option<String>,
    pub status: NeedStatus,
    pub abandon_reason: Option<AbandonReason>,
    /// When it last moved in the pipeline, and who moved it.
    pub status_on: NaiveDate,
    pub status_by: RowId,
    /// How many people were put forward (any stage), counted by the server
    /// over every candidacy: officers outside a person's DT see the number,
    /// not who.
    #[serde(default)]
    pub candidate_count: u32,
}

/// More positions than this in one need is a typing slip.
const MAX_POSITIONS: u32 = 500;
const MAX_DURATION_MONTHS: u32 = 36;

impl RecruitmentNeed {
    /// A new need, « à qualifier » on `today`, owned by `officer` unless the
    /// input names another owner. Every field at fault is reported at once.
    pub fn create(input: &NeedInput, officer: RowId, today: NaiveDate) -> ValidationResult<Self> {
        let mut need = Self::from_input(input, officer, today)?;
        need.owner_id = input.owner_id.unwrap_or(officer);
        Ok(need)
    }

    /// The need with `input`'s fields, its pipeline state kept.
    pub fn edited(&self, input: &NeedInput) -> ValidationResult<Self> {
        let edited = Self::from_input(input, self.owner_id, self.status_on)?;
        Ok(Self {
            owner_id: input.owner_id.unwrap_or(self.owner_id),
            status: self.status,
            abandon_reason: self.abandon_reason,
            status_on: self.status_on,
            status_by: self.status_by,
            candidate_count: self.candidate_count,
            ..edited
        })
    }

    fn from_input(input: &NeedInput, officer: RowId, today: NaiveDate) -> ValidationResult<Self> {
        let mut c = Checks::default();
        if input.employer_id.is_none() {
            c.push(ValidationError::new(
                "required",
                "employer_id",
                "Employeur : choisissez l'employeur qui recrute.",
            ));
        }
        let rome = c.take(rome_code(&input.rome_code, "rome_code"));
        let job_title = c.take(required_text(&input.job_title, "job_title", "Intitulé du poste", 160));
        let positions = input.positions.unwrap_or(1);
        if positions == 0 || positions > MAX_POSITIONS {
            c.push(ValidationError::new(
                "out_of_range",
                "positions",
                format!("Postes : entre 1 et {MAX_POSITIONS}."),
            ));
        }
        let contract = input.contract;
        if contract.is_none() {
            c.push(ValidationError::new(
                "required",
                "contract",
                "Contrat : choisissez le type de contrat proposé.",
            ));
        }
        if let Some(h) = input.weekly_hours_centi {
            c.take(check_weekly_hours(h, "weekly_hours_centi"));
        }
        if let Some(m) = input.duration_months
            && (m == 0 || m > MAX_DURATION_MONTHS)
        {
            c.push(ValidationError::new(
                "out_of_range",
                "duration_months",
                format!("Durée : entre 1 et {MAX_DURATION_MONTHS} mois."),
            ));
        }
        let commune_code = match input.commune_code.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(code) => c.take(CommuneCode::parse(code)),
        };
        let licences = c.value(licences(&input.licences));
        let opco = c.value(optional_text(input.opco.as_deref(), "opco", "OPCO", 100));
        if input.opco.as_deref().is_some_and(|o| !o.trim().is_empty()) && input.training.is_none() {
            c.push(ValidationError::new(
                "required",
                "training",
                "Formation préalable : choisissez la POEI, l'AFPR ou la POEC que finance cet OPCO.",
            ));
        }
        let source = input.source;
        if source.is_none() {
            c.push(ValidationError::new("required", "source", "Origine : d'où vient ce besoin ?"));
        }
        let notes = c.value(optional_text(input.notes.as_deref(), "notes", "Notes", 5_000));
        c.finish()?;
        Ok(Self {
            employer_id: input.employer_id.unwrap_or_default(),
            rome_code: rome.unwrap_or_default(),
            job_title: job_title.unwrap_or_default(),
            positions,
            contract: contract.unwrap_or(NeedContract::Autre),
            weekly_hours_centi: input.weekly_hours_centi,
            duration_months: input
                .duration_months
                .filter(|_| contract.is_some_and(NeedContract::is_fixed_term)),
            commune_code,
            wished_start_on: input.wished_start_on,
            licences,
            staggered_hours: input.staggered_hours,
            public_transport: input.public_transport,
            training: input.training,
            opco,
            reserved_until: input.reserved_until,
            source: source.unwrap_or(NeedSource::Autre),
            convention_id: input.convention_id,
            project_id: input.project_id,
            owner_id: officer,
            notes,
            status: NeedStatus::AQualifier,
            abandon_reason: None,
            status_on: today,
            status_by: officer,
            candidate_count: 0,
        })
    }

    /// The need moved to `to` by `officer` on `today`; a dropped need says
    /// why, and only a dropped one.
    pub fn moved(
        &self,
        to: NeedStatus,
        reason: Option<AbandonReason>,
        officer: RowId,
        today: NaiveDate,
    ) -> ValidationResult<Self> {
        if !self.status.may_move_to(to) {
            return Err(ValidationError::new(
                "bad_move",
                "status",
                format!("Statut : un besoin « {} » ne passe pas à « {} ».", self.status.label(), to.label()),
            ));
        }
        let abandon_reason = match (to, reason) {
            (NeedStatus::Abandonne, None) => {
                return Err(ValidationError::new(
                    "required",
                    "abandon_reason",
                    "Motif d'abandon : choisissez-le dans la liste.",
                ));
            }
            (NeedStatus::Abandonne, reason) => reason,
            (_, _) => None,
        };
        Ok(Self { status: to, abandon_reason, status_on: today, status_by: officer, ..self.clone() })
    }

    /// The fields as the form shows them.
    pub fn to_input(&self) -> NeedInput {
        NeedInput {
            employer_id: Some(self.employer_id),
            rome_code: self.rome_code.clone(),
            job_title: self.job_title.clone(),
            positions: Some(self.positions),
            contract: Some(self.contract),
            weekly_hours_centi: self.weekly_hours_centi,
            duration_months: self.duration_months,
            commune_code: self.commune_code.as_ref().map(|c| c.as_str().to_string()),
            wished_start_on: self.wished_start_on,
            licences: self.licences.clone(),
            staggered_hours: self.staggered_hours,
            public_transport: self.public_transport,
            training: self.training,
            opco: self.opco.clone(),
            reserved_until: self.reserved_until,
            source: Some(self.source),
            convention_id: self.convention_id,
            project_id: self.project_id,
            owner_id: Some(self.owner_id),
            notes: self.notes.clone(),
        }
    }

    /// A synced row, checked as a whole (what the server and a pull check).
    fn check_row(&self) -> ValidationResult<()> {
        Self::from_input(&self.to_input(), self.owner_id, self.status_on)?;
        if (self.status == NeedStatus::Abandonne) != self.abandon_reason.is_some() {
            return Err(ValidationError::new(
                "required",
                "abandon_reason",
                "Motif d'abandon : un besoin abandonné a son motif, et lui seul.",
            ));
        }
        Ok(())
    }
}

/// Licences asked: blanks dropped, each trimmed, a few short lines.
fn licences(items: &[String]) -> ValidationResult<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for item in items {
        if item.trim().is_empty() {
            continue;
        }
        out.push(required_text(item, "licences", "Permis et habilitations", 60)?);
    }
    if out.len() > 10 {
        return Err(ValidationError::new("too_many", "licences", "Permis et habilitations : 10 au plus."));
    }
    Ok(out)
}

impl Synced for RecruitmentNeed {
    const DEF: EntityDef = EntityDef {
        // Shared work: whoever entered it (or an administrator) deletes a
        // need typed by mistake; the others drop it with a reason.
        delete: DeleteRule::CreatorOrAdministrator,
        derived: &["candidate_count"],
        references: &[
            one("employer_id", "organisation"),
            one("convention_id", "convention"),
            one("project_id", "grand_project"),
        ],
        ..EntityDef::new(
            "recruitment_need",
            &[
                text("employer_id"),
                text("rome_code"),
                text("job_title"),
                text("positions"),
                text("contract"),
                text("weekly_hours_centi"),
                text("duration_months"),
                text("commune_code"),
                text("wished_start_on"),
                json("licences"),
                flag("staggered_hours"),
                flag("public_transport"),
                text("training"),
                text("opco"),
                text("reserved_until"),
                text("source"),
                text("convention_id"),
                text("project_id"),
                text("owner_id"),
                text("notes"),
                text("status"),
                text("abandon_reason"),
                text("status_on"),
                text("status_by"),
                text("candidate_count"),
            ],
            |d, _| parse::<RecruitmentNeed>(d)?.check_row(),
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

    fn bakery_need() -> NeedInput {
        NeedInput {
            employer_id: Some(new_row_id()),
            rome_code: "d1102".into(),
            job_title: " Boulanger de nuit ".into(),
            positions: Some(2),
            contract: Some(NeedContract::Cdd),
            weekly_hours_centi: Some(3_500),
            duration_months: Some(6),
            commune_code: Some("59183".into()),
            licences: vec!["Permis B".into(), " ".into()],
            staggered_hours: true,
            source: Some(NeedSource::Visite),
            ..NeedInput::default()
        }
    }

    #[test]
    fn a_need_is_created_to_qualify_with_its_fields_trimmed() {
        let me = new_row_id();
        let n = RecruitmentNeed::create(&bakery_need(), me, day("2026-11-30")).unwrap();
        assert_eq!((n.rome_code.as_str(), n.job_title.as_str()), ("D1102", "Boulanger de nuit"));
        assert_eq!(
            (n.status, n.owner_id, n.status_by, n.status_on),
            (NeedStatus::AQualifier, me, me, day("2026-11-30"))
        );
        assert_eq!(n.licences, ["Permis B"]);
        assert!(n.check_row().is_ok());
        // A CDI has no duration: a stale one from the form is dropped.
        let cdi = NeedInput { contract: Some(NeedContract::Cdi), ..bakery_need() };
        assert_eq!(RecruitmentNeed::create(&cdi, me, day("2026-11-30")).unwrap().duration_months, None);
    }

    #[test]
    fn every_field_at_fault_is_reported_at_once() {
        let input = NeedInput {
            rome_code: "boulanger".into(),
            positions: Some(0),
            weekly_hours_centi: Some(6_000),
            opco: Some("OPCO EP".into()),
            ..NeedInput::default()
        };
        let e = RecruitmentNeed::create(&input, new_row_id(), day("2026-11-30")).unwrap_err();
        let fields: Vec<&str> = e.all().map(|e| e.field).collect();
        assert_eq!(
            fields,
            [
                "employer_id",
                "rome_code",
                "job_title",
                "positions",
                "contract",
                "weekly_hours_centi",
                "training",
                "source"
            ]
        );
    }

    #[test]
    fn the_pipeline_allows_forward_back_one_step_drop_and_reopen() {
        use NeedStatus::*;
        assert!(AQualifier.may_move_to(Ouvert) && AQualifier.may_move_to(Abandonne));
        assert!(!AQualifier.may_move_to(CandidatsProposes) && !AQualifier.may_move_to(Pourvu));
        assert!(Ouvert.may_move_to(Pourvu) && CandidatsProposes.may_move_to(Ouvert));
        assert!(PourvuPartiellement.may_move_to(Pourvu) && !PourvuPartiellement.may_move_to(AQualifier));
        assert!(Pourvu.may_move_to(Ouvert) && !Pourvu.may_move_to(CandidatsProposes));
        assert!(Abandonne.may_move_to(Ouvert) && !Abandonne.may_move_to(Abandonne));

        let (me, other) = (new_row_id(), new_row_id());
        let n = RecruitmentNeed::create(&bakery_need(), me, day("2026-11-02")).unwrap();
        let e = n.moved(Pourvu, None, other, day("2026-11-30")).unwrap_err();
        assert_eq!((e.code, e.field), ("bad_move", "status"));
        let open = n.moved(Ouvert, Some(AbandonReason::Autre), other, day("2026-11-30")).unwrap();
        assert_eq!((open.status, open.abandon_reason, open.status_by), (Ouvert, None, other));
        assert_eq!(open.moved(Abandonne, None, me, day("2026-12-01")).unwrap_err().field, "abandon_reason");
        let dropped =
            open.moved(Abandonne, Some(AbandonReason::ProfilIntrouvable), me, day("2026-12-01")).unwrap();
        assert!(dropped.check_row().is_ok() && !dropped.status.is_open());
        // A row claiming a drop without its reason is refused (a pull or a push).
        let forged = RecruitmentNeed { abandon_reason: None, ..dropped };
        assert_eq!(forged.check_row().unwrap_err().field, "abandon_reason");
    }

    #[test]
    fn editing_keeps_the_pipeline_state() {
        let me = new_row_id();
        let n = RecruitmentNeed::create(&bakery_need(), me, day("2026-11-02"))
            .unwrap()
            .moved(NeedStatus::Ouvert, None, me, day("2026-11-03"))
            .unwrap();
        let edited = n.edited(&NeedInput { positions: Some(3), ..n.to_input() }).unwrap();
        assert_eq!(
            (edited.positions, edited.status, edited.status_on),
            (3, NeedStatus::Ouvert, day("2026-11-03"))
        );
    }
}
