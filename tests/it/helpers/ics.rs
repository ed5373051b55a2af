//! Reading calendar files back, as a calendar program would.

/// The VEVENTs of a calendar file, parsed back, as (property name → value) lists.
pub fn events(ics: &str) -> Vec<Vec<(String, String)>> {
    let unfolded = icalendar::parser::unfold(ics);
    let calendar = icalendar::parser::read_calendar(&unfolded).expect("a valid calendar");
    calendar
        .components
        .iter()
        .filter(|c| c.name == "VEVENT")
        .map(|c| {
            c.properties
                .iter()
                .map(|p| (p.name.as_str().to_string(), p.val.as_str().to_string()))
                .collect()
        })
        .collect()
}

/// The value of the first property `name` of an event.
pub fn prop<'a>(event: &'a [(String, String)], name: &str) -> Option<&'a str> {
    event
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}
