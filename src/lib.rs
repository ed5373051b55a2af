//! Medspil: samtalesaloner, where citizens invite the municipality into their conversation.
//!
//! Where to look: [`startup`] builds the app (state, router, worker, shutdown); [`config`] reads
//! the environment; [`database`] and [`embedded_pg`] open PostgreSQL; [`web`] holds what every
//! page shares (frame, i18n, error pages, layers); [`jobs`] is the one job table and its worker; [`metrics`] is `/metrics`;
//! [`mail`] is `notify()` and the outbox; feature modules ([`home`], [`municipalities`]) own
//! their routes, handlers, page structs and SQL.

pub mod accounts;
pub mod agreements;
pub mod api;
pub mod auth;
pub mod calendar;
pub mod clock;
pub mod config;
pub mod conversation;
pub mod database;
pub mod decisions;
pub mod demo;
pub mod directory;
pub mod domain;
pub mod embedded_pg;
pub mod error;
pub mod figures;
pub mod health;
pub mod home;
pub mod invitations;
pub mod jobs;
pub mod limits;
pub mod mail;
pub mod maintenance;
pub mod metrics;
pub mod mine;
pub mod moderation;
pub mod municipalities;
pub mod notifications;
pub mod oidc;
pub mod people;
pub mod personal_data;
pub mod pictures;
pub mod registrations;
pub mod roles;
pub mod salons;
pub mod startup;
pub mod state;
pub mod tokens;
pub mod web;
