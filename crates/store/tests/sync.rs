//! The device side of sync, below the network: acknowledgements, pulled
//! pages with pending local changes, forget markers, full re-pulls, and a
//! page interrupted mid-apply.

mod common;

use std::collections::BTreeMap;

use chrono::Utc;
use serde_json::{Map, Value, json};
use tremplin_domain::organisation::Organisation;
use tremplin_store::sync::{Ack, ConflictAck, IssueKind, RemoteEntry, RemoteRow};
use uuid::Uuid;

fn remote(s: &tremplin_store::Store, id: Uuid, version: i64, changes: Value) -> RemoteRow {
    let (_, mut data, _) = s.dump_rows("organisation").unwrap().into_iter().find(|r| r.0 == id).unwrap();
    for (k, v) in changes.as_object().unwrap() {
        data.insert(k.clone(), v.clone());
    }
    let field_versions: BTreeMap<String, i64> = data.keys().map(|k| (k.clone(), version)).collect();
    RemoteRow {
        entity: "organisation".into(),
        row_id: id,
        version,
        data,
        field_versions,
        created_at: Utc::now(),
        updated_at: Utc::now(),
        deleted_at: None,
    }
}

fn field(s: &tremplin_store::Store, id: Uuid, f: &str) -> Value {
    s.dump_rows("organisation").unwrap().into_iter().find(|r| r.0 == id).unwrap().1[f].clone()
}

fn set(s: &mut tremplin_store::Store, id: Uuid, f: &str, v: Value) {
    let mut m = Map::new();
    m.insert(f.into(), v);
    s.write(|w| w.update_fields("organisation", id, &m)).unwrap();
}

#[test]
fn a_pulled_row_keeps_the_fields_with_pending_local_changes() {
    let mut s = common::store();
    let id = common::add_org(&mut s, "Auchan Roncq", Some("59508"));
    let create = s.outbox_pending(10).unwrap().remove(0);
    s.acknowledge(&[(create.clone(), Ack::Applied { version: 3 })]).unwrap();
    set(&mut s, id, "name", json!("Auchan Roncq (local)"));

    let row = remote(&s, id, 7, json!({"name": "Auchan — serveur", "status": "partenaire_actif"}));
    let stats = s.apply_pull_page(&[RemoteEntry::Row(row)], 7, 1).unwrap();
    assert_eq!(stats.kept_local, 1);
    assert_eq!(field(&s, id, "name"), "Auchan Roncq (local)", "pending: kept");
    assert_eq!(field(&s, id, "status"), "partenaire_actif", "not pending: the server's");
    assert_eq!(s.sync_progress().unwrap().cursor, 7);
    // The pending edit still carries the version the officer saw (3), so
    // the server will see it as a conflict.
    assert_eq!(s.outbox_pending(10).unwrap()[0].base, json!({"name": 3}));
    // Search follows the pulled row.
    assert_eq!(s.search("roncq", &[], 10).unwrap().len(), 1);
    // A duplicated answer (the mutation is gone) changes nothing.
    s.acknowledge(&[(create, Ack::Applied { version: 99 })]).unwrap();
    assert_eq!(s.get::<Organisation>(id).unwrap().unwrap().version, 7);
}

#[test]
fn conflicts_take_the_servers_value_and_refusals_put_the_row_back() {
    let mut s = common::store();
    let id = common::add_org(&mut s, "ENGIE", Some("59350"));
    let create = s.outbox_pending(10).unwrap().remove(0);
    s.acknowledge(&[(create, Ack::Applied { version: 1 })]).unwrap();
    set(&mut s, id, "name", json!("ENGIE Lille"));
    set(&mut s, id, "notes", json!("Contact DRH"));
    let pending = s.outbox_pending(10).unwrap();
    let conflict = ConflictAck {
        field: "name".into(),
        client_value: json!("ENGIE Lille"),
        server_value: json!("ENGIE Nord"),
        server_version: 5,
        row_deleted: false,
    };
    let current = remote(&s, id, 6, json!({"name": "ENGIE Nord", "notes": null}));
    s.acknowledge(&[
        (pending[0].clone(), Ack::Conflicts { version: None, conflicts: vec![conflict] }),
        (
            pending[1].clone(),
            Ack::Rejected {
                code: "out_of_scope".into(),
                message: "Hors périmètre".into(),
                field: None,
                current: Some(current),
            },
        ),
    ])
    .unwrap();
    assert_eq!(field(&s, id, "name"), "ENGIE Nord");
    assert_eq!(field(&s, id, "notes"), Value::Null, "the refused note is taken back");
    assert_eq!(s.outbox_len().unwrap(), 0);
    let issues = s.sync_issues(true).unwrap();
    assert_eq!(
        issues.iter().map(|i| i.kind).collect::<Vec<_>>(),
        [IssueKind::Rejection, IssueKind::Conflict]
    );
    assert_eq!(issues[1].local_value, Some(json!("ENGIE Lille")));
    assert_eq!(issues[1].row_title.as_deref(), Some("ENGIE Nord"));
    assert_eq!(s.open_issue_count().unwrap(), 2);
    assert!(s.resolve_issue(issues[0].id, "abandonnee").unwrap());
    assert!(!s.resolve_issue(issues[0].id, "abandonnee").unwrap());
    assert_eq!(s.open_issue_count().unwrap(), 1);
}

