//! The alignment as JSON: the format translators' tools read. Documented in the README; the
//! `version` field changes when the shape does.

use crate::align::Alignment;

/// Pretty-printed JSON of an alignment.
pub fn to_string(alignment: &Alignment) -> String {
    serde_json::to_string_pretty(alignment).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}
