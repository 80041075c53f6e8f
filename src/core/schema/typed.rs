//! Reading a document into Rust types, turning serde's wording into messages
//! that name the field (by its JSON path) and say what was expected.

use serde::de::DeserializeOwned;
use serde_json::Value;

use super::error::{describe_value, ImportError, JsonPath};

/// Longest serde message passed through as is (it may quote the user's text).
const MAX_PROBLEM_CHARS: usize = 200;

/// Deserializes `doc`, reporting the first problem with its path.
///
/// It reads the document's compact text, not the tree: the plan's types are read from text
/// on the direct route already, and reading them from a tree as well would put a second copy
/// of every type's reader in the download. serde_json stops on a field's problem at the end
/// of its value (or at the start of an object or list of the wrong type, or just after the
/// object a field is missing from), so the path is found by reading the text up to there.
pub fn read_typed<T: DeserializeOwned>(doc: &Value) -> Result<T, ImportError> {
    let text = serde_json::to_string(doc).map_err(|err| ImportError::InvalidValue {
        path: JsonPath::root().to_string(),
        problem: err.to_string(),
    })?;
    serde_json::from_str(&text).map_err(|err| {
        let full = err.to_string();
        let at = format!(" at line {} column {}", err.line(), err.column());
        let message = full.strip_suffix(&at).unwrap_or(&full);
        // One line: the compact text escapes every line break inside strings.
        if message == "expected value" {
            // A choice (an enum) given something other than text: serde_json stops one byte
            // into the value.
            let path = path_at(&text, err.column().saturating_sub(1));
            return match path.lookup(doc) {
                Some(found) => ImportError::WrongType {
                    path: path.to_string(),
                    expected: "string or map".into(),
                    found: describe_value(found),
                },
                None => describe(doc, path, message),
            };
        }
        if let Some(name) = message.strip_prefix("data did not match any variant of untagged enum ")
        {
            // A choice (an enum, which keeps a value from a newer version as text) given a value
            // of no choice's shape. serde reports it once the record it is in has been read:
            // when it is the record's last field, just past the record's closing brace.
            let mut path = path_at(&text, err.column());
            let closed = text.as_bytes().get(err.column().saturating_sub(1)) == Some(&b'}');
            if closed {
                if let Some(Value::Object(record)) = path.lookup(doc) {
                    if let Some(last) = record.keys().next_back() {
                        path = path.key(last);
                    }
                }
            }
            // An object of one key is a value with data (`{"percentile": 50}`): one this build
            // knows (a newer one would have been kept), so its data is what is wrong.
            if let Some(Value::Object(value)) = path.lookup(doc) {
                if let (1, Some(key)) = (value.len(), value.keys().next()) {
                    path = path.key(key);
                }
            }
            let found = path.lookup(doc).map(describe_value).unwrap_or_default();
            return ImportError::WrongType {
                path: path.to_string(),
                expected: format!("one of the values of {name} (text)"),
                found,
            };
        }
        describe(doc, path_at(&text, err.column()), message)
    })
}

