//! The open API against its own OpenAPI document: schemathesis generates requests for every
//! documented operation — valid and invalid — against the real server with seeded data, and
//! checks that no answer is a 5xx and that every answer's status, content type and body are the
//! documented ones. schemathesis is installed by `scripts/test-deps`; without it the test is
//! skipped loudly, or fails under `MEDSPIL_E2E=require` (as CI runs the browser tests).

use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

use reqwest::StatusCode;

use crate::helpers::TestApp;
use crate::helpers::salons::{published_from, salon_form, set};
use crate::helpers::smtp::test_deps_dir;

fn schemathesis() -> Option<PathBuf> {
    let bin = test_deps_dir().join("venv/bin/schemathesis");
    if bin.exists() {
        return Some(bin);
    }
    let bar = "!".repeat(78);
    if std::env::var("MEDSPIL_E2E").as_deref() == Ok("require") {
        panic!("MEDSPIL_E2E=require, but schemathesis is missing; run scripts/test-deps");
    }
    eprintln!(
        "\n{bar}\nSKIPPED the open API's conformance test: schemathesis is missing.\n\
         Install it with scripts/test-deps; MEDSPIL_E2E=require makes this a failure.\n{bar}\n"
    );
    None
}

#[tokio::test]
async fn every_documented_operation_conforms_for_generated_inputs() {
    let Some(bin) = schemathesis() else { return };
    let app = TestApp::spawn().await;
    // Something in every list: salons with an invitation, a unit with a record, a decision.
    let admin = app.municipality_admin("skanderborg").await;
    let unit = app.teknik_og_miljo(&admin).await;
    let host = app.verified_person("Carl Borger", "carl@example.dk").await;
    for n in 0..3 {
        let form = set(
            salon_form(&app, &format!("Salon om stien {n}"), Some(10)),
            "topics",
            "trafik",
        );
        let salon = published_from(&host, &form).await;
        let target = format!("unit:{unit}");
        let r = host
            .post(
                &format!("{}/invitations", salon.path),
                &[("target", target.as_str()), ("message", "Kom.")],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    }

    let started = Instant::now();
    let base = app.url("");
    let out = tokio::task::spawn_blocking(move || {
        Command::new(bin)
            // It keeps a cache of what it found; under target/, not in the source tree.
            .current_dir(env!("CARGO_TARGET_TMPDIR"))
            .args([
                "--no-color",
                "run",
                &format!("{base}/api/openapi.json"),
                "--url",
                &base,
                "--checks",
                "not_a_server_error,status_code_conformance,content_type_conformance,\
                 response_schema_conformance",
                "--max-examples",
                "25",
                "--workers",
                "2",
                "--seed",
                "28",
            ])
            .output()
            .expect("run schemathesis")
    })
    .await
    .unwrap();
    let report = format!(
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.status.success(),
        "schemathesis found problems:\n{report}"
    );
    // Its summary, for the log (`--nocapture`): how many operations and cases it ran.
    eprintln!("{report}");
    assert!(
        started.elapsed() < Duration::from_secs(180),
        "the run took {:?}, over 3 minutes",
        started.elapsed()
    );
}
