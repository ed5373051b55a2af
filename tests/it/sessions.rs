//! Seats per session: a salon in several sessions takes registrations for any subset of them,
//! with capacity, municipal seats and a waitlist per session; the migration that turned the
//! salon-wide registrations into per-session ones.

use std::borrow::Cow;

use futures_util::future::join_all;
use reqwest::StatusCode;
use sqlx::{Connection, PgConnection};
use uuid::Uuid;

use crate::helpers::browser::{Browser, Response};
use crate::helpers::cluster::TestDatabase;
use crate::helpers::salons::three_session_salon;
use crate::helpers::{TestApp, attr, text, texts};

/// `person` registers for the salon at `path` for `sessions` (checked in the session boxes).
async fn register_for(person: &Browser, path: &str, sessions: &[Uuid]) -> Response {
    let ids: Vec<String> = sessions.iter().map(Uuid::to_string).collect();
    let mut form = vec![("sessions_shown", "1")];
    form.extend(ids.iter().map(|s| ("sessions", s.as_str())));
    person.post(&format!("{path}/register"), &form).await
}

/// `person` changes their registration to `sessions`, with `needs` and "vis mit navn".
async fn change_to(
    person: &Browser,
    path: &str,
    sessions: &[Uuid],
    needs: &str,
    show_name: bool,
) -> Response {
    let ids: Vec<String> = sessions.iter().map(Uuid::to_string).collect();
    let mut form = vec![("sessions_shown", "1"), ("needs", needs)];
    if show_name {
        form.push(("show_name", "1"));
    }
    form.extend(ids.iter().map(|s| ("sessions", s.as_str())));
    person.post(&format!("{path}/registration"), &form).await
}

/// Where `email` is in each session of the salon: (session, place, position), in time order.
async fn places_of(app: &TestApp, email: &str, salon: Uuid) -> Vec<(Uuid, String, Option<i32>)> {
    sqlx::query_as(
        "SELECT rs.session_id, rs.place::text, rs.waitlist_position
         FROM registration_sessions rs JOIN registrations r ON r.id = rs.registration_id
         JOIN users u ON u.id = r.user_id JOIN salon_sessions ss ON ss.id = rs.session_id
         WHERE lower(u.email) = lower($1) AND r.salon_id = $2 ORDER BY ss.starts_at",
    )
    .bind(email)
    .bind(salon)
    .fetch_all(&app.db)
    .await
    .unwrap()
}

/// Each session's counters (citizens, municipal) next to the seats counted from the rows.
async fn session_counters(app: &TestApp, salon: Uuid) -> Vec<(i32, i32, i64, i64)> {
    sqlx::query_as(
        "SELECT ss.citizens_registered, ss.municipal_registered,
                (SELECT count(*) FROM registration_sessions rs WHERE rs.session_id = ss.id
                   AND rs.place = 'seat' AND rs.kind = 'citizen'),
                (SELECT count(*) FROM registration_sessions rs WHERE rs.session_id = ss.id
                   AND rs.place = 'seat' AND rs.kind = 'municipal')
         FROM salon_sessions ss WHERE ss.salon_id = $1 ORDER BY ss.starts_at",
    )
    .bind(salon)
    .fetch_all(&app.db)
    .await
    .unwrap()
}

/// The citizens' waitlist positions of `session`, in order.
async fn line_of(app: &TestApp, session: Uuid) -> Vec<i32> {
    sqlx::query_scalar(
        "SELECT waitlist_position FROM registration_sessions
         WHERE session_id = $1 AND place = 'waitlist' AND kind = 'citizen'
         ORDER BY waitlist_position",
    )
    .bind(session)
    .fetch_all(&app.db)
    .await
    .unwrap()
}

/// The sessions in the calendar file of the last mail of `kind` to `email`, by their UIDs.
async fn calendar_sessions(app: &TestApp, email: &str, kind: &str) -> Vec<Uuid> {
    let ics: Vec<u8> = sqlx::query_scalar(
        "SELECT a.content FROM outbox_attachments a JOIN outbox o ON o.id = a.message_id
         WHERE o.to_address = $1 AND o.kind = $2 ORDER BY o.seq DESC LIMIT 1",
    )
    .bind(email)
    .bind(kind)
    .fetch_one(&app.db)
    .await
    .unwrap();
    String::from_utf8(ics)
        .unwrap()
        .lines()
        .filter_map(|l| l.strip_prefix("UID:"))
        .map(|uid| uid.split('@').next().unwrap().parse().unwrap())
        .collect()
}

fn seat(session: Uuid) -> (Uuid, String, Option<i32>) {
    (session, "seat".into(), None)
}

fn waiting(session: Uuid, position: i32) -> (Uuid, String, Option<i32>) {
    (session, "waitlist".into(), Some(position))
}

