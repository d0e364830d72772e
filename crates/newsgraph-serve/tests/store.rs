//! The API over the SQLite store (`newsgraph serve --db`), through the router.

use std::sync::Arc;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use newsgraph_serve::{router, AppState, Limits, StoreCorpus};
use serde_json::{json, Value};
use tower::ServiceExt;

const BERLIN: &str = "German Chancellor Friedrich Merz met Ukrainian President Volodymyr Zelensky in Berlin on Monday. \
\"We will not accept a deal over Ukraine's head,\" Merz told reporters. \
Russia accused Ukraine of attacking a refinery.";
const KYIV: &str = "Ukrainian President Volodymyr Zelensky met German Chancellor Friedrich Merz in Kyiv on Tuesday. \
\"Europe stands with us,\" Zelensky said. Russia accused Ukraine of attacking a refinery.";

async fn call(app: &Router, req: Request<Body>) -> (StatusCode, Value) {
    let res = app.clone().oneshot(req).await.unwrap();
    let status = res.status();
    let body = axum::body::to_bytes(res.into_body(), usize::MAX)
        .await
        .unwrap();
    let v = if body.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(&body).unwrap()
    };
    (status, v)
}

async fn get(app: &Router, uri: &str) -> (StatusCode, Value) {
    call(app, Request::get(uri).body(Body::empty()).unwrap()).await
}

async fn ingest(app: &Router, body: Value) -> (StatusCode, Value) {
    let req = Request::post("/api/articles")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(body.to_string()))
        .unwrap();
    call(app, req).await
}

fn app(dir: &tempfile::TempDir) -> Router {
    let db = dir.path().join("news.db");
    let corpus = StoreCorpus::open(db.to_str().unwrap()).unwrap();
    router(
        AppState::with_defaults(Arc::new(corpus), None),
        Limits::default(),
    )
}

#[tokio::test]
async fn the_corpus_endpoints_read_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(&dir);
    let (s, a) = ingest(
        &app,
        json!({"text": BERLIN, "title": "Berlin", "published": "2025-08-18", "url": "https://example.org/1"}),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED, "{a}");
    let id = a["id"].as_str().unwrap().to_string();
    let (s, _) = ingest(
        &app,
        json!({"text": KYIV, "title": "Kyiv", "published": "2025-08-19", "url": "https://example.org/2"}),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED);
    // The same text again is not an error; another text under a stored URL is.
    let (s, _) = ingest(
        &app,
        json!({"text": BERLIN, "url": "https://example.org/1"}),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED);
    let (s, e) = ingest(
        &app,
        json!({"text": "Other words.", "url": "https://example.org/1"}),
    )
    .await;
    assert_eq!(
        (s, e["code"].as_str()),
        (StatusCode::CONFLICT, Some("conflict"))
    );

    let (_, list) = get(&app, "/api/articles").await;
    let titles: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["Kyiv", "Berlin"]);

    let (s, one) = get(&app, &format!("/api/articles/{id}")).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(one["text"], BERLIN);
    assert_eq!(one["readout"]["document"]["id"], id.as_str());

    let (_, actors) = get(&app, "/api/actors").await;
    let merz = actors
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["name"] == "Friedrich Merz")
        .expect("Merz across articles");
    assert_eq!(merz["articles"], 2);

    let (s, events) = get(&app, "/api/events?type=ACCUSE&from=2025-08-01").await;
    assert_eq!(s, StatusCode::OK);
    for e in events.as_array().unwrap() {
        assert_eq!(e["type"], "ACCUSE");
        assert!(e["sentence"]["text"]
            .as_str()
            .unwrap()
            .contains(e["trigger"]["text"].as_str().unwrap()));
    }
    let (s, err) = get(&app, "/api/events?to=2025-8-1").await;
    assert_eq!(
        (s, err["code"].as_str()),
        (StatusCode::BAD_REQUEST, Some("bad_date"))
    );

    let (_, quotes) = get(&app, "/api/quotes?speaker=Merz").await;
    let q = &quotes.as_array().unwrap()[0];
    assert_eq!(q["speaker"], "Friedrich Merz");
    assert!(q["sentence"]["text"]
        .as_str()
        .unwrap()
        .contains("Ukraine's head"));
    let (_, none) = get(&app, "/api/quotes?q=zebra").await;
    assert_eq!(none, json!([]));

    let (s, _) = get(&app, "/api/positions?issue=ceasefire").await;
    assert_eq!(s, StatusCode::OK);

    let (_, g) = get(&app, "/api/graph").await;
    let ids: Vec<&str> = g["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap())
        .collect();
    for e in g["edges"].as_array().unwrap() {
        assert!(ids.contains(&e["source"].as_str().unwrap()));
        assert!(ids.contains(&e["target"].as_str().unwrap()));
    }

    let del = Request::delete(format!("/api/articles/{id}"))
        .body(Body::empty())
        .unwrap();
    assert_eq!(call(&app, del).await.0, StatusCode::NO_CONTENT);
    let (s, e) = get(&app, &format!("/api/articles/{id}")).await;
    assert_eq!(
        (s, e["code"].as_str()),
        (StatusCode::NOT_FOUND, Some("not_found"))
    );
}

#[tokio::test]
async fn extract_with_store_writes_to_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(&dir);
    let req = Request::post("/api/extract?store=true&title=Wire")
        .header(header::CONTENT_TYPE, "text/plain")
        .body(Body::from(BERLIN))
        .unwrap();
    let (s, r) = call(&app, req).await;
    assert_eq!(s, StatusCode::OK);
    let (_, list) = get(&app, "/api/articles").await;
    assert_eq!(list[0]["id"], r["document"]["id"]);
    assert_eq!(list[0]["title"], "Wire");
}
