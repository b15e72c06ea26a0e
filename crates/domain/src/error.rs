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
    /// The other fields at fault in the same form, in the form's order (see
    /// [`Checks`]): one submit reports them all.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<ValidationError>,
}

impl ValidationError {
    pub fn new(code: &'static str, field: &'static str, message: impl Into<String>) -> Self {
        Self { code, field, message: message.into(), also: Vec::new() }
    }

    /// This error and the others found with it, in the form's order.
    pub fn all(&self) -> impl Iterator<Item = &ValidationError> {
        std::iter::once(self).chain(self.also.iter())
    }

    /// Same rule, reported on another field (e.g. a SIRET checked as `siret`
    /// but entered in the `parent_siret` box).
    pub fn on_field(mut self, field: &'static str) -> Self {
        self.field = field;
        self
    }
}

pub type ValidationResult<T> = Result<T, ValidationError>;

/// The checks of one form, run all before answering: an officer who submits
/// a form with three mistakes sees three messages at once, not one per try
/// (RGAA 11.10; docs/architecture.md « Errors: one answer per submit »). Independent fields are
/// checked with [`Checks::value`] / [`Checks::take`]; rules that need a valid
/// field run only when it parsed.
#[derive(Debug, Default)]
pub struct Checks {
    errors: Vec<ValidationError>,
}

impl Checks {
    /// The value, or `None` with its error kept.
    pub fn take<T>(&mut self, result: ValidationResult<T>) -> Option<T> {
        match result {
            Ok(v) => Some(v),
            Err(e) => {
                self.push(e);
                None
            }
        }
    }

    /// The value, or its type's default with the error kept (the default is
    /// never used: [`Checks::finish`] then fails).
    pub fn value<T: Default>(&mut self, result: ValidationResult<T>) -> T {
        self.take(result).unwrap_or_default()
    }

    /// Keeps an error, unless its field already has one: the first says
    /// what to fix first (a malformed SIRET, not also « required »).
    pub fn push(&mut self, error: ValidationError) {
        // An error may already carry others (a nested form's checks).
        let ValidationError { code, field, message, also } = error;
        for e in std::iter::once(ValidationError::new(code, field, message)).chain(also) {
            if !self.errors.iter().any(|known| known.field == e.field) {
                self.errors.push(e);
            }
        }
    }

    /// Ok when every check passed; otherwise the first error, carrying the
    /// others.
    pub fn finish(self) -> ValidationResult<()> {
        let mut errors = self.errors.into_iter();
        match errors.next() {
            None => Ok(()),
            Some(mut first) => {
                first.also = errors.collect();
                Err(first)
            }
        }
    }
}

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
