//! The officer's agenda as an iCalendar file (RFC 5545): events and
//! follow-ups, for Outlook or any calendar (docs/placement.md « Calendar »).
//!
//! Times are floating local times with `X-WR-TIMEZONE: Europe/Paris`:
//! events happen in the Nord and officers' calendars are set to Paris
//! time, so no time-zone table is shipped. Each entry keeps the record's
//! id as its UID: importing a newer file updates the entries already there.
//! No one on the RSA is named: events carry their title, place and
//! employers; follow-ups their title and employer.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use icalendar::{Calendar, Component, Event as IcsEvent, EventLike, EventStatus as IcsStatus};

use tremplin_domain::event::EventStatus;
use tremplin_store::queries::events::EventSummary;
use tremplin_store::queries::tasks::TaskView;

/// An event as the agenda shows it: its summary and who takes part.
pub struct AgendaEvent<'a> {
    pub event: &'a EventSummary,
    pub employers: Vec<String>,
}

fn at(day: NaiveDate, time: Option<&str>) -> Option<NaiveDateTime> {
    let t = NaiveTime::parse_from_str(time?, "%H:%M").ok()?;
    Some(day.and_time(t))
}

pub fn ics(events: &[AgendaEvent<'_>], tasks: &[TaskView]) -> String {
    let mut cal = Calendar::new();
    cal.name("Tremplin").timezone("Europe/Paris");
    for a in events {
        let e = a.event;
        let mut v = IcsEvent::new();
        v.uid(&format!("event-{}@tremplin", e.id)).summary(&format!("{} — {}", e.kind.label(), e.title));
        let place = match &e.commune_name {
            Some(c) => format!("{}, {c}", e.place),
            None => e.place.clone(),
        };
        v.location(&place);
        match (at(e.held_on, e.starts_at.as_deref()), at(e.held_on, e.ends_at.as_deref())) {
            (Some(s), Some(t)) => v.starts(s).ends(t),
            (Some(s), None) => v.starts(s).ends(s + chrono::Duration::hours(2)),
            _ => v.all_day(e.held_on),
        };
        if !a.employers.is_empty() {
            v.description(&format!("Employeurs : {}", a.employers.join(", ")));
        }
        v.status(match e.status {
            EventStatus::Annule => IcsStatus::Cancelled,
            _ => IcsStatus::Confirmed,
        });
        cal.push(v.done());
    }
    for t in tasks {
        let mut v = IcsEvent::new();
        v.uid(&format!("task-{}@tremplin", t.id))
            .summary(&format!("Relance : {}", t.title))
            .all_day(t.due_date);
        if let Some(o) = &t.organisation_name {
            v.description(&format!("Employeur : {o}"));
        }
        cal.push(v.done());
    }
    cal.done().to_string()
}
