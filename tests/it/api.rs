//! The open API: it shows exactly what a signed-out visitor sees — whoever asks, with whatever
//! cookie — in one JSON shape for errors, with its cache headers, CORS, cursor and limit; and
//! its OpenAPI document is closed on every schema.

use reqwest::StatusCode;
use serde_json::Value;

use crate::helpers::browser::Browser;
use crate::helpers::salons::{create_salon, publish, published_from, salon_form, set};
use crate::helpers::{Options, TestApp};

/// `path` as JSON, asked by `who` (whose cookies go along).
async fn json(who: &Browser, path: &str) -> (StatusCode, Value) {
    let r = who.get(path).await;
    let body = serde_json::from_str(&r.body).unwrap_or_else(|e| {
        panic!(
            "{path} answered {} with no JSON ({e}): {}",
            r.status, r.body
        )
    });
    (r.status, body)
}

/// Every string anywhere in `v`, joined: to ask whether a name or title appears at all.
fn all_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Array(a) => a.iter().map(all_text).collect::<Vec<_>>().join("\n"),
        Value::Object(o) => o
            .iter()
            .map(|(k, v)| format!("{k}: {}", all_text(v)))
            .collect::<Vec<_>>()
            .join("\n"),
        other => other.to_string(),
    }
}

#[tokio::test]
async fn the_lists_show_only_what_a_visitor_sees_even_to_a_signed_in_host() {
    let app = TestApp::spawn().await;
    let rikke = app
        .verified_person("Rikke Værtsen", "rikke@example.dk")
        .await;
    let mut public_form = salon_form(&app, "Åben salon om stien", Some(12));
    public_form = set(public_form, "address_private", "on");
    let public = published_from(&rikke, &public_form).await;
    let draft = create_salon(&rikke, &salon_form(&app, "Kladde om stien", None)).await;
    let unlisted = create_salon(
        &rikke,
        &set(
            salon_form(&app, "Ulistet om stien", None),
            "visibility",
            "unlisted",
        ),
    )
    .await;
    publish(&rikke, &unlisted).await;
    let invite_only = create_salon(
        &rikke,
        &set(
            salon_form(&app, "Lukket om stien", None),
            "visibility",
            "invite_only",
        ),
    )
    .await;
    publish(&rikke, &invite_only).await;
    let hidden = published_from(&rikke, &salon_form(&app, "Skjult om stien", None)).await;
    sqlx::query("UPDATE salons SET hidden_reason = 'Reklame' WHERE id = $1")
        .bind(hidden.id)
        .execute(&app.db)
        .await
        .unwrap();
    // A citizen registers and shows her name on the page: the API counts her, never names her.
    let bo = app
        .verified_person("Bodil Borgersen", "bo@example.dk")
        .await;
    let r = bo
        .post(&format!("{}/register", public.path), &[("show_name", "on")])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);

    let visitor = app.browser();
    for who in [&visitor, &rikke] {
        let (status, list) = json(who, "/api/v1/salons?q=stien").await;
        assert_eq!(status, StatusCode::OK);
        let titles: Vec<&str> = list["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["title"].as_str().unwrap())
            .collect();
        assert_eq!(
            titles,
            ["Åben salon om stien"],
            "the host's cookie changes nothing"
        );
        for hidden_one in [&draft, &unlisted, &invite_only, &hidden] {
            let (status, body) = json(who, &format!("/api/v1/salons/{}", hidden_one.id)).await;
            assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
            assert_eq!(body["error"]["code"], "not_found");
        }
        let (status, salon) = json(who, &format!("/api/v1/salons/{}", public.id)).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(salon["address"], Value::Null, "the address is private");
        assert_eq!(salon["hosts"], 1);
        assert_eq!(salon["citizens_registered"], 1);
        let text = all_text(&salon);
        for name in ["Rikke", "Bodil", "rikke@example.dk"] {
            assert!(!text.contains(name), "{name} is named: {text}");
        }
    }
    // The page itself does show Bodil, who chose so: the API is stricter than the page.
    let page = visitor.get(&public.path).await;
    assert!(
        page.body.contains("Bodil"),
        "the fixture shows her name on the page"
    );
}

