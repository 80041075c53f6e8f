//! The direct route for the usual import: a sound plan of the current version, read straight
//! from its text into the plan's types and checked on them, without the `serde_json::Value`
//! tree the full route builds so it can name where a problem is. It is four to six times
//! faster on a large plan.
//!
//! It only ever says "sound" or "not sure": anything it cannot vouch for (a syntax or type
//! error, another version, a duplicate, empty or dangling id, an unsafe link, a float used as
//! an id) sends the document down the full route, which decides and says why. So both routes
//! accept the same plans and refuse with the same words; the tests in `schema/tests.rs` hold
//! them to it.

use std::collections::HashSet;
use std::fmt;

use serde::ser::{self, Serialize};
use serde_json::Value;

use super::validate::{is_link, is_reference, is_safe_link, MAX_DEPTH};
use super::{CURRENT_VERSION, PLAN_FORMAT};
use crate::core::plan::Plan;

/// The plan in `text` when it is a current-version plan document whose fields all read into
/// the plan's types; `None` otherwise (the full route then says what is wrong).
pub fn read(text: &str) -> Option<Plan> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut plan: Plan = serde_json::from_str(text).ok()?;
    // The markers land among the fields this build does not know; they are not the plan's.
    let format = plan.extra.shift_remove("format")?;
    let version = plan.extra.shift_remove("version")?;
    (format.as_str() == Some(PLAN_FORMAT) && version.as_u64() == Some(CURRENT_VERSION))
        .then_some(plan)
}

/// The ids of the records inside `plan` (not the plan's own) when every id is unique and not
/// empty, every reference names one of them and every link is safe: the checks of
/// [`validate_plan_value`](super::validate_plan_value), on the plan as it would be written.
/// `None` when any of that is not certain.
pub fn sound_record_ids(plan: &Plan) -> Option<Vec<String>> {
    let mut seen = Seen::default();
    plan.serialize(ValueWalk {
        seen: &mut seen,
        role: Role::default(),
    })
    .ok()?;
    let Seen {
        ids,
        record_ids,
        references,
        ..
    } = seen;
    references
        .iter()
        .all(|target| ids.contains(target))
        .then_some(record_ids)
}

/// What the walk has seen so far.
#[derive(Default)]
struct Seen {
    ids: HashSet<String>,
    /// Every id but the plan's own (the one at depth 1), in document order.
    record_ids: Vec<String>,
    /// Non-empty reference targets, checked once every id is known.
    references: Vec<String>,
    depth: usize,
}

impl Seen {
    fn id(&mut self, id: String) -> Result<(), NotSure> {
        if id.is_empty() || self.ids.contains(&id) {
            return Err(NotSure);
        }
        if self.depth > 1 {
            self.record_ids.push(id.clone());
        }
        self.ids.insert(id);
        Ok(())
    }

    fn enter(&mut self, levels: usize) -> Result<(), NotSure> {
        self.depth += levels;
        if self.depth > MAX_DEPTH {
            return Err(NotSure);
        }
        Ok(())
    }
}

/// What a value is to the checks, from the key it sits under (as in `validate.rs`).
#[derive(Clone, Copy, Default)]
struct Role {
    /// The value of an `id` key: the record's id, when it is text or a whole number.
    id: bool,
    /// The value of a `*_id`/`*_ids` key: text names a record; so does each text in a list.
    reference: bool,
    /// An item of a list under a reference key.
    reference_item: bool,
    /// Under a link key: every text, in lists at any depth, must be a safe link.
    link: bool,
}

impl Role {
    fn of_key(key: &str) -> Role {
        Role {
            id: key == "id",
            reference: is_reference(key),
            reference_item: false,
            link: is_link(key),
        }
    }

    fn of_items(self) -> Role {
        Role {
            id: false,
            reference: false,
            reference_item: self.reference,
            link: self.link,
        }
    }
}

/// The walk's only "error": this route cannot vouch for the plan.
#[derive(Debug)]
struct NotSure;

impl fmt::Display for NotSure {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("left to the full check")
    }
}

impl std::error::Error for NotSure {}

impl ser::Error for NotSure {
    fn custom<T: fmt::Display>(_: T) -> Self {
        NotSure
    }
}

/// A serializer that writes nothing: it visits the plan as it would be written as JSON
/// (one `ValueWalk` per JSON value) and applies the checks on the way.
struct ValueWalk<'w> {
    seen: &'w mut Seen,
    role: Role,
}

impl ValueWalk<'_> {
    fn text(self, text: &str) -> Result<(), NotSure> {
        if self.role.id {
            self.seen.id(text.to_string())?;
        }
        if (self.role.reference || self.role.reference_item) && !text.is_empty() {
            self.seen.references.push(text.to_string());
        }
        if self.role.link && !is_safe_link(text) {
            return Err(NotSure);
        }
        Ok(())
    }

    fn whole_number(self, number: impl ToString) -> Result<(), NotSure> {
        if self.role.id {
            self.seen.id(number.to_string())?;
        }
        Ok(())
    }
}

/// A JSON array being walked; `levels` is how deep it took the walk (a variant's wrapping
/// object counts too).
struct Items<'w> {
    seen: &'w mut Seen,
    role: Role,
    levels: usize,
}

/// A JSON object being walked.
struct Fields<'w> {
    seen: &'w mut Seen,
    key: Option<String>,
    levels: usize,
}

