//! How a salon looks when it is shared or crawled: schema.org `Event` JSON-LD and Open Graph
//! tags for the salon page's `<head>`.

use chrono::{DateTime, SecondsFormat, Utc};
use pulldown_cmark::{Event, Parser, TagEnd};
use serde::Serialize;

use crate::salons::{Format, SalonStatus};

/// What the salon page puts in its `<head>`.
#[derive(Clone, Debug)]
pub struct Share {
    /// The JSON-LD, escaped so it can stand inside `<script type="application/ld+json">`.
    pub json_ld: String,
    pub og_title: String,
    pub og_description: String,
    pub og_url: String,
}

/// The facts about a salon that sharing shows: only what any visitor may see.
pub struct SharedSalon<'a> {
    pub title: &'a str,
    pub question: &'a str,
    /// The host's Markdown.
    pub description: &'a str,
    pub status: SalonStatus,
    pub format: Format,
    /// The place's name and address, `None` when the host keeps the address for registered
    /// people or the salon meets online only.
    pub place: Option<(&'a str, &'a str)>,
    pub town: &'a str,
    pub municipality_name: &'a str,
    pub first_start: Option<DateTime<Utc>>,
    pub last_end: Option<DateTime<Utc>>,
    pub hosts: &'a [String],
    /// The page's absolute URL.
    pub url: String,
}

// The JSON-LD of an event, written straight from borrowed parts (no tree of values built and
// walked on every view). The fields stand in the order of their names, the order the page has
// always written them in.
#[derive(Serialize)]
struct EventLd<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    description: &'a str,
    #[serde(rename = "endDate", skip_serializing_if = "Option::is_none")]
    end: Option<String>,
    #[serde(rename = "eventAttendanceMode")]
    mode: &'static str,
    #[serde(rename = "eventStatus")]
    status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    location: Option<Locations<'a>>,
    name: &'a str,
    organizer: Vec<Person<'a>>,
    #[serde(rename = "startDate", skip_serializing_if = "Option::is_none")]
    start: Option<String>,
    url: &'a str,
}

#[derive(Serialize)]
#[serde(untagged)]
enum Locations<'a> {
    One(Location<'a>),
    Many(Vec<Location<'a>>),
}

#[derive(Serialize)]
#[serde(untagged)]
enum Location<'a> {
    Place {
        #[serde(rename = "@type")]
        kind: &'static str,
        address: PostalAddress<'a>,
        name: &'a str,
    },
    Virtual {
        #[serde(rename = "@type")]
        kind: &'static str,
        url: &'a str,
    },
}

/// A place in a town: its street address when anyone may see it.
fn place<'a>(locality: &'a str, street: Option<&'a str>, name: &'a str) -> Location<'a> {
    Location::Place {
        kind: "Place",
        address: PostalAddress {
            kind: "PostalAddress",
            country: "DK",
            locality,
            street,
        },
        name,
    }
}

#[derive(Serialize)]
struct PostalAddress<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "addressCountry")]
    country: &'static str,
    #[serde(rename = "addressLocality")]
    locality: &'a str,
    #[serde(rename = "streetAddress", skip_serializing_if = "Option::is_none")]
    street: Option<&'a str>,
}

#[derive(Serialize)]
struct Person<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
}

/// Markdown as plain text: the words without the marks, paragraphs joined by a space.
pub fn plain_text(markdown: &str) -> String {
    let mut out = String::new();
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak
            | Event::HardBreak
            | Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item) => out.push(' '),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// JSON made safe inside a `<script>` element: `<`, `>` and `&` as `\u` escapes (still the
/// same JSON), so no text in it can close the element or open a comment.
pub fn script_safe(json: &str) -> String {
    // Copied a run at a time between the three characters: character by character cost the
    // salon page ~20,000 instructions for its ~1 KB of JSON-LD.
    let mut out = String::with_capacity(json.len() + 16);
    let mut rest = json;
    // ASCII bytes: never inside a multi-byte character, so `at` is a character boundary.
    while let Some(at) = rest.bytes().position(|b| matches!(b, b'<' | b'>' | b'&')) {
        out.push_str(&rest[..at]);
        out.push_str(match rest.as_bytes()[at] {
            b'<' => "\\u003c",
            b'>' => "\\u003e",
            _ => "\\u0026",
        });
        rest = &rest[at + 1..];
    }
    out.push_str(rest);
    out
}

fn rfc3339(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// At most `max` characters, cut at a word with "…".
/// A page's `<meta name="description">` from a plain text: one line, about what a search
/// result shows.
pub fn meta_description(text: &str) -> String {
    shorten(&text.split_whitespace().collect::<Vec<_>>().join(" "), 160)
}

fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{}…", cut.trim_end())
}

impl SharedSalon<'_> {
    pub fn share(&self) -> Share {
        let about = plain_text(self.description);
        let description = if about.is_empty() {
            self.question.to_string()
        } else {
            format!("{} {}", self.question, about)
        };
        let mode = match self.format {
            Format::InPerson => "https://schema.org/OfflineEventAttendanceMode",
            Format::Online => "https://schema.org/OnlineEventAttendanceMode",
            Format::Hybrid => "https://schema.org/MixedEventAttendanceMode",
        };
        let status = match self.status {
            SalonStatus::Cancelled => "https://schema.org/EventCancelled",
            _ => "https://schema.org/EventScheduled",
        };
        let locality = if self.town.is_empty() {
            self.municipality_name
        } else {
            self.town
        };
        let mut locations = Vec::new();
        if let Some((name, address)) = self.place {
            let name = if name.is_empty() { locality } else { name };
            locations.push(place(locality, Some(address), name));
        } else if self.format.has_place() {
            // The address is for registered people: say only the town.
            locations.push(place(locality, None, locality));
        }
        if self.format.has_link() {
            locations.push(Location::Virtual {
                kind: "VirtualLocation",
                url: &self.url,
            });
        }
        let event = EventLd {
            context: "https://schema.org",
            kind: "Event",
            description: &description,
            end: self.last_end.map(rfc3339),
            mode,
            status,
            location: match locations.len() {
                0 => None,
                1 => locations.pop().map(Locations::One),
                _ => Some(Locations::Many(locations)),
            },
            name: self.title,
            organizer: self
                .hosts
                .iter()
                .map(|name| Person {
                    kind: "Person",
                    name,
                })
                .collect(),
            start: self.first_start.map(rfc3339),
            url: &self.url,
        };
        let json = serde_json::to_string(&event).unwrap_or_default();
        Share {
            json_ld: script_safe(&json),
            og_title: self.title.to_string(),
            og_description: shorten(&description, 200),
            og_url: self.url.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    #[test]
    fn markdown_becomes_plain_words() {
        assert_eq!(
            plain_text("Vi drikker **kaffe**\nog taler.\n\n- om *byen*\n- om `torvet`"),
            "Vi drikker kaffe og taler. om byen om torvet"
        );
    }

    #[test]
    fn script_safe_json_cannot_close_the_element_and_reads_back_the_same() {
        let hostile = json!({ "name": "</script><script>alert(1)</script> & <!--" });
        let safe = script_safe(&hostile.to_string());
        assert!(!safe.contains('<') && !safe.contains('>') && !safe.contains('&'));
        assert_eq!(serde_json::from_str::<Value>(&safe).unwrap(), hostile);
    }

    #[test]
    fn long_descriptions_are_cut_at_a_word() {
        assert_eq!(shorten("en to tre fire", 9), "en to…");
        assert_eq!(shorten("kort", 9), "kort");
    }
}
