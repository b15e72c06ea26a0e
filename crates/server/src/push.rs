//! `POST /v1/sync/push`: applies a batch of mutations in one transaction,
//! in order, idempotently, trusting nothing the client says
//! (`docs/sync-security.md`).
//!
//! 1. Before any lock, off the async runtime: every mutation's entity,
//!    fields, sizes and dates, and the whole record of every create.
//! 2. Under the push lock (`sync_head`, so versions are handed out in commit
//!    order): the rows the batch touches, refers to and is referred by are
//!    loaded once; each mutation is checked against them (existence,
//!    visibility, references, uniqueness, who may write or delete), the
//!    server derives the scope fields of rows about a person, and the
//!    batch is written with a fixed number of statements.

use std::collections::{BTreeMap, HashMap, HashSet};

use axum::http::StatusCode;
use chrono::{DateTime, Datelike, Duration, Utc};
use serde_json::{Value, json};
use tokio_postgres::Transaction;
use tremplin_domain::cie::{AidLine, AidedContract, MissingParameter};
use tremplin_domain::parameters::book::AidBook;
use tremplin_domain::synced::{self, DeleteRule, EntityDef, Reference, ScopeRule, YEARS, clip};
use tremplin_protocol::{
    FieldConflict, FieldVersions, Fields, MAX_PUSH_BATCH, Mutation, MutationKind, MutationResult, Outcome,
    PushRequest, PushResponse, Role, RowState,
};
use uuid::Uuid;

use crate::auth::Caller;
use crate::error::{ApiError, ApiResult};
use crate::reference::dt_of_commune;
use crate::rules::{self, EntityRule, Refusal, uuid_list, uuid_of};
use crate::scope::{self, Scope};

/// How far ahead of the server's clock a device's time may be.
const CLOCK_SKEW_MINUTES: i64 = 5;
/// Longest refusal message sent back (they may quote what was sent).
const MAX_MESSAGE_CHARS: usize = 300;
/// Candidates on one need: far above any real need, and a bound on what a
/// push loads.
const MAX_CANDIDACIES_PER_NEED: usize = 1_000;
/// How long a laptop may work offline before pushing a candidacy or its
/// steps: their days are the device's, bounded so that no one backdates a
/// proposal or a CV sent to before a withdrawn consent by more than this.
pub(crate) const OFFLINE_DAYS: i64 = 30;

/// A row as the batch sees it.
struct Row {
    data: Fields,
    field_versions: FieldVersions,
    /// Field → device of its last write.
    field_writers: BTreeMap<String, Uuid>,
    version: i64,
    created_at: DateTime<Utc>,
    created_by: Option<Uuid>,
    updated_at: DateTime<Utc>,
    deleted_at: Option<DateTime<Utc>>,
    scope: Scope,
    /// Users and DTs that could see the row under an earlier scope.
    former_users: Vec<Uuid>,
    former_dts: Vec<String>,
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

    fn live(&self) -> bool {
        self.deleted_at.is_none()
    }
}

type Key = (String, Uuid);

/// A user as the batch needs them.
struct User {
    dt: Option<String>,
    created_at: DateTime<Utc>,
}

struct Batch<'a> {
    caller: &'a Caller,
    now: DateTime<Utc>,
    version: i64,
    rows: HashMap<Key, Row>,
    users: HashMap<Uuid, User>,
    /// The aid's tables as the batch stands (built when a contract needs them).
    book: Option<AidBook>,
    /// Live candidacies by need, and the (need, person) pairs they hold:
    /// every candidacy of the needs the batch touches is loaded.
    candidacies: HashMap<String, usize>,
    proposed: HashSet<(String, String)>,
    /// Live invitations by event (every one of the events the batch touches).
    invitations: HashMap<String, Vec<Key>>,
    changes: Vec<Value>,
    conflicts: Vec<Value>,
}

pub async fn push(
    pool: &deadpool_postgres::Pool,
    gate: &tokio::sync::Mutex<()>,
    caller: &Caller,
    req: PushRequest,
) -> ApiResult<PushResponse> {
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
    let now = Utc::now();
    let mutations = req.mutations;
    let (mutations, prechecked) = tokio::task::spawn_blocking(move || {
        let checked: Vec<Result<(), Refusal>> = mutations.iter().map(|m| precheck(m, now)).collect();
        (mutations, checked)
    })
    .await
    .map_err(ApiError::internal)?;

    // Wait for this process's turn before taking a connection.
    let _turn = gate.lock().await;
    let mut db = pool.get().await?;
    let tx = db.transaction().await?;
    let head: i64 = tx.query_one("SELECT version FROM sync_head WHERE id = 1 FOR UPDATE", &[]).await?.get(0);
    let ids: Vec<Uuid> = mutations.iter().map(|m| m.mutation_id).collect();
    let mut seen: HashMap<Uuid, Value> = HashMap::new();
    for r in tx
        .query(
            "SELECT mutation_id, outcome FROM sync_mutation WHERE user_id = $1 AND mutation_id = ANY($2)",
            &[&caller.user.id, &ids],
        )
        .await?
    {
        seen.insert(r.get(0), r.get(1));
    }
    let rows = load_rows(&tx, &mutations).await?;
    let (candidacies, proposed) = candidacy_index(&rows);
    let invitations = invitation_index(&rows);
    let mut batch = Batch {
        caller,
        now,
        version: head,
        rows,
        users: load_users(&tx).await?,
        book: None,
        candidacies,
        proposed,
        invitations,
        changes: Vec::new(),
        conflicts: Vec::new(),
    };
    let mut results = Vec::with_capacity(mutations.len());
    let mut recorded = Vec::new();
    for (m, checked) in mutations.iter().zip(prechecked) {
        let outcome = match seen.get(&m.mutation_id) {
            Some(first) => serde_json::from_value(first.clone()).map_err(ApiError::internal)?,
            None => {
                let o = match checked {
                    Err(refusal) => rejected(refusal, None),
                    Ok(()) => batch.apply(m),
                };
                let stored = serde_json::to_value(&o).map_err(ApiError::internal)?;
                seen.insert(m.mutation_id, stored.clone());
                recorded.push(json!({"mutation_id": m.mutation_id, "outcome": stored}));
                o
            }
        };
        results.push(MutationResult { mutation_id: m.mutation_id, outcome });
    }
    batch.write(&tx, &recorded).await?;
    if batch.version != head {
        tx.execute("UPDATE sync_head SET version = $1 WHERE id = 1", &[&batch.version]).await?;
    }
    tx.commit().await?;
    Ok(PushResponse { results })
}

/// What can be checked of a mutation alone: a known entity, known fields
/// of the right type and size, dates within bounds, and a created record
/// valid as a whole.
fn precheck(m: &Mutation, now: DateTime<Utc>) -> Result<(), Refusal> {
    let Some(rule) = rules::rule(&m.entity) else {
        return Err(Refusal {
            code: "unknown_entity",
            message: format!("Type de fiche inconnu du serveur : « {} ».", clip(&m.entity, 40)),
            field: None,
        });
    };
    if m.row_id.is_nil() || !YEARS.contains(&m.made_at.year()) {
        return Err(Refusal {
            code: "invalid_mutation",
            message: "Modification mal formée.".into(),
            field: None,
        });
    }
    if let Some(f) = m.base.keys().find(|f| rule.def.field(f).is_none()) {
        return Err(unknown_field(f));
    }
    match m.kind {
        MutationKind::Create => synced::validate_record(rule.def.name, &m.patch, now).map_err(invalid),
        MutationKind::Update => synced::check_shape(rule.def, &m.patch).map_err(invalid),
        MutationKind::Delete => Ok(()),
    }
}

const ROW_COLUMNS: &str =
    "r.entity, r.row_id, r.data, r.field_versions, r.version, r.created_at, r.updated_at,
    r.deleted_at, r.restricted, r.scope_users, r.scope_dt, r.field_writers, r.created_by, r.former_users,
    r.former_dts";

fn decode_row(r: &tokio_postgres::Row) -> ApiResult<(Key, Row)> {
    let Value::Object(data) = r.get::<_, Value>(2) else {
        return Err(ApiError::internal("sync_row.data is not an object"));
    };
    let row = Row {
        data,
        field_versions: serde_json::from_value(r.get(3)).map_err(ApiError::internal)?,
        field_writers: serde_json::from_value(r.get(11)).map_err(ApiError::internal)?,
        version: r.get(4),
        created_at: r.get(5),
        updated_at: r.get(6),
        deleted_at: r.get(7),
        scope: Scope { restricted: r.get(8), users: r.get(9), dt: r.get(10) },
        created_by: r.get(12),
        former_users: r.get(13),
        former_dts: r.get(14),
        dirty: false,
    };
    Ok(((r.get(0), r.get(1)), row))
}

