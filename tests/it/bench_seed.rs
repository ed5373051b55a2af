//! The benchmark's seed (`bench/seed.sql`) writes rows by hand for speed; it must keep
//! matching the schema the migrations make, or `bench/run` stops measuring. Loaded here, small,
//! into a test database, and the pages it measures answer on it.

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
    let out = std::process::Command::new(psql)
        .args(["-X", "-q", "-v", "salons=60", "-f", "bench/seed.sql"])
        .arg(app.database_url())
        .output()
        .expect("run psql");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

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
    let wrong: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM salons s
         WHERE s.citizens_registered <> (SELECT count(*) FROM registrations r
                                         WHERE r.salon_id = s.id AND r.status = 'registered')",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(wrong, 0, "salon counters");

    for path in ["/", "/salons", "/salons?q=fjord", "/municipalities"] {
        let r = app.get(path).await;
        assert_eq!(r.status(), StatusCode::OK, "{path}");
    }
}