fn remote_orgs(n: i64) -> Vec<RemoteEntry> {
    (0..n)
        .map(|i| {
            let id = Uuid::now_v7();
            let mut data = Map::new();
            for (k, v) in [
                ("kind", json!("entreprise")),
                ("name", json!(format!("Entreprise {i}"))),
                ("status", json!("prospect")),
                ("tags", json!([])),
            ] {
                data.insert(k.into(), v);
            }
            RemoteEntry::Row(RemoteRow {
                entity: "organisation".into(),
                row_id: id,
                version: i + 1,
                data,
                field_versions: BTreeMap::new(),
                created_at: Utc::now(),
                updated_at: Utc::now(),
                deleted_at: None,
            })
        })
        .collect()
}

#[test]
fn an_interrupted_page_leaves_nothing_and_the_cursor_where_it_was() {
    let mut s = common::store();
    let rows = remote_orgs(5);
    s.fail_next_pull_after(3);
    assert!(s.apply_pull_page(&rows, 5, 1).is_err());
    assert!(s.dump_rows("organisation").unwrap().is_empty());
    assert_eq!(s.sync_progress().unwrap().cursor, 0);
    assert_eq!(s.search("entreprise", &[], 10).unwrap().len(), 0);
    s.apply_pull_page(&rows, 5, 1).unwrap();
    assert_eq!(s.dump_rows("organisation").unwrap().len(), 5);
    assert_eq!(s.search("entreprise", &[], 10).unwrap().len(), 5);

    // Forget markers remove rows; a full re-pull drops what it did not see.
    let RemoteEntry::Row(first) = &rows[0] else { unreachable!() };
    s.apply_pull_page(&[RemoteEntry::Forget { entity: "organisation".into(), row_id: first.row_id }], 6, 1)
        .unwrap();
    assert_eq!(s.dump_rows("organisation").unwrap().len(), 4);
    s.begin_reset(2).unwrap();
    assert_eq!(s.sync_progress().unwrap().cursor, 0);
    s.apply_pull_page(&rows[1..3], 6, 2).unwrap();
    assert_eq!(s.finish_reset().unwrap(), 2);
    assert_eq!(s.dump_rows("organisation").unwrap().len(), 2);
    assert_eq!(s.search("entreprise", &[], 10).unwrap().len(), 2);
    assert!(!s.sync_progress().unwrap().resetting);
}

/// Found by the simulation: an edit of a row the server had deleted left the
/// device with its own values on a live row while the server's tombstone
/// kept others, and no later pull would fix it.
#[test]
fn a_conflict_with_a_deleted_row_makes_the_local_row_the_servers_tombstone() {
    let mut s = common::store();
    let id = common::add_org(&mut s, "Fermée", Some("59350"));
    let create = s.outbox_pending(10).unwrap().remove(0);
    s.acknowledge(&[(create, Ack::Applied { version: 1 })]).unwrap();
    set(&mut s, id, "name", json!("Renommée hors ligne"));
    let edit = s.outbox_pending(10).unwrap().remove(0);
    let conflict = ConflictAck {
        field: "name".into(),
        client_value: json!("Renommée hors ligne"),
        server_value: json!("Fermée"),
        server_version: 4,
        row_deleted: true,
    };
    s.acknowledge(&[(edit, Ack::Conflicts { version: None, conflicts: vec![conflict] })]).unwrap();
    let (_, data, deleted) = s.dump_rows("organisation").unwrap().remove(0);
    assert_eq!((data["name"].as_str(), deleted), (Some("Fermée"), true));
    assert!(s.sync_issues(true).unwrap()[0].row_deleted);
}

