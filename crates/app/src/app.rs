//! The application: the store behind a mutex, the clock, the officer using
//! this device, where secrets live, and the sync client's state.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, RwLock};

use parking_lot::{Mutex as StoreLock, MutexGuard as StoreGuard};

use serde::{Deserialize, Serialize};
use tremplin_store::{ChangeFeed, Checkpointer, Officer, Store, StoreKey};
use ts_rs::TS;

use crate::clock::{Clock, SystemClock};
use crate::credentials::SecretStore;
use crate::error::{AppError, AppResult};
use crate::sync::Transport;

type Listener = Arc<dyn Fn() + Send + Sync>;
type DataListener = Arc<dyn Fn(&DataChange) + Send + Sync>;

/// What a command or a sync cycle changed, as the UI hears it
/// (`data://changed`): the entities touched, by their sync names
/// (`organisation`, `interaction`…). Screens reload only when one of the
/// entities they show is in the list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DataChange {
    pub entities: Vec<String>,
    /// Anything may have changed (a purge, the end of a full re-pull).
    pub everything: bool,
}

impl DataChange {
    pub fn is_empty(&self) -> bool {
        self.entities.is_empty() && !self.everything
    }

    /// Adds what `other` says.
    pub fn merge(&mut self, other: DataChange) {
        for e in other.entities {
            if !self.entities.contains(&e) {
                self.entities.push(e);
            }
        }
        self.entities.sort();
        self.everything |= other.everything;
    }
}

pub struct App {
    /// The one writer; commands that write (or audit a read) use it.
    store: StoreLock<Store>,
    /// What the writer changed, read without waiting for it.
    feed: ChangeFeed,
    /// A read-only connection beside the writer, for plain queries: they
    /// never wait behind a write or a pull. None for in-memory stores.
    reader: Option<StoreLock<Store>>,
    /// Folds the WAL into the file beside the writer, so no edit waits for
    /// a checkpoint. None for in-memory stores.
    checkpointer: Option<Checkpointer>,
    clock: Arc<dyn Clock>,
    secrets: Option<Arc<dyn SecretStore>>,
    /// Names this database's secrets in the keyring (its path).
    secret_scope: String,
    /// A transport given by tests instead of HTTP.
    transport: RwLock<Option<Arc<dyn Transport>>>,
    /// One sync cycle at a time.
    sync_lock: Mutex<()>,
    syncing: AtomicBool,
    /// Called after a command changed local data (the scheduler's cue).
    on_change: RwLock<Option<Listener>>,
    /// Told what each command or pull changed (the UI's refresh cue).
    on_data: RwLock<Vec<DataListener>>,
}

/// Marks a sync cycle as running until dropped.
pub(crate) struct SyncRun<'a> {
    _lock: MutexGuard<'a, ()>,
    flag: &'a AtomicBool,
}

impl Drop for SyncRun<'_> {
    fn drop(&mut self) {
        self.flag.store(false, Ordering::SeqCst);
    }
}

impl App {
    pub fn open(path: &Path, key: &StoreKey) -> AppResult<Self> {
        let mut app = Self::new(Store::open(path, key)?, Arc::new(SystemClock));
        app.reader = Some(StoreLock::new(Store::open_reader(path, key)?));
        app.checkpointer = Some(Checkpointer::start(path, key, &app.store.lock())?);
        app.secret_scope = path.display().to_string();
        Ok(app)
    }

    pub fn new(store: Store, clock: Arc<dyn Clock>) -> Self {
        Self {
            feed: store.change_feed(),
            store: StoreLock::new(store),
            reader: None,
            checkpointer: None,
            clock,
            secrets: None,
            secret_scope: "memoire".into(),
            transport: RwLock::new(None),
            sync_lock: Mutex::new(()),
            syncing: AtomicBool::new(false),
            on_change: RwLock::new(None),
            on_data: RwLock::new(Vec::new()),
        }
    }

    /// Where the sync token is kept (the OS keyring on the desktop).
    pub fn with_secrets(mut self, secrets: Arc<dyn SecretStore>) -> Self {
        self.secrets = Some(secrets);
        self
    }

