-- SQLite only: full-text search over quote content (FTS5). Diacritics are
-- kept so that matching agrees with PostgreSQL's 'simple' configuration.
CREATE VIRTUAL TABLE quotes_fts USING fts5(
    content,
    article_id UNINDEXED,
    ord UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 0'
);
