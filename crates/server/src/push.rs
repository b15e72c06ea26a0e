//! `POST /v1/sync/push`: applies a batch of mutations in one transaction,
//! in order, idempotently.
//!
//! The transaction first locks `sync_head`, so pushes run one at a time and
//! versions are handed out in commit order (the cursor invariant). The batch
//! is applied in memory against the rows it touches, then written with a
//! fixed number of statements whatever its size.

use std::collections::{BTreeMap, HashMap};

use axum::http::StatusCode;
use chrono::{DateTime, Utc};
use serde_json::{Value, json};
use tokio_postgres::Transaction;
use tremplin_protocol::{
    FieldConflict, FieldVersions, Fields, MAX_PUSH_BATCH, Mutation, MutationKind, MutationResult, Outcome,
    PushRequest, PushResponse, RowState,
};
use uuid::Uuid;

use crate::auth::Caller;
use crate::error::{ApiError, ApiResult};
use crate::rules::{self, EntityRule, Refusal};
use crate::scope::{self, Scope};

/// A row as the batch sees it.
struct Row {
    data: Fields,
    field_versions: FieldVersions,
    /// Field → device of its last write.
    field_writers: BTreeMap<String, Uuid>,
    version: i64,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    deleted_at: Option<DateTime<Utc>>,
    scope: Scope,
    dirty: bool,
}

impl Row {
    fn state(&self, entity: &str, row_id: Uuid) -> RowState {
        RowState {
            entity: entity.to_string(),
            row_id,
            version: self.version,
            data: self.data.clone(),
            field_versions: self.field_versions.clone(),
            created_at: self.created_at,
            updated_at: self.updated_at,
            deleted_at: self.deleted_at,
        }
    }
}

type Key = (String, Uuid);

struct Batch<'a> {
    caller: &'a Caller,
    now: DateTime<Utc>,
    version: i64,
    rows: HashMap<Key, Row>,
    user_dt: HashMap<Uuid, Option<String>>,
    changes: Vec<Value>,
    conflicts: Vec<Value>,
}

pub async fn push(tx: &Transaction<'_>, caller: &Caller, req: PushRequest) -> ApiResult<PushResponse> {
    if req.device_id != caller.client_device_id {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "device_mismatch",
            "Cet appareil n'est pas celui de la connexion : reconnectez-vous.",
        ));
    }
    if req.mutations.len() > MAX_PUSH_BATCH {
        return Err(ApiError::bad_request(format!(
            "Trop de modifications dans un envoi ({}, au plus {MAX_PUSH_BATCH}).",
            req.mutations.len()
        )));
    }
    let head: i64 = tx.query_one("SELECT version FROM sync_head WHERE id = 1 FOR UPDATE", &[]).await?.get(0);

    let ids: Vec<Uuid> = req.mutations.iter().map(|m| m.mutation_id).collect();
    let mut seen: HashMap<Uuid, (Uuid, Value)> = HashMap::new();
    for r in tx
        .query("SELECT mutation_id, user_id, outcome FROM sync_mutation WHERE mutation_id = ANY($1)", &[&ids])
        .await?
    {
        seen.insert(r.get(0), (r.get(1), r.get(2)));
    }

    let mut batch = Batch {
        caller,
        now: Utc::now(),
        version: head,
        rows: load_rows(tx, &req.mutations).await?,
        user_dt: HashMap::new(),
        changes: Vec::new(),
        conflicts: Vec::new(),
    };
    // Territorial managers see restricted rows through their officers' DT.
    if caller.user.role == tremplin_protocol::Role::ResponsableTerritorial {
        batch.user_dt = load_user_dts(tx).await?;
    }
    let mut results = Vec::with_capacity(req.mutations.len());
    let mut recorded = Vec::new();
    for m in &req.mutations {
        let outcome = match seen.get(&m.mutation_id) {
            Some((user, _)) if *user != caller.user.id => rejected(Refusal {
                code: "mutation_id_taken",
                message: "Identifiant de modification déjà utilisé par un autre compte.".into(),
                field: None,
            }),
            Some((_, first)) => serde_json::from_value(first.clone()).map_err(ApiError::internal)?,
            None => {
                let o = batch.apply(m);
                let stored = serde_json::to_value(&o).map_err(ApiError::internal)?;
                seen.insert(m.mutation_id, (caller.user.id, stored.clone()));
                recorded.push(json!({"mutation_id": m.mutation_id, "outcome": stored}));
                o
            }
        };
        results.push(MutationResult { mutation_id: m.mutation_id, outcome });
    }
    batch.write(tx, &recorded).await?;
    if batch.version != head {
        tx.execute("UPDATE sync_head SET version = $1 WHERE id = 1", &[&batch.version]).await?;
    }
    Ok(PushResponse { results })
}

