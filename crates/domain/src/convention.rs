//! Partnership conventions (docs/domain/conventions.md): their lifecycle and their
//! quantified commitments. The rules an officer meets when moving a
//! convention from draft to signature, signature to activity, and on to
//! expiry or termination.
//!
//! Lifecycle: brouillon → en signature → signée → active → échue, with
//! résiliée from signée or active, and en signature → brouillon to correct
//! a draft. An avenant is a new version of a signed convention, starting
//! again as a draft.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Checks, ValidationError, ValidationResult, optional_text, required_text};
use crate::ids::RowId;
use crate::synced::{EntityDef, Synced, json, many, one, parse, text};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ConventionStatus {
    Brouillon,
    EnSignature,
    Signee,
    Active,
    Echue,
    Resiliee,
}

impl ConventionStatus {
    pub const ALL: [ConventionStatus; 6] = [
        ConventionStatus::Brouillon,
        ConventionStatus::EnSignature,
        ConventionStatus::Signee,
        ConventionStatus::Active,
        ConventionStatus::Echue,
        ConventionStatus::Resiliee,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ConventionStatus::Brouillon => "brouillon",
            ConventionStatus::EnSignature => "en_signature",
            ConventionStatus::Signee => "signee",
            ConventionStatus::Active => "active",
            ConventionStatus::Echue => "echue",
            ConventionStatus::Resiliee => "resiliee",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            ConventionStatus::Brouillon => "Brouillon",
            ConventionStatus::EnSignature => "En signature",
            ConventionStatus::Signee => "Signée",
            ConventionStatus::Active => "Active",
            ConventionStatus::Echue => "Échue",
            ConventionStatus::Resiliee => "Résiliée",
        }
    }

    /// Where a convention may go from here.
    pub fn next(self) -> &'static [ConventionStatus] {
        use ConventionStatus::*;
        match self {
            Brouillon => &[EnSignature],
            EnSignature => &[Signee, Brouillon],
            Signee => &[Active, Resiliee],
            Active => &[Echue, Resiliee],
            Echue | Resiliee => &[],
        }
    }

    /// Signed: what was achieved may be recorded against the commitments.
    pub fn records_actuals(self) -> bool {
        !matches!(self, ConventionStatus::Brouillon | ConventionStatus::EnSignature)
    }

    /// Still open to an avenant (a new version).
    pub fn can_be_amended(self) -> bool {
        matches!(self, ConventionStatus::Signee | ConventionStatus::Active)
    }
}

/// What a move in the lifecycle needs to know about the convention.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LifecycleFacts {
    /// Partners other than the Département.
    pub partners: usize,
    /// Signatories named, the Département's included.
    pub signatories: usize,
    pub commitments: usize,
    pub duration_months: Option<u32>,
    /// Date the last party signed.
    pub signed_on: Option<NaiveDate>,
    pub starts_on: Option<NaiveDate>,
    pub ends_on: Option<NaiveDate>,
    pub terminated_on: Option<NaiveDate>,
    pub termination_reason: Option<String>,
    /// The Commission permanente's délibération (number and date) is known.
    pub deliberation: bool,
    /// An avenant: what it changes is written, and from when.
    pub amendment: Option<(bool, Option<NaiveDate>)>,
}

fn refuse(code: &'static str, field: &'static str, message: impl Into<String>) -> ValidationResult<()> {
    Err(ValidationError::new(code, field, message))
}

