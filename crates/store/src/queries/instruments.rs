//! Reads of the insertion instruments: people followed, aided contracts,
//! the aid's parameters, parrainage and the access log. Need-to-know is
//! the app's to apply (it knows the officer); these return live rows.

use rusqlite::types::Value as SqlValue;
use uuid::Uuid;

use tremplin_domain::audit::AuditEntry;
use tremplin_domain::cie::AidedContract;
use tremplin_domain::mentoring::{Mentor, MentoringMeeting, Pairing, Programme};
use tremplin_domain::parameters::{AidParameter, AidRule};
use tremplin_domain::person::Person;

use crate::connection::Store;
use crate::entity::Record;
use crate::error::StoreResult;

fn id(v: Uuid) -> [SqlValue; 1] {
    [SqlValue::Text(v.to_string())]
}

impl Store {
    /// Every person, by last name then first name.
    pub fn people(&self) -> StoreResult<Vec<Record<Person>>> {
        self.records_where("1", "last_name COLLATE NOCASE, first_name", &[])
    }

    /// Every aided contract, latest start first.
    pub fn aided_contracts(&self) -> StoreResult<Vec<Record<AidedContract>>> {
        self.records_where("1", "starts_on DESC", &[])
    }

    pub fn contracts_of_person(&self, person: Uuid) -> StoreResult<Vec<Record<AidedContract>>> {
        self.records_where("person_id = ?1", "starts_on", &id(person))
    }

    /// Administrators' parameter rows, in the order they were entered.
    pub fn aid_parameter_rows(&self) -> StoreResult<Vec<Record<AidParameter>>> {
        self.records_where("1", "created_at", &[])
    }

    pub fn aid_rule_rows(&self) -> StoreResult<Vec<Record<AidRule>>> {
        self.records_where("1", "created_at", &[])
    }

    pub fn programmes(&self) -> StoreResult<Vec<Record<Programme>>> {
        self.records_where("1", "name", &[])
    }

    pub fn mentors(&self) -> StoreResult<Vec<Record<Mentor>>> {
        self.records_where("1", "id", &[])
    }

    /// Every pairing, latest start first.
    pub fn pairings(&self) -> StoreResult<Vec<Record<Pairing>>> {
        self.records_where("1", "starts_on DESC", &[])
    }

    pub fn pairings_of_person(&self, person: Uuid) -> StoreResult<Vec<Record<Pairing>>> {
        self.records_where("person_id = ?1", "starts_on", &id(person))
    }

    /// A mentor's pairings not ended yet.
    pub fn open_pairings_of_mentor(&self, mentor: Uuid) -> StoreResult<Vec<Record<Pairing>>> {
        self.records_where("mentor_id = ?1 AND ended_on IS NULL", "starts_on", &id(mentor))
    }

    pub fn mentoring_meetings(&self) -> StoreResult<Vec<Record<MentoringMeeting>>> {
        self.records_where("1", "held_on", &[])
    }

    /// A pairing's meetings, latest first.
    pub fn meetings_of(&self, pairing: Uuid) -> StoreResult<Vec<Record<MentoringMeeting>>> {
        self.records_where("pairing_id = ?1", "held_on DESC", &id(pairing))
    }

    /// Who opened or exported a person's record, latest first.
    /// Who saw or exported the person's record, contracts and pairings.
    pub fn audit_of_person(&self, person: Uuid) -> StoreResult<Vec<Record<AuditEntry>>> {
        self.records_where(
            "(entity = 'person' AND row_id = ?1)
             OR (entity = 'aided_contract' AND row_id IN (SELECT id FROM aided_contract WHERE person_id = ?1))
             OR (entity = 'pairing' AND row_id IN (SELECT id FROM pairing WHERE person_id = ?1))",
            // Ids are time-ordered: the latest first among entries of one instant.
            "at DESC, id DESC",
            &id(person),
        )
    }

    /// Parrains and marraines mobilised between two dates (inclusive):
    /// charters signed then, by a contact of one of these organisations or
    /// within a programme serving one of these conventions. Mentors are
    /// shared data, so every officer counts the same.
    pub fn mentors_mobilised(
        &self,
        organisations: &[Uuid],
        conventions: &[Uuid],
        from: chrono::NaiveDate,
        to: chrono::NaiveDate,
    ) -> StoreResult<u32> {
        let n: u32 = self.conn.query_row(
            "SELECT count(*) FROM mentor m
               LEFT JOIN contact c ON c.id = m.contact_id
               LEFT JOIN mentoring_programme p ON p.id = m.programme_id AND p.deleted_at IS NULL
              WHERE m.deleted_at IS NULL
                AND m.charter_signed_on >= ?3 AND m.charter_signed_on <= ?4
                AND (c.organisation_id IN (SELECT value FROM json_each(?1))
                     OR p.convention_id IN (SELECT value FROM json_each(?2)))",
            rusqlite::params![
                super::id_list(organisations),
                super::id_list(conventions),
                from.to_string(),
                to.to_string()
            ],
            |r| r.get(0),
        )?;
        Ok(n)
    }

    /// Aided contracts with one of these organisations, as employer or as
    /// user establishment.
    pub fn contracts_at(&self, organisations: &[Uuid]) -> StoreResult<Vec<Record<AidedContract>>> {
        self.records_where(
            "(employer_id IN (SELECT value FROM json_each(?1))
              OR EXISTS (SELECT 1 FROM json_each(user_establishment_ids) u
                          WHERE u.value IN (SELECT value FROM json_each(?1))))",
            "starts_on",
            &[SqlValue::Text(super::id_list(organisations))],
        )
    }

    /// Parrains and marraines (charter signed) among these organisations'
    /// contacts.
    pub fn mentors_at(&self, organisations: &[Uuid]) -> StoreResult<u32> {
        Ok(self.conn.query_row(
            "SELECT count(*) FROM mentor m JOIN contact c ON c.id = m.contact_id
              WHERE m.deleted_at IS NULL AND m.charter_signed_on IS NOT NULL
                AND c.organisation_id IN (SELECT value FROM json_each(?1))",
            [super::id_list(organisations)],
            |r| r.get(0),
        )?)
    }
}