async fn load_keys(tx: &Transaction<'_>, keys: &HashSet<Key>, out: &mut HashMap<Key, Row>) -> ApiResult<()> {
    let (entities, ids): (Vec<&str>, Vec<Uuid>) =
        keys.iter().filter(|k| !out.contains_key(*k)).map(|(e, id)| (e.as_str(), *id)).unzip();
    if ids.is_empty() {
        return Ok(());
    }
    let sql = format!(
        "SELECT {ROW_COLUMNS} FROM sync_row r JOIN unnest($1::text[], $2::uuid[]) AS k(entity, row_id)
           ON r.entity = k.entity AND r.row_id = k.row_id"
    );
    for r in tx.query(&sql, &[&entities, &ids]).await? {
        let (key, row) = decode_row(&r)?;
        out.insert(key, row);
    }
    Ok(())
}

async fn load_where(
    tx: &Transaction<'_>,
    condition: &str,
    ids: &[String],
    out: &mut HashMap<Key, Row>,
) -> ApiResult<()> {
    if ids.is_empty() || condition.is_empty() {
        return Ok(());
    }
    let sql = format!("SELECT {ROW_COLUMNS} FROM sync_row r WHERE {condition}");
    for r in tx.query(&sql, &[&ids]).await? {
        let (key, row) = decode_row(&r)?;
        out.entry(key).or_insert(row);
    }
    Ok(())
}

/// `(entity = 'E' AND <field of r matches one of $1>)` for each reference
/// of the registry that `pick` selects, ORed.
fn referring_sql(pick: impl Fn(&EntityDef, &Reference) -> bool) -> String {
    let mut parts = Vec::new();
    for def in synced::ENTITIES {
        for r in def.references.iter().filter(|r| pick(def, r)) {
            // Names come from the registry, never from a client.
            let test = if r.many {
                format!("r.data->'{}' ?| $1::text[]", r.field)
            } else {
                format!("r.data->>'{}' = ANY($1::text[])", r.field)
            };
            parts.push(format!("(r.entity = '{}' AND {test})", def.name));
        }
    }
    parts.join(" OR ")
}

/// Every row the batch needs: those it writes, those they refer to (and
/// the person a row about a person hangs from), the rows about a person
/// whose scope follows a written one, the rows referring to a deleted one,
/// and the organisations sharing a SIRET with a written one.
async fn load_rows(tx: &Transaction<'_>, mutations: &[Mutation]) -> ApiResult<HashMap<Key, Row>> {
    let mut rows = HashMap::new();
    let mut keys: HashSet<Key> = mutations.iter().map(|m| (m.entity.clone(), m.row_id)).collect();
    let mut unique_values: Vec<String> = Vec::new();
    for m in mutations {
        let Some(def) = synced::entity(&m.entity) else { continue };
        for r in def.references {
            keys.extend(reference_ids(&m.patch, r).into_iter().map(|id| (r.entity.to_string(), id)));
        }
        for f in def.unique {
            unique_values.extend(m.patch.get(*f).and_then(Value::as_str).map(str::to_string));
        }
    }
    load_keys(tx, &keys, &mut rows).await?;

    // What the stored rows refer to: a check on an update whose patch
    // leaves a reference out (a hire's employer changed alone) still reads
    // the row it names (its need), instead of passing for want of it.
    let mut held: HashSet<Key> = HashSet::new();
    for m in mutations.iter().filter(|m| m.kind != MutationKind::Create) {
        let (Some(def), Some(row)) = (synced::entity(&m.entity), rows.get(&(m.entity.clone(), m.row_id)))
        else {
            continue;
        };
        for r in def.references {
            held.extend(reference_ids(&row.data, r).into_iter().map(|id| (r.entity.to_string(), id)));
        }
    }
    held.retain(|k| !rows.contains_key(k));
    load_keys(tx, &held, &mut rows).await?;

    // The parents of rows about a person already on the server.
    let mut parents = HashSet::new();
    for ((entity, _), row) in &rows {
        if let Some(def) = synced::entity(entity)
            && let ScopeRule::AboutPerson { via: Some(via) } = def.scope
            && let Some(r) = def.references.iter().find(|r| r.field == via)
            && let Some(id) = uuid_of(row.data.get(via))
        {
            parents.insert((r.entity.to_string(), id));
        }
    }
    load_keys(tx, &parents, &mut rows).await?;

    // Rows whose scope follows a written person or pairing, two levels down.
    let mut followed: Vec<String> = mutations
        .iter()
        .filter(|m| matches!(m.entity.as_str(), "person" | "pairing"))
        .map(|m| m.row_id.to_string())
        .collect();
    for _ in 0..2 {
        let children = referring_sql(
            |def, r| matches!(def.scope, ScopeRule::AboutPerson { via: Some(v) } if v == r.field),
        );
        let before: HashSet<Key> = rows.keys().cloned().collect();
        load_where(tx, &children, &followed, &mut rows).await?;
        followed = rows.keys().filter(|k| !before.contains(*k)).map(|(_, id)| id.to_string()).collect();
    }

    // Every candidacy of a need the batch touches: the server counts them
    // (and a person is put forward once per need).
    let mut needs: Vec<String> = Vec::new();
    for m in mutations.iter().filter(|m| m.entity == "candidacy") {
        let need = uuid_of(m.patch.get("need_id"))
            .or_else(|| rows.get(&(m.entity.clone(), m.row_id)).and_then(|r| uuid_of(r.data.get("need_id"))));
        needs.extend(need.map(|n| n.to_string()));
    }
    needs.sort();
    needs.dedup();
    let need_keys: HashSet<Key> =
        needs.iter().filter_map(|n| n.parse().ok()).map(|n| ("recruitment_need".to_string(), n)).collect();
    load_keys(tx, &need_keys, &mut rows).await?;
    load_where(tx, "r.entity = 'candidacy' AND r.data->>'need_id' = ANY($1::text[])", &needs, &mut rows)
        .await?;

    // The needs serving a project the batch writes: a company stays on the
    // project while one of its needs serves it.
    let projects: Vec<String> =
        mutations.iter().filter(|m| m.entity == "grand_project").map(|m| m.row_id.to_string()).collect();
    load_where(
        tx,
        "r.entity = 'recruitment_need' AND r.deleted_at IS NULL AND r.data->>'project_id' = ANY($1::text[])",
        &projects,
        &mut rows,
    )
    .await?;

    // Every live invitation of an event the batch invites to or changes: a
    // person is invited once per event, an event takes so many, and an
    // event's day or needs do not move under the attendance recorded.
    let mut events: Vec<String> =
        mutations.iter().filter(|m| m.entity == "event").map(|m| m.row_id.to_string()).collect();
    for m in mutations.iter().filter(|m| m.entity == "event_invitation") {
        let event = uuid_of(m.patch.get("event_id")).or_else(|| {
            rows.get(&(m.entity.clone(), m.row_id)).and_then(|r| uuid_of(r.data.get("event_id")))
        });
        events.extend(event.map(|e| e.to_string()));
    }
    events.sort();
    events.dedup();
    let event_keys: HashSet<Key> =
        events.iter().filter_map(|e| e.parse().ok()).map(|e| ("event".to_string(), e)).collect();
    load_keys(tx, &event_keys, &mut rows).await?;
    load_where(
        tx,
        "r.entity = 'event_invitation' AND r.deleted_at IS NULL AND r.data->>'event_id' = ANY($1::text[])",
        &events,
        &mut rows,
    )
    .await?;

    // The events bringing a need the batch changes: a need moved to another
    // employer stays one of an employer taking part.
    let needs_changed: Vec<String> =
        mutations.iter().filter(|m| m.entity == "recruitment_need").map(|m| m.row_id.to_string()).collect();
    load_where(
        tx,
        "r.entity = 'event' AND r.deleted_at IS NULL AND r.data->'need_ids' ?| $1::text[]",
        &needs_changed,
        &mut rows,
    )
    .await?;

    // Live rows referring to a row the batch deletes.
    let deleted: Vec<String> =
        mutations.iter().filter(|m| m.kind == MutationKind::Delete).map(|m| m.row_id.to_string()).collect();
    let referring = format!("r.deleted_at IS NULL AND ({})", referring_sql(|_, _| true));
    load_where(tx, &referring, &deleted, &mut rows).await?;

    load_where(
        tx,
        "r.entity = 'organisation' AND r.deleted_at IS NULL AND r.data->>'siret' = ANY($1::text[])",
        &unique_values,
        &mut rows,
    )
    .await?;

    // A contract's lines are computed from the aid's tables; a change of
    // the tables first keeps every contract's begun months.
    let touches = |names: &[&str]| mutations.iter().any(|m| names.contains(&m.entity.as_str()));
    let names = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    if touches(&["aided_contract", "aid_parameter", "aid_rule"]) {
        load_where(tx, "r.entity = ANY($1::text[])", &names(&["aid_parameter", "aid_rule"]), &mut rows)
            .await?;
    }
    if touches(&["aid_parameter", "aid_rule"]) {
        let live = "r.entity = ANY($1::text[]) AND r.deleted_at IS NULL";
        load_where(tx, live, &names(&["aided_contract"]), &mut rows).await?;
    }
    Ok(rows)
}

