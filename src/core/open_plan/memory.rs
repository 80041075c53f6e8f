//! An in-memory [`PlanStore`] for tests, which can be told to fail the way browsers do.

use std::cell::RefCell;
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
        self.put(key, text);
        *self.writes.borrow_mut() += 1;
        Ok(())
    }

    fn remove(&self, key: &str) -> Result<(), StorageProblem> {
        self.check_access()?;
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
