//! `tremplin serve-ui`: the HTTP adapter for development and browser tests.
//! Serves the built UI and exposes every app-layer command at
//! `POST /api/<command>`, on the loopback interface only, behind a random
//! bearer token handed to the browser in the URL fragment (never sent to
//! the server in a request line, never logged).

use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use anyhow::{Context, Result, bail};
use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use clap::Args;
use rand::RngCore;
use serde_json::Value;
use tower_http::services::{ServeDir, ServeFile};

use tremplin_app::dispatch::dispatch;
use tremplin_app::{App, AppError, DataChange};

#[derive(Args)]
pub struct ServeArgs {
    /// Dossier de l'interface construite (`npm run build` dans ui/).
    #[arg(long, default_value = "ui/build")]
    pub ui_dir: PathBuf,
    /// Port d'écoute sur 127.0.0.1 (0 : un port libre).
    #[arg(long, default_value_t = 0)]
    pub port: u16,
    /// Jeton d'accès (défaut : aléatoire). Variable : TREMPLIN_UI_TOKEN.
    #[arg(long, env = "TREMPLIN_UI_TOKEN", hide_env_values = true)]
    pub token: Option<String>,
}

struct Shared {
    app: App,
    token: String,
    /// What commands changed since the last response: sent back in the
    /// `x-tremplin-changed` header, so the page hears of it as the desktop
    /// shell's `data://changed` event (one tab, no background sync here).
    changed: Arc<Mutex<DataChange>>,
}

pub fn run(app: App, args: &ServeArgs) -> Result<()> {
    if !args.ui_dir.join("index.html").exists() {
        bail!(
            "Interface introuvable dans {} : construisez-la d'abord (cd ui && npm run build).",
            args.ui_dir.display()
        );
    }
    let token = args.token.clone().unwrap_or_else(|| {
        let mut b = [0u8; 32];
        rand::rng().fill_bytes(&mut b);
        hex::encode(b)
    });
    let changed = Arc::new(Mutex::new(DataChange::default()));
    let sink = changed.clone();
    app.add_data_listener(move |c| sink.lock().unwrap_or_else(|p| p.into_inner()).merge(c.clone()));
    let shared = Arc::new(Shared { app, token: token.clone(), changed });
    let index = args.ui_dir.join("index.html");
    let router = Router::new()
        .route("/api/{command}", post(call))
        .with_state(shared)
        .fallback_service(ServeDir::new(&args.ui_dir).fallback(ServeFile::new(index)));

    let runtime = tokio::runtime::Runtime::new()?;
    runtime.block_on(async move {
        let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, args.port));
        let listener =
            tokio::net::TcpListener::bind(addr).await.with_context(|| format!("Écoute sur {addr}"))?;
        let local = listener.local_addr()?;
        // The first line is machine-readable for test harnesses.
        println!("http://{local}/#token={token}");
        println!("Interface Tremplin servie sur http://{local}/ (Ctrl+C pour arrêter)");
        axum::serve(listener, router)
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await?;
        Ok(())
    })
}

async fn call(
    State(shared): State<Arc<Shared>>,
    Path(command): Path<String>,
    headers: HeaderMap,
    body: String,
) -> Response {
    let presented = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    if !presented.is_some_and(|t| constant_time_eq(t.as_bytes(), shared.token.as_bytes())) {
        return error(
            StatusCode::UNAUTHORIZED,
            AppError::new("unauthorized", "Jeton d'accès absent ou invalide."),
        );
    }
    let args: Value = if body.trim().is_empty() {
        Value::Null
    } else {
        match serde_json::from_str(&body) {
            Ok(v) => v,
            Err(e) => {
                return error(
                    StatusCode::BAD_REQUEST,
                    AppError::new("bad_request", format!("JSON invalide : {e}")),
                );
            }
        }
    };
    let app = shared.clone();
    let result = tokio::task::spawn_blocking(move || dispatch(&app.app, &command, args)).await;
    let mut response = match result {
        Ok(Ok(v)) => (StatusCode::OK, axum::Json(v)).into_response(),
        Ok(Err(e)) => error(status_of(&e), e),
        Err(_) => error(StatusCode::INTERNAL_SERVER_ERROR, AppError::new("internal", "Erreur interne.")),
    };
    let change = std::mem::take(&mut *shared.changed.lock().unwrap_or_else(|p| p.into_inner()));
    if !change.is_empty()
        && let Ok(v) = HeaderValue::from_str(&serde_json::to_string(&change).unwrap_or_default())
    {
        response.headers_mut().insert("x-tremplin-changed", v);
    }
    response
}

fn status_of(e: &AppError) -> StatusCode {
    match e.code.as_str() {
        "not_found" | "unknown_command" => StatusCode::NOT_FOUND,
        "forbidden" => StatusCode::FORBIDDEN,
        "storage" | "corrupt_data" | "internal" | "wrong_key" | "schema_too_new" => {
            StatusCode::INTERNAL_SERVER_ERROR
        }
        _ => StatusCode::UNPROCESSABLE_ENTITY,
    }
}

fn error(status: StatusCode, e: AppError) -> Response {
    (status, axum::Json(e)).into_response()
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