    /// Talks to the server through `t` instead of HTTP (tests, simulation).
    pub fn set_transport(&self, t: Arc<dyn Transport>) {
        *self.transport.write().unwrap_or_else(|p| p.into_inner()) = Some(t);
    }

    pub(crate) fn transport_override(&self) -> Option<Arc<dyn Transport>> {
        self.transport.read().unwrap_or_else(|p| p.into_inner()).clone()
    }

    pub(crate) fn secrets(&self) -> Option<&dyn SecretStore> {
        self.secrets.as_deref()
    }

    pub(crate) fn secret_scope(&self) -> &str {
        &self.secret_scope
    }

    /// The writer. (A panic while holding it leaves SQLite consistent: the
    /// transaction rolls back; the lock does not poison.)
    pub(crate) fn store(&self) -> StoreGuard<'_, Store> {
        self.store.lock()
    }

    /// The store for a plain query: the read-only connection when there is
    /// one (it sees every committed write), else the writer.
    pub(crate) fn reader(&self) -> StoreGuard<'_, Store> {
        match &self.reader {
            Some(r) => r.lock(),
            None => self.store(),
        }
    }

    pub(crate) fn clock(&self) -> &dyn Clock {
        self.clock.as_ref()
    }

    pub(crate) fn begin_sync(&self) -> SyncRun<'_> {
        let lock = self.sync_lock.lock().unwrap_or_else(|p| p.into_inner());
        self.syncing.store(true, Ordering::SeqCst);
        SyncRun { _lock: lock, flag: &self.syncing }
    }

    pub fn sync_in_progress(&self) -> bool {
        self.syncing.load(Ordering::SeqCst)
    }

    /// Registers the function told about local changes.
    pub fn set_change_listener(&self, f: impl Fn() + Send + Sync + 'static) {
        *self.on_change.write().unwrap_or_else(|p| p.into_inner()) = Some(Arc::new(f));
    }

    pub(crate) fn notify_change(&self) {
        let listener = self.on_change.read().unwrap_or_else(|p| p.into_inner()).clone();
        if let Some(f) = listener {
            f();
        }
    }

    /// Adds a function told what each command or sync cycle changed.
    pub fn add_data_listener(&self, f: impl Fn(&DataChange) + Send + Sync + 'static) {
        self.on_data.write().unwrap_or_else(|p| p.into_inner()).push(Arc::new(f));
    }

    /// Tells the data listeners what the store changed since last asked.
    pub(crate) fn publish_changes(&self) {
        if let Some(c) = &self.checkpointer {
            c.nudge();
        }
        let c = self.feed.take();
        if c.is_empty() {
            return;
        }
        let change = DataChange { entities: c.entities.into_iter().collect(), everything: c.everything };
        let listeners = self.on_data.read().unwrap_or_else(|p| p.into_inner()).clone();
        for f in listeners {
            f(&change);
        }
    }

    /// Outbox entries written since this app opened.
    pub fn local_changes(&self) -> u64 {
        self.feed.local_changes()
    }

    /// Creates the local officer profile if this device has none yet (the
    /// server login replaces it with the officer's account).
    pub fn ensure_profile(&self, default_name: &str) -> AppResult<Officer> {
        let store = self.store();
        if let Some(o) = store.current_officer()? {
            return Ok(o);
        }
        let o = Officer {
            id: tremplin_domain::new_row_id(),
            display_name: default_name.to_string(),
            email: None,
            dt_code: None,
        };
        store.set_current_officer(&o)?;
        Ok(o)
    }

    pub(crate) fn officer(store: &Store) -> AppResult<Officer> {
        store.current_officer()?.ok_or_else(|| {
            AppError::new(
                "no_profile",
                "Aucun profil d'agent sur ce poste : connectez-vous ou configurez votre profil (tremplin profile).",
            )
        })
    }

    /// Runs `f` with the store locked: for the CLI's bulk and bench tools.
    pub fn with_store<T>(&self, f: impl FnOnce(&mut Store) -> T) -> T {
        f(&mut self.store())
    }
}