#[tokio::test]
async fn a_person_registers_for_two_of_three_sessions_and_changes_them_and_her_needs_later() {
    let app = TestApp::spawn().await;
    let host = app.verified_person("Hanne Vært", "hanne@example.dk").await;
    let (salon, s) = three_session_salon(&app, &host, Some(10)).await;
    let rikke = app.verified_person("Rikke Berg", "rikke@example.dk").await;

    // The form has a box for each session, all checked.
    let page = rikke.get(&salon.path).await;
    let boxes = crate::helpers::texts(&page.html, "#registration .session-choice label");
    assert_eq!(boxes.len(), 3, "{}", page.body);
    for id in &s {
        let selector = format!("#registration input[name=sessions][value='{id}']");
        assert_eq!(attr(&page.html, &selector, "checked").as_deref(), Some(""));
    }

    let r = register_for(&rikke, &salon.path, &[s[0], s[2]]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(
        places_of(&app, "rikke@example.dk", salon.id).await,
        vec![seat(s[0]), seat(s[2])]
    );
    assert_eq!(
        session_counters(&app, salon.id).await,
        vec![(1, 0, 1, 0), (0, 0, 0, 0), (1, 0, 1, 0)]
    );

    // Her page shows where she is, and the change form has her sessions checked.
    let page = rikke.get(&salon.path).await;
    assert_eq!(text(&page.html, ".registration-status"), "Du er tilmeldt.");
    let mine = crate::helpers::texts(&page.html, ".registration-sessions .session-mine");
    assert_eq!(mine, vec!["Du har en plads", "Du har en plads"]);
    let checked = |id: Uuid| {
        attr(
            &page.html,
            &format!(".registration-change input[name=sessions][value='{id}']"),
            "checked",
        )
    };
    assert!(checked(s[0]).is_some() && checked(s[1]).is_none() && checked(s[2]).is_some());

    // She changes to the middle session only, and says what she needs, after registering.
    let r = change_to(&rikke, &salon.path, &[s[1]], "Trinfri adgang", true).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(
        places_of(&app, "rikke@example.dk", salon.id).await,
        vec![seat(s[1])]
    );
    assert_eq!(
        session_counters(&app, salon.id).await,
        vec![(0, 0, 0, 0), (1, 0, 1, 0), (0, 0, 0, 0)]
    );
    let (needs, show_name): (String, bool) = sqlx::query_as(
        "SELECT needs, show_name FROM registrations WHERE salon_id = $1 AND status = 'registered'",
    )
    .bind(salon.id)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!((needs.as_str(), show_name), ("Trinfri adgang", true));

    // No session at all is not a change but an error, in Danish, with nothing changed.
    let r = change_to(&rikke, &salon.path, &[], "", false).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("Vælg mindst ét møde."), "{}", r.body);
    assert_eq!(
        places_of(&app, "rikke@example.dk", salon.id).await,
        vec![seat(s[1])]
    );
    let r = register_for(
        &app.verified_person("Bo", "bo@example.dk").await,
        &salon.path,
        &[],
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn each_session_has_its_own_line_and_cancelling_one_session_promotes_that_line() {
    let app = TestApp::spawn().await;
    let host = app.verified_person("Hanne Vært", "hanne@example.dk").await;
    let (salon, s) = three_session_salon(&app, &host, Some(1)).await;
    let anna = app.verified_person("Anna", "anna@example.dk").await;
    let bent = app.verified_person("Bent", "bent@example.dk").await;
    let carl = app.verified_person("Carl", "carl@example.dk").await;

    register_for(&anna, &salon.path, &s).await;
    register_for(&bent, &salon.path, &[s[0], s[1]]).await;
    register_for(&carl, &salon.path, &[s[1], s[2]]).await;
    assert_eq!(
        places_of(&app, "bent@example.dk", salon.id).await,
        vec![waiting(s[0], 1), waiting(s[1], 1)]
    );
    assert_eq!(
        places_of(&app, "carl@example.dk", salon.id).await,
        vec![waiting(s[1], 2), waiting(s[2], 1)]
    );
    // Bent waits everywhere he chose: the page says his front-most place.
    let page = bent.get(&salon.path).await;
    assert_eq!(
        text(&page.html, ".registration-status"),
        "Du er nummer 1 på ventelisten."
    );

    // Anna cancels the middle session only: Bent gets its seat, Carl moves up to 1 there.
    let r = anna
        .post(
            &format!("{}/registration/cancel", salon.path),
            &[("session", &s[1].to_string())],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(
        places_of(&app, "anna@example.dk", salon.id).await,
        vec![seat(s[0]), seat(s[2])]
    );
    assert_eq!(
        places_of(&app, "bent@example.dk", salon.id).await,
        vec![waiting(s[0], 1), seat(s[1])]
    );
    assert_eq!(
        places_of(&app, "carl@example.dk", salon.id).await,
        vec![waiting(s[1], 1), waiting(s[2], 1)]
    );
    let status: String = sqlx::query_scalar(
        "SELECT r.status::text FROM registrations r JOIN users u ON u.id = r.user_id
         WHERE u.email = 'bent@example.dk'",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(
        status, "registered",
        "a seat in any session is a registration"
    );
    let mails: Vec<String> = sqlx::query_scalar(
        "SELECT kind FROM outbox WHERE to_address = 'bent@example.dk' ORDER BY seq",
    )
    .fetch_all(&app.db)
    .await
    .unwrap();
    assert_eq!(
        mails.last().map(String::as_str),
        Some("registration.promoted")
    );
    // His calendar gets the session he now has a seat in, not the one he still waits for;
    // Anna's confirmation held the three she has seats in.
    let events = calendar_sessions(&app, "bent@example.dk", "registration.promoted").await;
    assert_eq!(events, vec![s[1]]);
    let events = calendar_sessions(&app, "anna@example.dk", "registration.registered").await;
    assert_eq!(events, s);
    for (n, counters) in session_counters(&app, salon.id)
        .await
        .into_iter()
        .enumerate()
    {
        assert_eq!((counters.0, counters.2), (1, 1), "session {n}");
    }
    // The salon counts people with a seat somewhere: Anna and Bent.
    let salon_citizens: i32 =
        sqlx::query_scalar("SELECT citizens_registered FROM salons WHERE id = $1")
            .bind(salon.id)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(salon_citizens, 2);

    // Carl leaves the middle session's line by unchecking it: the line closes up.
    change_to(&carl, &salon.path, &[s[2]], "", false).await;
    assert_eq!(line_of(&app, s[1]).await, Vec::<i32>::new());
    assert_eq!(line_of(&app, s[2]).await, vec![1]);
}

/// 200 people at once at a salon of three 20-seat sessions, each choosing some of them:
/// exactly 20 seats in each session and lines without gaps; then cancellations of one
/// session at once promote that session's line only.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_hundred_at_once_over_three_sessions_fill_each_sessions_seats_exactly() {
    let app = TestApp::spawn_for_burst().await;
    let host = app.verified_person("Hanne Vært", "hanne@example.dk").await;
    let (salon, s) = three_session_salon(&app, &host, Some(20)).await;

    let mut people = Vec::new();
    for chunk in (0..200).collect::<Vec<_>>().chunks(25) {
        let made = join_all(chunk.iter().map(|n| {
            let (name, address) = (format!("Person {n}"), format!("p{n}@example.dk"));
            let app = &app;
            async move { app.verified_person(&name, &address).await }
        }))
        .await;
        people.extend(made);
    }
    // A third come to all three, a third to the first two, a third to the last only.
    let choice = |n: usize| match n % 3 {
        0 => vec![s[0], s[1], s[2]],
        1 => vec![s[0], s[1]],
        _ => vec![s[2]],
    };
    let path = salon.path.as_str();
    let choices: Vec<Vec<Uuid>> = (0..200).map(choice).collect();
    let responses = join_all(
        people
            .iter()
            .zip(&choices)
            .map(|(p, chosen)| register_for(p, path, chosen)),
    )
    .await;
    for r in &responses {
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    }
    // Wanted: 134, 134 and 133 (67 + 67, 67 + 67, 67 + 66).
    assert_eq!(
        session_counters(&app, salon.id).await,
        vec![(20, 0, 20, 0); 3]
    );
    assert_eq!(line_of(&app, s[0]).await, (1..=114).collect::<Vec<i32>>());
    assert_eq!(line_of(&app, s[1]).await, (1..=114).collect::<Vec<i32>>());
    assert_eq!(line_of(&app, s[2]).await, (1..=113).collect::<Vec<i32>>());

    // Seated in the first session: five of them cancel that session at once.
    let seated: Vec<String> = sqlx::query_scalar(
        "SELECT u.email FROM registration_sessions rs JOIN registrations r ON r.id = rs.registration_id
         JOIN users u ON u.id = r.user_id
         WHERE rs.session_id = $1 AND rs.place = 'seat' ORDER BY u.email LIMIT 5",
    )
    .bind(s[0])
    .fetch_all(&app.db)
    .await
    .unwrap();
    let index = |e: &str| e[1..e.find('@').unwrap()].parse::<usize>().unwrap();
    let session = s[0].to_string();
    let cancel_path = format!("{path}/registration/cancel");
    let form = [("session", session.as_str())];
    let cancels = join_all(
        seated
            .iter()
            .map(|e| people[index(e)].post(&cancel_path, &form)),
    )
    .await;
    assert!(cancels.iter().all(|r| r.status == StatusCode::SEE_OTHER));
    assert_eq!(
        session_counters(&app, salon.id).await,
        vec![(20, 0, 20, 0); 3]
    );
    assert_eq!(line_of(&app, s[0]).await, (1..=109).collect::<Vec<i32>>());
    assert_eq!(line_of(&app, s[1]).await, (1..=114).collect::<Vec<i32>>());
    assert_eq!(line_of(&app, s[2]).await, (1..=113).collect::<Vec<i32>>());
}

#[tokio::test]
async fn an_official_accepting_chooses_sessions_and_each_takes_that_sessions_municipal_seats() {
    let app = TestApp::spawn().await;
    let admin = app.municipality_admin("skanderborg").await;
    let unit = app.teknik_og_miljo(&admin).await;
    let (olga, olga_role) = app
        .skanderborg_official(&admin, &unit, "Olga Hansen", "olga@skanderborg.dk")
        .await;
    let (_ole, ole_role) = app
        .skanderborg_official(&admin, &unit, "Ole Berg", "ole@skanderborg.dk")
        .await;
    let host = app.verified_person("Carl Borger", "carl@example.dk").await;
    let (salon, s, id) = unit_invited_to_three_sessions(&app, &host, &unit).await;

    // Olga answers that she and Ole come to the first two sessions.
    let (s0, s1) = (s[0].to_string(), s[1].to_string());
    let r = olga
        .post(
            &format!("/inbox/{id}/accept"),
            &[
                ("comers", olga_role.as_str()),
                ("comers", ole_role.as_str()),
                ("sessions_shown", "1"),
                ("sessions", s0.as_str()),
                ("sessions", s1.as_str()),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    // Each chosen session's one municipal seat is taken, the other waits there; the third
    // session is untouched.
    let counters = session_counters(&app, salon.id).await;
    assert_eq!(
        counters,
        vec![(0, 1, 0, 1), (0, 1, 0, 1), (0, 0, 0, 0)],
        "municipal seats per session"
    );
    let olga_places = places_of(&app, "olga@skanderborg.dk", salon.id).await;
    let ole_places = places_of(&app, "ole@skanderborg.dk", salon.id).await;
    assert_eq!(olga_places.len() + ole_places.len(), 4);
    let lines: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM registration_sessions WHERE session_id = ANY($1)
           AND kind = 'municipal' AND place = 'waitlist' AND waitlist_position = 1",
    )
    .bind(&s[..2])
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(lines, 2, "one in line for each chosen session");
}

/// An accepted invitation to a three-session salon with one municipal seat per session,
/// Olga having answered that she comes to the first two sessions; Ole and Pia are her
/// colleagues.
struct Accepted {
    app: TestApp,
    host: Browser,
    olga: Browser,
    ole: Browser,
    roles: [String; 3],
    salon: crate::helpers::salons::SalonRef,
    s: Vec<Uuid>,
    id: Uuid,
}

async fn accepted_for_two_of_three() -> Accepted {
    let app = TestApp::spawn().await;
    let admin = app.municipality_admin("skanderborg").await;
    let unit = app.teknik_og_miljo(&admin).await;
    let (olga, olga_role) = app
        .skanderborg_official(&admin, &unit, "Olga Hansen", "olga@skanderborg.dk")
        .await;
    let (ole, ole_role) = app
        .skanderborg_official(&admin, &unit, "Ole Berg", "ole@skanderborg.dk")
        .await;
    let (_pia, pia_role) = app
        .skanderborg_official(&admin, &unit, "Pia Lund", "pia@skanderborg.dk")
        .await;
    let host = app.verified_person("Carl Borger", "carl@example.dk").await;
    let (salon, s, id) = unit_invited_to_three_sessions(&app, &host, &unit).await;
    let (s0, s1) = (s[0].to_string(), s[1].to_string());
    let r = olga
        .post(
            &format!("/inbox/{id}/accept"),
            &[
                ("comers", olga_role.as_str()),
                ("sessions_shown", "1"),
                ("sessions", s0.as_str()),
                ("sessions", s1.as_str()),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    Accepted {
        app,
        host,
        olga,
        ole,
        roles: [olga_role, ole_role, pia_role],
        salon,
        s,
        id,
    }
}

/// Posts the "who comes" form of an accepted invitation: `comers` (roles) and, when given,
/// the session boxes.
async fn change_who_comes(
    by: &Browser,
    id: Uuid,
    comers: &[&str],
    sessions: Option<&[Uuid]>,
) -> Response {
    let ids: Vec<String> = sessions
        .unwrap_or_default()
        .iter()
        .map(Uuid::to_string)
        .collect();
    let mut form: Vec<(&str, &str)> = comers.iter().map(|c| ("comers", *c)).collect();
    if sessions.is_some() {
        form.push(("sessions_shown", "1"));
    }
    form.extend(ids.iter().map(|s| ("sessions", s.as_str())));
    by.post(&format!("/inbox/{id}/attendees"), &form).await
}

/// The `value` of every element `selector` finds.
fn values_of(html: &scraper::Html, selector: &str, name: &str) -> Vec<String> {
    let sel = scraper::Selector::parse(selector).expect("a valid selector");
    html.select(&sel)
        .filter_map(|e| e.value().attr(name).map(str::to_string))
        .collect()
}

/// The line of the one CSV row naming `name`.
fn csv_row<'a>(csv: &'a str, name: &str) -> &'a str {
    let rows: Vec<&str> = csv.lines().filter(|l| l.contains(name)).collect();
    assert_eq!(rows.len(), 1, "{csv}");
    rows[0]
}

#[tokio::test]
async fn a_colleague_added_after_accepting_comes_to_the_sessions_chosen_and_leaving_frees_them() {
    let a = accepted_for_two_of_three().await;
    let (app, s) = (&a.app, &a.s);
    let [olga_role, ole_role, _] = a.roles.each_ref().map(String::as_str);

    // Olga adds Ole: he comes to the first two sessions as she does, where the one municipal
    // seat is hers, so he waits there; the third session is none of theirs.
    let r = change_who_comes(&a.olga, a.id, &[olga_role, ole_role], None).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(
        places_of(app, "ole@skanderborg.dk", a.salon.id).await,
        vec![waiting(s[0], 1), waiting(s[1], 1)]
    );
    assert_eq!(
        session_counters(app, a.salon.id).await,
        vec![(0, 1, 0, 1), (0, 1, 0, 1), (0, 0, 0, 0)]
    );

    // Ole's salon page: in line for the first two sessions, nothing in the third.
    let page = a.ole.get(&a.salon.path).await;
    let mine = |session: Uuid| {
        texts(
            &page.html,
            &format!(".registration-sessions li[data-session='{session}'] .session-mine"),
        )
    };
    assert_eq!(mine(s[0]), ["Nr. 1 på ventelisten"]);
    assert_eq!(mine(s[1]), ["Nr. 1 på ventelisten"]);
    assert!(mine(s[2]).is_empty(), "{:?}", mine(s[2]));
    // The public line says the same: one comes, a colleague waits.
    let public = a.host.get(&a.salon.path).await;
    let line = text(&public.html, ".salon-invitations .invitation-public-state");
    assert!(line.contains("står på venteliste: 1 kollega"), "{line}");

    // The hosts' list and file: Ole on the municipal waitlist, in line in two sessions.
    let list = a.host.get(&format!("{}/participants", a.salon.path)).await;
    let heading = text(&list.html, "#municipal-waitlist-heading");
    assert!(heading.ends_with("(1)"), "{heading}");
    let csv = a
        .host
        .get(&format!("{}/participants.csv", a.salon.path))
        .await;
    let ole_row = csv_row(&csv.body, "Ole Berg");
    assert_eq!(ole_row.matches("Venteliste nr. 1").count(), 3, "{ole_row}");
    assert!(!ole_row.contains("Tilmeldt"), "{ole_row}");

    // The inbox: both checked as coming, the sessions chosen still the first two.
    let inbox = a.olga.get(&format!("/inbox/{}", a.id)).await;
    let checked = |name: &str| {
        let mut v: Vec<String> = values_of(
            &inbox.html,
            &format!("#accept-heading ~ form input[name='{name}'][checked]"),
            "value",
        );
        v.sort();
        v
    };
    let mut both = vec![olga_role.to_string(), ole_role.to_string()];
    both.sort();
    assert_eq!(checked("comers"), both);
    let mut two = vec![s[0].to_string(), s[1].to_string()];
    two.sort();
    assert_eq!(checked("sessions"), two);

    // Olga falls ill: without her, her seats go to Ole, in those two sessions only.
    let r = change_who_comes(&a.olga, a.id, &[ole_role], None).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert!(
        places_of(app, "olga@skanderborg.dk", a.salon.id)
            .await
            .is_empty()
    );
    assert_eq!(
        places_of(app, "ole@skanderborg.dk", a.salon.id).await,
        vec![seat(s[0]), seat(s[1])]
    );
    assert_eq!(
        session_counters(app, a.salon.id).await,
        vec![(0, 1, 0, 1), (0, 1, 0, 1), (0, 0, 0, 0)]
    );
}

#[tokio::test]
async fn when_the_official_changes_the_sessions_chosen_everyone_coming_follows() {
    let a = accepted_for_two_of_three().await;
    let (app, s) = (&a.app, &a.s);
    let [olga_role, ole_role, pia_role] = a.roles.each_ref().map(String::as_str);
    let r = change_who_comes(&a.olga, a.id, &[olga_role, ole_role], None).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);

    // The second and third sessions instead, and Pia comes too: all three follow, the
    // first session's seat goes back and the third's is taken.
    let r = change_who_comes(
        &a.olga,
        a.id,
        &[olga_role, ole_role, pia_role],
        Some(&[s[1], s[2]]),
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    for email in [
        "olga@skanderborg.dk",
        "ole@skanderborg.dk",
        "pia@skanderborg.dk",
    ] {
        let sessions: Vec<Uuid> = places_of(app, email, a.salon.id)
            .await
            .into_iter()
            .map(|p| p.0)
            .collect();
        assert_eq!(sessions, vec![s[1], s[2]], "{email}");
    }
    assert_eq!(
        session_counters(app, a.salon.id).await,
        vec![(0, 0, 0, 0), (0, 1, 0, 1), (0, 1, 0, 1)]
    );
    // Each session's municipal line has no gaps: Olga sits, the two others wait 1 and 2.
    for session in [s[1], s[2]] {
        let line: Vec<i32> = sqlx::query_scalar(
            "SELECT waitlist_position FROM registration_sessions
             WHERE session_id = $1 AND kind = 'municipal' AND place = 'waitlist'
             ORDER BY waitlist_position",
        )
        .bind(session)
        .fetch_all(&app.db)
        .await
        .unwrap();
        assert_eq!(line, vec![1, 2]);
    }
    // The form shows the sessions now chosen.
    let inbox = a.olga.get(&format!("/inbox/{}", a.id)).await;
    let mut checked = values_of(
        &inbox.html,
        "#accept-heading ~ form input[name='sessions'][checked]",
        "value",
    );
    checked.sort();
    let mut want = vec![s[1].to_string(), s[2].to_string()];
    want.sort();
    assert_eq!(checked, want);

    // Unchecking every box is refused, and nothing moves.
    let r = change_who_comes(&a.olga, a.id, &[olga_role], Some(&[])).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert_eq!(
        session_counters(app, a.salon.id).await,
        vec![(0, 0, 0, 0), (0, 1, 0, 1), (0, 1, 0, 1)]
    );
}

/// A database migrated up to (not including) migration `version`.
async fn migrated_before(version: i64) -> (TestDatabase, PgConnection) {
    let database = TestDatabase::empty().await;
    let mut conn = PgConnection::connect(&database.url).await.unwrap();
    let earlier = sqlx::migrate::Migrator {
        migrations: Cow::Owned(
            medspil::database::MIGRATOR
                .iter()
                .filter(|m| m.version < version)
                .cloned()
                .collect(),
        ),
        ..sqlx::migrate::Migrator::DEFAULT
    };
    earlier.run(&mut conn).await.unwrap();
    (database, conn)
}

/// A registration as stored before: name, kind, status, position, the sessions it had rows for.
type OldRegistration<'a> = (&'a str, &'a str, &'a str, Option<i32>, &'a [Uuid]);

#[tokio::test]
async fn the_migration_puts_every_live_registration_in_each_session_keeping_seats_and_line() {
    let (_database, mut conn) = migrated_before(40).await;
    // Before: a full two-seat salon in two sessions, two in line, one who cancelled, and a
    // municipal guest whose answer named the second session only.
    let (host, salon, first, second) = (
        Uuid::new_v4(),
        Uuid::new_v4(),
        Uuid::new_v4(),
        Uuid::new_v4(),
    );
    sqlx::query(
        "INSERT INTO users (id, email, name, locale, email_verified_at, created_at)
         VALUES ($1, 'host@example.dk', 'Host', 'da', '2026-11-01Z', '2026-11-01Z')",
    )
    .bind(host)
    .execute(&mut conn)
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO salons (id, slug, title, question, municipality_code, format, capacity,
                             municipal_seats, citizens_registered, municipal_registered, status,
                             created_by, created_at, updated_at)
         VALUES ($1, 'tre', 'Tre', 'Hvad?', '0746', 'in_person', 2, 2, 2, 1, 'published', $2,
                 '2026-11-01Z', '2026-11-01Z')",
    )
    .bind(salon)
    .bind(host)
    .execute(&mut conn)
    .await
    .unwrap();
    for (id, day) in [(first, 10), (second, 17)] {
        sqlx::query(
            "INSERT INTO salon_sessions (id, salon_id, starts_at, ends_at)
             VALUES ($1, $2, make_timestamptz(2026, 12, $3, 17, 0, 0, 'UTC'),
                     make_timestamptz(2026, 12, $3, 19, 0, 0, 'UTC'))",
        )
        .bind(id)
        .bind(salon)
        .bind(day)
        .execute(&mut conn)
        .await
        .unwrap();
    }
    let people: [OldRegistration; 6] = [
        ("a", "citizen", "registered", None, &[first, second]),
        ("b", "citizen", "registered", None, &[first, second]),
        ("c", "citizen", "waitlisted", Some(1), &[first, second]),
        ("d", "citizen", "waitlisted", Some(2), &[]),
        ("e", "citizen", "cancelled", None, &[first, second]),
        ("m", "municipal", "registered", None, &[second]),
    ];
    for (n, (name, kind, status, position, sessions)) in people.iter().enumerate() {
        let id = Uuid::new_v4();
        sqlx::query(
            "INSERT INTO registrations (id, salon_id, offline_name, kind, status,
                                        waitlist_position, created_at, updated_at)
             VALUES ($1, $2, $3, $4::registration_kind, $5::registration_status, $6,
                     '2026-11-02Z'::timestamptz + make_interval(mins => $7),
                     '2026-11-02Z'::timestamptz + make_interval(mins => $7))",
        )
        .bind(id)
        .bind(salon)
        .bind(name)
        .bind(kind)
        .bind(status)
        .bind(position)
        .bind(n as i32)
        .execute(&mut conn)
        .await
        .unwrap();
        for session in *sessions {
            sqlx::query(
                "INSERT INTO registration_sessions (registration_id, session_id) VALUES ($1, $2)",
            )
            .bind(id)
            .bind(session)
            .execute(&mut conn)
            .await
            .unwrap();
        }
    }

    medspil::database::MIGRATOR.run(&mut conn).await.unwrap();

    let rows: Vec<(String, bool, String, Option<i32>)> = sqlx::query_as(
        "SELECT r.offline_name, rs.session_id = $2, rs.place::text, rs.waitlist_position
         FROM registration_sessions rs JOIN registrations r ON r.id = rs.registration_id
         WHERE r.salon_id = $1 ORDER BY r.offline_name, rs.session_id = $2 DESC",
    )
    .bind(salon)
    .bind(first)
    .fetch_all(&mut conn)
    .await
    .unwrap();
    let row = |name: &str, in_first: bool, place: &str, position: Option<i32>| {
        (name.to_string(), in_first, place.to_string(), position)
    };
    assert_eq!(
        rows,
        vec![
            row("a", true, "seat", None),
            row("a", false, "seat", None),
            row("b", true, "seat", None),
            row("b", false, "seat", None),
            row("c", true, "waitlist", Some(1)),
            row("c", false, "waitlist", Some(1)),
            // No rows before (never made for it): every session, its place kept.
            row("d", true, "waitlist", Some(2)),
            row("d", false, "waitlist", Some(2)),
            // "e" cancelled: no rows. The municipal guest keeps the one session named.
            row("m", false, "seat", None),
        ]
    );
    let counters: Vec<(i32, i32)> = sqlx::query_as(
        "SELECT citizens_registered, municipal_registered FROM salon_sessions
         WHERE salon_id = $1 ORDER BY starts_at",
    )
    .bind(salon)
    .fetch_all(&mut conn)
    .await
    .unwrap();
    assert_eq!(counters, vec![(2, 0), (2, 1)]);
    // The salon's own figures are unchanged: people with a seat.
    let salon_counters: (i32, i32) = sqlx::query_as(
        "SELECT citizens_registered, municipal_registered FROM salons WHERE id = $1",
    )
    .bind(salon)
    .fetch_one(&mut conn)
    .await
    .unwrap();
    assert_eq!(salon_counters, (2, 1));
}

/// "N pladser tilbage" is one figure wherever a salon is shown: the most free seats in any
/// session still ahead. A full first evening must not make the directory, the salon page and
/// the host's own list disagree about a salon whose other evenings have room.
#[tokio::test]
async fn seats_left_read_the_same_on_every_card_when_one_session_is_full() {
    let app = TestApp::spawn().await;
    let host = app.verified_person("Hanne Vært", "hanne@example.dk").await;
    let (salon, s) = three_session_salon(&app, &host, Some(2)).await;
    for (name, email) in [("Rikke", "rikke@example.dk"), ("Bo", "bo@example.dk")] {
        let person = app.verified_person(name, email).await;
        let r = register_for(&person, &salon.path, &[s[0]]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    }
    let expected = "2 ledige pladser";

    let directory = app.browser().get("/salons?q=tirsdage").await;
    assert_eq!(
        text(&directory.html, ".salon-item-seats"),
        expected,
        "{}",
        directory.body
    );
    let page = app.browser().get(&salon.path).await;
    assert_eq!(
        text(&page.html, ".salon-seats-left"),
        expected,
        "{}",
        page.body
    );
    let mine = host.get("/mine").await;
    assert_eq!(
        text(&mine.html, ".salon-item-seats"),
        expected,
        "{}",
        mine.body
    );

    // Once the third evening is full too, the second one is still free: still two.
    for (name, email) in [("Ida", "ida@example.dk"), ("Per", "per@example.dk")] {
        let person = app.verified_person(name, email).await;
        register_for(&person, &salon.path, &[s[2]]).await;
    }
    let mine = host.get("/mine").await;
    assert_eq!(text(&mine.html, ".salon-item-seats"), expected);
    // And when every evening is full, every card says so the same way.
    for (name, email) in [("Eva", "eva@example.dk"), ("Jens", "jens@example.dk")] {
        let person = app.verified_person(name, email).await;
        register_for(&person, &salon.path, &[s[1]]).await;
    }
    let directory = app.browser().get("/salons?q=tirsdage").await;
    let mine = host.get("/mine").await;
    assert_eq!(
        text(&directory.html, ".salon-item-status .chip"),
        "Venteliste"
    );
    assert_eq!(text(&mine.html, ".salon-item-status .chip"), "Venteliste");
}

/// The cards keep their seat figure on the salon's row, but which sessions are "still ahead"
/// changes with time alone: when an evening ends, every card, the salon page and the
/// directory's "ledige pladser" filter move on to the evenings left, together.
#[tokio::test]
async fn when_an_evening_has_passed_every_card_counts_the_evenings_left() {
    let app = TestApp::spawn().await;
    let host = app.verified_person("Hanne Vært", "hanne@example.dk").await;
    // Two seats per evening: the first stays empty, the second has one taken, the third is full.
    let (salon, s) = three_session_salon(&app, &host, Some(2)).await;
    for (name, email, sessions) in [
        ("Rikke", "rikke@example.dk", vec![s[1], s[2]]),
        ("Bo", "bo@example.dk", vec![s[2]]),
    ] {
        let person = app.verified_person(name, email).await;
        let r = register_for(&person, &salon.path, &sessions).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    }
    // What the directory (searched, and filtered to free seats), the salon page and the
    // host's list say; None where the filter leaves the salon out.
    let seen = || async {
        let directory = app.browser().get("/salons?q=tirsdage").await;
        let free = app.browser().get("/salons?q=tirsdage&seats=1").await;
        let page = app.browser().get(&salon.path).await;
        let mine = host.get("/mine").await;
        (
            texts(&directory.html, ".salon-item-seats"),
            texts(&free.html, ".salon-item-seats"),
            text(&page.html, ".salon-seats-left"),
            texts(&mine.html, ".salon-item-seats"),
        )
    };
    let one = |t: &str| vec![t.to_string()];
    let all = |t: &str| (one(t), one(t), t.to_string(), one(t));

    assert_eq!(seen().await, all("2 ledige pladser"));
    // The empty first evening is over: the second has the most room.
    app.clock.advance(chrono::Duration::days(5));
    assert_eq!(seen().await, all("1 ledig plads"));
    // Only the full third evening is left: no card counts seats, the filter leaves it out.
    app.clock.advance(chrono::Duration::days(7));
    assert_eq!(
        seen().await,
        (vec![], vec![], "ingen ledige pladser".to_string(), vec![])
    );
}

#[tokio::test]
async fn a_session_added_later_starts_empty_and_those_registered_are_told_how_to_add_it() {
    use crate::helpers::salons::{date_in, post_form, published_salon, salon_form, set};
    let app = TestApp::spawn().await;
    let host = app.verified_person("Hanne Vært", "hanne@example.dk").await;
    // One seat: Ida has it, Bo waits.
    let salon = published_salon(&app, &host, Some(1)).await;
    let ida = app.verified_person("Ida Borger", "ida@example.dk").await;
    let bo = app.verified_person("Bo Borger", "bo@example.dk").await;
    for p in [&ida, &bo] {
        let r = p.post(&format!("{}/register", salon.path), &[]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    }
    let first: Uuid = sqlx::query_scalar("SELECT id FROM salon_sessions WHERE salon_id = $1")
        .bind(salon.id)
        .fetch_one(&app.db)
        .await
        .unwrap();

    // The host adds a second session.
    let form = set(
        salon_form(&app, "Liv i Ry bymidte", Some(1)),
        "session-0-id",
        &first.to_string(),
    );
    let form = set(form, "session-1-date", &date_in(&app, 11));
    let form = set(form, "session-1-start", "19:00");
    let form = set(form, "session-1-end", "21:00");
    let r = post_form(&host, &format!("{}/edit", salon.path), &form).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let second: Uuid =
        sqlx::query_scalar("SELECT id FROM salon_sessions WHERE salon_id = $1 AND id <> $2")
            .bind(salon.id)
            .bind(first)
            .fetch_one(&app.db)
            .await
            .unwrap();

    // Nobody is in it who did not choose it: its one seat is free.
    assert_eq!(
        places_of(&app, "ida@example.dk", salon.id).await,
        vec![seat(first)]
    );
    assert_eq!(
        places_of(&app, "bo@example.dk", salon.id).await,
        vec![waiting(first, 1)]
    );
    assert_eq!(
        session_counters(&app, salon.id).await,
        vec![(1, 0, 1, 0), (0, 0, 0, 0)]
    );
    // Both are told, with the way to add it.
    for email in ["ida@example.dk", "bo@example.dk"] {
        let body: String = sqlx::query_scalar(
            "SELECT body_text FROM outbox WHERE to_address = $1 AND kind = 'salon.changed'",
        )
        .bind(email)
        .fetch_one(&app.db)
        .await
        .unwrap();
        assert!(body.contains("Nyt møde 2"), "{body}");
        assert!(body.contains("\"Ret din tilmelding\""), "{body}");
    }

    // Ida adds it herself and gets its seat.
    let r = change_to(&ida, &salon.path, &[first, second], "", false).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(
        places_of(&app, "ida@example.dk", salon.id).await,
        vec![seat(first), seat(second)]
    );
    assert_eq!(
        places_of(&app, "bo@example.dk", salon.id).await,
        vec![waiting(first, 1)]
    );
}

/// A salon in three sessions with one municipal seat in each, `unit` invited by its host: the
/// salon, its sessions and the invitation.
async fn unit_invited_to_three_sessions(
    app: &TestApp,
    host: &Browser,
    unit: &str,
) -> (crate::helpers::salons::SalonRef, Vec<Uuid>, Uuid) {
    let (salon, s) = three_session_salon(app, host, Some(20)).await;
    sqlx::query("UPDATE salons SET municipal_seats = 1 WHERE id = $1")
        .bind(salon.id)
        .execute(&app.db)
        .await
        .unwrap();
    let r = host
        .post(
            &format!("{}/invitations", salon.path),
            &[
                ("target", &format!("unit:{unit}")),
                ("email", ""),
                ("message", "Kom og hør."),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let id: Uuid = sqlx::query_scalar("SELECT id FROM invitations WHERE salon_id = $1")
        .bind(salon.id)
        .fetch_one(&app.db)
        .await
        .unwrap();
    (salon, s, id)
}
