//! Retention on the server (docs/domain/personal-data.md « Retention »): the
//! same plan as the devices' (the domain's), over every synced row, run
//! daily and by `tremplin-server retention`. An erased row keeps its id and
//! scope but no data; its change history goes; every device that held it
//! is told to erase it (`PullEntry::Erased`). An aided contract whose person
//! is erased keeps its figures without her. The log keeps how many rows by
//! rule, never which.

use std::collections::{HashMap, HashSet};

use anyhow::Context;
use chrono::{DateTime, NaiveDate, Utc};
use serde_json::{Map, Value};
use tokio_postgres::Transaction;
use tremplin_domain::cie::AidedContract;
use tremplin_domain::mentoring::Pairing;
use tremplin_domain::retention::{Due, Facts, PurgeCount, RetentionBook, RetentionPeriod, RetentionRule};
use uuid::Uuid;

fn day_of(text: Option<String>) -> Option<NaiveDate> {
    text.and_then(|t| t.get(..10).and_then(|d| d.parse().ok()))
}

async fn latest_by(tx: &Transaction<'_>, sql: &str) -> anyhow::Result<HashMap<Uuid, NaiveDate>> {
    let mut out = HashMap::new();
    for r in tx.query(sql, &[]).await? {
        let id: Option<String> = r.get(0);
        if let (Some(id), Some(at)) = (id.and_then(|i| i.parse().ok()), day_of(r.get(1))) {
            out.insert(id, at);
        }
    }
    Ok(out)
}

/// The periods in force: shipped, and those administrators pushed.
pub async fn book(tx: &Transaction<'_>) -> anyhow::Result<RetentionBook> {
    let rows = tx
        .query(
            "SELECT row_id, data FROM sync_row WHERE entity = 'retention_period' AND deleted_at IS NULL
              ORDER BY version",
            &[],
        )
        .await?;
    let entered = rows
        .iter()
        .filter_map(|r| {
            Some((r.get::<_, Uuid>(0), serde_json::from_value::<RetentionPeriod>(r.get(1)).ok()?))
        })
        .collect();
    Ok(RetentionBook::new(entered))
}

/// The dates the rules read, from every live row.
pub async fn facts(tx: &Transaction<'_>) -> anyhow::Result<Facts> {
    let mut f = Facts::default();
    let live = |entity: &str| {
        format!(
            "SELECT row_id, data, created_at, updated_at FROM sync_row WHERE entity = '{entity}' AND deleted_at IS NULL"
        )
    };
    for r in tx.query(&live("person"), &[]).await? {
        let (created, updated): (DateTime<Utc>, DateTime<Utc>) = (r.get(2), r.get(3));
        f.people.push((r.get(0), created.date_naive(), updated.date_naive()));
    }
    for r in tx.query(&live("aided_contract"), &[]).await? {
        let Ok(c) = serde_json::from_value::<AidedContract>(r.get(1)) else { continue };
        let updated: DateTime<Utc> = r.get(3);
        f.contracts.push((r.get(0), c.person_id, c.aid_period().map(|p| p.1), updated.date_naive()));
    }
    for r in tx.query(&live("pairing"), &[]).await? {
        let Ok(p) = serde_json::from_value::<Pairing>(r.get(1)) else { continue };
        let updated: DateTime<Utc> = r.get(3);
        let end = p.ended_on.or(p.extended_to).or(p.planned_end_on).or(p.starts_on);
        f.pairings.push((r.get(0), p.person_id, end, updated.date_naive()));
    }
    for r in tx
        .query(
            "SELECT data->>'pairing_id', data->>'held_on' FROM sync_row
              WHERE entity = 'mentoring_meeting' AND deleted_at IS NULL",
            &[],
        )
        .await?
    {
        let pairing: Option<String> = r.get(0);
        if let (Some(p), Some(held)) = (pairing.and_then(|p| p.parse().ok()), day_of(r.get(1))) {
            f.meetings.push((p, held));
        }
    }
    for r in tx
        .query(
            "SELECT data->>'person_id',
                    greatest(coalesce(data->'history'->-1->>'on', data->>'consent_on'), to_char(updated_at, 'YYYY-MM-DD'))
               FROM sync_row WHERE entity = 'candidacy' AND deleted_at IS NULL
             UNION ALL
             SELECT data->>'person_id', to_char(updated_at, 'YYYY-MM-DD')
               FROM sync_row WHERE entity = 'hired_person' AND deleted_at IS NULL
             UNION ALL
             SELECT data->>'person_id', greatest(data->>'status_on', to_char(updated_at, 'YYYY-MM-DD'))
               FROM sync_row WHERE entity = 'event_invitation' AND deleted_at IS NULL",
            &[],
        )
        .await?
    {
        let person: Option<String> = r.get(0);
        if let (Some(p), Some(on)) = (person.and_then(|p| p.parse().ok()), day_of(r.get(1))) {
            f.placements.push((p, on));
        }
    }
    f.consulted = latest_by(
        tx,
        "SELECT data->>'row_id', max(data->>'at') FROM sync_row
          WHERE entity = 'audit_entry' AND deleted_at IS NULL GROUP BY 1",
    )
    .await?;
    for r in tx.query(&live("contact"), &[]).await? {
        let updated: DateTime<Utc> = r.get(3);
        f.contacts.push((r.get(0), updated.date_naive()));
    }
    f.exchanges = latest_by(
        tx,
        "SELECT data->>'contact_id', max(data->>'occurred_at') FROM sync_row
          WHERE entity = 'interaction' AND deleted_at IS NULL AND data->>'contact_id' IS NOT NULL GROUP BY 1",
    )
    .await?;
    let mentors = tx
        .query("SELECT DISTINCT data->>'contact_id' FROM sync_row WHERE entity = 'mentor' AND deleted_at IS NULL", &[])
        .await?;
    f.mentor_contacts =
        mentors.iter().filter_map(|r| r.get::<_, Option<String>>(0)?.parse().ok()).collect::<HashSet<Uuid>>();
    for r in tx
        .query(
            "SELECT row_id, data->>'at' FROM sync_row WHERE entity = 'audit_entry' AND deleted_at IS NULL",
            &[],
        )
        .await?
    {
        if let Some(at) = day_of(r.get(1)) {
            f.audit.push((r.get(0), at));
        }
    }
    Ok(f)
}

