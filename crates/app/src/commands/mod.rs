//! The commands, one module per record family. Each takes the [`App`] and a
//! typed request, validates with the domain, checks what needs the store,
//! and writes through the store's transactional writer.
//!
//! [`App`]: crate::App

pub mod briefs;
pub mod candidacies;
pub mod cie;
pub mod contacts;
pub mod conventions;
pub mod dashboard;
pub mod events;
pub mod groupings;
pub mod hires;
pub mod interactions;
pub mod mentoring;
pub mod needs;
pub mod organisations;
pub mod parameters;
pub mod people;
pub mod profile;
pub mod projects;
pub mod reference;
pub mod retention;
pub mod search;
pub mod status;
pub mod sync;
pub mod tasks;
pub mod tension;

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

/// A request naming one record.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, TS)]
pub struct IdRequest {
    pub id: Uuid,
}

/// An edit: the record and its whole form.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct UpdateRequest<T> {
    pub id: Uuid,
    pub input: T,
    /// The officer confirmed free text holds no sensitive data (where the
    /// record has free text about people).
    #[serde(default)]
    pub confirm_sensitive: bool,
}
