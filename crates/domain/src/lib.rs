//! Tremplin's domain: the records an employer-relations officer keeps
//! (organisations, contacts, contact log, follow-ups), the French business
//! identifiers they carry, and the validation rules that guard them.
//!
//! Pure: no IO, no clock reads except where a caller passes "now".

pub mod access;
pub mod account;
pub mod aid;
pub mod audit;
pub mod candidacy;
pub mod cie;
pub mod commitment;
pub mod committee;
pub mod contact;
pub mod convention;
pub mod error;
pub mod event;
pub mod grouping;
pub mod hire;
pub mod identifiers;
pub mod ids;
pub mod interaction;
pub mod mentoring;
pub mod money;
pub mod naf;
pub mod need;
pub mod organisation;
pub mod parameters;
pub mod person;
pub mod project;
pub mod reach;
pub mod retention;
pub mod sensitive;
pub mod synced;
pub mod task;
pub mod tension;
pub mod territory;
pub mod text;
pub mod time;

pub use error::{Checks, ValidationError, ValidationResult};
pub use ids::{RowId, new_row_id};
