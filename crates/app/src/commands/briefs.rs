//! Partner meeting briefs, on screen and as PDF.

use super::IdRequest;
use super::conventions::{ExportRequest, ExportResponse, write_file};
use crate::app::App;
use crate::brief::{self, Brief};
use crate::documents::{brief_doc, render_error};
use crate::error::AppResult;

pub fn get(app: &App, req: IdRequest) -> AppResult<Brief> {
    brief::build(&app.store(), req.id, app.clock().today())
}

pub fn export_pdf(app: &App, req: ExportRequest) -> AppResult<ExportResponse> {
    let bytes = pdf_bytes(app, req.id)?;
    write_file(&req.path, &bytes)
}

pub fn pdf_bytes(app: &App, id: uuid::Uuid) -> AppResult<Vec<u8>> {
    let b = brief::build(&app.store(), id, app.clock().today())?;
    tremplin_documents::brief::render(&brief_doc(&b)).map_err(render_error)
}
