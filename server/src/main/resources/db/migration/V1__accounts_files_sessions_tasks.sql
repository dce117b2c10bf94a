-- Portable SQL: runs on the embedded H2 and on PostgreSQL alike. Times are Unix epoch ms.
-- JobRunr keeps its own tables (jobrunr_*) and migrates them itself.

CREATE TABLE accounts (
  id           VARCHAR(40)  PRIMARY KEY,
  name         VARCHAR(200) NOT NULL,
  api_key_hash VARCHAR(64)  NOT NULL UNIQUE, -- SHA-256 hex of the API key; the key itself is never stored
  access_key   VARCHAR(64)  NOT NULL UNIQUE, -- Kling JWT iss
  secret_key   VARCHAR(128) NOT NULL,        -- Kling JWT HMAC key: needed in clear to verify
  disabled     BOOLEAN      NOT NULL DEFAULT FALSE,
  created_at   BIGINT       NOT NULL
);

CREATE TABLE stored_files (
  id           VARCHAR(40)  PRIMARY KEY,     -- random: the download URL is a capability
  account_id   VARCHAR(40)  NOT NULL,
  kind         VARCHAR(16)  NOT NULL,        -- video | audio | image
  storage_key  VARCHAR(400) NOT NULL,
  content_type VARCHAR(100) NOT NULL,
  size_bytes   BIGINT       NOT NULL,
  duration_ms  BIGINT,
  created_at   BIGINT       NOT NULL,
  expires_at   BIGINT       NOT NULL
);
CREATE INDEX stored_files_expires ON stored_files (expires_at);

CREATE TABLE sessions (
  id            VARCHAR(40)      PRIMARY KEY,
  account_id    VARCHAR(40)      NOT NULL,
  video_file_id VARCHAR(40)      NOT NULL,
  duration_ms   BIGINT           NOT NULL,
  faces_json    VARCHAR(1000000) NOT NULL,
  created_at    BIGINT           NOT NULL,
  expires_at    BIGINT           NOT NULL
);
CREATE INDEX sessions_expires ON sessions (expires_at);

CREATE TABLE tasks (
  id                VARCHAR(40)      PRIMARY KEY,
  account_id        VARCHAR(40)      NOT NULL,
  kind              VARCHAR(20)      NOT NULL, -- advanced-lip-sync | lip-sync
  external_task_id  VARCHAR(200),
  status            VARCHAR(16)      NOT NULL, -- submitted | processing | succeed | failed
  status_msg        VARCHAR(4000)    NOT NULL,
  progress          INT              NOT NULL,
  request_json      VARCHAR(1000000) NOT NULL,
  callback_url      VARCHAR(2000),
  parent_video_json VARCHAR(4000),
  result_json       VARCHAR(100000),
  timings_json      VARCHAR(4000),
  attempts          INT              NOT NULL,
  created_at        BIGINT           NOT NULL,
  updated_at        BIGINT           NOT NULL,
  expires_at        BIGINT           NOT NULL,
  CONSTRAINT tasks_external_unique UNIQUE (account_id, external_task_id)
);
CREATE INDEX tasks_by_account ON tasks (account_id, kind, created_at);
CREATE INDEX tasks_by_status ON tasks (status);
CREATE INDEX tasks_expires ON tasks (expires_at);
