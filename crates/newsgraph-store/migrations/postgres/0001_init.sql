-- PostgreSQL only: full-text search over quote content (tsvector, GIN).
ALTER TABLE quotes ADD COLUMN content_tsv tsvector
    GENERATED ALWAYS AS (to_tsvector('simple', content)) STORED;
CREATE INDEX quotes_content_tsv ON quotes USING GIN (content_tsv);
