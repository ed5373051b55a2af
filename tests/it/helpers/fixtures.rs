//! Values for the route parameters of the authorisation matrix: real rows where a route needs
//! one, so the right person's request reaches the handler.

use std::collections::HashMap;

use super::TestApp;

pub async fn for_matrix(_app: &TestApp) -> HashMap<&'static str, String> {
    HashMap::from([
        ("municipality", "skanderborg".to_string()),
        ("slug", "skanderborg".to_string()),
        ("token", "0".repeat(64)),
        ("id", uuid::Uuid::nil().to_string()),
    ])
}
