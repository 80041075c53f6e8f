//! The Markdown Trellis writes, as HTML: the evidence brief is written once, as Markdown, and
//! read as a document through this. It reads the subset the exports write (headings,
//! paragraphs, `>` quotes, `-` lists nested by two spaces, `|` tables, `**strong**`,
//! `*emphasis*` / `_emphasis_`, `` `code` ``, `<https://…>` links and backslash escapes), and
//! nothing else: every run of text is HTML-escaped, the only tags are the ones written here,
//! and a link is made only of an http(s) address. So user text, which the exports escape with
//! [`md_escape`](super::md_escape), comes out as the same text, never as markup.

use crate::core::html::escape;

/// `markdown` as HTML. Headings go `heading_offset` levels deeper (a `#` is an `<h2>` with an
/// offset of 1), at most `<h6>`.
pub fn markdown_to_html(markdown: &str, heading_offset: usize) -> String {
    let lines: Vec<&str> = markdown.lines().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let trimmed = line.trim_start();
        if trimmed.is_empty() {
            i += 1;
        } else if let Some((level, text)) = heading(line) {
            let h = (level + heading_offset).min(6);
            out += &format!("<h{h}>{}</h{h}>\n", inline(text));
            i += 1;
        } else if trimmed.starts_with('>') {
            let start = i;
            while i < lines.len() && lines[i].trim_start().starts_with('>') {
                i += 1;
            }
            let text: Vec<&str> = lines[start..i]
                .iter()
                .map(|l| {
                    let l = l.trim_start().trim_start_matches('>');
                    l.strip_prefix(' ').unwrap_or(l)
                })
                .collect();
            let text = text.join("\n");
            let class = if text.starts_with("**Warning:**") {
                " class=\"warning\""
            } else {
                ""
            };
            out += &format!("<blockquote{class}><p>{}</p></blockquote>\n", inline(&text));
        } else if list_item(line).is_some() {
            let start = i;
            while i < lines.len() && list_item(lines[i]).is_some() {
                i += 1;
            }
            let items: Vec<(usize, &str)> = lines[start..i]
                .iter()
                .filter_map(|l| list_item(l))
                .collect();
            list(&items, &mut out);
        } else if trimmed.starts_with('|') {
            let start = i;
            while i < lines.len() && lines[i].trim_start().starts_with('|') {
                i += 1;
            }
            table(&lines[start..i], &mut out);
        } else {
            let start = i;
            while i < lines.len() && is_paragraph_line(lines[i]) {
                i += 1;
            }
            let text = lines[start..i.max(start + 1)]
                .iter()
                .map(|l| l.trim())
                .collect::<Vec<_>>()
                .join("\n");
            i = i.max(start + 1);
            out += &format!("<p>{}</p>\n", inline(&text));
        }
    }
    out
}

fn heading(line: &str) -> Option<(usize, &str)> {
    let hashes = line.len() - line.trim_start_matches('#').len();
    let rest = &line[hashes..];
    (1..=6)
        .contains(&hashes)
        .then_some(())
        .and_then(|_| rest.strip_prefix(' '))
        .map(|text| (hashes, text.trim()))
}

/// `(depth, text)` of a `- ` item; depth is the indent in steps of two spaces.
fn list_item(line: &str) -> Option<(usize, &str)> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    line[indent..]
        .strip_prefix("- ")
        .map(|text| (indent / 2, text))
}

fn is_paragraph_line(line: &str) -> bool {
    let t = line.trim_start();
    !t.is_empty()
        && heading(line).is_none()
        && !t.starts_with('>')
        && !t.starts_with('|')
        && list_item(line).is_none()
}

/// Items as nested lists: a deeper item belongs to the item before it.
fn list(items: &[(usize, &str)], out: &mut String) {
    // The depths of the lists open now; an item never opens more than one level at once.
    let mut open: Vec<usize> = Vec::new();
    for (k, (depth, text)) in items.iter().enumerate() {
        let depth = match open.last() {
            None => 0,
            Some(d) => (*depth).min(d + 1),
        };
        if open.last().is_some_and(|d| depth > *d) {
            out.push_str("\n<ul>");
            open.push(depth);
        } else if k > 0 {
            while open.last().is_some_and(|d| *d > depth) {
                out.push_str("</li></ul>");
                open.pop();
            }
            out.push_str("</li>");
        }
        if open.is_empty() {
            out.push_str("<ul>");
            open.push(0);
        }
        out.push_str("\n<li>");
        out.push_str(&inline(text));
    }
    while open.pop().is_some() {
        out.push_str("</li></ul>");
    }
    out.push('\n');
}

