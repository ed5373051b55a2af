//! The notification centre: every mail to a person with an account gets its in-app twin with a
//! link to what it concerns, the header counts the unread ones, marking one or all as read
//! works without JavaScript, another person's notice does not exist, security mails leave no
//! token behind, and the data download and deletion include the notices.

use reqwest::StatusCode;

use crate::helpers::browser::Browser;
use crate::helpers::salons::published_salon;
use crate::helpers::{TestApp, attr, text, texts};

const HOST: &str = "hanne@example.dk";
const NEIGHBOUR: &str = "soeren@example.dk";

/// The header's link to the notification centre, as `browser` sees it.
async fn header_link(browser: &Browser) -> String {
    text(&browser.get("/").await.html, "header a.notifications-link")
}

/// The id of the newest notice of `email` of `kind`.
async fn newest(app: &TestApp, email: &str, kind: &str) -> i64 {
    sqlx::query_scalar(
        "SELECT n.id FROM notifications n JOIN users u ON u.id = n.user_id
         WHERE u.email = $1 AND n.kind = $2 ORDER BY n.id DESC LIMIT 1",
    )
    .bind(email)
    .bind(kind)
    .fetch_one(&app.db)
    .await
    .unwrap()
}

/// A host with a published salon, and a neighbour who registered for it.
async fn neighbour_registered(app: &TestApp) -> (Browser, String) {
    let host = app.verified_person("Hanne Vært", HOST).await;
    let salon = published_salon(app, &host, Some(10)).await;
    let neighbour = app.verified_person("Søren Nabo", NEIGHBOUR).await;
    assert_eq!(header_link(&neighbour).await, "Notifikationer (1)");
    let r = neighbour
        .post(&format!("{}/register", salon.path), &[])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    (neighbour, salon.path)
}

#[tokio::test]
async fn a_registration_mail_shows_in_the_notification_centre_with_its_link() {
    let app = TestApp::spawn().await;
    let (neighbour, salon_path) = neighbour_registered(&app).await;

    assert_eq!(header_link(&neighbour).await, "Notifikationer (2)");
    let page = neighbour.get("/notifications").await;
    assert_eq!(page.status, StatusCode::OK);
    let subject: String = sqlx::query_scalar(
        "SELECT subject FROM outbox WHERE to_address = $1 AND kind = 'registration.registered'",
    )
    .bind(NEIGHBOUR)
    .fetch_one(&app.db)
    .await
    .unwrap();
    // Newest first: the registration, then the confirmation of the address.
    let subjects = texts(&page.html, "li.notification .notification-subject");
    assert_eq!(subjects.len(), 2);
    assert_eq!(subjects[0], subject);
    assert_eq!(
        attr(&page.html, "li.notification a.notification-subject", "href"),
        Some(salon_path)
    );
    assert_eq!(texts(&page.html, "li.notification.unread").len(), 2);
    assert_eq!(
        attr(&page.html, "header a.notifications-link", "aria-current").as_deref(),
        Some("page")
    );
    // The host got no notice of the neighbour's registration, and no count went up for them.
    let host = app.browser();
    host.post(
        "/sign-in",
        &[("email", HOST), ("password", crate::helpers::PASSWORD)],
    )
    .await;
    assert_eq!(header_link(&host).await, "Notifikationer (1)");
}

