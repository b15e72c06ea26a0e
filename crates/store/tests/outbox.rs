mod common;

use tremplin_domain::new_row_id;
use tremplin_domain::organisation::{OrgKind, OrgStatus, Organisation};
use tremplin_store::{StoreError, WriteOutcome};

#[test]
fn each_mutation_writes_its_outbox_entry_in_the_sync_shape() {
    let mut s = common::store();
    let id = common::add_org(&mut s, "ENGIE Lille", Some("59350"));
    let mut o = s.get::<Organisation>(id).unwrap().unwrap().data;

    o.status = OrgStatus::PartenaireActif;
    o.tags = vec!["Clause d'insertion".into()];
    let outcome = s.write(|w| w.update(id, &o)).unwrap();
    assert_eq!(outcome, WriteOutcome::Updated(vec!["status".into(), "tags".into()]));
    // Saving the same form again changes nothing and queues nothing.
    assert_eq!(s.write(|w| w.update(id, &o)).unwrap(), WriteOutcome::Unchanged);
    s.write(|w| w.delete::<Organisation>(id)).unwrap();

    let out = s.outbox_pending(10).unwrap();
    assert_eq!(out.iter().map(|e| e.kind.as_str()).collect::<Vec<_>>(), ["create", "update", "delete"]);
    assert!(out.windows(2).all(|p| p[0].client_seq < p[1].client_seq));
    assert!(out.iter().all(|e| e.entity == "organisation" && e.row_id == id));
    assert_eq!(out[0].patch["name"], "ENGIE Lille");
    assert_eq!(out[0].patch["kind"], "entreprise");
    assert_eq!(
        out[1].patch,
        serde_json::json!({"status": "partenaire_actif", "tags": ["Clause d'insertion"]})
    );
    assert_eq!(out[1].base, serde_json::json!({"status": 0, "tags": 0}));

    // Deleted means tombstoned: still stored, gone from lists.
    let rec = s.get::<Organisation>(id).unwrap().unwrap();
    assert!(rec.deleted_at.is_some());
    assert!(s.organisation_detail(id).unwrap().is_none());
    assert!(s.search("engie", &[], 10).unwrap().is_empty());
}

fn inject_outbox_failure(s: &tremplin_store::Store) {
    s.raw_connection()
        .execute_batch(
            "CREATE TEMP TRIGGER fail_outbox BEFORE INSERT ON outbox
             BEGIN SELECT RAISE(ABORT, 'injected outbox failure'); END;",
        )
        .unwrap();
}

#[test]
fn a_row_and_its_outbox_entry_are_written_together_or_not_at_all() {
    let mut s = common::store();
    let kept = common::add_org(&mut s, "Auchan Roncq", Some("59508"));
    let before = s.outbox_len().unwrap();
    inject_outbox_failure(&s);

    // Create: the row must not appear.
    let id = new_row_id();
    let o = common::org("Enedis Douai", OrgKind::Entreprise, Some("59178"));
    let err = s.write(|w| w.create(id, &o)).unwrap_err();
    assert!(matches!(err, StoreError::Sqlite(_)));
    assert!(s.get::<Organisation>(id).unwrap().is_none());
    assert!(s.search("enedis", &[], 10).unwrap().is_empty(), "search index rolled back too");

    // Update: the stored row must keep its old values.
    let mut changed = s.get::<Organisation>(kept).unwrap().unwrap().data;
    changed.name = "Auchan Hypermarché Roncq".into();
    assert!(s.write(|w| w.update(kept, &changed)).is_err());
    assert_eq!(s.get::<Organisation>(kept).unwrap().unwrap().data.name, "Auchan Roncq");

    // Delete: no tombstone.
    assert!(s.write(|w| w.delete::<Organisation>(kept)).is_err());
    assert!(s.get::<Organisation>(kept).unwrap().unwrap().deleted_at.is_none());

    // Several writes in one transaction: all or nothing.
    s.raw_connection().execute_batch("DROP TRIGGER temp.fail_outbox;").unwrap();
    let a = new_row_id();
    let res: Result<(), StoreError> = s.write(|w| {
        w.create(a, &common::org("SNCF Voyageurs Lille", OrgKind::Entreprise, None))?;
        w.create(a, &common::org("Doublon", OrgKind::Entreprise, None))
    });
    assert!(res.is_err(), "duplicate id must fail");
    assert!(s.get::<Organisation>(a).unwrap().is_none());
    assert_eq!(s.outbox_len().unwrap(), before);
}

#[test]
fn updating_a_missing_or_deleted_record_is_not_found() {
    let mut s = common::store();
    let o = common::org("La Poste", OrgKind::Entreprise, None);
    let err = s.write(|w| w.update(new_row_id(), &o)).unwrap_err();
    assert!(matches!(err, StoreError::NotFound { entity: "Organisation", .. }));
    let id = common::add_org(&mut s, "La Poste", None);
    s.write(|w| w.delete::<Organisation>(id)).unwrap();
    assert!(matches!(s.write(|w| w.update(id, &o)), Err(StoreError::NotFound { .. })));
    assert!(matches!(s.write(|w| w.delete::<Organisation>(id)), Err(StoreError::NotFound { .. })));
}
