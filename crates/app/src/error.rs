//! The one error shape the UI sees: `{code, message, field?}` with a stable
//! code and a French message.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use tremplin_domain::ValidationError;
use tremplin_store::StoreError;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, thiserror::Error)]
#[error("{message}")]
pub struct AppError {
    pub code: String,
    pub message: String,
    /// The request field at fault, when there is one.
    pub field: Option<String>,
    /// Every field at fault when a form was checked whole (the first is
    /// `field` and `message`); empty otherwise.
    #[serde(default)]
    pub errors: Vec<FieldError>,
}

/// One field at fault in a form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FieldError {
    pub code: String,
    pub field: String,
    pub message: String,
}

pub type AppResult<T> = Result<T, AppError>;

impl AppError {
    pub fn new(code: &str, message: impl Into<String>) -> Self {
        Self { code: code.into(), message: message.into(), field: None, errors: Vec::new() }
    }

    pub fn field(code: &str, field: &str, message: impl Into<String>) -> Self {
        Self { code: code.into(), message: message.into(), field: Some(field.into()), errors: Vec::new() }
    }

    pub fn not_found(what: &str) -> Self {
        Self::new("not_found", format!("{what} introuvable : il a peut-être été supprimé."))
    }
}

impl From<ValidationError> for AppError {
    fn from(e: ValidationError) -> Self {
        let errors = if e.also.is_empty() {
            Vec::new()
        } else {
            e.all()
                .map(|f| FieldError {
                    code: f.code.into(),
                    field: f.field.into(),
                    message: f.message.clone(),
                })
                .collect()
        };
        Self { code: e.code.into(), message: e.message, field: Some(e.field.into()), errors }
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        let code = match &e {
            StoreError::WrongKey => "wrong_key",
            StoreError::SchemaTooNew { .. } => "schema_too_new",
            StoreError::NotFound { .. } => "not_found",
            StoreError::BadKey(_) => "bad_key",
            StoreError::Reference { .. } | StoreError::Corrupt { .. } => "corrupt_data",
            StoreError::Sqlite(_) | StoreError::Io(_) => "storage",
        };
        Self::new(code, e.to_string())
    }
}
