//! Tremplin's central server: accounts and devices, the sync protocol's
//! push and pull over PostgreSQL, scopes, and the audit trail of every
//! applied change. Stateless: any number of processes may share a database.

pub mod admin;
pub mod auth;
pub mod config;
pub mod db;
pub mod error;
pub mod pull;
pub mod push;
pub mod reference;
pub mod retention;
pub mod routes;
pub mod rules;
pub mod scope;
#[doc(hidden)]
pub mod testing;

use std::future::Future;
use std::net::SocketAddr;

use anyhow::Context;

pub use config::Config;
pub use routes::{AppState, router};

/// Connects, migrates, binds and serves until `shutdown` resolves.
/// `on_bound` receives the bound address (port 0 picks a free one).
pub async fn serve(
    cfg: Config,
    shutdown: impl Future<Output = ()> + Send + 'static,
    on_bound: impl FnOnce(SocketAddr),
) -> anyhow::Result<()> {
    let pool = db::pool(&cfg)?;
    let applied = db::migrate(&pool).await?;
    if !applied.is_empty() {
        tracing::info!(?applied, "migrations applied");
    }
    spawn_purge(pool.clone(), cfg.clone());
    let state = AppState::new(pool, cfg.clone());
    let app = router(state).into_make_service_with_connect_info::<SocketAddr>();
    match (&cfg.tls_cert, &cfg.tls_key) {
        (Some(cert), Some(key)) => {
            let _ = rustls::crypto::ring::default_provider().install_default();
            let tls = axum_server::tls_rustls::RustlsConfig::from_pem_file(cert, key)
                .await
                .context("lecture du certificat ou de la clé TLS")?;
            let listener = std::net::TcpListener::bind(cfg.listen)
                .with_context(|| format!("impossible d'écouter sur {}", cfg.listen))?;
            let addr = listener.local_addr()?;
            let handle = axum_server::Handle::new();
            let h = handle.clone();
            tokio::spawn(async move {
                shutdown.await;
                h.graceful_shutdown(Some(std::time::Duration::from_secs(10)));
            });
            tracing::info!(%addr, "listening (HTTPS)");
            on_bound(addr);
            axum_server::from_tcp_rustls(listener, tls).handle(handle).serve(app).await?;
        }
        _ => {
            let listener = tokio::net::TcpListener::bind(cfg.listen)
                .await
                .with_context(|| format!("impossible d'écouter sur {}", cfg.listen))?;
            let addr = listener.local_addr()?;
            tracing::info!(%addr, "listening (HTTP, loopback only)");
            on_bound(addr);
            axum::serve(listener, app).with_graceful_shutdown(shutdown).await?;
        }
    }
    Ok(())
}

/// Purges old tombstones and bookkeeping at start-up and then daily. Safe
/// with several processes: the tombstone purge takes the same lock as pushes.
fn spawn_purge(pool: deadpool_postgres::Pool, cfg: Config) {
    tokio::spawn(async move {
        let mut every = tokio::time::interval(std::time::Duration::from_secs(24 * 3600));
        loop {
            every.tick().await;
            let result = async {
                let mut c = pool.get().await?;
                let n = admin::purge_tombstones(&mut c, cfg.tombstone_horizon_days).await?;
                let erased = retention::run(&mut c, chrono::Utc::now().date_naive()).await?;
                for e in &erased {
                    tracing::info!(rule = ?e.rule, action = %e.action, entity = %e.entity, count = e.count, "retention");
                }
                let (attempts, mutations) =
                    admin::purge_bookkeeping(&**c, cfg.login_attempts_days, cfg.tombstone_horizon_days)
                        .await?;
                anyhow::Ok((n, attempts, mutations))
            }
            .await;
            match result {
                Ok((0, 0, 0)) => {}
                Ok((n, attempts, mutations)) => tracing::info!(tombstones = n, attempts, mutations, "purged"),
                Err(e) => tracing::warn!(error = %e, "purge failed"),
            }
        }
    });
}
