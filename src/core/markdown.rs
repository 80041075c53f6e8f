//! Markdown written from user text (the goals report, the evidence brief, the contributor
//! ladder): user text is shown as typed, never read as Markdown or HTML. [`markdown_to_html`]
//! reads what they write as a document (the brief as HTML).

/// Escapes Markdown's inline syntax so user text shows as typed; newlines become spaces.
pub fn md_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '\r' | '\n' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

mod to_html;
pub use to_html::markdown_to_html;
