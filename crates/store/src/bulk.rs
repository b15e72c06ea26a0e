//! Bulk loads (initial sync, imports, synthetic benchmark data): search
//! triggers are paused and the index is caught up once at the end, which is
//! several times faster than maintaining FTS5 row by row (docs/architecture.md, « Store write speeds »).

use crate::connection::Store;
use crate::error::{StoreError, StoreResult};
use crate::writer::Writer;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BulkMode {
    /// Rows created on this device: each gets its outbox mutation.
    Local,
    /// Rows that came from elsewhere (the server, a generator standing for
    /// it): no outbox entries.
    Replica,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct BulkStats {
    pub indexed_documents: u64,
    /// Time spent bringing the search index up to date at the end.
    pub index_time: std::time::Duration,
}

impl Store {
    /// Runs `f` in one transaction with search maintenance paused, then
    /// indexes every record that is not yet in the search index.
    pub fn bulk_load<T, E: From<StoreError>>(
        &mut self,
        mode: BulkMode,
        f: impl FnOnce(&mut Writer<'_>) -> Result<T, E>,
    ) -> Result<(T, BulkStats), E> {
        let (out, stats) = {
            let tx = self.conn.transaction().map_err(StoreError::from)?;
            tx.execute("UPDATE search_control SET live = 0", []).map_err(StoreError::from)?;
            let mut w = Writer::new(tx, mode == BulkMode::Local);
            let out = f(&mut w)?;
            let tx = w.into_transaction();
            let stats = catch_up_index(&tx).map_err(E::from)?;
            tx.execute("UPDATE search_control SET live = 1", []).map_err(StoreError::from)?;
            tx.commit().map_err(StoreError::from)?;
            (out, stats)
        };
        // Large loads change the shape of the data: let the planner know.
        self.conn.execute_batch("PRAGMA optimize = 0x10002;").map_err(StoreError::from)?;
        Ok((out, stats))
    }
}

fn catch_up_index(tx: &rusqlite::Transaction<'_>) -> StoreResult<BulkStats> {
    let started = std::time::Instant::now();
    let mut indexed = 0;
    for entity in ["organisation", "contact", "interaction"] {
        indexed += index_missing(tx, entity, None)?;
    }
    Ok(BulkStats { indexed_documents: indexed, index_time: started.elapsed() })
}

/// Indexes for search the live records of `entity` that are not indexed
/// yet (only those of `ids` when given), set-based, as the triggers would
/// one by one. Returns how many.
pub(crate) fn index_missing(
    tx: &rusqlite::Transaction<'_>,
    entity: &str,
    ids: Option<&[String]>,
) -> StoreResult<u64> {
    let before: i64 = tx.query_row("SELECT coalesce(max(rowid), 0) FROM search_doc", [], |r| r.get(0))?;
    let only =
        if ids.is_some() { "s.row_id IN (SELECT value FROM json_each(?1)) AND" } else { "?1 IS NULL AND" };
    let ids = ids.map(|ids| serde_json::to_string(ids).unwrap_or_else(|_| "[]".into()));
    let indexed = tx.execute(
        &format!(
            "INSERT INTO search_doc (entity, row_id, title_key)
             SELECT '{entity}', s.row_id, name_key(s.title) FROM search_source_{entity} s
              WHERE {only} NOT EXISTS (SELECT 1 FROM search_doc d WHERE d.row_id = s.row_id)"
        ),
        [&ids],
    )? as u64;
    tx.execute(
        &format!(
            "INSERT INTO search_fts_{entity} (rowid, title, body)
             SELECT d.rowid, s.title, s.body FROM search_doc d JOIN search_source_{entity} s ON s.row_id = d.row_id
              WHERE d.rowid > ?1"
        ),
        [before],
    )?;
    Ok(indexed)
}
