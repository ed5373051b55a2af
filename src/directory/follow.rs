//! Following a search: a signed-in person saves the directory's current filter ("Få besked om
//! nye saloner i Ry / om trafik") and gets a mail when a public salon that matches it is
//! published — once per salon, however many of their searches match. The searches are listed,
//! and deleted, at `/notifications/searches`.
//!
//! Publishing enqueues one job per salon ([`KIND`], [`salon_public`]); its run finds the
//! matching searches in one query, with the directory's own search (the same tsquery of
//! stemmed words and word starts, [`super::prefix_query`]), records each person told in
//! `salon_search_notices` and mails only those it recorded, in one transaction: a retry or a
//! second worker finds them recorded and mails no one twice.

use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use serde_json::{Value, json};
use sqlx::PgConnection;
use uuid::Uuid;

use super::page::DirectoryQuery;
use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::jobs::{self, Job, NewJob};
use crate::mail::{self, Recipient};
use crate::salons::{Format, visibility};
use crate::state::AppState;
use crate::web::i18n::Tr;
use crate::web::{DoneQuery, Frame, Page};

/// The job that tells the followers of matching searches of a newly public salon.
pub const KIND: &str = "directory.new-salon";

/// The mail's kind: its own category in the mail settings (`searches`).
const MAIL_KIND: &str = "search.new-salon";

/// Searches one person may follow: enough for every town they care about, not a way to fill
/// the table.
pub const MAX_SEARCHES: i64 = 50;

/// Enqueues the news of salon `salon` for the followers of searches, in the caller's
/// transaction, when it is public, published and not hidden. Once per salon: a salon
/// published unlisted and made public later is news then; an edit of a public salon is not.
pub async fn salon_public(
    conn: &mut PgConnection,
    state: &AppState,
    salon: Uuid,
) -> Result<(), AppError> {
    let public = sqlx::query_scalar!(
        r#"SELECT EXISTS (SELECT 1 FROM salons WHERE id = $1 AND visibility = 'public'
                          AND status = 'published' AND hidden_reason IS NULL) AS "public!""#,
        salon
    )
    .fetch_one(&mut *conn)
    .await?;
    if public {
        let now = state.clock.now();
        let job = NewJob::new(KIND, json!({ "salon": salon }), now)
            .unique(format!("salon-searches:{salon}"));
        jobs::enqueue(conn, job, now).await?;
        state.job_wake.notify_one();
    }
    Ok(())
}

/// Runs a [`KIND`] job: one mail to each person with a matching search who has not been told
/// of the salon yet and does not host it.
pub async fn run(state: AppState, job: Job) -> anyhow::Result<()> {
    let salon: Uuid = serde_json::from_value(job.payload["salon"].clone())?;
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    // The conditions are the directory's (`super::find`): the same tsquery over `search_full`,
    // the same municipality, town, topic and format tests, and only an upcoming, public,
    // published salon that is not hidden. Of a person's several matching searches, the oldest
    // is named in the mail.
    let told = sqlx::query!(
        r#"WITH matched AS (
               SELECT DISTINCT ON (f.user_id) f.user_id, f.q, m.name AS municipality,
                      f.town, f.topic, f.format
               FROM salon_searches f
               JOIN users u ON u.id = f.user_id
               JOIN salons s ON s.id = $1
               LEFT JOIN municipalities m ON m.code = f.municipality_code
               WHERE u.deleted_at IS NULL
                 AND s.visibility = 'public' AND s.status = 'published'
                 AND s.hidden_reason IS NULL AND s.last_starts_at >= $2
                 AND NOT EXISTS (SELECT 1 FROM salon_hosts h
                                 WHERE h.salon_id = s.id AND h.user_id = f.user_id)
                 AND (f.q IS NULL OR s.search_full @@ tsquery_or(
                          websearch_to_tsquery('danish', f.q), to_tsquery('danish', f.q_prefix)))
                 AND (f.municipality_code IS NULL OR s.municipality_code = f.municipality_code)
                 AND (f.town IS NULL OR lower(s.town) = lower(f.town))
                 AND (f.topic IS NULL OR EXISTS (SELECT 1 FROM unnest(s.topics) t
                                                 WHERE lower(t) = lower(f.topic)))
                 AND (f.format IS NULL OR s.format = f.format)
               ORDER BY f.user_id, f.created_at, f.id),
           told AS (
               INSERT INTO salon_search_notices (salon_id, user_id, created_at)
               SELECT $1, user_id, $2 FROM matched
               ON CONFLICT DO NOTHING
               RETURNING user_id)
           SELECT m.user_id AS "user_id!", m.q, m.municipality AS "municipality?", m.town,
                  m.topic, m.format AS "format: Format"
           FROM matched m JOIN told t ON t.user_id = m.user_id
           ORDER BY m.user_id"#,
        salon,
        now
    )
    .fetch_all(&mut *tx)
    .await?;
    if told.is_empty() {
        return Ok(());
    }
    let s = sqlx::query!(
        r#"SELECT s.title, s.slug, s.town, m.name AS municipality,
                  s.first_starts_at AS "first_starts_at!"
           FROM salons s JOIN municipalities m ON m.code = s.municipality_code
           WHERE s.id = $1"#,
        salon
    )
    .fetch_one(&mut *tx)
    .await?;
    let path = visibility::path(salon, &s.slug);
    for t in told {
        let to = Recipient::User(t.user_id);
        // The time and the search are written in each person's own language.
        let tr = Tr::new(mail::recipient_locale(&mut tx, &to).await?);
        let search = Described {
            q: t.q,
            municipality: t.municipality,
            town: t.town,
            topic: t.topic,
            format: t.format,
        }
        .text(&tr);
        let args = [
            ("salon", s.title.clone()),
            ("town", s.town.clone()),
            ("municipality", s.municipality.clone()),
            ("when", tr.datetime(s.first_starts_at)),
            ("search", search),
            (
                "searches_link",
                state.config.link("/notifications/searches"),
            ),
        ];
        mail::notify_text(
            &mut tx,
            &state,
            to,
            MAIL_KIND,
            "search-mail-new-salon",
            &args,
            &path,
        )
        .await?;
    }
    tx.commit().await?;
    state.job_wake.notify_one();
    Ok(())
}