async fn load_users(tx: &Transaction<'_>) -> ApiResult<HashMap<Uuid, User>> {
    Ok(tx
        .query("SELECT id, dt_code, created_at FROM app_user WHERE disabled_at IS NULL", &[])
        .await?
        .iter()
        .map(|r| (r.get(0), User { dt: r.get(1), created_at: r.get(2) }))
        .collect())
}

/// Live candidacies by need, and their (need, person) pairs.
fn candidacy_index(rows: &HashMap<Key, Row>) -> (HashMap<String, usize>, HashSet<(String, String)>) {
    let mut by_need = HashMap::new();
    let mut pairs = HashSet::new();
    for ((e, _), r) in rows {
        if e != "candidacy" || !r.live() {
            continue;
        }
        let text = |f: &str| r.data.get(f).and_then(Value::as_str).unwrap_or_default().to_string();
        *by_need.entry(text("need_id")).or_insert(0) += 1;
        pairs.insert((text("need_id"), text("person_id")));
    }
    (by_need, pairs)
}

/// A field read as a domain value (None when absent or unreadable).
fn parse_field<T: serde::de::DeserializeOwned>(data: &Fields, field: &str) -> Option<T> {
    data.get(field).and_then(|v| serde_json::from_value(v.clone()).ok())
}

/// Live invitations by event.
fn invitation_index(rows: &HashMap<Key, Row>) -> HashMap<String, Vec<Key>> {
    let mut out: HashMap<String, Vec<Key>> = HashMap::new();
    for (k, r) in rows.iter().filter(|((e, _), r)| e == "event_invitation" && r.live()) {
        let event = r.data.get("event_id").and_then(Value::as_str).unwrap_or_default().to_string();
        out.entry(event).or_default().push(k.clone());
    }
    out
}

/// The ids a reference field holds (one, or an array of them).
fn reference_ids(data: &Fields, r: &Reference) -> Vec<Uuid> {
    if r.many { uuid_list(data.get(r.field)) } else { uuid_of(data.get(r.field)).into_iter().collect() }
}

fn rejected(r: Refusal, current: Option<Box<RowState>>) -> Outcome {
    Outcome::Rejected {
        code: r.code.into(),
        message: clip(&r.message, MAX_MESSAGE_CHARS),
        field: r.field.map(Into::into),
        current,
    }
}

fn invalid(e: tremplin_domain::ValidationError) -> Refusal {
    Refusal { code: e.code, message: e.message, field: Some(e.field) }
}

fn unknown_field(f: &str) -> Refusal {
    Refusal {
        code: "unknown_field",
        message: format!("Champ inconnu du serveur : « {} ».", clip(f, 40)),
        field: None,
    }
}

/// The same answer whether the row does not exist or the caller may not
/// see it: a refusal tells nothing of rows out of one's scope.
fn not_found() -> Refusal {
    Refusal {
        code: "not_found",
        message: "Cette fiche n'existe pas sur le serveur, ou n'est pas dans votre périmètre.".into(),
        field: None,
    }
}

/// A reference to a row that does not exist, is deleted, or that the
/// caller may not see: one answer for all three.
fn unknown_reference(field: &'static str) -> Refusal {
    Refusal {
        code: "unknown_reference",
        message: format!(
            "Champ « {field} » : la fiche liée n'existe pas sur le serveur, a été supprimée ou n'est pas dans \
             votre périmètre."
        ),
        field: Some(field),
    }
}

