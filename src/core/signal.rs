//! One computation for a finding's colour and its words (issue 31): every check returns its
//! tone with its sentence, so a green box never says "no band" and "no problems" never sits
//! above a red bottleneck. An empty state (nothing to check yet) is neutral, never success.

/// How a finding reads: success, a warning, a problem, or neutral (nothing to judge yet).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Tone {
    Good,
    Warn,
    Bad,
    Neutral,
}

impl Tone {
    /// The banner's style: the UI's class for the tone.
    pub fn banner_class(self) -> &'static str {
        match self {
            Tone::Good => "banner ok",
            Tone::Warn => "banner warn",
            Tone::Bad => "banner bad",
            Tone::Neutral => "banner neutral",
        }
    }

    /// The badge's style for the tone.
    pub fn badge_class(self) -> &'static str {
        match self {
            Tone::Good => "badge ok",
            Tone::Warn => "badge warn",
            Tone::Bad => "badge bad",
            Tone::Neutral => "badge",
        }
    }
}

/// A finding: its tone and what it says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub tone: Tone,
    pub text: String,
}

impl Finding {
    pub fn new(tone: Tone, text: impl Into<String>) -> Self {
        Finding {
            tone,
            text: text.into(),
        }
    }
}
