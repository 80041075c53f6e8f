//! A value of one of the plan's choices (an enum) that this build does not know: written by a
//! newer Trellis, which added the value. It is kept as it was read and written back unchanged
//! on save, shown as "a value from a newer version of Trellis", and never taken for a value
//! this build knows: every computation that meets one leaves the record out or says it cannot
//! tell, as it does for a missing value.
//!
//! An enum takes one as its last variant, `#[serde(untagged)] Unknown(FromNewer)`: serde tries
//! the known values first, then this. `schema::tests::record_types` fails when a `Deserialize`
//! enum of the plan has no such variant; `schema::tests::newer_values` reads an unknown value
//! of every one from a plan, saves it and finds it again.
//!
//! The enums are `Copy`, so the value is held as interned text: each distinct value read is
//! leaked once, and reading refuses a value over [`MAX_VALUE_CHARS`] or more than
//! [`MAX_TOTAL_CHARS`] of distinct ones in the life of the page (a plan from a real newer
//! build holds a handful).

use std::cell::RefCell;
use std::collections::BTreeSet;

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

/// What the user sees for a value this build does not know.
pub const LABEL: &str = "a value from a newer version of Trellis";

/// The key a picker (a `<select>`) gives a value this build does not know: the picker shows it
/// as [`LABEL`], and it cannot be picked again once another value is.
pub const OPTION: &str = "from-newer";

/// Longest unknown value read, as compact JSON.
pub const MAX_VALUE_CHARS: usize = 4096;
/// Most text of distinct unknown values kept in the life of the page.
pub const MAX_TOTAL_CHARS: usize = 1 << 20;

/// A value this build does not know, as compact JSON text (a string, or an object of one key:
/// a value with data of its own).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FromNewer(&'static str);

impl FromNewer {
    /// The value as it is written in a plan (compact JSON).
    pub fn as_json(self) -> &'static str {
        self.0
    }

    /// The value as read from `value`, if it has the shape of a value of a choice: text, or an
    /// object of one key (a value that carries data). Anything else is not a value any build
    /// writes there.
    pub fn read(value: &Value) -> Result<FromNewer, String> {
        let shaped = match value {
            Value::String(_) => true,
            Value::Object(map) => map.len() == 1,
            _ => false,
        };
        if !shaped {
            return Err("expected one of the known values (text)".into());
        }
        let text = serde_json::to_string(value).map_err(|err| err.to_string())?;
        intern(text).map(FromNewer)
    }
}

/// Reads a value of an enum that has values carrying data (`{"percentile": 50}`): an object
/// whose key is one of `known` is a known value written wrong, not a newer one.
pub fn read_unless_known<'de, D: Deserializer<'de>>(
    known: &[&str],
    deserializer: D,
) -> Result<FromNewer, D::Error> {
    let value = Value::deserialize(deserializer)?;
    if let Value::Object(map) = &value {
        if let Some(key) = map.keys().find(|k| known.contains(&k.as_str())) {
            return Err(D::Error::custom(format!("a wrong value for `{key}`")));
        }
    }
    FromNewer::read(&value).map_err(D::Error::custom)
}

impl std::fmt::Debug for FromNewer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "FromNewer({})", self.0)
    }
}

impl std::fmt::Display for FromNewer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(LABEL)
    }
}

impl Serialize for FromNewer {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // Only `read` makes one, from a value that was written as this text.
        let value: Value = serde_json::from_str(self.0).map_err(serde::ser::Error::custom)?;
        value.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for FromNewer {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        FromNewer::read(&value).map_err(D::Error::custom)
    }
}

thread_local! {
    static SEEN: RefCell<(BTreeSet<&'static str>, usize)> = const { RefCell::new((BTreeSet::new(), 0)) };
}

fn intern(text: String) -> Result<&'static str, String> {
    if text.chars().count() > MAX_VALUE_CHARS {
        return Err(format!(
            "a value this version of Trellis does not know, longer than {MAX_VALUE_CHARS} characters"
        ));
    }
    SEEN.with(|seen| {
        let mut seen = seen.borrow_mut();
        if let Some(kept) = seen.0.get(text.as_str()) {
            return Ok(*kept);
        }
        if seen.1 + text.len() > MAX_TOTAL_CHARS {
            return Err("too many values this version of Trellis does not know".into());
        }
        seen.1 += text.len();
        let kept: &'static str = Box::leak(text.into_boxed_str());
        seen.0.insert(kept);
        Ok(kept)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_reads_and_writes_back_as_it_was() {
        for text in [r#""wages""#, r#"{"partly":{"share":0.5,"note":"é\n"}}"#] {
            let read: FromNewer = serde_json::from_str(text).unwrap();
            assert_eq!(read.as_json(), text);
            assert_eq!(serde_json::to_string(&read).unwrap(), text);
            assert_eq!(read.to_string(), LABEL);
        }
        let again: FromNewer = serde_json::from_str(r#""wages""#).unwrap();
        let first: FromNewer = serde_json::from_str(r#""wages""#).unwrap();
        assert_eq!(again, first);
    }

    #[test]
    fn what_no_build_writes_there_is_refused() {
        for text in ["1", "null", "true", "[]", r#"{"a":1,"b":2}"#, "{}"] {
            assert!(serde_json::from_str::<FromNewer>(text).is_err(), "{text}");
        }
        let long = format!("\"{}\"", "x".repeat(MAX_VALUE_CHARS));
        assert!(serde_json::from_str::<FromNewer>(&long).is_err());
    }
}
