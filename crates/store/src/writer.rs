//! The one way records change: a [`Writer`] wraps a transaction and writes
//! each row change together with its outbox mutation (docs/architecture.md,
//! « Sync protocol », outbox). Either both land or neither does.

use chrono::Utc;
use rusqlite::{OptionalExtension, Transaction, params_from_iter};
use serde_json::{Map, Value};
use uuid::Uuid;

use crate::changes::Changes;
use crate::connection::Store;
use crate::entity::{self, Entity, EntityInfo, Record};
use crate::error::{StoreError, StoreResult};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WriteOutcome {
    /// Nothing differed: no write, no outbox entry.
    Unchanged,
    /// These fields changed.
    Updated(Vec<String>),
}

pub struct Writer<'a> {
    tx: Transaction<'a>,
    now: String,
    /// False only for bulk loads of rows that came from elsewhere.
    record_outbox: bool,
    /// Outbox entries written so far.
    appended: u64,
    /// Rows written, reported to the app once committed.
    touched: Changes,
}

impl Store {
    /// Runs `f` in one transaction, committed only if `f` succeeds.
    pub fn write<T, E: From<StoreError>>(
        &mut self,
        f: impl FnOnce(&mut Writer<'_>) -> Result<T, E>,
    ) -> Result<T, E> {
        let tx = self.conn.transaction().map_err(StoreError::from)?;
        let mut w = Writer::new(tx, true);
        let out = f(&mut w)?;
        let (appended, touched) = (w.appended, std::mem::take(&mut w.touched));
        w.tx.commit().map_err(StoreError::from)?;
        self.feed.record(appended, touched);
        Ok(out)
    }

    /// Reads one live or deleted record.
    pub fn get<E: Entity>(&self, id: Uuid) -> StoreResult<Option<Record<E>>> {
        read_record(&self.conn, id)
    }
}

impl<'a> Writer<'a> {
    pub(crate) fn new(tx: Transaction<'a>, record_outbox: bool) -> Self {
        Self {
            tx,
            now: tremplin_domain::time::format(&Utc::now()),
            record_outbox,
            appended: 0,
            touched: Changes::default(),
        }
    }

    pub(crate) fn into_transaction(self) -> Transaction<'a> {
        self.tx
    }

    pub fn get<E: Entity>(&self, id: Uuid) -> StoreResult<Option<Record<E>>> {
        read_record(&self.tx, id)
    }

    /// Live records of `E` matching `where_sql` (one text argument `?1`),
    /// as this transaction sees them.
    pub fn records_where<E: Entity>(&self, where_sql: &str, arg: &str) -> StoreResult<Vec<Record<E>>> {
        crate::queries::partnerships::select_records(
            &self.tx,
            where_sql,
            "created_at, id",
            &[arg.to_string().into()],
        )
    }

    /// How many live rows of `table` match `where_sql` (one text argument `?1`).
    pub fn count_where(&self, table: &str, where_sql: &str, arg: &str) -> StoreResult<u64> {
        crate::queries::partnerships::count_where(&self.tx, table, where_sql, arg)
    }

    /// Like [`Writer::get`] but a missing or deleted record is an error.
    pub fn get_live<E: Entity>(&self, id: Uuid) -> StoreResult<Record<E>> {
        match self.get::<E>(id)? {
            Some(r) if r.deleted_at.is_none() => Ok(r),
            _ => Err(StoreError::NotFound { entity: E::LABEL, id }),
        }
    }

    pub fn create<E: Entity>(&mut self, id: Uuid, data: &E) -> StoreResult<()> {
        let fields = entity::to_fields(data)?;
        let cols: Vec<&str> = E::FIELDS.iter().map(|f| f.name).collect();
        let sql = format!(
            "INSERT INTO {} (id, created_at, updated_at, {}) VALUES (?1, ?2, ?2, {})",
            E::TABLE,
            cols.join(", "),
            (3..3 + cols.len()).map(|i| format!("?{i}")).collect::<Vec<_>>().join(", ")
        );
        let mut values = vec![
            rusqlite::types::Value::Text(id.to_string()),
            rusqlite::types::Value::Text(self.now.clone()),
        ];
        values.extend(
            E::FIELDS.iter().map(|f| entity::to_sql(f.ty, fields.get(f.name).unwrap_or(&Value::Null))),
        );
        self.tx.prepare_cached(&sql)?.execute(params_from_iter(values))?;
        self.append_outbox(E::NAME, id, "create", &Value::Object(fields), &Map::new())
    }

    /// Writes the fields of `data` that differ from the stored record.
    pub fn update<E: Entity>(&mut self, id: Uuid, data: &E) -> StoreResult<WriteOutcome> {
        self.update_map(&entity::info::<E>(false, ""), id, entity::to_fields(data)?)
    }