/// A `|` table: the first row is the header, a `|---|` row after it is skipped.
fn table(rows: &[&str], out: &mut String) {
    let cells = |row: &str| -> Vec<String> {
        let row = row.trim();
        let row = row.strip_prefix('|').unwrap_or(row);
        split_cells(row)
    };
    let is_rule = |row: &str| {
        row.trim()
            .chars()
            .all(|c| matches!(c, '|' | '-' | ':' | ' '))
    };
    let Some((head, body)) = rows.split_first() else {
        return;
    };
    // Scrolls sideways when narrow: a region the keyboard can reach, named by its columns.
    let columns: Vec<String> = cells(head).iter().map(|c| plain(c)).collect();
    out.push_str(&format!(
        "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"{}\"><table>\n<thead><tr>",
        escape(&format!("Table: {}", columns.join(", ")))
    ));
    for cell in cells(head) {
        out.push_str(&format!("<th scope=\"col\">{}</th>", inline(&cell)));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in body.iter().filter(|r| !is_rule(r)) {
        out.push_str("<tr>");
        for cell in cells(row) {
            out.push_str(&format!("<td>{}</td>", inline(&cell)));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody></table></div>\n");
}

/// The cells of a row without its leading `|`: split at every `|` that is not escaped; the
/// text after the last one is not a cell.
fn split_cells(row: &str) -> Vec<String> {
    let mut cells = Vec::new();
    let mut cell = String::new();
    let mut chars = row.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                cell.push(c);
                if let Some(next) = chars.next() {
                    cell.push(next);
                }
            }
            '|' => cells.push(std::mem::take(&mut cell).trim().to_string()),
            c => cell.push(c),
        }
    }
    if !cell.trim().is_empty() {
        cells.push(cell.trim().to_string());
    }
    cells
}

/// The text of inline Markdown without its markup (for a label).
fn plain(text: &str) -> String {
    tokens(text)
        .into_iter()
        .map(|t| match t {
            Token::Text(t) | Token::Link(t) => t,
            Token::Delim(_) => String::new(),
        })
        .collect()
}

/// A piece of a line: text (unescaped, to be HTML-escaped), a delimiter, or a link.
#[derive(Debug, PartialEq)]
enum Token {
    Text(String),
    Delim(&'static str),
    Link(String),
}

fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut run = String::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    let flush = |run: &mut String, out: &mut Vec<Token>, t: Option<Token>| {
        if !run.is_empty() {
            out.push(Token::Text(std::mem::take(run)));
        }
        out.extend(t);
    };
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\\' if i + 1 < chars.len() => {
                run.push(chars[i + 1]);
                i += 2;
            }
            '*' if chars.get(i + 1) == Some(&'*') => {
                flush(&mut run, &mut out, Some(Token::Delim("**")));
                i += 2;
            }
            '*' => {
                flush(&mut run, &mut out, Some(Token::Delim("*")));
                i += 1;
            }
            '_' => {
                flush(&mut run, &mut out, Some(Token::Delim("_")));
                i += 1;
            }
            '`' => {
                flush(&mut run, &mut out, Some(Token::Delim("`")));
                i += 1;
            }
            '<' => {
                let rest: String = chars[i + 1..].iter().collect();
                let address = rest.split_once('>').map(|(a, _)| a).filter(|a| {
                    (a.starts_with("https://") || a.starts_with("http://"))
                        && !a.contains(|c: char| c.is_whitespace() || c == '<')
                });
                match address {
                    Some(a) => {
                        let len = a.chars().count();
                        flush(&mut run, &mut out, Some(Token::Link(a.to_string())));
                        i += len + 2;
                    }
                    None => {
                        run.push(c);
                        i += 1;
                    }
                }
            }
            c => {
                run.push(c);
                i += 1;
            }
        }
    }
    flush(&mut run, &mut out, None);
    out
}

