//! The benchmark's seed (`bench/*.sql`) writes rows by hand for speed; it must keep matching
//! the schema the migrations make, or `bench/run` stops measuring. Loaded here at bench/run's
//! small size into a test database, and the pages it measures answer on it.

use reqwest::StatusCode;

use crate::helpers::TestApp;

#[tokio::test]
async fn the_benchmark_seed_loads_into_the_current_schema_with_true_counters() {
    let app = TestApp::spawn().await;
    let bins = medspil::embedded_pg::PgBinaries::find().expect("PostgreSQL server programs");
    let psql = match bins.bindir.join("psql") {
        p if p.exists() => p,
        _ => "psql".into(),
    };
    // In bench/run's order, with its variables.
    let salon: String = "SELECT id::text FROM salons WHERE visibility = 'public' \
                         AND status = 'published' ORDER BY id LIMIT 1"
        .into();
    for (file, var) in [
        ("bench/seed.sql", "salons=1000".to_string()),
        ("bench/decisions.sql", "x=0".to_string()),
        ("bench/invitations.sql", "x=0".to_string()),
        ("bench/people.sql", String::new()),
    ] {
        let var = if file == "bench/people.sql" {
            let id: String = sqlx::query_scalar(&salon).fetch_one(&app.db).await.unwrap();
            format!("salon={id}")
        } else {
            var
        };
        let out = std::process::Command::new(&psql)
            .args(["-X", "-q", "-v", "ON_ERROR_STOP=1", "-v", &var, "-f", file])
            .arg(app.database_url())
            .output()
            .expect("run psql");
        assert!(
            out.status.success(),
            "{file}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    // The maintained counters say what the rows say, per session and per salon.
    let wrong: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM salon_sessions ss
         WHERE ss.citizens_registered <> (SELECT count(*) FROM registration_sessions rs
                                          WHERE rs.session_id = ss.id AND rs.place = 'seat'
                                            AND rs.kind = 'citizen')",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(wrong, 0, "session counters");
    let waiting: i64 =
        sqlx::query_scalar("SELECT count(*) FROM registration_sessions WHERE place = 'waitlist'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert!(waiting > 0, "people.sql puts the bench host in line");
    let wrong: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM salons s
         WHERE s.citizens_registered <> (SELECT count(*) FROM registrations r
                                         WHERE r.salon_id = s.id AND r.status = 'registered')",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(wrong, 0, "salon counters");
    // The app stamps a sending, a reply, an answer, a withdrawal and a passing-on with its
    // clock, so none of them lies after the seed's own now: a seed that sent every invitation
    // 30 days before its salon sent most of them in the future, and the record read kept
    // months that no municipality can have.
    let future: i64 = sqlx::query_scalar(
        "SELECT (SELECT count(*) FROM invitations
                 WHERE greatest(sent_at, first_reply_at, answered_at, withdrawn_at) > now())
              + (SELECT count(*) FROM invitation_events WHERE at > now())",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(future, 0, "invitations or their events stamped after now");
    // The cards' kept seat columns say what the sessions say.
    let wrong: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM salons s
         LEFT JOIN (SELECT salon_id, min(citizens_registered) AS least_taken,
                           min(ends_at) AS first_end, max(ends_at) AS last_end
                    FROM salon_sessions GROUP BY salon_id) k ON k.salon_id = s.id
         WHERE (s.seats_taken_least, s.sessions_first_end, s.sessions_last_end)
               IS DISTINCT FROM (k.least_taken, k.first_end, k.last_end)",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(wrong, 0, "cards' seat columns");
    // The salons' kept span (first and last start) says what the sessions say (the seed
    // writes it from them once, with the seat columns, as salon_sessions_keep_span would).
    let wrong: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM salons s
         LEFT JOIN (SELECT salon_id, min(starts_at) AS first, max(starts_at) AS last
                    FROM salon_sessions GROUP BY salon_id) k ON k.salon_id = s.id
         WHERE (s.first_starts_at, s.last_starts_at) IS DISTINCT FROM (k.first, k.last)",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(wrong, 0, "salons' span");
    // The kept record lines say what the record's definition says of the seeded invitations.
    let (lines, wrong): (i64, i64) = sqlx::query_as(
        "SELECT (SELECT count(*) FROM record_lines),
                (SELECT count(*) FROM (SELECT * FROM record_lines
                                       EXCEPT SELECT * FROM invitation_record_lines) k)
                + (SELECT count(*) FROM (SELECT * FROM invitation_record_lines
                                         EXCEPT SELECT * FROM record_lines) v)",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert!(lines > 0, "the seed's invitations count");
    assert_eq!(wrong, 0, "record lines");
    // The record's months kept per municipality and unit (migration 0096) are their lines
    // counted again.
    let months: i64 = sqlx::query_scalar("SELECT count(*) FROM record_months")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert!(months > 0, "the seed's lines are kept by month");
    assert_eq!(
        crate::record_kept::months_not_kept(&app).await,
        Vec::<String>::new(),
        "record months"
    );
    // The decisions' kept counts of public salons, and of those before the meeting day, say
    // what their links say.
    assert_eq!(
        crate::record_kept::decisions_not_kept(&app).await,
        Vec::<String>::new(),
        "decisions' salon counts"
    );
    // The invitations' copies of their salons' listed starts, which the unit pages walk.
    assert_eq!(
        crate::record_kept::invited_not_kept(&app).await,
        Vec::<String>::new(),
        "the salons units are invited to"
    );
    // The cards' kept answer line says what its definition says.
    let wrong: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM salons WHERE answer_units IS DISTINCT FROM salon_answer_units(id)",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(wrong, 0, "cards' answer line");
    // The kept newest host (migration 0075) says what its definition says.
    let wrong: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM salons WHERE newest_host_since IS DISTINCT FROM salon_newest_host_counted(id)",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(wrong, 0, "salons' newest host");
    // The inbox's kept due day (migration 0070) says what its definition says.
    let wrong: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM invitations i JOIN salons s ON s.id = i.salon_id
         WHERE i.due IS DISTINCT FROM
               least(i.reply_by, (s.first_starts_at AT TIME ZONE 'Europe/Copenhagen')::date)",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(wrong, 0, "invitations' due day");
    // What the inbox shows of the salon, kept on the invitation (migration 0076).
    let wrong: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM invitations i JOIN salons s ON s.id = i.salon_id
         WHERE (i.salon_title, i.salon_starts_at, i.salon_hidden)
               IS DISTINCT FROM (s.title, s.first_starts_at, s.hidden_reason IS NOT NULL)",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(wrong, 0, "invitations' salon");
    // The header's kept count of open invitations is the count from scratch for everyone (the
    // bench official's 100 among them).
    let (official, wrong): (i64, i64) = sqlx::query_as(
        "SELECT (SELECT k.open::bigint FROM inbox_counts k JOIN users u ON u.id = k.user_id
                 WHERE u.email = 'official@bench.example'),
                (SELECT count(*) FROM users u
                 WHERE coalesce((SELECT k.open FROM inbox_counts k WHERE k.user_id = u.id), 0)
                       <> inbox_open_count(u.id))",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(official, 100, "the bench official's open invitations");
    assert_eq!(wrong, 0, "the header's open invitations");
    // Who answers for each municipality and unit, kept, says what counting says.
    assert_eq!(
        crate::who_answers::answerers_not_kept(&app).await,
        Vec::<String>::new(),
        "who answers"
    );
    // The header's kept count of unread notices is the count from scratch for everyone (the
    // bench official's 100 among them).
    let official: i32 = sqlx::query_scalar(
        "SELECT unread_notifications FROM users WHERE email = 'official@bench.example'",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(official, 100, "the bench official's unread notices");
    assert_eq!(
        crate::notifications::unread_not_kept(&app).await,
        Vec::<(String, i32, i64)>::new(),
        "unread notices"
    );

    // Every salon page's kept public part is what its definition computes (the seed rewrites
    // them in bulk, people.sql through the triggers).
    let (kept, wrong): (i64, i64) = sqlx::query_as(
        "SELECT (SELECT count(*) FROM salon_pages),
                (SELECT count(*) FROM salons s LEFT JOIN salon_pages p ON p.salon_id = s.id
                 WHERE p.public::jsonb IS DISTINCT FROM salon_page_public(s.id)::jsonb)",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(kept, 1000, "a kept page per salon");
    assert_eq!(wrong, 0, "salon pages' kept public part");
    for path in ["/", "/salons", "/salons?q=fjord", "/municipalities"] {
        let r = app.get(path).await;
        assert_eq!(r.status(), StatusCode::OK, "{path}");
    }
}
