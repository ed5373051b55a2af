//! Adding someone who is not online: `POST /salons/{key}/participants/offline`. They count
//! against the seats like anyone else (or go on the waitlist); their phone number is deleted
//! 30 days after the salon with the needs ([`super::cleanup`]).

use axum::Form as PostForm;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::participants::{offline_form, render};
use super::waitlist::{self, Kind, NewRegistration, Placement};
use crate::domain::{Invalid, PersonName, Phone};
use crate::error::AppError;
use crate::salons::HostedSalon;
use crate::state::AppState;
use crate::web::{Frame, Page};

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct OfflineInput {
    offline_name: String,
    offline_phone: String,
}

pub async fn add(
    State(state): State<AppState>,
    f: Frame,
    HostedSalon(salon): HostedSalon,
    PostForm(input): PostForm<OfflineInput>,
) -> Result<Response, AppError> {
    let mut form = offline_form(&f.tr, &input.offline_name, &input.offline_phone);
    // The host types someone else's name: "write the participant's name", not "your name".
    let name = PersonName::parse(&input.offline_name).map_err(|e| match e {
        Invalid("error-name-missing") => Invalid("reg-error-offline-name-missing"),
        other => other,
    });
    let name = form.check("offline_name", &f.tr, name);
    let phone = form.check("offline_phone", &f.tr, Phone::parse(&input.offline_phone));
    let (Some(name), Some(phone)) = (name, phone) else {
        let page = render(&state, f, salon, None, Some(form), None).await?;
        return Ok(Page::invalid(page));
    };
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    let mut seats = waitlist::lock(&mut tx, salon.id).await?;
    let placement = waitlist::add(
        &mut tx,
        &mut seats,
        NewRegistration {
            user: None,
            offline_name: Some(name.as_str()),
            offline_phone: phone.as_ref().map(Phone::as_str),
            kind: Kind::Citizen,
            role: None,
            needs: "",
            show_name: false,
        },
        &[],
        now,
    )
    .await?
    .map_or(Placement::Registered, |(_, placement)| placement);
    waitlist::save(&mut tx, &seats).await?;
    super::schedule_cleanup(&mut tx, salon.id, now).await?;
    tx.commit().await?;
    let done = match placement {
        Placement::Registered => "added",
        Placement::Waitlisted(_) => "added-waitlist",
    };
    Ok(Redirect::to(&format!("{}/participants?done={done}", salon.path())).into_response())
}