impl Batch<'_> {
    fn visible(&self, scope: &Scope) -> bool {
        scope::can_see(self.caller, scope, |u| self.users.get(&u).and_then(|user| user.dt.as_deref()))
    }

    fn is_admin(&self) -> bool {
        self.caller.user.role == Role::Administrateur
    }

    fn next_version(&mut self) -> i64 {
        self.version += 1;
        self.version
    }

    /// The outcome of one mutation, with the batch's rows updated.
    fn apply(&mut self, m: &Mutation) -> Outcome {
        let Some(rule) = rules::rule(&m.entity) else { return rejected(not_found(), None) };
        let key = (m.entity.clone(), m.row_id);
        let tables = matches!(rule.def.name, "aid_parameter" | "aid_rule");
        if tables && (rule.may_write)(self.caller, None, &m.patch).is_ok() {
            // Months begun keep the amounts they were computed with.
            self.keep_begun_months(m);
        }
        if rule.def.derived.contains(&"lines") && self.book.is_none() {
            self.book = Some(self.aid_book());
        }
        let result = match m.kind {
            MutationKind::Create => self.create(&rule, key.clone(), m),
            MutationKind::Update => self.update(&rule, &key, m),
            MutationKind::Delete => self.delete(&rule, &key, m),
        };
        if result.as_ref().is_ok_and(|o| matches!(o, Outcome::Applied { .. })) && rule.def.name == "candidacy"
        {
            self.index_candidacy(&key, m.kind);
            self.recount_candidates(&key, m);
        }
        if result.as_ref().is_ok_and(|o| matches!(o, Outcome::Applied { .. }))
            && rule.def.name == "event_invitation"
            && m.kind == MutationKind::Create
            && let Some(event) =
                self.rows.get(&key).and_then(|r| r.data.get("event_id")).and_then(Value::as_str)
        {
            self.invitations.entry(event.to_string()).or_default().push(key.clone());
        }
        if tables {
            self.book = None;
            // A retroactive revaluation an administrator recorded: begun
            // months from its date on are computed again, both amounts kept.
            if result.is_ok()
                && rule.def.name == "aid_parameter"
                && m.patch.get("recompute_begun").and_then(Value::as_bool) == Some(true)
                && let Some(from) =
                    m.patch.get("effective_from").and_then(Value::as_str).and_then(|d| d.parse().ok())
            {
                self.revise_begun_months(m, from);
            }
        }
        result.unwrap_or_else(|refusal| {
            // The row as it stands, so the client can put it back.
            let current = self
                .rows
                .get(&key)
                .filter(|r| self.visible(&r.scope))
                .map(|r| Box::new(r.state(&key.0, key.1)));
            rejected(refusal, current)
        })
    }

    fn create(&mut self, rule: &EntityRule, key: Key, m: &Mutation) -> Result<Outcome, Refusal> {
        if self.rows.contains_key(&key) {
            // Ids are random: answering this tells only what the caller knew.
            return Err(Refusal {
                code: "already_exists",
                message: "Cette fiche existe déjà sur le serveur.".into(),
                field: None,
            });
        }
        let mut data = m.patch.clone();
        self.check_references(rule.def, &data, |_| true)?;
        self.derive(rule.def, &mut data, None)?;
        self.compute_lines(rule.def, &mut data, None)?;
        self.check_unique(rule.def, &key, &data)?;
        self.check_amended_by(rule.def, &key, &data)?;
        self.check_candidacy(rule.def, &data)?;
        self.check_hire(rule.def, &data)?;
        self.check_hired_person(rule.def, &data)?;
        self.check_event(rule.def, &data, None)?;
        self.check_invitation(rule.def, &key, &data, None)?;
        self.check_need_project(rule.def, &data)?;
        if rule.def.name == "recruitment_need" {
            data.insert("candidate_count".into(), json!(self.candidate_count(key.1)));
        }
        self.check_device_time(rule.def, &data)?;
        (rule.may_write)(self.caller, None, &data)?;
        let scope = rule.scope(&data);
        if !self.visible(&scope) {
            return Err(out_of_scope());
        }
        let v = self.next_version();
        let device = self.caller.client_device_id;
        let row = Row {
            field_versions: data.keys().map(|k| (k.clone(), v)).collect(),
            field_writers: data.keys().map(|k| (k.clone(), device)).collect(),
            data,
            version: v,
            created_at: self.now,
            created_by: Some(self.caller.user.id),
            updated_at: self.now,
            deleted_at: None,
            scope,
            former_users: Vec::new(),
            former_dts: Vec::new(),
            dirty: true,
        };
        self.record_change(v, &key, m, &Value::Object(row.data.clone()));
        self.rows.insert(key, row);
        Ok(Outcome::Applied { version: v })
    }

    fn update(&mut self, rule: &EntityRule, key: &Key, m: &Mutation) -> Result<Outcome, Refusal> {
        let Some(row) = self.rows.get(key).filter(|r| self.visible(&r.scope)) else {
            return Err(not_found());
        };
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
        // Derived fields are the server's: what the client says of them is ignored.
        for (f, v) in m.patch.iter().filter(|(f, _)| !rule.def.derived.contains(&f.as_str())) {
            let server_value = row.data.get(f).unwrap_or(&Value::Null);
            if server_value == v {
                continue;
            }
            let server_version = row.field_versions.get(f).copied().unwrap_or(0);
            let base = m.base.get(f).copied().unwrap_or(0);
            // This device's own last write is no conflict: its queue is in
            // order (e.g. a create and an edit pushed together).
            let mine = row.field_writers.get(f) == Some(&self.caller.client_device_id);
            if !rule.def.append_only && server_version > base && !mine {
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
            let old_data = row.data.clone();
            let old_scope = row.scope.clone();
            synced::validate_record(rule.def.name, &merged, self.now).map_err(invalid)?;
            self.check_references(rule.def, &merged, |f| applied.contains_key(f))?;
            self.derive(rule.def, &mut merged, Some(&old_data))?;
            self.compute_lines(rule.def, &mut merged, Some(&old_data))?;
            if rule.def.unique.iter().any(|f| applied.contains_key(*f)) {
                self.check_unique(rule.def, key, &merged)?;
            }
            if applied.contains_key("amended_by_id") {
                self.check_amended_by(rule.def, key, &merged)?;
            }
            self.check_cv_sent(rule.def, &old_data, &merged)?;
            self.check_hire(rule.def, &merged)?;
            self.check_hired_person(rule.def, &merged)?;
            self.check_event(rule.def, &merged, Some(&old_data))?;
            self.check_invitation(rule.def, key, &merged, Some(&old_data))?;
            self.check_need_project(rule.def, &merged)?;
            self.check_project_employers(rule.def, key, &merged)?;
            self.check_event_invitations(rule.def, key, &merged, &old_data)?;
            self.check_need_events(rule.def, key, &merged)?;
            (rule.may_write)(self.caller, Some(&old_data), &merged)?;
            let scope = rule.scope(&merged);
            if !self.visible(&scope) {
                return Err(Refusal {
                    code: "out_of_scope",
                    message: "Cette modification retirerait la fiche de votre périmètre : demandez à un \
                              responsable territorial."
                        .into(),
                    field: None,
                });
            }
            for f in rule.def.derived {
                if merged.get(*f) != old_data.get(*f) {
                    applied.insert(f.to_string(), merged.get(*f).cloned().unwrap_or(Value::Null));
                }
            }
            let v = self.next_version();
            self.set_row(key, merged, &applied, v, scope);
            self.record_change(v, key, m, &Value::Object(applied));
            if self.rows[key].scope != old_scope {
                self.cascade(key, m);
            }
            version = Some(v);
        }
        if conflicts.is_empty() {
            let current = self.rows.get(key).map_or(0, |r| r.version);
            return Ok(Outcome::Applied { version: version.unwrap_or(current) });
        }
        self.record_conflicts(key, m, &conflicts);
        Ok(Outcome::AppliedWithConflicts { version, conflicts })
    }

    /// Writes a row's new state at version `v`, keeping who could see it before.
    fn set_row(&mut self, key: &Key, data: Fields, changed: &Fields, v: i64, scope: Scope) {
        let device = self.caller.client_device_id;
        let now = self.now;
        let row = self.rows.get_mut(key).expect("the batch holds the rows it writes");
        for f in changed.keys() {
            row.field_versions.insert(f.clone(), v);
            row.field_writers.insert(f.clone(), device);
        }
        if row.scope != scope {
            for u in &row.scope.users {
                if !row.former_users.contains(u) {
                    row.former_users.push(*u);
                }
            }
            if let Some(dt) = &row.scope.dt
                && !row.former_dts.contains(dt)
            {
                row.former_dts.push(dt.clone());
            }
        }
        row.data = data;
        row.version = v;
        row.updated_at = now;
        row.scope = scope;
        row.dirty = true;
    }

    fn delete(&mut self, rule: &EntityRule, key: &Key, m: &Mutation) -> Result<Outcome, Refusal> {
        let Some(row) = self.rows.get(key).filter(|r| self.visible(&r.scope)) else {
            return Err(not_found());
        };
        if row.deleted_at.is_some() {
            return Ok(Outcome::Applied { version: row.version });
        }
        match rule.def.delete {
            DeleteRule::Never => {
                return Err(Refusal {
                    code: "append_only",
                    message: "Une entrée de journal est conservée : elle ne se supprime pas.".into(),
                    field: None,
                });
            }
            DeleteRule::CreatorOrAdministrator
                if !self.is_admin() && row.created_by != Some(self.caller.user.id) =>
            {
                let instead = match rule.def.name {
                    "recruitment_need" => "abandonnez-le plutôt, avec son motif",
                    "hire" => "signalez l'erreur à l'agent qui l'a saisi",
                    _ => "passez-la plutôt au statut « Fermé » ou « En veille »",
                };
                return Err(Refusal {
                    code: "not_creator",
                    message: format!(
                        "Seul l'agent qui a créé cette fiche, ou un administrateur, peut la supprimer ; {instead}."
                    ),
                    field: None,
                });
            }
            _ => {}
        }
        (rule.may_write)(self.caller, Some(&row.data), &row.data)?;
        // A candidacy that went past « proposé » is history the employer
        // shared in: it ends « non retenu », it is not deleted.
        if rule.def.name == "candidacy" && row.data.get("stage").and_then(Value::as_str) != Some("propose") {
            return Err(Refusal {
                code: "not_deletable",
                message:
                    "Candidature : elle a avancé au-delà de « proposé » ; passez-la « non retenu » avec son \
                          motif."
                        .into(),
                field: None,
            });
        }
        if rule.def.name == "event_invitation" {
            self.check_invitation_delete(&row.data)?;
        }
        if rule.def.name == "hire" {
            // Who was hired and its follow-up tasks go with it, whoever
            // holds them (its creator may see neither).
            self.delete_dependents(key, &["hired_person", "task"], m);
        }
        if self.is_referenced(key) {
            return Err(Refusal {
                code: "referenced",
                message:
                    "D'autres fiches citent celle-ci (contacts, échanges, conventions, contrats…) : elle \
                          ne peut pas être supprimée tant qu'elles existent."
                        .into(),
                field: None,
            });
        }
        let v = self.tombstone(key);
        self.record_change(v, key, m, &json!({}));
        Ok(Outcome::Applied { version: v })
    }

    /// Marks a row deleted at the next version, which it returns.
    fn tombstone(&mut self, key: &Key) -> i64 {
        let v = self.next_version();
        let now = self.now;
        let row = self.rows.get_mut(key).expect("the batch holds the rows it deletes");
        row.deleted_at = Some(now);
        row.updated_at = now;
        row.version = v;
        row.dirty = true;
        v
    }

    /// Deletes, as the server's own change, the live rows of `entities`
    /// that refer to `key` (the batch holds every one of them).
    fn delete_dependents(&mut self, key: &Key, entities: &[&str], m: &Mutation) {
        let dependents: Vec<Key> = self
            .rows
            .iter()
            .filter(|((entity, _), row)| {
                row.live()
                    && entities.contains(&entity.as_str())
                    && synced::entity(entity).is_some_and(|def| {
                        def.references
                            .iter()
                            .any(|r| r.entity == key.0 && reference_ids(&row.data, r).contains(&key.1))
                    })
            })
            .map(|(k, _)| k.clone())
            .collect();
        for d in dependents {
            let v = self.tombstone(&d);
            self.record_change(v, &d, m, &json!({}));
        }
    }

    /// Whether a live row of the batch refers to `key` (the batch holds
    /// every live row of the database that does).
    fn is_referenced(&self, key: &Key) -> bool {
        self.rows.iter().any(|((entity, id), row)| {
            row.live()
                && (entity, id) != (&key.0, &key.1)
                && synced::entity(entity).is_some_and(|def| {
                    def.references
                        .iter()
                        .any(|r| r.entity == key.0 && reference_ids(&row.data, r).contains(&key.1))
                })
        })
    }

    /// Each reference field that `changed` selects names a live row the
    /// caller sees (or a row shipped with Tremplin: the aid's parameters).
    fn check_references(
        &self,
        def: &EntityDef,
        data: &Fields,
        changed: impl Fn(&str) -> bool,
    ) -> Result<(), Refusal> {
        for r in def.references.iter().filter(|r| changed(r.field)) {
            match data.get(r.field) {
                None | Some(Value::Null) => continue,
                Some(Value::Array(_)) if r.many => {}
                Some(Value::String(_)) if !r.many => {}
                Some(_) => return Err(unknown_reference(r.field)),
            }
            let ids = reference_ids(data, r);
            let listed = if r.many { data[r.field].as_array().map_or(0, Vec::len) } else { 1 };
            if ids.len() != listed {
                return Err(unknown_reference(r.field));
            }
            // One spelling per id (lower case, hyphenated): other forms
            // parse to the same id but would escape every text lookup
            // (duplicates, counts, erasure, the scope cascade).
            let raw: Vec<&str> = match &data[r.field] {
                Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
                v => v.as_str().into_iter().collect(),
            };
            if raw.iter().zip(&ids).any(|(s, id)| *s != id.to_string()) {
                return Err(unknown_reference(r.field));
            }
            for id in ids {
                let found = self
                    .rows
                    .get(&(r.entity.to_string(), id))
                    .is_some_and(|row| row.live() && self.visible(&row.scope));
                if !found && !shipped(r.entity, id) {
                    return Err(unknown_reference(r.field));
                }
            }
        }
        Ok(())
    }

    /// Sets the fields the server derives: a person's DT from its commune
    /// and officers by rule; a row about a person takes them from the
    /// person (or pairing) it hangs from.
    fn derive(&self, def: &EntityDef, data: &mut Fields, old: Option<&Fields>) -> Result<(), Refusal> {
        let ScopeRule::AboutPerson { via } = def.scope else { return Ok(()) };
        let kept = old.map(|o| uuid_list(o.get("officer_ids"))).unwrap_or_default();
        let (dt, mut officers) = match via {
            None => {
                let dt = match data.get("commune_code").and_then(Value::as_str) {
                    None => None,
                    Some(code) => Some(dt_of_commune(code).ok_or_else(|| Refusal {
                        code: "unknown_commune",
                        message: format!("Commune : code « {} » inconnu du Nord.", clip(code, 10)),
                        field: Some("commune_code"),
                    })?),
                };
                // An administrator names the officers; anyone else joins
                // those already there (a person is never hidden from them).
                let officers = if self.is_admin() {
                    uuid_list(data.get("officer_ids"))
                        .into_iter()
                        .filter(|u| self.users.contains_key(u))
                        .collect()
                } else {
                    kept
                };
                (dt.map(str::to_string), officers)
            }
            Some(field) => {
                let r =
                    def.references.iter().find(|r| r.field == field).expect("registry: via is a reference");
                let parent =
                    uuid_of(data.get(field)).and_then(|id| self.rows.get(&(r.entity.to_string(), id)));
                let Some(parent) = parent else { return Err(unknown_reference(r.field)) };
                let mut officers = uuid_list(parent.data.get("officer_ids"));
                merge(&mut officers, &kept);
                (parent.data.get("dt_code").and_then(Value::as_str).map(str::to_string), officers)
            }
        };
        merge(&mut officers, &[self.caller.user.id]);
        data.insert("dt_code".into(), dt.map_or(Value::Null, Value::String));
        data.insert("officer_ids".into(), json!(officers));
        Ok(())
    }

    /// The aid's tables: the shipped rows and the administrators' live rows
    /// of the batch, in the order entered.
    fn aid_book(&self) -> AidBook {
        fn entered<T: serde::de::DeserializeOwned>(rows: &HashMap<Key, Row>, entity: &str) -> Vec<(Uuid, T)> {
            let mut list: Vec<(&Key, &Row)> =
                rows.iter().filter(|((e, _), r)| e == entity && r.live()).collect();
            list.sort_by_key(|(_, r)| (r.created_at, r.version));
            list.into_iter()
                .filter_map(|((_, id), r)| {
                    Some((*id, serde_json::from_value(Value::Object(r.data.clone())).ok()?))
                })
                .collect()
        }
        AidBook::new(entered(&self.rows, "aid_parameter"), entered(&self.rows, "aid_rule"))
    }

    /// A contract's monthly lines, computed here (what the device sent is
    /// ignored): the months already kept on the server keep their amounts,
    /// the other begun months take the tables in force.
    fn compute_lines(&self, def: &EntityDef, data: &mut Fields, old: Option<&Fields>) -> Result<(), Refusal> {
        if !def.derived.contains(&"lines") {
            return Ok(());
        }
        let mut contract: AidedContract = synced::parse(data).map_err(invalid)?;
        let old = old.and_then(|o| synced::parse::<AidedContract>(o).ok());
        contract.lines = old.as_ref().map(|o| o.lines.clone()).unwrap_or_default();
        // The revisions are the server's record, whatever the device sent.
        let revisions = old.map(|o| o.revisions).unwrap_or_default();
        data.insert("revisions".into(), serde_json::to_value(revisions).map_err(|_| not_found())?);
        let lines = self.lines_of(&contract).map_err(|e| Refusal {
            code: "missing_parameter",
            message: e.to_string(),
            field: Some("aid_starts_on"),
        })?;
        data.insert("lines".into(), serde_json::to_value(lines).map_err(|_| not_found())?);
        Ok(())
    }

    fn lines_of(&self, c: &AidedContract) -> Result<Vec<AidLine>, MissingParameter> {
        let book = self.book.as_ref().expect("the book is built for contracts");
        let Some(rule) = c.rule_id.and_then(|id| book.any_rule(id)) else { return Ok(Vec::new()) };
        let lines = c.aid_lines(rule, &book.smic, &book.rsa)?;
        Ok(AidedContract::begun_lines(lines, self.now.date_naive()))
    }

    /// Every live aided contract the push has loaded, with its key.
    fn live_contracts(&self) -> Vec<(Key, AidedContract)> {
        self.rows
            .iter()
            .filter(|((e, _), r)| e == "aided_contract" && r.live())
            .filter_map(|(k, r)| Some((k.clone(), synced::parse(&r.data).ok()?)))
            .collect()
    }

    /// Before the aid's tables change, every contract keeps the months
    /// begun with the amounts they were computed with.
    fn keep_begun_months(&mut self, m: &Mutation) {
        self.book = Some(self.aid_book());
        let contracts = self.live_contracts();
        for (key, c) in contracts {
            let Ok(lines) = self.lines_of(&c) else { continue };
            if lines == c.lines {
                continue;
            }
            let mut data = self.rows[&key].data.clone();
            let lines = serde_json::to_value(lines).unwrap_or(Value::Null);
            data.insert("lines".into(), lines.clone());
            let changed: Fields = [("lines".to_string(), lines)].into_iter().collect();
            let scope = self.rows[&key].scope.clone();
            let v = self.next_version();
            self.set_row(&key, data, &changed, v, scope);
            self.record_derived_change(v, &key, m, changed);
        }
    }

    /// After a retroactive revaluation from `from` (this mutation's row):
    /// every contract's begun months from then on, computed again; each
    /// change kept on the contract with both amounts, who and when.
    fn revise_begun_months(&mut self, m: &Mutation, from: chrono::NaiveDate) {
        let book = self.aid_book();
        let contracts = self.live_contracts();
        let cause = (m.row_id, self.caller.user.id, self.now);
        for (key, mut c) in contracts {
            let Some(rule) = c.rule_id.and_then(|id| book.any_rule(id)) else { continue };
            let Ok(revised) = c.revise_from(from, rule, &book.smic, &book.rsa, self.now.date_naive(), cause)
            else {
                continue;
            };
            if revised.is_empty() {
                continue;
            }
            let mut data = self.rows[&key].data.clone();
            let lines = serde_json::to_value(&c.lines).unwrap_or(Value::Null);
            let revisions = serde_json::to_value(&c.revisions).unwrap_or(Value::Null);
            data.insert("lines".into(), lines.clone());
            data.insert("revisions".into(), revisions.clone());
            let changed: Fields =
                [("lines".to_string(), lines), ("revisions".to_string(), revisions)].into_iter().collect();
            let scope = self.rows[&key].scope.clone();
            let v = self.next_version();
            self.set_row(&key, data, &changed, v, scope);
            self.record_derived_change(v, &key, m, changed);
        }
        self.book = Some(book);
    }

    fn record_derived_change(&mut self, v: i64, key: &Key, m: &Mutation, changed: Fields) {
        self.changes.push(json!({
            "version": v, "entity": key.0, "row_id": key.1, "kind": "update", "patch": changed,
            "user_id": self.caller.user.id, "device_id": self.caller.device_id, "mutation_id": m.mutation_id,
            "made_at": m.made_at,
        }));
    }

    /// After a person's or pairing's scope changed, the rows about them
    /// follow: their DT, and their officers joined by the parent's.
    fn cascade(&mut self, parent: &Key, m: &Mutation) {
        let (dt, officers) = {
            let p = &self.rows[parent];
            (p.data.get("dt_code").cloned().unwrap_or(Value::Null), uuid_list(p.data.get("officer_ids")))
        };
        let children: Vec<Key> = self
            .rows
            .iter()
            .filter(|((entity, _), row)| {
                row.live()
                    && synced::entity(entity).is_some_and(|def| match def.scope {
                        ScopeRule::AboutPerson { via: Some(via) } => {
                            def.references.iter().any(|r| r.field == via && r.entity == parent.0)
                                && uuid_of(row.data.get(via)) == Some(parent.1)
                        }
                        _ => false,
                    })
            })
            .map(|(k, _)| k.clone())
            .collect();
        for child in children {
            let row = &self.rows[&child];
            let mut merged_officers = officers.clone();
            merge(&mut merged_officers, &uuid_list(row.data.get("officer_ids")));
            let mut data = row.data.clone();
            data.insert("dt_code".into(), dt.clone());
            data.insert("officer_ids".into(), json!(merged_officers));
            let mut changed = Fields::new();
            for f in ["dt_code", "officer_ids"] {
                if data.get(f) != row.data.get(f) {
                    changed.insert(f.into(), data[f].clone());
                }
            }
            if changed.is_empty() {
                continue;
            }
            let Some(rule) = rules::rule(&child.0) else { continue };
            let scope = rule.scope(&data);
            let v = self.next_version();
            self.set_row(&child, data, &changed, v, scope);
            self.record_derived_change(v, &child, m, changed);
            self.cascade(&child, m);
        }
    }

    /// A person is put forward once per need (at most
    /// [`MAX_CANDIDACIES_PER_NEED`] on one), on a need open to candidates,
    /// dated within [`OFFLINE_DAYS`] of the server's day, with her consent to her
    /// profile being shared with an employer in force that day (the person
    /// and the need, which the caller sees, are in the batch).
    fn check_candidacy(&self, def: &EntityDef, data: &Fields) -> Result<(), Refusal> {
        if def.name != "candidacy" {
            return Ok(());
        }
        let text = |f: &str| data.get(f).and_then(Value::as_str).unwrap_or_default().to_string();
        if self.proposed.contains(&(text("need_id"), text("person_id"))) {
            return Err(Refusal {
                code: "duplicate",
                message: "Candidature : cette personne est déjà proposée sur ce besoin.".into(),
                field: Some("person_id"),
            });
        }
        if self.candidacies.get(&text("need_id")).copied().unwrap_or(0) >= MAX_CANDIDACIES_PER_NEED {
            return Err(Refusal {
                code: "too_many",
                message: format!("Candidatures : {MAX_CANDIDACIES_PER_NEED} au plus sur un besoin."),
                field: Some("need_id"),
            });
        }
        let open = uuid_of(data.get("need_id"))
            .and_then(|n| self.rows.get(&("recruitment_need".to_string(), n)))
            .and_then(|n| n.data.get("status").cloned())
            .and_then(|s| serde_json::from_value::<tremplin_domain::need::NeedStatus>(s).ok())
            .is_some_and(|s| s.takes_candidates());
        if !open {
            return Err(Refusal {
                code: "need_closed",
                message:
                    "Candidature : on ne propose personne sur un besoin à qualifier, pourvu ou abandonné."
                        .into(),
                field: Some("need_id"),
            });
        }
        let day =
            data.get("consent_on").and_then(Value::as_str).and_then(|d| d.parse::<chrono::NaiveDate>().ok());
        let today = self.now.date_naive();
        if day.is_none_or(|d| d + Duration::days(OFFLINE_DAYS) < today || d > today + Duration::days(1)) {
            return Err(Refusal {
                code: "bad_date",
                message: format!(
                    "Candidature : elle est datée du jour où la personne est proposée (au plus {OFFLINE_DAYS} jours \
                     avant son envoi)."
                ),
                field: Some("consent_on"),
            });
        }
        self.check_consent(data, day)
    }

    /// The person's consent to her profile being shared with an employer
    /// is in force on `day` (a proposal, a CV sent).
    fn check_consent(&self, data: &Fields, day: Option<chrono::NaiveDate>) -> Result<(), Refusal> {
        use tremplin_domain::person::{Consent, Person};
        let consents = uuid_of(data.get("person_id"))
            .and_then(|p| self.rows.get(&("person".to_string(), p)))
            .and_then(|p| serde_json::from_value::<Person>(Value::Object(p.data.clone())).ok())
            .zip(day)
            .is_some_and(|(p, day)| p.consents_to(Consent::PartageProfilEmployeur, day));
        if consents {
            return Ok(());
        }
        Err(Refusal {
            code: "no_consent",
            message:
                "Candidature : la personne n'avait pas donné son accord pour que son profil soit transmis à \
                      un employeur ce jour-là."
                    .into(),
            field: Some("consent_on"),
        })
    }

    /// A CV sent in an update: the consent in force on the step's day.
    fn check_cv_sent(&self, def: &EntityDef, old: &Fields, data: &Fields) -> Result<(), Refusal> {
        use tremplin_domain::candidacy::{CandidacyStage, history_of};
        if def.name != "candidacy" {
            return Ok(());
        }
        let before = history_of(old).len();
        for s in history_of(data).iter().skip(before).filter(|s| s.stage == CandidacyStage::CvTransmis) {
            self.check_consent(data, Some(s.on))?;
        }
        Ok(())
    }

    /// A hire from a need is the need's employer's and counts for the
    /// need's convention when it names one; a hire counts for a convention
    /// once signed (the batch holds the need and the convention).
    fn check_hire(&self, def: &EntityDef, data: &Fields) -> Result<(), Refusal> {
        use tremplin_domain::convention::ConventionStatus;
        if def.name != "hire" {
            return Ok(());
        }
        let row = |entity: &str, f: &str| {
            uuid_of(data.get(f)).and_then(|id| self.rows.get(&(entity.to_string(), id)))
        };
        if let Some(need) = row("recruitment_need", "need_id") {
            let convention = need.data.get("convention_id").filter(|v| !v.is_null());
            if need.data.get("employer_id") != data.get("employer_id")
                || convention.is_some_and(|c| data.get("convention_id") != Some(c))
            {
                return Err(Refusal {
                    code: "not_the_need",
                    message:
                        "Recrutement : il est fait chez l'employeur du besoin et compte pour sa convention."
                            .into(),
                    field: Some("employer_id"),
                });
            }
        }
        if let Some(c) = row("convention", "convention_id") {
            let signed = c
                .data
                .get("status")
                .and_then(Value::as_str)
                .and_then(ConventionStatus::parse)
                .is_some_and(ConventionStatus::records_actuals);
            if !signed {
                return Err(Refusal {
                    code: "convention_unsigned",
                    message: "Convention : un recrutement compte pour une convention signée.".into(),
                    field: Some("convention_id"),
                });
            }
        }
        Ok(())
    }

    /// Who was hired is the person of the candidacy and of the aided
    /// contract it names, and the candidacy is on the hire's need.
    fn check_hired_person(&self, def: &EntityDef, data: &Fields) -> Result<(), Refusal> {
        if def.name != "hired_person" {
            return Ok(());
        }
        let row = |entity: &str, f: &str| {
            uuid_of(data.get(f)).and_then(|id| self.rows.get(&(entity.to_string(), id)))
        };
        let person = data.get("person_id");
        let hire_need = row("hire", "hire_id").and_then(|h| h.data.get("need_id").cloned());
        if let Some(c) = row("candidacy", "candidacy_id")
            && (c.data.get("person_id") != person || c.data.get("need_id") != hire_need.as_ref())
        {
            return Err(Refusal {
                code: "not_the_person",
                message: "Personne recrutée : la candidature est la sienne, sur le besoin du recrutement."
                    .into(),
                field: Some("candidacy_id"),
            });
        }
        if let Some(k) = row("aided_contract", "aided_contract_id")
            && k.data.get("person_id") != person
        {
            return Err(Refusal {
                code: "not_the_person",
                message: "Personne recrutée : le contrat aidé est le sien.".into(),
                field: Some("aided_contract_id"),
            });
        }
        Ok(())
    }

    /// An event's organisers are officers of the Département, and each
    /// need it brings is one of its employers' (the batch holds the needs).
    fn check_event(&self, def: &EntityDef, data: &Fields, old: Option<&Fields>) -> Result<(), Refusal> {
        if def.name != "event" {
            return Ok(());
        }
        let organisers = data.get("organiser_ids").and_then(Value::as_array).map_or(0, Vec::len);
        let known = uuid_list(data.get("organiser_ids"));
        // An organiser already named stays valid once their account is
        // closed: the event is still marked held or cancelled.
        let before = old.map(|o| uuid_list(o.get("organiser_ids"))).unwrap_or_default();
        let unknown = known.iter().any(|u| !self.users.contains_key(u) && !before.contains(u));
        // One spelling per id, as for references.
        let spelt = data.get("organiser_ids").and_then(Value::as_array).is_some_and(|a| {
            a.iter().zip(&known).all(|(raw, id)| raw.as_str() == Some(id.to_string().as_str()))
        });
        if organisers == 0 || known.len() != organisers || unknown || !spelt {
            return Err(Refusal {
                code: "unknown_officer",
                message: "Organisé par : des agents du Département, au moins un.".into(),
                field: Some("organiser_ids"),
            });
        }
        let employers = data.get("employer_ids").and_then(Value::as_array).cloned().unwrap_or_default();
        let foreign = uuid_list(data.get("need_ids")).into_iter().any(|n| {
            self.rows
                .get(&("recruitment_need".to_string(), n))
                .and_then(|r| r.data.get("employer_id"))
                .is_none_or(|e| !employers.contains(e))
        });
        if foreign {
            return Err(Refusal {
                code: "not_the_employer",
                message: "Besoins : chacun est celui d'un employeur qui participe à l'événement.".into(),
                field: Some("need_ids"),
            });
        }
        Ok(())
    }

    /// A project keeps the companies whose needs serve it (the batch holds
    /// those needs).
    fn check_project_employers(&self, def: &EntityDef, key: &Key, data: &Fields) -> Result<(), Refusal> {
        if def.name != "grand_project" {
            return Ok(());
        }
        let employers = data.get("employer_ids").and_then(Value::as_array).cloned().unwrap_or_default();
        let project = json!(key.1.to_string());
        let dropped = self.rows.iter().any(|((entity, _), r)| {
            entity == "recruitment_need"
                && r.live()
                && r.data.get("project_id") == Some(&project)
                && r.data.get("employer_id").is_none_or(|e| !employers.contains(e))
        });
        if dropped {
            return Err(Refusal {
                code: "not_on_project",
                message: "Entreprises : une entreprise dont un besoin sert le projet y reste.".into(),
                field: Some("employer_ids"),
            });
        }
        Ok(())
    }

    /// A need serving a grand projet is one of a company working on it
    /// (the batch holds the project).
    fn check_need_project(&self, def: &EntityDef, data: &Fields) -> Result<(), Refusal> {
        if def.name != "recruitment_need" {
            return Ok(());
        }
        let Some(project) = uuid_of(data.get("project_id")) else { return Ok(()) };
        let works_on = self
            .rows
            .get(&("grand_project".to_string(), project))
            .and_then(|p| p.data.get("employer_ids"))
            .and_then(Value::as_array)
            .zip(data.get("employer_id"))
            .is_some_and(|(list, e)| list.contains(e));
        if works_on {
            return Ok(());
        }
        Err(Refusal {
            code: "not_on_project",
            message: "Grand projet : le besoin est celui d'une entreprise qui travaille sur le projet."
                .into(),
            field: Some("project_id"),
        })
    }

    /// An invitation: once per person and event, to an event not
    /// cancelled, for one of its needs; attendance on the event's day or
    /// after, registration before it is held.
    fn check_invitation(
        &self,
        def: &EntityDef,
        key: &Key,
        data: &Fields,
        old: Option<&Fields>,
    ) -> Result<(), Refusal> {
        use tremplin_domain::event::{EventStatus, InvitationStatus, MAX_INVITATIONS};
        if def.name != "event_invitation" {
            return Ok(());
        }
        if old.is_some_and(|o| o.get("event_id") != data.get("event_id")) {
            // Moved to another event: refused by its write rule (read-only).
            return Ok(());
        }
        let event_id = data.get("event_id").and_then(Value::as_str).unwrap_or_default();
        let Some(event) =
            uuid_of(data.get("event_id")).and_then(|e| self.rows.get(&("event".to_string(), e)))
        else {
            return Err(unknown_reference("event_id"));
        };
        let changed = |f: &str| old.is_none_or(|o| o.get(f) != data.get(f));
        let event_status: Option<EventStatus> = parse_field(&event.data, "status");
        if event_status == Some(EventStatus::Annule)
            && ["status", "status_on", "need_id"].into_iter().any(&changed)
        {
            return Err(Refusal {
                code: "event_cancelled",
                message: "Événement annulé : les inscriptions ne changent plus.".into(),
                field: Some("status"),
            });
        }
        if old.is_none() {
            let others = self.invitations.get(event_id).map(Vec::as_slice).unwrap_or_default();
            let twice = others.iter().filter(|k| k.1 != key.1).any(|k| {
                self.rows.get(k).is_some_and(|r| r.live() && r.data.get("person_id") == data.get("person_id"))
            });
            if twice {
                return Err(Refusal {
                    code: "duplicate",
                    message: "Invitation : cette personne est déjà invitée à cet événement.".into(),
                    field: Some("person_id"),
                });
            }
            if others.len() >= MAX_INVITATIONS {
                return Err(Refusal {
                    code: "too_many",
                    message: format!("Invitations : {MAX_INVITATIONS} au plus à un événement."),
                    field: Some("event_id"),
                });
            }
        }
        // Checked when it changes: the event keeps the needs its
        // invitations name (`check_event`).
        if let Some(need) = data.get("need_id").filter(|v| changed("need_id") && !v.is_null())
            && !event.data.get("need_ids").and_then(Value::as_array).is_some_and(|a| a.contains(need))
        {
            return Err(Refusal {
                code: "not_the_event",
                message: "Besoin visé : l'un de ceux que les employeurs apportent à l'événement.".into(),
                field: Some("need_id"),
            });
        }
        if !changed("status") {
            return Ok(());
        }
        let status: Option<InvitationStatus> = parse_field(data, "status");
        let day = |f: &Fields, k: &str| {
            f.get(k).and_then(Value::as_str).and_then(|d| d.parse::<chrono::NaiveDate>().ok())
        };
        let held_on = day(&event.data, "held_on");
        match (event_status, status) {
            // Noted on the event's day or after, and dated so.
            (_, Some(s))
                if s.is_attendance()
                    && (held_on.is_none_or(|d| d > self.now.date_naive() + Duration::days(1))
                        || day(data, "status_on").zip(held_on).is_none_or(|(on, d)| on < d)) =>
            {
                Err(Refusal {
                    code: "not_yet",
                    message: "Présence : elle se note le jour de l'événement ou après.".into(),
                    field: Some("status"),
                })
            }
            (Some(EventStatus::Realise), Some(s)) if !s.is_attendance() => Err(Refusal {
                code: "event_held",
                message: "Événement réalisé : seule la présence se note encore.".into(),
                field: Some("status"),
            }),
            _ => Ok(()),
        }
    }

    /// An invitation is part of its event's record once attendance is
    /// noted or the event held or cancelled: it is not deleted.
    fn check_invitation_delete(&self, data: &Fields) -> Result<(), Refusal> {
        let attended =
            data.get("status").and_then(Value::as_str).is_some_and(|s| s == "present" || s == "absent");
        let closed = uuid_of(data.get("event_id"))
            .and_then(|e| self.rows.get(&("event".to_string(), e)))
            .is_none_or(|e| e.data.get("status").and_then(Value::as_str) != Some("prevu"));
        if attended || closed {
            return Err(Refusal {
                code: "not_deletable",
                message: "Invitation : elle fait partie du bilan de l'événement (présence notée, événement réalisé ou \
                          annulé)."
                    .into(),
                field: Some("status"),
            });
        }
        Ok(())
    }

    /// The live invitations of an event (the batch holds them all).
    fn invitations_of(&self, event: Uuid) -> impl Iterator<Item = &Row> {
        self.invitations
            .get(&event.to_string())
            .into_iter()
            .flatten()
            .filter_map(|k| self.rows.get(k))
            .filter(|r| r.live())
    }

    /// An event keeps, while invitations hang on it, its day (not moved
    /// after today once attendance is noted) and the needs they name
    /// (until it is held).
    fn check_event_invitations(
        &self,
        def: &EntityDef,
        key: &Key,
        data: &Fields,
        old: &Fields,
    ) -> Result<(), Refusal> {
        if def.name != "event" {
            return Ok(());
        }
        let later = data
            .get("held_on")
            .and_then(Value::as_str)
            .and_then(|d| d.parse::<chrono::NaiveDate>().ok())
            .is_none_or(|d| d > self.now.date_naive() + Duration::days(1));
        let attended = |r: &Row| {
            r.data.get("status").and_then(Value::as_str).is_some_and(|s| s == "present" || s == "absent")
        };
        if old.get("held_on") != data.get("held_on") && later && self.invitations_of(key.1).any(attended) {
            return Err(Refusal {
                code: "attendance_noted",
                message: "Date : la présence est notée ; l'événement ne se reporte pas dans le futur.".into(),
                field: Some("held_on"),
            });
        }
        let kept = data.get("need_ids").and_then(Value::as_array).cloned().unwrap_or_default();
        let held = data.get("status").and_then(Value::as_str) == Some("realise");
        let orphaned = self
            .invitations_of(key.1)
            .any(|r| r.data.get("need_id").is_some_and(|n| !n.is_null() && !kept.contains(n)));
        if old.get("need_ids") != data.get("need_ids") && !held && orphaned {
            return Err(Refusal {
                code: "need_invited",
                message:
                    "Besoins : des personnes sont invitées pour ce besoin ; changez d'abord leur invitation."
                        .into(),
                field: Some("need_ids"),
            });
        }
        Ok(())
    }

    /// A need brought to events stays one of an employer taking part
    /// (the batch holds those events).
    fn check_need_events(&self, def: &EntityDef, key: &Key, data: &Fields) -> Result<(), Refusal> {
        if def.name != "recruitment_need" {
            return Ok(());
        }
        let need = json!(key.1.to_string());
        let employer = data.get("employer_id");
        let stranded = self.rows.iter().any(|((entity, _), r)| {
            entity == "event"
                && r.live()
                && r.data.get("need_ids").and_then(Value::as_array).is_some_and(|a| a.contains(&need))
                && !r
                    .data
                    .get("employer_ids")
                    .and_then(Value::as_array)
                    .zip(employer)
                    .is_some_and(|(list, e)| list.contains(e))
        });
        if stranded {
            return Err(Refusal {
                code: "not_the_employer",
                message:
                    "Employeur : le besoin est apporté à un événement où cet employeur ne participe pas."
                        .into(),
                field: Some("employer_id"),
            });
        }
        Ok(())
    }

    /// Live candidacies of a need, over every DT (the batch holds them all).
    fn candidate_count(&self, need: Uuid) -> usize {
        self.candidacies.get(&need.to_string()).copied().unwrap_or(0)
    }

    /// The candidacy index after a create or a delete of `key`.
    fn index_candidacy(&mut self, key: &Key, kind: MutationKind) {
        let Some(r) = self.rows.get(key) else { return };
        let text = |f: &str| r.data.get(f).and_then(Value::as_str).unwrap_or_default().to_string();
        let pair = (text("need_id"), text("person_id"));
        match kind {
            MutationKind::Create => {
                *self.candidacies.entry(pair.0.clone()).or_insert(0) += 1;
                self.proposed.insert(pair);
            }
            MutationKind::Delete if !r.live() && self.proposed.remove(&pair) => {
                if let Some(n) = self.candidacies.get_mut(&pair.0) {
                    *n = n.saturating_sub(1);
                }
            }
            _ => {}
        }
    }

    /// After a candidacy changed, its need's count as the server's own
    /// change: every device sees how many, none sees who.
    fn recount_candidates(&mut self, candidacy: &Key, m: &Mutation) {
        let Some(need) = self.rows.get(candidacy).and_then(|r| uuid_of(r.data.get("need_id"))) else {
            return;
        };
        let key = ("recruitment_need".to_string(), need);
        let count = json!(self.candidate_count(need));
        let Some(row) = self.rows.get(&key).filter(|r| r.live()) else { return };
        if row.data.get("candidate_count") == Some(&count) {
            return;
        }
        let mut data = row.data.clone();
        data.insert("candidate_count".into(), count.clone());
        let changed: Fields = [("candidate_count".to_string(), count)].into_iter().collect();
        let scope = row.scope.clone();
        let v = self.next_version();
        self.set_row(&key, data, &changed, v, scope);
        self.record_derived_change(v, &key, m, changed);
    }

    /// A convention says it was amended only by a signed avenant that
    /// amends it (its `previous_id`): no device marks a convention amended.
    fn check_amended_by(&self, def: &EntityDef, key: &Key, data: &Fields) -> Result<(), Refusal> {
        if def.name != "convention" {
            return Ok(());
        }
        let Some(avenant) = rules::uuid_of(data.get("amended_by_id")) else { return Ok(()) };
        let signed = self.rows.get(&("convention".to_string(), avenant)).is_some_and(|r| {
            r.live()
                && rules::uuid_of(r.data.get("previous_id")) == Some(key.1)
                && r.data
                    .get("status")
                    .and_then(Value::as_str)
                    .is_some_and(|s| s != "brouillon" && s != "en_signature")
        });
        if signed {
            return Ok(());
        }
        Err(Refusal {
            code: "not_amended",
            message: "Modifiée par : seul l'avenant signé qui modifie cette version peut l'indiquer.".into(),
            field: Some("amended_by_id"),
        })
    }

    /// No other live row of the entity holds the same value of a unique
    /// field; the refusal names the row that does (shared data).
    fn check_unique(&self, def: &EntityDef, key: &Key, data: &Fields) -> Result<(), Refusal> {
        for f in def.unique {
            let Some(value) = data.get(*f).filter(|v| !v.is_null()) else { continue };
            let other = self.rows.iter().find(|((entity, id), row)| {
                entity == &key.0 && *id != key.1 && row.live() && row.data.get(*f) == Some(value)
            });
            if let Some((_, row)) = other {
                let name = row.data.get("name").and_then(Value::as_str).unwrap_or("sans nom");
                return Err(Refusal {
                    code: "duplicate",
                    message: format!(
                        "{} : déjà enregistré pour « {} » ; ouvrez cette fiche (recherche par SIRET) plutôt que d'en \
                         créer une autre.",
                        f.to_uppercase(),
                        clip(name, 120)
                    ),
                    field: Some(f),
                });
            }
        }
        Ok(())
    }

    /// A record's device time (`recorded_at` in the registry: the access
    /// log's `at`) is not ahead of the server's clock, nor before the
    /// account existed. (The server's receipt time is the row's
    /// `created_at`.)
    fn check_device_time(&self, def: &EntityDef, data: &Fields) -> Result<(), Refusal> {
        let Some(field) = def.recorded_at else { return Ok(()) };
        let at = data.get(field).and_then(Value::as_str).and_then(tremplin_domain::time::parse);
        let skew = Duration::minutes(CLOCK_SKEW_MINUTES);
        let account = self.users.get(&self.caller.user.id).map(|u| u.created_at);
        match at {
            Some(at) if at > self.now + skew => Err(Refusal {
                code: "in_future",
                message: "L'heure de l'appareil est en avance : réglez l'horloge du poste.".into(),
                field: Some(field),
            }),
            Some(at) if account.is_some_and(|c| at < c - skew) => Err(Refusal {
                code: "before_account",
                message: "Une entrée de journal ne peut pas précéder la création du compte.".into(),
                field: Some(field),
            }),
            _ => Ok(()),
        }
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
        // Tombstones first, in their own statement: a unique index (one
        // invitation per person and event, one candidacy per person and
        // need) checks each row as it is written, so a delete and its
        // re-creation in one batch must not depend on the rows' order.
        let (deleted, live): (Vec<_>, Vec<_>) =
            self.rows.iter().filter(|(_, r)| r.dirty).partition(|(_, r)| r.deleted_at.is_some());
        for rows in [deleted, live] {
            self.upsert(tx, &rows).await?;
        }
        self.write_log(tx, mutations).await
    }

    async fn upsert(&self, tx: &Transaction<'_>, rows: &[(&Key, &Row)]) -> ApiResult<()> {
        let rows: Vec<Value> = rows
            .iter()
            .map(|((entity, id), r)| {
                json!({
                    "entity": entity, "row_id": id, "data": r.data, "field_versions": r.field_versions,
                    "field_writers": r.field_writers, "created_by": r.created_by,
                    "version": r.version, "created_at": r.created_at, "updated_at": r.updated_at,
                    "deleted_at": r.deleted_at, "restricted": r.scope.restricted,
                    "scope_users": r.scope.users, "scope_dt": r.scope.dt,
                    "former_users": r.former_users, "former_dts": r.former_dts,
                })
            })
            .collect();
        if !rows.is_empty() {
            tx.execute(
                "INSERT INTO sync_row (entity, row_id, data, field_versions, field_writers, created_by, version,
                                       created_at, updated_at, deleted_at, restricted, scope_users, scope_dt,
                                       former_users, former_dts)
                 SELECT entity, row_id, data, field_versions, field_writers, created_by, version, created_at,
                        updated_at, deleted_at, restricted, scope_users, scope_dt, former_users, former_dts
                   FROM jsonb_to_recordset($1::jsonb) AS x(entity text, row_id uuid, data jsonb,
                        field_versions jsonb, field_writers jsonb, created_by uuid, version bigint,
                        created_at timestamptz, updated_at timestamptz, deleted_at timestamptz,
                        restricted boolean, scope_users uuid[], scope_dt text, former_users uuid[],
                        former_dts text[])
                 ON CONFLICT (entity, row_id) DO UPDATE SET
                        data = excluded.data, field_versions = excluded.field_versions,
                        field_writers = excluded.field_writers,
                        version = excluded.version, updated_at = excluded.updated_at,
                        deleted_at = excluded.deleted_at, restricted = excluded.restricted,
                        scope_users = excluded.scope_users, scope_dt = excluded.scope_dt,
                        former_users = excluded.former_users, former_dts = excluded.former_dts",
                &[&Value::Array(rows)],
            )
            .await?;
        }
        Ok(())
    }

    /// The changes, conflicts and outcomes of the batch.
    async fn write_log(&self, tx: &Transaction<'_>, mutations: &[Value]) -> ApiResult<()> {
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

/// Adds the ids of `more` not already in `list`, in order.
fn merge(list: &mut Vec<Uuid>, more: &[Uuid]) {
    for id in more {
        if !list.contains(id) {
            list.push(*id);
        }
    }
}

/// Rows shipped with Tremplin under fixed ids (the aid's parameters and
/// rules): they exist without being on the server.
fn shipped(entity: &str, id: Uuid) -> bool {
    use std::sync::OnceLock;
    static IDS: OnceLock<HashSet<(&'static str, Uuid)>> = OnceLock::new();
    IDS.get_or_init(|| {
        let file = tremplin_domain::parameters::shipped::file();
        let params = file.parameters.iter().map(|p| ("aid_parameter", p.id));
        params.chain(file.rules.iter().map(|r| ("aid_rule", r.id))).collect()
    })
    .contains(&(entity, id))
}

fn out_of_scope() -> Refusal {
    Refusal {
        code: "out_of_scope",
        message: "Cette fiche serait hors de votre périmètre.".into(),
        field: None,
    }
}
