//! Rule 2, colleagues named are asked: an official accepting for colleagues names them, but
//! each is mailed and notified and confirms or declines; until then the public line says
//! "og 1 kollega"; a decline frees the seat and tells the host and the one who named them; a
//! confirmed colleague's calendar file shows them in their role.

use reqwest::StatusCode;
use uuid::Uuid;

use super::{Scene, last_mail_to, notifications_of, scene, subjects_to};
use crate::helpers::{ics, text, texts};

/// Olga accepts the department's invitation for herself and Ole; Ole's registration.
async fn olga_names_ole(s: &Scene) -> (Uuid, String) {
    let id = s.invite_unit().await;
    let r = s
        .olga
        .post(
            &format!("/inbox/{id}/accept"),
            &[
                ("comers", s.olga_role.as_str()),
                ("comers", s.ole_role.as_str()),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let registration: String = sqlx::query_scalar(
        "SELECT r.id::text FROM registrations r JOIN users u ON u.id = r.user_id
         WHERE u.email = 'ole@skanderborg.dk' AND r.invitation_id = $1",
    )
    .bind(id)
    .fetch_one(&s.app.db)
    .await
    .unwrap();
    (id, registration)
}

#[tokio::test]
async fn colleagues_named_are_asked_and_stay_unnamed_until_they_confirm() {
    let s = scene().await;
    let (_, registration) = olga_names_ole(&s).await;
    let page = format!("/named/{registration}");

    // In public, and to the host, Ole is "1 kollega" until he says yes.
    assert_eq!(
        s.public_lines().await,
        vec![
            "Teknik og Miljø, Skanderborg Kommune: kommer — Olga Hansen, Vejingeniør og 1 kollega"
        ]
    );
    let salon = s.app.page(&s.salon.path, StatusCode::OK).await;
    assert!(
        !texts(&salon, ".attendees li")
            .iter()
            .any(|a| a.contains("Ole Berg")),
        "{}",
        salon.html()
    );
    let to_host: String = sqlx::query_scalar(
        "SELECT body_text FROM outbox WHERE to_address = 'carl@example.dk' AND kind = 'invitation.update'",
    )
    .fetch_one(&s.app.db)
    .await
    .unwrap();
    assert!(!to_host.contains("Ole Berg"), "{to_host}");
    assert!(to_host.contains("Olga Hansen og 1 kollega"), "{to_host}");

    // Ole is mailed and notified, with a link to answer.
    assert_eq!(
        subjects_to(&s.app, "ole@skanderborg.dk")
            .await
            .last()
            .unwrap(),
        "Olga Hansen har meldt dig til Liv i Ry bymidte"
    );
    assert_eq!(s.app.link_in_mail("ole@skanderborg.dk").await, page);
    let (subject, link) = notifications_of(&s.app, "ole@skanderborg.dk")
        .await
        .remove(0);
    assert_eq!(subject, "Olga Hansen har meldt dig til Liv i Ry bymidte");
    assert_eq!(link.as_deref(), Some(page.as_str()));
    // Only he may see or answer it.
    assert_eq!(s.olga.get(&page).await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        s.olga.post(&format!("{page}/confirm"), &[]).await.status,
        StatusCode::NOT_FOUND
    );
    let shown = s.ole.get(&page).await;
    assert_eq!(shown.status, StatusCode::OK);
    assert_eq!(
        text(&shown.html, "h1"),
        "Olga Hansen har meldt dig til Liv i Ry bymidte"
    );
    assert_eq!(texts(&shown.html, "h1 bdi"), ["Olga Hansen"]);
    assert!(
        shown
            .body
            .contains("<title>Olga Hansen har meldt dig til Liv i Ry bymidte · Medspil</title>")
    );

    let r = s.ole.post(&format!("{page}/confirm"), &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(
        s.public_lines().await,
        vec![
            "Teknik og Miljø, Skanderborg Kommune: kommer — Olga Hansen, Vejingeniør; Ole Berg, Vejingeniør"
        ]
    );
    let salon = s.app.page(&s.salon.path, StatusCode::OK).await;
    assert!(
        texts(&salon, ".attendees li")
            .iter()
            .any(|a| a.contains("Ole Berg")),
        "{}",
        salon.html()
    );
    // Answered once.
    let again = s.ole.post(&format!("{page}/confirm"), &[]).await;
    assert_eq!(again.status, StatusCode::CONFLICT);

    // His calendar shows him in his role: the file mailed to him, and the salon's own.
    let (content_type, content): (String, Vec<u8>) = sqlx::query_as(
        "SELECT a.content_type, a.content FROM outbox_attachments a JOIN outbox o ON o.id = a.message_id
         WHERE o.to_address = 'ole@skanderborg.dk' ORDER BY o.seq DESC LIMIT 1",
    )
    .fetch_one(&s.app.db)
    .await
    .unwrap();
    assert!(content_type.starts_with("text/calendar"));
    let mailed = String::from_utf8(content).unwrap();
    for file in [
        mailed,
        s.ole
            .client
            .get(format!("{}{}/calendar.ics", s.ole.base, s.salon.path))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap(),
    ] {
        let events = ics::events(&file);
        assert_eq!(events.len(), 1, "{file}");
        let description = ics::prop(&events[0], "DESCRIPTION").unwrap_or_default();
        assert!(
            description.contains("Du deltager som Vejingeniør for Skanderborg Kommune"),
            "{file}"
        );
    }
}

#[tokio::test]
async fn a_colleague_who_declines_frees_the_seat_and_the_host_and_the_namer_are_told() {
    let s = scene().await;
    let (_, registration) = olga_names_ole(&s).await;
    // The municipality's two seats are taken; Pia waits for one.
    let plan = s
        .app
        .create_unit(&s.admin, "skanderborg", "department", "Plan og Byg")
        .await;
    let (pia, pia_role) = s
        .app
        .skanderborg_official(&s.admin, &plan, "Pia Plan", "pia@skanderborg.dk")
        .await;
    let r = pia
        .post(
            &format!("{}/register", s.salon.path),
            &[("come_as", pia_role.as_str())],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);

    let r = s
        .ole
        .post(&format!("/named/{registration}/decline"), &[])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let (status, asked): (String, Option<String>) =
        sqlx::query_as("SELECT status::text, asked_state FROM registrations WHERE id = $1::uuid")
            .bind(&registration)
            .fetch_one(&s.app.db)
            .await
            .unwrap();
    assert_eq!(
        (status.as_str(), asked.as_deref()),
        ("cancelled", Some("declined"))
    );
    let pia_status: String = sqlx::query_scalar(
        "SELECT r.status::text FROM registrations r JOIN users u ON u.id = r.user_id
         WHERE u.email = 'pia@skanderborg.dk'",
    )
    .fetch_one(&s.app.db)
    .await
    .unwrap();
    assert_eq!(
        pia_status, "registered",
        "the freed seat went to the first in line"
    );
    for told in ["carl@example.dk", "olga@skanderborg.dk"] {
        assert_eq!(
            subjects_to(&s.app, told).await.last().unwrap(),
            "Ole Berg kan ikke komme til Liv i Ry bymidte",
            "{told}"
        );
        assert!(last_mail_to(&s.app, told).await.contains("Ole Berg"));
    }
    assert_eq!(
        s.public_lines().await,
        vec!["Teknik og Miljø, Skanderborg Kommune: kommer — Olga Hansen, Vejingeniør"]
    );
    // Too late to change his mind here: the seat is gone.
    let r = s
        .ole
        .post(&format!("/named/{registration}/confirm"), &[])
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
}
