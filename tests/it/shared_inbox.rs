//! A unit's shared inbox: an official takes an invitation ("Jeg tager den"), hands it to a
//! colleague, the inbox filters by who has it; two officials claiming at once, one wins. Who
//! has it never reaches the hosts.

use reqwest::StatusCode;

use crate::helpers::browser::Browser;
use crate::helpers::fixtures::invite_unit;
use crate::helpers::salons::{SalonRef, published_salon};
use crate::helpers::{TestApp, attr, text, texts};

/// Skanderborg's "Teknik og Miljø" with two officials answering for it, and a citizen host
/// whose published salon invited the department.
struct Scene {
    app: TestApp,
    /// Skanderborg's admin, who does not answer for the unit.
    admin: Browser,
    host: Browser,
    salon: SalonRef,
    unit: String,
    olga: Browser,
    ole: Browser,
    invitation: String,
}

async fn scene() -> Scene {
    // The invitations' scene (Skanderborg, Teknik og Miljø with Olga and Ole, Carl's salon),
    // with the unit invited.
    let base = crate::invitations::scene().await;
    invite_unit(&base.host, &base.salon.path, &base.unit).await;
    let invitation = newest_invitation(&base.app).await;
    let crate::invitations::Scene {
        app,
        admin,
        host,
        salon,
        unit,
        olga,
        ole,
        ..
    } = base;
    Scene {
        app,
        admin,
        host,
        salon,
        unit,
        olga,
        ole,
        invitation,
    }
}

async fn newest_invitation(app: &TestApp) -> String {
    sqlx::query_scalar("SELECT id::text FROM invitations ORDER BY sent_at DESC, id LIMIT 1")
        .fetch_one(&app.db)
        .await
        .unwrap()
}

async fn user_id(app: &TestApp, email: &str) -> String {
    sqlx::query_scalar("SELECT id::text FROM users WHERE email = $1")
        .bind(email)
        .fetch_one(&app.db)
        .await
        .unwrap()
}

#[tokio::test]
async fn two_officials_claiming_at_once_one_wins_and_the_other_is_told_who() {
    let s = scene().await;
    let path = format!("/inbox/{}/claim", s.invitation);
    let (a, b) = tokio::join!(s.olga.post(&path, &[]), s.ole.post(&path, &[]));
    let (won, lost, winner) = match (a.status, b.status) {
        (StatusCode::SEE_OTHER, StatusCode::CONFLICT) => (a, b, "Olga Hansen"),
        (StatusCode::CONFLICT, StatusCode::SEE_OTHER) => (b, a, "Ole Berg"),
        other => panic!("expected one claim and one refusal, got {other:?}"),
    };
    assert_eq!(
        won.location.as_deref(),
        Some(format!("/inbox/{}?done=claimed", s.invitation).as_str())
    );
    let problem = text(&lost.html, "#answer-problem");
    assert!(problem.contains(winner), "{problem}");
    assert_eq!(
        text(&lost.html, ".claim-holder"),
        format!("{winner} har taget den siden 1. december 2026.")
    );
    let claims: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM invitation_events WHERE invitation_id = $1::uuid AND kind = 'claimed'",
    )
    .bind(&s.invitation)
    .fetch_one(&s.app.db)
    .await
    .unwrap();
    assert_eq!(claims, 1, "one claim is recorded");
}

