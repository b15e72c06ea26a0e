//! Where secrets live: the local store's key (and, with sync, the device
//! token). The OS keyring in production, behind [`SecretStore`] so that unit
//! tests use memory. Tremplin never falls back to an unencrypted database or
//! a key on disk: no keyring, no start.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Mutex;

use tremplin_store::StoreKey;

use crate::error::{AppError, AppResult};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SecretError {
    /// No keyring service could be reached (no session bus, locked, absent).
    #[error("trousseau inaccessible : {0}")]
    Unavailable(String),
    #[error("erreur du trousseau : {0}")]
    Failure(String),
}

pub trait SecretStore: Send + Sync {
    fn get(&self, name: &str) -> Result<Option<Vec<u8>>, SecretError>;
    fn set(&self, name: &str, secret: &[u8]) -> Result<(), SecretError>;
    /// Removes a secret; removing an absent one is not an error.
    fn delete(&self, name: &str) -> Result<(), SecretError>;
}

/// The OS keyring through keyring-core's default store (the desktop shell
/// installs the Secret Service store on Linux at start-up).
pub struct Keyring {
    service: String,
}

impl Keyring {
    pub fn new(service: &str) -> Self {
        Self { service: service.to_string() }
    }
}

fn map_keyring(e: keyring_core::Error) -> SecretError {
    use keyring_core::Error as E;
    match e {
        E::NoDefaultStore | E::NoStorageAccess(_) | E::PlatformFailure(_) => {
            SecretError::Unavailable(e.to_string())
        }
        other => SecretError::Failure(other.to_string()),
    }
}

impl SecretStore for Keyring {
    fn get(&self, name: &str) -> Result<Option<Vec<u8>>, SecretError> {
        let entry = keyring_core::Entry::new(&self.service, name).map_err(map_keyring)?;
        match entry.get_secret() {
            Ok(s) => Ok(Some(s)),
            Err(keyring_core::Error::NoEntry) => Ok(None),
            Err(e) => Err(map_keyring(e)),
        }
    }

    fn set(&self, name: &str, secret: &[u8]) -> Result<(), SecretError> {
        keyring_core::Entry::new(&self.service, name).and_then(|e| e.set_secret(secret)).map_err(map_keyring)
    }

    fn delete(&self, name: &str) -> Result<(), SecretError> {
        match keyring_core::Entry::new(&self.service, name).and_then(|e| e.delete_credential()) {
            Ok(()) | Err(keyring_core::Error::NoEntry) => Ok(()),
            Err(e) => Err(map_keyring(e)),
        }
    }
}

/// Secrets in memory, for tests.
#[derive(Default)]
pub struct MemorySecrets(Mutex<HashMap<String, Vec<u8>>>);

impl SecretStore for MemorySecrets {
    fn get(&self, name: &str) -> Result<Option<Vec<u8>>, SecretError> {
        Ok(self.0.lock().unwrap_or_else(|p| p.into_inner()).get(name).cloned())
    }

    fn set(&self, name: &str, secret: &[u8]) -> Result<(), SecretError> {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).insert(name.to_string(), secret.to_vec());
        Ok(())
    }

    fn delete(&self, name: &str) -> Result<(), SecretError> {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).remove(name);
        Ok(())
    }
}

/// The key of the database at `db`: read from the keyring, or made and
/// stored there when the database does not exist yet.
pub fn store_key(secrets: &dyn SecretStore, db: &Path) -> AppResult<StoreKey> {
    let name = format!("cle-base-locale:{}", db.display());
    let unavailable = |detail: String| {
        AppError::new(
            "keyring_unavailable",
            format!(
                "Le trousseau du système est inaccessible ({detail}). Tremplin y garde la clé qui chiffre vos données : \
                 ouvrez une session de bureau avec un trousseau déverrouillé (GNOME Keyring — paquet gnome-keyring — ou \
                 KWallet), puis relancez Tremplin. Par sécurité, aucune base non chiffrée n'est créée."
            ),
        )
    };
    match secrets.get(&name) {
        Ok(Some(bytes)) => {
            let arr: [u8; 32] = bytes.try_into().map_err(|_| {
                AppError::new(
                    "keyring_corrupt",
                    "La clé de la base locale rangée dans le trousseau est illisible.",
                )
            })?;
            Ok(StoreKey::from_bytes(arr))
        }
        Ok(None) if db.exists() => Err(AppError::new(
            "key_missing",
            format!(
                "La base locale {} existe mais sa clé n'est plus dans le trousseau : sans elle, les données restent \
                 illisibles. Restaurez le trousseau, ou renommez ce fichier pour repartir d'une base vide (les données \
                 déjà synchronisées reviendront du serveur).",
                db.display()
            ),
        )),
        Ok(None) => {
            let key = StoreKey::generate();
            secrets.set(&name, key.as_bytes()).map_err(|e| match e {
                SecretError::Unavailable(d) => unavailable(d),
                SecretError::Failure(d) => AppError::new("keyring_failure", format!("Trousseau : {d}")),
            })?;
            Ok(key)
        }
        Err(SecretError::Unavailable(d)) => Err(unavailable(d)),
        Err(SecretError::Failure(d)) => Err(AppError::new("keyring_failure", format!("Trousseau : {d}"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Down;
    impl SecretStore for Down {
        fn get(&self, _: &str) -> Result<Option<Vec<u8>>, SecretError> {
            Err(SecretError::Unavailable("pas de bus de session".into()))
        }
        fn set(&self, _: &str, _: &[u8]) -> Result<(), SecretError> {
            Err(SecretError::Unavailable("pas de bus de session".into()))
        }
        fn delete(&self, _: &str) -> Result<(), SecretError> {
            Err(SecretError::Unavailable("pas de bus de session".into()))
        }
    }

    #[test]
    fn first_start_makes_a_key_later_starts_read_it() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("tremplin.db");
        let secrets = MemorySecrets::default();
        let first = store_key(&secrets, &db).unwrap();
        std::fs::write(&db, b"x").unwrap();
        assert_eq!(store_key(&secrets, &db).unwrap(), first);
    }

    #[test]
    fn no_keyring_means_no_database() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("tremplin.db");
        let e = store_key(&Down, &db).unwrap_err();
        assert_eq!(e.code, "keyring_unavailable");
        assert!(e.message.contains("gnome-keyring"), "{}", e.message);
        assert!(!db.exists());
    }

    #[test]
    fn an_existing_database_without_its_key_is_not_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("tremplin.db");
        std::fs::write(&db, b"chiffre").unwrap();
        let e = store_key(&MemorySecrets::default(), &db).unwrap_err();
        assert_eq!(e.code, "key_missing");
        assert_eq!(std::fs::read(&db).unwrap(), b"chiffre");
    }

    #[test]
    fn keyring_store_round_trips_through_keyring_core() {
        keyring_core::set_default_store(keyring_core::mock::Store::new().unwrap());
        let k = Keyring::new("tremplin-test");
        assert_eq!(k.get("absent").unwrap(), None);
        k.set("cle", &[7u8; 32]).unwrap();
        assert_eq!(k.get("cle").unwrap(), Some(vec![7u8; 32]));
        k.delete("cle").unwrap();
        k.delete("cle").unwrap();
        assert_eq!(k.get("cle").unwrap(), None);
        keyring_core::unset_default_store();
        assert!(matches!(Keyring::new("tremplin-test").get("cle"), Err(SecretError::Unavailable(_))));
    }
}
