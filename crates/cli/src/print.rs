//! Human-readable output in French.

use chrono::{DateTime, Local, NaiveDate};

/// "28/11/2026 14:30" in the officer's local time.
pub fn datetime(iso: &str) -> String {
    match DateTime::parse_from_rfc3339(iso) {
        Ok(t) => t.with_timezone(&Local).format("%d/%m/%Y %H:%M").to_string(),
        Err(_) => iso.to_string(),
    }
}

pub fn date(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// Pads or cuts `s` to `width` characters.
pub fn cell(s: &str, width: usize) -> String {
    let n = s.chars().count();
    if n > width {
        let cut: String = s.chars().take(width.saturating_sub(1)).collect();
        format!("{cut}…")
    } else {
        format!("{s}{}", " ".repeat(width - n))
    }
}

pub fn json<T: serde::Serialize>(v: &T) -> anyhow::Result<()> {
    println!("{}", serde_json::to_string_pretty(v)?);
    Ok(())
}
