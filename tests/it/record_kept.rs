//! The response record is read from lines the database keeps (`record_lines`), not counted
//! over every invitation per request. These tests drive the states the record's rules treat
//! differently over HTTP — accepted, declined, a question, a proposed time, passed on,
//! withdrawn, unanswered when the salon started, a draft's invitations, a cancelled salon
//! before and after a reply, a salon hidden by the moderators, a salon moved — and compare
//! what the pages and the API say with a recount by the record's former query over every
//! invitation, which stays here as the oracle.

use chrono::{DateTime, Duration, Months, Utc};
use medspil::invitations::kept::KeptRead;
use medspil::invitations::record::Record;
use reqwest::StatusCode;
use uuid::Uuid;

use crate::decisions::skanderborg_with_a_decision;
use crate::helpers::salons::{
    create_salon, date_in, post_form, publish, published_from, salon_form, set,
};
use crate::helpers::{PASSWORD, TestApp};
use crate::invitations::{invite, newest, worked_example};
use crate::moderation::{hide, item_of, moderator, report};

/// The record as it was counted per request before it was kept: every invitation of the
/// municipality joined to its salon. The test's oracle; the app no longer runs it.
const RECOUNT: &str = r#"
WITH counted AS (
    SELECT i.status::text AS status, i.sent_at, i.via_mailbox,
           i.typed_address AS typed,
           i.typed_address AND i.first_reply_at IS NOT NULL AS typed_reply,
           CASE WHEN i.typed_address THEN NULL ELSE i.first_reply_kind END AS first_reply_kind,
           s.first_starts_at,
           CASE WHEN proven.reply_at IS NOT NULL
                     AND (s.first_starts_at IS NULL OR proven.reply_at <= s.first_starts_at)
                THEN extract(epoch FROM proven.reply_at - i.sent_at)::float8
                WHEN s.first_starts_at <= $3 THEN 'Infinity'::float8
           END AS secs
    FROM invitations i JOIN salons s ON s.id = i.salon_id
    CROSS JOIN LATERAL (SELECT CASE WHEN i.typed_address THEN NULL
                                    ELSE i.first_reply_at END AS reply_at) proven
    WHERE i.municipality_code = $1 AND i.target <> 'email'
      AND i.sent_at > $4
      AND i.status <> 'withdrawn' AND s.hidden_reason IS NULL
      AND NOT i.awaits_publish AND s.status <> 'draft'
      AND NOT (s.status = 'cancelled'
               AND (proven.reply_at IS NULL OR proven.reply_at > s.cancelled_at))
      AND ($2::uuid IS NULL OR $2 = CASE WHEN proven.reply_at IS NOT NULL
                                         THEN i.first_reply_unit_id
                                         ELSE i.holder_unit_id END))
SELECT count(*) AS counted,
       count(*) FILTER (WHERE secs < 'Infinity') AS replied,
       count(*) FILTER (WHERE status = 'accepted' AND NOT typed) AS accepted,
       count(*) FILTER (WHERE status = 'declined' AND NOT typed) AS declined,
       count(*) FILTER (WHERE status = 'proposed'
                        OR (status = 'open' AND first_reply_kind = 'proposed')) AS proposed,
       count(*) FILTER (WHERE secs = 'Infinity') AS unanswered,
       count(*) FILTER (WHERE status IN ('open', 'proposed') AND first_starts_at > $3) AS open_now,
       count(*) FILTER (WHERE status IN ('open', 'proposed') AND first_starts_at > $3
                        AND sent_at < $3 - interval '14 days') AS open_old,
       percentile_disc(0.5) WITHIN GROUP (ORDER BY secs) FILTER (WHERE secs IS NOT NULL) AS median,
       percentile_disc(0.9) WITHIN GROUP (ORDER BY secs) FILTER (WHERE secs IS NOT NULL) AS p90,
       count(*) FILTER (WHERE via_mailbox AND NOT typed) AS by_email,
       count(*) FILTER (WHERE typed_reply) AS typed
FROM counted"#;

/// The figures both ways compare, in the API's words.
#[derive(Debug, PartialEq)]
struct Figures {
    counted: i64,
    replied: i64,
    accepted: i64,
    declined: i64,
    proposed: i64,
    unanswered: i64,
    open_now: i64,
    open_old: i64,
    by_email: i64,
    typed: i64,
    /// Seconds, or "unanswered", or "none".
    median: String,
    p90: String,
}

