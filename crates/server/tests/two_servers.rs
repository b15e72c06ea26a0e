//! Two server processes on one database, concurrent pushes through both,
//! and a device pulling through either: it never skips a version (the
//! cursor invariant: commit order = version order).

mod support;

use std::collections::HashSet;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use support::*;
use tremplin_protocol::{PullEntry, Role};
use tremplin_server::testing::{self, TestServer, add_user, fresh_database};
use uuid::Uuid;

#[test]
fn a_puller_alternating_between_two_servers_never_skips_a_change() {
    let db = fresh_database();
    let a = TestServer::start(testing::config(&db));
    let b = TestServer::start(testing::config(&db));
    let logins = ["p0", "p1", "p2", "p3"];
    for l in logins.iter().chain(&["reader"]) {
        add_user(&db, l, Role::ChargeRelationsEntreprises, None);
    }
    let urls = [a.url.clone(), b.url.clone()];
    let created = Arc::new(Mutex::new(HashSet::new()));
    let done = Arc::new(AtomicBool::new(false));

    let reader_api = Api::new(&urls[0]);
    let reader = reader_api.login("reader");
    let puller = {
        let urls = urls.clone();
        let done = done.clone();
        std::thread::spawn(move || {
            let apis = [Api::new(&urls[0]), Api::new(&urls[1])];
            let mut cursor = 0;
            let mut seen = HashSet::new();
            let mut polls = 0u64;
            loop {
                let finished = done.load(Ordering::SeqCst);
                let page = apis[(polls % 2) as usize].pull(&reader, cursor, 7);
                polls += 1;
                assert!(page.cursor >= cursor, "cursor went back");
                for e in &page.entries {
                    assert!(e.version() > cursor, "a version at or below the cursor came back");
                    if let PullEntry::Row(r) = e {
                        seen.insert(r.row_id);
                    }
                }
                cursor = page.cursor;
                if finished && !page.has_more {
                    return (seen, polls);
                }
            }
        })
    };
    let pushers: Vec<_> = logins
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let url = urls[i % 2].clone();
            let created = created.clone();
            let login = l.to_string();
            std::thread::spawn(move || {
                let api = Api::new(&url);
                let d = api.login(&login);
                for batch in 0..25 {
                    let ids: Vec<Uuid> = (0..4).map(|_| Uuid::now_v7()).collect();
                    let ms = ids
                        .iter()
                        .map(|id| create("organisation", *id, org_data(&format!("{login} lot {batch}"))))
                        .collect();
                    for o in api.push(&d, ms) {
                        version(&o);
                    }
                    created.lock().unwrap().extend(ids);
                }
            })
        })
        .collect();
    for p in pushers {
        p.join().unwrap();
    }
    done.store(true, Ordering::SeqCst);
    let (seen, polls) = puller.join().unwrap();
    let created = created.lock().unwrap();
    assert_eq!(created.len(), 400);
    let missed = created.difference(&seen).count();
    assert_eq!(missed, 0, "{missed} change(s) skipped by a device that polled {polls} times");
    // Versions are dense: 400 creates, versions 1..=400.
    let (max, n): (i64, i64) = testing::with_db(&db, async |c| {
        let r = c.query_one("SELECT max(version), count(*) FROM sync_change", &[]).await.unwrap();
        (r.get(0), r.get(1))
    });
    assert_eq!((max, n), (400, 400));
}
