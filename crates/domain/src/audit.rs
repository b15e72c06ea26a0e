//! The audit trail of personal data (docs/domain/personal-data.md « Audit »): every display
//! or export of a person's record, by whom, when, what and why. Append-only,
//! synced to the server. It names the record, never copies its content.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{ValidationError, ValidationResult, required_text};
use crate::ids::RowId;
use crate::synced::{DeleteRule, EntityDef, ScopeRule, Synced, parse, text};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AuditAction {
    /// The record was shown.
    Consultation,
    /// Written to a file (CSV, PDF) or printed.
    Export,
}

impl AuditAction {
    pub fn label(self) -> &'static str {
        match self {
            Self::Consultation => "Consultation",
            Self::Export => "Export",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AuditEntry {
    pub officer_id: RowId,
    #[ts(type = "string")]
    pub at: DateTime<Utc>,
    pub action: AuditAction,
    /// The kind of record ("person") and its id.
    pub entity: String,
    pub row_id: RowId,
    /// Why: the task the officer was doing ("suivi du contrat aidé"…).
    pub purpose: String,
}

impl AuditEntry {
    pub fn validated(self) -> ValidationResult<Self> {
        if self.row_id.is_nil() || self.officer_id.is_nil() {
            return Err(ValidationError::new("required", "row_id", "Journal : fiche et agent obligatoires."));
        }
        Ok(Self { purpose: required_text(&self.purpose, "purpose", "Motif", 200)?, ..self })
    }
}

impl Synced for AuditEntry {
    const DEF: EntityDef = EntityDef {
        scope: ScopeRule::Own { user: "officer_id" },
        append_only: true,
        delete: DeleteRule::Never,
        recorded_at: Some("at"),
        ..EntityDef::new(
            "audit_entry",
            &[
                text("officer_id"),
                text("at"),
                text("action"),
                text("entity"),
                text("row_id"),
                text("purpose"),
            ],
            |d, _| parse::<AuditEntry>(d)?.validated().map(drop),
        )
    };
}
