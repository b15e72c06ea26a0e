//! Retention on the device (docs/domain/personal-data.md « Retention »): the
//! dates a plan reads, the purge of a device linked to no server, and the
//! removal of every trace of an erased row — the row, its local changes,
//! its sync issues, its search entries, and the pages SQLite freed (the
//! file runs with `secure_delete`; the WAL is checkpointed and truncated).

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, Transaction, params};
use uuid::Uuid;

use tremplin_domain::cie::AidedContract;
use tremplin_domain::mentoring::Pairing;
use tremplin_domain::retention::{Due, ErasureRequest, Facts, PurgeCount, RetentionPeriod, RetentionRule};

use crate::Store;
use crate::entity::Record;
use crate::error::StoreError;
use crate::error::StoreResult;

/// One line of the device's purge log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoggedPurge {
    pub ran_at: String,
    pub count: PurgeCount,
}

/// Removes a row and every local trace of it (its pending changes and
/// issues; search entries go with the row's triggers). Returns 1 if the
/// row was here.
pub(crate) fn erase_row(tx: &Transaction<'_>, table: &str, entity: &str, id: &str) -> StoreResult<u64> {
    let n = tx.execute(&format!("DELETE FROM {table} WHERE id = ?1"), [id])?;
    tx.execute("DELETE FROM outbox WHERE entity = ?1 AND row_id = ?2", [entity, id])?;
    tx.execute("DELETE FROM sync_issue WHERE entity = ?1 AND row_id = ?2", [entity, id])?;
    Ok(n as u64)
}

/// After erasures: rewrites the search indexes without the deleted entries
/// and empties the WAL, so no erased text stays in the file.
pub(crate) fn scrub_file(conn: &Connection) -> StoreResult<()> {
    for fts in ["search_fts_organisation", "search_fts_contact", "search_fts_interaction"] {
        conn.execute(&format!("INSERT INTO {fts} ({fts}) VALUES ('optimize')"), [])?;
    }
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
    Ok(())
}

fn day(t: &DateTime<Utc>) -> NaiveDate {
    t.date_naive()
}

fn latest_by(conn: &Connection, sql: &str) -> StoreResult<HashMap<Uuid, NaiveDate>> {
    let mut st = conn.prepare(sql)?;
    let rows = st.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    let mut out = HashMap::new();
    for row in rows {
        let (id, at) = row?;
        if let (Ok(id), Some(at)) = (id.parse(), at.get(..10).and_then(|d| d.parse().ok())) {
            out.insert(id, at);
        }
    }
    Ok(out)
}

impl Store {
    /// Retention periods an administrator entered (the shipped ones are in
    /// the domain).
    pub fn retention_periods(&self) -> StoreResult<Vec<Record<RetentionPeriod>>> {
        self.records_where("1 = 1", "effective_from, created_at", &[])
    }

    /// Erasures asked for this person (the record of the request).
    pub fn erasure_requests(&self, person: Uuid) -> StoreResult<Vec<Record<ErasureRequest>>> {
        self.records_where(
            "person_id = ?1",
            "created_at",
            &[rusqlite::types::Value::Text(person.to_string())],
        )
    }

