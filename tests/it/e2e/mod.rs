//! Browser tests: Debian's Chromium driven through chromedriver (WebDriver), on the real app.
//! The journey ([`journey`]) and the accessibility gate ([`gate`]) that every page it visits
//! must pass; a focus test ([`focus`]). Without Chromium they are skipped loudly, unless
//! `MEDSPIL_E2E=require` ([`driver`]). Screenshots of every step land in `<target>/tmp/e2e/`.

mod driver;
mod focus;
mod gate;
mod journey;
mod oidc;
mod page;
mod poster;
mod record;
mod tour;
