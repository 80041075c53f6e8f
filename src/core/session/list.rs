//! Reading the list: at start, and when another tab writes.

use super::{entry_of, trash, Banner, Condition, Outcome, Session};
use crate::core::care::DataCare;
use crate::core::keys;
use crate::core::open_plan::store::{self, PlanStore, StoredPlan};
use crate::core::open_plan::{External, OpenPlan, Theirs};
use crate::core::plan::Plan;
use crate::core::schema::PlanReader;

impl<S: PlanStore> Session<S> {
    /// Reads the plan list (each plan's header), the care record and the trash (emptying it
    /// of what is older than 30 days), and opens the last opened plan, or the first readable
    /// one: the only plan read in full.
    pub fn start(&mut self, slot: &mut Option<Plan>, reader: PlanReader, now: f64) -> Outcome {
        let stored = match store::list_workspace(&self.store, reader) {
            Ok(stored) => stored,
            Err(problem) => {
                self.usable = false;
                self.open.set_storage_usable(false);
                self.problem = Some(problem);
                return Outcome::default();
            }
        };
        self.usable = true;
        self.open.set_storage_usable(true);
        self.problem = None;
        self.entries = stored.plans.iter().map(entry_of).collect();
        if let Ok(Some(text)) = self.store.read(keys::CARE_KEY) {
            self.care = DataCare::read(&text);
        }
        self.trash = trash::list(&self.store).unwrap_or_default();
        let expired: Vec<String> = self
            .trash
            .iter()
            .filter(|entry| entry.expires_ms() <= now)
            .map(|entry| entry.key.clone())
            .collect();
        for key in &expired {
            if self.store.remove(key).is_ok() {
                self.trash.retain(|entry| entry.key != *key);
            }
        }
        let wanted = self.open.id().map(str::to_string).or(stored.current);
        let candidates: Vec<String> = wanted
            .into_iter()
            .chain(self.entries.iter().map(|e| e.id.clone()))
            .collect();
        let mut outcome = Outcome::default();
        if slot.is_none() {
            for id in candidates {
                if let Some((plan, open)) = self.read_to_open(&id, reader) {
                    self.enter(slot, plan, open);
                    outcome.plan_changed = true;
                    break;
                }
            }
        }
        outcome
    }

    /// Start-up before the code that reads plans has arrived. With no plan stored there is
    /// nothing to read; with plans stored, nothing is listed or saved until it arrives (then
    /// [`Session::start`] runs), so no stored plan is taken for a missing one.
    pub fn start_without_reader(&mut self) -> Outcome {
        match self.store.keys_with_prefix(keys::PLAN_PREFIX) {
            Ok(keys) if keys.is_empty() => {}
            Ok(_) => {
                self.usable = false;
                self.open.set_storage_usable(false);
                self.add_banner(Banner::ReaderNotDownloaded);
            }
            Err(problem) => {
                self.usable = false;
                self.open.set_storage_usable(false);
                self.problem = Some(problem);
            }
        }
        Outcome::default()
    }

    /// Whether start-up is waiting for the reader (plans are stored it has not read).
    pub fn reader_missing(&self) -> bool {
        self.other_banners.contains(&Banner::ReaderNotDownloaded)
    }

    /// The reader arrived after start-up found plans it could not read: start again.
    pub fn reader_arrived(
        &mut self,
        slot: &mut Option<Plan>,
        reader: PlanReader,
        now: f64,
    ) -> Outcome {
        if !self.reader_missing() {
            return Outcome::default();
        }
        self.remove_banner(&Banner::ReaderNotDownloaded);
        self.start(slot, reader, now)
    }

    /// Plan `id` as stored, read to be opened (clean, no history), when it reads; otherwise
    /// its entry says why. Nothing else changes.
    pub(super) fn read_to_open(
        &mut self,
        id: &str,
        reader: PlanReader,
    ) -> Option<(Plan, OpenPlan)> {
        let openable = self
            .entries
            .iter()
            .any(|e| e.id == id && e.condition.openable());
        if !openable {
            return None;
        }
        match store::load_plan_at(&self.store, &keys::plan_key(id), reader) {
            Ok(Some(StoredPlan::Readable(plan))) => {
                let mut open = OpenPlan::new();
                open.show(&self.store, &plan);
                self.put_entry_condition(id, Condition::Readable);
                if let Some(entry) = self.entries.iter_mut().find(|e| e.id == id) {
                    entry.name = plan.name.clone();
                }
                Some((*plan, open))
            }
            Ok(Some(other)) => {
                self.put_entry(entry_of(&other));
                None
            }
            Ok(None) => {
                self.entries.retain(|e| e.id != id);
                None
            }
            Err(problem) => {
                self.problem = Some(problem);
                None
            }
        }
    }

