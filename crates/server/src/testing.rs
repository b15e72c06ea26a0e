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

/// Creates an empty database and returns its URL.
pub fn fresh_database() -> String {
    let admin = admin_url();
    let name = format!("t_{}", Uuid::new_v4().simple());
    runtime().block_on(async {
        let (client, conn) = tokio_postgres::connect(&admin, tokio_postgres::NoTls)
            .await
            .expect("connect to the test cluster");
        tokio::spawn(conn);
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
