//! Bulk loads (initial sync, imports, synthetic benchmark data): search
//! triggers are paused and the index is caught up once at the end, which is
//! several times faster than maintaining FTS5 row by row (PLATFORM.md).

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
}

impl Store {
    /// Runs `f` in one transaction with search maintenance paused, then
    /// indexes every record that is not yet in the search index.
    pub fn bulk_load<T, E: From<StoreError>>(
        &mut self,
        mode: BulkMode,
        f: impl FnOnce(&mut Writer<'_>) -> Result<T, E>,
    ) -> Result<(T, BulkStats), E> {
        let tx = self.conn.transaction().map_err(StoreError::from)?;
        tx.execute("UPDATE search_control SET live = 0", []).map_err(StoreError::from)?;
        let mut w = Writer::new(tx, mode == BulkMode::Local);
        let out = f(&mut w)?;
        let stats = catch_up_index(&w.tx).map_err(E::from)?;
        w.tx.execute("UPDATE search_control SET live = 1", []).map_err(StoreError::from)?;
        w.tx.commit().map_err(StoreError::from)?;
        Ok((out, stats))
    }
}

fn catch_up_index(tx: &rusqlite::Transaction<'_>) -> StoreResult<BulkStats> {
    let before: i64 = tx.query_row("SELECT coalesce(max(rowid), 0) FROM search_doc", [], |r| r.get(0))?;
    let n = tx.execute(
        "INSERT INTO search_doc (entity, row_id, title_key)
         SELECT s.entity, s.row_id, name_key(s.title) FROM search_source s
          WHERE NOT EXISTS (SELECT 1 FROM search_doc d WHERE d.row_id = s.row_id)",
        [],
    )?;
    tx.execute(
        "INSERT INTO search_fts (rowid, title, body)
         SELECT d.rowid, s.title, s.body FROM search_doc d JOIN search_source s ON s.row_id = d.row_id
          WHERE d.rowid > ?1",
        [before],
    )?;
    Ok(BulkStats { indexed_documents: n as u64 })
}
