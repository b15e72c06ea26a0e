//! Contacts: the people the officers deal with at each organisation.

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use tremplin_domain::contact::{Contact, ContactInput};
use tremplin_domain::new_row_id;
use tremplin_domain::organisation::Organisation;
use tremplin_store::Store;
use tremplin_store::queries::Page;
use tremplin_store::queries::contacts::ContactView;

use super::{IdRequest, UpdateRequest};
use crate::app::App;
use crate::error::{AppError, AppResult};

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ContactListRequest {
    /// Only this organisation's contacts (and its establishments').
    pub organisation_id: Option<Uuid>,
    /// Start of the last name, accents and case ignored.
    pub name_prefix: Option<String>,
    pub offset: u32,
    pub limit: u32,
}

pub fn create(app: &App, input: ContactInput) -> AppResult<ContactView> {
    let contact = Contact::validate(&input)?;
    let id = new_row_id();
    let mut store = app.store();
    ensure_organisation(&store, contact.organisation_id)?;
    store.write(|w| w.create(id, &contact).map_err(AppError::from))?;
    view(&store, id)
}

pub fn update(app: &App, req: UpdateRequest<ContactInput>) -> AppResult<ContactView> {
    let contact = Contact::validate(&req.input)?;
    let mut store = app.store();
    ensure_organisation(&store, contact.organisation_id)?;
    store.write(|w| {
        w.get_live::<Contact>(req.id)?;
        w.update(req.id, &contact).map_err(AppError::from)
    })?;
    view(&store, req.id)
}

pub fn delete(app: &App, req: IdRequest) -> AppResult<()> {
    app.store().write(|w| w.delete::<Contact>(req.id).map_err(AppError::from))
}

pub fn get(app: &App, req: IdRequest) -> AppResult<ContactView> {
    view(&app.reader(), req.id)
}

pub fn list(app: &App, req: ContactListRequest) -> AppResult<Page<ContactView>> {
    let store = app.reader();
    match req.organisation_id {
        Some(org) => {
            let items = store.contacts_of(org, true)?;
            Ok(Page { total: items.len() as u64, offset: 0, items })
        }
        None => Ok(store.list_contacts(
            req.name_prefix.as_deref(),
            req.offset,
            if req.limit == 0 { 50 } else { req.limit },
        )?),
    }
}

fn view(store: &Store, id: Uuid) -> AppResult<ContactView> {
    store.contact_view(id)?.ok_or_else(|| AppError::not_found("Contact"))
}

pub(crate) fn ensure_organisation(store: &Store, id: Uuid) -> AppResult<()> {
    match store.get::<Organisation>(id)? {
        Some(r) if r.deleted_at.is_none() => Ok(()),
        _ => Err(AppError::field(
            "unknown_organisation",
            "organisation_id",
            "Organisation : elle n'existe pas ou a été supprimée.",
        )),
    }
}
