//! Public pay figures Trellis ships as reference data, each with its source and year.
//! They are historical survey and statistics figures for the United States, in USD —
//! never current market rates. The UI shows the source and year wherever one appears.

use serde::Serialize;

use super::{Band, PayBasis, Percentiles, Population, Source, SourceKind, Statistic};

/// One published figure. Amounts are USD cents (annual, United States).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ReferenceFigure {
    /// Stable handle for templates and the UI, e.g. "bls-oews-2021-13-1082".
    pub key: &'static str,
    pub occupation: &'static str,
    /// Standard Occupational Classification code, for official statistics.
    pub soc_code: &'static str,
    pub period: &'static str,
    pub statistic: Statistic,
    pub population: Population,
    pub geography: &'static str,
    /// The survey's reference month (1–12), when it has one.
    pub month: Option<u32>,
    pub amount: i64,
    pub percentiles: Percentiles,
    pub sample: &'static str,
    pub publisher: &'static str,
    pub year: i32,
    pub kind: SourceKind,
    pub link: &'static str,
    pub note: &'static str,
}

pub const CURRENCY: &str = "USD";

/// Shown with every reference figure.
pub const CAVEAT: &str = "Public reference figures are historical figures for the United \
States, shown with their source and year. They are not current market rates; use them to compare \
roles, not to price one.";

/// Whether [`CAVEAT`] concerns these bands: it speaks of public figures (an official statistic
/// or a published survey), not of an employer's own structure, an estimate or a made-up example.
pub fn caveat_applies<'a>(bands: impl IntoIterator<Item = &'a Band>) -> bool {
    bands.into_iter().any(|b| {
        matches!(
            b.source.kind,
            SourceKind::OfficialStatistic | SourceKind::Survey
        )
    })
}

/// Occupational Employment and Wage Statistics: the survey's own tables.
pub const BLS_OEWS: &str =
    "U.S. Bureau of Labor Statistics, Occupational Employment and Wage Statistics";
/// The Occupational Outlook Handbook, which reports a median per occupation.
pub const BLS_OOH: &str = "U.S. Bureau of Labor Statistics, Occupational Outlook Handbook";
const US: &str = "United States (national)";
const BLS_PR_2020: &str = "https://www.bls.gov/oes/2020/may/oes273031.htm";
const BLS_PM: &str =
    "https://stats.bls.gov/ooh/business-and-financial/project-management-specialists.htm";
const TCR: &str = "The Community Roundtable, State of Community Management";
const TCR_LINK: &str = "https://managingcommunities.com";
const TCR_NOTE: &str =
    "Survey of 362 community professionals, as reported by managingcommunities.com; small sample.";
const CMX: &str = "CMX community manager salary survey";
const CMX_LINK: &str = "https://cmxhub.com/cmgr-salary";
const CMX_NOTE: &str = "116 respondents; small sample.";

const fn usd(dollars: i64) -> i64 {
    dollars * 100
}

fn figure(
    key: &'static str,
    occupation: &'static str,
    statistic: Statistic,
    dollars: i64,
) -> ReferenceFigure {
    ReferenceFigure {
        key,
        occupation,
        soc_code: "",
        period: "",
        statistic,
        population: Population::SelfReported,
        geography: US,
        month: None,
        amount: usd(dollars),
        percentiles: Percentiles::default(),
        sample: "",
        publisher: "",
        year: 0,
        kind: SourceKind::Survey,
        link: "",
        note: "",
    }
}

fn bls(
    key: &'static str,
    occupation: &'static str,
    soc: &'static str,
    year: i32,
    publisher: &'static str,
) -> ReferenceFigure {
    ReferenceFigure {
        soc_code: soc,
        publisher,
        population: Population::OccupationAllLevels,
        month: Some(5),
        year,
        kind: SourceKind::OfficialStatistic,
        ..figure(key, occupation, Statistic::Median, 0)
    }
}

fn tcr(key: &'static str, occupation: &'static str, dollars: i64) -> ReferenceFigure {
    ReferenceFigure {
        period: "2015",
        sample: "362 respondents",
        publisher: TCR,
        year: 2015,
        link: TCR_LINK,
        note: TCR_NOTE,
        ..figure(key, occupation, Statistic::Mean, dollars)
    }
}

