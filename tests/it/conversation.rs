//! The public conversation around a salon: asking, answering (with a unit's badge), the
//! one-level rule and who may answer, the hosts' marks, the 30-day comments on the summary,
//! the limits, moderation, deletion by the author and with the account, visibility, and the
//! data download.

use chrono::Duration;
use reqwest::StatusCode;

use crate::helpers::browser::{Browser, Response};
use crate::helpers::fixtures::invited_department;
use crate::helpers::salons::{SalonRef, published_from, published_salon, salon_form, set};
use crate::helpers::{PASSWORD, TestApp, text, texts};

/// A published salon hosted by Carl, inviting Teknik og Miljø, which Olga answers for.
struct Scene {
    app: TestApp,
    carl: Browser,
    admin: Browser,
    olga: Browser,
    nina: Browser,
    salon: SalonRef,
}

async fn scene() -> Scene {
    scene_with(TestApp::spawn().await).await
}

async fn scene_with(app: TestApp) -> Scene {
    let carl = app.verified_person("Carl Vært", "carl@example.dk").await;
    let salon = published_salon(&app, &carl, Some(20)).await;
    let admin = app.municipality_admin("skanderborg").await;
    invited_department(&app, &admin, &carl, &salon.path).await;
    let olga = app.signed_in("olga@skanderborg.dk").await;
    let nina = app.verified_person("Nina Nabo", "nina@example.dk").await;
    Scene {
        app,
        carl,
        admin,
        olga,
        nina,
        salon,
    }
}

async fn ask(who: &Browser, salon: &SalonRef, body: &str) -> Response {
    who.post(&format!("{}/questions", salon.path), &[("body", body)])
        .await
}

async fn reply(who: &Browser, item: &str, body: &str) -> Response {
    who.post(&format!("/questions/{item}/replies"), &[("body", body)])
        .await
}

/// The id of the item whose text is `body`.
async fn item(app: &TestApp, body: &str) -> String {
    sqlx::query_scalar("SELECT id::text FROM conversation_items WHERE body = $1")
        .bind(body)
        .fetch_one(&app.db)
        .await
        .unwrap()
}

async fn items(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM conversation_items")
        .fetch_one(&app.db)
        .await
        .unwrap()
}

async fn mails_of_kind(app: &TestApp, email: &str, kind: &str) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM outbox WHERE to_address = $1 AND kind = $2")
        .bind(email)
        .bind(kind)
        .fetch_one(&app.db)
        .await
        .unwrap()
}

fn assert_redirect_to_item(r: &Response, salon: &SalonRef, item: &str) {
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(
        r.location.as_deref(),
        Some(format!("{}#c-{item}", salon.path).as_str())
    );
}

#[tokio::test]
async fn a_question_is_answered_by_the_host_and_by_the_invited_unit_with_its_badge() {
    let s = scene().await;
    let r = ask(&s.nina, &s.salon, "Må man tage børn med?").await;
    let question = item(&s.app, "Må man tage børn med?").await;
    assert_redirect_to_item(&r, &s.salon, &question);
    // The host hears of it, in the notification centre and by mail.
    assert_eq!(
        mails_of_kind(&s.app, "carl@example.dk", "conversation.question").await,
        1
    );
    let r = reply(&s.carl, &question, "Ja, der er legetøj.").await;
    assert_redirect_to_item(&r, &s.salon, &item(&s.app, "Ja, der er legetøj.").await);
    let r = reply(&s.olga, &question, "Vi tager en kollega med.").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    // The asker hears of each answer.
    assert_eq!(
        mails_of_kind(&s.app, "nina@example.dk", "conversation.answer").await,
        2
    );

    // A visitor reads it all, oldest first, the municipality's answer with its badge.
    let page = s.app.page(&s.salon.path, StatusCode::OK).await;
    assert_eq!(
        text(&page, "#conversation-before-heading"),
        "Spørgsmål og input"
    );
    let sel = format!("#c-{question} > .conversation-text");
    assert_eq!(text(&page, &sel), "Må man tage børn med?");
    assert_eq!(
        texts(&page, ".conversation-reply .conversation-text"),
        vec!["Ja, der er legetøj.", "Vi tager en kollega med."]
    );
    assert_eq!(
        texts(&page, ".conversation-reply .conversation-badge"),
        vec!["svar fra Teknik og Miljø"]
    );
    // No forms for a visitor: a line on how to take part.
    assert!(texts(&page, "form.conversation-ask-form").is_empty());
    assert!(text(&page, ".conversation-note").contains("Log ind"));
}

