//! The badge shown wherever a person acts in a role: "Rikke Berg · Udviklingsdirektør · Assens
//! Kommune". Drawn by `templates/roles/badge.html` (include it with a `badge` in scope).

/// Who someone is when acting in a role.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Badge {
    pub name: String,
    /// Job title; for politicians with the party ("Byrådsmedlem, Socialdemokratiet").
    pub title: String,
    /// The unit, where the page is not already about it.
    pub unit: Option<String>,
    pub municipality: String,
    /// The person's public profile, where the page links names to it.
    pub profile: Option<String>,
}

impl Badge {
    /// A badge from a role's stored parts.
    pub fn new(
        name: &str,
        title: &str,
        party: &str,
        unit: Option<&str>,
        municipality: &str,
    ) -> Badge {
        let title = match (title.is_empty(), party.is_empty()) {
            (_, true) => title.to_string(),
            (true, false) => party.to_string(),
            (false, false) => format!("{title}, {party}"),
        };
        Badge {
            name: name.to_string(),
            title,
            unit: unit.filter(|u| !u.is_empty()).map(str::to_string),
            municipality: municipality.to_string(),
            profile: None,
        }
    }

    /// The badge with its name linking to person `id`'s public profile.
    pub fn linked(mut self, id: uuid::Uuid) -> Badge {
        self.profile = Some(crate::people::path(id));
        self
    }

    /// The parts in order, empty ones left out.
    pub fn parts(&self) -> Vec<&str> {
        [
            Some(self.name.as_str()),
            Some(self.title.as_str()),
            self.unit.as_deref(),
            Some(self.municipality.as_str()),
        ]
        .into_iter()
        .flatten()
        .filter(|p| !p.is_empty())
        .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_badge_reads_name_title_and_municipality() {
        let b = Badge::new(
            "Rikke Berg",
            "Udviklingsdirektør",
            "",
            None,
            "Assens Kommune",
        );
        assert_eq!(
            b.parts(),
            ["Rikke Berg", "Udviklingsdirektør", "Assens Kommune"]
        );
        let p = Badge::new(
            "Jens Holm",
            "Byrådsmedlem",
            "Venstre",
            Some("Byrådet"),
            "Skanderborg Kommune",
        );
        assert_eq!(
            p.parts(),
            [
                "Jens Holm",
                "Byrådsmedlem, Venstre",
                "Byrådet",
                "Skanderborg Kommune"
            ]
        );
        assert_eq!(Badge::new("A", "", "", Some(""), "K").parts(), ["A", "K"]);
    }
}
