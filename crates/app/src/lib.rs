//! Tremplin's application layer: the use cases an officer performs, as
//! transport-agnostic commands with typed requests and responses. The
//! desktop shell, the CLI and the HTTP adapter all call these; none of them
//! holds business rules.

mod access_statement;
pub mod aid_parameters;
mod app;
pub mod bindings;
pub mod brief;
mod calendar;
pub mod clock;
pub mod commands;
pub mod credentials;
pub mod demo;
mod demo_events;
mod demo_instruments;
mod demo_needs;
mod demo_partnerships;
mod demo_placement;
pub mod dispatch;
mod documents;
mod error;
mod event_sheet;
pub mod seed;
pub mod sync;

pub use app::{App, DataChange};
pub use error::{AppError, AppResult, FieldError};
pub use tremplin_store::{Officer, StoreKey, remove_database_files};
