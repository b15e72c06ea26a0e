//! The sync scheduler: a background thread that runs a cycle at start-up,
//! every N minutes, a few seconds after local edits, and backs off with
//! jitter while the server is unreachable (rules in
//! `tremplin_app::sync::schedule`). It never blocks the window: the UI keeps
//! working on the local store, and hears of each cycle by the
//! `sync://status` event.

use std::sync::Arc;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

use tauri::{AppHandle, Emitter};
use tremplin_app::App;
use tremplin_app::sync::SyncError;
use tremplin_app::sync::schedule::{AFTER_EDIT, LastRun, Schedule};

/// First cycle, once the window has had time to show.
const AT_START: Duration = Duration::from_secs(3);

pub fn start(handle: AppHandle, app: Arc<App>) {
    let (tx, rx) = mpsc::channel::<()>();
    app.set_change_listener(move || {
        let _ = tx.send(());
    });
    // Screens reload only what a command or a pulled page changed.
    let events = handle.clone();
    app.add_data_listener(move |change| {
        let _ = events.emit("data://changed", change);
    });
    let spawned =
        std::thread::Builder::new().name("tremplin-sync".into()).spawn(move || run(&handle, &app, &rx));
    if let Err(e) = spawned {
        log::error!("planificateur de synchronisation non démarré : {e}");
    }
}

fn run(handle: &AppHandle, app: &App, changes: &mpsc::Receiver<()>) {
    let mut schedule = Schedule::new(app.sync_status().map(|s| s.interval_minutes).unwrap_or(5));
    let mut next = Instant::now() + AT_START;
    loop {
        match changes.recv_timeout(next.saturating_duration_since(Instant::now())) {
            // A local edit (or a new setting): push soon, not later than planned.
            Ok(()) => {
                next = next.min(Instant::now() + AFTER_EDIT);
                continue;
            }
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => return,
        }
        let status = match app.sync_status() {
            Ok(s) => s,
            Err(e) => {
                log::error!("état de synchronisation illisible : {}", e.message);
                next = Instant::now() + Duration::from_secs(60);
                continue;
            }
        };
        schedule.set_interval(status.interval_minutes);
        if status.configured && !status.demo {
            // The badge shows « synchronisation en cours » without polling.
            let _ = handle.emit(
                "sync://status",
                tremplin_app::sync::SyncStatus { in_progress: true, ..status.clone() },
            );
        }
        let last = if !status.configured || status.demo {
            // Linked to no server: this laptop applies the retention rules
            // itself, once a day (the demo keeps its records).
            if !status.configured && !status.demo {
                match tremplin_app::commands::retention::daily(app) {
                    Ok(Some(r)) => log::info!("conservation : {} règle(s) appliquée(s)", r.counts.len()),
                    Ok(None) => {}
                    Err(e) => log::warn!("conservation : {}", e.message),
                }
            }
            LastRun::Refused
        } else {
            match app.sync_now() {
                Ok(r) => {
                    log::info!(
                        "synchronisation : {} envoyée(s), {} reçue(s), {} conflit(s), {} refus",
                        r.pushed,
                        r.pulled,
                        r.conflicts,
                        r.rejected
                    );
                    LastRun::Succeeded
                }
                Err(SyncError::Offline(m)) => {
                    log::info!("serveur injoignable : {m}");
                    LastRun::Unreachable
                }
                Err(e) => {
                    log::warn!("synchronisation impossible : {e}");
                    LastRun::Refused
                }
            }
        };
        next = Instant::now() + schedule.after(last, rand::random::<f64>());
        if let Ok(s) = app.sync_status() {
            let _ = handle.emit("sync://status", s);
        }
    }
}
