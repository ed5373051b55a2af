//! Bad input at every route: oversized bodies, broken form encodings, invalid UTF-8 in paths,
//! queries and bodies, unknown methods, absurd values. The answer is a 4xx (or a page that
//! ignores the nonsense), never a 500, a panic or a dropped connection.
//!
//! The routes come from the registry the router is built from, so a new route joins this test
//! by being added.

use std::collections::HashMap;

use medspil::auth::Access;
use medspil::invitations::NAMED_COLLEAGUE;
use medspil::startup::route_specs;
use reqwest::{Method, StatusCode};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::helpers::browser::Browser;
use crate::helpers::fixtures::{fill, for_matrix};
use crate::helpers::{Options, PASSWORD, TestApp};

/// Query strings no page expects.
fn absurd_queries() -> Vec<String> {
    vec![
        "q=%FF%FE&next=%C3%28&lang=%E2%82&done=%80".to_string(),
        "page=99999999999999999999999999&after=zzz&from=9999-99-99&to=-1&seats=yes\
         &when=never&format=%3Cscript%3E&municipality=..%2F..%2Fetc&topic=%00"
            .to_string(),
        format!("q={}&town={}", "ø".repeat(3000), "a".repeat(5000)),
        "format=kaffesalon&format=online&seats=1&seats=2&from=05-13-2026&to=31-02-2026".to_string(),
        "next=//evil.example&next=https://evil.example&lang=da&lang=xx".to_string(),
        "%%%&&==&=&a=%ZZ".to_string(),
        // The poster's phone number and paper, repeated, hostile and far too long.
        format!(
            "phone=%3Cscript%3E&phone=12345678&size=a5&size=%00&phone2={}",
            "1".repeat(4000)
        ),
        format!("phone={}&size={}", "+4".repeat(3000), "a5".repeat(2000)),
    ]
}

/// Form bodies no form expects, with the content type each claims.
fn bad_bodies() -> Vec<(&'static str, Vec<u8>)> {
    let form = "application/x-www-form-urlencoded";
    let absurd_fields = [
        ("name", "x".repeat(20_000)),
        ("email", "@@@".to_string()),
        ("password", "".to_string()),
        ("title", "\u{0}\u{202e}".to_string()),
        ("capacity", "-99999999999999999999".to_string()),
        ("municipal_seats", "1e99".to_string()),
        ("municipality", "99999".to_string()),
        ("session-0-date", "9999-99-99".to_string()),
        ("session-0-start", "25:61".to_string()),
        ("session-0-end", "-1:00".to_string()),
        ("session-99999999999-date", "2026-12-24".to_string()),
        ("visibility", "everyone".to_string()),
        ("format", "telepathy".to_string()),
        ("kind", "emperor".to_string()),
        ("units", "not-a-uuid".to_string()),
        ("role", "' OR 1=1 --".to_string()),
        ("lang", "xx".to_string()),
    ];
    let absurd: String = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(absurd_fields.iter().map(|(k, v)| (*k, v.as_str())))
        .finish();
    vec![
        (form, b"%%%&&==&=&a=%ZZ&b=%&c=%F".to_vec()),
        (form, b"name=%FF%FE&email=%C3%28&title=%80".to_vec()),
        (form, b"name=\xff\xfe&email=\xc3&password=\x80\x80".to_vec()),
        (
            form,
            b"capacity=1&capacity=2&capacity=x&units=&units=%00".to_vec(),
        ),
        (form, absurd.into_bytes()),
        ("application/json", b"{\"name\": [".to_vec()),
        (
            "multipart/form-data; boundary=x",
            b"--x\r\nnonsense".to_vec(),
        ),
        ("text/plain; charset=utf-9", b"\x00\x01\x02".to_vec()),
    ]
}

/// A path parameter value that is not valid UTF-8 once decoded.
const INVALID_UTF8: &str = "%FF%FE%C3%28";

/// `pattern` with each parameter in turn replaced by `value` (the others from `fixtures`); a
/// pattern without parameters gets `value` as an extra segment.
fn with_each_param(pattern: &str, fixtures: &HashMap<&str, String>, value: &str) -> Vec<String> {
    let params: Vec<&str> = pattern
        .split('{')
        .skip(1)
        .filter_map(|s| s.split('}').next())
        .collect();
    if params.is_empty() {
        return vec![format!("{}/{value}", pattern.trim_end_matches('/'))];
    }
    params
        .iter()
        .map(|param| {
            let mut f = fixtures.clone();
            f.insert(param, value.to_string());
            fill(pattern, &f)
        })
        .collect()
}

