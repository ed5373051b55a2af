//! The demo's salons, one in every state, with dates that fit their titles: the series meets on
//! three Tuesdays, the morning on the square was a Saturday.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc, Weekday};
use chrono_tz::Europe::Copenhagen;

/// When a demo salon meets: days from now, moved back to the weekday it must fall on.
#[derive(Clone, Copy)]
pub struct When {
    pub days: i64,
    pub on: Option<Weekday>,
    pub start: &'static str,
    pub end: &'static str,
    /// How many sessions, a week apart.
    pub weeks: i64,
}

impl When {
    /// The dates of its sessions, counted from `now`.
    pub fn dates(&self, now: DateTime<Utc>) -> Vec<NaiveDate> {
        let mut day = (now.with_timezone(&Copenhagen) + Duration::days(self.days)).date_naive();
        if let Some(on) = self.on {
            while day.weekday() != on {
                day -= Duration::days(1);
            }
        }
        (0..self.weeks).map(|w| day + Duration::weeks(w)).collect()
    }
}

/// What happens to a demo salon after it is created.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Fate {
    Draft,
    Published,
    /// Published, held, and closed with its summary.
    Summarised(&'static str),
    /// Published, then cancelled with this message a day before now.
    Cancelled(&'static str),
}

/// One demo salon.
pub struct Demo {
    pub title: &'static str,
    pub question: &'static str,
    pub description: &'static str,
    pub municipality: &'static str,
    pub town: &'static str,
    pub place: &'static str,
    pub address: &'static str,
    pub capacity: &'static str,
    pub topics: &'static str,
    pub when: When,
    /// Days before now it was created (and published, unless a draft).
    pub created: i64,
    pub host: &'static str,
    /// Invited by the host to co-host, and says yes at once.
    pub cohost: Option<&'static str>,
    /// In the order they register, days before now: who comes after the last seat waits.
    pub registered: &'static [&'static str],
    pub registered_days_ago: i64,
    pub fate: Fate,
    /// The upcoming decision it is about, chosen when it is created.
    pub decision: Option<&'static str>,
}

/// The closed salon's summary: what the square was like for the three who came.
pub const RY_TORV_SUMMARY: &str = "Vi var tre borgere og værten på torvet en lørdag formiddag, \
og flere, der handlede, stoppede op og sagde deres mening.\n\n\
- Mere lys ved stien ned til søen\n\
- Tre bænke med ryglæn i læ for vinden\n\
- Et forsøg med torvedag hver anden lørdag";

