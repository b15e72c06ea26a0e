//! Validation errors: a stable code, the field at fault and a French message
//! that names it, so the UI can show it next to the field.

use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("{message}")]
pub struct ValidationError {
    /// Stable machine code, e.g. `siret_checksum`.
    pub code: &'static str,
    /// Name of the request field at fault (the DTO's field name).
    pub field: &'static str,
    /// User-facing French message; it names the field.
    pub message: String,
}

impl ValidationError {
    pub fn new(code: &'static str, field: &'static str, message: impl Into<String>) -> Self {
        Self { code, field, message: message.into() }
    }

    /// Same rule, reported on another field (e.g. a SIRET checked as `siret`
    /// but entered in the `parent_siret` box).
    pub fn on_field(mut self, field: &'static str) -> Self {
        self.field = field;
        self
    }
}

pub type ValidationResult<T> = Result<T, ValidationError>;

/// A required text field: trimmed, non-empty, at most `max` characters.
pub fn required_text(value: &str, field: &'static str, label: &str, max: usize) -> ValidationResult<String> {
    let v = value.trim();
    if v.is_empty() {
        return Err(ValidationError::new("required", field, format!("{label} : ce champ est obligatoire.")));
    }
    max_len(v, field, label, max)?;
    Ok(v.to_string())
}

/// An optional text field: trimmed; empty becomes `None`.
pub fn optional_text(
    value: Option<&str>,
    field: &'static str,
    label: &str,
    max: usize,
) -> ValidationResult<Option<String>> {
    match value.map(str::trim) {
        None | Some("") => Ok(None),
        Some(v) => {
            max_len(v, field, label, max)?;
            Ok(Some(v.to_string()))
        }
    }
}

fn max_len(v: &str, field: &'static str, label: &str, max: usize) -> ValidationResult<()> {
    let n = v.chars().count();
    if n > max {
        return Err(ValidationError::new(
            "too_long",
            field,
            format!("{label} : {n} caractères, le maximum est {max}."),
        ));
    }
    Ok(())
}
