-- newsgraph store, schema version 3: what merging new articles into the
-- merges reads instead of every stored member of a key or a speaker.
-- The first report of each merged event and quote: the clustering's state
-- (a key's first reports decide where a new report goes).
CREATE INDEX merged_event_members_first ON merged_event_members (merge_key)
    WHERE reason = 'first report';
CREATE INDEX merged_quote_members_first ON merged_quote_members (merged_id)
    WHERE reason = 'first report';
-- A speaker's merged quotes by the date of their first report (the quote
-- window around a new quote).
CREATE INDEX merged_quotes_speaker_date ON merged_quotes (speaker, date_first);
DROP INDEX merged_quotes_speaker;
