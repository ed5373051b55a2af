//! People are asked, told and able to act: each rule of the issue has its test here, named after
//! it — one answer per person ([`answers`]), colleagues asked before they are named
//! ([`colleagues`]), the invitee's link ([`invitees`]), co-hosts asked ([`cohosts`]), a
//! cancellation that reaches everyone invited ([`cancelling`]), the hosts' own messages
//! ([`messages`]), the suspended person's appeal ([`appeals`]) and moderators told of reports
//! ([`moderators`]).

mod answers;
mod appeals;
mod cancelling;
mod cohosts;
mod colleagues;
mod invitees;
mod messages;
mod moderators;

use reqwest::StatusCode;
use uuid::Uuid;

use crate::helpers::TestApp;
use crate::helpers::browser::{Browser, Response};
use crate::helpers::salons::{SalonRef, published_salon};

/// Skanderborg with a department, "Teknik og Miljø", whose two officials answer for it, and a
/// citizen host with a published salon four days ahead (20 citizen seats, 2 for the
/// municipality).
pub struct Scene {
    pub app: TestApp,
    pub admin: Browser,
    pub host: Browser,
    pub salon: SalonRef,
    pub unit: String,
    pub olga: Browser,
    pub olga_role: String,
    pub ole: Browser,
    pub ole_role: String,
    logs: crate::helpers::logs::LogCapture,
}

impl Drop for Scene {
    fn drop(&mut self) {
        if std::thread::panicking() {
            for line in self.logs.text().lines().filter(|l| l.contains("ERROR")) {
                eprintln!("app: {line}");
            }
        }
    }
}

pub async fn scene() -> Scene {
    let logs = crate::helpers::logs::LogCapture::start();
    let app = TestApp::spawn().await;
    let admin = app.municipality_admin("skanderborg").await;
    let unit = app.teknik_og_miljo(&admin).await;
    let (olga, olga_role) = app
        .skanderborg_official(&admin, &unit, "Olga Hansen", "olga@skanderborg.dk")
        .await;
    let (ole, ole_role) = app
        .skanderborg_official(&admin, &unit, "Ole Berg", "ole@skanderborg.dk")
        .await;
    let host = app.verified_person("Carl Borger", "carl@example.dk").await;
    let salon = published_salon(&app, &host, Some(20)).await;
    Scene {
        app,
        admin,
        host,
        salon,
        unit,
        olga,
        olga_role,
        ole,
        ole_role,
        logs,
    }
}

impl Scene {
    /// The host sends an invitation to `target` (`unit:…`, `person:…`, `email`) from the
    /// invitations page, with `extra` fields.
    pub async fn invite(&self, target: &str, extra: &[(&str, &str)]) -> Response {
        let mut form = vec![
            ("target", target),
            ("message", "Kom og hør, hvad vi mener om stien langs søen."),
        ];
        form.extend_from_slice(extra);
        self.host
            .post(&format!("{}/invitations", self.salon.path), &form)
            .await
    }

    /// The host invites the department; its invitation's id.
    pub async fn invite_unit(&self) -> Uuid {
        let r = self.invite(&format!("unit:{}", self.unit), &[]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        self.newest_invitation().await
    }

    /// The salon's newest invitation.
    pub async fn newest_invitation(&self) -> Uuid {
        sqlx::query_scalar(
            // Sent at the same tick of the test clock: the order of their first events decides.
            "SELECT e.invitation_id FROM invitation_events e JOIN invitations i ON i.id = e.invitation_id
             WHERE i.salon_id = $1 AND e.kind = 'sent' ORDER BY e.seq DESC LIMIT 1",
        )
        .bind(self.salon.id)
        .fetch_one(&self.app.db)
        .await
        .unwrap()
    }

    /// The salon page's public lines about the municipality's invitations.
    pub async fn public_lines(&self) -> Vec<String> {
        let page = self.app.page(&self.salon.path, StatusCode::OK).await;
        crate::helpers::texts(&page, ".salon-invitations li")
    }
}

/// The subjects of the mails queued for `email`, oldest first.
pub async fn subjects_to(app: &TestApp, email: &str) -> Vec<String> {
    sqlx::query_scalar(
        "SELECT subject FROM outbox WHERE lower(to_address) = lower($1) ORDER BY seq",
    )
    .bind(email)
    .fetch_all(&app.db)
    .await
    .unwrap()
}

/// The newest mail's text to `email`.
pub async fn last_mail_to(app: &TestApp, email: &str) -> String {
    sqlx::query_scalar(
        "SELECT body_text FROM outbox WHERE lower(to_address) = lower($1) ORDER BY seq DESC LIMIT 1",
    )
    .bind(email)
    .fetch_one(&app.db)
    .await
    .unwrap_or_else(|_| panic!("no mail to {email}"))
}

/// The subjects of `email`'s person's in-app notifications, newest first.
pub async fn notifications_of(app: &TestApp, email: &str) -> Vec<(String, Option<String>)> {
    sqlx::query_as(
        "SELECT n.subject, n.link FROM notifications n JOIN users u ON u.id = n.user_id
         WHERE u.email = $1 ORDER BY n.id DESC",
    )
    .bind(email)
    .fetch_all(&app.db)
    .await
    .unwrap()
}
