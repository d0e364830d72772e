//! The routes: the page, the extractor and the corpus queries.

use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::extract::rejection::{BytesRejection, QueryRejection};
use axum::extract::Request;
use axum::extract::{DefaultBodyLimit, Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::{from_fn_with_state, map_response, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::NaiveDate;
use newsgraph_core::Metadata;
use newsgraph_readout::Readout;
use serde::{Deserialize, Serialize};
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;

use crate::corpus::{Corpus, EventFilter, QuoteFilter};
use crate::{assets, ApiError, AppState, Limits};

/// PLOVER's sixteen event types, the values `/api/events?type=` accepts.
pub const EVENT_TYPES: [&str; 16] = [
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
];

/// The whole application: page, API, limits and headers.
pub fn router(state: AppState, limits: Limits) -> Router {
    Router::new()
        .route("/", get(assets::index))
        .route("/app.js", get(assets::script))
        .route("/app.css", get(assets::style))
        .route("/favicon.svg", get(assets::icon))
        .route("/favicon.ico", get(assets::icon))
        .route("/api/openapi.json", get(assets::openapi))
        .route("/api/health", get(health))
        .route("/api/extract", post(extract))
        .route("/api/articles", get(list_articles).post(ingest))
        .route(
            "/api/articles/{id}",
            get(get_article).delete(delete_article),
        )
        .route("/api/actors", get(actors))
        .route("/api/events", get(events))
        .route("/api/quotes", get(quotes))
        .route("/api/positions", get(positions))
        .route("/api/graph", get(graph))
        .fallback(|| async { ApiError::not_found("no such resource") })
        .layer(DefaultBodyLimit::max(limits.max_body))
        .layer(RequestBodyLimitLayer::new(limits.max_body))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            limits.timeout,
        ))
        .layer(from_fn_with_state(state.clone(), guard))
        .layer(map_response(finish))
        .with_state(state)
}

/// Browser-borne attacks on a server without a token (on loopback):
/// DNS rebinding (a page whose host name points at 127.0.0.1) is refused by
/// the `Host` check, and cross-site writes (a form posting `text/plain`) by
/// the `Origin` check. With a token, writes need `Authorization`, which no
/// cross-site page can send without CORS.
async fn guard(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let host = req
        .headers()
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    if state.token.is_none() {
        if let Some(h) = &host {
            if !is_loopback_host(h) {
                return ApiError::new(
                    StatusCode::FORBIDDEN,
                    "bad_host",
                    format!("host {h:?} is not a loopback name; start the server with --token to serve other names"),
                )
                .into_response();
            }
        }
    }
    let writes = !matches!(
        *req.method(),
        axum::http::Method::GET | axum::http::Method::HEAD
    );
    if writes {
        if let Some(origin) = req.headers().get(header::ORIGIN) {
            let same = host.as_deref().is_some_and(|h| {
                origin.as_bytes() == format!("http://{h}").as_bytes()
                    || origin.as_bytes() == format!("https://{h}").as_bytes()
            });
            if !same {
                return ApiError::new(
                    StatusCode::FORBIDDEN,
                    "cross_origin",
                    "writes from another origin are refused",
                )
                .into_response();
            }
        }
    }
    next.run(req).await
}

/// `localhost`, `127.0.0.1`, `[::1]` and the like, with or without a port.
fn is_loopback_host(h: &str) -> bool {
    let name = if let Some(rest) = h.strip_prefix('[') {
        rest.split(']').next().unwrap_or("")
    } else {
        match h.rsplit_once(':') {
            Some((name, port)) if port.bytes().all(|b| b.is_ascii_digit()) => name,
            _ => h,
        }
    };
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    name == "localhost"
        || name.ends_with(".localhost")
        || name
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// Every response: errors from layers become JSON, and the page may load
/// nothing but its own assets.
async fn finish(mut res: Response) -> Response {
    let status = res.status();
    let is_json = res
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if (status.is_client_error() || status.is_server_error()) && !is_json {
        res = ApiError::for_status(status).into_response();
    }
    let h = res.headers_mut();
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
             connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'",
        ),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    res
}

async fn health() -> Json<serde_json::Value> {
    Json(serde_json::json!({"status": "ok", "version": env!("CARGO_PKG_VERSION")}))
}

/// Runs blocking work (the pipeline, the store) off the async threads.
async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| ApiError::internal(format!("worker failed: {e}")))?
}

