-- newsgraph store, schema version 1: articles and their readout layers
-- (source records, written by ingest), and the cross-article merges
-- (derived, rebuilt from the source records). Shared by SQLite and
-- PostgreSQL: BIGINT, DOUBLE PRECISION and TEXT mean the same in both.
-- Spans are Unicode code-point offsets into articles.text, end exclusive:
-- substr(text, start + 1, end - start) is the span's text in both databases.

CREATE TABLE articles (
    id TEXT PRIMARY KEY,              -- BLAKE3 content id (newsgraph_core::Document::id)
    url TEXT UNIQUE,                  -- a second text under a known URL is not stored
    title TEXT,
    published TEXT,                   -- YYYY-MM-DD
    outlet TEXT,                      -- the URL's host without "www."
    source TEXT,                      -- where it was read from (path, WARC record)
    format TEXT,                      -- input format (text, html, jsonl, warc, feed)
    chars BIGINT NOT NULL,            -- length in code points
    text TEXT NOT NULL,
    readout TEXT NOT NULL             -- the readout JSON, as `newsgraph extract` prints it
);
CREATE INDEX articles_published ON articles (published);

CREATE TABLE actors (
    article_id TEXT NOT NULL,
    ord BIGINT NOT NULL,              -- the readout id's number: a3 -> 3
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    roles TEXT NOT NULL,              -- JSON array of strings
    country TEXT,
    sector TEXT,
    affiliation TEXT,
    gender TEXT,
    mentions BIGINT NOT NULL,
    PRIMARY KEY (article_id, ord)
);

CREATE TABLE mentions (
    article_id TEXT NOT NULL,
    ord BIGINT NOT NULL,
    actor_ord BIGINT NOT NULL,
    kind TEXT NOT NULL,
    start_cp BIGINT NOT NULL,
    end_cp BIGINT NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (article_id, ord)
);

CREATE TABLE quotes (
    article_id TEXT NOT NULL,
    ord BIGINT NOT NULL,
    kind TEXT NOT NULL,
    speaker_ord BIGINT,
    addressee_ord BIGINT,
    source_start BIGINT,
    source_end BIGINT,
    cue_start BIGINT,
    cue_end BIGINT,
    content_start BIGINT NOT NULL,
    content_end BIGINT NOT NULL,
    content TEXT NOT NULL,
    quoted TEXT NOT NULL,             -- JSON array of spans {start, end, text}
    confidence DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (article_id, ord)
);

CREATE TABLE events (
    article_id TEXT NOT NULL,
    ord BIGINT NOT NULL,
    type TEXT NOT NULL,               -- PLOVER type
    mode TEXT,
    context TEXT NOT NULL,            -- JSON array of strings
    cameo TEXT,
    status TEXT NOT NULL,
    trigger_start BIGINT NOT NULL,
    trigger_end BIGINT NOT NULL,
    trigger_text TEXT NOT NULL,
    when_date TEXT,                   -- ISO at its precision
    when_precision TEXT,
    when_start BIGINT,
    when_end BIGINT,
    place_name TEXT,
    place_country TEXT,
    place_start BIGINT,
    place_end BIGINT,
    issue TEXT,
    reported_by_ord BIGINT,
    date TEXT,                        -- YYYY-MM-DD: when_date's first day, else the article's date
    PRIMARY KEY (article_id, ord)
);
CREATE INDEX events_type_date ON events (type, date);

CREATE TABLE event_actors (
    article_id TEXT NOT NULL,
    event_ord BIGINT NOT NULL,
    role TEXT NOT NULL,               -- actor | target
    pos BIGINT NOT NULL,
    actor_ord BIGINT NOT NULL,
    PRIMARY KEY (article_id, event_ord, role, pos)
);

CREATE TABLE figures (
    article_id TEXT NOT NULL,
    ord BIGINT NOT NULL,
    kind TEXT NOT NULL,
    start_cp BIGINT NOT NULL,
    end_cp BIGINT NOT NULL,
    text TEXT NOT NULL,
    amount DOUBLE PRECISION,
    currency TEXT,
    minutes DOUBLE PRECISION,
    days DOUBLE PRECISION,
    by_date TEXT,
    value DOUBLE PRECISION,
    PRIMARY KEY (article_id, ord)
);

CREATE TABLE positions (
    article_id TEXT NOT NULL,
    ord BIGINT NOT NULL,
    actor_ord BIGINT NOT NULL,
    issue TEXT NOT NULL,
    stance TEXT NOT NULL,
    evidence TEXT NOT NULL,           -- JSON array of spans {start, end, text}
    PRIMARY KEY (article_id, ord)
);
CREATE INDEX positions_issue ON positions (issue);

-- Derived: rebuilt as a whole by Store::rebuild_merges.
CREATE TABLE canon_actors (
    id BIGINT PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,         -- kind:normalised name
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    country TEXT,
    sector TEXT,
    roles TEXT NOT NULL,              -- JSON array, most frequent first
    variants TEXT NOT NULL,           -- JSON array of the names merged
    articles BIGINT NOT NULL,
    mentions BIGINT NOT NULL
);

CREATE TABLE canon_actor_members (
    article_id TEXT NOT NULL,
    actor_ord BIGINT NOT NULL,
    canon_id BIGINT NOT NULL,
    reason TEXT NOT NULL,
    PRIMARY KEY (article_id, actor_ord)
);
CREATE INDEX canon_actor_members_canon ON canon_actor_members (canon_id);

CREATE TABLE merged_events (
    id BIGINT PRIMARY KEY,
    type TEXT NOT NULL,
    status TEXT NOT NULL,
    date_first TEXT,
    date_last TEXT,
    actors TEXT NOT NULL,             -- JSON array of canon actor ids
    targets TEXT NOT NULL,
    reports BIGINT NOT NULL,
    sources BIGINT NOT NULL,          -- distinct articles
    reason TEXT NOT NULL
);

CREATE TABLE merged_event_members (
    article_id TEXT NOT NULL,
    event_ord BIGINT NOT NULL,
    merged_id BIGINT NOT NULL,
    reason TEXT NOT NULL,
    PRIMARY KEY (article_id, event_ord)
);
CREATE INDEX merged_event_members_merged ON merged_event_members (merged_id);

CREATE TABLE merged_quotes (
    id BIGINT PRIMARY KEY,
    speaker BIGINT,                   -- canon actor id
    content TEXT NOT NULL,            -- the first report's content
    date_first TEXT,
    reports BIGINT NOT NULL,
    sources BIGINT NOT NULL,
    reason TEXT NOT NULL
);

CREATE TABLE merged_quote_members (
    article_id TEXT NOT NULL,
    quote_ord BIGINT NOT NULL,
    merged_id BIGINT NOT NULL,
    similarity DOUBLE PRECISION NOT NULL,
    reason TEXT NOT NULL,
    PRIMARY KEY (article_id, quote_ord)
);
CREATE INDEX merged_quote_members_merged ON merged_quote_members (merged_id);

-- How many articles the merges were built from (stale when it differs).
CREATE TABLE merge_state (
    id BIGINT PRIMARY KEY,
    articles BIGINT NOT NULL
);
