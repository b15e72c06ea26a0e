//! `GET /v1/sync/pull`: the changes after a cursor, in version order, seen
//! through the caller's scope.
//!
//! Rows and the head version are read in one repeatable-read snapshot:
//! since pushes commit in version order, every version up to the head is in
//! that snapshot, so the returned cursor never skips a change.

use serde_json::Value;
use tokio_postgres::Transaction;
use tremplin_protocol::{MAX_PULL_LIMIT, PullEntry, PullResponse, RowState};

use crate::auth::Caller;
use crate::error::{ApiError, ApiResult};
use crate::scope;

pub async fn pull(tx: &Transaction<'_>, caller: &Caller, cursor: i64, limit: u32) -> ApiResult<PullResponse> {
    if cursor < 0 {
        return Err(ApiError::bad_request("Curseur de synchronisation négatif."));
    }
    let limit = limit.clamp(1, MAX_PULL_LIMIT);
    let head = tx.query_one("SELECT version, purged_below FROM sync_head WHERE id = 1", &[]).await?;
    let (head, purged_below): (i64, i64) = (head.get(0), head.get(1));
    // A cursor from before the purged tombstones, or from the future (a
    // server restored from an older backup): start again from zero.
    if (cursor > 0 && cursor < purged_below) || cursor > head {
        return Ok(PullResponse {
            entries: Vec::new(),
            cursor,
            has_more: false,
            scope_epoch: caller.scope_epoch,
            reset_required: true,
        });
    }
    let (admin, user, dt, manager) = scope::visible_params(caller);
    let sql = format!(
        "SELECT r.entity, r.row_id, r.version, r.data, r.field_versions, r.created_at, r.updated_at,
                r.deleted_at, {} AS visible, {} AS formerly_visible, r.erased_at IS NOT NULL AS erased
           FROM sync_row r
          WHERE r.version > $1
          ORDER BY r.version
          LIMIT $2",
        scope::visible_sql(3),
        scope::formerly_visible_sql(3)
    );
    let fetch = i64::from(limit) + 1;
    let rows = tx.query(&sql, &[&cursor, &fetch, &admin, &user, &dt, &manager]).await?;
    let has_more = rows.len() as i64 > i64::from(limit);
    let mut entries = Vec::with_capacity(rows.len().min(limit as usize));
    for r in rows.iter().take(limit as usize) {
        let visible: bool = r.get(8);
        let entity: String = r.get(0);
        let version: i64 = r.get(2);
        if r.get::<_, bool>(10) {
            // Erased: every device that held it erases it too.
            if visible || r.get::<_, bool>(9) {
                entries.push(PullEntry::Erased { entity, row_id: r.get(1), version });
            }
            continue;
        }
        if !visible {
            // Only those who could see the row are told to drop it: to
            // anyone else its id and activity stay unknown.
            if r.get::<_, bool>(9) {
                entries.push(PullEntry::Forget { entity, row_id: r.get(1), version });
            }
            continue;
        }
        let Value::Object(data) = r.get::<_, Value>(3) else {
            return Err(ApiError::internal("sync_row.data is not an object"));
        };
        entries.push(PullEntry::Row(RowState {
            entity,
            row_id: r.get(1),
            version,
            data,
            field_versions: serde_json::from_value(r.get(4)).map_err(ApiError::internal)?,
            created_at: r.get(5),
            updated_at: r.get(6),
            deleted_at: r.get(7),
        }));
    }
    // The page's last row, seen or not, is where the next page starts.
    let cursor = match (has_more, rows.get(limit as usize - 1)) {
        (true, Some(last)) => last.get(2),
        _ => head.max(cursor),
    };
    Ok(PullResponse { entries, cursor, has_more, scope_epoch: caller.scope_epoch, reset_required: false })
}
