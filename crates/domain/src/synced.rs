//! The registry of synced entities: what every layer needs to know of a
//! record kind that travels between devices and the server. Each domain
//! type declares its [`EntityDef`] next to its definition (`impl Synced`);
//! the store maps it to its table, the client sync and the server's push
//! and pull iterate over [`ENTITIES`]. Adding an entity is one `impl
//! Synced`, its store mapping and its migrations.
//!
//! See `docs/sync-security.md` for what the server does with each part.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::error::{ValidationError, ValidationResult};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldType {
    /// Text, a number, or NULL.
    Text,
    /// A JSON array or object, kept as JSON text; absent is the empty array
    /// (rows written before the field existed).
    Json,
    /// A yes/no, kept as 0/1 on devices.
    Bool,
}

#[derive(Debug)]
pub struct Field {
    pub name: &'static str,
    pub ty: FieldType,
}

pub const fn text(name: &'static str) -> Field {
    Field { name, ty: FieldType::Text }
}

pub const fn json(name: &'static str) -> Field {
    Field { name, ty: FieldType::Json }
}

pub const fn flag(name: &'static str) -> Field {
    Field { name, ty: FieldType::Bool }
}

/// Who sees a row (the rule itself is [`crate::access::may_see`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScopeRule {
    /// Employer data and partnerships: the whole Département.
    Shared,
    /// A person on the RSA (`via: None`) or a record about one, reached
    /// through the reference field `via` (a contract's `person_id`, a
    /// meeting's `pairing_id`). Its `dt_code` and `officer_ids` are
    /// derived by the server from the person, never taken from a client.
    AboutPerson { via: Option<&'static str> },
    /// Seen by the users these fields name (a follow-up's assignee and
    /// creator), and their territorial managers.
    Assigned { users: &'static [&'static str] },
    /// Seen by the one user this field names (an access-log entry's officer).
    Own { user: &'static str },
}

/// Who may delete a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeleteRule {
    /// Whoever may write it (records the officer manages day to day).
    Writers,
    /// Shared employer data: its creator or an administrator; others
    /// archive it. Refused while live records refer to it.
    CreatorOrAdministrator,
    /// Never deleted (the access log).
    Never,
}

/// A field holding the id of another synced row (or, for `many`, a JSON
/// array of ids).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reference {
    pub field: &'static str,
    pub entity: &'static str,
    pub many: bool,
}

pub const fn one(field: &'static str, entity: &'static str) -> Reference {
    Reference { field, entity, many: false }
}

pub const fn many(field: &'static str, entity: &'static str) -> Reference {
    Reference { field, entity, many: true }
}

/// Checks a record's full field map; `now` bounds dates that may not be in
/// the future.
pub type Validator = fn(&Map<String, Value>, DateTime<Utc>) -> ValidationResult<()>;

pub struct EntityDef {
    /// Name in the sync protocol, the outbox and the server.
    pub name: &'static str,
    /// Every synced field, in column order. Serde keys are exactly these.
    pub fields: &'static [Field],
    pub validate: Validator,
    pub scope: ScopeRule,
    /// Fields the server computes and never takes from a client.
    pub derived: &'static [&'static str],
    /// Fields no two live rows may share (when set).
    pub unique: &'static [&'static str],
    /// Append-only records (the contact log, the access log) never
    /// conflict: their author's latest write wins.
    pub append_only: bool,
    pub delete: DeleteRule,
    pub references: &'static [Reference],
    /// The field holding the device's clock when the record was made (the
    /// access log's `at`): the server refuses it ahead of its own clock or
    /// before the account existed, and keeps its receipt time beside it.
    pub recorded_at: Option<&'static str>,
}

impl EntityDef {
    /// Shared employer data, edited and deleted by whoever may write it,
    /// referring to nothing: the other parts are set where they differ.
    pub const fn new(name: &'static str, fields: &'static [Field], validate: Validator) -> Self {
        Self {
            name,
            fields,
            validate,
            scope: ScopeRule::Shared,
            derived: &[],
            unique: &[],
            append_only: false,
            delete: DeleteRule::Writers,
            references: &[],
            recorded_at: None,
        }
    }

    pub fn field(&self, name: &str) -> Option<&'static Field> {
        self.fields.iter().find(|f| f.name == name)
    }
}

impl std::fmt::Debug for EntityDef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name)
    }
}

/// A record kind that syncs.
pub trait Synced: Serialize + DeserializeOwned {
    const DEF: EntityDef;
}

use crate::account::AccountObjective;
use crate::audit::AuditEntry;
use crate::candidacy::Candidacy;
use crate::cie::AidedContract;
use crate::commitment::Commitment;
use crate::committee::CommitteeMeeting;
use crate::contact::Contact;
use crate::convention::Convention;
use crate::event::{Event, EventInvitation};
use crate::grouping::Membership;
use crate::hire::{Hire, HiredPerson};
use crate::interaction::Interaction;
use crate::mentoring::{Mentor, MentoringMeeting, Pairing, Programme};
use crate::need::RecruitmentNeed;
use crate::organisation::Organisation;
use crate::parameters::{AidParameter, AidRule};
use crate::person::Person;
use crate::project::GrandProject;
use crate::retention::{ErasureRequest, RetentionPeriod};
use crate::task::Task;
use crate::tension::TensionJob;

