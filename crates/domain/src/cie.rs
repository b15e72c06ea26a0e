//! An aided contract (CUI-CIE or CAE, docs/domain/aided-contracts.md « Contract record »): the employer, the
//! person, the job, the dates and hours, the tuteur and the référent,
//! renewals with their bilan, suspensions, incidents with their
//! declaration deadline — the legal limits of §1.2 and §1.3 checked field by
//! field — and the monthly aid lines with the parameters they were
//! computed with.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::aid::{self, AidSplit, BasisPoints, Day, Financing};
use crate::error::{Checks, ValidationError, ValidationResult, optional_text, required_text};
use crate::ids::RowId;
use crate::parameters::{AidRule, ContractType, DatedAmounts, pct};
use crate::person::rome_code;
use crate::synced::{EntityDef, ScopeRule, Synced, flag, json, many, one, parse, text};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Employment {
    #[default]
    Cdd,
    Cdi,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ContractStatus {
    /// Aid requested or decided, contract not started.
    #[default]
    Projet,
    EnCours,
    Suspendu,
    /// Ended before term (a « rupture » incident gives the date).
    Rompu,
    Termine,
}

impl ContractStatus {
    pub fn label(self) -> &'static str {
        match self {
            Self::Projet => "En projet",
            Self::EnCours => "En cours",
            Self::Suspendu => "Suspendu",
            Self::Rompu => "Rompu",
            Self::Termine => "Terminé",
        }
    }
}

/// A derogation to a legal limit, recorded as the provision applied — never
/// as the person's situation that justifies it (age, disability, a sentence
/// adjustment are health or justice data the record does not keep:
/// docs/domain/personal-data.md « Excluded data »). The aid decision that
/// grants it is named by `decision_reference`. The old values (which named
/// the situation) are still read and become these.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum LimitException {
    /// Fewer than 20 h a week (L5134-70-1 for a CIE, L5134-26 for a CAE).
    #[serde(alias = "senior60", alias = "difficultes_particulieres")]
    HoraireReduit,
    /// Up to 5 years (L5134-69-1 for a CIE, L5134-25-1 for a CAE).
    #[serde(alias = "age50_difficultes", alias = "rqth")]
    DureeCinqAns,
    /// Until the person can claim retirement (L5134-69-1, L5134-25-1).
    #[serde(alias = "age58")]
    JusquALaRetraite,
    /// A 3-month minimum instead of 6 (L5134-69-2 for a CIE, L5134-25 for a CAE).
    #[serde(alias = "amenagement_peine")]
    DureeMinimaleReduite,
    /// Extended to finish a training course, 60 months at most (R5134-58).
    FormationEnCours,
}

impl LimitException {
    pub const ALL: [Self; 5] = [
        Self::HoraireReduit,
        Self::DureeCinqAns,
        Self::JusquALaRetraite,
        Self::DureeMinimaleReduite,
        Self::FormationEnCours,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::HoraireReduit => "Moins de 20 h par semaine (L5134-70-1 CIE, L5134-26 CAE)",
            Self::DureeCinqAns => "Durée portée à 5 ans au plus (L5134-69-1 CIE, L5134-25-1 CAE)",
            Self::JusquALaRetraite => {
                "Prolongation jusqu'aux droits à la retraite (L5134-69-1 CIE, L5134-25-1 CAE)"
            }
            Self::DureeMinimaleReduite => "Durée minimale ramenée à 3 mois (L5134-69-2 CIE, L5134-25 CAE)",
            Self::FormationEnCours => "Prolongation pour achever une formation, 60 mois au plus (R5134-58)",
        }
    }
}

/// The employer's sworn statements that none of the exclusions of L5134-68
/// (CIE) or L5134-21-2 (CAE) applies.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct EmployerAttestations {
    /// No dismissal for economic reasons in the 6 months before the hire.
    pub no_economic_dismissal: bool,
    /// The hire does not replace a dismissed employee.
    pub not_replacing_dismissed: bool,
    /// Up to date with its social contributions.
    pub contributions_paid: bool,
}

impl EmployerAttestations {
    pub fn complete(self) -> bool {
        self.no_economic_dismissal && self.not_replacing_dismissed && self.contributions_paid
    }
}

/// The articles of the Code du travail a rule comes from, per contract type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Articles {
    pub hours: &'static str,
    pub minimum: &'static str,
    pub maximum: &'static str,
    pub tutor: &'static str,
    pub exclusions: &'static str,
    pub previous_bilan: &'static str,
}

pub fn articles(t: ContractType) -> Articles {
    match t {
        ContractType::Cie => Articles {
            hours: "L5134-70-1",
            minimum: "L5134-69-2",
            maximum: "L5134-69-1",
            tutor: "R5134-61",
            exclusions: "L5134-68",
            previous_bilan: "L5134-66-1",
        },
        ContractType::Cae => Articles {
            hours: "L5134-26",
            minimum: "L5134-25",
            maximum: "L5134-25-1",
            tutor: "R5134-38",
            exclusions: "L5134-21-2",
            previous_bilan: "L5134-21-1",
        },
    }
}