fn time(secs: Option<f64>) -> String {
    match secs {
        None => "none".into(),
        Some(s) if s.is_infinite() => "unanswered".into(),
        Some(s) => format!("{s:.0}"),
    }
}

async fn recount(app: &TestApp, unit: Option<Uuid>, now: DateTime<Utc>) -> Figures {
    use sqlx::Row;
    let since = now.checked_sub_months(Months::new(12)).unwrap();
    let r = sqlx::query(RECOUNT)
        .bind("0746")
        .bind(unit)
        .bind(now)
        .bind(since)
        .fetch_one(&app.db)
        .await
        .unwrap();
    let n = |c: &str| r.get::<i64, _>(c);
    Figures {
        counted: n("counted"),
        replied: n("replied"),
        accepted: n("accepted"),
        declined: n("declined"),
        proposed: n("proposed"),
        unanswered: n("unanswered"),
        open_now: n("open_now"),
        open_old: n("open_old"),
        by_email: n("by_email"),
        typed: n("typed"),
        median: time(r.get("median")),
        p90: time(r.get("p90")),
    }
}

/// What the open API says, from the kept lines.
async fn shown(app: &TestApp, path: &str) -> Figures {
    let r = app.browser().get(path).await;
    assert_eq!(r.status, StatusCode::OK, "{path}: {}", r.body);
    let v: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    let i = &v["invitations"];
    let n = |c: &str| i[c].as_i64().unwrap_or_else(|| panic!("{c} in {}", r.body));
    let t = |c: &str| {
        if i[c]["unanswered"] == true {
            "unanswered".to_string()
        } else {
            time(i[c]["seconds"].as_f64())
        }
    };
    Figures {
        counted: n("counted"),
        replied: n("replied"),
        accepted: n("accepted"),
        declined: n("declined"),
        proposed: n("proposed"),
        unanswered: n("unanswered"),
        open_now: n("open_now"),
        open_old: n("open_old"),
        by_email: n("by_email"),
        typed: n("typed_address_answers"),
        median: t("median"),
        p90: t("p90"),
    }
}

/// Decisions whose kept counts of public salons (0034) and of those before the meeting day
/// (0063) differ from a count of their links, as the record counted them per request, or
/// whose kept committee name (0077) is not their committee's name.
pub(crate) async fn decisions_not_kept(app: &TestApp) -> Vec<String> {
    sqlx::query_scalar(
        "SELECT d.id::text FROM decisions d
         CROSS JOIN LATERAL (
             SELECT count(*)::int AS public,
                    (count(*) FILTER (WHERE s.first_starts_at
                        < (d.meeting_on::timestamp AT TIME ZONE 'Europe/Copenhagen')))::int
                        AS before
             FROM salon_decisions sd JOIN salons s ON s.id = sd.salon_id
             WHERE sd.decision_id = d.id AND s.visibility = 'public'
               AND s.hidden_reason IS NULL AND s.status IN ('published', 'held', 'closed')) k
         WHERE (d.public_salons, d.salons_before_meeting) IS DISTINCT FROM (k.public, k.before)
            OR d.committee_name IS DISTINCT FROM (SELECT c.name FROM units c
                                                  WHERE c.id = d.committee_id)",
    )
    .fetch_all(&app.db)
    .await
    .unwrap()
}

