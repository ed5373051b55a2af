//! Groups of radio buttons and checkboxes, drawn by `templates/roles/choices.html` inside a
//! fieldset with the group's legend, hint and error.

/// One radio button or checkbox of a group (drawn by `templates/roles/choices.html`).
#[derive(Clone, Debug)]
pub struct Choice {
    /// The input's id: the group's field id for the first, so the error summary can link to it.
    pub id: String,
    pub value: String,
    pub label: String,
    pub hint: Option<String>,
    pub checked: bool,
}

/// Choices for the group whose field id is `field_id`, with ids derived from it.
pub fn choices(field_id: &str, items: Vec<(String, String, Option<String>, bool)>) -> Vec<Choice> {
    items
        .into_iter()
        .enumerate()
        .map(|(i, (value, label, hint, checked))| Choice {
            id: if i == 0 {
                field_id.to_string()
            } else {
                format!("{field_id}-{}", i + 1)
            },
            value,
            label,
            hint,
            checked,
        })
        .collect()
}
