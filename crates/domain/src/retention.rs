//! How long records are kept (docs/domain/personal-data.md « Retention »):
//! each rule has a duration in months from a date on, with its legal source,
//! shipped as reference data and changed by an administrator. The day a
//! record falls due is computed from the records themselves (its last
//! activity), never typed. Pure: the caller gathers the dates.

use std::collections::HashMap;

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::cie::period_end;
use crate::error::{ValidationError, ValidationResult, required_text};
use crate::ids::RowId;
use crate::synced::{EntityDef, Synced, one, parse, text};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RetentionRule {
    /// A person followed: months after the last activity of any kind
    /// (a contract, a pairing, an edit of the record, a consultation).
    #[default]
    PersonneActivite,
    /// A person followed: months after the last substantive activity (a
    /// contract, a pairing, a meeting, the record's creation), however
    /// often the record was opened since.
    PersonneMaximum,
    /// A contact at an employer: months after the last exchange.
    ContactEmployeur,
    /// An entry of the access log: months after it was written.
    JournalAcces,
    /// An aided contract whose person was erased (figures kept for the
    /// audit of public accounts): months after the end of the aid.
    ContratAnonymise,
    /// Not a period: a person erased at her request (the same purge).
    DemandeDeLaPersonne,
}

impl RetentionRule {
    pub const ALL: [Self; 5] = [
        Self::PersonneActivite,
        Self::PersonneMaximum,
        Self::ContactEmployeur,
        Self::JournalAcces,
        Self::ContratAnonymise,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::PersonneActivite => "Personne suivie : après la dernière activité",
            Self::PersonneMaximum => "Personne suivie : au plus, après la dernière activité de suivi",
            Self::ContactEmployeur => "Contact chez un employeur : après le dernier échange",
            Self::JournalAcces => "Journal des accès : après l'inscription",
            Self::ContratAnonymise => "Contrat aidé anonymisé : après la fin de l'aide",
            Self::DemandeDeLaPersonne => "Effacement à la demande de la personne",
        }
    }

    /// The longest duration an administrator may set.
    pub fn max_months(self) -> u32 {
        match self {
            Self::PersonneActivite | Self::PersonneMaximum | Self::ContactEmployeur => 36,
            Self::JournalAcces => 12,
            Self::ContratAnonymise => 120,
            Self::DemandeDeLaPersonne => 0,
        }
    }
}

/// A duration from a date on. A change is a new row that replaces the
/// earlier one (kept, for the history).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct RetentionPeriod {
    pub rule: RetentionRule,
    pub months: u32,
    #[ts(type = "string | null")]
    pub effective_from: Option<NaiveDate>,
    /// The text that sets or justifies it.
    pub source: String,
    pub replaces_id: Option<RowId>,
}

impl RetentionPeriod {
    pub fn validated(self) -> ValidationResult<Self> {
        if self.effective_from.is_none() {
            return Err(ValidationError::new(
                "required",
                "effective_from",
                "Date d'effet : indiquez à partir de quand cette durée s'applique.",
            ));
        }
        let max = self.rule.max_months();
        if max == 0 {
            return Err(ValidationError::new(
                "not_a_period",
                "rule",
                format!("Règle : « {} » n'a pas de durée.", self.rule.label()),
            ));
        }
        if self.months == 0 || self.months > max {
            return Err(ValidationError::new(
                "out_of_range",
                "months",
                format!("Durée : entre 1 et {max} mois pour « {} ».", self.rule.label()),
            ));
        }
        Ok(Self { source: required_text(&self.source, "source", "Source", 400)?, ..self })
    }
}

impl Synced for RetentionPeriod {
    const DEF: EntityDef = EntityDef {
        references: &[one("replaces_id", "retention_period")],
        ..EntityDef::new(
            "retention_period",
            &[text("rule"), text("months"), text("effective_from"), text("source"), text("replaces_id")],
            |d, _| parse::<RetentionPeriod>(d)?.validated().map(drop),
        )
    };
}