/// Employees one tuteur may follow at once (R5134-61 CIE, R5134-38 CAE).
pub const MAX_TUTORED: usize = 3;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct Renewal {
    #[ts(type = "string | null")]
    pub from: Option<NaiveDate>,
    #[ts(type = "string | null")]
    pub to: Option<NaiveDate>,
    /// The bilan of the support and training so far (L5134-67-2).
    #[ts(type = "string | null")]
    pub bilan_on: Option<NaiveDate>,
    pub bilan: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct Suspension {
    #[ts(type = "string | null")]
    pub from: Option<NaiveDate>,
    #[ts(type = "string | null")]
    pub to: Option<NaiveDate>,
    /// Share of pay kept (0: unpaid, no aid; R5134-67).
    pub paid_share_bp: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum IncidentKind {
    /// The contract ends before term: the aid stops that day.
    #[default]
    Rupture,
    Suspension,
}

impl IncidentKind {
    pub fn label(self) -> &'static str {
        match self {
            Self::Rupture => "Rupture",
            Self::Suspension => "Suspension",
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct Incident {
    pub kind: IncidentKind,
    #[ts(type = "string | null")]
    pub occurred_on: Option<NaiveDate>,
    /// When the employer declared it (R5134-53: within 7 clear days).
    #[ts(type = "string | null")]
    pub declared_on: Option<NaiveDate>,
    pub notes: Option<String>,
}

/// The parameters a month's line was computed with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LineParams {
    /// SMIC horaire in force in the month, from each date (usually one).
    pub smic: Vec<DatedCents>,
    pub rsa: Vec<DatedCents>,
    pub rate_bp: BasisPoints,
    pub weekly_hours_centi: u32,
    pub financing: Financing,
    pub rule_name: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DatedCents {
    #[ts(type = "string")]
    pub from: NaiveDate,
    pub cents: i64,
}

/// A begun month computed again after a retroactive revaluation: both
/// amounts, the parameter row that caused it, who recorded it and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LineRevision {
    /// "2023-04".
    pub month: String,
    pub old: AidSplit,
    pub new: AidSplit,
    pub parameter_id: RowId,
    pub by: RowId,
    #[ts(type = "string")]
    pub at: chrono::DateTime<chrono::Utc>,
}

/// One month of aid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AidLine {
    /// "2026-05".
    pub month: String,
    pub aid_cents: i64,
    pub dept_cents: i64,
    pub state_cents: i64,
    /// Days of the month the aid covers (a suspension's unpaid days excluded).
    pub due_days: u32,
    pub params: LineParams,
}

/// The contract. Also the form: [`AidedContract::check`] guards it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct AidedContract {
    pub contract_type: ContractType,
    /// The legal employer: an establishment, or a GE/GEIQ.
    pub employer_id: RowId,
    /// For a GE/GEIQ: the member establishments where the person works.
    pub user_establishment_ids: Vec<RowId>,
    pub person_id: RowId,
    pub rome_code: String,
    pub job_title: String,
    pub employment: Employment,
    #[ts(type = "string | null")]
    pub starts_on: Option<NaiveDate>,
    /// End of a CDD.
    #[ts(type = "string | null")]
    pub ends_on: Option<NaiveDate>,
    #[ts(type = "string | null")]
    pub aid_starts_on: Option<NaiveDate>,
    /// End of the initial aid (renewals extend it).
    #[ts(type = "string | null")]
    pub aid_ends_on: Option<NaiveDate>,
    /// When the aid was decided: before the work contract is signed.
    #[ts(type = "string | null")]
    pub aid_decided_on: Option<NaiveDate>,
    /// When the work contract was signed (the start date when not known).
    #[ts(type = "string | null")]
    pub signed_on: Option<NaiveDate>,
    pub contract_hours_centi: u32,
    pub rate_bp: BasisPoints,
    /// The aid rule applied (arrêté or CAOM).
    pub rule_id: Option<RowId>,
    pub exceptions: Vec<LimitException>,
    pub tutor_name: Option<String>,
    pub tutor_function: Option<String>,
    /// At least two years' professional experience (R5134-61).
    pub tutor_experienced: bool,
    pub referent_name: Option<String>,
    pub referent_organisation: Option<String>,
    /// Number of the aid decision (ASP / SYLAé file): the system of record.
    pub decision_reference: Option<String>,
    pub employer_attestations: EmployerAttestations,
    pub renewals: Vec<Renewal>,
    pub suspensions: Vec<Suspension>,
    pub incidents: Vec<Incident>,
    pub status: ContractStatus,
    /// The person's DT and the officers following the contract (need-to-know).
    pub dt_code: Option<String>,
    pub officer_ids: Vec<RowId>,
    /// Lines of months already begun, kept with their parameters.
    pub lines: Vec<AidLine>,
    pub notes: Option<String>,
    /// The bilan of the support and training actions of this contract: the
    /// employer's next aid waits for it (L5134-66-1 CIE, L5134-21-1 CAE).
    #[ts(type = "string | null")]
    pub bilan_on: Option<NaiveDate>,
    pub bilan: Option<String>,
    /// Begun months computed again after a retroactive revaluation.
    pub revisions: Vec<LineRevision>,
}

/// Weekly hours (in hundredths) of a contract or a simulation: more than
/// none, at most the 48 h legal maximum.
pub fn check_weekly_hours(hours_centi: u32, field: &'static str) -> ValidationResult<()> {
    if hours_centi == 0 || hours_centi > 4_800 {
        return Err(err(
            "out_of_range",
            field,
            "Durée hebdomadaire : entre 0 et 48 h (durée maximale du travail).",
        ));
    }
    Ok(())
}

fn err(code: &'static str, field: &'static str, message: impl Into<String>) -> ValidationError {
    ValidationError::new(code, field, message)
}

fn fr_date(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// The last day of a period of `months` months beginning on `from`, counted
/// from date to date: 1 January + 6 months ends on 30 June; 15 March + 6 on
/// 14 September; when the day does not exist in the last month (31 August
/// + 6), the period ends on that month's last day.
pub fn period_end(from: NaiveDate, months: u32) -> NaiveDate {
    match from.checked_add_months(Months::new(months)) {
        Some(d) if d.day() == from.day() => d.pred_opt().unwrap_or(d),
        Some(d) => d,
        None => NaiveDate::MAX,
    }
}

/// `from`–`to` lasts at least `months` months.
pub fn lasts_at_least(from: NaiveDate, to: NaiveDate, months: u32) -> bool {
    to >= period_end(from, months)
}

/// `from`–`to` lasts at most `months` months.
pub fn lasts_at_most(from: NaiveDate, to: NaiveDate, months: u32) -> bool {
    to <= period_end(from, months)
}

impl AidedContract {
    /// The fields that are wrong on their own, all at once (one submit shows
    /// them all); the rules between dates and periods follow in `check`.
    fn fields_at_fault(&self) -> ValidationResult<()> {
        let mut c = Checks::default();
        if self.employer_id.is_nil() {
            c.push(err("required", "employer_id", "Employeur : choisissez l'établissement employeur."));
        }
        if self.person_id.is_nil() {
            c.push(err("required", "person_id", "Personne : choisissez la personne embauchée."));
        }
        c.take(rome_code(&self.rome_code, "rome_code"));
        c.take(required_text(&self.job_title, "job_title", "Poste", 160));
        c.take(check_weekly_hours(self.contract_hours_centi, "contract_hours_centi"));
        c.take(self.contract_type.check_rate(self.rate_bp));
        if self.starts_on.is_none() {
            c.push(err("required", "starts_on", "Début du contrat : date obligatoire."));
        }
        if self.aid_ends_on.is_none() {
            c.push(err("required", "aid_ends_on", "Fin de l'aide : date obligatoire."));
        }
        c.finish()
    }

    /// The rules that need no other record. Returns the contract trimmed.
    pub fn check(mut self) -> ValidationResult<Self> {
        self.fields_at_fault()?;
        self.rome_code = rome_code(&self.rome_code, "rome_code")?;
        self.job_title = required_text(&self.job_title, "job_title", "Poste", 160)?;
        let start = self
            .starts_on
            .ok_or_else(|| err("required", "starts_on", "Début du contrat : date obligatoire."))?;
        let aid_start = self.aid_starts_on.unwrap_or(start);
        self.aid_starts_on = Some(aid_start);
        let aid_end = self
            .aid_ends_on
            .ok_or_else(|| err("required", "aid_ends_on", "Fin de l'aide : date obligatoire."))?;
        if aid_start < start {
            return Err(err(
                "date_order",
                "aid_starts_on",
                "Début de l'aide : l'aide ne commence pas avant le contrat.",
            ));
        }
        if aid_end < aid_start {
            return Err(err("date_order", "aid_ends_on", "Fin de l'aide : avant son début."));
        }
        let has = |e| self.exceptions.contains(&e);
        let art = articles(self.contract_type);
        let kind = self.contract_type.short();
        check_weekly_hours(self.contract_hours_centi, "contract_hours_centi")?;
        if self.contract_hours_centi < 2_000 && !has(LimitException::HoraireReduit) {
            return Err(err(
                "hours_below_minimum",
                "contract_hours_centi",
                format!(
                    "Durée hebdomadaire : 20 h au moins pour un {kind} ({}), sauf dérogation « {} ».",
                    art.hours,
                    LimitException::HoraireReduit.label()
                ),
            ));
        }
        self.contract_type.check_rate(self.rate_bp)?;
        // Contract end.
        match self.employment {
            Employment::Cdd => {
                let end = self
                    .ends_on
                    .ok_or_else(|| err("required", "ends_on", "Fin du contrat : obligatoire pour un CDD."))?;
                if end < start {
                    return Err(err("date_order", "ends_on", "Fin du contrat : avant son début."));
                }
            }
            Employment::Cdi => self.ends_on = None,
        }
        // Minimum duration, counted from date to date.
        let min_months = if has(LimitException::DureeMinimaleReduite) { 3 } else { 6 };
        if !lasts_at_least(aid_start, aid_end, min_months) {
            let derogation = if min_months == 3 { ", avec dérogation" } else { "" };
            return Err(err(
                "duration_below_minimum",
                "aid_ends_on",
                format!(
                    "Durée de l'aide : {min_months} mois au moins pour un {kind} ({}{derogation}) ; commencée le {}, \
                     elle court au moins jusqu'au {}.",
                    art.minimum,
                    fr_date(aid_start),
                    fr_date(period_end(aid_start, min_months))
                ),
            ));
        }
        // Renewals: contiguous, each with its bilan (L5134-67-2, R5134-56).
        let mut end = aid_end;
        for (i, r) in self.renewals.iter_mut().enumerate() {
            let n = i + 1;
            let (Some(from), Some(to)) = (r.from, r.to) else {
                return Err(err(
                    "required",
                    "renewals",
                    format!("Renouvellement {n} : dates de début et de fin."),
                ));
            };
            if from != end + Days::new(1) {
                return Err(err(
                    "renewal_gap",
                    "renewals",
                    format!(
                        "Renouvellement {n} : il commence le lendemain de la fin de la période précédente."
                    ),
                ));
            }
            if to < from {
                return Err(err("date_order", "renewals", format!("Renouvellement {n} : fin avant début.")));
            }
            if r.bilan_on.is_none_or(|b| b > from) || r.bilan.trim().is_empty() {
                let article = match self.contract_type {
                    ContractType::Cie => " (L5134-67-2)",
                    ContractType::Cae => " (L5134-25-1)",
                };
                return Err(err(
                    "renewal_without_bilan",
                    "renewals",
                    format!(
                        "Renouvellement {n} : le bilan des actions d'accompagnement et de formation, daté d'avant \
                         le renouvellement, est obligatoire{article}."
                    ),
                ));
            }
            r.bilan = required_text(&r.bilan, "renewals", "Bilan", 2_000)?;
            end = to;
        }
        // Maximum duration, renewals included, counted from date to date.
        let cap = if has(LimitException::JusquALaRetraite) {
            None
        } else if has(LimitException::DureeCinqAns) || has(LimitException::FormationEnCours) {
            Some((60, format!("5 ans au plus avec dérogation ({})", art.maximum)))
        } else {
            Some((24, format!("24 mois au plus, renouvellements compris ({}), sauf dérogation", art.maximum)))
        };
        if let Some((months, label)) = &cap
            && !lasts_at_most(aid_start, end, *months)
        {
            let field = if self.renewals.is_empty() { "aid_ends_on" } else { "renewals" };
            return Err(err(
                "duration_above_maximum",
                field,
                format!(
                    "Durée de l'aide : {label} ; commencée le {}, elle s'arrête au plus tard le {}.",
                    fr_date(aid_start),
                    fr_date(period_end(aid_start, *months))
                ),
            ));
        }
        if let (Employment::Cdd, Some(cdd_end)) = (self.employment, self.ends_on)
            && cdd_end < end
        {
            return Err(err(
                "aid_after_contract",
                "ends_on",
                "Fin du contrat : l'aide ne peut courir au-delà du CDD (prolongez le contrat avec l'aide).",
            ));
        }
        if let Some(cap) = cap.map(|c| c.0)
            && let (Employment::Cdd, Some(cdd_end)) = (self.employment, self.ends_on)
            && !lasts_at_most(start, cdd_end, cap)
        {
            return Err(err(
                "duration_above_maximum",
                "ends_on",
                format!("Durée du CDD : {cap} mois au plus."),
            ));
        }
        for s in &self.suspensions {
            let (Some(from), Some(to)) = (s.from, s.to) else {
                return Err(err("required", "suspensions", "Suspension : dates de début et de fin."));
            };
            if to < from || from < aid_start || to > end {
                return Err(err(
                    "date_order",
                    "suspensions",
                    "Suspension : elle tient dans la période d'aide, sa fin après son début.",
                ));
            }
            if s.paid_share_bp > 10_000 {
                return Err(err(
                    "out_of_range",
                    "suspensions",
                    "Suspension : part du salaire maintenue ≤ 100 %.",
                ));
            }
        }
        for i in &mut self.incidents {
            let occurred =
                i.occurred_on.ok_or_else(|| err("required", "incidents", "Incident : date obligatoire."))?;
            if occurred < start {
                return Err(err("date_order", "incidents", "Incident : avant le début du contrat."));
            }
            if i.declared_on.is_some_and(|d| d < occurred) {
                return Err(err("date_order", "incidents", "Incident : déclaré avant d'avoir eu lieu."));
            }
            i.notes = optional_text(i.notes.as_deref(), "incidents", "Incident", 1_000)?;
        }
        if self.status == ContractStatus::Rompu && self.rupture_on().is_none() {
            return Err(err(
                "rupture_without_incident",
                "status",
                "Statut : un contrat rompu a un incident « rupture » qui en donne la date.",
            ));
        }
        self.check_decision(start, art)?;
        let tutor = self.tutor_name.as_deref().map(str::trim).filter(|t| !t.is_empty());
        if tutor.is_none() && self.status != ContractStatus::Projet {
            return Err(err(
                "required",
                "tutor_name",
                format!("Tuteur : l'employeur en désigne un dès la demande d'aide ({}).", art.tutor),
            ));
        }
        if tutor.is_some() && !self.tutor_experienced {
            return Err(err(
                "tutor_experience",
                "tutor_experienced",
                format!("Tuteur : deux ans d'expérience professionnelle au moins ({}).", art.tutor),
            ));
        }
        self.tutor_name = optional_text(self.tutor_name.as_deref(), "tutor_name", "Tuteur", 120)?;
        self.tutor_function =
            optional_text(self.tutor_function.as_deref(), "tutor_function", "Fonction", 120)?;
        self.referent_name = optional_text(self.referent_name.as_deref(), "referent_name", "Référent", 120)?;
        self.referent_organisation = optional_text(
            self.referent_organisation.as_deref(),
            "referent_organisation",
            "Organisme du référent",
            160,
        )?;
        self.decision_reference =
            optional_text(self.decision_reference.as_deref(), "decision_reference", "N° de décision", 60)?;
        if !self.exceptions.is_empty() && self.decision_reference.is_none() {
            return Err(err(
                "required",
                "decision_reference",
                "N° de décision : une dérogation aux limites légales est accordée par la décision d'aide ; \
                 indiquez sa référence.",
            ));
        }
        self.exceptions.sort_by_key(|e| LimitException::ALL.iter().position(|a| a == e));
        self.exceptions.dedup();
        self.notes = optional_text(self.notes.as_deref(), "notes", "Observations", 2_000)?;
        self.bilan = optional_text(self.bilan.as_deref(), "bilan", "Bilan des actions", 2_000)?;
        match (self.bilan_on, &self.bilan) {
            (Some(on), Some(_)) if on < start => {
                return Err(err("date_order", "bilan_on", "Date du bilan : avant le début du contrat."));
            }
            (Some(_), None) => {
                return Err(err("required", "bilan", "Bilan des actions : le texte du bilan daté."));
            }
            (None, Some(_)) => return Err(err("required", "bilan_on", "Date du bilan : obligatoire.")),
            _ => {}
        }
        Ok(self)
    }

    /// The aid is decided before the work contract is signed (R5134-51 for
    /// a CIE; the same order for a CAE, whose article was not verified:
    /// docs/domain/aided-contracts.md « Order of events »), and the
    /// employer attests that no exclusion applies.
    fn check_decision(&self, start: NaiveDate, art: Articles) -> ValidationResult<()> {
        if let Some(signed) = self.signed_on
            && signed > start
        {
            return Err(err(
                "date_order",
                "signed_on",
                "Signature du contrat de travail : au plus tard le jour où il commence.",
            ));
        }
        let signed = self.signed_on.unwrap_or(start);
        match self.aid_decided_on {
            None if self.status != ContractStatus::Projet => {
                return Err(err(
                    "required",
                    "aid_decided_on",
                    "Date de la décision d'aide : obligatoire une fois le contrat conclu.",
                ));
            }
            Some(decided) if decided > signed => {
                let article = match self.contract_type {
                    ContractType::Cie => " (R5134-51)",
                    ContractType::Cae => "",
                };
                return Err(err(
                    "aid_after_signature",
                    "aid_decided_on",
                    format!(
                        "Date de la décision d'aide : l'aide est attribuée avant la signature du contrat de \
                         travail{article} ; décision du {}, contrat signé le {}.",
                        fr_date(decided),
                        fr_date(signed)
                    ),
                ));
            }
            _ => {}
        }
        if self.status != ContractStatus::Projet && !self.employer_attestations.complete() {
            return Err(err(
                "employer_attestations",
                "employer_attestations",
                format!(
                    "Attestations de l'employeur : aucune aide sans licenciement économique dans les 6 mois \
                     précédents, ni remplacement d'un salarié licencié, et cotisations sociales à jour ({}).",
                    art.exclusions
                ),
            ));
        }
        Ok(())
    }

    /// An earlier contract of the same employer, ended before this aid
    /// starts, whose bilan was not made by the time this aid was decided:
    /// the new aid waits for it (L5134-66-1 CIE, L5134-21-1 CAE).
    pub fn missing_previous_bilan<'a>(
        &self,
        others: impl IntoIterator<Item = &'a AidedContract>,
    ) -> Option<&'a AidedContract> {
        let start = self.aid_starts_on.or(self.starts_on)?;
        let decided = self.aid_decided_on.unwrap_or(start);
        others.into_iter().find(|o| {
            o.employer_id == self.employer_id
                && o.aid_period().is_some_and(|(_, end)| end < start)
                && o.bilan_on.is_none_or(|b| b > decided)
        })
    }

    /// The tuteur already follows [`MAX_TUTORED`] employees on the same kind
    /// of contract with this employer during this contract's aid.
    pub fn tutor_overloaded<'a>(&self, others: impl IntoIterator<Item = &'a AidedContract>) -> bool {
        let Some(tutor) = self.tutor_name.as_deref().map(crate::text::fold).filter(|t| !t.trim().is_empty())
        else {
            return false;
        };
        let Some((from, to)) = self.aid_period() else { return false };
        others
            .into_iter()
            .filter(|o| {
                o.employer_id == self.employer_id
                    && o.contract_type == self.contract_type
                    && o.tutor_name
                        .as_deref()
                        .map(crate::text::fold)
                        .is_some_and(|t| t.trim() == tutor.trim())
                    && o.aid_period().is_some_and(|(f, t)| f <= to && from <= t)
            })
            .count()
            >= MAX_TUTORED
    }

    /// The rules of the arrêté or CAOM the contract applies.
    pub fn check_rule(&self, rule: &AidRule) -> ValidationResult<()> {
        let start = self.aid_starts_on.or(self.starts_on);
        if rule.contract_type != self.contract_type {
            return Err(err(
                "rule_mismatch",
                "rule_id",
                format!("Règle d'aide : « {} » s'applique aux {}.", rule.name, rule.contract_type.short()),
            ));
        }
        if start.is_some_and(|s| !rule.applies_on(s)) {
            return Err(err(
                "rule_not_in_force",
                "rule_id",
                format!("Règle d'aide : « {} » ne s'applique pas à la date de début de l'aide.", rule.name),
            ));
        }
        if self.rate_bp > rule.rate_bp {
            return Err(err(
                "rate_above_rule",
                "rate_bp",
                format!("Taux : « {} » ({}) fixe {} % du SMIC.", rule.name, rule.source, pct(rule.rate_bp)),
            ));
        }
        let cap = match self.employment {
            Employment::Cdd => rule.max_months_cdd,
            Employment::Cdi => rule.max_months_cdi,
        };
        if let (Some(cap), Some(from), Some(to)) = (cap, start, self.aid_ends_on)
            && !lasts_at_most(from, to, cap)
        {
            return Err(err(
                "duration_above_rule",
                "aid_ends_on",
                format!(
                    "Durée initiale de l'aide : {cap} mois au plus pour un {} selon « {} » ({}).",
                    match self.employment {
                        Employment::Cdd => "CDD",
                        Employment::Cdi => "CDI",
                    },
                    rule.name,
                    rule.source
                ),
            ));
        }
        Ok(())
    }

    /// The contract without what identifies its person, kept for the audit
    /// of public accounts once the person is erased: the figures, dates,
    /// employer and job stay; the person, free texts and the référent go.
    pub fn anonymised(mut self) -> Self {
        self.person_id = RowId::nil();
        self.notes = None;
        self.bilan = None;
        self.referent_name = None;
        self.referent_organisation = None;
        for i in &mut self.incidents {
            i.notes = None;
        }
        for r in &mut self.renewals {
            r.bilan = String::new();
        }
        self
    }

    /// The fields [`AidedContract::anonymised`] changes.
    pub const ANONYMISED_FIELDS: [&'static str; 7] =
        ["person_id", "notes", "bilan", "referent_name", "referent_organisation", "incidents", "renewals"];

    /// The day a « rupture » incident ended the contract.
    pub fn rupture_on(&self) -> Option<NaiveDate> {
        self.incidents.iter().filter(|i| i.kind == IncidentKind::Rupture).filter_map(|i| i.occurred_on).min()
    }

    /// First and last day of aid: renewals extend it, a rupture cuts it.
    pub fn aid_period(&self) -> Option<(NaiveDate, NaiveDate)> {
        let start = self.aid_starts_on.or(self.starts_on)?;
        let mut end = self.renewals.iter().filter_map(|r| r.to).max().max(self.aid_ends_on)?;
        if let Some(r) = self.rupture_on() {
            end = end.min(r.pred_opt()?);
        }
        Some((start, end))
    }

    /// Weekly hours the aid covers under `rule`.
    pub fn covered_hours(&self, rule: &AidRule) -> u32 {
        aid::covered_hours(self.contract_hours_centi, rule.hours_cap_centi)
    }

    /// Share of the aid due on `day` (suspensions).
    fn due_on(&self, day: NaiveDate) -> u32 {
        self.suspensions
            .iter()
            .find(|s| s.from.is_some_and(|f| f <= day) && s.to.is_some_and(|t| day <= t))
            .map_or(10_000, |s| s.paid_share_bp)
    }

    /// Every month of aid. A month already in `self.lines` keeps the SMIC,
    /// RSA and financing it was computed with; the others take those in
    /// force. `None` in the error: the month lacks a SMIC or RSA amount.
    pub fn aid_lines(
        &self,
        rule: &AidRule,
        smic: &DatedAmounts,
        rsa: &DatedAmounts,
    ) -> Result<Vec<AidLine>, MissingParameter> {
        let Some((start, end)) = self.aid_period() else { return Ok(Vec::new()) };
        let hours = self.covered_hours(rule);
        let mut out = Vec::new();
        let mut first = start.with_day(1).unwrap_or(start);
        while first <= end {
            let next = first + Months::new(1);
            let last = next.pred_opt().unwrap_or(first);
            let month = format!("{:04}-{:02}", first.year(), first.month());
            let params = match self.lines.iter().find(|l| l.month == month) {
                Some(l) => {
                    LineParams { rate_bp: self.rate_bp, weekly_hours_centi: hours, ..l.params.clone() }
                }
                None => LineParams {
                    smic: in_month(smic, first, last, ParamName::Smic)?,
                    rsa: in_month(rsa, first, last, ParamName::Rsa)?,
                    rate_bp: self.rate_bp,
                    weekly_hours_centi: hours,
                    financing: rule.financing(hours),
                    rule_name: rule.name.clone(),
                },
            };
            let mut days = Vec::with_capacity(31);
            let mut due_days = 0;
            for d in first.iter_days().take_while(|d| *d <= last) {
                let due = if d < start || d > end { 0 } else { self.due_on(d) };
                due_days += u32::from(due > 0);
                days.push(Day {
                    smic_hourly_cents: at(&params.smic, d),
                    rsa_alone_cents: at(&params.rsa, d),
                    due_bp: due,
                });
            }
            let AidSplit { aid_cents, dept_cents, state_cents } =
                aid::split_days(&days, params.rate_bp, params.weekly_hours_centi, params.financing);
            out.push(AidLine { month, aid_cents, dept_cents, state_cents, due_days, params });
            first = next;
        }
        Ok(out)
    }

    /// After a retroactive revaluation from `from`: the begun months from
    /// that month on are computed again with the tables in force, the
    /// others keep theirs. Returns the revisions (months whose amounts
    /// changed), also appended to `self.revisions`.
    #[allow(clippy::too_many_arguments)]
    pub fn revise_from(
        &mut self,
        from: NaiveDate,
        rule: &AidRule,
        smic: &DatedAmounts,
        rsa: &DatedAmounts,
        today: NaiveDate,
        cause: (RowId, RowId, chrono::DateTime<chrono::Utc>),
    ) -> Result<Vec<LineRevision>, MissingParameter> {
        let first = format!("{:04}-{:02}", from.year(), from.month());
        let before = self.lines.clone();
        self.lines.retain(|l| l.month < first);
        let lines = match self.aid_lines(rule, smic, rsa) {
            Ok(l) => Self::begun_lines(l, today),
            Err(e) => {
                self.lines = before;
                return Err(e);
            }
        };
        let (parameter_id, by, at) = cause;
        let mut out = Vec::new();
        for new in lines.iter().filter(|l| l.month >= first) {
            if let Some(old) = before.iter().find(|o| o.month == new.month)
                && (old.aid_cents, old.dept_cents, old.state_cents)
                    != (new.aid_cents, new.dept_cents, new.state_cents)
            {
                out.push(LineRevision {
                    month: new.month.clone(),
                    old: AidSplit {
                        aid_cents: old.aid_cents,
                        dept_cents: old.dept_cents,
                        state_cents: old.state_cents,
                    },
                    new: AidSplit {
                        aid_cents: new.aid_cents,
                        dept_cents: new.dept_cents,
                        state_cents: new.state_cents,
                    },
                    parameter_id,
                    by,
                    at,
                });
            }
        }
        self.lines = lines;
        self.revisions.extend(out.iter().cloned());
        Ok(out)
    }

    /// Lines to keep: months begun by `today`.
    pub fn begun_lines(lines: Vec<AidLine>, today: NaiveDate) -> Vec<AidLine> {
        let this_month = format!("{:04}-{:02}", today.year(), today.month());
        lines.into_iter().filter(|l| l.month <= this_month).collect()
    }

    /// Incidents whose declaration is late: not declared past the deadline,
    /// or declared after it.
    pub fn late_incidents(&self, today: NaiveDate) -> Vec<(&Incident, NaiveDate)> {
        self.incidents
            .iter()
            .filter_map(|i| {
                let (deadline, late) = i.declaration(today)?;
                late.then_some((i, deadline))
            })
            .collect()
    }
}

