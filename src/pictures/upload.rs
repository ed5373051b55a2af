//! `/salons/{key}/picture`, for the salon's hosts: upload a picture with its alt text (a plain
//! multipart form, no JavaScript needed), replace it, change its alt text, or remove it.
//! Replacing or removing deletes the old files.

use askama::Template;
use axum::extract::multipart::{Multipart, MultipartError, MultipartRejection};
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, Utc};
use sqlx::PgConnection;
use uuid::Uuid;

use super::decode::{self, Processed, Refused};
use super::{Picture, salon_picture};
use crate::auth::CurrentUser;
use crate::domain::{Invalid, Line};
use crate::error::AppError;
use crate::limits::{self, Limit, Reached};
use crate::salons::HostedSalon;
use crate::salons::visibility::VisibleSalon;
use crate::state::AppState;
use crate::web::forms::{Field, Form};
use crate::web::{DoneQuery, Frame, Page};

/// An alt text: says what the picture shows, for those who cannot see it.
pub type AltText = Line<250>;

fn parse_alt(raw: &str) -> Result<AltText, Invalid> {
    AltText::required(raw).map_err(|e| e.key("picture-error-alt-missing", "picture-error-alt-long"))
}

#[derive(Template)]
#[template(path = "pictures/upload.html")]
pub struct UploadPage {
    f: Frame,
    salon: VisibleSalon,
    picture: Option<Picture>,
    form: Form,
    notice: Option<String>,
}

impl UploadPage {
    /// The file field (drawn by hand: a file input has no value to send back).
    fn file_field(&self) -> Option<&Field> {
        self.form.field("picture")
    }

    fn alt_field(&self) -> Option<&Field> {
        self.form.field("alt")
    }
}

fn upload_form(f: &Frame, alt: &str, has_picture: bool) -> Form {
    let file_hint = if has_picture {
        "picture-field-file-hint-replace"
    } else {
        "picture-field-file-hint"
    };
    let mut file =
        Field::new(&f.tr, "picture", "file", "picture-field-file").hint(&f.tr, file_hint);
    // With a picture in place, a new alt text alone may be saved.
    if has_picture {
        file = file.optional();
    }
    Form::new(vec![
        file,
        Field::new(&f.tr, "alt", "text", "picture-field-alt")
            .value(alt)
            .hint(&f.tr, "picture-field-alt-hint"),
    ])
}

/// `GET /salons/{key}/picture`.
pub async fn page(
    State(state): State<AppState>,
    f: Frame,
    HostedSalon(salon): HostedSalon,
    Query(q): Query<DoneQuery>,
) -> Result<Response, AppError> {
    let picture = salon_picture(&state.db, salon.id).await?;
    let notice =
        crate::web::done_notice(&f.tr, "picture", q.done.as_deref(), &["saved", "removed"]);
    let alt = picture.as_ref().map_or("", |p| p.alt.as_str());
    let form = upload_form(&f, alt, picture.is_some());
    Ok(Page(UploadPage {
        f,
        salon,
        picture,
        form,
        notice,
    })
    .into_response())
}

/// What the form sent.
#[derive(Default)]
struct Sent {
    alt: String,
    file: Vec<u8>,
    too_large: bool,
}

/// Reads the form as it arrives, keeping at most [`decode::MAX_BYTES`] of the file: past that
/// the rest is read and dropped, so the person gets the form back with the message rather than
/// a broken connection.
async fn read(mut multipart: Multipart) -> Result<Sent, MultipartError> {
    let mut sent = Sent::default();
    while let Some(mut field) = multipart.next_field().await? {
        match field.name() {
            Some("alt") => sent.alt = field.text().await?,
            Some("picture") => {
                while let Some(chunk) = field.chunk().await? {
                    if sent.too_large || sent.file.len() + chunk.len() > decode::MAX_BYTES {
                        sent.too_large = true;
                        sent.file = Vec::new();
                    } else {
                        sent.file.extend_from_slice(&chunk);
                    }
                }
            }
            _ => {}
        }
    }
    Ok(sent)
}

