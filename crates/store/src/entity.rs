//! How each synced record maps to its table. A record's serde field names
//! are its column names and its sync patch keys; the store reads and writes
//! any [`Entity`] generically, so adding one means a migration, a domain
//! type and an `impl Entity` here.

use chrono::{DateTime, Utc};
use rusqlite::types::Value as SqlValue;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};
use uuid::Uuid;

use tremplin_domain::account::AccountObjective;
use tremplin_domain::audit::AuditEntry;
use tremplin_domain::cie::AidedContract;
use tremplin_domain::commitment::Commitment;
use tremplin_domain::committee::CommitteeMeeting;
use tremplin_domain::contact::Contact;
use tremplin_domain::convention::Convention;
use tremplin_domain::grouping::Membership;
use tremplin_domain::interaction::Interaction;
use tremplin_domain::mentoring::{Mentor, MentoringMeeting, Pairing, Programme};
use tremplin_domain::organisation::Organisation;
use tremplin_domain::parameters::{AidParameter, AidRule};
use tremplin_domain::person::Person;
use tremplin_domain::task::Task;

use crate::error::{StoreError, StoreResult};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldType {
    /// Text, or NULL.
    Text,
    /// A JSON array, kept as JSON text; absent is the empty array (rows
    /// written before the field existed).
    Json,
    /// A yes/no, kept as 0/1.
    Bool,
}

pub struct Field {
    pub name: &'static str,
    pub ty: FieldType,
}

const fn text(name: &'static str) -> Field {
    Field { name, ty: FieldType::Text }
}

const fn json(name: &'static str) -> Field {
    Field { name, ty: FieldType::Json }
}

const fn flag(name: &'static str) -> Field {
    Field { name, ty: FieldType::Bool }
}

pub trait Entity: Serialize + DeserializeOwned {
    /// Name in the sync protocol and the outbox.
    const NAME: &'static str;
    const TABLE: &'static str;
    /// French name, for messages.
    const LABEL: &'static str;
    /// Every synced field, in column order.
    const FIELDS: &'static [Field];
}

impl Entity for Organisation {
    const NAME: &'static str = "organisation";
    const TABLE: &'static str = "organisation";
    const LABEL: &'static str = "Organisation";
    const FIELDS: &'static [Field] = &[
        text("kind"),
        text("name"),
        text("legal_name"),
        text("siren"),
        text("siret"),
        text("naf_code"),
        text("naf_version"),
        text("commune_code"),
        text("postcode"),
        text("address"),
        text("phone"),
        text("email"),
        text("website"),
        text("headcount_band"),
        text("parent_id"),
        text("owner_id"),
        text("status"),
        text("partner_type"),
        json("tags"),
        text("notes"),
        text("idcc"),
        text("geiq_label_year"),
        json("account_team"),
    ];
}

impl Entity for Contact {
    const NAME: &'static str = "contact";
    const TABLE: &'static str = "contact";
    const LABEL: &'static str = "Contact";
    const FIELDS: &'static [Field] = &[
        text("organisation_id"),
        text("first_name"),
        text("last_name"),
        text("job_title"),
        text("email"),
        text("phone"),
        text("mobile"),
        text("notes"),
        text("level"),
    ];
}

impl Entity for Interaction {
    const NAME: &'static str = "interaction";
    const TABLE: &'static str = "interaction";
    const LABEL: &'static str = "Contact consigné";
    const FIELDS: &'static [Field] = &[
        text("organisation_id"),
        text("contact_id"),
        text("officer_id"),
        text("occurred_at"),
        text("channel"),
        text("subject"),
        text("notes"),
        text("outcome"),
    ];
}

impl Entity for Task {
    const NAME: &'static str = "task";
    const TABLE: &'static str = "task";
    const LABEL: &'static str = "Relance";
    const FIELDS: &'static [Field] = &[
        text("title"),
        text("notes"),
        text("due_date"),
        text("assignee_id"),
        text("created_by"),
        text("organisation_id"),
        text("interaction_id"),
        text("status"),
        text("completed_at"),
    ];
}

