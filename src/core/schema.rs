//! The plan file format: what is exported, imported and kept in localStorage.
//!
//! A plan document is `{"format": "trellis-plan", "version": N, ...the plan's fields}`.
//! Reading one goes, in order: size limit (before parsing), empty, JSON syntax,
//! format marker, version, migration to the current version, field types (with
//! the JSON path of the first wrong one), then the one check of the typed plan in
//! `check.rs`: unique ids, references to records of the right kind, safe links, the id
//! counter. Failure never changes anything: these functions only read. A plan of the
//! current version whose fields all read takes a faster route to the same answer
//! (`direct.rs`).
//!
//! # Versions in the wild: an optional field, or a new version
//!
//! A plan is opened by builds older and newer than the one that wrote it (a tab left open
//! across a deploy, another deployment, an import on another device). Every record type
//! keeps the fields it does not know (`#[serde(flatten)] extra`), so an older build carries
//! a newer one's fields through a read, an edit and a save (`tests::record_types` fails when
//! a `Deserialize` type has no `extra`; `tests::generated` puts an unknown key in every
//! object of a generated plan and finds each one again after a read and a save). Edits
//! change the fields they edit in place and keep the rest, known or not.
//!
//! Every enum of the plan keeps a value it does not know the same way (`core::newer`: its last
//! variant is `#[serde(untagged)] Unknown(FromNewer)`): read as "a value from a newer version
//! of Trellis", written back byte for byte, shown as that, and never taken for a known value
//! (a computation that meets one leaves the record out or says it cannot tell, as for a
//! missing value). `tests::record_types` fails when an enum has no such variant;
//! `tests::newer_values` reads an unknown value of every enum from a plan, saves it and finds
//! it again.
//!
//! So a change needs only **an optional field or a new enum value** (no new version) when all
//! of these hold:
//! - its absence means what builds without it already do (a default, not a new rule);
//! - it changes the meaning of no other field or value, so an older build that edits the
//!   fields around it and carries it unread leaves a plan that still says what the user meant;
//! - for a new enum value: an older build that reads it as unknown (leaves the record out of
//!   what it computes, shows it as from a newer version) says nothing false about the plan;
//! - for a new enum value: every build that reads the current version keeps unknown values.
//!   Builds of version 2 made before `core::newer` do not: they refuse a plan holding one as
//!   unreadable (kept and offered for download, never lost, but not opened). So the first new
//!   enum value after it comes with version 3 (an identity step), which those builds refuse
//!   as newer; from version 3 on, a new value that meets the rules above needs none.
//!
//! Anything else needs **a new version**: raise [`CURRENT_VERSION`] and add a step to
//! [`PLAN_MIGRATIONS`] with its test. That is, a field renamed, removed or given another
//! type or unit (a percent written as a share); a field whose absence or staleness an older
//! build would misread (it qualifies another field, or another field's meaning depends on
//! it); an enum value whose meaning changes, or a new one that changes what other fields mean
//! (a value an older build would compute with wrongly even as unknown); a new rule for ids or
//! references. Every build refuses a plan of a version above its own ("made by a newer
//! version of Trellis") on every route (import, file bytes, storage, the direct route, which
//! leaves any other version to the full one) before reading any field, and never overwrites
//! one in storage: that guard is what stops an older build from reading a changed field the
//! old way (`tests::newer_values::a_newer_version_that_changed_what_a_field_means_is_refused_on_every_route`,
//! `open_plan::tests` for storage).
//!
//! The plan's `base` (issue 32: the revision and fingerprint of the copy an exported or shared
//! plan started from) is such an optional field: its absence means "no known ancestor", which
//! is what every build without it assumes (a merge is then two-way), it qualifies no other
//! field, and an older build that edits a copy and carries it unread still names the right
//! ancestor (the copy still started from it). The plan's `id` and `revision` were already in
//! the format.
//!
//! The curve's `activity_rules` and a snapshot's `counted_from` (issue 33: how members are put
//! in stages when counted from an activity file, and where a snapshot's counts came from) are
//! such optional fields too: absent, they mean "no rules yet" and "typed by hand". An older
//! build that edits a counted snapshot's counts carries `counted_from` unread; it holds a
//! fingerprint of the counts and flows it describes, and is shown only while they match
//! (`curve::activity::counted_from`), so the note never vouches for counts typed since.
//!
//! Version 2 is such a step with an identity migration. Objective scope and key areas,
//! snapshot flows, the periods (a goal's period, a period's results, evidence citing them)
//! and value models were added to version 1 in record types that kept nothing unknown, so
//! builds of version 1 drop them on their next save, and a dropped scope or period link
//! makes the rest of the plan say something else (the rule-of-thumb scope; a goal back in
//! the open period). Documents written as version 2 are refused by those builds instead.

