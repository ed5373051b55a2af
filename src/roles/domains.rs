//! Email-domain verification. A person whose verified email is exactly on one of a
//! municipality's domains (compared in lower case, whole domain only: `evilskanderborg.dk` is
//! not `skanderborg.dk`) and who asks to be an official in department units is approved at
//! once. What a domain granted goes when the email leaves it, or when the admins remove the
//! domain.
//!
//! A domain is the municipality's only when proven: never a public mail service (the list is
//! the table `free_mail_domains`, migration 0024), never another municipality's (a unique
//! index), and an admin adds only the domain their own confirmed address is on, or a subdomain
//! of it. Any other domain only the operator adds ([`add_by_operator`], `medspil admin domain
//! add`).

use askama::Template;
use axum::Form as PostForm;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, Utc};
use serde::Deserialize;
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use super::RoleKind;
use super::admin::AdminNav;
use super::mails::{self, Event, Facts};
use crate::auth::CurrentUser;
use crate::domain::{Email, Invalid};
use crate::error::{AppError, ConstraintExt};
use crate::jobs::{Job, Worker};
use crate::municipalities::AdminMunicipality;
use crate::municipalities::Municipality;
use crate::state::AppState;
use crate::web::DoneQuery;
use crate::web::forms::{Field, Form};
use crate::web::{Frame, Page};

/// An email domain as an admin registers it: `skanderborg.dk`, lower case, without the `@`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DomainName(String);

impl DomainName {
    pub fn parse(raw: &str) -> Result<DomainName, Invalid> {
        let s = raw.trim().trim_start_matches('@').to_lowercase();
        if s.is_empty() {
            return Err(Invalid("error-domain-missing"));
        }
        let tld_ok = s
            .rsplit_once('.')
            .is_some_and(|(_, tld)| !tld.is_empty() && tld.chars().all(|c| c.is_ascii_lowercase()));
        let valid = s.len() <= 253
            && tld_ok
            && s.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '-')
            && !s.contains("..")
            && s.split('.')
                .all(|label| !label.is_empty() && !label.starts_with('-') && !label.ends_with('-'));
        if valid {
            Ok(DomainName(s))
        } else {
            Err(Invalid("error-domain-invalid"))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether this is `own` or a subdomain of it (`post.skanderborg.dk` of `skanderborg.dk`).
    pub fn is_within(&self, own: &str) -> bool {
        let own = own.to_lowercase();
        !own.is_empty() && (self.0 == own || self.0.ends_with(&format!(".{own}")))
    }
}

/// Whether `domain` is a public mail service where anyone can get an address, or a subdomain
/// of one.
pub async fn is_free_mail(conn: &mut PgConnection, domain: &DomainName) -> sqlx::Result<bool> {
    sqlx::query_scalar!(
        r#"SELECT EXISTS (SELECT 1 FROM free_mail_domains
                          WHERE domain = $1 OR $1 LIKE '%.' || domain) AS "free!""#,
        domain.as_str()
    )
    .fetch_one(conn)
    .await
}

/// What registering a domain for a municipality came to.
#[derive(Debug, PartialEq, Eq)]
pub enum Registered {
    New,
    /// The municipality had it already.
    Already,
    /// Another municipality has it: its official name.
    Elsewhere(String),
}

/// Registers `domain` for municipality `code` (the caller has checked it may).
async fn register(
    conn: &mut PgConnection,
    code: &str,
    domain: &DomainName,
    now: DateTime<Utc>,
) -> sqlx::Result<Registered> {
    let holder = sqlx::query!(
        r#"SELECT d.municipality_code, m.official_name FROM municipality_domains d
           JOIN municipalities m ON m.code = d.municipality_code WHERE d.domain = $1"#,
        domain.as_str()
    )
    .fetch_optional(&mut *conn)
    .await?;
    match holder {
        Some(h) if h.municipality_code == code => return Ok(Registered::Already),
        Some(h) => return Ok(Registered::Elsewhere(h.official_name)),
        None => {}
    }
    let inserted = sqlx::query!(
        "INSERT INTO municipality_domains (municipality_code, domain, created_at) VALUES ($1, $2, $3)",
        code,
        domain.as_str(),
        now
    )
    .execute(&mut *conn)
    .await;
    let names = [
        "municipality_domains_pkey",
        "municipality_domains_one_municipality",
    ];
    match inserted.on_constraint(&names)? {
        Some(_) => Ok(Registered::New),
        // Someone registered it at the same moment: say what it is now.
        None => Ok(Registered::Elsewhere(String::new())),
    }
}

/// What [`add_by_operator`] did.
#[derive(Debug, PartialEq, Eq)]
pub struct AddedDomain {
    pub domain: String,
    pub municipality: String,
    /// The municipality had it already; nothing changed.
    pub already: bool,
}

