//! CSV written from user text (check-ins, curve snapshots): nothing a spreadsheet would run;
//! and CSV or TSV read as spreadsheets export it.

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
    let mut records = Vec::new();
    visit_records(text, sep, |line, fields| {
        records.push(Record {
            line,
            fields: fields.to_vec(),
        });
        true
    })?;
    Ok(records)
}

/// Reads records as [`read_records`] does, handing each to `visit` (its first line and its
/// fields) without keeping it: a file of a million rows is read without a million vectors.
/// `visit` returns false to stop reading.
pub fn visit_records(
    text: &str,
    sep: char,
    mut visit: impl FnMut(usize, &[String]) -> bool,
) -> Result<(), ReadError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let bytes = text.as_bytes();
    let mut sep_buf = [0u8; 4];
    let sep = sep.encode_utf8(&mut sep_buf).as_bytes();
    // The fields of the record being read; their buffers are reused from record to record.
    let mut fields: Vec<String> = vec![String::new()];
    let mut used = 0;
    let mut line = 1;
    let mut start = 1;
    let mut quoted = false;
    let mut after_quote = false;
    let mut i = 0;
    // Stops a run of plain text: a quote, a line break or the separator's first byte (every
    // one of them ASCII or a character's first byte, so runs end on character boundaries).
    let plain = |b: u8| b != b'"' && b != b'\n' && b != b'\r' && b != sep[0];
    while i < bytes.len() {
        if quoted {
            let run = i;
            while i < bytes.len() && !matches!(bytes[i], b'"' | b'\n' | b'\r') {
                i += 1;
            }
            fields[used].push_str(&text[run..i]);
            let Some(&b) = bytes.get(i) else { break };
            let next = bytes.get(i + 1).copied();
            match b {
                b'"' if next == Some(b'"') => {
                    fields[used].push('"');
                    i += 1;
                }
                b'"' => {
                    quoted = false;
                    after_quote = true;
                }
                b'\n' => {
                    line += 1;
                    fields[used].push('\n');
                }
                _ if next == Some(b'\n') => {}
                _ => fields[used].push('\r'),
            }
            i += 1;
            continue;
        }
        if bytes[i..].starts_with(sep) {
            trim_in_place(&mut fields[used]);
            used += 1;
            if fields.len() == used {
                fields.push(String::new());
            } else {
                fields[used].clear();
            }
            after_quote = false;
            i += sep.len();
            continue;
        }
        let next = bytes.get(i + 1).copied();
        match bytes[i] {
            b'\r' if next == Some(b'\n') => i += 1,
            b'\n' | b'\r' => {
                trim_in_place(&mut fields[used]);
                let record = &fields[..=used];
                if record.iter().any(|f| !f.is_empty()) && !visit(start, record) {
                    return Ok(());
                }
                used = 0;
                fields[0].clear();
                after_quote = false;
                line += 1;
                start = line;
                i += 1;
            }
            b'"' if fields[used].trim().is_empty() && !after_quote => {
                fields[used].clear();
                quoted = true;
                i += 1;
            }
            _ if after_quote => {
                let c = text[i..].chars().next().unwrap_or(' ');
                if !c.is_whitespace() {
                    return Err(ReadError::TextAfterQuote { line });
                }
                fields[used].push(c);
                i += c.len_utf8();
            }
            _ => {
                // A quote inside a field that did not start with one is text.
                let run = i;
                i += 1;
                while i < bytes.len() && plain(bytes[i]) {
                    i += 1;
                }
                fields[used].push_str(&text[run..i]);
            }
        }
    }
    if quoted {
        return Err(ReadError::UnclosedQuote { line: start });
    }
    trim_in_place(&mut fields[used]);
    let record = &fields[..=used];
    if record.iter().any(|f| !f.is_empty()) {
        visit(start, record);
    }
    Ok(())
}

fn trim_in_place(field: &mut String) {
    let trimmed = field.trim();
    if trimmed.len() != field.len() {
        *field = trimmed.to_string();
    }
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
