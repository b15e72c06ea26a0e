mod common;

use tremplin_domain::organisation::Organisation;
use tremplin_store::search::SearchEntity;
use tremplin_store::{LATEST_SCHEMA_VERSION, Store, StoreError, StoreKey};

#[test]
fn database_file_is_unreadable_without_its_key() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tremplin.db");
    let key = StoreKey::generate();
    {
        let mut s = Store::open(&path, &key).unwrap();
        common::add_org(&mut s, "Boulangerie Zéphyrin", Some("59512"));
        // Make sure everything reached the main file.
        s.raw_connection().execute_batch("PRAGMA wal_checkpoint(TRUNCATE);").unwrap();
    }
    for file in std::fs::read_dir(dir.path()).unwrap() {
        let bytes = std::fs::read(file.unwrap().path()).unwrap();
        for needle in ["Zéphyrin", "Boulangerie", "Roubaix", "SQLite format 3"] {
            assert!(
                !bytes.windows(needle.len()).any(|w| w == needle.as_bytes()),
                "{needle} readable in clear"
            );
        }
    }
    // A plain SQLite open (no key) cannot read it.
    let plain = rusqlite::Connection::open(&path).unwrap();
    let err = plain.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0)).unwrap_err();
    assert_eq!(err.sqlite_error_code(), Some(rusqlite::ErrorCode::NotADatabase));
    drop(plain);

    // A wrong key is a clear error, not a crash.
    let err = Store::open(&path, &StoreKey::generate()).err().expect("wrong key must fail");
    assert!(matches!(err, StoreError::WrongKey));
    assert!(err.to_string().contains("clé"), "{err}");

    // The right key reads it back.
    let s = Store::open(&path, &key).unwrap();
    let hits = s.search("zephyrin", &[], 10).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].title, "Boulangerie Zéphyrin");
}

#[test]
fn a_file_that_is_not_a_database_is_refused_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.txt");
    std::fs::write(&path, "ceci n'est pas une base de données, juste du texte".repeat(100)).unwrap();
    assert!(matches!(Store::open(&path, &StoreKey::generate()), Err(StoreError::WrongKey)));
}

#[test]
fn migrations_apply_on_an_empty_database() {
    let s = common::store();
    assert_eq!(s.schema_version().unwrap(), LATEST_SCHEMA_VERSION);
    assert_eq!(s.commune("59350").unwrap().unwrap().nom, "Lille");
    assert_eq!(s.directions_territoriales().unwrap().len(), 8);
}

#[test]
fn migrations_upgrade_a_previous_version_database_with_its_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    let key = StoreKey::generate();
    let id = {
        let s = Store::open_at_schema_version(&path, &key, 1).unwrap();
        assert_eq!(s.schema_version().unwrap(), 1);
        // Written as version 1 knew the table (today's writer has more columns).
        let id = tremplin_domain::new_row_id();
        s.raw_connection()
            .execute(
                "INSERT INTO organisation (id, kind, name, commune_code, status, created_at, updated_at)
                 VALUES (?1, 'entreprise', 'Partenord Habitat', '59350', 'partenaire_actif',
                         '2026-01-05T09:00:00Z', '2026-01-05T09:00:00Z')",
                [id.to_string()],
            )
            .unwrap();
        id
    };
    let s = Store::open(&path, &key).unwrap();
    assert_eq!(s.schema_version().unwrap(), LATEST_SCHEMA_VERSION);
    // Version 2 indexed what version 1 held.
    let hits = s.search("partenord", &[SearchEntity::Organisation], 10).unwrap();
    assert_eq!(hits.iter().map(|h| h.id).collect::<Vec<_>>(), vec![id]);
    let org = s.get::<Organisation>(id).unwrap().unwrap().data;
    assert_eq!(org.name, "Partenord Habitat");
    // Version 4's columns have their defaults.
    assert_eq!((org.idcc, org.account_team.len()), (None, 0));
    // Version 7's reference data (ROME) is loaded at the upgrade, though the
    // old database had its reference data already.
    assert_eq!(s.rome_label("D1102").unwrap().as_deref(), Some("Boulanger / Boulangère"));
    // Re-opening is a no-op.
    drop(s);
    assert_eq!(Store::open(&path, &key).unwrap().schema_version().unwrap(), LATEST_SCHEMA_VERSION);
}

