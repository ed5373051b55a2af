//! The OpenAPI 3.1 document at `/api/openapi.json`, generated from the handlers' annotations
//! and the response types, so it cannot drift from what the API answers. Every object schema
//! is closed and lists every property as required ([`closed`]): the API always writes every
//! field (`null` where there is nothing), and a client may rely on that.

use std::sync::OnceLock;

use axum::Json;
use axum::extract::State;
use serde_json::Value;
use utoipa::OpenApi;

use super::{decisions, error, municipalities, salons};
use crate::state::AppState;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Medspil open API",
        description = "Public salons, municipalities, upcoming decisions and each municipality's and unit's response record — what a signed-out visitor sees. Figures under CC BY 4.0; texts remain their authors'. See /api.",
        license(
            name = "CC BY 4.0 (figures)",
            url = "https://creativecommons.org/licenses/by/4.0/"
        )
    ),
    paths(
        salons::list,
        salons::one,
        municipalities::list,
        municipalities::one,
        municipalities::record,
        municipalities::unit_record,
        decisions::list
    ),
    components(schemas(error::ErrorBody, error::ErrorDetail))
)]
struct Doc;

/// The document as served, built once.
pub fn document_value() -> &'static Value {
    static DOC: OnceLock<Value> = OnceLock::new();
    DOC.get_or_init(|| {
        let mut doc = serde_json::to_value(Doc::openapi()).expect("the document serialises");
        closed(&mut doc);
        doc
    })
}

/// `GET /api/openapi.json`.
pub async fn document(State(_): State<AppState>) -> Json<Value> {
    Json(document_value().clone())
}

/// Makes every object schema in `v` list all its properties as required and allow no others.
fn closed(v: &mut Value) {
    match v {
        Value::Object(map) => {
            let is_object_schema = map.get("type").and_then(Value::as_str) == Some("object")
                || map.contains_key("properties");
            if is_object_schema {
                let names: Vec<Value> = map
                    .get("properties")
                    .and_then(Value::as_object)
                    .map(|p| p.keys().cloned().map(Value::String).collect())
                    .unwrap_or_default();
                map.insert("required".into(), Value::Array(names));
                map.insert("additionalProperties".into(), Value::Bool(false));
            }
            for (key, child) in map.iter_mut() {
                // A property named "required" is a schema, not the list: walk into it as well.
                if key != "required" || child.is_object() {
                    closed(child);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(closed),
        _ => {}
    }
}
