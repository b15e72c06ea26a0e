//! Accounts and devices: Argon2id passwords, device tokens (256 random bits,
//! stored as SHA-256), login rate limiting kept in the database so that
//! every server process sees the same counts.

use std::sync::OnceLock;

use argon2::Argon2;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use axum::http::StatusCode;
use deadpool_postgres::Pool;
use rand::RngCore;
use sha2::{Digest, Sha256};
use tokio_postgres::GenericClient;
use tremplin_protocol::{LoginRequest, LoginResponse, Role, UserInfo};
use uuid::Uuid;

use crate::config::Config;
use crate::error::{ApiError, ApiResult};

/// Shortest password an administrator may set.
pub const MIN_PASSWORD_CHARS: usize = 12;

pub fn hash_password(password: &str) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| anyhow::anyhow!("hachage du mot de passe : {e}"))
}

fn verify_password(hash: &str, password: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|h| Argon2::default().verify_password(password.as_bytes(), &h).is_ok())
}

/// Verifying against this when the login is unknown keeps the answer time
/// the same, so response times do not tell which logins exist.
fn dummy_hash() -> &'static str {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| hash_password("tremplin-dummy-password").expect("argon2 works"))
}

pub fn check_password_policy(password: &str) -> anyhow::Result<()> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        anyhow::bail!("mot de passe trop court : au moins {MIN_PASSWORD_CHARS} caractères");
    }
    Ok(())
}

/// A new device token and the hash the server keeps.
fn new_token() -> (String, Vec<u8>) {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    let token = hex::encode(bytes);
    let hash = token_hash(&token);
    (token, hash)
}

fn token_hash(token: &str) -> Vec<u8> {
    Sha256::digest(token.as_bytes()).to_vec()
}

/// Who is calling: the user and the device their token belongs to.
#[derive(Debug, Clone)]
pub struct Caller {
    pub user: UserInfo,
    pub scope_epoch: i64,
    /// The server's id of the device (its row in `device`).
    pub device_id: Uuid,
    /// The device id the client database made for itself.
    pub client_device_id: Uuid,
}

pub(crate) fn user_from_row(r: &tokio_postgres::Row) -> ApiResult<UserInfo> {
    let role: String = r.get("role");
    Ok(UserInfo {
        id: r.get("id"),
        login: r.get("login"),
        display_name: r.get("display_name"),
        email: r.get("email"),
        role: Role::parse(&role).ok_or_else(|| ApiError::internal(format!("unknown role {role}")))?,
        dt_code: r.get("dt_code"),
    })
}

/// Resolves a bearer token to its live device and enabled user. A token
/// expires when its device has not synced for `device_idle_days` (each
/// sync renews it) and `device_max_days` after its login, whatever.
pub async fn authenticate(db: &impl GenericClient, cfg: &Config, token: &str) -> ApiResult<Caller> {
    let idle = f64::from(cfg.device_idle_days) * 86_400.0;
    let row = db
        .query_opt(
            "SELECT d.id AS device_id, d.client_device_id, d.last_seen_at < now() - interval '1 minute'
                    OR d.last_seen_at IS NULL AS stale,
                    u.id, u.login, u.display_name, u.email, u.role, u.dt_code, u.scope_epoch
               FROM device d JOIN app_user u ON u.id = d.user_id
              WHERE d.token_hash = $1 AND d.revoked_at IS NULL AND u.disabled_at IS NULL
                AND d.expires_at > now()
                AND coalesce(d.last_seen_at, d.created_at) > now() - make_interval(secs => $2)",
            &[&token_hash(token), &idle],
        )
        .await?
        .ok_or_else(|| {
            ApiError::unauthorized(
                "Session expirée ou appareil révoqué : reconnectez-vous (Paramètres › Connexion au serveur).",
            )
        })?;
    let device_id: Uuid = row.get("device_id");
    // "Last seen" to the minute is enough: no write on every request.
    if row.get::<_, bool>("stale") {
        db.execute("UPDATE device SET last_seen_at = now() WHERE id = $1", &[&device_id]).await?;
    }
    Ok(Caller {
        user: user_from_row(&row)?,
        scope_epoch: row.get("scope_epoch"),
        device_id,
        client_device_id: row.get("client_device_id"),
    })
}

