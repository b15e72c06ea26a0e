//! Employer groupings (GE, GEIQ — docs/domain/groupings.md): which establishments are
//! members, since when and until when.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{ValidationError, ValidationResult, optional_text};
use crate::ids::RowId;
use crate::synced::{EntityDef, Synced, one, parse, text};

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct MembershipInput {
    pub grouping_id: Option<RowId>,
    pub member_id: Option<RowId>,
    #[ts(type = "string | null")]
    pub joined_on: Option<NaiveDate>,
    #[ts(type = "string | null")]
    pub left_on: Option<NaiveDate>,
    pub notes: Option<String>,
}

/// An establishment's membership of a grouping (`member_of`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Membership {
    pub grouping_id: RowId,
    pub member_id: RowId,
    #[ts(type = "string")]
    pub joined_on: NaiveDate,
    #[ts(type = "string | null")]
    pub left_on: Option<NaiveDate>,
    pub notes: Option<String>,
}

impl Membership {
    pub fn validate(input: &MembershipInput) -> ValidationResult<Self> {
        let grouping_id = input.grouping_id.ok_or_else(|| {
            ValidationError::new("required", "grouping_id", "Groupement : choisissez le groupement.")
        })?;
        let member_id = input.member_id.ok_or_else(|| {
            ValidationError::new("required", "member_id", "Adhérent : choisissez l'établissement adhérent.")
        })?;
        if member_id == grouping_id {
            return Err(ValidationError::new(
                "self_member",
                "member_id",
                "Adhérent : un groupement ne peut pas adhérer à lui-même.",
            ));
        }
        let joined_on = input
            .joined_on
            .ok_or_else(|| ValidationError::new("required", "joined_on", "Date d'adhésion : indiquez-la."))?;
        if input.left_on.is_some_and(|l| l < joined_on) {
            return Err(ValidationError::new(
                "before_joining",
                "left_on",
                "Date de sortie : elle précède la date d'adhésion.",
            ));
        }
        Ok(Self {
            grouping_id,
            member_id,
            joined_on,
            left_on: input.left_on,
            notes: optional_text(input.notes.as_deref(), "notes", "Notes", 2_000)?,
        })
    }

    pub fn to_input(&self) -> MembershipInput {
        MembershipInput {
            grouping_id: Some(self.grouping_id),
            member_id: Some(self.member_id),
            joined_on: Some(self.joined_on),
            left_on: self.left_on,
            notes: self.notes.clone(),
        }
    }

    /// Member on `day`.
    pub fn is_current(&self, day: NaiveDate) -> bool {
        self.joined_on <= day && self.left_on.is_none_or(|l| l >= day)
    }
}

impl Synced for Membership {
    const DEF: EntityDef = EntityDef {
        references: &[one("grouping_id", "organisation"), one("member_id", "organisation")],
        ..EntityDef::new(
            "membership",
            &[text("grouping_id"), text("member_id"), text("joined_on"), text("left_on"), text("notes")],
            |d, _| Membership::validate(&parse::<Membership>(d)?.to_input()).map(drop),
        )
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn membership_dates_are_ordered() {
        let g = crate::new_row_id();
        let mut i = MembershipInput { grouping_id: Some(g), member_id: Some(g), ..Default::default() };
        assert_eq!(Membership::validate(&i).unwrap_err().code, "self_member");
        i.member_id = Some(crate::new_row_id());
        assert_eq!(Membership::validate(&i).unwrap_err().field, "joined_on");
        i.joined_on = Some(d(2016, 3, 24));
        i.left_on = Some(d(2016, 1, 1));
        assert_eq!(Membership::validate(&i).unwrap_err().field, "left_on");
        i.left_on = Some(d(2018, 6, 30));
        let m = Membership::validate(&i).unwrap();
        assert!(m.is_current(d(2017, 1, 1)) && !m.is_current(d(2019, 1, 1)));
    }
}