/// Writes need the bearer token when the server has one.
fn authorize(state: &AppState, headers: &HeaderMap) -> Result<(), ApiError> {
    let Some(token) = &state.token else {
        return Ok(());
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or("");
    if constant_time_eq(given.as_bytes(), token.as_bytes()) {
        Ok(())
    } else {
        Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "this endpoint needs Authorization: Bearer TOKEN",
        ))
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// A date written exactly `YYYY-MM-DD` (chrono alone would take `2025-8-1`).
fn parse_date(field: &str, s: &str) -> Result<NaiveDate, ApiError> {
    let b = s.as_bytes();
    let shaped = b.len() == 10
        && b.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        });
    let date = if shaped {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
    } else {
        None
    };
    date.ok_or_else(|| {
        ApiError::bad_request(
            "bad_date",
            format!("{field} {s:?} is not a date of the form YYYY-MM-DD"),
        )
    })
}

fn body_error(e: BytesRejection) -> ApiError {
    let status = e.status();
    let code = if status == StatusCode::PAYLOAD_TOO_LARGE {
        "body_too_large"
    } else {
        "bad_body"
    };
    ApiError::new(status, code, e.body_text())
}

fn query_error(e: QueryRejection) -> ApiError {
    ApiError::bad_request("bad_query", e.body_text())
}

/// The JSON form of an article to read.
#[derive(Deserialize)]
struct ArticleRequest {
    text: Option<String>,
    html: Option<String>,
    title: Option<String>,
    published: Option<String>,
    url: Option<String>,
}

/// Query parameters of the write endpoints (metadata for plain-text bodies).
#[derive(Deserialize, Default)]
struct ArticleParams {
    store: Option<bool>,
    title: Option<String>,
    published: Option<String>,
    url: Option<String>,
}

/// An article as the request gives it: the text to read, or an HTML page to
/// read it from, and the metadata the request states (query or JSON fields).
struct Input {
    body: InputBody,
    meta: Metadata,
}

enum InputBody {
    Text(String),
    Html(String),
}

/// Reads an article from a JSON, plain-text or HTML body. Only checks it:
/// extracting the text of a page is work, done in [`Input::into_article`].
fn read_article(
    headers: &HeaderMap,
    params: &ArticleParams,
    body: &[u8],
) -> Result<Input, ApiError> {
    let ctype = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("text/plain")
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    let utf8 = |b: &[u8]| {
        std::str::from_utf8(b)
            .map(str::to_string)
            .map_err(|_| ApiError::bad_request("bad_encoding", "the body is not UTF-8"))
    };
    let req = match ctype.as_str() {
        "application/json" => serde_json::from_slice::<ArticleRequest>(body)
            .map_err(|e| ApiError::bad_request("bad_json", format!("invalid JSON body: {e}")))?,
        "text/plain" | "" => ArticleRequest {
            text: Some(utf8(body)?),
            html: None,
            title: None,
            published: None,
            url: None,
        },
        "text/html" => ArticleRequest {
            text: None,
            html: Some(utf8(body)?),
            title: None,
            published: None,
            url: None,
        },
        other => {
            return Err(ApiError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                format!("content type {other:?}: send application/json, text/plain or text/html"),
            ))
        }
    };
    let body = match (req.text, req.html) {
        (Some(_), Some(_)) => {
            return Err(ApiError::bad_request(
                "bad_article",
                "give either \"text\" or \"html\", not both",
            ))
        }
        (Some(t), None) => InputBody::Text(t),
        (None, Some(h)) => InputBody::Html(h),
        (None, None) => {
            return Err(ApiError::bad_request(
                "bad_article",
                "the body needs \"text\" or \"html\"",
            ))
        }
    };
    let (InputBody::Text(text) | InputBody::Html(text)) = &body;
    if text.trim().is_empty() {
        return Err(ApiError::bad_request(
            "empty_article",
            "the article has no text",
        ));
    }
    let published = req
        .published
        .or_else(|| params.published.clone())
        .filter(|s| !s.is_empty())
        .map(|s| parse_date("published", &s))
        .transpose()?;
    let meta = Metadata {
        title: req.title.or_else(|| params.title.clone()),
        published,
        url: req.url.or_else(|| params.url.clone()),
        origin: None,
    };
    Ok(Input { body, meta })
}

