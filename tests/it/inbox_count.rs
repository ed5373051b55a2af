//! The header's count of open invitations is kept per person, counted again by the database
//! whenever something it depends on changes. After each change made over HTTP — an invitation
//! sent, answered, passed on, withdrawn; a role approved or revoked (a unit nobody answers for
//! lands with the admins); a salon cancelled, hidden, past — every person's kept count is what
//! counting from scratch gives, and the header shows it.

use chrono::Duration;
use reqwest::StatusCode;

use crate::helpers::browser::Browser;
use crate::helpers::salons::published_salon;
use crate::helpers::{TestApp, text};
use crate::invitations::{invite, newest, scene};
use crate::moderation::{hide, item_of, moderator, report};

/// Everyone whose kept count differs from the count from scratch (the statement the header
/// used before the count was kept): email, kept, counted.
async fn wrong_counts(app: &TestApp) -> Vec<(String, i64, i64)> {
    sqlx::query_as(
        "WITH counted AS (
             SELECT a.user_id, count(DISTINCT a.invitation_id) AS n
             FROM invitation_answerers a
             JOIN invitations i ON i.id = a.invitation_id
             JOIN salons sa ON sa.id = i.salon_id
             WHERE i.status = 'open' AND sa.hidden_reason IS NULL
             GROUP BY a.user_id)
         SELECT u.email, coalesce(k.open, 0)::bigint, coalesce(c.n, 0)
         FROM users u
         LEFT JOIN inbox_counts k ON k.user_id = u.id
         LEFT JOIN counted c ON c.user_id = u.id
         WHERE coalesce(k.open, 0) <> coalesce(c.n, 0)",
    )
    .fetch_all(&app.db)
    .await
    .unwrap()
}

async fn kept(app: &TestApp, email: &str) -> i64 {
    sqlx::query_scalar(
        "SELECT coalesce((SELECT k.open FROM inbox_counts k WHERE k.user_id = u.id), 0)::bigint
         FROM users u WHERE u.email = $1",
    )
    .bind(email)
    .fetch_one(&app.db)
    .await
    .unwrap()
}

/// The header's inbox link as `who` sees it on a page that is not the inbox.
async fn header(who: &Browser) -> String {
    let page = who.get("/notifications").await;
    assert_eq!(page.status, StatusCode::OK);
    text(&page.html, ".inbox-link")
}

async fn true_after(app: &TestApp, step: &str) {
    let wrong = wrong_counts(app).await;
    assert!(wrong.is_empty(), "after {step}: {wrong:?}");
    // The inbox's kept due day (migration 0070) is what its definition gives.
    let wrong_due: Vec<String> = sqlx::query_scalar(
        "SELECT i.id::text FROM invitations i JOIN salons s ON s.id = i.salon_id
         WHERE i.due IS DISTINCT FROM
               least(i.reply_by, (s.first_starts_at AT TIME ZONE 'Europe/Copenhagen')::date)",
    )
    .fetch_all(&app.db)
    .await
    .unwrap();
    assert!(wrong_due.is_empty(), "after {step}: due days {wrong_due:?}");
    // What the inbox shows of the salon, kept on the invitation (migration 0076), is the
    // salon's.
    let wrong_salon: Vec<String> = sqlx::query_scalar(
        "SELECT i.id::text FROM invitations i JOIN salons s ON s.id = i.salon_id
         WHERE (i.salon_title, i.salon_starts_at, i.salon_hidden)
               IS DISTINCT FROM (s.title, s.first_starts_at, s.hidden_reason IS NOT NULL)",
    )
    .fetch_all(&app.db)
    .await
    .unwrap();
    assert!(
        wrong_salon.is_empty(),
        "after {step}: salons kept on invitations {wrong_salon:?}"
    );
}

