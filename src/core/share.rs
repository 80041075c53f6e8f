//! Share links: a plan compressed into the URL fragment (`#plan=…`), so it never reaches a
//! server. The browser compresses (deflate); this module does the URL-safe text encoding and
//! the checks, so every way a link can be damaged gets its own message.
//!
//! A link is checked by what it costs to open, before anything is built from it: its length
//! before decoding, the unpacked size while unpacking, then the number of records in the
//! unpacked text ([`preview`]), which also gives the preview without building one record. The
//! plan itself is read only when the user adds it.

use serde::de::{Deserializer, IgnoredAny, SeqAccess, Visitor};
use serde::Deserialize;

use super::schema::{CURRENT_VERSION, PLAN_FORMAT};
use super::workspace::fit_name;

/// The fragment's prefix: `https://host/app/#plan=<base64url>`.
pub const FRAGMENT_PREFIX: &str = "#plan=";

/// The longest link Trellis makes. Browsers accept longer URLs, but chat apps and e-mail
/// clients cut or refuse long links; past this, export the plan as a file.
pub const MAX_LINK_CHARS: usize = 16_000;

/// Most JSON a share link may unpack to. A plan that fits in a link of [`MAX_LINK_CHARS`]
/// unpacks to far less (plan text compresses about tenfold); past this, the link was made to
/// overload the browser, and unpacking stops.
pub const MAX_SHARED_JSON_BYTES: usize = 2 * 1024 * 1024;

/// Most records (JSON objects: goals, check-ins, stages, levels…) a plan in a share link may
/// hold. A link carries at most 12 KB of compressed data, and plan text takes 9 compressed
/// bytes or more a record (the benchmark's large plan, as repetitive as plans come: 7,515
/// records in 68 KB; the sample plan: 328 in 9.8 KB), so a plan Trellis can put in a link has
/// at most about 1,300 of them. Past this the link was made to overload the page: 2 MB of
/// empty goals fit in a link of 2,836 characters.
pub const MAX_SHARED_RECORDS: usize = 10_000;

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShareError {
    /// The plan compressed is still too long for a link.
    TooLarge { chars: usize },
    /// The fragment has no data after `#plan=`.
    Empty,
    /// A character that base64url never produces: the link was edited or mangled.
    Tampered { position: usize },
    /// A length no encoder produces: the link was cut short.
    Truncated,
    /// The data did not decompress.
    Damaged,
    /// The fragment is longer than any link Trellis makes; refused before decoding.
    LinkTooLong { chars: usize },
    /// The data unpacks to more than [`MAX_SHARED_JSON_BYTES`]; unpacking stopped there.
    UnpacksTooLarge,
    /// The unpacked plan holds more than [`MAX_SHARED_RECORDS`] records; nothing was built.
    TooManyRecords,
}

impl std::fmt::Display for ShareError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ShareError::TooLarge { chars } => write!(
                f,
                "This plan is too large to share as a link ({chars} characters; links work up to {MAX_LINK_CHARS}). Export it as a file and share the file instead."
            ),
            ShareError::Empty => write!(f, "This share link has no plan in it. Ask for the link again."),
            ShareError::Tampered { position } => write!(
                f,
                "This share link was changed: character {position} of the plan data is not one a share link contains. Ask for the link again, or for the plan as a file."
            ),
            ShareError::Truncated => write!(
                f,
                "This share link is cut short: part of the plan data is missing. Copy the whole link, or ask for the plan as a file."
            ),
            ShareError::Damaged => write!(
                f,
                "This share link is damaged: its plan data could not be unpacked. Copy the whole link, or ask for the plan as a file."
            ),
            ShareError::LinkTooLong { chars } => write!(
                f,
                "This link is longer than any share link Trellis makes ({chars} characters of plan data; at most {MAX_LINK_CHARS}), so it was not opened. Ask for the plan as a file."
            ),
            ShareError::UnpacksTooLarge => write!(
                f,
                "This share link unpacks to more than {} MB, far more than any plan Trellis puts in a link, so it was not opened. Ask for the plan as a file.",
                MAX_SHARED_JSON_BYTES / (1024 * 1024)
            ),
            ShareError::TooManyRecords => write!(
                f,
                "This share link holds more than {MAX_SHARED_RECORDS} records (goals, check-ins, stages…), far more than any plan Trellis puts in a link, so it was not opened. Ask for the plan as a file."
            ),
        }
    }
}

/// Bytes as unpadded base64url.
pub fn encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, b)| acc | (u32::from(*b) << (16 - 8 * i)));
        let symbols = chunk.len() + 1;
        for i in 0..symbols {
            out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
        }
    }
    out
}

/// Unpadded base64url back to bytes.
pub fn decode(text: &str) -> Result<Vec<u8>, ShareError> {
    if text.is_empty() {
        return Err(ShareError::Empty);
    }
    if text.len() % 4 == 1 {
        return Err(ShareError::Truncated);
    }
    let mut values = Vec::with_capacity(text.len());
    for (index, byte) in text.bytes().enumerate() {
        let value = ALPHABET
            .iter()
            .position(|a| *a == byte)
            .ok_or(ShareError::Tampered {
                position: index + 1,
            })?;
        values.push(value as u32);
    }
    let mut out = Vec::with_capacity(values.len() * 3 / 4);
    for chunk in values.chunks(4) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, v)| acc | (v << (18 - 6 * i)));
        for i in 0..chunk.len() - 1 {
            out.push((n >> (16 - 8 * i)) as u8);
        }
    }
    Ok(out)
}

