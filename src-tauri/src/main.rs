//! Tremplin's desktop shell: a Tauri window over the app layer. One command,
//! `call`, forwards every request to `tremplin_app::dispatch`; a background
//! thread schedules sync cycles. No business rule and no SQL live here.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod scheduler;
mod startup;

use std::sync::Arc;

use serde_json::Value;
use tauri::Manager;
use tremplin_app::{App, AppError};

/// The opened app layer, or why it could not open (shown by the UI).
struct Backend(Result<Arc<App>, AppError>);

#[tauri::command]
async fn call(state: tauri::State<'_, Backend>, name: String, args: Value) -> Result<Value, AppError> {
    let app = state.0.clone()?;
    // SQLite work is blocking: keep it off the async runtime's threads.
    tauri::async_runtime::spawn_blocking(move || tremplin_app::dispatch::dispatch(&app, &name, args))
        .await
        .map_err(|e| AppError::new("internal", format!("Erreur interne : {e}")))?
}

fn main() {
    let demo = std::env::args().any(|a| a == "--demo");
    tauri::Builder::default()
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            // A second launch brings the open window forward instead.
            if let Some(w) = app.get_webview_window("main") {
                let _ = w.unminimize();
                let _ = w.set_focus();
            }
        }))
        .plugin(
            tauri_plugin_log::Builder::new()
                .clear_targets()
                .level(log::LevelFilter::Info)
                .target(tauri_plugin_log::Target::new(tauri_plugin_log::TargetKind::Stdout))
                .target(tauri_plugin_log::Target::new(tauri_plugin_log::TargetKind::LogDir {
                    file_name: None,
                }))
                .build(),
        )
        .plugin(tauri_plugin_window_state::Builder::new().build())
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .setup(move |app| {
            let backend = startup::open(app.handle(), demo).map(Arc::new);
            match &backend {
                Ok(opened) => scheduler::start(app.handle().clone(), opened.clone()),
                Err(e) => log::error!("{}: {}", e.code, e.message),
            }
            app.manage(Backend(backend));
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![call])
        .run(tauri::generate_context!("../tauri.conf.json"))
        .expect("Tremplin n'a pas pu démarrer");
}
