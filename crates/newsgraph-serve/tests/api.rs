//! The HTTP API, endpoint by endpoint, through the router (no sockets).

use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use axum::Router;
use newsgraph_serve::{router, AppState, Limits, MemoryCorpus};
use serde_json::{json, Value};
use tower::ServiceExt;

const ARTICLE: &str = "German Chancellor Friedrich Merz met Ukrainian President Volodymyr Zelensky in Berlin on Monday. \
\"We will not accept a deal over Ukraine's head,\" Merz told reporters. \
Zelensky said Russia must agree to a ceasefire before any negotiations. \
Russia accused Ukraine of attacking a refinery.";

const LIMITS: Limits = Limits {
    max_body: 64 * 1024,
    timeout: Duration::from_secs(30),
};

fn app_with(token: Option<&str>) -> Router {
    let state =
        AppState::with_defaults(Arc::new(MemoryCorpus::default()), token.map(str::to_string));
    router(state, LIMITS)
}

fn app() -> Router {
    app_with(None)
}

struct Answer {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    body: Vec<u8>,
}

impl Answer {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| {
            panic!(
                "not JSON ({e}): {}",
                String::from_utf8_lossy(&self.body[..self.body.len().min(300)])
            )
        })
    }

    /// Asserts a JSON error with this status and code.
    fn error(&self, status: StatusCode, code: &str) {
        assert_eq!(
            self.status,
            status,
            "{}",
            String::from_utf8_lossy(&self.body)
        );
        let v = self.json();
        assert_eq!(v["code"], code, "{v}");
        assert!(v["message"].as_str().is_some_and(|m| !m.is_empty()), "{v}");
    }
}

async fn send(app: &Router, req: Request<Body>) -> Answer {
    let res = app.clone().oneshot(req).await.unwrap();
    let status = res.status();
    let headers = res.headers().clone();
    let body = axum::body::to_bytes(res.into_body(), usize::MAX)
        .await
        .unwrap()
        .to_vec();
    Answer {
        status,
        headers,
        body,
    }
}

async fn get(app: &Router, uri: &str) -> Answer {
    send(app, Request::get(uri).body(Body::empty()).unwrap()).await
}

async fn post_json(app: &Router, uri: &str, body: Value) -> Answer {
    let req = Request::post(uri)
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(body.to_string()))
        .unwrap();
    send(app, req).await
}

async fn post_raw(app: &Router, uri: &str, ctype: &str, body: impl Into<Body>) -> Answer {
    let req = Request::post(uri)
        .header(header::CONTENT_TYPE, ctype)
        .body(body.into())
        .unwrap();
    send(app, req).await
}

/// Ingests the test article and returns its id.
async fn ingest(app: &Router) -> String {
    let a = post_json(
        app,
        "/api/articles",
        json!({"text": ARTICLE, "title": "Berlin talks", "published": "2025-08-18",
               "url": "https://example.org/berlin"}),
    )
    .await;
    assert_eq!(a.status, StatusCode::CREATED);
    let id = a.json()["id"].as_str().unwrap().to_string();
    assert_eq!(a.headers[header::LOCATION], format!("/api/articles/{id}"));
    id
}

fn names(v: &Value, field: &str) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .filter_map(|x| x[field].as_str().map(str::to_string))
        .collect()
}

// ---- the page and the document ----

