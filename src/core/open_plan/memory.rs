//! An in-memory [`PlanStore`] for tests, which can be told to fail the way browsers do.

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;

use super::store::{classify_failure, PlanStore, StorageProblem};

/// How the store misbehaves.
#[derive(Clone, Debug, PartialEq)]
pub enum Fault {
    /// Writes throw an exception with this name and code (every spelling of "full").
    WriteThrows {
        name: Option<&'static str>,
        code: Option<f64>,
    },
    /// Every access throws a `SecurityError` (storage disabled, private mode).
    Blocked,
}

#[derive(Default)]
pub struct MemoryStore {
    items: RefCell<BTreeMap<String, String>>,
    fault: RefCell<Option<Fault>>,
    /// Another tab's write, made just before this tab's next write (after its checks): the
    /// race between a save's check and its write.
    between: RefCell<Option<(String, String)>>,
    writes: RefCell<usize>,
    /// Writes and removals tried, failed or not.
    mutations: Cell<usize>,
    /// Make the mutation with this number (counted by `mutations`) fail, storage being
    /// full; with `and_after`, every later one too.
    fail_at: Cell<Option<(usize, bool)>>,
    /// Which tab is acting (tests with two tabs set it), and every key a tab changed, in
    /// order: the `storage` events the other tabs receive.
    writer: Cell<u8>,
    changes: RefCell<Vec<(u8, String)>>,
}

impl MemoryStore {
    pub fn new() -> Self {
        MemoryStore::default()
    }

    pub fn fail(&self, fault: Option<Fault>) {
        *self.fault.borrow_mut() = fault;
    }

    /// Sets `key` as another tab (or a newer Trellis) would: no fault applies.
    pub fn put(&self, key: &str, text: &str) {
        self.items.borrow_mut().insert(key.into(), text.into());
    }

    pub fn get(&self, key: &str) -> Option<String> {
        self.items.borrow().get(key).cloned()
    }

    /// Everything stored, to compare before and after.
    pub fn snapshot(&self) -> BTreeMap<String, String> {
        self.items.borrow().clone()
    }

    /// Makes another tab write `text` under `key` just before this tab's next write.
    pub fn write_between_check_and_write(&self, key: &str, text: &str) {
        *self.between.borrow_mut() = Some((key.into(), text.into()));
    }

    /// How many writes succeeded.
    pub fn writes(&self) -> usize {
        *self.writes.borrow()
    }

    /// Writes and removals tried so far.
    pub fn mutations(&self) -> usize {
        self.mutations.get()
    }

    /// Makes the `n`th write or removal from now fail (0: the next one) as a full storage
    /// would; with `and_after`, every one after it too. `None` stops failing.
    pub fn fail_mutation(&self, n: Option<usize>, and_after: bool) {
        self.fail_at
            .set(n.map(|n| (self.mutations.get() + n, and_after)));
    }

    /// The tab that acts from now on (its changes are events for the others).
    pub fn act_as(&self, tab: u8) {
        self.writer.set(tab);
    }

    /// The keys changed by tabs other than `tab` since change number `since`, and the
    /// number to read from next time.
    pub fn events_for(&self, tab: u8, since: usize) -> (Vec<String>, usize) {
        let changes = self.changes.borrow();
        let keys = changes
            .iter()
            .skip(since)
            .filter(|(writer, _)| *writer != tab)
            .map(|(_, key)| key.clone())
            .collect();
        (keys, changes.len())
    }

    /// Counts a mutation and says whether it must fail.
    fn mutation(&self, key: &str) -> Result<(), StorageProblem> {
        let n = self.mutations.get();
        self.mutations.set(n + 1);
        if let Some((at, and_after)) = self.fail_at.get() {
            if n == at || (and_after && n > at) {
                return Err(StorageProblem::Full);
            }
        }
        self.changes
            .borrow_mut()
            .push((self.writer.get(), key.to_string()));
        Ok(())
    }

    fn check_access(&self) -> Result<(), StorageProblem> {
        match &*self.fault.borrow() {
            Some(Fault::Blocked) => Err(classify_failure(
                Some("SecurityError"),
                Some(18.0),
                "The operation is insecure.".into(),
            )),
            _ => Ok(()),
        }
    }
}

impl PlanStore for MemoryStore {
    fn read(&self, key: &str) -> Result<Option<String>, StorageProblem> {
        self.check_access()?;
        Ok(self.get(key))
    }

    fn write(&self, key: &str, text: &str) -> Result<(), StorageProblem> {
        self.check_access()?;
        if let Some((key, text)) = self.between.borrow_mut().take() {
            self.put(&key, &text);
        }
        if let Some(Fault::WriteThrows { name, code }) = &*self.fault.borrow() {
            return Err(classify_failure(*name, *code, "full".into()));
        }
        self.mutation(key)?;
        self.put(key, text);
        *self.writes.borrow_mut() += 1;
        Ok(())
    }

    fn remove(&self, key: &str) -> Result<(), StorageProblem> {
        self.check_access()?;
        self.mutation(key)?;
        self.items.borrow_mut().remove(key);
        Ok(())
    }

    fn keys_with_prefix(&self, prefix: &str) -> Result<Vec<String>, StorageProblem> {
        self.check_access()?;
        Ok(self
            .items
            .borrow()
            .keys()
            .filter(|key| key.starts_with(prefix))
            .cloned()
            .collect())
    }
}
