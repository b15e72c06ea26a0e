//! Tremplin's local store: an encrypted (SQLCipher) SQLite database with
//! embedded migrations, the Nord's reference data, the officer's records,
//! full-text search, and the sync outbox.
//!
//! Every write goes through [`Writer`], which records the row change and its
//! outbox mutation in one transaction.

#[doc(hidden)]
pub mod baseline;
mod bulk;
mod changes;
mod checkpoint;
mod connection;
pub mod entity;
mod error;
mod key;
pub mod meta;
mod migrations;
pub mod outbox;
pub mod queries;
pub mod reference;
pub mod retention;
pub mod search;
mod sql_types;
pub mod sync;
mod writer;

pub use bulk::{BulkMode, BulkStats};
pub use changes::{ChangeFeed, Changes};
pub use checkpoint::Checkpointer;
pub use connection::{Store, remove_database_files};
pub use entity::{Entity, Record};
pub use error::{StoreError, StoreResult};
pub use key::StoreKey;
pub use meta::Officer;
pub use migrations::{LATEST_SCHEMA_VERSION, MIGRATIONS};
pub use writer::{WriteOutcome, Writer};
