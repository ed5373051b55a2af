//! Who speaks for the municipality, rule 1: a domain is the municipality's only when proven.
//! Public mail services are refused; an admin adds only the domain their own confirmed address
//! is on (or a subdomain of it); anything else only the operator adds (`medspil admin domain
//! add`); a domain belongs to one municipality at most; and the migration that brought the rule
//! in cleans up what broke it, tested on such data.

use std::borrow::Cow;

use reqwest::StatusCode;
use sqlx::{Connection, Executor, PgConnection};
use uuid::Uuid;

use crate::helpers::browser::Browser;
use crate::helpers::cluster::TestDatabase;
use crate::helpers::{Options, TestApp, text, texts};

async fn add(admin: &Browser, slug: &str, domain: &str) -> crate::helpers::browser::Response {
    admin
        .post(&format!("/admin/{slug}/domains"), &[("domain", domain)])
        .await
}

async fn official_request(app: &TestApp, name: &str, email: &str, unit: &str) -> String {
    let person = app.verified_person(name, email).await;
    let r = person
        .post(
            "/municipalities/skanderborg/roles/request",
            &[
                ("kind", "official"),
                ("units", unit),
                ("title", "Planlægger"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    sqlx::query_scalar(
        "SELECT r.status::text FROM roles r JOIN users u ON u.id = r.user_id
         WHERE lower(u.email) = lower($1) AND r.kind = 'official'",
    )
    .bind(email)
    .fetch_one(&app.db)
    .await
    .unwrap()
}

#[tokio::test]
async fn a_domain_is_the_municipalitys_only_when_proven() {
    let app = TestApp::spawn().await;
    // Mette's confirmed address is on skanderborg.dk; the operator made her admin.
    let mette = app
        .verified_person("Mette Kjær", "mette@skanderborg.dk")
        .await;
    app.grant_admin("mette@skanderborg.dk", "skanderborg").await;
    let dept = app.teknik_og_miljo(&mette).await;

    // A public mail service is never a municipality's domain, nor a subdomain of one.
    for free in [
        "gmail.com",
        "Hotmail.DK",
        "@outlook.dk",
        "mail.dk",
        "x.gmail.com",
    ] {
        let r = add(&mette, "skanderborg", free).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{free}");
        assert_eq!(
            text(&r.html, "#field-domain-error"),
            "Fejl:Det er en offentlig e-mailtjeneste, hvor alle kan få en adresse. Den kan aldrig være kommunens domæne.",
            "{free}"
        );
    }
    // Another domain than her own is for the operator, with what she typed kept.
    for other in ["skanderborg-kommune.dk", "dk", "borg.dk"] {
        let r = add(&mette, "skanderborg", other).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{other}");
        assert!(
            r.body
                .contains("Du kan kun tilføje det domæne, din egen e-mailadresse er på")
                || r.body.contains("Skriv et domæne som"),
            "{other}: {}",
            r.body
        );
        assert_eq!(
            crate::helpers::attr(&r.html, "#field-domain", "value").as_deref(),
            Some(other)
        );
    }
    // Her own domain, and a subdomain of it, she adds herself.
    for own in ["skanderborg.dk", "post.skanderborg.dk"] {
        let r = add(&mette, "skanderborg", own).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{own}: {}", r.body);
    }
    let page = mette.get("/admin/skanderborg/domains").await;
    assert_eq!(
        texts(&page.html, ".domain-name"),
        ["post.skanderborg.dk", "skanderborg.dk"]
    );

    // A domain belongs to one municipality at most: an admin of Aarhus on the same domain
    // cannot claim it for Aarhus.
    let anna = app.verified_person("Anna", "anna@skanderborg.dk").await;
    app.grant_admin("anna@skanderborg.dk", "aarhus").await;
    let r = add(&anna, "aarhus", "skanderborg.dk").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        text(&r.html, "#field-domain-error"),
        "Fejl:Domænet hører allerede til en anden kommune."
    );

    // What the domains grant: a Gmail account asking to be an official waits for an admin,
    // an address on the proven domain is approved at once.
    assert_eq!(
        official_request(&app, "Eve", "eve@gmail.com", &dept).await,
        "pending"
    );
    assert_eq!(
        official_request(&app, "Jens", "jens@skanderborg.dk", &dept).await,
        "approved"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_operator_adds_a_domain_with_medspil_admin_domain_add() {
    let app = TestApp::spawn().await;
    let run = |args: &[&str]| {
        let out = app.operator(&[&["admin", "domain", "add"], args].concat());
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (ok, out, err) = tokio::task::block_in_place(|| run(&["skanderborg", "Skanderborg.DK"]));
    assert!(ok, "{err}");
    assert_eq!(
        out.trim(),
        "skanderborg.dk er nu et e-maildomæne for Skanderborg Kommune."
    );
    let (ok, out, _) = tokio::task::block_in_place(|| run(&["skanderborg", "skanderborg.dk"]));
    assert!(ok);
    assert_eq!(
        out.trim(),
        "skanderborg.dk er allerede et e-maildomæne for Skanderborg Kommune."
    );
    for (args, says) in [
        (
            ["aarhus", "skanderborg.dk"],
            "skanderborg.dk belongs to Skanderborg Kommune already",
        ),
        (
            ["aarhus", "gmail.com"],
            "gmail.com is a public mail service",
        ),
        (["atlantis", "atlantis.dk"], "no municipality with the slug"),
        (["aarhus", "ikke et domæne"], "is not a domain"),
    ] {
        let (ok, _, err) = tokio::task::block_in_place(|| run(&args));
        assert!(!ok, "{args:?} was accepted");
        assert!(err.contains(says), "{args:?}: {err}");
    }
    let domains: Vec<(String, String)> = sqlx::query_as(
        "SELECT municipality_code, domain FROM municipality_domains ORDER BY domain",
    )
    .fetch_all(&app.db)
    .await
    .unwrap();
    assert_eq!(
        domains,
        [("0746".to_string(), "skanderborg.dk".to_string())]
    );
    // The domain then approves Skanderborg's officials in departments at once.
    let admin = app.municipality_admin("skanderborg").await;
    let dept = app.teknik_og_miljo(&admin).await;
    assert_eq!(
        official_request(&app, "Jens", "jens@skanderborg.dk", &dept).await,
        "approved"
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

/// A confirmed person with an official's role in municipality `code`, granted by the domain
/// of `email` (as before the rule).
async fn domain_official(conn: &mut PgConnection, email: &str, code: &str) -> Uuid {
    let user = Uuid::new_v4();
    sqlx::query(
        "INSERT INTO users (id, email, name, locale, email_verified_at, created_at)
         VALUES ($1, $2, $2, 'da', '2026-11-01Z', '2026-11-01Z')",
    )
    .bind(user)
    .bind(email)
    .execute(&mut *conn)
    .await
    .unwrap();
    let role = Uuid::new_v4();
    sqlx::query(
        "INSERT INTO roles (id, user_id, municipality_code, kind, title, status, granted_by_domain,
                            decided_at, created_at)
         VALUES ($1, $2, $3, 'official', 'Sagsbehandler', 'approved', true, '2026-11-01Z', '2026-11-01Z')",
    )
    .bind(role)
    .bind(user)
    .bind(code)
    .execute(&mut *conn)
    .await
    .unwrap();
    role
}

#[tokio::test]
async fn the_domain_migration_removes_free_mail_and_duplicate_domains_and_revokes_what_they_granted()
 {
    let (database, mut conn) = migrated_before(24).await;
    // What an admin could register before the rule: Gmail for Skanderborg, one domain for two
    // municipalities, and a proper domain of each.
    conn.execute(
        "INSERT INTO municipality_domains (municipality_code, domain, created_at) VALUES
             ('0746', 'gmail.com', '2026-11-01Z'),
             ('0746', 'skanderborg.dk', '2026-11-01Z'),
             ('0746', 'faelles-it.dk', '2026-11-01Z'),
             ('0420', 'faelles-it.dk', '2026-11-01Z'),
             ('0420', 'assens.dk', '2026-11-01Z')",
    )
    .await
    .unwrap();
    let gmail = domain_official(&mut conn, "eve@gmail.com", "0746").await;
    let shared_s = domain_official(&mut conn, "ib@faelles-it.dk", "0746").await;
    let shared_a = domain_official(&mut conn, "bo@faelles-it.dk", "0420").await;
    let proper = domain_official(&mut conn, "jens@skanderborg.dk", "0746").await;
    let proper_a = domain_official(&mut conn, "rikke@assens.dk", "0420").await;

    medspil::database::MIGRATOR.run(&mut conn).await.unwrap();

    let domains: Vec<(String, String)> = sqlx::query_as(
        "SELECT municipality_code, domain FROM municipality_domains ORDER BY domain",
    )
    .fetch_all(&mut conn)
    .await
    .unwrap();
    assert_eq!(
        domains,
        [
            ("0420".to_string(), "assens.dk".to_string()),
            ("0746".to_string(), "skanderborg.dk".to_string())
        ]
    );
    let status = |role: Uuid| {
        sqlx::query_as::<_, (String, String)>(
            "SELECT status::text, reason FROM roles WHERE id = $1",
        )
        .bind(role)
    };
    for role in [gmail, shared_s, shared_a] {
        assert_eq!(
            status(role).fetch_one(&mut conn).await.unwrap(),
            ("revoked".to_string(), "email-domain".to_string())
        );
    }
    for role in [proper, proper_a] {
        assert_eq!(
            status(role).fetch_one(&mut conn).await.unwrap().0,
            "approved"
        );
    }
    // The index holds from now on.
    let again = conn
        .execute(
            "INSERT INTO municipality_domains (municipality_code, domain, created_at)
             VALUES ('0751', 'assens.dk', '2026-12-01Z')",
        )
        .await;
    assert!(again.is_err(), "a second municipality took assens.dk");
    conn.close().await.unwrap();

    // The people are told, by the app's worker, as when an admin removes a domain.
    let app = TestApp::spawn_with(Options {
        database_url: Some(database.url.clone()),
        ..Default::default()
    })
    .await;
    app.clock
        .set(chrono::Utc::now() + chrono::Duration::minutes(1));
    app.run_jobs().await;
    for email in ["eve@gmail.com", "ib@faelles-it.dk", "bo@faelles-it.dk"] {
        let kinds: Vec<String> =
            sqlx::query_scalar("SELECT kind FROM outbox WHERE to_address = $1")
                .bind(email)
                .fetch_all(&app.db)
                .await
                .unwrap();
        assert_eq!(kinds, ["roles.domain-lost"], "{email}");
    }
    for email in ["jens@skanderborg.dk", "rikke@assens.dk"] {
        assert_eq!(app.mails_to(email).await, 0, "{email}");
    }
    drop(database);
}
