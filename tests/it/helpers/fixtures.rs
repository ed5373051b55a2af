//! Values for the route parameters of the authorisation matrix: real rows where a route needs
//! one, so the right person's request reaches the handler.

use std::collections::HashMap;

use super::TestApp;

pub async fn for_matrix(app: &TestApp) -> HashMap<&'static str, String> {
    // A committee of Skanderborg and a pending request to sit on it.
    let admin = app.municipality_admin("skanderborg").await;
    let unit = app
        .create_unit(&admin, "skanderborg", "committee", "Klimaudvalget")
        .await;
    let pia = app.verified_person("Pia Politiker", "pia@example.dk").await;
    let r = pia
        .post(
            "/municipalities/skanderborg/roles/request",
            &[
                ("kind", "politician"),
                ("units", unit.as_str()),
                ("title", "Byrådsmedlem"),
            ],
        )
        .await;
    assert_eq!(r.status, reqwest::StatusCode::SEE_OTHER, "{}", r.body);
    let role: String = sqlx::query_scalar(
        "SELECT r.id::text FROM roles r JOIN users u ON u.id = r.user_id WHERE u.email = 'pia@example.dk'",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    // A published salon hosted by the matrix's citizen, carl@example.dk.
    let carl = app.browser();
    carl.post(
        "/sign-in",
        &[("email", "carl@example.dk"), ("password", super::PASSWORD)],
    )
    .await;
    let salon = super::salons::published_salon(app, &carl, Some(20)).await;
    let key = salon.path.trim_start_matches("/salons/").to_string();
    // Someone the host added to that salon, for the routes about one registration.
    let r = carl
        .post(
            &format!("{}/participants/offline", salon.path),
            &[("offline_name", "Grethe Hansen")],
        )
        .await;
    assert_eq!(r.status, reqwest::StatusCode::SEE_OTHER, "{}", r.body);
    let registration: String =
        sqlx::query_scalar("SELECT id::text FROM registrations WHERE salon_id = $1")
            .bind(salon.id)
            .fetch_one(&app.db)
            .await
            .unwrap();
    // An official answering for a department of Skanderborg, and an invitation to it from
    // Carl's salon.
    let invitation = invited_department(app, &admin, &carl, &salon.path).await;
    // Olga accepts it for herself and names the municipality's admin, who is asked.
    let attendance = named_colleague(app, &invitation).await;
    // A next step of Carl's salon for that department.
    let department: String =
        sqlx::query_scalar("SELECT id::text FROM units WHERE name = 'Teknik og Miljø'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    let owner = format!("unit:{department}");
    let r = carl
        .post(
            &format!("{}/agreements", salon.path),
            &[
                ("description", "Mere lys ved stien"),
                ("owner", owner.as_str()),
            ],
        )
        .await;
    assert_eq!(r.status, reqwest::StatusCode::SEE_OTHER, "{}", r.body);
    let agreement: String = sqlx::query_scalar("SELECT id::text FROM agreements")
        .fetch_one(&app.db)
        .await
        .unwrap();
    // An upcoming decision Olga published, deciding in the matrix's committee.
    let olga = app.browser();
    olga.post(
        "/sign-in",
        &[
            ("email", "olga@skanderborg.dk"),
            ("password", super::PASSWORD),
        ],
    )
    .await;
    let meeting = super::salons::date_in(app, 30);
    let r = olga
        .post(
            "/municipalities/skanderborg/decisions/new",
            &[
                ("title", "Ny sti langs søen"),
                ("description", "Hvor skal stien gå?"),
                ("unit", department.as_str()),
                ("committee", unit.as_str()),
                ("meeting_on", meeting.as_str()),
            ],
        )
        .await;
    assert_eq!(r.status, reqwest::StatusCode::SEE_OTHER, "{}", r.body);
    let decision: String = sqlx::query_scalar("SELECT id::text FROM decisions")
        .fetch_one(&app.db)
        .await
        .unwrap();
    // Olga's question in the invitation's thread: a message Carl may report (his own he may
    // not).
    let r = olga
        .post(
            &format!("/inbox/{invitation}/question"),
            &[("text", "Er der plads til cykler?")],
        )
        .await;
    assert_eq!(r.status, reqwest::StatusCode::SEE_OTHER, "{}", r.body);
    let message: String = sqlx::query_scalar(
        "SELECT id::text FROM invitation_events WHERE invitation_id = $1::uuid AND kind = 'question'",
    )
    .bind(&invitation)
    .fetch_one(&app.db)
    .await
    .unwrap();
    // One of Carl's notifications (his mails have in-app twins).
    let notification: String = sqlx::query_scalar(
        "SELECT n.id::text FROM notifications n JOIN users u ON u.id = n.user_id
         WHERE u.email = 'carl@example.dk' ORDER BY n.id LIMIT 1",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    // Olga's public profile; and Pia's report on
    // Carl's salon, so Carl owns the moderation item.
    let person: String =
        sqlx::query_scalar("SELECT id::text FROM users WHERE email = 'olga@skanderborg.dk'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    let r = pia
        .post(
            &format!("{}/report", salon.path),
            &[
                ("category", "spam"),
                ("note", "Reklame for en bilforhandler."),
            ],
        )
        .await;
    assert_eq!(r.status, reqwest::StatusCode::SEE_OTHER, "{}", r.body);
    let item: String = sqlx::query_scalar("SELECT id::text FROM moderation_items")
        .fetch_one(&app.db)
        .await
        .unwrap();
    // Olga's question in the conversation on Carl's salon, and Carl's answer: someone else's
    // item for the routes about a question, and his own for deleting.
    let r = olga
        .post(
            &format!("{}/questions", salon.path),
            &[("body", "Er der kaffe?")],
        )
        .await;
    assert_eq!(r.status, reqwest::StatusCode::SEE_OTHER, "{}", r.body);
    let question: String =
        sqlx::query_scalar("SELECT id::text FROM conversation_items WHERE parent_id IS NULL")
            .fetch_one(&app.db)
            .await
            .unwrap();
    let r = carl
        .post(
            &format!("/questions/{question}/replies"),
            &[("body", "Ja.")],
        )
        .await;
    assert_eq!(r.status, reqwest::StatusCode::SEE_OTHER, "{}", r.body);
    let mine: String =
        sqlx::query_scalar("SELECT id::text FROM conversation_items WHERE parent_id IS NOT NULL")
            .fetch_one(&app.db)
            .await
            .unwrap();
    // Olga hosts a salon of her own and invites Carl to co-host it.
    let olgas = super::salons::published_salon(app, &olga, Some(10)).await;
    let r = olga
        .post(
            &format!("{}/hosts", olgas.path),
            &[("email", "carl@example.dk")],
        )
        .await;
    assert_eq!(r.status, reqwest::StatusCode::SEE_OTHER, "{}", r.body);
    let cohost: String = sqlx::query_scalar("SELECT id::text FROM cohost_invitations")
        .fetch_one(&app.db)
        .await
        .unwrap();
    HashMap::from([
        ("person", person),
        ("message", message),
        ("question", question),
        ("mine", mine),
        ("item", item),
        ("invitation", invitation),
        ("attendance", attendance),
        ("cohost", cohost),
        ("agreement", agreement),
        ("decision", decision),
        ("notification", notification),
        ("key", key),
        ("registration", registration),
        ("unit", unit),
        ("role", role),
        ("municipality", "skanderborg".to_string()),
        ("slug", "skanderborg".to_string()),
        // The sign-in provider the authorisation matrix configures.
        ("provider", "broker".to_string()),
        ("token", "0".repeat(64)),
        ("id", uuid::Uuid::nil().to_string()),
    ])
}

/// Olga (olga@skanderborg.dk) becomes an official of a new department, "Teknik og Miljø", and
/// the host invites that department from `salon_path`: the invitation's id.
pub async fn invited_department(
    app: &TestApp,
    admin: &super::browser::Browser,
    host: &super::browser::Browser,
    salon_path: &str,
) -> String {
    let unit = app.teknik_og_miljo(admin).await;
    let (_, _) = app
        .skanderborg_official(admin, &unit, "Olga Officiel", "olga@skanderborg.dk")
        .await;
    invite_unit(host, salon_path, &unit).await;
    sqlx::query_scalar("SELECT id::text FROM invitations WHERE holder_unit_id = $1::uuid")
        .bind(&unit)
        .fetch_one(&app.db)
        .await
        .unwrap()
}

/// The host of the salon at `salon_path` invites the unit with id `unit`, as the invitation
/// form does.
pub async fn invite_unit(host: &super::browser::Browser, salon_path: &str, unit: &str) {
    let target = format!("unit:{unit}");
    let r = host
        .post(
            &format!("{salon_path}/invitations"),
            &[
                ("target", target.as_str()),
                ("message", "Kom og hør, hvad vi mener om stien."),
            ],
        )
        .await;
    assert_eq!(r.status, reqwest::StatusCode::SEE_OTHER, "{}", r.body);
}

/// The one who is asked in the matrix's `{attendance}`: the admin the fixtures made.
pub const NAMED_COLLEAGUE: &str = "admin@skanderborg.example.dk";

/// Olga accepts `invitation` for herself and names [`NAMED_COLLEAGUE`]: the colleague's
/// registration, which waits for their yes.
async fn named_colleague(app: &TestApp, invitation: &str) -> String {
    let role = |email: &'static str| async move {
        sqlx::query_scalar::<_, String>(
            "SELECT r.id::text FROM roles r JOIN users u ON u.id = r.user_id
             WHERE u.email = $1 AND r.status = 'approved' ORDER BY r.kind LIMIT 1",
        )
        .bind(email)
        .fetch_one(&app.db)
        .await
        .unwrap()
    };
    let (olga_role, admin_role) = (
        role("olga@skanderborg.dk").await,
        role(NAMED_COLLEAGUE).await,
    );
    let olga = app.browser();
    olga.post(
        "/sign-in",
        &[
            ("email", "olga@skanderborg.dk"),
            ("password", super::PASSWORD),
        ],
    )
    .await;
    let r = olga
        .post(
            &format!("/inbox/{invitation}/accept"),
            &[
                ("comers", olga_role.as_str()),
                ("comers", admin_role.as_str()),
            ],
        )
        .await;
    assert_eq!(r.status, reqwest::StatusCode::SEE_OTHER, "{}", r.body);
    sqlx::query_scalar(
        "SELECT r.id::text FROM registrations r JOIN users u ON u.id = r.user_id
         WHERE u.email = $1 AND r.asked_state = 'asked'",
    )
    .bind(NAMED_COLLEAGUE)
    .fetch_one(&app.db)
    .await
    .unwrap()
}

/// A path with its parameters filled from `fixtures`.
pub fn fill(pattern: &str, fixtures: &HashMap<&str, String>) -> String {
    let mut path = String::new();
    let mut rest = pattern;
    while let Some(start) = rest.find('{') {
        let end = rest[start..].find('}').unwrap() + start;
        path.push_str(&rest[..start]);
        let name = &rest[start + 1..end];
        let value = fixtures
            .get(name)
            .unwrap_or_else(|| panic!("no fixture for {{{name}}} in {pattern}"));
        path.push_str(value);
        rest = &rest[end + 1..];
    }
    path.push_str(rest);
    path
}

/// The mail settings form with every kind turned off.
pub fn all_mail_off() -> Vec<(&'static str, &'static str)> {
    [
        "invitations",
        "registrations",
        "changes",
        "reminders",
        "followup",
        "conversation",
        "searches",
    ]
    .into_iter()
    .map(|c| (c, "off"))
    .collect()
}