/// Invitations whose kept copy of their salon's listed start and end (0073) differs from the
/// salon's, and units whose walk of those copies finds other salons, in another order, than
/// looking every invitation's salon up (the unit page's former statement).
pub(crate) async fn invited_not_kept(app: &TestApp) -> Vec<String> {
    sqlx::query_scalar(
        "(SELECT 'invitation ' || i.id FROM invitations i JOIN salons s ON s.id = i.salon_id
          CROSS JOIN LATERAL (SELECT s.visibility = 'public' AND s.status = 'published'
                                     AND s.hidden_reason IS NULL AS listed) l
          WHERE (i.salon_listed_from, i.salon_listed_until) IS DISTINCT FROM
                (CASE WHEN l.listed THEN s.first_starts_at END,
                 CASE WHEN l.listed THEN s.last_starts_at END))
         UNION ALL
         (SELECT 'unit ' || u.id FROM units u
          CROSS JOIN LATERAL (
              SELECT array(SELECT s.id FROM salons s
                           WHERE s.id IN (SELECT i.salon_id FROM invitations i
                                          WHERE (i.holder_unit_id = u.id
                                                 OR i.first_reply_unit_id = u.id)
                                            AND i.status <> 'withdrawn')
                             AND s.visibility = 'public' AND s.status = 'published'
                             AND s.hidden_reason IS NULL AND s.last_starts_at >= $1
                           ORDER BY s.first_starts_at, s.id LIMIT 20) AS looked_up,
                     array(SELECT k.salon_id
                           FROM ((SELECT i.salon_listed_from, i.salon_id FROM invitations i
                                  WHERE i.holder_unit_id = u.id AND i.status <> 'withdrawn'
                                    AND i.salon_listed_until >= $1)
                                 UNION
                                 (SELECT i.salon_listed_from, i.salon_id FROM invitations i
                                  WHERE i.first_reply_unit_id = u.id AND i.status <> 'withdrawn'
                                    AND i.salon_listed_until >= $1)) k
                           ORDER BY k.salon_listed_from, k.salon_id LIMIT 20) AS walked) c
          WHERE c.looked_up <> c.walked)",
    )
    .bind(app.clock.now())
    .fetch_all(&app.db)
    .await
    .unwrap()
}

/// Kept month rows (`record_months`, migration 0096) that differ from their definition
/// (`record_months_counted`, the lines grouped by Copenhagen month sent), for every key with
/// lines or with kept rows.
pub(crate) async fn months_not_kept(app: &TestApp) -> Vec<String> {
    sqlx::query_scalar(
        "WITH keys AS (SELECT municipality_code AS k FROM record_lines
                       UNION SELECT unit_id::text FROM record_lines WHERE unit_id IS NOT NULL
                       UNION SELECT key FROM record_months)
         SELECT 'kept ' || r.key || ' ' || r.month_start FROM
             (SELECT * FROM record_months
              EXCEPT ALL
              SELECT f.* FROM keys CROSS JOIN LATERAL record_months_counted(keys.k) f) r
         UNION ALL
         SELECT 'counted ' || c.key || ' ' || c.month_start FROM
             (SELECT f.* FROM keys CROSS JOIN LATERAL record_months_counted(keys.k) f
              EXCEPT ALL
              SELECT * FROM record_months) c",
    )
    .fetch_all(&app.db)
    .await
    .unwrap()
}

/// Every municipality with invitations and each of its units (`keys`), at every clock where a
/// figure can change (`clocks`) — each line's 14 days after sending, its salon's start, its 12
/// months and the weekly mail's 30 days running out, every Copenhagen month edge from the first
/// invitation to 14 months after `$1` (the changes to and from summer time among them), and
/// `$1` — a second either side of each.
const KEYS_AND_CLOCKS: &str = "WITH edges AS (
             SELECT i.sent_at + interval '14 days' AS t FROM invitations i
             UNION SELECT (i.sent_at AT TIME ZONE 'UTC' + interval '12 months') AT TIME ZONE 'UTC'
                   FROM invitations i
             UNION SELECT i.sent_at + interval '30 days' FROM invitations i
             UNION SELECT s.first_starts_at FROM salons s WHERE s.first_starts_at IS NOT NULL
             UNION SELECT m AT TIME ZONE 'Europe/Copenhagen'
                   FROM generate_series(
                       (SELECT date_trunc('month', min(sent_at) AT TIME ZONE 'Europe/Copenhagen')
                        FROM invitations),
                       date_trunc('month', $1 AT TIME ZONE 'Europe/Copenhagen')
                           + interval '14 months',
                       interval '1 month') m
             UNION SELECT $1),
         clocks AS (
             SELECT DISTINCT e.t + d.d AS now FROM edges e
             CROSS JOIN (VALUES (interval '-1 second'), (interval '0'), (interval '1 second')) d(d)),
         keys AS (
             SELECT m.code, NULL::uuid AS unit FROM municipalities m
             WHERE m.code IN (SELECT municipality_code FROM invitations)
             UNION ALL
             SELECT u.municipality_code, u.id FROM units u
             WHERE u.municipality_code IN (SELECT municipality_code FROM invitations)),\n";