async fn load_rows(tx: &Transaction<'_>, mutations: &[Mutation]) -> ApiResult<HashMap<Key, Row>> {
    let mut entities: Vec<&str> = Vec::with_capacity(mutations.len());
    let mut ids: Vec<Uuid> = Vec::with_capacity(mutations.len());
    for m in mutations {
        entities.push(&m.entity);
        ids.push(m.row_id);
    }
    let rows = tx
        .query(
            "SELECT r.entity, r.row_id, r.data, r.field_versions, r.version, r.created_at, r.updated_at,
                    r.deleted_at, r.restricted, r.scope_users, r.scope_dt, r.field_writers
               FROM sync_row r JOIN unnest($1::text[], $2::uuid[]) AS k(entity, row_id)
                 ON r.entity = k.entity AND r.row_id = k.row_id",
            &[&entities, &ids],
        )
        .await?;
    let mut out = HashMap::with_capacity(rows.len());
    for r in rows {
        let data: Value = r.get(2);
        let fv: Value = r.get(3);
        let row = Row {
            data: match data {
                Value::Object(m) => m,
                _ => return Err(ApiError::internal("sync_row.data is not an object")),
            },
            field_versions: serde_json::from_value(fv).map_err(ApiError::internal)?,
            field_writers: serde_json::from_value(r.get(11)).map_err(ApiError::internal)?,
            version: r.get(4),
            created_at: r.get(5),
            updated_at: r.get(6),
            deleted_at: r.get(7),
            scope: Scope { restricted: r.get(8), users: r.get(9), dt: r.get(10) },
            dirty: false,
        };
        out.insert((r.get(0), r.get(1)), row);
    }
    Ok(out)
}

async fn load_user_dts(tx: &Transaction<'_>) -> ApiResult<HashMap<Uuid, Option<String>>> {
    Ok(tx
        .query("SELECT id, dt_code FROM app_user", &[])
        .await?
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect())
}

fn rejected(r: Refusal) -> Outcome {
    Outcome::Rejected {
        code: r.code.into(),
        message: r.message,
        field: r.field.map(Into::into),
        current: None,
    }
}

fn invalid(e: tremplin_domain::ValidationError) -> Refusal {
    Refusal { code: e.code, message: e.message, field: Some(e.field) }
}

