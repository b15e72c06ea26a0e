//! The PostgreSQL pool and the embedded schema migrations.

use anyhow::Context;
use std::time::Duration;

use deadpool_postgres::{Manager, ManagerConfig, Pool, RecyclingMethod, Runtime};
use rustls::pki_types::CertificateDer;
use rustls::pki_types::pem::PemObject;
use tokio_postgres::NoTls;
use tokio_postgres::config::{Host, SslMode};
use tokio_postgres_rustls::MakeRustlsConnect;

use crate::config::Config;

/// Server schema migrations, in order: (version, SQL).
pub const MIGRATIONS: &[(i32, &str)] = &[
    (1, include_str!("../../../migrations/server/0001_sync.sql")),
    (2, include_str!("../../../migrations/server/0002_trust.sql")),
    (3, include_str!("../../../migrations/server/0003_minimisation.sql")),
    (4, include_str!("../../../migrations/server/0004_placement.sql")),
    (5, include_str!("../../../migrations/server/0005_events.sql")),
    (6, include_str!("../../../migrations/server/0006_event_rules.sql")),
];

/// Any number for the migration lock, the same in every process.
const MIGRATION_LOCK: i64 = 0x7472_656d_706c;

/// The connection pool. A database that is not on this machine (loopback
/// or Unix socket) is reached over TLS only, its certificate checked
/// against the public roots or `database_ca`.
pub fn pool(cfg: &Config) -> anyhow::Result<Pool> {
    let mut pg: tokio_postgres::Config = cfg.database_url.parse().context("database_url invalide")?;
    let mgr_cfg = ManagerConfig { recycling_method: RecyclingMethod::Fast };
    let mgr = if is_local(&pg) {
        Manager::from_config(pg, NoTls, mgr_cfg)
    } else {
        pg.ssl_mode(SslMode::Require);
        Manager::from_config(pg, MakeRustlsConnect::new(tls_config(cfg.database_ca.as_deref())?), mgr_cfg)
    };
    let wait = Some(Duration::from_secs(cfg.pool_wait_seconds));
    Pool::builder(mgr)
        .max_size(cfg.pool_size)
        .runtime(Runtime::Tokio1)
        .wait_timeout(wait)
        .create_timeout(wait)
        .build()
        .context("pool PostgreSQL")
}

/// Every host of the URL is this machine.
fn is_local(pg: &tokio_postgres::Config) -> bool {
    pg.get_hosts().iter().all(|h| match h {
        Host::Tcp(name) => {
            name == "localhost" || name.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
        }
        #[cfg(unix)]
        Host::Unix(_) => true,
    })
}

fn tls_config(ca: Option<&std::path::Path>) -> anyhow::Result<rustls::ClientConfig> {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let mut roots = rustls::RootCertStore::empty();
    match ca {
        Some(path) => {
            for cert in CertificateDer::pem_file_iter(path)
                .with_context(|| format!("lecture de database_ca {}", path.display()))?
            {
                roots.add(cert.context("database_ca : certificat illisible")?)?;
            }
        }
        None => roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned()),
    }
    Ok(rustls::ClientConfig::builder().with_root_certificates(roots).with_no_client_auth())
}

/// Applies the missing migrations; safe when several servers start at once.
pub async fn migrate(pool: &Pool) -> anyhow::Result<Vec<i32>> {
    let mut client = pool.get().await.context("connexion à PostgreSQL")?;
    let tx = client.transaction().await?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK]).await?;
    tx.batch_execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations (
             version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())",
    )
    .await?;
    let done: Vec<i32> =
        tx.query("SELECT version FROM schema_migrations", &[]).await?.iter().map(|r| r.get(0)).collect();
    if let Some(newer) = done.iter().find(|v| **v > MIGRATIONS.last().map_or(0, |m| m.0)) {
        anyhow::bail!("la base est au schéma {newer}, plus récent que ce serveur : mettez le serveur à jour");
    }
    let mut applied = Vec::new();
    for (version, sql) in MIGRATIONS {
        if done.contains(version) {
            continue;
        }
        tx.batch_execute(sql).await.with_context(|| format!("migration {version}"))?;
        tx.execute("INSERT INTO schema_migrations (version) VALUES ($1)", &[version]).await?;
        applied.push(*version);
    }
    tx.commit().await?;
    Ok(applied)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_database_on_this_machine_goes_without_tls() {
        let local = |url: &str| is_local(&url.parse().unwrap());
        assert!(local("postgres://t@127.0.0.1:5432/t"));
        assert!(local("postgres://t@localhost/t"));
        assert!(local("postgres://t@[::1]:5432/t"));
        assert!(local("host=/var/run/postgresql user=t dbname=t"));
        assert!(!local("postgres://t@db.departement59.fr/t"));
        assert!(!local("postgres://t@10.0.0.5/t"));
        assert!(!local("host=127.0.0.1,db.example user=t"), "every host counts");
    }

    #[test]
    fn a_remote_database_gets_a_tls_pool() {
        let cfg = Config { database_url: "postgres://t@db.departement59.fr/t".into(), ..Config::default() };
        assert!(pool(&cfg).is_ok(), "the public roots load");
        let cfg = Config { database_ca: Some("/nonexistent/ca.pem".into()), ..cfg };
        assert!(pool(&cfg).unwrap_err().to_string().contains("database_ca"));
    }
}
