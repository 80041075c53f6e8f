//! The ids of a plan's records, one type per kind of record, so a goal's id cannot be
//! stored where an objective's is expected. Each is written in a file exactly as the text
//! it holds (`#[serde(transparent)]`): the file format knows nothing of these types.

use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;

/// What kind of record an id names; the check of a plan (`schema::check`) uses it to tell
/// a reference to the wrong kind of record from one to a record that is not there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Plan,
    Objective,
    Goal,
    KeyPlayer,
    Step,
    Milestone,
    CheckIn,
    Stage,
    Ask,
    TouchPoint,
    ProblemArea,
    Snapshot,
    Track,
    Level,
    ResearchEntry,
    KeyArea,
    Behaviour,
    CompRecord,
    ExchangeRate,
    SelfAssessment,
    Evidence,
    Period,
}

impl Kind {
    /// The kind in words with its article, as a refusal says it ("a goal").
    pub fn label(self) -> &'static str {
        match self {
            Kind::Plan => "the plan itself",
            Kind::Objective => "an objective",
            Kind::Goal => "a goal",
            Kind::KeyPlayer => "a key player",
            Kind::Step => "a step",
            Kind::Milestone => "a milestone",
            Kind::CheckIn => "a check-in",
            Kind::Stage => "a stage",
            Kind::Ask => "an ask",
            Kind::TouchPoint => "a touch point",
            Kind::ProblemArea => "a problem area",
            Kind::Snapshot => "a snapshot",
            Kind::Track => "a track",
            Kind::Level => "a level",
            Kind::ResearchEntry => "a research entry",
            Kind::KeyArea => "a key area",
            Kind::Behaviour => "a behaviour",
            Kind::CompRecord => "a pay record",
            Kind::ExchangeRate => "an exchange rate",
            Kind::SelfAssessment => "a self-assessment",
            Kind::Evidence => "a piece of evidence",
            Kind::Period => "a period",
        }
    }
}

/// An id type: text that names one kind of record. Reads as `&str` (`Deref`), compares with
/// text, and converts from text with `.into()` where an id is made.
pub trait RecordId: Deref<Target = str> {
    const KIND: Kind;
}

/// How many times this thread has read an id's text or compared two ids, in unit tests: a
/// test of an algorithm's cost counts them instead of timing it (an id looked up by walking a
/// list reads one per record passed; a lookup in an index reads a few).
#[cfg(test)]
pub fn reads() -> u64 {
    READS.with(std::cell::Cell::get)
}

#[cfg(test)]
thread_local! {
    static READS: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

#[inline(always)]
fn note_read() {
    #[cfg(test)]
    READS.with(|reads| reads.set(reads.get() + 1));
}

macro_rules! id_types {
    ($($(#[$doc:meta])* $name:ident => $kind:ident;)*) => {$(
        $(#[$doc])*
        #[derive(
            Clone, Debug, Default, Eq, Hash, PartialOrd, Ord,
            serde::Serialize, serde::Deserialize,
        )]
        #[cfg_attr(not(test), derive(PartialEq))]
        #[cfg_attr(test, allow(clippy::derived_hash_with_manual_eq))]
        #[serde(transparent)]
        pub struct $name(pub String);

        /// Counted in unit tests (see [`reads`]).
        #[cfg(test)]
        impl PartialEq for $name {
            fn eq(&self, other: &Self) -> bool {
                note_read();
                self.0 == other.0
            }
        }

        impl RecordId for $name {
            const KIND: Kind = Kind::$kind;
        }

        impl $name {
            pub fn as_str(&self) -> &str {
                note_read();
                &self.0
            }
        }

        impl Deref for $name {
            type Target = str;
            fn deref(&self) -> &str {
                note_read();
                &self.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                note_read();
                &self.0
            }
        }

        impl Borrow<str> for $name {
            fn borrow(&self) -> &str {
                note_read();
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<String> for $name {
            fn from(id: String) -> Self {
                $name(id)
            }
        }

        impl From<&str> for $name {
            fn from(id: &str) -> Self {
                $name(id.to_string())
            }
        }

        impl From<&String> for $name {
            fn from(id: &String) -> Self {
                $name(id.clone())
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                note_read();
                self.0 == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                note_read();
                self.0 == *other
            }
        }

        impl PartialEq<String> for $name {
            fn eq(&self, other: &String) -> bool {
                note_read();
                &self.0 == other
            }
        }

        impl PartialEq<$name> for str {
            fn eq(&self, other: &$name) -> bool {
                note_read();
                self == other.0
            }
        }

        impl PartialEq<$name> for &str {
            fn eq(&self, other: &$name) -> bool {
                note_read();
                *self == other.0
            }
        }

        impl PartialEq<$name> for String {
            fn eq(&self, other: &$name) -> bool {
                note_read();
                *self == other.0
            }
        }
    )*};
}

id_types! {
    ObjectiveId => Objective;
    GoalId => Goal;
    KeyPlayerId => KeyPlayer;
    StepId => Step;
    MilestoneId => Milestone;
    CheckInId => CheckIn;
    StageId => Stage;
    AskId => Ask;
    TouchPointId => TouchPoint;
    ProblemAreaId => ProblemArea;
    SnapshotId => Snapshot;
    TrackId => Track;
    LevelId => Level;
    ResearchEntryId => ResearchEntry;
    KeyAreaId => KeyArea;
    BehaviourId => Behaviour;
    CompRecordId => CompRecord;
    ExchangeRateId => ExchangeRate;
    SelfAssessmentId => SelfAssessment;
    EvidenceId => Evidence;
    PeriodId => Period;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_is_written_as_its_text() {
        let id = GoalId::from("g7");
        assert_eq!(serde_json::to_string(&id).unwrap(), "\"g7\"");
        let back: GoalId = serde_json::from_str("\"g7\"").unwrap();
        assert_eq!(back, id);
        assert!(serde_json::from_str::<GoalId>("7").is_err());
    }

    #[test]
    fn an_id_compares_with_text_and_hashes_like_it() {
        let id = StageId::from("s1");
        assert_eq!(id, "s1");
        assert_eq!("s1", id);
        assert_eq!(id, "s1".to_string());
        let mut set = std::collections::HashSet::new();
        set.insert(id);
        assert!(set.contains("s1"));
        assert_eq!(<StageId as RecordId>::KIND.label(), "a stage");
    }
}
