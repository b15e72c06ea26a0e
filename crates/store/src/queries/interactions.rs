//! The contact log: timelines of an organisation (with its establishments)
//! and an officer's recent contacts.

use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use tremplin_domain::interaction::Channel;

use super::{Page, clamp_limit};
use crate::connection::Store;
use crate::error::{StoreError, StoreResult};
use crate::meta::parse_uuid;

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

type Raw = (
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    String,
    Option<String>,
    String,
    String,
    String,
    Option<String>,
    Option<String>,
);

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Raw> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
        r.get(6)?,
        r.get(7)?,
        r.get(8)?,
        r.get(9)?,
        r.get(10)?,
        r.get(11)?,
    ))
}

fn finish(raw: Raw) -> StoreResult<InteractionView> {
    let (
        id,
        org,
        org_name,
        contact,
        contact_name,
        officer,
        officer_name,
        at,
        channel,
        subject,
        notes,
        outcome,
    ) = raw;
    Ok(InteractionView {
        organisation_id: parse_uuid("interaction", &org)?,
        organisation_name: org_name,
        contact_id: contact.map(|c| parse_uuid("interaction", &c)).transpose()?,
        contact_name,
        officer_id: parse_uuid("interaction", &officer)?,
        officer_name,
        occurred_at: at,
        channel: Channel::parse(&channel).ok_or_else(|| StoreError::Corrupt {
            entity: "interaction",
            id: id.clone(),
            message: format!("channel {channel}"),
        })?,
        id: parse_uuid("interaction", &id)?,
        subject,
        notes,
        outcome,
    })
}

impl Store {
    /// Newest first: the organisation's contacts and those of its
    /// establishments (or members).
    pub fn timeline(
        &self,
        organisation_id: Uuid,
        offset: u32,
        limit: u32,
    ) -> StoreResult<Page<InteractionView>> {
        let scope = "i.deleted_at IS NULL AND i.organisation_id IN (SELECT ?1 UNION ALL
                     SELECT id FROM organisation WHERE parent_id = ?1 AND deleted_at IS NULL)";
        let total: u64 = self.conn.query_row(
            &format!("SELECT count(*) FROM interaction i WHERE {scope}"),
            [organisation_id.to_string()],
            |r| r.get(0),
        )?;
        let sql = format!("{SELECT} WHERE {scope} ORDER BY i.occurred_at DESC, i.id DESC LIMIT ?2 OFFSET ?3");
        let mut st = self.conn.prepare_cached(&sql)?;
        let raw: Vec<_> = st
            .query_map(params![organisation_id.to_string(), clamp_limit(limit), offset], row)?
            .collect::<Result<_, _>>()?;
        Ok(Page {
            total,
            offset: u64::from(offset),
            items: raw.into_iter().map(finish).collect::<StoreResult<_>>()?,
        })
    }

    /// An officer's most recent logged contacts.
    pub fn recent_interactions(&self, officer_id: Uuid, limit: u32) -> StoreResult<Vec<InteractionView>> {
        let sql = format!(
            "{SELECT} WHERE i.deleted_at IS NULL AND i.officer_id = ?1 ORDER BY i.occurred_at DESC, i.id DESC LIMIT ?2"
        );
        let mut st = self.conn.prepare_cached(&sql)?;
        let raw: Vec<_> = st
            .query_map(params![officer_id.to_string(), clamp_limit(limit)], row)?
            .collect::<Result<_, _>>()?;
        raw.into_iter().map(finish).collect()
    }

    pub fn interaction_view(&self, id: Uuid) -> StoreResult<Option<InteractionView>> {
        let mut st =
            self.conn.prepare_cached(&format!("{SELECT} WHERE i.id = ?1 AND i.deleted_at IS NULL"))?;
        let mut rows = st.query_map([id.to_string()], row)?;
        rows.next().transpose()?.map(finish).transpose()
    }
}
