//! The authorisation matrix: every route in the registry that needs someone is requested as a
//! visitor, as a signed-in person without a confirmed email, as an ordinary citizen, as an admin
//! of another municipality and as the right person. Only the right person gets through; the
//! others get a sign-in redirect, 403 or 404, and the database is exactly as before.
//!
//! The routes come from the same registry the router is built from, so a new route cannot
//! escape this test.

use std::collections::BTreeMap;

use medspil::agreements::AGREEMENT_OWNER;
use medspil::auth::Access;
use medspil::invitations::{INVITATION_ANSWERER, INVITATION_INSIDER, NAMED_COLLEAGUE};
use medspil::moderation::MODERATOR;
use medspil::municipalities::{MUNICIPALITY_ADMIN, MUNICIPALITY_STAFF};
use medspil::salons::SALON_HOST;
use medspil::startup::route_specs;
use reqwest::StatusCode;
use sqlx::Row;

use crate::helpers::browser::{Browser, Response};
use crate::helpers::fixtures::fill;
use crate::helpers::{PASSWORD, TestApp};

/// Every table's row count and a hash of its contents.
async fn snapshot(app: &TestApp) -> BTreeMap<String, (i64, String)> {
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT table_name::text FROM information_schema.tables
         WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1",
    )
    .fetch_all(&app.db)
    .await
    .unwrap();
    let mut out = BTreeMap::new();
    for table in tables {
        let sql = format!(
            r#"SELECT count(*) AS n, md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS h FROM "{table}" x"#
        );
        let row = sqlx::query(&sql).fetch_one(&app.db).await.unwrap();
        out.insert(table, (row.get::<i64, _>("n"), row.get::<String, _>("h")));
    }
    out
}

fn refused(r: &Response) -> bool {
    matches!(r.status, StatusCode::FORBIDDEN | StatusCode::NOT_FOUND)
        || (r.status == StatusCode::SEE_OTHER
            && r.location
                .as_deref()
                .is_some_and(|l| l.starts_with("/sign-in")))
}

async fn request(browser: &Browser, method: &str, path: &str) -> Response {
    match method {
        "GET" => browser.get(path).await,
        "POST" => browser.post(path, &[]).await,
        other => panic!("the matrix does not know how to send {other}"),
    }
}