impl Entity for Convention {
    const NAME: &'static str = "convention";
    const TABLE: &'static str = "convention";
    const LABEL: &'static str = "Convention";
    const FIELDS: &'static [Field] = &[
        text("number"),
        text("title"),
        text("version_no"),
        text("previous_id"),
        text("status"),
        json("partner_ids"),
        json("third_party_ids"),
        json("signatories"),
        json("territories"),
        json("establishment_ids"),
        text("cp_number"),
        text("cp_date"),
        text("signed_on"),
        text("starts_on"),
        text("duration_months"),
        text("terminated_on"),
        text("termination_reason"),
        text("preamble"),
        text("financial_clause"),
        text("place"),
        text("notice_months"),
        text("cure_days"),
        text("copil_frequency"),
        text("cotech_frequency"),
        text("referent_id"),
        text("notes"),
    ];
}

impl Entity for Commitment {
    const NAME: &'static str = "commitment";
    const TABLE: &'static str = "commitment";
    const LABEL: &'static str = "Engagement";
    const FIELDS: &'static [Field] = &[
        text("convention_id"),
        text("position"),
        text("indicator"),
        text("label"),
        text("unit"),
        json("targets"),
        json("actuals"),
    ];
}

impl Entity for CommitteeMeeting {
    const NAME: &'static str = "committee_meeting";
    const TABLE: &'static str = "committee_meeting";
    const LABEL: &'static str = "Comité";
    const FIELDS: &'static [Field] = &[
        text("convention_id"),
        text("kind"),
        text("held_on"),
        json("attendees"),
        text("minutes"),
        json("decisions"),
    ];
}

impl Entity for Membership {
    const NAME: &'static str = "membership";
    const TABLE: &'static str = "membership";
    const LABEL: &'static str = "Adhésion";
    const FIELDS: &'static [Field] =
        &[text("grouping_id"), text("member_id"), text("joined_on"), text("left_on"), text("notes")];
}

impl Entity for AccountObjective {
    const NAME: &'static str = "account_objective";
    const TABLE: &'static str = "account_objective";
    const LABEL: &'static str = "Objectif du plan de compte";
    const FIELDS: &'static [Field] =
        &[text("organisation_id"), text("year"), text("title"), text("status"), text("notes")];
}

impl Entity for Person {
    const NAME: &'static str = "person";
    const TABLE: &'static str = "person";
    const LABEL: &'static str = "Personne accompagnée";
    const FIELDS: &'static [Field] = &[
        text("first_name"),
        text("last_name"),
        text("commune_code"),
        text("dt_code"),
        text("ft_id"),
        text("referent_name"),
        text("referent_organisation"),
        text("orientation"),
        json("rome_codes"),
        json("consents"),
        text("last_contact_on"),
        json("officer_ids"),
        text("notes"),
    ];
}

impl Entity for AuditEntry {
    const NAME: &'static str = "audit_entry";
    const TABLE: &'static str = "audit_entry";
    const LABEL: &'static str = "Journal d'accès";
    const FIELDS: &'static [Field] =
        &[text("officer_id"), text("at"), text("action"), text("entity"), text("row_id"), text("purpose")];
}

impl Entity for AidParameter {
    const NAME: &'static str = "aid_parameter";
    const TABLE: &'static str = "aid_parameter";
    const LABEL: &'static str = "Paramètre daté";
    const FIELDS: &'static [Field] =
        &[text("kind"), text("effective_from"), text("amount_cents"), text("source"), text("replaces_id")];
}

impl Entity for AidRule {
    const NAME: &'static str = "aid_rule";
    const TABLE: &'static str = "aid_rule";
    const LABEL: &'static str = "Règle d'aide";
    const FIELDS: &'static [Field] = &[
        text("name"),
        text("source"),
        text("contract_type"),
        text("valid_from"),
        text("valid_to"),
        text("rate_bp"),
        text("hours_cap_centi"),
        text("max_months_cdd"),
        text("max_months_cdi"),
        text("financing_mode"),
        text("rsa_share_bp"),
        text("rsa_share_7h_bp"),
        text("base_rate_bp"),
        text("dept_share_bp"),
        text("replaces_id"),
    ];
}

impl Entity for AidedContract {
    const NAME: &'static str = "aided_contract";
    const TABLE: &'static str = "aided_contract";
    const LABEL: &'static str = "Contrat aidé";
    const FIELDS: &'static [Field] = &[
        text("contract_type"),
        text("employer_id"),
        json("user_establishment_ids"),
        text("person_id"),
        text("rome_code"),
        text("job_title"),
        text("employment"),
        text("starts_on"),
        text("ends_on"),
        text("aid_starts_on"),
        text("aid_ends_on"),
        text("contract_hours_centi"),
        text("rate_bp"),
        text("rule_id"),
        json("exceptions"),
        text("tutor_name"),
        text("tutor_function"),
        flag("tutor_experienced"),
        text("referent_name"),
        text("referent_organisation"),
        text("decision_reference"),
        json("renewals"),
        json("suspensions"),
        json("incidents"),
        text("status"),
        text("dt_code"),
        json("officer_ids"),
        json("lines"),
        text("notes"),
    ];
}

