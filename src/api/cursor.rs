//! The opaque cursor of the API's lists: base64url of the key of the last item sent, so the
//! next page starts just after it (keyset pagination: stable while rows are added, and as
//! fast on page 1,000 as on page 1). Clients pass it back unread; its inside may change.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use super::ApiError;

/// A list's position, as the key's own text (the directory's cursor, a decision's
/// `date_id`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cursor(pub String);

impl Cursor {
    /// The cursor as sent to clients.
    pub fn encode(key: &str) -> String {
        URL_SAFE_NO_PAD.encode(key)
    }

    /// A cursor from a client: `None` when absent or empty; a 400 for anything this API did
    /// not write, rather than silently starting over (a client would loop forever).
    pub fn decode(raw: Option<&str>) -> Result<Option<Cursor>, ApiError> {
        let Some(raw) = raw.filter(|r| !r.is_empty()) else {
            return Ok(None);
        };
        URL_SAFE_NO_PAD
            .decode(raw)
            .ok()
            .and_then(|bytes| String::from_utf8(bytes).ok())
            .map(|key| Some(Cursor(key)))
            .ok_or_else(bad)
    }
}

/// The 400 for a cursor this API did not write.
pub fn bad() -> ApiError {
    ApiError::BadRequest("The cursor is not one this API wrote; start again without it.".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cursor_reads_back_what_it_wrote_and_refuses_anything_else() {
        let written = Cursor::encode("1764939600000000_0b3c");
        assert_eq!(
            Cursor::decode(Some(&written)).unwrap(),
            Some(Cursor("1764939600000000_0b3c".into()))
        );
        assert_eq!(Cursor::decode(None).unwrap(), None);
        assert!(Cursor::decode(Some("%%%")).is_err());
        assert!(Cursor::decode(Some("/w")).is_err());
    }
}
