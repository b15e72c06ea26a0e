//! The device's side of sync (docs/architecture.md, « Sync protocol »): applying
//! the server's answers to pushed mutations, applying pulled pages with
//! their cursor, full re-pulls, and the conflicts and refusals kept for the
//! officer. Each step is one transaction, so a crash at any point leaves
//! either the step done or not started.
//!
//! The types here mirror the protocol's without depending on it (the store
//! depends on the domain only); the app layer converts.

use std::collections::{BTreeMap, HashSet};

use chrono::{DateTime, Utc};
use rusqlite::types::Value as SqlValue;
use rusqlite::{OptionalExtension, Transaction, params, params_from_iter};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use ts_rs::TS;
use uuid::Uuid;

use crate::changes::Changes;
use crate::connection::Store;
use crate::entity::{self, EntityInfo, info_of};
use crate::error::{StoreError, StoreResult};
use crate::meta::{self, Officer};
use crate::outbox::OutboxEntry;

/// A row as the server has it.
#[derive(Debug, Clone, PartialEq)]
pub struct RemoteRow {
    pub entity: String,
    pub row_id: Uuid,
    pub version: i64,
    pub data: Map<String, Value>,
    pub field_versions: BTreeMap<String, i64>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub deleted_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum RemoteEntry {
    Row(RemoteRow),
    /// The row left this user's scope.
    Forget {
        entity: String,
        row_id: Uuid,
    },
    /// The row was erased (retention, a person's request): gone with its
    /// local changes and sync issues.
    Erased {
        entity: String,
        row_id: Uuid,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct ConflictAck {
    pub field: String,
    pub client_value: Value,
    pub server_value: Value,
    pub server_version: i64,
    pub row_deleted: bool,
}

/// The server's answer to one pushed mutation.
#[derive(Debug, Clone, PartialEq)]
pub enum Ack {
    Applied { version: i64 },
    Conflicts { version: Option<i64>, conflicts: Vec<ConflictAck> },
    Rejected { code: String, message: String, field: Option<String>, current: Option<RemoteRow> },
}

/// Where this device is in the server's history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncProgress {
    pub cursor: i64,
    pub scope_epoch: Option<i64>,
    /// A full re-pull is under way (rows not seen again will be removed).
    pub resetting: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum IssueKind {
    /// Someone else changed the field first: the server kept their value.
    Conflict,
    /// The server refused the change.
    Rejection,
}

/// A conflict or refusal, kept until the officer settles it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SyncIssue {
    pub id: Uuid,
    pub kind: IssueKind,
    pub entity: String,
    /// French name of the kind of record.
    pub entity_label: String,
    pub row_id: Uuid,
    /// The record's name, if it is still on this device.
    pub row_title: Option<String>,
    /// create | update | delete
    pub mutation_kind: String,
    pub field: Option<String>,
    #[ts(type = "unknown")]
    pub local_value: Option<Value>,
    #[ts(type = "unknown")]
    pub server_value: Option<Value>,
    pub server_version: Option<i64>,
    pub row_deleted: bool,
    pub code: Option<String>,
    pub message: Option<String>,
    pub created_at: String,
    pub resolved_at: Option<String>,
    pub resolution: Option<String>,
}

/// A row as (id, fields, deleted), for tests.
pub type DumpedRow = (Uuid, Map<String, Value>, bool);

/// What one pulled page did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PageStats {
    /// Entries taken from the page (all of them unless a budget ran out).
    pub applied: usize,
    pub rows: u64,
    pub forgotten: u64,
    /// Rows erased by the server (retention, a person's request).
    pub erased: u64,
    /// Rows whose local pending changes kept some local values.
    pub kept_local: u64,
}

const CURSOR: &str = "sync.cursor";
const SCOPE_EPOCH: &str = "sync.scope_epoch";
const RESETTING: &str = "sync.resetting";

/// Fields of the officer's own id in records: rewritten when a local
/// profile becomes a server account.
const OFFICER_REFS: &[(&str, &str)] = &[
    ("organisation", "owner_id"),
    ("interaction", "officer_id"),
    ("task", "assignee_id"),
    ("task", "created_by"),
    ("audit_entry", "officer_id"),
    ("recruitment_need", "owner_id"),
    ("recruitment_need", "status_by"),
    ("convention", "referent_id"),
    ("erasure_request", "officer_id"),
    ("hire", "officer_id"),
    ("event_invitation", "invited_by"),
];

/// JSON fields naming officers: the need-to-know lists, and a candidacy's
/// steps signed by who made them.
const OFFICER_LISTS: &[(&str, &str)] = &[
    ("person", "officer_ids"),
    ("aided_contract", "officer_ids"),
    ("pairing", "officer_ids"),
    ("mentoring_meeting", "officer_ids"),
    ("candidacy", "officer_ids"),
    ("candidacy", "history"),
    ("hired_person", "officer_ids"),
    ("event", "organiser_ids"),
    ("event_invitation", "officer_ids"),
    ("erasure_request", "officer_ids"),
];

/// What the outbox still holds for one row.
#[derive(Default)]
struct Pending {
    fields: HashSet<String>,
    create: bool,
    delete: bool,
}

impl Pending {
    fn any(&self) -> bool {
        self.create || self.delete || !self.fields.is_empty()
    }

