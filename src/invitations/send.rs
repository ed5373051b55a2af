//! Sending an invitation: `POST /salons/{key}/invitations`. The target is resolved inside the
//! salon's municipality. A unit nobody answers for lands with the municipality's admins when it
//! has any; when no one there can answer on Medspil the invitation goes to the unit's or else
//! the municipality's contact address, and only when neither has one to the address the host
//! types (marked: an answer through it is not the municipality's proven word). Invitations that
//! send email are limited per host and day and per salon; suppressed addresses are refused.
//!
//! On a draft the invitation is saved and sent — mail, inbox, reminders — only when the salon
//! is published ([`send_awaiting`]), timed from that moment.

use axum::Form as PostForm;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, Utc};
use chrono_tz::Europe::Copenhagen;
use sqlx::PgConnection;
use uuid::Uuid;

use super::host::{SendInput, render, send_form};
use super::mails::{self, ToAnswerers};
use super::values::{self, Choice};
use super::{EventFacts, Target, overlap, record_event};
use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::limits::{self, Limit, Refusal};
use crate::salons::{HostedSalon, VisibleSalon};
use crate::state::AppState;
use crate::web::{Frame, Page};

/// A resolved target: what to store and who holds it.
pub struct Resolved {
    target: Target,
    key: String,
    municipality: Option<String>,
    unit: Option<Uuid>,
    user: Option<Uuid>,
    /// Someone can answer on Medspil (for a unit nobody answers for: its admins).
    answerable: bool,
    /// The mailbox when no one can: the unit's, else the municipality's contact address.
    contact: Option<String>,
}

/// Resolves the host's choice inside the salon's municipality (`address` for an invitation
/// by email); `None` when the unit or person is not there.
pub async fn resolve(
    conn: &mut PgConnection,
    salon: &VisibleSalon,
    choice: &Choice,
    address: Option<&str>,
) -> Result<Option<Resolved>, AppError> {
    let code = salon.municipality_code.clone();
    let municipal_contact = sqlx::query_scalar!(
        "SELECT contact_email FROM municipalities WHERE code = $1",
        code
    )
    .fetch_one(&mut *conn)
    .await?;
    let has_admins = !crate::roles::admins(conn, &code).await?.is_empty();
    Ok(match choice {
        Choice::Municipality => Some(Resolved {
            target: Target::Municipality,
            key: format!("municipality:{code}"),
            municipality: Some(code),
            unit: None,
            user: None,
            answerable: has_admins,
            contact: municipal_contact,
        }),
        Choice::Unit(id) => {
            let Some(unit) = sqlx::query!(
                r#"SELECT contact_email,
                          EXISTS (SELECT 1 FROM role_units ru JOIN roles r ON r.id = ru.role_id
                                  JOIN users u ON u.id = r.user_id
                                  WHERE ru.unit_id = units.id AND ru.answers_for
                                    AND r.status = 'approved' AND u.deleted_at IS NULL) AS "answerable!"
                   FROM units WHERE id = $1 AND municipality_code = $2 AND archived_at IS NULL"#,
                id,
                code
            )
            .fetch_optional(&mut *conn)
            .await?
            else {
                return Ok(None);
            };
            Some(Resolved {
                target: Target::Unit,
                key: format!("unit:{id}"),
                municipality: Some(code),
                unit: Some(*id),
                user: None,
                // The same rule as the `invitation_answerers` view (migration 0026).
                answerable: unit.answerable || has_admins,
                contact: unit.contact_email.or(municipal_contact),
            })
        }
        Choice::Person(role) => {
            let Some(user) = sqlx::query_scalar!(
                r#"SELECT r.user_id FROM roles r JOIN users u ON u.id = r.user_id
                   WHERE r.id = $1 AND r.municipality_code = $2 AND r.status = 'approved'
                     AND r.kind <> 'admin' AND u.deleted_at IS NULL"#,
                role,
                code
            )
            .fetch_optional(&mut *conn)
            .await?
            else {
                return Ok(None);
            };
            Some(Resolved {
                target: Target::Person,
                key: format!("person:{user}"),
                municipality: Some(code),
                unit: None,
                user: Some(user),
                answerable: true,
                contact: None,
            })
        }
        Choice::Email => address.map(|a| Resolved {
            target: Target::Email,
            key: format!("email:{a}"),
            municipality: None,
            unit: None,
            user: None,
            answerable: false,
            contact: None,
        }),
    })
}

