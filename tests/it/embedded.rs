//! The server binary with its embedded PostgreSQL: data survives a restart, a start after the
//! app was killed with `kill -9` adopts the cluster it left running, and an operator's command
//! run beside the live server leaves the server's database running.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use nix::sys::signal::{Signal, kill};
use nix::unistd::Pid;
use sqlx::Connection;

use crate::helpers::smtp::free_port;

/// A data folder of the test's own, reachable by the database's unprivileged user.
struct DataDir(PathBuf);

impl DataDir {
    fn new() -> DataDir {
        let dir = std::env::temp_dir().join(format!(
            "medspil-test-{}-srv-{}",
            std::process::id(),
            uuid::Uuid::new_v4().simple()
        ));
        std::fs::create_dir_all(&dir).unwrap();
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
        DataDir(dir)
    }

    fn postmaster_pid(&self) -> Option<i32> {
        let text = std::fs::read_to_string(self.0.join("postgres/postmaster.pid")).ok()?;
        text.lines().next()?.trim().parse().ok()
    }
}

impl Drop for DataDir {
    fn drop(&mut self) {
        if let Some(pid) = self.postmaster_pid() {
            let _ = kill(Pid::from_raw(pid), Signal::SIGQUIT);
            std::thread::sleep(Duration::from_millis(300));
        }
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The `medspil` binary, serving from `data`.
struct Server {
    child: Child,
    base: String,
}

impl Server {
    fn start(data: &DataDir) -> Server {
        Self::start_with(data, &[]).0
    }

    /// Starts the binary with `args`; returns the server and what it printed before its address.
    fn start_with(data: &DataDir, args: &[&str]) -> (Server, Vec<String>) {
        let port = free_port();
        let mut child = Command::new(env!("CARGO_BIN_EXE_medspil"))
            .args(args)
            .env_remove("DATABASE_URL")
            .env("MEDSPIL_BIND", format!("127.0.0.1:{port}"))
            .env("MEDSPIL_DATA_DIR", &data.0)
            .env("RUST_LOG", "warn")
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start the medspil binary");
        // It prints its address once it listens (the demo's people before that).
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let mut before = Vec::new();
        loop {
            let mut line = String::new();
            let n = stdout.read_line(&mut line).unwrap();
            assert!(
                n > 0,
                "the server exited before listening; it printed {before:?}"
            );
            if line.contains("kører på") {
                assert!(
                    line.contains(&format!("http://127.0.0.1:{port}")),
                    "unexpected address line: {line:?}"
                );
                break;
            }
            before.push(line.trim_end().to_string());
        }
        // Keep reading, so the server never writes into a closed pipe.
        std::thread::spawn(move || std::io::copy(&mut stdout, &mut std::io::sink()));
        (
            Server {
                child,
                base: format!("http://127.0.0.1:{port}"),
            },
            before,
        )
    }

    async fn get(&self, path: &str) -> (u16, String) {
        let r = reqwest::get(format!("{}{path}", self.base)).await.unwrap();
        (r.status().as_u16(), r.text().await.unwrap())
    }

    fn terminate(mut self) {
        kill(Pid::from_raw(self.child.id() as i32), Signal::SIGTERM).unwrap();
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                assert!(status.success(), "the server exited with {status}");
                return;
            }
            assert!(
                Instant::now() < deadline,
                "the server did not stop on SIGTERM"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn kill_9(mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }
}

impl Drop for Server {
    /// A test that fails half-way must not leave its server running.
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// Whether `pid` is a live process (a zombie waiting for a parent that does not reap it, as
/// an orphan can be in a container, counts as dead).
fn alive(pid: i32) -> bool {
    let zombie = std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .ok()
        .and_then(|s| {
            s.rsplit_once(')')
                .map(|(_, rest)| rest.trim_start().starts_with('Z'))
        })
        .unwrap_or(false);
    kill(Pid::from_raw(pid), None).is_ok() && !zombie
}

fn db_url(data: &Path) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_medspil"))
        .args(["db", "url"])
        .env_remove("DATABASE_URL")
        .env("MEDSPIL_DATA_DIR", data)
        .env("RUST_LOG", "warn")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "medspil db url: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

/// Runs `medspil args…` as an operator would, on the embedded cluster in `data`.
fn operator(data: &Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_medspil"))
        .args(args)
        .env_remove("DATABASE_URL")
        .env("MEDSPIL_DATA_DIR", data)
        .env("RUST_LOG", "warn")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "medspil {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_operator_command_beside_the_running_server_leaves_its_database_running() {
    let data = DataDir::new();
    let server = tokio::task::block_in_place(|| Server::start(&data));
    let cluster = data.postmaster_pid().expect("a running cluster");

    // The command adopts the server's cluster, does its work and leaves the cluster running.
    let said = tokio::task::block_in_place(|| {
        operator(&data.0, &["admin", "limits", "set", "salons_per_day", "7"])
    });
    assert!(said.contains("salons_per_day er nu 7"), "{said}");
    assert!(
        alive(cluster),
        "the operator's command stopped the server's database"
    );
    assert_eq!(server.get("/readyz").await.0, 200);
    let (status, _) = server.get("/municipalities/skanderborg").await;
    assert_eq!(status, 200);
    let listed = tokio::task::block_in_place(|| operator(&data.0, &["admin", "limits"]));
    assert!(listed.contains("salons_per_day"), "{listed}");
    assert_eq!(server.get("/readyz").await.0, 200);

    // The server, alone again, stops the cluster when it stops.
    tokio::task::block_in_place(|| server.terminate());
    assert!(!alive(cluster), "the lone server left its cluster running");

    // A command on its own starts the cluster and stops it again.
    tokio::task::block_in_place(|| operator(&data.0, &["admin", "limits"]));
    assert!(
        data.postmaster_pid().is_none(),
        "the lone command left its cluster running"
    );

    // After a kill -9 the orphaned cluster is taken over, and stopped by the one who took it.
    let server = tokio::task::block_in_place(|| Server::start(&data));
    let orphan = data.postmaster_pid().unwrap();
    tokio::task::block_in_place(|| server.kill_9());
    assert!(alive(orphan));
    tokio::task::block_in_place(|| operator(&data.0, &["admin", "limits"]));
    assert!(
        !alive(orphan),
        "the command did not stop the cluster it took over"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_embedded_cluster_keeps_its_data_across_restarts_and_a_kill_9() {
    let data = DataDir::new();

    // First start: the cluster is created; add a unit through the printed database URL.
    let server = tokio::task::block_in_place(|| Server::start(&data));
    assert_eq!(server.get("/readyz").await.0, 200);
    let url = tokio::task::block_in_place(|| db_url(&data.0));
    assert!(
        url.starts_with("postgres://") && url.contains("host=/"),
        "{url}"
    );
    let mut conn = sqlx::PgConnection::connect(&url).await.unwrap();
    sqlx::query(
        "INSERT INTO units (id, municipality_code, kind, name, slug, created_at)
         VALUES (gen_random_uuid(), '0746', 'department', 'Kultur og Borgerservice', 'kultur', now())",
    )
    .execute(&mut conn)
    .await
    .unwrap();
    conn.close().await.unwrap();

    // A clean stop stops PostgreSQL too.
    let first_pid = data.postmaster_pid().expect("a running cluster");
    tokio::task::block_in_place(|| server.terminate());
    assert!(
        !alive(first_pid),
        "PostgreSQL kept running after the server stopped"
    );
    assert!(
        data.postmaster_pid().is_none(),
        "postmaster.pid left behind"
    );

    // Second start: the data is still there.
    let server = tokio::task::block_in_place(|| Server::start(&data));
    let (status, body) = server.get("/municipalities/skanderborg").await;
    assert_eq!(status, 200);
    assert!(body.contains("Kultur og Borgerservice"));

    // kill -9: PostgreSQL is orphaned but alive; the next start adopts it.
    let orphan = data.postmaster_pid().unwrap();
    tokio::task::block_in_place(|| server.kill_9());
    assert!(alive(orphan));
    let server = tokio::task::block_in_place(|| Server::start(&data));
    let (status, body) = server.get("/municipalities/skanderborg").await;
    assert_eq!(status, 200);
    assert!(body.contains("Kultur og Borgerservice"));
    tokio::task::block_in_place(|| server.terminate());
    assert!(!alive(orphan), "the adopted cluster was not stopped");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_seeds_once_prints_passwords_and_refuses_real_data() {
    let data = DataDir::new();
    let (server, printed) = tokio::task::block_in_place(|| Server::start_with(&data, &["--demo"]));
    let karen = printed
        .iter()
        .find(|l| l.contains("karen@demo.medspil.dk"))
        .expect("the demo people are listed");
    let password = karen.split_whitespace().nth(3).unwrap().to_string();
    assert_eq!(
        server.get("/dev/mailbox").await.0,
        200,
        "the demo turns the dev mailbox on"
    );
    let (status, body) = server.get("/municipalities/skanderborg").await;
    assert_eq!(status, 200);
    assert!(body.contains("Teknik og Miljø"));
    // The closed salon, with its summary, is in the past listing and found by its summary.
    let (status, body) = server.get("/salons?when=past").await;
    assert_eq!(status, 200);
    assert!(body.contains("Lys og bænke på Ry Torv"), "{body}");
    let (_, body) = server.get("/salons?when=past&q=torvedag").await;
    assert!(body.contains("Lys og bænke på Ry Torv"), "{body}");
    // The printed password works.
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let r = client
        .post(format!("{}/sign-in", server.base))
        .header("origin", &server.base)
        .form(&[
            ("email", "karen@demo.medspil.dk"),
            ("password", password.as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    tokio::task::block_in_place(|| server.terminate());

    // A second start seeds nothing new, and gives new passwords.
    let (server, printed) = tokio::task::block_in_place(|| Server::start_with(&data, &["--demo"]));
    let karen_again = printed
        .iter()
        .find(|l| l.contains("karen@demo.medspil.dk"))
        .unwrap();
    assert_ne!(karen_again.split_whitespace().nth(3).unwrap(), password);
    let url = tokio::task::block_in_place(|| db_url(&data.0));
    let mut conn = sqlx::PgConnection::connect(&url).await.unwrap();
    let (salons, people): (i64, i64) =
        sqlx::query_as("SELECT (SELECT count(*) FROM salons), (SELECT count(*) FROM users)")
            .fetch_one(&mut conn)
            .await
            .unwrap();
    assert_eq!((salons, people), (7, 12));
    let states: Vec<String> =
        sqlx::query_scalar("SELECT DISTINCT status::text FROM salons ORDER BY 1")
            .fetch_all(&mut conn)
            .await
            .unwrap();
    assert_eq!(
        states,
        ["cancelled", "closed", "draft", "held", "published"]
    );
    let invitation_states: Vec<String> =
        sqlx::query_scalar("SELECT DISTINCT status::text FROM invitations ORDER BY 1")
            .fetch_all(&mut conn)
            .await
            .unwrap();
    assert_eq!(
        invitation_states,
        ["accepted", "declined", "open", "proposed", "withdrawn"],
        "the demo shows invitations in every state"
    );
    let agreement_states: Vec<String> =
        sqlx::query_scalar("SELECT DISTINCT status::text FROM agreements ORDER BY 1")
            .fetch_all(&mut conn)
            .await
            .unwrap();
    assert_eq!(
        agreement_states,
        ["agreed", "done", "in_progress", "proposed", "refused"],
        "the closed salon's next steps are in several states"
    );
    // One decision with two salons about it, and one decided with its outcome.
    let decisions: Vec<(String, i64, bool)> = sqlx::query_as(
        "SELECT d.status::text, count(sd.salon_id), d.outcome <> '' AND d.minutes_url <> ''
         FROM decisions d LEFT JOIN salon_decisions sd ON sd.decision_id = d.id
         GROUP BY d.id ORDER BY 1 DESC",
    )
    .fetch_all(&mut conn)
    .await
    .unwrap();
    assert_eq!(
        decisions,
        [
            ("upcoming".to_string(), 2, false),
            ("decided".to_string(), 1, true)
        ]
    );
    // A salon with a co-host, who said yes to the host's invitation.
    let (hosts, accepted): (i64, i64) = sqlx::query_as(
        "SELECT (SELECT count(*) FROM salon_hosts h JOIN salons s ON s.id = h.salon_id
                 WHERE s.title = 'Mere liv i Ry bymidte'),
                (SELECT count(*) FROM cohost_invitations WHERE status = 'accepted')",
    )
    .fetch_one(&mut conn)
    .await
    .unwrap();
    assert_eq!((hosts, accepted), (2, 1));
    // A moderator with one report waiting.
    let (moderators, waiting): (i64, i64) = sqlx::query_as(
        "SELECT (SELECT count(*) FROM platform_moderators),
                (SELECT count(*) FROM moderation_items WHERE needs_review)",
    )
    .fetch_one(&mut conn)
    .await
    .unwrap();
    assert_eq!((moderators, waiting), (1, 1));
    conn.close().await.unwrap();
    tokio::task::block_in_place(|| server.terminate());

    // A data folder with real data is refused, and so is DATABASE_URL.
    let real = DataDir::new();
    tokio::task::block_in_place(|| Server::start(&real).terminate());
    let out = Command::new(env!("CARGO_BIN_EXE_medspil"))
        .arg("--demo")
        .env_remove("DATABASE_URL")
        .env("MEDSPIL_DATA_DIR", &real.0)
        .env("MEDSPIL_BIND", "127.0.0.1:0")
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("not demo data"));
    let out = Command::new(env!("CARGO_BIN_EXE_medspil"))
        .arg("--demo")
        .env("DATABASE_URL", "postgres://someone@db.example/medspil")
        .env("MEDSPIL_BIND", "127.0.0.1:0")
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("unset DATABASE_URL"));
}

/// The demo, started once, for the checks of its content.
async fn demo() -> (DataDir, Server, sqlx::PgConnection) {
    let data = DataDir::new();
    let (server, _) = tokio::task::block_in_place(|| Server::start_with(&data, &["--demo"]));
    let url = tokio::task::block_in_place(|| db_url(&data.0));
    let conn = sqlx::PgConnection::connect(&url).await.unwrap();
    (data, server, conn)
}

/// A demo salon as stored.
#[derive(sqlx::FromRow)]
struct DemoSalon {
    id: uuid::Uuid,
    slug: String,
    title: String,
    status: String,
    municipality: String,
    citizens: i32,
    municipal: i32,
}

async fn demo_salons(conn: &mut sqlx::PgConnection) -> Vec<DemoSalon> {
    sqlx::query_as(
        "SELECT s.id, s.slug, s.title, s.status::text AS status, m.slug AS municipality,
                s.citizens_registered AS citizens, s.municipal_registered AS municipal
         FROM salons s JOIN municipalities m ON m.code = s.municipality_code ORDER BY s.title",
    )
    .fetch_all(conn)
    .await
    .unwrap()
}

async fn sessions_of(
    conn: &mut sqlx::PgConnection,
    salon: uuid::Uuid,
) -> Vec<(chrono::DateTime<chrono::Utc>, chrono::DateTime<chrono::Utc>)> {
    sqlx::query_as(
        "SELECT starts_at, ends_at FROM salon_sessions WHERE salon_id = $1 ORDER BY starts_at",
    )
    .bind(salon)
    .fetch_all(conn)
    .await
    .unwrap()
}

/// The text of the first element `selector` matches, whitespace collapsed ("" if none).
fn first_text(html: &str, selector: &str) -> String {
    let html = scraper::Html::parse_document(html);
    crate::helpers::texts(&html, selector)
        .into_iter()
        .next()
        .unwrap_or_default()
        .replace(['\u{2068}', '\u{2069}'], "")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_demo_salon_s_page_calendar_and_municipal_record_agree_with_what_was_seeded() {
    use chrono::Datelike;
    use chrono_tz::Europe::Copenhagen;

    let (_data, server, mut conn) = demo().await;
    let mut municipal_guests = std::collections::HashMap::<String, i32>::new();
    for s in demo_salons(&mut conn).await {
        let path = format!("/salons/{}-{}", s.id, s.slug);
        let (status, page) = server.get(&path).await;
        if s.status == "draft" {
            assert_eq!(status, 404, "a draft is its hosts' only: {}", s.title);
            continue;
        }
        assert_eq!(status, 200, "{}", s.title);
        assert!(page.contains(&s.title), "{}", s.title);
        let sessions = sessions_of(&mut conn, s.id).await;
        // The page lists every session, and says how many come: the seeded counts.
        let listed = scraper::Html::parse_document(&page);
        let items = crate::helpers::texts(&listed, ".salon-sessions li");
        assert_eq!(items.len(), sessions.len(), "{}: {items:?}", s.title);
        let turnout = first_text(&page, ".turnout");
        if s.status != "cancelled" {
            assert!(
                turnout.contains(&format!("{} borger", s.citizens)),
                "{}: {turnout:?} for {} citizens",
                s.title,
                s.citizens
            );
            assert_eq!(
                turnout.contains(&format!("{} fra kommunen", s.municipal)),
                s.municipal > 0,
                "{}: {turnout:?} for {} from the municipality",
                s.title,
                s.municipal
            );
        }
        *municipal_guests.entry(s.municipality.clone()).or_default() += s.municipal;
        // Its calendar file has the same sessions at the same times.
        let (status, ics) = server.get(&format!("{path}/calendar.ics")).await;
        assert_eq!(status, 200, "{}", s.title);
        let events = crate::helpers::ics::events(&ics);
        assert_eq!(events.len(), sessions.len(), "{}: {ics}", s.title);
        for (event, (starts, _)) in events.iter().zip(&sessions) {
            let start = crate::helpers::ics::prop(event, "DTSTART").unwrap_or_default();
            let utc = starts.format("%Y%m%dT%H%M%SZ").to_string();
            let local = starts
                .with_timezone(&Copenhagen)
                .format("%Y%m%dT%H%M%S")
                .to_string();
            assert!(
                start == utc || start == local,
                "{}: DTSTART {start} for {starts}",
                s.title
            );
        }
        // Dates fit the titles and texts: the series meets on Tuesdays, the square and the
        // walk by the lake on Saturdays.
        let weekday = |t: &chrono::DateTime<chrono::Utc>| t.with_timezone(&Copenhagen).weekday();
        if s.title.contains("tirsdage") {
            assert_eq!(sessions.len(), 3);
            assert!(
                sessions
                    .iter()
                    .all(|(t, _)| weekday(t) == chrono::Weekday::Tue)
            );
        }
        if s.title.contains("Ry Torv") || s.title.contains("Naturpark") {
            assert!(
                sessions
                    .iter()
                    .all(|(t, _)| weekday(t) == chrono::Weekday::Sat)
            );
        }
    }
    // Every yes in a municipality's record is a guest from it on a salon's page.
    for (municipality, guests) in municipal_guests {
        let (status, page) = server.get(&format!("/municipalities/{municipality}")).await;
        assert_eq!(status, 200);
        let accepted: i32 = first_text(&page, ".record-accepted").parse().unwrap_or(0);
        assert_eq!(accepted, guests, "{municipality}");
    }
    // The closed salon's summary counts those the page counts.
    let (summary, citizens): (String, i32) =
        sqlx::query_as("SELECT summary, citizens_registered FROM salons WHERE status = 'closed'")
            .fetch_one(&mut conn)
            .await
            .unwrap();
    assert_eq!(citizens, 3);
    assert!(summary.starts_with("Vi var tre borgere"), "{summary}");
    conn.close().await.unwrap();
    tokio::task::block_in_place(|| server.terminate());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_demo_salon_has_the_held_reminder_and_summary_jobs_a_real_salon_has() {
    let (_data, server, mut conn) = demo().await;
    // (kind, due, done) of the jobs about one salon.
    async fn jobs_of(
        conn: &mut sqlx::PgConnection,
        salon: uuid::Uuid,
    ) -> Vec<(String, chrono::DateTime<chrono::Utc>, bool)> {
        sqlx::query_as(
            "SELECT kind, run_at, done_at IS NOT NULL FROM jobs
             WHERE payload->>'salon' = $1::text ORDER BY run_at",
        )
        .bind(salon)
        .fetch_all(conn)
        .await
        .unwrap()
    }
    let now = chrono::Utc::now();
    for s in demo_salons(&mut conn).await {
        let jobs = jobs_of(&mut conn, s.id).await;
        let sessions = sessions_of(&mut conn, s.id).await;
        let last_end = sessions.iter().map(|(_, end)| *end).max().unwrap();
        let held: Vec<_> = jobs.iter().filter(|j| j.0 == "salon.held").collect();
        let reminders: Vec<_> = jobs
            .iter()
            .filter(|j| j.0 == "salon.remind-session")
            .collect();
        let summary_reminders = jobs
            .iter()
            .filter(|j| j.0 == "salon.summary-reminder")
            .count();
        match s.status.as_str() {
            "draft" => assert!(jobs.is_empty(), "{}: {jobs:?}", s.title),
            "published" => {
                // Ahead: held when its last session ends, reminders before each session,
                // waiting for the real worker.
                assert_eq!(held.len(), 1, "{}: {jobs:?}", s.title);
                assert_eq!(held[0].1, last_end, "{}", s.title);
                assert!(!held[0].2, "{}", s.title);
                assert!(last_end > now);
                assert!(!reminders.is_empty(), "{}: {jobs:?}", s.title);
                assert!(reminders.iter().all(|r| !r.2 && r.1 > now), "{}", s.title);
                assert_eq!(summary_reminders, 0, "{}", s.title);
            }
            "held" | "closed" => {
                // Behind: the held job ran when it ended, the reminders ran before it, and the
                // hosts were reminded to write the summary.
                assert_eq!(held.len(), 1, "{}: {jobs:?}", s.title);
                assert!(held[0].2, "{}: the held job ran", s.title);
                assert!(!reminders.is_empty(), "{}: {jobs:?}", s.title);
                assert!(reminders.iter().all(|r| r.2), "{}: {jobs:?}", s.title);
                assert_eq!(summary_reminders, 2, "{}: {jobs:?}", s.title);
            }
            "cancelled" => {
                assert_eq!(summary_reminders, 0, "{}", s.title);
            }
            other => panic!("{}: unexpected status {other}", s.title),
        }
    }
    // Open invitations to the municipality are reminded as a real one is.
    let unreminded: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM invitations i JOIN salons s ON s.id = i.salon_id
         WHERE i.status = 'open' AND i.target <> 'email' AND s.status = 'published'
           AND NOT EXISTS (SELECT 1 FROM jobs j WHERE j.kind = 'invitation.remind'
                           AND j.payload->>'invitation' = i.id::text)",
    )
    .fetch_one(&mut conn)
    .await
    .unwrap();
    assert_eq!(unreminded, 0);
    conn.close().await.unwrap();
    tokio::task::block_in_place(|| server.terminate());
}