    fn has(&self, field: &str) -> bool {
        self.create || self.fields.contains(field)
    }
}

fn pending(tx: &Transaction<'_>, entity: &str, row_id: &str) -> StoreResult<Pending> {
    let mut p = Pending::default();
    let mut st = tx.prepare_cached("SELECT kind, patch FROM outbox WHERE entity = ?1 AND row_id = ?2")?;
    let mut rows = st.query([entity, row_id])?;
    while let Some(r) = rows.next()? {
        let kind: String = r.get(0)?;
        match kind.as_str() {
            "create" => p.create = true,
            "delete" => p.delete = true,
            _ => {}
        }
        if let Ok(Value::Object(m)) = serde_json::from_str::<Value>(&r.get::<_, String>(1)?) {
            p.fields.extend(m.keys().cloned());
        }
    }
    Ok(p)
}

fn ts(t: &DateTime<Utc>) -> String {
    tremplin_domain::time::format(t)
}

fn read_field_versions(
    tx: &Transaction<'_>,
    info: &EntityInfo,
    id: &str,
) -> StoreResult<Option<Map<String, Value>>> {
    let fv: Option<String> = tx
        .prepare_cached(&format!("SELECT field_versions FROM {} WHERE id = ?1", info.table))?
        .query_row([id], |r| r.get(0))
        .optional()?;
    Ok(fv.map(|s| match serde_json::from_str(&s) {
        Ok(Value::Object(m)) => m,
        _ => Map::new(),
    }))
}

/// Writes some fields of an existing row with their versions.
fn write_fields(
    tx: &Transaction<'_>,
    info: &EntityInfo,
    id: &str,
    fields: &Map<String, Value>,
    versions: &BTreeMap<String, i64>,
    row_version: Option<i64>,
) -> StoreResult<()> {
    let Some(mut fv) = read_field_versions(tx, info, id)? else { return Ok(()) };
    for (f, v) in versions {
        fv.insert(f.clone(), Value::from(*v));
    }
    let mut sets = vec!["field_versions = ?2".to_string(), "version = max(version, ?3)".to_string()];
    let mut values = vec![
        SqlValue::Text(id.to_string()),
        SqlValue::Text(Value::Object(fv).to_string()),
        SqlValue::Integer(row_version.unwrap_or(0)),
    ];
    for (f, v) in fields {
        let Some(field) = info.field(f) else { continue };
        values.push(entity::to_sql(field.ty, v));
        sets.push(format!("{} = ?{}", field.name, values.len()));
    }
    tx.execute(
        &format!("UPDATE {} SET {} WHERE id = ?1", info.table, sets.join(", ")),
        params_from_iter(values),
    )?;
    Ok(())
}

/// One conflict or refusal to keep.
struct NewIssue<'a> {
    kind: IssueKind,
    field: Option<&'a str>,
    local: Option<&'a Value>,
    server: Option<&'a Value>,
    server_version: Option<i64>,
    row_deleted: bool,
    /// A refusal's code and message.
    refusal: Option<(&'a str, &'a str)>,
}