/// `POST /salons/{key}/invitations`: sends one invitation.
pub async fn submit(
    State(state): State<AppState>,
    f: Frame,
    user: CurrentUser,
    HostedSalon(salon): HostedSalon,
    PostForm(input): PostForm<SendInput>,
) -> Result<Response, AppError> {
    let now = state.clock.now();
    let today = now.with_timezone(&Copenhagen).date_naive();
    let mut form = send_form(&f, &input);
    let mut target_error = None;
    let choice = match Choice::parse(&input.target) {
        Ok(c) => Some(c),
        Err(e) => {
            target_error = Some(f.tr.t(e.0));
            None
        }
    };
    let message = form.check("message", &f.tr, values::parse_message(&input.message));
    let reply_by = form.check(
        "reply_by",
        &f.tr,
        values::parse_reply_by(&input.reply_by, today),
    );
    let address = if input.email.trim().is_empty() {
        None
    } else {
        form.check("email", &f.tr, values::parse_address(&input.email))
    };
    if choice == Some(Choice::Email) && input.email.trim().is_empty() {
        form.fail("email", &f.tr, "inv-error-email-needed");
    }
    if !super::host::open_for_invitations(&state, &salon).await? {
        let problem = Some(f.tr.t("inv-error-salon-over"));
        let page = render(&state, f, salon, &input, form, target_error, None, problem).await?;
        return Ok(Page::invalid(page));
    }

    let mut tx = state.db.begin().await?;
    let resolved = match &choice {
        Some(c) => resolve(&mut tx, &salon, c, address.as_deref()).await?,
        None => None,
    };
    if choice.is_some() && choice != Some(Choice::Email) && resolved.is_none() {
        target_error = Some(f.tr.t("inv-error-target-missing"));
    }
    // Where the mail goes when no one can answer on Medspil: the municipality's own contact
    // address wins over anything the host typed, which is used only when there is none.
    let mut mailbox = None;
    let mut typed = false;
    if let Some(r) = &resolved {
        if r.target != Target::Email && !r.answerable {
            mailbox = r.contact.clone();
            if mailbox.is_none() {
                mailbox = address.clone();
                typed = mailbox.is_some();
            }
            if mailbox.is_none() && !form.has_error("email") {
                form.fail("email", &f.tr, "inv-error-mailbox-needed");
            }
        }
    }
    let emailed = match &resolved {
        Some(r) if r.target == Target::Email => address.clone(),
        _ => mailbox.clone(),
    };
    if let Some(a) = &emailed {
        if mails::is_suppressed(&mut tx, a).await? {
            form.fail("email", &f.tr, "inv-error-suppressed");
        }
    }
    let (Some(r), Some(message), Some(reply_by), false, None) = (
        resolved,
        message,
        reply_by,
        form.has_errors(),
        &target_error,
    ) else {
        drop(tx);
        let page = render(&state, f, salon, &input, form, target_error, None, None).await?;
        return Ok(Page::invalid(page));
    };
    // One person, one line: the host sees who is already invited another way first.
    let invitee = match (r.target, r.unit, r.user) {
        (Target::Person, _, Some(user)) => Some(overlap::Invitee::Person(user)),
        (Target::Unit, Some(unit), _) => Some(overlap::Invitee::Unit(unit)),
        _ => None,
    };
    if let (Some(invitee), true) = (invitee, input.overlap_seen.is_empty()) {
        let overlaps = overlap::warnings(&mut tx, &f.tr, salon.id, invitee).await?;
        if !overlaps.is_empty() {
            drop(tx);
            let mut page = render(&state, f, salon, &input, form, None, None, None).await?;
            page.overlaps = overlaps;
            return Ok(Page(page).into_response());
        }
    }
    if emailed.is_some() {
        if let Some(refusal) = over_limit(&mut tx, &f, &salon, &user, now).await? {
            drop(tx);
            let problem = Some(refusal.message.clone());
            let page = render(&state, f, salon, &input, form, None, None, problem).await?;
            return Ok(refusal.respond(now, page));
        }
    }
    let delivery = Delivery {
        emailed,
        mailbox,
        typed,
    };
    let sender = (user.id, user.name.as_str());
    let stored = invite(
        &mut tx,
        &state,
        &salon,
        sender,
        &r,
        delivery,
        message.as_str(),
        reply_by,
    )
    .await?;
    if stored.is_none() {
        drop(tx);
        let problem = Some(f.tr.t("inv-error-already-invited"));
        let page = render(&state, f, salon, &input, form, None, None, problem).await?;
        return Ok(Page::invalid(page));
    }
    let draft = salon.status == crate::salons::SalonStatus::Draft;
    tx.commit().await?;
    let done = if draft { "saved" } else { "sent" };
    Ok(Redirect::to(&format!("{}/invitations?done={done}", salon.path())).into_response())
}

