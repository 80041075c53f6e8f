//! Parity across tracks of the same kind (individual contributor or manager): the same
//! number of levels, ranks that line up, and scope that never narrows as level rises.

use serde::Serialize;

use std::collections::BTreeSet;

use super::{Career, Scope, Track, TrackKind};

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ParityGap {
    LevelCount {
        track: String,
        count: usize,
        expected: usize,
        /// Tracks that have the expected number of levels.
        reference: Vec<String>,
    },
    MissingRank {
        track: String,
        rank: u32,
        /// Tracks that have a level at this rank.
        present_in: Vec<String>,
    },
    DuplicateRank {
        track: String,
        rank: u32,
        titles: Vec<String>,
    },
    ScopeNarrows {
        track: String,
        lower_title: String,
        lower_scope: Scope,
        higher_title: String,
        higher_scope: Scope,
    },
}

impl ParityGap {
    pub fn message(&self) -> String {
        match self {
            ParityGap::LevelCount {
                track,
                count,
                expected,
                reference,
            } => format!(
                "{track} has {count} {} but {} {} {expected}.",
                plural(*count, "level", "levels"),
                join(reference),
                if reference.len() == 1 { "has" } else { "have" },
            ),
            ParityGap::MissingRank {
                track,
                rank,
                present_in,
            } => format!(
                "{track} has no level at rank {rank}, which {} {}.",
                join(present_in),
                if present_in.len() == 1 { "has" } else { "have" },
            ),
            ParityGap::DuplicateRank {
                track,
                rank,
                titles,
            } => format!(
                "{track} has {} levels at rank {rank} ({}); give each its own rank.",
                titles.len(),
                titles.join(", ")
            ),
            ParityGap::ScopeNarrows {
                track,
                lower_title,
                lower_scope,
                higher_title,
                higher_scope,
            } => format!(
                "In {track}, {higher_title} has a narrower scope ({}) than {lower_title} \
                 below it ({}).",
                higher_scope.label().to_lowercase(),
                lower_scope.label().to_lowercase(),
            ),
        }
    }
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 {
        one
    } else {
        many
    }
}

