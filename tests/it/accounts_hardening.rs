//! Accounts against a determined attacker: nothing tells which addresses have accounts, mail
//! cannot be made to flood an address, a password change or a used reset link closes every
//! other way in, and guessing the current password is slowed like guessing at sign-in.

use std::time::{Duration as StdDuration, Instant};

use chrono::Duration;
use reqwest::StatusCode;

use crate::helpers::browser::Browser;
use crate::helpers::{Options, PASSWORD, TestApp, text};

const RIKKE: &str = "rikke.berg@example.dk";

async fn count(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(&app.db).await.unwrap()
}

/// The app with sign-in waits out of the way, so only the work itself is timed or counted.
async fn app_without_sign_in_waits() -> TestApp {
    TestApp::spawn_with(Options {
        env: [
            ("MEDSPIL_SIGNIN_FREE_PER_ACCOUNT", "100000".to_string()),
            ("MEDSPIL_SIGNIN_FREE_PER_ADDRESS", "100000".to_string()),
        ]
        .into(),
        ..Default::default()
    })
    .await
}

fn median(mut times: Vec<StdDuration>) -> StdDuration {
    times.sort();
    let n = times.len();
    (times[n / 2 - 1] + times[n / 2]) / 2
}

/// One refused sign-in, timed; it must be refused for the password, never for a wait.
async fn timed_refusal(browser: &Browser, email: &str) -> StdDuration {
    let started = Instant::now();
    let r = browser
        .post(
            "/sign-in",
            &[("email", email), ("password", "gæt et kodeord")],
        )
        .await;
    let took = started.elapsed();
    assert_eq!(
        r.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{email}: refused for the password, not throttled"
    );
    took
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refusing_a_sign_in_takes_as_long_for_an_unknown_address_as_for_a_known_one() {
    let app = app_without_sign_in_waits().await;
    app.registered_person("Rikke", RIKKE).await;
    let attacker = app.browser();
    // Warm up both paths (the stand-in hash is computed once, connections are opened).
    timed_refusal(&attacker, RIKKE).await;
    timed_refusal(&attacker, "ingen@example.dk").await;
    // Interleaved, so a burst of load from elsewhere on the machine hits both alike.
    let (mut known, mut unknown) = (Vec::new(), Vec::new());
    for i in 0..12 {
        let stranger = format!("ingen{i}@example.dk");
        if i % 2 == 0 {
            known.push(timed_refusal(&attacker, RIKKE).await);
            unknown.push(timed_refusal(&attacker, &stranger).await);
        } else {
            unknown.push(timed_refusal(&attacker, &stranger).await);
            known.push(timed_refusal(&attacker, RIKKE).await);
        }
    }
    let (known, unknown) = (median(known), median(unknown));
    let (slow, fast) = (known.max(unknown), known.min(unknown));
    assert!(
        (slow - fast) * 3 < slow,
        "median refusal: known {known:?}, unknown {unknown:?} — differs by a third or more"
    );
}

/// The number of jobs of `kind` in the queue, done or not.
async fn jobs_of(app: &TestApp, kind: &str) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM jobs WHERE kind = $1")
        .bind(kind)
        .fetch_one(&app.db)
        .await
        .unwrap()
}

/// Mails of `kind` queued for `email`.
async fn mails_of(app: &TestApp, email: &str, kind: &str) -> i64 {
    sqlx::query_scalar(
        "SELECT count(*) FROM outbox WHERE lower(to_address) = lower($1) AND kind = $2",
    )
    .bind(email)
    .bind(kind)
    .fetch_one(&app.db)
    .await
    .unwrap()
}

#[tokio::test]
async fn forgetting_a_password_queues_one_job_whether_or_not_the_address_has_an_account() {
    let app = TestApp::spawn().await;
    app.registered_person("Rikke", RIKKE).await;
    let known = app
        .browser()
        .post("/password/forgot", &[("email", RIKKE)])
        .await;
    assert_eq!(jobs_of(&app, "account.reset").await, 1);
    assert_eq!(
        mails_of(&app, RIKKE, "account.reset").await,
        0,
        "the request itself writes no mail"
    );
    let unknown = app
        .browser()
        .post("/password/forgot", &[("email", "ingen@example.dk")])
        .await;
    assert_eq!(jobs_of(&app, "account.reset").await, 2);
    assert_eq!(known.status, unknown.status);
    assert_eq!(text(&known.html, "main"), text(&unknown.html, "main"));

    // The worker decides: a mail for the account, nothing for the unknown address.
    app.run_jobs().await;
    assert_eq!(mails_of(&app, RIKKE, "account.reset").await, 1);
    assert_eq!(app.mails_to("ingen@example.dk").await, 0);
    let kept: i64 = count(
        &app,
        "SELECT count(*) FROM jobs WHERE kind = 'account.reset' AND payload::text LIKE '%@%'",
    )
    .await;
    assert_eq!(kept, 0, "a done job keeps no address");
}

