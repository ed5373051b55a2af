//! What mails say in their text, not only in an attached file: registration and promotion
//! state every session's date, time (Copenhagen) and place; an invitation to the municipality
//! states every session, the town and "svar gerne senest" — and the street address only when
//! the salon does not keep it for registered people.

use chrono::{Datelike, NaiveDate};
use reqwest::StatusCode;

use crate::helpers::TestApp;
use crate::helpers::fixtures::invite_unit;
use crate::helpers::salons::{date_in, post_form, published_from, salon_form, set};

/// The newest mail of `kind` to `email`.
async fn body(app: &TestApp, email: &str, kind: &str) -> String {
    sqlx::query_scalar(
        "SELECT body_text FROM outbox WHERE to_address = $1 AND kind = $2
         ORDER BY seq DESC LIMIT 1",
    )
    .bind(email)
    .bind(kind)
    .fetch_one(&app.db)
    .await
    .unwrap_or_else(|_| panic!("no {kind} mail to {email}"))
}

/// A day (`YYYY-MM-DD`) as Danish mails write it: "lørdag 5. december".
fn danish(day: &str) -> String {
    let d = NaiveDate::parse_from_str(day, "%Y-%m-%d").unwrap();
    let weekdays = [
        "mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag",
    ];
    let months = [
        "januar",
        "februar",
        "marts",
        "april",
        "maj",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "december",
    ];
    format!(
        "{} {}. {}",
        weekdays[d.weekday().num_days_from_monday() as usize],
        d.day(),
        months[d.month0() as usize]
    )
}

/// The default salon form with a second session a week after the first, at 19–21.
fn two_sessions(app: &TestApp, title: &str, capacity: Option<u32>) -> Vec<(String, String)> {
    let form = salon_form(app, title, capacity);
    let form = set(form, "session-1-date", &date_in(app, 11));
    let form = set(form, "session-1-start", "19:00");
    set(form, "session-1-end", "21:00")
}

#[tokio::test]
async fn registration_and_promotion_mails_say_when_and_where_in_their_text() {
    let app = TestApp::spawn().await;
    let host = app.verified_person("Hanne Vært", "hanne@example.dk").await;
    // Kept for registered people: they are the ones who get it.
    let form = set(
        two_sessions(&app, "Liv i Ry bymidte", Some(1)),
        "address_private",
        "on",
    );
    let salon = published_from(&host, &form).await;
    let first = format!("{} kl. 14.00–16.00", danish(&date_in(&app, 4)));
    let second = format!("{} kl. 19.00–21.00", danish(&date_in(&app, 11)));
    let place = "Ry Bibliotek, Klostervej 1, 8680 Ry";

    let ida = app.verified_person("Ida Borger", "ida@example.dk").await;
    let bo = app.verified_person("Bo Borger", "bo@example.dk").await;
    for p in [&ida, &bo] {
        let r = p.post(&format!("{}/register", salon.path), &[]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    }
    let registered = body(&app, "ida@example.dk", "registration.registered").await;
    assert!(
        registered.contains(&format!("  – {first}, {place}\n  – {second}, {place}")),
        "{registered}"
    );

    // Ida cancels: Bo gets her seat, and the mail says when and where too.
    let r = ida
        .post(&format!("{}/registration/cancel", salon.path), &[])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let promoted = body(&app, "bo@example.dk", "registration.promoted").await;
    assert!(
        promoted.contains(&format!("  – {first}, {place}")),
        "{promoted}"
    );
    assert!(
        promoted.contains(&format!("  – {second}, {place}")),
        "{promoted}"
    );
}

#[tokio::test]
async fn an_invitation_to_officials_states_sessions_town_reply_by_and_a_public_address_only() {
    let app = TestApp::spawn().await;
    let admin = app.municipality_admin("skanderborg").await;
    let unit = app.teknik_og_miljo(&admin).await;
    app.skanderborg_official(&admin, &unit, "Olga Officiel", "olga@skanderborg.dk")
        .await;
    let host = app.verified_person("Hanne Vært", "hanne@example.dk").await;
    let reply_by = date_in(&app, 2);

    // An address on the public page: the mail may say it.
    let open = published_from(&host, &two_sessions(&app, "Liv i Ry bymidte", None)).await;
    let r = post_form(
        &host,
        &format!("{}/invitations", open.path),
        &[
            ("target".to_string(), format!("unit:{unit}")),
            ("message".to_string(), "Kom og hør.".to_string()),
            ("reply_by".to_string(), reply_by.clone()),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let mail = body(&app, "olga@skanderborg.dk", "invitation.invited").await;
    let first = format!("  – {} kl. 14.00–16.00", danish(&date_in(&app, 4)));
    let second = format!("  – {} kl. 19.00–21.00", danish(&date_in(&app, 11)));
    for line in [
        "Møder:",
        first.as_str(),
        second.as_str(),
        "Sted: Ry Bibliotek, Klostervej 1, 8680 Ry",
        "By: Ry",
    ] {
        assert!(mail.contains(&format!("{line}\n")), "{line:?} in {mail}");
    }
    let year = &reply_by[..4];
    assert!(
        mail.contains(&format!("Svar gerne senest: {} {year}", danish(&reply_by))),
        "{mail}"
    );

    // The address kept for registered people stays out of the mail; the town and the place's
    // name are told, and no "svar gerne senest" when the host set none.
    let private = set(
        salon_form(&app, "Stien og os", None),
        "address_private",
        "on",
    );
    let kept = published_from(&host, &private).await;
    invite_unit(&host, &kept.path, &unit).await;
    let mail = body(&app, "olga@skanderborg.dk", "invitation.invited").await;
    assert!(mail.contains("Stien og os"), "{mail}");
    assert!(!mail.contains("Klostervej"), "{mail}");
    assert!(mail.contains("By: Ry\n"), "{mail}");
    assert!(mail.contains("Sted: Ry Bibliotek (adressen"), "{mail}");
    assert!(!mail.contains("Svar gerne senest"), "{mail}");
}
