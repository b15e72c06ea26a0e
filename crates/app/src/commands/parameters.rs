//! The aid's dated parameters: SMIC, RSA and aid rules, as shipped and as
//! corrected by an administrator. An edit is a new row (the old one stays
//! in the history); before it lands, every contract keeps the lines of the
//! months already begun with the parameters they were computed with.

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use tremplin_domain::new_row_id;
use tremplin_domain::parameters::{AidParameter, AidRule};

use super::cie::keep_begun_months;
use crate::aid_parameters::{AidTables, Versioned};
use crate::app::App;
use crate::error::{AppError, AppResult};

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct AidParameters {
    pub parameters: Vec<Versioned<AidParameter>>,
    pub rules: Vec<Versioned<AidRule>>,
    /// Whether this officer may edit them.
    pub editable: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct SaveParameterRequest {
    pub input: AidParameter,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct SaveRuleRequest {
    pub input: AidRule,
}

pub fn list(app: &App) -> AppResult<AidParameters> {
    let store = app.reader();
    let t = AidTables::load(&store)?;
    let editable = may_edit(&store)?;
    let mut parameters = t.parameters;
    // By kind, the latest effective date first.
    parameters.sort_by(|a, b| {
        (a.data.kind as u8)
            .cmp(&(b.data.kind as u8))
            .then_with(|| b.data.effective_from.cmp(&a.data.effective_from))
    });
    Ok(AidParameters { parameters, rules: t.rules, editable })
}

pub fn save_parameter(app: &App, req: SaveParameterRequest) -> AppResult<AidParameters> {
    let p = req.input.validated()?;
    let retroactive = p.recompute_begun.then_some(p.effective_from).flatten();
    let id = write_versioned(
        app,
        p.replaces_id,
        |t, id| t.parameters.iter().any(|r| r.id == id && r.replaced_by.is_none()),
        p,
    )?;
    // A retroactive revaluation: the begun months from its date on are
    // computed again, old and new amounts kept on each contract.
    if let Some(from) = retroactive {
        let mut store = app.store();
        let by = App::officer(&store)?.id;
        super::cie::revise_begun_months(&mut store, from, id, by, app.clock().now())?;
    }
    list(app)
}

pub fn save_rule(app: &App, req: SaveRuleRequest) -> AppResult<AidParameters> {
    let r = req.input.validated()?;
    write_versioned(
        app,
        r.replaces_id,
        |t, id| t.rules.iter().any(|r| r.id == id && r.replaced_by.is_none()),
        r,
    )?;
    list(app)
}

fn write_versioned<E: tremplin_store::Entity>(
    app: &App,
    replaces: Option<Uuid>,
    is_current: impl Fn(&AidTables, Uuid) -> bool,
    row: E,
) -> AppResult<Uuid> {
    let mut store = app.store();
    if !may_edit(&store)? {
        return Err(AppError::new(
            "admin_only",
            "Paramètres de l'aide : seul un administrateur les modifie (demandez-le à l'administration de Tremplin).",
        ));
    }
    if let Some(old) = replaces {
        let t = AidTables::load(&store)?;
        if !is_current(&t, old) {
            return Err(AppError::field(
                "already_replaced",
                "replaces_id",
                "Correction : la ligne corrigée n'est plus en vigueur (elle a déjà été corrigée).",
            ));
        }
    }
    keep_begun_months(&mut store, app.clock().today())?;
    let id = new_row_id();
    store.write(|w| w.create(id, &row).map_err(AppError::from))?;
    Ok(id)
}

/// Administrators edit; so does an officer on a laptop linked to no server
/// (their install is their own).
pub(crate) fn may_edit(store: &tremplin_store::Store) -> AppResult<bool> {
    Ok(super::people::is_administrator(store)? || store.sync_setting("server_url")?.is_none())
}
