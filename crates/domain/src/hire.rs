//! Hires (« recrutements »): an employer took someone on — which contract,
//! from when to when, how many hours — and whether the job lasted, checked
//! at 1, 3 and 6 months (docs/placement.md « Hires »).
//!
//! The employment fact names no one: it is shared with the whole
//! Département so that every device counts the same hires (convention
//! actuals, reports). Who was hired is a separate record about the person
//! ([`HiredPerson`]), seen on a need-to-know basis.

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::cie::check_weekly_hours;
use crate::error::{Checks, ValidationError, ValidationResult, required_text};
use crate::ids::RowId;
use crate::need::NeedContract;
use crate::person::rome_code;
use crate::synced::{DeleteRule, EntityDef, ScopeRule, Synced, json, one, parse, text};

/// The follow-ups in employment, in months after the start (convention
/// template art. 3.7: « devenir des personnes recrutées à 1, 3 et 6 mois »).
pub const FOLLOW_UP_MONTHS: [u32; 3] = [1, 3, 6];

/// A fixed-term contract of at least this many months is durable
/// employment (CDI or CDD ≥ 6 months, the DARES definition).
pub const DURABLE_MONTHS: u32 = 6;

/// Why the job ended before its planned end (or an open-ended one ended):
/// a list, nothing about the person's health or record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum JobEndReason {
    FinDeContrat,
    RupturePeriodeEssai,
    Demission,
    Licenciement,
    RuptureConventionnelle,
    AutreEmploi,
    Autre,
}

impl JobEndReason {
    pub const ALL: [Self; 7] = [
        Self::FinDeContrat,
        Self::RupturePeriodeEssai,
        Self::Demission,
        Self::Licenciement,
        Self::RuptureConventionnelle,
        Self::AutreEmploi,
        Self::Autre,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::FinDeContrat => "fin_de_contrat",
            Self::RupturePeriodeEssai => "rupture_periode_essai",
            Self::Demission => "demission",
            Self::Licenciement => "licenciement",
            Self::RuptureConventionnelle => "rupture_conventionnelle",
            Self::AutreEmploi => "autre_emploi",
            Self::Autre => "autre",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::FinDeContrat => "Fin du contrat",
            Self::RupturePeriodeEssai => "Rupture pendant la période d'essai",
            Self::Demission => "Démission",
            Self::Licenciement => "Licenciement",
            Self::RuptureConventionnelle => "Rupture conventionnelle",
            Self::AutreEmploi => "Départ pour un autre emploi",
            Self::Autre => "Autre motif",
        }
    }
}

/// One follow-up in employment: when it is due, and once done, its answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FollowUp {
    pub after_months: u32,
    #[ts(type = "string")]
    pub due_on: NaiveDate,
    #[ts(type = "string | null")]
    pub done_on: Option<NaiveDate>,
    /// Still in post on that day.
    pub in_post: Option<bool>,
}

/// What the conventions count of a hire: its contract and its dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HireTerms {
    pub contract: NeedContract,
    pub starts_on: NaiveDate,
    pub planned_end_on: Option<NaiveDate>,
}

impl HireTerms {
    /// Durable employment: a CDI, or a contract of at least six months
    /// (a CDD, including the CDD form of a CUI-CIE, a PEC-CAE or an IAE
    /// contract; their open-ended form counts as a CDI). Temporary work,
    /// apprenticeships and other contracts are counted apart.
    pub fn is_durable(&self) -> bool {
        use NeedContract::*;
        match self.contract {
            Cdi => true,
            Cdd | CuiCie | PecCae | Iae => match self.planned_end_on {
                None => !matches!(self.contract, Cdd),
                // The planned end is the last day worked: 5 January to
                // 4 July is six months.
                Some(end) => end.succ_opt().unwrap_or(end) >= add_months(self.starts_on, DURABLE_MONTHS),
            },
            Interim | Alternance | Autre => false,
        }
    }

    /// A CDI, or an aided or IAE contract in its open-ended form.
    pub fn is_open_ended(&self) -> bool {
        use NeedContract::*;
        match self.contract {
            Cdi => true,
            CuiCie | PecCae | Iae => self.planned_end_on.is_none(),
            _ => false,
        }
    }

