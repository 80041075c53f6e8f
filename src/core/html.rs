//! HTML written from user text: the plan report and the evidence brief as readable documents,
//! and the curve drawing's SVG. Every piece of user text goes through [`escape`], so a name
//! like `<script>` or `"><img onerror=…>` shows as typed and never becomes markup.
//!
//! The documents carry no script, no event handler and no `style` attribute: their one
//! stylesheet ([`DOCUMENT_CSS`], also linked by the app for the preview and for printing) is
//! allowed by its hash, so they work under a strict Content-Security-Policy.

/// Escapes text for HTML or XML content and attribute values (quoted with `"` or `'`).
/// Control characters other than tab and newline are dropped (XML 1.0 does not allow them).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\t' && c != '\n' => {}
            c => out.push(c),
        }
    }
    out
}

/// The documents' stylesheet (`style/document.css`): the same text the app links.
pub const DOCUMENT_CSS: &str = include_str!("../../style/document.css");

/// The hash by which a document's Content-Security-Policy allows its `<style>`: base64 of
/// the SHA-256 of [`DOCUMENT_CSS`]. `tests::the_style_hash_is_the_stylesheets` keeps it in step
/// (and prints the right value when the stylesheet changes).
pub const DOCUMENT_CSS_HASH: &str = "sha256-s1xhdlAJq8eY/uz/kF49XBw/+qt2L9VDR8aJ9OBrcBc=";

/// The policy a document carries: nothing may load or run but its own stylesheet and the
/// images written into it.
pub fn document_policy() -> String {
    format!(
        "default-src 'none'; style-src '{DOCUMENT_CSS_HASH}'; img-src data:; base-uri 'none'; \
         form-action 'none'"
    )
}

/// A complete, self-contained HTML page around `body` (HTML the caller built with every user
/// text escaped), titled `title` (user text: escaped here).
pub fn standalone_document(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{policy}\">\n\
         <meta name=\"color-scheme\" content=\"light\">\n\
         <meta name=\"generator\" content=\"Trellis\">\n\
         <title>{title}</title>\n<style>{DOCUMENT_CSS}</style>\n</head>\n\
         <body class=\"trellis-doc-page\">\n<main>\n{body}</main>\n</body>\n</html>\n",
        policy = document_policy(),
        title = escape(title),
    )
}

/// Fails unless every tag in `html` is one the documents write, with no event handler, no
/// `style` attribute and no link but to http(s): what user text could have smuggled in shows
/// up here as a tag or attribute the documents never write.
#[cfg(test)]
pub(crate) fn assert_inert(html: &str) {
    const TAGS: &[&str] = &[
        "!doctype",
        "html",
        "head",
        "meta",
        "title",
        "style",
        "body",
        "article",
        "header",
        "footer",
        "main",
        "section",
        "div",
        "p",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "li",
        "em",
        "strong",
        "code",
        "a",
        "blockquote",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "dl",
        "dt",
        "dd",
        "span",
        "br",
        "figure",
        "figcaption",
        "svg",
        "g",
        "rect",
        "line",
        "path",
        "circle",
        "text",
        "desc",
    ];
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        let tag = &rest[i + 1..];
        let end = tag.find('>').unwrap_or(tag.len());
        let inside = tag[..end].trim_start_matches('/');
        let name = inside
            .split(|c: char| c.is_whitespace() || c == '/')
            .next()
            .unwrap_or("")
            .to_lowercase();
        assert!(TAGS.contains(&name.as_str()), "tag <{name}> in {inside}");
        for (attr, value) in attributes(&inside[name.len().min(inside.len())..]) {
            assert!(
                !attr.starts_with("on"),
                "event handler {attr} in <{inside}>"
            );
            assert!(attr != "style", "style attribute in <{inside}>");
            if attr == "href" {
                assert!(value.starts_with("http"), "link {value} in <{inside}>");
            }
        }
        rest = &tag[end..];
    }
}