pub mod shipped {
    use serde::Deserialize;

    use super::RetentionPeriod;
    use crate::ids::RowId;

    const JSON: &str = include_str!("../../../assets/reference/retention.json");

    #[derive(Deserialize)]
    pub struct Shipped {
        pub id: RowId,
        #[serde(flatten)]
        pub data: RetentionPeriod,
    }

    #[derive(Deserialize)]
    struct File {
        periods: Vec<Shipped>,
    }

    pub fn periods() -> Vec<Shipped> {
        serde_json::from_str::<File>(JSON).expect("assets/reference/retention.json is valid").periods
    }
}

/// A row of the book: shipped, or entered by an administrator.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct PeriodEntry {
    pub id: RowId,
    pub data: RetentionPeriod,
    pub shipped: bool,
    pub replaced_by: Option<RowId>,
}

/// The periods in force: the shipped rows, then the administrators'.
#[derive(Debug, Clone)]
pub struct RetentionBook {
    pub periods: Vec<PeriodEntry>,
}

impl RetentionBook {
    pub fn new(entered: Vec<(RowId, RetentionPeriod)>) -> Self {
        let shipped = shipped::periods().into_iter().map(|s| PeriodEntry {
            id: s.id,
            data: s.data,
            shipped: true,
            replaced_by: None,
        });
        let entered =
            entered.into_iter().map(|(id, data)| PeriodEntry { id, data, shipped: false, replaced_by: None });
        let mut periods: Vec<PeriodEntry> = shipped.chain(entered).collect();
        let pairs: Vec<(RowId, RowId)> =
            periods.iter().filter_map(|p| Some((p.data.replaces_id?, p.id))).collect();
        for (old, new) in pairs {
            if let Some(p) = periods.iter_mut().find(|p| p.id == old) {
                p.replaced_by = Some(new);
            }
        }
        Self { periods }
    }

    /// The duration of `rule` in force on `day`: the row with the latest
    /// effective date not after it (later rows win for the same date).
    pub fn months(&self, rule: RetentionRule, day: NaiveDate) -> u32 {
        self.periods
            .iter()
            .filter(|p| p.replaced_by.is_none() && p.data.rule == rule)
            .filter(|p| p.data.effective_from.is_some_and(|f| f <= day))
            .max_by_key(|p| p.data.effective_from)
            .map_or(rule.max_months(), |p| p.data.months)
    }

    /// The first day a record whose clock started on `from` is past its
    /// period: the day after the period's last day (1 January + 24 months
    /// falls due on 1 January two years later).
    pub fn due_on(&self, rule: RetentionRule, from: NaiveDate, today: NaiveDate) -> NaiveDate {
        let months = self.months(rule, today);
        period_end(from, months).checked_add_days(Days::new(1)).unwrap_or(NaiveDate::MAX)
    }

    /// When a person's record falls due: the earlier of the two rules.
    pub fn person_due_on(&self, a: &PersonActivity, today: NaiveDate) -> NaiveDate {
        let last = a.last_activity();
        let substantive = a.last_substantive();
        self.due_on(RetentionRule::PersonneActivite, last, today).min(self.due_on(
            RetentionRule::PersonneMaximum,
            substantive,
            today,
        ))
    }
}

/// What a person's record has seen, gathered from the records themselves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PersonActivity {
    /// The record was created.
    pub created_on: NaiveDate,
    /// Its latest edit.
    pub edited_on: NaiveDate,
    /// Its latest consultation or export (the access log).
    pub consulted_on: Option<NaiveDate>,
    /// The latest day of follow-up: a contract's end of aid (a future one
    /// counts as today's), a pairing's end or a meeting, a contract or
    /// pairing edited.
    pub followed_on: Option<NaiveDate>,
}

impl PersonActivity {
    pub fn last_substantive(&self) -> NaiveDate {
        self.followed_on.map_or(self.created_on, |f| f.max(self.created_on))
    }

