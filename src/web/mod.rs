//! What every page shares: the frame (language, navigation), the one `IntoResponse` for
//! templates, error pages, static assets, the language switch and the HTTP layers.

pub mod assets;
pub mod client;
pub mod corrections;
pub mod csrf;
pub mod escape;
pub mod forms;
pub mod i18n;
pub mod layers;
pub mod markup;
pub mod path;

use askama::Template;
use axum::extract::{FromRequestParts, Query, State};
use axum::http::request::Parts;
use axum::http::{HeaderValue, Request, StatusCode, header};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::error::{AppError, ErrorKind, ErrorPage};
use crate::state::AppState;
use i18n::{LANG_COOKIE, Locale, Tr};

/// What the base template needs on every page.
#[derive(Clone, Debug)]
pub struct Frame {
    pub tr: Tr,
    /// The current path (no query string), so the language switch returns here.
    pub path: String,
    pub dev_mailbox: bool,
    /// The signed-in person's name, for the header.
    pub user_name: Option<String>,
    /// The signed-in person, so a page can tell their own words from others'.
    pub user_id: Option<uuid::Uuid>,
    /// The header's count of open invitations (people in a municipal role only).
    pub inbox: Option<i64>,
    /// The header's count of unread notifications (signed-in people only).
    pub unread: Option<i64>,
    /// The header's link to administration, for municipality admins: their municipality's
    /// pages, or the list on "Mine saloner" for someone who administers several.
    pub admin_href: Option<String>,
    /// The header links to the moderation queue (platform moderators only).
    pub moderator: bool,
}

impl Frame {
    /// The site's stylesheet, under its fingerprinted name.
    pub fn stylesheet(&self) -> &'static str {
        assets::stylesheet_href()
    }

    /// The share script's fingerprinted URL (the salon page's "Kopiér link").
    pub fn share_script(&self) -> &'static str {
        assets::share_script_href()
    }

    /// The favicon's fingerprinted URL.
    pub fn favicon(&self) -> &'static str {
        assets::favicon_href()
    }

    /// The touch icon's fingerprinted URL.
    pub fn touch_icon(&self) -> &'static str {
        assets::touch_icon_href()
    }

    /// The language switch's link to `to`.
    pub fn switch_href(&self, to: &str) -> String {
        let next: String = url::form_urlencoded::byte_serialize(self.path.as_bytes()).collect();
        format!("/language?lang={to}&next={next}")
    }

    /// "(3 åbne)" beside the header's inbox link, when something waits.
    pub fn inbox_count(&self) -> Option<String> {
        self.inbox
            .filter(|n| *n > 0)
            .map(|n| self.tr.count("nav-inbox-open", n))
    }

    /// The header's link to the notification centre: "Notifikationer (3)" while some are unread.
    pub fn notifications_label(&self) -> String {
        let label = self.tr.t("nav-notifications");
        match self.unread.filter(|n| *n > 0) {
            Some(n) => format!("{label} ({n})"),
            None => label,
        }
    }

    /// ` lang="da"` for an element holding what people wrote in Danish (salon titles and texts,
    /// decisions, unit names) on a page in English, so a screen reader reads it in a Danish
    /// voice (WCAG 3.1.2); empty on a Danish page, whose language it is already. Written with
    /// `|safe`: the value is one of two constants.
    pub fn da(&self) -> &'static str {
        match self.tr.locale {
            Locale::Da => "",
            Locale::En => " lang=\"da\"",
        }
    }

    /// The other language, for the switch.
    pub fn other_locale(&self) -> Locale {
        match self.tr.locale {
            Locale::Da => Locale::En,
            Locale::En => Locale::Da,
        }
    }

    /// Whether the header link to `prefix` is the current page (or a page under it).
    pub fn current(&self, prefix: &str) -> bool {
        self.path == prefix
            || self
                .path
                .strip_prefix(prefix)
                .is_some_and(|rest| rest.starts_with('/'))
    }

    /// The frame of the request's page, with its person in the header (read now if nothing
    /// has read them yet).
    async fn for_parts(parts: &Parts, dev_mailbox: bool) -> Result<Frame, AppError> {
        let frame = Frame::without_person(parts, dev_mailbox);
        Ok(frame.with_person(crate::auth::current(parts).await?))
    }

    /// The frame before the person is known: see [`BareFrame`].
    fn without_person(parts: &Parts, dev_mailbox: bool) -> Frame {
        Frame::visitor(
            Locale::from_headers(&parts.headers),
            parts.uri.path(),
            dev_mailbox,
        )
    }

    /// This frame with `user` (if any) signed in, in the header.
    pub fn with_person(mut self, user: Option<crate::auth::CurrentUser>) -> Frame {
        if let Some(user) = user {
            self.signed_in(user);
        }
        self
    }

    /// The frame of someone not signed in, on `path`.
    fn visitor(locale: Locale, path: &str, dev_mailbox: bool) -> Frame {
        Frame {
            tr: Tr::new(locale),
            path: path.to_string(),
            dev_mailbox,
            user_name: None,
            user_id: None,
            inbox: None,
            unread: None,
            admin_href: None,
            moderator: false,
        }
    }

    /// The header for `user`: their name, counts and the links their roles give.
    fn signed_in(&mut self, user: crate::auth::CurrentUser) {
        self.admin_href = match user.admin_of.as_slice() {
            [] => None,
            [slug] => Some(format!("/admin/{slug}")),
            _ => Some("/mine#administration".to_string()),
        };
        self.moderator = user.moderator;
        self.user_id = Some(user.id);
        self.user_name = Some(user.name);
        self.inbox = user.inbox;
        self.unread = Some(user.unread);
    }
}