impl Batch<'_> {
    fn visible(&self, scope: &Scope) -> bool {
        scope::can_see(self.caller, scope, &self.user_dt)
    }

    fn next_version(&mut self) -> i64 {
        self.version += 1;
        self.version
    }

    /// The outcome of one mutation, with the batch's rows updated.
    fn apply(&mut self, m: &Mutation) -> Outcome {
        let Some(rule) = rules::rule(&m.entity) else {
            return rejected(Refusal {
                code: "unknown_entity",
                message: format!("Type de fiche inconnu du serveur : « {} ».", m.entity),
                field: None,
            });
        };
        let key = (m.entity.clone(), m.row_id);
        let result = match m.kind {
            MutationKind::Create => self.create(rule, key.clone(), m),
            MutationKind::Update => self.update(rule, &key, m),
            MutationKind::Delete => self.delete(rule, &key, m),
        };
        result.unwrap_or_else(|refusal| {
            // The row as it stands, so the client can put it back.
            let current = self
                .rows
                .get(&key)
                .filter(|r| self.visible(&r.scope))
                .map(|r| Box::new(r.state(&key.0, key.1)));
            Outcome::Rejected {
                code: refusal.code.into(),
                message: refusal.message,
                field: refusal.field.map(Into::into),
                current,
            }
        })
    }

    fn create(&mut self, rule: &EntityRule, key: Key, m: &Mutation) -> Result<Outcome, Refusal> {
        if self.rows.contains_key(&key) {
            return Err(Refusal {
                code: "already_exists",
                message: "Cette fiche existe déjà sur le serveur.".into(),
                field: None,
            });
        }
        tremplin_domain::records::validate_record(rule.name, &m.patch, self.now).map_err(invalid)?;
        (rule.may_write)(self.caller, None, &m.patch)?;
        let scope = (rule.scope)(&m.patch);
        if !self.visible(&scope) {
            return Err(out_of_scope());
        }
        let v = self.next_version();
        let row = Row {
            data: m.patch.clone(),
            field_versions: m.patch.keys().map(|k| (k.clone(), v)).collect(),
            field_writers: m.patch.keys().map(|k| (k.clone(), self.caller.client_device_id)).collect(),
            version: v,
            created_at: self.now,
            updated_at: self.now,
            deleted_at: None,
            scope,
            dirty: true,
        };
        self.record_change(v, &key, m, &Value::Object(m.patch.clone()));
        self.rows.insert(key, row);
        Ok(Outcome::Applied { version: v })
    }

    fn update(&mut self, rule: &EntityRule, key: &Key, m: &Mutation) -> Result<Outcome, Refusal> {
        let Some(row) = self.rows.get(key) else { return Err(not_found()) };
        if !self.visible(&row.scope) {
            return Err(out_of_scope());
        }
        if let Some(f) = m.patch.keys().find(|f| !row.data.contains_key(*f)) {
            return Err(Refusal {
                code: "unknown_field",
                message: format!("Champ inconnu du serveur : « {f} »."),
                field: None,
            });
        }
        if row.deleted_at.is_some() {
            // Editing a deleted row never brings it back: every field conflicts.
            let conflicts = m
                .patch
                .iter()
                .map(|(f, v)| FieldConflict {
                    field: f.clone(),
                    client_value: v.clone(),
                    server_value: row.data.get(f).cloned().unwrap_or(Value::Null),
                    server_version: row.version,
                    row_deleted: true,
                })
                .collect::<Vec<_>>();
            self.record_conflicts(key, m, &conflicts);
            return Ok(Outcome::AppliedWithConflicts { version: None, conflicts });
        }
        let mut merged = row.data.clone();
        let mut applied = serde_json::Map::new();
        let mut conflicts = Vec::new();
        for (f, v) in &m.patch {
            let server_value = row.data.get(f).unwrap_or(&Value::Null);
            if server_value == v {
                continue;
            }
            let server_version = row.field_versions.get(f).copied().unwrap_or(0);
            let base = m.base.get(f).copied().unwrap_or(0);
            // This device's own last write is no conflict: its queue is in
            // order (e.g. a create and an edit pushed together).
            let mine = row.field_writers.get(f) == Some(&self.caller.client_device_id);
            if !rule.append_only && server_version > base && !mine {
                conflicts.push(FieldConflict {
                    field: f.clone(),
                    client_value: v.clone(),
                    server_value: server_value.clone(),
                    server_version,
                    row_deleted: false,
                });
            } else {
                merged.insert(f.clone(), v.clone());
                applied.insert(f.clone(), v.clone());
            }
        }
        let mut version = None;
        if !applied.is_empty() {
            tremplin_domain::records::validate_record(rule.name, &merged, self.now).map_err(invalid)?;
            (rule.may_write)(self.caller, Some(&row.data), &merged)?;
            let scope = (rule.scope)(&merged);
            if !self.visible(&scope) {
                return Err(Refusal {
                    code: "out_of_scope",
                    message: "Cette modification retirerait la fiche de votre périmètre : demandez à un \
                              responsable territorial."
                        .into(),
                    field: None,
                });
            }
            let v = self.next_version();
            let row = self.rows.get_mut(key).expect("checked above");
            for f in applied.keys() {
                row.field_versions.insert(f.clone(), v);
                row.field_writers.insert(f.clone(), self.caller.client_device_id);
            }
            row.data = merged;
            row.version = v;
            row.updated_at = self.now;
            row.scope = scope;
            row.dirty = true;
            self.record_change(v, key, m, &Value::Object(applied));
            version = Some(v);
        }
        if conflicts.is_empty() {
            let current = self.rows.get(key).map_or(0, |r| r.version);
            return Ok(Outcome::Applied { version: version.unwrap_or(current) });
        }
        self.record_conflicts(key, m, &conflicts);
        Ok(Outcome::AppliedWithConflicts { version, conflicts })
    }

    fn delete(&mut self, rule: &EntityRule, key: &Key, m: &Mutation) -> Result<Outcome, Refusal> {
        let Some(row) = self.rows.get(key) else { return Err(not_found()) };
        if !self.visible(&row.scope) {
            return Err(out_of_scope());
        }
        if row.deleted_at.is_some() {
            return Ok(Outcome::Applied { version: row.version });
        }
        if !rule.deletable {
            return Err(Refusal {
                code: "append_only",
                message: "Journal d'accès : une entrée ne se supprime pas.".into(),
                field: None,
            });
        }
        (rule.may_write)(self.caller, Some(&row.data), &row.data)?;
        let v = self.next_version();
        let now = self.now;
        let row = self.rows.get_mut(key).expect("checked above");
        row.deleted_at = Some(now);
        row.updated_at = now;
        row.version = v;
        row.dirty = true;
        self.record_change(v, key, m, &json!({}));
        Ok(Outcome::Applied { version: v })
    }

    fn record_change(&mut self, version: i64, key: &Key, m: &Mutation, patch: &Value) {
        self.changes.push(json!({
            "version": version, "entity": key.0, "row_id": key.1, "kind": m.kind.as_str(), "patch": patch,
            "user_id": self.caller.user.id, "device_id": self.caller.device_id, "mutation_id": m.mutation_id,
            "made_at": m.made_at,
        }));
    }

    fn record_conflicts(&mut self, key: &Key, m: &Mutation, conflicts: &[FieldConflict]) {
        for c in conflicts {
            self.conflicts.push(json!({
                "mutation_id": m.mutation_id, "entity": key.0, "row_id": key.1, "field": c.field,
                "client_value": c.client_value, "server_value": c.server_value,
                "server_version": c.server_version, "user_id": self.caller.user.id,
                "device_id": self.caller.device_id,
            }));
        }
    }

    /// Writes the batch with one statement per table.
    async fn write(&self, tx: &Transaction<'_>, mutations: &[Value]) -> ApiResult<()> {
        let rows: Vec<Value> = self
            .rows
            .iter()
            .filter(|(_, r)| r.dirty)
            .map(|((entity, id), r)| {
                json!({
                    "entity": entity, "row_id": id, "data": r.data, "field_versions": r.field_versions,
                    "field_writers": r.field_writers,
                    "version": r.version, "created_at": r.created_at, "updated_at": r.updated_at,
                    "deleted_at": r.deleted_at, "restricted": r.scope.restricted,
                    "scope_users": r.scope.users, "scope_dt": r.scope.dt,
                })
            })
            .collect();
        if !rows.is_empty() {
            tx.execute(
                "INSERT INTO sync_row (entity, row_id, data, field_versions, field_writers, version, created_at,
                                       updated_at, deleted_at, restricted, scope_users, scope_dt)
                 SELECT entity, row_id, data, field_versions, field_writers, version, created_at, updated_at,
                        deleted_at, restricted, scope_users, scope_dt
                   FROM jsonb_to_recordset($1::jsonb) AS x(entity text, row_id uuid, data jsonb,
                        field_versions jsonb, field_writers jsonb, version bigint, created_at timestamptz,
                        updated_at timestamptz, deleted_at timestamptz, restricted boolean, scope_users uuid[],
                        scope_dt text)
                 ON CONFLICT (entity, row_id) DO UPDATE SET
                        data = excluded.data, field_versions = excluded.field_versions,
                        field_writers = excluded.field_writers,
                        version = excluded.version, updated_at = excluded.updated_at,
                        deleted_at = excluded.deleted_at, restricted = excluded.restricted,
                        scope_users = excluded.scope_users, scope_dt = excluded.scope_dt",
                &[&Value::Array(rows)],
            )
            .await?;
        }
        if !self.changes.is_empty() {
            tx.execute(
                "INSERT INTO sync_change (version, entity, row_id, kind, patch, user_id, device_id, mutation_id, made_at)
                 SELECT version, entity, row_id, kind, patch, user_id, device_id, mutation_id, made_at
                   FROM jsonb_to_recordset($1::jsonb) AS x(version bigint, entity text, row_id uuid, kind text,
                        patch jsonb, user_id uuid, device_id uuid, mutation_id uuid, made_at timestamptz)",
                &[&Value::Array(self.changes.clone())],
            )
            .await?;
        }
        if !self.conflicts.is_empty() {
            tx.execute(
                "INSERT INTO sync_conflict (mutation_id, entity, row_id, field, client_value, server_value,
                                            server_version, user_id, device_id)
                 SELECT mutation_id, entity, row_id, field, client_value, server_value, server_version,
                        user_id, device_id
                   FROM jsonb_to_recordset($1::jsonb) AS x(mutation_id uuid, entity text, row_id uuid,
                        field text, client_value jsonb, server_value jsonb, server_version bigint,
                        user_id uuid, device_id uuid)",
                &[&Value::Array(self.conflicts.clone())],
            )
            .await?;
        }
        if !mutations.is_empty() {
            tx.execute(
                "INSERT INTO sync_mutation (mutation_id, user_id, device_id, outcome)
                 SELECT mutation_id, $2, $3, outcome
                   FROM jsonb_to_recordset($1::jsonb) AS x(mutation_id uuid, outcome jsonb)",
                &[&Value::Array(mutations.to_vec()), &self.caller.user.id, &self.caller.device_id],
            )
            .await?;
        }
        Ok(())
    }
}

fn not_found() -> Refusal {
    Refusal {
        code: "not_found",
        message: "Cette fiche n'existe pas sur le serveur (jamais envoyée ou effacée).".into(),
        field: None,
    }
}

fn out_of_scope() -> Refusal {
    Refusal {
        code: "out_of_scope", message: "Cette fiche est hors de votre périmètre.".into(), field: None
    }
}