#[tokio::test]
async fn a_list_comes_page_by_page_with_an_opaque_cursor() {
    let app = TestApp::spawn().await;
    let host = app.verified_person("Carl Borger", "carl@example.dk").await;
    for n in 0..3 {
        published_from(&host, &salon_form(&app, &format!("Salon nummer {n}"), None)).await;
    }
    let visitor = app.browser();
    let mut seen = Vec::new();
    let mut path = "/api/v1/salons?limit=2".to_string();
    loop {
        let (status, page) = json(&visitor, &path).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        for s in page["items"].as_array().unwrap() {
            seen.push(s["id"].as_str().unwrap().to_string());
        }
        match page["next_cursor"].as_str() {
            Some(c) => path = format!("/api/v1/salons?limit=2&cursor={c}"),
            None => break,
        }
    }
    assert_eq!(seen.len(), 3);
    seen.dedup();
    assert_eq!(seen.len(), 3, "no salon twice");

    for bad in [
        "/api/v1/salons?cursor=%%%",
        "/api/v1/salons?cursor=bm9wZQ",
        "/api/v1/salons?limit=0",
        "/api/v1/salons?limit=many",
        "/api/v1/salons?format=kaffe",
        "/api/v1/salons?from=31-02-2026",
        "/api/v1/decisions?status=maybe",
        "/api/v1/decisions?cursor=bm9wZQ",
    ] {
        let (status, body) = json(&visitor, bad).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{bad}: {body}");
        assert_eq!(body["error"]["code"], "bad_request", "{bad}");
        assert!(body["error"]["message"].is_string());
    }
}

#[tokio::test]
async fn answers_carry_an_etag_cache_headers_and_cors_and_errors_one_json_shape() {
    let app = TestApp::spawn().await;
    let client = reqwest::Client::new();
    let r = client
        .get(app.url("/api/v1/municipalities"))
        .header("origin", "https://journalist.example")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()["cache-control"], "public, max-age=60");
    assert_eq!(r.headers()["access-control-allow-origin"], "*");
    assert!(r.headers().get("set-cookie").is_none());
    let etag = r.headers()["etag"].to_str().unwrap().to_string();
    let body: Value = serde_json::from_str(&r.text().await.unwrap()).unwrap();
    assert_eq!(body["items"].as_array().unwrap().len(), 98);

    let again = client
        .get(app.url("/api/v1/municipalities"))
        .header("if-none-match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
    assert_eq!(again.headers()["etag"].to_str().unwrap(), etag);

    // A preflight from another site may GET, nothing else.
    let preflight = client
        .request(reqwest::Method::OPTIONS, app.url("/api/v1/salons"))
        .header("origin", "https://journalist.example")
        .header("access-control-request-method", "GET")
        .send()
        .await
        .unwrap();
    assert!(preflight.status().is_success());
    let allowed = preflight.headers()["access-control-allow-methods"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        allowed.contains("GET") && !allowed.contains("POST"),
        "{allowed}"
    );

    for (method, path, status, code) in [
        ("GET", "/api/v1/nowhere", StatusCode::NOT_FOUND, "not_found"),
        ("GET", "/api/v2/salons", StatusCode::NOT_FOUND, "not_found"),
        (
            "GET",
            "/api/v1/salons/not-a-salon",
            StatusCode::NOT_FOUND,
            "not_found",
        ),
        (
            "GET",
            "/api/v1/municipalities/atlantis",
            StatusCode::NOT_FOUND,
            "not_found",
        ),
        (
            "GET",
            "/api/v1/units/skanderborg/ingen-enhed/record",
            StatusCode::NOT_FOUND,
            "not_found",
        ),
        (
            "POST",
            "/api/v1/salons",
            StatusCode::METHOD_NOT_ALLOWED,
            "method_not_allowed",
        ),
        (
            "DELETE",
            "/api/v1/municipalities/skanderborg",
            StatusCode::METHOD_NOT_ALLOWED,
            "method_not_allowed",
        ),
    ] {
        let r = client
            .request(method.parse().unwrap(), app.url(path))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), status, "{method} {path}");
        assert!(
            r.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("application/json"),
            "{method} {path}"
        );
        let body: Value = serde_json::from_str(&r.text().await.unwrap()).unwrap();
        assert_eq!(body["error"]["code"], code, "{method} {path}");
        assert_eq!(body.as_object().unwrap().len(), 1);
        assert_eq!(body["error"].as_object().unwrap().len(), 2);
    }
}

