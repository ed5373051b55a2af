//! The create/edit form: what was typed ([`SalonInput`], read from the posted body because
//! session rows repeat), how it is drawn ([`SalonForm`]) and what it parses into
//! ([`SalonData`]). "Add another session" and "remove" are submit buttons, so the form works
//! without JavaScript: the page comes back with one row more or less and everything kept.

use uuid::Uuid;

use super::markdown;
use super::values::{
    Capacity, Description, MunicipalSeats, OnlineLink, Question, SalonTitle, SessionError,
    SessionTimes, ShortText, Topics,
};
use super::{Format, Visibility};
use crate::domain::Invalid;
use crate::web::forms::{Field, Form};
use crate::web::i18n::Tr;

/// At most this many sessions per salon.
const MAX_SESSIONS: usize = 20;

/// The venue's accessibility facts: the checkbox names, in order.
pub const ACCESS_CHECKS: [&str; 4] = [
    "step_free",
    "accessible_toilet",
    "hearing_loop",
    "sign_language",
];

/// One session row as typed.
#[derive(Clone, Debug, Default)]
pub struct SessionInput {
    /// The stored session's id when editing; empty for a new row.
    pub id: String,
    pub date: String,
    pub start: String,
    pub end: String,
    /// The session's own place, when it differs from the salon's (may be empty).
    pub place_name: String,
    pub address: String,
}

/// Which button sent the form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    Save,
    AddSession,
    RemoveSession(usize),
}

impl Action {
    fn parse(raw: &str) -> Action {
        match raw {
            "add-session" => Action::AddSession,
            other => match other
                .strip_prefix("remove-session-")
                .and_then(|i| i.parse().ok())
            {
                Some(i) => Action::RemoveSession(i),
                None => Action::Save,
            },
        }
    }
}

/// The form as typed: each input by name; the checkboxes as whether they were ticked.
#[derive(Clone, Debug)]
pub struct SalonInput {
    pub title: String,
    pub question: String,
    pub description: String,
    pub municipality: String,
    pub town: String,
    pub format: String,
    pub place_name: String,
    pub address: String,
    pub address_private: bool,
    pub online_link: String,
    pub capacity: String,
    pub municipal_seats: String,
    pub visibility: String,
    pub topics: String,
    pub step_free: bool,
    pub accessible_toilet: bool,
    pub hearing_loop: bool,
    pub sign_language: bool,
    pub accessibility_note: String,
    /// The upcoming decision the salon is about (a new salon only).
    pub decision: String,
    /// The built-in format (guide) a new salon was started from, by its slug; may be empty.
    pub guide: String,
    pub sessions: Vec<SessionInput>,
    pub action: Action,
}

impl SalonInput {
    /// A new salon's form: in person, public, two municipal seats, one empty session.
    pub fn blank() -> SalonInput {
        SalonInput {
            title: String::new(),
            question: String::new(),
            description: String::new(),
            municipality: String::new(),
            town: String::new(),
            format: "in_person".into(),
            place_name: String::new(),
            address: String::new(),
            address_private: false,
            online_link: String::new(),
            capacity: String::new(),
            municipal_seats: "2".into(),
            visibility: "public".into(),
            topics: String::new(),
            step_free: false,
            accessible_toilet: false,
            hearing_loop: false,
            sign_language: false,
            accessibility_note: String::new(),
            decision: String::new(),
            guide: String::new(),
            sessions: vec![SessionInput::default()],
            action: Action::Save,
        }
    }

