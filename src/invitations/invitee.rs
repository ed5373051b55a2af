//! The link in an invitation by email, `/invited/{token}`: someone invited to an invite-only
//! salon has, as a rule, no account with the invited address yet, and without one the salon
//! does not exist for them. The link shows it as a visitor of a public salon would see it —
//! never the private address or the online link — with "Opret en konto med <adresse> for at
//! tilmelde dig". Once signed in with that address the link leads to the salon itself. The page
//! is kept out of caches and search engines: its address is a credential.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};

use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::salons::visibility::{VisibleSalon, load_for_invitee};
use crate::state::AppState;
use crate::web::{Frame, Page};

#[derive(Template)]
#[template(path = "invitations/invitee.html")]
pub struct InviteePage {
    f: Frame,
    salon: VisibleSalon,
    email: String,
    question: String,
    description_html: String,
    sessions: Vec<String>,
    place: Option<String>,
    link: Option<String>,
    format_label: String,
    municipality_name: String,
    town: String,
    hosts: Vec<String>,
    register_href: String,
    sign_in_href: String,
}

/// `GET /invited/{token}`.
pub async fn page(
    State(state): State<AppState>,
    f: Frame,
    user: Option<CurrentUser>,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let view = load_for_invitee(&state.db, &token, state.clock.now()).await?;
    // With an account the salon is theirs to see by the rule itself: the link leads there.
    if let Some(user) = &user {
        if crate::salons::load_visible(&state.db, view.salon.id, Some(user))
            .await
            .is_ok()
        {
            return Ok(Redirect::to(&view.salon.path()).into_response());
        }
    }
    let mut d = crate::salons::details(&state.db, view.salon.id).await?;
    if crate::limits::links_as_text(d.newest_host_since, state.clock.now()) {
        d.description_html = crate::salons::markdown::under(
            &crate::salons::markdown::render_links_as_text(&d.description),
            3,
        );
    }
    let tr = &f.tr;
    let (place, link) = d.place_for(tr, false);
    let sessions = d
        .sessions
        .iter()
        .map(|s| {
            let when = crate::salons::session_when(tr, s.starts_at, s.ends_at);
            match d.session_place_for(tr, false, s) {
                Some(place) => format!("{when} · {place}"),
                None => when,
            }
        })
        .collect();
    let hosts = d
        .host_names
        .iter()
        .map(|n| {
            if n.is_empty() {
                tr.t("salon-deleted-user")
            } else {
                n.clone()
            }
        })
        .collect();
    let email_q: String = url::form_urlencoded::byte_serialize(view.email.as_bytes()).collect();
    let next: String = url::form_urlencoded::byte_serialize(view.salon.path().as_bytes()).collect();
    let page = InviteePage {
        format_label: tr.t(&format!("salon-format-{}", d.format.as_str())),
        register_href: format!("/register?email={email_q}"),
        sign_in_href: format!("/sign-in?next={next}"),
        question: d.question,
        description_html: d.description_html,
        sessions,
        place,
        link,
        municipality_name: d.municipality_name,
        town: d.town,
        hosts,
        email: view.email,
        salon: view.salon,
        f,
    };
    Ok((
        [
            // The address is a credential: never stored by a cache, never indexed.
            (header::CACHE_CONTROL, "private, no-store"),
            (header::HeaderName::from_static("x-robots-tag"), "noindex"),
        ],
        Page(page),
    )
        .into_response())
}