#[tokio::test]
async fn account_mails_to_one_address_stop_at_the_limit_and_the_page_stays_the_same() {
    let app = TestApp::spawn().await;
    app.registered_person("Rikke", RIKKE).await;
    let attacker = app.browser();

    // 25 × "forgot password": three reset mails an hour, and every answer the same.
    let first = attacker.post("/password/forgot", &[("email", RIKKE)]).await;
    for _ in 1..25 {
        let again = attacker.post("/password/forgot", &[("email", RIKKE)]).await;
        assert_eq!(again.status, first.status);
        assert_eq!(text(&again.html, "main"), text(&first.html, "main"));
    }
    app.run_jobs().await;
    assert_eq!(
        jobs_of(&app, "account.reset").await,
        3,
        "nothing more queued"
    );
    assert_eq!(mails_of(&app, RIKKE, "account.reset").await, 3);

    // At most ten a day: three an hour for three hours, then one.
    for _ in 0..3 {
        app.clock.advance(Duration::hours(1));
        for _ in 0..5 {
            attacker.post("/password/forgot", &[("email", RIKKE)]).await;
        }
    }
    app.run_jobs().await;
    assert_eq!(mails_of(&app, RIKKE, "account.reset").await, 10);
    app.clock.advance(Duration::hours(21));
    attacker.post("/password/forgot", &[("email", RIKKE)]).await;
    app.run_jobs().await;
    assert_eq!(
        mails_of(&app, RIKKE, "account.reset").await,
        11,
        "a day later the owner can ask again"
    );

    // 15 × "send the confirmation again" for an unconfirmed account: the first and three more.
    let unconfirmed = app.registered_person("Mads", "mads@example.dk").await;
    for _ in 0..15 {
        let r = unconfirmed.post("/account/verify-resend", &[]).await;
        assert_eq!(r.location.as_deref(), Some("/account?done=verify-sent"));
    }
    assert_eq!(mails_of(&app, "mads@example.dk", "account.verify").await, 4);

    // Registering again and again with a taken address: three notes to its owner.
    for _ in 0..6 {
        let r = app
            .browser()
            .post(
                "/register",
                &[
                    ("name", "Mallory"),
                    ("email", RIKKE),
                    ("password", PASSWORD),
                ],
            )
            .await;
        assert_eq!(r.location.as_deref(), Some("/register/check-email"));
    }
    assert_eq!(mails_of(&app, RIKKE, "account.already-registered").await, 3);

    // Email changes to one inbox under many +tags: three confirmation mails in all.
    let mallory = app.verified_person("Mallory", "mallory@example.dk").await;
    for i in 0..6 {
        let to = format!("victim+{i}@example.org");
        let r = mallory
            .post(
                "/account/email",
                &[("email", to.as_str()), ("current_password", PASSWORD)],
            )
            .await;
        assert_eq!(r.location.as_deref(), Some("/account?done=email-sent"));
    }
    let to_victim: i64 = count(
        &app,
        "SELECT count(*) FROM outbox WHERE to_address LIKE 'victim+%@example.org'",
    )
    .await;
    assert_eq!(to_victim, 3);
}

#[tokio::test]
async fn account_mails_asked_for_from_one_client_address_stop_at_the_limit() {
    let app = TestApp::spawn_with(Options {
        env: [("MEDSPIL_TRUSTED_PROXIES", "127.0.0.1".to_string())].into(),
        ..Default::default()
    })
    .await;
    let attacker = app.browser();
    let from = |ip: &'static str| [("origin", app.address.as_str()), ("x-forwarded-for", ip)];
    for i in 0..25 {
        let email = format!("person{i}@example.dk");
        let r = attacker
            .post_with(
                "/password/forgot",
                &[("email", email.as_str())],
                &from("203.0.113.9"),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK);
    }
    assert_eq!(jobs_of(&app, "account.reset").await, 20);
    // Someone else, from another address, is not held back.
    app.browser()
        .post_with(
            "/password/forgot",
            &[("email", "person0@example.dk")],
            &from("198.51.100.7"),
        )
        .await;
    assert_eq!(jobs_of(&app, "account.reset").await, 21);
}

/// `person` asks to change their email to `to`; returns the confirmation link mailed there.
async fn asks_to_change_email(app: &TestApp, person: &Browser, to: &str) -> String {
    changes_email_with(app, person, to, PASSWORD).await
}

async fn changes_email_with(app: &TestApp, person: &Browser, to: &str, password: &str) -> String {
    let r = person
        .post(
            "/account/email",
            &[("email", to), ("current_password", password)],
        )
        .await;
    assert_eq!(r.location.as_deref(), Some("/account?done=email-sent"));
    app.link_in_mail(to).await
}

