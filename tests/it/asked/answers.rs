//! Rule 1, one person, one line: the host is warned when a person is invited twice, the
//! official sees the other invitation and answers both at once, and an answer can be changed
//! while the salon is ahead — by one guarded update, so a stale form gets 409.

use chrono::Duration;
use reqwest::StatusCode;
use uuid::Uuid;

use super::scene;
use crate::helpers::salons::published_salon;
use crate::helpers::{attr, text, texts};

async fn count_invitations(app: &crate::helpers::TestApp, salon: Uuid) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM invitations WHERE salon_id = $1")
        .bind(salon)
        .fetch_one(&app.db)
        .await
        .unwrap()
}

async fn status_of(app: &crate::helpers::TestApp, id: Uuid) -> String {
    sqlx::query_scalar("SELECT status::text FROM invitations WHERE id = $1")
        .bind(id)
        .fetch_one(&app.db)
        .await
        .unwrap()
}

#[tokio::test]
async fn one_person_one_line_the_host_is_warned_and_one_answer_settles_both() {
    let s = scene().await;
    let unit_invitation = s.invite_unit().await;

    // Olga answers for the department already invited: the host is warned, nothing is sent.
    let person = format!("person:{}", s.olga_role);
    let r = s.invite(&person, &[]).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(
        text(&r.html, ".invitation-overlap li"),
        "Olga Hansen er allerede inviteret via Teknik og Miljø."
    );
    assert!(
        attr(&r.html, "textarea[name=message]", "id").is_some(),
        "the form comes back"
    );
    assert!(
        r.body.contains("Kom og hør, hvad vi mener"),
        "what was typed is kept"
    );
    assert_eq!(count_invitations(&s.app, s.salon.id).await, 1);
    // Sent anyway, once the host has seen the warning.
    let r = s.invite(&person, &[("overlap_seen", "1")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let personal = s.newest_invitation().await;

    // The other way round: a person invited first, then the department they answer for.
    let other = published_salon(&s.app, &s.host, Some(20)).await;
    let r = s
        .host
        .post(
            &format!("{}/invitations", other.path),
            &[
                ("target", format!("person:{}", s.ole_role).as_str()),
                ("message", "Kom og hør."),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let r = s
        .host
        .post(
            &format!("{}/invitations", other.path),
            &[
                ("target", format!("unit:{}", s.unit).as_str()),
                ("message", "Kom og hør."),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(
        texts(&r.html, ".invitation-overlap li"),
        vec!["Ole Berg fra Teknik og Miljø er allerede inviteret personligt."]
    );

    // Answering her own invitation, Olga sees the department's and settles both.
    let page = s.olga.get(&format!("/inbox/{personal}")).await;
    assert_eq!(page.status, StatusCode::OK);
    let others = texts(&page.html, ".other-invitations li");
    assert_eq!(others.len(), 1, "{others:?}");
    assert!(
        others[0].starts_with("Teknik og Miljø, Skanderborg Kommune: har ikke svaret endnu"),
        "{others:?}"
    );
    assert_eq!(
        attr(&page.html, "#accept-also input[name=also]", "value"),
        Some(unit_invitation.to_string())
    );
    let r = s
        .olga
        .post(
            &format!("/inbox/{personal}/accept"),
            &[
                ("seen", "open"),
                ("comers", s.olga_role.as_str()),
                ("also", unit_invitation.to_string().as_str()),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(status_of(&s.app, personal).await, "accepted");
    assert_eq!(status_of(&s.app, unit_invitation).await, "accepted");
    // One seat, and one public line that names her.
    let seats: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM registrations r JOIN users u ON u.id = r.user_id
         WHERE u.email = 'olga@skanderborg.dk' AND r.status = 'registered'",
    )
    .fetch_one(&s.app.db)
    .await
    .unwrap();
    assert_eq!(seats, 1);
    let lines = s.public_lines().await;
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert_eq!(
        lines
            .iter()
            .filter(|l| l.contains("Olga Hansen, Vejingeniør"))
            .count(),
        1,
        "{lines:?}"
    );
    assert!(lines.iter().all(|l| l.contains(": kommer")), "{lines:?}");
}

#[tokio::test]
async fn an_answer_can_be_changed_while_the_salon_is_ahead_and_a_stale_form_gets_409() {
    let s = scene().await;
    let id = s.invite_unit().await;
    let plan = s
        .app
        .create_unit(&s.admin, "skanderborg", "department", "Plan og Byg")
        .await;
    let (pia, pia_role) = s
        .app
        .skanderborg_official(&s.admin, &plan, "Pia Plan", "pia@skanderborg.dk")
        .await;

    // Olga accepts for herself and Ole: the municipality's two seats are taken, and Pia,
    // coming in her role, is first on the municipality's waitlist.
    let r = s
        .olga
        .post(
            &format!("/inbox/{id}/accept"),
            &[
                ("seen", "open"),
                ("comers", s.olga_role.as_str()),
                ("comers", s.ole_role.as_str()),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let r = pia
        .post(
            &format!("{}/register", s.salon.path),
            &[("come_as", pia_role.as_str())],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let pia_status = || async {
        sqlx::query_scalar::<_, String>(
            "SELECT r.status::text FROM registrations r JOIN users u ON u.id = r.user_id
             WHERE u.email = 'pia@skanderborg.dk'",
        )
        .fetch_one(&s.app.db)
        .await
        .unwrap()
    };
    assert_eq!(pia_status().await, "waitlisted");

    // Ole opens the invitation while it stands accepted: his forms carry what he saw.
    let seen_by_ole = s.ole.get(&format!("/inbox/{id}")).await;
    assert_eq!(
        attr(
            &seen_by_ole.html,
            "form[action$='/decline'] input[name=seen]",
            "value"
        ),
        Some("accepted".to_string())
    );

    // Olga changes the answer to no: the seats are freed and Pia is promoted.
    s.app.clock.advance(Duration::hours(1));
    let r = s
        .olga
        .post(
            &format!("/inbox/{id}/decline"),
            &[("seen", "accepted"), ("reason", "Vi er blevet forhindret.")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(status_of(&s.app, id).await, "declined");
    let live: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM registrations WHERE invitation_id = $1 AND status IN ('registered', 'waitlisted')",
    )
    .bind(id)
    .fetch_one(&s.app.db)
    .await
    .unwrap();
    assert_eq!(live, 0);
    assert_eq!(pia_status().await, "registered");
    assert_eq!(
        s.public_lines().await,
        vec!["Teknik og Miljø, Skanderborg Kommune: har takket nej: Vi er blevet forhindret."]
    );
    // Each change is on the timeline; the first reply still times the record.
    let kinds: Vec<String> = sqlx::query_scalar(
        "SELECT kind FROM invitation_events WHERE invitation_id = $1 ORDER BY seq",
    )
    .bind(id)
    .fetch_all(&s.app.db)
    .await
    .unwrap();
    assert_eq!(kinds, vec!["sent", "accepted", "declined"]);
    let (first_at, first_kind): (chrono::DateTime<chrono::Utc>, String) =
        sqlx::query_as("SELECT first_reply_at, first_reply_kind FROM invitations WHERE id = $1")
            .bind(id)
            .fetch_one(&s.app.db)
            .await
            .unwrap();
    assert_eq!(first_at, crate::helpers::test_start());
    assert_eq!(first_kind, "accepted");

    // Ole's form is stale: it saw "accepted", and the invitation has moved on.
    let r = s
        .ole
        .post(
            &format!("/inbox/{id}/decline"),
            &[("seen", "accepted"), ("reason", "Travlt.")],
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    assert!(
        text(&r.html, "#answer-problem").starts_with("Olga Hansen svarede"),
        "{}",
        r.body
    );

    // Back to yes: through the normal seating (one municipal seat is free again).
    let r = s
        .olga
        .post(
            &format!("/inbox/{id}/accept"),
            &[("seen", "declined"), ("comers", s.olga_role.as_str())],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(status_of(&s.app, id).await, "accepted");
    assert_eq!(
        s.public_lines().await,
        vec!["Teknik og Miljø, Skanderborg Kommune: kommer — Olga Hansen, Vejingeniør"]
    );

    // Once the salon has begun, the answer stands.
    s.app.clock.advance(Duration::days(5));
    let r = s
        .olga
        .post(
            &format!("/inbox/{id}/decline"),
            &[("seen", "accepted"), ("reason", "For sent.")],
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    assert_eq!(status_of(&s.app, id).await, "accepted");
}

#[tokio::test]
async fn one_answer_for_two_invitations_says_waiting_on_both_lines_while_she_has_no_seat() {
    use crate::helpers::salons::{published_from, salon_form, set};
    let s = scene().await;
    // No seat for the municipality: whoever says yes waits.
    let form = set(
        salon_form(&s.app, "Stien uden kommunale pladser", Some(20)),
        "municipal_seats",
        "0",
    );
    let salon = published_from(&s.host, &form).await;
    let send = |target: String, extra: Vec<(&'static str, &'static str)>| {
        let path = format!("{}/invitations", salon.path);
        let host = &s.host;
        async move {
            let mut form = vec![
                ("target", target.clone()),
                ("message", "Kom og hør.".into()),
            ];
            form.extend(extra.into_iter().map(|(k, v)| (k, v.to_string())));
            let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let r = host.post(&path, &form).await;
            assert_eq!(r.status, StatusCode::SEE_OTHER, "{target}: {}", r.body);
        }
    };
    send(format!("unit:{}", s.unit), vec![]).await;
    send(
        format!("person:{}", s.olga_role),
        vec![("overlap_seen", "1")],
    )
    .await;
    let ids: Vec<(Uuid, bool)> = sqlx::query_as(
        "SELECT id, holder_unit_id IS NOT NULL FROM invitations WHERE salon_id = $1",
    )
    .bind(salon.id)
    .fetch_all(&s.app.db)
    .await
    .unwrap();
    let unit_invitation = ids.iter().find(|(_, unit)| *unit).unwrap().0;
    let personal = ids.iter().find(|(_, unit)| !*unit).unwrap().0;
    let r = s
        .olga
        .post(
            &format!("/inbox/{personal}/accept"),
            &[
                ("seen", "open"),
                ("comers", s.olga_role.as_str()),
                ("also", unit_invitation.to_string().as_str()),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(status_of(&s.app, unit_invitation).await, "accepted");
    let page = s.app.page(&salon.path, StatusCode::OK).await;
    let lines = texts(&page, ".salon-invitations li");
    assert_eq!(lines.len(), 2, "{lines:?}");
    // Neither line says she comes; one names her, the other says the yes waits.
    assert!(
        lines
            .iter()
            .all(|l| l.contains("har sagt ja — står på venteliste")),
        "{lines:?}"
    );
    assert!(lines.iter().all(|l| !l.contains("kommer")), "{lines:?}");
    assert_eq!(
        lines
            .iter()
            .filter(|l| l.contains("Olga Hansen, Vejingeniør"))
            .count(),
        1,
        "{lines:?}"
    );
}