impl Incident {
    /// The last day to declare it, and whether the declaration is late: not
    /// made past that day, or made after it.
    pub fn declaration(&self, today: NaiveDate) -> Option<(NaiveDate, bool)> {
        let deadline = declaration_deadline(self.occurred_on?);
        let late = match self.declared_on {
            None => today > deadline,
            Some(d) => d > deadline,
        };
        Some((deadline, late))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamName {
    Smic,
    Rsa,
}

/// A month lacks the amount of a parameter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingParameter {
    pub name: ParamName,
    pub day: NaiveDate,
}

impl std::fmt::Display for MissingParameter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let what = match self.name {
            ParamName::Smic => "SMIC horaire",
            ParamName::Rsa => "montant du RSA",
        };
        write!(f, "Paramètres : aucun {what} en vigueur au {}.", self.day.format("%d/%m/%Y"))
    }
}

fn in_month(
    table: &DatedAmounts,
    first: NaiveDate,
    last: NaiveDate,
    name: ParamName,
) -> Result<Vec<DatedCents>, MissingParameter> {
    let cents = table.on(first).ok_or(MissingParameter { name, day: first })?;
    let mut out = vec![DatedCents { from: first, cents }];
    for day in table.changes_within(first, last) {
        if let Some(cents) = table.on(day) {
            out.push(DatedCents { from: day, cents });
        }
    }
    Ok(out)
}

