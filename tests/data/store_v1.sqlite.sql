-- Schema version 1 as the first release of the store made it on sqlite (its migration 1, commit 75d6fc6),
-- frozen: tests/test_store.py upgrades a database made from this and compares it with a new one.

CREATE TABLE schema_version (
	version INTEGER NOT NULL, 
	description TEXT NOT NULL, 
	applied_at DATETIME NOT NULL, 
	PRIMARY KEY (version)
);

CREATE TABLE articles (
	id VARCHAR(64) NOT NULL, 
	text TEXT NOT NULL, 
	language VARCHAR(16), 
	published_start DATE, 
	published_end DATE, 
	published_precision VARCHAR(8), 
	section TEXT, 
	outlet TEXT, 
	url TEXT, 
	path TEXT, 
	extra JSON, 
	entities JSON, 
	pipeline_version TEXT, 
	ingested_at DATETIME NOT NULL, 
	PRIMARY KEY (id)
);

CREATE INDEX ix_articles_outlet ON articles (outlet);

CREATE INDEX ix_articles_pipeline_version ON articles (pipeline_version);

CREATE INDEX ix_articles_published ON articles (published_start);

CREATE TABLE failures (
	id INTEGER NOT NULL, 
	input TEXT NOT NULL, 
	reason TEXT NOT NULL, 
	article_id VARCHAR(64), 
	at DATETIME NOT NULL, 
	PRIMARY KEY (id)
);

CREATE TABLE stories (
	id VARCHAR(32) NOT NULL, 
	type VARCHAR(32) NOT NULL, 
	mode VARCHAR(32), 
	contexts JSON, 
	acled_event_type TEXT, 
	acled_sub_event_type TEXT, 
	actor TEXT, 
	target TEXT, 
	place_name TEXT, 
	place_geonameid BIGINT, 
	place_lat FLOAT, 
	place_lon FLOAT, 
	place_admin1 TEXT, 
	place_country VARCHAR(2), 
	place_kind VARCHAR(16), 
	time_start DATE, 
	time_end DATE, 
	time_precision VARCHAR(8), 
	status VARCHAR(16) NOT NULL, 
	statuses JSON, 
	n_reports INTEGER NOT NULL, 
	n_articles INTEGER NOT NULL, 
	n_sources INTEGER NOT NULL, 
	n_outlets INTEGER NOT NULL, 
	outlets JSON, 
	sources JSON, 
	first_report DATE, 
	last_report DATE, 
	fatalities INTEGER, 
	confidence FLOAT, 
	PRIMARY KEY (id)
);

CREATE INDEX ix_stories_country ON stories (place_country);

CREATE INDEX ix_stories_type ON stories (type, mode);

CREATE TABLE events (
	id VARCHAR(32) NOT NULL, 
	article_id VARCHAR(64) NOT NULL, 
	idx INTEGER NOT NULL, 
	type VARCHAR(32) NOT NULL, 
	mode VARCHAR(32), 
	contexts JSON, 
	acled_event_type TEXT, 
	acled_sub_event_type TEXT, 
	actor TEXT, 
	actor_text TEXT, 
	actor_kind VARCHAR(32), 
	actor_country VARCHAR(2), 
	actor_key TEXT, 
	co_actors JSON, 
	target TEXT, 
	target_text TEXT, 
	target_kind VARCHAR(32), 
	target_country VARCHAR(2), 
	target_key TEXT, 
	place_name TEXT, 
	place_geonameid BIGINT, 
	place_lat FLOAT, 
	place_lon FLOAT, 
	place_admin1 TEXT, 
	place_country VARCHAR(2), 
	place_kind VARCHAR(16), 
	place_population BIGINT, 
	time_start DATE, 
	time_end DATE, 
	time_precision VARCHAR(8), 
	time_anchor VARCHAR(16), 
	when_start DATE, 
	when_end DATE, 
	status VARCHAR(16) NOT NULL, 
	conditional BOOLEAN NOT NULL, 
	negated BOOLEAN NOT NULL, 
	confidence FLOAT NOT NULL, 
	quantities JSON, 
	fatalities INTEGER, 
	pipeline_version TEXT NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(article_id) REFERENCES articles (id) ON DELETE CASCADE
);

CREATE INDEX ix_events_actor_key ON events (actor_key, target_key);

CREATE INDEX ix_events_article ON events (article_id);

CREATE INDEX ix_events_country ON events (place_country);

CREATE INDEX ix_events_place ON events (place_lat, place_lon);

CREATE INDEX ix_events_type ON events (type, mode);

CREATE INDEX ix_events_when ON events (when_start);

CREATE TABLE sources (
	id INTEGER NOT NULL, 
	event_id VARCHAR(32) NOT NULL, 
	idx INTEGER NOT NULL, 
	text TEXT NOT NULL, 
	canonical TEXT, 
	start_char INTEGER NOT NULL, 
	end_char INTEGER NOT NULL, 
	PRIMARY KEY (id), 
	CONSTRAINT uq_sources_event_idx UNIQUE (event_id, idx), 
	FOREIGN KEY(event_id) REFERENCES events (id) ON DELETE CASCADE
);

CREATE INDEX ix_sources_canonical ON sources (canonical);

CREATE TABLE spans (
	id INTEGER NOT NULL, 
	event_id VARCHAR(32) NOT NULL, 
	role VARCHAR(32) NOT NULL, 
	start_char INTEGER NOT NULL, 
	end_char INTEGER NOT NULL, 
	text TEXT NOT NULL, 
	PRIMARY KEY (id), 
	CONSTRAINT uq_spans_event_role UNIQUE (event_id, role), 
	FOREIGN KEY(event_id) REFERENCES events (id) ON DELETE CASCADE
);

CREATE TABLE story_events (
	event_id VARCHAR(32) NOT NULL, 
	story_id VARCHAR(32) NOT NULL, 
	PRIMARY KEY (event_id), 
	FOREIGN KEY(event_id) REFERENCES events (id) ON DELETE CASCADE, 
	FOREIGN KEY(story_id) REFERENCES stories (id) ON DELETE CASCADE
);

CREATE INDEX ix_story_events_story ON story_events (story_id);

INSERT INTO schema_version (version, description, applied_at) VALUES (1, 'initial schema: articles, events, spans, sources, stories, failures', CURRENT_TIMESTAMP);