/// The cases where `record_columns` (read from the kept months, 0096) is not the value the
/// record's reference `record_figures` (0064) gives, as `record_columns` was built from it
/// (0084): for every municipality with invitations and each of its units, at every clock
/// where a figure can change — each line's 14 days after sending, its salon's start, its 12
/// months and the weekly mail's 30 days running out, every Copenhagen month edge from the first
/// invitation to 14 months after `now` (the changes to and from summer time among them), and
/// `now` — a second either side of each, with the chart's months, without them (the CSV, the
/// API) and over the mail's 30 days.
pub(crate) async fn columns_not_kept(app: &TestApp) -> Vec<String> {
    sqlx::query_scalar(&format!(
        "{KEYS_AND_CLOCKS}
         cases AS (
             SELECT k.code, k.unit, c.now, p.since, p.months_from
             FROM keys k CROSS JOIN clocks c
             CROSS JOIN LATERAL (VALUES
                 ((c.now AT TIME ZONE 'UTC' - interval '12 months') AT TIME ZONE 'UTC',
                  (date_trunc('month', c.now AT TIME ZONE 'Europe/Copenhagen')
                   - interval '11 months') AT TIME ZONE 'Europe/Copenhagen'),
                 ((c.now AT TIME ZONE 'UTC' - interval '12 months') AT TIME ZONE 'UTC',
                  NULL::timestamptz),
                 (c.now - interval '30 days', NULL::timestamptz)) p(since, months_from))
         SELECT c.code || ' ' || coalesce(c.unit::text, '-') || ' at ' || c.now
                || ' since ' || c.since || ' months ' || coalesce(c.months_from::text, '-')
         FROM cases c
         WHERE record_columns(c.code, c.unit, c.now, c.since, c.months_from)
               IS DISTINCT FROM
               (SELECT row(array_agg(f.whole), array_agg(f.month), array_agg(f.counted),
                           array_agg(f.replied), array_agg(f.accepted), array_agg(f.declined),
                           array_agg(f.proposed), array_agg(f.unanswered),
                           array_agg(f.open_now), array_agg(f.open_old), array_agg(f.median),
                           array_agg(f.p90), array_agg(f.by_email), array_agg(f.typed),
                           array_agg(f.passed_on), array_agg(f.decisions),
                           array_agg(f.decisions_with_salons))::record_columns
                FROM record_figures(c.code, c.unit, c.now, c.since, c.months_from) f)
         ORDER BY 1 LIMIT 20"
    ))
    .bind(app.clock.now())
    .fetch_all(&app.db)
    .await
    .unwrap()
}

/// The record's reference (`record_figures`, 0064): the whole period's row.
const REFERENCE: &str = "SELECT f.counted, f.replied, f.accepted, f.declined, f.proposed,
                                f.unanswered, f.open_now, f.open_old, f.median, f.p90,
                                f.by_email, f.typed, f.passed_on, f.decisions,
                                f.decisions_with_salons
                         FROM record_figures($1, $2, $3, $4, NULL) f WHERE f.whole";

fn reference(r: &sqlx::postgres::PgRow) -> Record {
    use sqlx::Row;
    Record {
        counted: r.get("counted"),
        replied: r.get("replied"),
        accepted: r.get("accepted"),
        declined: r.get("declined"),
        proposed: r.get("proposed"),
        unanswered: r.get("unanswered"),
        open_now: r.get("open_now"),
        open_old: r.get("open_old"),
        median: r.get("median"),
        p90: r.get("p90"),
        passed_on: r.get("passed_on"),
        by_email: r.get("by_email"),
        typed: r.get("typed"),
        decisions: r.get("decisions"),
        decisions_with_salons: r.get("decisions_with_salons"),
    }
}

