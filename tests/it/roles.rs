//! Municipal roles and the municipality's own pages: requests and decisions, email-domain
//! verification, who answers for a unit, units, the page text, revoking, appointing admins,
//! the operator's `grant_admin`, and refusals for everyone who is not the municipality's admin.

use reqwest::StatusCode;

use crate::helpers::browser::{Browser, Response};
use crate::helpers::{PASSWORD, TestApp, attr, text, texts};

const REQUEST: &str = "/municipalities/skanderborg/roles/request";

async fn request_role(person: &Browser, form: &[(&str, &str)]) -> Response {
    person.post(REQUEST, form).await
}

/// The status of the person's newest role of `kind`, and whether the domain granted it.
async fn role_of(app: &TestApp, email: &str, kind: &str) -> Option<(String, bool)> {
    sqlx::query_as(
        "SELECT r.status::text, r.granted_by_domain FROM roles r JOIN users u ON u.id = r.user_id
         WHERE lower(u.email) = lower($1) AND r.kind::text = $2 ORDER BY r.created_at DESC LIMIT 1",
    )
    .bind(email)
    .bind(kind)
    .fetch_optional(&app.db)
    .await
    .unwrap()
}

async fn role_id(app: &TestApp, email: &str, kind: &str) -> String {
    sqlx::query_scalar(
        "SELECT r.id::text FROM roles r JOIN users u ON u.id = r.user_id
         WHERE lower(u.email) = lower($1) AND r.kind::text = $2 ORDER BY r.created_at DESC LIMIT 1",
    )
    .bind(email)
    .bind(kind)
    .fetch_one(&app.db)
    .await
    .unwrap()
}

/// The kind and text of the newest mail to `email`.
async fn last_mail(app: &TestApp, email: &str) -> (String, String) {
    sqlx::query_as(
        "SELECT kind, body_text FROM outbox WHERE lower(to_address) = lower($1) ORDER BY seq DESC LIMIT 1",
    )
    .bind(email)
    .fetch_one(&app.db)
    .await
    .unwrap_or_else(|_| panic!("no mail to {email}"))
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(&app.db).await.unwrap()
}

/// Every role's status and every membership's flags, to see that nothing changed.
async fn roles_snapshot(app: &TestApp) -> Vec<(String, String, String)> {
    sqlx::query_as(
        "SELECT r.id::text, r.status::text || r.reason, coalesce(string_agg(ru.unit_id::text || ru.answers_for::text, ','), '')
         FROM roles r LEFT JOIN role_units ru ON ru.role_id = r.id GROUP BY r.id ORDER BY r.id",
    )
    .fetch_all(&app.db)
    .await
    .unwrap()
}

async fn units_snapshot(app: &TestApp) -> Vec<(String, String, bool)> {
    sqlx::query_as("SELECT id::text, name, archived_at IS NULL FROM units ORDER BY id")
        .fetch_all(&app.db)
        .await
        .unwrap()
}

/// The operator registers `domain` for Skanderborg (an admin adds only their own domain).
async fn add_domain(app: &TestApp, domain: &str) {
    app.operator_adds_domain("skanderborg", domain).await;
}