    /// Writes some fields of a record named by entity (settling a sync
    /// conflict): the same diff, patch and outbox entry as [`Writer::update`].
    pub fn update_fields(
        &mut self,
        entity: &str,
        id: Uuid,
        changes: &Map<String, Value>,
    ) -> StoreResult<WriteOutcome> {
        let info = entity::info_of(entity).ok_or(StoreError::NotFound { entity: "Type de fiche", id })?;
        let (mut new, _) = self.current_fields(info, id)?;
        for (k, v) in changes {
            if info.field(k).is_none() {
                return Err(StoreError::Corrupt {
                    entity: info.name,
                    id: id.to_string(),
                    message: format!("no field {k}"),
                });
            }
            new.insert(k.clone(), v.clone());
        }
        self.update_map(info, id, new)
    }

    fn update_map(
        &mut self,
        info: &EntityInfo,
        id: Uuid,
        new: Map<String, Value>,
    ) -> StoreResult<WriteOutcome> {
        let (current, field_versions) = self.current_fields(info, id)?;
        let mut patch = Map::new();
        let mut base = Map::new();
        for f in info.fields {
            let nv = new.get(f.name).unwrap_or(&Value::Null);
            if current.get(f.name).unwrap_or(&Value::Null) != nv {
                patch.insert(f.name.to_string(), nv.clone());
                base.insert(
                    f.name.to_string(),
                    field_versions.get(f.name).cloned().unwrap_or(Value::from(0)),
                );
            }
        }
        if patch.is_empty() {
            return Ok(WriteOutcome::Unchanged);
        }
        let sets: Vec<String> = patch.keys().enumerate().map(|(i, k)| format!("{k} = ?{}", i + 3)).collect();
        let sql = format!("UPDATE {} SET updated_at = ?2, {} WHERE id = ?1", info.table, sets.join(", "));
        let mut values = vec![
            rusqlite::types::Value::Text(id.to_string()),
            rusqlite::types::Value::Text(self.now.clone()),
        ];
        for (k, v) in &patch {
            let ty = info.field(k).map(|f| f.ty).expect("patch keys are fields");
            values.push(entity::to_sql(ty, v));
        }
        self.tx.execute(&sql, params_from_iter(values))?;
        let changed = patch.keys().cloned().collect();
        if self.unknown_to_server(info.name, info.table, id)? {
            // The server refused (or never got) this row's creation: an edit
            // sends the whole row again as a create, and settles the refusal.
            let mut full = current;
            full.extend(patch);
            self.append_outbox(info.name, id, "create", &Value::Object(full), &Map::new())?;
            self.tx.execute(
                "UPDATE sync_issue SET resolved_at = ?3, resolution = 'renvoyee'
                  WHERE entity = ?1 AND row_id = ?2 AND kind = 'rejection' AND mutation_kind = 'create'
                    AND resolved_at IS NULL",
                rusqlite::params![info.name, id.to_string(), self.now],
            )?;
        } else {
            self.append_outbox(info.name, id, "update", &Value::Object(patch), &base)?;
        }
        Ok(WriteOutcome::Updated(changed))
    }

    /// Tombstones a record: it disappears from lists and search but stays
    /// until sync has told the server.
    pub fn delete<E: Entity>(&mut self, id: Uuid) -> StoreResult<()> {
        self.delete_info(&entity::info::<E>(false, ""), id)
    }

    /// Queues a record's whole current state as a create again (after the
    /// server refused its creation for a reason since settled).
    pub fn resend_create(&mut self, entity: &str, id: Uuid) -> StoreResult<()> {
        let info = entity::info_of(entity).ok_or(StoreError::NotFound { entity: "Type de fiche", id })?;
        let (fields, _) = self.current_fields(info, id)?;
        self.append_outbox(info.name, id, "create", &Value::Object(fields), &Map::new())
    }

    /// Tombstones a record named by entity.
    pub fn delete_named(&mut self, entity: &str, id: Uuid) -> StoreResult<()> {
        let info = entity::info_of(entity).ok_or(StoreError::NotFound { entity: "Type de fiche", id })?;
        self.delete_info(info, id)
    }

    fn delete_info(&mut self, info: &EntityInfo, id: Uuid) -> StoreResult<()> {
        // A live record only (current_fields skips tombstones).
        self.current_fields(info, id)?;
        self.tx.execute(
            &format!("UPDATE {} SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1", info.table),
            [id.to_string(), self.now.clone()],
        )?;
        self.append_outbox(info.name, id, "delete", &Value::Object(Map::new()), &Map::new())
    }

