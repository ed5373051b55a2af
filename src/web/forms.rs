//! Form fields as the templates draw them: label, value, hint and error, tied together for
//! screen readers (`aria-describedby`, `aria-invalid`), with an error summary linking to each.
//!
//! A handler parses its form into domain types; on failure it shows the same fields again with
//! what the person typed (passwords excepted) and a Danish message by each field.

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};

use crate::domain::Invalid;
use crate::error::AppError;
use crate::web::i18n::Tr;

/// A posted `application/x-www-form-urlencoded` form read into the struct `T`, for forms where a
/// name repeats (the checkboxes of who comes): axum's `Form` refuses a repeated name. A name
/// that repeats becomes a list, read by fields marked `#[serde(deserialize_with =
/// "forms::many")]`; a name that repeats where `T` expects one value, and so anything `T`
/// cannot be read from, gets the friendly 400 page. Unknown names are ignored and missing ones
/// take `T`'s default (`#[serde(default)]`), as with `Form`.
pub struct ListForm<T>(pub T);

impl<T, S> FromRequest<S> for ListForm<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = Response;

    async fn from_request(req: Request, state: &S) -> Result<Self, Response> {
        let body = Bytes::from_request(req, state)
            .await
            .map_err(IntoResponse::into_response)?;
        read_list_form(&body)
            .map(ListForm)
            .ok_or_else(|| AppError::BadRequest.into_response())
    }
}

/// `body` as `T`: each name once is a string, a repeated name a list of them.
fn read_list_form<T: DeserializeOwned>(body: &[u8]) -> Option<T> {
    let mut map = serde_json::Map::new();
    for (k, v) in url::form_urlencoded::parse(body) {
        let v = serde_json::Value::String(v.into_owned());
        match map.get_mut(k.as_ref()) {
            None => {
                map.insert(k.into_owned(), v);
            }
            Some(serde_json::Value::Array(list)) => list.push(v),
            Some(first) => *first = serde_json::Value::Array(vec![first.take(), v]),
        }
    }
    serde_json::from_value(serde_json::Value::Object(map)).ok()
}

/// Reads a field that may repeat as a list: none, one or several values.
pub fn many<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        One(String),
        Many(Vec<String>),
    }
    Ok(match OneOrMany::deserialize(d)? {
        OneOrMany::One(one) => vec![one],
        OneOrMany::Many(many) => many,
    })
}

/// One input of a form.
#[derive(Clone, Debug)]
pub struct Field {
    /// Makes ids unique when a page has several forms with the same field names.
    pub prefix: &'static str,
    pub name: &'static str,
    pub label: String,
    pub value: String,
    pub kind: &'static str,
    pub autocomplete: &'static str,
    pub hint: Option<String>,
    pub error: Option<String>,
    pub required: bool,
    /// Required or not by another choice in the form (an address for a salon met in person):
    /// never marked optional, its hint says when it must be filled in.
    pub conditional: bool,
    /// A select's options, (value, label); the one equal to `value` is selected.
    pub options: Vec<(String, String)>,
}

impl Field {
    /// A text-like input (`kind` is the `type` attribute).
    pub fn new(tr: &Tr, name: &'static str, kind: &'static str, label_key: &str) -> Field {
        Field {
            prefix: "field",
            name,
            label: tr.t(label_key),
            value: String::new(),
            kind,
            autocomplete: "off",
            hint: None,
            error: None,
            required: true,
            conditional: false,
            options: Vec::new(),
        }
    }

    /// A select of `options`, (value, label), after an empty "choose" option.
    pub fn select(
        tr: &Tr,
        name: &'static str,
        label_key: &str,
        options: Vec<(String, String)>,
    ) -> Field {
        Field {
            options,
            ..Field::new(tr, name, "select", label_key)
        }
    }

    pub fn value(mut self, value: &str) -> Field {
        // Passwords are never sent back to the browser.
        if self.kind != "password" {
            self.value = value.to_string();
        }
        self
    }

    pub fn autocomplete(mut self, token: &'static str) -> Field {
        self.autocomplete = token;
        self
    }

    pub fn hint(mut self, tr: &Tr, key: &str) -> Field {
        self.hint = Some(tr.t(key));
        self
    }

    pub fn optional(mut self) -> Field {
        self.required = false;
        self
    }

    /// Required only with another choice (see [`Field::conditional`]): not `required` in the
    /// browser, which cannot know, and not marked "(valgfrit)" either.
    pub fn required_when(mut self) -> Field {
        self.required = false;
        self.conditional = true;
        self
    }