#[tokio::test]
async fn marking_one_and_then_all_as_read_clears_the_count() {
    let app = TestApp::spawn().await;
    let (neighbour, _) = neighbour_registered(&app).await;
    let registered = newest(&app, NEIGHBOUR, "registration.registered").await;

    let r = neighbour
        .post(&format!("/notifications/{registered}/read"), &[])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(r.location.as_deref(), Some("/notifications?done=read"));
    let page = neighbour.get("/notifications?done=read").await;
    assert_eq!(
        text(&page.html, ".notice[role=status]"),
        "Notifikationen er markeret som læst."
    );
    assert_eq!(
        text(&page.html, "header a.notifications-link"),
        "Notifikationer (1)"
    );
    let selector = format!("#notification-{registered}.unread");
    assert!(texts(page.expect_page("Notifikationer"), &selector).is_empty());
    assert_eq!(
        texts(&page.html, "li.notification").len(),
        2,
        "still listed"
    );
    // Marking it again changes nothing and is no error.
    let again = neighbour
        .post(&format!("/notifications/{registered}/read"), &[])
        .await;
    assert_eq!(again.status, StatusCode::SEE_OTHER);

    let r = neighbour.post("/notifications/read", &[]).await;
    assert_eq!(r.location.as_deref(), Some("/notifications?done=all-read"));
    let page = neighbour.get("/notifications").await;
    assert_eq!(
        text(&page.html, "header a.notifications-link"),
        "Notifikationer"
    );
    assert!(texts(page.expect_page("Notifikationer"), "li.notification.unread").is_empty());
    assert!(texts(page.expect_page("Notifikationer"), "form.mark-all").is_empty());
    assert_eq!(text(&page.html, ".notifications-summary"), "Alle er læst.");
}

#[tokio::test]
async fn another_persons_notification_cannot_be_marked_read() {
    let app = TestApp::spawn().await;
    let (_neighbour, _) = neighbour_registered(&app).await;
    let theirs = newest(&app, NEIGHBOUR, "registration.registered").await;
    let stranger = app.verified_person("Anne Anden", "anne@example.dk").await;

    let r = stranger
        .post(&format!("/notifications/{theirs}/read"), &[])
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let unread: bool =
        sqlx::query_scalar("SELECT read_at IS NULL FROM notifications WHERE id = $1")
            .bind(theirs)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert!(unread);
    // Nor does a made-up id exist, nor is another's notice listed.
    let r = stranger.post("/notifications/not-a-number/read", &[]).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let page = stranger.get("/notifications").await;
    assert_eq!(texts(&page.html, "li.notification").len(), 1);
}

#[tokio::test]
async fn no_token_from_a_security_mail_reaches_the_notification_centre() {
    let app = TestApp::spawn().await;
    let person = app.registered_person("Søren Nabo", NEIGHBOUR).await;
    let verify_link = app.link_in_mail(NEIGHBOUR).await;
    let r = app
        .browser()
        .post("/password/forgot", &[("email", NEIGHBOUR)])
        .await;
    assert!(
        r.status.is_redirection() || r.status.is_success(),
        "{}",
        r.status
    );
    app.run_jobs().await;
    let reset_link = app.link_in_mail(NEIGHBOUR).await;
    assert!(reset_link.starts_with("/password/reset/"), "{reset_link}");

    let page = person.get("/notifications").await;
    assert_eq!(texts(&page.html, "li.notification").len(), 2);
    assert!(
        texts(page.expect_page("Notifikationer"), "li.notification a").is_empty(),
        "no links"
    );
    for link in [&verify_link, &reset_link] {
        let token = link.rsplit('/').next().unwrap();
        assert!(!page.body.contains(token));
        let stored: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM notifications n WHERE strpos(n::text, $1) > 0",
        )
        .bind(token)
        .fetch_one(&app.db)
        .await
        .unwrap();
        assert_eq!(stored, 0, "a token was stored with a notification");
    }
    let kinds: Vec<String> = sqlx::query_scalar("SELECT kind FROM notifications ORDER BY id")
        .fetch_all(&app.db)
        .await
        .unwrap();
    assert_eq!(kinds, ["account.verify", "account.reset"]);
}

#[tokio::test]
async fn a_person_without_notifications_sees_the_empty_state() {
    let app = TestApp::spawn().await;
    let person = app.verified_person("Søren Nabo", NEIGHBOUR).await;
    // As for everyone who signed up before the notification centre existed.
    sqlx::query("DELETE FROM notifications")
        .execute(&app.db)
        .await
        .unwrap();
    let page = person.get("/notifications").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(text(&page.html, ".notifications-empty").starts_with("Du har ingen notifikationer"));
    assert!(texts(page.expect_page("Notifikationer"), "form.mark-all").is_empty());
    assert_eq!(
        text(&page.html, "header a.notifications-link"),
        "Notifikationer"
    );
    // Visitors are sent to sign in.
    let r = app.browser().get("/notifications").await;
    assert_eq!(
        r.location.as_deref(),
        Some("/sign-in?next=%2Fnotifications")
    );
}

