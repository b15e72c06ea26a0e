//! Schema migrations: the SQL files of `migrations/local/`, embedded in the
//! binary, applied in order, each in its own transaction and recorded in
//! `schema_migrations`. A database written by a newer Tremplin is refused.

use rusqlite::{Connection, OptionalExtension};

use crate::error::{StoreError, StoreResult};

pub struct Migration {
    pub version: u32,
    pub name: &'static str,
    pub sql: &'static str,
}

pub const MIGRATIONS: &[Migration] = &[
    Migration { version: 1, name: "0001_core", sql: include_str!("../../../migrations/local/0001_core.sql") },
    Migration {
        version: 2,
        name: "0002_search",
        sql: include_str!("../../../migrations/local/0002_search.sql"),
    },
    Migration { version: 3, name: "0003_sync", sql: include_str!("../../../migrations/local/0003_sync.sql") },
    Migration {
        version: 4,
        name: "0004_partnerships",
        sql: include_str!("../../../migrations/local/0004_partnerships.sql"),
    },
    Migration {
        version: 5,
        name: "0005_instruments",
        sql: include_str!("../../../migrations/local/0005_instruments.sql"),
    },
    Migration {
        version: 6,
        name: "0006_minimisation",
        sql: include_str!("../../../migrations/local/0006_minimisation.sql"),
    },
    Migration { version: 7, name: "0007_rome", sql: include_str!("../../../migrations/local/0007_rome.sql") },
    Migration {
        version: 8,
        name: "0008_needs",
        sql: include_str!("../../../migrations/local/0008_needs.sql"),
    },
    Migration {
        version: 9,
        name: "0009_placement",
        sql: include_str!("../../../migrations/local/0009_placement.sql"),
    },
    Migration {
        version: 10,
        name: "0010_events",
        sql: include_str!("../../../migrations/local/0010_events.sql"),
    },
    Migration {
        version: 11,
        name: "0011_projects",
        sql: include_str!("../../../migrations/local/0011_projects.sql"),
    },
    Migration {
        version: 12,
        name: "0012_tension",
        sql: include_str!("../../../migrations/local/0012_tension.sql"),
    },
];

pub const LATEST_SCHEMA_VERSION: u32 = MIGRATIONS[MIGRATIONS.len() - 1].version;

pub(crate) fn current_version(conn: &Connection) -> StoreResult<u32> {
    let exists: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations')",
        [],
        |r| r.get(0),
    )?;
    if !exists {
        return Ok(0);
    }
    let v: Option<u32> =
        conn.query_row("SELECT max(version) FROM schema_migrations", [], |r| r.get(0)).optional()?.flatten();
    Ok(v.unwrap_or(0))
}

pub(crate) fn apply(conn: &mut Connection, up_to: u32) -> StoreResult<()> {
    conn.execute_batch(
        "CREATE TABLE IF NOT EXISTS schema_migrations (
             version    INTEGER PRIMARY KEY,
             name       TEXT NOT NULL,
             applied_at TEXT NOT NULL
         ) STRICT;",
    )?;
    let current = current_version(conn)?;
    if current > LATEST_SCHEMA_VERSION {
        return Err(StoreError::SchemaTooNew { found: current, supported: LATEST_SCHEMA_VERSION });
    }
    for m in MIGRATIONS.iter().filter(|m| m.version > current && m.version <= up_to) {
        let tx = conn.transaction()?;
        tx.execute_batch(m.sql)?;
        tx.execute(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?1, ?2, ?3)",
            rusqlite::params![m.version, m.name, tremplin_domain::time::format(&chrono::Utc::now())],
        )?;
        tx.commit()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_migration_file_is_embedded_in_order() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../migrations/local");
        let mut files: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .filter(|n| n.ends_with(".sql"))
            .collect();
        files.sort();
        let embedded: Vec<String> = MIGRATIONS.iter().map(|m| format!("{}.sql", m.name)).collect();
        assert_eq!(files, embedded);
        for (i, m) in MIGRATIONS.iter().enumerate() {
            assert_eq!(m.version as usize, i + 1);
            assert!(m.name.starts_with(&format!("{:04}_", m.version)));
        }
    }
}
