//! The one integration-test binary. Every test gets its own database (cloned from a migrated
//! template in a throwaway cluster, or in `DATABASE_URL`'s server) and drives the real app over
//! HTTP. Modules follow the features.

mod helpers;

mod accounts;
mod accounts_hardening;
mod agreements;
mod api;
mod api_conformance;
mod asked;
mod authorization;
mod bad_input;
mod bench_seed;
mod calendar;
mod conversation;
mod corrections;
mod decisions;
mod directory;
mod domains;
mod e2e;
mod embedded;
mod faults;
mod figures;
mod hardening;
mod invitations;
mod jobs;
mod limits;
mod mail;
mod mail_settings;
mod mail_texts;
mod mine;
mod moderation;
mod notifications;
mod observability;
mod oidc;
mod pages;
mod pictures;
mod politicians;
mod posters;
mod processes;
mod public_lines;
mod queries_per_request;
mod record_kept;
mod registrations;
mod reminders;
mod resources;
mod roles;
mod salons;
mod searches;
mod sessions;
mod shared_inbox;
mod style_rules;
mod summaries;
mod text_rules;
mod unit_reporting;
mod who_answers;