/// Every synced entity, referenced ones before those that refer to them.
pub const ENTITIES: &[&EntityDef] = &[
    &Organisation::DEF,
    &Contact::DEF,
    &Interaction::DEF,
    &Convention::DEF,
    &Commitment::DEF,
    &CommitteeMeeting::DEF,
    &Membership::DEF,
    &AccountObjective::DEF,
    &Person::DEF,
    &AuditEntry::DEF,
    &AidParameter::DEF,
    &AidRule::DEF,
    &AidedContract::DEF,
    &Programme::DEF,
    &Mentor::DEF,
    &Pairing::DEF,
    &MentoringMeeting::DEF,
    &RetentionPeriod::DEF,
    &ErasureRequest::DEF,
    &TensionJob::DEF,
    &GrandProject::DEF,
    &RecruitmentNeed::DEF,
    &Candidacy::DEF,
    &Hire::DEF,
    &HiredPerson::DEF,
    &Event::DEF,
    &EventInvitation::DEF,
    &Task::DEF,
];

pub fn entity(name: &str) -> Option<&'static EntityDef> {
    ENTITIES.iter().copied().find(|e| e.name == name)
}

/// Longest text value of any field, in characters (the domain's own
/// limits, per field, are tighter).
pub const MAX_TEXT_CHARS: usize = 20_000;
/// Largest JSON field (an aided contract's monthly lines are ~6 KB).
pub const MAX_JSON_BYTES: usize = 128 * 1024;
/// Largest record, all fields together.
pub const MAX_RECORD_BYTES: usize = 256 * 1024;
/// Dates outside these years are refused: nothing in an officer's work
/// lies there, and month-by-month computations stay bounded.
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2100;

/// Checks a full record: known fields only, sizes, date years, then the
/// entity's own validation.
pub fn validate_record(
    entity_name: &str,
    data: &Map<String, Value>,
    now: DateTime<Utc>,
) -> ValidationResult<()> {
    let Some(def) = entity(entity_name) else {
        return Err(ValidationError::new(
            "unknown_entity",
            "entity",
            format!("Type de fiche inconnu : « {} ».", clip(entity_name, 40)),
        ));
    };
    check_shape(def, data)?;
    (def.validate)(data, now)
}

/// The checks every record passes before its entity's rules: no field
/// outside the registry, values of the field's type and size, dates within
/// [`YEARS`].
pub fn check_shape(def: &EntityDef, data: &Map<String, Value>) -> ValidationResult<()> {
    let mut total = 0;
    for (name, value) in data {
        let Some(field) = def.field(name) else {
            return Err(ValidationError::new(
                "unknown_field",
                "data",
                format!("Champ inconnu : « {} ».", clip(name, 40)),
            ));
        };
        let size = match (field.ty, value) {
            (_, Value::Null) => 0,
            (FieldType::Text, Value::String(s)) => {
                if s.chars().count() > MAX_TEXT_CHARS {
                    return Err(too_long(field.name));
                }
                s.len()
            }
            (FieldType::Text, Value::Number(_)) | (FieldType::Bool, Value::Bool(_)) => 8,
            (FieldType::Json, v @ (Value::Array(_) | Value::Object(_))) => {
                let n = v.to_string().len();
                if n > MAX_JSON_BYTES {
                    return Err(too_long(field.name));
                }
                n
            }
            _ => {
                return Err(ValidationError::new(
                    "invalid_type",
                    field.name,
                    format!("Champ « {} » : valeur d'un type inattendu.", field.name),
                ));
            }
        };
        total += size;
        if total > MAX_RECORD_BYTES {
            return Err(ValidationError::new("too_large", "data", "Fiche trop volumineuse."));
        }
        check_dates(field.name, value)?;
    }
    Ok(())
}

fn too_long(field: &'static str) -> ValidationError {
    ValidationError::new("too_long", field, format!("Champ « {field} » : valeur trop longue."))
}

/// Every date or instant in `value` (nested too) has its year in [`YEARS`].
fn check_dates(field: &'static str, value: &Value) -> ValidationResult<()> {
    match value {
        Value::String(s) => match date_year(s) {
            Some(y) if !YEARS.contains(&y) => Err(ValidationError::new(
                "date_out_of_range",
                field,
                format!(
                    "Champ « {field} » : l'année {y} est hors des limites ({}–{}).",
                    YEARS.start(),
                    YEARS.end()
                ),
            )),
            _ => Ok(()),
        },
        Value::Array(items) => items.iter().try_for_each(|v| check_dates(field, v)),
        Value::Object(m) => m.values().try_for_each(|v| check_dates(field, v)),
        _ => Ok(()),
    }
}