mod check;
mod direct;
mod error;
mod stored;
mod typed;
mod validate;

use serde_json::{Map, Value};

use super::plan::Plan;

pub use error::{ImportError, JsonPath};
pub use stored::{
    export_workspace, parse_index, parse_workspace, peek_header, peek_leading_header, store_index,
    store_plan, store_plan_at, Header,
};
pub use validate::is_safe_link;

pub const PLAN_FORMAT: &str = "trellis-plan";
pub const WORKSPACE_FORMAT: &str = "trellis-workspace";

/// The plan format version this build writes, and the newest it reads. See the module notes
/// for when a change needs a new one.
pub const CURRENT_VERSION: u64 = 2;
/// The oldest plan version whose documents hold the current fields as they are: every
/// migration step from it on is the identity, so the direct route (`direct.rs`) reads them
/// too. Raise it to the new version when a step changes the document.
pub const SAME_FIELDS_SINCE: u64 = 1;
/// The workspace index format version this build writes and reads.
pub const WORKSPACE_VERSION: u64 = 1;

/// Largest file [`PlanReader::import`] accepts: 10 MiB, checked before parsing so a
/// huge file is refused at once. Far above any real plan (a plan with 100,000
/// goals is a few MB). Stored plans are not held to it; see [`PlanReader::read_stored`].
pub const MAX_IMPORT_BYTES: usize = 10 * 1024 * 1024;

/// One step of the migration chain: a pure function from a version-N document
/// to a version-N+1 one (the chain then sets `version` to N+1).
pub type Migration = fn(Map<String, Value>) -> Result<Map<String, Value>, String>;

/// `PLAN_MIGRATIONS[i]` upgrades version `i + 1` to `i + 2`; add a step (and its test)
/// with every version bump.
pub const PLAN_MIGRATIONS: &[Migration] = &[plan_v1_to_v2];
pub const WORKSPACE_MIGRATIONS: &[Migration] = &[];

const _: () = assert!(PLAN_MIGRATIONS.len() as u64 + 1 == CURRENT_VERSION);

/// Version 1 to 2: the same fields, now kept by every record type of the build that reads
/// them. The step exists for builds of version 1, which drop fields they do not know and so
/// must refuse what this build writes (see the module notes).
fn plan_v1_to_v2(doc: Map<String, Value>) -> Result<Map<String, Value>, String> {
    Ok(doc)
}
const _: () = assert!(WORKSPACE_MIGRATIONS.len() as u64 + 1 == WORKSPACE_VERSION);

/// The plan as a pretty-printed document with a stable key order (format,
/// version, the plan's fields in declaration order, then unknown fields in the
/// order they were read), so exported files diff well.
pub fn export_plan(plan: &Plan) -> String {
    // The compact text a save writes, re-read as a `Value` and pretty-printed: a pretty writer
    // or `to_value` would instantiate every plan type's `Serialize` once more, which costs
    // download size (issue 16). `preserve_order` keeps the key order and `float_roundtrip`
    // every number as written.
    let compact = stored::store_plan(plan);
    serde_json::from_str::<Value>(&compact)
        .and_then(|doc| serde_json::to_string_pretty(&doc))
        .unwrap_or_default()
}

/// A stable fingerprint of a plan's content: FNV-1a (64 bits) of its canonical compact
/// document (the text a save writes, key order fixed) with `revision` and `base` left out, as
/// sixteen hex digits. Two plans with the same content have the same fingerprint whatever
/// their revision, so a copy's [`Base`](super::plan::Base) names the content it started from,
/// and the history of saved revisions can tell whether it holds that content. FNV is written
/// here rather than taken from a crate: a few lines, stable across builds and platforms (the
/// standard library's hashers promise neither), and not a defence against anyone: a
/// fingerprint only tells copies of one plan apart.
pub fn fingerprint(plan: &Plan) -> String {
    let doc = PlanDocument {
        base: None,
        ..PlanDocument::new(plan, 0)
    };
    let text = serde_json::to_string(&doc).unwrap_or_default();
    format!("{:016x}", fnv1a64(text.as_bytes()))
}

