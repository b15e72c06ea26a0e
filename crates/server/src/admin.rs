//! Administration: accounts, devices, tombstone purge. Used by the
//! `tremplin-server` subcommands and by the tests.

use anyhow::{Context, bail};
use tokio_postgres::GenericClient;
use tremplin_protocol::Role;
use uuid::Uuid;

use crate::auth::{check_password_policy, hash_password};

pub struct NewUser<'a> {
    pub login: &'a str,
    pub display_name: &'a str,
    pub email: Option<&'a str>,
    pub role: Role,
    pub dt_code: Option<&'a str>,
    pub password: &'a str,
}

fn check_login(login: &str) -> anyhow::Result<String> {
    let l = login.trim().to_lowercase();
    if l.is_empty() || l.len() > 100 || l.chars().any(char::is_whitespace) {
        bail!("identifiant invalide « {login} » : 1 à 100 caractères, sans espace");
    }
    Ok(l)
}

pub async fn add_user(db: &impl GenericClient, u: &NewUser<'_>) -> anyhow::Result<Uuid> {
    let login = check_login(u.login)?;
    check_password_policy(u.password)?;
    if u.display_name.trim().is_empty() {
        bail!("nom affiché obligatoire");
    }
    if u.role == Role::ResponsableTerritorial && u.dt_code.is_none() {
        bail!("un·e responsable territorial·e a une DT : précisez --dt");
    }
    let id = Uuid::now_v7();
    let hash = hash_password(u.password)?;
    let n = db
        .execute(
            "INSERT INTO app_user (id, login, display_name, email, role, dt_code, password_hash)
             VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (login) DO NOTHING",
            &[&id, &login, &u.display_name.trim(), &u.email, &u.role.as_str(), &u.dt_code, &hash],
        )
        .await?;
    if n == 0 {
        bail!("l'identifiant « {login} » existe déjà");
    }
    Ok(id)
}

async fn user_id(db: &impl GenericClient, login: &str) -> anyhow::Result<Uuid> {
    let login = check_login(login)?;
    db.query_opt("SELECT id FROM app_user WHERE login = $1", &[&login])
        .await?
        .map(|r| r.get(0))
        .with_context(|| format!("aucun compte « {login} »"))
}

/// Sets a new password and revokes the account's devices (a reset after a
/// stolen laptop must cut it off); also lifts a lock.
pub async fn set_password(db: &impl GenericClient, login: &str, password: &str) -> anyhow::Result<()> {
    check_password_policy(password)?;
    let id = user_id(db, login).await?;
    db.execute("UPDATE app_user SET password_hash = $2 WHERE id = $1", &[&id, &hash_password(password)?])
        .await?;
    db.execute("UPDATE device SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL", &[&id])
        .await?;
    unlock(db, login).await
}

/// Lifts an account's lock after too many failed logins. Failures count
/// since the last success: a successful attempt is recorded in the
/// administrator's name, so the count starts again.
pub async fn unlock(db: &impl GenericClient, login: &str) -> anyhow::Result<()> {
    let id = user_id(db, login).await?;
    db.execute("UPDATE app_user SET locked_at = NULL WHERE id = $1", &[&id]).await?;
    db.execute(
        "INSERT INTO login_attempt (login, address, success) SELECT login, 'administrateur', true
           FROM app_user WHERE id = $1",
        &[&id],
    )
    .await?;
    Ok(())
}

/// Removes the bookkeeping past its horizon: login attempts older than
/// `attempts_days`, mutation outcomes older than the tombstone horizon (a
/// device that old pulls everything again anyway). Returns the counts.
pub async fn purge_bookkeeping(
    db: &impl GenericClient,
    attempts_days: u32,
    horizon_days: u32,
) -> anyhow::Result<(u64, u64)> {
    let attempts = db
        .execute(
            "DELETE FROM login_attempt WHERE at < now() - make_interval(days => $1)",
            &[&(attempts_days as i32)],
        )
        .await?;
    let mutations = db
        .execute(
            "DELETE FROM sync_mutation WHERE received_at < now() - make_interval(days => $1)",
            &[&(horizon_days as i32)],
        )
        .await?;
    Ok((attempts, mutations))
}

