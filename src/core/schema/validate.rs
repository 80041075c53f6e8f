//! Links: which a plan may hold. Used by the check of a plan (`check.rs`), for the fields it
//! knows and, by their names, for the ones it does not, and by the editors that take a link.

/// Deeper than any real plan; guards the recursive walk over fields this build does not know
/// when they did not come through the parser (whose own limit is 128).
pub(super) const MAX_DEPTH: usize = 256;

/// A field that holds links, by the naming convention of plan files: `link`, `links`,
/// `*_url`, `*_urls`. Only used for fields this build does not know.
pub(super) fn is_link(key: &str) -> bool {
    key == "link" || key == "links" || key.ends_with("_url") || key.ends_with("_urls")
}

/// Empty, or http/https/mailto. Browsers ignore whitespace and control
/// characters inside a scheme (`java\tscript:`), so those are dropped first.
pub fn is_safe_link(link: &str) -> bool {
    let squeezed: String = link
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .take(8)
        .flat_map(char::to_lowercase)
        .collect();
    squeezed.is_empty()
        || squeezed.starts_with("http://")
        || squeezed.starts_with("https://")
        || squeezed.starts_with("mailto:")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn disguised_schemes_are_not_safe() {
        for link in [
            " javascript:alert(1)",
            "java\tscript:alert(1)",
            "JAVASCRIPT:alert(1)",
            "\u{0}javascript:x",
            "vbscript:x",
            "//evil.example",
            "example.org",
        ] {
            assert!(!is_safe_link(link), "{link:?} passed");
        }
    }

    #[test]
    fn ordinary_links_are_safe() {
        for link in [
            "",
            "https://example.org/a?b",
            "HTTP://X.Y",
            "mailto:someone@example.org",
        ] {
            assert!(is_safe_link(link), "{link:?} refused");
        }
    }
}
