//! The sync protocol (v1) of docs/architecture.md, « Sync protocol »: what the
//! client and the server say to each other. Serde types only; the rules live
//! in the server and in the client's sync engine.
//!
//! Records travel as field maps (`{field: value}`) named by entity, so a new
//! synced entity needs no change here.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use uuid::Uuid;

/// Version of this protocol. The server answers 426 to a client speaking an
/// older one it no longer supports.
pub const PROTOCOL_VERSION: u32 = 1;
/// Request header carrying [`PROTOCOL_VERSION`].
pub const HEADER_PROTOCOL: &str = "x-tremplin-protocol";
/// Request header carrying the client's local schema version.
pub const HEADER_SCHEMA: &str = "x-tremplin-schema";
/// Most rows a pull page holds, whatever the client asks.
pub const MAX_PULL_LIMIT: u32 = 5_000;
/// Most mutations one push may carry.
pub const MAX_PUSH_BATCH: usize = 1_000;

/// A field map: field name → JSON value.
pub type Fields = Map<String, Value>;
/// Field name → server version of its last change.
pub type FieldVersions = BTreeMap<String, i64>;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Chargé·e de relations entreprises.
    ChargeRelationsEntreprises,
    /// Responsable territorial (one DT).
    ResponsableTerritorial,
    Administrateur,
}

impl Role {
    pub const ALL: [Role; 3] =
        [Role::ChargeRelationsEntreprises, Role::ResponsableTerritorial, Role::Administrateur];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::ChargeRelationsEntreprises => "charge_relations_entreprises",
            Role::ResponsableTerritorial => "responsable_territorial",
            Role::Administrateur => "administrateur",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Role::ChargeRelationsEntreprises => "Chargé·e de relations entreprises",
            Role::ResponsableTerritorial => "Responsable territorial",
            Role::Administrateur => "Administrateur",
        }
    }
}

/// A user as the server knows them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UserInfo {
    pub id: Uuid,
    pub login: String,
    pub display_name: String,
    pub email: Option<String>,
    pub role: Role,
    /// Direction territoriale (DT) code, if the user belongs to one.
    pub dt_code: Option<String>,
}

/// `POST /v1/auth/login`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LoginRequest {
    pub login: String,
    pub password: String,
    /// A name the officer recognises in the list of their devices.
    pub device_name: String,
    /// The local database's device id (the outbox's `device_id`).
    pub device_id: Uuid,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LoginResponse {
    /// Bearer token for this device: shown once, stored hashed on the server.
    pub token: String,
    pub user: UserInfo,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MutationKind {
    Create,
    Update,
    Delete,
}

impl MutationKind {
    pub fn as_str(self) -> &'static str {
        match self {
            MutationKind::Create => "create",
            MutationKind::Update => "update",
            MutationKind::Delete => "delete",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Create, Self::Update, Self::Delete].into_iter().find(|k| k.as_str() == s)
    }
}

/// One local change, as the outbox recorded it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Mutation {
    pub mutation_id: Uuid,
    pub client_seq: i64,
    pub entity: String,
    pub row_id: Uuid,
    pub kind: MutationKind,
    /// The fields written (every field for a create, none for a delete).
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub patch: Fields,
    /// For an update: the server version of each patched field as the
    /// officer saw it.
    pub base: FieldVersions,
    /// When the officer made the change (display and audit only).
    pub made_at: DateTime<Utc>,
}

/// `POST /v1/sync/push`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PushRequest {
    pub device_id: Uuid,
    pub mutations: Vec<Mutation>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PushResponse {
    /// One result per mutation, in request order.
    pub results: Vec<MutationResult>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MutationResult {
    pub mutation_id: Uuid,
    pub outcome: Outcome,
}

/// What the server did with a mutation. A re-sent mutation gets its first
/// outcome again.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Outcome {
    /// Every field written, at `version`.
    Applied { version: i64 },
    /// The disjoint fields were written at `version` (absent if none was);
    /// the server kept its value for each conflicting field.
    AppliedWithConflicts { version: Option<i64>, conflicts: Vec<FieldConflict> },
    /// Nothing written. `current` is the row as the server has it, when the
    /// user may see it, so the client can put it back.
    Rejected { code: String, message: String, field: Option<String>, current: Option<Box<RowState>> },
}

/// A field someone else changed since the officer saw it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldConflict {
    pub field: String,
    /// What the officer wrote.
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub client_value: Value,
    /// What the server kept (null when the row was deleted).
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub server_value: Value,
    /// Version of the server's value (the base to use to overwrite it).
    pub server_version: i64,
    /// True when the server's row is a tombstone.
    pub row_deleted: bool,
}

/// A row as the server has it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RowState {
    pub entity: String,
    pub row_id: Uuid,
    pub version: i64,
    /// Every field (also kept for a tombstone).
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub data: Fields,
    pub field_versions: FieldVersions,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub deleted_at: Option<DateTime<Utc>>,
}

/// One entry of a pull page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum PullEntry {
    /// A row (live or tombstone) in the user's scope.
    Row(RowState),
    /// A row that changed and is no longer in the user's scope: the client
    /// removes its copy.
    Forget { entity: String, row_id: Uuid, version: i64 },
    /// A row erased under a retention rule or a person's request: the
    /// client removes every trace of it, local changes included.
    Erased { entity: String, row_id: Uuid, version: i64 },
}

impl PullEntry {
    pub fn version(&self) -> i64 {
        match self {
            PullEntry::Row(r) => r.version,
            PullEntry::Forget { version, .. } | PullEntry::Erased { version, .. } => *version,
        }
    }
}

/// `GET /v1/sync/pull?cursor=C&limit=N`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PullResponse {
    /// In version order.
    pub entries: Vec<PullEntry>,
    /// Where the next pull starts. Never below the request's cursor.
    pub cursor: i64,
    /// More changes wait beyond `cursor`.
    pub has_more: bool,
    /// The user's scope epoch: when it differs from the one the client
    /// holds, the client drops what it may no longer see and pulls from 0.
    pub scope_epoch: i64,
    /// The cursor is older than the tombstone horizon: the client must pull
    /// everything again from 0 (and `entries` is empty).
    pub reset_required: bool,
}

/// `GET /v1/directory`: the officers a client shows as authors and
/// assignees.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Directory {
    pub me: UserInfo,
    pub users: Vec<UserInfo>,
}

/// Error body of every non-2xx answer.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorBody {
    pub code: String,
    /// French, for the officer.
    pub message: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outcomes_are_tagged_by_status() {
        let o = Outcome::AppliedWithConflicts {
            version: Some(7),
            conflicts: vec![FieldConflict {
                field: "name".into(),
                client_value: "A".into(),
                server_value: "B".into(),
                server_version: 5,
                row_deleted: false,
            }],
        };
        let v = serde_json::to_value(&o).unwrap();
        assert_eq!(v["status"], "applied_with_conflicts");
        assert_eq!(serde_json::from_value::<Outcome>(v).unwrap(), o);
        let r = serde_json::json!({"status": "rejected", "code": "x", "message": "m", "field": null, "current": null});
        assert!(matches!(serde_json::from_value::<Outcome>(r).unwrap(), Outcome::Rejected { .. }));
    }

    #[test]
    fn roles_round_trip() {
        for r in Role::ALL {
            assert_eq!(Role::parse(r.as_str()), Some(r));
        }
        assert_eq!(Role::parse("chef"), None);
    }
}
