//! Who is coming (or came), defined once: citizens with an account, people the hosts added who
//! are not online, and the municipality's guests. Every page that counts people — the salon's
//! registration panel, the hosts' link to the participant list, the participant list itself
//! and the summary's "who took part" — words these same three figures with [`Turnout::text`],
//! so the same number always has the same words.

use std::borrow::Borrow;

use crate::web::i18n::Tr;

/// The three figures, counted from registrations with a seat (not the waitlists).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Turnout {
    /// Citizens registered with their own account.
    pub citizens: i64,
    /// People the hosts added who are not online (they take citizens' seats).
    pub offline: i64,
    /// The municipality's guests, on its reserved seats.
    pub municipal: i64,
}

impl Turnout {
    /// From the salon's maintained counters: `citizens_registered` counts everyone on a
    /// citizen's seat, of whom `offline` were added by the hosts.
    pub fn from_counters(
        citizens_registered: i32,
        offline: i64,
        municipal_registered: i32,
    ) -> Self {
        Turnout {
            citizens: (i64::from(citizens_registered) - offline).max(0),
            offline,
            municipal: municipal_registered.into(),
        }
    }

    /// "14 borgere, 2 tilføjet af værten og 3 fra kommunen" (a figure that is 0 left out;
    /// "ingen" when all are).
    pub fn text(&self, tr: impl Borrow<Tr>) -> String {
        let tr = tr.borrow();
        let parts: Vec<String> = [
            ("reg-turnout-citizens", self.citizens),
            ("reg-turnout-offline", self.offline),
            ("reg-turnout-municipal", self.municipal),
        ]
        .into_iter()
        .filter(|(_, n)| *n > 0)
        .map(|(key, n)| tr.count(key, n))
        .collect();
        match parts.as_slice() {
            [] => tr.t("reg-turnout-none"),
            [one] => one.clone(),
            [rest @ .., last] => tr.t_args(
                "reg-turnout-list",
                &[
                    ("first", rest.join(", ").into()),
                    ("last", last.clone().into()),
                ],
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::web::i18n::Locale;

    #[test]
    fn the_figures_read_the_same_wherever_they_are_shown() {
        let tr = &Tr::new(Locale::Da);
        let t = |c, o, m| Turnout::from_counters(c, o, m).text(tr);
        assert_eq!(
            t(2, 1, 1),
            "1 borger, 1 tilføjet af værten og 1 fra kommunen"
        );
        assert_eq!(t(14, 0, 2), "14 borgere og 2 fra kommunen");
        assert_eq!(t(3, 3, 0), "3 tilføjet af værten");
        assert_eq!(t(0, 0, 0), "ingen");
        let en = Tr::new(Locale::En);
        assert_eq!(
            Turnout::from_counters(2, 1, 1).text(en),
            "1 citizen, 1 added by the hosts and 1 from the municipality"
        );
    }
}
