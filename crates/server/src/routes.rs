//! The HTTP API: routes, the bearer-token extractor, the protocol version
//! check, and the OpenAPI description of it all.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::rejection::JsonRejection;
use axum::extract::{ConnectInfo, FromRequestParts, Query, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use deadpool_postgres::Pool;
use serde::Deserialize;
use tokio_postgres::IsolationLevel;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tremplin_protocol::{
    Directory, ErrorBody, HEADER_PROTOCOL, HEADER_SCHEMA, LoginRequest, LoginResponse, PROTOCOL_VERSION,
    PullResponse, PushRequest, PushResponse,
};
use utoipa::OpenApi;

use crate::auth::{self, Caller};
use crate::config::Config;
use crate::error::{ApiError, ApiResult};
use crate::{pull, push};

/// Largest push body: `MAX_PUSH_BATCH` mutations of long reports. Only an
/// authenticated device gets this far (the token is checked before the
/// body is read).
pub const MAX_PUSH_BYTES: usize = 64 * 1024 * 1024;
/// Largest login body: a login, a password and a device name.
pub const MAX_LOGIN_BYTES: usize = 4 * 1024;
/// Largest body of any other route (they take none).
pub const MAX_OTHER_BYTES: usize = 4 * 1024;

/// Oldest protocol version this server still speaks.
pub const MIN_PROTOCOL_VERSION: u32 = 1;

#[derive(Clone)]
pub struct AppState {
    pub pool: Pool,
    pub cfg: Arc<Config>,
    /// Waiting turns for the push lock and the login counters are taken
    /// here, before a pooled connection: a queue of pushes or a flood of
    /// logins never holds the connections other requests need.
    pub gates: Arc<Gates>,
}

pub struct Gates {
    /// One push of this process at a time reaches the database (pushes are
    /// serialised there anyway, by `sync_head`).
    pub push: tokio::sync::Mutex<()>,
    /// Logins of this process counting their attempts at once.
    pub login: tokio::sync::Semaphore,
}

impl AppState {
    pub fn new(pool: Pool, cfg: Config) -> Self {
        let logins = (cfg.pool_size / 4).max(1);
        let gates = Gates { push: tokio::sync::Mutex::new(()), login: tokio::sync::Semaphore::new(logins) };
        Self { pool, cfg: Arc::new(cfg), gates: Arc::new(gates) }
    }
}

pub fn router(state: AppState) -> Router {
    // Each route its own body limit, answered 413 from the Content-Length
    // before anything is buffered (and while streaming a chunked body).
    let limit = |n: usize| (RequestBodyLimitLayer::new(n), axum::extract::DefaultBodyLimit::max(n));
    let versioned = Router::new()
        .route("/v1/auth/login", post(login).layer(limit(MAX_LOGIN_BYTES)))
        .route("/v1/auth/logout", post(logout).layer(limit(MAX_OTHER_BYTES)))
        .route("/v1/sync/push", post(push_route).layer(limit(MAX_PUSH_BYTES)))
        .route("/v1/sync/pull", get(pull_route).layer(limit(MAX_OTHER_BYTES)))
        .route("/v1/directory", get(directory).layer(limit(MAX_OTHER_BYTES)))
        .layer(middleware::from_fn_with_state(state.clone(), check_versions));
    Router::new()
        .route("/health", get(health))
        .route("/v1/openapi.json", get(openapi))
        .merge(versioned)
        .layer(middleware::from_fn(close_after_refused_bodies))
        // A panic is a 500 with nothing written: the transaction it held is
        // dropped, so rolled back.
        .layer(CatchPanicLayer::custom(panic_response))
        // Officers sync over 4G: pulled pages are JSON and shrink several
        // times gzipped; the fastest level keeps the server's CPU for others.
        .layer(
            tower_http::compression::CompressionLayer::new()
                .gzip(true)
                .quality(tower_http::CompressionLevel::Fastest),
        )
        .with_state(state)
}

/// An error answered before the request body was read (426, 401…) leaves
/// that body on the connection: the client must not reuse it, or its next
/// request fails with "peer disconnected". Say so.
async fn close_after_refused_bodies(req: Request, next: Next) -> Response {
    let headers = req.headers();
    let has_body = headers.contains_key(header::TRANSFER_ENCODING)
        || headers.get(header::CONTENT_LENGTH).is_some_and(|v| v.as_bytes() != b"0");
    let mut res = next.run(req).await;
    if has_body && (res.status().is_client_error() || res.status().is_server_error()) {
        res.headers_mut().insert(header::CONNECTION, HeaderValue::from_static("close"));
    }
    res
}

fn panic_response(_: Box<dyn std::any::Any + Send + 'static>) -> Response {
    ApiError::internal("a request handler panicked").into_response()
}

fn header_u32(req: &Request, name: &str) -> Option<u32> {
    req.headers().get(name)?.to_str().ok()?.trim().parse().ok()
}

/// 426 to clients this server no longer supports.
async fn check_versions(State(s): State<AppState>, req: Request, next: Next) -> Result<Response, ApiError> {
    let protocol = header_u32(&req, HEADER_PROTOCOL).unwrap_or(0);
    let schema = header_u32(&req, HEADER_SCHEMA).unwrap_or(0);
    if protocol < MIN_PROTOCOL_VERSION || schema < s.cfg.min_client_schema {
        return Err(ApiError::new(
            StatusCode::UPGRADE_REQUIRED,
            "client_too_old",
            "Cette version de Tremplin est trop ancienne pour le serveur : installez la mise à jour, puis \
             synchronisez. Vos modifications restent en attente sur ce poste.",
        ));
    }
    if protocol > PROTOCOL_VERSION {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "server_too_old",
            "Le serveur est plus ancien que cette version de Tremplin : prévenez l'administrateur.",
        ));
    }
    Ok(next.run(req).await)
}