impl Input {
    /// The text to analyse and its metadata. A page is read by
    /// `newsgraph-ingest`, as `newsgraph ingest page.html` reads it: its main
    /// content without navigation, footers or scripts, and its title,
    /// publication date and URL where the request gave none.
    fn into_article(self) -> Result<(String, Metadata), ApiError> {
        let html = match self.body {
            InputBody::Text(text) => return Ok((text, self.meta)),
            InputBody::Html(html) => html,
        };
        // The request body limit already bounds the page.
        let limits = newsgraph_ingest::Limits {
            max_bytes: u64::MAX,
        };
        let article = newsgraph_ingest::article_from_html(&html, self.meta.url.as_deref(), &limits)
            .map_err(|e| {
                ApiError::bad_request(
                    "empty_article",
                    format!("the HTML has no article text to read: {}", e.message),
                )
            })?;
        let page = article.meta;
        // A blank field (`?title=` from a form) does not hide the page's.
        let given = |s: Option<String>| s.filter(|s| !s.trim().is_empty());
        let meta = Metadata {
            title: given(self.meta.title).or(page.title),
            published: self.meta.published.or(page.published),
            url: given(self.meta.url).or(page.url),
            origin: None,
        };
        Ok((article.text, meta))
    }
}

/// `POST /api/extract` answers the readout plus the analysed `text`, so a
/// client can place every span.
#[derive(Serialize)]
struct ExtractOut<'a> {
    #[serde(flatten)]
    readout: &'a Readout,
    text: &'a str,
}

/// Reads the article's text (extracting it from a page) and analyses it,
/// both off the async threads and within the limit on analyses at once.
async fn analyse(state: &AppState, input: Input) -> Result<(String, Readout), ApiError> {
    let pipeline = state.pipeline.clone();
    let permit = state
        .analyses
        .clone()
        .acquire_owned()
        .await
        .map_err(|_| ApiError::internal("the server is shutting down"))?;
    blocking(move || {
        let _permit = permit;
        let (text, meta) = input.into_article()?;
        let a = pipeline.analyze_text(&text, meta);
        let r = Readout::from_analysis(&a);
        Ok((text, r))
    })
    .await
}

async fn store(
    corpus: Arc<dyn Corpus>,
    text: String,
    readout: Readout,
) -> Result<(String, Readout, crate::ArticleSummary), ApiError> {
    blocking(move || {
        let s = corpus.insert(&text, &readout)?;
        Ok((text, readout, s))
    })
    .await
}

fn location(id: &str) -> HeaderValue {
    HeaderValue::from_str(&format!("/api/articles/{id}"))
        .unwrap_or(HeaderValue::from_static("/api/articles"))
}

fn json_response(status: StatusCode, body: Vec<u8>) -> Response {
    let mut res = Response::new(Body::from(body));
    *res.status_mut() = status;
    res.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    res
}

async fn extract(
    State(state): State<AppState>,
    params: Result<Query<ArticleParams>, QueryRejection>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let Query(params) = params.map_err(query_error)?;
    let body = body.map_err(body_error)?;
    let keep = params.store.unwrap_or(false);
    if keep {
        authorize(&state, &headers)?;
    }
    let input = read_article(&headers, &params, &body)?;
    let (text, readout) = analyse(&state, input).await?;
    let (text, readout, stored) = if keep {
        let (t, r, s) = store(state.corpus.clone(), text, readout).await?;
        (t, r, Some(s))
    } else {
        (text, readout, None)
    };
    let body = serde_json::to_vec(&ExtractOut {
        readout: &readout,
        text: &text,
    })
    .map_err(|e| ApiError::internal(e.to_string()))?;
    let mut res = json_response(StatusCode::OK, body);
    if let Some(s) = stored {
        res.headers_mut().insert(header::LOCATION, location(&s.id));
    }
    Ok(res)
}

async fn ingest(
    State(state): State<AppState>,
    params: Result<Query<ArticleParams>, QueryRejection>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let Query(params) = params.map_err(query_error)?;
    let body = body.map_err(body_error)?;
    authorize(&state, &headers)?;
    let input = read_article(&headers, &params, &body)?;
    let (text, readout) = analyse(&state, input).await?;
    let (_, _, summary) = store(state.corpus.clone(), text, readout).await?;
    let loc = location(&summary.id);
    let mut res = (StatusCode::CREATED, Json(summary)).into_response();
    res.headers_mut().insert(header::LOCATION, loc);
    Ok(res)
}

#[derive(Deserialize, Default)]
struct ListParams {
    limit: Option<String>,
    offset: Option<String>,
}

fn number(field: &str, s: Option<&str>, default: usize, max: usize) -> Result<usize, ApiError> {
    match s.filter(|s| !s.is_empty()) {
        None => Ok(default),
        Some(s) => s
            .parse::<usize>()
            .ok()
            .filter(|n| *n <= max)
            .ok_or_else(|| {
                ApiError::bad_request(
                    "bad_query",
                    format!("{field} {s:?} is not a whole number from 0 to {max}"),
                )
            }),
    }
}