/// Erasure requests whose person is still here, from accounts still active.
const ASKED: &str = "FROM sync_row q
       JOIN sync_row p ON p.entity = 'person' AND p.row_id::text = q.data->>'person_id'
       JOIN app_user u ON u.id = q.created_by
      WHERE q.entity = 'erasure_request' AND q.deleted_at IS NULL AND p.erased_at IS NULL
        AND u.disabled_at IS NULL";

/// An erasure cannot be undone, and a stolen laptop could ask for many: an
/// officer's request waits [`REQUEST_DELAY_DAYS`] on the server's clock
/// (disabling the account voids its requests meanwhile); an
/// administrator's is done at the next purge.
const RIPE: &str = "(u.role = 'administrateur' OR q.created_at <= now() - make_interval(days => 7))";

/// Days an officer's erasure request waits before the purge does it.
pub const REQUEST_DELAY_DAYS: u32 = 7;

/// Erasure requests waiting: (person, the day the purge will do it).
pub async fn pending_requests(db: &mut deadpool_postgres::Object) -> anyhow::Result<Vec<(Uuid, NaiveDate)>> {
    let rows = db
        .query(
            &format!(
                "SELECT q.data->>'person_id',
                        CASE WHEN u.role = 'administrateur' THEN now() ELSE q.created_at + make_interval(days => 7) END
                 {ASKED}"
            ),
            &[],
        )
        .await?;
    Ok(rows
        .iter()
        .filter_map(|r| {
            let id: Option<String> = r.get(0);
            let on: DateTime<Utc> = r.get(1);
            Some((id?.parse().ok()?, on.date_naive()))
        })
        .collect())
}

/// What falls due by `until`.
pub async fn plan(
    db: &mut deadpool_postgres::Object,
    today: NaiveDate,
    until: NaiveDate,
) -> anyhow::Result<Vec<Due>> {
    let tx = db.build_transaction().read_only(true).start().await?;
    let book = book(&tx).await?;
    let facts = facts(&tx).await?;
    Ok(book.plan(&facts, today, until))
}

struct Purge<'a, 'b> {
    tx: &'a Transaction<'b>,
    version: i64,
    counts: Vec<PurgeCount>,
    /// Set while erasing at a person's request.
    reason: Option<String>,
}

impl Purge<'_, '_> {
    fn count(&mut self, rule: RetentionRule, action: &str, entity: &str) {
        let reason = self.reason.clone();
        match self
            .counts
            .iter_mut()
            .find(|c| c.rule == rule && c.action == action && c.entity == entity && c.reason == reason)
        {
            Some(c) => c.count += 1,
            None => self.counts.push(PurgeCount {
                rule,
                action: action.into(),
                entity: entity.into(),
                count: 1,
                reason,
            }),
        }
    }

