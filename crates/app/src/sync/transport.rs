//! How the sync engine reaches the server. [`HttpTransport`] in production;
//! tests wrap it to drop or duplicate responses.

use std::time::Duration;

use serde::Serialize;
use serde::de::DeserializeOwned;
use tremplin_protocol::{
    Directory, ErrorBody, HEADER_PROTOCOL, HEADER_SCHEMA, LoginRequest, LoginResponse, PROTOCOL_VERSION,
    PullResponse, PushRequest, PushResponse,
};

use crate::error::AppError;

/// Why a request did not get an answer the engine can use.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SyncError {
    /// No network, server down, timeout: try again later.
    #[error("{0}")]
    Offline(Said),
    /// Token refused (revoked device, disabled account): log in again.
    #[error("{0}")]
    Unauthorized(Said),
    /// This client is too old for the server (426).
    #[error("{0}")]
    ClientTooOld(Said),
    #[error("{0}")]
    RateLimited(Said),
    /// Any other error answer, or an unreadable one.
    #[error("{0}")]
    Server(Said),
    /// A local failure (store) during the cycle.
    #[error("{0}")]
    Local(Said),
}

/// What the server (or this device) said: a French message and, when the
/// server refused with its own code (`account_locked`, `bad_credentials`…),
/// that code, which the interface translates and the officer's trouble
/// report names. The variant of [`SyncError`] says what the engine does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Said {
    pub message: String,
    pub code: Option<String>,
}

impl From<String> for Said {
    fn from(message: String) -> Self {
        Self { message, code: None }
    }
}

impl From<&str> for Said {
    fn from(message: &str) -> Self {
        message.to_string().into()
    }
}

impl std::fmt::Display for Said {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl SyncError {
    /// The engine's own code for what happened.
    pub fn code(&self) -> &'static str {
        match self {
            SyncError::Offline(_) => "offline",
            SyncError::Unauthorized(_) => "unauthorized",
            SyncError::ClientTooOld(_) => "client_too_old",
            SyncError::RateLimited(_) => "rate_limited",
            SyncError::Server(_) => "server_error",
            SyncError::Local(_) => "local_error",
        }
    }

    fn said(&self) -> &Said {
        match self {
            SyncError::Offline(s)
            | SyncError::Unauthorized(s)
            | SyncError::ClientTooOld(s)
            | SyncError::RateLimited(s)
            | SyncError::Server(s)
            | SyncError::Local(s) => s,
        }
    }

    /// The server's code when it gave one (unreachable stays `offline`: the
    /// status badge and the scheduler go by it), else the engine's.
    pub fn precise_code(&self) -> &str {
        match (self, &self.said().code) {
            (SyncError::Offline(_), _) | (_, None) => self.code(),
            (_, Some(code)) => code,
        }
    }
}

impl From<SyncError> for AppError {
    fn from(e: SyncError) -> Self {
        AppError::new(e.precise_code(), e.to_string())
    }
}

impl From<AppError> for SyncError {
    fn from(e: AppError) -> Self {
        SyncError::Local(e.message.into())
    }
}

impl From<tremplin_store::StoreError> for SyncError {
    fn from(e: tremplin_store::StoreError) -> Self {
        SyncError::Local(e.to_string().into())
    }
}

pub trait Transport: Send + Sync {
    fn login(&self, req: &LoginRequest) -> Result<LoginResponse, SyncError>;
    fn logout(&self, token: &str) -> Result<(), SyncError>;
    fn push(&self, token: &str, req: &PushRequest) -> Result<PushResponse, SyncError>;
    fn pull(&self, token: &str, cursor: i64, limit: u32) -> Result<PullResponse, SyncError>;
    fn directory(&self, token: &str) -> Result<Directory, SyncError>;
}

/// Checks a server address: HTTPS, or plain HTTP to this machine only.
/// Returns it without a trailing slash.
pub fn check_server_url(raw: &str) -> Result<String, AppError> {
    let bad = |m: &str| AppError::field("invalid_url", "server_url", format!("Adresse du serveur : {m}"));
    let url = url::Url::parse(raw.trim())
        .map_err(|_| bad("adresse invalide (exemple : https://tremplin.lenord.fr)."))?;
    let host = url.host().ok_or_else(|| bad("le nom du serveur manque."))?;
    let loopback = match host {
        url::Host::Domain(d) => d.eq_ignore_ascii_case("localhost"),
        url::Host::Ipv4(ip) => ip.is_loopback(),
        url::Host::Ipv6(ip) => ip.is_loopback(),
    };
    match url.scheme() {
        "https" => {}
        "http" if loopback => {}
        "http" => {
            return Err(bad("HTTPS obligatoire (http:// n'est accepté que vers ce poste, pour les essais)."));
        }
        _ => return Err(bad("commence par https://.")),
    }
    if !url.username().is_empty() || url.password().is_some() || url.query().is_some() {
        return Err(bad("ni identifiant, ni paramètres dans l'adresse."));
    }
    Ok(url.as_str().trim_end_matches('/').to_string())
}

pub struct HttpTransport {
    base: String,
    agent: ureq::Agent,
    schema: u32,
    /// `identity` to a server on this machine (compressing there only costs
    /// CPU), `gzip` elsewhere (pulled pages shrink several times).
    accept_encoding: &'static str,
}

fn is_loopback(base: &str) -> bool {
    url::Url::parse(base).ok().and_then(|u| u.host().map(|h| h.to_owned())).is_some_and(|h| match h {
        url::Host::Domain(d) => d.eq_ignore_ascii_case("localhost"),
        url::Host::Ipv4(ip) => ip.is_loopback(),
        url::Host::Ipv6(ip) => ip.is_loopback(),
    })
}