    /// Reads a posted `application/x-www-form-urlencoded` body. The session rows are named by
    /// their number (`session-2-date`), so the body is read pair by pair rather than by serde;
    /// an unknown name is ignored, and a repeated one keeps its last value.
    pub fn from_body(body: &[u8]) -> SalonInput {
        let mut input = SalonInput::blank();
        input.format.clear();
        input.visibility.clear();
        input.municipal_seats.clear();
        let mut rows: std::collections::BTreeMap<usize, SessionInput> = Default::default();
        for (k, v) in url::form_urlencoded::parse(body) {
            if let Some(rest) = k.strip_prefix("session-") {
                let Some((i, part)) = rest.split_once('-') else {
                    continue;
                };
                let Ok(i) = i.parse::<usize>() else { continue };
                if i >= MAX_SESSIONS * 2 {
                    continue;
                }
                let row = rows.entry(i).or_default();
                match part {
                    "id" => row.id = v.into_owned(),
                    "date" => row.date = v.into_owned(),
                    "start" => row.start = v.into_owned(),
                    "end" => row.end = v.into_owned(),
                    "place_name" => row.place_name = v.into_owned(),
                    "address" => row.address = v.into_owned(),
                    _ => {}
                }
                continue;
            }
            let ticked = !v.is_empty();
            match k.as_ref() {
                "action" => input.action = Action::parse(&v),
                "title" => input.title = v.into_owned(),
                "question" => input.question = v.into_owned(),
                "description" => input.description = v.into_owned(),
                "municipality" => input.municipality = v.into_owned(),
                "town" => input.town = v.into_owned(),
                "format" => input.format = v.into_owned(),
                "place_name" => input.place_name = v.into_owned(),
                "address" => input.address = v.into_owned(),
                "address_private" => input.address_private = ticked,
                "online_link" => input.online_link = v.into_owned(),
                "capacity" => input.capacity = v.into_owned(),
                "municipal_seats" => input.municipal_seats = v.into_owned(),
                "visibility" => input.visibility = v.into_owned(),
                "topics" => input.topics = v.into_owned(),
                "step_free" => input.step_free = ticked,
                "accessible_toilet" => input.accessible_toilet = ticked,
                "hearing_loop" => input.hearing_loop = ticked,
                "sign_language" => input.sign_language = ticked,
                "accessibility_note" => input.accessibility_note = v.into_owned(),
                "decision" => input.decision = v.into_owned(),
                "guide" => input.guide = v.into_owned(),
                _ => {}
            }
        }
        input.sessions = rows.into_values().collect();
        input.sessions.truncate(MAX_SESSIONS);
        if input.sessions.is_empty() {
            input.sessions.push(SessionInput::default());
        }
        input
    }

    /// A session typed with a start and no end lasts as long as the chosen format's programme:
    /// whoever picked "Kaffesalon – 90 min" should not have to do the sum. An end the host
    /// typed is kept, and one that would pass midnight is left for the host to give.
    pub fn end_sessions_by_guide(&mut self) {
        let Some(guide) = super::guides::Guide::parse(&self.guide) else {
            return;
        };
        let length = chrono::Duration::minutes(guide.minutes());
        for s in &mut self.sessions {
            let start = s.start.trim().replace('.', ":");
            let Ok(start) = chrono::NaiveTime::parse_from_str(&start, "%H:%M") else {
                continue;
            };
            let (end, wrapped) = start.overflowing_add_signed(length);
            if s.end.trim().is_empty() && wrapped == 0 {
                s.end = end.format("%H:%M").to_string();
            }
        }
    }

    /// Whether the accessibility checkbox `name` (one of [`ACCESS_CHECKS`]) is ticked.
    fn access(&self, name: &str) -> bool {
        match name {
            "step_free" => self.step_free,
            "accessible_toilet" => self.accessible_toilet,
            "hearing_loop" => self.hearing_loop,
            "sign_language" => self.sign_language,
            _ => false,
        }
    }

    /// Applies "add another session" or "remove"; true if the form is to be shown again.
    pub fn apply_action(&mut self) -> bool {
        match self.action {
            Action::Save => false,
            Action::AddSession => {
                if self.sessions.len() < MAX_SESSIONS {
                    self.sessions.push(SessionInput::default());
                }
                true
            }
            Action::RemoveSession(i) => {
                if self.sessions.len() > 1 && i < self.sessions.len() {
                    self.sessions.remove(i);
                }
                true
            }
        }
    }
}

