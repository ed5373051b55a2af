//! What the salon page shows of the conversation: the rows its one query loaded, put in order
//! (pinned first, then oldest first; replies under their item), with what the viewer may do to
//! each, and the forms with what was typed and why it was refused.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::{Kind, open_kind};
use crate::auth::CurrentUser;
use crate::salons::SalonStatus;
use crate::web::forms::{Field, Form};
use crate::web::i18n::Tr;

/// One stored item, as the salon page's query loads it.
#[derive(Clone, Debug, serde::Deserialize)]
pub struct Row {
    pub id: Uuid,
    pub kind: Kind,
    pub parent_id: Option<Uuid>,
    /// Empty when hidden or deleted by its author: such text never leaves the database.
    pub body: String,
    pub author_id: Uuid,
    /// Empty for a deleted account.
    pub author_name: String,
    pub author_since: DateTime<Utc>,
    /// The unit it answers for ("svar fra …").
    pub unit: Option<String>,
    pub answered: bool,
    pub pinned: bool,
    pub hidden_reason: Option<String>,
    pub deleted: bool,
    pub created_at: DateTime<Utc>,
}

/// A unit the viewer answers for that this salon invited or gave a next step.
#[derive(Clone, Debug, serde::Deserialize)]
pub struct AnswerUnit {
    pub id: Uuid,
    pub name: String,
    /// Invited (answers before and after); otherwise it owns a next step (after only).
    pub invited: bool,
}

/// What the viewer's relation to the salon lets them do in its conversation.
#[derive(Clone, Debug, Default)]
pub struct Standing {
    pub is_host: bool,
    pub units: Vec<AnswerUnit>,
    /// The viewer owns a next step of the salon in person.
    pub owns_step: bool,
}

impl Standing {
    /// Whether someone may reply to an item of `kind` asked by `asker`, and in which unit's
    /// name: `Some(Some(unit))` for an answer in a municipal role, `Some(None)` for a host, the
    /// asker or a next step's owner in person, `None` for anyone else. A municipal role comes
    /// first: an answer from the municipality shows whose it is.
    pub fn reply_as(&self, kind: Kind, asker: Uuid, viewer: Uuid) -> Option<Option<Uuid>> {
        let unit = self
            .units
            .iter()
            .find(|u| u.invited || kind == Kind::After)
            .map(|u| u.id);
        if unit.is_some() {
            return Some(unit);
        }
        (self.is_host || asker == viewer || (kind == Kind::After && self.owns_step)).then_some(None)
    }
}

/// Part of an item's text: plain words, or a web address shown as a link.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Segment {
    Text(String),
    Link(String),
}

impl Segment {
    pub fn text(&self) -> &str {
        match self {
            Segment::Text(t) | Segment::Link(t) => t,
        }
    }

    pub fn is_link(&self) -> bool {
        matches!(self, Segment::Link(_))
    }
}

/// Plain text with its `http(s)://` addresses as links, unless `links_as_text` (an account
/// younger than a day wrote it). The template escapes every segment.
pub fn segments(body: &str, links_as_text: bool) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::new();
    let push_text = |out: &mut Vec<Segment>, s: &str| match out.last_mut() {
        Some(Segment::Text(t)) => t.push_str(s),
        _ => out.push(Segment::Text(s.to_string())),
    };
    for word in body.split_inclusive(char::is_whitespace) {
        let trimmed = word.trim_end();
        let is_link = !links_as_text
            && (trimmed.starts_with("https://") || trimmed.starts_with("http://"))
            && url::Url::parse(trimmed).is_ok();
        if is_link {
            // A sentence's full stop or comma after an address is not part of it.
            let bare = trimmed.trim_end_matches(['.', ',', ')', '!', '?', ';', ':']);
            out.push(Segment::Link(bare.to_string()));
            push_text(&mut out, &word[bare.len()..]);
        } else {
            push_text(&mut out, word);
        }
    }
    out
}

/// One item as shown.
#[derive(Clone, Debug)]
pub struct Item {
    pub id: Uuid,
    pub author: String,
    /// "svar fra Teknik og Miljø".
    pub badge: Option<String>,
    pub when: String,
    pub text: Vec<Segment>,
    /// In the text's place: the moderators' reason, or "slettet af forfatteren".
    pub placeholder: Option<String>,
    pub hidden: bool,
    pub answered: bool,
    pub pinned: bool,
    pub replies: Vec<Item>,
    /// The viewer may reply (top-level items of an open section).
    pub can_reply: bool,
    /// What the viewer typed into this item's reply form, and why it was refused.
    pub reply_text: String,
    pub reply_error: Option<String>,
    /// The viewer hosts the salon: mark answered, pin.
    pub host_actions: bool,
    pub can_delete: bool,
    pub can_report: bool,
}

/// One of the two sections.
#[derive(Clone, Debug)]
pub struct Part {
    pub kind: Kind,
    pub heading: String,
    pub items: Vec<Item>,
    /// The form for a new item, when the viewer may write one now.
    pub form: Option<Form>,
    /// Why there is no form: read-only, or sign in first.
    pub note: Option<String>,
    /// The form's button.
    pub submit: String,
}

/// The conversation on a salon page: its sections (none for a draft or a hidden salon).
#[derive(Clone, Debug, Default)]
pub struct Section {
    pub parts: Vec<Part>,
}