/// A saved search in words: `"trafik" · Skanderborg · Ry`.
struct Described {
    q: Option<String>,
    municipality: Option<String>,
    town: Option<String>,
    topic: Option<String>,
    format: Option<Format>,
}

impl Described {
    fn text(&self, tr: &Tr) -> String {
        let mut parts = Vec::new();
        if let Some(q) = &self.q {
            parts.push(tr.t1("search-part-words", "words", q));
        }
        parts.extend(self.municipality.clone());
        parts.extend(self.town.clone());
        if let Some(topic) = &self.topic {
            parts.push(tr.t1("search-part-topic", "topic", topic));
        }
        if let Some(format) = self.format {
            parts.push(tr.t(&format!("salon-format-{}", format.as_str())));
        }
        parts.join(" · ")
    }
}

/// `POST /salons/follow`: follows the directory's filter as posted (the words, municipality,
/// town, topic and form; dates and seats say nothing about a salon not yet published). A filter
/// with none of them, or a municipality that does not exist, is nothing to follow: back to the
/// directory, unchanged.
pub async fn follow(
    State(state): State<AppState>,
    user: CurrentUser,
    Form(query): Form<DirectoryQuery>,
) -> Result<Response, AppError> {
    let filter = query.filter();
    let back = query.href(&[]);
    let mut conn = state.db.acquire().await?;
    let municipality = match &filter.municipality {
        None => None,
        Some(slug) => {
            let code = sqlx::query_scalar!("SELECT code FROM municipalities WHERE slug = $1", slug)
                .fetch_optional(&mut *conn)
                .await?;
            match code {
                Some(code) => Some(code),
                None => return Ok(Redirect::to(&back).into_response()),
            }
        }
    };
    if filter.q.is_none()
        && municipality.is_none()
        && filter.town.is_none()
        && filter.topic.is_none()
        && filter.format.is_none()
    {
        return Ok(Redirect::to(&back).into_response());
    }
    let prefix = filter
        .q
        .as_deref()
        .map(super::prefix_query)
        .unwrap_or_default();
    let saved = sqlx::query!(
        r#"INSERT INTO salon_searches
               (user_id, q, q_prefix, municipality_code, town, topic, format, created_at)
           SELECT $1, $2, $3, $4, $5, $6, $7, $8
           WHERE (SELECT count(*) FROM salon_searches WHERE user_id = $1) < $9
           ON CONFLICT DO NOTHING"#,
        user.id,
        filter.q,
        prefix,
        municipality,
        filter.town,
        filter.topic,
        filter.format as Option<Format>,
        state.clock.now(),
        MAX_SEARCHES,
    )
    .execute(&mut *conn)
    .await?
    .rows_affected();
    // Nothing saved is either the same search followed already (said as followed) or the
    // person's limit reached, which must be said rather than look like success.
    let full = saved == 0
        && sqlx::query_scalar!(
            r#"SELECT count(*) >= $2 AS "full!" FROM salon_searches WHERE user_id = $1"#,
            user.id,
            MAX_SEARCHES
        )
        .fetch_one(&mut *conn)
        .await?;
    let done = if full { "searches-full" } else { "followed" };
    Ok(Redirect::to(&query.href(&[("done", done)])).into_response())
}

