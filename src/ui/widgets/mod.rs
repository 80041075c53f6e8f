//! Pieces every tool uses: labelled inputs, and ids that tie a label to its control.

mod fields;
mod work_tags;

pub use fields::{column_options, CheckboxField, DateField, NumberField, SelectField, TextField};
pub use work_tags::WorkTags;

use std::sync::atomic::{AtomicU64, Ordering};

/// A document-unique element id with a readable prefix, for `<label for=…>`.
pub fn unique_id(prefix: &str) -> String {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    format!("{prefix}-{}", NEXT.fetch_add(1, Ordering::Relaxed))
}