    /// Replies kept for re-sent mutations may quote the row: they go.
    async fn forget_replies(&self, row: Uuid) -> anyhow::Result<()> {
        self.tx
            .execute("DELETE FROM sync_mutation WHERE strpos(outcome::text, $1) > 0", &[&row.to_string()])
            .await?;
        Ok(())
    }

    async fn erase(&mut self, rule: RetentionRule, entity: &str, row: Uuid) -> anyhow::Result<()> {
        self.version += 1;
        let n = self
            .tx
            .execute(
                "UPDATE sync_row SET data = '{}', field_versions = '{}', field_writers = '{}',
                        deleted_at = coalesce(deleted_at, now()), erased_at = now(), updated_at = now(),
                        version = $3
                  WHERE entity = $1 AND row_id = $2 AND erased_at IS NULL",
                &[&entity, &row, &self.version],
            )
            .await?;
        if n == 0 {
            self.version -= 1;
            return Ok(());
        }
        self.tx
            .execute("DELETE FROM sync_change WHERE entity = $1 AND row_id = $2", &[&entity, &row])
            .await?;
        self.tx
            .execute("DELETE FROM sync_conflict WHERE entity = $1 AND row_id = $2", &[&entity, &row])
            .await?;
        self.forget_replies(row).await?;
        self.count(rule, "erase", entity);
        Ok(())
    }

    /// Sets fields of a live row as the server's own change.
    async fn set_fields(
        &mut self,
        entity: &str,
        row: Uuid,
        fields: Map<String, Value>,
    ) -> anyhow::Result<()> {
        self.version += 1;
        let versions: Map<String, Value> =
            fields.keys().map(|k| (k.clone(), Value::from(self.version))).collect();
        self.tx
            .execute(
                "UPDATE sync_row SET data = data || $3, field_versions = field_versions || $4,
                        field_writers = field_writers - $5::text[], updated_at = now(), version = $6
                  WHERE entity = $1 AND row_id = $2",
                &[
                    &entity,
                    &row,
                    &Value::Object(fields.clone()),
                    &Value::Object(versions),
                    &fields.keys().cloned().collect::<Vec<_>>(),
                    &self.version,
                ],
            )
            .await?;
        Ok(())
    }

    async fn anonymise_contract(
        &mut self,
        rule: RetentionRule,
        row: Uuid,
        data: Value,
    ) -> anyhow::Result<()> {
        let c: AidedContract = serde_json::from_value(data).context("contrat aidé illisible")?;
        let Value::Object(all) = serde_json::to_value(c.anonymised())? else {
            anyhow::bail!("contrat aidé")
        };
        let fields: Map<String, Value> =
            all.into_iter().filter(|(k, _)| AidedContract::ANONYMISED_FIELDS.contains(&k.as_str())).collect();
        self.set_fields("aided_contract", row, fields).await?;
        // Its history keeps the figures, not the person nor the free texts.
        let texts: Vec<String> = AidedContract::ANONYMISED_FIELDS.iter().map(|f| f.to_string()).collect();
        self.tx
            .execute(
                "UPDATE sync_change SET patch = (patch - $2::text[])
                        || CASE WHEN patch ? 'person_id' THEN jsonb_build_object('person_id', $3::text)
                                ELSE '{}'::jsonb END
                  WHERE entity = 'aided_contract' AND row_id = $1",
                &[&row, &texts, &Uuid::nil().to_string()],
            )
            .await?;
        self.tx
            .execute("DELETE FROM sync_conflict WHERE entity = 'aided_contract' AND row_id = $1", &[&row])
            .await?;
        self.forget_replies(row).await?;
        self.count(rule, "anonymise", "aided_contract");
        Ok(())
    }

    async fn ids(
        &self,
        sql: &str,
        arg: &(dyn tokio_postgres::types::ToSql + Sync),
    ) -> anyhow::Result<Vec<Uuid>> {
        Ok(self.tx.query(sql, &[arg]).await?.iter().map(|r| r.get(0)).collect())
    }

