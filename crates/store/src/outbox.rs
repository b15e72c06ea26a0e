//! Reading the outbox: what is waiting to be pushed to the server.

use serde::Serialize;
use serde_json::Value;
use uuid::Uuid;

use crate::connection::Store;
use crate::error::StoreResult;
use crate::meta::parse_uuid;

/// One local mutation, in the shape of the sync protocol's push request.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutboxEntry {
    pub mutation_id: Uuid,
    pub client_seq: i64,
    pub entity: String,
    pub row_id: Uuid,
    pub kind: String,
    pub patch: Value,
    pub base: Value,
    pub created_at: String,
}

impl Store {
    pub fn outbox_len(&self) -> StoreResult<u64> {
        Ok(self.conn.query_row("SELECT count(*) FROM outbox", [], |r| r.get(0))?)
    }

    /// The oldest `limit` pending mutations, in client order.
    pub fn outbox_pending(&self, limit: u32) -> StoreResult<Vec<OutboxEntry>> {
        let mut st = self.conn.prepare(
            "SELECT mutation_id, client_seq, entity, row_id, kind, patch, base, created_at
               FROM outbox ORDER BY client_seq LIMIT ?1",
        )?;
        let rows = st.query_map([limit], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, String>(6)?,
                r.get::<_, String>(7)?,
            ))
        })?;
        rows.map(|r| {
            let (mid, seq, entity, row, kind, patch, base, created_at) = r?;
            Ok(OutboxEntry {
                mutation_id: parse_uuid("outbox", &mid)?,
                client_seq: seq,
                entity,
                row_id: parse_uuid("outbox", &row)?,
                kind,
                patch: serde_json::from_str(&patch).unwrap_or(Value::Null),
                base: serde_json::from_str(&base).unwrap_or(Value::Null),
                created_at,
            })
        })
        .collect()
    }
}