/// Sends one request; the connection must not be dropped. A refusal (4xx) must be the
/// friendly HTML page, never a parser's plain text — except from the machine endpoints and the
/// open API (`/api/…`, whose refusals are its one JSON error shape), which answer machines.
async fn send(
    browser: &Browser,
    method: Method,
    path: &str,
    body: Option<(&str, Vec<u8>)>,
) -> StatusCode {
    let (status, content_type, text) = send_reading(browser, method.clone(), path, body).await;
    let machine = ["/metrics", "/healthz", "/readyz", "/api/"]
        .iter()
        .any(|p| path.starts_with(p));
    if status.is_client_error() && !machine {
        assert!(
            content_type.starts_with("text/html"),
            "{method} {path} → {status} as {content_type:?}: {text:.200}"
        );
        for words in ["Invalid URL", "Failed to deserialize", "Form requests must"] {
            assert!(
                !text.contains(words),
                "{method} {path} → {status} shows {words:?}"
            );
        }
    }
    status
}

async fn send_reading(
    browser: &Browser,
    method: Method,
    path: &str,
    body: Option<(&str, Vec<u8>)>,
) -> (StatusCode, String, String) {
    let mut request = browser
        .client
        .request(method.clone(), format!("{}{path}", browser.base))
        .header("origin", &browser.base)
        // A refused body is left unread and the server then closes the connection: it must
        // not go back into the client's pool for the next request.
        .header("connection", "close");
    if let Some((content_type, body)) = body {
        request = request.header("content-type", content_type).body(body);
    }
    let response = request
        .send()
        .await
        .unwrap_or_else(|e| panic!("{method} {path}: the connection failed: {e:?}"));
    let status = response.status();
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    // Read the whole body: a panic mid-stream would show here.
    let body = response
        .bytes()
        .await
        .unwrap_or_else(|e| panic!("{method} {path}: the body broke off: {e}"));
    (
        status,
        content_type,
        String::from_utf8_lossy(&body).into_owned(),
    )
}

