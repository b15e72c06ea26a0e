//! The application: the store behind a mutex, the clock, and the officer
//! using this device.

use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard};

use tremplin_store::{Officer, Store, StoreKey};

use crate::clock::{Clock, SystemClock};
use crate::error::{AppError, AppResult};

pub struct App {
    store: Mutex<Store>,
    clock: Arc<dyn Clock>,
}

impl App {
    pub fn open(path: &Path, key: &StoreKey) -> AppResult<Self> {
        Ok(Self::new(Store::open(path, key)?, Arc::new(SystemClock)))
    }

    pub fn new(store: Store, clock: Arc<dyn Clock>) -> Self {
        Self { store: Mutex::new(store), clock }
    }

    pub(crate) fn store(&self) -> MutexGuard<'_, Store> {
        // A panic while holding the lock leaves SQLite consistent (the
        // transaction rolls back), so a poisoned lock is safe to reuse.
        self.store.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub(crate) fn clock(&self) -> &dyn Clock {
        self.clock.as_ref()
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
