//! Where the database is and which key opens it.
//!
//! Database: `--db` / `TREMPLIN_DB`, else the per-user data directory
//! (`~/.local/share/tremplin/tremplin.db` on Linux).
//! Key: `TREMPLIN_DB_KEY` (64 hex characters), else the key file
//! (`--key-file` / `TREMPLIN_KEY_FILE`, else `~/.config/tremplin/cli.key`),
//! created with mode 0600 together with a new database. The desktop app
//! keeps its key in the OS keyring instead; this file is for headless use.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use tremplin_store::StoreKey;

pub struct Location {
    pub db: PathBuf,
    pub key: StoreKey,
    /// Where the sync token is kept (see `secrets.rs`).
    pub secrets_dir: PathBuf,
}

fn project_dirs() -> Result<directories::ProjectDirs> {
    directories::ProjectDirs::from("fr", "lenord", "tremplin")
        .context("Impossible de déterminer le dossier personnel : indiquez --db et --key-file.")
}

pub fn default_db() -> Result<PathBuf> {
    Ok(project_dirs()?.data_dir().join("tremplin.db"))
}

pub fn resolve(db: Option<PathBuf>, key_file: Option<PathBuf>) -> Result<Location> {
    let db = match db {
        Some(p) => p,
        None => default_db()?,
    };
    let secrets_dir = match std::env::var_os("TREMPLIN_SECRETS_DIR") {
        Some(d) => PathBuf::from(d),
        None => project_dirs()?.config_dir().join("secrets"),
    };
    if let Ok(hex) = std::env::var("TREMPLIN_DB_KEY") {
        let key = StoreKey::from_hex(&hex).map_err(|e| anyhow::anyhow!("TREMPLIN_DB_KEY : {e}"))?;
        return Ok(Location { db, key, secrets_dir });
    }
    let key_file = match key_file {
        Some(p) => p,
        None => project_dirs()?.config_dir().join("cli.key"),
    };
    let key = if key_file.exists() {
        read_key(&key_file)?
    } else if !db.exists() {
        let key = StoreKey::generate();
        write_key(&key_file, &key)?;
        key
    } else {
        bail!(
            "La base {} existe mais sa clé est introuvable ({}). Indiquez la clé avec TREMPLIN_DB_KEY ou --key-file.",
            db.display(),
            key_file.display()
        );
    };
    Ok(Location { db, key, secrets_dir })
}

/// Refuses to overwrite an existing database unless `force`, and then
/// removes it (with its WAL files) so a new one can take its place.
pub fn make_room(db: &Path, force: bool) -> Result<()> {
    if db.exists() {
        if !force {
            bail!("La base {} existe déjà : ajoutez --force pour la remplacer.", db.display());
        }
        tremplin_store::remove_database_files(db)
            .with_context(|| format!("Suppression de {}", db.display()))?;
    }
    Ok(())
}

fn read_key(path: &Path) -> Result<StoreKey> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("Lecture de la clé {}", path.display()))?;
    StoreKey::from_hex(&text).map_err(|e| anyhow::anyhow!("Fichier de clé {} : {e}", path.display()))
}

fn write_key(path: &Path, key: &StoreKey) -> Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).with_context(|| format!("Création du dossier {}", dir.display()))?;
    }
    #[cfg(unix)]
    {
        use std::io::Write;
        use std::os::unix::fs::OpenOptionsExt;
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(path)
            .with_context(|| format!("Création de la clé {}", path.display()))?;
        f.write_all(key.to_hex().as_bytes())?;
    }
    #[cfg(not(unix))]
    std::fs::write(path, key.to_hex()).with_context(|| format!("Création de la clé {}", path.display()))?;
    Ok(())
}
