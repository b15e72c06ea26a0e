//! Read models: what the screens and the CLI list and show, with the
//! reference labels (commune, EPCI, DT, NAF, officer) already joined.

pub mod contacts;
pub mod events;
pub mod instruments;
pub mod interactions;
pub mod needs;
pub mod organisations;
pub mod partnerships;
pub mod placement;
pub mod projects;
pub mod tasks;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One page of a longer list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Page<T> {
    /// Rows matching the filters, all pages together.
    pub total: u64,
    pub offset: u64,
    pub items: Vec<T>,
}

/// Paging limits shared by list queries.
pub const MAX_PAGE: u32 = 500;

pub(crate) fn clamp_limit(limit: u32) -> u32 {
    limit.clamp(1, MAX_PAGE)
}

/// A list of ids as the JSON array `json_each(?)` reads: one statement for
/// a set of any size.
pub(crate) fn id_list(ids: &[uuid::Uuid]) -> String {
    serde_json::Value::Array(ids.iter().map(|i| serde_json::Value::String(i.to_string())).collect())
        .to_string()
}
