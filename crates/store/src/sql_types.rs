//! Column readers for text-encoded values: UUIDs stored as text and enums
//! stored as their serde names. A malformed value surfaces as a conversion
//! error naming the column instead of a panic.

use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ValueRef};
use serde::de::DeserializeOwned;
use uuid::Uuid;

/// A UUID kept as text (`01a2…`).
pub(crate) struct TextId(pub Uuid);

impl FromSql for TextId {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        let s = value.as_str()?;
        Uuid::parse_str(s).map(TextId).map_err(|e| FromSqlError::Other(Box::new(e)))
    }
}

/// An enum kept as its serde name (`partenaire_actif`).
pub(crate) struct Named<T>(pub T);

impl<T: DeserializeOwned> FromSql for Named<T> {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        let s = value.as_str()?;
        serde_json::from_value(serde_json::Value::String(s.to_string()))
            .map(Named)
            .map_err(|e| FromSqlError::Other(Box::new(e)))
    }
}

/// Reads a text UUID column.
pub(crate) fn id(r: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<Uuid> {
    Ok(r.get::<_, TextId>(i)?.0)
}

/// Reads a nullable text UUID column.
pub(crate) fn opt_id(r: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<Option<Uuid>> {
    Ok(r.get::<_, Option<TextId>>(i)?.map(|t| t.0))
}

/// Reads an enum column.
pub(crate) fn named<T: DeserializeOwned>(r: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<T> {
    Ok(r.get::<_, Named<T>>(i)?.0)
}
