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