/// One option of a select or a radio group.
#[derive(Clone, Debug)]
pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

/// A checkbox.
#[derive(Clone, Debug)]
pub struct Check {
    pub name: &'static str,
    pub label: String,
    pub checked: bool,
}

/// A session row as drawn.
#[derive(Clone, Debug)]
pub struct SessionRow {
    pub index: usize,
    /// "Møde 2", and the remove button's text.
    pub legend: String,
    pub remove_label: String,
    pub input: SessionInput,
    pub date_error: Option<String>,
    pub start_error: Option<String>,
    pub end_error: Option<String>,
    pub place_name_error: Option<String>,
    pub address_error: Option<String>,
}

impl SessionRow {
    pub fn id(&self, part: &str) -> String {
        format!("session-{}-{part}", self.index)
    }

    fn error(&self, part: &str) -> Option<&String> {
        match part {
            "date" => self.date_error.as_ref(),
            "start" => self.start_error.as_ref(),
            "end" => self.end_error.as_ref(),
            "place_name" => self.place_name_error.as_ref(),
            "address" => self.address_error.as_ref(),
            _ => None,
        }
    }

    /// `aria-describedby` for one of the row's inputs: its error, if any, and for the own
    /// place's inputs the hint of the `<details>` they sit in.
    pub fn described_by(&self, part: &str) -> String {
        let mut ids = Vec::new();
        if matches!(part, "place_name" | "address") {
            ids.push(self.id("place-hint"));
        }
        if self.error(part).is_some() {
            ids.push(format!("{}-error", self.id(part)));
        }
        ids.join(" ")
    }

    /// Whether the row's own place is shown unfolded: when something is typed there or wrong.
    pub fn place_open(&self) -> bool {
        !self.input.place_name.trim().is_empty()
            || !self.input.address.trim().is_empty()
            || self.place_name_error.is_some()
            || self.address_error.is_some()
    }
}

/// The form as the template draws it.
#[derive(Clone, Debug)]
pub struct SalonForm {
    /// Where the form posts.
    pub action: String,
    pub editing: bool,
    /// The text-like inputs, each drawn with `forms/field.html`.
    pub text: Form,
    pub municipalities: Vec<Choice>,
    pub municipality_error: Option<String>,
    pub formats: Vec<Choice>,
    pub format_error: Option<String>,
    pub visibilities: Vec<Choice>,
    pub visibility_error: Option<String>,
    pub address_private: bool,
    pub checks: Vec<Check>,
    pub sessions: Vec<SessionRow>,
    /// The formats a new salon may start from; empty once the host has typed (a link would
    /// throw the typing away) and when editing.
    pub guides: Vec<super::guides::GuideLink>,
    /// A new salon may say which upcoming decision it is about (a later link is on its own
    /// page): the open decisions by municipality, the chosen one, and what is wrong with it.
    pub decisions: Vec<crate::decisions::LinkChoice>,
    pub decision: String,
    pub decision_error: Option<String>,
    /// A problem with the form as a whole (a limit reached), shown above it.
    pub problem: Option<String>,
    /// The format a new salon was started from, sent along so it can set the sessions' length.
    pub guide: String,
}

impl SalonForm {
    /// The text-like field called `name`, if the form has one.
    pub fn field(&self, name: &str) -> Option<&Field> {
        self.text.field(name)
    }

