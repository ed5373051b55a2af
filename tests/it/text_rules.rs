//! The one rule for text on one line: characters that make a name or a title look other than it
//! is (direction overrides and isolates, the zero-width space, the byte-order mark) are refused
//! in every one-line field with a Danish message; what real names and emoji need is kept; names
//! are shown inside `<bdi>`; and what was stored before the rule is cleaned by a migration.

use reqwest::StatusCode;
use sqlx::{Connection, PgConnection};

use crate::helpers::cluster::TestDatabase;
use crate::helpers::salons::{create_salon, post_form, published_salon, salon_form, set};
use crate::helpers::{PASSWORD, TestApp, attr, text, texts};

const MESSAGE: &str = "Fejl:Teksten indeholder usynlige tegn eller tegn, der vender skriftretningen (ofte med fra kopieret tekst). Skriv den igen uden dem.";

/// "Kommunen" with a right-to-left override: shown, it reads as something else.
const SPOOF: &str = "Jens \u{202E}nenummoK";

#[tokio::test]
async fn one_line_fields_refuse_direction_overrides_and_invisible_characters() {
    let app = TestApp::spawn().await;
    // Registering: the name, and an address with a zero-width space.
    let r = app
        .browser()
        .post(
            "/register",
            &[
                ("name", SPOOF),
                ("email", "rik\u{200B}ke@example.dk"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(text(&r.html, "#field-name-error"), MESSAGE);
    assert_eq!(
        attr(&r.html, "#field-name", "value").as_deref(),
        Some(SPOOF),
        "what was typed is kept"
    );
    assert!(texts(&r.html, "#field-email-error").len() == 1);

    // The account's name.
    let rikke = app.verified_person("Rikke", "rikke@example.dk").await;
    for bad in [
        SPOOF,
        "Rik\u{200B}ke",
        "\u{FEFF}Rikke",
        "Rikke \u{2066}Berg\u{2069}",
    ] {
        let r = rikke
            .post("/account/profile", &[("name", bad), ("language", "da")])
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{bad:?}");
        assert_eq!(text(&r.html, "#profile-name-error"), MESSAGE);
    }

    // A salon's title and town.
    for field in [
        "title",
        "question",
        "town",
        "place_name",
        "address",
        "topics",
    ] {
        let form = set(salon_form(&app, "Liv i Ry", None), field, SPOOF);
        let r = post_form(&rikke, "/salons/new", &form).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{field}");
        assert_eq!(
            text(&r.html, &format!("#field-{field}-error")),
            MESSAGE,
            "{field}"
        );
    }

    // A unit's name, a role's title, a host's message subject, an offline guest's name.
    let admin = app.municipality_admin("skanderborg").await;
    let r = admin
        .post(
            "/admin/skanderborg/units",
            &[("kind", "department"), ("name", SPOOF)],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(text(&r.html, "#field-name-error"), MESSAGE);
    let unit = app.teknik_og_miljo(&admin).await;
    let r = rikke
        .post(
            "/municipalities/skanderborg/roles/request",
            &[
                ("kind", "official"),
                ("units", unit.as_str()),
                ("title", SPOOF),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(text(&r.html, "#field-title-error"), MESSAGE);
    let salon = published_salon(&app, &rikke, None).await;
    let r = rikke
        .post(
            &format!("{}/participants/offline", salon.path),
            &[("offline_name", SPOOF)],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("usynlige tegn"), "{}", r.body);
    let r = rikke
        .post(
            &format!("{}/message", salon.path),
            &[("subject", SPOOF), ("body", "Hej alle")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("usynlige tegn"), "{}", r.body);
    let stored: i64 = sqlx::query_scalar(
        "SELECT (SELECT count(*) FROM users WHERE name ~ '[\\u202A-\\u202E\\u200B\\uFEFF\\u2066-\\u2069]')
              + (SELECT count(*) FROM units WHERE name ~ '\\u202E')
              + (SELECT count(*) FROM salons WHERE title ~ '\\u202E' OR town ~ '\\u202E')",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(stored, 0, "nothing with such characters was stored");
}

#[tokio::test]
async fn a_decisions_title_is_one_line_under_the_same_rule() {
    let app = TestApp::spawn().await;
    let (_, olga, _, _) = crate::decisions::skanderborg_with_a_decision(&app).await;
    let r = olga
        .post(
            "/municipalities/skanderborg/decisions/new",
            &[("title", SPOOF), ("description", "Om stien.")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(text(&r.html, "#field-title-error"), MESSAGE);
}

/// Texts of several lines follow the same rule, but keep their line breaks: a terminal escape
/// or a NUL in a salon's description, a unit's description, a message to participants or a
/// role request's note comes back with the message, and CRLF is stored as one newline.
#[tokio::test]
async fn multi_line_fields_refuse_control_characters_and_keep_newlines() {
    let app = TestApp::spawn().await;
    let rikke = app.verified_person("Rikke", "rikke@example.dk").await;
    for bad in ["Rødt \u{1b}[31mlys", "a\u{0}b", "Hej \u{202E}nenummoK"] {
        let form = set(salon_form(&app, "Liv i Ry", None), "description", bad);
        let r = post_form(&rikke, "/salons/new", &form).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{bad:?}");
        assert_eq!(text(&r.html, "#field-description-error"), MESSAGE);
    }
    let admin = app.municipality_admin("skanderborg").await;
    let r = admin
        .post(
            "/admin/skanderborg/units",
            &[
                ("kind", "department"),
                ("name", "Teknik"),
                ("description", "Veje\u{7}"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(text(&r.html, "#field-description-error"), MESSAGE);
    let unit = app.teknik_og_miljo(&admin).await;
    let r = rikke
        .post(
            "/municipalities/skanderborg/roles/request",
            &[
                ("kind", "official"),
                ("units", unit.as_str()),
                ("title", "Vejingeniør"),
                ("note", "Se \u{1b}]8;;http://x\u{7}her"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(text(&r.html, "#field-note-error"), MESSAGE);
    let salon = published_salon(&app, &rikke, None).await;
    let r = rikke
        .post(
            &format!("{}/message", salon.path),
            &[("subject", "Husk"), ("body", "Hej\u{8}\u{8}alle")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("usynlige tegn"), "{}", r.body);

    // Line breaks are kept, as one kind of newline.
    let form = set(
        salon_form(&app, "Ved søen", None),
        "description",
        "  Første afsnit.\r\n\r\nAndet afsnit.  ",
    );
    create_salon(&rikke, &form).await;
    let stored: String =
        sqlx::query_scalar("SELECT description FROM salons WHERE title = 'Ved søen'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(stored, "Første afsnit.\n\nAndet afsnit.");
}

#[tokio::test]
async fn names_keep_joiners_and_direction_marks_and_are_shown_inside_bdi() {
    let app = TestApp::spawn().await;
    // A name in two scripts with its direction marks, and an emoji joined with ZWJ.
    let name = "Dana \u{200F}דנה\u{200E} Levi 👩\u{200D}👩\u{200D}👧";
    let host = app.verified_person(name, "dana@example.dk").await;
    let stored: String = sqlx::query_scalar("SELECT name FROM users")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(stored, name);
    let salon = create_salon(&host, &salon_form(&app, "Liv i Ry", None)).await;
    let page = host.get(&salon.path).await;
    assert_eq!(texts(&page.html, ".salon-hosts li bdi"), [name]);
    assert_eq!(texts(&page.html, ".account-links bdi"), [name]);
    let hosts = host.get(&format!("{}/hosts", salon.path)).await;
    assert_eq!(texts(&hosts.html, "bdi.host-name"), [name]);
}

/// The migrations before the one that strips the characters, as files in a folder of their own.
fn migrations_before(version: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "medspil-migrations-{}",
        uuid::Uuid::new_v4().simple()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let source = crate::helpers::project_root().join("migrations");
    for entry in std::fs::read_dir(source).unwrap() {
        let path = entry.unwrap().path();
        let file = path.file_name().unwrap().to_str().unwrap().to_string();
        if file.as_str() < version {
            std::fs::copy(&path, dir.join(file)).unwrap();
        }
    }
    dir
}

#[tokio::test]
async fn the_migration_strips_refused_characters_from_stored_names_and_titles() {
    let database = TestDatabase::empty().await;
    let mut conn = PgConnection::connect(&database.url).await.unwrap();
    let before = migrations_before("0022");
    sqlx::migrate::Migrator::new(before.as_path())
        .await
        .unwrap()
        .run(&mut conn)
        .await
        .unwrap();
    std::fs::remove_dir_all(&before).unwrap();

    // What the old rules let through.
    sqlx::raw_sql(
        "INSERT INTO users (id, email, name, locale, created_at) VALUES
           ('00000000-0000-4000-8000-000000000001', 'jens@example.dk', E'Jens \\u202Enenummok', 'da', now()),
           ('00000000-0000-4000-8000-000000000002', 'dana@example.dk', E'Dana \\u200Fדנה\\u200E 👩\\u200D👧', 'da', now()),
           ('00000000-0000-4000-8000-000000000003', 'x@example.dk', E'\\u200B\\uFEFF', 'da', now());
         INSERT INTO units (id, municipality_code, kind, name, slug, created_at) VALUES
           (gen_random_uuid(), '0746', 'department', E'Teknik\\u2066 og Miljø\\u2069', 'teknik', now());
         INSERT INTO salons (id, slug, title, question, municipality_code, town, format, topics,
                             created_by, created_at, updated_at) VALUES
           (gen_random_uuid(), 'liv', E'Liv\\u202A i Ry', E'Hvordan?\\u202C', '0746', E'R\\u200By',
            'in_person', ARRAY[E'by\\uFEFFliv', 'handel'],
            '00000000-0000-4000-8000-000000000001', now(), now());
         INSERT INTO notifications (user_id, kind, subject, created_at) VALUES
           ('00000000-0000-4000-8000-000000000001', 'salon.x', E'Ny salon: Liv\\u202A i Ry', now());",
    )
    .execute(&mut conn)
    .await
    .unwrap();

    medspil::database::MIGRATOR.run(&mut conn).await.unwrap();

    let names: Vec<String> = sqlx::query_scalar("SELECT name FROM users ORDER BY email")
        .fetch_all(&mut conn)
        .await
        .unwrap();
    assert_eq!(
        names,
        [
            "Dana \u{200F}דנה\u{200E} 👩\u{200D}👧",
            "Jens nenummok",
            "–"
        ]
    );
    let unit: String = sqlx::query_scalar("SELECT name FROM units WHERE slug = 'teknik'")
        .fetch_one(&mut conn)
        .await
        .unwrap();
    assert_eq!(unit, "Teknik og Miljø");
    let salon: (String, String, String, Vec<String>) =
        sqlx::query_as("SELECT title, question, town, topics FROM salons")
            .fetch_one(&mut conn)
            .await
            .unwrap();
    assert_eq!(
        salon,
        (
            "Liv i Ry".to_string(),
            "Hvordan?".to_string(),
            "Ry".to_string(),
            vec!["byliv".to_string(), "handel".to_string()]
        )
    );
    let subject: String = sqlx::query_scalar("SELECT subject FROM notifications")
        .fetch_one(&mut conn)
        .await
        .unwrap();
    assert_eq!(subject, "Ny salon: Liv i Ry");
    conn.close().await.unwrap();
}
