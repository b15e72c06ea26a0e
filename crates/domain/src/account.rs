//! The key-account plan of a large account: its objectives year by year.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{ValidationError, ValidationResult, optional_text, required_text};
use crate::ids::RowId;
use crate::synced::{EntityDef, Synced, one, parse, text};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ObjectiveStatus {
    Prevu,
    EnCours,
    Atteint,
    Abandonne,
}

impl ObjectiveStatus {
    pub fn label(self) -> &'static str {
        match self {
            Self::Prevu => "Prévu",
            Self::EnCours => "En cours",
            Self::Atteint => "Atteint",
            Self::Abandonne => "Abandonné",
        }
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct AccountObjectiveInput {
    pub organisation_id: Option<RowId>,
    pub year: Option<i32>,
    pub title: String,
    pub status: Option<ObjectiveStatus>,
    pub notes: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AccountObjective {
    pub organisation_id: RowId,
    pub year: i32,
    pub title: String,
    pub status: ObjectiveStatus,
    pub notes: Option<String>,
}

impl AccountObjective {
    pub fn validate(input: &AccountObjectiveInput) -> ValidationResult<Self> {
        let organisation_id = input.organisation_id.ok_or_else(|| {
            ValidationError::new("required", "organisation_id", "Grand compte : choisissez le compte.")
        })?;
        let year = match input.year {
            None => return Err(ValidationError::new("required", "year", "Année : indiquez l'année visée.")),
            Some(y) if !(2000..=2100).contains(&y) => {
                return Err(ValidationError::new(
                    "out_of_range",
                    "year",
                    format!("Année : {y} n'est pas une année plausible."),
                ));
            }
            Some(y) => y,
        };
        Ok(Self {
            organisation_id,
            year,
            title: required_text(&input.title, "title", "Objectif", 300)?,
            status: input.status.unwrap_or(ObjectiveStatus::Prevu),
            notes: optional_text(input.notes.as_deref(), "notes", "Notes", 5_000)?,
        })
    }

    pub fn to_input(&self) -> AccountObjectiveInput {
        AccountObjectiveInput {
            organisation_id: Some(self.organisation_id),
            year: Some(self.year),
            title: self.title.clone(),
            status: Some(self.status),
            notes: self.notes.clone(),
        }
    }
}

impl Synced for AccountObjective {
    const DEF: EntityDef = EntityDef {
        references: &[one("organisation_id", "organisation")],
        ..EntityDef::new(
            "account_objective",
            &[text("organisation_id"), text("year"), text("title"), text("status"), text("notes")],
            |d, _| AccountObjective::validate(&parse::<AccountObjective>(d)?.to_input()).map(drop),
        )
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_objective_has_an_account_a_year_and_a_title() {
        let mut i = AccountObjectiveInput::default();
        assert_eq!(AccountObjective::validate(&i).unwrap_err().field, "organisation_id");
        i.organisation_id = Some(crate::new_row_id());
        assert_eq!(AccountObjective::validate(&i).unwrap_err().field, "year");
        i.year = Some(1899);
        assert_eq!(AccountObjective::validate(&i).unwrap_err().code, "out_of_range");
        i.year = Some(2027);
        assert_eq!(AccountObjective::validate(&i).unwrap_err().field, "title");
        i.title = "Signer l'avenant régional".into();
        assert_eq!(AccountObjective::validate(&i).unwrap().status, ObjectiveStatus::Prevu);
    }
}