/// Where an invitation's mail goes: the address it is sent to (an invitation by email, or a
/// mailbox), and whether that is a mailbox (no one can answer on Medspil) the host typed.
pub struct Delivery {
    pub emailed: Option<String>,
    pub mailbox: Option<String>,
    pub typed: bool,
}

impl Delivery {
    /// The delivery for a unit, a person or the municipality when the host typed no address:
    /// by Medspil, or to the unit's or the municipality's own mailbox.
    pub fn without_address(r: &Resolved) -> Delivery {
        let mailbox = (r.target != Target::Email && !r.answerable)
            .then(|| r.contact.clone())
            .flatten();
        Delivery {
            emailed: mailbox.clone(),
            mailbox,
            typed: false,
        }
    }
}

/// Stores the invitation to `r` from host `by` (id and name) and, unless the salon is a draft
/// (then it goes out when published), sends it; in the caller's transaction. `None` when the
/// target is invited already. The caller has checked the limits and the address.
#[allow(clippy::too_many_arguments)]
pub async fn invite(
    tx: &mut PgConnection,
    state: &AppState,
    salon: &VisibleSalon,
    by: (Uuid, &str),
    r: &Resolved,
    delivery: Delivery,
    message: &str,
    reply_by: Option<chrono::NaiveDate>,
) -> Result<Option<Uuid>, AppError> {
    let now = state.clock.now();
    let id = Uuid::new_v4();
    let draft = salon.status == crate::salons::SalonStatus::Draft;
    let inserted = sqlx::query!(
        r#"INSERT INTO invitations (id, salon_id, target, target_key, municipality_code,
               holder_unit_id, holder_user_id, email, via_mailbox, message, reply_by, sent_by, sent_at,
               typed_address, awaits_publish)
           VALUES ($1, $2, $3::text::invitation_target, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
           ON CONFLICT DO NOTHING"#,
        id,
        salon.id,
        r.target.as_str(),
        r.key,
        r.municipality,
        r.unit,
        r.user,
        delivery.emailed,
        delivery.mailbox.is_some(),
        message,
        reply_by,
        by.0,
        now,
        delivery.typed,
        draft
    )
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if inserted == 0 {
        return Ok(None);
    }
    // A draft invites no one: saved, and sent when the salon is published.
    if !draft {
        send_now(tx, state, id, (Some(by.0), by.1), now).await?;
    }
    Ok(Some(id))
}