/// Checks a move from `from` to `to` on `today`: allowed by the lifecycle,
/// and what the new status requires is there.
pub fn check_transition(
    from: ConventionStatus,
    to: ConventionStatus,
    facts: &LifecycleFacts,
    today: NaiveDate,
) -> ValidationResult<()> {
    use ConventionStatus::*;
    if !from.next().contains(&to) {
        let allowed: Vec<&str> = from.next().iter().map(|s| s.label()).collect();
        return refuse(
            "transition_refused",
            "status",
            if allowed.is_empty() {
                format!(
                    "Statut : une convention {} ne change plus de statut ; pour la prolonger ou la modifier, rédigez un avenant.",
                    from.label().to_lowercase()
                )
            } else {
                format!(
                    "Statut : une convention {} ne peut pas passer à « {} » (possible : {}).",
                    from.label().to_lowercase(),
                    to.label(),
                    allowed.join(", ")
                )
            },
        );
    }
    match to {
        EnSignature => {
            if facts.partners == 0 {
                return refuse(
                    "required",
                    "partners",
                    "Parties : ajoutez au moins un partenaire avant la signature.",
                );
            }
            if facts.signatories < facts.partners + 1 {
                return refuse(
                    "required",
                    "signatories",
                    "Signataires : chaque partie, Département compris, doit avoir son signataire.",
                );
            }
            if facts.commitments == 0 {
                return refuse(
                    "required",
                    "commitments",
                    "Engagements : ajoutez au moins un engagement chiffré.",
                );
            }
            if facts.duration_months.is_none_or(|d| d == 0) {
                return refuse("required", "duration_months", "Durée : indiquez la durée en mois.");
            }
            if !facts.deliberation {
                return refuse(
                    "required",
                    "cp_number",
                    "Délibération : la Commission permanente autorise la signature ; indiquez le numéro et la \
                     date de sa délibération.",
                );
            }
            if facts.amendment.is_some_and(|(purpose, _)| !purpose) {
                return refuse(
                    "required",
                    "amendment_purpose",
                    "Objet de l'avenant : indiquez ce que l'avenant modifie.",
                );
            }
        }
        Signee => match facts.signed_on {
            None => {
                return refuse(
                    "required",
                    "signed_on",
                    "Date de signature : indiquez la date de la dernière signature.",
                );
            }
            Some(d) if d > today => {
                return refuse(
                    "in_future",
                    "signed_on",
                    "Date de signature : elle ne peut pas être dans le futur.",
                );
            }
            Some(_) => {}
        },
        Active if facts.amendment.is_some() => match (facts.amendment.and_then(|a| a.1), facts.signed_on) {
            (None, _) => {
                return refuse(
                    "required",
                    "amends_from",
                    "Prise d'effet de l'avenant : indiquez la date à partir de laquelle il s'applique.",
                );
            }
            (Some(s), _) if s > today => {
                return refuse(
                    "not_started",
                    "amends_from",
                    format!("Prise d'effet de l'avenant : il ne s'applique que le {}.", s.format("%d/%m/%Y")),
                );
            }
            (Some(s), Some(signed)) if s < signed => {
                return refuse(
                    "before_signature",
                    "amends_from",
                    "Prise d'effet de l'avenant : elle précède sa signature.",
                );
            }
            _ => {}
        },
        Active => match (facts.starts_on, facts.signed_on) {
            (None, _) => return refuse("required", "starts_on", "Date d'effet : indiquez la date de début."),
            (Some(s), _) if s > today => {
                return refuse(
                    "not_started",
                    "starts_on",
                    format!("Date d'effet : la convention ne prend effet que le {}.", s.format("%d/%m/%Y")),
                );
            }
            (Some(s), Some(signed)) if s < signed => {
                return refuse(
                    "before_signature",
                    "starts_on",
                    "Date d'effet : elle précède la date de signature.",
                );
            }
            _ => {}
        },
        Echue => match facts.ends_on {
            Some(e) if e < today => {}
            _ => {
                return refuse(
                    "not_ended",
                    "ends_on",
                    "Date de fin : une convention n'est échue qu'après sa date de fin (sinon, résiliez-la).",
                );
            }
        },
        Resiliee => {
            if facts.terminated_on.is_none() {
                return refuse("required", "terminated_on", "Date de résiliation : indiquez-la.");
            }
            if facts.termination_reason.as_deref().is_none_or(|r| r.trim().is_empty()) {
                return refuse("required", "termination_reason", "Motif de résiliation : précisez-le.");
            }
        }
        Brouillon => {}
    }
    Ok(())
}