fn record_issue(tx: &Transaction<'_>, m: &OutboxEntry, i: NewIssue<'_>, now: &str) -> StoreResult<()> {
    tx.prepare_cached(
        "INSERT INTO sync_issue (id, kind, mutation_id, mutation_kind, entity, row_id, field, local_value,
                                 server_value, server_version, row_deleted, code, message, patch, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
    )?
    .execute(params![
        Uuid::now_v7().to_string(),
        match i.kind {
            IssueKind::Conflict => "conflict",
            IssueKind::Rejection => "rejection",
        },
        m.mutation_id.to_string(),
        m.kind,
        m.entity,
        m.row_id.to_string(),
        i.field,
        i.local.map(Value::to_string),
        i.server.map(Value::to_string),
        i.server_version,
        i.row_deleted,
        i.refusal.map(|c| c.0),
        i.refusal.map(|c| c.1),
        m.patch.to_string(),
        now,
    ])?;
    Ok(())
}

impl Store {
    pub fn sync_progress(&self) -> StoreResult<SyncProgress> {
        let num =
            |k| -> StoreResult<Option<i64>> { Ok(meta::get(&self.conn, k)?.and_then(|v| v.parse().ok())) };
        Ok(SyncProgress {
            cursor: num(CURSOR)?.unwrap_or(0),
            scope_epoch: num(SCOPE_EPOCH)?,
            resetting: meta::get(&self.conn, RESETTING)?.as_deref() == Some("1"),
        })
    }

    /// A sync setting (`sync.` keys of `meta`): server URL, account, last
    /// results.
    pub fn sync_setting(&self, key: &str) -> StoreResult<Option<String>> {
        meta::get(&self.conn, &format!("sync.{key}"))
    }

    pub fn set_sync_setting(&self, key: &str, value: Option<&str>) -> StoreResult<()> {
        let key = format!("sync.{key}");
        match value {
            Some(v) => meta::set(&self.conn, &key, v),
            None => {
                self.conn.execute("DELETE FROM meta WHERE key = ?1", [key])?;
                Ok(())
            }
        }
    }

