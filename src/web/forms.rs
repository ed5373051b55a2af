//! Form fields as the templates draw them: label, value, hint and error, tied together for
//! screen readers (`aria-describedby`, `aria-invalid`), with an error summary linking to each.
//!
//! A handler parses its form into domain types; on failure it shows the same fields again with
//! what the person typed (passwords excepted) and a Danish message by each field.

use crate::domain::Invalid;
use crate::web::i18n::Tr;

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

    /// The field called `name` (a programming error if there is none).
    pub fn field(&mut self, name: &str) -> &mut Field {
        let i = self.fields.iter().position(|f| f.name == name);
        let i = i.unwrap_or_else(|| panic!("the form has no field {name}"));
        &mut self.fields[i]
    }
}
