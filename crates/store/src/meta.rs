//! Small per-database settings: the device id, the local officer profile.

use rusqlite::{Connection, OptionalExtension};
use uuid::Uuid;

use crate::connection::Store;
use crate::error::{StoreError, StoreResult};

pub(crate) fn get(conn: &Connection, key: &str) -> StoreResult<Option<String>> {
    Ok(conn.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0)).optional()?)
}

pub(crate) fn set(conn: &Connection, key: &str, value: &str) -> StoreResult<()> {
    conn.execute(
        "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [key, value],
    )?;
    Ok(())
}

/// Adds or updates an officer (also inside a transaction: a `Transaction`
/// derefs to its `Connection`).
pub(crate) fn upsert_officer(conn: &Connection, o: &Officer) -> StoreResult<()> {
    conn.prepare_cached(
        "INSERT INTO officer (id, display_name, email, dt_code) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (id) DO UPDATE SET display_name = excluded.display_name,
             email = excluded.email, dt_code = excluded.dt_code",
    )?
    .execute(rusqlite::params![o.id.to_string(), o.display_name, o.email, o.dt_code])?;
    Ok(())
}

pub(crate) fn ensure_device_id(conn: &Connection) -> StoreResult<Uuid> {
    if let Some(v) = get(conn, "device_id")? {
        return Uuid::parse_str(&v).map_err(|e| StoreError::Corrupt {
            entity: "meta",
            id: "device_id".into(),
            message: e.to_string(),
        });
    }
    let id = Uuid::now_v7();
    set(conn, "device_id", &id.to_string())?;
    Ok(id)
}

/// An officer known to this device.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
pub struct Officer {
    pub id: Uuid,
    pub display_name: String,
    pub email: Option<String>,
    pub dt_code: Option<String>,
}

impl Store {
    /// The officer using this device, if set.
    pub fn current_officer(&self) -> StoreResult<Option<Officer>> {
        let Some(id) = get(&self.conn, "current_officer_id")? else {
            return Ok(None);
        };
        let id = Uuid::parse_str(&id).map_err(|e| StoreError::Corrupt {
            entity: "meta",
            id: id.clone(),
            message: e.to_string(),
        })?;
        self.officer(id)
    }

    pub fn officer(&self, id: Uuid) -> StoreResult<Option<Officer>> {
        Ok(self
            .conn
            .query_row(
                "SELECT display_name, email, dt_code FROM officer WHERE id = ?1",
                [id.to_string()],
                |r| Ok(Officer { id, display_name: r.get(0)?, email: r.get(1)?, dt_code: r.get(2)? }),
            )
            .optional()?)
    }

    /// The DT of each officer of the local directory that has one.
    pub fn officer_dts(&self) -> StoreResult<std::collections::HashMap<Uuid, String>> {
        let mut st = self.conn.prepare_cached("SELECT id, dt_code FROM officer WHERE dt_code IS NOT NULL")?;
        let rows = st.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        let mut out = std::collections::HashMap::new();
        for row in rows {
            let (id, dt) = row?;
            out.insert(parse_uuid("officer", &id)?, dt);
        }
        Ok(out)
    }

    /// Adds or updates an officer in the local directory.
    pub fn upsert_officer(&self, o: &Officer) -> StoreResult<()> {
        upsert_officer(&self.conn, o)
    }

    /// Makes `o` the officer using this device.
    pub fn set_current_officer(&self, o: &Officer) -> StoreResult<()> {
        self.upsert_officer(o)?;
        set(&self.conn, "current_officer_id", &o.id.to_string())
    }
}

pub(crate) fn parse_uuid(entity: &'static str, s: &str) -> StoreResult<Uuid> {
    Uuid::parse_str(s).map_err(|e| StoreError::Corrupt { entity, id: s.to_string(), message: e.to_string() })
}

impl Store {
    /// Marks this database as demo data and empties its outbox: a demo
    /// database stands for a snapshot of the server and must never push.
    pub fn mark_as_demo(&self) -> StoreResult<()> {
        self.conn.execute("DELETE FROM outbox", [])?;
        set(&self.conn, "demo", "1")
    }

    pub fn is_demo(&self) -> StoreResult<bool> {
        Ok(get(&self.conn, "demo")?.as_deref() == Some("1"))
    }
}