    /// Applies the server's answers to pushed mutations, in one transaction.
    /// An answer whose mutation is no longer in the outbox (a duplicated
    /// response) is ignored.
    pub fn acknowledge(&mut self, acks: &[(OutboxEntry, Ack)]) -> StoreResult<()> {
        let now = tremplin_domain::time::format(&Utc::now());
        let tx = self.conn.transaction()?;
        for (m, ack) in acks {
            let gone = tx
                .prepare_cached("DELETE FROM outbox WHERE mutation_id = ?1")?
                .execute([m.mutation_id.to_string()])?;
            if gone == 0 {
                continue;
            }
            let row_id = m.row_id.to_string();
            let later = pending(&tx, &m.entity, &row_id)?;
            let info = info_of(&m.entity);
            let patch_fields: Vec<String> =
                m.patch.as_object().map(|p| p.keys().cloned().collect()).unwrap_or_default();
            match ack {
                Ack::Applied { version } => {
                    if let Some(info) = info {
                        let versions = patch_fields
                            .iter()
                            .filter(|f| !later.has(f))
                            .map(|f| (f.clone(), *version))
                            .collect();
                        write_fields(&tx, info, &row_id, &Map::new(), &versions, Some(*version))?;
                    }
                }
                Ack::Conflicts { version, conflicts } => {
                    let conflicting: HashSet<&str> = conflicts.iter().map(|c| c.field.as_str()).collect();
                    let mut versions = BTreeMap::new();
                    let mut values = Map::new();
                    if let Some(v) = version {
                        for f in
                            patch_fields.iter().filter(|f| !conflicting.contains(f.as_str()) && !later.has(f))
                        {
                            versions.insert(f.clone(), *v);
                        }
                    }
                    for c in conflicts {
                        if !later.has(&c.field) {
                            // The server kept its value (a tombstone keeps its
                            // last values): so does this device.
                            values.insert(c.field.clone(), c.server_value.clone());
                            versions.insert(c.field.clone(), c.server_version);
                        }
                        let issue = NewIssue {
                            kind: IssueKind::Conflict,
                            field: Some(&c.field),
                            local: Some(&c.client_value),
                            server: Some(&c.server_value),
                            server_version: Some(c.server_version),
                            row_deleted: c.row_deleted,
                            refusal: None,
                        };
                        record_issue(&tx, m, issue, &now)?;
                    }
                    if let Some(info) = info {
                        write_fields(&tx, info, &row_id, &values, &versions, *version)?;
                        if conflicts.iter().any(|c| c.row_deleted) {
                            tx.execute(
                                &format!(
                                    "UPDATE {} SET deleted_at = coalesce(deleted_at, ?2) WHERE id = ?1",
                                    info.table
                                ),
                                params![row_id, now],
                            )?;
                        }
                    }
                }
                Ack::Rejected { code, message, field, current } => {
                    let issue = NewIssue {
                        kind: IssueKind::Rejection,
                        field: field.as_deref(),
                        local: None,
                        server: None,
                        server_version: current.as_ref().map(|c| c.version),
                        row_deleted: current.as_ref().is_some_and(|c| c.deleted_at.is_some()),
                        refusal: Some((code, message)),
                    };
                    record_issue(&tx, m, issue, &now)?;
                    if let (Some(info), Some(cur)) = (info, current) {
                        // Put back what the server has for what was refused.
                        let restore: Vec<&String> = if m.kind == "create" || m.kind == "delete" {
                            cur.data.keys().collect()
                        } else {
                            patch_fields.iter().collect()
                        };
                        let mut values = Map::new();
                        let mut versions = BTreeMap::new();
                        for f in restore.into_iter().filter(|f| !later.has(f)) {
                            values.insert(f.clone(), cur.data.get(f).cloned().unwrap_or(Value::Null));
                            versions.insert(f.clone(), cur.field_versions.get(f).copied().unwrap_or(0));
                        }
                        write_fields(&tx, info, &row_id, &values, &versions, Some(cur.version))?;
                        if m.kind == "delete" && !later.delete {
                            tx.execute(
                                &format!("UPDATE {} SET deleted_at = ?2 WHERE id = ?1", info.table),
                                params![row_id, cur.deleted_at.as_ref().map(ts)],
                            )?;
                        }
                    }
                }
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Applies one pulled page and moves the cursor, in one transaction.
    /// Fields with local changes not yet pushed keep their local values.
    pub fn apply_pull_page(
        &mut self,
        entries: &[RemoteEntry],
        cursor: i64,
        scope_epoch: i64,
    ) -> StoreResult<PageStats> {
        self.apply_pull_within(entries, cursor, scope_epoch, None)
    }

    /// Like [`Store::apply_pull_page`], but stops once `budget` has passed
    /// (checked every few rows) and commits what it applied: the writer is
    /// never held long, so a local edit does not wait behind a big pull.
    /// `stats.applied` says how many entries were taken; the cursor moves
    /// only when all of them were (a re-pull from the old cursor re-applies
    /// the same rows, which is harmless).
    pub fn apply_pull_within(
        &mut self,
        entries: &[RemoteEntry],
        cursor: i64,
        scope_epoch: i64,
        budget: Option<std::time::Duration>,
    ) -> StoreResult<PageStats> {
        let started = std::time::Instant::now();
        let resetting = self.sync_progress()?.resetting;
        let fail_after = self.fail_pull_after.take();
        let tx = self.conn.transaction()?;
        // Search is indexed once per page, set-based (as bulk loads do).
        tx.execute("UPDATE search_control SET live = 0", [])?;
        let outbox_empty: bool =
            tx.query_row("SELECT NOT EXISTS (SELECT 1 FROM outbox)", [], |r| r.get(0))?;
        let mut stats = PageStats::default();
        let mut touched: BTreeMap<&'static str, Vec<String>> = BTreeMap::new();
        let mut changes = Changes::default();
        for (i, e) in entries.iter().enumerate() {
            if fail_after == Some(i) {
                // Dropping the transaction rolls the page back.
                return Err(StoreError::Io(std::io::Error::other("interruption simulée")));
            }
            if i % 64 == 0 && i > 0 && budget.is_some_and(|b| started.elapsed() >= b) {
                break;
            }
            stats.applied = i + 1;
            match e {
                RemoteEntry::Row(row) => {
                    // An entity this version does not know (a newer server):
                    // skipped; the migration that adds it pulls again.
                    let Some(info) = info_of(&row.entity) else { continue };
                    let id = row.row_id.to_string();
                    let p = if outbox_empty { Pending::default() } else { pending(&tx, info.name, &id)? };
                    if info.searchable {
                        tx.prepare_cached("DELETE FROM search_doc WHERE row_id = ?1")?.execute([&id])?;
                        touched.entry(info.name).or_default().push(id.clone());
                    }
                    changes.touch(info.name, row.row_id);
                    if p.any() {
                        stats.kept_local += 1;
                        merge_row(&tx, info, row, &p)?;
                    } else {
                        upsert_row(&tx, info, row)?;
                    }
                    if resetting {
                        tx.prepare_cached(
                            "INSERT OR IGNORE INTO sync_reset_seen (entity, row_id) VALUES (?1, ?2)",
                        )?
                        .execute([info.name, id.as_str()])?;
                    }
                    stats.rows += 1;
                }
                RemoteEntry::Forget { entity, row_id } => {
                    let Some(info) = info_of(entity) else { continue };
                    let id = row_id.to_string();
                    // A pending local change keeps the row: its push will be
                    // refused and shown to the officer.
                    changes.touch(info.name, *row_id);
                    if !pending(&tx, info.name, &id)?.any() {
                        stats.forgotten +=
                            tx.execute(&format!("DELETE FROM {} WHERE id = ?1", info.table), [&id])? as u64;
                    }
                }
                RemoteEntry::Erased { entity, row_id } => {
                    let Some(info) = info_of(entity) else { continue };
                    let id = row_id.to_string();
                    changes.touch(info.name, *row_id);
                    stats.erased += crate::retention::erase_row(&tx, info.table, info.name, &id)?;
                }
            }
        }
        for (entity, ids) in touched {
            crate::bulk::index_missing(&tx, entity, Some(&ids))?;
        }
        tx.execute("UPDATE search_control SET live = 1", [])?;
        if stats.applied == entries.len() {
            meta::set(&tx, CURSOR, &cursor.to_string())?;
            meta::set(&tx, SCOPE_EPOCH, &scope_epoch.to_string())?;
        }
        tx.commit()?;
        self.feed.record(0, changes);
        if stats.erased > 0 {
            crate::retention::scrub_file(&self.conn)?;
        }
        Ok(stats)
    }

    /// Test hook: makes the next [`Store::apply_pull_page`] stop after
    /// `rows` rows without committing, as a crash would.
    #[doc(hidden)]
    pub fn fail_next_pull_after(&mut self, rows: usize) {
        self.fail_pull_after = Some(rows);
    }

    /// Every row of an entity as (id, fields, deleted): for tests comparing
    /// devices with the server.
    #[doc(hidden)]
    pub fn dump_rows(&self, entity: &str) -> StoreResult<Vec<DumpedRow>> {
        let info =
            info_of(entity).ok_or(StoreError::NotFound { entity: "Type de fiche", id: Uuid::nil() })?;
        let cols: Vec<&str> = info.fields.iter().map(|f| f.name).collect();
        let mut st = self.conn.prepare(&format!(
            "SELECT id, deleted_at IS NOT NULL, {} FROM {} ORDER BY id",
            cols.join(", "),
            info.table
        ))?;
        let mut rows = st.query([])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let id: String = r.get(0)?;
            let mut map = Map::new();
            for (i, f) in info.fields.iter().enumerate() {
                map.insert(f.name.to_string(), entity::from_sql_named(info.name, f.ty, r.get(i + 2)?, &id)?);
            }
            out.push((meta::parse_uuid(info.name, &id)?, map, r.get(1)?));
        }
        Ok(out)
    }

    /// Starts a full re-pull (the user's scope changed, or the cursor is
    /// older than the server's tombstone horizon).
    pub fn begin_reset(&mut self, scope_epoch: i64) -> StoreResult<()> {
        let tx = self.conn.transaction()?;
        tx.execute("DELETE FROM sync_reset_seen", [])?;
        meta::set(&tx, RESETTING, "1")?;
        meta::set(&tx, CURSOR, "0")?;
        meta::set(&tx, SCOPE_EPOCH, &scope_epoch.to_string())?;
        tx.commit()?;
        Ok(())
    }

    /// Ends a full re-pull: synced rows the server did not send again (out
    /// of scope now, or purged) are removed, unless they have local changes
    /// waiting. Returns how many were removed.
    pub fn finish_reset(&mut self) -> StoreResult<u64> {
        let tx = self.conn.transaction()?;
        let mut removed = 0;
        for info in entity::SYNCED {
            removed += tx.execute(
                &format!(
                    "DELETE FROM {t} WHERE version > 0
                       AND id NOT IN (SELECT row_id FROM sync_reset_seen WHERE entity = ?1)
                       AND id NOT IN (SELECT row_id FROM outbox WHERE entity = ?1)",
                    t = info.table
                ),
                [info.name],
            )? as u64;
        }
        tx.execute("DELETE FROM sync_reset_seen", [])?;
        meta::set(&tx, RESETTING, "0")?;
        tx.commit()?;
        if removed > 0 {
            self.feed.everything();
        }
        Ok(removed)
    }

    /// Conflicts and refusals, newest first: every open one, whatever its
    /// age (each must stay within reach to be settled), and with `!open_only`
    /// the 500 latest settled ones too.
    pub fn sync_issues(&self, open_only: bool) -> StoreResult<Vec<SyncIssue>> {
        let mut out = Vec::new();
        let mut st = self.conn.prepare(
            "SELECT id, kind, entity, row_id, mutation_kind, field, local_value, server_value, server_version,
                    row_deleted, code, message, created_at, resolved_at, resolution
               FROM sync_issue
              WHERE resolved_at IS NULL
                 OR (?1 = 0 AND rowid IN (SELECT rowid FROM sync_issue WHERE resolved_at IS NOT NULL
                                           ORDER BY created_at DESC, rowid DESC LIMIT 500))
              ORDER BY created_at DESC, rowid DESC",
        )?;
        let mut rows = st.query([open_only])?;
        while let Some(r) = rows.next()? {
            let entity: String = r.get(2)?;
            let row_id: String = r.get(3)?;
            let json = |i: usize| -> rusqlite::Result<Option<Value>> {
                Ok(r.get::<_, Option<String>>(i)?.and_then(|s| serde_json::from_str(&s).ok()))
            };
            let info = info_of(&entity);
            let row_title = match info {
                Some(info) => self
                    .conn
                    .query_row(
                        &format!("SELECT {} FROM {} WHERE id = ?1", info.title_sql, info.table),
                        [&row_id],
                        |r| r.get::<_, Option<String>>(0),
                    )
                    .optional()?
                    .flatten(),
                None => None,
            };
            out.push(SyncIssue {
                id: meta::parse_uuid("sync_issue", &r.get::<_, String>(0)?)?,
                kind: if r.get::<_, String>(1)? == "conflict" {
                    IssueKind::Conflict
                } else {
                    IssueKind::Rejection
                },
                entity_label: info.map_or_else(|| entity.clone(), |i| i.label.to_string()),
                entity,
                row_id: meta::parse_uuid("sync_issue", &row_id)?,
                row_title,
                mutation_kind: r.get(4)?,
                field: r.get(5)?,
                local_value: json(6)?,
                server_value: json(7)?,
                server_version: r.get(8)?,
                row_deleted: r.get(9)?,
                code: r.get(10)?,
                message: r.get(11)?,
                created_at: r.get(12)?,
                resolved_at: r.get(13)?,
                resolution: r.get(14)?,
            });
        }
        Ok(out)
    }

    pub fn sync_issue(&self, id: Uuid) -> StoreResult<Option<SyncIssue>> {
        Ok(self.sync_issues(false)?.into_iter().find(|i| i.id == id))
    }

    pub fn open_issue_count(&self) -> StoreResult<u64> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM sync_issue WHERE resolved_at IS NULL", [], |r| r.get(0))?)
    }

    /// Marks an issue settled. False if it was already.
    pub fn resolve_issue(&self, id: Uuid, resolution: &str) -> StoreResult<bool> {
        let now = tremplin_domain::time::format(&Utc::now());
        Ok(self.conn.execute(
            "UPDATE sync_issue SET resolved_at = ?2, resolution = ?3 WHERE id = ?1 AND resolved_at IS NULL",
            params![id.to_string(), now, resolution],
        )? == 1)
    }

    /// The refused patch of a rejection (to send it again).
    pub fn issue_patch(&self, id: Uuid) -> StoreResult<Option<Map<String, Value>>> {
        let s: Option<String> = self
            .conn
            .query_row("SELECT patch FROM sync_issue WHERE id = ?1", [id.to_string()], |r| r.get(0))
            .optional()?
            .flatten();
        Ok(s.and_then(|s| match serde_json::from_str(&s) {
            Ok(Value::Object(m)) => Some(m),
            _ => None,
        }))
    }

    /// Turns the local profile `old` into the server account `new`: its id
    /// is rewritten in records and pending mutations, so what the officer
    /// did before logging in is pushed as theirs.
    pub fn adopt_identity(&mut self, old: Uuid, new: &Officer) -> StoreResult<()> {
        let tx = self.conn.transaction()?;
        let (old_s, new_s) = (old.to_string(), new.id.to_string());
        if old != new.id {
            for (entity, field) in OFFICER_REFS {
                let info = info_of(entity).ok_or(StoreError::Corrupt {
                    entity: "officer",
                    id: (*entity).into(),
                    message: "unknown entity".into(),
                })?;
                tx.execute(
                    &format!("UPDATE {} SET {field} = ?2 WHERE {field} = ?1", info.table),
                    [&old_s, &new_s],
                )?;
                tx.execute(
                    &format!(
                        "UPDATE outbox SET patch = json_set(patch, '$.{field}', ?2)
                          WHERE entity = '{entity}' AND json_extract(patch, '$.{field}') = ?1"
                    ),
                    [&old_s, &new_s],
                )?;
            }
            for (entity, field) in OFFICER_LISTS {
                // Ids are UUIDs: a text replacement cannot hit anything else.
                tx.execute(
                    &format!("UPDATE {entity} SET {field} = replace({field}, ?1, ?2)"),
                    [&old_s, &new_s],
                )?;
                tx.execute(
                    &format!("UPDATE outbox SET patch = replace(patch, ?1, ?2) WHERE entity = '{entity}'"),
                    [&old_s, &new_s],
                )?;
            }
            tx.execute("DELETE FROM officer WHERE id = ?1", [&old_s])?;
        }
        meta::upsert_officer(&tx, new)?;
        meta::set(&tx, "current_officer_id", &new_s)?;
        tx.commit()?;
        Ok(())
    }

    /// Replaces the local directory of officers with the server's.
    pub fn replace_directory(&mut self, officers: &[Officer]) -> StoreResult<()> {
        let tx = self.conn.transaction()?;
        for o in officers {
            meta::upsert_officer(&tx, o)?;
        }
        tx.commit()?;
        Ok(())
    }
}

/// Inserts or overwrites a row with the server's state.
fn upsert_row(tx: &Transaction<'_>, info: &EntityInfo, row: &RemoteRow) -> StoreResult<()> {
    let cols: Vec<&str> = info.fields.iter().map(|f| f.name).collect();
    let sql = format!(
        "INSERT INTO {t} (id, created_at, updated_at, deleted_at, version, field_versions, {cols})
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, {params})
         ON CONFLICT (id) DO UPDATE SET created_at = excluded.created_at, updated_at = excluded.updated_at,
             deleted_at = excluded.deleted_at, version = excluded.version,
             field_versions = excluded.field_versions, {sets}",
        t = info.table,
        cols = cols.join(", "),
        params = (7..7 + cols.len()).map(|i| format!("?{i}")).collect::<Vec<_>>().join(", "),
        sets = cols.iter().map(|c| format!("{c} = excluded.{c}")).collect::<Vec<_>>().join(", "),
    );
    let mut values = vec![
        SqlValue::Text(row.row_id.to_string()),
        SqlValue::Text(ts(&row.created_at)),
        SqlValue::Text(ts(&row.updated_at)),
        row.deleted_at.as_ref().map_or(SqlValue::Null, |d| SqlValue::Text(ts(d))),
        SqlValue::Integer(row.version),
        SqlValue::Text(serde_json::to_string(&row.field_versions).unwrap_or_else(|_| "{}".into())),
    ];
    values.extend(
        info.fields.iter().map(|f| entity::to_sql(f.ty, row.data.get(f.name).unwrap_or(&Value::Null))),
    );
    tx.prepare_cached(&sql)?.execute(params_from_iter(values))?;
    Ok(())
}