fn at(amounts: &[DatedCents], day: NaiveDate) -> i64 {
    amounts.iter().rev().find(|a| a.from <= day).or(amounts.first()).map_or(0, |a| a.cents)
}

/// The last day to declare an incident of `occurred_on`: a « délai franc »
/// of seven days (R5134-53) leaves out the day of the event and the last
/// day, so it ends on day + 8, pushed to the next working day when that is
/// a Saturday, a Sunday or a public holiday (Code de procédure civile 642).
pub fn declaration_deadline(occurred_on: NaiveDate) -> NaiveDate {
    let mut d = occurred_on + Days::new(8);
    while matches!(d.weekday(), Weekday::Sat | Weekday::Sun) || is_public_holiday(d) {
        d = d + Days::new(1);
    }
    d
}

/// French public holidays (métropole).
pub fn is_public_holiday(d: NaiveDate) -> bool {
    let fixed = [(1, 1), (5, 1), (5, 8), (7, 14), (8, 15), (11, 1), (11, 11), (12, 25)];
    if fixed.contains(&(d.month(), d.day())) {
        return true;
    }
    let easter = easter_sunday(d.year());
    [1, 39, 50].iter().any(|n| easter + Days::new(*n) == d)
}

/// Gregorian Easter Sunday (anonymous algorithm).
fn easter_sunday(year: i32) -> NaiveDate {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, month as u32, day as u32).unwrap_or_default()
}

