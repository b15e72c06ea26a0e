//! The WAL is folded into the database file by the checkpointer's own
//! connection, never inside the writer's commits.

use std::path::Path;
use std::time::{Duration, Instant};

use tremplin_store::{Checkpointer, Store, StoreKey};

fn file_len(path: &Path) -> u64 {
    std::fs::metadata(path).map(|m| m.len()).unwrap_or(0)
}

/// ~8 MB of rows: twice SQLite's default checkpoint threshold (1,000 pages).
fn write_a_lot(store: &Store) {
    let conn = store.raw_connection();
    conn.execute_batch("CREATE TABLE scratch (v BLOB)").unwrap();
    for _ in 0..40 {
        conn.execute_batch(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100)
             INSERT INTO scratch SELECT randomblob(2000) FROM n",
        )
        .unwrap();
    }
}

#[test]
fn the_writer_leaves_checkpoints_to_the_checkpointer_which_folds_the_wal_soon_after_a_write() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("tremplin.db");
    let key = StoreKey::generate();
    let writer = Store::open(&db, &key).unwrap();
    let checkpointer = Checkpointer::start(&db, &key, &writer).unwrap();
    let auto: i64 = writer.raw_connection().query_row("PRAGMA wal_autocheckpoint", [], |r| r.get(0)).unwrap();
    assert_eq!(auto, 0, "the writer no longer checkpoints in its commits");

    let before = file_len(&db);
    write_a_lot(&writer);
    // Without the checkpointer nothing would reach the file: the writer's
    // automatic checkpoint is off.
    assert!(file_len(&db) < before + 4_000_000, "the writer checkpointed itself");
    checkpointer.nudge();
    let deadline = Instant::now() + Duration::from_secs(10);
    while file_len(&db) < before + 8_000_000 {
        assert!(Instant::now() < deadline, "the WAL was not folded into the file");
        std::thread::sleep(Duration::from_millis(20));
    }

    // Closing the checkpointer, then the writer, leaves no WAL behind.
    drop(checkpointer);
    drop(writer);
    assert_eq!(file_len(&dir.path().join("tremplin.db-wal")), 0);
}