impl<'w> ser::Serializer for ValueWalk<'w> {
    type Ok = ();
    type Error = NotSure;
    type SerializeSeq = Items<'w>;
    type SerializeTuple = Items<'w>;
    type SerializeTupleStruct = Items<'w>;
    type SerializeTupleVariant = Items<'w>;
    type SerializeMap = Fields<'w>;
    type SerializeStruct = Fields<'w>;
    type SerializeStructVariant = Fields<'w>;

    fn serialize_bool(self, _: bool) -> Result<(), NotSure> {
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<(), NotSure> {
        self.whole_number(v)
    }
    fn serialize_i16(self, v: i16) -> Result<(), NotSure> {
        self.whole_number(v)
    }
    fn serialize_i32(self, v: i32) -> Result<(), NotSure> {
        self.whole_number(v)
    }
    fn serialize_i64(self, v: i64) -> Result<(), NotSure> {
        self.whole_number(v)
    }
    fn serialize_u8(self, v: u8) -> Result<(), NotSure> {
        self.whole_number(v)
    }
    fn serialize_u16(self, v: u16) -> Result<(), NotSure> {
        self.whole_number(v)
    }
    fn serialize_u32(self, v: u32) -> Result<(), NotSure> {
        self.whole_number(v)
    }
    fn serialize_u64(self, v: u64) -> Result<(), NotSure> {
        self.whole_number(v)
    }
    // JSON's spelling of a fraction used as an id is serde_json's to know, not this walk's.
    fn serialize_f32(self, _: f32) -> Result<(), NotSure> {
        if self.role.id {
            return Err(NotSure);
        }
        Ok(())
    }
    fn serialize_f64(self, _: f64) -> Result<(), NotSure> {
        if self.role.id {
            return Err(NotSure);
        }
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<(), NotSure> {
        self.text(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, v: &str) -> Result<(), NotSure> {
        self.text(v)
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), NotSure> {
        Ok(())
    }
    fn serialize_none(self) -> Result<(), NotSure> {
        Ok(())
    }
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<(), NotSure> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), NotSure> {
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), NotSure> {
        Ok(())
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), NotSure> {
        self.text(variant)
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), NotSure> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), NotSure> {
        // Written as {"variant": value}.
        self.seen.enter(1)?;
        value.serialize(ValueWalk {
            seen: &mut *self.seen,
            role: Role::of_key(variant),
        })?;
        self.seen.depth -= 1;
        Ok(())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Items<'w>, NotSure> {
        self.seen.enter(1)?;
        Ok(Items {
            seen: self.seen,
            role: self.role.of_items(),
            levels: 1,
        })
    }
    fn serialize_tuple(self, len: usize) -> Result<Items<'w>, NotSure> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<Items<'w>, NotSure> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Items<'w>, NotSure> {
        // Written as {"variant": [items]}.
        self.seen.enter(2)?;
        Ok(Items {
            seen: self.seen,
            role: Role::of_key(variant).of_items(),
            levels: 2,
        })
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Fields<'w>, NotSure> {
        self.seen.enter(1)?;
        Ok(Fields {
            seen: self.seen,
            key: None,
            levels: 1,
        })
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Fields<'w>, NotSure> {
        self.serialize_map(None)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Fields<'w>, NotSure> {
        // Written as {"variant": {fields}}; the variant's name is a key no check looks at.
        self.seen.enter(2)?;
        Ok(Fields {
            seen: self.seen,
            key: None,
            levels: 2,
        })
    }
}

impl Items<'_> {
    fn item<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), NotSure> {
        value.serialize(ValueWalk {
            seen: &mut *self.seen,
            role: self.role,
        })
    }

    fn close(self) -> Result<(), NotSure> {
        self.seen.depth -= self.levels;
        Ok(())
    }
}

/// The serde traits for a JSON array: every item goes through `Items::item`.
macro_rules! walk_items {
    ($($trait:ident::$method:ident),*) => {$(
        impl ser::$trait for Items<'_> {
            type Ok = ();
            type Error = NotSure;
            fn $method<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), NotSure> {
                self.item(value)
            }
            fn end(self) -> Result<(), NotSure> {
                self.close()
            }
        }
    )*};
}

walk_items!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl Fields<'_> {
    fn field<T: ?Sized + Serialize>(&mut self, key: &str, value: &T) -> Result<(), NotSure> {
        value.serialize(ValueWalk {
            seen: &mut *self.seen,
            role: Role::of_key(key),
        })
    }

    fn close(self) -> Result<(), NotSure> {
        self.seen.depth -= self.levels;
        Ok(())
    }
}

impl ser::SerializeMap for Fields<'_> {
    type Ok = ();
    type Error = NotSure;
    fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> Result<(), NotSure> {
        // Maps are rare here (a plan's unknown fields, free-form tables): a copy is cheap.
        match serde_json::to_value(key) {
            Ok(Value::String(key)) => {
                self.key = Some(key);
                Ok(())
            }
            _ => Err(NotSure),
        }
    }
    fn serialize_value<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), NotSure> {
        let key = self.key.take().ok_or(NotSure)?;
        self.field(&key, value)
    }
    fn end(self) -> Result<(), NotSure> {
        self.close()
    }
}

/// The serde traits for a JSON object with named fields: each goes through `Fields::field`.
macro_rules! walk_fields {
    ($($trait:ident),*) => {$(
        impl ser::$trait for Fields<'_> {
            type Ok = ();
            type Error = NotSure;
            fn serialize_field<T: ?Sized + Serialize>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Result<(), NotSure> {
                self.field(key, value)
            }
            fn end(self) -> Result<(), NotSure> {
                self.close()
            }
        }
    )*};
}

walk_fields!(SerializeStruct, SerializeStructVariant);