impl Entity for Programme {
    const NAME: &'static str = "mentoring_programme";
    const TABLE: &'static str = "mentoring_programme";
    const LABEL: &'static str = "Programme de parrainage";
    const FIELDS: &'static [Field] = &[
        text("name"),
        text("operator_id"),
        text("convention_id"),
        text("target_pairs"),
        text("starts_on"),
        text("ends_on"),
        text("notes"),
    ];
}

impl Entity for Mentor {
    const NAME: &'static str = "mentor";
    const TABLE: &'static str = "mentor";
    const LABEL: &'static str = "Parrain ou marraine";
    const FIELDS: &'static [Field] = &[
        text("contact_id"),
        text("programme_id"),
        text("job_title"),
        text("sector"),
        text("availability"),
        text("charter_signed_on"),
        text("max_mentees"),
        text("training"),
    ];
}

impl Entity for Pairing {
    const NAME: &'static str = "pairing";
    const TABLE: &'static str = "pairing";
    const LABEL: &'static str = "Binôme de parrainage";
    const FIELDS: &'static [Field] = &[
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
    ];
}

impl Entity for MentoringMeeting {
    const NAME: &'static str = "mentoring_meeting";
    const TABLE: &'static str = "mentoring_meeting";
    const LABEL: &'static str = "Rencontre de parrainage";
    const FIELDS: &'static [Field] = &[
        text("pairing_id"),
        text("held_on"),
        text("format"),
        text("note"),
        text("next_step"),
        json("officer_ids"),
        text("dt_code"),
    ];
}

/// An entity's mapping, usable by name (sync applies rows it receives as
/// field maps).
#[derive(Clone, Copy)]
pub struct EntityInfo {
    pub name: &'static str,
    pub table: &'static str,
    pub label: &'static str,
    pub fields: &'static [Field],
    /// Kept in the search index (search_source_<name> exists).
    pub searchable: bool,
    /// SQL expression naming a row for the officer (in lists of conflicts).
    pub title_sql: &'static str,
}

pub(crate) const fn info<E: Entity>(searchable: bool, title_sql: &'static str) -> EntityInfo {
    EntityInfo { name: E::NAME, table: E::TABLE, label: E::LABEL, fields: E::FIELDS, searchable, title_sql }
}

/// Every synced entity.
pub const SYNCED: &[EntityInfo] = &[
    info::<Organisation>(true, "name"),
    info::<Contact>(true, "concat_ws(' ', first_name, last_name)"),
    info::<Interaction>(true, "subject"),
    info::<Task>(false, "title"),
    info::<Convention>(false, "concat_ws(' ', number, title)"),
    info::<Commitment>(false, "label"),
    info::<CommitteeMeeting>(false, "kind || ' ' || held_on"),
    info::<Membership>(false, "'adhésion ' || joined_on"),
    info::<AccountObjective>(false, "title"),
    info::<Person>(false, "concat_ws(' ', first_name, last_name)"),
    info::<AuditEntry>(false, "action || ' ' || at"),
    info::<AidParameter>(false, "kind || ' ' || effective_from"),
    info::<AidRule>(false, "name"),
    info::<AidedContract>(false, "job_title || ' ' || starts_on"),
    info::<Programme>(false, "name"),
    info::<Mentor>(false, "coalesce(job_title, 'parrain')"),
    info::<Pairing>(false, "'binôme ' || starts_on"),
    info::<MentoringMeeting>(false, "'rencontre ' || held_on"),
];

pub fn info_of(name: &str) -> Option<&'static EntityInfo> {
    SYNCED.iter().find(|e| e.name == name)
}

impl EntityInfo {
    pub fn field(&self, name: &str) -> Option<&'static Field> {
        self.fields.iter().find(|f| f.name == name)
    }
}

/// A stored record with its bookkeeping.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Record<E> {
    pub id: Uuid,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub deleted_at: Option<DateTime<Utc>>,
    /// Server version of the last pulled state (0: never synced).
    pub version: i64,
    pub data: E,
}