fn bearer(parts: &Parts) -> Option<&str> {
    parts.headers.get(axum::http::header::AUTHORIZATION)?.to_str().ok()?.strip_prefix("Bearer ")
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, s: &AppState) -> Result<Self, Self::Rejection> {
        let token = bearer(parts).ok_or_else(|| ApiError::unauthorized("Connexion requise."))?;
        let db = s.pool.get().await?;
        auth::authenticate(&**db, &s.cfg, token).await
    }
}

fn body<T>(r: Result<Json<T>, JsonRejection>) -> ApiResult<T> {
    r.map(|Json(t)| t).map_err(|e| ApiError::bad_request(format!("Requête illisible : {}", e.body_text())))
}

#[derive(serde::Serialize, utoipa::ToSchema)]
struct Health {
    status: &'static str,
    database: bool,
    protocol: u32,
    version: &'static str,
}

/// Liveness and database reachability.
#[utoipa::path(get, path = "/health", responses((status = 200, body = Health), (status = 503, body = Health)))]
async fn health(State(s): State<AppState>) -> (StatusCode, Json<Health>) {
    let database = match s.pool.get().await {
        Ok(db) => db.query_one("SELECT 1", &[]).await.is_ok(),
        Err(_) => false,
    };
    let status = if database { StatusCode::OK } else { StatusCode::SERVICE_UNAVAILABLE };
    let h = Health {
        status: if database { "ok" } else { "degraded" },
        database,
        protocol: PROTOCOL_VERSION,
        version: env!("CARGO_PKG_VERSION"),
    };
    (status, Json(h))
}

async fn openapi() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}

/// Exchanges a login and password for a device token.
#[utoipa::path(post, path = "/v1/auth/login", request_body = LoginRequest, responses(
    (status = 200, body = LoginResponse), (status = 401, body = ErrorBody), (status = 429, body = ErrorBody),
    (status = 426, body = ErrorBody)))]
async fn login(
    State(s): State<AppState>,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    req: Result<Json<LoginRequest>, JsonRejection>,
) -> ApiResult<Json<LoginResponse>> {
    let req = body(req)?;
    Ok(Json(auth::login(&s.pool, &s.gates.login, &s.cfg, &addr.ip().to_string(), &req).await?))
}