pub const DEMOS: &[Demo] = &[
    Demo {
        title: "Lys og bænke på Ry Torv",
        question: "Hvad skal der til, før torvet bliver et sted, man bliver?",
        description: "Vi mødes på torvet en lørdag formiddag og taler med dem, der kommer forbi.",
        municipality: "0746",
        town: "Ry",
        place: "Ry Torv",
        address: "Torvet, 8680 Ry",
        capacity: "30",
        topics: "byliv",
        when: When {
            days: -21,
            on: Some(Weekday::Sat),
            start: "10:00",
            end: "12:00",
            weeks: 1,
        },
        created: 40,
        host: "ole",
        cohost: None,
        registered: &["karen", "sara", "mads"],
        registered_days_ago: 30,
        decision: Some("Helhedsplan for Ry bymidte"),
        fate: Fate::Summarised(RY_TORV_SUMMARY),
    },
    Demo {
        title: "Naturpark Skanderborg Sø – hvad nu?",
        question: "Hvordan passer vi bedst på søen og stierne?",
        description: "Gåtur langs søen en lørdag formiddag og snak bagefter i klubhuset.",
        municipality: "0746",
        town: "Skanderborg",
        place: "Skanderborg Roklub",
        address: "Sølystvej 1, 8660 Skanderborg",
        capacity: "",
        topics: "natur",
        when: When {
            days: -14,
            on: Some(Weekday::Sat),
            start: "10:00",
            end: "12:00",
            weeks: 1,
        },
        created: 35,
        host: "karen",
        cohost: None,
        registered: &["sara", "ida"],
        registered_days_ago: 25,
        decision: Some("Stier og belysning ved Skanderborg Sø"),
        fate: Fate::Published,
    },
    Demo {
        title: "Kaffesalon om biblioteket i Assens",
        question: "Hvad skal biblioteket kunne om ti år?",
        description: "Vi taler om åbningstider, børn og foreninger.",
        municipality: "0420",
        town: "Assens",
        place: "Assens Bibliotek",
        address: "Tobaksgaarden 12, 5610 Assens",
        capacity: "15",
        topics: "bibliotek",
        when: When {
            days: 3,
            on: None,
            start: "14:00",
            end: "15:30",
            weeks: 1,
        },
        created: 20,
        host: "sara",
        cohost: None,
        registered: &["peter"],
        registered_days_ago: 10,
        decision: None,
        fate: Fate::Cancelled("Værten er blevet syg. Vi finder en ny dato snarest."),
    },
    Demo {
        title: "Mere liv i Ry bymidte",
        question: "Hvordan får vi mere liv i Ry bymidte?",
        description: "Vi mødes over en kop kaffe og taler om, hvad der skal til for at gøre \
                      bymidten til et sted, man har lyst til at være. Teknik og Miljø er inviteret.",
        municipality: "0746",
        town: "Ry",
        place: "Ry Kulturhus",
        address: "Klostervej 1, 8680 Ry",
        capacity: "25",
        topics: "byliv, handel",
        when: When {
            days: 9,
            on: None,
            start: "19:00",
            end: "21:00",
            weeks: 1,
        },
        created: 14,
        host: "karen",
        cohost: Some("ole"),
        registered: &["sara", "peter", "ida"],
        registered_days_ago: 10,
        decision: Some("Helhedsplan for Ry bymidte"),
        fate: Fate::Published,
    },
    Demo {
        title: "Fremtidens Galten – tre tirsdage",
        question: "Hvad skal Galten være kendt for i 2040?",
        description: "En serie på tre tirsdagsaftener: drømme, muligheder og næste skridt.",
        municipality: "0746",
        town: "Galten",
        place: "Galten Bibliotek",
        address: "Skanderborgvej 4, 8464 Galten",
        capacity: "30",
        topics: "byudvikling",
        when: When {
            days: 20,
            on: Some(Weekday::Tue),
            start: "19:00",
            end: "21:00",
            weeks: 3,
        },
        created: 12,
        host: "karen",
        cohost: None,
        registered: &["mads"],
        registered_days_ago: 8,
        decision: None,
        fate: Fate::Published,
    },
    Demo {
        title: "Trafiksikker skolevej i Hørning",
        question: "Hvordan bliver vejen til skolen tryg for vores børn?",
        description: "Forældre og naboer samler erfaringer fra morgentrafikken. Vi har inviteret \
                      vejingeniøren.",
        municipality: "0746",
        town: "Hørning",
        place: "Hørning Skoles aula",
        address: "Skolevej 2, 8362 Hørning",
        capacity: "4",
        topics: "trafik, skole",
        when: When {
            days: 5,
            on: None,
            start: "17:00",
            end: "18:30",
            weeks: 1,
        },
        created: 9,
        host: "ole",
        // Four seats: Mads, the fifth, waits.
        cohost: None,
        registered: &["karen", "sara", "peter", "ida", "mads"],
        registered_days_ago: 7,
        decision: None,
        fate: Fate::Published,
    },
    Demo {
        title: "Legeplads i Låsby",
        question: "Hvilken legeplads savner børnene i Låsby?",
        description: "Udkast: vi mangler at aftale datoen med skolen.",
        municipality: "0746",
        town: "Låsby",
        place: "Legepladsen ved Låsby Skole",
        address: "Skolegade 3, 8670 Låsby",
        capacity: "20",
        topics: "børn",
        when: When {
            days: 30,
            on: None,
            start: "16:00",
            end: "17:30",
            weeks: 1,
        },
        created: 5,
        host: "ida",
        cohost: None,
        registered: &[],
        registered_days_ago: 0,
        decision: None,
        fate: Fate::Draft,
    },
];