/// The encoded data in a URL fragment, if it is a share link.
pub fn data_in_fragment(fragment: &str) -> Option<&str> {
    fragment.strip_prefix(FRAGMENT_PREFIX)
}

/// Checks a link's fragment data before anything decodes it: no link Trellis makes carries
/// more than [`MAX_LINK_CHARS`] characters in all.
pub fn check_fragment_length(data: &str) -> Result<(), ShareError> {
    let chars = data.len();
    if chars + FRAGMENT_PREFIX.len() > MAX_LINK_CHARS {
        Err(ShareError::LinkTooLong { chars })
    } else {
        Ok(())
    }
}

/// What the preview of a shared plan shows, read from the unpacked text without building the
/// plan: its name (cut as an import cuts it) and how long its main lists are.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Preview {
    pub name: String,
    pub goals: usize,
    pub objectives: usize,
    pub stages: usize,
    pub tracks: usize,
}

/// The unpacked text of a share link, looked at before anything is built from it: refused when
/// it holds more than [`MAX_SHARED_RECORDS`] records (counted in one pass over the bytes, before
/// parsing), otherwise its [`Preview`]. `Ok(None)` when it is not a plan document this build
/// reads (not JSON, another format or version, no name, a field of another type): reading it in
/// full, bounded now by the count, then says why.
pub fn preview(text: &str) -> Result<Option<Preview>, ShareError> {
    if records_past(text, MAX_SHARED_RECORDS) {
        return Err(ShareError::TooManyRecords);
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Ok(head) = serde_json::from_str::<Head>(text) else {
        return Ok(None);
    };
    let readable = head.format.as_deref() == Some(PLAN_FORMAT)
        && head
            .version
            .is_some_and(|version| (1..=CURRENT_VERSION).contains(&version));
    Ok(match head.name {
        Some(name) if readable => Some(Preview {
            name: fit_name(&name),
            goals: head.goals.goals.0,
            objectives: head.goals.objectives.0,
            stages: head.curve.stages.0,
            tracks: head.career.tracks.0,
        }),
        _ => None,
    })
}

/// Whether `text` holds more than `limit` JSON objects: the `{` outside strings, counted until
/// one past the limit.
fn records_past(text: &str, limit: usize) -> bool {
    let mut records = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for byte in text.bytes() {
        if in_string {
            match byte {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
        } else if byte == b'"' {
            in_string = true;
        } else if byte == b'{' {
            records += 1;
            if records > limit {
                return true;
            }
        }
    }
    false
}

/// The part of a plan document the preview reads: the markers, the name and the lengths of
/// four lists. Not a record: nothing read into it is written anywhere.
#[derive(Default, Deserialize)]
#[serde(default)]
struct Head {
    format: Option<String>,
    version: Option<u64>,
    name: Option<String>,
    goals: GoalsHead,
    curve: CurveHead,
    career: CareerHead,
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct GoalsHead {
    goals: Count,
    objectives: Count,
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct CurveHead {
    stages: Count,
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct CareerHead {
    tracks: Count,
}

/// The length of a list, its items skipped unread.
#[derive(Default)]
struct Count(usize);

impl<'de> Deserialize<'de> for Count {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Items;
        impl<'de> Visitor<'de> for Items {
            type Value = Count;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a list")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut items: A) -> Result<Count, A::Error> {
                let mut count = 0;
                while items.next_element::<IgnoredAny>()?.is_some() {
                    count += 1;
                }
                Ok(Count(count))
            }
        }
        deserializer.deserialize_seq(Items)
    }
}

/// Checks a finished link against [`MAX_LINK_CHARS`].
pub fn check_length(link: &str) -> Result<(), ShareError> {
    let chars = link.chars().count();
    if chars > MAX_LINK_CHARS {
        Err(ShareError::TooLarge { chars })
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text a link of 2,836 characters unpacks to: 699,017 empty goals in 2 MB.
    fn empty_goals(count: usize) -> String {
        let goals = vec!["{}"; count].join(",");
        format!(
            r#"{{"format":"trellis-plan","version":1,"id":"px","name":"x","goals":{{"goals":[{goals}]}}}}"#
        )
    }

    #[test]
    fn a_link_with_more_records_than_any_plan_in_a_link_is_refused_before_parsing() {
        let bomb = empty_goals(699_017);
        assert!(bomb.len() <= MAX_SHARED_JSON_BYTES);
        assert_eq!(preview(&bomb), Err(ShareError::TooManyRecords));
        assert!(ShareError::TooManyRecords
            .to_string()
            .contains("more than 10000 records"));
        // Braces inside text are not records.
        let text = format!(
            r#"{{"format":"trellis-plan","version":1,"id":"p","name":"{}"}}"#,
            "{\\\"{".repeat(MAX_SHARED_RECORDS)
        );
        assert!(preview(&text).unwrap().is_some());
        // At the limit, the preview counts what is there without building it.
        let most = empty_goals(MAX_SHARED_RECORDS - 3);
        assert_eq!(
            preview(&most).unwrap().map(|p| p.goals),
            Some(MAX_SHARED_RECORDS - 3)
        );
        assert_eq!(
            preview(&empty_goals(MAX_SHARED_RECORDS)),
            Err(ShareError::TooManyRecords)
        );
    }

    #[test]
    fn the_preview_reads_the_name_and_counts_without_reading_the_plan() {
        let plan = crate::core::sample::sample_plan(
            "p1",
            chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap(),
        );
        let text = crate::core::schema::store_plan(&plan);
        assert_eq!(
            preview(&text),
            Ok(Some(Preview {
                name: plan.name.clone(),
                goals: plan.goals.goals.len(),
                objectives: plan.goals.objectives.len(),
                stages: plan.curve.stages.len(),
                tracks: plan.career.tracks.len(),
            }))
        );
        // A plan the check would refuse (a goal naming no objective) still previews: it is
        // read, and refused, when the user adds it.
        let dangling = r#"{"format":"trellis-plan","version":2,"id":"p","name":"N",
            "goals":{"goals":[{"id":"g1","objective_id":"nowhere"}]}}"#;
        assert_eq!(preview(dangling).unwrap().map(|p| p.goals), Some(1));
        // The name is cut as an import cuts it.
        let long = format!(
            r#"{{"format":"trellis-plan","version":2,"id":"p","name":"  {}  "}}"#,
            "N".repeat(5000)
        );
        let shown = preview(&long).unwrap().unwrap().name;
        assert_eq!(
            shown.chars().count(),
            crate::core::workspace::MAX_NAME_CHARS
        );
        // What is not a readable plan document gets no preview: the full read words it.
        for text in [
            "not json",
            "[]",
            r#"{"format":"trellis-plan","version":9,"id":"p","name":"N"}"#,
            r#"{"format":"trellis-backup","version":1,"id":"p","name":"N"}"#,
            r#"{"format":"trellis-plan","version":2,"id":"p"}"#,
            r#"{"format":"trellis-plan","version":2,"id":"p","name":"N","goals":{"goals":7}}"#,
        ] {
            assert_eq!(preview(text), Ok(None), "{text}");
        }
    }

    #[test]
    fn encoding_round_trips_every_length() {
        let bytes: Vec<u8> = (0..=255u8).collect();
        for len in 0..bytes.len() {
            let text = encode(&bytes[..len]);
            assert!(text.bytes().all(|b| ALPHABET.contains(&b)));
            if len > 0 {
                assert_eq!(decode(&text), Ok(bytes[..len].to_vec()), "length {len}");
            }
        }
    }

    #[test]
    fn encoding_matches_the_base64url_standard() {
        assert_eq!(encode(b"Man"), "TWFu");
        assert_eq!(encode(b"Ma"), "TWE");
        assert_eq!(encode(&[0xfb, 0xff]), "-_8");
    }

    #[test]
    fn a_changed_character_is_reported_with_its_position() {
        assert_eq!(decode("TW+u"), Err(ShareError::Tampered { position: 3 }));
        assert_eq!(decode("TWFu%20"), Err(ShareError::Tampered { position: 5 }));
    }

    #[test]
    fn a_cut_link_of_impossible_length_is_reported_as_truncated() {
        assert_eq!(decode("TWFuT"), Err(ShareError::Truncated));
    }

    #[test]
    fn an_empty_fragment_is_reported() {
        assert_eq!(decode(""), Err(ShareError::Empty));
        assert_eq!(data_in_fragment("#plan="), Some(""));
        assert_eq!(data_in_fragment("#other"), None);
    }

    #[test]
    fn fragment_data_longer_than_any_link_is_refused_before_decoding() {
        let longest = "A".repeat(MAX_LINK_CHARS - FRAGMENT_PREFIX.len());
        assert_eq!(check_fragment_length(&longest), Ok(()));
        let longer = format!("{longest}A");
        assert_eq!(
            check_fragment_length(&longer),
            Err(ShareError::LinkTooLong {
                chars: longer.len()
            })
        );
        assert!(ShareError::LinkTooLong { chars: 400_000 }
            .to_string()
            .contains("longer than any share link Trellis makes (400000 characters"));
        assert!(ShareError::UnpacksTooLarge
            .to_string()
            .contains("unpacks to more than 2 MB"));
    }

    #[test]
    fn links_longer_than_the_limit_are_refused_with_their_length() {
        let long = "x".repeat(MAX_LINK_CHARS + 1);
        assert_eq!(
            check_length(&long),
            Err(ShareError::TooLarge {
                chars: MAX_LINK_CHARS + 1
            })
        );
        assert!(check_length("https://example.org/#plan=abc").is_ok());
        assert!(ShareError::TooLarge { chars: 20_000 }
            .to_string()
            .contains("Export it as a file"));
    }
}
