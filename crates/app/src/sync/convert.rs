//! Protocol types ↔ the store's sync types.

use chrono::Utc;
use serde_json::Value;
use tremplin_protocol::{FieldConflict, Mutation, MutationKind, Outcome, PullEntry, RowState};
use tremplin_store::outbox::OutboxEntry;
use tremplin_store::sync::{Ack, ConflictAck, RemoteEntry, RemoteRow};

use super::transport::SyncError;

pub fn mutation(e: &OutboxEntry) -> Result<Mutation, SyncError> {
    let corrupt = |what: &str| {
        SyncError::Local(format!("Modification locale {} illisible ({what}).", e.mutation_id).into())
    };
    Ok(Mutation {
        mutation_id: e.mutation_id,
        client_seq: e.client_seq,
        entity: e.entity.clone(),
        row_id: e.row_id,
        kind: MutationKind::parse(&e.kind).ok_or_else(|| corrupt("kind"))?,
        patch: match &e.patch {
            Value::Object(m) => m.clone(),
            _ => return Err(corrupt("patch")),
        },
        base: match &e.base {
            Value::Object(m) => m.iter().map(|(k, v)| (k.clone(), v.as_i64().unwrap_or(0))).collect(),
            _ => return Err(corrupt("base")),
        },
        made_at: tremplin_domain::time::parse(&e.created_at).unwrap_or_else(Utc::now),
    })
}

pub fn row(r: RowState) -> RemoteRow {
    RemoteRow {
        entity: r.entity,
        row_id: r.row_id,
        version: r.version,
        data: r.data,
        field_versions: r.field_versions,
        created_at: r.created_at,
        updated_at: r.updated_at,
        deleted_at: r.deleted_at,
    }
}

pub fn entry(e: PullEntry) -> RemoteEntry {
    match e {
        PullEntry::Row(r) => RemoteEntry::Row(row(r)),
        PullEntry::Forget { entity, row_id, .. } => RemoteEntry::Forget { entity, row_id },
        PullEntry::Erased { entity, row_id, .. } => RemoteEntry::Erased { entity, row_id },
    }
}

fn conflict(c: FieldConflict) -> ConflictAck {
    ConflictAck {
        field: c.field,
        client_value: c.client_value,
        server_value: c.server_value,
        server_version: c.server_version,
        row_deleted: c.row_deleted,
    }
}

pub fn ack(o: Outcome) -> Ack {
    match o {
        Outcome::Applied { version } => Ack::Applied { version },
        Outcome::AppliedWithConflicts { version, conflicts } => {
            Ack::Conflicts { version, conflicts: conflicts.into_iter().map(conflict).collect() }
        }
        Outcome::Rejected { code, message, field, current } => {
            Ack::Rejected { code, message, field, current: current.map(|c| row(*c)) }
        }
    }
}