/// The inbox `who` (signed in as `email`) sees, every status, lists exactly what the rule of
/// `invitation_answerers` gives them, in the inbox's order computed from scratch: the walk
/// per holder on the kept order misses nothing and adds nothing.
async fn inbox_true(app: &TestApp, who: &Browser, email: &str, step: &str) {
    let page = who.get("/inbox?status=all").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let sel = scraper::Selector::parse("tr.inbox-line th a").unwrap();
    let shown: Vec<String> = page
        .html
        .select(&sel)
        .filter_map(|a| a.value().attr("href").map(str::to_string))
        .collect();
    let expected: Vec<String> = sqlx::query_scalar(
        "SELECT '/inbox/' || i.id FROM invitations i JOIN salons s ON s.id = i.salon_id
         WHERE i.id IN (SELECT a.invitation_id FROM invitation_answerers a
                        JOIN users u ON u.id = a.user_id WHERE u.email = $1)
           AND s.hidden_reason IS NULL AND i.status <> 'withdrawn'
         ORDER BY i.status NOT IN ('open', 'proposed'),
                  coalesce(least(i.reply_by,
                                 (s.first_starts_at AT TIME ZONE 'Europe/Copenhagen')::date),
                           'infinity'::date),
                  i.sent_at, i.id",
    )
    .bind(email)
    .fetch_all(&app.db)
    .await
    .unwrap();
    assert_eq!(shown, expected, "{email}'s inbox after {step}");
}

fn ok(r: &crate::helpers::browser::Response) {
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
}

