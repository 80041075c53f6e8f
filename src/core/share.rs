//! Share links: a plan compressed into the URL fragment (`#plan=…`), so it never reaches a
//! server. The browser compresses (deflate); this module does the URL-safe text encoding and
//! the checks, so every way a link can be damaged gets its own message.

/// The fragment's prefix: `https://host/app/#plan=<base64url>`.
pub const FRAGMENT_PREFIX: &str = "#plan=";

/// The longest link Trellis makes. Browsers accept longer URLs, but chat apps and e-mail
/// clients cut or refuse long links; past this, export the plan as a file.
pub const MAX_LINK_CHARS: usize = 16_000;

/// Most JSON a share link may unpack to. A plan that fits in a link of [`MAX_LINK_CHARS`]
/// unpacks to far less (plan text compresses about tenfold); past this, the link was made to
/// overload the browser, and unpacking stops.
pub const MAX_SHARED_JSON_BYTES: usize = 2 * 1024 * 1024;

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
