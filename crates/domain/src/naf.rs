//! NAF (APE) activity codes. Rév. 2 sous-classes look like `87.10A`; NAF 2025
//! becomes the official APE on 1 Jan 2027 with codes of the same shape, so
//! every stored code carries its nomenclature version: the same string does
//! not mean the same activity in both.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{ValidationError, ValidationResult};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum NafVersion {
    #[default]
    NafRev2,
    Naf2025,
}

impl NafVersion {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::NafRev2 => "NAF_REV2",
            Self::Naf2025 => "NAF2025",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "NAF_REV2" => Some(Self::NafRev2),
            "NAF2025" => Some(Self::Naf2025),
            _ => None,
        }
    }
}

/// A NAF sous-classe code, normalised to `NN.NNL` (upper-case letter).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(try_from = "String", into = "String")]
#[ts(type = "string")]
pub struct NafCode(String);

impl NafCode {
    /// Accepts `87.10A`, `8710A`, `87.10a`, ` 87 10 A `.
    pub fn parse(raw: &str) -> ValidationResult<Self> {
        let compact: String =
            raw.chars().filter(|c| !c.is_whitespace() && *c != '.').collect::<String>().to_uppercase();
        let b = compact.as_bytes();
        let ok = b.len() == 5 && b[..4].iter().all(u8::is_ascii_digit) && b[4].is_ascii_uppercase();
        if !ok {
            return Err(ValidationError::new(
                "naf_format",
                "naf_code",
                format!("Code NAF : format attendu « 99.99X » (ex. 87.10A), reçu « {} ».", raw.trim()),
            ));
        }
        Ok(Self(format!("{}.{}", &compact[..2], &compact[2..])))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The division (first two digits), e.g. `87`.
    pub fn division(&self) -> &str {
        &self.0[..2]
    }
}

impl TryFrom<String> for NafCode {
    type Error = ValidationError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}

impl From<NafCode> for String {
    fn from(n: NafCode) -> Self {
        n.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_and_validates() {
        assert_eq!(NafCode::parse("87.10A").unwrap().as_str(), "87.10A");
        assert_eq!(NafCode::parse("8710a").unwrap().as_str(), "87.10A");
        assert_eq!(NafCode::parse(" 47.11 F ").unwrap().division(), "47");
        let e = NafCode::parse("87.1").unwrap_err();
        assert_eq!((e.code, e.field), ("naf_format", "naf_code"));
        assert!(e.message.starts_with("Code NAF"));
        assert!(NafCode::parse("AB.10A").is_err());
        assert!(NafCode::parse("87.101").is_err());
    }

    #[test]
    fn version_round_trip() {
        for v in [NafVersion::NafRev2, NafVersion::Naf2025] {
            assert_eq!(NafVersion::parse(v.as_str()), Some(v));
        }
    }
}