    async fn person(&mut self, rule: RetentionRule, person: Uuid) -> anyhow::Result<()> {
        let id = person.to_string();
        let pairings = self
            .ids(
                "SELECT row_id FROM sync_row WHERE entity = 'pairing' AND data->>'person_id' = $1 AND erased_at IS NULL",
                &id,
            )
            .await?;
        let pairing_ids: Vec<String> = pairings.iter().map(Uuid::to_string).collect();
        let meetings = self
            .ids(
                "SELECT row_id FROM sync_row WHERE entity = 'mentoring_meeting'
                    AND data->>'pairing_id' = ANY($1) AND erased_at IS NULL",
                &pairing_ids,
            )
            .await?;
        for m in meetings {
            self.erase(rule, "mentoring_meeting", m).await?;
        }
        for p in pairings {
            self.erase(rule, "pairing", p).await?;
        }
        // Her candidacies, invitations and the link to her hires go with
        // her; the hires and events name no one and stay; her needs'
        // counts follow.
        let needs: Vec<String> = self
            .tx
            .query(
                "SELECT DISTINCT data->>'need_id' FROM sync_row
                  WHERE entity = 'candidacy' AND data->>'person_id' = $1 AND deleted_at IS NULL",
                &[&id],
            )
            .await?
            .iter()
            .filter_map(|r| r.get::<_, Option<String>>(0))
            .collect();
        for entity in ["candidacy", "hired_person", "event_invitation"] {
            let rows = self
                .ids(
                    &format!(
                        "SELECT row_id FROM sync_row WHERE entity = '{entity}' AND data->>'person_id' = $1
                            AND erased_at IS NULL"
                    ),
                    &id,
                )
                .await?;
            for row in rows {
                self.erase(rule, entity, row).await?;
            }
        }
        for need in needs.iter().filter_map(|n| n.parse::<Uuid>().ok()) {
            let count: i64 = self
                .tx
                .query_one(
                    "SELECT count(*) FROM sync_row WHERE entity = 'candidacy' AND deleted_at IS NULL
                        AND data->>'need_id' = $1",
                    &[&need.to_string()],
                )
                .await?
                .get(0);
            let mut fields = Map::new();
            fields.insert("candidate_count".into(), Value::from(count));
            self.set_fields("recruitment_need", need, fields).await?;
        }
        let contracts = self
            .tx
            .query(
                "SELECT row_id, data FROM sync_row
                  WHERE entity = 'aided_contract' AND data->>'person_id' = $1 AND erased_at IS NULL",
                &[&id],
            )
            .await?;
        for k in contracts {
            self.anonymise_contract(rule, k.get(0), k.get(1)).await?;
        }
        self.erase(rule, "person", person).await
    }

    async fn contact(&mut self, rule: RetentionRule, contact: Uuid) -> anyhow::Result<()> {
        let exchanges = self
            .ids(
                "SELECT row_id FROM sync_row WHERE entity = 'interaction' AND data->>'contact_id' = $1
                    AND erased_at IS NULL",
                &contact.to_string(),
            )
            .await?;
        for i in exchanges {
            let mut fields = Map::new();
            fields.insert("contact_id".into(), Value::Null);
            self.set_fields("interaction", i, fields).await?;
        }
        self.erase(rule, "contact", contact).await
    }
}

/// Erases and anonymises what is due today; returns how many by rule.
/// Takes the push lock: versions stay in commit order.
pub async fn run(db: &mut deadpool_postgres::Object, today: NaiveDate) -> anyhow::Result<Vec<PurgeCount>> {
    let tx = db.transaction().await?;
    let head: i64 = tx.query_one("SELECT version FROM sync_head WHERE id = 1 FOR UPDATE", &[]).await?.get(0);
    let due = book(&tx).await?.plan(&facts(&tx).await?, today, today);
    let mut purge = Purge { tx: &tx, version: head, counts: Vec::new(), reason: None };
    for d in &due {
        match d.entity.as_str() {
            "person" => purge.person(d.rule, d.row_id).await?,
            "contact" => purge.contact(d.rule, d.row_id).await?,
            other => purge.erase(d.rule, other, d.row_id).await?,
        }
    }
    // Erasures asked for, whose person is still here.
    let asked =
        tx.query(&format!("SELECT q.data->>'person_id', q.data->>'reason' {ASKED} AND {RIPE}"), &[]).await?;
    for r in asked {
        let (Some(person), reason): (Option<String>, Option<String>) = (r.get(0), r.get(1)) else { continue };
        let Ok(person) = person.parse::<Uuid>() else { continue };
        purge.reason = reason;
        purge.person(RetentionRule::DemandeDeLaPersonne, person).await?;
    }
    let (version, counts) = (purge.version, purge.counts);
    for c in &counts {
        let rule = serde_json::to_value(c.rule)?.as_str().unwrap_or_default().to_string();
        tx.execute(
            "INSERT INTO retention_log (rule, action, entity, count, reason) VALUES ($1, $2, $3, $4, $5)",
            &[&rule, &c.action, &c.entity, &(c.count as i32), &c.reason],
        )
        .await?;
    }
    if version != head {
        tx.execute("UPDATE sync_head SET version = $1 WHERE id = 1", &[&version]).await?;
    }
    tx.commit().await?;
    Ok(counts)
}
