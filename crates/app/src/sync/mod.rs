//! The sync client (docs/architecture.md, « Sync protocol »): the transport, the
//! cycle, the schedule, and what the officer does with it (log in, log out,
//! sync now, settle conflicts).

pub mod convert;
pub mod engine;
pub mod schedule;
pub mod transport;

use std::sync::Arc;

use serde::{Deserialize, Serialize};
use tremplin_protocol::LoginRequest as WireLogin;
use tremplin_store::Officer;
use ts_rs::TS;

use crate::app::App;
use crate::error::{AppError, AppResult};
pub use engine::CycleReport;
pub use transport::{HttpTransport, Said, SyncError, Transport, check_server_url};

/// Where the officer stands with the server, for the sync badge.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct SyncStatus {
    /// Logged in to a server (a device token is held).
    pub configured: bool,
    pub server_url: Option<String>,
    pub login: Option<String>,
    pub last_success_at: Option<String>,
    pub last_attempt_at: Option<String>,
    /// The last cycle's error, if it failed.
    pub last_error: Option<AppError>,
    /// The last cycle could not reach the server.
    pub offline: bool,
    pub in_progress: bool,
    pub pending_changes: u64,
    /// Conflicts and refusals waiting for the officer.
    pub open_issues: u64,
    pub interval_minutes: u32,
    /// A demo database never syncs.
    pub demo: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct LoginInput {
    pub server_url: String,
    pub login: String,
    pub password: String,
    /// How the device appears in the account's device list.
    pub device_name: String,
}

const TOKEN_PREFIX: &str = "jeton-synchronisation";

impl App {
    fn token_name(&self) -> String {
        format!("{TOKEN_PREFIX}:{}", self.secret_scope())
    }

    fn read_token(&self) -> AppResult<Option<String>> {
        let Some(secrets) = self.secrets() else { return Ok(None) };
        let bytes = secrets
            .get(&self.token_name())
            .map_err(|e| AppError::new("keyring_unavailable", format!("Jeton de synchronisation : {e}")))?;
        Ok(bytes.and_then(|b| String::from_utf8(b).ok()))
    }

    /// The transport to the configured server.
    fn transport_to(&self, url: &str) -> Arc<dyn Transport> {
        self.transport_override().unwrap_or_else(|| Arc::new(HttpTransport::new(url)))
    }

    pub fn sync_status(&self) -> AppResult<SyncStatus> {
        let store = self.store();
        let setting = |k| store.sync_setting(k);
        let last_error = setting("last_error")?.and_then(|s| serde_json::from_str::<AppError>(&s).ok());
        Ok(SyncStatus {
            configured: setting("login")?.is_some(),
            server_url: setting("server_url")?,
            login: setting("login")?,
            last_success_at: setting("last_success_at")?,
            last_attempt_at: setting("last_attempt_at")?,
            offline: last_error.as_ref().is_some_and(|e| e.code == "offline"),
            last_error,
            in_progress: self.sync_in_progress(),
            pending_changes: store.outbox_len()?,
            open_issues: store.open_issue_count()?,
            interval_minutes: setting("interval_minutes")?
                .and_then(|v| v.parse().ok())
                .unwrap_or(schedule::DEFAULT_INTERVAL_MINUTES),
            demo: store.is_demo()?,
        })
    }