#[tokio::test]
async fn a_claimed_invitation_is_handed_to_a_colleague_who_is_told_and_anyone_may_answer() {
    let s = scene().await;
    let item = format!("/inbox/{}", s.invitation);
    let r = s.olga.post(&format!("{item}/claim"), &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = s.ole.get(&item).await;
    assert_eq!(
        text(&page.html, ".claim-holder"),
        "Olga Hansen har taget den siden 1. december 2026."
    );
    assert!(texts(&page.html, "form[action$='/claim']").is_empty());

    // Olga gives it to Ole, who is told.
    let olga_id = user_id(&s.app, "olga@skanderborg.dk").await;
    let ole_id = user_id(&s.app, "ole@skanderborg.dk").await;
    let before = s.app.mails_to("ole@skanderborg.dk").await;
    let r = s
        .olga
        .post(
            &format!("{item}/hand-over"),
            &[("to", ole_id.as_str()), ("seen", olga_id.as_str())],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(s.app.mails_to("ole@skanderborg.dk").await, before + 1);
    let kind: String = sqlx::query_scalar(
        "SELECT n.kind FROM notifications n JOIN users u ON u.id = n.user_id
         WHERE u.email = 'ole@skanderborg.dk' ORDER BY n.id DESC LIMIT 1",
    )
    .fetch_one(&s.app.db)
    .await
    .unwrap();
    assert_eq!(kind, "invitation.handed-over");
    let page = s.olga.get(&item).await;
    assert_eq!(
        text(&page.html, ".claim-holder"),
        "Ole Berg har taget den siden 1. december 2026."
    );
    let history = texts(&page.html, "li, p").join("\n");
    assert!(history.contains("Olga Hansen gav invitationen til Ole Berg."));

    // A stale page (it still showed nobody) cannot take it from Ole.
    let r = s
        .olga
        .post(&format!("{item}/hand-over"), &[("to", olga_id.as_str())])
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    // Someone who does not answer for it is not a colleague to hand it to.
    let host_id = user_id(&s.app, "carl@example.dk").await;
    let r = s
        .ole
        .post(
            &format!("{item}/hand-over"),
            &[("to", host_id.as_str()), ("seen", ole_id.as_str())],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);

    // The hosts never learn who has it.
    let host_page = s.host.get(&format!("{}/invitations", s.salon.path)).await;
    assert!(!host_page.body.contains("tog invitationen"));
    assert!(!host_page.body.contains("gav invitationen"));

    // Olga answers although Ole has it: any answer settles it.
    let r = s
        .olga
        .post(
            &format!("{item}/decline"),
            &[("reason", "Vi har ikke tid den dag."), ("seen", "open")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let r = s.ole.post(&format!("{item}/claim"), &[]).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    assert_eq!(
        text(&r.html, "#answer-problem"),
        "Invitationen er ikke længere åben."
    );
}

#[tokio::test]
async fn the_inbox_filters_by_who_has_the_invitation() {
    let s = scene().await;
    // A second salon invites the department too; Olga takes the first.
    let second = published_salon(&s.app, &s.host, Some(10)).await;
    invite_unit(&s.host, &second.path, &s.unit).await;
    let r = s
        .olga
        .post(&format!("/inbox/{}/claim", s.invitation), &[])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let count = |b: &Browser, claim: &'static str| {
        let b = b.clone();
        async move {
            let page = b.get(&format!("/inbox?claim={claim}")).await;
            texts(&page.html, "tr.inbox-line td.inbox-claim")
        }
    };
    assert_eq!(
        count(&s.olga, "mine").await,
        vec!["Olga Hansen siden 1. december 2026"]
    );
    assert_eq!(count(&s.olga, "none").await, vec!["Ingen endnu"]);
    assert_eq!(count(&s.olga, "all").await.len(), 2);
    assert!(count(&s.ole, "mine").await.is_empty());
    assert_eq!(count(&s.ole, "none").await.len(), 1);
}

#[tokio::test]
async fn internal_notes_reach_those_who_answer_and_the_admins_and_no_one_else() {
    let s = scene().await;
    let item = format!("/inbox/{}", s.invitation);
    let notes = format!("{item}/notes");
    let note = "Jeg tjekker med vejafdelingen";
    let r = s.olga.post(&notes, &[("body", note)]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert!(r.location.as_deref().unwrap().starts_with(&item));
    let r = s.olga.post(&notes, &[("body", "  ")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);

    // Ole answers for the unit too; the municipality's admin reads and writes on the notes page.
    let page = s.ole.get(&item).await;
    assert_eq!(texts(&page.html, ".note-body"), vec![note]);
    let admin = s.app.signed_in("admin@skanderborg.example.dk").await;
    assert_eq!(admin.get(&item).await.status, StatusCode::NOT_FOUND);
    let page = admin.get(&notes).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(texts(&page.html, ".note-body"), vec![note]);
    let r = admin.post(&notes, &[("body", "Husk budgettet")]).await;
    assert_eq!(
        r.location.as_deref(),
        Some(format!("{notes}?done=noted").as_str())
    );

    // Never the host, a visitor, another unit or another municipality's admin.
    let other_admin = s.app.municipality_admin("aarhus").await;
    let otto = {
        let kultur = s
            .app
            .create_unit(&admin, "skanderborg", "department", "Kultur og Fritid")
            .await;
        s.app
            .skanderborg_official(&admin, &kultur, "Otto Anden", "otto@skanderborg.dk")
            .await
            .0
    };
    for (who, b) in [
        ("host", &s.host),
        ("visitor", &s.app.browser()),
        ("another unit", &otto),
        ("another municipality's admin", &other_admin),
    ] {
        let r = b.get(&notes).await;
        assert!(
            matches!(r.status, StatusCode::NOT_FOUND | StatusCode::SEE_OTHER),
            "{who}: {}",
            r.status
        );
        assert!(!r.body.contains(note), "{who}");
    }
    for path in [
        format!("{}/invitations", s.salon.path),
        s.salon.path.clone(),
    ] {
        for b in [&s.host, &s.app.browser()] {
            assert!(!b.get(&path).await.body.contains(note), "{path}");
        }
    }

    // The note is in its author's data download; deleting the account keeps it, nameless.
    let data: serde_json::Value =
        serde_json::from_str(&s.olga.get("/account/data.json").await.body).unwrap();
    assert_eq!(data["invitations"]["internal_notes"][0]["note"], note);
    let r = s
        .olga
        .post(
            "/account/delete",
            &[("current_password", crate::helpers::PASSWORD)],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let page = s.ole.get(&item).await;
    assert_eq!(
        texts(&page.html, ".note-body"),
        vec![note, "Husk budgettet"]
    );
    assert!(!page.body.contains("Olga Hansen"));
}

#[tokio::test]
async fn the_inbox_puts_what_is_due_first_and_says_what_is_overdue() {
    let s = scene().await;
    // A second salon (also four days ahead) asks for an answer within two days.
    let second = published_salon(&s.app, &s.host, Some(10)).await;
    let reply_by = crate::helpers::salons::date_in(&s.app, 2);
    let target = format!("unit:{}", s.unit);
    let r = s
        .host
        .post(
            &format!("{}/invitations", second.path),
            &[
                ("target", target.as_str()),
                ("message", "Svar gerne snart."),
                ("reply_by", reply_by.as_str()),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let urgent: String = sqlx::query_scalar("SELECT id::text FROM invitations WHERE salon_id = $1")
        .bind(second.id)
        .fetch_one(&s.app.db)
        .await
        .unwrap();
    let lines = |b: Browser| async move {
        let page = b.get("/inbox").await;
        let sel = scraper::Selector::parse("tr.inbox-line th a").unwrap();
        let links: Vec<String> = page
            .html
            .select(&sel)
            .filter_map(|a| a.value().attr("href").map(str::to_string))
            .collect();
        (
            links,
            texts(&page.html, "tr.inbox-line td.inbox-due"),
            texts(&page.html, "tr.inbox-line .inbox-soon"),
        )
    };
    let (links, due, soon) = lines(s.olga.clone()).await;
    assert_eq!(
        links,
        vec![
            format!("/inbox/{urgent}"),
            format!("/inbox/{}", s.invitation)
        ]
    );
    assert_eq!(due, vec!["torsdag 3. december 2026", "Ikke angivet"]);
    assert_eq!(soon, vec!["Salonen er om 4 dage", "Salonen er om 4 dage"]);

    // Three days on, the answer is overdue and the salons are tomorrow.
    s.app.clock.advance(chrono::Duration::days(3));
    let (links, due, soon) = lines(s.olga.clone()).await;
    assert_eq!(links[0], format!("/inbox/{urgent}"));
    assert_eq!(
        due,
        vec!["torsdag 3. december 2026 Forfalden", "Ikke angivet"]
    );
    assert_eq!(soon, vec!["Salonen er i morgen", "Salonen er i morgen"]);
}

async fn claimed_by(s: &Scene) -> Option<String> {
    sqlx::query_scalar("SELECT claimed_by::text FROM invitations WHERE id = $1::uuid")
        .bind(&s.invitation)
        .fetch_one(&s.app.db)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_claim_is_put_back_by_its_holder_or_an_admin_and_by_no_other_colleague() {
    let s = scene().await;
    let item = format!("/inbox/{}", s.invitation);
    let olga_id = user_id(&s.app, "olga@skanderborg.dk").await;
    let r = s.olga.post(&format!("{item}/claim"), &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);

    // Ole answers for it too, but it is Olga's: he sees no "Læg den tilbage", and may not.
    let page = s.ole.get(&item).await;
    assert!(texts(&page.html, "form[action$='/release']").is_empty());
    let r = s
        .ole
        .post(&format!("{item}/release"), &[("seen", olga_id.as_str())])
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    assert_eq!(claimed_by(&s).await, Some(olga_id.clone()));

    // Olga puts it back: nobody has it, and the history says so.
    let page = s.olga.get(&item).await;
    assert_eq!(
        attr(
            &page.html,
            "form[action$='/release'] input[name=seen]",
            "value"
        ),
        Some(olga_id.clone())
    );
    let r = s
        .olga
        .post(&format!("{item}/release"), &[("seen", olga_id.as_str())])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(
        r.location.as_deref(),
        Some(format!("{item}?done=released").as_str())
    );
    assert_eq!(claimed_by(&s).await, None);
    let page = s.ole.get(&item).await;
    assert_eq!(
        text(&page.html, ".claim-holder"),
        "Ingen har taget den endnu."
    );
    let history = texts(&page.html, "li, p").join("\n");
    assert!(
        history.contains("Olga Hansen lagde invitationen tilbage."),
        "{history}"
    );
    let inbox = s.ole.get("/inbox?claim=none").await;
    assert!(
        inbox.body.contains(&s.invitation),
        "back among those nobody has"
    );

    // Ole takes it; the municipality's admin, who does not answer for it, puts it back from
    // the notes page.
    let ole_id = user_id(&s.app, "ole@skanderborg.dk").await;
    let r = s.ole.post(&format!("{item}/claim"), &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let notes = s.admin.get(&format!("{item}/notes")).await;
    assert_eq!(notes.status, StatusCode::OK, "{}", notes.body);
    assert_eq!(
        text(&notes.html, ".claim-holder"),
        "Ole Berg har taget den siden 1. december 2026."
    );
    // A stale page (it showed Olga) puts back nothing.
    let r = s
        .admin
        .post(&format!("{item}/release"), &[("seen", olga_id.as_str())])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(claimed_by(&s).await, Some(ole_id.clone()));
    let r = s
        .admin
        .post(&format!("{item}/release"), &[("seen", ole_id.as_str())])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(
        r.location.as_deref(),
        Some(format!("{item}/notes?done=released").as_str())
    );
    assert_eq!(claimed_by(&s).await, None);

    // The hosts never learn of it.
    let host_page = s.host.get(&format!("{}/invitations", s.salon.path)).await;
    assert!(!host_page.body.contains("lagde invitationen tilbage"));
}

/// The inbox shows 50 invitations a page, what is due first; the next page continues where
/// the first stopped, keeps the filters, and leads back to the first.
#[tokio::test]
async fn the_inbox_shows_a_page_at_a_time_in_its_order() {
    let s = scene().await;
    // 54 open invitations: every other salon asks for an answer within two days, so the
    // order mixes due days and times sent.
    let reply_by = crate::helpers::salons::date_in(&s.app, 2);
    let target = format!("unit:{}", s.unit);
    for n in 0..53 {
        let salon = published_salon(&s.app, &s.host, Some(10)).await;
        let mut form = vec![
            ("target", target.as_str()),
            ("message", "Kom og hør, hvad vi mener om stien."),
        ];
        if n % 2 == 0 {
            form.push(("reply_by", reply_by.as_str()));
        }
        let r = s
            .host
            .post(&format!("{}/invitations", salon.path), &form)
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        s.app.clock.advance(chrono::Duration::minutes(1));
    }
    let links = |html: &scraper::Html| {
        let sel = scraper::Selector::parse("tr.inbox-line th a").unwrap();
        html.select(&sel)
            .filter_map(|a| a.value().attr("href").map(str::to_string))
            .collect::<Vec<_>>()
    };
    let first = s.olga.get("/inbox?claim=none").await;
    let first_links = links(&first.html);
    assert_eq!(first_links.len(), 50);
    let next = attr(&first.html, ".inbox-pages a[rel=next]", "href").expect("a next page");
    assert!(next.contains("claim=none"), "{next}");
    let second = s.olga.get(&next).await;
    assert_eq!(second.status, StatusCode::OK, "{}", second.body);
    let second_links = links(&second.html);
    assert_eq!(second_links.len(), 4);
    assert!(texts(&second.html, ".inbox-pages a[rel=next]").is_empty());
    assert_eq!(
        attr(&second.html, ".inbox-pages a:not([rel])", "href").as_deref(),
        Some("/inbox?status=open&claim=none")
    );

    // Together, every open invitation once, in the order of the whole list: those due in
    // two days first, then the rest, each group oldest first.
    let expected: Vec<String> = sqlx::query_scalar(
        "SELECT '/inbox/' || id FROM invitations
         ORDER BY reply_by IS NULL, reply_by, sent_at, id",
    )
    .fetch_all(&s.app.db)
    .await
    .unwrap();
    assert_eq!([first_links, second_links].concat(), expected);
    // A cursor that does not parse is the first page.
    let garbled = s.olga.get("/inbox?after=nonsense").await;
    assert_eq!(links(&garbled.html).len(), 50);
}

#[tokio::test]
async fn the_inbox_says_who_answers_for_nothing_and_offers_the_units_answered_for() {
    let s = scene().await;
    let no_role = "Indbakken er for kommunens medarbejdere og politikere. \
                   Bed om en rolle på din kommunes side.";
    let units = |b: &Browser| {
        let b = b.clone();
        async move {
            let page = b.get("/inbox").await;
            (
                texts(&page.html, "p.empty-state"),
                texts(&page.html, "#filter-unit option"),
            )
        }
    };
    // The host holds no role: told so, and nothing to filter by.
    let (empty, options) = units(&s.host).await;
    assert!(empty.contains(&no_role.to_string()), "{empty:?}");
    assert!(options.is_empty());
    // Olga answers for Teknik og Miljø: its name to filter by, after "every unit".
    let (empty, options) = units(&s.olga).await;
    assert!(!empty.contains(&no_role.to_string()), "{empty:?}");
    assert_eq!(options.len(), 2, "{options:?}");
    assert_eq!(options[1], "Teknik og Miljø");
    // The admin answers for no unit, but holds a role: no unit to filter by, not told.
    let (empty, options) = units(&s.admin).await;
    assert!(!empty.contains(&no_role.to_string()), "{empty:?}");
    assert!(options.is_empty(), "{options:?}");
    // The unit's name comes with its walk: renamed, the filter says the new name.
    sqlx::query("UPDATE units SET name = 'Teknik' WHERE id = $1::uuid")
        .bind(&s.unit)
        .execute(&s.app.db)
        .await
        .unwrap();
    let (_, options) = units(&s.olga).await;
    assert_eq!(options[1], "Teknik");
}