/// Last day of a convention of `months` months from `start`: the day before
/// the same day `months` later, or the last day of that month when it has
/// no such day (a period from 31 January runs to the end of February).
pub fn end_date(start: NaiveDate, months: u32) -> Option<NaiveDate> {
    use chrono::Datelike;
    let same_day = start.checked_add_months(chrono::Months::new(months))?;
    if same_day.day() == start.day() { same_day.pred_opt() } else { Some(same_day) }
}

/// Who signs for a party. `party_id` is the partner organisation, or
/// `None` for the Département.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Signatory {
    pub party_id: Option<RowId>,
    pub name: String,
    pub function: String,
}

/// The convention form. Status, version and the dates of the lifecycle are
/// set by the lifecycle moves, not by this form.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ConventionInput {
    pub number: String,
    pub title: String,
    pub partner_ids: Vec<RowId>,
    pub third_party_ids: Vec<RowId>,
    pub signatories: Vec<Signatory>,
    /// Directions territoriales covered (codes); empty = the whole Nord.
    pub territories: Vec<String>,
    pub establishment_ids: Vec<RowId>,
    pub cp_number: Option<String>,
    #[ts(type = "string | null")]
    pub cp_date: Option<NaiveDate>,
    pub duration_months: Option<u32>,
    pub preamble: Option<String>,
    pub financial_clause: Option<String>,
    pub place: Option<String>,
    pub notice_months: Option<u32>,
    pub cure_days: Option<u32>,
    pub copil_frequency: Option<String>,
    pub cotech_frequency: Option<String>,
    /// The Département's référent(e) chargé(e) de relations entreprises.
    pub referent_id: Option<RowId>,
    pub notes: Option<String>,
    /// An avenant: what it changes, and from when.
    pub amendment_purpose: Option<String>,
    #[ts(type = "string | null")]
    pub amends_from: Option<NaiveDate>,
}

/// A partnership convention (one version of it: an avenant is a new
/// version pointing at the one it amends).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Convention {
    pub number: String,
    pub title: String,
    /// 1 for the original, n + 1 for the n-th avenant. (Not `version`:
    /// that name is the sync bookkeeping's.)
    pub version_no: u32,
    pub previous_id: Option<RowId>,
    pub status: ConventionStatus,
    pub partner_ids: Vec<RowId>,
    pub third_party_ids: Vec<RowId>,
    pub signatories: Vec<Signatory>,
    pub territories: Vec<String>,
    pub establishment_ids: Vec<RowId>,
    pub cp_number: Option<String>,
    #[ts(type = "string | null")]
    pub cp_date: Option<NaiveDate>,
    #[ts(type = "string | null")]
    pub signed_on: Option<NaiveDate>,
    #[ts(type = "string | null")]
    pub starts_on: Option<NaiveDate>,
    pub duration_months: Option<u32>,
    #[ts(type = "string | null")]
    pub terminated_on: Option<NaiveDate>,
    pub termination_reason: Option<String>,
    pub preamble: Option<String>,
    pub financial_clause: Option<String>,
    pub place: Option<String>,
    pub notice_months: u32,
    pub cure_days: u32,
    pub copil_frequency: Option<String>,
    pub cotech_frequency: Option<String>,
    pub referent_id: Option<RowId>,
    pub notes: Option<String>,
    /// An avenant (version 2 on): what it changes…
    pub amendment_purpose: Option<String>,
    /// …and the day its changes take effect (the convention keeps its own
    /// start and duration).
    #[ts(type = "string | null")]
    pub amends_from: Option<NaiveDate>,
    /// The avenant that amended this version, once signed.
    pub amended_by_id: Option<RowId>,
}

/// Longest convention accepted, in months (10 years).
const MAX_DURATION: u32 = 120;