/// The base an exported or shared copy of `plan` carries: its revision and fingerprint.
pub fn base_of(plan: &Plan) -> super::plan::Base {
    super::plan::Base {
        revision: plan.revision,
        fingerprint: fingerprint(plan),
        extra: Default::default(),
    }
}

/// 64-bit FNV-1a.
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    bytes.iter().fold(OFFSET, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(PRIME)
    })
}

/// A plan as a document: the markers first, then the plan's fields in declaration order
/// (with `revision` given separately, so a save need not copy the plan to change it), then
/// the unknown fields in the order they were read. Serializing a Plan cannot fail (every
/// map in it has text keys); were that ever broken, callers get an empty text rather than
/// a partial plan. `tests::document_lists_every_plan_field` keeps the field list in step
/// with [`Plan`].
#[derive(serde::Serialize)]
struct PlanDocument<'a> {
    format: &'static str,
    version: u64,
    id: &'a str,
    name: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    prepared_by: &'a str,
    revision: u64,
    next_id: u64,
    goals: &'a super::goals::GoalBook,
    curve: &'a super::curve::Curve,
    career: &'a super::career::Career,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    left_out: &'a [super::audience::Part],
    #[serde(skip_serializing_if = "Option::is_none")]
    base: Option<&'a super::plan::Base>,
    #[serde(flatten)]
    extra: ExtraFields<'a>,
}

/// The plan's unknown fields, less any that would repeat a field written above (only a plan
/// built in code can hold one: reading strips them).
struct ExtraFields<'a>(&'a super::plan::Extra);

/// The keys a plan document writes itself: an unknown field of the same name is not kept beside
/// them (the merge's tree of a plan leaves them out the same way).
pub(crate) const PLAN_KEYS: [&str; 12] = [
    "format",
    "version",
    "id",
    "name",
    "prepared_by",
    "revision",
    "next_id",
    "goals",
    "curve",
    "career",
    "left_out",
    "base",
];

impl serde::Serialize for ExtraFields<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(None)?;
        for (key, value) in self.0 {
            if !PLAN_KEYS.contains(&key.as_str()) {
                map.serialize_entry(key, value)?;
            }
        }
        map.end()
    }
}

impl<'a> PlanDocument<'a> {
    fn new(plan: &'a Plan, revision: u64) -> Self {
        PlanDocument {
            format: PLAN_FORMAT,
            version: CURRENT_VERSION,
            id: &plan.id,
            name: &plan.name,
            prepared_by: &plan.prepared_by,
            revision,
            next_id: plan.next_id,
            goals: &plan.goals,
            curve: &plan.curve,
            career: &plan.career,
            left_out: &plan.left_out,
            base: plan.base.as_ref(),
            extra: ExtraFields(&plan.extra),
        }
    }
}

/// A file name stem for `name`: characters that file systems refuse or that hide a file's
/// type are replaced, and an empty result becomes "plan".
pub fn file_stem(name: &str) -> String {
    let stem: String = name
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '-',
            c if c.is_control()
                || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}') =>
            {
                '-'
            }
            c => c,
        })
        .take(80)
        .collect();
    let stem = stem.trim().trim_matches('.').trim();
    if stem.is_empty() {
        "plan".to_string()
    } else {
        stem.to_string()
    }
}

/// The code that reads plan documents into plans: every route to a [`Plan`] from text goes
/// through one.
///
/// In the browser this code (the plan types' `Deserialize` and the checks) is a quarter of
/// the wasm, so it arrives in a chunk of its own after the first render (issue 16; see
/// `ui::on_demand::plan_reader`). Holding a `PlanReader` is the proof that it has arrived:
/// nothing can read a plan without one, so no path can take "not downloaded yet" for "this
/// plan is unreadable". It holds the reading functions as pointers, so only the place that
/// calls [`PlanReader::linked`] refers to them directly; in the app that is the chunk.
#[derive(Clone, Copy)]
pub struct PlanReader {
    fields: fn(&str) -> Result<Plan, ImportError>,
    settle: fn(&mut Plan) -> Result<(), ImportError>,
    keep_own: fn(Plan, &Plan) -> Plan,
}

impl std::fmt::Debug for PlanReader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PlanReader")
    }
}