    fn put_entry_condition(&mut self, id: &str, condition: Condition) {
        if let Some(entry) = self.entries.iter_mut().find(|e| e.id == id) {
            entry.condition = condition;
        }
    }

    /// Replaces the entry with `entry`'s id (keeping whether it is unsaved), or adds it at
    /// the end.
    pub(super) fn put_entry(&mut self, entry: super::Entry) {
        match self.entries.iter_mut().find(|e| e.id == entry.id) {
            Some(existing) => {
                let unsaved = existing.unsaved;
                *existing = entry;
                existing.unsaved = unsaved;
            }
            None => self.entries.push(entry),
        }
    }

    /// Another tab wrote `key` (the browser's `storage` event; `None`: it cleared storage).
    pub fn external(
        &mut self,
        slot: &mut Option<Plan>,
        key: Option<&str>,
        reader: PlanReader,
    ) -> Outcome {
        let mut outcome = Outcome::default();
        let open_key = self.open.id().map(keys::plan_key);
        match key {
            Some(key) if Some(key) == open_key.as_deref() => {
                if let Some(plan) = slot.as_mut() {
                    match self.open.on_external_write(&self.store, plan, reader) {
                        External::Followed(Theirs::Loaded) => {
                            outcome.plan_changed = true;
                            let plan = plan.clone();
                            self.follow_name(&plan);
                        }
                        // Kept in this tab, listed, saying it is not stored.
                        External::Deleted => return outcome,
                        _ => {}
                    }
                }
                self.relist(key, reader);
            }
            Some(key) if key.starts_with(keys::PLAN_PREFIX) => {
                let id = keys::plan_id(key).to_string();
                if let Some(held) = self.held.iter_mut().find(|h| h.plan.id == id) {
                    // Kept in memory as it is; its next save checks what is stored.
                    let _ = held
                        .open
                        .on_external_write(&self.store, &mut held.plan, reader);
                    return outcome;
                }
                self.relist(key, reader);
            }
            Some(keys::INDEX_KEY) => self.reload_list(reader),
            Some(key) if key.starts_with(keys::TRASH_PREFIX) => {
                self.trash = trash::list(&self.store).unwrap_or_default();
            }
            Some(keys::CARE_KEY) => self.reread_care(),
            Some(_) => {}
            None => {
                self.reload_list(reader);
                self.trash = trash::list(&self.store).unwrap_or_default();
                self.reread_care();
            }
        }
        outcome
    }

    /// The entry of the plan stored under `key`, read again from its header.
    fn relist(&mut self, key: &str, reader: PlanReader) {
        let Ok(listed) = store::list_plan_at(&self.store, key, reader) else {
            return;
        };
        let id = keys::plan_id(key).to_string();
        let keep = self.open.id() == Some(id.as_str()) || self.held.iter().any(|h| h.plan.id == id);
        match listed {
            Some(stored) => {
                let mut entry = entry_of(&stored);
                // The open plan has been read in full.
                if self.open.id() == Some(id.as_str()) && entry.condition.openable() {
                    entry.condition = Condition::Readable;
                }
                self.put_entry(entry)
            }
            None if keep => {}
            None => self.entries.retain(|e| e.id != id),
        }
    }

    /// The whole list read again; the open plan and plans kept in memory stay listed.
    fn reload_list(&mut self, reader: PlanReader) {
        let Ok(stored) = store::list_workspace(&self.store, reader) else {
            return;
        };
        let old = std::mem::take(&mut self.entries);
        self.entries = stored.plans.iter().map(entry_of).collect();
        for (position, entry) in old.into_iter().enumerate() {
            let mine = self.open.id() == Some(entry.id.as_str())
                || self.held.iter().any(|h| h.plan.id == entry.id);
            match self.entries.iter_mut().find(|e| e.id == entry.id) {
                Some(listed) => {
                    listed.unsaved = entry.unsaved;
                    if mine && listed.condition.openable() {
                        listed.condition = Condition::Readable;
                    }
                }
                None if mine => {
                    let at = position.min(self.entries.len());
                    self.entries.insert(at, entry)
                }
                None => {}
            }
        }
    }
}