    /// Sets the error from a parse result, passing the value on.
    pub fn check<T>(&mut self, tr: &Tr, result: Result<T, Invalid>) -> Option<T> {
        match result {
            Ok(v) => Some(v),
            Err(Invalid(key)) => {
                self.error = Some(tr.t(key));
                None
            }
        }
    }

    pub fn fail(&mut self, tr: &Tr, key: &str) {
        self.error = Some(tr.t(key));
    }

    /// The id of the input element.
    pub fn id(&self) -> String {
        format!("{}-{}", self.prefix, self.name)
    }

    /// What `aria-describedby` points at: the hint and the error, when present.
    pub fn described_by(&self) -> String {
        let mut ids = Vec::new();
        if self.hint.is_some() {
            ids.push(format!("{}-hint", self.id()));
        }
        if self.error.is_some() {
            ids.push(format!("{}-error", self.id()));
        }
        ids.join(" ")
    }
}

/// The fields of one form, in order.
#[derive(Clone, Debug, Default)]
pub struct Form {
    pub fields: Vec<Field>,
}

impl Form {
    pub fn new(fields: Vec<Field>) -> Form {
        Form { fields }
    }

    /// Prefixes the fields' ids (`email-current_password`), for pages with several forms.
    pub fn prefixed(mut self, prefix: &'static str) -> Form {
        for field in &mut self.fields {
            field.prefix = prefix;
        }
        self
    }

    pub fn has_errors(&self) -> bool {
        self.fields.iter().any(|f| f.error.is_some())
    }

    /// The field called `name`, if the form has one.
    pub fn field(&self, name: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.name == name)
    }

    pub fn field_mut(&mut self, name: &str) -> Option<&mut Field> {
        self.fields.iter_mut().find(|f| f.name == name)
    }

    /// Sets the error of the field called `name` from a parse result, passing the value on. A
    /// form without that field is a mistake in the code, not in the input: the value is refused
    /// all the same, and the mistake logged, rather than the request failing.
    pub fn check<T>(&mut self, name: &str, tr: &Tr, result: Result<T, Invalid>) -> Option<T> {
        match self.field_mut(name) {
            Some(field) => field.check(tr, result),
            None => {
                tracing::error!(field = name, "a form was checked against a field it lacks");
                result.ok()
            }
        }
    }

    /// Marks the field called `name` wrong with the message `key`.
    pub fn fail(&mut self, name: &str, tr: &Tr, key: &str) {
        match self.field_mut(name) {
            Some(field) => field.fail(tr, key),
            None => tracing::error!(field = name, "a form was failed on a field it lacks"),
        }
    }

    /// Whether the field called `name` has an error.
    pub fn has_error(&self, name: &str) -> bool {
        self.field(name).is_some_and(|f| f.error.is_some())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::web::i18n::Locale;

    #[test]
    fn a_field_the_form_lacks_is_no_panic() {
        let tr = Tr::new(Locale::Da);
        let mut form = Form::new(vec![Field::new(&tr, "name", "text", "field-name")]);
        assert!(form.field("nope").is_none());
        assert_eq!(form.check("nope", &tr, Ok::<_, Invalid>(3)), Some(3));
        form.fail("nope", &tr, "error-name-missing");
        assert!(!form.has_errors());
        assert_eq!(
            form.check("name", &tr, Err::<u8, _>(Invalid("error-name-missing"))),
            None
        );
        assert!(form.has_error("name"));
    }

    #[derive(Deserialize, Default, Debug, PartialEq)]
    #[serde(default)]
    struct Answer {
        note: String,
        #[serde(deserialize_with = "many")]
        comers: Vec<String>,
    }

    #[test]
    fn a_list_form_reads_repeated_names_as_lists_and_refuses_them_elsewhere() {
        let read = |body: &str| read_list_form::<Answer>(body.as_bytes());
        assert_eq!(
            read("note=Hej&comers=a&comers=b&other=1"),
            Some(Answer {
                note: "Hej".into(),
                comers: vec!["a".into(), "b".into()],
            })
        );
        assert_eq!(
            read("comers=a").map(|a| a.comers),
            Some(vec!["a".to_string()])
        );
        assert_eq!(read(""), Some(Answer::default()));
        assert_eq!(read("note=a&note=b"), None);
        assert_eq!(read("%%%&&==&=&a=%ZZ\u{0}"), Some(Answer::default()));
    }
}
