-- newsgraph store, schema version 2: what incremental merges need.
-- Derived ids become stable (hashes of a canonical key or of a cluster's
-- first report) so that merging new articles into the existing merges gives
-- the same tables as rebuilding them; the merges are rebuilt once after
-- this migration (merge_state is emptied, so they show as stale).

-- A canonical actor's member counts (names, countries, sectors, roles,
-- articles, mentions) as JSON, so new members update it without a re-read.
ALTER TABLE canon_actors ADD COLUMN stats TEXT;
-- A member's key before the lone-surname rule, and the actors file's reason.
ALTER TABLE canon_actor_members ADD COLUMN base_key TEXT;
ALTER TABLE canon_actor_members ADD COLUMN base_reason TEXT;
CREATE INDEX canon_actor_members_base_key ON canon_actor_members (base_key);
-- An event's merge key (type, status, participants' sides) and its
-- canonical actors and targets (JSON arrays of ids).
ALTER TABLE merged_event_members ADD COLUMN merge_key TEXT;
ALTER TABLE merged_event_members ADD COLUMN actors TEXT;
ALTER TABLE merged_event_members ADD COLUMN targets TEXT;
CREATE INDEX merged_event_members_key ON merged_event_members (merge_key);
CREATE INDEX merged_quotes_speaker ON merged_quotes (speaker);
-- The articles the merges include.
CREATE TABLE merge_articles (
    article_id TEXT PRIMARY KEY
);
-- The merge options the tables were built with (a change forces a rebuild).
ALTER TABLE merge_state ADD COLUMN options TEXT;
DELETE FROM merge_state;
-- A speaker's quotes, found from the speaker's canonical members.
CREATE INDEX quotes_speaker ON quotes (article_id, speaker_ord);