#[tokio::test]
async fn every_protected_route_admits_only_the_right_person() {
    // A sign-in provider, so its routes on the account page reach their handlers (it is
    // unreachable: starting a link ends on the friendly page, which is not a refusal).
    let env = [
        ("MEDSPIL_OIDC_PROVIDERS", "broker"),
        ("MEDSPIL_OIDC_BROKER_ISSUER", "http://127.0.0.1:9"),
        ("MEDSPIL_OIDC_BROKER_CLIENT_ID", "medspil"),
        ("MEDSPIL_OIDC_BROKER_CLIENT_SECRET", "medspil-secret"),
        ("MEDSPIL_OIDC_BROKER_KIND", "citizen-id"),
    ];
    let app = TestApp::spawn_with(crate::helpers::Options {
        env: env.into_iter().map(|(k, v)| (k, v.to_string())).collect(),
        ..Default::default()
    })
    .await;
    let visitor = app.browser();
    let unverified = app
        .registered_person("Ulla Ubekræftet", "ulla@example.dk")
        .await;
    let citizen = app.verified_person("Carl Borger", "carl@example.dk").await;
    let other_admin = app.verified_person("Anne Aarhus", "anne@aarhus.dk").await;
    app.grant_admin("anne@aarhus.dk", "aarhus").await;
    let admin = app
        .verified_person("Sofie Skanderborg", "sofie@skanderborg.dk")
        .await;
    app.grant_admin("sofie@skanderborg.dk", "skanderborg").await;

    // A platform moderator, made by the operator.
    let moderator = app
        .verified_person("Mona Moderator", "mona@medspil.dk")
        .await;
    app.grant_moderator("mona@medspil.dk").await;

    let fixtures = crate::helpers::fixtures::for_matrix(&app).await;
    // The official who answers for the unit the fixtures' salon invited.
    let official = app.browser();
    official
        .post(
            "/sign-in",
            &[("email", "olga@skanderborg.dk"), ("password", PASSWORD)],
        )
        .await;
    // An official of another Skanderborg unit than the one invited.
    let kultur = app
        .create_unit(&admin, "skanderborg", "department", "Kultur og Fritid")
        .await;
    let (other_unit, _) = app
        .skanderborg_official(&admin, &kultur, "Otto Anden", "otto@skanderborg.dk")
        .await;
    // The admin Olga named as a colleague coming with her.
    let named = app.browser();
    named
        .post(
            "/sign-in",
            &[
                ("email", crate::helpers::fixtures::NAMED_COLLEAGUE),
                ("password", PASSWORD),
            ],
        )
        .await;
    let specs: Vec<_> = route_specs(&app.state.config)
        .into_iter()
        .filter(|s| s.access != Access::Public)
        .collect();
    assert!(!specs.is_empty());
    let mut covered = Vec::new();

    for spec in &specs {
        let path = fill(spec.path, &fixtures);
        let method = spec.method.as_str();
        let (wrong, right, right_email): (Vec<(&str, &Browser)>, &Browser, &str) = match spec.access
        {
            Access::Public => unreachable!(),
            Access::SignedIn => (vec![("visitor", &visitor)], &citizen, "carl@example.dk"),
            Access::Verified => (
                vec![("visitor", &visitor), ("unverified", &unverified)],
                &citizen,
                "carl@example.dk",
            ),
            access if access == MUNICIPALITY_ADMIN => (
                vec![
                    ("visitor", &visitor),
                    ("unverified", &unverified),
                    ("citizen", &citizen),
                    ("admin elsewhere", &other_admin),
                ],
                &admin,
                "sofie@skanderborg.dk",
            ),
            // Olga is an official of Skanderborg; Pia's politician role there is only
            // requested; Anne is an admin of Aarhus.
            access if access == MUNICIPALITY_STAFF => (
                vec![
                    ("visitor", &visitor),
                    ("unverified", &unverified),
                    ("citizen", &citizen),
                    ("admin elsewhere", &other_admin),
                ],
                &official,
                "olga@skanderborg.dk",
            ),
            // carl@example.dk hosts the salon in the fixtures; Anne is another citizen.
            access if access == SALON_HOST => (
                vec![
                    ("visitor", &visitor),
                    ("unverified", &unverified),
                    ("another citizen", &other_admin),
                ],
                &citizen,
                "carl@example.dk",
            ),
            // Olga answers for the invited unit; Sofie is an admin of the same municipality
            // but the invitation is to a unit she does not answer for; Carl is its host.
            access if access == INVITATION_ANSWERER => (
                vec![
                    ("visitor", &visitor),
                    ("unverified", &unverified),
                    ("citizen host", &citizen),
                    ("admin elsewhere", &other_admin),
                    ("admin not answering for the unit", &admin),
                    ("official of another unit", &other_unit),
                ],
                &official,
                "olga@skanderborg.dk",
            ),
            // The invitation's internal notes: Olga answers for it (the municipality's own
            // admin may read them too, see shared_inbox); never its host, another unit or
            // another municipality's admin.
            access if access == INVITATION_INSIDER => (
                vec![
                    ("visitor", &visitor),
                    ("unverified", &unverified),
                    ("citizen host", &citizen),
                    ("admin elsewhere", &other_admin),
                    ("official of another unit", &other_unit),
                ],
                &official,
                "olga@skanderborg.dk",
            ),
            // The fixtures' agreement is assigned to the department Olga answers for.
            access if access == AGREEMENT_OWNER => (
                vec![
                    ("visitor", &visitor),
                    ("unverified", &unverified),
                    ("citizen host", &citizen),
                    ("admin elsewhere", &other_admin),
                    ("admin not answering for the unit", &admin),
                ],
                &official,
                "olga@skanderborg.dk",
            ),
            // Moderation is the platform's, never a municipality's: its admin is refused
            // like any citizen.
            access if access == MODERATOR => (
                vec![
                    ("visitor", &visitor),
                    ("unverified", &unverified),
                    ("citizen", &citizen),
                    ("admin elsewhere", &other_admin),
                    ("municipality admin", &admin),
                ],
                &moderator,
                "mona@medspil.dk",
            ),
            // The colleague Olga named; Olga herself (who named them) is refused too.
            access if access == NAMED_COLLEAGUE => (
                vec![
                    ("visitor", &visitor),
                    ("unverified", &unverified),
                    ("citizen", &citizen),
                    ("admin elsewhere", &other_admin),
                    ("official who named them", &official),
                ],
                &named,
                crate::helpers::fixtures::NAMED_COLLEAGUE,
            ),
            // A new check must say here who passes it and who does not.
            Access::Resource(check) => panic!("the matrix does not know who passes {check:?}"),
        };
        for (who, browser) in wrong {
            let before = snapshot(&app).await;
            let r = request(browser, method, &path).await;
            assert!(
                refused(&r),
                "{method} {path} let the {who} through: {} {:?}",
                r.status,
                r.location
            );
            assert_eq!(
                before,
                snapshot(&app).await,
                "{method} {path} by the {who} changed the database"
            );
        }
        let r = request(right, method, &path).await;
        assert!(
            !refused(&r),
            "{method} {path} refused the right person: {} {:?}",
            r.status,
            r.location
        );
        assert_ne!(
            r.status,
            StatusCode::INTERNAL_SERVER_ERROR,
            "{method} {path}"
        );
        // The right person may have signed themselves out (POST /sign-out): sign in again.
        right
            .post(
                "/sign-in",
                &[("email", right_email), ("password", PASSWORD)],
            )
            .await;
        covered.push(format!("{method} {} ({:?})", spec.path, spec.access));
    }
    eprintln!("authorisation matrix covered:\n  {}", covered.join("\n  "));
}