/// One followed search on the list.
pub struct Followed {
    pub id: i64,
    pub text: String,
    /// The directory with this search, to see what matches today.
    pub href: String,
}

#[derive(Template)]
#[template(path = "directory/searches.html")]
pub struct SearchesPage {
    f: Frame,
    searches: Vec<Followed>,
    notice: Option<String>,
}

/// `GET /notifications/searches`: the searches the person follows, each with a button that
/// stops it.
pub async fn list(
    State(state): State<AppState>,
    f: Frame,
    user: CurrentUser,
    Query(done): Query<DoneQuery>,
) -> Result<Response, AppError> {
    let rows = sqlx::query!(
        r#"SELECT f.id, f.q, m.name AS "municipality?", m.slug AS "slug?", f.town, f.topic,
                  f.format AS "format: Format"
           FROM salon_searches f LEFT JOIN municipalities m ON m.code = f.municipality_code
           WHERE f.user_id = $1 ORDER BY f.created_at, f.id"#,
        user.id
    )
    .fetch_all(&state.db)
    .await?;
    let searches = rows
        .into_iter()
        .map(|r| {
            let query = DirectoryQuery {
                q: r.q.clone().unwrap_or_default(),
                municipality: r.slug.unwrap_or_default(),
                town: r.town.clone().unwrap_or_default(),
                topic: r.topic.clone().unwrap_or_default(),
                format: r.format.map(|x| x.as_str().to_string()).unwrap_or_default(),
                ..DirectoryQuery::default()
            };
            let text = Described {
                q: r.q,
                municipality: r.municipality,
                town: r.town,
                topic: r.topic,
                format: r.format,
            }
            .text(&f.tr);
            Followed {
                id: r.id,
                text,
                href: query.href(&[]),
            }
        })
        .collect();
    let notice = done.notice(&f.tr, "searches", &["deleted"]);
    Ok(Page(SearchesPage {
        f,
        searches,
        notice,
    })
    .into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct DeleteForm {
    search: String,
}

/// `POST /notifications/searches/delete`: stops following one of one's own searches. Any
/// other number deletes nothing.
pub async fn delete(
    State(state): State<AppState>,
    user: CurrentUser,
    Form(form): Form<DeleteForm>,
) -> Result<Response, AppError> {
    let Ok(id) = form.search.trim().parse::<i64>() else {
        return Ok(Redirect::to("/notifications/searches").into_response());
    };
    let deleted = sqlx::query!(
        "DELETE FROM salon_searches WHERE id = $1 AND user_id = $2",
        id,
        user.id
    )
    .execute(&state.db)
    .await?
    .rows_affected();
    let to = match deleted {
        0 => "/notifications/searches",
        _ => "/notifications/searches?done=deleted",
    };
    Ok(Redirect::to(to).into_response())
}

/// The searches a person follows and the salons they were told of, for the data download.
pub async fn personal_data(conn: &mut PgConnection, user: Uuid) -> Result<Value, AppError> {
    let searches = sqlx::query!(
        r#"SELECT f.q, m.slug AS "municipality?", f.town, f.topic, f.format::text AS format,
                  f.created_at
           FROM salon_searches f LEFT JOIN municipalities m ON m.code = f.municipality_code
           WHERE f.user_id = $1 ORDER BY f.created_at, f.id"#,
        user
    )
    .fetch_all(&mut *conn)
    .await?;
    let told = sqlx::query!(
        r#"SELECT s.title, n.created_at FROM salon_search_notices n
           JOIN salons s ON s.id = n.salon_id WHERE n.user_id = $1 ORDER BY n.created_at"#,
        user
    )
    .fetch_all(&mut *conn)
    .await?;
    Ok(json!({
        "following": searches.iter().map(|s| json!({
            "words": s.q, "municipality": s.municipality, "town": s.town, "topic": s.topic,
            "format": s.format, "since": s.created_at,
        })).collect::<Vec<_>>(),
        "told_of": told.iter().map(|t| json!({ "salon": t.title, "at": t.created_at }))
            .collect::<Vec<_>>(),
    }))
}

/// Forgets what the person follows and what they were told of.
pub async fn erase(conn: &mut PgConnection, user: Uuid) -> Result<(), AppError> {
    sqlx::query!("DELETE FROM salon_searches WHERE user_id = $1", user)
        .execute(&mut *conn)
        .await?;
    sqlx::query!("DELETE FROM salon_search_notices WHERE user_id = $1", user)
        .execute(&mut *conn)
        .await?;
    Ok(())
}