#[tokio::test]
async fn a_request_approved_by_an_admin_makes_an_official_and_tells_them() {
    let app = TestApp::spawn().await;
    let admin = app.municipality_admin("skanderborg").await;
    let unit = app.teknik_og_miljo(&admin).await;
    let rikke = app.verified_person("Rikke Berg", "rikke@example.dk").await;

    let form = rikke.get(REQUEST).await;
    assert_eq!(form.status, StatusCode::OK);
    assert_eq!(
        text(&form.html, "label[for=field-units]"),
        "Teknik og Miljø (Afdeling)"
    );
    assert_eq!(texts(&form.html, "fieldset legend").len(), 2);
    let r = request_role(
        &rikke,
        &[
            ("kind", "official"),
            ("units", &unit),
            ("title", "Udviklingsdirektør"),
            ("note", "Min chef kan bekræfte det."),
            ("listed", "1"),
        ],
    )
    .await;
    assert_eq!(
        r.location.as_deref(),
        Some("/municipalities/skanderborg/roles/request?done=requested")
    );
    assert_eq!(
        role_of(&app, "rikke@example.dk", "official").await,
        Some(("pending".into(), false))
    );
    let (kind, body) = last_mail(&app, "admin@skanderborg.example.dk").await;
    assert_eq!(kind, "roles.requested");
    assert!(body.contains("Rikke Berg beder om at blive godkendt som embedsmand"));
    let page = rikke.get(REQUEST).await;
    assert_eq!(
        texts(&page.html, ".my-role"),
        ["Embedsmand: venter på godkendelse"]
    );

    let inbox = admin.get("/admin/skanderborg").await;
    assert_eq!(inbox.status, StatusCode::OK);
    assert_eq!(
        texts(&inbox.html, ".request h2"),
        ["Rikke Berg: Embedsmand"]
    );
    let id = role_id(&app, "rikke@example.dk", "official").await;
    let detail = admin
        .get(&format!("/admin/skanderborg/requests/{id}"))
        .await;
    assert_eq!(text(&detail.html, ".request-units"), "Teknik og Miljø");
    assert_eq!(
        text(&detail.html, ".request-note"),
        "Min chef kan bekræfte det."
    );

    let r = admin
        .post(&format!("/admin/skanderborg/requests/{id}/approve"), &[])
        .await;
    assert_eq!(
        r.location.as_deref(),
        Some("/admin/skanderborg?done=approved")
    );
    assert_eq!(
        role_of(&app, "rikke@example.dk", "official").await,
        Some(("approved".into(), false))
    );
    let (kind, body) = last_mail(&app, "rikke@example.dk").await;
    assert_eq!(kind, "roles.approved");
    assert!(body.contains("du er nu embedsmand i Skanderborg Kommune"));
    let inbox = admin.get("/admin/skanderborg?done=approved").await;
    assert!(texts(inbox.expect_page("Anmodninger om roller"), ".request").is_empty());
    assert!(text(&inbox.html, "[role=status]").contains("godkendt"));

    // Decided once: a second click changes nothing.
    let again = admin
        .post(
            &format!("/admin/skanderborg/requests/{id}/reject"),
            &[("reason", "Nej")],
        )
        .await;
    assert_eq!(
        again.location.as_deref(),
        Some("/admin/skanderborg?done=already-decided")
    );
    assert_eq!(
        role_of(&app, "rikke@example.dk", "official").await,
        Some(("approved".into(), false))
    );

    // The unit's page shows her badge; the admins' list too.
    let unit_page = app
        .browser()
        .get("/municipalities/skanderborg/units/teknik-og-miljoe")
        .await;
    assert_eq!(unit_page.status, StatusCode::OK);
    assert_eq!(
        texts(&unit_page.html, ".member .badge"),
        ["Rikke Berg · Udviklingsdirektør · Skanderborg Kommune"]
    );
    let roles = admin.get("/admin/skanderborg/roles").await;
    assert!(
        texts(&roles.html, ".role .badge")
            .contains(&"Rikke Berg · Udviklingsdirektør · Skanderborg Kommune".to_string())
    );

    // Her data download holds the role and its unit.
    let data: serde_json::Value =
        serde_json::from_str(&rikke.get("/account/data.json").await.body).unwrap();
    let role = &data["roles"][0];
    assert_eq!(role["role"], "official");
    assert_eq!(role["status"], "approved");
    assert_eq!(role["units"][0]["unit"], "Teknik og Miljø");
    assert_eq!(role["units"][0]["answers_for"], true, "departments answer");
}