impl HttpTransport {
    /// `base` must have passed [`check_server_url`].
    pub fn new(base: &str) -> Self {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_connect(Some(Duration::from_secs(10)))
            .timeout_global(Some(Duration::from_secs(120)))
            .user_agent(concat!("Tremplin/", env!("CARGO_PKG_VERSION")))
            .build()
            .into();
        Self {
            base: base.trim_end_matches('/').to_string(),
            agent,
            schema: tremplin_store::LATEST_SCHEMA_VERSION,
            accept_encoding: if is_loopback(base) { "identity" } else { "gzip" },
        }
    }

    /// The protocol's headers, the encoding, and the token if any.
    fn headers<B>(&self, r: ureq::RequestBuilder<B>, token: Option<&str>) -> ureq::RequestBuilder<B> {
        let r = r
            .header(HEADER_PROTOCOL, PROTOCOL_VERSION.to_string())
            .header(HEADER_SCHEMA, self.schema.to_string())
            .header("accept-encoding", self.accept_encoding);
        match token {
            Some(t) => r.header("authorization", format!("Bearer {t}")),
            None => r,
        }
    }

    fn send<T: DeserializeOwned>(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<&impl Serialize>,
    ) -> Result<T, SyncError> {
        let url = format!("{}{path}", self.base);
        let offline = |e: ureq::Error| {
            SyncError::Offline(
                format!("Serveur injoignable ({}) : les modifications restent sur ce poste.", short(&e))
                    .into(),
            )
        };
        let mut res = match (method, body) {
            ("GET", _) => self.headers(self.agent.get(&url), token).call().map_err(offline)?,
            (_, body) => {
                let r = self.headers(self.agent.post(&url), token);
                match body {
                    Some(b) => r.send_json(b).map_err(offline)?,
                    None => r.send_empty().map_err(offline)?,
                }
            }
        };
        let status = res.status().as_u16();
        if (200..300).contains(&status) {
            if status == 204 {
                return serde_json::from_value(serde_json::Value::Null)
                    .map_err(|e| SyncError::Server(format!("Réponse du serveur illisible : {e}").into()));
            }
            return res
                .body_mut()
                .with_config()
                .limit(512 * 1024 * 1024)
                .read_json()
                .map_err(|e| SyncError::Server(format!("Réponse du serveur illisible : {e}").into()));
        }
        let said = res
            .body_mut()
            .read_json::<ErrorBody>()
            .map(|b| Said { message: b.message, code: Some(b.code) })
            .unwrap_or_else(|_| format!("Le serveur a répondu {status}.").into());
        Err(match status {
            401 | 403 => SyncError::Unauthorized(said),
            426 => SyncError::ClientTooOld(said),
            429 => SyncError::RateLimited(said),
            502..=504 => SyncError::Offline(said),
            _ => SyncError::Server(said),
        })
    }
}

fn short(e: &ureq::Error) -> String {
    let s = e.to_string();
    s.chars().take(120).collect()
}

impl Transport for HttpTransport {
    fn login(&self, req: &LoginRequest) -> Result<LoginResponse, SyncError> {
        self.send("POST", "/v1/auth/login", None, Some(req))
    }

    fn logout(&self, token: &str) -> Result<(), SyncError> {
        self.send::<()>("POST", "/v1/auth/logout", Some(token), None::<&()>)
    }

    fn push(&self, token: &str, req: &PushRequest) -> Result<PushResponse, SyncError> {
        self.send("POST", "/v1/sync/push", Some(token), Some(req))
    }

    fn pull(&self, token: &str, cursor: i64, limit: u32) -> Result<PullResponse, SyncError> {
        self.send("GET", &format!("/v1/sync/pull?cursor={cursor}&limit={limit}"), Some(token), None::<&()>)
    }

    fn directory(&self, token: &str) -> Result<Directory, SyncError> {
        self.send("GET", "/v1/directory", Some(token), None::<&()>)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn https_everywhere_except_loopback() {
        assert_eq!(check_server_url("https://tremplin.lenord.fr/").unwrap(), "https://tremplin.lenord.fr");
        assert!(check_server_url("http://127.0.0.1:8443").is_ok());
        assert!(check_server_url("http://localhost:8443").is_ok());
        assert!(check_server_url("http://[::1]:8443").is_ok());
        let e = check_server_url("http://tremplin.lenord.fr").unwrap_err();
        assert_eq!(e.field.as_deref(), Some("server_url"));
        assert!(e.message.contains("HTTPS obligatoire"));
        assert!(check_server_url("ftp://x").is_err());
        assert!(check_server_url("tremplin").is_err());
        assert!(check_server_url("https://u:p@tremplin.lenord.fr").is_err());
    }

    #[test]
    fn compression_is_asked_for_only_across_the_network() {
        assert_eq!(HttpTransport::new("http://127.0.0.1:8443").accept_encoding, "identity");
        assert_eq!(HttpTransport::new("http://localhost:8443").accept_encoding, "identity");
        assert_eq!(HttpTransport::new("https://tremplin.lenord.fr").accept_encoding, "gzip");
    }

    #[test]
    fn an_unreachable_server_is_offline() {
        let t = HttpTransport::new("http://127.0.0.1:9");
        assert!(matches!(t.pull("x", 0, 10), Err(SyncError::Offline(_))));
    }
}
