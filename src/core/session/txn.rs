//! Several writes that stand or fall together. Before it first changes a key, a transaction
//! keeps what was stored there; when a later step fails, it puts every key back, newest
//! change first, checks each of those writes, and names the keys it could not put back.

use crate::core::open_plan::store::{PlanStore, StorageProblem};

#[derive(Debug, Default)]
pub struct Txn {
    /// Each key changed, with what was stored before the first change (in order).
    before: Vec<(String, Option<String>)>,
}

impl Txn {
    pub fn new() -> Self {
        Txn::default()
    }

    /// Keeps what is stored under `key` now, before a change made outside the transaction
    /// (the open plan's own save).
    pub fn remember(&mut self, store: &impl PlanStore, key: &str) -> Result<(), StorageProblem> {
        if !self.before.iter().any(|(k, _)| k == key) {
            let text = store.read(key)?;
            self.before.push((key.to_string(), text));
        }
        Ok(())
    }

    pub fn write(
        &mut self,
        store: &impl PlanStore,
        key: &str,
        text: &str,
    ) -> Result<(), StorageProblem> {
        self.remember(store, key)?;
        store.write(key, text)
    }

    pub fn remove(&mut self, store: &impl PlanStore, key: &str) -> Result<(), StorageProblem> {
        self.remember(store, key)?;
        store.remove(key)
    }

    /// Puts every key back as it was. The keys that could not be put back (empty when all
    /// were).
    pub fn roll_back(self, store: &impl PlanStore) -> Vec<String> {
        let mut not_put_back = Vec::new();
        // Removals first would free room for the writes; in reverse order each key's first
        // state is what is put back, so the order of keys does not matter for the result.
        let (removals, writes): (Vec<_>, Vec<_>) = self
            .before
            .into_iter()
            .rev()
            .partition(|(_, text)| text.is_none());
        for (key, _) in removals {
            if store.remove(&key).is_err() && !matches!(store.read(&key), Ok(None)) {
                not_put_back.push(key);
            }
        }
        for (key, text) in writes {
            let Some(text) = text else { continue };
            let back = store.write(&key, &text).is_ok()
                || matches!(store.read(&key), Ok(Some(now)) if now == text);
            if !back {
                not_put_back.push(key);
            }
        }
        not_put_back
    }
}