    /// Every error with the id of the input it belongs to, in the form's order.
    pub fn errors(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        let text = |name: &str, out: &mut Vec<(String, String)>| {
            if let Some(f) = self.field(name)
                && let Some(e) = &f.error
            {
                out.push((f.id(), e.clone()));
            }
        };
        for name in ["title", "question", "description"] {
            text(name, &mut out);
        }
        if let Some(e) = &self.decision_error {
            out.push(("field-decision".into(), e.clone()));
        }
        if let Some(e) = &self.municipality_error {
            out.push(("field-municipality".into(), e.clone()));
        }
        text("town", &mut out);
        for row in &self.sessions {
            for (part, e) in [
                ("date", &row.date_error),
                ("start", &row.start_error),
                ("end", &row.end_error),
                ("place_name", &row.place_name_error),
                ("address", &row.address_error),
            ] {
                if let Some(e) = e {
                    out.push((row.id(part), e.clone()));
                }
            }
        }
        if let Some(e) = &self.format_error {
            out.push(("field-format-in_person".into(), e.clone()));
        }
        for name in [
            "place_name",
            "address",
            "online_link",
            "capacity",
            "municipal_seats",
        ] {
            text(name, &mut out);
        }
        if let Some(e) = &self.visibility_error {
            out.push(("field-visibility-public".into(), e.clone()));
        }
        for name in ["topics", "accessibility_note"] {
            text(name, &mut out);
        }
        out
    }

    pub fn has_errors(&self) -> bool {
        !self.errors().is_empty()
    }
}

/// A valid session row: the stored session's id, when the row is one, its times and its own
/// place (both empty when it meets where the salon does, or the salon has no place).
#[derive(Clone, Debug)]
pub struct SessionData {
    pub id: Option<Uuid>,
    pub times: SessionTimes,
    pub place_name: ShortText,
    pub address: ShortText,
}

/// A valid form.
#[derive(Clone, Debug)]
pub struct SalonData {
    pub title: SalonTitle,
    pub question: Question,
    pub description: Description,
    pub description_html: String,
    pub municipality_code: String,
    pub town: ShortText,
    pub format: Format,
    pub place_name: ShortText,
    pub address: ShortText,
    pub address_private: bool,
    /// Empty when the format has no link.
    pub online_link: String,
    pub capacity: Capacity,
    pub municipal_seats: MunicipalSeats,
    pub visibility: Visibility,
    pub topics: Topics,
    pub step_free: bool,
    pub accessible_toilet: bool,
    pub hearing_loop: bool,
    pub sign_language: bool,
    pub accessibility_note: ShortText,
    pub sessions: Vec<SessionData>,
}

/// Draws the form with what was typed (no errors yet). `municipalities` is (code, name).
pub fn draw(
    tr: &Tr,
    input: &SalonInput,
    municipalities: &[(String, String)],
    action: String,
    editing: bool,
) -> SalonForm {
    let text = Form::new(vec![
        Field::new(tr, "title", "text", "salon-field-title").value(&input.title),
        Field::new(tr, "question", "text", "salon-field-question")
            .value(&input.question)
            .hint(tr, "salon-field-question-hint"),
        Field::new(tr, "description", "textarea", "salon-field-description")
            .value(&input.description)
            .hint(tr, "salon-field-description-hint")
            .optional(),
        Field::new(tr, "town", "text", "salon-field-town")
            .value(&input.town)
            .optional(),
        Field::new(tr, "place_name", "text", "salon-field-place-name")
            .value(&input.place_name)
            .hint(tr, "salon-field-place-name-hint")
            .optional(),
        Field::new(tr, "address", "text", "salon-field-address")
            .value(&input.address)
            .hint(tr, "salon-field-address-hint")
            .required_when(),
        Field::new(tr, "online_link", "url", "salon-field-online-link")
            .value(&input.online_link)
            .hint(tr, "salon-field-online-link-hint")
            .required_when(),
        Field::new(tr, "capacity", "number", "salon-field-capacity")
            .value(&input.capacity)
            .hint(tr, "salon-field-capacity-hint")
            .optional(),
        Field::new(
            tr,
            "municipal_seats",
            "number",
            "salon-field-municipal-seats",
        )
        .value(&input.municipal_seats)
        .hint(tr, "salon-field-municipal-seats-hint"),
        Field::new(tr, "topics", "text", "salon-field-topics")
            .value(&input.topics)
            .hint(tr, "salon-field-topics-hint")
            .optional(),
        Field::new(
            tr,
            "accessibility_note",
            "text",
            "salon-field-accessibility-note",
        )
        .value(&input.accessibility_note)
        .optional(),
    ]);
    let municipalities = municipalities
        .iter()
        .map(|(code, name)| Choice {
            value: code.clone(),
            label: name.clone(),
            selected: *code == input.municipality,
        })
        .collect();
    let formats = Format::ALL
        .iter()
        .map(|f| Choice {
            value: f.as_str().to_string(),
            label: tr.t(&format!("salon-format-{}", f.as_str())),
            selected: f.as_str() == input.format,
        })
        .collect();
    let visibilities = Visibility::ALL
        .iter()
        .map(|x| Choice {
            value: x.as_str().to_string(),
            label: tr.t(&format!("salon-visibility-{}-choice", x.as_str())),
            selected: x.as_str() == input.visibility,
        })
        .collect();
    let checks = ACCESS_CHECKS
        .iter()
        .map(|name| Check {
            name,
            label: tr.t(&format!("salon-access-{name}")),
            checked: input.access(name),
        })
        .collect();
    let sessions = input
        .sessions
        .iter()
        .enumerate()
        .map(|(index, s)| SessionRow {
            index,
            legend: tr.t1("salon-form-session-n", "n", &(index + 1).to_string()),
            remove_label: tr.t1("salon-form-remove-session", "n", &(index + 1).to_string()),
            input: s.clone(),
            date_error: None,
            start_error: None,
            end_error: None,
            place_name_error: None,
            address_error: None,
        })
        .collect();
    SalonForm {
        action,
        editing,
        text,
        municipalities,
        municipality_error: None,
        formats,
        format_error: None,
        visibilities,
        visibility_error: None,
        address_private: input.address_private,
        checks,
        sessions,
        guides: Vec::new(),
        decisions: Vec::new(),
        decision: input.decision.clone(),
        decision_error: None,
        problem: None,
        guide: input.guide.clone(),
    }
}