#[tokio::test]
async fn the_data_download_holds_the_notifications_and_deletion_removes_them() {
    let app = TestApp::spawn().await;
    let (neighbour, salon_path) = neighbour_registered(&app).await;
    let r = neighbour.get("/account/data.json").await;
    assert_eq!(r.status, StatusCode::OK);
    let data: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    let notices = data["notifications"].as_array().unwrap();
    assert_eq!(notices.len(), 2);
    assert_eq!(notices[1]["kind"], "registration.registered");
    assert_eq!(notices[1]["link"], salon_path.as_str());
    assert!(notices[1]["read_at"].is_null());

    let r = neighbour
        .post(
            "/account/delete",
            &[("current_password", crate::helpers::PASSWORD)],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let left: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.deleted_at IS NOT NULL",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(left, 0);
}

/// A long history comes a page at a time, newest first: every notice once, the unread count
/// over all of them, and a cursor that does not parse is the first page.
#[tokio::test]
async fn a_long_history_is_paged_newest_first_with_every_notice_once() {
    let app = TestApp::spawn().await;
    let person = app.verified_person("Søren Nabo", NEIGHBOUR).await;
    let user: uuid::Uuid = sqlx::query_scalar("SELECT id FROM users WHERE email = $1")
        .bind(NEIGHBOUR)
        .fetch_one(&app.db)
        .await
        .unwrap();
    sqlx::query("DELETE FROM notifications")
        .execute(&app.db)
        .await
        .unwrap();
    // 120 notices a minute apart, and two in the same microsecond (the id breaks the tie).
    let mut conn = app.db.acquire().await.unwrap();
    let start = app.clock.now();
    for i in 0..120 {
        let at = start + chrono::Duration::minutes(i);
        medspil::notifications::notify_in_app(
            &mut conn,
            user,
            "test",
            &format!("Notits {i:03}"),
            "/",
            at,
        )
        .await
        .unwrap();
    }
    for extra in ["Samtidig A", "Samtidig B"] {
        medspil::notifications::notify_in_app(&mut conn, user, "test", extra, "/", start)
            .await
            .unwrap();
    }
    drop(conn);

    let mut seen: Vec<String> = Vec::new();
    let mut path = "/notifications".to_string();
    let mut pages = 0;
    loop {
        let page = person.get(&path).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        let html = page.expect_page("Notifikationer");
        assert_eq!(text(html, ".notifications-summary"), "122 ulæste.");
        let subjects = texts(html, ".notification-subject");
        assert!(subjects.len() <= 50, "{} on one page", subjects.len());
        seen.extend(subjects);
        pages += 1;
        match texts(html, ".notification-pages a[rel=next]").first() {
            Some(_) => path = attr(html, ".notification-pages a[rel=next]", "href").unwrap(),
            None => break,
        }
        assert!(pages < 5, "the pages never end");
    }
    assert_eq!(pages, 3);
    assert_eq!(seen.len(), 122, "every notice once");
    assert_eq!(seen[0], "Notits 119", "newest first");
    let mut unique = seen.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), 122, "no notice twice");
    // A later page links back to the newest; a cursor that does not parse is the first page.
    let later = person.get(&path).await;
    assert_eq!(
        attr(
            later.expect_page("Notifikationer"),
            ".notification-pages a:not([rel])",
            "href"
        )
        .as_deref(),
        Some("/notifications")
    );
    let garbage = person.get("/notifications?before=banana").await;
    assert_eq!(
        texts(
            garbage.expect_page("Notifikationer"),
            ".notification-subject"
        )[0],
        "Notits 119"
    );
}

/// Everyone whose kept count of unread notices (migration 0085) differs from the count from
/// scratch: email, kept, counted.
pub(crate) async fn unread_not_kept(app: &TestApp) -> Vec<(String, i32, i64)> {
    sqlx::query_as(
        "SELECT u.email, u.unread_notifications,
                (SELECT count(*) FROM notifications n WHERE n.user_id = u.id AND n.read_at IS NULL)
         FROM users u
         WHERE u.unread_notifications
               <> (SELECT count(*) FROM notifications n
                   WHERE n.user_id = u.id AND n.read_at IS NULL)",
    )
    .fetch_all(&app.db)
    .await
    .unwrap()
}

