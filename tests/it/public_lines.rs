//! What the public lines say, rules 4, 5 and 9: waiting is not coming; a proposal and the
//! host's choice stay visible; the counts of who comes agree everywhere, and a salon that is
//! over or not yet out says so.

use chrono::{DateTime, Duration, NaiveTime, Utc};
use chrono_tz::Europe::Copenhagen;
use reqwest::StatusCode;
use uuid::Uuid;

use crate::helpers::browser::Browser;
use crate::helpers::salons::{SalonRef, create_salon, date_in, published_from, salon_form, set};
use crate::helpers::{TestApp, text, texts};

/// Skanderborg with Teknik og Miljø, Olga and Ole answering for it, and Carl's published
/// salon six days ahead with `municipal_seats` seats for the municipality.
struct Scene {
    app: TestApp,
    admin: Browser,
    host: Browser,
    salon: SalonRef,
    olga: Browser,
    olga_role: String,
    invitation: Uuid,
}

async fn scene(capacity: Option<u32>, municipal_seats: &str) -> Scene {
    let app = TestApp::spawn().await;
    let admin = app.municipality_admin("skanderborg").await;
    let unit = app.teknik_og_miljo(&admin).await;
    let (olga, olga_role) = app
        .skanderborg_official(&admin, &unit, "Olga Hansen", "olga@skanderborg.dk")
        .await;
    let host = app.verified_person("Carl Borger", "carl@example.dk").await;
    let form = set(
        set(
            salon_form(&app, "Stien langs søen", capacity),
            "municipal_seats",
            municipal_seats,
        ),
        "session-0-date",
        &date_in(&app, 6),
    );
    let salon = published_from(&host, &form).await;
    let target = format!("unit:{unit}");
    let r = host
        .post(
            &format!("{}/invitations", salon.path),
            &[
                ("target", target.as_str()),
                ("message", "Kom og hør om stien."),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let invitation = sqlx::query_scalar("SELECT id FROM invitations WHERE salon_id = $1")
        .bind(salon.id)
        .fetch_one(&app.db)
        .await
        .unwrap();
    Scene {
        app,
        admin,
        host,
        salon,
        olga,
        olga_role,
        invitation,
    }
}

/// The answer line a card shows for the units the salon's page says come ("kommer"): "" for
/// none, "Teknik og Miljø kommer", "Teknik og Miljø og 1 anden kommer".
async fn expected_card_line(s: &Scene) -> Vec<String> {
    let page = s.app.page(&s.salon.path, StatusCode::OK).await;
    let holders = texts(&page, ".salon-invitations li strong");
    let states = texts(&page, ".salon-invitations li .invitation-public-state");
    let coming: Vec<String> = holders
        .iter()
        .zip(&states)
        .filter(|(_, state)| state.starts_with("kommer"))
        .map(|(holder, _)| holder.trim_end_matches(", Skanderborg Kommune").to_string())
        .collect();
    match coming.as_slice() {
        [] => Vec::new(),
        [one] => vec![format!("{one} kommer")],
        [first, ..] => panic!("one unit is invited here, {first} and more come"),
    }
}

/// Every list of cards shows the answer line the salon's page gives: the directory, the front
/// page, the municipality's page, the host's Mine saloner and the open API's list.
async fn cards_agree_with_the_salon_page(s: &Scene) {
    let expected = expected_card_line(s).await;
    let visitor = s.app.browser();
    for (path, who) in [
        ("/salons", &visitor),
        ("/", &visitor),
        ("/municipalities/skanderborg", &visitor),
        ("/mine", &s.host),
    ] {
        let page = who.get(path).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        assert!(
            texts(&page.html, ".salon-item-title")
                .iter()
                .any(|t| t == "Stien langs søen"),
            "{path} lists the salon"
        );
        assert_eq!(texts(&page.html, ".salon-item-answer"), expected, "{path}");
    }
    let api = visitor.get("/api/v1/salons").await;
    let body: serde_json::Value = serde_json::from_str(&api.body).unwrap();
    let units: Vec<String> = body["items"][0]["answer_units"]
        .as_array()
        .expect("answer_units")
        .iter()
        .map(|u| format!("{} kommer", u.as_str().unwrap()))
        .collect();
    assert_eq!(units, expected, "the open API");
}

/// The one public line about the invitation on the salon's page.
async fn public_line(s: &Scene) -> String {
    let page = s.app.page(&s.salon.path, StatusCode::OK).await;
    text(&page, ".invitation-public-state")
}

#[tokio::test]
async fn waiting_is_not_coming() {
    // One seat for the municipality, which a politician takes first.
    let s = scene(Some(20), "1").await;
    let council = s
        .app
        .create_unit(&s.admin, "skanderborg", "council", "Byrådet")
        .await;
    let pia = s
        .app
        .verified_person("Pia Politiker", "pia@example.dk")
        .await;
    let r = pia
        .post(
            "/municipalities/skanderborg/roles/request",
            &[
                ("kind", "politician"),
                ("units", council.as_str()),
                ("title", "Byrådsmedlem"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let pia_role: String = sqlx::query_scalar(
        "SELECT r.id::text FROM roles r JOIN users u ON u.id = r.user_id WHERE u.email = 'pia@example.dk'",
    )
    .fetch_one(&s.app.db)
    .await
    .unwrap();
    let r = s
        .admin
        .post(
            &format!("/admin/skanderborg/requests/{pia_role}/approve"),
            &[],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let r = pia
        .post(
            &format!("{}/register", s.salon.path),
            &[("come_as", pia_role.as_str())],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);

    // Olga says yes; the municipality's seats are taken, so she is on its waitlist.
    let r = s
        .olga
        .post(
            &format!("/inbox/{}/accept", s.invitation),
            &[("comers", s.olga_role.as_str())],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let line = public_line(&s).await;
    assert_eq!(
        line,
        "har sagt ja — står på venteliste: Olga Hansen, Vejingeniør"
    );
    assert!(!line.contains("kommer"));
    // No card says the unit comes either.
    cards_agree_with_the_salon_page(&s).await;

    // The politician cancels: Olga gets the seat, and now she is coming — on every card too.
    let r = pia
        .post(&format!("{}/registration/cancel", s.salon.path), &[])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(public_line(&s).await, "kommer — Olga Hansen, Vejingeniør");
    cards_agree_with_the_salon_page(&s).await;
}

/// The cards keep the answer line on the salon, so each thing it depends on changes it on
/// every list at once: a yes with someone coming, the unit's new name, the same colleague
/// taken off and put back, and the yes changed to no.
#[tokio::test]
async fn every_card_list_shows_the_answer_line_the_salon_page_gives() {
    let s = scene(Some(20), "2").await;
    cards_agree_with_the_salon_page(&s).await;
    assert!(expected_card_line(&s).await.is_empty());

    let r = s
        .olga
        .post(
            &format!("/inbox/{}/accept", s.invitation),
            &[("comers", s.olga_role.as_str())],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(expected_card_line(&s).await, ["Teknik og Miljø kommer"]);
    cards_agree_with_the_salon_page(&s).await;

    // The unit is renamed: every card says the new name.
    let unit: String =
        sqlx::query_scalar("SELECT holder_unit_id::text FROM invitations WHERE id = $1")
            .bind(s.invitation)
            .fetch_one(&s.app.db)
            .await
            .unwrap();
    let r = s
        .admin
        .post(
            &format!("/admin/skanderborg/units/{unit}"),
            &[("name", "Teknik og Trafik"), ("description", "")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(expected_card_line(&s).await, ["Teknik og Trafik kommer"]);
    cards_agree_with_the_salon_page(&s).await;

    // The yes becomes a no: the seat is given back and no card says the unit comes.
    let r = s
        .olga
        .post(
            &format!("/inbox/{}/decline", s.invitation),
            &[("seen", "accepted"), ("reason", "Vi er blevet forhindret.")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert!(expected_card_line(&s).await.is_empty());
    cards_agree_with_the_salon_page(&s).await;
    // What each salon keeps is what the one definition says.
    let drifted: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM salons WHERE answer_units IS DISTINCT FROM salon_answer_units(id)",
    )
    .fetch_one(&s.app.db)
    .await
    .unwrap();
    assert_eq!(drifted, 0);
}

/// "tirsdag 15. december kl. 19.00" for `days` ahead at 19:00 Copenhagen, as the pages say it.
fn evening(app: &TestApp, days: i64) -> (String, DateTime<Utc>, DateTime<Utc>) {
    let day = chrono::NaiveDate::parse_from_str(&date_in(app, days), "%Y-%m-%d").unwrap();
    let at = |h| {
        day.and_time(NaiveTime::from_hms_opt(h, 0, 0).unwrap())
            .and_local_timezone(Copenhagen)
            .unwrap()
            .to_utc()
    };
    (date_in(app, days), at(19), at(21))
}

async fn propose(s: &Scene, date: &str) {
    let session: String =
        sqlx::query_scalar("SELECT id::text FROM salon_sessions WHERE salon_id = $1")
            .bind(s.salon.id)
            .fetch_one(&s.app.db)
            .await
            .unwrap();
    let r = s
        .olga
        .post(
            &format!("/inbox/{}/propose", s.invitation),
            &[
                ("session", session.as_str()),
                ("date", date),
                ("start", "19:00"),
                ("end", "21:00"),
                ("note", "Vi kan først om aftenen."),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
}

async fn host_decides(s: &Scene, decision: &str) {
    let r = s
        .host
        .post(
            &format!("{}/invitations/{}/proposal", s.salon.path, s.invitation),
            &[("decision", decision)],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
}

#[tokio::test]
async fn a_proposal_and_the_hosts_choice_stay_visible() {
    let s = scene(Some(20), "2").await;
    let tr = medspil::web::i18n::Tr::new(medspil::web::i18n::Locale::Da);
    let (first, first_start, first_end) = evening(&s.app, 5);
    propose(&s, &first).await;
    assert_eq!(public_line(&s).await, "har foreslået et andet tidspunkt");

    // The host keeps the old time: the line shows what was proposed and the choice, never
    // "har ikke svaret".
    s.app.clock.advance(Duration::days(1));
    host_decides(&s, "decline").await;
    let line = public_line(&s).await;
    assert_eq!(
        line,
        format!(
            "foreslog {} — værten beholdt det oprindelige tidspunkt",
            tr.datetime(first_start)
        )
    );
    assert!(!line.contains("har ikke svaret"));

    // A second proposal, which the host takes.
    let (second, second_start, second_end) = evening(&s.app, 6);
    propose(&s, &second).await;
    host_decides(&s, "accept").await;
    assert_eq!(
        public_line(&s).await,
        format!("foreslog {} — værten valgte det", tr.datetime(second_start))
    );

    // The official's own timeline shows each proposed time itself.
    let history = texts(
        &s.olga.get(&format!("/inbox/{}", s.invitation)).await.html,
        ".invitation-history li",
    );
    let when = |a, b| medspil::salons::session_when(&tr, a, b);
    for expected in [
        format!("Olga Hansen foreslog {}.", when(first_start, first_end)),
        format!("Olga Hansen foreslog {}.", when(second_start, second_end)),
    ] {
        assert!(
            history.iter().any(|l| l.contains(&expected)),
            "{expected} not in {history:?}"
        );
    }
    // And an answer after that is the line again.
    let r = s
        .olga
        .post(
            &format!("/inbox/{}/accept", s.invitation),
            &[("comers", s.olga_role.as_str())],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(public_line(&s).await, "kommer — Olga Hansen, Vejingeniør");
}

#[tokio::test]
async fn the_counts_agree_everywhere_and_a_salon_says_when_it_is_over_or_not_out() {
    // No limit on citizens: the case where "2 er tilmeldt" left out the municipality's guest.
    let s = scene(None, "2").await;
    let nina = s.app.verified_person("Nina Nabo", "nina@example.dk").await;
    let r = nina.post(&format!("{}/register", s.salon.path), &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let r = s
        .host
        .post(
            &format!("{}/participants/offline", s.salon.path),
            &[("offline_name", "Grethe Hansen")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let r = s
        .olga
        .post(
            &format!("/inbox/{}/accept", s.invitation),
            &[("comers", s.olga_role.as_str())],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let figures = "1 borger, 1 tilføjet af værten og 1 fra kommunen";

    let visitor = s.app.page(&s.salon.path, StatusCode::OK).await;
    assert_eq!(texts(&visitor, ".turnout"), [figures]);
    assert_eq!(
        text(&visitor, ".registration-count"),
        format!("Tilmeldt: {figures}.")
    );
    let hosts_view = s.host.get(&s.salon.path).await;
    assert_eq!(texts(&hosts_view.html, ".turnout"), [figures, figures]);
    let participants = s.host.get(&format!("{}/participants", s.salon.path)).await;
    assert_eq!(texts(&participants.html, ".turnout"), [figures]);

    // After the salon: who took part, in the same words, and nothing to sign up for.
    s.app.clock.advance(Duration::days(7));
    s.app.run_jobs().await;
    let r = s
        .host
        .post(
            &format!("{}/summary", s.salon.path),
            &[("summary", "Vi gik langs søen."), ("action", "publish")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let after = s.app.titled(&s.salon.path, "Stien langs søen").await;
    assert_eq!(text(&after, "#registration-heading"), "Hvem deltog");
    assert_eq!(texts(&after, ".turnout"), [figures, figures]);
    assert_eq!(
        text(&after, ".summary-took-part"),
        format!("Deltog: {figures}.")
    );
    assert!(texts(&after, ".salon-seats-left").is_empty());
    assert!(texts(&after, ".registration-closed").is_empty());
    assert!(!after.html().contains("ledige pladser"));
    assert!(texts(&after, ".registration-panel form").is_empty());
    let invitations = s.host.get(&format!("{}/invitations", s.salon.path)).await;
    let html = invitations.expect_page("Invitationer til Stien langs søen");
    assert!(texts(html, "#send-heading").is_empty());
    assert!(
        texts(html, "#field-target").is_empty(),
        "no form to invite with"
    );
    assert_eq!(
        text(&invitations.html, ".invitations-over"),
        "Salonen er slut, så der kan ikke sendes flere invitationer."
    );

    // A draft is not out yet; it is not "closed for registration".
    let draft = create_salon(&s.host, &salon_form(&s.app, "Et udkast", Some(10))).await;
    let page = s.host.get(&draft.path).await;
    assert_eq!(
        text(&page.html, ".registration-closed"),
        "Ikke offentliggjort endnu."
    );
}

#[tokio::test]
async fn names_inside_the_public_line_and_the_history_are_shown_inside_bdi() {
    let s = scene(Some(20), "2").await;
    let r = s
        .olga
        .post(
            &format!("/inbox/{}/accept", s.invitation),
            &[("comers", s.olga_role.as_str())],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    // The sentence reads as before; the name in it is its own element, so a name written
    // right to left cannot turn the words around it.
    let page = s.app.page(&s.salon.path, StatusCode::OK).await;
    assert_eq!(
        text(&page, ".invitation-public-state"),
        "kommer — Olga Hansen, Vejingeniør"
    );
    assert_eq!(
        texts(&page, ".invitation-public-state bdi"),
        ["Olga Hansen"]
    );
    // The invitation's history, on the host's page, names her the same way.
    let r = s.host.get(&format!("{}/invitations", s.salon.path)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(
        texts(&r.html, ".invitation-history bdi")
            .iter()
            .any(|t| t == "Olga Hansen"),
        "{}",
        r.body
    );
}

#[tokio::test]
async fn an_official_who_said_yes_is_named_with_a_link_to_their_profile_and_a_citizen_is_not() {
    let s = scene(Some(20), "2").await;
    let unit: String =
        sqlx::query_scalar("SELECT holder_unit_id::text FROM invitations WHERE id = $1")
            .bind(s.invitation)
            .fetch_one(&s.app.db)
            .await
            .unwrap();
    // A name that looks like markup: it links, and stays text.
    let (ole, ole_role) = s
        .app
        .skanderborg_official(
            &s.admin,
            &unit,
            "Ole <script>alert(1)</script>",
            "ole@skanderborg.dk",
        )
        .await;
    let r = ole
        .post(
            &format!("/inbox/{}/accept", s.invitation),
            &[("comers", ole_role.as_str())],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    // A citizen who chose to be shown by name.
    let citizen = s.app.verified_person("Bo Borger", "bo@example.dk").await;
    let r = citizen
        .post(&format!("{}/register", s.salon.path), &[("show_name", "1")])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);

    let ole_id: Uuid =
        sqlx::query_scalar("SELECT id FROM users WHERE email = 'ole@skanderborg.dk'")
            .fetch_one(&s.app.db)
            .await
            .unwrap();
    let profile = format!("/people/{ole_id}");
    let page = s.app.page(&s.salon.path, StatusCode::OK).await;
    assert_eq!(
        text(&page, ".invitation-public-state"),
        "kommer — Ole <script>alert(1)</script>, Vejingeniør"
    );
    assert_eq!(
        crate::helpers::attr(&page, ".invitation-public-state a.profile-link", "href"),
        Some(profile.clone())
    );
    assert_eq!(
        text(&page, ".invitation-public-state a.profile-link bdi"),
        "Ole <script>alert(1)</script>"
    );
    assert!(
        texts(&page, "script")
            .iter()
            .all(|t| !t.contains("alert(1)")),
        "a name never becomes markup"
    );
    // Among those coming, the official links and the citizen does not.
    assert_eq!(
        crate::helpers::attr(&page, ".attendees a.profile-link", "href"),
        Some(profile.clone())
    );
    assert!(
        texts(&page, ".attendees li")
            .iter()
            .any(|t| t.contains("Bo Borger"))
    );
    assert_eq!(texts(&page, ".attendees a.profile-link").len(), 1);
    // And the link leads to the profile.
    s.app.page(&profile, StatusCode::OK).await;
}
