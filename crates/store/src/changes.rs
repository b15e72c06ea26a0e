//! What changed in the store since the app last asked: the entities and
//! rows that writes, pulls and purges touched. The app layer hands them to
//! the UI so each screen reloads only when what it shows changed.

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use uuid::Uuid;

/// Beyond this many rows only the entities are kept: a screen reloads on
/// the entity anyway when a pull brought thousands of rows.
const MAX_IDS: usize = 500;

/// Touched entities (by their sync name, e.g. `organisation`) and rows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Changes {
    pub entities: BTreeSet<String>,
    pub ids: BTreeSet<Uuid>,
    /// True when more rows changed than `ids` lists.
    pub many: bool,
    /// True when anything may have changed (a full re-pull's clean-up, a
    /// retention purge): every screen reloads.
    pub everything: bool,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.entities.is_empty() && !self.everything
    }

    pub fn touch(&mut self, entity: &str, id: Uuid) {
        if !self.entities.contains(entity) {
            self.entities.insert(entity.to_string());
        }
        if self.ids.len() < MAX_IDS {
            self.ids.insert(id);
        } else if !self.ids.contains(&id) {
            self.many = true;
        }
    }

    pub fn merge(&mut self, other: Changes) {
        self.entities.extend(other.entities);
        self.everything |= other.everything;
        self.many |= other.many;
        for id in other.ids {
            if self.ids.len() < MAX_IDS {
                self.ids.insert(id);
            } else {
                self.many = true;
                break;
            }
        }
    }
}

/// The store's report of what it changed, readable without holding the
/// store: the app asks after every command, and a query must not wait for
/// the writer just to learn that nothing changed.
#[derive(Debug, Clone, Default)]
pub struct ChangeFeed {
    local: Arc<AtomicU64>,
    changes: Arc<Mutex<Changes>>,
}

impl ChangeFeed {
    /// Outbox entries written through this store since it opened.
    pub fn local_changes(&self) -> u64 {
        self.local.load(Ordering::SeqCst)
    }

    /// What changed since the last call (and forgets it).
    pub fn take(&self) -> Changes {
        std::mem::take(&mut *self.changes.lock().unwrap_or_else(|p| p.into_inner()))
    }

    pub(crate) fn record(&self, appended: u64, touched: Changes) {
        self.local.fetch_add(appended, Ordering::SeqCst);
        if !touched.is_empty() {
            self.changes.lock().unwrap_or_else(|p| p.into_inner()).merge(touched);
        }
    }

    pub(crate) fn everything(&self) {
        self.changes.lock().unwrap_or_else(|p| p.into_inner()).everything = true;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_beyond_the_cap_keep_the_entity_and_say_many() {
        let mut c = Changes::default();
        assert!(c.is_empty());
        for _ in 0..MAX_IDS + 3 {
            c.touch("organisation", Uuid::now_v7());
        }
        c.touch("contact", Uuid::now_v7());
        assert_eq!(c.ids.len(), MAX_IDS);
        assert!(c.many);
        assert_eq!(c.entities.iter().map(String::as_str).collect::<Vec<_>>(), ["contact", "organisation"]);
        assert!(!c.is_empty());
    }
}