#[tokio::test]
async fn a_rejection_needs_a_reason_and_the_person_is_told_it() {
    let app = TestApp::spawn().await;
    let admin = app.municipality_admin("skanderborg").await;
    let jens = app.verified_person("Jens Holm", "jens@example.dk").await;
    request_role(&jens, &[("kind", "admin"), ("note", "Jeg er IT-chef.")]).await;
    let id = role_id(&app, "jens@example.dk", "admin").await;
    let reject = format!("/admin/skanderborg/requests/{id}/reject");

    let r = admin.post(&reject, &[("reason", "  ")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        text(&r.html, "#reject-reason-error"),
        "Fejl:Skriv en begrundelse. Den bliver sendt til personen."
    );
    assert_eq!(
        attr(&r.html, "#reject-reason", "aria-describedby").as_deref(),
        Some("reject-reason-hint reject-reason-error")
    );
    assert_eq!(
        role_of(&app, "jens@example.dk", "admin").await.unwrap().0,
        "pending"
    );

    let r = admin
        .post(&reject, &[("reason", "Vi kender dig ikke.")])
        .await;
    assert_eq!(
        r.location.as_deref(),
        Some("/admin/skanderborg?done=rejected")
    );
    assert_eq!(
        role_of(&app, "jens@example.dk", "admin").await.unwrap().0,
        "rejected"
    );
    let (kind, body) = last_mail(&app, "jens@example.dk").await;
    assert_eq!(kind, "roles.rejected");
    assert!(body.contains("Vi kender dig ikke."));
    let page = jens.get(REQUEST).await;
    assert_eq!(
        texts(&page.html, ".my-role"),
        ["Administrator: afvist (Vi kender dig ikke.)"]
    );
    // He may ask again: only a live request blocks a new one.
    let r = request_role(&jens, &[("kind", "admin")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn a_bad_request_comes_back_with_what_was_typed_and_the_errors() {
    let app = TestApp::spawn().await;
    let admin = app.municipality_admin("skanderborg").await;
    let dept = app.teknik_og_miljo(&admin).await;
    let person = app.verified_person("Rikke Berg", "rikke@example.dk").await;

    let r = request_role(&person, &[("title", "Direktør"), ("units", &dept)]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(text(&r.html, "#field-kind-error"), "Fejl:Vælg en rolle.");
    assert_eq!(
        attr(&r.html, "#field-title", "value").as_deref(),
        Some("Direktør")
    );
    assert_eq!(
        attr(&r.html, "#field-units", "checked").as_deref(),
        Some(""),
        "the chosen unit stays chosen"
    );
    assert_eq!(
        attr(&r.html, ".error-summary a", "href").as_deref(),
        Some("#field-kind")
    );

    let r = request_role(&person, &[("kind", "politician"), ("units", &dept)]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        text(&r.html, "#field-units-error"),
        "Fejl:Politikere kan kun være medlem af udvalg og byrådet."
    );
    assert_eq!(text(&r.html, "#field-title-error"), "Fejl:Skriv din titel.");
    assert_eq!(
        attr(&r.html, "#field-kind-2", "checked").as_deref(),
        Some(""),
        "politician stays chosen"
    );

    let r = request_role(&person, &[("kind", "official"), ("title", "Direktør")]).await;
    assert_eq!(
        text(&r.html, "#field-units-error"),
        "Fejl:Vælg mindst én enhed."
    );
    let r = request_role(
        &person,
        &[
            ("kind", "official"),
            ("title", "Direktør"),
            ("units", "not-a-unit"),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        count(&app, "SELECT count(*) FROM roles WHERE kind <> 'admin'").await,
        0
    );
}

#[tokio::test]
async fn a_second_live_request_of_the_same_kind_is_refused_by_the_field() {
    let app = TestApp::spawn().await;
    let admin = app.municipality_admin("skanderborg").await;
    let council = app
        .create_unit(&admin, "skanderborg", "council", "Byrådet")
        .await;
    let person = app.verified_person("Jens Holm", "jens@example.dk").await;
    let form = [
        ("kind", "politician"),
        ("units", council.as_str()),
        ("title", "Byrådsmedlem"),
        ("party", "Venstre"),
    ];
    assert_eq!(
        request_role(&person, &form).await.status,
        StatusCode::SEE_OTHER
    );
    let r = request_role(&person, &form).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        text(&r.html, "#field-kind-error"),
        "Fejl:Du har allerede den rolle i kommunen, eller en anmodning om den venter."
    );
    assert_eq!(
        attr(&r.html, "#field-party", "value").as_deref(),
        Some("Venstre")
    );
    assert_eq!(
        count(&app, "SELECT count(*) FROM roles WHERE kind = 'politician'").await,
        1
    );
}

#[tokio::test]
async fn unconfirmed_people_cannot_ask_for_a_role() {
    let app = TestApp::spawn().await;
    let person = app
        .registered_person("Rikke Berg", "rikke@example.dk")
        .await;
    assert_eq!(person.get(REQUEST).await.status, StatusCode::FORBIDDEN);
    let r = request_role(&person, &[("kind", "admin")]).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(count(&app, "SELECT count(*) FROM roles").await, 0);
    let visitor = app.browser().get(REQUEST).await;
    assert_eq!(
        visitor.location.as_deref(),
        Some("/sign-in?next=%2Fmunicipalities%2Fskanderborg%2Froles%2Frequest")
    );
}

#[tokio::test]
async fn an_official_in_departments_on_the_municipal_domain_is_approved_at_once() {
    let app = TestApp::spawn().await;
    let admin = app.municipality_admin("skanderborg").await;
    let dept = app.teknik_og_miljo(&admin).await;
    // Sofie's own address is on the domain, so she adds it herself.
    let sofie = app
        .verified_person("Sofie Skanderborg", "sofie@skanderborg.dk")
        .await;
    app.grant_admin("sofie@skanderborg.dk", "skanderborg").await;
    let r = sofie
        .post(
            "/admin/skanderborg/domains",
            &[("domain", "@Skanderborg.DK")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let domains = admin.get("/admin/skanderborg/domains").await;
    assert_eq!(texts(&domains.html, ".domain-name"), ["skanderborg.dk"]);
    let admin_mails = app.mails_to("admin@skanderborg.example.dk").await;

    let jens = app
        .verified_person("Jens Holm", "Jens@Skanderborg.DK")
        .await;
    let r = request_role(
        &jens,
        &[
            ("kind", "official"),
            ("units", &dept),
            ("title", "Vejingeniør"),
        ],
    )
    .await;
    assert_eq!(
        r.location.as_deref(),
        Some("/municipalities/skanderborg/roles/request?done=approved")
    );
    assert_eq!(
        role_of(&app, "jens@skanderborg.dk", "official").await,
        Some(("approved".into(), true))
    );
    let (kind, _) = last_mail(&app, "jens@skanderborg.dk").await;
    assert_eq!(kind, "roles.approved-by-domain");
    assert_eq!(
        app.mails_to("admin@skanderborg.example.dk").await,
        admin_mails,
        "nothing for the admins to decide"
    );
    let roles = admin.get("/admin/skanderborg/roles").await;
    assert!(texts(&roles.html, ".role-granted").contains(&"via e-maildomæne".to_string()));

    // A domain is registered once.
    let r = sofie
        .post(
            "/admin/skanderborg/domains",
            &[("domain", "skanderborg.dk")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        text(&r.html, "#field-domain-error"),
        "Fejl:Domænet er allerede registreret for kommunen."
    );
    let r = admin
        .post(
            "/admin/skanderborg/domains",
            &[("domain", "ikke et domæne")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        attr(&r.html, "#field-domain", "value").as_deref(),
        Some("ikke et domæne")
    );
}

#[tokio::test]
async fn the_domain_does_not_approve_committees_politicians_admins_or_lookalike_domains() {
    let app = TestApp::spawn().await;
    let admin = app.municipality_admin("skanderborg").await;
    let dept = app.teknik_og_miljo(&admin).await;
    let committee = app
        .create_unit(&admin, "skanderborg", "committee", "Klimaudvalget")
        .await;
    add_domain(&app, "skanderborg.dk").await;

    let anna = app.verified_person("Anna", "anna@skanderborg.dk").await;
    request_role(
        &anna,
        &[
            ("kind", "official"),
            ("units", &dept),
            ("units", &committee),
            ("title", "Sekretær"),
        ],
    )
    .await;
    request_role(
        &anna,
        &[
            ("kind", "politician"),
            ("units", &committee),
            ("title", "Formand"),
        ],
    )
    .await;
    request_role(&anna, &[("kind", "admin")]).await;
    for kind in ["official", "politician", "admin"] {
        assert_eq!(
            role_of(&app, "anna@skanderborg.dk", kind).await,
            Some(("pending".into(), false)),
            "{kind}"
        );
    }

    for email in [
        "eve@evilskanderborg.dk",
        "eve@post.skanderborg.dk",
        "eve@skanderborg.dk.evil.example",
    ] {
        let eve = app.verified_person("Eve", email).await;
        request_role(
            &eve,
            &[
                ("kind", "official"),
                ("units", &dept),
                ("title", "Direktør"),
            ],
        )
        .await;
        assert_eq!(
            role_of(&app, email, "official").await,
            Some(("pending".into(), false)),
            "{email}"
        );
    }
}

#[tokio::test]
async fn changing_the_email_off_the_domain_removes_what_the_domain_granted() {
    let app = TestApp::spawn().await;
    let admin = app.municipality_admin("skanderborg").await;
    let dept = app.teknik_og_miljo(&admin).await;
    let committee = app
        .create_unit(&admin, "skanderborg", "committee", "Klimaudvalget")
        .await;
    add_domain(&app, "skanderborg.dk").await;
    let jens = app
        .verified_person("Jens Holm", "jens@skanderborg.dk")
        .await;
    request_role(
        &jens,
        &[
            ("kind", "official"),
            ("units", &dept),
            ("title", "Vejingeniør"),
            ("listed", "1"),
        ],
    )
    .await;
    // A role an admin approved is his for other reasons, and stays.
    request_role(
        &jens,
        &[
            ("kind", "politician"),
            ("units", &committee),
            ("title", "Medlem"),
        ],
    )
    .await;
    let politician = role_id(&app, "jens@skanderborg.dk", "politician").await;
    admin
        .post(
            &format!("/admin/skanderborg/requests/{politician}/approve"),
            &[],
        )
        .await;

    // A new address on the domain keeps it.
    jens.post(
        "/account/email",
        &[
            ("email", "jens.holm@skanderborg.dk"),
            ("current_password", PASSWORD),
        ],
    )
    .await;
    let link = app.link_in_mail("jens.holm@skanderborg.dk").await;
    assert_eq!(jens.post(&link, &[]).await.status, StatusCode::OK);
    assert_eq!(
        role_of(&app, "jens.holm@skanderborg.dk", "official").await,
        Some(("approved".into(), true))
    );

    jens.post(
        "/account/email",
        &[
            ("email", "jens@gmail.example"),
            ("current_password", PASSWORD),
        ],
    )
    .await;
    let unit_page = "/municipalities/skanderborg/units/teknik-og-miljoe";
    assert_eq!(
        texts(&app.browser().get(unit_page).await.html, ".member").len(),
        1,
        "still listed until the new address is confirmed"
    );
    let link = app.link_in_mail("jens@gmail.example").await;
    assert_eq!(jens.post(&link, &[]).await.status, StatusCode::OK);

    assert_eq!(
        role_of(&app, "jens@gmail.example", "official").await,
        Some(("revoked".into(), true))
    );
    assert_eq!(
        role_of(&app, "jens@gmail.example", "politician").await,
        Some(("approved".into(), false))
    );
    let (kind, body) = last_mail(&app, "jens@gmail.example").await;
    assert_eq!(kind, "roles.domain-lost");
    assert!(body.contains("embedsmand i Skanderborg Kommune"));
    assert!(
        texts(
            app.browser()
                .get(unit_page)
                .await
                .expect_page("Teknik og Miljø"),
            ".member"
        )
        .is_empty(),
        "no longer listed"
    );
    let page = jens.get(REQUEST).await;
    assert!(texts(&page.html, ".my-role").contains(
        &"Embedsmand: fjernet (din e-mailadresse er ikke længere på kommunens domæne)".to_string()
    ));
}

#[tokio::test]
async fn removing_a_domain_removes_what_it_granted() {
    let app = TestApp::spawn().await;
    let admin = app.municipality_admin("skanderborg").await;
    let dept = app.teknik_og_miljo(&admin).await;
    add_domain(&app, "skanderborg.dk").await;
    add_domain(&app, "skanderborg.net").await;
    let jens = app.verified_person("Jens", "jens@skanderborg.dk").await;
    let mia = app.verified_person("Mia", "mia@skanderborg.net").await;
    for person in [&jens, &mia] {
        request_role(
            person,
            &[
                ("kind", "official"),
                ("units", &dept),
                ("title", "Planlægger"),
            ],
        )
        .await;
    }
    let r = admin
        .post(
            "/admin/skanderborg/domains/remove",
            &[("domain", "skanderborg.dk")],
        )
        .await;
    assert_eq!(
        r.location.as_deref(),
        Some("/admin/skanderborg/domains?done=domain-removed")
    );
    assert_eq!(
        role_of(&app, "jens@skanderborg.dk", "official")
            .await
            .unwrap()
            .0,
        "revoked"
    );
    assert_eq!(
        role_of(&app, "mia@skanderborg.net", "official")
            .await
            .unwrap()
            .0,
        "approved"
    );
    assert_eq!(
        last_mail(&app, "jens@skanderborg.dk").await.0,
        "roles.domain-lost"
    );
}

#[tokio::test]
async fn admins_mark_who_answers_for_a_committee_and_the_others_stay_listed() {
    let app = TestApp::spawn().await;
    let admin = app.municipality_admin("skanderborg").await;
    let committee = app
        .create_unit(&admin, "skanderborg", "committee", "Klimaudvalget")
        .await;
    let mut roles = Vec::new();
    for (name, email, title) in [
        ("Karen Formand", "karen@example.dk", "Formand"),
        ("Ole Medlem", "ole@example.dk", "Udvalgsmedlem"),
    ] {
        let p = app.verified_person(name, email).await;
        request_role(
            &p,
            &[
                ("kind", "politician"),
                ("units", &committee),
                ("title", title),
                ("listed", "1"),
            ],
        )
        .await;
        let id = role_id(&app, email, "politician").await;
        admin
            .post(&format!("/admin/skanderborg/requests/{id}/approve"), &[])
            .await;
        roles.push(id);
    }
    let unit_admin = format!("/admin/skanderborg/units/{committee}");
    let page = admin.get(&unit_admin).await;
    assert_eq!(
        text(&page.html, "fieldset legend"),
        "Hvem svarer for enheden?"
    );
    assert_eq!(
        texts(
            page.expect_page("Klimaudvalget"),
            "input[name=answers][checked]"
        )
        .len(),
        0
    );

    let r = admin
        .post(
            &format!("{unit_admin}/answers"),
            &[("answers", roles[0].as_str())],
        )
        .await;
    assert_eq!(
        r.location.as_deref(),
        Some(format!("{unit_admin}?done=answers-saved").as_str())
    );
    let answers: Vec<(String, bool)> = sqlx::query_as(
        "SELECT u.name, ru.answers_for FROM role_units ru JOIN roles r ON r.id = ru.role_id
         JOIN users u ON u.id = r.user_id ORDER BY u.name",
    )
    .fetch_all(&app.db)
    .await
    .unwrap();
    assert_eq!(
        answers,
        [("Karen Formand".into(), true), ("Ole Medlem".into(), false)]
    );
    let public = app
        .browser()
        .get("/municipalities/skanderborg/units/klimaudvalget")
        .await;
    assert_eq!(
        texts(&public.html, ".member"),
        [
            "Karen Formand · Formand · Skanderborg Kommune (svarer for enheden)",
            "Ole Medlem · Udvalgsmedlem · Skanderborg Kommune"
        ]
    );

    // Unchecking everyone clears it; departments have no such choice.
    admin.post(&format!("{unit_admin}/answers"), &[]).await;
    assert_eq!(
        count(&app, "SELECT count(*) FROM role_units WHERE answers_for").await,
        0
    );
    let dept = app.teknik_og_miljo(&admin).await;
    let r = admin
        .post(&format!("/admin/skanderborg/units/{dept}/answers"), &[])
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn admins_create_rename_and_archive_units_with_unique_slugs() {
    let app = TestApp::spawn().await;
    let admin = app.municipality_admin("skanderborg").await;
    let r = admin
        .post(
            "/admin/skanderborg/units",
            &[
                ("kind", "department"),
                ("name", "Teknik og Miljø"),
                ("description", "Veje, affald og natur."),
                ("contact_email", "teknik@skanderborg.dk"),
            ],
        )
        .await;
    assert_eq!(
        r.location.as_deref(),
        Some("/admin/skanderborg/units?done=unit-created")
    );
    let page = app
        .browser()
        .get("/municipalities/skanderborg/units/teknik-og-miljoe")
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(text(&page.html, "h1"), "Teknik og Miljø");
    assert_eq!(text(&page.html, ".description"), "Veje, affald og natur.");
    assert_eq!(
        attr(&page.html, ".contact a", "href").as_deref(),
        Some("mailto:teknik@skanderborg.dk")
    );

    // The same name (any case) would give the same address.
    let r = admin
        .post(
            "/admin/skanderborg/units",
            &[("kind", "committee"), ("name", "teknik og miljø")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(text(&r.html, "#field-name-error").contains("allerede en enhed med det navn"));
    assert_eq!(
        attr(&r.html, "#field-name", "value").as_deref(),
        Some("teknik og miljø")
    );
    assert_eq!(
        attr(&r.html, "#field-kind-2", "checked").as_deref(),
        Some("")
    );
    let r = admin
        .post("/admin/skanderborg/units", &[("name", "Noget")])
        .await;
    assert_eq!(
        text(&r.html, "#field-kind-error"),
        "Fejl:Vælg, hvilken slags enhed det er."
    );
    // Another municipality may use the name.
    let aarhus = app.municipality_admin("aarhus").await;
    app.create_unit(&aarhus, "aarhus", "department", "Teknik og Miljø")
        .await;

    let id = app
        .create_unit(&admin, "skanderborg", "committee", "Klimaudvalget")
        .await;
    let edit = format!("/admin/skanderborg/units/{id}");
    let r = admin
        .post(&edit, &[("name", "Teknik og Miljø"), ("description", "")])
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(text(&r.html, "#field-name-error").contains("allerede en enhed"));
    let r = admin
        .post(&edit, &[("name", "Klima- og Bæredygtighedsudvalget")])
        .await;
    assert_eq!(
        r.location.as_deref(),
        Some(format!("{edit}?done=unit-saved").as_str())
    );
    let renamed = "/municipalities/skanderborg/units/klima-og-baeredygtighedsudvalget";
    assert_eq!(app.browser().get(renamed).await.status, StatusCode::OK);
    assert_eq!(
        app.browser()
            .get("/municipalities/skanderborg/units/klimaudvalget")
            .await
            .status,
        StatusCode::NOT_FOUND
    );

    let r = admin.post(&format!("{edit}/archive"), &[]).await;
    assert_eq!(
        r.location.as_deref(),
        Some("/admin/skanderborg/units?done=unit-archived")
    );
    let municipality = app.browser().get("/municipalities/skanderborg").await;
    assert_eq!(texts(&municipality.html, ".unit h3"), ["Teknik og Miljø"]);
    let archived = app.browser().get(renamed).await;
    assert_eq!(archived.status, StatusCode::OK, "history keeps its links");
    assert!(texts(&archived.html, "#unit-archived").len() == 1);
    let person = app.verified_person("Rikke", "rikke@example.dk").await;
    let form = person.get(REQUEST).await;
    assert_eq!(texts(&form.html, "input[name=units]").len(), 1);
}

#[tokio::test]
async fn an_unknown_unit_is_a_404() {
    let app = TestApp::spawn().await;
    let aarhus = app.municipality_admin("aarhus").await;
    app.create_unit(&aarhus, "aarhus", "department", "Borgerservice")
        .await;
    for path in [
        "/municipalities/skanderborg/units/borgerservice",
        "/municipalities/skanderborg/units/nothing-here",
        "/municipalities/atlantis/units/borgerservice",
    ] {
        let page = app.browser().get(path).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{path}");
        assert_eq!(text(&page.html, "h1"), "Siden findes ikke");
    }
    assert_eq!(
        app.browser()
            .get("/municipalities/aarhus/units/borgerservice")
            .await
            .status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn admins_write_the_municipality_page_text_and_contact() {
    let app = TestApp::spawn().await;
    let admin = app.municipality_admin("skanderborg").await;
    let about = "Vi vil gerne høre om trafik og skoler.\r\n\r\nSkriv til os.";
    let r = admin
        .post(
            "/admin/skanderborg/page",
            &[("about", about), ("contact_email", "ikke en adresse")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        text(&r.html, "#field-contact_email-error"),
        "Fejl:Skriv en gyldig e-mailadresse, fx navn@eksempel.dk."
    );
    assert!(text(&r.html, "#field-about").contains("trafik og skoler"));

    let r = admin
        .post(
            "/admin/skanderborg/page",
            &[
                ("about", about),
                ("contact_email", "kommunen@skanderborg.dk"),
            ],
        )
        .await;
    assert_eq!(
        r.location.as_deref(),
        Some("/admin/skanderborg/page?done=page-saved")
    );
    let page = app.browser().get("/municipalities/skanderborg").await;
    assert_eq!(
        texts(&page.html, ".about p"),
        [
            "Vi vil gerne høre om trafik og skoler.",
            "Skriv til os.",
            "Kontakt: kommunen@skanderborg.dk"
        ]
    );
    assert_eq!(text(&page.html, "#about-heading"), "Fra Skanderborg");
}

#[tokio::test]
async fn an_admin_revokes_a_role_with_a_reason_and_the_person_is_told() {
    let app = TestApp::spawn().await;
    let admin = app.municipality_admin("skanderborg").await;
    let council = app
        .create_unit(&admin, "skanderborg", "council", "Byrådet")
        .await;
    let ole = app.verified_person("Ole Hansen", "ole@example.dk").await;
    request_role(
        &ole,
        &[
            ("kind", "politician"),
            ("units", &council),
            ("title", "Byrådsmedlem"),
            ("party", "Venstre"),
        ],
    )
    .await;
    let id = role_id(&app, "ole@example.dk", "politician").await;
    admin
        .post(&format!("/admin/skanderborg/requests/{id}/approve"), &[])
        .await;
    let role_page = admin.get(&format!("/admin/skanderborg/roles/{id}")).await;
    assert_eq!(
        text(&role_page.html, ".facts .badge"),
        "Ole Hansen · Byrådsmedlem, Venstre · Skanderborg Kommune"
    );

    let revoke = format!("/admin/skanderborg/roles/{id}/revoke");
    let r = admin.post(&revoke, &[("reason", "")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(texts(&r.html, "#revoke-reason-error").len() == 1);
    assert_eq!(
        role_of(&app, "ole@example.dk", "politician")
            .await
            .unwrap()
            .0,
        "approved"
    );

    let r = admin
        .post(&revoke, &[("reason", "Du er ikke længere i byrådet.")])
        .await;
    assert_eq!(
        r.location.as_deref(),
        Some("/admin/skanderborg/roles?done=revoked")
    );
    assert_eq!(
        role_of(&app, "ole@example.dk", "politician")
            .await
            .unwrap()
            .0,
        "revoked"
    );
    let (kind, body) = last_mail(&app, "ole@example.dk").await;
    assert_eq!(kind, "roles.revoked");
    assert!(body.contains("Du er ikke længere i byrådet."));
    assert_eq!(
        admin
            .get(&format!("/admin/skanderborg/roles/{id}"))
            .await
            .status,
        StatusCode::NOT_FOUND,
        "only approved roles can be revoked"
    );

    // An admin cannot remove their own admin role.
    let own = role_id(&app, "admin@skanderborg.example.dk", "admin").await;
    let r = admin
        .post(
            &format!("/admin/skanderborg/roles/{own}/revoke"),
            &[("reason", "Jeg stopper.")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(text(&r.html, "#revoke-reason-error").contains("din egen administratorrolle"));
    assert_eq!(
        role_of(&app, "admin@skanderborg.example.dk", "admin")
            .await
            .unwrap()
            .0,
        "approved"
    );
}

#[tokio::test]
async fn an_admin_appoints_another_admin_by_the_email_of_a_confirmed_account() {
    let app = TestApp::spawn().await;
    let admin = app.municipality_admin("skanderborg").await;
    app.registered_person("Ulla", "ulla@example.dk").await;
    let anders = app.verified_person("Anders And", "anders@example.dk").await;
    assert_eq!(
        anders.get("/admin/skanderborg").await.status,
        StatusCode::FORBIDDEN
    );

    for (email, error) in [
        ("ingen@example.dk", "ingen konto"),
        ("ulla@example.dk", "ingen konto"),
        ("ikke-en-adresse", "gyldig e-mailadresse"),
    ] {
        let r = admin
            .post("/admin/skanderborg/admins", &[("email", email)])
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{email}");
        assert!(
            text(&r.html, "#appoint-email-error").contains(error),
            "{email}"
        );
        assert_eq!(
            attr(&r.html, "#appoint-email", "value").as_deref(),
            Some(email)
        );
    }
    let r = admin
        .post(
            "/admin/skanderborg/admins",
            &[("email", "Anders@Example.dk")],
        )
        .await;
    assert_eq!(
        r.location.as_deref(),
        Some("/admin/skanderborg/roles?done=admin-appointed")
    );
    assert_eq!(
        anders.get("/admin/skanderborg").await.status,
        StatusCode::OK
    );
    let (kind, body) = last_mail(&app, "anders@example.dk").await;
    assert_eq!(kind, "roles.admin-appointed");
    assert!(
        body.contains(
            "Admin skanderborg har udpeget dig som administrator for Skanderborg Kommune"
        )
    );
    let roles = admin.get("/admin/skanderborg/roles").await;
    assert!(texts(&roles.html, ".role-granted").contains(&"af Admin skanderborg".to_string()));

    let r = admin
        .post(
            "/admin/skanderborg/admins",
            &[("email", "anders@example.dk")],
        )
        .await;
    assert!(text(&r.html, "#appoint-email-error").contains("allerede administrator"));
    assert_eq!(
        count(&app, "SELECT count(*) FROM roles WHERE kind = 'admin'").await,
        2
    );
}

#[tokio::test]
async fn grant_admin_refuses_unknown_accounts_and_municipalities_in_one_sentence() {
    let app = TestApp::spawn().await;
    let now = app.clock.now();
    let err = medspil::roles::grant_admin(&app.db, "ingen@example.dk", "skanderborg", now)
        .await
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("there is no account with the email ingen@example.dk"),
        "{err}"
    );

    app.verified_person("Sofie", "sofie@skanderborg.dk").await;
    let err = medspil::roles::grant_admin(&app.db, "sofie@skanderborg.dk", "atlantis", now)
        .await
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("there is no municipality with the slug \"atlantis\""),
        "{err}"
    );

    app.registered_person("Ulla", "ulla@example.dk").await;
    let err = medspil::roles::grant_admin(&app.db, "ulla@example.dk", "skanderborg", now)
        .await
        .unwrap_err()
        .to_string();
    assert!(err.contains("has not confirmed its address"), "{err}");
    assert_eq!(count(&app, "SELECT count(*) FROM roles").await, 0);

    let granted = medspil::roles::grant_admin(&app.db, "Sofie@Skanderborg.dk", "skanderborg", now)
        .await
        .unwrap();
    assert_eq!(
        granted,
        medspil::roles::Granted {
            name: "Sofie".into(),
            municipality: "Skanderborg Kommune".into(),
            already: false
        }
    );
    let again = medspil::roles::grant_admin(&app.db, "sofie@skanderborg.dk", "skanderborg", now)
        .await
        .unwrap();
    assert!(again.already);
    assert_eq!(count(&app, "SELECT count(*) FROM roles").await, 1);
}

#[tokio::test]
async fn a_municipality_without_an_admin_says_it_is_not_on_medspil_yet() {
    let app = TestApp::spawn().await;
    let page = app.browser().get("/municipalities/skanderborg").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(text(&page.html, "#not-on-medspil").contains("ikke med på Medspil endnu"));
    assert_eq!(
        attr(&page.html, "#roles-heading + p + p a", "href").as_deref(),
        Some("/sign-in?next=%2Fmunicipalities%2Fskanderborg%2Froles%2Frequest")
    );
    let person = app.verified_person("Rikke", "rikke@example.dk").await;
    let page = person.get("/municipalities/skanderborg").await;
    assert_eq!(
        attr(&page.html, "a.request-role", "href").as_deref(),
        Some(REQUEST)
    );
    assert!(texts(page.expect_page("Skanderborg Kommune"), "a.admin-link").is_empty());
    let form = person.get(REQUEST).await;
    assert_eq!(texts(&form.html, "#no-admin-yet").len(), 1);

    let admin = app.municipality_admin("skanderborg").await;
    let page = app.browser().get("/municipalities/skanderborg").await;
    assert!(texts(page.expect_page("Skanderborg Kommune"), "#not-on-medspil").is_empty());
    let page = admin.get("/municipalities/skanderborg").await;
    assert_eq!(
        attr(&page.html, "a.admin-link", "href").as_deref(),
        Some("/admin/skanderborg")
    );
    // Other municipalities are still not on Medspil.
    let aarhus = app.browser().get("/municipalities/aarhus").await;
    assert_eq!(texts(&aarhus.html, "#not-on-medspil").len(), 1);
}

#[tokio::test]
async fn nobody_but_its_admins_can_manage_a_municipality() {
    let app = TestApp::spawn().await;
    let admin = app.municipality_admin("skanderborg").await;
    let unit = app
        .create_unit(&admin, "skanderborg", "committee", "Klimaudvalget")
        .await;
    add_domain(&app, "skanderborg.dk").await;
    let pia = app.verified_person("Pia", "pia@example.dk").await;
    request_role(
        &pia,
        &[
            ("kind", "politician"),
            ("units", &unit),
            ("title", "Medlem"),
        ],
    )
    .await;
    let pending = role_id(&app, "pia@example.dk", "politician").await;
    let approved = role_id(&app, "admin@skanderborg.example.dk", "admin").await;

    let citizen = app.verified_person("Carl", "carl@example.dk").await;
    let aarhus = app.municipality_admin("aarhus").await;
    let visitor = app.browser();
    let roles_before = roles_snapshot(&app).await;
    let units_before = units_snapshot(&app).await;
    let domains_before = count(&app, "SELECT count(*) FROM municipality_domains").await;

    let attempts = [
        ("/admin/skanderborg/requests/{pending}/approve", vec![]),
        (
            "/admin/skanderborg/requests/{pending}/reject",
            vec![("reason", "Nej")],
        ),
        (
            "/admin/skanderborg/roles/{approved}/revoke",
            vec![("reason", "Væk")],
        ),
        (
            "/admin/skanderborg/admins",
            vec![("email", "carl@example.dk")],
        ),
        (
            "/admin/skanderborg/units",
            vec![("kind", "department"), ("name", "Ny")],
        ),
        ("/admin/skanderborg/units/{unit}", vec![("name", "Omdøbt")]),
        ("/admin/skanderborg/units/{unit}/archive", vec![]),
        (
            "/admin/skanderborg/units/{unit}/answers",
            vec![("answers", "{pending}")],
        ),
        (
            "/admin/skanderborg/domains",
            vec![("domain", "evil.example")],
        ),
        (
            "/admin/skanderborg/domains/remove",
            vec![("domain", "skanderborg.dk")],
        ),
        ("/admin/skanderborg/page", vec![("about", "Hacket")]),
    ];
    let fill = |s: &str| {
        s.replace("{pending}", &pending)
            .replace("{approved}", &approved)
            .replace("{unit}", &unit)
    };
    for (path, form) in &attempts {
        let path = fill(path);
        let form: Vec<(&str, String)> = form.iter().map(|(k, v)| (*k, fill(v))).collect();
        let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
        for (who, browser) in [("citizen", &citizen), ("aarhus admin", &aarhus)] {
            let r = browser.post(&path, &form).await;
            assert_eq!(r.status, StatusCode::FORBIDDEN, "{who}: POST {path}");
        }
        let r = visitor.post(&path, &form).await;
        assert!(
            r.location
                .as_deref()
                .is_some_and(|l| l.starts_with("/sign-in")),
            "visitor: POST {path}"
        );
        // An admin of Aarhus cannot reach Skanderborg's rows through Aarhus' own pages.
        if path.contains(&pending) || path.contains(&approved) || path.contains(&unit) {
            let through_own = path.replace("/admin/skanderborg/", "/admin/aarhus/");
            let r = aarhus.post(&through_own, &form).await;
            assert_eq!(r.status, StatusCode::NOT_FOUND, "POST {through_own}");
        }
    }
    for path in [
        "/admin/skanderborg".to_string(),
        format!("/admin/skanderborg/requests/{pending}"),
        "/admin/skanderborg/roles".to_string(),
        format!("/admin/skanderborg/units/{unit}"),
        "/admin/skanderborg/domains".to_string(),
        "/admin/skanderborg/page".to_string(),
    ] {
        assert_eq!(
            citizen.get(&path).await.status,
            StatusCode::FORBIDDEN,
            "{path}"
        );
        assert_eq!(
            aarhus.get(&path).await.status,
            StatusCode::FORBIDDEN,
            "{path}"
        );
    }
    for path in [
        format!("/admin/aarhus/requests/{pending}"),
        format!("/admin/aarhus/roles/{approved}"),
        format!("/admin/aarhus/units/{unit}"),
    ] {
        assert_eq!(
            aarhus.get(&path).await.status,
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }

    assert_eq!(roles_snapshot(&app).await, roles_before);
    assert_eq!(units_snapshot(&app).await, units_before);
    assert_eq!(
        count(
            &app,
            "SELECT count(*) FROM municipality_domains WHERE municipality_code = '0746'"
        )
        .await,
        domains_before
    );
    assert_eq!(
        count(
            &app,
            "SELECT count(*) FROM municipalities WHERE about <> ''"
        )
        .await,
        0
    );
}
