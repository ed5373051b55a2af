//! Staff publish and maintain a municipality's upcoming decisions:
//! `/municipalities/{municipality}/decisions/new` and `…/{decision}/edit`.

use askama::Template;
use axum::Form as PostForm;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use chrono_tz::Europe::Copenhagen;
use serde::Deserialize;
use uuid::Uuid;

use super::tell::Event;
use crate::auth::CurrentUser;
use crate::domain::ids::DecisionId;
use crate::domain::{Body, Invalid, Line, WebAddress};
use crate::error::AppError;
use crate::municipalities::Municipality;
use crate::municipalities::StaffMunicipality;
use crate::state::AppState;
use crate::web::forms::{Field, Form};
use crate::web::path::Ids;
use crate::web::{Frame, Page};

#[derive(Template)]
#[template(path = "decisions/form.html")]
pub struct FormPage {
    f: Frame,
    m: Municipality,
    heading: String,
    action: String,
    back: String,
    form: Form,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct DecisionInput {
    title: String,
    description: String,
    unit: String,
    committee: String,
    meeting_on: String,
    hearing_from: String,
    hearing_to: String,
    case_number: String,
    agenda_url: String,
}

/// A valid decision, ready to store.
pub struct DecisionData {
    pub title: Line<200>,
    pub description: Body<2000>,
    /// The department preparing it, and the committee deciding it.
    pub unit: Uuid,
    pub committee: Uuid,
    pub meeting_on: NaiveDate,
    /// The public hearing, first and last day.
    pub hearing: Option<(NaiveDate, NaiveDate)>,
    /// The municipality's case number (may be empty).
    pub case_number: Line<60>,
    /// The item on the meeting's agenda.
    pub agenda: Option<WebAddress>,
}

/// A date as the date input sends it (`2026-12-15`); empty is `None`.
pub fn parse_date(raw: &str) -> Result<Option<NaiveDate>, Invalid> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(raw, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| Invalid("dec-error-date"))
}

/// The hearing period: both dates or neither, the first not after the second.
fn parse_hearing(from: &str, to: &str) -> Result<Option<(NaiveDate, NaiveDate)>, Invalid> {
    match (parse_date(from)?, parse_date(to)?) {
        (None, None) => Ok(None),
        (Some(a), Some(b)) if a <= b => Ok(Some((a, b))),
        (Some(_), Some(_)) => Err(Invalid("dec-error-hearing-order")),
        _ => Err(Invalid("dec-error-hearing-both")),
    }
}

/// The units of the municipality that may prepare a case, and the committees and the council
/// that may decide one: (value, label).
async fn unit_options(
    state: &AppState,
    code: &str,
) -> Result<(Vec<(String, String)>, Vec<(String, String)>), AppError> {
    let rows = sqlx::query!(
        r#"SELECT id, name, kind::text AS "kind!" FROM units
           WHERE municipality_code = $1 AND archived_at IS NULL ORDER BY kind, name"#,
        code
    )
    .fetch_all(&state.db)
    .await?;
    let units = rows
        .iter()
        .map(|u| (u.id.to_string(), u.name.clone()))
        .collect();
    let committees = rows
        .iter()
        .filter(|u| u.kind != "department")
        .map(|u| (u.id.to_string(), u.name.clone()))
        .collect();
    Ok((units, committees))
}

