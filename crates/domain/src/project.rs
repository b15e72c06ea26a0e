//! Grands projets and their insertion clauses (« clauses sociales
//! d'insertion »): a building project whose contracts oblige the companies
//! working on it to give a number of hours of work to people far from
//! employment. The project (builder, site, communes, dates, hours promised)
//! is shared employer data; its needs are recruitment needs naming it, and
//! the hours achieved are counted from the hires on those needs
//! (docs/placement.md « Grands projets »).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Checks, ValidationError, ValidationResult, optional_text, required_text};
use crate::hire::Hire;
use crate::ids::RowId;
use crate::synced::{DeleteRule, EntityDef, Synced, json, many, one, parse, text};
use crate::territory::CommuneCode;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ProjectStatus {
    EnPreparation,
    EnCours,
    Termine,
}

impl ProjectStatus {
    pub const ALL: [Self; 3] = [Self::EnPreparation, Self::EnCours, Self::Termine];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::EnPreparation => "en_preparation",
            Self::EnCours => "en_cours",
            Self::Termine => "termine",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::EnPreparation => "En préparation",
            Self::EnCours => "Chantier en cours",
            Self::Termine => "Terminé",
        }
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ProjectInput {
    pub name: String,
    /// The maître d'ouvrage (the Département, a city, a social landlord…).
    pub builder_id: Option<RowId>,
    /// Where the works are.
    pub site: Option<String>,
    pub commune_codes: Vec<String>,
    #[ts(type = "string | null")]
    pub starts_on: Option<NaiveDate>,
    #[ts(type = "string | null")]
    pub ends_on: Option<NaiveDate>,
    /// Hours of insertion the clause promises, over the whole project.
    pub clause_hours: Option<u32>,
    /// The companies working on it (attributaires of its contracts).
    pub employer_ids: Vec<RowId>,
    /// Who runs the clause (« facilitateur » of the EPCI, the PLIE…).
    pub facilitator: Option<String>,
    pub status: Option<ProjectStatus>,
    pub notes: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct GrandProject {
    pub name: String,
    pub builder_id: Option<RowId>,
    pub site: Option<String>,
    pub commune_codes: Vec<String>,
    #[ts(type = "string")]
    pub starts_on: NaiveDate,
    #[ts(type = "string | null")]
    pub ends_on: Option<NaiveDate>,
    pub clause_hours: u32,
    pub employer_ids: Vec<RowId>,
    pub facilitator: Option<String>,
    pub status: ProjectStatus,
    pub notes: Option<String>,
}

/// The largest clause Tremplin takes: the Grand Paris Express's whole
/// clause is about 5 million hours; one project of a Département is far
/// below.
const MAX_CLAUSE_HOURS: u32 = 5_000_000;
const MAX_EMPLOYERS: usize = 200;
const MAX_COMMUNES: usize = 100;

impl GrandProject {
    pub fn create(input: &ProjectInput) -> ValidationResult<Self> {
        let mut c = Checks::default();
        let name = c.value(required_text(&input.name, "name", "Nom du projet", 200));
        let site = c.value(optional_text(input.site.as_deref(), "site", "Site", 300));
        let mut commune_codes: Vec<String> = Vec::new();
        for raw in &input.commune_codes {
            if let Some(code) = c.take(CommuneCode::parse(raw).map_err(|e| e.on_field("commune_codes"))) {
                let code = code.as_str().to_string();
                if !commune_codes.contains(&code) {
                    commune_codes.push(code);
                }
            }
        }
        if commune_codes.len() > MAX_COMMUNES {
            c.push(ValidationError::new(
                "too_many",
                "commune_codes",
                format!("Communes : {MAX_COMMUNES} au plus."),
            ));
        }
        if input.starts_on.is_none() {
            c.push(ValidationError::new("required", "starts_on", "Début des travaux : date obligatoire."));
        }
        if let (Some(s), Some(e)) = (input.starts_on, input.ends_on)
            && e < s
        {
            c.push(ValidationError::new("date_order", "ends_on", "Fin des travaux : après leur début."));
        }
        let clause_hours = input.clause_hours.unwrap_or(0);
        if clause_hours > MAX_CLAUSE_HOURS {
            c.push(ValidationError::new(
                "out_of_range",
                "clause_hours",
                format!("Heures d'insertion : {MAX_CLAUSE_HOURS} au plus."),
            ));
        }
        let mut employer_ids: Vec<RowId> = Vec::new();
        for e in &input.employer_ids {
            if !employer_ids.contains(e) {
                employer_ids.push(*e);
            }
        }
        if employer_ids.len() > MAX_EMPLOYERS {
            c.push(ValidationError::new(
                "too_many",
                "employer_ids",
                format!("Entreprises : {MAX_EMPLOYERS} au plus."),
            ));
        }
        let facilitator =
            c.value(optional_text(input.facilitator.as_deref(), "facilitator", "Facilitateur", 200));
        let notes = c.value(optional_text(input.notes.as_deref(), "notes", "Observations", 2_000));
        c.finish()?;
        Ok(Self {
            name,
            builder_id: input.builder_id,
            site,
            commune_codes,
            starts_on: input.starts_on.unwrap_or_default(),
            ends_on: input.ends_on,
            clause_hours,
            employer_ids,
            facilitator,
            status: input.status.unwrap_or(ProjectStatus::EnPreparation),
            notes,
        })
    }

    pub fn to_input(&self) -> ProjectInput {
        ProjectInput {
            name: self.name.clone(),
            builder_id: self.builder_id,
            site: self.site.clone(),
            commune_codes: self.commune_codes.clone(),
            starts_on: Some(self.starts_on),
            ends_on: self.ends_on,
            clause_hours: Some(self.clause_hours),
            employer_ids: self.employer_ids.clone(),
            facilitator: self.facilitator.clone(),
            status: Some(self.status),
            notes: self.notes.clone(),
        }
    }

    pub fn check_row(&self) -> ValidationResult<()> {
        let again = Self::create(&self.to_input())?;
        if again.employer_ids.len() != self.employer_ids.len() || again.commune_codes != self.commune_codes {
            return Err(ValidationError::new(
                "invalid",
                "employer_ids",
                "Entreprises et communes : chacune une seule fois.",
            ));
        }
        Ok(())
    }

    /// Hours of insertion (in hundredths) a hire gave the project up to
    /// `today`: its weekly hours over the days worked within the project's
    /// dates (from its start to its end, or its planned end, or today). A
    /// hire without weekly hours gives none (the page says how many).
    pub fn hours_of(&self, hire: &Hire, today: NaiveDate) -> u64 {
        let Some(weekly) = hire.weekly_hours_centi else { return 0 };
        let from = hire.starts_on.max(self.starts_on);
        let mut until = today;
        for end in [hire.ended_on.or(hire.planned_end_on), self.ends_on].into_iter().flatten() {
            until = until.min(end);
        }
        if until < from {
            return 0;
        }
        let days = (until - from).num_days() as u64 + 1;
        u64::from(weekly) * days / 7
    }
}

impl Synced for GrandProject {
    const DEF: EntityDef = EntityDef {
        // Shared work; whoever entered it (or an administrator) deletes it,
        // and not while needs name it.
        delete: DeleteRule::CreatorOrAdministrator,
        references: &[one("builder_id", "organisation"), many("employer_ids", "organisation")],
        ..EntityDef::new(
            "grand_project",
            &[
                text("name"),
                text("builder_id"),
                text("site"),
                json("commune_codes"),
                text("starts_on"),
                text("ends_on"),
                text("clause_hours"),
                json("employer_ids"),
                text("facilitator"),
                text("status"),
                text("notes"),
            ],
            |d, _| parse::<GrandProject>(d)?.check_row(),
        )
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hire::HireInput;
    use crate::ids::new_row_id;
    use crate::need::NeedContract;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn project() -> GrandProject {
        GrandProject::create(&ProjectInput {
            name: "Collège de Wattrelos — reconstruction".into(),
            commune_codes: vec!["59650".into(), "59650".into()],
            starts_on: Some(day("2026-03-02")),
            ends_on: Some(day("2027-06-30")),
            clause_hours: Some(7_000),
            ..ProjectInput::default()
        })
        .unwrap()
    }

    fn hire(start: &str, end: Option<&str>, hours: Option<u32>) -> Hire {
        Hire::create(
            &HireInput {
                employer_id: Some(new_row_id()),
                contract: Some(if end.is_some() { NeedContract::Cdd } else { NeedContract::Cdi }),
                job_title: "Maçon".into(),
                starts_on: Some(day(start)),
                planned_end_on: end.map(day),
                weekly_hours_centi: hours,
                ..HireInput::default()
            },
            new_row_id(),
        )
        .unwrap()
    }

    #[test]
    fn a_project_has_a_name_a_start_and_its_communes_once() {
        let p = project();
        assert_eq!(p.commune_codes, ["59650"]);
        assert!(p.check_row().is_ok());
        let e = GrandProject::create(&ProjectInput::default()).unwrap_err();
        let fields: Vec<&str> = e.all().map(|e| e.field).collect();
        assert_eq!(fields, ["name", "starts_on"]);
        let e =
            GrandProject::create(&ProjectInput { ends_on: Some(day("2026-01-01")), ..project().to_input() });
        assert_eq!(e.unwrap_err().field, "ends_on");
        let e = GrandProject::create(&ProjectInput {
            commune_codes: vec!["5965".into()],
            ..project().to_input()
        });
        assert_eq!(e.unwrap_err().field, "commune_codes");
    }

    #[test]
    fn hours_come_from_the_weekly_hours_over_the_days_worked_on_the_project() {
        let p = project();
        // 35 h a week for four weeks (2 to 29 November): 140 h.
        assert_eq!(
            p.hours_of(&hire("2026-11-02", Some("2026-11-29"), Some(3_500)), day("2026-12-31")),
            14_000
        );
        // Still running: counted up to today (2 to 8 November, one week).
        assert_eq!(p.hours_of(&hire("2026-11-02", None, Some(3_500)), day("2026-11-08")), 3_500);
        // Before the works began, nothing; after they end, nothing more.
        assert_eq!(
            p.hours_of(&hire("2026-02-23", Some("2026-03-08"), Some(3_500)), day("2026-12-31")),
            3_500
        );
        assert_eq!(p.hours_of(&hire("2027-06-24", None, Some(3_500)), day("2027-12-31")), 3_500);
        // Left early: up to the departure.
        let left = hire("2026-11-02", Some("2027-04-30"), Some(2_400))
            .followed_up(
                1,
                day("2026-11-20"),
                false,
                Some((day("2026-11-15"), crate::hire::JobEndReason::Demission)),
            )
            .unwrap();
        assert_eq!(p.hours_of(&left, day("2026-12-31")), 4_800);
        assert_eq!(
            p.hours_of(&hire("2026-11-02", None, None), day("2026-12-31")),
            0,
            "no weekly hours, no hours"
        );
    }
}