/// The cases where the record the server computes from the kept months (`invitations::kept`,
/// what the CSV says: `record_kept_read`, 0097, read and summed in Rust) is not the whole
/// period's row of `record_figures`: every key at every clock of [`KEYS_AND_CLOCKS`], over the
/// CSV's 12 months and over the mail's 30 days.
pub(crate) async fn computed_not_kept(app: &TestApp) -> Vec<String> {
    use sqlx::Row;
    let rows = sqlx::query(&format!(
        "{KEYS_AND_CLOCKS}
         cases AS (
             SELECT k.code, k.unit, c.now, p.since
             FROM keys k CROSS JOIN clocks c
             CROSS JOIN LATERAL (VALUES
                 ((c.now AT TIME ZONE 'UTC' - interval '12 months') AT TIME ZONE 'UTC'),
                 (c.now - interval '30 days')) p(since))
         SELECT c.code, c.unit, c.now, c.since,
                record_kept_read(c.code, c.unit, c.now, c.since) AS kept,
                f.counted, f.replied, f.accepted, f.declined, f.proposed, f.unanswered,
                f.open_now, f.open_old, f.median, f.p90, f.by_email, f.typed, f.passed_on,
                f.decisions, f.decisions_with_salons
         FROM cases c
         CROSS JOIN LATERAL record_figures(c.code, c.unit, c.now, c.since, NULL) f
         WHERE f.whole
         ORDER BY c.code, c.unit, c.now, c.since"
    ))
    .bind(app.clock.now())
    .fetch_all(&app.db)
    .await
    .unwrap();
    assert!(rows.len() > 100, "the oracle's cases: {}", rows.len());
    let mut differing = Vec::new();
    for r in &rows {
        let now: DateTime<Utc> = r.get("now");
        let kept: KeptRead = r.try_get_unchecked("kept").unwrap();
        let computed = kept.record(now, r.get("since"));
        let expected = reference(r);
        if computed != expected {
            differing.push(format!(
                "{} {:?} at {now} since {}: computed {computed:?}, record_figures {expected:?}",
                r.get::<String, _>("code"),
                r.get::<Option<Uuid>, _>("unit"),
                r.get::<DateTime<Utc>, _>("since"),
            ));
        }
    }
    differing.truncate(5);
    differing
}

/// The CSV's figures as the server sends them (key → value), over HTTP at the app's clock.
async fn csv_figures(app: &TestApp, path: &str) -> Vec<(String, String)> {
    let r = app.browser().get(path).await;
    assert_eq!(r.status, StatusCode::OK, "{path}: {}", r.body);
    r.body
        .trim_start_matches('\u{feff}')
        .lines()
        .skip(1)
        .map(|l| {
            let (key, rest) = l.split_once(';').unwrap();
            let (_, value) = rest.rsplit_once(';').unwrap();
            // every cell is quoted
            (
                key.trim_matches('"').to_string(),
                value.trim_matches('"').to_string(),
            )
        })
        .filter(|(k, _)| !k.starts_with("period_") && !k.starts_with("next_steps_"))
        .collect()
}

/// What the CSV must say of the record's figures: `record_figures`' whole period at `now`.
async fn csv_expected(
    app: &TestApp,
    unit: Option<Uuid>,
    now: DateTime<Utc>,
) -> Vec<(String, String)> {
    let since = now.checked_sub_months(Months::new(12)).unwrap();
    let r = sqlx::query(REFERENCE)
        .bind("0746")
        .bind(unit)
        .bind(now)
        .bind(since)
        .fetch_one(&app.db)
        .await
        .unwrap();
    let r = reference(&r);
    let cell = |s: Option<f64>| match s {
        None => String::new(),
        Some(s) if s.is_infinite() => "unanswered".to_string(),
        Some(s) => format!("{}", s.round() as i64),
    };
    let mut v = vec![
        ("counted", r.counted.to_string()),
        ("replied", r.replied.to_string()),
        ("accepted", r.accepted.to_string()),
        ("declined", r.declined.to_string()),
        ("proposed", r.proposed.to_string()),
        ("unanswered", r.unanswered.to_string()),
        ("open_now", r.open_now.to_string()),
        ("open_over_14_days", r.open_old.to_string()),
        ("median_seconds", cell(r.median)),
        ("p90_seconds", cell(r.p90)),
        ("typed_address_replies", r.typed.to_string()),
        ("sent_by_email", r.by_email.to_string()),
    ];
    if let Some(n) = r.passed_on {
        v.push(("passed_on", n.to_string()));
    }
    v.push(("decisions", r.decisions.to_string()));
    v.push(("decisions_with_salons", r.decisions_with_salons.to_string()));
    v.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
}