impl PlanReader {
    /// The reader linked into this build. In the app, call it only inside the reader's chunk
    /// (anywhere else it still reads correctly, but pulls the reading code into the first
    /// download: `bench/budget.json`'s size check catches that).
    pub fn linked() -> Self {
        PlanReader {
            fields: read_fields,
            settle: check::check_and_settle,
            keep_own: super::audience::keep_own_parts,
        }
    }

    /// [`audience::keep_own_parts`](super::audience::keep_own_parts): a returned copy put
    /// together with the author's own parts (read with the plan's code, not in the first
    /// download).
    pub fn keep_own_parts(self, incoming: Plan, own: &Plan) -> Plan {
        (self.keep_own)(incoming, own)
    }

    /// Reads an imported plan (file, paste or drop); see the module notes for the order of
    /// checks.
    pub fn import(self, text: &str) -> Result<Plan, ImportError> {
        let mut steps = ImportSteps::begin(text)?;
        steps.read_fields(self)?;
        steps.finish(self)
    }

    /// [`PlanReader::import`] for a file's raw bytes: the size is checked before the bytes
    /// are even decoded, and non-UTF-8 content is refused as not text.
    pub fn import_bytes(self, bytes: &[u8]) -> Result<Plan, ImportError> {
        check_size(bytes.len())?;
        match std::str::from_utf8(bytes) {
            Ok(text) => self.read_stored(text),
            Err(err) => Err(ImportError::NotText {
                valid_up_to: err.valid_up_to(),
            }),
        }
    }

    /// Checks a plan assembled in memory (an import put together with the author's own
    /// parts) the way an import is checked, settling its id counter.
    pub fn check(self, plan: &mut Plan) -> Result<(), ImportError> {
        (self.settle)(plan)
    }

    /// Reads the plan kept in localStorage, with the same checks as an import except the
    /// size limit: the browser's storage quota already bounds it, and a plan that grew past
    /// the limit must not lock its owner out.
    pub fn read_stored(self, text: &str) -> Result<Plan, ImportError> {
        let mut steps = ImportSteps::unlimited(text);
        steps.read_fields(self)?;
        steps.finish(self)
    }
}

/// Checks a plan held in memory the way an import would (unique ids,
/// references, links), e.g. after a sequence of edits in tests.
pub fn check_plan(plan: &Plan) -> Result<(), ImportError> {
    check::check(plan)
}

/// Brings a document of `version` up to date through `steps` (where
/// `steps[i]` upgrades version `i + 1`). A current document is returned as is.
pub fn migrate_with(
    mut doc: Map<String, Value>,
    version: u64,
    steps: &[Migration],
) -> Result<Map<String, Value>, ImportError> {
    let first = usize::try_from(version.saturating_sub(1)).unwrap_or(usize::MAX);
    for (index, step) in steps.iter().enumerate().skip(first) {
        let from = index as u64 + 1;
        doc = step(doc).map_err(|reason| ImportError::MigrationFailed {
            from,
            to: from + 1,
            reason,
        })?;
        doc.insert("version".into(), (from + 1).into());
    }
    Ok(doc)
}

/// Brings a plan document of `version` up to [`CURRENT_VERSION`].
pub fn migrate_plan(
    doc: Map<String, Value>,
    version: u64,
) -> Result<Map<String, Value>, ImportError> {
    migrate_with(doc, version, PLAN_MIGRATIONS)
}

fn check_size(bytes: usize) -> Result<(), ImportError> {
    if bytes > MAX_IMPORT_BYTES {
        return Err(ImportError::TooLarge {
            bytes,
            limit: MAX_IMPORT_BYTES,
        });
    }
    Ok(())
}

/// An import in three steps, so a page can let the browser paint between them (a large file
/// must not freeze the page in one go); [`PlanReader::import`] runs them back to back.
///
/// A plan of the current version whose fields all read takes the direct route (see
/// `direct.rs`): read straight into the plan's types. Anything else takes the full route,
/// which exists to say what is wrong and where: parse into a JSON tree; format, version and
/// migration; field types with the path of the first wrong one. Both routes end in the same
/// check of the typed plan (`check.rs`), which names its own paths.
pub struct ImportSteps<'t> {
    text: &'t str,
    plan: Option<Plan>,
}

