//! The 32-byte SQLCipher key. Never logged, never written to disk by the
//! store; the caller gets it from the OS keyring (desktop) or the
//! environment (headless CLI).

use std::fmt;

use rand::RngCore;

use crate::error::{StoreError, StoreResult};

#[derive(Clone, PartialEq, Eq)]
pub struct StoreKey([u8; 32]);

impl StoreKey {
    pub fn generate() -> Self {
        let mut k = [0u8; 32];
        rand::rng().fill_bytes(&mut k);
        Self(k)
    }

    pub fn from_bytes(bytes: [u8; 32]) -> Self {
        Self(bytes)
    }

    pub fn from_hex(s: &str) -> StoreResult<Self> {
        let bytes = hex::decode(s.trim())
            .map_err(|_| StoreError::BadKey("64 caractères hexadécimaux attendus".into()))?;
        let arr: [u8; 32] = bytes
            .try_into()
            .map_err(|_| StoreError::BadKey("64 caractères hexadécimaux attendus (32 octets)".into()))?;
        Ok(Self(arr))
    }

    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    pub fn to_hex(&self) -> String {
        hex::encode(self.0)
    }

    /// `PRAGMA key` value: a raw key, so SQLCipher skips its KDF.
    pub(crate) fn pragma_value(&self) -> String {
        format!("x'{}'", self.to_hex())
    }
}

impl fmt::Debug for StoreKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("StoreKey(…)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_round_trip_and_errors() {
        let k = StoreKey::generate();
        assert_eq!(StoreKey::from_hex(&k.to_hex()).unwrap(), k);
        assert!(StoreKey::from_hex("abcd").is_err());
        assert!(StoreKey::from_hex(&"zz".repeat(32)).is_err());
        assert_eq!(format!("{k:?}"), "StoreKey(…)");
    }
}