/// The year of a string that reads as a date (`2026-11-30`), an instant, or
/// a year-month (`2026-11`), including chrono's signed years (`+12026-…`).
fn date_year(s: &str) -> Option<i32> {
    if s.len() > 40 {
        return None;
    }
    if let Ok(d) = s.parse::<NaiveDate>() {
        return Some(d.year());
    }
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(t.year());
    }
    // Signed years (chrono writes years past 9999 as `+12026-01-01`) and
    // year-months (`2026-11`). Unsigned runs of other lengths are not
    // years: a UUID may start with eight digits.
    let (signed, rest) = match s.as_bytes().first()? {
        b'+' | b'-' => (true, &s[1..]),
        _ => (false, s),
    };
    let digits = rest.find('-').map(|i| &rest[..i])?;
    let month = rest.get(digits.len() + 1..digits.len() + 3)?;
    if digits.len() < 4
        || !digits.bytes().all(|b| b.is_ascii_digit())
        || !month.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    if !signed && (digits.len() != 4 || rest.len() != 7) {
        return None;
    }
    let year = digits.parse::<i32>().unwrap_or(i32::MAX);
    Some(if s.starts_with('-') { -year } else { year })
}

/// At most `n` characters of an untrusted string, for messages.
pub fn clip(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        return s.to_string();
    }
    let mut out: String = s.chars().take(n).collect();
    out.push('…');
    out
}

/// The record as `T`: the stored type (every field present and well-typed)
/// or the form type (to run the form's rules).
pub fn parse<T: DeserializeOwned>(data: &Map<String, Value>) -> ValidationResult<T> {
    serde_json::from_value(Value::Object(data.clone())).map_err(|e| {
        ValidationError::new("invalid_record", "data", format!("Fiche invalide : {}", clip(&plain(&e), 200)))
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

    fn organisation() -> Value {
        json!({
            "kind": "etablissement", "name": "Auchan Roncq", "legal_name": null, "siren": null,
            "siret": "73282932000074", "naf_code": null, "naf_version": null, "commune_code": null,
            "postcode": null, "address": null, "phone": null, "email": null, "website": null,
            "headcount_band": null, "parent_id": null, "owner_id": null, "status": "prospect",
            "partner_type": null, "tags": [], "notes": null
        })
    }

    #[test]
    fn checks_identifiers_and_cross_field_rules() {
        let mut org = organisation();
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
    fn refuses_unknown_fields_oversized_values_and_far_dates() {
        let mut org = organisation();
        org["payload"] = json!("x");
        assert_eq!(validate_record("organisation", &map(org), Utc::now()).unwrap_err().code, "unknown_field");
        let mut org = organisation();
        org["notes"] = json!("é".repeat(MAX_TEXT_CHARS + 1));
        let e = validate_record("organisation", &map(org), Utc::now()).unwrap_err();
        assert_eq!((e.code, e.field), ("too_long", "notes"));
        let mut org = organisation();
        org["tags"] = json!(vec!["étiquette"; 20_000]);
        assert_eq!(validate_record("organisation", &map(org), Utc::now()).unwrap_err().code, "too_long");
        let mut org = organisation();
        org["name"] = json!({"nested": true});
        assert_eq!(validate_record("organisation", &map(org), Utc::now()).unwrap_err().code, "invalid_type");
        let mut name = "a".repeat(1_000_000);
        name.push('…');
        let e = validate_record(&name, &Map::new(), Utc::now()).unwrap_err();
        assert!(e.message.chars().count() < 80, "the entity name is not echoed whole");
        for far in
            ["2101-01-01", "1899-12-31", "+12026-01-01", "9999-12-31T00:00:00.000Z", "-0001-01-01", "9999-01"]
        {
            let e = check_dates("starts_on", &json!([{"on": far}])).unwrap_err();
            assert_eq!(e.code, "date_out_of_range", "{far}");
        }
        for fine in [
            "2026-11-30",
            "2026-11",
            "1900-01-01",
            "2100-12-31T23:59:59.999Z",
            "59350",
            "K2204",
            "-",
            "01234567-8901-7abc-8def-0123456789ab",
            "03-20-12-34-56",
        ] {
            assert_eq!(check_dates("x", &json!(fine)), Ok(()), "{fine}");
        }
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

    #[test]
    fn every_reference_and_scope_field_is_a_field() {
        for e in ENTITIES {
            for r in e.references {
                assert!(e.field(r.field).is_some(), "{}.{}", e.name, r.field);
                assert!(entity(r.entity).is_some(), "{}.{} → {}", e.name, r.field, r.entity);
            }
            for f in e.derived.iter().chain(e.unique).chain(&e.recorded_at) {
                assert!(e.field(f).is_some(), "{}.{f}", e.name);
            }
            match e.scope {
                ScopeRule::AboutPerson { via: Some(f) } => {
                    assert!(e.references.iter().any(|r| r.field == f && !r.many), "{}.{f}", e.name)
                }
                ScopeRule::Assigned { users } => users.iter().for_each(|f| assert!(e.field(f).is_some())),
                ScopeRule::Own { user } => assert!(e.field(user).is_some()),
                _ => {}
            }
        }
        let names: std::collections::HashSet<_> = ENTITIES.iter().map(|e| e.name).collect();
        assert_eq!(names.len(), ENTITIES.len(), "names are unique");
    }
}