async fn list_articles(
    State(state): State<AppState>,
    params: Result<Query<ListParams>, QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(p) = params.map_err(query_error)?;
    let limit = number("limit", p.limit.as_deref(), 100, 1000)?;
    let offset = number("offset", p.offset.as_deref(), 0, usize::MAX)?;
    let c = state.corpus.clone();
    let v = blocking(move || Ok(c.articles(limit, offset)?)).await?;
    Ok(Json(v).into_response())
}

async fn get_article(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let c = state.corpus.clone();
    let wanted = id.clone();
    match blocking(move || Ok(c.article(&wanted)?)).await? {
        Some(a) => Ok(Json(a).into_response()),
        None => Err(ApiError::not_found(format!("no article with id {id:?}"))),
    }
}

async fn delete_article(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    authorize(&state, &headers)?;
    let c = state.corpus.clone();
    let wanted = id.clone();
    if blocking(move || Ok(c.delete(&wanted)?)).await? {
        Ok(StatusCode::NO_CONTENT.into_response())
    } else {
        Err(ApiError::not_found(format!("no article with id {id:?}")))
    }
}

async fn actors(
    State(state): State<AppState>,
    params: Result<Query<ListParams>, QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(p) = params.map_err(query_error)?;
    let limit = number("limit", p.limit.as_deref(), 200, 5000)?;
    let c = state.corpus.clone();
    Ok(Json(blocking(move || Ok(c.actors(limit)?)).await?).into_response())
}

#[derive(Deserialize, Default)]
struct EventParams {
    actor: Option<String>,
    #[serde(rename = "type")]
    event_type: Option<String>,
    from: Option<String>,
    to: Option<String>,
    limit: Option<String>,
}

fn nonempty(s: Option<String>) -> Option<String> {
    s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

async fn events(
    State(state): State<AppState>,
    params: Result<Query<EventParams>, QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(p) = params.map_err(query_error)?;
    let from = nonempty(p.from)
        .map(|s| parse_date("from", &s))
        .transpose()?;
    let to = nonempty(p.to).map(|s| parse_date("to", &s)).transpose()?;
    if let (Some(f), Some(t)) = (from, to) {
        if f > t {
            return Err(ApiError::bad_request(
                "bad_date",
                format!("from {f} is after to {t}"),
            ));
        }
    }
    let event_type = nonempty(p.event_type)
        .map(|t| {
            let up = t.to_ascii_uppercase();
            if EVENT_TYPES.contains(&up.as_str()) {
                Ok(up)
            } else {
                Err(ApiError::bad_request(
                    "bad_type",
                    format!(
                        "type {t:?} is not one of PLOVER's: {}",
                        EVENT_TYPES.join(", ")
                    ),
                ))
            }
        })
        .transpose()?;
    let filter = EventFilter {
        actor: nonempty(p.actor),
        event_type,
        from: from.map(|d| d.to_string()),
        to: to.map(|d| d.to_string()),
        limit: number("limit", p.limit.as_deref(), 500, 5000)?,
    };
    let c = state.corpus.clone();
    Ok(Json(blocking(move || Ok(c.events(&filter)?)).await?).into_response())
}

#[derive(Deserialize, Default)]
struct QuoteParams {
    speaker: Option<String>,
    q: Option<String>,
    limit: Option<String>,
}

async fn quotes(
    State(state): State<AppState>,
    params: Result<Query<QuoteParams>, QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(p) = params.map_err(query_error)?;
    let filter = QuoteFilter {
        speaker: nonempty(p.speaker),
        q: nonempty(p.q),
        limit: number("limit", p.limit.as_deref(), 200, 5000)?,
    };
    let c = state.corpus.clone();
    Ok(Json(blocking(move || Ok(c.quotes(&filter)?)).await?).into_response())
}

#[derive(Deserialize, Default)]
struct PositionParams {
    issue: Option<String>,
}

async fn positions(
    State(state): State<AppState>,
    params: Result<Query<PositionParams>, QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(p) = params.map_err(query_error)?;
    let issue = nonempty(p.issue);
    let c = state.corpus.clone();
    Ok(Json(blocking(move || Ok(c.positions(issue.as_deref())?)).await?).into_response())
}

async fn graph(
    State(state): State<AppState>,
    params: Result<Query<ListParams>, QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(p) = params.map_err(query_error)?;
    let limit = number("limit", p.limit.as_deref(), 150, 2000)?;
    let c = state.corpus.clone();
    Ok(Json(blocking(move || Ok(c.graph(limit)?)).await?).into_response())
}