/// Longest login and password taken (the login is indexed; an Argon2
/// check of a megabyte is a denial of service).
pub const MAX_LOGIN_CHARS: usize = 100;
pub const MAX_PASSWORD_CHARS: usize = 256;

/// Checks the password, counts the attempt and, on success, registers the
/// device with a new token.
///
/// The attempt is written, as pending, in the same transaction that
/// counts the earlier ones (under a lock per login and per address), so
/// parallel guesses all count; the password is checked after, on a
/// blocking thread, with no database connection held. An account's
/// failures count since its last successful login: from
/// `login_max_failures_per_account` on, each attempt waits twice as long
/// as the one before; at `login_lock_after_failures` the account is locked
/// until an administrator lifts it (`user unlock`); its devices keep
/// syncing. An address's failures count over the window.
pub async fn login(
    pool: &Pool,
    gate: &tokio::sync::Semaphore,
    cfg: &Config,
    address: &str,
    req: &LoginRequest,
) -> ApiResult<LoginResponse> {
    let raw_login = req.login.trim().to_lowercase();
    // Counted under a bounded key whatever was sent.
    let login: String = raw_login.chars().take(MAX_LOGIN_CHARS).collect();
    let device_name = req.device_name.trim();
    let malformed = if login.is_empty() || req.password.is_empty() {
        Some("Identifiant et mot de passe : les deux sont obligatoires.")
    } else if raw_login.chars().count() > MAX_LOGIN_CHARS || req.password.chars().count() > MAX_PASSWORD_CHARS
    {
        Some("Identifiant ou mot de passe trop long.")
    } else if device_name.is_empty() || device_name.chars().count() > 100 {
        Some("Nom de l'appareil : entre 1 et 100 caractères.")
    } else {
        None
    };

    let attempt = {
        // A flood of logins waits here, not on a pooled connection.
        let _turn = gate.acquire().await.map_err(ApiError::internal)?;
        let mut db = pool.get().await?;
        let tx = db.transaction().await?;
        tx.execute(
            "SELECT pg_advisory_xact_lock(hashtext('login:' || $1)), pg_advisory_xact_lock(hashtext('addr:' || $2))",
            &[&login, &address],
        )
        .await?;
        let window = f64::from(cfg.login_window_minutes) * 60.0;
        let counts = tx
            .query_one(
                "SELECT count(*) FILTER (WHERE login = $1
                            AND at > coalesce((SELECT max(at) FROM login_attempt WHERE login = $1 AND success),
                                              '-infinity')),
                        count(*) FILTER (WHERE address = $2 AND at > now() - make_interval(secs => $3)),
                        extract(epoch FROM now() - max(at) FILTER (WHERE login = $1))::float8,
                        (SELECT locked_at IS NOT NULL FROM app_user WHERE login = $1)
                   FROM login_attempt
                  WHERE success IS NOT TRUE AND (login = $1 OR address = $2)",
                &[&login, &address, &window],
            )
            .await?;
        let (by_login, by_address): (i64, i64) = (counts.get(0), counts.get(1));
        let since_last: Option<f64> = counts.get(2);
        let locked: Option<bool> = counts.get(3);
        let refusal = if let Some(message) = malformed {
            Some(ApiError::bad_request(message))
        } else if locked == Some(true) || by_login >= i64::from(cfg.login_lock_after_failures) {
            // Unknown logins answer the same: a lock tells nothing of which exist.
            tx.execute(
                "UPDATE app_user SET locked_at = now() WHERE login = $1 AND locked_at IS NULL",
                &[&login],
            )
            .await?;
            Some(ApiError::new(
                StatusCode::TOO_MANY_REQUESTS,
                "account_locked",
                "Trop de tentatives de connexion : ce compte est verrouillé ; demandez à l'administrateur de le débloquer. Vos postes déjà connectés continuent de se synchroniser.",
            ))
        } else if by_address >= i64::from(cfg.login_max_failures_per_address) {
            Some(too_many(cfg.login_window_minutes * 60))
        } else {
            let wait = backoff_seconds(by_login, cfg);
            match since_last {
                Some(since) if wait > 0 && since < f64::from(wait) => Some(too_many(wait - since as u32)),
                _ => None,
            }
        };
        let success: Option<bool> = if refusal.is_some() { Some(false) } else { None };
        let id: i64 = tx
            .query_one(
                "INSERT INTO login_attempt (login, address, success) VALUES ($1, $2, $3) RETURNING id",
                &[&login, &address, &success],
            )
            .await?
            .get(0);
        let user = tx
            .query_opt(
                "SELECT id, login, display_name, email, role, dt_code, password_hash,
                        disabled_at IS NOT NULL AS disabled
                   FROM app_user WHERE login = $1",
                &[&login],
            )
            .await?;
        tx.commit().await?;
        if let Some(e) = refusal {
            tracing::warn!(login, address, code = e.code, "login refused before the password check");
            return Err(e);
        }
        (id, user)
    };
    let (attempt_id, row) = attempt;

    let hash = row.as_ref().map_or_else(|| dummy_hash().to_string(), |r| r.get("password_hash"));
    let password = req.password.clone();
    let ok = tokio::task::spawn_blocking(move || verify_password(&hash, &password))
        .await
        .map_err(ApiError::internal)?;
    let user = match row {
        Some(r) if ok && !r.get::<_, bool>("disabled") => Some(user_from_row(&r)?),
        _ => None,
    };

    let db = pool.get().await?;
    db.execute("UPDATE login_attempt SET success = $2 WHERE id = $1", &[&attempt_id, &user.is_some()])
        .await?;
    let Some(user) = user else {
        tracing::info!(login, address, "login refused");
        return Err(ApiError::unauthorized("Identifiant ou mot de passe incorrect."));
    };
    let (token, hash) = new_token();
    let max = f64::from(cfg.device_max_days) * 86_400.0;
    db.execute(
        "INSERT INTO device (id, user_id, client_device_id, name, token_hash, last_seen_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, now(), now() + make_interval(secs => $6))",
        &[&Uuid::now_v7(), &user.id, &req.device_id, &device_name, &hash, &max],
    )
    .await?;
    tracing::info!(login, address, device = device_name, "login");
    Ok(LoginResponse { token, user })
}