fn cmx(
    key: &'static str,
    region: &'static str,
    geography: &'static str,
    dollars: i64,
    note: &'static str,
) -> ReferenceFigure {
    ReferenceFigure {
        period: "2016",
        sample: "116 respondents",
        publisher: CMX,
        year: 2016,
        link: CMX_LINK,
        note,
        geography,
        ..figure(key, region, Statistic::Mean, dollars)
    }
}

pub const BLS_PR_SPECIALISTS_2020: &str = "bls-oews-2020-27-3031";
pub const BLS_PR_SPECIALISTS_2019: &str = "bls-ooh-2019-27-3031";
pub const BLS_PROJECT_MANAGEMENT_2021: &str = "bls-ooh-2021-13-1082";
pub const BLS_SOFTWARE_DEVELOPERS_2022: &str = "bls-oews-2022-15-1252";
pub const TCR_SPECIALIST_2015: &str = "tcr-2015-specialist";
pub const TCR_COMMUNITY_MANAGER_2015: &str = "tcr-2015-community-manager";
pub const TCR_STRATEGIST_2015: &str = "tcr-2015-strategist";
pub const TCR_DIRECTOR_2015: &str = "tcr-2015-director";

/// Every figure in `reference-data.md`, official statistics first.
pub fn reference_figures() -> Vec<ReferenceFigure> {
    vec![
        ReferenceFigure {
            period: "May 2020",
            amount: usd(62_810),
            percentiles: Percentiles {
                p10: Some(usd(35_350)),
                p25: Some(usd(46_630)),
                p50: Some(usd(62_810)),
                p75: Some(usd(85_380)),
                p90: Some(usd(118_210)),
                extra: Default::default(),
            },
            sample: "244,550 employed; mean 71,940",
            link: BLS_PR_2020,
            note: "Occupation-wide, all experience levels.",
            ..bls(
                BLS_PR_SPECIALISTS_2020,
                "Public Relations Specialists",
                "27-3031",
                2020,
                BLS_OEWS,
            )
        },
        ReferenceFigure {
            period: "May 2019",
            amount: usd(61_150),
            note: "Occupational Outlook Handbook, 2019 edition (archived). Occupation-wide, \
                   all experience levels.",
            ..bls(
                BLS_PR_SPECIALISTS_2019,
                "Public Relations Specialists",
                "27-3031",
                2019,
                BLS_OOH,
            )
        },
        ReferenceFigure {
            period: "May 2021",
            amount: usd(94_500),
            percentiles: Percentiles {
                p50: Some(usd(94_500)),
                ..Percentiles::default()
            },
            sample: "781,400 jobs (2021)",
            link: BLS_PM,
            note: "Occupational Outlook Handbook. Occupation-wide, all experience levels.",
            ..bls(
                BLS_PROJECT_MANAGEMENT_2021,
                "Project Management Specialists",
                "13-1082",
                2021,
                BLS_OOH,
            )
        },
        ReferenceFigure {
            period: "May 2022",
            statistic: Statistic::Mean,
            amount: usd(132_930),
            sample: "about 1.5 million employed",
            link: "https://www.bls.gov/oes/",
            note: "May 2022 release summary. A mean, not a median. Occupation-wide.",
            ..bls(
                BLS_SOFTWARE_DEVELOPERS_2022,
                "Software Developers",
                "15-1252",
                2022,
                BLS_OEWS,
            )
        },
        tcr(TCR_SPECIALIST_2015, "Community specialist", 54_260),
        tcr(TCR_COMMUNITY_MANAGER_2015, "Community manager", 69_875),
        tcr(TCR_STRATEGIST_2015, "Community strategist", 100_000),
        tcr(TCR_DIRECTOR_2015, "Community director", 113_365),
        cmx(
            "cmx-2016-east-coast",
            "Community manager, US East Coast",
            "US East Coast",
            74_740,
            CMX_NOTE,
        ),
        cmx(
            "cmx-2016-central",
            "Community manager, US Central/Midwest",
            "US Central/Midwest",
            67_730,
            CMX_NOTE,
        ),
        cmx(
            "cmx-2016-west-remote",
            "Community manager, US West Coast and remote",
            "US West Coast and remote",
            90_000,
            "116 respondents; small sample. Reported as \"about 90,000\".",
        ),
    ]
}

