//! Organisations: create, edit, delete, show, list.

use tremplin_domain::account::AccountObjective;
use tremplin_domain::contact::Contact;
use tremplin_domain::grouping::Membership;
use tremplin_domain::organisation::{Organisation, OrganisationInput};
use tremplin_domain::task::Task;
use tremplin_domain::territory::CommuneCode;
use tremplin_domain::{RowId, new_row_id};
use tremplin_store::queries::Page;
use tremplin_store::queries::organisations::{OrganisationDetail, OrganisationFilter, OrganisationSummary};
use tremplin_store::{Store, StoreError};

use super::{IdRequest, UpdateRequest};
use crate::app::App;
use crate::error::{AppError, AppResult};

pub fn create(app: &App, input: OrganisationInput) -> AppResult<OrganisationDetail> {
    let org = Organisation::validate(&input)?;
    let id = new_row_id();
    let mut store = app.store();
    check_references(&store, None, &org)?;
    store.write(|w| w.create(id, &org).map_err(AppError::from))?;
    detail(&store, id)
}

pub fn update(app: &App, req: UpdateRequest<OrganisationInput>) -> AppResult<OrganisationDetail> {
    let org = Organisation::validate(&req.input)?;
    let mut store = app.store();
    check_references(&store, Some(req.id), &org)?;
    store.write(|w| {
        w.get_live::<Organisation>(req.id)?;
        w.update(req.id, &org).map_err(AppError::from)
    })?;
    detail(&store, req.id)
}

/// Deletes an organisation created by mistake, with its contacts,
/// follow-ups, memberships and account plan. One with establishments, a
/// contact history or a convention is kept: the log is the Département's
/// memory (mark it "fermé" or "en veille").
pub fn delete(app: &App, req: IdRequest) -> AppResult<()> {
    let mut store = app.store();
    let org = detail(&store, req.id)?;
    if !org.children.is_empty() {
        return Err(AppError::new(
            "has_children",
            format!(
                "Cette organisation a {} établissement(s) ou membre(s) rattaché(s) : détachez-les ou supprimez-les d'abord.",
                org.children.len()
            ),
        ));
    }
    if org.interaction_count > 0 {
        return Err(AppError::new(
            "has_history",
            format!(
                "Cette organisation a {} échange(s) consigné(s) : elle ne peut pas être supprimée. \
                 Passez-la au statut « Fermé » ou « En veille ».",
                org.interaction_count
            ),
        ));
    }
    let conventions = store.conventions_naming(req.id)?;
    if conventions > 0 {
        return Err(AppError::new(
            "has_conventions",
            format!(
                "Cette organisation est partie à {conventions} convention(s) : elle ne peut pas être supprimée. \
                 Passez-la au statut « Fermé » ou « En veille »."
            ),
        ));
    }
    let contacts = store.contacts_of(req.id, false)?;
    let tasks = store.tasks_of(req.id, tremplin_store::queries::MAX_PAGE)?;
    // Links that mean nothing without it go with it.
    let memberships = store.memberships_involving(req.id)?;
    let objectives = store.objectives_of(req.id)?;
    store.write(|w| {
        for c in &contacts {
            w.delete::<Contact>(c.id)?;
        }
        for t in &tasks {
            w.delete::<Task>(t.id)?;
        }
        for m in &memberships {
            w.delete::<Membership>(m.id)?;
        }
        for o in &objectives {
            w.delete::<AccountObjective>(o.id)?;
        }
        w.delete::<Organisation>(req.id).map_err(AppError::from)
    })
}

pub fn get(app: &App, req: IdRequest) -> AppResult<OrganisationDetail> {
    detail(&app.reader(), req.id)
}

pub fn list(app: &App, filter: OrganisationFilter) -> AppResult<Page<OrganisationSummary>> {
    Ok(app.reader().list_organisations(&filter)?)
}

fn detail(store: &Store, id: RowId) -> AppResult<OrganisationDetail> {
    store.organisation_detail(id)?.ok_or_else(|| AppError::not_found("Organisation"))
}

