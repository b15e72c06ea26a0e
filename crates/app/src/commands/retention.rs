//! Retention (docs/domain/personal-data.md « Retention »): the periods in
//! force with their sources, what falls due now and within a month, the
//! purge of a laptop linked to no server (the server purges for the
//! others, daily), and the log of purges — how many, by which rule, never
//! whom.

use chrono::Days;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use tremplin_domain::new_row_id;
use tremplin_domain::retention::{Due, PeriodEntry, PurgeCount, RetentionBook, RetentionPeriod};
use tremplin_store::Store;

use super::cie::org_name;
use crate::app::App;
use crate::error::{AppError, AppResult};

/// How far ahead administrators see what will fall due.
pub const PREVIEW_DAYS: u64 = 30;

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct DueLine {
    pub due: Due,
    /// What it is, for the administrator who checks before the purge.
    pub label: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct PurgeLine {
    pub ran_at: String,
    pub count: PurgeCount,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct RetentionOverview {
    /// Every period, shipped and entered, with its source.
    pub periods: Vec<PeriodEntry>,
    /// Due today or before.
    pub due: Vec<DueLine>,
    /// Due within [`PREVIEW_DAYS`].
    pub upcoming: Vec<DueLine>,
    /// This device's purges (a device linked to a server has none: the
    /// server purges and the erasures arrive with the sync).
    pub log: Vec<PurgeLine>,
    /// Linked to a server: purges are the server's.
    pub server_managed: bool,
    /// This user may change periods and purge.
    pub editable: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct SavePeriodRequest {
    pub input: RetentionPeriod,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct PurgeReport {
    pub counts: Vec<PurgeCount>,
}

fn book(store: &Store) -> AppResult<RetentionBook> {
    let entered = store.retention_periods()?.into_iter().map(|r| (r.id, r.data)).collect();
    Ok(RetentionBook::new(entered))
}

/// Administrators; and an officer on a laptop linked to no server (their
/// install is their own).
fn may_manage(store: &Store) -> AppResult<bool> {
    Ok(super::people::is_administrator(store)? || store.sync_setting("server_url")?.is_none())
}

fn label(store: &Store, d: &Due) -> AppResult<String> {
    Ok(match d.entity.as_str() {
        "person" => format!("Personne suivie : {}", super::cie::person_name(store, d.row_id)?),
        "contact" => match store.get::<tremplin_domain::contact::Contact>(d.row_id)? {
            Some(c) => format!(
                "Contact : {} {} ({})",
                c.data.first_name.unwrap_or_default(),
                c.data.last_name,
                org_name(store, c.data.organisation_id)?
            ),
            None => "Contact".into(),
        },
        "audit_entry" => "Entrée du journal des accès".into(),
        "aided_contract" => match store.get::<tremplin_domain::cie::AidedContract>(d.row_id)? {
            Some(c) => format!(
                "Contrat aidé anonymisé : {} chez {}",
                c.data.job_title,
                org_name(store, c.data.employer_id)?
            ),
            None => "Contrat aidé anonymisé".into(),
        },
        other => other.to_string(),
    })
}

pub fn overview(app: &App) -> AppResult<RetentionOverview> {
    let store = app.reader();
    let editable = may_manage(&store)?;
    if !editable {
        return Err(AppError::new(
            "admin_only",
            "Conservation des données : réservé aux administrateurs (ils voient ce qui arrive à échéance).",
        ));
    }
    let today = app.clock().today();
    let book = book(&store)?;
    let facts = store.retention_facts()?;
    let horizon = today + Days::new(PREVIEW_DAYS);
    let mut due = Vec::new();
    let mut upcoming = Vec::new();
    for d in book.plan(&facts, today, horizon) {
        // Every kind is returned; the screen counts access-log entries
        // rather than listing them (they say nothing by themselves).
        let line = DueLine { label: label(&store, &d)?, due: d };
        if line.due.due_on <= today { due.push(line) } else { upcoming.push(line) }
    }
    let log =
        store.retention_log()?.into_iter().map(|l| PurgeLine { ran_at: l.ran_at, count: l.count }).collect();
    Ok(RetentionOverview {
        periods: book.periods,
        due,
        upcoming,
        log,
        server_managed: store.sync_setting("server_url")?.is_some(),
        editable,
    })
}

/// A new period for a rule from a date on (it replaces the row it names).
pub fn save_period(app: &App, req: SavePeriodRequest) -> AppResult<RetentionOverview> {
    let mut store = app.store();
    if !super::people::is_administrator(&store)? && store.sync_setting("server_url")?.is_some() {
        return Err(AppError::new(
            "admin_only",
            "Durées de conservation : seul un administrateur les modifie.",
        ));
    }
    let p = req.input.validated()?;
    if let Some(old) = p.replaces_id {
        let b = book(&store)?;
        if !b.periods.iter().any(|e| e.id == old && e.replaced_by.is_none()) {
            return Err(AppError::field(
                "already_replaced",
                "replaces_id",
                "Correction : la durée corrigée n'est plus en vigueur (elle a déjà été corrigée).",
            ));
        }
    }
    store.write(|w| w.create(new_row_id(), &p).map_err(AppError::from))?;
    drop(store);
    overview(app)
}

/// Purges what is due, on a laptop linked to no server.
pub fn run(app: &App) -> AppResult<PurgeReport> {
    let mut store = app.store();
    if store.sync_setting("server_url")?.is_some() {
        return Err(AppError::new(
            "server_managed",
            "Ce poste est relié à un serveur : c'est lui qui efface chaque jour ce qui arrive à échéance, \
             et les effacements arrivent avec la synchronisation.",
        ));
    }
    let today = app.clock().today();
    let due = book(&store)?.plan(&store.retention_facts()?, today, today);
    let counts = store.retention_purge(&due, app.clock().now())?;
    Ok(PurgeReport { counts })
}

/// Once a day on a laptop linked to no server (called by the desktop's
/// scheduler): the purge, if not run today.
pub fn daily(app: &App) -> AppResult<Option<PurgeReport>> {
    let store = app.store();
    if store.sync_setting("server_url")?.is_some() {
        return Ok(None);
    }
    let today = app.clock().today();
    if store.retention_last_run()?.is_some_and(|d| d >= today) {
        return Ok(None);
    }
    drop(store);
    run(app).map(Some)
}