/// Seconds to wait after `failures` failed attempts on an account: none
/// below the threshold, then 30 s, 60 s, 120 s… up to the window.
fn backoff_seconds(failures: i64, cfg: &Config) -> u32 {
    let over = failures - i64::from(cfg.login_max_failures_per_account);
    if over < 0 {
        return 0;
    }
    let cap = cfg.login_window_minutes.saturating_mul(60);
    30u32.saturating_mul(1u32.checked_shl(over.min(16) as u32).unwrap_or(u32::MAX)).min(cap)
}

fn too_many(seconds: u32) -> ApiError {
    let wait = if seconds >= 120 {
        format!("{} minutes", seconds.div_ceil(60))
    } else {
        format!("{} secondes", seconds.max(1))
    };
    ApiError::new(
        StatusCode::TOO_MANY_REQUESTS,
        "too_many_attempts",
        format!("Trop de tentatives de connexion : réessayez dans {wait}."),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_and_tokens() {
        let h = hash_password("correct horse battery").unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify_password(&h, "correct horse battery"));
        assert!(!verify_password(&h, "correct horse batterY"));
        let (t, th) = new_token();
        assert_eq!(t.len(), 64);
        assert_eq!(token_hash(&t), th);
        assert_ne!(new_token().0, t);
        assert!(check_password_policy("court").is_err());
    }

    #[test]
    fn the_wait_doubles_past_the_threshold_up_to_the_window() {
        let cfg = Config { login_max_failures_per_account: 5, login_window_minutes: 15, ..Config::default() };
        let waits: Vec<u32> = (3..=12).map(|n| backoff_seconds(n, &cfg)).collect();
        assert_eq!(waits, [0, 0, 30, 60, 120, 240, 480, 900, 900, 900]);
        assert_eq!(backoff_seconds(i64::MAX, &cfg), 900);
    }
}
