//! The PostgreSQL pool and the embedded schema migrations.

use anyhow::Context;
use deadpool_postgres::{Manager, ManagerConfig, Pool, RecyclingMethod};
use tokio_postgres::NoTls;

use crate::config::Config;

/// Server schema migrations, in order: (version, SQL).
pub const MIGRATIONS: &[(i32, &str)] = &[(1, include_str!("../../../migrations/server/0001_sync.sql"))];

/// Any number for the migration lock, the same in every process.
const MIGRATION_LOCK: i64 = 0x7472_656d_706c;

pub fn pool(cfg: &Config) -> anyhow::Result<Pool> {
    let pg: tokio_postgres::Config = cfg.database_url.parse().context("database_url invalide")?;
    let mgr = Manager::from_config(pg, NoTls, ManagerConfig { recycling_method: RecyclingMethod::Fast });
    Pool::builder(mgr).max_size(cfg.pool_size).build().context("pool PostgreSQL")
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