async fn draw(
    state: &AppState,
    f: &Frame,
    m: &Municipality,
    input: &DecisionInput,
) -> Result<Form, AppError> {
    let (units, committees) = unit_options(state, &m.code).await?;
    Ok(Form::new(vec![
        Field::new(&f.tr, "title", "text", "dec-field-title").value(&input.title),
        Field::new(&f.tr, "description", "textarea", "dec-field-description")
            .value(&input.description)
            .hint(&f.tr, "dec-field-description-hint"),
        Field::select(&f.tr, "unit", "dec-field-unit", units).value(&input.unit),
        Field::select(&f.tr, "committee", "dec-field-committee", committees)
            .value(&input.committee)
            .hint(&f.tr, "dec-field-committee-hint"),
        Field::new(&f.tr, "meeting_on", "date", "dec-field-meeting").value(&input.meeting_on),
        Field::new(&f.tr, "hearing_from", "date", "dec-field-hearing-from")
            .value(&input.hearing_from)
            .optional()
            .hint(&f.tr, "dec-field-hearing-hint"),
        Field::new(&f.tr, "hearing_to", "date", "dec-field-hearing-to")
            .value(&input.hearing_to)
            .optional(),
        Field::new(&f.tr, "case_number", "text", "dec-field-case-number")
            .value(&input.case_number)
            .optional()
            .hint(&f.tr, "dec-field-case-number-hint"),
        Field::new(&f.tr, "agenda_url", "url", "dec-field-agenda")
            .value(&input.agenda_url)
            .optional()
            .hint(&f.tr, "dec-field-agenda-hint"),
    ]))
}

/// Parses the form, marking each field that is wrong. `new`: a new decision's meeting must be
/// ahead (an old one being corrected may lie in the past).
async fn parse(
    state: &AppState,
    f: &Frame,
    input: &DecisionInput,
    form: &mut Form,
    new: bool,
) -> Result<Option<DecisionData>, AppError> {
    let tr = &f.tr;
    // The title is one line (the one rule for lines); the description may have paragraphs.
    let title = Line::required(&input.title)
        .map_err(|e| e.key("dec-error-title-missing", "dec-error-title-long"));
    let title = form.check("title", tr, title);
    let description = Body::required(&input.description).map_err(|e| {
        e.key(
            "dec-error-description-missing",
            "dec-error-description-long",
        )
    });
    let description = form.check("description", tr, description);
    let chosen = |raw: &str, field: Option<&Field>| {
        field?
            .options
            .iter()
            .any(|(v, _)| v == raw)
            .then(|| Uuid::parse_str(raw).ok())
            .flatten()
    };
    let unit = chosen(&input.unit, form.field("unit"));
    if unit.is_none() {
        form.fail("unit", tr, "dec-error-unit");
    }
    let committee = chosen(&input.committee, form.field("committee"));
    if committee.is_none() {
        form.fail("committee", tr, "dec-error-committee");
    }
    let today = state.clock.now().with_timezone(&Copenhagen).date_naive();
    let meeting = match parse_date(&input.meeting_on) {
        Ok(None) => Err(Invalid("dec-error-meeting-missing")),
        Ok(Some(d)) if new && d < today => Err(Invalid("dec-error-meeting-past")),
        other => other,
    };
    let meeting = form.check("meeting_on", tr, meeting).flatten();
    let hearing = form.check(
        "hearing_from",
        tr,
        parse_hearing(&input.hearing_from, &input.hearing_to),
    );
    let case_number =
        Line::parse(&input.case_number).map_err(|e| e.long("dec-error-case-number-long"));
    let case_number = form.check("case_number", tr, case_number);
    let agenda = form.check(
        "agenda_url",
        tr,
        WebAddress::optional(&input.agenda_url, "dec-error-agenda-invalid"),
    );
    Ok(
        match (
            title,
            description,
            unit,
            committee,
            meeting,
            hearing,
            case_number,
            agenda,
        ) {
            (
                Some(title),
                Some(description),
                Some(unit),
                Some(committee),
                Some(meeting_on),
                Some(hearing),
                Some(case_number),
                Some(agenda),
            ) => Some(DecisionData {
                title,
                description,
                unit,
                committee,
                meeting_on,
                hearing,
                case_number,
                agenda,
            }),
            _ => None,
        },
    )
}

impl FormPage {
    /// The form for a new decision of `m`.
    fn new_decision(f: Frame, m: Municipality, form: Form) -> FormPage {
        FormPage {
            heading: f.tr.t("dec-new-title"),
            action: format!("/municipalities/{}/decisions/new", m.slug),
            back: format!("/municipalities/{}/decisions", m.slug),
            f,
            m,
            form,
        }
    }