/// The kept lines are exactly what the record's definition gives now, the months kept from
/// them too, the record read from the months is `record_figures`' at every clock where a figure
/// changes, and the municipality's and unit's figures equal the recount; the salons a unit is
/// invited to are kept too.
async fn agree(app: &TestApp, unit: (Uuid, &str), when: &str) {
    assert_eq!(
        decisions_not_kept(app).await,
        Vec::<String>::new(),
        "{when}: decisions"
    );
    assert_eq!(
        invited_not_kept(app).await,
        Vec::<String>::new(),
        "{when}: the salons units are invited to"
    );
    let stale: Vec<String> = sqlx::query_scalar(
        "(SELECT invitation_id::text FROM (SELECT * FROM record_lines
                                            EXCEPT SELECT * FROM invitation_record_lines) k)
         UNION ALL
         (SELECT invitation_id::text FROM (SELECT * FROM invitation_record_lines
                                            EXCEPT SELECT * FROM record_lines) v)",
    )
    .fetch_all(&app.db)
    .await
    .unwrap();
    assert!(stale.is_empty(), "{when}: lines not kept: {stale:?}");
    assert_eq!(
        months_not_kept(app).await,
        Vec::<String>::new(),
        "{when}: the months kept"
    );
    assert_eq!(
        columns_not_kept(app).await,
        Vec::<String>::new(),
        "{when}: the record read from the kept months"
    );
    assert_eq!(
        computed_not_kept(app).await,
        Vec::<String>::new(),
        "{when}: the record computed on the server from the kept months"
    );
    let now = app.clock.now();
    assert_eq!(
        csv_figures(app, "/municipalities/skanderborg/record.csv").await,
        csv_expected(app, None, now).await,
        "{when}: the municipality's CSV"
    );
    assert_eq!(
        csv_figures(
            app,
            &format!("/municipalities/skanderborg/units/{}/record.csv", unit.1)
        )
        .await,
        csv_expected(app, Some(unit.0), now).await,
        "{when}: the unit's CSV"
    );
    assert_eq!(
        shown(app, "/api/v1/municipalities/skanderborg/record").await,
        recount(app, None, now).await,
        "{when}: the municipality"
    );
    assert_eq!(
        shown(app, &format!("/api/v1/units/skanderborg/{}/record", unit.1)).await,
        recount(app, Some(unit.0), now).await,
        "{when}: the unit"
    );
}