/// Inline Markdown as HTML. A delimiter without its closing partner is shown as text.
fn inline(text: &str) -> String {
    let tokens = tokens(text);
    // Pair each delimiter with the next one of its kind (no nesting of one kind in itself).
    let mut partner: Vec<Option<usize>> = vec![None; tokens.len()];
    let mut i = 0;
    while i < tokens.len() {
        if let Token::Delim(d) = tokens[i] {
            if partner[i].is_none() {
                let close = (i + 1..tokens.len())
                    .find(|&j| tokens[j] == Token::Delim(d) && partner[j].is_none());
                if let Some(j) = close {
                    // Only when everything opened between them also closes between them.
                    let crosses = (i + 1..j).any(|k| partner[k].is_some_and(|p| p > j || p < i));
                    if !crosses {
                        partner[i] = Some(j);
                        partner[j] = Some(i);
                    }
                }
            }
        }
        i += 1;
    }
    let mut out = String::new();
    let mut in_code = false;
    for (k, token) in tokens.iter().enumerate() {
        match token {
            Token::Text(t) => out += &escape(t),
            Token::Link(a) => {
                let a = escape(a);
                out += &format!("<a href=\"{a}\">{a}</a>");
            }
            Token::Delim(d) => match partner[k] {
                Some(p) if !in_code || *d == "`" => {
                    let tag = match *d {
                        "**" => "strong",
                        "`" => "code",
                        _ => "em",
                    };
                    if *d == "`" {
                        in_code = p > k;
                    }
                    if p > k {
                        out += &format!("<{tag}>");
                    } else {
                        out += &format!("</{tag}>");
                    }
                }
                _ => out += &escape(d),
            },
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::markdown::md_escape;

    #[test]
    fn headings_paragraphs_and_quotes() {
        let html = markdown_to_html(
            "# Brief: A\n\nSome *text*\nwraps.\n\n> **Warning:** below\n\n## Next\n",
            0,
        );
        assert_eq!(
            html,
            "<h1>Brief: A</h1>\n<p>Some <em>text</em>\nwraps.</p>\n\
             <blockquote class=\"warning\"><p><strong>Warning:</strong> below</p></blockquote>\n\
             <h2>Next</h2>\n"
        );
        assert!(markdown_to_html("# A\n", 1).starts_with("<h2>A</h2>"));
        assert!(markdown_to_html("#### A\n", 4).starts_with("<h6>A</h6>"));
        assert_eq!(markdown_to_html("#hashtag\n", 0), "<p>#hashtag</p>\n");
    }

    #[test]
    fn nested_lists() {
        let html = markdown_to_html("- a\n  - a1\n  - a2\n- b\n    - too deep\n- c\n", 0);
        assert_eq!(
            html,
            "<ul>\n<li>a\n<ul>\n<li>a1</li>\n<li>a2</li></ul></li>\n<li>b\n<ul>\n<li>too deep</li></ul></li>\n<li>c</li></ul>\n"
        );
    }

    #[test]
    fn tables_with_escaped_pipes() {
        let html = markdown_to_html(
            "| Track | Band |\n|---|---|\n| Eng \\| Infra | USD 1 |\n",
            0,
        );
        assert_eq!(
            html,
            "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Table: Track, Band\"><table>\n<thead><tr><th scope=\"col\">Track</th><th scope=\"col\">Band</th></tr></thead>\n\
             <tbody>\n<tr><td>Eng | Infra</td><td>USD 1</td></tr>\n</tbody></table></div>\n"
        );
    }

    #[test]
    fn links_only_to_web_addresses() {
        assert_eq!(
            inline("See <https://example.com/a?b=1&c=\"2\">."),
            "See <a href=\"https://example.com/a?b=1&amp;c=&quot;2&quot;\">https://example.com/a?b=1&amp;c=&quot;2&quot;</a>."
        );
        assert_eq!(
            inline("<javascript:alert(1)>"),
            "&lt;javascript:alert(1)&gt;"
        );
        assert_eq!(inline("a < b > c"), "a &lt; b &gt; c");
    }

    #[test]
    fn unpaired_delimiters_are_text() {
        assert_eq!(inline("5 * 3 = 15"), "5 * 3 = 15");
        assert_eq!(inline("**bold** and *"), "<strong>bold</strong> and *");
        assert_eq!(inline("*a **b* c**"), "<em>a **b</em> c**");
        assert_eq!(inline("`a*b*`"), "<code>a*b*</code>");
    }

    #[test]
    fn escaped_user_text_comes_out_as_the_same_text() {
        for text in [
            "<script>alert(1)</script>",
            "\"><img src=x onerror=alert(1)>",
            "Lead | **boss** [x](javascript:alert(1))",
            "a_b *c* `d` # e ~ f \\ g",
            "<https://evil.example>",
        ] {
            let html = inline(&md_escape(text));
            assert_eq!(html, escape(text), "{text}");
            assert!(!html.contains('<'), "{html}");
        }
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #[test]
        fn any_escaped_text_renders_as_itself(text in "\\PC{0,40}") {
            let md = md_escape(&text);
            let html = markdown_to_html(&format!("- {md}\n\n| {md} |\n|---|\n| {md} |\n"), 0);
            proptest::prop_assert!(!html.contains("<script"));
            proptest::prop_assert!(!html.contains("<img"));
            let flat = text.replace(['\r', '\n'], " ");
            let expected = escape(flat.trim());
            proptest::prop_assert!(html.contains(&expected), "{} not in {}", expected, html);
        }
    }
}