/// Disables an account and revokes all its devices.
pub async fn disable_user(db: &impl GenericClient, login: &str) -> anyhow::Result<u64> {
    let id = user_id(db, login).await?;
    db.execute("UPDATE app_user SET disabled_at = coalesce(disabled_at, now()) WHERE id = $1", &[&id])
        .await?;
    Ok(db
        .execute("UPDATE device SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL", &[&id])
        .await?)
}

/// Changes a user's role and/or DT. What they, and the territorial managers
/// of the DTs concerned, may see changes: their scope epochs move on.
pub async fn set_scope(
    db: &impl GenericClient,
    login: &str,
    role: Option<Role>,
    dt_code: Option<Option<&str>>,
) -> anyhow::Result<()> {
    let id = user_id(db, login).await?;
    let before: Option<String> =
        db.query_one("SELECT dt_code FROM app_user WHERE id = $1", &[&id]).await?.get(0);
    if let Some(role) = role {
        db.execute("UPDATE app_user SET role = $2 WHERE id = $1", &[&id, &role.as_str()]).await?;
    }
    if let Some(dt) = dt_code {
        db.execute("UPDATE app_user SET dt_code = $2 WHERE id = $1", &[&id, &dt]).await?;
    }
    let after: Option<String> =
        db.query_one("SELECT dt_code FROM app_user WHERE id = $1", &[&id]).await?.get(0);
    db.execute(
        "UPDATE app_user SET scope_epoch = scope_epoch + 1
          WHERE id = $1 OR (role = 'responsable_territorial' AND dt_code IN ($2, $3))",
        &[&id, &before, &after],
    )
    .await?;
    Ok(())
}

pub struct DeviceRow {
    pub id: Uuid,
    pub login: String,
    pub name: String,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub last_seen_at: Option<chrono::DateTime<chrono::Utc>>,
    pub revoked: bool,
}

pub async fn list_devices(db: &impl GenericClient, login: Option<&str>) -> anyhow::Result<Vec<DeviceRow>> {
    let login = login.map(check_login).transpose()?;
    Ok(db
        .query(
            "SELECT d.id, u.login, d.name, d.created_at, d.last_seen_at, d.revoked_at IS NOT NULL
               FROM device d JOIN app_user u ON u.id = d.user_id
              WHERE $1::text IS NULL OR u.login = $1
              ORDER BY u.login, d.created_at",
            &[&login],
        )
        .await?
        .iter()
        .map(|r| DeviceRow {
            id: r.get(0),
            login: r.get(1),
            name: r.get(2),
            created_at: r.get(3),
            last_seen_at: r.get(4),
            revoked: r.get(5),
        })
        .collect())
}

pub async fn revoke_device(db: &impl GenericClient, id: Uuid) -> anyhow::Result<()> {
    let n = db
        .execute("UPDATE device SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1", &[&id])
        .await?;
    if n == 0 {
        bail!("aucun appareil {id}");
    }
    Ok(())
}

/// Removes tombstones older than the horizon; returns how many.
pub async fn purge_tombstones(db: &mut deadpool_postgres::Object, horizon_days: u32) -> anyhow::Result<u64> {
    let tx = db.transaction().await?;
    // Same lock as pushes: purged_below moves in step with the versions.
    tx.query_one("SELECT version FROM sync_head WHERE id = 1 FOR UPDATE", &[]).await?;
    let row = tx
        .query_one(
            "WITH gone AS (DELETE FROM sync_row
                            WHERE deleted_at < now() - make_interval(days => $1) RETURNING version)
             SELECT count(*), max(version) FROM gone",
            &[&(horizon_days as i32)],
        )
        .await?;
    let (n, max): (i64, Option<i64>) = (row.get(0), row.get(1));
    if let Some(max) = max {
        tx.execute("UPDATE sync_head SET purged_below = greatest(purged_below, $1) WHERE id = 1", &[&max])
            .await?;
    }
    tx.commit().await?;
    Ok(n as u64)
}