impl FromRequestParts<AppState> for Frame {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        Frame::for_parts(parts, state.config.dev_mailbox).await
    }
}

/// The page's frame without the person, for a handler that reads the person in its own
/// statement (the salon page, see [`crate::auth::RequestPerson::pending`]): taking [`Frame`] would
/// read them first. The handler completes it with [`BareFrame::for_person`].
pub struct BareFrame(Frame);

impl BareFrame {
    /// The frame with `user` (if any) in the header: what [`Frame`] would have been.
    pub fn for_person(self, user: Option<crate::auth::CurrentUser>) -> Frame {
        self.0.with_person(user)
    }
}

impl FromRequestParts<AppState> for BareFrame {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        Ok(BareFrame(Frame::without_person(
            parts,
            state.config.dev_mailbox,
        )))
    }
}

/// A rendered page: the one way templates become responses.
pub struct Page<T>(pub T);

/// The room a page is written into. askama starts from a guess made from the template's own
/// text (a few KB for a page that loops over its rows) and the string doubles as it fills: a
/// directory page of 20 cards (31–33 KB) grew six times, each growth copying what was written
/// — ~46,000 instructions of its ~575,000. Allocated once at this size the memory is not
/// touched beyond what the page writes; a larger page grows as before.
const PAGE_ROOM: usize = 64 * 1024;

impl<T: Template> IntoResponse for Page<T> {
    fn into_response(self) -> Response {
        let mut html = String::with_capacity(PAGE_ROOM.max(T::SIZE_HINT));
        match self.0.render_into(&mut html) {
            Ok(()) => Html(html).into_response(),
            Err(e) => AppError::from(e).into_response(),
        }
    }
}

impl<T: Template> Page<T> {
    /// A form sent back refused: 422, the page showing why by the fields, nothing typed lost.
    pub fn invalid(page: T) -> Response {
        (StatusCode::UNPROCESSABLE_ENTITY, Page(page)).into_response()
    }

    /// The form again: refused (422) when `invalid`, otherwise 200 (a step such as "add a
    /// session" that only redraws the form).
    pub fn form(page: T, invalid: bool) -> Response {
        if invalid {
            Self::invalid(page)
        } else {
            Page(page).into_response()
        }
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorTemplate {
    f: Frame,
    status: u16,
    title: String,
    message: String,
    /// The page offers to send the verification link again.
    offer_resend: bool,
}

/// Renders error responses (those carrying [`ErrorPage`]) as a page in the site's frame, in the
/// visitor's language. Runs outside the handlers, so every error looks the same — those of
/// axum's own extractors too ([`rejected`]), whose plain text would show parser details.
pub async fn error_pages(
    State(state): State<AppState>,
    request: Request<axum::body::Body>,
    next: Next,
) -> Response {
    // Only what the error page's frame needs is kept from the request, and the frame is made
    // only for an error: nearly every response passes through untouched. This layer runs
    // outside the session's, so the request carries no person yet (the frame of a visitor).
    let locale = Locale::from_headers(request.headers());
    let uri = request.uri().clone();
    let cookie = crate::auth::sessions::cookie_token(request.headers());
    let method = request.method().clone();
    let response = next.run(request).await;
    let (status, kind) = match response.extensions().get::<ErrorPage>().copied() {
        Some(ErrorPage(status, kind)) => (status, kind),
        None => match rejected(&method, &response) {
            Some(status) => (status, ErrorKind::Status),
            None => return response,
        },
    };
    let mut frame = Frame::visitor(locale, uri.path(), state.config.dev_mailbox);
    // This layer runs outside the session's, so the person is looked up again — only for an
    // error page, so its header shows them signed in. A database that is down shows them as
    // a visitor instead of failing twice.
    if let Some(token) = cookie {
        if let Ok(Some(user)) = crate::auth::sessions::load(&state, &token).await {
            frame.signed_in(user);
        }
    }
    if kind == ErrorKind::SignInRequired {
        // Back to this page after signing in (only pages one can open again: GET).
        let next: String = url::form_urlencoded::byte_serialize(frame.path.as_bytes()).collect();
        return Redirect::to(&format!("/sign-in?next={next}")).into_response();
    }
    error_page(frame, status, kind, response)
}

/// The status to answer with when `response` is a refusal by the router or by one of axum's
/// extractors (`Path`, `Query`, `Form`) rather than by our code: those answer a 4xx in plain
/// text naming the parser's complaint (`UUID parsing failed: …`), or an empty 405. A URL that
/// cannot be understood names no page, so a GET is a 404; a body that cannot be is a 400 (too
/// large stays 413); a wrong method stays 405. Our own errors carry [`ErrorPage`], and our
/// plain-text machine endpoints (`/readyz`, `/metrics`) answer nothing of this kind.
fn rejected(method: &axum::http::Method, response: &Response) -> Option<StatusCode> {
    let status = response.status();
    let plain = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("text/plain"));
    match status {
        StatusCode::METHOD_NOT_ALLOWED => Some(status),
        _ if !(status.is_client_error() && plain) => None,
        StatusCode::PAYLOAD_TOO_LARGE => Some(status),
        _ if matches!(*method, axum::http::Method::GET | axum::http::Method::HEAD) => {
            Some(StatusCode::NOT_FOUND)
        }
        _ => Some(StatusCode::BAD_REQUEST),
    }
}

fn error_page(f: Frame, status: StatusCode, kind: ErrorKind, original: Response) -> Response {
    let key = match (kind, status.as_u16()) {
        (ErrorKind::CrossSite, _) => "error-csrf",
        (ErrorKind::Unverified, _) => "error-unverified",
        (_, 403) => "error-403",
        (_, 404) => "error-404",
        (_, 429) => "error-429",
        (_, 400 | 405 | 413 | 414 | 422) => "error-400",
        (_, 503) => "error-503",
        _ => "error-500",
    };
    let page = ErrorTemplate {
        title: f.tr.t(&format!("{key}-title")),
        message: f.tr.t(&format!("{key}-message")),
        status: status.as_u16(),
        offer_resend: kind == ErrorKind::Unverified,
        f,
    };
    match page.render() {
        Ok(html) => {
            let mut response = (status, Html(html)).into_response();
            // Keep headers the handler set, such as Retry-After.
            for (name, value) in original.headers() {
                if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
                    response.headers_mut().insert(name.clone(), value.clone());
                }
            }
            response
        }
        Err(e) => {
            tracing::error!(error = %e, "rendering the error page failed");
            status.into_response()
        }
    }
}

