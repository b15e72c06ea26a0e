//! People at organisations (B2B contacts): a name, a role and how to reach
//! them. Kept 36 months after the last contact (docs/domain/personal-data.md « Retention »).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Checks, ValidationError, ValidationResult, optional_text, required_text};
use crate::ids::RowId;
use crate::organisation::opt;
use crate::reach::{Email, Phone};
use crate::synced::{EntityDef, Synced, one, parse, text};

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ContactInput {
    pub organisation_id: Option<RowId>,
    pub first_name: Option<String>,
    pub last_name: String,
    pub job_title: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub mobile: Option<String>,
    pub notes: Option<String>,
    pub level: Option<ContactLevel>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Contact {
    pub organisation_id: RowId,
    pub first_name: Option<String>,
    pub last_name: String,
    pub job_title: Option<String>,
    pub email: Option<Email>,
    pub phone: Option<Phone>,
    pub mobile: Option<Phone>,
    pub notes: Option<String>,
    /// For a large account: where this person sits in the group.
    #[serde(default)]
    pub level: Option<ContactLevel>,
}

/// Level of a key-account contact (the account plan's national and
/// regional contacts, besides the sites' own).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ContactLevel {
    National,
    Regional,
    Local,
}

impl ContactLevel {
    pub const ALL: [ContactLevel; 3] = [Self::National, Self::Regional, Self::Local];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::National => "national",
            Self::Regional => "regional",
            Self::Local => "local",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::National => "National",
            Self::Regional => "Régional",
            Self::Local => "Local (site)",
        }
    }
}

impl Contact {
    pub fn validate(input: &ContactInput) -> ValidationResult<Self> {
        let mut c = Checks::default();
        let organisation_id = c.take(input.organisation_id.ok_or_else(organisation_required));
        let first_name = c.value(optional_text(input.first_name.as_deref(), "first_name", "Prénom", 100));
        let last_name = c.value(required_text(&input.last_name, "last_name", "Nom", 100));
        let job_title = c.value(optional_text(input.job_title.as_deref(), "job_title", "Fonction", 150));
        let email = c.value(opt(input.email.as_deref(), Email::parse));
        let phone = c.value(opt(input.phone.as_deref(), Phone::parse));
        let mobile = c.value(opt(input.mobile.as_deref(), |m| Phone::parse_field(m, "mobile")));
        let notes = c.value(optional_text(input.notes.as_deref(), "notes", "Notes", 5_000));
        c.finish()?;
        Ok(Self {
            organisation_id: organisation_id.ok_or_else(organisation_required)?,
            first_name,
            last_name,
            job_title,
            email,
            phone,
            mobile,
            notes,
            level: input.level,
        })
    }

    pub fn display_name(&self) -> String {
        match &self.first_name {
            Some(f) => format!("{f} {}", self.last_name),
            None => self.last_name.clone(),
        }
    }
}

fn organisation_required() -> ValidationError {
    ValidationError::new(
        "required",
        "organisation_id",
        "Organisation : choisissez l'organisation de ce contact.",
    )
}

impl Synced for Contact {
    const DEF: EntityDef = EntityDef {
        references: &[one("organisation_id", "organisation")],
        ..EntityDef::new(
            "contact",
            &[
                text("organisation_id"),
                text("first_name"),
                text("last_name"),
                text("job_title"),
                text("email"),
                text("phone"),
                text("mobile"),
                text("notes"),
                text("level"),
            ],
            |d, _| {
                parse::<Contact>(d)?;
                Contact::validate(&parse::<ContactInput>(d)?).map(drop)
            },
        )
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::new_row_id;

    #[test]
    fn validates_contact() {
        let mut i = ContactInput { last_name: "Martin".into(), ..Default::default() };
        assert_eq!(Contact::validate(&i).unwrap_err().field, "organisation_id");
        i.organisation_id = Some(new_row_id());
        i.first_name = Some("Claire".into());
        i.mobile = Some("07 00".into());
        let e = Contact::validate(&i).unwrap_err();
        assert_eq!((e.field, e.code), ("mobile", "phone_format"));
        i.mobile = Some("06 12 34 56 78".into());
        let c = Contact::validate(&i).unwrap();
        assert_eq!(c.display_name(), "Claire Martin");
        assert_eq!(c.mobile.unwrap().as_str(), "+33612345678");
    }

    #[test]
    fn one_validation_reports_every_field_at_fault() {
        let i = ContactInput {
            last_name: " ".into(),
            email: Some("pas-une-adresse".into()),
            phone: Some("03 20".into()),
            ..Default::default()
        };
        let e = Contact::validate(&i).unwrap_err();
        assert_eq!(
            e.all().map(|e| e.field).collect::<Vec<_>>(),
            ["organisation_id", "last_name", "email", "phone"]
        );
    }
}
