//! Accounts and devices: Argon2id passwords, device tokens (256 random bits,
//! stored as SHA-256), login rate limiting kept in the database so that
//! every server process sees the same counts.

use std::sync::OnceLock;

use argon2::Argon2;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use axum::http::StatusCode;
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

/// Resolves a bearer token to its live device and enabled user.
pub async fn authenticate(db: &impl GenericClient, token: &str) -> ApiResult<Caller> {
    let row = db
        .query_opt(
            "SELECT d.id AS device_id, d.client_device_id, d.last_seen_at < now() - interval '1 minute'
                    OR d.last_seen_at IS NULL AS stale,
                    u.id, u.login, u.display_name, u.email, u.role, u.dt_code, u.scope_epoch
               FROM device d JOIN app_user u ON u.id = d.user_id
              WHERE d.token_hash = $1 AND d.revoked_at IS NULL AND u.disabled_at IS NULL",
            &[&token_hash(token)],
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

/// Checks the password, counts the attempt and, on success, registers the
/// device with a new token. An account's failures count since its last
/// successful login; an address's, over the whole window.
pub async fn login(
    db: &mut deadpool_postgres::Object,
    cfg: &Config,
    address: &str,
    req: &LoginRequest,
) -> ApiResult<LoginResponse> {
    let login = req.login.trim().to_lowercase();
    if login.is_empty() || req.password.is_empty() {
        return Err(ApiError::bad_request("Identifiant et mot de passe : les deux sont obligatoires."));
    }
    let device_name = req.device_name.trim();
    if device_name.is_empty() || device_name.chars().count() > 100 {
        return Err(ApiError::bad_request("Nom de l'appareil : entre 1 et 100 caractères."));
    }
    let window = f64::from(cfg.login_window_minutes) * 60.0;
    let counts = db
        .query_one(
            "SELECT count(*) FILTER (WHERE login = $1
                        AND at > coalesce((SELECT max(at) FROM login_attempt WHERE login = $1 AND success),
                                          '-infinity')),
                    count(*) FILTER (WHERE address = $2)
               FROM login_attempt
              WHERE NOT success AND at > now() - make_interval(secs => $3) AND (login = $1 OR address = $2)",
            &[&login, &address, &window],
        )
        .await?;
    let (by_login, by_address): (i64, i64) = (counts.get(0), counts.get(1));
    if by_login >= i64::from(cfg.login_max_failures_per_account)
        || by_address >= i64::from(cfg.login_max_failures_per_address)
    {
        tracing::warn!(login, address, "login rate-limited");
        return Err(ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            "too_many_attempts",
            format!("Trop de tentatives de connexion : réessayez dans {} minutes.", cfg.login_window_minutes),
        ));
    }

    let row = db
        .query_opt(
            "SELECT id, login, display_name, email, role, dt_code, password_hash, disabled_at IS NOT NULL AS disabled
               FROM app_user WHERE login = $1",
            &[&login],
        )
        .await?;
    let hash = row.as_ref().map_or_else(|| dummy_hash().to_string(), |r| r.get("password_hash"));
    let password = req.password.clone();
    let ok = tokio::task::spawn_blocking(move || verify_password(&hash, &password))
        .await
        .map_err(ApiError::internal)?;
    let user = match row {
        Some(r) if ok && !r.get::<_, bool>("disabled") => Some(user_from_row(&r)?),
        _ => None,
    };
    db.execute(
        "INSERT INTO login_attempt (login, address, success) VALUES ($1, $2, $3)",
        &[&login, &address, &user.is_some()],
    )
    .await?;
    let Some(user) = user else {
        tracing::info!(login, address, "login refused");
        return Err(ApiError::unauthorized("Identifiant ou mot de passe incorrect."));
    };

    let (token, hash) = new_token();
    db.execute(
        "INSERT INTO device (id, user_id, client_device_id, name, token_hash, last_seen_at)
         VALUES ($1, $2, $3, $4, $5, now())",
        &[&Uuid::now_v7(), &user.id, &req.device_id, &device_name, &hash],
    )
    .await?;
    tracing::info!(login, address, device = device_name, "login");
    Ok(LoginResponse { token, user })
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
}
