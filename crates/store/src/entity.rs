//! How each synced record maps to its table. A record's serde field names
//! are its column names and its sync patch keys (the domain's registry,
//! `tremplin_domain::synced`); the store reads and writes any [`Entity`]
//! generically, so adding one means a migration, the domain type with its
//! `impl Synced` and an `impl Entity` here.

use chrono::{DateTime, Utc};
use rusqlite::types::Value as SqlValue;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};
use uuid::Uuid;

use tremplin_domain::account::AccountObjective;
use tremplin_domain::audit::AuditEntry;
use tremplin_domain::candidacy::Candidacy;
use tremplin_domain::cie::AidedContract;
use tremplin_domain::commitment::Commitment;
use tremplin_domain::committee::CommitteeMeeting;
use tremplin_domain::contact::Contact;
use tremplin_domain::convention::Convention;
use tremplin_domain::event::{Event, EventInvitation};
use tremplin_domain::grouping::Membership;
use tremplin_domain::hire::{Hire, HiredPerson};
use tremplin_domain::interaction::Interaction;
use tremplin_domain::mentoring::{Mentor, MentoringMeeting, Pairing, Programme};
use tremplin_domain::need::RecruitmentNeed;
use tremplin_domain::organisation::Organisation;
use tremplin_domain::parameters::{AidParameter, AidRule};
use tremplin_domain::person::Person;
use tremplin_domain::project::GrandProject;
use tremplin_domain::retention::{ErasureRequest, RetentionPeriod};
use tremplin_domain::task::Task;
use tremplin_domain::tension::TensionJob;

use tremplin_domain::synced::Synced;
pub use tremplin_domain::synced::{Field, FieldType};

use crate::error::{StoreError, StoreResult};

/// A synced record and its table. What it is (fields, scope, rules) is
/// the domain's registry ([`Synced`]); the store adds where it lives.
pub trait Entity: Synced {
    const TABLE: &'static str;
    /// French name, for messages.
    const LABEL: &'static str;
    /// Name in the sync protocol and the outbox.
    const NAME: &'static str = Self::DEF.name;
    /// Every synced field, in column order.
    const FIELDS: &'static [Field] = Self::DEF.fields;
}

impl Entity for Organisation {
    const TABLE: &'static str = "organisation";
    const LABEL: &'static str = "Organisation";
}

impl Entity for Contact {
    const TABLE: &'static str = "contact";
    const LABEL: &'static str = "Contact";
}

impl Entity for Interaction {
    const TABLE: &'static str = "interaction";
    const LABEL: &'static str = "Contact consigné";
}

impl Entity for Task {
    const TABLE: &'static str = "task";
    const LABEL: &'static str = "Relance";
}

impl Entity for Convention {
    const TABLE: &'static str = "convention";
    const LABEL: &'static str = "Convention";
}

impl Entity for Commitment {
    const TABLE: &'static str = "commitment";
    const LABEL: &'static str = "Engagement";
}

impl Entity for CommitteeMeeting {
    const TABLE: &'static str = "committee_meeting";
    const LABEL: &'static str = "Comité";
}

impl Entity for Membership {
    const TABLE: &'static str = "membership";
    const LABEL: &'static str = "Adhésion";
}

impl Entity for AccountObjective {
    const TABLE: &'static str = "account_objective";
    const LABEL: &'static str = "Objectif du plan de compte";
}

impl Entity for Person {
    const TABLE: &'static str = "person";
    const LABEL: &'static str = "Personne accompagnée";
}

impl Entity for AuditEntry {
    const TABLE: &'static str = "audit_entry";
    const LABEL: &'static str = "Journal d'accès";
}

impl Entity for AidParameter {
    const TABLE: &'static str = "aid_parameter";
    const LABEL: &'static str = "Paramètre daté";
}

impl Entity for RetentionPeriod {
    const TABLE: &'static str = "retention_period";
    const LABEL: &'static str = "Durée de conservation";
}

impl Entity for ErasureRequest {
    const TABLE: &'static str = "erasure_request";
    const LABEL: &'static str = "Demande d'effacement";
}

impl Entity for AidRule {
    const TABLE: &'static str = "aid_rule";
    const LABEL: &'static str = "Règle d'aide";
}

impl Entity for TensionJob {
    const TABLE: &'static str = "tension_job";
    const LABEL: &'static str = "Métier en tension";
}

impl Entity for GrandProject {
    const TABLE: &'static str = "grand_project";
    const LABEL: &'static str = "Grand projet";
}

impl Entity for RecruitmentNeed {
    const TABLE: &'static str = "recruitment_need";
    const LABEL: &'static str = "Besoin de recrutement";
}

impl Entity for Candidacy {
    const TABLE: &'static str = "candidacy";
    const LABEL: &'static str = "Candidature";
}

impl Entity for Hire {
    const TABLE: &'static str = "hire";
    const LABEL: &'static str = "Recrutement";
}

impl Entity for HiredPerson {
    const TABLE: &'static str = "hired_person";
    const LABEL: &'static str = "Personne recrutée";
}

impl Entity for Event {
    const TABLE: &'static str = "event";
    const LABEL: &'static str = "Événement";
}

impl Entity for EventInvitation {
    const TABLE: &'static str = "event_invitation";
    const LABEL: &'static str = "Invitation à un événement";
}

impl Entity for AidedContract {
    const TABLE: &'static str = "aided_contract";
    const LABEL: &'static str = "Contrat aidé";
}

impl Entity for Programme {
    const TABLE: &'static str = "mentoring_programme";
    const LABEL: &'static str = "Programme de parrainage";
}

impl Entity for Mentor {
    const TABLE: &'static str = "mentor";
    const LABEL: &'static str = "Parrain ou marraine";
}

impl Entity for Pairing {
    const TABLE: &'static str = "pairing";
    const LABEL: &'static str = "Binôme de parrainage";
}

impl Entity for MentoringMeeting {
    const TABLE: &'static str = "mentoring_meeting";
    const LABEL: &'static str = "Rencontre de parrainage";
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
    info::<RetentionPeriod>(false, "rule || ' ' || effective_from"),
    info::<ErasureRequest>(false, "'effacement ' || requested_on"),
    info::<TensionJob>(false, "rome_code || ' ' || effective_from"),
    info::<GrandProject>(false, "name"),
    info::<RecruitmentNeed>(false, "job_title"),
    info::<Candidacy>(false, "'candidature ' || stage"),
    info::<Hire>(false, "job_title || ' ' || starts_on"),
    info::<HiredPerson>(false, "'personne recrutée'"),
    info::<Event>(false, "title || ' ' || held_on"),
    info::<EventInvitation>(false, "'invitation ' || status"),
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
