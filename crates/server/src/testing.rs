//! Helpers for tests that need a real server: a fresh PostgreSQL database
//! per test under `TREMPLIN_TEST_DATABASE_URL` (scripts/test.sh starts a
//! throwaway cluster and sets it), and a server on a free loopback port.

use std::net::SocketAddr;
use std::thread::JoinHandle;

use tokio::sync::oneshot;
use tremplin_protocol::Role;
use uuid::Uuid;

use crate::config::Config;
use crate::{admin, db};

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread().enable_all().build().expect("tokio runtime")
}

/// The admin URL of the test cluster.
pub fn admin_url() -> String {
    std::env::var("TREMPLIN_TEST_DATABASE_URL").expect(
        "TREMPLIN_TEST_DATABASE_URL is not set: run the tests with scripts/test.sh, or start a cluster with \
         `scripts/pg-test.sh /tmp/tremplin-pg` and export the URL it prints",
    )
}

/// Test databases older than this are dropped by the next test run, so a
/// long-lived developer cluster does not fill the disk.
const STALE_AFTER_SECS: u64 = 3 * 3600;

/// Creates an empty database and returns its URL. Its name carries its
/// creation time; the first call of a process drops stale ones.
pub fn fresh_database() -> String {
    static SWEPT: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
    let admin = admin_url();
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let name = format!("t_{now}_{}", Uuid::new_v4().simple());
    runtime().block_on(async {
        let (client, conn) = tokio_postgres::connect(&admin, tokio_postgres::NoTls)
            .await
            .expect("connect to the test cluster");
        tokio::spawn(conn);
        if !SWEPT.swap(true, std::sync::atomic::Ordering::SeqCst) {
            let rows = client
                .query("SELECT datname FROM pg_database WHERE datname LIKE 't\\_%'", &[])
                .await
                .expect("list test databases");
            for r in rows {
                let db: String = r.get(0);
                let born = db.split('_').nth(1).and_then(|t| t.parse::<u64>().ok());
                if born.is_some_and(|b| now.saturating_sub(b) > STALE_AFTER_SECS) {
                    let _ = client.batch_execute(&format!("DROP DATABASE IF EXISTS {db} WITH (FORCE)")).await;
                }
            }
        }
        client.batch_execute(&format!("CREATE DATABASE {name}")).await.expect("create the test database");
    });
    match admin.rfind('/') {
        Some(i) => format!("{}/{name}", &admin[..i]),
        None => panic!("TREMPLIN_TEST_DATABASE_URL has no database part: {admin}"),
    }
}

/// A config for a test server on a free loopback port.
pub fn config(database_url: &str) -> Config {
    Config {
        listen: "127.0.0.1:0".parse().expect("address"),
        database_url: database_url.to_string(),
        pool_size: 8,
        ..Config::default()
    }
}

/// Runs `f` against the database (migrated first).
pub fn with_db<T>(database_url: &str, f: impl AsyncFnOnce(&mut deadpool_postgres::Object) -> T) -> T {
    runtime().block_on(async {
        let pool = db::pool(&config(database_url)).expect("pool");
        db::migrate(&pool).await.expect("migrate");
        let mut client = pool.get().await.expect("connection");
        f(&mut client).await
    })
}

pub const TEST_PASSWORD: &str = "mot-de-passe-de-test";

/// Creates an account with [`TEST_PASSWORD`].
pub fn add_user(database_url: &str, login: &str, role: Role, dt: Option<&str>) -> Uuid {
    with_db(database_url, async |c| {
        admin::add_user(
            &***c,
            &admin::NewUser {
                login,
                display_name: login,
                email: None,
                role,
                dt_code: dt,
                password: TEST_PASSWORD,
            },
        )
        .await
        .expect("add user")
    })
}

/// A server running on its own thread until stopped or dropped.
pub struct TestServer {
    pub url: String,
    pub addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl TestServer {
    pub fn start(cfg: Config) -> Self {
        let (stop_tx, stop_rx) = oneshot::channel::<()>();
        let (addr_tx, addr_rx) = std::sync::mpsc::channel();
        let thread = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .expect("rt");
            rt.block_on(async move {
                let shutdown = async move {
                    let _ = stop_rx.await;
                };
                if let Err(e) =
                    crate::serve(cfg, shutdown, |a| addr_tx.send(a).expect("report address")).await
                {
                    panic!("test server failed: {e:#}");
                }
            });
        });
        let addr = addr_rx.recv().expect("the test server did not start");
        Self { url: format!("http://{addr}"), addr, stop: Some(stop_tx), thread: Some(thread) }
    }

    /// Stops the server and waits for it.
    pub fn stop(mut self) {
        self.shutdown();
    }

    fn shutdown(&mut self) {
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.shutdown();
    }
}

/// Fills the server with `n` synced rows (organisations, their contacts and
/// contact log entries, 1 : 2 : 3), as if pushed: for the benchmarks.
pub fn seed_rows(database_url: &str, n: i64, officer: Uuid) {
    with_db(database_url, async |c| {
        c.execute(
            "WITH g AS (SELECT i, (i - 1) % 6 AS k FROM generate_series(1, $1::bigint) AS i),
                  rows AS (
                    SELECT i,
                           CASE WHEN k = 0 THEN 'organisation' WHEN k < 3 THEN 'contact' ELSE 'interaction' END AS entity,
                           CASE WHEN k = 0 THEN jsonb_build_object(
                                  'kind', 'entreprise', 'name', 'Entreprise ' || i, 'legal_name', NULL, 'siren', NULL,
                                  'siret', NULL, 'naf_code', NULL, 'naf_version', NULL, 'commune_code', '59350',
                                  'postcode', '59000', 'address', i || ' rue Nationale', 'phone', NULL, 'email', NULL,
                                  'website', NULL, 'headcount_band', NULL, 'parent_id', NULL, 'owner_id', $2::uuid,
                                  'status', 'prospect', 'partner_type', NULL, 'tags', jsonb_build_array('BTP'),
                                  'notes', NULL)
                                WHEN k < 3 THEN jsonb_build_object(
                                  'organisation_id', md5('o' || (i - k))::uuid, 'first_name', 'Claire',
                                  'last_name', 'Contact ' || i, 'job_title', 'DRH', 'email', NULL, 'phone', NULL,
                                  'mobile', NULL, 'notes', NULL)
                                ELSE jsonb_build_object(
                                  'organisation_id', md5('o' || (i - k))::uuid, 'contact_id', NULL,
                                  'officer_id', $2::uuid, 'occurred_at', '2026-10-01T09:00:00.000Z',
                                  'channel', 'visite', 'subject', 'Visite ' || i,
                                  'notes', 'Présentation du contrat initiative-emploi et des aides du Département.',
                                  'outcome', NULL)
                           END AS data
                      FROM g)
             INSERT INTO sync_row (entity, row_id, data, field_versions, version, created_at, updated_at,
                                   restricted)
             SELECT entity, CASE WHEN entity = 'organisation' THEN md5('o' || i)::uuid ELSE md5('r' || i)::uuid END,
                    data, (SELECT jsonb_object_agg(key, i) FROM jsonb_object_keys(data) AS key), i, now(), now(),
                    false
               FROM rows",
            &[&n, &officer],
        )
        .await
        .expect("seed rows");
        c.execute("UPDATE sync_head SET version = $1 WHERE id = 1", &[&n]).await.expect("head");
    })
}
