//! The invitation forms' values, parsed once: what is stored is always valid.

use chrono::NaiveDate;
use uuid::Uuid;

use crate::domain::{Body, Email, Invalid, Line};

/// Who a host invites, as chosen in the form's one list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Choice {
    /// The salon's municipality as a whole: its admins pass it on.
    Municipality,
    Unit(Uuid),
    /// A person with a verified role, by the role's id.
    Person(Uuid),
    /// Anyone, by email address.
    Email,
}

impl Choice {
    pub fn parse(raw: &str) -> Result<Choice, Invalid> {
        let raw = raw.trim();
        let id = |s: &str| Uuid::parse_str(s).map_err(|_| Invalid("inv-error-target-missing"));
        match raw.split_once(':') {
            _ if raw == "municipality" => Ok(Choice::Municipality),
            _ if raw == "email" => Ok(Choice::Email),
            Some(("unit", rest)) => Ok(Choice::Unit(id(rest)?)),
            Some(("person", rest)) => Ok(Choice::Person(id(rest)?)),
            _ => Err(Invalid("inv-error-target-missing")),
        }
    }
}

/// The host's personal message, a reason for declining, an optional note: at most 1,000
/// characters, line breaks kept.
pub type Message = Body<1000>;

/// A message in the invitation's thread (a question, a reply).
pub type ThreadText = Body<2000>;

/// The host's personal message: required.
pub fn parse_message(raw: &str) -> Result<Message, Invalid> {
    Body::required(raw)
        .map_err(|e| e.key("inv-error-message-missing", "inv-error-message-too-long"))
}

/// A reason for declining: required, so the host learns why.
pub fn parse_reason(raw: &str) -> Result<Message, Invalid> {
    Body::required(raw).map_err(|e| e.key("inv-error-reason-missing", "inv-error-reason-too-long"))
}

/// A message in the invitation's thread: required.
pub fn parse_thread_text(raw: &str) -> Result<ThreadText, Invalid> {
    Body::required(raw).map_err(|e| e.key("inv-error-text-missing", "inv-error-text-too-long"))
}

/// An internal note on an invitation: required.
pub fn parse_internal_note(raw: &str) -> Result<ThreadText, Invalid> {
    Body::required(raw).map_err(|e| e.key("inv-error-note-missing", "inv-error-text-too-long"))
}

/// An optional note (passing on, accepting).
pub fn parse_note(raw: &str) -> Result<Message, Invalid> {
    Body::parse(raw).map_err(|e| e.long("inv-error-text-too-long"))
}

/// "Svar gerne senest": an optional date, not before `today`.
pub fn parse_reply_by(raw: &str, today: NaiveDate) -> Result<Option<NaiveDate>, Invalid> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    let date = NaiveDate::parse_from_str(raw, "%Y-%m-%d")
        .map_err(|_| Invalid("inv-error-reply-by-invalid"))?;
    if date < today {
        return Err(Invalid("inv-error-reply-by-past"));
    }
    Ok(Some(date))
}

/// An email address compared and stored in lower case (suppression, duplicates).
pub fn parse_address(raw: &str) -> Result<String, Invalid> {
    Ok(Email::parse(raw)?.as_str().to_lowercase())
}

/// The names of those who come, when answering by email link without an account: one per
/// line (a line may say "Jens Hansen, vejingeniør"), 1–10 people.
pub fn parse_names(raw: &str) -> Result<Vec<Line<100>>, Invalid> {
    // Each line is a name shown in public, so each follows the one rule for a line.
    let names: Vec<Line<100>> = raw
        .lines()
        .map(|line| Line::parse(line).map_err(|e| e.long("inv-error-names-too-many")))
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .filter(|n| !n.is_empty())
        .collect();
    if names.is_empty() {
        return Err(Invalid("inv-error-names-missing"));
    }
    if names.len() > 10 {
        return Err(Invalid("inv-error-names-too-many"));
    }
    Ok(names)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_target_list_names_one_kind_of_target() {
        let id = Uuid::nil();
        assert_eq!(Choice::parse("municipality"), Ok(Choice::Municipality));
        assert_eq!(Choice::parse(&format!("unit:{id}")), Ok(Choice::Unit(id)));
        assert_eq!(
            Choice::parse(&format!("person:{id}")),
            Ok(Choice::Person(id))
        );
        assert_eq!(Choice::parse("email"), Ok(Choice::Email));
        assert!(Choice::parse("").is_err());
        assert!(Choice::parse("unit:nope").is_err());
    }

    #[test]
    fn texts_are_required_where_an_answer_needs_them_and_capped() {
        assert_eq!(
            parse_message(" Kom og hør \r\nos "),
            Ok(Body::stored("Kom og hør \nos".into()))
        );
        assert_eq!(parse_message(""), Err(Invalid("inv-error-message-missing")));
        assert_eq!(
            parse_message(&"a".repeat(1001)),
            Err(Invalid("inv-error-message-too-long"))
        );
        assert_eq!(parse_reason(" "), Err(Invalid("inv-error-reason-missing")));
        assert_eq!(parse_note(""), Ok(Body::default()));
    }

    #[test]
    fn a_reply_by_date_is_optional_and_not_in_the_past() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        assert_eq!(parse_reply_by("", today), Ok(None));
        assert_eq!(
            parse_reply_by("2026-12-10", today),
            Ok(NaiveDate::from_ymd_opt(2026, 12, 10))
        );
        assert_eq!(
            parse_reply_by("2026-11-30", today),
            Err(Invalid("inv-error-reply-by-past"))
        );
        assert_eq!(
            parse_reply_by("10/12", today),
            Err(Invalid("inv-error-reply-by-invalid"))
        );
    }

    #[test]
    fn names_come_one_per_line_or_comma() {
        assert_eq!(
            parse_names("Jens Hansen, vejingeniør\n  Mette  Holm \n\n"),
            Ok(vec![
                Line::stored("Jens Hansen, vejingeniør".into()),
                Line::stored("Mette Holm".into())
            ])
        );
        assert!(parse_names(" \n").is_err());
    }
}