#[tokio::test]
async fn only_hosts_the_invited_unit_and_the_asker_reply_and_only_one_level_deep() {
    let s = scene().await;
    ask(&s.nina, &s.salon, "Er der parkering?").await;
    let question = item(&s.app, "Er der parkering?").await;
    let otto = s.app.verified_person("Otto Anden", "otto@example.dk").await;
    let before = items(&s.app).await;
    // Another citizen, and an admin of the municipality who does not answer for the unit.
    for who in [&otto, &s.admin] {
        let r = reply(who, &question, "Jeg svarer bare.").await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
    }
    assert_eq!(items(&s.app).await, before);
    // The asker may follow up.
    let r = reply(&s.nina, &question, "Og cykelparkering?").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    // A reply takes no replies.
    let follow_up = item(&s.app, "Og cykelparkering?").await;
    let r = reply(&s.carl, &follow_up, "Ja.").await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    // Someone without a confirmed email writes nothing.
    let ulla = s
        .app
        .registered_person("Ulla Ubekræftet", "ulla@example.dk")
        .await;
    let r = ask(&ulla, &s.salon, "Hej?").await;
    assert_ne!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(items(&s.app).await, before + 1);
    // The page offers the reply form only to those who may use it.
    let page = otto.get(&s.salon.path).await;
    assert!(texts(&page.html, "form.conversation-reply-form").is_empty());
    let page = s.olga.get(&s.salon.path).await;
    assert_eq!(texts(&page.html, "form.conversation-reply-form").len(), 1);
}