impl Convention {
    /// Validates the form of a new draft (version 1).
    pub fn validate(input: &ConventionInput) -> ValidationResult<Self> {
        let mut c = Checks::default();
        let number = c.value(required_text(&input.number, "number", "Numéro", 40));
        let title = c.value(required_text(&input.title, "title", "Intitulé", 300));
        let partner_ids = distinct(&input.partner_ids);
        let third_party_ids: Vec<RowId> =
            distinct(&input.third_party_ids).into_iter().filter(|t| !partner_ids.contains(t)).collect();
        if partner_ids.len() > 20 || third_party_ids.len() > 20 {
            c.push(ValidationError::new("too_many", "partner_ids", "Parties : 20 partenaires au plus."));
        }
        let signatories = c.value(signatories(input, &partner_ids, &third_party_ids));
        let territories = c.value(territories(&input.territories));
        let duration_months = match input.duration_months {
            Some(0) => {
                c.push(ValidationError::new("out_of_range", "duration_months", "Durée : au moins un mois."));
                None
            }
            Some(d) if d > MAX_DURATION => {
                c.push(ValidationError::new(
                    "out_of_range",
                    "duration_months",
                    format!("Durée : {d} mois, le maximum est {MAX_DURATION}."),
                ));
                None
            }
            d => d,
        };
        let notice_months = input.notice_months.unwrap_or(3);
        if notice_months > 24 {
            c.push(ValidationError::new(
                "out_of_range",
                "notice_months",
                "Préavis de résiliation : 24 mois au plus.",
            ));
        }
        let cure_days = input.cure_days.unwrap_or(30);
        if cure_days > 365 {
            c.push(ValidationError::new(
                "out_of_range",
                "cure_days",
                "Délai de mise en demeure : 365 jours au plus.",
            ));
        }
        let cp_number =
            c.value(optional_text(input.cp_number.as_deref(), "cp_number", "Délibération (n°)", 40));
        let preamble = c.value(optional_text(input.preamble.as_deref(), "preamble", "Préambule", 10_000));
        let financial_clause = c.value(optional_text(
            input.financial_clause.as_deref(),
            "financial_clause",
            "Dispositions financières",
            5_000,
        ));
        let place = c.value(optional_text(input.place.as_deref(), "place", "Lieu de signature", 100));
        let copil_frequency = c.value(optional_text(
            input.copil_frequency.as_deref(),
            "copil_frequency",
            "Fréquence du COPIL",
            100,
        ));
        let cotech_frequency = c.value(optional_text(
            input.cotech_frequency.as_deref(),
            "cotech_frequency",
            "Fréquence du comité technique",
            100,
        ));
        let notes = c.value(optional_text(input.notes.as_deref(), "notes", "Notes", 10_000));
        let amendment_purpose = c.value(optional_text(
            input.amendment_purpose.as_deref(),
            "amendment_purpose",
            "Objet de l'avenant",
            5_000,
        ));
        c.finish()?;
        Ok(Self {
            number,
            title,
            version_no: 1,
            previous_id: None,
            status: ConventionStatus::Brouillon,
            partner_ids,
            third_party_ids,
            signatories,
            territories,
            establishment_ids: distinct(&input.establishment_ids),
            cp_number,
            cp_date: input.cp_date,
            signed_on: None,
            starts_on: None,
            duration_months,
            terminated_on: None,
            termination_reason: None,
            preamble,
            financial_clause,
            place,
            notice_months,
            cure_days,
            copil_frequency,
            cotech_frequency,
            referent_id: input.referent_id,
            notes,
            amendment_purpose,
            amends_from: input.amends_from,
            amended_by_id: None,
        })
    }

    /// The form's fields applied to this version, keeping its status,
    /// version and lifecycle dates.
    pub fn with_form(&self, input: &ConventionInput) -> ValidationResult<Self> {
        let f = Self::validate(input)?;
        Ok(Self {
            version_no: self.version_no,
            previous_id: self.previous_id,
            status: self.status,
            signed_on: self.signed_on,
            starts_on: self.starts_on,
            terminated_on: self.terminated_on,
            termination_reason: self.termination_reason.clone(),
            amended_by_id: self.amended_by_id,
            ..f
        })
    }

    /// An avenant (version 2 on), not the original.
    pub fn is_amendment(&self) -> bool {
        self.version_no > 1
    }