/// Whether `browser` is still signed in (an earlier bad request may have been a sign-out).
async fn signed_in(browser: &Browser) -> bool {
    browser.get("/account").await.status == StatusCode::OK
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_route_refuses_bad_input_with_a_4xx_and_never_a_500() {
    let app = TestApp::spawn_with(Options {
        env: [(
            "MEDSPIL_METRICS_TOKEN",
            "scrape-token-for-bad-input".to_string(),
        )]
        .into(),
        ..Default::default()
    })
    .await;
    // Carl hosts the fixtures' salon and is made an admin of their municipality too, so his
    // requests pass every access check and reach the handlers.
    let carl = app.verified_person("Carl Borger", "carl@example.dk").await;
    let mut fixtures = for_matrix(&app).await;
    app.grant_admin("carl@example.dk", "skanderborg").await;
    // And a moderator, so the moderation routes' handlers get the barrage too.
    app.grant_moderator("carl@example.dk").await;
    fixtures.insert("file", format!("{}.ics", "0".repeat(64)));
    fixtures.insert("name", "site-0000000000.css".to_string());
    let visitor = app.browser();
    // The colleague Olga named in the fixtures, so those routes' handlers get the barrage too.
    let named = app.browser();
    let named_sign_in = [
        ("email", crate::helpers::fixtures::NAMED_COLLEAGUE),
        ("password", PASSWORD),
    ];
    named.post("/sign-in", &named_sign_in).await;

    let mut specs = route_specs(&app.state.config);
    // Routes that end Carl's session or account go last, so the others see him signed in.
    specs.sort_by_key(|s| s.path.contains("sign-out") || s.path.contains("delete"));
    let mut failures = Vec::new();
    let mut requests = 0;
    let mut check = |what: String, status: StatusCode, must_be_4xx: bool| {
        requests += 1;
        let ok = if must_be_4xx {
            status.is_client_error()
        } else {
            !status.is_server_error()
        };
        if !ok {
            failures.push(format!("{what} → {status}"));
        }
    };

    for spec in &specs {
        let path = fill(spec.path, &fixtures);
        let who: Vec<&Browser> = match spec.access {
            Access::Public => vec![&visitor, &carl],
            access if access == NAMED_COLLEAGUE => vec![&named],
            _ => vec![&carl],
        };
        for browser in who {
            if std::ptr::eq(browser, &carl) && !signed_in(&carl).await {
                let again = [("email", "carl@example.dk"), ("password", PASSWORD)];
                carl.post("/sign-in", &again).await;
            }
            if std::ptr::eq(browser, &named) && !signed_in(&named).await {
                named.post("/sign-in", &named_sign_in).await;
            }
            for method in ["FOO", "PROPFIND", "PUT", "DELETE", "PATCH"] {
                let method = Method::from_bytes(method.as_bytes()).unwrap();
                let status = send(browser, method.clone(), &path, None).await;
                check(format!("{method} {path}"), status, true);
            }
            for bad in with_each_param(spec.path, &fixtures, INVALID_UTF8) {
                let status = send(browser, spec.method.clone(), &bad, None).await;
                check(format!("{} {bad}", spec.method), status, true);
            }
            for value in [
                "99999999999999999999999999",
                "..%2F..%2Fetc%2Fpasswd",
                "%00",
            ] {
                for odd in with_each_param(spec.path, &fixtures, value) {
                    let status = send(browser, spec.method.clone(), &odd, None).await;
                    check(format!("{} {odd}", spec.method), status, false);
                }
            }
            for query in absurd_queries() {
                let target = format!("{path}?{query}");
                let status = send(browser, spec.method.clone(), &target, None).await;
                check(
                    format!("{} {path}?{:.60}", spec.method, query),
                    status,
                    false,
                );
            }
            // Bodies too large are refused on every route (before any handler; the picture
            // upload, which takes more, refuses a form that is not multipart).
            let huge = ("application/x-www-form-urlencoded", vec![b'a'; 70 * 1024]);
            let status = send(browser, spec.method.clone(), &path, Some(huge)).await;
            check(format!("{} {path} with 70 KiB", spec.method), status, true);
            if spec.method == Method::POST {
                for (content_type, body) in bad_bodies() {
                    let shown = String::from_utf8_lossy(&body[..body.len().min(40)]).into_owned();
                    let status =
                        send(browser, Method::POST, &path, Some((content_type, body))).await;
                    check(
                        format!("POST {path} {content_type} {shown:?}"),
                        status,
                        false,
                    );
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {requests} bad requests were not refused properly:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(requests > 1000, "only {requests} requests were sent");
    // After all that, the server still serves.
    assert_eq!(app.get("/salons").await.status(), StatusCode::OK);
}

/// Sends raw bytes as a request and returns the status line of the answer.
async fn raw(app: &TestApp, request: &[u8]) -> String {
    let addr = app.address.trim_start_matches("http://");
    let mut conn = tokio::net::TcpStream::connect(addr).await.unwrap();
    conn.write_all(request).await.unwrap();
    let mut answer = Vec::new();
    let _ = tokio::time::timeout(
        std::time::Duration::from_secs(5),
        conn.read_to_end(&mut answer),
    )
    .await;
    String::from_utf8_lossy(&answer)
        .lines()
        .next()
        .unwrap_or_default()
        .to_string()
}

#[tokio::test]
async fn raw_bytes_that_are_not_http_get_a_400_or_a_closed_connection() {
    let app = TestApp::spawn().await;
    for request in [
        &b"GET /salons/\xff\xfe HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"[..],
        b"GET /salons?q=\xc3\x28 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        b"GET /salons HTTP/1.1\r\nHost: x\r\nX-Bad: \xff\x00\r\nConnection: close\r\n\r\n",
        b"POST /sign-in HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n",
        b"POST /sign-in HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
        b"G\x00T / HTTP/1.1\r\n\r\n",
        b"GET / HTTP/9.9\r\n\r\n",
    ] {
        let status = raw(&app, request).await;
        assert!(
            status.is_empty() || status.starts_with("HTTP/1.1 4"),
            "{:?} was answered {status:?}",
            String::from_utf8_lossy(request)
        );
    }
    assert_eq!(app.get("/salons").await.status(), StatusCode::OK);
}

/// The names a form on `html` posts to `path` (hidden inputs, buttons and all), with the value
/// each has on the page; every form's names if none posts there by name.
fn form_fields(html: &scraper::Html, path: &str) -> Vec<(String, String)> {
    let forms = scraper::Selector::parse("form").unwrap();
    let inputs =
        scraper::Selector::parse("input[name], textarea[name], select[name], button[name]")
            .unwrap();
    let mut fields = Vec::new();
    for form in html.select(&forms) {
        let action = form.value().attr("action").unwrap_or(path);
        if action.split('?').next() != Some(path) {
            continue;
        }
        for input in form.select(&inputs) {
            let name = input.value().attr("name").unwrap_or_default().to_string();
            let value = input.value().attr("value").unwrap_or("1").to_string();
            if !fields.iter().any(|(n, _)| n == &name) {
                fields.push((name, value));
            }
        }
    }
    fields
}

fn encode(fields: &[(String, String)]) -> Vec<u8> {
    url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(fields.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        .finish()
        .into_bytes()
}

/// Every POST form of the route registry, posted by someone its access lets through, with its
/// fields missing, each field repeated, and unknown fields added: the form comes back (or the
/// friendly 4xx page), never a 5xx. The field names are read from the page that shows the form
/// (the GET of the same path); a form without one gets the names of every form seen.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_form_survives_missing_repeated_and_unknown_fields() {
    let app = TestApp::spawn().await;
    let carl = app.verified_person("Carl Borger", "carl@example.dk").await;
    let fixtures = for_matrix(&app).await;
    app.grant_admin("carl@example.dk", "skanderborg").await;
    app.grant_moderator("carl@example.dk").await;
    let visitor = app.browser();
    let named = app.browser();
    let named_sign_in = [
        ("email", crate::helpers::fixtures::NAMED_COLLEAGUE),
        ("password", PASSWORD),
    ];
    named.post("/sign-in", &named_sign_in).await;

    let mut specs: Vec<_> = route_specs(&app.state.config)
        .into_iter()
        .filter(|s| s.method == Method::POST)
        .collect();
    specs.sort_by_key(|s| s.path.contains("sign-out") || s.path.contains("delete"));
    let form = "application/x-www-form-urlencoded";
    let mut seen: Vec<(String, String)> = Vec::new();
    let mut failures = Vec::new();
    let mut forms = 0;
    for spec in &specs {
        let path = fill(spec.path, &fixtures);
        let browser = match spec.access {
            Access::Public => &visitor,
            access if access == NAMED_COLLEAGUE => &named,
            _ => &carl,
        };
        if std::ptr::eq(browser, &carl) && !signed_in(&carl).await {
            let again = [("email", "carl@example.dk"), ("password", PASSWORD)];
            carl.post("/sign-in", &again).await;
        }
        if std::ptr::eq(browser, &named) && !signed_in(&named).await {
            named.post("/sign-in", &named_sign_in).await;
        }
        let page = browser.get(&path).await;
        let mut fields = form_fields(&page.html, &path);
        for field in &fields {
            if !seen.iter().any(|(n, _)| n == &field.0) {
                seen.push(field.clone());
            }
        }
        if fields.is_empty() {
            fields = seen.clone();
        } else {
            forms += 1;
        }
        let repeated: Vec<(String, String)> = fields
            .iter()
            .flat_map(|(k, v)| [(k.clone(), v.clone()), (k.clone(), format!("{v}x"))])
            .collect();
        let mut unknown = fields.clone();
        unknown.extend(
            [
                ("no-such-field", "1"),
                ("session-3-colour", "blå"),
                ("session-x-date", "2026-12-24"),
                ("action", "remove-session-999999"),
                ("action", "explode"),
            ]
            .map(|(k, v)| (k.to_string(), v.to_string())),
        );
        for (what, body) in [
            ("no fields", Vec::new()),
            (
                "every field but the first",
                encode(&fields[fields.len().min(1)..]),
            ),
            ("every field twice", encode(&repeated)),
            ("unknown fields", encode(&unknown)),
        ] {
            let status = send(browser, Method::POST, &path, Some((form, body))).await;
            if status.is_server_error() {
                failures.push(format!("POST {path} with {what} → {status}"));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} forms broke:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(forms > 20, "only {forms} forms were found on their pages");
    assert_eq!(app.get("/salons").await.status(), StatusCode::OK);
}