/// Parses the typed form, putting a message by every wrong input; `None` if any is wrong.
pub fn parse(tr: &Tr, input: &SalonInput, form: &mut SalonForm) -> Option<SalonData> {
    let title = form
        .text
        .check("title", tr, SalonTitle::parse(&input.title));
    let question = form
        .text
        .check("question", tr, Question::parse(&input.question));
    let description = form
        .text
        .check("description", tr, Description::parse(&input.description));
    let known = form
        .municipalities
        .iter()
        .any(|m| m.value == input.municipality);
    if !known {
        form.municipality_error = Some(tr.t("error-salon-municipality-missing"));
    }
    let town = form.text.check("town", tr, ShortText::parse(&input.town));
    let format = Format::parse(&input.format);
    if format.is_none() {
        form.format_error = Some(tr.t("error-salon-format-missing"));
    }
    let has_place = format.is_some_and(Format::has_place);
    let has_link = format.is_some_and(Format::has_link);
    let place_name = if has_place {
        form.text
            .check("place_name", tr, ShortText::parse(&input.place_name))
    } else {
        Some(ShortText::default())
    };
    let address = if has_place {
        let parsed = ShortText::parse(&input.address).and_then(|a| {
            if a.is_empty() {
                Err(Invalid("error-salon-address-missing"))
            } else {
                Ok(a)
            }
        });
        form.text.check("address", tr, parsed)
    } else {
        Some(ShortText::default())
    };
    let online_link = if has_link {
        form.text
            .check("online_link", tr, OnlineLink::parse(&input.online_link))
            .map(|l| l.as_str().to_string())
    } else {
        Some(String::new())
    };
    let capacity = form
        .text
        .check("capacity", tr, Capacity::parse(&input.capacity));
    let municipal_seats = form.text.check(
        "municipal_seats",
        tr,
        MunicipalSeats::parse(&input.municipal_seats),
    );
    let visibility = Visibility::parse(&input.visibility);
    if visibility.is_none() {
        form.visibility_error = Some(tr.t("error-salon-visibility-missing"));
    }
    let topics = form.text.check("topics", tr, Topics::parse(&input.topics));
    let accessibility_note = form.text.check(
        "accessibility_note",
        tr,
        ShortText::parse(&input.accessibility_note),
    );

    let mut sessions = Vec::new();
    for row in &mut form.sessions {
        let s = &row.input;
        // A session's own place: only where the salon meets at a place at all (what was typed
        // for an online salon is kept in the form, but not saved). A name needs an address.
        let (place_name, address) = if has_place {
            let name = ShortText::parse(&s.place_name);
            let address = ShortText::parse(&s.address).and_then(|a| {
                if a.is_empty() && name.as_ref().is_ok_and(|n| !n.is_empty()) {
                    Err(Invalid("error-session-address-missing"))
                } else {
                    Ok(a)
                }
            });
            (name, address)
        } else {
            (Ok(ShortText::default()), Ok(ShortText::default()))
        };
        let times = SessionTimes::parse(&s.date, &s.start, &s.end);
        let id = Uuid::parse_str(s.id.trim()).ok();
        match times {
            Ok(_) => {}
            Err(SessionError::Date(Invalid(k))) => row.date_error = Some(tr.t(k)),
            Err(SessionError::Start(Invalid(k))) => row.start_error = Some(tr.t(k)),
            Err(SessionError::End(Invalid(k))) => row.end_error = Some(tr.t(k)),
        }
        if let Err(Invalid(k)) = &place_name {
            row.place_name_error = Some(tr.t(k));
        }
        if let Err(Invalid(k)) = &address {
            row.address_error = Some(tr.t(k));
        }
        if let (Ok(times), Ok(place_name), Ok(address)) = (times, place_name, address) {
            sessions.push(SessionData {
                id,
                times,
                place_name,
                address,
            });
        }
    }

    if form.has_errors() {
        return None;
    }
    let description = description?;
    Some(SalonData {
        title: title?,
        question: question?,
        description_html: markdown::render(description.as_str()),
        description,
        municipality_code: input.municipality.clone(),
        town: town?,
        format: format?,
        place_name: place_name?,
        address: address?,
        address_private: has_place && input.address_private,
        online_link: online_link?,
        capacity: capacity?,
        municipal_seats: municipal_seats?,
        visibility: visibility?,
        topics: topics?,
        step_free: input.step_free,
        accessible_toilet: input.accessible_toilet,
        hearing_loop: input.hearing_loop,
        sign_language: input.sign_language,
        accessibility_note: accessibility_note?,
        sessions,
    })
}

