//! Whole records as they arrive from another device (the sync server checks
//! every pushed row with these): the same rules as the forms, applied to
//! the stored shape of each record.

use chrono::{DateTime, Utc};
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::account::AccountObjective;
use crate::audit::AuditEntry;
use crate::cie::AidedContract;
use crate::commitment::Commitment;
use crate::committee::CommitteeMeeting;
use crate::contact::{Contact, ContactInput};
use crate::convention::Convention;
use crate::error::{ValidationError, ValidationResult};
use crate::grouping::Membership;
use crate::interaction::{Interaction, InteractionInput};
use crate::mentoring::{Mentor, MentoringMeeting, Pairing, Programme};
use crate::organisation::{Organisation, OrganisationInput};
use crate::parameters::{AidParameter, AidRule};
use crate::person::Person;
use crate::task::{Task, TaskInput};

/// Names of the synced record kinds this crate can validate.
pub const SYNCED_ENTITIES: &[&str] = &[
    "organisation",
    "contact",
    "interaction",
    "task",
    "convention",
    "commitment",
    "committee_meeting",
    "membership",
    "account_objective",
    "person",
    "audit_entry",
    "aid_parameter",
    "aid_rule",
    "aided_contract",
    "mentoring_programme",
    "mentor",
    "pairing",
    "mentoring_meeting",
];

/// Checks a record's full field map. `now` bounds dates that may not be in
/// the future.
pub fn validate_record(entity: &str, data: &Map<String, Value>, now: DateTime<Utc>) -> ValidationResult<()> {
    match entity {
        "organisation" => {
            parse::<Organisation>(data)?;
            Organisation::validate(&parse::<OrganisationInput>(data)?).map(drop)
        }
        "contact" => {
            parse::<Contact>(data)?;
            Contact::validate(&parse::<ContactInput>(data)?).map(drop)
        }
        "interaction" => {
            let i = parse::<Interaction>(data)?;
            Interaction::validate(&parse::<InteractionInput>(data)?, i.officer_id, now).map(drop)
        }
        "task" => {
            let t = parse::<Task>(data)?;
            Task::validate(&parse::<TaskInput>(data)?, t.created_by).map(drop)
        }
        "convention" => parse::<Convention>(data)?.check(),
        "commitment" => parse::<Commitment>(data)?.check(),
        "committee_meeting" => {
            CommitteeMeeting::validate(&parse::<CommitteeMeeting>(data)?.to_input()).map(drop)
        }
        "membership" => Membership::validate(&parse::<Membership>(data)?.to_input()).map(drop),
        "account_objective" => {
            AccountObjective::validate(&parse::<AccountObjective>(data)?.to_input()).map(drop)
        }
        "person" => parse::<Person>(data)?.validated().map(drop),
        "audit_entry" => parse::<AuditEntry>(data)?.validated().map(drop),
        "aid_parameter" => parse::<AidParameter>(data)?.validated().map(drop),
        "aid_rule" => parse::<AidRule>(data)?.validated().map(drop),
        "aided_contract" => parse::<AidedContract>(data)?.check().map(drop),
        "mentoring_programme" => parse::<Programme>(data)?.validated().map(drop),
        "mentor" => parse::<Mentor>(data)?.validated().map(drop),
        "pairing" => parse::<Pairing>(data)?.validated().map(drop),
        "mentoring_meeting" => parse::<MentoringMeeting>(data)?.validated().map(drop),
        _ => Err(ValidationError::new(
            "unknown_entity",
            "entity",
            format!("Type de fiche inconnu : « {entity} »."),
        )),
    }
}

/// The record as `T`: the stored type (every field present and well-typed)
/// or the form type (to run the form's rules).
fn parse<T: DeserializeOwned>(data: &Map<String, Value>) -> ValidationResult<T> {
    serde_json::from_value(Value::Object(data.clone())).map_err(|e| {
        ValidationError::new("invalid_record", "data", format!("Fiche invalide : {}", plain(&e)))
    })
}

/// serde_json appends "at line 1 column N", meaningless to an officer.
fn plain(e: &serde_json::Error) -> String {
    let s = e.to_string();
    match s.find(" at line ") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn map(v: Value) -> Map<String, Value> {
        v.as_object().unwrap().clone()
    }

    #[test]
    fn checks_identifiers_and_cross_field_rules() {
        let mut org = json!({
            "kind": "etablissement", "name": "Auchan Roncq", "legal_name": null, "siren": null,
            "siret": "73282932000074", "naf_code": null, "naf_version": null, "commune_code": null,
            "postcode": null, "address": null, "phone": null, "email": null, "website": null,
            "headcount_band": null, "parent_id": null, "owner_id": null, "status": "prospect",
            "partner_type": null, "tags": [], "notes": null
        });
        // Rows written before groupings and account teams existed.
        assert_eq!(validate_record("organisation", &map(org.clone()), Utc::now()), Ok(()));
        org["siret"] = json!("73282932000075");
        let e = validate_record("organisation", &map(org.clone()), Utc::now()).unwrap_err();
        assert!(e.message.contains("SIRET"), "{}", e.message);
        org["siret"] = Value::Null;
        let e = validate_record("organisation", &map(org), Utc::now()).unwrap_err();
        assert_eq!((e.code, e.field), ("required", "siret"));
        let e = validate_record("bogus", &Map::new(), Utc::now()).unwrap_err();
        assert_eq!(e.code, "unknown_entity");
    }

    #[test]
    fn refuses_a_contact_log_in_the_future() {
        let now = Utc::now();
        let i = json!({
            "organisation_id": crate::new_row_id(), "contact_id": null, "officer_id": crate::new_row_id(),
            "occurred_at": crate::time::format(&(now + chrono::Duration::days(2))), "channel": "visite",
            "subject": "Visite", "notes": null, "outcome": null
        });
        assert_eq!(validate_record("interaction", &map(i), now).unwrap_err().code, "in_future");
    }
}
