//! The domain: plans and the three tools in them, the file format, import validation.
//! Pure Rust: no browser APIs, no UI. Every figure the UI shows is computed here.

pub mod audience;
pub mod backup;
pub mod care;
pub mod career;
pub mod csv;
pub mod curve;
pub mod edits;
pub mod focus;
pub mod goals;
pub mod history;
pub mod html;
pub mod ids;
pub mod keys;
pub mod markdown;
pub mod merge;
pub mod newer;
pub mod open_plan;
pub mod plan;
pub mod readable;
pub mod report;
pub mod sample;
pub mod schema;
pub mod session;
pub mod share;
pub mod signal;
pub mod value;
pub mod workspace;