/// Remarks from the source material with no survey behind them; text only, no figures
/// to compute with.
pub fn anecdotes() -> Vec<(&'static str, &'static str)> {
    vec![
        (
            "Community manager salaries \"average in the 80k neighbourhood\", senior roles \
             \"well beyond the 100k mark\" (USD, late 2000s).",
            "Blog post, Is Product Management the same as Community Management? No survey behind it.",
        ),
        (
            "Red Hat found technical program manager salaries on Glassdoor matched community \
             architects' work well.",
            "Where do Community Managers retire? (Stefano Maffulli, session notes).",
        ),
    ]
}

pub fn find(key: &str) -> Option<ReferenceFigure> {
    reference_figures().into_iter().find(|f| f.key == key)
}

impl ReferenceFigure {
    /// "May 2021" or "2015".
    pub fn period_label(&self) -> String {
        if self.period.is_empty() {
            self.year.to_string()
        } else {
            self.period.to_string()
        }
    }

    /// What the figure is, for pickers and the reference list: SOC code, statistic,
    /// population, geography, period and sample.
    pub fn facts(&self) -> String {
        let mut parts = Vec::new();
        if !self.soc_code.is_empty() {
            parts.push(format!("SOC {}", self.soc_code));
        }
        parts.push(self.statistic.label());
        parts.push(format!("levels: {}", self.population.label()));
        parts.push(format!("collected: {}", self.to_band().collection()));
        parts.push(self.geography.to_string());
        parts.push(self.period_label());
        if !self.sample.is_empty() {
            parts.push(format!("sample: {}", self.sample));
        }
        parts.join(" · ")
    }

    pub fn source(&self) -> Source {
        let soc = if self.soc_code.is_empty() {
            String::new()
        } else {
            format!(" (SOC {})", self.soc_code)
        };
        let note = format!(
            "{}{soc} {}, {}. {}",
            self.occupation,
            self.statistic.label(),
            self.period_label(),
            self.note
        );
        Source {
            publisher: self.publisher.to_string(),
            year: Some(self.year),
            kind: self.kind,
            link: self.link.to_string(),
            note: note.trim().to_string(),
            extra: Default::default(),
        }
    }

    /// What the figure covers: the Bureau of Labor Statistics' figures (OEWS, and the
    /// Occupational Outlook Handbook, which reports OEWS wages) are wages including incentive
    /// pay; the community surveys asked for salary.
    pub fn basis(&self) -> PayBasis {
        if self.kind == SourceKind::OfficialStatistic {
            PayBasis::Wages
        } else {
            PayBasis::Base
        }
    }