#[tokio::test]
async fn the_kept_record_says_what_a_recount_of_every_invitation_says() {
    let (s, slug) = worked_example().await;
    let unit: Uuid = s.unit.parse().unwrap();
    let unit = (unit, slug.as_str());
    agree(&s.app, unit, "the worked example, day 11").await;
    // The host takes F's proposed time: F's salon moves, and its line with it.
    let (f, f_path): (String, String) = sqlx::query_as(
        "SELECT i.id::text, '/salons/' || s.id || '-' || s.slug FROM invitations i
         JOIN salons s ON s.id = i.salon_id WHERE i.status = 'proposed'",
    )
    .fetch_one(&s.app.db)
    .await
    .unwrap();
    let r = s
        .host
        .post(
            &format!("{f_path}/invitations/{f}/proposal"),
            &[("decision", "accept")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    agree(&s.app, unit, "a proposed time taken").await;
    let target = format!("unit:{}", s.unit);
    let ok = |r: crate::helpers::browser::Response, what: &str| {
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{what}: {}", r.body)
    };

    // A draft invites the unit: nothing counts until it is published, timed from then.
    let draft = create_salon(
        &s.host,
        &set(
            salon_form(&s.app, "Kladden", Some(20)),
            "session-0-date",
            &date_in(&s.app, 40),
        ),
    )
    .await;
    ok(
        invite(&s.host, &draft, &target, "").await,
        "invite from a draft",
    );
    agree(&s.app, unit, "a draft's invitation").await;
    s.app.clock.advance(Duration::days(1));
    publish(&s.host, &draft).await;
    agree(&s.app, unit, "the draft published").await;

    // Two salons: one is cancelled before any reply (it no longer counts), the other after
    // it was accepted (it still does).
    let form = |title: &str| {
        set(
            salon_form(&s.app, title, Some(20)),
            "session-0-date",
            &date_in(&s.app, 20),
        )
    };
    let quiet = published_from(&s.host, &form("Aflyst uden svar")).await;
    ok(invite(&s.host, &quiet, &target, "").await, "invite");
    let answered = published_from(&s.host, &form("Aflyst efter svar")).await;
    ok(invite(&s.host, &answered, &target, "").await, "invite");
    let answered_id = newest(&s.app, &answered).await;
    s.app.clock.advance(Duration::days(2));
    ok(
        s.olga
            .post(
                &format!("/inbox/{answered_id}/accept"),
                &[("comers", s.olga_role.as_str())],
            )
            .await,
        "accept",
    );
    agree(&s.app, unit, "before the cancellations").await;
    for salon in [&quiet, &answered] {
        ok(
            s.host
                .post(
                    &format!("{}/cancel", salon.path),
                    &[("message", "Vi må desværre aflyse.")],
                )
                .await,
            "cancel",
        );
    }
    agree(&s.app, unit, "two salons cancelled").await;

    // The moderators hide a salon: its invitation leaves the record.
    let spam = published_from(&s.host, &form("Skjult af moderatorerne")).await;
    ok(invite(&s.host, &spam, &target, "").await, "invite");
    agree(&s.app, unit, "before hiding").await;
    let nina = s.app.verified_person("Nina Nabo", "nina@example.dk").await;
    report(&nina, &format!("{}/report", spam.path), "spam").await;
    let mona = moderator(&s.app).await;
    hide(&mona, &item_of(&s.app).await, "Reklame.").await;
    agree(&s.app, unit, "a salon hidden").await;

    // Time passes: salons start unanswered, invitations grow old, and the first months fall
    // out of the 12 (the lines do not change; what the record reads of them does).
    for days in [9, 30, 400] {
        s.app.clock.advance(Duration::days(days));
        agree(&s.app, unit, &format!("{days} days later")).await;
    }
}

/// The record's decisions with a salon before them: the count kept on each decision follows
/// the salon's start and the meeting day, and the record says what counting the links says.
#[tokio::test]
async fn the_decisions_with_a_salon_before_them_follow_the_salon_and_the_meeting_day() {
    let app = TestApp::spawn().await;
    let (_admin, _olga, _pia, path) = skanderborg_with_a_decision(&app).await;
    let id = path.rsplit('/').next().unwrap().to_string();
    let host = app.verified_person("Carl Borger", "carl@example.dk").await;
    // Four days ahead, the meeting in 30: before it.
    let salon = create_salon(
        &host,
        &set(salon_form(&app, "Stien og os", None), "decision", &id),
    )
    .await;
    publish(&host, &salon).await;
    let kept = |app: &TestApp| {
        let db = app.db.clone();
        let id = id.clone();
        async move {
            let (all, before): (i32, i32) = sqlx::query_as(
                "SELECT public_salons, salons_before_meeting FROM decisions WHERE id = $1::uuid",
            )
            .bind(&id)
            .fetch_one(&db)
            .await
            .unwrap();
            (all, before)
        }
    };
    assert_eq!(
        kept(&app).await,
        (1, 1),
        "linked and published before the meeting"
    );
    assert_eq!(decisions_not_kept(&app).await, Vec::<String>::new());

    // The meeting moves to the salon's own day: the salon no longer came before it.
    sqlx::query(
        "UPDATE decisions SET meeting_on = (
             SELECT (s.first_starts_at AT TIME ZONE 'Europe/Copenhagen')::date
             FROM salons s JOIN salon_decisions sd ON sd.salon_id = s.id
             WHERE sd.decision_id = $1::uuid)
         WHERE id = $1::uuid",
    )
    .bind(&id)
    .execute(&app.db)
    .await
    .unwrap();
    assert_eq!(kept(&app).await, (1, 0), "the meeting day moved");
    assert_eq!(decisions_not_kept(&app).await, Vec::<String>::new());
    // And back; then the salon moves past the meeting.
    sqlx::query("UPDATE decisions SET meeting_on = meeting_on + 26 WHERE id = $1::uuid")
        .bind(&id)
        .execute(&app.db)
        .await
        .unwrap();
    assert_eq!(kept(&app).await, (1, 1), "the meeting day moved back");
    sqlx::query("UPDATE salons SET first_starts_at = first_starts_at + interval '60 days'")
        .execute(&app.db)
        .await
        .unwrap();
    assert_eq!(kept(&app).await, (1, 0), "the salon moved past the meeting");
    assert_eq!(decisions_not_kept(&app).await, Vec::<String>::new());
    sqlx::query("UPDATE salons SET first_starts_at = first_starts_at - interval '60 days'")
        .execute(&app.db)
        .await
        .unwrap();

    // On the meeting day the outcome is recorded: the record counts one decision, with a salon.
    app.clock.advance(Duration::days(30));
    // Her session ran out with the 30 days.
    let olga = app.signed_in("olga@skanderborg.dk").await;
    let r = olga
        .post(
            &format!("{path}/outcome"),
            &[
                ("outcome", "Udvalget valgte linjeføringen tæt på vandet."),
                ("minutes_url", "https://skanderborg.dk/dagsordener/klima/42"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let r = app
        .browser()
        .get("/api/v1/municipalities/skanderborg/record")
        .await;
    let v: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!(v["decisions"]["came_up"], 1, "{}", r.body);
    assert_eq!(v["decisions"]["with_salons"], 1, "{}", r.body);
}

/// The months kept per municipality and unit (0096) follow what the other test does not do: a
/// salon moved in time and to another municipality, two answers in two months committed at
/// the same time, a unit renamed, the official who answered and the host deleting
/// their accounts; after each, the kept rows and the record read from them are what the
/// record's definition says at every clock (`agree`).
#[tokio::test]
async fn the_kept_months_follow_salons_moved_units_renamed_and_people_deleted() {
    let (s, slug) = worked_example().await;
    let unit: Uuid = s.unit.parse().unwrap();
    let target = format!("unit:{}", s.unit);
    let ok = |r: crate::helpers::browser::Response, what: &str| {
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{what}: {}", r.body)
    };
    let form = |title: &str, days: i64| {
        set(
            salon_form(&s.app, title, Some(20)),
            "session-0-date",
            &date_in(&s.app, days),
        )
    };
    agree(&s.app, (unit, &slug), "the worked example").await;

    // A salon invites the unit, then moves: a month later, then to Aarhus.
    let first = form("Flyttes", 12);
    let moved = published_from(&s.host, &first).await;
    ok(invite(&s.host, &moved, &target, "").await, "invite");
    agree(&s.app, (unit, &slug), "before the move").await;
    let later = set(first, "session-0-date", &date_in(&s.app, 45));
    let edit = format!("{}/edit", moved.path);
    ok(post_form(&s.host, &edit, &later).await, "moved in time");
    agree(&s.app, (unit, &slug), "the salon moved in time").await;
    let elsewhere = set(later, "municipality", "0751");
    ok(post_form(&s.host, &edit, &elsewhere).await, "moved");
    agree(&s.app, (unit, &slug), "the salon moved to Aarhus").await;

    // The unit is renamed (its slug follows).
    let r = s
        .admin
        .post(
            &format!("/admin/skanderborg/units/{}", s.unit),
            &[("name", "Teknik, Miljø og Klima")],
        )
        .await;
    assert_eq!(
        r.location.as_deref(),
        Some(format!("/admin/skanderborg/units/{}?done=unit-saved", s.unit).as_str()),
        "renamed: {}",
        r.body
    );
    let slug: String = sqlx::query_scalar("SELECT slug FROM units WHERE id = $1")
        .bind(unit)
        .fetch_one(&s.app.db)
        .await
        .unwrap();
    assert_eq!(slug, "teknik-miljoe-og-klima");
    agree(&s.app, (unit, &slug), "the unit renamed").await;

    // Two invitations, sent a month apart, answered by two officials at the same time: each
    // request rewrites its own month of the unit and of the municipality.
    let one = published_from(&s.host, &form("Den ene", 60)).await;
    ok(invite(&s.host, &one, &target, "").await, "invite");
    s.app.clock.advance(Duration::days(20)); // into January
    // Their sessions ran out meanwhile.
    let host = s.app.signed_in("carl@example.dk").await;
    let olga = s.app.signed_in("olga@skanderborg.dk").await;
    let ole = s.app.signed_in("ole@skanderborg.dk").await;
    let other = published_from(&host, &form("Den anden", 60)).await;
    ok(invite(&host, &other, &target, "").await, "invite");
    let (one, other) = (newest(&s.app, &one).await, newest(&s.app, &other).await);
    let (accept, decline) = (
        format!("/inbox/{one}/accept"),
        format!("/inbox/{other}/decline"),
    );
    let comers = [("comers", s.olga_role.as_str())];
    let reason = [("reason", "Ikke i år.")];
    let (a, b) = tokio::join!(olga.post(&accept, &comers), ole.post(&decline, &reason));
    ok(a, "accept");
    ok(b, "decline");
    agree(&s.app, (unit, &slug), "two answers at once").await;

    // The official who answered, then the host, delete their accounts.
    for (who, person) in [("the official", &olga), ("the host", &host)] {
        let r = person
            .post("/account/delete", &[("current_password", PASSWORD)])
            .await;
        assert_eq!(r.status, StatusCode::OK, "{who}: {}", r.body);
        agree(&s.app, (unit, &slug), &format!("{who} deleted")).await;
    }
}
