//! Baselines and samples for `tremplin bench`: the raw SQLite operations the
//! store's own paths are measured against. Kept here so that no SQL lives
//! outside the store.

use rusqlite::params;

use tremplin_domain::organisation::Organisation;

use crate::connection::Store;
use crate::error::StoreResult;

/// What the benchmark samples its queries from.
pub struct Samples {
    pub organisation_names: Vec<String>,
    pub contact_last_names: Vec<String>,
    pub commune_names: Vec<String>,
}

impl Store {
    /// Live organisations, contacts and logged contacts.
    pub fn live_counts(&self) -> StoreResult<(u64, u64, u64)> {
        let c = |t: &str| -> StoreResult<u64> {
            Ok(self.conn.query_row(
                &format!("SELECT count(*) FROM {t} WHERE deleted_at IS NULL"),
                [],
                |r| r.get(0),
            )?)
        };
        Ok((c("organisation")?, c("contact")?, c("interaction")?))
    }

    pub fn samples(&self, n: u32) -> StoreResult<Samples> {
        let col = |sql: &str| -> StoreResult<Vec<String>> {
            let mut st = self.conn.prepare(sql)?;
            let rows = st.query_map([n], |r| r.get(0))?;
            Ok(rows.collect::<Result<_, _>>()?)
        };
        Ok(Samples {
            organisation_names: col(
                "SELECT name FROM organisation WHERE deleted_at IS NULL ORDER BY random() LIMIT ?1",
            )?,
            contact_last_names: col(
                "SELECT last_name FROM contact WHERE deleted_at IS NULL ORDER BY random() LIMIT ?1",
            )?,
            commune_names: col("SELECT nom FROM ref_commune ORDER BY random() LIMIT ?1")?,
        })
    }

    /// The bare FTS5 statements [`Store::search`] runs for the same terms
    /// (one per kind of record), returning rowids only: no exact-name
    /// lookup, no mapping to records, no display rows.
    pub fn baseline_fts(&self, fts_query: &str, limit: u32) -> StoreResult<Vec<i64>> {
        let mut out = Vec::new();
        for entity in crate::search::ALL_ENTITIES {
            let mut st = self.conn.prepare_cached(crate::search::fts_statement(entity))?;
            let rows = st.query_map(params![fts_query, limit], |r| r.get::<_, i64>(0))?;
            for r in rows {
                out.push(r?);
            }
        }
        Ok(out)
    }

    /// Inserts organisations with one hand-bound prepared statement, search
    /// maintenance paused and no outbox: the floor for the store's bulk path.
    pub fn baseline_insert_organisations(&mut self, orgs: &[Organisation]) -> StoreResult<()> {
        let now = tremplin_domain::time::format(&chrono::Utc::now());
        let tx = self.conn.transaction()?;
        tx.execute("UPDATE search_control SET live = 0", [])?;
        {
            let mut st = tx.prepare(
                "INSERT INTO organisation (id, created_at, updated_at, kind, name, legal_name, siren, siret,
                     naf_code, naf_version, commune_code, postcode, address, phone, email, website,
                     headcount_band, parent_id, owner_id, status, partner_type, tags, notes)
                 VALUES (?1, ?2, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,
                     ?19, ?20, ?21, ?22)",
            )?;
            for o in orgs {
                st.execute(params![
                    tremplin_domain::new_row_id().to_string(),
                    now,
                    o.kind.as_str(),
                    o.name,
                    o.legal_name,
                    o.siren.as_ref().map(|s| s.as_str()),
                    o.siret.as_ref().map(|s| s.as_str()),
                    o.naf_code.as_ref().map(|s| s.as_str()),
                    o.naf_version.map(|v| v.as_str()),
                    o.commune_code.as_ref().map(|s| s.as_str()),
                    o.postcode.as_ref().map(|s| s.as_str()),
                    o.address,
                    o.phone.as_ref().map(|s| s.as_str()),
                    o.email.as_ref().map(|s| s.as_str()),
                    o.website,
                    o.headcount_band,
                    o.parent_id.map(|p| p.to_string()),
                    o.owner_id.map(|p| p.to_string()),
                    o.status.as_str(),
                    o.partner_type.map(|p| p.as_str()),
                    serde_json::to_string(&o.tags).unwrap_or_else(|_| "[]".into()),
                    o.notes,
                ])?;
            }
        }
        tx.execute("UPDATE search_control SET live = 1", [])?;
        tx.commit()?;
        Ok(())
    }
}

impl Store {
    /// Inserts pulled rows with hand-bound prepared statements (one per
    /// entity), search paused, no pending-change checks, no indexing: the
    /// floor the sync client's pull is measured against.
    pub fn baseline_insert_remote(&mut self, rows: &[crate::sync::RemoteRow]) -> StoreResult<()> {
        let tx = self.conn.transaction()?;
        tx.execute("UPDATE search_control SET live = 0", [])?;
        for row in rows {
            let Some(info) = crate::entity::info_of(&row.entity) else { continue };
            let cols: Vec<&str> = info.fields.iter().map(|f| f.name).collect();
            let sql = format!(
                "INSERT INTO {} (id, created_at, updated_at, version, field_versions, {}) VALUES (?1, ?2, ?3, ?4, ?5, {})",
                info.table,
                cols.join(", "),
                (6..6 + cols.len()).map(|i| format!("?{i}")).collect::<Vec<_>>().join(", ")
            );
            let mut values = vec![
                rusqlite::types::Value::Text(row.row_id.to_string()),
                rusqlite::types::Value::Text(tremplin_domain::time::format(&row.created_at)),
                rusqlite::types::Value::Text(tremplin_domain::time::format(&row.updated_at)),
                rusqlite::types::Value::Integer(row.version),
                rusqlite::types::Value::Text(serde_json::to_string(&row.field_versions).unwrap_or_default()),
            ];
            values.extend(info.fields.iter().map(|f| {
                crate::entity::to_sql(f.ty, row.data.get(f.name).unwrap_or(&serde_json::Value::Null))
            }));
            tx.prepare_cached(&sql)?.execute(rusqlite::params_from_iter(values))?;
        }
        tx.execute("UPDATE search_control SET live = 1", [])?;
        tx.commit()?;
        Ok(())
    }
}