    /// A band holding only what was published: a median goes in as the 50th percentile,
    /// a mean as the midpoint with its statistic; min and max stay unknown.
    pub fn to_band(&self) -> Band {
        let is_median = self.statistic == Statistic::Median;
        let mut percentiles = self.percentiles.clone();
        if is_median {
            percentiles.p50 = Some(self.amount);
        }
        Band {
            currency: CURRENCY.to_string(),
            min: None,
            mid: (!is_median).then_some(self.amount),
            max: None,
            target: None,
            percentiles,
            basis: self.basis(),
            source: self.source(),
            statistic: Some(self.statistic),
            population: Some(self.population),
            geography: self.geography.to_string(),
            effective_year: Some(self.year),
            effective_month: self.month,
            extra: Default::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_reference_figure_names_its_publisher_year_and_kind() {
        for f in reference_figures() {
            assert!(!f.publisher.is_empty(), "{}", f.key);
            assert!((2015..=2022).contains(&f.year), "{}", f.key);
            assert_ne!(f.kind, SourceKind::Illustrative, "{}", f.key);
            assert!(f.amount > 0, "{}", f.key);
            assert!(
                f.link.is_empty() || f.link.starts_with("https://"),
                "{}",
                f.key
            );
        }
    }

    #[test]
    fn reference_keys_are_unique() {
        let figures = reference_figures();
        for (i, f) in figures.iter().enumerate() {
            assert!(figures[i + 1..].iter().all(|g| g.key != f.key), "{}", f.key);
        }
    }

    #[test]
    fn figures_match_the_published_tables() {
        let pm = find(BLS_PROJECT_MANAGEMENT_2021).unwrap();
        assert_eq!(
            (pm.amount, pm.year, pm.period),
            (9_450_000, 2021, "May 2021")
        );
        let pr = find(BLS_PR_SPECIALISTS_2020).unwrap();
        assert_eq!(pr.percentiles.p10, Some(3_535_000));
        assert_eq!(pr.percentiles.p90, Some(11_821_000));
        assert_eq!(find(TCR_COMMUNITY_MANAGER_2015).unwrap().amount, 6_987_500);
        assert_eq!(
            find(BLS_SOFTWARE_DEVELOPERS_2022).unwrap().statistic,
            Statistic::Mean
        );
    }

    #[test]
    fn handbook_figures_are_labelled_as_the_handbook_and_survey_tables_as_oews() {
        for key in [BLS_PR_SPECIALISTS_2019, BLS_PROJECT_MANAGEMENT_2021] {
            let f = find(key).unwrap();
            assert_eq!(
                f.publisher,
                "U.S. Bureau of Labor Statistics, Occupational Outlook Handbook"
            );
            assert!(!f.publisher.contains("OEWS"));
        }
        for key in [BLS_PR_SPECIALISTS_2020, BLS_SOFTWARE_DEVELOPERS_2022] {
            assert_eq!(find(key).unwrap().publisher, BLS_OEWS);
        }
    }

    #[test]
    fn a_mean_is_labelled_mean_never_mid_and_keeps_its_statistic() {
        use crate::core::career::brief::band_summary;
        let band = find(TCR_COMMUNITY_MANAGER_2015).unwrap().to_band();
        assert_eq!(band.statistic, Some(Statistic::Mean));
        let text = band_summary(&band);
        assert_eq!(text, "mean USD 69,875 (base salary)");
        assert!(!text.contains("mid"));
        let mean = find(BLS_SOFTWARE_DEVELOPERS_2022).unwrap().to_band();
        assert!(band_summary(&mean).starts_with("mean USD 132,930"));
    }

    #[test]
    fn bls_figures_are_wages_including_incentive_pay_not_base_salary() {
        use crate::core::career::brief::band_summary;
        for key in [BLS_PR_SPECIALISTS_2020, BLS_PROJECT_MANAGEMENT_2021] {
            let band = find(key).unwrap().to_band();
            assert_eq!(band.basis, PayBasis::Wages);
            let text = band_summary(&band);
            assert!(
                text.ends_with("(wages including incentive pay (the OEWS definition))"),
                "{text}"
            );
            assert!(!text.contains("base salary"), "{text}");
        }
        assert_eq!(
            find(TCR_COMMUNITY_MANAGER_2015).unwrap().to_band().basis,
            PayBasis::Base
        );
    }

    #[test]
    fn reference_facts_show_soc_statistic_population_geography_period_and_sample() {
        let pm = find(BLS_PROJECT_MANAGEMENT_2021).unwrap();
        assert_eq!(
            pm.facts(),
            "SOC 13-1082 · median · levels: all levels of an occupation · collected: a \
             statistics office's survey of employers · United States (national) · May 2021 · \
             sample: 781,400 jobs (2021)"
        );
        let cmx = find("cmx-2016-east-coast").unwrap();
        assert_eq!(
            cmx.facts(),
            "mean (average) · levels: a job title, at the levels respondents gave · collected: \
             self-reported by respondents · US East Coast · 2016 · sample: 116 respondents"
        );
        let band = pm.to_band();
        assert_eq!(
            (
                band.population,
                band.geography.as_str(),
                band.effective_year,
                band.effective_month
            ),
            (
                Some(Population::OccupationAllLevels),
                "United States (national)",
                Some(2021),
                Some(5)
            )
        );
    }

    #[test]
    fn a_reference_band_keeps_unknown_figures_unknown_and_carries_its_source() {
        let band = find(BLS_PROJECT_MANAGEMENT_2021).unwrap().to_band();
        assert_eq!((band.min, band.max), (None, None));
        assert_eq!(band.percentiles.p10, None);
        assert_eq!((band.mid, band.percentiles.p50), (None, Some(9_450_000)));
        assert_eq!(band.midpoint(), Some(9_450_000));
        let mean = find(BLS_SOFTWARE_DEVELOPERS_2022).unwrap().to_band();
        assert_eq!((mean.mid, mean.percentiles.p50), (Some(13_293_000), None));
        let median_2019 = find(BLS_PR_SPECIALISTS_2019).unwrap().to_band();
        assert_eq!(median_2019.percentiles.p50, Some(6_115_000));
        assert_eq!(
            band.source.label(),
            "U.S. Bureau of Labor Statistics, Occupational Outlook Handbook, 2021 (official statistic)"
        );
        assert!(band
            .source
            .note
            .contains("Project Management Specialists (SOC 13-1082) median, May 2021"));
    }
}