    pub fn last_activity(&self) -> NaiveDate {
        let mut last = self.last_substantive().max(self.edited_on);
        if let Some(c) = self.consulted_on {
            last = last.max(c);
        }
        last
    }
}

/// What a purge does to a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PurgeAction {
    /// Gone, with its history.
    Erase,
    /// Kept without what identifies the person (an aided contract's figures).
    Anonymise,
}

/// A record that falls due. The person's pairings, meetings and contracts
/// follow the person (erased, erased, anonymised).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Due {
    pub rule: RetentionRule,
    /// "person", "contact", "audit_entry" or "aided_contract".
    pub entity: String,
    pub row_id: RowId,
    #[ts(type = "string")]
    pub due_on: NaiveDate,
}

/// The dates a plan reads, gathered by the store or the server.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    /// Person: created, last edited.
    pub people: Vec<(RowId, NaiveDate, NaiveDate)>,
    /// Contract: its person (nil once anonymised), end of aid, last edited.
    pub contracts: Vec<(RowId, RowId, Option<NaiveDate>, NaiveDate)>,
    /// Pairing: its person, its last date (end, extension or planned end), last edited.
    pub pairings: Vec<(RowId, RowId, Option<NaiveDate>, NaiveDate)>,
    /// Meeting: its pairing, the day held.
    pub meetings: Vec<(RowId, NaiveDate)>,
    /// Row → its latest consultation or export (the access log).
    pub consulted: HashMap<RowId, NaiveDate>,
    /// Contact: last edited.
    pub contacts: Vec<(RowId, NaiveDate)>,
    /// Contact → its latest exchange in the contact log.
    pub exchanges: HashMap<RowId, NaiveDate>,
    /// Contacts who are parrains or marraines (their own lifecycle).
    pub mentor_contacts: std::collections::HashSet<RowId>,
    /// Access-log entry: the day written.
    pub audit: Vec<(RowId, NaiveDate)>,
    /// A candidacy (its last step), a hire or an event invitation of the
    /// person: her person, the day.
    pub placements: Vec<(RowId, NaiveDate)>,
}

impl RetentionBook {
    /// Every person's activity, from the records that name her.
    pub fn person_activities(f: &Facts) -> HashMap<RowId, PersonActivity> {
        let later = |a: &mut Option<NaiveDate>, b: NaiveDate| *a = Some(a.map_or(b, |x| x.max(b)));
        let mut followed: HashMap<RowId, Option<NaiveDate>> = HashMap::new();
        let mut consulted: HashMap<RowId, NaiveDate> = HashMap::new();
        // A consultation of the person's contract or pairing is one of hers.
        let consult = |consulted: &mut HashMap<RowId, NaiveDate>, person: RowId, row: RowId| {
            if let Some(c) = f.consulted.get(&row) {
                let e = consulted.entry(person).or_insert(*c);
                *e = (*e).max(*c);
            }
        };
        for (id, person, end, edited) in f.contracts.iter().filter(|c| !c.1.is_nil()) {
            let e = followed.entry(*person).or_default();
            later(e, *edited);
            if let Some(end) = end {
                later(e, *end);
            }
            consult(&mut consulted, *person, *id);
        }
        let mut pairing_person: HashMap<RowId, RowId> = HashMap::new();
        for (id, person, end, edited) in &f.pairings {
            pairing_person.insert(*id, *person);
            let e = followed.entry(*person).or_default();
            later(e, *edited);
            if let Some(end) = end {
                later(e, *end);
            }
            consult(&mut consulted, *person, *id);
        }
        for (pairing, held) in &f.meetings {
            if let Some(person) = pairing_person.get(pairing) {
                later(followed.entry(*person).or_default(), *held);
            }
        }
        // Put forward on a need, hired: her follow-up goes on.
        for (person, day) in &f.placements {
            later(followed.entry(*person).or_default(), *day);
        }
        f.people
            .iter()
            .map(|(id, created, edited)| {
                consult(&mut consulted, *id, *id);
                let a = PersonActivity {
                    created_on: *created,
                    edited_on: *edited,
                    consulted_on: consulted.get(id).copied(),
                    followed_on: followed.get(id).copied().flatten(),
                };
                (*id, a)
            })
            .collect()
    }