#[tokio::test]
async fn the_kept_count_of_open_invitations_stays_true_through_every_change() {
    let s = scene().await;
    let app = &s.app;
    const OLGA: &str = "olga@skanderborg.dk";
    const OLE: &str = "ole@skanderborg.dk";
    const ADMIN: &str = "admin@skanderborg.example.dk";
    true_after(app, "the scene").await;

    // Sent to the unit: both its officials count it, and the header shows it.
    ok(&invite(&s.host, &s.salon, &format!("unit:{}", s.unit), "").await);
    let first = newest(app, &s.salon).await;
    true_after(app, "an invitation to the unit").await;
    assert_eq!((kept(app, OLGA).await, kept(app, OLE).await), (1, 1));
    assert!(header(&s.olga).await.contains("1 åben"));

    // Sent to the municipality as a whole: its admin counts it.
    let other = published_salon(app, &s.host, Some(20)).await;
    ok(&invite(&s.host, &other, "municipality", "").await);
    true_after(app, "an invitation to the municipality").await;
    assert_eq!(kept(app, ADMIN).await, 1);

    // Declined: no longer open.
    ok(&s
        .olga
        .post(&format!("/inbox/{first}/decline"), &[("reason", "Travlt")])
        .await);
    true_after(app, "a decline").await;
    inbox_true(app, &s.olga, OLGA, "a decline").await;
    inbox_true(app, &s.admin, ADMIN, "a decline").await;
    assert_eq!((kept(app, OLGA).await, kept(app, OLE).await), (0, 0));
    assert!(!header(&s.olga).await.contains("åben"));

    // Sent again, then passed on to another unit: it leaves Olga's and Ole's count for Per's.
    ok(&invite(&s.host, &s.salon, &format!("unit:{}", s.unit), "").await);
    // The clock stands still: the open one, not the newest by time sent.
    let again: uuid::Uuid =
        sqlx::query_scalar("SELECT id FROM invitations WHERE salon_id = $1 AND status = 'open'")
            .bind(s.salon.id)
            .fetch_one(&app.db)
            .await
            .unwrap();
    let plan = app
        .create_unit(&s.admin, "skanderborg", "department", "Plan og Byg")
        .await;
    let (per, _) = app
        .skanderborg_official(&s.admin, &plan, "Per Plan", "per@skanderborg.dk")
        .await;
    true_after(app, "a new official").await;
    ok(&s
        .olga
        .post(
            &format!("/inbox/{again}/pass-on"),
            &[("to", format!("unit:{plan}").as_str())],
        )
        .await);
    true_after(app, "a pass-on").await;
    inbox_true(app, &s.olga, OLGA, "a pass-on").await;
    inbox_true(app, &per, "per@skanderborg.dk", "a pass-on").await;
    assert_eq!(kept(app, OLGA).await, 0);
    assert_eq!(kept(app, "per@skanderborg.dk").await, 1);
    assert!(header(&per).await.contains("1 åben"));

    // Withdrawn by the host.
    ok(&s
        .host
        .post(
            &format!("{}/invitations/{again}/withdraw", s.salon.path),
            &[],
        )
        .await);
    true_after(app, "a withdrawal").await;
    assert_eq!(kept(app, "per@skanderborg.dk").await, 0);

    // Membership: Olga leaves, then Ole, the unit's last answerer — its invitation lands with
    // the admin; a new official for the unit takes it back from the admin.
    ok(&invite(&s.host, &other, &format!("unit:{}", s.unit), "").await);
    true_after(app, "a second invitation to the unit").await;
    for role in [&s.olga_role, &s.ole_role] {
        ok(&s
            .admin
            .post(
                &format!("/admin/skanderborg/roles/{role}/revoke"),
                &[("reason", "Har fået nyt job")],
            )
            .await);
        true_after(app, "a revoked role").await;
    }
    assert_eq!((kept(app, OLGA).await, kept(app, OLE).await), (0, 0));
    assert_eq!(kept(app, ADMIN).await, 2);
    inbox_true(app, &s.admin, ADMIN, "the unit's last answerer left").await;
    inbox_true(app, &s.ole, OLE, "the unit's last answerer left").await;
    let (nina, _) = app
        .skanderborg_official(&s.admin, &s.unit, "Nina Ny", "nina@skanderborg.dk")
        .await;
    true_after(app, "a unit's new official").await;
    inbox_true(app, &s.admin, ADMIN, "a unit's new official").await;
    inbox_true(app, &nina, "nina@skanderborg.dk", "a unit's new official").await;
    assert_eq!(kept(app, ADMIN).await, 1);
    assert_eq!(kept(app, "nina@skanderborg.dk").await, 1);

    // A cancelled salon's invitations stay open, as before the count was kept; a past one's too.
    ok(&invite(&s.host, &s.salon, &format!("unit:{}", s.unit), "").await);
    ok(&s
        .host
        .post(
            &format!("{}/cancel", s.salon.path),
            &[("message", "Værten er syg. Vi finder en ny dato.")],
        )
        .await);
    true_after(app, "a cancelled salon").await;
    assert_eq!(kept(app, "nina@skanderborg.dk").await, 2);
    // The salon's session moves (as an edit of its dates does): the due day of its
    // invitations follows, and the inbox's order with it.
    sqlx::query(
        "UPDATE salon_sessions SET starts_at = starts_at - interval '5 days' WHERE salon_id = $1",
    )
    .bind(other.id)
    .execute(&app.db)
    .await
    .unwrap();
    true_after(app, "a session moved").await;
    // The salon renamed (as an edit does): its invitations' lines say the new title.
    sqlx::query("UPDATE salons SET title = 'Ny titel i Ry' WHERE id = $1")
        .bind(other.id)
        .execute(&app.db)
        .await
        .unwrap();
    true_after(app, "a salon renamed").await;
    inbox_true(app, &nina, "nina@skanderborg.dk", "a session moved").await;
    app.clock.advance(Duration::days(30));
    true_after(app, "the salons are past").await;

    // Hidden by the moderators: not the municipality's work any more.
    let reporter = app.verified_person("Rita Læser", "rita@example.dk").await;
    report(&reporter, &format!("{}/report", other.path), "hate").await;
    let mona = moderator(app).await;
    hide(&mona, &item_of(app).await, "Hetz mod en gruppe.").await;
    true_after(app, "a hidden salon").await;
    assert_eq!(kept(app, ADMIN).await, 0);
    assert_eq!(kept(app, "nina@skanderborg.dk").await, 1);
}
