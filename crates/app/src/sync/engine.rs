//! One sync cycle: push the outbox in batches, then pull pages until caught
//! up, then refresh the directory of officers. The store lock is never held
//! while waiting for the network; each answer is applied in one local
//! transaction, so a cycle cut short anywhere resumes where it stopped
//! (pushes are idempotent on the server, acknowledgements on the device).

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use tremplin_protocol::PushRequest;
use tremplin_store::Officer;
use tremplin_store::sync::{Ack, RemoteEntry};
use ts_rs::TS;

use super::convert;
use super::transport::{SyncError, Transport};
use crate::app::App;

/// Mutations per push request.
pub const PUSH_BATCH: u32 = 500;
/// Rows per pull page.
pub const PULL_LIMIT: u32 = 5_000;
/// Pulled rows buffered before they are written (in short transactions).
const APPLY_BATCH: usize = 20_000;
/// How long one pull transaction may hold the writer (rows are checked
/// against it every 64; indexing and commit come on top). 10 ms keeps an
/// edit during a first sync at p99 ~40 ms (25 ms gave ~95 ms):
/// docs/architecture.md « What changed, and who waits ».
const WRITER_BUDGET: std::time::Duration = std::time::Duration::from_millis(10);

/// What one cycle did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CycleReport {
    pub pushed: u64,
    pub conflicts: u64,
    pub rejected: u64,
    pub pulled: u64,
    pub forgotten: u64,
    /// A full re-pull took place (scope change, or a long time offline).
    pub full_resync: bool,
    /// Time spent pushing, then pulling (milliseconds).
    pub push_ms: u64,
    pub pull_ms: u64,
}

pub(crate) fn cycle(app: &App, t: &dyn Transport, token: &str) -> Result<CycleReport, SyncError> {
    let mut report = CycleReport::default();
    let started = std::time::Instant::now();
    let pushed = push(app, t, token, &mut report);
    report.push_ms = started.elapsed().as_millis() as u64;
    // A push the server answers with an error (not a refusal: a broken
    // request) must not also cut the device off from others' changes:
    // receive them, then report the push error. Pending fields stay local.
    if let Err(e) = &pushed
        && !matches!(e, SyncError::Server(_))
    {
        return Err(e.clone());
    }
    let started = std::time::Instant::now();
    pull(app, t, token, &mut report)?;
    report.pull_ms = started.elapsed().as_millis() as u64;
    pushed?;
    let dir = t.directory(token)?;
    let officers: Vec<Officer> = dir
        .users
        .into_iter()
        .map(|u| Officer { id: u.id, display_name: u.display_name, email: u.email, dt_code: u.dt_code })
        .collect();
    app.store().replace_directory(&officers)?;
    Ok(report)
}

fn push(app: &App, t: &dyn Transport, token: &str, report: &mut CycleReport) -> Result<(), SyncError> {
    let device_id = app.store().device_id();
    loop {
        let batch = app.store().outbox_pending(PUSH_BATCH)?;
        if batch.is_empty() {
            return Ok(());
        }
        let mutations = batch.iter().map(convert::mutation).collect::<Result<Vec<_>, _>>()?;
        let res = t.push(token, &PushRequest { device_id, mutations })?;
        let mut outcomes: HashMap<_, _> =
            res.results.into_iter().map(|r| (r.mutation_id, r.outcome)).collect();
        let mut acks = Vec::with_capacity(batch.len());
        for entry in batch.iter() {
            // An answer without some mutation: those stay queued.
            let Some(outcome) = outcomes.remove(&entry.mutation_id) else { continue };
            let ack = convert::ack(outcome);
            match &ack {
                Ack::Applied { .. } => {}
                Ack::Conflicts { conflicts, .. } => report.conflicts += conflicts.len() as u64,
                Ack::Rejected { .. } => report.rejected += 1,
            }
            acks.push((entry.clone(), ack));
        }
        if acks.is_empty() {
            return Err(SyncError::Server("Le serveur n'a répondu pour aucune modification envoyée.".into()));
        }
        report.pushed += acks.len() as u64;
        app.store().acknowledge(&acks)?;
        if batch.len() < PUSH_BATCH as usize {
            return Ok(());
        }
    }
}

fn pull(app: &App, t: &dyn Transport, token: &str, report: &mut CycleReport) -> Result<(), SyncError> {
    let progress = app.store().sync_progress()?;
    let mut epoch = progress.scope_epoch;
    let mut buffer: Vec<RemoteEntry> = Vec::new();
    // The next page downloads while the previous ones are written.
    std::thread::scope(|scope| -> Result<(), SyncError> {
        let fetch = |cursor: i64| scope.spawn(move || t.pull(token, cursor, PULL_LIMIT));
        let mut cursor = progress.cursor;
        let mut next = Some(fetch(cursor));
        loop {
            let Some(pending) = next.take() else { return Ok(()) };
            let page =
                pending.join().map_err(|_| SyncError::Local("Téléchargement interrompu.".into()))??;
            let epoch_moved = epoch.is_some_and(|e| e != page.scope_epoch);
            if page.reset_required || epoch_moved {
                if report.full_resync {
                    return Err(SyncError::Server(
                        "Le serveur demande une resynchronisation en boucle.".into(),
                    ));
                }
                report.full_resync = true;
                buffer.clear();
                app.store().begin_reset(page.scope_epoch)?;
                epoch = Some(page.scope_epoch);
                cursor = 0;
                next = Some(fetch(cursor));
                continue;
            }
            if page.cursor < cursor {
                return Err(SyncError::Server(
                    "Le serveur a renvoyé un curseur antérieur : synchronisation arrêtée.".into(),
                ));
            }
            epoch = Some(page.scope_epoch);
            cursor = page.cursor;
            let has_more = page.has_more;
            if has_more {
                next = Some(fetch(cursor));
            }
            buffer.extend(page.entries.into_iter().map(convert::entry));
            // Several pages per transaction: far fewer commits on a first
            // sync (each one rewrites the index pages it touched).
            if !has_more || buffer.len() >= APPLY_BATCH {
                apply(app, &buffer, cursor, page.scope_epoch, report)?;
                buffer.clear();
            }
            if !has_more {
                return Ok(());
            }
        }
    })?;
    if app.store().sync_progress()?.resetting {
        report.forgotten += app.store().finish_reset()?;
        app.publish_changes();
    }
    Ok(())
}

/// Writes pulled entries in transactions of at most [`WRITER_BUDGET`]
/// each, releasing the writer between them: an officer's edit made during
/// a big first sync waits one short transaction, not the whole batch. The
/// cursor moves with the last one.
fn apply(
    app: &App,
    entries: &[RemoteEntry],
    cursor: i64,
    scope_epoch: i64,
    report: &mut CycleReport,
) -> Result<(), SyncError> {
    let mut rest = entries;
    loop {
        let mut store = app.store();
        let stats = store.apply_pull_within(rest, cursor, scope_epoch, Some(WRITER_BUDGET))?;
        // Handed to a waiting edit or query, if any: an ordinary unlock
        // lets this loop take the lock straight back and starve them.
        parking_lot::MutexGuard::unlock_fair(store);
        report.pulled += stats.rows;
        report.forgotten += stats.forgotten;
        app.publish_changes();
        rest = &rest[stats.applied..];
        if rest.is_empty() {
            return Ok(());
        }
    }
}