    /// The form for editing `d`.
    fn edit(f: Frame, m: Municipality, d: &super::Decision, form: Form) -> FormPage {
        FormPage {
            heading: f.tr.t1("dec-edit-title", "title", &d.title),
            action: format!("{}/edit", d.path()),
            back: d.path(),
            f,
            m,
            form,
        }
    }
}

fn respond(page: FormPage) -> Response {
    let invalid = page.form.has_errors();
    Page::form(page, invalid)
}

/// `GET /municipalities/{municipality}/decisions/new`.
pub async fn new_form(
    State(state): State<AppState>,
    f: Frame,
    StaffMunicipality(m): StaffMunicipality,
) -> Result<Response, AppError> {
    let form = draw(&state, &f, &m, &DecisionInput::default()).await?;
    Ok(respond(FormPage::new_decision(f, m, form)))
}

/// `POST /municipalities/{municipality}/decisions/new`.
pub async fn create(
    State(state): State<AppState>,
    f: Frame,
    user: CurrentUser,
    StaffMunicipality(m): StaffMunicipality,
    PostForm(input): PostForm<DecisionInput>,
) -> Result<Response, AppError> {
    let mut form = draw(&state, &f, &m, &input).await?;
    let Some(d) = parse(&state, &f, &input, &mut form, true).await? else {
        return Ok(respond(FormPage::new_decision(f, m, form)));
    };
    let id = publish_decision(&state, &m, user.id, &d).await?;
    Ok(Redirect::to(&format!("{}?done=published", super::path(&m.slug, id))).into_response())
}

/// Publishes upcoming decision `d` of municipality `m`, by staff member `by`.
pub async fn publish_decision(
    state: &AppState,
    m: &Municipality,
    by: Uuid,
    d: &DecisionData,
) -> Result<Uuid, AppError> {
    let id = Uuid::new_v4();
    let mut conn = state.db.acquire().await?;
    let new = Some((m.code.as_str(), by));
    write(&mut conn, id, new, d, state.clock.now()).await?;
    Ok(id)
}

/// Writes decision `id`'s fields as `d` says, the one place that lists them: a new decision
/// when `new` names its municipality and who published it, else the stored decision's fields.
async fn write(
    conn: &mut sqlx::PgConnection,
    id: Uuid,
    new: Option<(&str, Uuid)>,
    d: &DecisionData,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), AppError> {
    // An edit inserts nothing: the row exists, so the conflict turns the insert into the
    // update (municipality and publisher then read from the row only to satisfy the insert's
    // NOT NULL; the update leaves them as they are).
    sqlx::query!(
        r#"INSERT INTO decisions (id, municipality_code, title, description, unit_id, committee_id,
               meeting_on, hearing_from, hearing_to, created_by, created_at, updated_at,
               case_number, agenda_url)
           VALUES ($1, coalesce($2, (SELECT municipality_code FROM decisions WHERE id = $1)),
                   $3, $4, $5, $6, $7, $8, $9,
                   coalesce($10, (SELECT created_by FROM decisions WHERE id = $1)), $11, $11,
                   $12, $13)
           ON CONFLICT (id) DO UPDATE SET
               (title, description, unit_id, committee_id, meeting_on, hearing_from, hearing_to,
                updated_at, case_number, agenda_url)
             = (EXCLUDED.title, EXCLUDED.description, EXCLUDED.unit_id, EXCLUDED.committee_id,
                EXCLUDED.meeting_on, EXCLUDED.hearing_from, EXCLUDED.hearing_to,
                EXCLUDED.updated_at, EXCLUDED.case_number, EXCLUDED.agenda_url)"#,
        id,
        new.map(|n| n.0),
        d.title.as_str(),
        d.description.as_str(),
        d.unit,
        d.committee,
        d.meeting_on,
        d.hearing.map(|h| h.0),
        d.hearing.map(|h| h.1),
        new.map(|n| n.1),
        now,
        d.case_number.as_str(),
        d.agenda.as_ref().map_or("", |a| a.as_str())
    )
    .execute(&mut *conn)
    .await?;
    // The committee hears of its meeting's salons before it (a new date, a new briefing).
    super::briefing::schedule(conn, d.committee, d.meeting_on, now).await?;
    Ok(())
}