impl<'t> ImportSteps<'t> {
    /// The first step of an import: the size limit, checked before anything is parsed.
    pub fn begin(text: &'t str) -> Result<Self, ImportError> {
        check_size(text.len())?;
        Ok(Self::unlimited(text))
    }

    fn unlimited(text: &'t str) -> Self {
        ImportSteps { text, plan: None }
    }

    /// The second step: the text read into the plan's types (with the JSON path of the
    /// first wrong field, when one is).
    pub fn read_fields(&mut self, reader: PlanReader) -> Result<(), ImportError> {
        self.plan = Some((reader.fields)(self.text)?);
        Ok(())
    }

    /// The last step: ids, references, links and the id counter; then the plan.
    pub fn finish(self, reader: PlanReader) -> Result<Plan, ImportError> {
        let mut plan = match self.plan {
            Some(plan) => plan,
            None => (reader.fields)(self.text)?,
        };
        (reader.settle)(&mut plan)?;
        Ok(plan)
    }
}

/// The direct route when it reads, else the full one.
fn read_fields(text: &str) -> Result<Plan, ImportError> {
    match direct::read(text) {
        Some(plan) => Ok(plan),
        None => full_read(text),
    }
}

/// The full route's reading: the document parsed, its markers checked, migrated, then read
/// into the plan's types with the path of the first field that does not fit.
fn full_read(text: &str) -> Result<Plan, ImportError> {
    typed::read_typed(&full_parse(text)?)
}

/// The full route's parse: JSON syntax, format marker, version, migration to the current
/// version; the document without its markers.
fn full_parse(text: &str) -> Result<Value, ImportError> {
    let mut doc = parse_object(text)?;
    match doc.get("format") {
        Some(Value::String(format)) if format == PLAN_FORMAT => {}
        Some(Value::String(format)) if format == WORKSPACE_FORMAT => {
            return Err(ImportError::WorkspaceNotPlan)
        }
        other => {
            return Err(ImportError::NotAPlan {
                found: describe_format(other, PLAN_FORMAT),
            })
        }
    }
    let version = read_version(&doc)?;
    if version > CURRENT_VERSION {
        return Err(ImportError::NewerVersion {
            version,
            supported: CURRENT_VERSION,
        });
    }
    doc = migrate_plan(doc, version)?;
    strip_markers(&mut doc);
    Ok(Value::Object(doc))
}

/// Parses text into a JSON object; says precisely why not, otherwise.
fn parse_object(text: &str) -> Result<Map<String, Value>, ImportError> {
    // Editors on Windows may start a file with a byte-order mark.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(Value::Array(_)) => Err(ImportError::NotAPlan {
            found: "it is a list, not an object".into(),
        }),
        Ok(other) => Err(ImportError::NotAPlan {
            found: format!("it is just {}", error::describe_value(&other)),
        }),
        Err(err) => Err(json_error(&err)),
    }
}

fn json_error(err: &serde_json::Error) -> ImportError {
    let (line, column) = (err.line(), err.column());
    let full = err.to_string();
    let message = full
        .rfind(" at line ")
        .map_or(full.as_str(), |at| &full[..at]);
    if message == "recursion limit exceeded" {
        return ImportError::TooDeep { line, column };
    }
    let problem = match message {
        m if m.starts_with("EOF while parsing") => "the file ends too soon (is it cut short?)",
        "expected value" => "this is not JSON (expected a value here)",
        "trailing characters" => "unexpected text after the end of the document",
        other => other,
    };
    ImportError::NotJson {
        line,
        column,
        problem: problem.to_string(),
    }
}

fn describe_format(format: Option<&Value>, wanted: &str) -> String {
    match format {
        None => format!("it has no \"format\": \"{wanted}\" marker"),
        Some(Value::String(other)) => format!("its format is {}", error::quote(other)),
        Some(other) => format!("its format is {}", error::describe_value(other)),
    }
}

fn read_version(doc: &Map<String, Value>) -> Result<u64, ImportError> {
    match doc.get("version") {
        Some(value) => match value.as_u64() {
            Some(version) if version > 0 => Ok(version),
            _ => Err(ImportError::BadVersion {
                found: error::describe_value(value),
            }),
        },
        None => Err(ImportError::BadVersion {
            found: "none".into(),
        }),
    }
}

fn strip_markers(doc: &mut Map<String, Value>) {
    doc.shift_remove("format");
    doc.shift_remove("version");
}

#[cfg(test)]
pub(crate) mod tests;