    /// A CUI-CIE or PEC-CAE: co-financed by the Département.
    pub fn is_aided(&self) -> bool {
        matches!(self.contract, NeedContract::CuiCie | NeedContract::PecCae)
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct HireInput {
    pub employer_id: Option<RowId>,
    pub need_id: Option<RowId>,
    pub convention_id: Option<RowId>,
    pub contract: Option<NeedContract>,
    pub rome_code: Option<String>,
    pub job_title: String,
    #[ts(type = "string | null")]
    pub starts_on: Option<NaiveDate>,
    /// None for an open-ended contract.
    #[ts(type = "string | null")]
    pub planned_end_on: Option<NaiveDate>,
    pub weekly_hours_centi: Option<u32>,
    /// Defaults to the officer entering it.
    pub officer_id: Option<RowId>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Hire {
    pub employer_id: RowId,
    pub need_id: Option<RowId>,
    /// The convention the hire counts for (at most one: counted once).
    pub convention_id: Option<RowId>,
    pub contract: NeedContract,
    pub rome_code: Option<String>,
    pub job_title: String,
    #[ts(type = "string")]
    pub starts_on: NaiveDate,
    #[ts(type = "string | null")]
    pub planned_end_on: Option<NaiveDate>,
    pub weekly_hours_centi: Option<u32>,
    /// The officer who follows the hire (and gets its follow-ups).
    pub officer_id: RowId,
    pub follow_ups: Vec<FollowUp>,
    #[ts(type = "string | null")]
    pub ended_on: Option<NaiveDate>,
    pub end_reason: Option<JobEndReason>,
}

/// A planned end further than this from the start is a typing slip (an
/// apprenticeship runs three years at most).
const MAX_PLANNED_MONTHS: u32 = 60;

fn add_months(d: NaiveDate, months: u32) -> NaiveDate {
    // Chrono clamps to the month's last day (31 January + 1 month = 28 or
    // 29 February); only beyond year 262143 does it fail.
    d.checked_add_months(Months::new(months)).unwrap_or(NaiveDate::MAX)
}

/// The follow-ups due after a start on `starts_on`, none done.
pub fn follow_ups_from(starts_on: NaiveDate) -> Vec<FollowUp> {
    FOLLOW_UP_MONTHS
        .iter()
        .map(|m| FollowUp {
            after_months: *m,
            due_on: add_months(starts_on, *m),
            done_on: None,
            in_post: None,
        })
        .collect()
}

impl Hire {
    /// A hire as entered; its follow-ups are scheduled from its start.
    pub fn create(input: &HireInput, officer: RowId) -> ValidationResult<Self> {
        let mut c = Checks::default();
        if input.employer_id.is_none() {
            c.push(ValidationError::new("required", "employer_id", "Employeur : choisissez l'employeur."));
        }
        let contract = input.contract;
        if contract.is_none() {
            c.push(ValidationError::new("required", "contract", "Contrat : choisissez le type de contrat."));
        }
        let rome = match input.rome_code.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(code) => c.take(rome_code(code, "rome_code")),
        };
        let job_title = c.value(required_text(&input.job_title, "job_title", "Intitulé du poste", 160));
        let starts_on = input.starts_on;
        if starts_on.is_none() {
            c.push(ValidationError::new("required", "starts_on", "Début : date d'embauche obligatoire."));
        }
        if let (Some(start), Some(end)) = (starts_on, input.planned_end_on) {
            if end < start {
                c.push(ValidationError::new(
                    "date_order",
                    "planned_end_on",
                    "Fin prévue : elle suit le début du contrat.",
                ));
            } else if end > add_months(start, MAX_PLANNED_MONTHS) {
                c.push(ValidationError::new(
                    "out_of_range",
                    "planned_end_on",
                    format!("Fin prévue : {MAX_PLANNED_MONTHS} mois au plus après le début."),
                ));
            }
        }
        match (contract, input.planned_end_on) {
            (Some(NeedContract::Cdi), Some(_)) => c.push(ValidationError::new(
                "invalid",
                "planned_end_on",
                "Fin prévue : un CDI n'en a pas (indiquez un CDD s'il a une fin).",
            )),
            (Some(k), None) if k.is_fixed_term() => c.push(ValidationError::new(
                "required",
                "planned_end_on",
                format!("Fin prévue : un contrat « {} » a une date de fin.", k.label()),
            )),
            _ => {}
        }
        if let Some(h) = input.weekly_hours_centi {
            c.take(check_weekly_hours(h, "weekly_hours_centi"));
        }
        c.finish()?;
        let starts_on = starts_on.unwrap_or_default();
        Ok(Self {
            employer_id: input.employer_id.unwrap_or_default(),
            need_id: input.need_id,
            convention_id: input.convention_id,
            contract: contract.unwrap_or(NeedContract::Autre),
            rome_code: rome,
            job_title,
            starts_on,
            planned_end_on: input.planned_end_on,
            weekly_hours_centi: input.weekly_hours_centi,
            officer_id: input.officer_id.unwrap_or(officer),
            follow_ups: follow_ups_from(starts_on),
            ended_on: None,
            end_reason: None,
        })
    }

    /// The hire with `input`'s fields; follow-ups already answered are kept
    /// (those not yet done move with a new start).
    pub fn edited(&self, input: &HireInput) -> ValidationResult<Self> {
        let edited = Self::create(input, self.officer_id)?;
        let follow_ups = edited
            .follow_ups
            .iter()
            .map(|f| {
                self.follow_ups
                    .iter()
                    .find(|o| o.after_months == f.after_months && o.done_on.is_some())
                    .map_or(*f, |o| FollowUp { due_on: f.due_on, ..*o })
            })
            .collect();
        Ok(Self { follow_ups, ended_on: self.ended_on, end_reason: self.end_reason, ..edited })
    }

    pub fn to_input(&self) -> HireInput {
        HireInput {
            employer_id: Some(self.employer_id),
            need_id: self.need_id,
            convention_id: self.convention_id,
            contract: Some(self.contract),
            rome_code: self.rome_code.clone(),
            job_title: self.job_title.clone(),
            starts_on: Some(self.starts_on),
            planned_end_on: self.planned_end_on,
            weekly_hours_centi: self.weekly_hours_centi,
            officer_id: Some(self.officer_id),
        }
    }

    /// What the conventions count of it.
    pub fn terms(&self) -> HireTerms {
        HireTerms { contract: self.contract, starts_on: self.starts_on, planned_end_on: self.planned_end_on }
    }

    /// Durable employment ([`HireTerms::is_durable`]).
    pub fn is_durable(&self) -> bool {
        self.terms().is_durable()
    }

    pub fn is_open_ended(&self) -> bool {
        self.terms().is_open_ended()
    }

    pub fn is_aided(&self) -> bool {
        self.terms().is_aided()
    }

    /// Follow-ups still to do on `today` or before: not done, and the
    /// person not known to have left before they fall due.
    pub fn follow_ups_due(&self, until: NaiveDate) -> impl Iterator<Item = &FollowUp> {
        self.follow_ups.iter().filter(move |f| {
            f.done_on.is_none() && f.due_on <= until && self.ended_on.is_none_or(|e| e >= f.due_on)
        })
    }

    /// Records the follow-up after `after_months` done on `on`: still in
    /// post, or left on `left_on` for `reason` (which ends the hire; later
    /// follow-ups fall).
    pub fn followed_up(
        &self,
        after_months: u32,
        on: NaiveDate,
        in_post: bool,
        left: Option<(NaiveDate, JobEndReason)>,
    ) -> ValidationResult<Self> {
        let Some(i) = self.follow_ups.iter().position(|f| f.after_months == after_months) else {
            return Err(ValidationError::new(
                "unknown_follow_up",
                "after_months",
                "Suivi : à 1, 3 ou 6 mois seulement.",
            ));
        };
        if on < self.starts_on {
            return Err(ValidationError::new(
                "date_order",
                "done_on",
                "Date du suivi : elle suit le début du contrat.",
            ));
        }
        let mut next = self.clone();
        next.follow_ups[i].done_on = Some(on);
        next.follow_ups[i].in_post = Some(in_post);
        if in_post {
            return Ok(next);
        }
        let Some((left_on, reason)) = left else {
            return Err(ValidationError::new(
                "required",
                "end_reason",
                "Départ : indiquez quand et pourquoi le contrat a pris fin.",
            ));
        };
        if left_on < self.starts_on || left_on > on {
            return Err(ValidationError::new(
                "date_order",
                "ended_on",
                "Date de départ : entre le début du contrat et le jour du suivi.",
            ));
        }
        next.ended_on = Some(left_on);
        next.end_reason = Some(reason);
        Ok(next)
    }

    /// In work on `day`: started, not ended (the planned end of a
    /// fixed-term contract counts when no follow-up said otherwise).
    pub fn in_work_on(&self, day: NaiveDate) -> bool {
        let end = self.ended_on.or(self.planned_end_on);
        self.starts_on <= day && end.is_none_or(|e| e >= day)
    }

    /// A synced row, checked as a whole: its fields as the form checks
    /// them, its follow-ups those of its start, an end with its reason.
    pub fn check_row(&self) -> ValidationResult<()> {
        Self::create(&self.to_input(), self.officer_id)?;
        let expected = follow_ups_from(self.starts_on);
        let same = self.follow_ups.len() == expected.len()
            && self.follow_ups.iter().zip(&expected).all(|(f, e)| {
                f.after_months == e.after_months
                    && f.due_on == e.due_on
                    && f.done_on.is_some() == f.in_post.is_some()
                    && f.done_on.is_none_or(|d| d >= self.starts_on)
            });
        if !same {
            return Err(ValidationError::new(
                "invalid",
                "follow_ups",
                "Suivis : à 1, 3 et 6 mois après le début, chacun fait avec sa réponse ou à faire.",
            ));
        }
        if self.ended_on.is_some() != self.end_reason.is_some()
            || self.ended_on.is_some_and(|e| e < self.starts_on)
        {
            return Err(ValidationError::new(
                "invalid",
                "ended_on",
                "Fin du contrat : une date après le début et son motif, ensemble.",
            ));
        }
        Ok(())
    }
}

impl Synced for Hire {
    const DEF: EntityDef = EntityDef {
        // Counted by every device for the conventions: a hire typed by
        // mistake is deleted by whoever entered it, or an administrator.
        delete: DeleteRule::CreatorOrAdministrator,
        references: &[
            one("employer_id", "organisation"),
            one("need_id", "recruitment_need"),
            one("convention_id", "convention"),
        ],
        ..EntityDef::new(
            "hire",
            &[
                text("employer_id"),
                text("need_id"),
                text("convention_id"),
                text("contract"),
                text("rome_code"),
                text("job_title"),
                text("starts_on"),
                text("planned_end_on"),
                text("weekly_hours_centi"),
                text("officer_id"),
                json("follow_ups"),
                text("ended_on"),
                text("end_reason"),
            ],
            |d, _| parse::<Hire>(d)?.check_row(),
        )
    };
}

/// Who was hired: the link between a shared hire and the person, seen on
/// a need-to-know basis; the aided contract she signed, when there is one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct HiredPerson {
    pub hire_id: RowId,
    pub person_id: RowId,
    /// The candidacy that led to it, when the hire came from a need.
    pub candidacy_id: Option<RowId>,
    pub aided_contract_id: Option<RowId>,
    #[serde(default)]
    pub dt_code: Option<String>,
    #[serde(default)]
    pub officer_ids: Vec<RowId>,
}

impl Synced for HiredPerson {
    const DEF: EntityDef = EntityDef {
        scope: ScopeRule::AboutPerson { via: Some("person_id") },
        derived: &["dt_code", "officer_ids"],
        references: &[
            one("hire_id", "hire"),
            one("person_id", "person"),
            one("candidacy_id", "candidacy"),
            one("aided_contract_id", "aided_contract"),
        ],
        ..EntityDef::new(
            "hired_person",
            &[
                text("hire_id"),
                text("person_id"),
                text("candidacy_id"),
                text("aided_contract_id"),
                text("dt_code"),
                json("officer_ids"),
            ],
            |d, _| parse::<HiredPerson>(d).map(drop),
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

    fn hire(contract: NeedContract, start: &str, end: Option<&str>) -> ValidationResult<Hire> {
        Hire::create(
            &HireInput {
                employer_id: Some(new_row_id()),
                contract: Some(contract),
                job_title: "Agent de tri".into(),
                starts_on: Some(day(start)),
                planned_end_on: end.map(day),
                weekly_hours_centi: Some(3_500),
                ..HireInput::default()
            },
            new_row_id(),
        )
    }

    #[test]
    fn follow_ups_fall_at_one_three_and_six_months_clamped_to_the_month_end() {
        let h = hire(NeedContract::Cdi, "2026-01-31", None).unwrap();
        let due: Vec<NaiveDate> = h.follow_ups.iter().map(|f| f.due_on).collect();
        assert_eq!(due, [day("2026-02-28"), day("2026-04-30"), day("2026-07-31")]);
        assert!(h.check_row().is_ok());
        assert_eq!(h.follow_ups_due(day("2026-04-30")).count(), 2);
    }

    #[test]
    fn durable_employment_is_a_cdi_or_six_months_of_contract() {
        assert!(hire(NeedContract::Cdi, "2026-01-05", None).unwrap().is_durable());
        // 5 January to 4 July: six months to the day.
        assert!(hire(NeedContract::Cdd, "2026-01-05", Some("2026-07-04")).unwrap().is_durable());
        assert!(!hire(NeedContract::Cdd, "2026-01-05", Some("2026-07-03")).unwrap().is_durable());
        assert!(hire(NeedContract::CuiCie, "2026-01-05", Some("2027-01-04")).unwrap().is_durable());
        assert!(hire(NeedContract::CuiCie, "2026-01-05", None).unwrap().is_durable(), "a CIE in CDI");
        assert!(!hire(NeedContract::Interim, "2026-01-05", Some("2026-12-31")).unwrap().is_durable());
        assert!(!hire(NeedContract::Alternance, "2026-01-05", Some("2028-01-04")).unwrap().is_durable());
        assert!(hire(NeedContract::PecCae, "2026-01-05", None).unwrap().is_aided());
    }

    #[test]
    fn a_contract_kind_says_whether_it_has_an_end() {
        let e = hire(NeedContract::Cdd, "2026-01-05", None).unwrap_err();
        assert_eq!((e.code, e.field), ("required", "planned_end_on"));
        let e = hire(NeedContract::Cdi, "2026-01-05", Some("2026-06-30")).unwrap_err();
        assert_eq!(e.field, "planned_end_on");
        let e = hire(NeedContract::Cdd, "2026-01-05", Some("2026-01-04")).unwrap_err();
        assert_eq!(e.code, "date_order");
        let e = Hire::create(&HireInput::default(), new_row_id()).unwrap_err();
        let fields: Vec<&str> = e.all().map(|e| e.field).collect();
        assert_eq!(fields, ["employer_id", "contract", "job_title", "starts_on"]);
    }

    #[test]
    fn a_departure_ends_the_hire_and_drops_the_later_follow_ups() {
        let h = hire(NeedContract::Cdd, "2026-01-05", Some("2026-12-31")).unwrap();
        let h = h.followed_up(1, day("2026-02-06"), true, None).unwrap();
        assert_eq!(h.follow_ups[0].in_post, Some(true));
        let e = h.followed_up(3, day("2026-04-06"), false, None).unwrap_err();
        assert_eq!(e.field, "end_reason");
        let e =
            h.followed_up(3, day("2026-04-06"), false, Some((day("2026-04-07"), JobEndReason::Demission)));
        assert_eq!(e.unwrap_err().field, "ended_on");
        let left = h
            .followed_up(3, day("2026-04-06"), false, Some((day("2026-03-20"), JobEndReason::Demission)))
            .unwrap();
        assert!(left.check_row().is_ok());
        assert_eq!(left.follow_ups_due(day("2026-12-31")).count(), 0, "no 6-month follow-up after leaving");
        assert!(left.in_work_on(day("2026-03-20")) && !left.in_work_on(day("2026-03-21")));
        // A new start moves the follow-ups not yet done, keeps the others.
        let moved =
            left.edited(&HireInput { starts_on: Some(day("2026-01-12")), ..left.to_input() }).unwrap();
        assert_eq!(moved.follow_ups[0].in_post, Some(true));
        assert_eq!(moved.follow_ups[2].due_on, day("2026-07-12"));
        assert_eq!(moved.ended_on, Some(day("2026-03-20")));
    }

    #[test]
    fn a_forged_row_is_refused() {
        let h = hire(NeedContract::Cdi, "2026-01-05", None).unwrap();
        let mut moved = h.clone();
        moved.follow_ups[0].due_on = day("2026-03-01");
        assert_eq!(moved.check_row().unwrap_err().field, "follow_ups");
        let mut half = h.clone();
        half.follow_ups[0].done_on = Some(day("2026-02-05"));
        assert_eq!(half.check_row().unwrap_err().field, "follow_ups");
        let ended = Hire { ended_on: Some(day("2026-02-01")), ..h };
        assert_eq!(ended.check_row().unwrap_err().field, "ended_on");
    }
}
