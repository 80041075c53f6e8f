//! The plan list's life over an in-memory store that fails on demand: every operation, every
//! storage fault, and two tabs on one store. Each loss the app once had is a test here
//! (`losses.rs`), every operation is failed at each of its writes (`faults.rs`), and
//! generated sequences of two tabs' operations never lose an edit (`two_tabs.rs`).

mod ancestors;
mod care;
mod faults;
mod list;
mod losses;
mod merging;
mod trash;
#[cfg(not(target_arch = "wasm32"))]
mod two_tabs;

use super::*;
use crate::core::open_plan::memory::{Fault, MemoryStore};
use crate::core::schema::PlanReader;

pub const NOW: f64 = 1_800_000_000_000.0;
pub const R: fn() -> PlanReader = PlanReader::linked;

/// A store holding plans `(id, name)` at revision 1, in that order, the first one last open.
pub fn store_with(plans: &[(&str, &str)]) -> MemoryStore {
    let store = MemoryStore::new();
    for (id, name) in plans {
        let mut plan = Plan::new(*id, *name);
        plan.revision = 1;
        store.put(&keys::plan_key(id), &schema::store_plan(&plan));
    }
    let order: Vec<(String, String)> = plans
        .iter()
        .map(|(id, name)| (id.to_string(), name.to_string()))
        .collect();
    let current = plans.first().map(|(id, _)| *id);
    store.put(
        keys::INDEX_KEY,
        &schema::store_index(&order, current, &Default::default()),
    );
    store
}

/// One tab of the app on `store`: its session and the open plan the page shows.
pub struct Tab<'s> {
    pub store: &'s MemoryStore,
    pub session: Session<&'s MemoryStore>,
    pub slot: Option<Plan>,
    pub number: u8,
    /// How many of the store's changes this tab has heard of.
    heard: usize,
    pub now: f64,
}

impl<'s> Tab<'s> {
    /// A tab started on `store`.
    pub fn start(store: &'s MemoryStore, number: u8) -> Self {
        store.act_as(number);
        let mut tab = Tab {
            store,
            session: Session::new(store),
            slot: None,
            number,
            heard: store.events_for(number, 0).1,
            now: NOW,
        };
        tab.session.start(&mut tab.slot, R(), NOW);
        tab
    }

    pub fn id(&self) -> Option<&str> {
        self.slot.as_ref().map(|p| p.id.as_str())
    }

    pub fn names(&self) -> Vec<&str> {
        self.session
            .entries()
            .iter()
            .map(|e| e.name.as_str())
            .collect()
    }

    pub fn ids(&self) -> Vec<&str> {
        self.session
            .entries()
            .iter()
            .map(|e| e.id.as_str())
            .collect()
    }

    /// Acts as this tab: the store marks its writes as this tab's.
    pub fn act(&mut self) -> &mut Self {
        self.store.act_as(self.number);
        self
    }

    /// Types into the open plan (one field, one undo step each time).
    pub fn edit(&mut self, change: impl FnOnce(&mut Plan)) -> bool {
        self.store.act_as(self.number);
        let Some(plan) = self.slot.as_mut() else {
            return false;
        };
        self.now += 1000.0;
        self.session.edit(plan, Grouping::OwnStep, self.now, change)
    }

    pub fn flush(&mut self) -> Outcome {
        self.store.act_as(self.number);
        self.session.flush(&mut self.slot, self.now)
    }

    pub fn open(&mut self, id: &str) -> Outcome {
        self.store.act_as(self.number);
        self.session.open(&mut self.slot, id, R(), self.now)
    }

    pub fn create(&mut self, id: &str, name: &str) -> Outcome {
        self.store.act_as(self.number);
        self.session
            .create(&mut self.slot, Plan::new(id, name), self.now)
    }

    pub fn delete(&mut self, id: &str) -> Outcome {
        self.store.act_as(self.number);
        self.session.delete(&mut self.slot, id, R(), self.now)
    }

    pub fn rename(&mut self, id: &str, name: &str) -> Outcome {
        self.store.act_as(self.number);
        self.session.rename(&mut self.slot, id, name, R(), self.now)
    }

    pub fn undo(&mut self, outcome: &Outcome) -> Outcome {
        self.store.act_as(self.number);
        let action = outcome
            .notice
            .as_ref()
            .and_then(|n| n.undo.clone())
            .expect("the notice offers Undo");
        self.session
            .undo_action(&mut self.slot, action, R(), self.now)
    }

    /// Hears of every change the other tabs made since last time (`storage` events).
    pub fn hear(&mut self) -> Vec<Outcome> {
        let (keys, next) = self.store.events_for(self.number, self.heard);
        self.heard = next;
        self.store.act_as(self.number);
        keys.iter()
            .map(|key| self.session.external(&mut self.slot, Some(key), R()))
            .collect()
    }

    /// The open plan is exactly what is stored under its id.
    pub fn assert_open_is_stored(&self) {
        if let Some(plan) = &self.slot {
            assert_eq!(
                stored(self.store, &plan.id).as_ref(),
                Some(plan),
                "the open plan is the stored one"
            );
        }
    }
}

/// The readable plan stored under `id`.
pub fn stored(store: &MemoryStore, id: &str) -> Option<Plan> {
    store::read_plan(store, id, R())
}

/// Every key in the trash.
pub fn trash_keys(store: &MemoryStore) -> Vec<String> {
    store
        .snapshot()
        .into_keys()
        .filter(|k| k.starts_with(keys::TRASH_PREFIX))
        .collect()
}

pub fn full() -> Fault {
    Fault::WriteThrows {
        name: Some("QuotaExceededError"),
        code: None,
    }
}
