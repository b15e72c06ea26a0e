//! Follow-ups ("relances"): something an officer must do by a date, about an
//! organisation or a logged contact.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{ValidationError, ValidationResult, optional_text, required_text};
use crate::ids::RowId;
use crate::synced::{EntityDef, ScopeRule, Synced, one, parse, text};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TaskStatus {
    AFaire,
    Faite,
    Annulee,
}

impl TaskStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::AFaire => "a_faire",
            Self::Faite => "faite",
            Self::Annulee => "annulee",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::AFaire => "À faire",
            Self::Faite => "Faite",
            Self::Annulee => "Annulée",
        }
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct TaskInput {
    pub title: String,
    pub notes: Option<String>,
    pub due_date: Option<NaiveDate>,
    /// Defaults to the officer creating the task.
    pub assignee_id: Option<RowId>,
    pub organisation_id: Option<RowId>,
    pub interaction_id: Option<RowId>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Task {
    pub title: String,
    pub notes: Option<String>,
    pub due_date: NaiveDate,
    pub assignee_id: RowId,
    pub created_by: RowId,
    pub organisation_id: Option<RowId>,
    pub interaction_id: Option<RowId>,
    /// A follow-up in employment of this hire (set by the hire, not typed).
    #[serde(default)]
    pub hire_id: Option<RowId>,
    pub status: TaskStatus,
    #[serde(with = "crate::time::option")]
    #[ts(type = "string | null")]
    pub completed_at: Option<chrono::DateTime<chrono::Utc>>,
}

impl Task {
    pub fn validate(input: &TaskInput, created_by: RowId) -> ValidationResult<Self> {
        let due_date = input
            .due_date
            .ok_or_else(|| ValidationError::new("required", "due_date", "Échéance : choisissez une date."))?;
        Ok(Self {
            title: required_text(&input.title, "title", "Intitulé", 200)?,
            notes: optional_text(input.notes.as_deref(), "notes", "Notes", 5_000)?,
            due_date,
            assignee_id: input.assignee_id.unwrap_or(created_by),
            created_by,
            organisation_id: input.organisation_id,
            interaction_id: input.interaction_id,
            hire_id: None,
            status: TaskStatus::AFaire,
            completed_at: None,
        })
    }
}

impl Synced for Task {
    const DEF: EntityDef = EntityDef {
        scope: ScopeRule::Assigned { users: &["assignee_id", "created_by"] },
        references: &[
            one("organisation_id", "organisation"),
            one("interaction_id", "interaction"),
            one("hire_id", "hire"),
        ],
        ..EntityDef::new(
            "task",
            &[
                text("title"),
                text("notes"),
                text("due_date"),
                text("assignee_id"),
                text("created_by"),
                text("organisation_id"),
                text("interaction_id"),
                text("hire_id"),
                text("status"),
                text("completed_at"),
            ],
            |d, _| {
                let t = parse::<Task>(d)?;
                Task::validate(&parse::<TaskInput>(d)?, t.created_by).map(drop)
            },
        )
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::new_row_id;

    #[test]
    fn task_defaults_to_its_creator() {
        let me = new_row_id();
        let mut i = TaskInput { title: "Rappeler la DRH".into(), ..Default::default() };
        assert_eq!(Task::validate(&i, me).unwrap_err().field, "due_date");
        i.due_date = NaiveDate::from_ymd_opt(2026, 12, 4);
        let t = Task::validate(&i, me).unwrap();
        assert_eq!((t.assignee_id, t.status), (me, TaskStatus::AFaire));
    }
}