/// The path of the value that ends at byte `offset` of the JSON `text` (or of the object or
/// list that starts there): the keys and list positions open at that point.
fn path_at(text: &str, offset: usize) -> JsonPath {
    enum Open {
        Object { key: Option<String> },
        List { index: usize },
    }
    let bytes = text.as_bytes();
    let end = offset.min(bytes.len());
    let mut open: Vec<Open> = Vec::new();
    let mut i = 0;
    while i < end {
        match bytes[i] {
            b'{' => open.push(Open::Object { key: None }),
            b'[' => open.push(Open::List { index: 0 }),
            b'}' | b']' => {
                open.pop();
            }
            b',' => match open.last_mut() {
                Some(Open::List { index }) => *index += 1,
                Some(Open::Object { key }) => *key = None,
                None => {}
            },
            b'"' => {
                let close = string_end(bytes, i);
                if let Some(Open::Object { key: key @ None }) = open.last_mut() {
                    let quoted = text.get(i..close).unwrap_or_default();
                    *key = Some(serde_json::from_str(quoted).unwrap_or_default());
                }
                i = close;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    let mut path = JsonPath::root();
    for step in &open {
        match step {
            Open::Object { key: Some(key) } => path.push_key(key),
            Open::Object { key: None } => {}
            Open::List { index } => path.push_index(*index),
        }
    }
    path
}

/// Just past the closing quote of the JSON string that opens at `start`.
fn string_end(bytes: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len()
}

fn describe(doc: &Value, path: JsonPath, message: &str) -> ImportError {
    if let Some(field) = message
        .strip_prefix("missing field `")
        .and_then(|rest| rest.strip_suffix('`'))
    {
        return ImportError::MissingField {
            path: path.key(field).to_string(),
        };
    }
    let value = path.lookup(doc);
    let expected = message
        .rfind(", expected ")
        .map(|at| expected_in_words(&message[at + ", expected ".len()..]));

    if let Some(Value::String(text)) = value {
        // chrono reports a bad date with its parser's own message.
        if let Err(err) = text.parse::<chrono::NaiveDate>() {
            if err.to_string() == message {
                return ImportError::InvalidDate {
                    path: path.to_string(),
                    value: text.clone(),
                };
            }
        }
    }
    match (message.starts_with("invalid type:"), expected, value) {
        (true, Some(expected), Some(value)) => ImportError::WrongType {
            path: path.to_string(),
            expected,
            found: describe_value(value),
        },
        (false, Some(expected), Some(Value::Number(number)))
            if message.starts_with("invalid value:") =>
        {
            ImportError::OutOfRange {
                path: path.to_string(),
                value: number.to_string(),
                expected,
            }
        }
        _ => ImportError::InvalidValue {
            path: path.to_string(),
            problem: message.chars().take(MAX_PROBLEM_CHARS).collect(),
        },
    }
}

fn expected_in_words(expected: &str) -> String {
    let words = match expected {
        "u8" => "a whole number from 0 to 255",
        "u16" => "a whole number from 0 to 65535",
        "u32" => "a whole number from 0 to 4294967295",
        "u64" | "usize" | "u128" => "a whole number, 0 or more",
        "i8" | "i16" | "i32" | "i64" | "isize" | "i128" => "a whole number",
        "f32" | "f64" => "a number",
        "a string" | "a borrowed string" | "a formatted date string" => "text",
        "a boolean" => "true or false",
        "a sequence" => "a list",
        "a map" => "an object",
        other if other.starts_with("struct ") => "an object",
        other => return other.chars().take(MAX_PROBLEM_CHARS).collect(),
    };
    words.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use serde::Deserialize;
    use serde_json::json;

    // Stand-ins shaped like the tools' types, so the messages can be checked
    // before (and independently of) the real ones.
    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Doc {
        name: String,
        #[serde(default)]
        goals: Book,
    }

    // Like the tools' types, it keeps unknown fields through `flatten`,
    // which must not hide the paths of the known ones.
    #[derive(Debug, Default, Deserialize)]
    #[allow(dead_code)]
    struct Book {
        #[serde(default)]
        goals: Vec<Goal>,
        #[serde(flatten)]
        extra: serde_json::Map<String, Value>,
    }

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Goal {
        #[serde(default)]
        status: Status,
        #[serde(default)]
        target: u64,
        #[serde(default)]
        deadline: Option<NaiveDate>,
        #[serde(default)]
        percent: u8,
    }

    #[derive(Debug, Default, Deserialize)]
    #[serde(rename_all = "snake_case")]
    enum Status {
        #[default]
        Draft,
        Active,
    }

    fn message(doc: Value) -> String {
        match read_typed::<Doc>(&doc) {
            Ok(parsed) => panic!("expected an error, read {parsed:?}"),
            Err(err) => err.to_string(),
        }
    }

    #[test]
    fn wrong_type_names_its_path_and_what_was_expected() {
        let doc = json!({"name": "N", "goals": {"goals": [{}, {}, {}, {"target": "ten"}]}});
        assert_eq!(
            message(doc),
            "`goals.goals[3].target`: expected a whole number, 0 or more, found the text \"ten\"."
        );
    }

    #[test]
    fn invalid_date_is_reported_with_the_expected_format() {
        let doc = json!({"name": "N", "goals": {"goals": [{}, {}, {"deadline": "2027-02-30"}]}});
        assert_eq!(
            message(doc),
            "`goals.goals[2].deadline`: \"2027-02-30\" is not a date (use YYYY-MM-DD)"
        );
    }

    #[test]
    fn garbage_date_is_reported_as_not_a_date() {
        let doc = json!({"name": "N", "goals": {"goals": [{"deadline": "soon"}]}});
        assert_eq!(
            message(doc),
            "`goals.goals[0].deadline`: \"soon\" is not a date (use YYYY-MM-DD)"
        );
    }

    #[test]
    fn negative_count_is_out_of_range() {
        let doc = json!({"name": "N", "goals": {"goals": [{"target": -3}]}});
        assert_eq!(
            message(doc),
            "`goals.goals[0].target`: -3 is out of range (expected a whole number, 0 or more)."
        );
    }

    #[test]
    fn too_large_small_number_is_out_of_range_with_its_bounds() {
        let doc = json!({"name": "N", "goals": {"goals": [{"percent": 300}]}});
        assert_eq!(
            message(doc),
            "`goals.goals[0].percent`: 300 is out of range (expected a whole number from 0 to 255)."
        );
    }

    #[test]
    fn fractional_count_is_a_wrong_type() {
        let doc = json!({"name": "N", "goals": {"goals": [{"target": 2.5}]}});
        assert_eq!(
            message(doc),
            "`goals.goals[0].target`: expected a whole number, 0 or more, found the number 2.5."
        );
    }

    #[test]
    fn missing_field_is_named_with_its_full_path() {
        assert_eq!(message(json!({})), "`name` is missing.");
    }

    #[test]
    fn wrong_container_type_is_described_in_words() {
        let doc = json!({"name": "N", "goals": {"goals": {"a": 1}}});
        assert_eq!(
            message(doc),
            "`goals.goals`: expected a list, found an object."
        );
    }

    #[test]
    fn huge_wrong_value_is_quoted_short() {
        let doc = json!({"name": "x".repeat(100_000), "goals": 5});
        let text = message(doc);
        assert!(text.starts_with("`goals`: expected an object, found the number 5"));
        let doc = json!({"name": ["x".repeat(100_000)]});
        assert!(message(doc).len() < 200);
    }

    #[test]
    fn a_choice_given_something_else_is_a_wrong_type() {
        let doc = json!({"name": "N", "goals": {"goals": [{"status": ["active"]}]}});
        assert_eq!(
            message(doc),
            "`goals.goals[0].status`: expected string or map, found a list."
        );
        let doc = json!({"name": "N", "goals": {"goals": [{"target": 1, "status": 3}]}});
        assert_eq!(
            message(doc),
            "`goals.goals[0].status`: expected string or map, found the number 3."
        );
        let doc = json!({"name": "N", "goals": {"goals": [{"status": "done"}]}});
        assert_eq!(
            message(doc),
            "`goals.goals[0].status`: unknown variant `done`, expected `draft` or `active`"
        );
    }

    #[test]
    fn the_path_is_found_past_text_that_looks_like_json() {
        let doc = json!({
            "name": "a \"quoted\" [list], {object}: \\",
            "goals": {"odd \"key\"": {"x": "}]"}, "goals": [{"target": 1}, {"percent": 1, "target": true}]}
        });
        assert_eq!(
            message(doc),
            "`goals.goals[1].target`: expected a whole number, 0 or more, found true."
        );
    }

    #[test]
    fn a_missing_field_in_a_list_item_is_named_with_its_place() {
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct Named {
            name: String,
        }
        let doc = json!([{"name": "a"}, {"nom": "b"}]);
        let err = read_typed::<Vec<Named>>(&doc).unwrap_err();
        assert_eq!(err.to_string(), "`[1].name` is missing.");
    }

    #[test]
    fn the_path_at_a_place_in_text_follows_keys_and_lists() {
        let text = r#"{"a":[1,{"b\\\"c":[true,"x,]"]}],"d":2}"#;
        let at = |needle: &str| text.find(needle).unwrap() + needle.len();
        assert_eq!(path_at(text, at("[1")).to_string(), "a[0]");
        assert_eq!(
            path_at(text, at("true")).to_string(),
            r#"a[1]["b\\\"c"][0]"#
        );
        assert_eq!(
            path_at(text, at(r#""x,]""#)).to_string(),
            r#"a[1]["b\\\"c"][1]"#
        );
        assert_eq!(path_at(text, at("]}")).to_string(), "a[1]");
        assert_eq!(path_at(text, at(":2")).to_string(), "d");
    }
}