/// A handler that panicked: logged (inside the request's span) and shown as the friendly 500
/// page; the panic's text, which may hold anything, never reaches the client.
pub fn panic_response(panic: Box<dyn std::any::Any + Send + 'static>) -> Response {
    let what = panic
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| panic.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("(no message)");
    AppError::Internal(anyhow::anyhow!("a handler panicked: {what}")).into_response()
}

/// Unknown URLs.
pub async fn not_found() -> AppError {
    AppError::NotFound
}

/// `?done=…` after a form succeeded: which confirmation to show (each page checks the value
/// against the messages it knows).
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct DoneQuery {
    pub done: Option<String>,
}

impl DoneQuery {
    /// The notice after a change (`?done=saved`): the text `{prefix}-done-{done}`, when `done`
    /// is one this page knows.
    pub fn notice(&self, tr: &Tr, prefix: &str, known: &[&str]) -> Option<String> {
        done_notice(tr, prefix, self.done.as_deref(), known)
    }
}

/// The text `{prefix}-done-{done}` for a `done` in `known`.
pub fn done_notice(tr: &Tr, prefix: &str, done: Option<&str>, known: &[&str]) -> Option<String> {
    done.filter(|d| known.contains(d))
        .map(|d| tr.t(&format!("{prefix}-done-{d}")))
}

#[derive(Deserialize)]
pub struct LanguageQuery {
    lang: String,
    next: Option<String>,
}

/// The header's language switch: remembers the choice in a cookie and goes back to the page.
/// A plain link (a GET) so it works without JavaScript; it changes only a preference cookie.
pub async fn switch_language(
    State(state): State<AppState>,
    Query(q): Query<LanguageQuery>,
) -> Result<Response, AppError> {
    let locale = Locale::from_code(&q.lang).ok_or(AppError::BadRequest)?;
    let next = q.next.as_deref().and_then(local_path).unwrap_or("/");
    let secure = if state.config.https() { "; Secure" } else { "" };
    let cookie = format!(
        "{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly{secure}",
        locale.code()
    );
    let mut response = Redirect::to(next).into_response();
    response.headers_mut().insert(
        header::SET_COOKIE,
        HeaderValue::from_str(&cookie).map_err(|e| AppError::Internal(e.into()))?,
    );
    Ok(response)
}

/// `target` if it is a path on this site, so a redirect to it cannot leave the site.
pub fn local_path(target: &str) -> Option<&str> {
    let ok = target.starts_with('/')
        && !target.starts_with("//")
        && !target.contains('\\')
        && !target.chars().any(char::is_control);
    ok.then_some(target)
}

#[cfg(test)]
mod tests {
    use super::local_path;

    #[test]
    fn redirects_stay_on_this_site() {
        assert_eq!(local_path("/municipalities"), Some("/municipalities"));
        assert_eq!(local_path("//evil.example"), None);
        assert_eq!(local_path("/\\evil.example"), None);
        assert_eq!(local_path("https://evil.example"), None);
        assert_eq!(local_path("/a\nb"), None);
    }
}