/// Rules that need the store: the commune exists, the postcode belongs to
/// it, the parent can hold establishments, the owner is known, the SIRET is
/// not already used.
fn check_references(store: &Store, id: Option<RowId>, org: &Organisation) -> AppResult<()> {
    if let Some(id) = id
        && !org.kind.can_have_establishments()
        && store
            .list_organisations(&OrganisationFilter { parent_id: Some(id), limit: 1, ..Default::default() })?
            .total
            > 0
    {
        return Err(AppError::field(
            "kind_has_children",
            "kind",
            format!(
                "Type d'organisation : un·e {} ne peut pas avoir d'établissements rattachés ; détachez-les d'abord.",
                org.kind.label().to_lowercase()
            ),
        ));
    }
    if let Some(code) = &org.commune_code {
        check_commune(store, code, org.postcode.as_ref().map(|p| p.as_str()))?;
    }
    if let Some(parent_id) = org.parent_id {
        check_parent(store, id, parent_id)?;
    }
    if let Some(owner) = org.owner_id
        && store.officer(owner)?.is_none()
    {
        return Err(AppError::field(
            "unknown_officer",
            "owner_id",
            "Chargé·e de compte : agent inconnu sur ce poste.",
        ));
    }
    if let Some(siret) = &org.siret {
        let others: Vec<_> =
            store.organisations_with_siret(siret.as_str())?.into_iter().filter(|o| Some(*o) != id).collect();
        if let Some(other) = others.first() {
            let name = store.organisation_summary(*other)?.map(|s| s.name).unwrap_or_default();
            return Err(AppError::field(
                "duplicate_siret",
                "siret",
                format!("SIRET : {} est déjà celui de « {name} ».", siret.grouped()),
            ));
        }
    }
    Ok(())
}

pub(crate) fn check_commune(store: &Store, code: &CommuneCode, postcode: Option<&str>) -> AppResult<()> {
    match store.commune(code.as_str())? {
        Some(c) => {
            if let Some(pc) = postcode
                && !c.codes_postaux.iter().any(|p| p == pc)
            {
                return Err(AppError::field(
                    "postcode_mismatch",
                    "postcode",
                    format!(
                        "Code postal : {pc} ne correspond pas à {} ({}).",
                        c.nom,
                        c.codes_postaux.join(", ")
                    ),
                ));
            }
            Ok(())
        }
        // Only the Nord's communes are shipped; elsewhere (a group's head
        // office in Paris, say) the format check is all we can do.
        None if code.departement() != "59" => Ok(()),
        None => Err(AppError::field(
            "unknown_commune",
            "commune_code",
            format!("Code commune INSEE : {} n'est pas une commune du Nord.", code.as_str()),
        )),
    }
}

fn check_parent(store: &Store, id: Option<RowId>, parent_id: RowId) -> AppResult<()> {
    let bad = |msg: &str| AppError::field("bad_parent", "parent_id", format!("Rattachement : {msg}"));
    if Some(parent_id) == id {
        return Err(bad("une organisation ne peut pas être rattachée à elle-même."));
    }
    let parent = match store.get::<Organisation>(parent_id) {
        Ok(Some(r)) if r.deleted_at.is_none() => r.data,
        Ok(_) | Err(StoreError::NotFound { .. }) => {
            return Err(bad("l'organisation de rattachement n'existe pas."));
        }
        Err(e) => return Err(e.into()),
    };
    if !parent.kind.can_have_establishments() {
        return Err(bad(&format!(
            "un·e {} ne peut pas avoir d'établissements.",
            parent.kind.label().to_lowercase()
        )));
    }
    // One level only: a parent is never itself attached, so no cycles.
    if let Some(id) = id {
        let own_children = store
            .list_organisations(&OrganisationFilter { parent_id: Some(id), limit: 1, ..Default::default() })?
            .total;
        if own_children > 0 {
            return Err(bad("cette organisation a elle-même des établissements rattachés."));
        }
    }
    if parent.parent_id.is_some() {
        return Err(bad(
            "l'organisation choisie est elle-même un établissement rattaché ; choisissez sa tête de groupe.",
        ));
    }
    Ok(())
}