#[tokio::test]
async fn page_and_assets_are_served_with_a_strict_policy() {
    let app = app();
    for (uri, ctype) in [
        ("/", "text/html"),
        ("/app.js", "text/javascript"),
        ("/app.css", "text/css"),
    ] {
        let a = get(&app, uri).await;
        assert_eq!(a.status, StatusCode::OK, "{uri}");
        assert!(a.headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with(ctype));
        let csp = a.headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
        assert!(csp.contains("script-src 'self'"), "{csp}");
        assert_eq!(a.headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    }
    let page = String::from_utf8(get(&app, "/").await.body).unwrap();
    assert!(page.contains("app.js") && !page.contains("http://") && !page.contains("https://"));
}

#[tokio::test]
async fn openapi_lists_every_route() {
    let a = get(&app(), "/api/openapi.json").await;
    assert_eq!(a.status, StatusCode::OK);
    let v = a.json();
    assert!(v["openapi"].as_str().unwrap().starts_with("3."));
    for path in [
        "/api/extract",
        "/api/articles",
        "/api/articles/{id}",
        "/api/actors",
        "/api/events",
        "/api/quotes",
        "/api/positions",
        "/api/graph",
        "/api/health",
    ] {
        assert!(v["paths"][path].is_object(), "{path} missing");
    }
}

#[tokio::test]
async fn health_answers() {
    let a = get(&app(), "/api/health").await;
    assert_eq!(a.status, StatusCode::OK);
    assert_eq!(a.json()["status"], "ok");
}

#[tokio::test]
async fn unknown_route_and_wrong_method_are_json_errors() {
    let app = app();
    get(&app, "/api/nope")
        .await
        .error(StatusCode::NOT_FOUND, "not_found");
    get(&app, "/api/extract")
        .await
        .error(StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed");
}

// ---- /api/extract ----

#[tokio::test]
async fn extract_json_returns_the_readout_with_verifiable_spans() {
    let app = app();
    let a = post_json(
        &app,
        "/api/extract",
        json!({"text": ARTICLE, "title": "Berlin talks", "published": "2025-08-18"}),
    )
    .await;
    assert_eq!(a.status, StatusCode::OK);
    assert!(a.headers[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("application/json"));
    let v = a.json();
    assert_eq!(v["document"]["title"], "Berlin talks");
    assert_eq!(v["document"]["published"], "2025-08-18");
    assert_eq!(v["text"], ARTICLE);
    assert!(names(&v["actors"], "name").contains(&"Friedrich Merz".to_string()));
    let chars: Vec<char> = ARTICLE.chars().collect();
    let quote = &v["quotes"][0]["content"];
    let (s, e) = (
        quote["start"].as_u64().unwrap() as usize,
        quote["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(quote["text"], chars[s..e].iter().collect::<String>());
    // Nothing is stored without ?store=true.
    assert_eq!(get(&app, "/api/articles").await.json(), json!([]));
}

#[tokio::test]
async fn extract_plain_text_takes_metadata_from_the_query() {
    let a = post_raw(
        &app(),
        "/api/extract?title=Wire&published=2025-08-19",
        "text/plain; charset=utf-8",
        ARTICLE,
    )
    .await;
    assert_eq!(a.status, StatusCode::OK);
    let v = a.json();
    assert_eq!(v["document"]["title"], "Wire");
    assert_eq!(v["document"]["published"], "2025-08-19");
}

#[tokio::test]
async fn extract_html_reads_the_text_and_drops_scripts() {
    let html = format!(
        "<html><head><title>x</title><script>alert(1)</script></head><body><p>{}</p></body></html>",
        ARTICLE.replace('"', "&quot;")
    );
    let a = post_raw(&app(), "/api/extract", "text/html", html.clone()).await;
    assert_eq!(a.status, StatusCode::OK);
    let v = a.json();
    // One paragraph per line and a final newline, as `newsgraph ingest`
    // reads a page: the same page is the same article (same id) either way.
    let text = format!("{ARTICLE}\n");
    assert_eq!(v["text"], text);
    assert_eq!(v["document"]["title"], "x");
    let b = post_json(&app(), "/api/extract", json!({"html": html})).await;
    assert_eq!(b.json()["text"], text);
}

/// A news page as sites serve them: a site title, meta tags, a cookie
/// banner, navigation, the article, related links, a footer and scripts.
fn news_page() -> String {
    let paragraphs: Vec<String> = ARTICLE
        .split_inclusive(". ")
        .map(|s| format!("<p>{}</p>", s.trim().replace('"', "&quot;")))
        .collect();
    format!(
        r#"<!doctype html>
<html><head>
<title>Merz meets Zelensky | The Daily Ledger</title>
<meta property="og:title" content="Merz and Zelensky meet in Berlin">
<meta property="article:published_time" content="2025-08-18T09:30:00+02:00">
<meta property="og:url" content="https://ledger.example/world/berlin-talks">
<script>window.dataLayer = [{{"page": "article"}}];</script>
<style>body {{ font-family: serif; }}</style>
</head><body>
<div class="cookie-banner">We use cookies to improve your experience. Accept all cookies?</div>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/politics">Politics</a></nav>
<main><article>
<h1>Merz and Zelensky meet in Berlin</h1>
{}
</article>
<aside class="related"><h2>Related</h2><a href="/x">Markets rally on rate hopes</a></aside>
</main>
<footer>Copyright The Daily Ledger. All rights reserved. Privacy policy.</footer>
<script src="/tracker.js"></script><script>trackPageView("berlin-talks");</script>
</body></html>"#,
        paragraphs.join("\n")
    )
}

#[tokio::test]
async fn extract_html_reads_the_main_content_and_the_page_metadata() {
    let page = news_page();
    let a = post_raw(
        &app(),
        "/api/extract",
        "text/html; charset=utf-8",
        page.clone(),
    )
    .await;
    assert_eq!(
        a.status,
        StatusCode::OK,
        "{}",
        String::from_utf8_lossy(&a.body)
    );
    let v = a.json();
    let text = v["text"].as_str().unwrap();
    assert!(
        text.contains("German Chancellor Friedrich Merz met Ukrainian President"),
        "{text}"
    );
    assert!(
        text.contains("\"We will not accept a deal over Ukraine's head,\""),
        "{text}"
    );
    assert!(
        text.contains("Russia accused Ukraine of attacking a refinery."),
        "{text}"
    );
    for boilerplate in [
        "cookies",
        "Home",
        "Politics",
        "Related",
        "Markets rally",
        "Copyright",
        "Privacy",
        "dataLayer",
        "trackPageView",
        "font-family",
    ] {
        assert!(!text.contains(boilerplate), "{boilerplate:?} in {text}");
    }
    // og:title wins over <title>; the date is the publisher's own day.
    assert_eq!(v["document"]["title"], "Merz and Zelensky meet in Berlin");
    assert_eq!(v["document"]["published"], "2025-08-18");
    assert_eq!(
        v["document"]["url"],
        "https://ledger.example/world/berlin-talks"
    );
    // The article was analysed, with spans into the extracted text.
    assert!(names(&v["actors"], "name").contains(&"Friedrich Merz".to_string()));
    let chars: Vec<char> = text.chars().collect();
    let quote = &v["quotes"][0]["content"];
    let (s, e) = (
        quote["start"].as_u64().unwrap() as usize,
        quote["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(quote["text"], chars[s..e].iter().collect::<String>());

    // The same through JSON, and exactly what `newsgraph ingest` reads.
    let b = post_json(&app(), "/api/extract", json!({"html": page}))
        .await
        .json();
    assert_eq!(b["text"], text);
    assert_eq!(b["document"], v["document"]);
    let ingested =
        newsgraph_ingest::article_from_html(&page, None, &newsgraph_ingest::Limits::default())
            .unwrap();
    assert_eq!(text, ingested.text);
}

#[tokio::test]
async fn extract_html_takes_the_title_element_without_og_title() {
    let page = news_page()
        .replace(
            "<title>Merz meets Zelensky | The Daily Ledger</title>",
            "<title>Merz meets Zelensky in Berlin</title>",
        )
        .replace(
            r#"<meta property="og:title" content="Merz and Zelensky meet in Berlin">"#,
            "",
        );
    let v = post_raw(&app(), "/api/extract", "text/html", page)
        .await
        .json();
    assert_eq!(v["document"]["title"], "Merz meets Zelensky in Berlin");
    assert_eq!(v["document"]["published"], "2025-08-18");
}

#[tokio::test]
async fn extract_html_request_fields_override_the_page() {
    let app = app();
    let page = news_page();
    let v = post_json(
        &app,
        "/api/extract",
        json!({"html": page, "title": "Berlin talks", "published": "2025-08-19",
               "url": "https://example.org/berlin"}),
    )
    .await
    .json();
    assert_eq!(v["document"]["title"], "Berlin talks");
    assert_eq!(v["document"]["published"], "2025-08-19");
    assert_eq!(v["document"]["url"], "https://example.org/berlin");
    // Query parameters, for an HTML body; fields not given come from the page.
    let v = post_raw(
        &app,
        "/api/extract?title=Wire&published=2025-08-20",
        "text/html",
        page.clone(),
    )
    .await
    .json();
    assert_eq!(v["document"]["title"], "Wire");
    assert_eq!(v["document"]["published"], "2025-08-20");
    assert_eq!(
        v["document"]["url"],
        "https://ledger.example/world/berlin-talks"
    );
    // Blank fields (an empty form input) do not hide the page's.
    let v = post_json(
        &app,
        "/api/extract",
        json!({"html": page, "title": " ", "published": "", "url": ""}),
    )
    .await
    .json();
    assert_eq!(v["document"]["title"], "Merz and Zelensky meet in Berlin");
    assert_eq!(v["document"]["published"], "2025-08-18");
    assert_eq!(
        v["document"]["url"],
        "https://ledger.example/world/berlin-talks"
    );
    // A bad date in the request is still an error, page or not.
    post_json(
        &app,
        "/api/extract",
        json!({"html": page, "published": "18/08/2025"}),
    )
    .await
    .error(StatusCode::BAD_REQUEST, "bad_date");
    // Stored articles keep the merged metadata.
    let a = post_raw(&app, "/api/articles?title=Wire", "text/html", page).await;
    assert_eq!(a.status, StatusCode::CREATED);
    let stored = a.json();
    assert_eq!(stored["title"], "Wire");
    assert_eq!(stored["published"], "2025-08-18");
    assert_eq!(stored["url"], "https://ledger.example/world/berlin-talks");
}

#[tokio::test]
async fn extract_html_without_content_is_a_json_error() {
    let app = app();
    for page in [
        "<html><head><title>Nothing here</title></head></html>",
        "<html><head><title>T</title></head><body></body></html>",
        "<html><body><nav><a href=\"/\">Home</a></nav><footer>Copyright</footer></body></html>",
        "<html><body><script>var x = 1;</script></body></html>",
        "<!-- only a comment -->",
    ] {
        let a = post_raw(&app, "/api/extract", "text/html", page).await;
        a.error(StatusCode::BAD_REQUEST, "empty_article");
        let message = a.json()["message"].as_str().unwrap().to_string();
        assert!(
            message.contains("HTML has no article text"),
            "{page}: {message}"
        );
        post_json(&app, "/api/extract", json!({"html": page}))
            .await
            .error(StatusCode::BAD_REQUEST, "empty_article");
        post_raw(&app, "/api/articles", "text/html", page)
            .await
            .error(StatusCode::BAD_REQUEST, "empty_article");
    }
    post_json(&app, "/api/extract", json!({"html": " \n "}))
        .await
        .error(StatusCode::BAD_REQUEST, "empty_article");
    // A base URL Readability would refuse does not fail the page.
    let v = post_json(
        &app,
        "/api/extract",
        json!({"html": news_page(), "url": "http://"}),
    )
    .await;
    assert_eq!(v.status, StatusCode::OK);
    assert_eq!(get(&app, "/api/articles").await.json(), json!([]));
}

#[tokio::test]
async fn extract_with_store_keeps_the_article() {
    let app = app();
    let a = post_json(&app, "/api/extract?store=true", json!({"text": ARTICLE})).await;
    assert_eq!(a.status, StatusCode::OK);
    let loc = a.headers[header::LOCATION].to_str().unwrap().to_string();
    assert_eq!(get(&app, &loc).await.status, StatusCode::OK);
}

#[tokio::test]
async fn extract_rejects_bad_json() {
    post_raw(&app(), "/api/extract", "application/json", "{\"text\": ")
        .await
        .error(StatusCode::BAD_REQUEST, "bad_json");
    post_json(&app(), "/api/extract", json!({"text": 42}))
        .await
        .error(StatusCode::BAD_REQUEST, "bad_json");
}

#[tokio::test]
async fn extract_rejects_missing_empty_and_doubled_text() {
    let app = app();
    post_json(&app, "/api/extract", json!({"title": "t"}))
        .await
        .error(StatusCode::BAD_REQUEST, "bad_article");
    post_json(&app, "/api/extract", json!({"text": "  \n "}))
        .await
        .error(StatusCode::BAD_REQUEST, "empty_article");
    post_json(
        &app,
        "/api/extract",
        json!({"text": "a", "html": "<p>a</p>"}),
    )
    .await
    .error(StatusCode::BAD_REQUEST, "bad_article");
}

#[tokio::test]
async fn extract_rejects_a_bad_date() {
    post_json(
        &app(),
        "/api/extract",
        json!({"text": ARTICLE, "published": "18/08/2025"}),
    )
    .await
    .error(StatusCode::BAD_REQUEST, "bad_date");
    post_raw(
        &app(),
        "/api/extract?published=2025-02-30",
        "text/plain",
        ARTICLE,
    )
    .await
    .error(StatusCode::BAD_REQUEST, "bad_date");
}

#[tokio::test]
async fn extract_rejects_an_oversize_body() {
    let big = "word ".repeat(LIMITS.max_body / 4);
    post_raw(&app(), "/api/extract", "text/plain", big.clone())
        .await
        .error(StatusCode::PAYLOAD_TOO_LARGE, "body_too_large");
    // Without a Content-Length (a stream), the limit still holds.
    let stream = futures_stream(big);
    post_raw(&app(), "/api/extract", "text/plain", stream)
        .await
        .error(StatusCode::PAYLOAD_TOO_LARGE, "body_too_large");
}

/// A body of unknown length.
fn futures_stream(s: String) -> Body {
    let chunks: Vec<Result<String, std::io::Error>> = s
        .as_bytes()
        .chunks(4096)
        .map(|c| Ok(String::from_utf8(c.to_vec()).unwrap()))
        .collect();
    Body::new(StreamOf(chunks.into_iter()))
}

struct StreamOf<I>(I);

impl<I: Iterator + Unpin> axum::body::HttpBody for StreamOf<I>
where
    I::Item: Into<Result<String, std::io::Error>>,
{
    type Data = axum::body::Bytes;
    type Error = std::io::Error;
    fn poll_frame(
        mut self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<http_body::Frame<Self::Data>, Self::Error>>> {
        std::task::Poll::Ready(
            self.0
                .next()
                .map(|r| r.into().map(|s| http_body::Frame::data(s.into()))),
        )
    }
}

#[tokio::test]
async fn extract_rejects_bad_encoding_and_media_type() {
    post_raw(
        &app(),
        "/api/extract",
        "text/plain",
        vec![0xffu8, 0xfe, 0x41],
    )
    .await
    .error(StatusCode::BAD_REQUEST, "bad_encoding");
    post_raw(&app(), "/api/extract", "image/png", "x")
        .await
        .error(StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type");
}

#[tokio::test]
async fn script_in_an_article_is_data_not_markup() {
    let text = "Merz said \"<script>alert(1)</script> is not a plan.\"";
    let v = post_json(&app(), "/api/extract", json!({"text": text}))
        .await
        .json();
    // The text comes back verbatim inside a JSON string; the page renders it
    // with textContent (checked in the browser tests).
    assert_eq!(v["text"], text);
}

// ---- writes and the token ----

#[tokio::test]
async fn writes_need_the_token_when_one_is_set() {
    let app = app_with(Some("s3cret"));
    let body = json!({"text": ARTICLE}).to_string();
    for (uri, method) in [
        ("/api/articles", Method::POST),
        ("/api/extract?store=true", Method::POST),
        ("/api/articles/abc", Method::DELETE),
    ] {
        let req = Request::builder()
            .method(method.clone())
            .uri(uri)
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body.clone()))
            .unwrap();
        send(&app, req)
            .await
            .error(StatusCode::UNAUTHORIZED, "unauthorized");
        let req = Request::builder()
            .method(method)
            .uri(uri)
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::AUTHORIZATION, "Bearer wrong!")
            .body(Body::from(body.clone()))
            .unwrap();
        send(&app, req)
            .await
            .error(StatusCode::UNAUTHORIZED, "unauthorized");
    }
    let req = Request::post("/api/articles")
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::AUTHORIZATION, "Bearer s3cret")
        .body(Body::from(body.clone()))
        .unwrap();
    assert_eq!(send(&app, req).await.status, StatusCode::CREATED);
    // Reading never needs it, and plain extraction stores nothing.
    assert_eq!(get(&app, "/api/articles").await.status, StatusCode::OK);
    assert_eq!(
        post_json(&app, "/api/extract", json!({"text": ARTICLE}))
            .await
            .status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn no_cors_headers_are_sent() {
    let req = Request::get("/api/articles")
        .header(header::ORIGIN, "https://evil.example")
        .body(Body::empty())
        .unwrap();
    let a = send(&app(), req).await;
    assert!(a.headers.get(header::ACCESS_CONTROL_ALLOW_ORIGIN).is_none());
}

// ---- articles ----

#[tokio::test]
async fn ingest_list_get_and_delete_an_article() {
    let app = app();
    let id = ingest(&app).await;
    let list = get(&app, "/api/articles").await.json();
    assert_eq!(names(&list, "id"), vec![id.clone()]);
    assert_eq!(list[0]["title"], "Berlin talks");
    assert!(list[0]["quotes"].as_u64().unwrap() >= 1);

    let one = get(&app, &format!("/api/articles/{id}")).await.json();
    assert_eq!(one["text"], ARTICLE);
    assert_eq!(one["readout"]["document"]["id"], id.as_str());

    // Ingesting the same text again replaces it.
    assert_eq!(ingest(&app).await, id);
    assert_eq!(
        get(&app, "/api/articles")
            .await
            .json()
            .as_array()
            .unwrap()
            .len(),
        1
    );

    let del = Request::delete(format!("/api/articles/{id}"))
        .body(Body::empty())
        .unwrap();
    assert_eq!(send(&app, del).await.status, StatusCode::NO_CONTENT);
    get(&app, &format!("/api/articles/{id}"))
        .await
        .error(StatusCode::NOT_FOUND, "not_found");
}

#[tokio::test]
async fn unknown_article_is_404() {
    let app = app();
    get(&app, "/api/articles/0123456789abcdef")
        .await
        .error(StatusCode::NOT_FOUND, "not_found");
    let del = Request::delete("/api/articles/nope")
        .body(Body::empty())
        .unwrap();
    send(&app, del)
        .await
        .error(StatusCode::NOT_FOUND, "not_found");
}

#[tokio::test]
async fn ingest_rejects_bad_input() {
    let app = app();
    post_raw(&app, "/api/articles", "application/json", "not json")
        .await
        .error(StatusCode::BAD_REQUEST, "bad_json");
    post_json(
        &app,
        "/api/articles",
        json!({"text": ARTICLE, "published": "yesterday"}),
    )
    .await
    .error(StatusCode::BAD_REQUEST, "bad_date");
}

#[tokio::test]
async fn list_paging_is_checked() {
    let app = app();
    ingest(&app).await;
    assert_eq!(
        get(&app, "/api/articles?limit=1&offset=1").await.json(),
        json!([])
    );
    get(&app, "/api/articles?limit=lots")
        .await
        .error(StatusCode::BAD_REQUEST, "bad_query");
    get(&app, "/api/articles?limit=100000")
        .await
        .error(StatusCode::BAD_REQUEST, "bad_query");
}

// ---- corpus queries ----

#[tokio::test]
async fn actors_across_the_corpus() {
    let app = app();
    ingest(&app).await;
    let v = get(&app, "/api/actors").await.json();
    let merz = v
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["name"] == "Friedrich Merz")
        .expect("Merz is an actor");
    assert_eq!(merz["key"], "friedrich merz");
    assert_eq!(merz["articles"], 1);
    assert!(merz["quotes"].as_u64().unwrap() >= 1);
}

#[tokio::test]
async fn events_with_filters() {
    let app = app();
    ingest(&app).await;
    let all = get(&app, "/api/events").await.json();
    let all = all.as_array().unwrap();
    // Events are a later layer of the pipeline: filters must hold on whatever it finds.
    for e in all {
        assert!(e["trigger"]["text"].is_string());
    }
    let none = get(&app, "/api/events?from=2030-01-01").await.json();
    assert_eq!(none, json!([]));
    let typed = get(&app, "/api/events?type=consult&actor=merz").await;
    assert_eq!(typed.status, StatusCode::OK);
    for e in typed.json().as_array().unwrap() {
        assert_eq!(e["type"], "CONSULT");
    }
}

#[tokio::test]
async fn events_reject_bad_dates_and_types() {
    let app = app();
    get(&app, "/api/events?from=2025-13-01")
        .await
        .error(StatusCode::BAD_REQUEST, "bad_date");
    get(&app, "/api/events?to=last%20week")
        .await
        .error(StatusCode::BAD_REQUEST, "bad_date");
    get(&app, "/api/events?from=2025-09-01&to=2025-08-01")
        .await
        .error(StatusCode::BAD_REQUEST, "bad_date");
    get(&app, "/api/events?type=PARTY")
        .await
        .error(StatusCode::BAD_REQUEST, "bad_type");
}

#[tokio::test]
async fn quotes_by_speaker_and_words_with_source_sentence() {
    let app = app();
    let id = ingest(&app).await;
    let v = get(&app, "/api/quotes?speaker=merz").await.json();
    let q = &v.as_array().unwrap()[0];
    assert_eq!(q["speaker"], "Friedrich Merz");
    assert_eq!(q["article"], id.as_str());
    assert_eq!(q["url"], "https://example.org/berlin");
    assert!(q["sentence"]["text"]
        .as_str()
        .unwrap()
        .contains(q["content"]["text"].as_str().unwrap()));
    let hit = get(&app, "/api/quotes?q=UKRAINE%27S%20HEAD").await.json();
    assert_eq!(hit.as_array().unwrap().len(), 1);
    let miss = get(&app, "/api/quotes?q=zebra").await.json();
    assert_eq!(miss, json!([]));
    get(&app, "/api/quotes?limit=-1")
        .await
        .error(StatusCode::BAD_REQUEST, "bad_query");
}

#[tokio::test]
async fn positions_filter_by_issue() {
    let app = app();
    ingest(&app).await;
    let all = get(&app, "/api/positions").await;
    assert_eq!(all.status, StatusCode::OK);
    for p in all.json().as_array().unwrap() {
        assert!(["for", "against", "undecided"].contains(&p["stance"].as_str().unwrap()));
    }
    let none = get(&app, "/api/positions?issue=no%20such%20issue")
        .await
        .json();
    assert_eq!(none, json!([]));
}

#[tokio::test]
async fn graph_has_nodes_for_actors() {
    let app = app();
    assert_eq!(
        get(&app, "/api/graph").await.json(),
        json!({"nodes": [], "edges": []})
    );
    ingest(&app).await;
    let g = get(&app, "/api/graph").await.json();
    assert!(names(&g["nodes"], "name").contains(&"Volodymyr Zelensky".to_string()));
    let ids = names(&g["nodes"], "id");
    for e in g["edges"].as_array().unwrap() {
        assert!(ids.contains(&e["source"].as_str().unwrap().to_string()));
        assert!(ids.contains(&e["target"].as_str().unwrap().to_string()));
    }
    get(&app, "/api/graph?limit=x")
        .await
        .error(StatusCode::BAD_REQUEST, "bad_query");
}

#[tokio::test]
async fn a_slow_request_times_out_with_json() {
    let state = AppState::with_defaults(Arc::new(MemoryCorpus::default()), None);
    let app = router(
        state,
        Limits {
            max_body: 1024,
            timeout: Duration::from_millis(50),
        },
    );
    // A body that never finishes arriving.
    let body = Body::new(Pending);
    let req = Request::post("/api/extract")
        .header(header::CONTENT_TYPE, "text/plain")
        .body(body)
        .unwrap();
    send(&app, req)
        .await
        .error(StatusCode::REQUEST_TIMEOUT, "timeout");
}

struct Pending;

impl axum::body::HttpBody for Pending {
    type Data = axum::body::Bytes;
    type Error = std::io::Error;
    fn poll_frame(
        self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<http_body::Frame<Self::Data>, Self::Error>>> {
        std::task::Poll::Pending
    }
}

#[tokio::test]
async fn dns_rebinding_and_cross_site_writes_are_refused() {
    let app = app();
    for host in [
        "127.0.0.1:8080",
        "localhost:8080",
        "[::1]:8080",
        "localhost",
    ] {
        let req = Request::get("/api/articles")
            .header(header::HOST, host)
            .body(Body::empty())
            .unwrap();
        assert_eq!(send(&app, req).await.status, StatusCode::OK, "{host}");
    }
    let req = Request::get("/api/articles")
        .header(header::HOST, "evil.example:8080")
        .body(Body::empty())
        .unwrap();
    send(&app, req)
        .await
        .error(StatusCode::FORBIDDEN, "bad_host");
    // A form on another site posting text/plain.
    let req = Request::post("/api/articles")
        .header(header::HOST, "127.0.0.1:8080")
        .header(header::ORIGIN, "https://evil.example")
        .header(header::CONTENT_TYPE, "text/plain")
        .body(Body::from(ARTICLE))
        .unwrap();
    send(&app, req)
        .await
        .error(StatusCode::FORBIDDEN, "cross_origin");
    // The page itself posts with its own origin.
    let req = Request::post("/api/extract")
        .header(header::HOST, "127.0.0.1:8080")
        .header(header::ORIGIN, "http://127.0.0.1:8080")
        .header(header::CONTENT_TYPE, "text/plain")
        .body(Body::from(ARTICLE))
        .unwrap();
    assert_eq!(send(&app, req).await.status, StatusCode::OK);
    // With a token, other host names are served (behind a proxy, say).
    let req = Request::get("/api/articles")
        .header(header::HOST, "news.example")
        .body(Body::empty())
        .unwrap();
    assert_eq!(send(&app_with(Some("t")), req).await.status, StatusCode::OK);
}
