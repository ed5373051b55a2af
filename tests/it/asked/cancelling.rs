//! Rule 5, cancelling reaches everyone invited: besides those registered and the hosts, a
//! cancelled salon tells those invited by email, the municipal mailboxes, and the officials
//! whose invitation is open — everyone invited who has not declined, once.

use reqwest::StatusCode;

use super::scene;
use crate::helpers::TestApp;
use crate::helpers::salons::{published_from, salon_form, set};

async fn cancellations_to(app: &TestApp, email: &str) -> i64 {
    sqlx::query_scalar(
        "SELECT count(*) FROM outbox WHERE lower(to_address) = $1 AND kind = 'salon.cancelled'",
    )
    .bind(email)
    .fetch_one(&app.db)
    .await
    .unwrap()
}

#[tokio::test]
async fn cancelling_reaches_everyone_invited_who_has_not_declined_once() {
    let s = scene().await;
    // Open: the department (Olga and Ole answer for it) and a neighbour by email.
    s.invite_unit().await;
    let r = s.invite("email", &[("email", "nabo@example.dk")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    // And, for a salon in Aarhus (not on Medspil yet), the municipality's mailbox.
    let aarhus = published_from(
        &s.host,
        &set(
            salon_form(&s.app, "Stier i Aarhus", Some(20)),
            "municipality",
            "0751",
        ),
    )
    .await;
    let r = s
        .host
        .post(
            &format!("{}/invitations", aarhus.path),
            &[
                ("target", "municipality"),
                ("email", "postkasse@aarhus.dk"),
                ("message", "Kom og hør."),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    // Pia was invited in person and said no: she is not told again.
    let plan = s
        .app
        .create_unit(&s.admin, "skanderborg", "department", "Plan og Byg")
        .await;
    let (pia, pia_role) = s
        .app
        .skanderborg_official(&s.admin, &plan, "Pia Plan", "pia@skanderborg.dk")
        .await;
    let r = s.invite(&format!("person:{pia_role}"), &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let pias = s.newest_invitation().await;
    let r = pia
        .post(
            &format!("/inbox/{pias}/decline"),
            &[("reason", "Jeg er på ferie.")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    // Ole also registered as a citizen: he is both registered and invited.
    let r = s
        .ole
        .post(
            &format!("{}/register", s.salon.path),
            &[("come_as", "citizen")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);

    let r = s
        .host
        .post(
            &format!("{}/cancel", s.salon.path),
            &[("message", "Biblioteket er lukket.")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let r = s
        .host
        .post(
            &format!("{}/cancel", aarhus.path),
            &[("message", "Vi flytter den.")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    for (email, told) in [
        ("olga@skanderborg.dk", 1),
        ("ole@skanderborg.dk", 1),
        ("nabo@example.dk", 1),
        ("postkasse@aarhus.dk", 1),
        ("pia@skanderborg.dk", 0),
        ("carl@example.dk", 0),
    ] {
        assert_eq!(cancellations_to(&s.app, email).await, told, "{email}");
    }
    let mail: String = sqlx::query_scalar(
        "SELECT body_text FROM outbox WHERE to_address = 'nabo@example.dk' AND kind = 'salon.cancelled'",
    )
    .fetch_one(&s.app.db)
    .await
    .unwrap();
    assert!(mail.contains("Biblioteket er lukket."), "{mail}");
    // The mail to a private address carries the stop link, like the invitation did.
    assert!(mail.contains("/invitations/stop/"), "{mail}");
}