fn join(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// What the parity check says, with its tone (issue 31): gaps are a warning; no gaps is good
/// only when there were tracks to line up (at least two of the same kind), and neutral when
/// there was nothing to compare.
pub fn parity_summary(career: &Career) -> crate::core::signal::Finding {
    use crate::core::signal::{Finding, Tone};
    let gaps = parity_gaps(career);
    if !gaps.is_empty() {
        return Finding::new(
            Tone::Warn,
            format!(
                "{} parity {} found:",
                gaps.len(),
                plural(gaps.len(), "gap", "gaps")
            ),
        );
    }
    let comparable = [TrackKind::IndividualContributor, TrackKind::Manager]
        .iter()
        .any(|kind| career.tracks.iter().filter(|t| t.kind == *kind).count() >= 2);
    if comparable {
        Finding::new(Tone::Good, "No parity gaps: the tracks line up.")
    } else {
        Finding::new(
            Tone::Neutral,
            "Nothing to line up yet: parity compares tracks of the same kind, and this plan has \
             fewer than two. Add a track to compare it with.",
        )
    }
}

/// Every parity gap, tracks compared only with tracks of the same kind.
pub fn parity_gaps(career: &Career) -> Vec<ParityGap> {
    let mut gaps = Vec::new();
    for kind in [TrackKind::IndividualContributor, TrackKind::Manager] {
        let tracks: Vec<&Track> = career.tracks.iter().filter(|t| t.kind == kind).collect();
        level_counts(&tracks, &mut gaps);
        missing_ranks(&tracks, &mut gaps);
    }
    for track in &career.tracks {
        duplicate_ranks(track, &mut gaps);
        narrowing_scope(track, &mut gaps);
    }
    gaps
}

fn level_counts(tracks: &[&Track], gaps: &mut Vec<ParityGap>) {
    let Some(expected) = tracks.iter().map(|t| t.levels.len()).max() else {
        return;
    };
    let reference: Vec<String> = tracks
        .iter()
        .filter(|t| t.levels.len() == expected)
        .map(|t| t.name.clone())
        .collect();
    for t in tracks.iter().filter(|t| t.levels.len() < expected) {
        gaps.push(ParityGap::LevelCount {
            track: t.name.clone(),
            count: t.levels.len(),
            expected,
            reference: reference.clone(),
        });
    }
}

fn missing_ranks(tracks: &[&Track], gaps: &mut Vec<ParityGap>) {
    let all: BTreeSet<u32> = tracks
        .iter()
        .flat_map(|t| t.levels.iter().map(|l| l.rank))
        .collect();
    for t in tracks {
        for &rank in &all {
            if t.level_at_rank(rank).is_none() {
                gaps.push(ParityGap::MissingRank {
                    track: t.name.clone(),
                    rank,
                    present_in: tracks
                        .iter()
                        .filter(|o| o.level_at_rank(rank).is_some())
                        .map(|o| o.name.clone())
                        .collect(),
                });
            }
        }
    }
}

fn duplicate_ranks(track: &Track, gaps: &mut Vec<ParityGap>) {
    let ranks: BTreeSet<u32> = track.levels.iter().map(|l| l.rank).collect();
    for rank in ranks {
        let titles: Vec<String> = track
            .levels
            .iter()
            .filter(|l| l.rank == rank)
            .map(|l| l.title.clone())
            .collect();
        if titles.len() > 1 {
            gaps.push(ParityGap::DuplicateRank {
                track: track.name.clone(),
                rank,
                titles,
            });
        }
    }
}

fn narrowing_scope(track: &Track, gaps: &mut Vec<ParityGap>) {
    let mut levels: Vec<_> = track.levels.iter().collect();
    levels.sort_by_key(|l| l.rank);
    for pair in levels.windows(2) {
        let (lower, higher) = (pair[0], pair[1]);
        let known = higher.scope.known().is_some() && lower.scope.known().is_some();
        if known && higher.rank > lower.rank && higher.scope < lower.scope {
            gaps.push(ParityGap::ScopeNarrows {
                track: track.name.clone(),
                lower_title: lower.title.clone(),
                lower_scope: lower.scope,
                higher_title: higher.title.clone(),
                higher_scope: higher.scope,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::career::tests::four_tracks;

    #[test]
    fn no_gaps_is_good_only_with_tracks_to_line_up() {
        use crate::core::signal::Tone;
        assert_eq!(parity_summary(&four_tracks()).tone, Tone::Good);
        let mut one = four_tracks();
        one.tracks.truncate(1);
        let summary = parity_summary(&one);
        assert_eq!(summary.tone, Tone::Neutral, "{}", summary.text);
        assert!(summary.text.contains("fewer than two"));
        assert_eq!(parity_summary(&Career::default()).tone, Tone::Neutral);
        let mut short = four_tracks();
        short.tracks[0].levels.pop();
        let summary = parity_summary(&short);
        assert_eq!(
            (summary.tone, summary.text.as_str()),
            (Tone::Warn, "2 parity gaps found:")
        );
    }

    #[test]
    fn matching_tracks_have_no_gaps() {
        assert!(parity_gaps(&four_tracks()).is_empty());
        assert!(parity_gaps(&Career::default()).is_empty());
    }

    #[test]
    fn a_track_with_fewer_levels_is_listed_with_the_tracks_it_falls_short_of() {
        let mut career = four_tracks();
        career.tracks[0].levels.pop();
        let gaps = parity_gaps(&career);
        assert_eq!(
            gaps[0].message(),
            "Community has 2 levels but Engineering, Program and Marketing have 3."
        );
        assert!(gaps.iter().any(|g| g.message()
            == "Community has no level at rank 3, which Engineering, Program and Marketing have."));
    }

    #[test]
    fn ranks_that_do_not_line_up_are_gaps_even_with_equal_counts() {
        let mut career = four_tracks();
        career.tracks[3].levels[2].rank = 4;
        let gaps = parity_gaps(&career);
        assert!(gaps.contains(&ParityGap::MissingRank {
            track: "Marketing".into(),
            rank: 3,
            present_in: vec!["Community".into(), "Engineering".into(), "Program".into()],
        }));
        assert!(gaps.iter().any(
            |g| matches!(g, ParityGap::MissingRank { track, rank: 4, .. } if track == "Community")
        ));
    }

    #[test]
    fn manager_tracks_are_not_held_to_the_individual_contributor_ladder() {
        let mut career = four_tracks();
        career.tracks[3].kind = TrackKind::Manager;
        career.tracks[3].levels.remove(0);
        assert!(parity_gaps(&career).is_empty());
    }

    #[test]
    fn scope_that_narrows_as_level_rises_is_a_gap() {
        let mut career = four_tracks();
        career.tracks[1].levels[2].scope = Scope::OneSelf;
        let gaps = parity_gaps(&career);
        assert_eq!(gaps.len(), 1);
        assert_eq!(
            gaps[0].message(),
            "In Engineering, Engineering 3 has a narrower scope (self) than Engineering 2 \
             below it (team)."
        );
    }

    #[test]
    fn scope_is_checked_in_rank_order_not_list_order() {
        let mut career = four_tracks();
        career.tracks[2].levels.reverse();
        assert!(parity_gaps(&career).is_empty());
    }

    #[test]
    fn two_levels_with_one_rank_are_a_gap() {
        let mut career = four_tracks();
        career.tracks[2].levels[2].rank = 2;
        let gaps = parity_gaps(&career);
        assert!(gaps.iter().any(|g| g.message()
            == "Program has 2 levels at rank 2 (Program 2, Program 3); give each its own rank."));
    }
}