impl Synced for AidedContract {
    const DEF: EntityDef = EntityDef {
        scope: ScopeRule::AboutPerson { via: Some("person_id") },
        // The monthly lines too: the server computes them from the aid
        // parameters it holds, and records their revisions.
        derived: &["dt_code", "officer_ids", "lines", "revisions"],
        references: &[
            one("employer_id", "organisation"),
            many("user_establishment_ids", "organisation"),
            one("person_id", "person"),
            one("rule_id", "aid_rule"),
        ],
        ..EntityDef::new(
            "aided_contract",
            &[
                text("contract_type"),
                text("employer_id"),
                json("user_establishment_ids"),
                text("person_id"),
                text("rome_code"),
                text("job_title"),
                text("employment"),
                text("starts_on"),
                text("ends_on"),
                text("aid_starts_on"),
                text("aid_ends_on"),
                text("aid_decided_on"),
                text("signed_on"),
                text("contract_hours_centi"),
                text("rate_bp"),
                text("rule_id"),
                json("exceptions"),
                text("tutor_name"),
                text("tutor_function"),
                flag("tutor_experienced"),
                text("referent_name"),
                text("referent_organisation"),
                text("decision_reference"),
                json("employer_attestations"),
                json("renewals"),
                json("suspensions"),
                json("incidents"),
                text("status"),
                text("dt_code"),
                json("officer_ids"),
                json("lines"),
                text("notes"),
                text("bilan_on"),
                text("bilan"),
                json("revisions"),
            ],
            |d, _| parse::<AidedContract>(d)?.check().map(drop),
        )
    };
}

#[cfg(test)]
mod tests;