/// A record as its field map (column → JSON value).
pub(crate) fn to_fields<E: Entity>(data: &E) -> StoreResult<Map<String, Value>> {
    let Value::Object(map) = serde_json::to_value(data).map_err(|e| corrupt::<E>("?", e))? else {
        return Err(corrupt::<E>("?", "not an object"));
    };
    debug_assert!(
        map.keys().all(|k| E::FIELDS.iter().any(|f| f.name == k)),
        "{}: a serde field has no column",
        E::NAME
    );
    Ok(map)
}

pub(crate) fn to_sql(ty: FieldType, v: &Value) -> SqlValue {
    match (ty, v) {
        (FieldType::Json, Value::Null) => SqlValue::Text("[]".into()),
        (_, Value::Null) => SqlValue::Null,
        (FieldType::Json, v) => SqlValue::Text(v.to_string()),
        (_, Value::Bool(b)) => SqlValue::Integer(i64::from(*b)),
        (_, Value::String(s)) => SqlValue::Text(s.clone()),
        (_, Value::Number(n)) => match n.as_i64() {
            Some(i) => SqlValue::Integer(i),
            None => SqlValue::Real(n.as_f64().unwrap_or_default()),
        },
        (_, other) => SqlValue::Text(other.to_string()),
    }
}

pub(crate) fn from_sql_named(
    entity: &'static str,
    ty: FieldType,
    v: SqlValue,
    id: &str,
) -> StoreResult<Value> {
    let corrupt = |m: String| StoreError::Corrupt { entity, id: id.to_string(), message: m };
    Ok(match (ty, v) {
        (_, SqlValue::Null) => Value::Null,
        (FieldType::Json, SqlValue::Text(s)) => {
            serde_json::from_str(&s).map_err(|e| corrupt(e.to_string()))?
        }
        (FieldType::Bool, SqlValue::Integer(i)) => Value::Bool(i != 0),
        (_, SqlValue::Text(s)) => Value::String(s),
        (_, SqlValue::Integer(i)) => Value::from(i),
        (_, SqlValue::Real(f)) => Value::from(f),
        (_, SqlValue::Blob(_)) => return Err(corrupt("unexpected blob".into())),
    })
}

/// A row's columns (in `E::FIELDS` order) decoded into `E`. The columns are
/// written out as one JSON object and parsed once: JSON columns (an aided
/// contract's monthly lines) go to the struct without an intermediate
/// `Value` tree, which is most of the cost of reading large lists.
pub(crate) fn decode<E: Entity + DeserializeOwned>(vals: Vec<SqlValue>, id: &str) -> StoreResult<E> {
    let mut buf = String::with_capacity(512);
    buf.push('{');
    for (i, (f, v)) in E::FIELDS.iter().zip(vals).enumerate() {
        if i > 0 {
            buf.push(',');
        }
        // Field names are Rust identifiers: no escaping needed.
        buf.push('"');
        buf.push_str(f.name);
        buf.push_str("\":");
        match (f.ty, v) {
            (_, SqlValue::Null) => buf.push_str("null"),
            (FieldType::Json, SqlValue::Text(s)) => buf.push_str(&s),
            (FieldType::Bool, SqlValue::Integer(i)) => buf.push_str(if i != 0 { "true" } else { "false" }),
            (_, SqlValue::Text(s)) => {
                buf.push_str(&serde_json::to_string(&s).map_err(|e| corrupt::<E>(id, e))?);
            }
            (_, SqlValue::Integer(i)) => buf.push_str(&i.to_string()),
            (_, SqlValue::Real(r)) => match serde_json::Number::from_f64(r) {
                Some(n) => buf.push_str(&n.to_string()),
                None => return Err(corrupt::<E>(id, format!("{}: not a finite number", f.name))),
            },
            (_, SqlValue::Blob(_)) => return Err(corrupt::<E>(id, format!("{}: unexpected blob", f.name))),
        }
    }
    buf.push('}');
    serde_json::from_str(&buf).map_err(|e| corrupt::<E>(id, e))
}

pub(crate) fn corrupt<E: Entity>(id: &str, e: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt { entity: E::NAME, id: id.to_string(), message: e.to_string() }
}

pub(crate) fn parse_time<E: Entity>(id: &str, s: &str) -> StoreResult<DateTime<Utc>> {
    tremplin_domain::time::parse(s).ok_or_else(|| corrupt::<E>(id, format!("bad timestamp {s}")))
}