/// Registers `domain` for the municipality with `slug`, as the operator does with `medspil
/// admin domain add` (for a domain no admin's own address is on). Refuses public mail services
/// and domains another municipality has, in one sentence.
pub async fn add_by_operator(
    db: &PgPool,
    slug: &str,
    domain: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<AddedDomain> {
    let m = crate::municipalities::find_for_operator(db, slug).await?;
    let Ok(name) = DomainName::parse(domain) else {
        anyhow::bail!("{domain:?} is not a domain: give it as skanderborg.dk, without @");
    };
    let mut tx = db.begin().await?;
    if is_free_mail(&mut tx, &name).await? {
        anyhow::bail!(
            "{} is a public mail service where anyone can get an address: it can never be a municipality's domain",
            name.as_str()
        );
    }
    let registered = register(&mut tx, &m.code, &name, now).await?;
    tx.commit().await?;
    match registered {
        Registered::Elsewhere(other) => anyhow::bail!(
            "{} belongs to {} already: a domain belongs to one municipality at most",
            name.as_str(),
            if other.is_empty() {
                "another municipality"
            } else {
                other.as_str()
            }
        ),
        r => Ok(AddedDomain {
            domain: name.as_str().to_string(),
            municipality: m.official_name,
            already: r == Registered::Already,
        }),
    }
}

/// Whether the municipality vouches for `domain` (already lower case, from `Email::domain`).
pub async fn vouches(conn: &mut PgConnection, code: &str, domain: &str) -> sqlx::Result<bool> {
    sqlx::query_scalar!(
        r#"SELECT EXISTS (SELECT 1 FROM municipality_domains
                          WHERE municipality_code = $1 AND domain = $2) AS "found!""#,
        code,
        domain
    )
    .fetch_one(conn)
    .await
}

/// Tells each person whose domain-granted role was just revoked.
async fn tell_revoked(
    conn: &mut PgConnection,
    now: DateTime<Utc>,
    revoked: Vec<(Uuid, String, String)>,
) -> Result<(), AppError> {
    for (user, kind, municipality) in revoked {
        let facts = Facts::new(RoleKind::from_db(&kind), &municipality, "");
        mails::send(conn, now, user, Event::DomainLost, &facts).await?;
    }
    Ok(())
}

/// The job a migration (0024) enqueues for each role it revoked with the unproven domain that
/// granted it: the person is told as when an admin removes a domain.
pub const DOMAIN_LOST_KIND: &str = "roles.domain-lost";

/// Adds the domain job to `worker`.
pub fn register_jobs(worker: Worker) -> Worker {
    worker.handle(DOMAIN_LOST_KIND, run_domain_lost)
}

async fn run_domain_lost(state: AppState, job: Job) -> anyhow::Result<()> {
    let role: Uuid = serde_json::from_value(job.payload["role"].clone())?;
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    // Only while it is still revoked for its domain (not, say, approved again since).
    let revoked = sqlx::query!(
        r#"SELECT r.user_id, r.kind::text AS "kind!", m.official_name FROM roles r
           JOIN municipalities m ON m.code = r.municipality_code
           JOIN users u ON u.id = r.user_id
           WHERE r.id = $1 AND r.status = 'revoked' AND r.reason = 'email-domain'
             AND u.deleted_at IS NULL"#,
        role
    )
    .fetch_optional(&mut *tx)
    .await?;
    if let Some(r) = revoked {
        tell_revoked(&mut tx, now, vec![(r.user_id, r.kind, r.official_name)])
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
    }
    tx.commit().await?;
    state.job_wake.notify_one();
    Ok(())
}

/// After a person's email changed: roles granted because of the old address's domain go,
/// unless the new address is on a domain of the same municipality. The person is told.
pub async fn email_changed(
    conn: &mut PgConnection,
    user: Uuid,
    new_email: &str,
    now: DateTime<Utc>,
) -> Result<u64, AppError> {
    let domain = Email::parse(new_email)
        .map(|e| e.domain())
        .unwrap_or_default();
    let revoked = sqlx::query!(
        r#"UPDATE roles SET status = 'revoked', decided_at = $3, decided_by = NULL, reason = 'email-domain'
           FROM municipalities m
           WHERE m.code = roles.municipality_code
             AND roles.user_id = $1 AND roles.granted_by_domain AND roles.status = 'approved'
             AND NOT EXISTS (SELECT 1 FROM municipality_domains d
                             WHERE d.municipality_code = roles.municipality_code AND d.domain = $2)
           RETURNING roles.user_id, roles.kind::text AS "kind!", m.official_name"#,
        user,
        domain,
        now
    )
    .fetch_all(&mut *conn)
    .await?;
    let count = revoked.len() as u64;
    tell_revoked(
        conn,
        now,
        revoked
            .into_iter()
            .map(|r| (r.user_id, r.kind, r.official_name))
            .collect(),
    )
    .await?;
    Ok(count)
}

#[derive(Template)]
#[template(path = "admin/domains.html")]
pub struct DomainsPage {
    f: Frame,
    nav: AdminNav,
    done: Option<String>,
    domains: Vec<String>,
    form: Form,
}

fn add_form(f: &Frame, value: &str) -> Form {
    Form::new(vec![
        Field::new(&f.tr, "domain", "text", "field-domain")
            .value(value)
            .hint(&f.tr, "field-domain-hint"),
    ])
}

