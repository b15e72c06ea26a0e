//! Server configuration: a TOML file, then environment variables on top
//! (`TREMPLIN_SERVER_*`), so a container can run with no file at all.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Address and port to listen on.
    pub listen: SocketAddr,
    /// PostgreSQL connection string (`postgres://user:pw@host:port/db`).
    pub database_url: String,
    /// PEM certificate chain and private key: HTTPS when both are set.
    pub tls_cert: Option<PathBuf>,
    pub tls_key: Option<PathBuf>,
    /// Tombstones older than this are purged; a client that has not synced
    /// for longer pulls everything again.
    pub tombstone_horizon_days: u32,
    /// Oldest client schema version still served (older: 426).
    pub min_client_schema: u32,
    /// Failed logins of an account since its last success after which each
    /// attempt waits twice as long as the one before (30 s, 1 min, 2 min…
    /// up to `login_window_minutes`); failed logins from one address
    /// within the window before answering 429.
    pub login_max_failures_per_account: u32,
    pub login_max_failures_per_address: u32,
    pub login_window_minutes: u32,
    /// Failures since the last success that lock an account until an
    /// administrator lifts it (`user unlock`).
    pub login_lock_after_failures: u32,
    /// A device token stops working after this many days without a sync…
    pub device_idle_days: u32,
    /// …and this many days after its login, whatever.
    pub device_max_days: u32,
    /// Connections kept to PostgreSQL.
    pub pool_size: usize,
    /// Seconds a request waits for a database connection before a 503.
    pub pool_wait_seconds: u64,
    /// PEM file of the certificate authority of a remote database server
    /// (a Département's own PKI); the public roots otherwise.
    pub database_ca: Option<PathBuf>,
    /// Days login attempts are kept.
    pub login_attempts_days: u32,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            listen: "127.0.0.1:8443".parse().expect("valid address"),
            database_url: "postgres://tremplin@127.0.0.1:5432/tremplin".into(),
            tls_cert: None,
            tls_key: None,
            tombstone_horizon_days: 180,
            min_client_schema: 1,
            login_max_failures_per_account: 5,
            login_max_failures_per_address: 30,
            login_window_minutes: 15,
            login_lock_after_failures: 20,
            device_idle_days: 90,
            device_max_days: 365,
            pool_size: 16,
            pool_wait_seconds: 5,
            database_ca: None,
            login_attempts_days: 90,
        }
    }
}

impl Config {
    /// Reads `path` if given (or `TREMPLIN_SERVER_CONFIG`), then applies the
    /// environment.
    pub fn load(path: Option<&Path>) -> anyhow::Result<Self> {
        let from_env = std::env::var_os("TREMPLIN_SERVER_CONFIG").map(PathBuf::from);
        let mut cfg = match path.map(Path::to_path_buf).or(from_env) {
            Some(p) => {
                let text = std::fs::read_to_string(&p)
                    .with_context(|| format!("lecture de la configuration {}", p.display()))?;
                toml::from_str(&text).with_context(|| format!("configuration {} invalide", p.display()))?
            }
            None => Config::default(),
        };
        cfg.apply_env(|k| std::env::var(k).ok())?;
        cfg.check()?;
        Ok(cfg)
    }

    fn apply_env(&mut self, get: impl Fn(&str) -> Option<String>) -> anyhow::Result<()> {
        if let Some(v) = get("TREMPLIN_SERVER_LISTEN") {
            self.listen =
                v.parse().with_context(|| format!("TREMPLIN_SERVER_LISTEN : adresse invalide « {v} »"))?;
        }
        if let Some(v) = get("TREMPLIN_SERVER_DATABASE_URL") {
            self.database_url = v;
        }
        if let Some(v) = get("TREMPLIN_SERVER_TLS_CERT") {
            self.tls_cert = Some(v.into());
        }
        if let Some(v) = get("TREMPLIN_SERVER_TLS_KEY") {
            self.tls_key = Some(v.into());
        }
        if let Some(v) = get("TREMPLIN_SERVER_TOMBSTONE_HORIZON_DAYS") {
            self.tombstone_horizon_days = v
                .parse()
                .with_context(|| format!("TREMPLIN_SERVER_TOMBSTONE_HORIZON_DAYS invalide : « {v} »"))?;
        }
        if let Some(v) = get("TREMPLIN_SERVER_MIN_CLIENT_SCHEMA") {
            self.min_client_schema =
                v.parse().with_context(|| format!("TREMPLIN_SERVER_MIN_CLIENT_SCHEMA invalide : « {v} »"))?;
        }
        Ok(())
    }

    fn check(&self) -> anyhow::Result<()> {
        if self.tls_cert.is_some() != self.tls_key.is_some() {
            bail!("tls_cert et tls_key vont ensemble : donnez les deux, ou aucun");
        }
        if self.tls_cert.is_none() && !self.listen.ip().is_loopback() {
            bail!(
                "sans TLS, le serveur n'écoute que sur la boucle locale (listen = {}) : configurez tls_cert/tls_key \
                 ou placez-le derrière un proxy HTTPS local",
                self.listen
            );
        }
        if self.login_lock_after_failures <= self.login_max_failures_per_account {
            bail!("login_lock_after_failures doit dépasser login_max_failures_per_account");
        }
        if self.device_idle_days == 0 || self.device_max_days < self.device_idle_days {
            bail!("device_idle_days doit être au moins 1 et device_max_days au moins device_idle_days");
        }
        if self.pool_size == 0 {
            bail!("pool_size doit être au moins 1");
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn environment_overrides_the_file() {
        let mut cfg: Config =
            toml::from_str("listen = \"127.0.0.1:9000\"\ntombstone_horizon_days = 90").unwrap();
        cfg.apply_env(|k| (k == "TREMPLIN_SERVER_LISTEN").then(|| "127.0.0.1:9100".to_string())).unwrap();
        assert_eq!((cfg.listen.port(), cfg.tombstone_horizon_days), (9100, 90));
        assert!(cfg.check().is_ok());
    }

    #[test]
    fn plain_http_only_on_loopback() {
        let cfg = Config { listen: "0.0.0.0:8443".parse().unwrap(), ..Config::default() };
        assert!(cfg.check().unwrap_err().to_string().contains("TLS"));
        let cfg = Config { tls_cert: Some("c.pem".into()), ..Config::default() };
        assert!(cfg.check().is_err());
        assert!(toml::from_str::<Config>("lisen = 1").is_err(), "unknown keys are refused");
    }
}
