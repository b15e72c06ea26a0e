//! Global search (the command palette).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use tremplin_store::search::{SearchEntity, SearchHit};

use crate::app::App;
use crate::error::AppResult;

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct SearchRequest {
    pub query: String,
    /// Restrict to these kinds of record (empty: all).
    pub entities: Vec<SearchEntity>,
    pub limit: u32,
}

pub fn search(app: &App, req: SearchRequest) -> AppResult<Vec<SearchHit>> {
    let limit = if req.limit == 0 { 20 } else { req.limit };
    Ok(app.reader().search(&req.query, &req.entities, limit)?)
}