    /// Checks a record as stored (from another device): the form's rules
    /// and the lifecycle dates' consistency.
    pub fn check(&self) -> ValidationResult<()> {
        self.with_form(&self.to_input())?;
        if self.version_no == 0 {
            return refuse_v("out_of_range", "version", "Version : commence à 1.");
        }
        if let (Some(s), Some(t)) = (self.signed_on, self.terminated_on)
            && t < s
        {
            return refuse_v(
                "before_signature",
                "terminated_on",
                "Date de résiliation : elle précède la signature.",
            );
        }
        Ok(())
    }

    pub fn to_input(&self) -> ConventionInput {
        ConventionInput {
            number: self.number.clone(),
            title: self.title.clone(),
            partner_ids: self.partner_ids.clone(),
            third_party_ids: self.third_party_ids.clone(),
            signatories: self.signatories.clone(),
            territories: self.territories.clone(),
            establishment_ids: self.establishment_ids.clone(),
            cp_number: self.cp_number.clone(),
            cp_date: self.cp_date,
            duration_months: self.duration_months,
            preamble: self.preamble.clone(),
            financial_clause: self.financial_clause.clone(),
            place: self.place.clone(),
            notice_months: Some(self.notice_months),
            cure_days: Some(self.cure_days),
            copil_frequency: self.copil_frequency.clone(),
            cotech_frequency: self.cotech_frequency.clone(),
            referent_id: self.referent_id,
            notes: self.notes.clone(),
            amendment_purpose: self.amendment_purpose.clone(),
            amends_from: self.amends_from,
        }
    }

    /// Last day in force (from the start date and the duration).
    pub fn ends_on(&self) -> Option<NaiveDate> {
        end_date(self.starts_on?, self.duration_months?)
    }

    /// The next version (avenant): a draft copy, to be signed again. The
    /// convention keeps its start and duration; the avenant says what it
    /// changes and from when.
    pub fn amendment(&self, previous: RowId) -> Self {
        Self {
            version_no: self.version_no + 1,
            previous_id: Some(previous),
            status: ConventionStatus::Brouillon,
            signed_on: None,
            terminated_on: None,
            termination_reason: None,
            amendment_purpose: None,
            amends_from: None,
            amended_by_id: None,
            ..self.clone()
        }
    }
}

fn distinct(ids: &[RowId]) -> Vec<RowId> {
    let mut out: Vec<RowId> = Vec::with_capacity(ids.len());
    for id in ids {
        if !out.contains(id) {
            out.push(*id);
        }
    }
    out
}

/// The signatories: each for the Département (no party) or one of the
/// parties, one per party.
fn signatories(
    input: &ConventionInput,
    partners: &[RowId],
    third: &[RowId],
) -> ValidationResult<Vec<Signatory>> {
    let mut signatories = Vec::with_capacity(input.signatories.len());
    for s in &input.signatories {
        if let Some(p) = s.party_id
            && !partners.contains(&p)
            && !third.contains(&p)
        {
            return refuse_v(
                "unknown_party",
                "signatories",
                "Signataires : chaque signataire représente le Département ou une des parties.",
            );
        }
        if signatories.iter().any(|o: &Signatory| o.party_id == s.party_id) {
            return refuse_v(
                "duplicate_signatory",
                "signatories",
                "Signataires : une seule personne signe pour chaque partie.",
            );
        }
        signatories.push(Signatory {
            party_id: s.party_id,
            name: required_text(&s.name, "signatories", "Signataires (nom)", 150)?,
            function: required_text(&s.function, "signatories", "Signataires (fonction)", 200)?,
        });
    }
    Ok(signatories)
}

/// The DT codes, trimmed and without repeats.
fn territories(raw: &[String]) -> ValidationResult<Vec<String>> {
    let mut territories = Vec::new();
    for t in raw {
        let t = t.trim().to_string();
        if t.is_empty() || t.len() > 10 {
            return refuse_v(
                "dt_format",
                "territories",
                "Territoires : code de direction territoriale invalide.",
            );
        }
        if !territories.contains(&t) {
            territories.push(t);
        }
    }
    Ok(territories)
}

