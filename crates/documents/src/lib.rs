//! Tremplin's printed documents: the partnership convention
//! (docs/domain/conventions.md), the partner meeting brief and an event's
//! sheets (attendance, invitations), as A4 PDFs with an embedded
//! Unicode font (DejaVu Sans, `assets/fonts/`).
//!
//! The app layer gathers the data into [`convention::ConventionDoc`] and
//! [`brief::BriefDoc`]; this crate only lays them out.

pub mod brief;
pub mod convention;
mod fonts;
mod layout;
pub mod sheet;
pub mod text;

pub use layout::DocumentInfo;

#[derive(Debug, thiserror::Error)]
pub enum DocumentError {
    #[error("Police intégrée illisible : {0}")]
    Font(String),
}