/// Applies the server's state to a row with local pending changes: the
/// pending fields (and a pending delete) stay as they are here.
fn merge_row(tx: &Transaction<'_>, info: &EntityInfo, row: &RemoteRow, p: &Pending) -> StoreResult<()> {
    let id = row.row_id.to_string();
    let Some(mut fv) = read_field_versions(tx, info, &id)? else {
        return upsert_row(tx, info, row);
    };
    let mut values = Map::new();
    for f in info.fields {
        if !p.has(f.name) {
            values.insert(f.name.to_string(), row.data.get(f.name).cloned().unwrap_or(Value::Null));
            fv.insert(f.name.to_string(), Value::from(row.field_versions.get(f.name).copied().unwrap_or(0)));
        }
    }
    let mut sets =
        vec!["field_versions = ?2", "version = ?3", "created_at = ?4", "updated_at = max(updated_at, ?5)"]
            .into_iter()
            .map(String::from)
            .collect::<Vec<_>>();
    let mut params = vec![
        SqlValue::Text(id),
        SqlValue::Text(Value::Object(fv).to_string()),
        SqlValue::Integer(row.version),
        SqlValue::Text(ts(&row.created_at)),
        SqlValue::Text(ts(&row.updated_at)),
    ];
    if !p.delete {
        params.push(row.deleted_at.as_ref().map_or(SqlValue::Null, |d| SqlValue::Text(ts(d))));
        sets.push(format!("deleted_at = ?{}", params.len()));
    }
    for (f, v) in &values {
        let field = info.field(f).expect("from info.fields");
        params.push(entity::to_sql(field.ty, v));
        sets.push(format!("{f} = ?{}", params.len()));
    }
    tx.execute(
        &format!("UPDATE {} SET {} WHERE id = ?1", info.table, sets.join(", ")),
        params_from_iter(params),
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every field holding an officer's id is rewritten at the first login:
    /// one left out keeps the local profile's id, which the server refuses
    /// (a move « signed » by nobody it knows) or nobody can resolve.
    #[test]
    fn every_officer_field_is_rewritten_when_a_profile_becomes_an_account() {
        for def in tremplin_domain::synced::ENTITIES {
            for f in def.fields {
                let officer = f.name.ends_with("_by")
                    || matches!(f.name, "owner_id" | "officer_id" | "assignee_id" | "referent_id");
                if officer {
                    assert!(
                        OFFICER_REFS.contains(&(def.name, f.name)),
                        "{}.{} is not rewritten",
                        def.name,
                        f.name
                    );
                }
                if f.name == "officer_ids" {
                    assert!(
                        OFFICER_LISTS.contains(&(def.name, f.name)),
                        "{}.officer_ids is not rewritten",
                        def.name
                    );
                }
            }
        }
    }
}