/// `POST /salons/{key}/picture`: a new picture (replacing the old), or a new alt text alone.
pub async fn submit(
    State(state): State<AppState>,
    f: Frame,
    user: CurrentUser,
    HostedSalon(salon): HostedSalon,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, AppError> {
    let multipart = multipart.map_err(|_| AppError::BadRequest)?;
    let sent = match read(multipart).await {
        Ok(sent) => sent,
        // The body outgrew the route's limit on the way (sent without a length up front).
        Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            return Ok(StatusCode::PAYLOAD_TOO_LARGE.into_response());
        }
        Err(_) => return Err(AppError::BadRequest),
    };
    let current = salon_picture(&state.db, salon.id).await?;
    let mut form = upload_form(&f, &sent.alt, current.is_some());
    let alt = form.check("alt", &f.tr, parse_alt(&sent.alt));
    let refused = if sent.too_large {
        Some(Refused::TooLarge)
    } else if sent.file.is_empty() && current.is_none() {
        Some(Refused::Missing)
    } else {
        None
    };
    if let Some(refused) = refused {
        form.fail("picture", &f.tr, refused.key());
    }
    let Some(alt) = alt.filter(|_| !form.has_errors()) else {
        return Ok(Page::invalid(UploadPage {
            f,
            salon,
            picture: current,
            form,
            notice: None,
        }));
    };

    if sent.file.is_empty() {
        sqlx::query!(
            "UPDATE salon_pictures SET alt = $2 WHERE salon_id = $1",
            salon.id,
            alt.as_str()
        )
        .execute(&state.db)
        .await?;
        return Ok(saved(&salon));
    }

    // Counted before the decode too, so someone at the limit cannot make the server decode
    // for nothing; and again under the lock, where it counts.
    let now = state.clock.now();
    let over = {
        let mut conn = state.db.acquire().await?;
        uploads_reached(&mut conn, user.id, now).await?
    };
    let processed = match over {
        Some(reached) => Err(reached),
        None => Ok(decode::process_queued(sent.file).await),
    };
    let processed = match processed {
        Ok(Ok(p)) => p,
        Ok(Err(refused)) => {
            form.fail("picture", &f.tr, refused.key());
            return Ok(Page::invalid(UploadPage {
                f,
                salon,
                picture: current,
                form,
                notice: None,
            }));
        }
        Err(reached) => return Ok(at_limit(f, salon, current, form, reached, now)),
    };

    let mut tx = state.db.begin().await?;
    if let Some(reached) = uploads_reached(&mut tx, user.id, now).await? {
        drop(tx);
        return Ok(at_limit(f, salon, current, form, reached, now));
    }
    store(&mut tx, salon.id, user.id, alt.as_str(), &processed, now).await?;
    tx.commit().await?;
    Ok(saved(&salon))
}

fn saved(salon: &VisibleSalon) -> Response {
    Redirect::to(&format!("{}/picture?done=saved", salon.path())).into_response()
}

/// The form again with the limit's message by the file.
fn at_limit(
    f: Frame,
    salon: VisibleSalon,
    picture: Option<Picture>,
    mut form: Form,
    reached: Reached,
    now: DateTime<Utc>,
) -> Response {
    let message = reached.message(&f.tr, "picture-error-limit");
    if let Some(field) = form.field_mut("picture") {
        field.error = Some(message);
    }
    reached.respond(
        now,
        UploadPage {
            f,
            salon,
            picture,
            form,
            notice: None,
        },
    )
}

/// Whether `user` has uploaded as many pictures as the day allows. Takes the limit's lock for
/// the rest of the caller's transaction (none outside one).
async fn uploads_reached(
    conn: &mut PgConnection,
    user: Uuid,
    now: DateTime<Utc>,
) -> Result<Option<Reached>, AppError> {
    let per_day = Limit::PictureUploadsPerDay;
    let limit = limits::guard(conn, per_day, &user.to_string()).await?;
    let nth = sqlx::query_scalar!(
        r#"SELECT at FROM picture_uploads WHERE user_id = $1 AND at > $2
           ORDER BY at DESC OFFSET $3::int8 - 1 LIMIT 1"#,
        user,
        per_day.since(now),
        limit
    )
    .fetch_optional(&mut *conn)
    .await?;
    Ok(limits::reached(per_day, limit, nth))
}

/// Replaces the salon's picture with `processed` (the old one's files go with its row) and
/// counts the upload.
async fn store(
    conn: &mut PgConnection,
    salon: Uuid,
    user: Uuid,
    alt: &str,
    processed: &Processed,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    sqlx::query!("DELETE FROM salon_pictures WHERE salon_id = $1", salon)
        .execute(&mut *conn)
        .await?;
    sqlx::query!(
        r#"INSERT INTO salon_pictures (salon_id, hash, alt, uploaded_by, uploaded_at)
           VALUES ($1, $2, $3, $4, $5)"#,
        salon,
        processed.hash,
        alt,
        user,
        now
    )
    .execute(&mut *conn)
    .await?;
    for file in &processed.files {
        sqlx::query!(
            r#"INSERT INTO salon_picture_files (salon_id, hash, width, height, bytes)
               VALUES ($1, $2, $3, $4, $5)"#,
            salon,
            processed.hash,
            file.width as i32,
            file.height as i32,
            file.jpeg
        )
        .execute(&mut *conn)
        .await?;
    }
    let per_day = Limit::PictureUploadsPerDay;
    sqlx::query!(
        "DELETE FROM picture_uploads WHERE user_id = $1 AND at <= $2",
        user,
        per_day.since(now)
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        "INSERT INTO picture_uploads (user_id, at) VALUES ($1, $2)",
        user,
        now
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// `POST /salons/{key}/picture/remove`.
pub async fn remove(
    State(state): State<AppState>,
    HostedSalon(salon): HostedSalon,
) -> Result<Response, AppError> {
    sqlx::query!("DELETE FROM salon_pictures WHERE salon_id = $1", salon.id)
        .execute(&state.db)
        .await?;
    Ok(Redirect::to(&format!("{}/picture?done=removed", salon.path())).into_response())
}