/// The page and the write path read who may reply from one rule: whoever is offered the
/// form has their reply taken, and whoever is not is refused — also once the unit is no
/// longer invited.
#[tokio::test]
async fn the_reply_form_is_offered_exactly_to_those_whose_reply_is_taken() {
    let s = scene().await;
    ask(&s.nina, &s.salon, "Hvornår starter det?").await;
    let question = item(&s.app, "Hvornår starter det?").await;
    let otto = s.app.verified_person("Otto Anden", "otto@example.dk").await;
    let offered = |r: &Response| texts(&r.html, "form.conversation-reply-form").len() == 1;
    let people = [
        ("the host", &s.carl, true),
        ("the asker", &s.nina, true),
        ("the invited unit's official", &s.olga, true),
        ("an admin who answers for no unit", &s.admin, false),
        ("another citizen", &otto, false),
    ];
    for (who, browser, may) in people {
        let page = browser.get(&s.salon.path).await;
        assert_eq!(offered(&page), may, "{who}: the form");
        let r = reply(browser, &question, &format!("Et svar fra {who}.")).await;
        let taken = r.status == StatusCode::SEE_OTHER;
        assert_eq!(taken, may, "{who}: the reply ({})", r.status);
    }

    // The host withdraws the invitation: the unit answers no more, on the page or by a post.
    let id: String = sqlx::query_scalar("SELECT id::text FROM invitations WHERE salon_id = $1")
        .bind(s.salon.id)
        .fetch_one(&s.app.db)
        .await
        .unwrap();
    let r = s
        .carl
        .post(&format!("{}/invitations/{id}/withdraw", s.salon.path), &[])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = s.olga.get(&s.salon.path).await;
    assert!(!offered(&page), "the form after the withdrawal");
    let r = reply(&s.olga, &question, "For sent.").await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn hosts_pin_and_mark_answered_and_no_one_else_can() {
    let s = scene().await;
    ask(&s.nina, &s.salon, "Først").await;
    ask(&s.nina, &s.salon, "Vigtigst").await;
    let second = item(&s.app, "Vigtigst").await;
    for action in ["pin", "answered"] {
        let path = format!("/questions/{second}/{action}");
        let r = s.nina.post(&path, &[("set", "true")]).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{action}");
        let r = s.carl.post(&path, &[("set", "true")]).await;
        assert_redirect_to_item(&r, &s.salon, &second);
    }
    let page = s.app.page(&s.salon.path, StatusCode::OK).await;
    assert_eq!(
        texts(&page, ".conversation-item > .conversation-text"),
        vec!["Vigtigst", "Først"]
    );
    assert_eq!(
        texts(&page, ".conversation-answered-chip"),
        vec!["Besvaret"]
    );
    let r = s
        .carl
        .post(&format!("/questions/{second}/pin"), &[("set", "false")])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let page = s.app.page(&s.salon.path, StatusCode::OK).await;
    assert_eq!(
        texts(&page, ".conversation-item > .conversation-text"),
        vec!["Først", "Vigtigst"]
    );
}

#[tokio::test]
async fn refused_text_comes_back_by_its_field_with_what_was_typed() {
    let s = scene().await;
    let r = ask(&s.nina, &s.salon, "   ").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(text(&r.html, "#conversation-body-error").ends_with("Skriv din tekst."));
    let long = "ø".repeat(2001);
    let r = ask(&s.nina, &s.salon, &long).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(text(&r.html, "#conversation-body-error").contains("2000 tegn"));
    assert_eq!(text(&r.html, "#conversation-body"), long);
    let r = ask(&s.nina, &s.salon, "Skjult\u{202E}tekst").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    // A reply's error stands by its own form.
    ask(&s.nina, &s.salon, "Hvornår?").await;
    let question = item(&s.app, "Hvornår?").await;
    let r = reply(&s.carl, &question, "").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(text(&r.html, &format!("#reply-{question}-error")).ends_with("Skriv din tekst."));
    assert_eq!(items(&s.app).await, 1);
}

#[tokio::test]
async fn comments_on_the_summary_are_open_for_thirty_days_and_a_next_steps_owner_answers() {
    let s = scene().await;
    // A unit that was not invited but gets a next step: Kultur og Fritid, with Otto.
    let kultur = s
        .app
        .create_unit(&s.admin, "skanderborg", "department", "Kultur og Fritid")
        .await;
    let (otto, _) = s
        .app
        .skanderborg_official(&s.admin, &kultur, "Otto Kultur", "otto@skanderborg.dk")
        .await;
    ask(&s.nina, &s.salon, "Før salonen").await;
    let before = item(&s.app, "Før salonen").await;
    assert_eq!(
        reply(&otto, &before, "Ikke min sag endnu").await.status,
        StatusCode::FORBIDDEN
    );
    s.app.clock.advance(Duration::days(5));
    s.app.run_jobs().await;
    let owner = format!("unit:{kultur}");
    let r = s
        .carl
        .post(
            &format!("{}/agreements", s.salon.path),
            &[("description", "Flere bænke"), ("owner", owner.as_str())],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let r = s
        .carl
        .post(
            &format!("{}/summary", s.salon.path),
            &[("summary", "Vi talte om bænke."), ("action", "publish")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);

    let r = ask(&s.nina, &s.salon, "Tak, hvornår hører vi om bænkene?").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let comment = item(&s.app, "Tak, hvornår hører vi om bænkene?").await;
    let kind: String =
        sqlx::query_scalar("SELECT kind FROM conversation_items WHERE id = $1::uuid")
            .bind(&comment)
            .fetch_one(&s.app.db)
            .await
            .unwrap();
    assert_eq!(kind, "after");
    let r = reply(&otto, &comment, "Til foråret.").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = s.app.page(&s.salon.path, StatusCode::OK).await;
    assert_eq!(
        text(&page, "#conversation-after-heading"),
        "Kommentarer til referatet"
    );
    assert_eq!(
        texts(&page, "#conversation-after .conversation-badge"),
        vec!["svar fra Kultur og Fritid"]
    );
    // The questions from before are read-only now.
    assert_eq!(
        reply(&s.carl, &before, "For sent").await.status,
        StatusCode::FORBIDDEN
    );

    // On day 29 still open; after 30 days read-only. (Signed in again: a session ends after
    // 14 idle days.)
    s.app.clock.advance(Duration::days(29));
    let nina = s.app.signed_in("nina@example.dk").await;
    let carl = s.app.signed_in("carl@example.dk").await;
    let r = ask(&nina, &s.salon, "Dag 29").await;
    assert_redirect_to_item(&r, &s.salon, &item(&s.app, "Dag 29").await);
    s.app.clock.advance(Duration::days(1));
    let n = items(&s.app).await;
    assert_eq!(
        ask(&nina, &s.salon, "Dag 30").await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        reply(&carl, &comment, "Dag 30").await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(items(&s.app).await, n);
    let page = nina.get(&s.salon.path).await;
    assert!(texts(&page.html, "form.conversation-ask-form").is_empty());
    assert!(texts(&page.html, "form.conversation-reply-form").is_empty());
    assert!(text(&page.html, "#conversation-after .conversation-note").contains("lukket"));
}

#[tokio::test]
async fn questions_and_replies_stop_at_their_limits() {
    let app = TestApp::spawn_with(crate::helpers::Options {
        limits: vec![("questions_per_day", 2), ("replies_per_hour", 1)],
        ..Default::default()
    })
    .await;
    let s = scene_with(app).await;
    for n in 1..=2 {
        let r = ask(&s.nina, &s.salon, &format!("Spørgsmål {n}")).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    }
    let r = ask(&s.nina, &s.salon, "Spørgsmål 3").await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(crate::helpers::retry_after(&r), 24 * 3600);
    assert!(text(&r.html, "#conversation-body-error").contains("2 spørgsmål"));
    assert_eq!(text(&r.html, "#conversation-body"), "Spørgsmål 3");
    // A day later one more is allowed.
    s.app.clock.advance(Duration::hours(24));
    let r = ask(&s.nina, &s.salon, "Spørgsmål 3").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);

    let question = item(&s.app, "Spørgsmål 3").await;
    assert_eq!(
        reply(&s.carl, &question, "Svar 1").await.status,
        StatusCode::SEE_OTHER
    );
    let r = reply(&s.carl, &question, "Svar 2").await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(crate::helpers::retry_after(&r), 3600);
    assert_eq!(text(&r.html, &format!("#reply-{question}")), "Svar 2");
}

#[tokio::test]
async fn a_reported_item_is_hidden_with_its_reason_in_place_and_its_author_appeals() {
    let s = scene().await;
    ask(&s.nina, &s.salon, "Køb billige solbriller her").await;
    let question = item(&s.app, "Køb billige solbriller her").await;
    let otto = s.app.verified_person("Otto Anden", "otto@example.dk").await;
    let report = format!("/questions/{question}/report");
    assert_eq!(otto.get(&report).await.status, StatusCode::OK);
    // One's own words are deleted, not reported.
    assert_eq!(s.nina.get(&report).await.status, StatusCode::FORBIDDEN);
    let r = otto
        .post(&report, &[("category", "spam"), ("note", "Reklame.")])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let mona = s
        .app
        .verified_person("Mona Moderator", "mona@medspil.dk")
        .await;
    s.app.grant_moderator("mona@medspil.dk").await;
    let moderation_item: String =
        sqlx::query_scalar("SELECT id::text FROM moderation_items WHERE target = 'conversation'")
            .fetch_one(&s.app.db)
            .await
            .unwrap();
    let queue = mona
        .get(&format!("/moderation/items/{moderation_item}"))
        .await;
    assert_eq!(queue.status, StatusCode::OK);
    assert!(queue.body.contains("Køb billige solbriller her"));
    let r = mona
        .post(
            &format!("/moderation/items/{moderation_item}/hide"),
            &[("public_reason", "Reklame (husreglerne).")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);

    let page = s.app.page(&s.salon.path, StatusCode::OK).await;
    assert!(text(&page, ".conversation-hidden").contains("Reklame (husreglerne)."));
    assert!(!page.html().contains("solbriller"));
    // Hidden items take no replies.
    assert_eq!(
        reply(&s.carl, &question, "Nej tak").await.status,
        StatusCode::FORBIDDEN
    );
    let logged: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM moderation_log WHERE action = 'hide' AND item_id = $1::uuid",
    )
    .bind(&moderation_item)
    .fetch_one(&s.app.db)
    .await
    .unwrap();
    assert_eq!(logged, 1);
    // The author is told and appeals as for any hidden content.
    let appeal = format!("/moderation/appeals/{moderation_item}");
    assert_eq!(s.app.link_in_mail("nina@example.dk").await, appeal);
    let r = s
        .nina
        .post(&appeal, &[("note", "Det var en joke om solen.")])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(otto.get(&appeal).await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_author_deletes_their_own_and_a_deleted_account_leaves_only_municipal_answers() {
    let s = scene().await;
    ask(&s.nina, &s.salon, "Fortryder det her").await;
    let regret = item(&s.app, "Fortryder det her").await;
    let delete = format!("/questions/{regret}/delete");
    assert_eq!(
        s.carl.post(&delete, &[]).await.status,
        StatusCode::FORBIDDEN
    );
    let r = s.nina.post(&delete, &[]).await;
    assert_redirect_to_item(&r, &s.salon, &regret);
    let page = s.app.page(&s.salon.path, StatusCode::OK).await;
    assert_eq!(
        text(&page, &format!("#c-{regret} .conversation-deleted")),
        "slettet af forfatteren"
    );
    assert!(!page.html().contains("Fortryder"));

    // Nina's other words, answered by the host and by Olga for her unit.
    ask(&s.nina, &s.salon, "Hvor er indgangen?").await;
    ask(&s.nina, &s.salon, "Ubesvaret spørgsmål").await;
    let question = item(&s.app, "Hvor er indgangen?").await;
    reply(&s.olga, &question, "Ved biblioteket.").await;
    reply(&s.nina, &question, "Tak!").await;
    let r = s
        .nina
        .post("/account/delete", &[("current_password", PASSWORD)])
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let left: Vec<String> = sqlx::query_scalar("SELECT body FROM conversation_items ORDER BY seq")
        .fetch_all(&s.app.db)
        .await
        .unwrap();
    // Her reply and unanswered question are gone; the answered one is emptied, keeping Olga's
    // answer in its place.
    assert_eq!(left, vec!["", "Ved biblioteket."]);
    let r = s
        .olga
        .post("/account/delete", &[("current_password", PASSWORD)])
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let page = s.app.page(&s.salon.path, StatusCode::OK).await;
    assert_eq!(
        texts(&page, ".conversation-reply .conversation-author"),
        vec!["slettet bruger"]
    );
    assert_eq!(
        texts(&page, ".conversation-reply .conversation-badge"),
        vec!["svar fra Teknik og Miljø"]
    );
    assert_eq!(
        texts(&page, ".conversation-reply .conversation-text"),
        vec!["Ved biblioteket."]
    );
}

#[tokio::test]
async fn nothing_of_an_invite_only_salon_reaches_a_visitor_and_a_hidden_salon_hides_it() {
    let app = TestApp::spawn().await;
    let carl = app.verified_person("Carl Vært", "carl@example.dk").await;
    let form = set(
        salon_form(&app, "Lukket kreds", Some(10)),
        "visibility",
        "invite_only",
    );
    let salon = published_from(&carl, &form).await;
    let r = ask(&carl, &salon, "Hvem kommer?").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let question = item(&app, "Hvem kommer?").await;
    let otto = app.verified_person("Otto Anden", "otto@example.dk").await;
    assert_eq!(
        app.browser().get(&salon.path).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(otto.get(&salon.path).await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        ask(&otto, &salon, "Må jeg?").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        reply(&otto, &question, "Jeg!").await.status,
        StatusCode::NOT_FOUND
    );
    let report = format!("/questions/{question}/report");
    assert_eq!(otto.get(&report).await.status, StatusCode::NOT_FOUND);
    let pin = format!("/questions/{question}/pin");
    let r = otto.post(&pin, &[("set", "true")]).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(items(&app).await, 1);

    // A public salon hidden by the moderators hides its conversation, from its hosts too.
    let open = published_salon(&app, &carl, Some(10)).await;
    ask(&otto, &open, "Et spørgsmål").await;
    sqlx::query("UPDATE salons SET hidden_reason = 'Skjult.' WHERE id = $1")
        .bind(open.id)
        .execute(&app.db)
        .await
        .unwrap();
    let page = carl.get(&open.path).await;
    assert!(!page.body.contains("Et spørgsmål"));
    assert_eq!(
        ask(&carl, &open, "Stadig her?").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn the_data_download_holds_what_the_person_wrote() {
    let s = scene().await;
    ask(&s.nina, &s.salon, "Kan vi få kaffe?").await;
    let question = item(&s.app, "Kan vi få kaffe?").await;
    reply(&s.olga, &question, "Ja, kommunen giver.").await;
    let data: serde_json::Value =
        serde_json::from_str(&s.nina.get("/account/data.json").await.body).unwrap();
    assert_eq!(data["conversation"][0]["text"], "Kan vi få kaffe?");
    assert_eq!(data["conversation"][0]["section"], "before");
    // The page of the download shows it under its own heading.
    let page = s.nina.get("/account/data").await;
    assert!(
        texts(&page.html, "section[aria-labelledby=data-conversation]")
            .join(" ")
            .contains("Kan vi få kaffe?")
    );
    assert_eq!(
        text(&page.html, "#data-conversation"),
        "Spørgsmål og kommentarer ved saloner"
    );
    let data: serde_json::Value =
        serde_json::from_str(&s.olga.get("/account/data.json").await.body).unwrap();
    assert_eq!(data["conversation"][0]["text"], "Ja, kommunen giver.");
    assert_eq!(
        data["conversation"][0]["answered_for_unit"],
        "Teknik og Miljø"
    );
}

#[tokio::test]
async fn links_from_an_account_younger_than_a_day_are_text() {
    let s = scene().await;
    ask(&s.nina, &s.salon, "Se https://example.dk/kort").await;
    let page = s.app.page(&s.salon.path, StatusCode::OK).await;
    assert!(texts(&page, ".conversation-text a").is_empty());
    assert!(text(&page, ".conversation-text").contains("https://example.dk/kort"));
    s.app.clock.advance(Duration::days(1));
    let page = s.app.page(&s.salon.path, StatusCode::OK).await;
    assert_eq!(
        crate::helpers::attr(&page, ".conversation-text a", "href").as_deref(),
        Some("https://example.dk/kort")
    );
}
