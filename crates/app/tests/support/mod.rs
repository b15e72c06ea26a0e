//! Devices and a server for the sync tests: each device is an app over its
//! own encrypted database file, with an in-memory keyring.
#![allow(dead_code)]

pub mod forensics;

use std::path::PathBuf;
use std::sync::Arc;

use serde_json::{Map, Value};
use tremplin_app::App;
use tremplin_app::clock::SystemClock;
use tremplin_app::credentials::MemorySecrets;
use tremplin_app::sync::{LoginInput, Transport};
use tremplin_domain::organisation::{OrgKind, OrganisationInput};
use tremplin_store::{Store, StoreKey};

pub struct Device {
    pub app: Arc<App>,
    pub path: PathBuf,
    pub key: StoreKey,
    secrets: Arc<MemorySecrets>,
    transport: Option<Arc<dyn Transport>>,
    _dir: tempfile::TempDir,
}

impl Device {
    pub fn new(profile: &str) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tremplin.db");
        let key = StoreKey::generate();
        let secrets = Arc::new(MemorySecrets::default());
        let app = open(&path, &key, &secrets);
        app.ensure_profile(profile).unwrap();
        Self { app, path, key, secrets, transport: None, _dir: dir }
    }

    /// A device logged in to `url` as `login`.
    pub fn logged_in(url: &str, login: &str) -> Self {
        let d = Self::new(login);
        d.login(url, login);
        d
    }

    pub fn login(&self, url: &str, login: &str) {
        self.app
            .sync_login(&LoginInput {
                server_url: url.into(),
                login: login.into(),
                password: tremplin_server::testing::TEST_PASSWORD.into(),
                device_name: format!("Portable de {login}"),
            })
            .unwrap_or_else(|e| panic!("login {login}: {e:?}"));
    }

    /// Closes and reopens the database, as after the app was killed.
    pub fn restart(&mut self) {
        self.app = open(&self.path, &self.key, &self.secrets);
        if let Some(t) = &self.transport {
            self.app.set_transport(t.clone());
        }
    }

    /// Talks through `t` from now on (also after restarts).
    pub fn use_transport(&mut self, t: Arc<dyn Transport>) {
        self.app.set_transport(t.clone());
        self.transport = Some(t);
    }

    pub fn sync(&self) -> tremplin_app::sync::CycleReport {
        self.app.sync_now().unwrap_or_else(|e| panic!("sync: {e:?}"))
    }

    pub fn rows(&self, entity: &str) -> Vec<(uuid::Uuid, Map<String, Value>, bool)> {
        self.app.with_store(|s| s.dump_rows(entity).unwrap())
    }

    pub fn org(&self, id: uuid::Uuid) -> Option<Map<String, Value>> {
        self.rows("organisation").into_iter().find(|r| r.0 == id).filter(|r| !r.2).map(|r| r.1)
    }

    pub fn set(&self, entity: &str, id: uuid::Uuid, field: &str, value: Value) {
        let mut m = Map::new();
        m.insert(field.into(), value);
        self.app.with_store(|s| s.write(|w| w.update_fields(entity, id, &m)).unwrap());
    }
}

fn open(path: &std::path::Path, key: &StoreKey, secrets: &Arc<MemorySecrets>) -> Arc<App> {
    Arc::new(App::new(Store::open(path, key).unwrap(), Arc::new(SystemClock)).with_secrets(secrets.clone()))
}

pub fn company(name: &str) -> OrganisationInput {
    OrganisationInput {
        kind: Some(OrgKind::Entreprise),
        name: name.into(),
        commune_code: Some("59350".into()),
        postcode: Some("59000".into()),
        ..Default::default()
    }
}