async fn render(
    state: &AppState,
    f: Frame,
    m: &Municipality,
    form: Form,
    done: Option<String>,
) -> Result<DomainsPage, AppError> {
    let domains = sqlx::query_scalar!(
        "SELECT domain FROM municipality_domains WHERE municipality_code = $1 ORDER BY domain",
        m.code
    )
    .fetch_all(&state.db)
    .await?;
    Ok(DomainsPage {
        nav: AdminNav::new(m, "domains"),
        done,
        domains,
        form,
        f,
    })
}

pub async fn list(
    State(state): State<AppState>,
    f: Frame,
    AdminMunicipality(m): AdminMunicipality,
    Query(q): Query<DoneQuery>,
) -> Result<Page<DomainsPage>, AppError> {
    let done = q.notice(&f.tr, "admin", &["domain-added", "domain-removed"]);
    let form = add_form(&f, "");
    Ok(Page(render(&state, f, &m, form, done).await?))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct DomainInput {
    domain: String,
}

/// `POST /admin/{municipality}/domains`: an admin adds the domain their own confirmed address
/// is on, or a subdomain of it; never a public mail service or another municipality's domain.
pub async fn add(
    State(state): State<AppState>,
    f: Frame,
    user: CurrentUser,
    AdminMunicipality(m): AdminMunicipality,
    PostForm(input): PostForm<DomainInput>,
) -> Result<Response, AppError> {
    let mut form = add_form(&f, &input.domain);
    let domain = form.check("domain", &f.tr, DomainName::parse(&input.domain));
    if let Some(domain) = domain {
        let mut tx = state.db.begin().await?;
        let own = Email::parse(&user.email)
            .map(|e| e.domain())
            .unwrap_or_default();
        let problem = if is_free_mail(&mut tx, &domain).await? {
            Some("error-domain-free-mail")
        } else if !user.verified || !domain.is_within(&own) {
            Some("error-domain-not-yours")
        } else {
            match register(&mut tx, &m.code, &domain, state.clock.now()).await? {
                Registered::New => None,
                Registered::Already => Some("error-domain-taken"),
                Registered::Elsewhere(_) => Some("error-domain-elsewhere"),
            }
        };
        match problem {
            Some(key) => form.fail("domain", &f.tr, key),
            None => {
                tx.commit().await?;
                return Ok(
                    Redirect::to(&format!("/admin/{}/domains?done=domain-added", m.slug))
                        .into_response(),
                );
            }
        }
    }
    let page = render(&state, f, &m, form, None).await?;
    Ok(Page::invalid(page))
}

/// Removes a domain, and what it granted to people whose email is on it.
pub async fn remove(
    State(state): State<AppState>,
    AdminMunicipality(m): AdminMunicipality,
    PostForm(input): PostForm<DomainInput>,
) -> Result<Response, AppError> {
    let domain = input.domain.trim().to_lowercase();
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    let removed = sqlx::query!(
        "DELETE FROM municipality_domains WHERE municipality_code = $1 AND domain = $2",
        m.code,
        domain
    )
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if removed == 0 {
        // Gone already (a second click): nothing to do.
        return Ok(Redirect::to(&format!("/admin/{}/domains", m.slug)).into_response());
    }
    let revoked = sqlx::query!(
        r#"UPDATE roles SET status = 'revoked', decided_at = $3, decided_by = NULL, reason = 'email-domain'
           FROM users u
           WHERE u.id = roles.user_id AND roles.municipality_code = $1
             AND roles.granted_by_domain AND roles.status = 'approved'
             AND lower(substring(u.email FROM '@([^@]*)$')) = $2
           RETURNING roles.user_id, roles.kind::text AS "kind!""#,
        m.code,
        domain,
        now
    )
    .fetch_all(&mut *tx)
    .await?;
    tell_revoked(
        &mut tx,
        now,
        revoked
            .into_iter()
            .map(|r| (r.user_id, r.kind, m.official_name.clone()))
            .collect(),
    )
    .await?;
    tx.commit().await?;
    state.job_wake.notify_one();
    Ok(Redirect::to(&format!("/admin/{}/domains?done=domain-removed", m.slug)).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn domains_are_tidied_and_must_look_like_domains() {
        assert_eq!(
            DomainName::parse(" @Skanderborg.DK ").unwrap().as_str(),
            "skanderborg.dk"
        );
        assert_eq!(DomainName::parse(""), Err(Invalid("error-domain-missing")));
        let d = DomainName::parse("post.skanderborg.dk").unwrap();
        assert!(d.is_within("skanderborg.dk") && d.is_within("POST.skanderborg.dk"));
        assert!(
            !d.is_within("borg.dk") && !d.is_within("") && !d.is_within("x.post.skanderborg.dk")
        );
        for bad in [
            "skanderborg",
            "-x.dk",
            "x..dk",
            "x.dk.",
            "a b.dk",
            "x.d2",
            "rikke@x.dk",
        ] {
            assert_eq!(
                DomainName::parse(bad),
                Err(Invalid("error-domain-invalid")),
                "{bad}"
            );
        }
    }
}
