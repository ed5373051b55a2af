//! The poster, `/salons/{key}/poster`: a page to print and put up at the library or the
//! supermarket, for neighbours who are not on Medspil. A4, or two A5 copies on one A4 sheet.
//!
//! It shows only what anyone may see — the address and the map link only when the host does
//! not keep the address for registered people ([`Details::public_place`]), whoever prints it.
//! A phone number the host wants on it is typed at print time into the page's GET form: it
//! lives in that one request's query string (which the request log never records, see
//! `web/layers.rs`) and is stored nowhere.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use qrcode::QrCode;
use qrcode::render::svg;
use serde::Deserialize;

use super::show::Details;
use super::visibility::{SalonKey, VisibleSalon, load_visible};
use super::{SalonStatus, session_when};
use crate::auth::CurrentUser;
use crate::domain::Phone;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::forms::{Field, Form};
use crate::web::markup::Isolated;
use crate::web::path::Ids;
use crate::web::{Frame, Page};

/// The paper sizes the poster comes in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Size {
    /// One poster filling an A4 sheet.
    A4,
    /// Two A5 posters side by side on a landscape A4 sheet, to cut in half.
    A5,
}

impl Size {
    fn parse(raw: Option<&str>) -> Size {
        // Anything but "a5" is the ordinary poster: a link with an odd value still prints.
        match raw {
            Some("a5") => Size::A5,
            _ => Size::A4,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Size::A4 => "a4",
            Size::A5 => "a5",
        }
    }
}

/// The poster form's query: both optional.
#[derive(Debug, Default, Deserialize)]
pub struct PosterQuery {
    phone: Option<String>,
    size: Option<String>,
}

/// The poster page: the form to adjust it on screen, the poster (once or twice) for paper.
#[derive(Template)]
#[template(path = "salons/poster.html")]
pub struct PosterPage {
    f: Frame,
    salon: VisibleSalon,
    form: Form,
    size: Size,
    /// How many copies the sheet holds (the second is the same poster, hidden from screen
    /// readers).
    copies: Vec<bool>,
    question: String,
    municipality: String,
    town: String,
    /// Each session, "lørdag 5. december kl. 14.00–16.00".
    sessions: Vec<String>,
    /// "Ry Bibliotek, Klostervej 1, 8680 Ry" when public; otherwise the poster says the
    /// address is given on signing up.
    place: Option<String>,
    map_link: Option<String>,
    meets_at_place: bool,
    online: bool,
    /// "Kommunen er inviteret": the same lines as the salon page.
    invitations: Vec<(Isolated, Isolated)>,
    /// The salon's address as printed under the code, without `https://`.
    address: String,
    /// The QR code to the salon's address: SVG made here, its colours presentation attributes.
    qr_svg: String,
    phone: Option<Phone>,
    /// The salon's picture, if its hosts have put one up: printed at its widest.
    picture: Option<crate::pictures::Picture>,
    is_cancelled: bool,
}

/// `GET /salons/{key}/poster`: whoever may see the salon page may print its poster.
pub async fn page(
    State(state): State<AppState>,
    f: Frame,
    user: Option<CurrentUser>,
    Ids(key): Ids<SalonKey>,
    Query(q): Query<PosterQuery>,
) -> Result<Response, AppError> {
    let salon = load_visible(&state.db, key.id.uuid(), user.as_ref()).await?;
    let canonical = format!("{}/poster", salon.path());
    if format!("/salons/{}/poster", key.raw) != canonical {
        // The query (the phone number) is left behind: the form asks again.
        return Ok(Redirect::permanent(&canonical).into_response());
    }
    let mut d = super::details(&state.db, salon.id).await?;
    let tr = &f.tr;
    let size = Size::parse(q.size.as_deref());
    let mut form = Form::new(vec![
        Field::new(tr, "phone", "tel", "poster-phone-label")
            .hint(tr, "poster-phone-hint")
            .autocomplete("tel")
            .optional()
            .value(q.phone.as_deref().unwrap_or_default()),
        Field::select(
            tr,
            "size",
            "poster-size-label",
            vec![
                ("a4".to_string(), tr.t("poster-size-a4")),
                ("a5".to_string(), tr.t("poster-size-a5")),
            ],
        )
        .value(size.as_str()),
    ])
    .prefixed("poster");
    // The same rule as a participant's number; an empty field is no number.
    let phone = form
        .check(
            "phone",
            tr,
            Phone::parse(q.phone.as_deref().unwrap_or_default()),
        )
        .flatten();
    let url = state.config.link(&salon.path());
    let page = PosterPage {
        copies: match size {
            Size::A4 => vec![true],
            Size::A5 => vec![true, false],
        },
        size,
        question: d.question.clone(),
        municipality: d.municipality_name.clone(),
        town: d.town.clone(),
        sessions: d
            .sessions
            .iter()
            .map(|s| session_when(tr, s.starts_at, s.ends_at))
            .collect(),
        place: place_line(&d),
        map_link: super::sharing::map_link(&d),
        meets_at_place: d.format.has_place(),
        online: d.format.has_link(),
        invitations: d.public_invitations(tr, state.clock.now()),
        address: url
            .split_once("://")
            .map_or(url.as_str(), |(_, rest)| rest)
            .to_string(),
        qr_svg: qr_svg(&url)?,
        phone,
        picture: d.picture.take(),
        is_cancelled: salon.status == SalonStatus::Cancelled,
        salon,
        form,
        f,
    };
    Ok(if page.form.has_errors() {
        Page::invalid(page)
    } else {
        Page(page).into_response()
    })
}

/// The public place as one line: "Ry Bibliotek, Klostervej 1, 8680 Ry".
fn place_line(d: &Details) -> Option<String> {
    d.public_place().map(|(name, address)| {
        if name.is_empty() {
            address.to_string()
        } else {
            format!("{name}, {address}")
        }
    })
}

/// A QR code for `url` as an inline SVG element. The `qrcode` crate draws it with presentation
/// attributes only (the CSP forbids `style`); its XML declaration, which has no place inside
/// HTML, is dropped. The template labels it for screen readers, so the drawing is hidden.
fn qr_svg(url: &str) -> Result<String, AppError> {
    let code = QrCode::new(url.as_bytes())
        .map_err(|e| AppError::Internal(anyhow::anyhow!("QR code for {url}: {e}")))?;
    let image = code
        .render::<svg::Color<'_>>()
        .min_dimensions(240, 240)
        .quiet_zone(true)
        .build();
    let start = image
        .find("<svg")
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("the QR renderer drew no <svg>")))?;
    Ok(image[start..].replacen("<svg ", r#"<svg class="poster-qr" aria-hidden="true" "#, 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_qr_code_is_an_svg_element_without_style_or_xml_declaration() {
        let svg = qr_svg("https://medspil.dk/salons/x").unwrap();
        assert!(
            svg.starts_with(r#"<svg class="poster-qr" aria-hidden="true" "#),
            "{svg}"
        );
        assert!(svg.ends_with("</svg>"));
        assert!(!svg.contains("style") && !svg.contains("<?xml"));
    }

    #[test]
    fn only_a5_asks_for_two_per_sheet() {
        assert_eq!(Size::parse(Some("a5")), Size::A5);
        assert_eq!(Size::parse(Some("A3")), Size::A4);
        assert_eq!(Size::parse(None), Size::A4);
    }
}