#[test]
fn a_database_from_a_newer_release_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.db");
    let key = StoreKey::generate();
    {
        let s = Store::open(&path, &key).unwrap();
        s.raw_connection()
            .execute(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, '0099_future', 'x')",
                [],
            )
            .unwrap();
    }
    match Store::open(&path, &key) {
        Err(e @ StoreError::SchemaTooNew { found: 99, .. }) => {
            assert!(e.to_string().contains("Mettez Tremplin à jour"), "{e}")
        }
        other => panic!("expected SchemaTooNew, got {:?}", other.err()),
    }
}

#[test]
fn many_stores_can_be_opened_at_once() {
    // Parallel first opens once failed inside SQLCipher's keying.
    let threads: Vec<_> = (0..8)
        .map(|_| {
            std::thread::spawn(|| {
                for _ in 0..60 {
                    Store::open_in_memory(&StoreKey::generate()).expect("open");
                }
            })
        })
        .collect();
    for t in threads {
        t.join().expect("no thread failed");
    }
}

#[test]
fn version_6_records_derogations_as_the_provision_not_the_situation() {
    use tremplin_domain::cie::{AidedContract, LimitException};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v5.db");
    let key = StoreKey::generate();
    let id = tremplin_domain::new_row_id();
    {
        let s = Store::open_at_schema_version(&path, &key, 5).unwrap();
        let c = s.raw_connection();
        c.execute(
            "INSERT INTO aided_contract (id, contract_type, employer_id, person_id, rome_code, job_title,
                 employment, starts_on, aid_starts_on, aid_ends_on, contract_hours_centi, rate_bp,
                 exceptions, status, created_at, updated_at)
             VALUES (?1, 'cie', ?2, ?3, 'K2204', 'Agent', 'cdi', '2026-01-01', '2026-01-01', '2026-12-31',
                     3500, 4700, '[\"rqth\",\"age50_difficultes\",\"amenagement_peine\"]', 'projet',
                     '2026-01-05T09:00:00Z', '2026-01-05T09:00:00Z')",
            [
                id.to_string(),
                tremplin_domain::new_row_id().to_string(),
                tremplin_domain::new_row_id().to_string(),
            ],
        )
        .unwrap();
        c.execute(
            "INSERT INTO outbox (mutation_id, entity, row_id, kind, patch, base, created_at)
             VALUES ('m1', 'aided_contract', ?1, 'update', '{\"exceptions\":[\"age58\",\"senior60\"]}', '{}',
                     '2026-01-05T09:00:00Z')",
            [id.to_string()],
        )
        .unwrap();
    }
    let s = Store::open(&path, &key).unwrap();
    let raw: String = s
        .raw_connection()
        .query_row("SELECT exceptions FROM aided_contract WHERE id = ?1", [id.to_string()], |r| r.get(0))
        .unwrap();
    assert!(!raw.contains("rqth") && !raw.contains("peine") && !raw.contains("age"), "{raw}");
    let c = s.get::<AidedContract>(id).unwrap().unwrap().data;
    let mut got = c.exceptions.clone();
    got.sort_by_key(|e| format!("{e:?}"));
    assert_eq!(got, vec![LimitException::DureeCinqAns, LimitException::DureeMinimaleReduite]);
    assert_eq!((c.aid_decided_on, c.bilan.as_deref()), (None, None));
    let patch: String = s
        .raw_connection()
        .query_row("SELECT patch FROM outbox WHERE mutation_id = 'm1'", [], |r| r.get(0))
        .unwrap();
    assert!(patch.contains("jusqu_a_la_retraite") && patch.contains("horaire_reduit"), "{patch}");
    assert!(!patch.contains("age58") && !patch.contains("senior60"), "{patch}");
}