    /// The dates the retention rules read, from the records on this device.
    pub fn retention_facts(&self) -> StoreResult<Facts> {
        let mut f = Facts::default();
        for p in self.people()? {
            f.people.push((p.id, day(&p.created_at), day(&p.updated_at)));
        }
        for c in self.records_where::<AidedContract>("1 = 1", "id", &[])? {
            let end = c.data.aid_period().map(|p| p.1);
            f.contracts.push((c.id, c.data.person_id, end, day(&c.updated_at)));
        }
        for p in self.records_where::<Pairing>("1 = 1", "id", &[])? {
            let d = &p.data;
            let end = d.ended_on.or(d.extended_to).or(d.planned_end_on).or(d.starts_on);
            f.pairings.push((p.id, d.person_id, end, day(&p.updated_at)));
        }
        let mut st = self.conn.prepare(
            "SELECT pairing_id, held_on FROM mentoring_meeting WHERE deleted_at IS NULL AND held_on IS NOT NULL",
        )?;
        for row in st.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))? {
            let (pairing, held) = row?;
            if let (Ok(p), Ok(h)) = (pairing.parse(), held.parse()) {
                f.meetings.push((p, h));
            }
        }
        let mut st = self.conn.prepare(
            "SELECT person_id, max(coalesce(json_extract(history, '$[#-1].on'), consent_on), substr(updated_at, 1, 10))
               FROM candidacy WHERE deleted_at IS NULL
             UNION ALL
             SELECT person_id, substr(updated_at, 1, 10) FROM hired_person WHERE deleted_at IS NULL
             UNION ALL
             SELECT person_id, max(status_on, substr(updated_at, 1, 10)) FROM event_invitation WHERE deleted_at IS NULL",
        )?;
        for row in st.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))? {
            let (person, on) = row?;
            if let (Ok(p), Ok(on)) = (person.parse(), on.parse()) {
                f.placements.push((p, on));
            }
        }
        f.consulted = latest_by(
            &self.conn,
            "SELECT row_id, max(at) FROM audit_entry WHERE deleted_at IS NULL GROUP BY row_id",
        )?;
        let mut st = self.conn.prepare("SELECT id, updated_at FROM contact WHERE deleted_at IS NULL")?;
        for row in st.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))? {
            let (id, at) = row?;
            if let (Ok(id), Some(at)) = (id.parse(), at.get(..10).and_then(|d| d.parse().ok())) {
                f.contacts.push((id, at));
            }
        }
        f.exchanges = latest_by(
            &self.conn,
            "SELECT contact_id, max(occurred_at) FROM interaction
              WHERE deleted_at IS NULL AND contact_id IS NOT NULL GROUP BY contact_id",
        )?;
        let mut st = self.conn.prepare("SELECT contact_id FROM mentor WHERE deleted_at IS NULL")?;
        let mentors: HashSet<Uuid> = st
            .query_map([], |r| r.get::<_, String>(0))?
            .filter_map(|r| r.ok().and_then(|s| s.parse().ok()))
            .collect();
        f.mentor_contacts = mentors;
        let mut st = self.conn.prepare("SELECT id, at FROM audit_entry WHERE deleted_at IS NULL")?;
        for row in st.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))? {
            let (id, at) = row?;
            if let (Ok(id), Some(at)) = (id.parse(), at.get(..10).and_then(|d| d.parse().ok())) {
                f.audit.push((id, at));
            }
        }
        Ok(f)
    }

    /// Erases or anonymises what `due` lists, as the server does for synced
    /// devices: a person with her pairings and their meetings (erased) and
    /// her aided contracts (anonymised); contacts (their exchanges stay,
    /// without them); access-log entries; anonymised contracts past their
    /// period. One transaction (which also records the day of the run),
    /// then the file is scrubbed; the log keeps how many by rule, never whom.
    pub fn retention_purge(&mut self, due: &[Due], now: DateTime<Utc>) -> StoreResult<Vec<PurgeCount>> {
        self.purge(due, None, now)
    }

    /// Erases a person at her request (`reason`, logged without her), by the
    /// same purge as retention.
    pub fn erase_person(
        &mut self,
        person: Uuid,
        reason: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<Vec<PurgeCount>> {
        let due = Due {
            rule: RetentionRule::DemandeDeLaPersonne,
            entity: "person".into(),
            row_id: person,
            due_on: now.date_naive(),
        };
        self.purge(&[due], Some(reason), now)
    }

    fn purge(
        &mut self,
        due: &[Due],
        reason: Option<&str>,
        now: DateTime<Utc>,
    ) -> StoreResult<Vec<PurgeCount>> {
        // The contracts of the people erased, as they will stay.
        let mut anonymised: HashMap<String, AidedContract> = HashMap::new();
        for d in due.iter().filter(|d| d.entity == "person") {
            for c in self.contracts_of_person(d.row_id)? {
                anonymised.insert(c.id.to_string(), c.data.anonymised());
            }
        }
        let tx = self.conn.transaction()?;
        let mut counts: Vec<PurgeCount> = Vec::new();
        let mut count = |rule: RetentionRule, action: &str, entity: &str, n: u64| {
            if n == 0 {
                return;
            }
            match counts.iter_mut().find(|c| c.rule == rule && c.action == action && c.entity == entity) {
                Some(c) => c.count += n as u32,
                None => counts.push(PurgeCount {
                    rule,
                    action: action.into(),
                    entity: entity.into(),
                    count: n as u32,
                    reason: reason.map(str::to_string),
                }),
            }
        };
        for d in due {
            let id = d.row_id.to_string();
            match d.entity.as_str() {
                "person" => {
                    let pairings: Vec<String> =
                        column(&tx, "SELECT id FROM pairing WHERE person_id = ?1", &id)?;
                    for p in &pairings {
                        let meetings =
                            column(&tx, "SELECT id FROM mentoring_meeting WHERE pairing_id = ?1", p)?;
                        for m in &meetings {
                            let n = erase_row(&tx, "mentoring_meeting", "mentoring_meeting", m)?;
                            count(d.rule, "erase", "mentoring_meeting", n);
                        }
                        count(d.rule, "erase", "pairing", erase_row(&tx, "pairing", "pairing", p)?);
                    }
                    // Her candidacies, invitations and the link to her hires
                    // go with her; the hires and events name no one and stay.
                    for entity in ["candidacy", "hired_person", "event_invitation"] {
                        for row in column(&tx, &format!("SELECT id FROM {entity} WHERE person_id = ?1"), &id)?
                        {
                            count(d.rule, "erase", entity, erase_row(&tx, entity, entity, &row)?);
                        }
                    }
                    let contracts = column(&tx, "SELECT id FROM aided_contract WHERE person_id = ?1", &id)?;
                    for k in &contracts {
                        if let Some(c) = anonymised.get(k) {
                            anonymise_contract(&tx, k, c)?;
                            count(d.rule, "anonymise", "aided_contract", 1);
                        }
                    }
                    count(d.rule, "erase", "person", erase_row(&tx, "person", "person", &id)?);
                }
                "contact" => {
                    tx.execute("UPDATE interaction SET contact_id = NULL WHERE contact_id = ?1", [&id])?;
                    tx.execute(
                        "UPDATE outbox SET patch = json_replace(patch, '$.contact_id', NULL)
                          WHERE entity = 'interaction' AND json_extract(patch, '$.contact_id') = ?1",
                        [&id],
                    )?;
                    count(d.rule, "erase", "contact", erase_row(&tx, "contact", "contact", &id)?);
                }
                "audit_entry" => {
                    count(d.rule, "erase", "audit_entry", erase_row(&tx, "audit_entry", "audit_entry", &id)?);
                }
                "aided_contract" => {
                    let n = erase_row(&tx, "aided_contract", "aided_contract", &id)?;
                    count(d.rule, "erase", "aided_contract", n);
                }
                _ => {}
            }
        }
        let at = tremplin_domain::time::format(&now);
        for c in &counts {
            tx.execute(
                "INSERT INTO retention_log (ran_at, rule, action, entity, count, reason)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![at, rule_name(c.rule), c.action, c.entity, c.count, c.reason],
            )?;
        }
        crate::meta::set(&tx, LAST_RUN, &now.date_naive().to_string())?;
        tx.commit()?;
        if counts.iter().any(|c| c.count > 0) {
            self.feed.everything();
        }
        scrub_file(&self.conn)?;
        Ok(counts)
    }

    /// The day this device last purged (a device linked to no server).
    pub fn retention_last_run(&self) -> StoreResult<Option<NaiveDate>> {
        Ok(crate::meta::get(&self.conn, LAST_RUN)?.and_then(|d| d.parse().ok()))
    }

    /// The device's purge log, latest first.
    pub fn retention_log(&self) -> StoreResult<Vec<LoggedPurge>> {
        let mut st = self.conn.prepare(
            "SELECT ran_at, rule, action, entity, count, reason FROM retention_log ORDER BY id DESC LIMIT 200",
        )?;
        let rows = st.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, u32>(4)?,
                r.get::<_, Option<String>>(5)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (ran_at, rule, action, entity, count, reason) = row?;
            let Ok(rule) = serde_json::from_value(serde_json::Value::String(rule)) else { continue };
            out.push(LoggedPurge { ran_at, count: PurgeCount { rule, action, entity, count, reason } });
        }
        Ok(out)
    }
}