/// What the salon page knows when it builds the section.
pub struct Context<'a> {
    pub tr: &'a Tr,
    pub viewer: Option<&'a CurrentUser>,
    pub status: SalonStatus,
    pub hidden: bool,
    pub summary_published_at: Option<DateTime<Utc>>,
    pub standing: Standing,
    pub now: DateTime<Utc>,
}

impl Section {
    /// Builds the section from the salon's rows.
    pub fn build(cx: Context<'_>, rows: Vec<Row>) -> Section {
        // A hidden salon hides its conversation with it; a draft has none yet.
        if cx.hidden || cx.status == SalonStatus::Draft {
            return Section::default();
        }
        let open = open_kind(cx.status, cx.summary_published_at, cx.now);
        let mut kinds = vec![Kind::Before];
        if cx.summary_published_at.is_some() {
            kinds.push(Kind::After);
        }
        let parts = kinds
            .into_iter()
            .filter(|k| open == Some(*k) || rows.iter().any(|r| r.kind == *k))
            .map(|kind| part(&cx, kind, open == Some(kind), &rows))
            .collect();
        Section { parts }
    }

    /// The ask form again with `text` and the refusal `message`.
    pub fn ask_failed(&mut self, text: &str, message: String) {
        for part in &mut self.parts {
            if let Some(form) = &mut part.form {
                if let Some(field) = form.field_mut("body") {
                    field.value = text.to_string();
                    field.error = Some(message.clone());
                }
            }
        }
    }

    /// The reply form of `item` again with `text` and the refusal `message`.
    pub fn reply_failed(&mut self, item: Uuid, text: &str, message: String) {
        for i in self.parts.iter_mut().flat_map(|p| p.items.iter_mut()) {
            if i.id == item {
                i.reply_text = text.to_string();
                i.reply_error = Some(message.clone());
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.parts.is_empty()
    }
}

/// The new-item form of a section.
pub fn form(tr: &Tr, kind: Kind) -> Form {
    Form::new(vec![
        Field::new(
            tr,
            "body",
            "textarea",
            &format!("conv-field-{}", kind.as_str()),
        )
        .hint(tr, "conv-field-hint"),
    ])
    .prefixed("conversation")
}

fn part(cx: &Context<'_>, kind: Kind, open: bool, rows: &[Row]) -> Part {
    let tr = cx.tr;
    let viewer = cx.viewer;
    let mut tops: Vec<&Row> = rows
        .iter()
        .filter(|r| r.kind == kind && r.parent_id.is_none())
        .collect();
    // Pinned first; otherwise in the order written (the rows come oldest first).
    tops.sort_by_key(|r| !r.pinned);
    let items = tops
        .into_iter()
        .map(|top| {
            let mut item = shown(cx, top);
            item.replies = rows
                .iter()
                .filter(|r| r.parent_id == Some(top.id))
                .map(|r| shown(cx, r))
                .collect();
            item.can_reply = open
                && item.placeholder.is_none()
                && viewer.is_some_and(|v| {
                    v.verified && cx.standing.reply_as(kind, top.author_id, v.id).is_some()
                });
            item.host_actions = cx.standing.is_host;
            item
        })
        .collect();
    let (form, note) = match (open, viewer) {
        (true, Some(v)) if v.verified => (Some(form(tr, kind)), None),
        (true, Some(_)) => (None, Some(tr.t("conv-note-verify"))),
        (true, None) => (None, Some(tr.t("conv-note-sign-in"))),
        (false, _) => (
            None,
            Some(tr.t(&format!("conv-note-closed-{}", kind.as_str()))),
        ),
    };
    Part {
        kind,
        heading: tr.t(&format!("conv-heading-{}", kind.as_str())),
        submit: tr.t(&format!("conv-action-{}", kind.as_str())),
        items,
        form,
        note,
    }
}

fn shown(cx: &Context<'_>, r: &Row) -> Item {
    let tr = cx.tr;
    let placeholder = match (&r.hidden_reason, r.deleted) {
        (Some(reason), _) => Some(crate::moderation::public_reason(tr, reason)),
        (None, true) => Some(tr.t("conv-deleted-by-author")),
        (None, false) => None,
    };
    let own = cx.viewer.is_some_and(|v| v.id == r.author_id);
    let links_as_text = crate::limits::links_as_text(Some(r.author_since), cx.now);
    Item {
        id: r.id,
        author: if r.author_name.is_empty() {
            tr.t("salon-deleted-user")
        } else {
            r.author_name.clone()
        },
        badge: r.unit.as_ref().map(|u| tr.t1("conv-badge-unit", "unit", u)),
        when: tr.datetime(r.created_at),
        text: segments(&r.body, links_as_text),
        hidden: r.hidden_reason.is_some(),
        answered: r.answered,
        pinned: r.pinned,
        replies: Vec::new(),
        can_reply: false,
        reply_text: String::new(),
        reply_error: None,
        host_actions: false,
        can_delete: own && !r.deleted,
        can_report: cx.viewer.is_some() && !own && placeholder.is_none(),
        placeholder,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_become_links_and_the_rest_stays_text() {
        let s = segments("Se https://example.dk/sti. Tak", false);
        assert_eq!(
            s,
            vec![
                Segment::Text("Se ".into()),
                Segment::Link("https://example.dk/sti".into()),
                Segment::Text(". Tak".into()),
            ]
        );
        assert_eq!(
            segments("Se https://example.dk", true),
            vec![Segment::Text("Se https://example.dk".into())]
        );
        assert_eq!(
            segments("javascript:alert(1) og\nny linje", false),
            vec![Segment::Text("javascript:alert(1) og\nny linje".into())]
        );
    }
}