fn refuse_v<T>(code: &'static str, field: &'static str, message: impl Into<String>) -> ValidationResult<T> {
    Err(ValidationError::new(code, field, message))
}

impl Synced for Convention {
    const DEF: EntityDef = EntityDef {
        references: &[
            one("previous_id", "convention"),
            many("partner_ids", "organisation"),
            many("third_party_ids", "organisation"),
            many("establishment_ids", "organisation"),
            one("amended_by_id", "convention"),
        ],
        ..EntityDef::new(
            "convention",
            &[
                text("number"),
                text("title"),
                text("version_no"),
                text("previous_id"),
                text("status"),
                json("partner_ids"),
                json("third_party_ids"),
                json("signatories"),
                json("territories"),
                json("establishment_ids"),
                text("cp_number"),
                text("cp_date"),
                text("signed_on"),
                text("starts_on"),
                text("duration_months"),
                text("terminated_on"),
                text("termination_reason"),
                text("preamble"),
                text("financial_clause"),
                text("place"),
                text("notice_months"),
                text("cure_days"),
                text("copil_frequency"),
                text("cotech_frequency"),
                text("referent_id"),
                text("notes"),
                text("amendment_purpose"),
                text("amends_from"),
                text("amended_by_id"),
            ],
            |d, _| parse::<Convention>(d)?.check(),
        )
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use ConventionStatus::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn ready() -> LifecycleFacts {
        LifecycleFacts {
            partners: 2,
            signatories: 3,
            commitments: 4,
            duration_months: Some(24),
            signed_on: Some(d(2015, 12, 18)),
            starts_on: Some(d(2015, 12, 18)),
            ends_on: end_date(d(2015, 12, 18), 24),
            terminated_on: None,
            termination_reason: None,
            deliberation: true,
            amendment: None,
        }
    }

    #[test]
    fn one_validation_reports_every_field_at_fault() {
        let input = ConventionInput {
            number: String::new(),
            title: "Partenariat".into(),
            duration_months: Some(0),
            notice_months: Some(30),
            territories: vec![" ".into()],
            ..Default::default()
        };
        let e = Convention::validate(&input).unwrap_err();
        let fields: Vec<&str> = e.all().map(|e| e.field).collect();
        assert_eq!(fields, ["number", "territories", "duration_months", "notice_months"]);
    }

    #[test]
    fn signature_waits_for_the_deliberation_and_an_avenant_for_its_object() {
        let today = d(2026, 11, 30);
        let e = check_transition(
            ConventionStatus::Brouillon,
            ConventionStatus::EnSignature,
            &LifecycleFacts { deliberation: false, ..ready() },
            today,
        )
        .unwrap_err();
        assert_eq!((e.code, e.field), ("required", "cp_number"));
        let avenant = |purpose: bool, from: Option<NaiveDate>| LifecycleFacts {
            amendment: Some((purpose, from)),
            signed_on: Some(d(2026, 10, 1)),
            ..ready()
        };
        let e = check_transition(
            ConventionStatus::Brouillon,
            ConventionStatus::EnSignature,
            &avenant(false, None),
            today,
        )
        .unwrap_err();
        assert_eq!(e.field, "amendment_purpose");
        assert!(
            check_transition(
                ConventionStatus::Brouillon,
                ConventionStatus::EnSignature,
                &avenant(true, None),
                today
            )
            .is_ok()
        );
        // In force from its own date, after its signature, not before.
        let active = |from| {
            check_transition(ConventionStatus::Signee, ConventionStatus::Active, &avenant(true, from), today)
        };
        assert_eq!(active(None).unwrap_err().field, "amends_from");
        assert_eq!(active(Some(d(2026, 9, 30))).unwrap_err().code, "before_signature");
        assert_eq!(active(Some(d(2026, 12, 1))).unwrap_err().code, "not_started");
        assert!(active(Some(d(2026, 10, 1))).is_ok());
    }

    #[test]
    fn the_engie_convention_goes_through_its_life() {
        // ENGIE, FACE MEL and the Département, signed on 18 Dec 2015, 24 months.
        let f = ready();
        let today = d(2016, 1, 4);
        for (from, to) in [(Brouillon, EnSignature), (EnSignature, Signee), (Signee, Active)] {
            assert_eq!(check_transition(from, to, &f, today), Ok(()), "{from:?} → {to:?}");
        }
        assert_eq!(f.ends_on, Some(d(2017, 12, 17)));
        let e = check_transition(Active, Echue, &f, today).unwrap_err();
        assert_eq!((e.code, e.field), ("not_ended", "ends_on"));
        assert_eq!(check_transition(Active, Echue, &f, d(2017, 12, 18)), Ok(()));
    }

    #[test]
    fn moves_outside_the_lifecycle_are_refused_with_the_way_forward() {
        let f = ready();
        let today = d(2026, 11, 30);
        let e = check_transition(Brouillon, Active, &f, today).unwrap_err();
        assert_eq!((e.code, e.field), ("transition_refused", "status"));
        assert!(e.message.contains("possible : En signature"), "{}", e.message);
        let e = check_transition(Echue, Active, &f, today).unwrap_err();
        assert!(e.message.contains("avenant"), "{}", e.message);
        assert_eq!(check_transition(EnSignature, Brouillon, &f, today), Ok(()));
        assert!(Signee.can_be_amended() && Active.can_be_amended() && !Brouillon.can_be_amended());
    }

    #[test]
    fn each_status_asks_for_what_it_needs() {
        let today = d(2026, 11, 30);
        let field = |from, to, f: &LifecycleFacts| check_transition(from, to, f, today).unwrap_err().field;
        assert_eq!(field(Brouillon, EnSignature, &LifecycleFacts { partners: 0, ..ready() }), "partners");
        assert_eq!(
            field(Brouillon, EnSignature, &LifecycleFacts { signatories: 2, ..ready() }),
            "signatories"
        );
        assert_eq!(
            field(Brouillon, EnSignature, &LifecycleFacts { commitments: 0, ..ready() }),
            "commitments"
        );
        assert_eq!(
            field(Brouillon, EnSignature, &LifecycleFacts { duration_months: None, ..ready() }),
            "duration_months"
        );
        assert_eq!(field(EnSignature, Signee, &LifecycleFacts { signed_on: None, ..ready() }), "signed_on");
        assert_eq!(
            field(EnSignature, Signee, &LifecycleFacts { signed_on: Some(d(2027, 1, 1)), ..ready() }),
            "signed_on"
        );
        let late = LifecycleFacts { starts_on: Some(d(2027, 1, 1)), ..ready() };
        assert_eq!(check_transition(Signee, Active, &late, today).unwrap_err().code, "not_started");
        let early = LifecycleFacts { starts_on: Some(d(2015, 12, 1)), ..ready() };
        assert_eq!(check_transition(Signee, Active, &early, today).unwrap_err().code, "before_signature");
        assert_eq!(field(Active, Resiliee, &ready()), "terminated_on");
        let no_reason =
            LifecycleFacts { terminated_on: Some(today), termination_reason: Some(" ".into()), ..ready() };
        assert_eq!(field(Active, Resiliee, &no_reason), "termination_reason");
        let ok =
            LifecycleFacts { termination_reason: Some("Cessation d'activité du site".into()), ..no_reason };
        assert_eq!(check_transition(Active, Resiliee, &ok, today), Ok(()));
    }

    #[test]
    fn end_dates_follow_the_calendar() {
        assert_eq!(end_date(d(2016, 2, 23), 36), Some(d(2019, 2, 22)));
        assert_eq!(end_date(d(2016, 3, 24), 12), Some(d(2017, 3, 23)));
        assert_eq!(end_date(d(2017, 1, 31), 1), Some(d(2017, 2, 28)), "no 31 February: the month's last day");
        assert_eq!(end_date(d(2016, 1, 31), 1), Some(d(2016, 2, 29)));
        for s in ConventionStatus::ALL {
            assert_eq!(ConventionStatus::parse(s.as_str()), Some(s));
        }
    }
}