/// Revokes the calling device's token.
#[utoipa::path(post, path = "/v1/auth/logout", responses((status = 204), (status = 401, body = ErrorBody)),
    security(("bearer" = [])))]
async fn logout(State(s): State<AppState>, caller: Caller) -> ApiResult<StatusCode> {
    let db = s.pool.get().await?;
    db.execute("UPDATE device SET revoked_at = now() WHERE id = $1", &[&caller.device_id]).await?;
    tracing::info!(login = caller.user.login, "logout");
    Ok(StatusCode::NO_CONTENT)
}

/// Applies the device's pending mutations, in order, idempotently.
#[utoipa::path(post, path = "/v1/sync/push", request_body = PushRequest, responses(
    (status = 200, body = PushResponse), (status = 401, body = ErrorBody), (status = 426, body = ErrorBody)),
    security(("bearer" = [])))]
async fn push_route(
    State(s): State<AppState>,
    caller: Caller,
    req: Result<Json<PushRequest>, JsonRejection>,
) -> ApiResult<Json<PushResponse>> {
    let req = body(req)?;
    let n = req.mutations.len();
    let res = push::push(&s.pool, &s.gates.push, &caller, req).await?;
    tracing::info!(login = caller.user.login, mutations = n, "push");
    Ok(Json(res))
}

#[derive(Deserialize, utoipa::IntoParams)]
struct PullQuery {
    /// Last version the client has applied (0 at first).
    cursor: i64,
    /// Page size (at most 5 000).
    limit: Option<u32>,
}

/// The changes after `cursor` in the caller's scope.
#[utoipa::path(get, path = "/v1/sync/pull", params(PullQuery), responses(
    (status = 200, body = PullResponse), (status = 401, body = ErrorBody), (status = 426, body = ErrorBody)),
    security(("bearer" = [])))]
async fn pull_route(
    State(s): State<AppState>,
    caller: Caller,
    q: Result<Query<PullQuery>, axum::extract::rejection::QueryRejection>,
) -> ApiResult<Json<PullResponse>> {
    let Query(q) =
        q.map_err(|e| ApiError::bad_request(format!("Paramètres invalides : {}", e.body_text())))?;
    let mut db = s.pool.get().await?;
    let tx = db
        .build_transaction()
        .isolation_level(IsolationLevel::RepeatableRead)
        .read_only(true)
        .start()
        .await?;
    let res = pull::pull(&tx, &caller, q.cursor, q.limit.unwrap_or(1_000)).await?;
    tx.commit().await?;
    Ok(Json(res))
}

/// The caller and the active users (authors and assignees shown by clients).
#[utoipa::path(get, path = "/v1/directory", responses((status = 200, body = Directory),
    (status = 401, body = ErrorBody)), security(("bearer" = [])))]
async fn directory(State(s): State<AppState>, caller: Caller) -> ApiResult<Json<Directory>> {
    let db = s.pool.get().await?;
    let users = db
        .query(
            "SELECT id, login, display_name, email, role, dt_code FROM app_user
              WHERE disabled_at IS NULL ORDER BY display_name",
            &[],
        )
        .await?
        .iter()
        .map(auth::user_from_row)
        .collect::<ApiResult<Vec<_>>>()?;
    Ok(Json(Directory { me: caller.user, users }))
}

struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, api: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
        api.components
            .get_or_insert_with(Default::default)
            .add_security_scheme("bearer", SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)));
    }
}

#[derive(OpenApi)]
#[openapi(
    info(title = "Tremplin — serveur de synchronisation", description = "Protocole de synchronisation v1 \
        (docs/architecture.md). Chaque requête /v1 porte les en-têtes x-tremplin-protocol et x-tremplin-schema."),
    paths(health, login, logout, push_route, pull_route, directory),
    modifiers(&BearerAuth)
)]
pub struct ApiDoc;
