//! Amounts in integer cents, written and read the French way.

use crate::error::{ValidationError, ValidationResult};

/// "1 823,03 €" (non-breaking spaces, so a line never splits an amount).
pub fn euros(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let c = cents.unsigned_abs();
    let units = (c / 100).to_string();
    let mut grouped = String::new();
    for (i, ch) in units.chars().enumerate() {
        if i > 0 && (units.len() - i).is_multiple_of(3) {
            grouped.push('\u{a0}');
        }
        grouped.push(ch);
    }
    format!("{sign}{grouped},{:02}\u{a0}€", c % 100)
}

/// "12,02", "12.02", "1 823" or "652,3" → cents. At most two decimals.
pub fn parse_euros(raw: &str, field: &'static str, label: &str) -> ValidationResult<i64> {
    parse_hundredths(&raw.replace('€', ""), field, label, "montant en euros", "12,02")
}

/// A positive number with at most two decimals, in hundredths ("47,5" →
/// 4 750): rates in basis points, hours in hundredths.
pub fn parse_hundredths(
    raw: &str,
    field: &'static str,
    label: &str,
    what: &str,
    example: &str,
) -> ValidationResult<i64> {
    let bad = || {
        ValidationError::new(
            "number_format",
            field,
            format!("{label} : {what} attendu (ex. {example}), reçu « {} ».", raw.trim()),
        )
    };
    let v: String = raw.chars().filter(|c| !c.is_whitespace()).collect::<String>().replace(',', ".");
    let (units, decimals) = v.split_once('.').unwrap_or((&v, ""));
    if units.is_empty()
        || decimals.len() > 2
        || !(units.bytes().chain(decimals.bytes())).all(|b| b.is_ascii_digit())
    {
        return Err(bad());
    }
    let units: i64 = units.parse().map_err(|_| bad())?;
    let dec: i64 = format!("{decimals:0<2}").parse().map_err(|_| bad())?;
    units.checked_mul(100).and_then(|u| u.checked_add(dec)).ok_or_else(bad)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_and_reads_french_amounts() {
        assert_eq!(euros(182_303), "1\u{a0}823,03\u{a0}€");
        assert_eq!(euros(5), "0,05\u{a0}€");
        assert_eq!(euros(-28_278), "-282,78\u{a0}€");
        assert_eq!(parse_euros("12,02", "smic", "SMIC").unwrap(), 1_202);
        assert_eq!(parse_euros("652.3", "rsa", "RSA").unwrap(), 65_230);
        assert_eq!(parse_euros("1 823 €", "x", "X").unwrap(), 182_300);
        let e = parse_euros("12,025", "smic", "SMIC").unwrap_err();
        assert_eq!((e.code, e.field), ("number_format", "smic"));
        assert!(parse_euros("douze", "smic", "SMIC").is_err());
    }
}