/// A decision is edited only while it is upcoming. Once decided, what stands is its outcome
/// (corrected in public through the outcome form); once withdrawn, it stays as it was
/// withdrawn. Editing either — a new meeting date after the outcome, say — would make the
/// record say something that did not happen, so the form is not there for them.
fn editable(d: &super::Decision) -> Result<(), AppError> {
    if d.is_open() {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

/// `GET /municipalities/{municipality}/decisions/{decision}/edit`.
pub async fn edit_form(
    State(state): State<AppState>,
    f: Frame,
    StaffMunicipality(m): StaffMunicipality,
    Ids((_, id)): Ids<(String, DecisionId)>,
) -> Result<Response, AppError> {
    let mut conn = state.db.acquire().await?;
    let d = super::load(&mut conn, &m.slug, id).await?;
    drop(conn);
    editable(&d)?;
    let input = DecisionInput {
        title: d.title.clone(),
        description: d.description.clone(),
        unit: d.unit_id.to_string(),
        committee: d.committee_id.to_string(),
        meeting_on: d.meeting_on.to_string(),
        hearing_from: d.hearing_from.map(|x| x.to_string()).unwrap_or_default(),
        hearing_to: d.hearing_to.map(|x| x.to_string()).unwrap_or_default(),
        case_number: d.case_number.clone(),
        agenda_url: d.agenda_url.clone(),
    };
    let form = draw(&state, &f, &m, &input).await?;
    Ok(respond(FormPage::edit(f, m, &d, form)))
}

/// `POST /municipalities/{municipality}/decisions/{decision}/edit`.
pub async fn save(
    State(state): State<AppState>,
    f: Frame,
    StaffMunicipality(m): StaffMunicipality,
    Ids((_, id)): Ids<(String, DecisionId)>,
    PostForm(input): PostForm<DecisionInput>,
) -> Result<Response, AppError> {
    let mut conn = state.db.acquire().await?;
    let d = super::load(&mut conn, &m.slug, id).await?;
    drop(conn);
    editable(&d)?;
    let mut form = draw(&state, &f, &m, &input).await?;
    let Some(data) = parse(&state, &f, &input, &mut form, false).await? else {
        return Ok(respond(FormPage::edit(f, m, &d, form)));
    };
    let mut tx = state.db.begin().await?;
    write(&mut tx, d.id, None, &data, state.clock.now()).await?;
    // A new meeting date matters to those planning salons before it.
    if d.is_open() && data.meeting_on != d.meeting_on {
        let moved = Event::Moved {
            day: data.meeting_on,
        };
        super::tell::news(&mut tx, &state, &d, moved).await?;
    }
    tx.commit().await?;
    state.job_wake.notify_one();
    Ok(Redirect::to(&format!("{}?done=saved", d.path())).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hearing_period_has_both_dates_in_order() {
        assert_eq!(parse_hearing("", ""), Ok(None));
        let (a, b) = parse_hearing("2026-12-01", "2026-12-15").unwrap().unwrap();
        assert!(a < b);
        assert_eq!(
            parse_hearing("2026-12-15", "2026-12-01"),
            Err(Invalid("dec-error-hearing-order"))
        );
        assert_eq!(
            parse_hearing("2026-12-15", ""),
            Err(Invalid("dec-error-hearing-both"))
        );
        assert_eq!(
            parse_hearing("15-12-2026", ""),
            Err(Invalid("dec-error-date"))
        );
    }
}
