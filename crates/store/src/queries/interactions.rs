//! The contact log: timelines of an organisation (with its establishments)
//! and an officer's recent contacts.

use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use tremplin_domain::interaction::Channel;

use super::{Page, clamp_limit};
use crate::connection::Store;
use crate::error::StoreResult;
use crate::sql_types::{id, named, opt_id};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct InteractionView {
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub organisation_name: Option<String>,
    pub contact_id: Option<Uuid>,
    pub contact_name: Option<String>,
    pub officer_id: Uuid,
    pub officer_name: Option<String>,
    pub occurred_at: String,
    pub channel: Channel,
    pub subject: String,
    pub notes: Option<String>,
    pub outcome: Option<String>,
}

const SELECT: &str = "SELECT i.id, i.organisation_id, o.name, i.contact_id,
        CASE WHEN k.id IS NOT NULL THEN trim(coalesce(k.first_name, '') || ' ' || k.last_name) END,
        i.officer_id, f.display_name, i.occurred_at, i.channel, i.subject, i.notes, i.outcome
   FROM interaction i
   LEFT JOIN organisation o ON o.id = i.organisation_id
   LEFT JOIN contact k ON k.id = i.contact_id
   LEFT JOIN officer f ON f.id = i.officer_id";

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<InteractionView> {
    Ok(InteractionView {
        id: id(r, 0)?,
        organisation_id: id(r, 1)?,
        organisation_name: r.get(2)?,
        contact_id: opt_id(r, 3)?,
        contact_name: r.get(4)?,
        officer_id: id(r, 5)?,
        officer_name: r.get(6)?,
        occurred_at: r.get(7)?,
        channel: named(r, 8)?,
        subject: r.get(9)?,
        notes: r.get(10)?,
        outcome: r.get(11)?,
    })
}

impl Store {
    /// Newest first: the organisation's contacts and those of its
    /// establishments and, for a grouping, of its current members.
    pub fn timeline(
        &self,
        organisation_id: Uuid,
        offset: u32,
        limit: u32,
    ) -> StoreResult<Page<InteractionView>> {
        // A grouping's page shows its current members' activity too.
        let scope = "i.deleted_at IS NULL AND i.organisation_id IN (SELECT ?1 UNION ALL
                     SELECT id FROM organisation WHERE parent_id = ?1 AND deleted_at IS NULL UNION ALL
                     SELECT member_id FROM membership WHERE grouping_id = ?1 AND deleted_at IS NULL
                        AND (left_on IS NULL OR left_on >= date('now')))";
        let total: u64 = self.conn.query_row(
            &format!("SELECT count(*) FROM interaction i WHERE {scope}"),
            [organisation_id.to_string()],
            |r| r.get(0),
        )?;
        let sql = format!("{SELECT} WHERE {scope} ORDER BY i.occurred_at DESC, i.id DESC LIMIT ?2 OFFSET ?3");
        let mut st = self.conn.prepare_cached(&sql)?;
        let items: Vec<_> = st
            .query_map(params![organisation_id.to_string(), clamp_limit(limit), offset], row)?
            .collect::<Result<_, _>>()?;
        Ok(Page { total, offset: u64::from(offset), items })
    }

    /// The latest contacts with any of these organisations, and how many
    /// there are since `since`.
    pub fn interactions_in(
        &self,
        organisations: &[Uuid],
        limit: u32,
        since: &str,
    ) -> StoreResult<(Vec<InteractionView>, u64)> {
        let list = super::id_list(organisations);
        let sql = format!(
            "{SELECT} WHERE i.deleted_at IS NULL AND i.organisation_id IN (SELECT value FROM json_each(?1))
             ORDER BY i.occurred_at DESC, i.id DESC LIMIT ?2"
        );
        let mut st = self.conn.prepare_cached(&sql)?;
        let items: Vec<_> =
            st.query_map(params![list, clamp_limit(limit)], row)?.collect::<Result<_, _>>()?;
        let recent: u64 = self.conn.query_row(
            "SELECT count(*) FROM interaction WHERE deleted_at IS NULL
                AND organisation_id IN (SELECT value FROM json_each(?1)) AND occurred_at >= ?2",
            params![list, since],
            |r| r.get(0),
        )?;
        Ok((items, recent))
    }

    /// An officer's most recent logged contacts.
    pub fn recent_interactions(&self, officer_id: Uuid, limit: u32) -> StoreResult<Vec<InteractionView>> {
        let sql = format!(
            "{SELECT} WHERE i.deleted_at IS NULL AND i.officer_id = ?1 ORDER BY i.occurred_at DESC, i.id DESC LIMIT ?2"
        );
        let mut st = self.conn.prepare_cached(&sql)?;
        let items: Vec<_> = st
            .query_map(params![officer_id.to_string(), clamp_limit(limit)], row)?
            .collect::<Result<_, _>>()?;
        Ok(items)
    }

    pub fn interaction_view(&self, id: Uuid) -> StoreResult<Option<InteractionView>> {
        let mut st =
            self.conn.prepare_cached(&format!("{SELECT} WHERE i.id = ?1 AND i.deleted_at IS NULL"))?;
        Ok(st.query_row([id.to_string()], row).optional()?)
    }
}