#[tokio::test]
async fn one_address_is_limited_by_its_row_in_abuse_limits() {
    let app = TestApp::spawn_with(Options {
        limits: vec![("api_requests_per_address_per_minute", 3)],
        ..Default::default()
    })
    .await;
    let visitor = app.browser();
    for _ in 0..3 {
        assert_eq!(
            visitor.get("/api/v1/municipalities").await.status,
            StatusCode::OK
        );
    }
    let r = visitor.get("/api/v1/municipalities").await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(r.headers.get("retry-after").is_some());
    let body: Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!(body["error"]["code"], "too_many_requests");
    // The pages are not counted against it.
    assert_eq!(visitor.get("/municipalities").await.status, StatusCode::OK);
    // A new minute, a new count.
    app.clock.advance(chrono::Duration::seconds(61));
    assert_eq!(
        visitor.get("/api/v1/municipalities").await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn the_openapi_document_closes_every_object_schema_and_names_every_route() {
    let app = TestApp::spawn().await;
    let (status, doc) = json(&app.browser(), "/api/openapi.json").await;
    assert_eq!(status, StatusCode::OK);
    assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"));

    fn walk(v: &Value, at: &str, objects: &mut usize) {
        match v {
            Value::Object(map) => {
                if map.get("type").and_then(Value::as_str) == Some("object")
                    || map.contains_key("properties")
                {
                    *objects += 1;
                    assert_eq!(
                        map.get("additionalProperties"),
                        Some(&Value::Bool(false)),
                        "{at} is open"
                    );
                    let props: Vec<&String> = map
                        .get("properties")
                        .and_then(Value::as_object)
                        .map(|p| p.keys().collect())
                        .unwrap_or_default();
                    let required: Vec<&str> = map["required"]
                        .as_array()
                        .unwrap_or_else(|| panic!("{at} has no required"))
                        .iter()
                        .map(|r| r.as_str().unwrap())
                        .collect();
                    for p in props {
                        assert!(required.contains(&p.as_str()), "{at}.{p} is not required");
                    }
                }
                for (k, child) in map {
                    if k != "required" {
                        walk(child, &format!("{at}/{k}"), objects);
                    }
                }
            }
            Value::Array(items) => items.iter().for_each(|c| walk(c, at, objects)),
            _ => {}
        }
    }
    let mut objects = 0;
    walk(&doc, "#", &mut objects);
    assert!(objects > 10, "only {objects} object schemas");

    // Every JSON route of the registry is documented, and nothing else.
    let mut documented: Vec<String> = doc["paths"].as_object().unwrap().keys().cloned().collect();
    documented.sort();
    let mut routes: Vec<String> = medspil::startup::route_specs(&app.state.config)
        .iter()
        .filter(|s| s.path.starts_with("/api/v1/"))
        .map(|s| s.path.to_string())
        .collect();
    routes.sort();
    assert_eq!(documented, routes);
}

#[tokio::test]
async fn the_api_page_explains_the_data_in_danish_and_english() {
    let app = TestApp::spawn().await;
    let page = app.page("/api", StatusCode::OK).await;
    let body = page.html();
    assert!(body.contains("CC BY 4.0"));
    assert!(body.contains("curl"));
    assert!(body.contains("Åbne data og API"));
    let en = app.get_in("/api", "en").await.text().await.unwrap();
    assert!(en.contains("Open data and API"), "{en}");
}