async fn email_of_the_account(app: &TestApp, name: &str) -> String {
    sqlx::query_scalar("SELECT email FROM users WHERE name = $1")
        .bind(name)
        .fetch_one(&app.db)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_password_change_or_reset_revokes_pending_email_changes_and_reset_links() {
    let app = TestApp::spawn().await;
    let rikke = app.verified_person("Rikke", RIKKE).await;
    // An intruder with Rikke's session and password asks for his own address, and a reset
    // link is out too.
    let intruder = app.browser();
    intruder
        .post("/sign-in", &[("email", RIKKE), ("password", PASSWORD)])
        .await;
    let takeover = asks_to_change_email(&app, &intruder, "intruder@evil.example").await;
    app.browser()
        .post("/password/forgot", &[("email", RIKKE)])
        .await;
    app.run_jobs().await;
    let reset = app.link_in_mail(RIKKE).await;
    assert!(reset.starts_with("/password/reset/"), "{reset}");

    // Rikke changes her password: both links die with the old one.
    let r = rikke
        .post(
            "/account/password",
            &[
                ("current_password", PASSWORD),
                ("password", "et nyt og langt kodeord"),
            ],
        )
        .await;
    assert_eq!(r.location.as_deref(), Some("/account?done=password"));
    assert_eq!(intruder.post(&takeover, &[]).await.status, StatusCode::GONE);
    assert_eq!(app.browser().get(&reset).await.status, StatusCode::GONE);
    assert_eq!(email_of_the_account(&app, "Rikke").await, RIKKE);

    // The same through a reset: a change asked for before it is gone after it.
    let takeover = changes_email_with(
        &app,
        &rikke,
        "intruder@evil.example",
        "et nyt og langt kodeord",
    )
    .await;
    app.browser()
        .post("/password/forgot", &[("email", RIKKE)])
        .await;
    app.run_jobs().await;
    let reset = app.link_in_mail(RIKKE).await;
    let r = app
        .browser()
        .post(&reset, &[("password", "endnu et nyt kodeord")])
        .await;
    assert_eq!(r.location.as_deref(), Some("/account?done=password"));
    assert_eq!(intruder.post(&takeover, &[]).await.status, StatusCode::GONE);
    assert_eq!(email_of_the_account(&app, "Rikke").await, RIKKE);
}

#[tokio::test]
async fn asking_for_a_new_email_tells_the_old_address_at_once_with_a_link_that_stops_it() {
    let app = TestApp::spawn().await;
    let rikke = app.verified_person("Rikke", RIKKE).await;
    let takeover = asks_to_change_email(&app, &rikke, "intruder@evil.example").await;
    let (subject, body): (String, String) = sqlx::query_as(
        "SELECT subject, body_text FROM outbox WHERE to_address = $1 ORDER BY seq DESC LIMIT 1",
    )
    .bind(RIKKE)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(
        subject,
        "Din e-mailadresse er ved at blive ændret til intruder@evil.example"
    );
    assert!(body.contains("/account/email/cancel/"), "{body}");
    let stop = app.link_in_mail(RIKKE).await;

    // Opening the link (a mail scanner) stops nothing; the button does.
    let owner = app.browser();
    for _ in 0..2 {
        let page = owner.get(&stop).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(text(&page.html, "main p").contains("intruder@evil.example"));
    }
    let stopped = owner.post(&stop, &[]).await;
    assert_eq!(stopped.status, StatusCode::OK);
    assert_eq!(text(&stopped.html, "h1"), "Skiftet er stoppet");
    assert_eq!(rikke.post(&takeover, &[]).await.status, StatusCode::GONE);
    assert_eq!(email_of_the_account(&app, "Rikke").await, RIKKE);
    assert_eq!(owner.post(&stop, &[]).await.status, StatusCode::GONE);
}

#[tokio::test]
async fn a_confirmed_email_change_is_told_to_the_old_address() {
    let app = TestApp::spawn().await;
    let rikke = app.verified_person("Rikke", RIKKE).await;
    let link = asks_to_change_email(&app, &rikke, "rikke@assens.dk").await;
    assert_eq!(rikke.post(&link, &[]).await.status, StatusCode::OK);
    assert_eq!(email_of_the_account(&app, "Rikke").await, "rikke@assens.dk");
    let subjects: Vec<String> =
        sqlx::query_scalar("SELECT subject FROM outbox WHERE to_address = $1 ORDER BY seq")
            .bind(RIKKE)
            .fetch_all(&app.db)
            .await
            .unwrap();
    assert!(subjects.len() >= 2, "{subjects:?}");
    assert_eq!(
        subjects[subjects.len() - 2..],
        [
            "Din e-mailadresse er ved at blive ændret til rikke@assens.dk".to_string(),
            "Din e-mailadresse på Medspil er ændret til rikke@assens.dk".to_string(),
        ]
    );
}

#[tokio::test]
async fn using_a_reset_link_or_signing_in_revokes_every_other_reset_link() {
    let app = TestApp::spawn().await;
    app.registered_person("Rikke", RIKKE).await;
    let ask = || async {
        app.browser()
            .post("/password/forgot", &[("email", RIKKE)])
            .await;
        app.run_jobs().await;
        app.link_in_mail(RIKKE).await
    };
    let older = ask().await;
    let newer = ask().await;
    assert_ne!(older, newer);
    let r = app
        .browser()
        .post(&newer, &[("password", "et nyt og langt kodeord")])
        .await;
    assert_eq!(r.location.as_deref(), Some("/account?done=password"));
    assert_eq!(app.browser().get(&older).await.status, StatusCode::GONE);
    let r = app
        .browser()
        .post(&older, &[("password", "angriberens kodeord")])
        .await;
    assert_eq!(r.status, StatusCode::GONE);

    // A link still out when its owner signs in with her password stops working.
    let out = ask().await;
    let r = app
        .browser()
        .post(
            "/sign-in",
            &[("email", RIKKE), ("password", "et nyt og langt kodeord")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(app.browser().get(&out).await.status, StatusCode::GONE);
}

#[tokio::test]
async fn wrong_current_passwords_wait_as_sign_in_does_and_every_429_says_when_to_retry() {
    let app = TestApp::spawn().await;
    // Each form: its path, its current-password error, and its other fields.
    type AccountForm<'a> = (&'a str, &'a str, &'a [(&'a str, &'a str)]);
    let forms: [AccountForm; 3] = [
        (
            "/account/password",
            "#password-current_password-error",
            &[("password", "et nyt og langt kodeord")],
        ),
        (
            "/account/email",
            "#email-current_password-error",
            &[("email", "ny@example.dk")],
        ),
        ("/account/delete", "#delete-current_password-error", &[]),
    ];
    for (i, (path, error, rest)) in forms.into_iter().enumerate() {
        let email = format!("person{i}@example.dk");
        let person = app.verified_person("Rikke", &email).await;
        let post = |password: &'static str| {
            let mut form = vec![("current_password", password)];
            form.extend_from_slice(rest);
            let person = person.clone();
            async move { person.post(path, &form).await }
        };
        // 30 guesses in a row: the allowance, then waits — even for the right password.
        let mut answers = Vec::new();
        for _ in 0..30 {
            answers.push(post("gæt et kodeord").await);
        }
        let wrong = answers
            .iter()
            .filter(|r| r.status == StatusCode::UNPROCESSABLE_ENTITY)
            .count();
        assert_eq!(wrong, 5, "{path}: guesses looked at before the waits");
        let waited = &answers[5];
        assert_eq!(waited.status, StatusCode::TOO_MANY_REQUESTS, "{path}");
        assert_eq!(waited.headers["retry-after"], "1", "{path}");
        assert!(
            text(&waited.html, error).contains("for mange forkerte"),
            "{path}"
        );
        let right = post(PASSWORD).await;
        assert_eq!(right.status, StatusCode::TOO_MANY_REQUESTS, "{path}");
        // After the wait the right password works.
        app.clock.advance(Duration::seconds(1));
        let right = post(PASSWORD).await;
        assert!(
            right.status.is_redirection() || right.status == StatusCode::OK,
            "{path}: {}",
            right.status
        );
        assert_ne!(right.status, StatusCode::TOO_MANY_REQUESTS);
    }

    // Sign-in's waits say when to try again too.
    app.registered_person("Jens", "jens@example.dk").await;
    let attacker = app.browser();
    for _ in 0..5 {
        attacker
            .post(
                "/sign-in",
                &[("email", "jens@example.dk"), ("password", "gæt et kodeord")],
            )
            .await;
    }
    let r = attacker
        .post(
            "/sign-in",
            &[("email", "jens@example.dk"), ("password", "gæt et kodeord")],
        )
        .await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(r.headers["retry-after"], "1");

    // An abuse limit's 429 says when the oldest counted salon leaves the day.
    app.set_limit("salons_per_day", 1).await;
    let host = app.verified_person("Hanne", "hanne@example.dk").await;
    let form = crate::helpers::salons::salon_form(&app, "Liv i Ry", None);
    crate::helpers::salons::create_salon(&host, &form).await;
    app.clock.advance(Duration::hours(1));
    let r = crate::helpers::salons::post_form(&host, "/salons/new", &form).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(r.headers["retry-after"], (23 * 3600).to_string());
}