/// Sends invitation `id`: its "sent" event, the mail to the address or to those who may answer,
/// and the reminders.
async fn send_now(
    conn: &mut PgConnection,
    state: &AppState,
    id: Uuid,
    (by, by_name): (Option<Uuid>, &str),
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let inv = super::load(conn, id).await?;
    record_event(
        conn,
        id,
        "sent",
        EventFacts {
            actor: by,
            actor_name: by_name,
            unit: inv.holder_unit_id,
            message: &inv.message,
            ..Default::default()
        },
        now,
    )
    .await?;
    if inv.target == Target::Email {
        let address = inv.email.clone().unwrap_or_default();
        if !mails::is_suppressed(conn, &address).await? {
            mails::invite_by_email(conn, state, &inv, &address).await?;
        }
    } else {
        mails::tell_answerers(conn, state, &inv, ToAnswerers::Invited).await?;
        super::reminders::schedule(conn, &inv, now).await?;
    }
    Ok(())
}

/// When salon `salon` is published: its saved invitations go out now, timed from this moment.
pub async fn send_awaiting(
    conn: &mut PgConnection,
    state: &AppState,
    salon: Uuid,
) -> Result<(), AppError> {
    let now = state.clock.now();
    let waiting = sqlx::query!(
        r#"UPDATE invitations i SET awaits_publish = false, sent_at = $2
           WHERE i.salon_id = $1 AND i.awaits_publish AND i.status = 'open'
           RETURNING i.id, i.sent_by,
                     coalesce((SELECT name FROM users WHERE id = i.sent_by), '') AS "name!""#,
        salon,
        now
    )
    .fetch_all(&mut *conn)
    .await?;
    for w in waiting {
        send_now(conn, state, w.id, (w.sent_by, &w.name), now).await?;
    }
    Ok(())
}

/// The host's daily limit on mail to addresses outside Medspil (`invitation_emails_per_day`):
/// invitations by email or to a municipal mailbox, and co-host invitations to an address without
/// an account, counted together under the host's lock. `Some(message)` at the limit.
pub async fn over_daily_limit(
    conn: &mut PgConnection,
    tr: &crate::web::i18n::Tr,
    user: Uuid,
    now: DateTime<Utc>,
) -> Result<Option<Refusal>, AppError> {
    let per_day = Limit::InvitationEmailsPerDay;
    let day_limit = limits::guard(conn, per_day, &user.to_string()).await?;
    let nth = sqlx::query_scalar!(
        r#"SELECT at AS "at!" FROM (
               SELECT sent_at AS at FROM invitations
               WHERE sent_by = $1 AND sent_at > $2 AND (target = 'email' OR via_mailbox)
               UNION ALL
               SELECT created_at FROM cohost_invitations
               WHERE invited_by = $1 AND created_at > $2 AND without_account) sent
           ORDER BY at DESC OFFSET $3::int8 - 1 LIMIT 1"#,
        user,
        per_day.since(now),
        day_limit
    )
    .fetch_optional(&mut *conn)
    .await?;
    Ok(
        limits::reached(per_day, day_limit, nth).map(|reached| Refusal {
            message: reached.message(tr, "inv-error-limit-day"),
            reached,
        }),
    )
}

/// The limits on invitations that send email: per host per day and per salon in all. The
/// host's lock is taken before the salon's, always in that order, so co-hosts sending at once
/// wait for each other rather than deadlock.
async fn over_limit(
    conn: &mut PgConnection,
    f: &Frame,
    salon: &VisibleSalon,
    user: &CurrentUser,
    now: DateTime<Utc>,
) -> Result<Option<Refusal>, AppError> {
    if let Some(refusal) = over_daily_limit(conn, &f.tr, user.id, now).await? {
        return Ok(Some(refusal));
    }
    let per_salon = Limit::InvitationEmailsPerSalon;
    let salon_limit = limits::guard(conn, per_salon, &salon.id.to_string()).await?;
    let sent = sqlx::query_scalar!(
        r#"SELECT count(*) AS "n!" FROM invitations
           WHERE salon_id = $1 AND (target = 'email' OR via_mailbox)"#,
        salon.id
    )
    .fetch_one(&mut *conn)
    .await?;
    if sent >= salon_limit {
        return Ok(Some(Refusal {
            message: f.tr.count("inv-error-limit-salon", salon_limit),
            reached: limits::Reached {
                limit: salon_limit,
                again_at: None,
            },
        }));
    }
    Ok(None)
}
