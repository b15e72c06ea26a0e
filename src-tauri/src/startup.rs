//! Opening the local store at start-up: the OS keyring holds its key (made
//! on first start), the data directory holds the encrypted file.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use tauri::{AppHandle, Manager};
use tremplin_app::credentials::{Keyring, store_key};
use tremplin_app::{App, AppError, AppResult};

/// Where the database lives: `TREMPLIN_DATA_DIR` if set (tests, several
/// profiles), else the platform's data directory; `demo/` below it for the
/// demo database.
fn data_dir(handle: &AppHandle, demo: bool) -> AppResult<PathBuf> {
    let base = match std::env::var_os("TREMPLIN_DATA_DIR") {
        Some(d) => PathBuf::from(d),
        None => handle
            .path()
            .app_data_dir()
            .map_err(|e| AppError::new("no_data_dir", format!("Dossier de données introuvable : {e}")))?,
    };
    let dir = if demo { base.join("demo") } else { base };
    std::fs::create_dir_all(&dir)
        .map_err(|e| AppError::new("no_data_dir", format!("Création du dossier {} : {e}", dir.display())))?;
    Ok(dir)
}

#[cfg(target_os = "linux")]
fn install_keyring() -> AppResult<()> {
    let store = zbus_secret_service_keyring_store::Store::new().map_err(|e| {
        AppError::new(
            "keyring_unavailable",
            format!(
                "Le trousseau du système (Secret Service) est inaccessible : {e}. Ouvrez une session de bureau avec \
                 un trousseau déverrouillé (GNOME Keyring — paquet gnome-keyring — ou KWallet), puis relancez \
                 Tremplin. Par sécurité, aucune base non chiffrée n'est créée."
            ),
        )
    })?;
    keyring_core::set_default_store(store);
    Ok(())
}

#[cfg(not(target_os = "linux"))]
fn install_keyring() -> AppResult<()> {
    Err(AppError::new(
        "keyring_unavailable",
        "Ce système n'est pas encore pris en charge (Linux uniquement).",
    ))
}

pub fn open(handle: &AppHandle, demo: bool) -> AppResult<App> {
    let started = Instant::now();
    install_keyring()?;
    let db = data_dir(handle, demo)?.join("tremplin.db");
    let fresh = !db.exists();
    let key = store_key(&Keyring::new("Tremplin"), &db)?;
    // The keyring also keeps the sync token.
    let app = App::open(&db, &key)?.with_secrets(Arc::new(Keyring::new("Tremplin")));
    if demo && fresh {
        match tremplin_app::demo::build(&app) {
            Ok(summary) => log::info!("base de démonstration créée : {summary}"),
            Err(e) => {
                // Leave no half-made demo behind: the next launch starts over.
                drop(app);
                let _ = tremplin_app::remove_database_files(&db);
                return Err(e);
            }
        }
    } else {
        let name = std::env::var("USER").unwrap_or_else(|_| "Agent".into());
        app.ensure_profile(&name)?;
    }
    log::info!("base locale ouverte en {} ms : {}", started.elapsed().as_millis(), db.display());
    Ok(app)
}
