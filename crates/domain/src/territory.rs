//! Place identifiers: INSEE commune codes and French postcodes. Which
//! commune belongs to which EPCI and territorial direction (DT) is reference
//! data, held in the store, not here.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{ValidationError, ValidationResult};

/// An INSEE commune code (code officiel géographique): 5 characters, two for
/// the département (`2A`/`2B` in Corsica, `97x` overseas) then digits.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(try_from = "String", into = "String")]
#[ts(type = "string")]
pub struct CommuneCode(String);

impl CommuneCode {
    pub fn parse(raw: &str) -> ValidationResult<Self> {
        let v = raw.trim().to_uppercase();
        let b = v.as_bytes();
        let dept_ok =
            b.len() == 5 && (b[..2].iter().all(u8::is_ascii_digit) || &b[..2] == b"2A" || &b[..2] == b"2B");
        let rest_ok = b.len() == 5 && b[2..].iter().all(u8::is_ascii_digit);
        if !(dept_ok && rest_ok) || &b[..2] == b"00" || &b[..2] == b"20" {
            return Err(ValidationError::new(
                "commune_code_format",
                "commune_code",
                format!(
                    "Code commune INSEE : 5 caractères attendus (ex. 59350 pour Lille), reçu « {} ». \
                     Attention, ce n'est pas le code postal.",
                    raw.trim()
                ),
            ));
        }
        Ok(Self(v))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn departement(&self) -> &str {
        if self.0.starts_with("97") { &self.0[..3] } else { &self.0[..2] }
    }
}

impl TryFrom<String> for CommuneCode {
    type Error = ValidationError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}

impl From<CommuneCode> for String {
    fn from(c: CommuneCode) -> Self {
        c.0
    }
}

/// A French postcode: 5 digits, département prefix 01–98.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(try_from = "String", into = "String")]
#[ts(type = "string")]
pub struct Postcode(String);

impl Postcode {
    pub fn parse(raw: &str) -> ValidationResult<Self> {
        let v: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
        let ok = v.len() == 5
            && v.bytes().all(|b| b.is_ascii_digit())
            && !v.starts_with("00")
            && !v.starts_with("99");
        if !ok {
            return Err(ValidationError::new(
                "postcode_format",
                "postcode",
                format!("Code postal : 5 chiffres attendus (ex. 59000), reçu « {} ».", raw.trim()),
            ));
        }
        Ok(Self(v))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Postcode {
    type Error = ValidationError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}

impl From<Postcode> for String {
    fn from(c: Postcode) -> Self {
        c.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commune_codes() {
        assert_eq!(CommuneCode::parse("59350").unwrap().departement(), "59");
        assert_eq!(CommuneCode::parse("2a004").unwrap().as_str(), "2A004");
        assert_eq!(CommuneCode::parse("97411").unwrap().departement(), "974");
        let e = CommuneCode::parse("5935").unwrap_err();
        assert_eq!((e.code, e.field), ("commune_code_format", "commune_code"));
        assert!(e.message.starts_with("Code commune INSEE"));
        assert!(CommuneCode::parse("00123").is_err());
    }

    #[test]
    fn postcodes() {
        assert_eq!(Postcode::parse("59 000").unwrap().as_str(), "59000");
        let e = Postcode::parse("5900").unwrap_err();
        assert_eq!((e.code, e.field), ("postcode_format", "postcode"));
        assert!(Postcode::parse("00100").is_err());
        assert!(Postcode::parse("59OOO").is_err());
    }
}