/// The 98 municipalities for the select, in Danish order: (code, name).
pub async fn municipalities(db: &sqlx::PgPool) -> sqlx::Result<Vec<(String, String)>> {
    let mut rows: Vec<(String, String)> = sqlx::query!("SELECT code, name FROM municipalities")
        .fetch_all(db)
        .await?
        .into_iter()
        .map(|r| (r.code, r.name))
        .collect();
    rows.sort_by_key(|(_, name)| crate::municipalities::danish_key(name));
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::web::i18n::Locale;

    fn munis() -> Vec<(String, String)> {
        vec![("0746".into(), "Skanderborg".into())]
    }

    #[test]
    fn session_rows_and_buttons_are_read_from_the_body() {
        let body = b"title=Liv&session-0-date=2026-12-05&session-0-start=14%3A00&session-0-end=16%3A00&session-1-date=2026-12-12&action=add-session";
        let mut input = SalonInput::from_body(body);
        assert_eq!(input.title, "Liv");
        assert_eq!(input.sessions.len(), 2);
        assert_eq!(input.sessions[1].date, "2026-12-12");
        assert!(input.apply_action());
        assert_eq!(input.sessions.len(), 3);
        input.action = Action::RemoveSession(1);
        assert!(input.apply_action());
        assert_eq!(input.sessions.len(), 2);
        assert_eq!(input.sessions[1].date, "");
    }

    #[test]
    fn a_session_may_meet_elsewhere_but_a_place_needs_its_address() {
        let tr = Tr::new(Locale::Da);
        let body = b"title=Liv+i+Ry&question=Hvordan%3F&municipality=0746&format=in_person&visibility=public&municipal_seats=2&address=Torvet+1&session-0-date=2026-12-05&session-0-start=14%3A00&session-0-end=16%3A00&session-1-date=2026-12-12&session-1-start=19%3A00&session-1-end=21%3A00&session-1-place_name=Ry+Kirke";
        let mut input = SalonInput::from_body(body);
        assert_eq!(input.sessions[1].place_name, "Ry Kirke");
        let mut form = draw(&tr, &input, &munis(), "/salons/new".into(), false);
        assert!(!form.sessions[0].place_open());
        assert!(parse(&tr, &input, &mut form).is_none());
        assert!(form.sessions[1].address_error.is_some());
        assert!(form.sessions[1].place_open());
        assert_eq!(
            form.sessions[1].described_by("address"),
            "session-1-place-hint session-1-address-error"
        );

        input.sessions[1].address = " Kirkegade  3 ".into();
        let mut form = draw(&tr, &input, &munis(), "/salons/new".into(), false);
        let data = parse(&tr, &input, &mut form).expect("valid");
        assert!(data.sessions[0].address.is_empty());
        assert_eq!(data.sessions[1].place_name.as_str(), "Ry Kirke");
        assert_eq!(data.sessions[1].address.as_str(), "Kirkegade 3");

        // An online salon keeps no place for its sessions either.
        input.format = "online".into();
        input.online_link = "https://meet.example.dk/ry".into();
        let mut form = draw(&tr, &input, &munis(), "/salons/new".into(), false);
        let data = parse(&tr, &input, &mut form).expect("valid");
        assert!(data.sessions[1].address.is_empty());
        assert!(
            form.sessions[1].place_open(),
            "what was typed stays visible"
        );
    }

    #[test]
    fn a_format_gives_a_session_without_an_end_its_length() {
        let body = b"guide=kaffesalon&session-0-date=2026-12-05&session-0-start=14.00&session-1-date=2026-12-12&session-1-start=19%3A00&session-1-end=20%3A00&session-2-date=2026-12-13&session-2-start=23%3A00";
        let mut input = SalonInput::from_body(body);
        input.end_sessions_by_guide();
        let ends: Vec<&str> = input.sessions.iter().map(|s| s.end.as_str()).collect();
        // 90 minutes; a typed end stays; past midnight is the host's to say.
        assert_eq!(ends, ["15:30", "20:00", ""]);
        let mut plain = SalonInput::from_body(b"session-0-date=2026-12-05&session-0-start=14%3A00");
        plain.end_sessions_by_guide();
        assert_eq!(plain.sessions[0].end, "");
    }

    #[test]
    fn the_format_decides_what_is_required() {
        let tr = Tr::new(Locale::Da);
        let body = b"title=Liv+i+Ry&question=Hvordan%3F&municipality=0746&format=online&visibility=public&municipal_seats=2&session-0-date=2026-12-05&session-0-start=14%3A00&session-0-end=16%3A00&address=Torvet+1";
        let input = SalonInput::from_body(body);
        let mut form = draw(&tr, &input, &munis(), "/salons/new".into(), false);
        assert!(parse(&tr, &input, &mut form).is_none());
        assert!(form.text.has_error("online_link"));
        assert!(!form.text.has_error("address"));

        let mut input = input;
        input.online_link = "https://meet.example.dk/ry".into();
        input.topics = "Byliv, byliv".into();
        let mut form = draw(&tr, &input, &munis(), "/salons/new".into(), false);
        let data = parse(&tr, &input, &mut form).expect("valid");
        assert_eq!(
            data.address.as_str(),
            "",
            "an online salon keeps no address"
        );
        assert_eq!(data.topics.as_slice(), ["byliv"]);
        assert_eq!(data.sessions.len(), 1);
    }
}