    /// Removes a record the server never accepted, with whatever of it is
    /// still queued: it exists nowhere else. False if the server has it.
    pub fn discard_local(&mut self, entity: &str, id: Uuid) -> StoreResult<bool> {
        let info = entity::info_of(entity).ok_or(StoreError::NotFound { entity: "Type de fiche", id })?;
        let n = self.tx.execute(
            &format!("DELETE FROM {} WHERE id = ?1 AND version = 0", info.table),
            [id.to_string()],
        )?;
        if n > 0 {
            self.touched.touch(info.name, id);
            self.tx.execute(
                "DELETE FROM outbox WHERE entity = ?1 AND row_id = ?2",
                [info.name, &id.to_string()],
            )?;
        }
        Ok(n > 0)
    }

    /// A row of this device that the server has not accepted: never
    /// acknowledged (version 0) and no create waiting in the outbox. Only
    /// once this database is linked to a server: a demo or never-synced
    /// database keeps plain updates.
    fn unknown_to_server(&self, entity: &str, table: &str, id: Uuid) -> StoreResult<bool> {
        if !self.record_outbox {
            return Ok(false);
        }
        Ok(self.tx.query_row(
            &format!(
                "SELECT EXISTS (SELECT 1 FROM meta WHERE key = 'sync.user_id')
                    AND (SELECT version FROM {table} WHERE id = ?1) = 0
                    AND NOT EXISTS (SELECT 1 FROM outbox WHERE entity = ?2 AND row_id = ?1 AND kind = 'create')"
            ),
            [id.to_string(), entity.to_string()],
            |r| r.get(0),
        )?)
    }

    fn current_fields(
        &self,
        info: &EntityInfo,
        id: Uuid,
    ) -> StoreResult<(Map<String, Value>, Map<String, Value>)> {
        let cols: Vec<&str> = info.fields.iter().map(|f| f.name).collect();
        let sql = format!(
            "SELECT field_versions, {} FROM {} WHERE id = ?1 AND deleted_at IS NULL",
            cols.join(", "),
            info.table
        );
        let id_s = id.to_string();
        let (fv, vals) = self
            .tx
            .query_row(&sql, [&id_s], |r| {
                let fv: String = r.get(0)?;
                let vals: Vec<rusqlite::types::Value> =
                    (0..cols.len()).map(|i| r.get(i + 1)).collect::<Result<_, _>>()?;
                Ok((fv, vals))
            })
            .optional()?
            .ok_or(StoreError::NotFound { entity: info.label, id })?;
        let mut map = Map::new();
        for (f, v) in info.fields.iter().zip(vals) {
            map.insert(f.name.to_string(), entity::from_sql_named(info.name, f.ty, v, &id_s)?);
        }
        let field_versions = match serde_json::from_str(&fv) {
            Ok(Value::Object(m)) => m,
            _ => {
                return Err(StoreError::Corrupt {
                    entity: info.name,
                    id: id_s,
                    message: "field_versions is not an object".into(),
                });
            }
        };
        Ok((map, field_versions))
    }

    fn append_outbox(
        &mut self,
        entity: &str,
        row_id: Uuid,
        kind: &str,
        patch: &Value,
        base: &Map<String, Value>,
    ) -> StoreResult<()> {
        self.touched.touch(entity, row_id);
        if !self.record_outbox {
            return Ok(());
        }
        self.tx
            .prepare_cached(
                "INSERT INTO outbox (mutation_id, entity, row_id, kind, patch, base, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?
            .execute(rusqlite::params![
                Uuid::now_v7().to_string(),
                entity,
                row_id.to_string(),
                kind,
                patch.to_string(),
                Value::Object(base.clone()).to_string(),
                self.now,
            ])?;
        self.appended += 1;
        Ok(())
    }
}

fn read_record<E: Entity>(conn: &rusqlite::Connection, id: Uuid) -> StoreResult<Option<Record<E>>> {
    let cols: Vec<&str> = E::FIELDS.iter().map(|f| f.name).collect();
    let sql = format!(
        "SELECT created_at, updated_at, deleted_at, version, {} FROM {} WHERE id = ?1",
        cols.join(", "),
        E::TABLE
    );
    let id_s = id.to_string();
    let Some((created, updated, deleted, version, vals)) = conn
        .prepare_cached(&sql)?
        .query_row([&id_s], |r| {
            let vals: Vec<rusqlite::types::Value> =
                (0..cols.len()).map(|i| r.get(i + 4)).collect::<Result<_, _>>()?;
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, i64>(3)?,
                vals,
            ))
        })
        .optional()?
    else {
        return Ok(None);
    };
    let data: E = entity::decode(vals, &id_s)?;
    Ok(Some(Record {
        id,
        created_at: entity::parse_time::<E>(&id_s, &created)?,
        updated_at: entity::parse_time::<E>(&id_s, &updated)?,
        deleted_at: deleted.map(|d| entity::parse_time::<E>(&id_s, &d)).transpose()?,
        version,
        data,
    }))
}