    /// Every record due by `until` (today for a purge, a month ahead for the
    /// administrators' preview), earliest first.
    pub fn plan(&self, f: &Facts, today: NaiveDate, until: NaiveDate) -> Vec<Due> {
        let mut out = Vec::new();
        let mut push = |rule, entity: &str, row_id, due_on: NaiveDate| {
            if due_on <= until {
                out.push(Due { rule, entity: entity.into(), row_id, due_on });
            }
        };
        for (id, _, end, edited) in f.contracts.iter().filter(|c| c.1.is_nil()) {
            let end = end.unwrap_or(*edited);
            push(
                RetentionRule::ContratAnonymise,
                "aided_contract",
                *id,
                self.due_on(RetentionRule::ContratAnonymise, end, today),
            );
        }
        for (id, a) in Self::person_activities(f) {
            let by_activity = self.due_on(RetentionRule::PersonneActivite, a.last_activity(), today);
            let by_maximum = self.due_on(RetentionRule::PersonneMaximum, a.last_substantive(), today);
            if by_maximum < by_activity {
                push(RetentionRule::PersonneMaximum, "person", id, by_maximum);
            } else {
                push(RetentionRule::PersonneActivite, "person", id, by_activity);
            }
        }
        for (id, edited) in &f.contacts {
            if f.mentor_contacts.contains(id) {
                continue;
            }
            let last = f.exchanges.get(id).map_or(*edited, |x| (*x).max(*edited));
            push(
                RetentionRule::ContactEmployeur,
                "contact",
                *id,
                self.due_on(RetentionRule::ContactEmployeur, last, today),
            );
        }
        for (id, at) in &f.audit {
            push(
                RetentionRule::JournalAcces,
                "audit_entry",
                *id,
                self.due_on(RetentionRule::JournalAcces, *at, today),
            );
        }
        out.sort_by_key(|d| d.due_on);
        out
    }
}

/// What a purge did for one rule: how many records, never which.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PurgeCount {
    pub rule: RetentionRule,
    /// "erased" or "anonymised".
    pub action: String,
    /// The kind of record.
    pub entity: String,
    pub count: u32,
    /// For an erasure on request: why (never who).
    pub reason: Option<String>,
}

/// Why a person asked to be erased (the log keeps the reason, not the person).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErasureReason {
    /// Right to erasure (RGPD art. 17).
    #[default]
    DroitEffacement,
    /// Objection to the processing (RGPD art. 21).
    Opposition,
    /// Recorded by mistake (a duplicate, a person not followed).
    ErreurDeSaisie,
}

impl ErasureReason {
    pub const ALL: [Self; 3] = [Self::DroitEffacement, Self::Opposition, Self::ErreurDeSaisie];

    pub fn label(self) -> &'static str {
        match self {
            Self::DroitEffacement => "Droit à l'effacement (RGPD, art. 17)",
            Self::Opposition => "Opposition au traitement (RGPD, art. 21)",
            Self::ErreurDeSaisie => "Fiche créée par erreur (doublon, personne non suivie)",
        }
    }
}

/// A person's erasure asked for by an officer: synced, processed by the
/// server (or at once on a laptop linked to no server) through the same
/// purge as retention. It names the person by id only, and stays as the
/// record of the request.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ErasureRequest {
    pub person_id: RowId,
    pub reason: ErasureReason,
    #[ts(type = "string | null")]
    pub requested_on: Option<NaiveDate>,
    pub officer_id: RowId,
    /// The person's DT and officers (need-to-know, derived by the server).
    pub dt_code: Option<String>,
    pub officer_ids: Vec<RowId>,
}

