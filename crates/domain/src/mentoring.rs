//! Parrainage (docs/domain/parrainage.md): programmes, parrains and marraines (contacts
//! at employers), pairings with a filleul (a person followed), their
//! meetings and outcomes at the end and at +3 / +6 months, and the
//! programme's indicators.

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{ValidationError, ValidationResult, optional_text, required_text};
use crate::ids::RowId;
use crate::synced::{EntityDef, ScopeRule, Synced, json, one, parse, text};

fn err(code: &'static str, field: &'static str, message: impl Into<String>) -> ValidationError {
    ValidationError::new(code, field, message)
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct Programme {
    pub name: String,
    /// The structure running it (FACE, a club…).
    pub operator_id: Option<RowId>,
    pub convention_id: Option<RowId>,
    pub target_pairs: u32,
    #[ts(type = "string | null")]
    pub starts_on: Option<NaiveDate>,
    #[ts(type = "string | null")]
    pub ends_on: Option<NaiveDate>,
    pub notes: Option<String>,
}

impl Programme {
    pub fn validated(self) -> ValidationResult<Self> {
        if let (Some(s), Some(e)) = (self.starts_on, self.ends_on)
            && e < s
        {
            return Err(err("date_order", "ends_on", "Fin : avant le début du programme."));
        }
        if self.target_pairs > 10_000 {
            return Err(err("out_of_range", "target_pairs", "Objectif : 10 000 binômes au plus."));
        }
        Ok(Self {
            name: required_text(&self.name, "name", "Nom du programme", 160)?,
            notes: optional_text(self.notes.as_deref(), "notes", "Observations", 2_000)?,
            ..self
        })
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct Mentor {
    /// The parrain or marraine: a contact at an employer.
    pub contact_id: RowId,
    pub programme_id: Option<RowId>,
    pub job_title: Option<String>,
    /// Their field, in words (« Énergie », « Logistique »).
    pub sector: Option<String>,
    pub availability: Option<String>,
    #[ts(type = "string | null")]
    pub charter_signed_on: Option<NaiveDate>,
    pub max_mentees: u32,
    pub training: Option<String>,
}

impl Mentor {
    pub fn validated(self) -> ValidationResult<Self> {
        if self.contact_id.is_nil() {
            return Err(err(
                "required",
                "contact_id",
                "Parrain ou marraine : choisissez un contact employeur.",
            ));
        }
        if !(1..=10).contains(&self.max_mentees) {
            return Err(err("out_of_range", "max_mentees", "Filleuls au plus : entre 1 et 10."));
        }
        Ok(Self {
            job_title: optional_text(self.job_title.as_deref(), "job_title", "Métier", 120)?,
            sector: optional_text(self.sector.as_deref(), "sector", "Secteur", 120)?,
            availability: optional_text(self.availability.as_deref(), "availability", "Disponibilités", 200)?,
            training: optional_text(self.training.as_deref(), "training", "Formation reçue", 200)?,
            ..self
        })
    }
}

/// Where a filleul stands (docs/domain/parrainage.md « Outcomes »).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum OutcomeCategory {
    Cdi,
    CddLong,
    CddCourt,
    Interim,
    Alternance,
    Formation,
    Pmsmp,
    CreationEntreprise,
    SansSolution,
    Abandon,
}

impl OutcomeCategory {
    pub const ALL: [Self; 10] = [
        Self::Cdi,
        Self::CddLong,
        Self::CddCourt,
        Self::Interim,
        Self::Alternance,
        Self::Formation,
        Self::Pmsmp,
        Self::CreationEntreprise,
        Self::SansSolution,
        Self::Abandon,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::Cdi => "CDI",
            Self::CddLong => "CDD de 6 mois ou plus",
            Self::CddCourt => "CDD de moins de 6 mois",
            Self::Interim => "Intérim",
            Self::Alternance => "Apprentissage ou contrat de professionnalisation",
            Self::Formation => "Formation",
            Self::Pmsmp => "PMSMP",
            Self::CreationEntreprise => "Création d'entreprise",
            Self::SansSolution => "Sans solution",
            Self::Abandon => "Abandon",
        }
    }

    /// Durable employment (DARES: CDI, CDD ≥ 6 months) or apprenticeship.
    pub fn is_durable(self) -> bool {
        matches!(self, Self::Cdi | Self::CddLong | Self::Alternance)
    }

    /// Any job, training or business creation.
    pub fn is_positive(self) -> bool {
        !matches!(self, Self::SansSolution | Self::Abandon | Self::Pmsmp)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum OutcomeAt {
    Fin,
    Plus3Mois,
    Plus6Mois,
}

impl OutcomeAt {
    pub fn label(self) -> &'static str {
        match self {
            Self::Fin => "À la fin",
            Self::Plus3Mois => "À 3 mois",
            Self::Plus6Mois => "À 6 mois",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Outcome {
    pub at: OutcomeAt,
    pub category: OutcomeCategory,
    #[ts(type = "string")]
    pub recorded_on: NaiveDate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum EndReason {
    ObjectifAtteint,
    FinDePeriode,
    AbandonFilleul,
    IndisponibiliteParrain,
    Autre,
}

impl EndReason {
    pub fn label(self) -> &'static str {
        match self {
            Self::ObjectifAtteint => "Objectif atteint",
            Self::FinDePeriode => "Fin de la période",
            Self::AbandonFilleul => "Abandon du filleul",
            Self::IndisponibiliteParrain => "Indisponibilité du parrain",
            Self::Autre => "Autre",
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct Pairing {
    pub programme_id: Option<RowId>,
    pub mentor_id: RowId,
    /// The filleul.
    pub person_id: RowId,
    /// Who referred the filleul (France Travail, mission locale, référent).
    pub prescriber: Option<String>,
    #[ts(type = "string | null")]
    pub starts_on: Option<NaiveDate>,
    /// Six months after the start unless set.
    #[ts(type = "string | null")]
    pub planned_end_on: Option<NaiveDate>,
    #[ts(type = "string | null")]
    pub extended_to: Option<NaiveDate>,
    #[ts(type = "string | null")]
    pub ended_on: Option<NaiveDate>,
    pub end_reason: Option<EndReason>,
    pub outcomes: Vec<Outcome>,
    /// The filleul's DT and the officers following them (need-to-know).
    pub dt_code: Option<String>,
    pub officer_ids: Vec<RowId>,
}

impl Pairing {
    pub fn validated(mut self) -> ValidationResult<Self> {
        if self.mentor_id.is_nil() {
            return Err(err("required", "mentor_id", "Parrain ou marraine : choisissez-le ou la."));
        }
        if self.person_id.is_nil() {
            return Err(err("required", "person_id", "Filleul : choisissez la personne accompagnée."));
        }
        let start =
            self.starts_on.ok_or_else(|| err("required", "starts_on", "Début : date obligatoire."))?;
        let planned = self.planned_end_on.unwrap_or(start + Months::new(6));
        if planned <= start {
            return Err(err("date_order", "planned_end_on", "Fin prévue : après le début."));
        }
        self.planned_end_on = Some(planned);
        if self.extended_to.is_some_and(|e| e <= planned) {
            return Err(err("date_order", "extended_to", "Prolongé jusqu'au : après la fin prévue."));
        }
        if self.ended_on.is_some_and(|e| e < start) {
            return Err(err("date_order", "ended_on", "Fin effective : avant le début."));
        }
        if self.ended_on.is_some() != self.end_reason.is_some() {
            return Err(err(
                "required",
                "end_reason",
                "Motif de fin : indiquez la date de fin et son motif ensemble.",
            ));
        }
        for o in &self.outcomes {
            let Some(end) = self.ended_on else {
                return Err(err("not_ended", "outcomes", "Sorties : le binôme doit être terminé."));
            };
            let due = match o.at {
                OutcomeAt::Fin => end,
                OutcomeAt::Plus3Mois => end + Months::new(3),
                OutcomeAt::Plus6Mois => end + Months::new(6),
            };
            if o.recorded_on < due {
                return Err(err(
                    "outcome_too_early",
                    "outcomes",
                    format!(
                        "Sortie « {} » : à constater à partir du {}.",
                        o.at.label(),
                        due.format("%d/%m/%Y")
                    ),
                ));
            }
        }
        let mut seen = Vec::new();
        for o in &self.outcomes {
            if seen.contains(&o.at) {
                return Err(err(
                    "duplicate",
                    "outcomes",
                    format!("Sortie « {} » : déjà saisie.", o.at.label()),
                ));
            }
            seen.push(o.at);
        }
        self.prescriber = optional_text(self.prescriber.as_deref(), "prescriber", "Prescripteur", 160)?;
        Ok(self)
    }

    pub fn is_active(&self, today: NaiveDate) -> bool {
        self.ended_on.is_none() && self.starts_on.is_some_and(|s| s <= today)
    }

    pub fn outcome(&self, at: OutcomeAt) -> Option<OutcomeCategory> {
        self.outcomes.iter().find(|o| o.at == at).map(|o| o.category)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum MeetingFormat {
    #[default]
    Presentiel,
    Telephone,
    Visio,
    VisiteEntreprise,
    JobDating,
}

impl MeetingFormat {
    pub fn label(self) -> &'static str {
        match self {
            Self::Presentiel => "En présentiel",
            Self::Telephone => "Téléphone",
            Self::Visio => "Visio",
            Self::VisiteEntreprise => "Visite d'entreprise",
            Self::JobDating => "Job dating",
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct MentoringMeeting {
    pub pairing_id: RowId,
    #[ts(type = "string | null")]
    pub held_on: Option<NaiveDate>,
    pub format: MeetingFormat,
    /// The objective worked on, briefly (no sensitive data).
    pub note: String,
    pub next_step: Option<String>,
    /// Officers who may read it (copied from the pairing).
    pub officer_ids: Vec<RowId>,
    pub dt_code: Option<String>,
}

impl MentoringMeeting {
    pub fn validated(self) -> ValidationResult<Self> {
        if self.pairing_id.is_nil() {
            return Err(err("required", "pairing_id", "Binôme : la rencontre en relève."));
        }
        if self.held_on.is_none() {
            return Err(err("required", "held_on", "Date : obligatoire."));
        }
        Ok(Self {
            note: required_text(&self.note, "note", "Objectif travaillé", 500)?,
            next_step: optional_text(self.next_step.as_deref(), "next_step", "Prochaine étape", 300)?,
            ..self
        })
    }
}

/// The indicators of docs/domain/parrainage.md « Indicators » over a set of pairings.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct MentoringIndicators {
    pub pairs: u32,
    pub active_pairs: u32,
    pub ended_pairs: u32,
    /// Average length of ended pairings, in days.
    pub average_days: Option<u32>,
    pub meetings_per_pair: Option<f64>,
    /// Of ended pairings with an outcome at the end, in %.
    pub positive_exit_rate: Option<u32>,
    pub durable_exit_rate: Option<u32>,
    /// Parrains with a pairing who took another after their first ended.
    pub mentors: u32,
    pub mentors_retained: u32,
}

/// `meetings` holds the pairing id of each meeting.
pub fn indicators(
    pairings: &[(RowId, &Pairing)],
    meetings: &[RowId],
    today: NaiveDate,
) -> MentoringIndicators {
    let pairs = pairings.len() as u32;
    let active = pairings.iter().filter(|(_, p)| p.is_active(today)).count() as u32;
    let ended: Vec<&Pairing> = pairings.iter().map(|(_, p)| *p).filter(|p| p.ended_on.is_some()).collect();
    let days: Vec<i64> = ended.iter().filter_map(|p| Some((p.ended_on? - p.starts_on?).num_days())).collect();
    let average_days = (!days.is_empty()).then(|| (days.iter().sum::<i64>() / days.len() as i64) as u32);
    let counted = meetings.iter().filter(|m| pairings.iter().any(|(id, _)| id == *m)).count();
    let meetings_per_pair = (pairs > 0).then(|| (counted as f64 / f64::from(pairs) * 10.0).round() / 10.0);
    let at_end: Vec<OutcomeCategory> = ended.iter().filter_map(|p| p.outcome(OutcomeAt::Fin)).collect();
    let rate = |n: usize| (!at_end.is_empty()).then(|| ((n * 100 + at_end.len() / 2) / at_end.len()) as u32);
    let positive_exit_rate = rate(at_end.iter().filter(|c| c.is_positive()).count());
    let durable_exit_rate = rate(at_end.iter().filter(|c| c.is_durable()).count());
    let mut mentors: Vec<RowId> = pairings.iter().map(|(_, p)| p.mentor_id).collect();
    mentors.sort();
    mentors.dedup();
    let retained = mentors
        .iter()
        .filter(|m| {
            let mut theirs: Vec<&Pairing> =
                pairings.iter().map(|(_, p)| *p).filter(|p| p.mentor_id == **m).collect();
            theirs.sort_by_key(|p| p.starts_on);
            theirs.first().and_then(|f| f.ended_on).is_some_and(|first_end| {
                theirs.iter().skip(1).any(|p| p.starts_on.is_some_and(|s| s >= first_end))
            })
        })
        .count() as u32;
    MentoringIndicators {
        pairs,
        active_pairs: active,
        ended_pairs: ended.len() as u32,
        average_days,
        meetings_per_pair,
        positive_exit_rate,
        durable_exit_rate,
        mentors: mentors.len() as u32,
        mentors_retained: retained,
    }
}

impl Synced for Programme {
    const DEF: EntityDef = EntityDef {
        references: &[one("operator_id", "organisation"), one("convention_id", "convention")],
        ..EntityDef::new(
            "mentoring_programme",
            &[
                text("name"),
                text("operator_id"),
                text("convention_id"),
                text("target_pairs"),
                text("starts_on"),
                text("ends_on"),
                text("notes"),
            ],
            |d, _| parse::<Programme>(d)?.validated().map(drop),
        )
    };
}

impl Synced for Mentor {
    const DEF: EntityDef = EntityDef {
        references: &[one("contact_id", "contact"), one("programme_id", "mentoring_programme")],
        ..EntityDef::new(
            "mentor",
            &[
                text("contact_id"),
                text("programme_id"),
                text("job_title"),
                text("sector"),
                text("availability"),
                text("charter_signed_on"),
                text("max_mentees"),
                text("training"),
            ],
            |d, _| parse::<Mentor>(d)?.validated().map(drop),
        )
    };
}

impl Synced for Pairing {
    const DEF: EntityDef = EntityDef {
        scope: ScopeRule::AboutPerson { via: Some("person_id") },
        derived: &["dt_code", "officer_ids"],
        references: &[
            one("programme_id", "mentoring_programme"),
            one("mentor_id", "mentor"),
            one("person_id", "person"),
        ],
        ..EntityDef::new(
            "pairing",
            &[
                text("programme_id"),
                text("mentor_id"),
                text("person_id"),
                text("prescriber"),
                text("starts_on"),
                text("planned_end_on"),
                text("extended_to"),
                text("ended_on"),
                text("end_reason"),
                json("outcomes"),
                text("dt_code"),
                json("officer_ids"),
            ],
            |d, _| parse::<Pairing>(d)?.validated().map(drop),
        )
    };
}

impl Synced for MentoringMeeting {
    const DEF: EntityDef = EntityDef {
        scope: ScopeRule::AboutPerson { via: Some("pairing_id") },
        derived: &["dt_code", "officer_ids"],
        references: &[one("pairing_id", "pairing")],
        ..EntityDef::new(
            "mentoring_meeting",
            &[
                text("pairing_id"),
                text("held_on"),
                text("format"),
                text("note"),
                text("next_step"),
                json("officer_ids"),
                text("dt_code"),
            ],
            |d, _| parse::<MentoringMeeting>(d)?.validated().map(drop),
        )
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn pairing(mentor: RowId, start: &str) -> Pairing {
        Pairing {
            mentor_id: mentor,
            person_id: crate::new_row_id(),
            starts_on: Some(d(start)),
            ..Pairing::default()
        }
    }

    #[test]
    fn a_pairing_runs_six_months_by_default_and_ends_with_a_reason() {
        let p = pairing(crate::new_row_id(), "2026-03-15").validated().unwrap();
        assert_eq!(p.planned_end_on, Some(d("2026-09-15")));
        let e = Pairing { ended_on: Some(d("2026-06-01")), ..p.clone() }.validated().unwrap_err();
        assert_eq!(e.field, "end_reason");
        let e = Pairing { extended_to: Some(d("2026-09-01")), ..p.clone() }.validated().unwrap_err();
        assert_eq!(e.field, "extended_to");
        let early = Outcome {
            at: OutcomeAt::Plus3Mois,
            category: OutcomeCategory::Cdi,
            recorded_on: d("2026-07-01"),
        };
        let ended = Pairing {
            ended_on: Some(d("2026-06-01")),
            end_reason: Some(EndReason::ObjectifAtteint),
            outcomes: vec![early],
            ..p.clone()
        };
        let e = ended.clone().validated().unwrap_err();
        assert_eq!((e.code, e.field), ("outcome_too_early", "outcomes"));
        assert!(e.message.contains("01/09/2026"), "{}", e.message);
        let on_time = Outcome { recorded_on: d("2026-09-01"), ..early };
        assert!(Pairing { outcomes: vec![on_time], ..ended }.validated().is_ok());
        let e = Pairing { outcomes: vec![on_time], ..p }.validated().unwrap_err();
        assert_eq!(e.code, "not_ended");
    }

    #[test]
    fn indicators_count_pairs_meetings_exits_and_retained_mentors() {
        let (m1, m2) = (crate::new_row_id(), crate::new_row_id());
        let outcome = |c| vec![Outcome { at: OutcomeAt::Fin, category: c, recorded_on: d("2026-07-01") }];
        let first = Pairing {
            ended_on: Some(d("2026-07-01")),
            end_reason: Some(EndReason::ObjectifAtteint),
            outcomes: outcome(OutcomeCategory::Cdi),
            ..pairing(m1, "2026-01-01")
        };
        let second = pairing(m1, "2026-08-01");
        let third = Pairing {
            ended_on: Some(d("2026-04-01")),
            end_reason: Some(EndReason::AbandonFilleul),
            outcomes: outcome(OutcomeCategory::Abandon),
            ..pairing(m2, "2026-02-01")
        };
        let ids: Vec<RowId> = (0..3).map(|_| crate::new_row_id()).collect();
        let all = [(ids[0], &first), (ids[1], &second), (ids[2], &third)];
        let meetings = [ids[0], ids[0], ids[0], ids[1], ids[2], crate::new_row_id()];
        let i = indicators(&all, &meetings, d("2026-09-01"));
        assert_eq!((i.pairs, i.active_pairs, i.ended_pairs), (3, 1, 2));
        assert_eq!(i.average_days, Some((181 + 59) / 2));
        assert_eq!(i.meetings_per_pair, Some(1.7));
        assert_eq!((i.positive_exit_rate, i.durable_exit_rate), (Some(50), Some(50)));
        assert_eq!((i.mentors, i.mentors_retained), (2, 1));
    }
}