    /// Logs this device in: the token goes to the keyring, the local profile
    /// becomes the server account.
    pub fn sync_login(&self, input: &LoginInput) -> AppResult<SyncStatus> {
        let url = check_server_url(&input.server_url)?;
        if input.login.trim().is_empty() {
            return Err(AppError::field("required", "login", "Identifiant : ce champ est obligatoire."));
        }
        if input.password.is_empty() {
            return Err(AppError::field("required", "password", "Mot de passe : ce champ est obligatoire."));
        }
        let device_name = match input.device_name.trim() {
            "" => "Poste Tremplin".to_string(),
            n => n.to_string(),
        };
        let secrets = self.secrets().ok_or_else(|| {
            AppError::new("keyring_unavailable", "Aucun trousseau pour garder le jeton de synchronisation.")
        })?;
        let (device_id, demo, linked_user, linked_url) = {
            let s = self.store();
            (s.device_id(), s.is_demo()?, s.sync_setting("user_id")?, s.sync_setting("server_url")?)
        };
        if demo {
            return Err(AppError::new(
                "demo",
                "La base de démonstration ne se synchronise pas : lancez Tremplin sans --demo pour vous connecter.",
            ));
        }
        let t = self.transport_to(&url);
        let res = t
            .login(&WireLogin {
                login: input.login.trim().to_string(),
                password: input.password.clone(),
                device_name,
                device_id,
            })
            .map_err(|e| match e {
                SyncError::Unauthorized(said) => {
                    AppError::field(said.code.as_deref().unwrap_or("unauthorized"), "password", said.message)
                }
                other => other.into(),
            })?;
        if let Some(linked) = linked_user.filter(|u| *u != res.user.id.to_string()) {
            let _ = t.logout(&res.token);
            return Err(AppError::field(
                "other_account",
                "login",
                format!(
                    "Ce poste est lié à un autre compte ({linked}) : ses données locales ne peuvent pas passer sous \
                     « {} ». Utilisez un autre profil (TREMPLIN_DATA_DIR) ou le compte d'origine.",
                    res.user.login
                ),
            ));
        }
        secrets
            .set(&self.token_name(), res.token.as_bytes())
            .map_err(|e| AppError::new("keyring_unavailable", format!("Jeton de synchronisation : {e}")))?;
        let mut store = self.store();
        let officer = Officer {
            id: res.user.id,
            display_name: res.user.display_name.clone(),
            email: res.user.email.clone(),
            dt_code: res.user.dt_code.clone(),
        };
        let old = store.current_officer()?.map(|o| o.id).unwrap_or(officer.id);
        store.adopt_identity(old, &officer)?;
        if linked_url.is_some_and(|u| u != url) {
            // Another server: its history is not this one's.
            store.begin_reset(0)?;
        }
        store.set_sync_setting("server_url", Some(&url))?;
        store.set_sync_setting("user_id", Some(&res.user.id.to_string()))?;
        store.set_sync_setting("login", Some(&res.user.login))?;
        // What the device shows and allows locally (the server decides).
        store.set_sync_setting("role", Some(res.user.role.as_str()))?;
        store.set_sync_setting("last_error", None)?;
        drop(store);
        self.notify_change();
        self.sync_status()
    }

    /// Logs out: the token is revoked on the server (when reachable) and
    /// removed from the keyring. Local data and pending changes stay.
    pub fn sync_logout(&self) -> AppResult<SyncStatus> {
        let url = self.store().sync_setting("server_url")?;
        if let (Some(url), Some(token)) = (url, self.read_token()?) {
            let _ = self.transport_to(&url).logout(&token);
        }
        if let Some(secrets) = self.secrets() {
            secrets.delete(&self.token_name()).map_err(|e| {
                AppError::new("keyring_unavailable", format!("Jeton de synchronisation : {e}"))
            })?;
        }
        let store = self.store();
        store.set_sync_setting("login", None)?;
        store.set_sync_setting("role", None)?;
        store.set_sync_setting("last_error", None)?;
        drop(store);
        self.sync_status()
    }

    pub fn set_sync_interval(&self, minutes: u32) -> AppResult<SyncStatus> {
        if !(1..=240).contains(&minutes) {
            return Err(AppError::field(
                "out_of_range",
                "interval_minutes",
                "Fréquence : entre 1 et 240 minutes.",
            ));
        }
        self.store().set_sync_setting("interval_minutes", Some(&minutes.to_string()))?;
        self.notify_change();
        self.sync_status()
    }

    /// Runs one sync cycle now (waiting for a running one to finish first).
    /// The outcome is recorded for the sync badge.
    pub fn sync_now(&self) -> Result<CycleReport, SyncError> {
        let _running = self.begin_sync();
        let now = || tremplin_domain::time::format(&self.clock().now());
        let (url, login, demo) = {
            let s = self.store();
            (s.sync_setting("server_url")?, s.sync_setting("login")?, s.is_demo()?)
        };
        let (Some(url), Some(_), false) = (url, login, demo) else {
            return Err(SyncError::Local(
                "Synchronisation non configurée : connectez-vous au serveur (Paramètres › Connexion au serveur).".into(),
            ));
        };
        let token = self.read_token()?.ok_or_else(|| {
            SyncError::Unauthorized("Jeton de synchronisation absent du trousseau : reconnectez-vous.".into())
        })?;
        self.store().set_sync_setting("last_attempt_at", Some(&now()))?;
        let result = engine::cycle(self, self.transport_to(&url).as_ref(), &token);
        let store = self.store();
        match &result {
            Ok(_) => {
                store.set_sync_setting("last_success_at", Some(&now()))?;
                store.set_sync_setting("last_error", None)?;
            }
            Err(e) => {
                let err = serde_json::to_string(&AppError::new(e.code(), e.to_string())).unwrap_or_default();
                store.set_sync_setting("last_error", Some(&err))?;
            }
        }
        result
    }
}