#[test]
fn every_open_issue_stays_listed_whatever_its_age() {
    let mut s = common::store();
    let mut ids = Vec::new();
    for n in 0..520 {
        ids.push(common::add_org(&mut s, &format!("Employeur {n}"), Some("59350")));
    }
    let pending = s.outbox_pending(1_000).unwrap();
    let refused: Vec<_> = pending
        .into_iter()
        .map(|m| {
            (
                m,
                Ack::Rejected {
                    code: "duplicate".into(),
                    message: "Doublon".into(),
                    field: None,
                    current: None,
                },
            )
        })
        .collect();
    s.acknowledge(&refused).unwrap();
    let open = s.sync_issues(true).unwrap();
    assert_eq!(open.len(), 520, "the oldest refusals are still there to settle");
    let oldest = open.last().unwrap().id;
    assert!(s.resolve_issue(oldest, "abandonnee").unwrap());
    assert_eq!(s.sync_issues(true).unwrap().len(), 519);
    assert_eq!(s.sync_issues(false).unwrap().len(), 520, "open ones and the settled one");
}

/// A big pull must not hold the writer: with its time budget spent, a page
/// is applied in several short transactions, the cursor moving only with
/// the last; and the changes report says which entities moved.
#[test]
fn a_pull_within_a_budget_commits_in_steps_and_moves_the_cursor_last() {
    let mut s = common::store();
    let rows = remote_orgs(200);
    let _ = s.take_changes();
    let first = s.apply_pull_within(&rows, 9, 1, Some(std::time::Duration::ZERO)).unwrap();
    assert_eq!(first.applied, 64, "the budget is checked every 64 rows");
    assert_eq!(s.dump_rows("organisation").unwrap().len(), 64, "committed");
    assert_eq!(s.sync_progress().unwrap().cursor, 0, "the cursor waits for the whole page");
    let changes = s.take_changes();
    assert_eq!(changes.entities.iter().collect::<Vec<_>>(), ["organisation"]);
    assert_eq!(changes.ids.len(), 64);
    let mut done = first.applied;
    while done < rows.len() {
        done += s.apply_pull_within(&rows[done..], 9, 1, Some(std::time::Duration::ZERO)).unwrap().applied;
    }
    assert_eq!(s.dump_rows("organisation").unwrap().len(), 200);
    assert_eq!(s.sync_progress().unwrap().cursor, 9);
    assert_eq!(s.search("entreprise", &[], 300).unwrap().len(), 200, "every step indexed its rows");
    // Without a budget, one transaction as before.
    let again = s.apply_pull_within(&rows, 10, 1, None).unwrap();
    assert_eq!(again.applied, 200);
    // A local write is reported too; nothing more after it was taken.
    common::add_org(&mut s, "Auchan Roncq", None);
    assert!(s.take_changes().entities.contains("organisation"));
    assert!(s.take_changes().is_empty());
}

/// Queries run on a second, read-only connection: they answer while the
/// writer holds a transaction open, see what it committed, and cannot write.
#[test]
fn a_reader_answers_while_the_writer_is_in_a_transaction_and_cannot_write() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("poste.db");
    let key = tremplin_store::StoreKey::generate();
    let mut writer = tremplin_store::Store::open(&path, &key).unwrap();
    common::add_org(&mut writer, "Auchan Roncq", None);
    let reader = tremplin_store::Store::open_reader(&path, &key).unwrap();
    assert_eq!(reader.device_id(), writer.device_id());

    let rows = remote_orgs(3);
    writer
        .write(|w| -> Result<(), tremplin_store::StoreError> {
            w.create(
                Uuid::now_v7(),
                &common::org("Pendant", tremplin_domain::organisation::OrgKind::Entreprise, None),
            )?;
            // The writer's transaction is open: the reader is not blocked
            // and sees the last committed state only.
            assert_eq!(reader.dump_rows("organisation").unwrap().len(), 1);
            Ok(())
        })
        .unwrap();
    assert_eq!(reader.dump_rows("organisation").unwrap().len(), 2, "committed: visible");
    writer.apply_pull_page(&rows, 3, 1).unwrap();
    assert_eq!(reader.search("entreprise", &[], 10).unwrap().len(), 3);
    let refused = reader.raw_connection().execute("DELETE FROM organisation", []);
    assert!(refused.is_err(), "a reader cannot write");
}
