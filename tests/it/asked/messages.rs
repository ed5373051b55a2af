//! Rule 6, hosts see their own messages: a message to everyone registered goes to the co-hosts
//! too, and the participants page lists the messages sent — when, by whom, to how many.

use reqwest::StatusCode;

use crate::helpers::TestApp;
use crate::helpers::salons::{add_cohost, published_salon};
use crate::helpers::texts;

async fn messages_to(app: &TestApp, email: &str) -> i64 {
    sqlx::query_scalar(
        "SELECT count(*) FROM outbox WHERE to_address = $1 AND kind = 'salon.message'",
    )
    .bind(email)
    .fetch_one(&app.db)
    .await
    .unwrap()
}

#[tokio::test]
async fn hosts_see_their_own_messages() {
    let app = TestApp::spawn().await;
    let carl = app.verified_person("Carl Borger", "carl@example.dk").await;
    let salon = published_salon(&app, &carl, Some(20)).await;
    let dora = app.verified_person("Dora Dahl", "dora@example.dk").await;
    add_cohost(&app, &carl, &salon.path, &dora, "dora@example.dk").await;
    let bo = app.verified_person("Bo Borger", "bo@example.dk").await;
    let r = bo.post(&format!("{}/register", salon.path), &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);

    let participants = format!("{}/participants", salon.path);
    let page = dora.get(&participants).await;
    assert_eq!(
        texts(&page.html, ".messages-sent-empty"),
        vec!["Der er ikke sendt nogen beskeder endnu."]
    );
    let r = carl
        .post(
            &format!("{}/message", salon.path),
            &[("subject", "Husk kaffe"), ("body", "Tag en kop med.")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(messages_to(&app, "bo@example.dk").await, 1);
    assert_eq!(
        messages_to(&app, "dora@example.dk").await,
        1,
        "the co-host gets it"
    );
    assert_eq!(
        messages_to(&app, "carl@example.dk").await,
        0,
        "not the sender"
    );

    // Every host sees what was sent, by whom, when and to how many.
    for host in [&carl, &dora] {
        let page = host.get(&participants).await;
        assert_eq!(
            texts(&page.html, ".messages-sent tbody td"),
            vec![
                "tirsdag 1. december kl. 10.00",
                "Carl Borger",
                "Husk kaffe",
                "2"
            ]
        );
    }
}
