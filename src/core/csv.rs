//! CSV written from user text (check-ins, curve snapshots): nothing a spreadsheet would run.

/// First characters that make a spreadsheet read a cell as a formula.
pub const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Text that would start a formula gets a `'` in front, which spreadsheets show as text.
pub fn defuse_formula(text: &str) -> String {
    if text.starts_with(FORMULA_STARTS) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

/// One record of CSV or TSV text, with the line it starts on (counting from 1).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    pub line: usize,
    pub fields: Vec<String>,
}

/// Why CSV text could not be read, and on which line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReadError {
    /// A quoted field that never closes; the line it opened on.
    UnclosedQuote { line: usize },
    /// Text between a closing quote and the next separator.
    TextAfterQuote { line: usize },
}

/// The separator of a header line: tab (a spreadsheet paste or TSV), else `;` when the line
/// has no comma (spreadsheets in locales with a decimal comma), else `,`.
pub fn guess_separator(header: &str) -> char {
    if header.contains('\t') {
        '\t'
    } else if header.contains(';') && !header.contains(',') {
        ';'
    } else {
        ','
    }
}

/// Reads CSV or TSV as a spreadsheet exports it: fields quoted with `"` (a quote inside
/// written `""`), separators and line breaks inside quotes, CRLF or LF line ends, a
/// byte-order mark. Fields are trimmed; blank lines are skipped.
pub fn read_records(text: &str, sep: char) -> Result<Vec<Record>, ReadError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut records = Vec::new();
    let mut fields: Vec<String> = Vec::new();
    let mut field = String::new();
    let mut line = 1;
    let mut start = 1;
    let mut quoted = false;
    let mut after_quote = false;
    let mut chars = text.chars().peekable();
    let mut finish = |fields: &mut Vec<String>, field: &mut String, start: usize| {
        fields.push(std::mem::take(field).trim().to_string());
        let record = std::mem::take(fields);
        if record.iter().any(|f| !f.is_empty()) {
            records.push(Record {
                line: start,
                fields: record,
            });
        }
    };
    while let Some(ch) = chars.next() {
        if quoted {
            match ch {
                '"' if chars.peek() == Some(&'"') => {
                    field.push('"');
                    chars.next();
                }
                '"' => {
                    quoted = false;
                    after_quote = true;
                }
                '\n' => {
                    line += 1;
                    field.push('\n');
                }
                '\r' if chars.peek() == Some(&'\n') => {}
                c => field.push(c),
            }
            continue;
        }
        match ch {
            c if c == sep => {
                fields.push(std::mem::take(&mut field).trim().to_string());
                after_quote = false;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                finish(&mut fields, &mut field, start);
                after_quote = false;
                line += 1;
                start = line;
            }
            '"' if field.trim().is_empty() && !after_quote => {
                field.clear();
                quoted = true;
            }
            c if after_quote && !c.is_whitespace() => {
                return Err(ReadError::TextAfterQuote { line });
            }
            c => field.push(c),
        }
    }
    if quoted {
        return Err(ReadError::UnclosedQuote { line: start });
    }
    finish(&mut fields, &mut field, start);
    Ok(records)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(records: &[Record]) -> Vec<(usize, Vec<&str>)> {
        records
            .iter()
            .map(|r| (r.line, r.fields.iter().map(String::as_str).collect()))
            .collect()
    }

    #[test]
    fn spreadsheet_csv_with_quotes_crlf_and_line_breaks_in_a_cell() {
        let text =
            "\u{feff}a,b\r\n\"x, y\",\"say \"\"hi\"\"\"\r\n\"two\r\nlines\",z\r\n\r\nlast,one";
        let records = read_records(text, ',').unwrap();
        assert_eq!(
            fields(&records),
            vec![
                (1, vec!["a", "b"]),
                (2, vec!["x, y", "say \"hi\""]),
                (3, vec!["two\nlines", "z"]),
                (6, vec!["last", "one"]),
            ]
        );
    }

    #[test]
    fn tabs_separate_a_paste_and_the_separator_is_guessed() {
        assert_eq!(guess_separator("a\tb,c"), '\t');
        assert_eq!(guess_separator("a;b"), ';');
        assert_eq!(guess_separator("a,b;c"), ',');
        let records = read_records("a\tb, c\n1\t2", '\t').unwrap();
        assert_eq!(
            fields(&records),
            vec![(1, vec!["a", "b, c"]), (2, vec!["1", "2"])]
        );
    }

    #[test]
    fn an_unclosed_quote_names_the_line_it_opened_on() {
        assert_eq!(
            read_records("a,b\nc,\"open\nmore", ','),
            Err(ReadError::UnclosedQuote { line: 2 })
        );
    }

    #[test]
    fn text_after_a_closing_quote_is_refused() {
        assert_eq!(
            read_records("a,b\n\"x\"y,z", ','),
            Err(ReadError::TextAfterQuote { line: 2 })
        );
    }

    #[test]
    fn defusing_prefixes_formula_starts_only() {
        assert_eq!(defuse_formula("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(defuse_formula("Lead"), "Lead");
    }
}