/// The (name, value) of each attribute in the inside of a tag after its name.
#[cfg(test)]
fn attributes(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    loop {
        while chars.peek().is_some_and(|c| c.is_whitespace() || *c == '/') {
            chars.next();
        }
        let name: String =
            std::iter::from_fn(|| chars.next_if(|c| !c.is_whitespace() && *c != '=' && *c != '/'))
                .collect();
        if name.is_empty() {
            return out;
        }
        let mut value = String::new();
        if chars.next_if_eq(&'=').is_some() {
            match chars.next_if(|c| *c == '"' || *c == '\'') {
                Some(quote) => {
                    value = std::iter::from_fn(|| chars.next_if(|c| *c != quote)).collect()
                }
                None => {
                    value = std::iter::from_fn(|| chars.next_if(|c| !c.is_whitespace())).collect()
                }
            }
            chars.next();
        }
        out.push((name.to_lowercase(), value));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[should_panic(expected = "tag <img>")]
    fn the_inert_check_catches_a_tag_no_document_writes() {
        assert_inert("<p>hi</p><img src=x onerror=alert(1)>");
    }

    #[test]
    #[should_panic(expected = "event handler onmouseover")]
    fn the_inert_check_catches_an_event_handler() {
        assert_inert("<p class=\"x\" onmouseover=\"alert(1)\">hi</p>");
    }

    #[test]
    #[should_panic(expected = "link javascript:alert(1)")]
    fn the_inert_check_catches_a_script_link() {
        assert_inert("<a href=\"javascript:alert(1)\">x</a>");
    }

    #[test]
    fn escape_makes_markup_text() {
        assert_eq!(
            escape(r#"<script>alert("x")</script> & 'y'"#),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;"
        );
        assert_eq!(
            escape("\"><img src=x onerror=alert(1)>"),
            "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"
        );
        assert_eq!(escape("a\u{1}b\u{7f}\tc\nd"), "ab\tc\nd");
        assert_eq!(escape("Ünïcödé · — ✓"), "Ünïcödé · — ✓");
    }

    // sha2 and base64 are native dev-dependencies.
    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn the_style_hash_is_the_stylesheets() {
        use base64::Engine;
        use sha2::Digest;
        let digest = sha2::Sha256::digest(DOCUMENT_CSS.as_bytes());
        let expected = format!(
            "sha256-{}",
            base64::engine::general_purpose::STANDARD.encode(digest)
        );
        assert_eq!(
            DOCUMENT_CSS_HASH, expected,
            "style/document.css changed: set DOCUMENT_CSS_HASH to {expected}"
        );
    }

    #[test]
    fn a_document_allows_only_its_own_stylesheet_and_escapes_its_title() {
        let page = standalone_document("<b>Plan</b>", "<main>x</main>\n");
        assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
        assert!(page.contains("<title>&lt;b&gt;Plan&lt;/b&gt;</title>"));
        assert!(page.contains(&format!(
            "content=\"default-src 'none'; style-src '{DOCUMENT_CSS_HASH}'; img-src data:;"
        )));
        assert!(page.contains(&format!("<style>{DOCUMENT_CSS}</style>")));
        assert!(!page.contains("<script"));
        assert!(page.ends_with("<main>\n<main>x</main>\n</main>\n</body>\n</html>\n"));
    }

    #[test]
    fn the_stylesheet_is_light_and_scoped() {
        // A document is paper: no dark theme, and in the app its rules touch only documents.
        assert!(!DOCUMENT_CSS.contains("prefers-color-scheme: dark"));
        assert!(!DOCUMENT_CSS.contains("url("), "nothing to fetch");
        for rule in DOCUMENT_CSS
            .lines()
            .filter_map(|l| l.trim().split_once('{').map(|(selector, _)| selector))
            .filter(|selector| !selector.starts_with('@'))
        {
            assert!(
                rule.contains(".trellis-doc")
                    || rule.contains("print-document")
                    || rule.contains("printing-document"),
                "unscoped rule: {rule}"
            );
        }
    }
}