const LAST_RUN: &str = "retention.last_run";

fn rule_name(rule: RetentionRule) -> String {
    serde_json::to_value(rule).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

fn column(tx: &Transaction<'_>, sql: &str, arg: &str) -> StoreResult<Vec<String>> {
    let mut st = tx.prepare(sql)?;
    let out = st.query_map([arg], |r| r.get::<_, String>(0))?.collect::<Result<Vec<_>, _>>()?;
    Ok(out)
}

/// The contract without its person (`AidedContract::anonymised`), here and
/// in the changes not yet sent.
fn anonymise_contract(tx: &Transaction<'_>, id: &str, c: &AidedContract) -> StoreResult<()> {
    let json = |v: serde_json::Result<String>| {
        v.map_err(|e| StoreError::Corrupt {
            entity: "aided_contract",
            id: id.to_string(),
            message: e.to_string(),
        })
    };
    let incidents = json(serde_json::to_string(&c.incidents))?;
    let renewals = json(serde_json::to_string(&c.renewals))?;
    tx.execute(
        "UPDATE aided_contract SET person_id = ?2, notes = NULL, bilan = NULL, referent_name = NULL,
                referent_organisation = NULL, incidents = ?3, renewals = ?4 WHERE id = ?1",
        params![id, Uuid::nil().to_string(), incidents, renewals],
    )?;
    tx.execute(
        "UPDATE outbox SET patch = json_replace(patch, '$.person_id', ?2, '$.notes', NULL, '$.bilan', NULL,
                '$.referent_name', NULL, '$.referent_organisation', NULL, '$.incidents', json(?3),
                '$.renewals', json(?4))
          WHERE entity = 'aided_contract' AND row_id = ?1",
        params![id, Uuid::nil().to_string(), incidents, renewals],
    )?;
    Ok(())
}
