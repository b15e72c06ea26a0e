//! The contact log: every exchange an officer has with an employer.
//! Append-only in spirit: only its author may edit an entry.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{ValidationError, ValidationResult, optional_text, required_text};
use crate::ids::RowId;
use crate::synced::{EntityDef, Synced, one, parse, text};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Visite,
    Telephone,
    Email,
    Visio,
    Evenement,
}

impl Channel {
    pub const ALL: [Channel; 5] = [Self::Visite, Self::Telephone, Self::Email, Self::Visio, Self::Evenement];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Visite => "visite",
            Self::Telephone => "telephone",
            Self::Email => "email",
            Self::Visio => "visio",
            Self::Evenement => "evenement",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Visite => "Visite",
            Self::Telephone => "Téléphone",
            Self::Email => "E-mail",
            Self::Visio => "Visio",
            Self::Evenement => "Événement",
        }
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct InteractionInput {
    pub organisation_id: Option<RowId>,
    pub contact_id: Option<RowId>,
    pub occurred_at: Option<DateTime<Utc>>,
    pub channel: Option<Channel>,
    pub subject: String,
    pub notes: Option<String>,
    pub outcome: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Interaction {
    pub organisation_id: RowId,
    pub contact_id: Option<RowId>,
    pub officer_id: RowId,
    #[serde(with = "crate::time")]
    #[ts(type = "string")]
    pub occurred_at: DateTime<Utc>,
    pub channel: Channel,
    pub subject: String,
    pub notes: Option<String>,
    pub outcome: Option<String>,
}

/// Clock skew tolerated between the laptop and reality when checking that a
/// contact is not logged in the future.
const FUTURE_TOLERANCE_MINUTES: i64 = 10;

impl Interaction {
    pub fn validate(
        input: &InteractionInput,
        officer_id: RowId,
        now: DateTime<Utc>,
    ) -> ValidationResult<Self> {
        let organisation_id = input.organisation_id.ok_or_else(|| {
            ValidationError::new(
                "required",
                "organisation_id",
                "Organisation : choisissez l'organisation contactée.",
            )
        })?;
        let occurred_at = input.occurred_at.ok_or_else(|| {
            ValidationError::new("required", "occurred_at", "Date du contact : ce champ est obligatoire.")
        })?;
        if occurred_at > now + Duration::minutes(FUTURE_TOLERANCE_MINUTES) {
            return Err(ValidationError::new(
                "in_future",
                "occurred_at",
                "Date du contact : elle est dans le futur ; pour un rendez-vous à venir, créez une relance.",
            ));
        }
        let channel = input.channel.ok_or_else(|| {
            ValidationError::new(
                "required",
                "channel",
                "Canal : choisissez visite, téléphone, e-mail, visio ou événement.",
            )
        })?;
        Ok(Self {
            organisation_id,
            contact_id: input.contact_id,
            officer_id,
            occurred_at,
            channel,
            subject: required_text(&input.subject, "subject", "Objet", 200)?,
            notes: optional_text(input.notes.as_deref(), "notes", "Compte rendu", 20_000)?,
            outcome: optional_text(input.outcome.as_deref(), "outcome", "Suite donnée", 500)?,
        })
    }
}

impl Synced for Interaction {
    const DEF: EntityDef = EntityDef {
        append_only: true,
        references: &[one("organisation_id", "organisation"), one("contact_id", "contact")],
        ..EntityDef::new(
            "interaction",
            &[
                text("organisation_id"),
                text("contact_id"),
                text("officer_id"),
                text("occurred_at"),
                text("channel"),
                text("subject"),
                text("notes"),
                text("outcome"),
            ],
            |d, now| {
                let i = parse::<Interaction>(d)?;
                Interaction::validate(&parse::<InteractionInput>(d)?, i.officer_id, now).map(drop)
            },
        )
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::new_row_id;

    #[test]
    fn refuses_future_and_missing_fields() {
        let now = Utc::now();
        let officer = new_row_id();
        let mut i = InteractionInput {
            organisation_id: Some(new_row_id()),
            occurred_at: Some(now + Duration::days(1)),
            channel: Some(Channel::Visite),
            subject: "Visite du site".into(),
            ..Default::default()
        };
        let e = Interaction::validate(&i, officer, now).unwrap_err();
        assert_eq!((e.field, e.code), ("occurred_at", "in_future"));
        i.occurred_at = Some(now);
        i.subject = String::new();
        assert_eq!(Interaction::validate(&i, officer, now).unwrap_err().field, "subject");
        i.subject = "Visite".into();
        i.channel = None;
        assert_eq!(Interaction::validate(&i, officer, now).unwrap_err().field, "channel");
        i.channel = Some(Channel::Telephone);
        assert_eq!(Interaction::validate(&i, officer, now).unwrap().officer_id, officer);
    }
}
