//! Steering of a convention (docs/domain/conventions.md « Governance »): the COPIL and the
//! technical committee, their meetings, who attended, the minutes and the
//! decisions taken.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{ValidationError, ValidationResult, optional_text, required_text};
use crate::ids::RowId;
use crate::synced::{EntityDef, Synced, json, one, parse, text};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CommitteeKind {
    Copil,
    ComiteTechnique,
}

impl CommitteeKind {
    pub fn label(self) -> &'static str {
        match self {
            Self::Copil => "Comité de pilotage (COPIL)",
            Self::ComiteTechnique => "Comité technique",
        }
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct CommitteeInput {
    pub convention_id: Option<RowId>,
    pub kind: Option<CommitteeKind>,
    #[ts(type = "string | null")]
    pub held_on: Option<NaiveDate>,
    pub attendees: Vec<String>,
    pub minutes: Option<String>,
    pub decisions: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CommitteeMeeting {
    pub convention_id: RowId,
    pub kind: CommitteeKind,
    /// Date held, or planned when in the future.
    #[ts(type = "string")]
    pub held_on: NaiveDate,
    pub attendees: Vec<String>,
    pub minutes: Option<String>,
    pub decisions: Vec<String>,
}

impl CommitteeMeeting {
    pub fn validate(input: &CommitteeInput) -> ValidationResult<Self> {
        let convention_id = input.convention_id.ok_or_else(|| {
            ValidationError::new("required", "convention_id", "Convention : le comité doit en relever.")
        })?;
        let kind = input.kind.ok_or_else(|| {
            ValidationError::new("required", "kind", "Instance : COPIL ou comité technique.")
        })?;
        let held_on = input.held_on.ok_or_else(|| {
            ValidationError::new("required", "held_on", "Date : indiquez la date de la réunion.")
        })?;
        Ok(Self {
            convention_id,
            kind,
            held_on,
            attendees: lines(&input.attendees, "attendees", "Participants", 60, 200)?,
            minutes: optional_text(input.minutes.as_deref(), "minutes", "Compte rendu", 20_000)?,
            decisions: lines(&input.decisions, "decisions", "Décisions", 40, 500)?,
        })
    }

    pub fn to_input(&self) -> CommitteeInput {
        CommitteeInput {
            convention_id: Some(self.convention_id),
            kind: Some(self.kind),
            held_on: Some(self.held_on),
            attendees: self.attendees.clone(),
            minutes: self.minutes.clone(),
            decisions: self.decisions.clone(),
        }
    }
}

/// A list of short lines: blanks dropped, each line trimmed and bounded.
fn lines(
    items: &[String],
    field: &'static str,
    label: &str,
    max_items: usize,
    max_len: usize,
) -> ValidationResult<Vec<String>> {
    let mut out = Vec::new();
    for item in items {
        if item.trim().is_empty() {
            continue;
        }
        out.push(required_text(item, field, label, max_len)?);
    }
    if out.len() > max_items {
        return Err(ValidationError::new(
            "too_many",
            field,
            format!("{label} : {max_items} lignes au plus."),
        ));
    }
    Ok(out)
}

impl Synced for CommitteeMeeting {
    const DEF: EntityDef = EntityDef {
        references: &[one("convention_id", "convention")],
        ..EntityDef::new(
            "committee_meeting",
            &[
                text("convention_id"),
                text("kind"),
                text("held_on"),
                json("attendees"),
                text("minutes"),
                json("decisions"),
            ],
            |d, _| CommitteeMeeting::validate(&parse::<CommitteeMeeting>(d)?.to_input()).map(drop),
        )
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_meeting_needs_its_convention_kind_and_date() {
        let mut i = CommitteeInput::default();
        assert_eq!(CommitteeMeeting::validate(&i).unwrap_err().field, "convention_id");
        i.convention_id = Some(crate::new_row_id());
        assert_eq!(CommitteeMeeting::validate(&i).unwrap_err().field, "kind");
        i.kind = Some(CommitteeKind::Copil);
        assert_eq!(CommitteeMeeting::validate(&i).unwrap_err().field, "held_on");
        i.held_on = NaiveDate::from_ymd_opt(2016, 12, 12);
        i.attendees = vec!["ENGIE — déléguée régionale".into(), "  ".into()];
        i.decisions = vec!["Objectif 2017 porté à 30 recrutements".into()];
        let m = CommitteeMeeting::validate(&i).unwrap();
        assert_eq!((m.attendees.len(), m.decisions.len()), (1, 1));
    }
}
