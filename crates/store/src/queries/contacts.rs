//! Contact lists: by organisation, or all, by name.

use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use tremplin_domain::contact::ContactLevel;
use uuid::Uuid;

use super::{Page, clamp_limit};
use crate::connection::Store;
use crate::error::StoreResult;
use crate::sql_types::id;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ContactView {
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub organisation_name: Option<String>,
    pub first_name: Option<String>,
    pub last_name: String,
    pub job_title: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub mobile: Option<String>,
    pub notes: Option<String>,
    pub updated_at: String,
    pub last_interaction_at: Option<String>,
    pub level: Option<ContactLevel>,
}

const SELECT: &str =
    "SELECT k.id, k.organisation_id, o.name, k.first_name, k.last_name, k.job_title, k.email,
        k.phone, k.mobile, k.notes, k.updated_at,
        (SELECT max(i.occurred_at) FROM interaction i WHERE i.contact_id = k.id AND i.deleted_at IS NULL),
        k.level
   FROM contact k LEFT JOIN organisation o ON o.id = k.organisation_id";

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<ContactView> {
    Ok(ContactView {
        id: id(r, 0)?,
        organisation_id: id(r, 1)?,
        organisation_name: r.get(2)?,
        first_name: r.get(3)?,
        last_name: r.get(4)?,
        job_title: r.get(5)?,
        email: r.get(6)?,
        phone: r.get(7)?,
        mobile: r.get(8)?,
        notes: r.get(9)?,
        updated_at: r.get(10)?,
        last_interaction_at: r.get(11)?,
        level: r.get::<_, Option<crate::sql_types::Named<ContactLevel>>>(12)?.map(|n| n.0),
    })
}

impl Store {
    /// Key contacts of a set of organisations: national, then regional,
    /// then the most recently met.
    pub fn key_contacts_in(&self, organisations: &[Uuid], limit: u32) -> StoreResult<Vec<ContactView>> {
        let sql = format!(
            "{SELECT} WHERE k.deleted_at IS NULL AND k.organisation_id IN (SELECT value FROM json_each(?1))
             ORDER BY CASE k.level WHEN 'national' THEN 0 WHEN 'regional' THEN 1 ELSE 2 END,
                      coalesce((SELECT max(i.occurred_at) FROM interaction i
                                 WHERE i.contact_id = k.id AND i.deleted_at IS NULL), '') DESC,
                      k.name_key
             LIMIT ?2"
        );
        let mut st = self.conn.prepare_cached(&sql)?;
        let items: Vec<_> = st
            .query_map(params![super::id_list(organisations), clamp_limit(limit)], row)?
            .collect::<Result<_, _>>()?;
        Ok(items)
    }

    /// Contacts of an organisation and, with `include_children`, of its
    /// establishments.
    pub fn contacts_of(
        &self,
        organisation_id: Uuid,
        include_children: bool,
    ) -> StoreResult<Vec<ContactView>> {
        let sql = format!(
            "{SELECT} WHERE k.deleted_at IS NULL AND (k.organisation_id = ?1 OR (?2 AND k.organisation_id IN
                 (SELECT id FROM organisation WHERE parent_id = ?1 AND deleted_at IS NULL)))
             ORDER BY k.name_key, k.id"
        );
        let mut st = self.conn.prepare_cached(&sql)?;
        let items: Vec<_> = st
            .query_map(params![organisation_id.to_string(), include_children], row)?
            .collect::<Result<_, _>>()?;
        Ok(items)
    }

    pub fn contact_view(&self, id: Uuid) -> StoreResult<Option<ContactView>> {
        let mut st =
            self.conn.prepare_cached(&format!("{SELECT} WHERE k.id = ?1 AND k.deleted_at IS NULL"))?;
        Ok(st.query_row([id.to_string()], row).optional()?)
    }

    /// All contacts by name; `name_prefix` narrows by the start of the last
    /// name (accents and case ignored).
    pub fn list_contacts(
        &self,
        name_prefix: Option<&str>,
        offset: u32,
        limit: u32,
    ) -> StoreResult<Page<ContactView>> {
        let key = name_prefix.map(tremplin_domain::text::name_key).unwrap_or_default();
        // Range on the name index rather than LIKE, which cannot use it.
        let upper = format!("{key}\u{10ffff}");
        let total: u64 = self.conn.query_row(
            "SELECT count(*) FROM contact k WHERE k.deleted_at IS NULL AND k.name_key >= ?1 AND k.name_key < ?2",
            [&key, &upper],
            |r| r.get(0),
        )?;
        let sql = format!(
            "{SELECT} WHERE k.deleted_at IS NULL AND k.name_key >= ?1 AND k.name_key < ?2
             ORDER BY k.name_key, k.id LIMIT ?3 OFFSET ?4"
        );
        let mut st = self.conn.prepare_cached(&sql)?;
        let items: Vec<_> =
            st.query_map(params![key, upper, clamp_limit(limit), offset], row)?.collect::<Result<_, _>>()?;
        Ok(Page { total, offset: u64::from(offset), items })
    }
}