impl ErasureRequest {
    pub fn validated(self) -> ValidationResult<Self> {
        if self.person_id.is_nil() {
            return Err(ValidationError::new(
                "required",
                "person_id",
                "Personne : choisissez la fiche à effacer.",
            ));
        }
        if self.requested_on.is_none() {
            return Err(ValidationError::new(
                "required",
                "requested_on",
                "Date de la demande : obligatoire.",
            ));
        }
        Ok(self)
    }
}

impl Synced for ErasureRequest {
    const DEF: EntityDef = EntityDef {
        scope: crate::synced::ScopeRule::AboutPerson { via: Some("person_id") },
        derived: &["dt_code", "officer_ids"],
        append_only: true,
        delete: crate::synced::DeleteRule::Never,
        references: &[one("person_id", "person")],
        ..EntityDef::new(
            "erasure_request",
            &[
                text("person_id"),
                text("reason"),
                text("requested_on"),
                text("officer_id"),
                text("dt_code"),
                crate::synced::json("officer_ids"),
            ],
            |d, _| parse::<ErasureRequest>(d)?.validated().map(drop),
        )
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn the_shipped_periods_and_their_sources() {
        let book = RetentionBook::new(Vec::new());
        let today = d("2026-11-30");
        assert_eq!(book.months(RetentionRule::PersonneActivite, today), 24);
        assert_eq!(book.months(RetentionRule::PersonneMaximum, today), 36);
        assert_eq!(book.months(RetentionRule::ContactEmployeur, today), 36);
        assert_eq!(book.months(RetentionRule::JournalAcces, today), 12);
        assert!(book.periods.iter().all(|p| p.data.source.len() > 20 && p.data.clone().validated().is_ok()));
    }

    #[test]
    fn a_record_falls_due_the_day_after_its_period() {
        let book = RetentionBook::new(Vec::new());
        let today = d("2026-11-30");
        // Last activity on 15 March 2024: kept through 14 March 2026.
        let a = PersonActivity {
            created_on: d("2023-01-10"),
            edited_on: d("2024-03-15"),
            consulted_on: None,
            followed_on: Some(d("2024-01-31")),
        };
        assert_eq!(book.person_due_on(&a, today), d("2026-03-15"));
        // Opened often since: the 36 months after the follow-up still apply.
        let opened = PersonActivity { consulted_on: Some(d("2026-11-01")), ..a };
        assert_eq!(book.person_due_on(&opened, today), d("2027-01-31"));
        assert_eq!(book.due_on(RetentionRule::JournalAcces, d("2025-11-30"), today), d("2026-11-30"));
    }

    #[test]
    fn a_plan_reads_every_kind_of_activity() {
        let book = RetentionBook::new(Vec::new());
        let today = d("2026-11-30");
        let id = |n: u128| RowId::from_u128(n);
        let (ana, ben, karim) = (id(1), id(2), id(3));
        let mut f = Facts::default();
        // Ana: last edited 30 November 2024, nothing since: due today.
        f.people.push((ana, d("2023-05-02"), d("2024-11-30")));
        // Ben: same, but his contract's aid ran until 31 March 2025.
        f.people.push((ben, d("2023-05-02"), d("2024-11-30")));
        f.contracts.push((id(10), ben, Some(d("2025-03-31")), d("2024-06-01")));
        // Karim: a pairing met on 2 December 2024: due in three days.
        f.people.push((karim, d("2023-05-02"), d("2023-05-02")));
        f.pairings.push((id(20), karim, Some(d("2024-06-30")), d("2024-06-30")));
        f.meetings.push((id(20), d("2024-12-02")));
        // Lina: put forward on a need, her candidacy's last step on 1 December 2024.
        let lina = id(4);
        f.people.push((lina, d("2023-05-02"), d("2023-05-02")));
        f.placements.push((lina, d("2024-12-01")));
        // A contact whose last exchange was on 29 November 2023; another, a marraine.
        f.contacts.push((id(30), d("2022-01-10")));
        f.exchanges.insert(id(30), d("2023-11-29"));
        f.contacts.push((id(31), d("2020-01-10")));
        f.mentor_contacts.insert(id(31));
        // Just inside its 36 months: a contact last met on 1 December 2023.
        f.contacts.push((id(32), d("2022-01-10")));
        f.exchanges.insert(id(32), d("2023-12-01"));
        // Access log: a year and a day, a year, a day short of a year.
        f.audit.push((id(40), d("2025-11-29")));
        f.audit.push((id(41), d("2025-11-30")));
        f.audit.push((id(42), d("2025-12-01")));
        // Anonymised contracts: aid ended ten years and a day ago, and ten years less a day.
        f.contracts.push((id(50), RowId::nil(), Some(d("2016-11-29")), d("2017-01-01")));
        f.contracts.push((id(51), RowId::nil(), Some(d("2016-12-01")), d("2017-01-01")));
        let due: Vec<(String, RowId)> =
            book.plan(&f, today, today).into_iter().map(|d| (d.entity, d.row_id)).collect();
        assert!(due.contains(&("person".into(), ana)), "{due:?}");
        assert!(!due.iter().any(|(_, r)| *r == ben || *r == karim || *r == lina), "{due:?}");
        assert!(due.contains(&("contact".into(), id(30))));
        assert!(!due.iter().any(|(_, r)| *r == id(31)), "a marraine's contact stays");
        assert!(
            due.contains(&("audit_entry".into(), id(40))) && due.contains(&("audit_entry".into(), id(41)))
        );
        assert!(due.contains(&("aided_contract".into(), id(50))));
        for kept in [id(32), id(42), id(51)] {
            assert!(!due.iter().any(|(_, r)| *r == kept), "{kept} is a day short of its limit");
        }
        // A month ahead: Karim (2 December 2026) appears; Ben (1 April 2027) does not.
        let ahead = book.plan(&f, today, d("2026-12-30"));
        let karim_due = ahead.iter().find(|d| d.row_id == karim).unwrap();
        assert_eq!(karim_due.due_on, d("2026-12-02"));
        assert_eq!(ahead.iter().find(|d| d.row_id == lina).unwrap().due_on, d("2026-12-01"));
        assert!(!ahead.iter().any(|d| d.row_id == ben));
        // Opened yesterday, Ana stays 24 months more, unless the 36 months of her follow-up end first.
        f.consulted.insert(ana, d("2026-11-29"));
        let ana_due = book.plan(&f, today, d("2030-01-01")).into_iter().find(|d| d.row_id == ana).unwrap();
        assert_eq!((ana_due.rule, ana_due.due_on), (RetentionRule::PersonneMaximum, d("2026-05-02")));
    }

    #[test]
    fn an_administrator_changes_a_period_from_a_date_within_its_bounds() {
        let p = RetentionPeriod {
            rule: RetentionRule::PersonneActivite,
            months: 18,
            effective_from: Some(d("2027-01-01")),
            source: "Délibération du conseil départemental".into(),
            replaces_id: None,
        };
        let book = RetentionBook::new(vec![(crate::new_row_id(), p.clone())]);
        assert_eq!(book.months(RetentionRule::PersonneActivite, d("2026-12-31")), 24);
        assert_eq!(book.months(RetentionRule::PersonneActivite, d("2027-01-01")), 18);
        let e = RetentionPeriod { months: 37, ..p.clone() }.validated().unwrap_err();
        assert_eq!((e.code, e.field), ("out_of_range", "months"));
        let e = RetentionPeriod { rule: RetentionRule::JournalAcces, months: 13, ..p.clone() }
            .validated()
            .unwrap_err();
        assert!(e.message.contains("12 mois"), "{}", e.message);
        assert_eq!(RetentionPeriod { source: " ".into(), ..p }.validated().unwrap_err().field, "source");
    }
}