async fn unread_true_after(app: &TestApp, step: &str) {
    let wrong = unread_not_kept(app).await;
    assert!(wrong.is_empty(), "after {step}: {wrong:?}");
}

/// The header's count is kept on the person's row by the database: after every kind of change
/// — a notice with a mail and one in the app alone, one read, all read, several people's made
/// at once, one made unread again or moved to another person, some deleted, the account deleted
/// — every person's kept count is what counting gives, and the header shows it.
#[tokio::test]
async fn the_kept_count_of_unread_notices_stays_true_through_every_change() {
    let app = TestApp::spawn().await;
    unread_true_after(&app, "nothing").await;
    let (neighbour, salon_path) = neighbour_registered(&app).await;
    unread_true_after(&app, "a confirmation and a registration").await;
    assert_eq!(header_link(&neighbour).await, "Notifikationer (2)");

    // A notice in the app alone: a report tells the moderators.
    let mona = crate::moderation::moderator(&app).await;
    crate::moderation::report(&neighbour, &format!("{salon_path}/report"), "spam").await;
    unread_true_after(&app, "a report to the moderators").await;
    assert_eq!(header_link(&mona).await, "Notifikationer (2)");

    let registered = newest(&app, NEIGHBOUR, "registration.registered").await;
    let r = neighbour
        .post(&format!("/notifications/{registered}/read"), &[])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    unread_true_after(&app, "one read").await;
    assert_eq!(header_link(&neighbour).await, "Notifikationer (1)");
    // Marking it again changes nothing.
    neighbour
        .post(&format!("/notifications/{registered}/read"), &[])
        .await;
    unread_true_after(&app, "one read again").await;

    let r = neighbour.post("/notifications/read", &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    unread_true_after(&app, "all read").await;
    assert_eq!(header_link(&neighbour).await, "Notifikationer");

    // What nothing in the app does today but a hand in psql may: several people's notices in
    // one statement, read and unread ones; one made unread again; one moved to another person;
    // some deleted.
    sqlx::query(
        "INSERT INTO notifications (user_id, kind, subject, link, created_at, read_at)
         SELECT u.id, 'test', 'Besked ' || n, '/', now(), CASE WHEN n % 3 = 0 THEN now() END
         FROM users u, generate_series(1, 5) n",
    )
    .execute(&app.db)
    .await
    .unwrap();
    unread_true_after(&app, "several people's notices at once").await;
    assert_eq!(header_link(&neighbour).await, "Notifikationer (4)");
    sqlx::query("UPDATE notifications SET read_at = NULL WHERE id = $1")
        .bind(registered)
        .execute(&app.db)
        .await
        .unwrap();
    unread_true_after(&app, "one made unread again").await;
    sqlx::query(
        "UPDATE notifications SET user_id = (SELECT id FROM users WHERE email = 'mona@medspil.dk')
         WHERE id = $1",
    )
    .bind(registered)
    .execute(&app.db)
    .await
    .unwrap();
    unread_true_after(&app, "one moved to another person").await;
    sqlx::query("DELETE FROM notifications WHERE kind = 'test' AND subject LIKE '%2'")
        .execute(&app.db)
        .await
        .unwrap();
    unread_true_after(&app, "some deleted").await;
    assert_eq!(header_link(&neighbour).await, "Notifikationer (3)");

    // The account deleted: its notices go, and so does its count.
    let id: uuid::Uuid = sqlx::query_scalar("SELECT id FROM users WHERE email = $1")
        .bind(NEIGHBOUR)
        .fetch_one(&app.db)
        .await
        .unwrap();
    let r = neighbour
        .post(
            "/account/delete",
            &[("current_password", crate::helpers::PASSWORD)],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    unread_true_after(&app, "the account deleted").await;
    let left: i32 = sqlx::query_scalar("SELECT unread_notifications FROM users WHERE id = $1")
        .bind(id)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(left, 0);
}
