//! The one way records change: a [`Writer`] wraps a transaction and writes
//! each row change together with its outbox mutation (ARCHITECTURE.md,
//! "Local write"). Either both land or neither does.

use chrono::Utc;
use rusqlite::{OptionalExtension, Transaction, params_from_iter};
use serde_json::{Map, Value};
use uuid::Uuid;

use crate::connection::Store;
use crate::entity::{self, Entity, Record};
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
        w.tx.commit().map_err(StoreError::from)?;
        Ok(out)
    }

    /// Reads one live or deleted record.
    pub fn get<E: Entity>(&self, id: Uuid) -> StoreResult<Option<Record<E>>> {
        read_record(&self.conn, id)
    }
}

impl<'a> Writer<'a> {
    pub(crate) fn new(tx: Transaction<'a>, record_outbox: bool) -> Self {
        Self { tx, now: tremplin_domain::time::format(&Utc::now()), record_outbox }
    }

    pub(crate) fn into_transaction(self) -> Transaction<'a> {
        self.tx
    }

    pub fn get<E: Entity>(&self, id: Uuid) -> StoreResult<Option<Record<E>>> {
        read_record(&self.tx, id)
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
        let (current, field_versions) = self.current_fields::<E>(id)?;
        let new = entity::to_fields(data)?;
        let mut patch = Map::new();
        let mut base = Map::new();
        for f in E::FIELDS {
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
        let sql = format!("UPDATE {} SET updated_at = ?2, {} WHERE id = ?1", E::TABLE, sets.join(", "));
        let mut values = vec![
            rusqlite::types::Value::Text(id.to_string()),
            rusqlite::types::Value::Text(self.now.clone()),
        ];
        for (k, v) in &patch {
            let ty = E::FIELDS.iter().find(|f| f.name == k).map(|f| f.ty).expect("patch keys are fields");
            values.push(entity::to_sql(ty, v));
        }
        self.tx.execute(&sql, params_from_iter(values))?;
        let changed = patch.keys().cloned().collect();
        self.append_outbox(E::NAME, id, "update", &Value::Object(patch), &base)?;
        Ok(WriteOutcome::Updated(changed))
    }

    /// Tombstones a record: it disappears from lists and search but stays
    /// until sync has told the server.
    pub fn delete<E: Entity>(&mut self, id: Uuid) -> StoreResult<()> {
        self.get_live::<E>(id)?;
        self.tx.execute(
            &format!("UPDATE {} SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1", E::TABLE),
            [id.to_string(), self.now.clone()],
        )?;
        self.append_outbox(E::NAME, id, "delete", &Value::Object(Map::new()), &Map::new())
    }

    fn current_fields<E: Entity>(&self, id: Uuid) -> StoreResult<(Map<String, Value>, Map<String, Value>)> {
        let cols: Vec<&str> = E::FIELDS.iter().map(|f| f.name).collect();
        let sql = format!(
            "SELECT field_versions, {} FROM {} WHERE id = ?1 AND deleted_at IS NULL",
            cols.join(", "),
            E::TABLE
        );
        let id_s = id.to_string();
        let row = self
            .tx
            .query_row(&sql, [&id_s], |r| {
                let fv: String = r.get(0)?;
                let vals: Vec<rusqlite::types::Value> =
                    (0..cols.len()).map(|i| r.get(i + 1)).collect::<Result<_, _>>()?;
                Ok((fv, vals))
            })
            .optional()?
            .ok_or(StoreError::NotFound { entity: E::LABEL, id })?;
        let (fv, vals) = row;
        let mut map = Map::new();
        for (f, v) in E::FIELDS.iter().zip(vals) {
            map.insert(f.name.to_string(), entity::from_sql::<E>(f.ty, v, &id_s)?);
        }
        let field_versions = match serde_json::from_str(&fv) {
            Ok(Value::Object(m)) => m,
            _ => {
                return Err(entity::corrupt::<E>(&id_s, "field_versions is not an object"));
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
    let mut map = Map::new();
    for (f, v) in E::FIELDS.iter().zip(vals) {
        map.insert(f.name.to_string(), entity::from_sql::<E>(f.ty, v, &id_s)?);
    }
    let data: E = serde_json::from_value(Value::Object(map)).map_err(|e| entity::corrupt::<E>(&id_s, e))?;
    Ok(Some(Record {
        id,
        created_at: entity::parse_time::<E>(&id_s, &created)?,
        updated_at: entity::parse_time::<E>(&id_s, &updated)?,
        deleted_at: deleted.map(|d| entity::parse_time::<E>(&id_s, &d)).transpose()?,
        version,
        data,
    }))
}
