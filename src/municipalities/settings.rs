//! The municipality's own words on its page: a short text the admins write (what it hopes to
//! hear about, who to contact) and a general contact address.

use askama::Template;
use axum::Form as PostForm;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::{AdminMunicipality, Municipality};
use crate::domain::{Body, Email, Invalid};
use crate::error::AppError;
use crate::roles::admin::AdminNav;
use crate::state::AppState;
use crate::web::DoneQuery;
use crate::web::forms::{Field, Form};
use crate::web::{Frame, Page};

/// The page text: at most 5000 characters, paragraphs separated by blank lines.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct About(Body<5000>);

impl About {
    pub fn parse(raw: &str) -> Result<About, Invalid> {
        Body::parse(raw)
            .map(About)
            .map_err(|e| e.long("error-about-too-long"))
    }

    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }
}

#[derive(Template)]
#[template(path = "admin/page.html")]
pub struct SettingsPage {
    f: Frame,
    nav: AdminNav,
    done: Option<String>,
    form: Form,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct SettingsInput {
    about: String,
    contact_email: String,
}

fn fields(f: &Frame, input: &SettingsInput) -> Form {
    let tr = &f.tr;
    Form::new(vec![
        Field::new(tr, "about", "textarea", "field-about")
            .value(&input.about)
            .hint(tr, "field-about-hint")
            .optional(),
        Field::new(tr, "contact_email", "email", "field-municipality-contact")
            .value(&input.contact_email)
            .hint(tr, "field-municipality-contact-hint")
            .optional(),
    ])
}

pub async fn form(
    State(state): State<AppState>,
    f: Frame,
    AdminMunicipality(m): AdminMunicipality,
    Query(q): Query<DoneQuery>,
) -> Result<Page<SettingsPage>, AppError> {
    let row = sqlx::query!(
        "SELECT about, contact_email FROM municipalities WHERE code = $1",
        m.code
    )
    .fetch_one(&state.db)
    .await?;
    let input = SettingsInput {
        about: row.about,
        contact_email: row.contact_email.unwrap_or_default(),
    };
    Ok(Page(SettingsPage {
        nav: AdminNav::new(&m, "page"),
        done: q.notice(&f.tr, "admin", &["page-saved"]),
        form: fields(&f, &input),
        f,
    }))
}

pub async fn save(
    State(state): State<AppState>,
    f: Frame,
    AdminMunicipality(m): AdminMunicipality,
    PostForm(input): PostForm<SettingsInput>,
) -> Result<Response, AppError> {
    let mut form = fields(&f, &input);
    let about = form.check("about", &f.tr, About::parse(&input.about));
    let email = if input.contact_email.trim().is_empty() {
        Some(None)
    } else {
        form.check("contact_email", &f.tr, Email::parse(&input.contact_email))
            .map(Some)
    };
    let (Some(about), Some(email)) = (about, email) else {
        let page = SettingsPage {
            nav: AdminNav::new(&m, "page"),
            done: None,
            form,
            f,
        };
        return Ok(Page::invalid(page));
    };
    save_page(&state, &m, &about, email.as_ref()).await?;
    Ok(Redirect::to(&format!("/admin/{}/page?done=page-saved", m.slug)).into_response())
}

/// Saves the text municipality `m` shows on its page, and its contact address (none: the
/// units' own addresses only).
pub async fn save_page(
    state: &AppState,
    m: &Municipality,
    about: &About,
    contact: Option<&Email>,
) -> Result<(), AppError> {
    sqlx::query!(
        "UPDATE municipalities SET about = $2, contact_email = $3 WHERE code = $1",
        m.code,
        about.as_str(),
        contact.map(Email::as_str)
    )
    .execute(&state.db)
    .await?;
    Ok(())
}
