//! How a salon looks when it is shared or crawled: schema.org `Event` JSON-LD and Open Graph
//! tags for the salon page's `<head>`.

use chrono::{DateTime, SecondsFormat, Utc};
use pulldown_cmark::{Event, Parser, TagEnd};
use serde_json::{Value, json};

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
    json.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
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
            locations.push(json!({
                "@type": "Place",
                "name": if name.is_empty() { locality } else { name },
                "address": {
                    "@type": "PostalAddress",
                    "streetAddress": address,
                    "addressLocality": locality,
                    "addressCountry": "DK",
                },
            }));
        } else if self.format.has_place() {
            // The address is for registered people: say only the town.
            locations.push(json!({
                "@type": "Place",
                "name": locality,
                "address": {
                    "@type": "PostalAddress",
                    "addressLocality": locality,
                    "addressCountry": "DK",
                },
            }));
        }
        if self.format.has_link() {
            locations.push(json!({ "@type": "VirtualLocation", "url": self.url }));
        }
        let mut event = json!({
            "@context": "https://schema.org",
            "@type": "Event",
            "name": self.title,
            "description": description,
            "eventStatus": status,
            "eventAttendanceMode": mode,
            "url": self.url,
            "organizer": self.hosts.iter()
                .map(|name| json!({ "@type": "Person", "name": name }))
                .collect::<Vec<_>>(),
        });
        if let Some(start) = self.first_start {
            event["startDate"] = Value::String(rfc3339(start));
        }
        if let Some(end) = self.last_end {
            event["endDate"] = Value::String(rfc3339(end));
        }
        match locations.len() {
            0 => {}
            1 => event["location"] = locations.remove(0),
            _ => event["location"] = Value::Array(locations),
        }
        Share {
            json_ld: script_safe(&event.to_string()),
            og_title: self.title.to_string(),
            og_description: shorten(&description, 200),
            og_url: self.url.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
