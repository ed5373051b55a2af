//! Signing in with MitID in Chromium, as a person does: the button on our sign-in page, the
//! provider's own login page (the test provider's form), and back on Medspil signed in; then
//! signing out of both. Our pages on the way go through the accessibility gate.

use super::page::Chromium;
use crate::helpers::oidc::app_with_real_provider;

#[tokio::test]
async fn a_person_signs_in_through_the_providers_login_page_and_out_of_both_in_chromium() {
    if !super::driver::available("gate-oidc") {
        return;
    }
    let Some((app, _provider)) = app_with_real_provider().await else {
        return;
    };
    let mut browser = Chromium::start(&app.address, "gate-oidc", true, true).await;
    browser.open("/sign-in").await;
    browser.check("sign-in page with providers").await;
    browser.showcase("sign-in-providers").await;
    browser.press("Log ind med MitID").await;

    // The provider's page, on its own address: the person types who they are there.
    let at = browser.client.current_url().await.unwrap();
    assert!(
        !at.as_str().starts_with(&app.address),
        "still on Medspil: {at}"
    );
    browser.fill("Bruger", "anna").await;
    browser.shot("the provider's login page").await;
    browser.press("Log ind").await;
    assert_eq!(browser.path().await, "/account");
    browser.sees("Forbundet").await;
    browser.shot("signed in with MitID").await;

    browser.sign_out().await;
    assert_eq!(browser.path().await, "/signed-out?provider=broker");
    browser
        .check("signed out, offered the provider's sign-out")
        .await;
    browser.follow("Log også ud hos MitID").await;
    browser.shot("the provider asks to sign out").await;
    browser.press("Yes, sign me out").await;
    assert_eq!(browser.path().await, "/");

    // The provider's session is gone too: signing in again asks who it is.
    browser.open("/sign-in").await;
    browser.press("Log ind med MitID").await;
    browser.field("Bruger").await;
    browser.shot("the provider asks again").await;

    let mut gate = browser.gate.take().unwrap();
    browser.close().await;
    gate.finish();
}
