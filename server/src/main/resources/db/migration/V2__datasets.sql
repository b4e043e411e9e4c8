-- Datasets and resumable uploads (portable SQL: H2 and PostgreSQL).
CREATE TABLE datasets (
    id             VARCHAR(32)   NOT NULL PRIMARY KEY,
    owner_id       BIGINT        NOT NULL REFERENCES users (id),
    name           VARCHAR(200)  NOT NULL,
    status         VARCHAR(16)   NOT NULL,
    engine_id      VARCHAR(64),
    failure_code   VARCHAR(64),
    failure_detail VARCHAR(2000),
    source_bytes   BIGINT        NOT NULL DEFAULT 0,
    row_count      BIGINT        NOT NULL DEFAULT 0,
    rejected_count BIGINT        NOT NULL DEFAULT 0,
    column_count   INTEGER       NOT NULL DEFAULT 0,
    created_at     TIMESTAMP     NOT NULL,
    started_at     TIMESTAMP,
    ready_at       TIMESTAMP
);

CREATE INDEX datasets_owner ON datasets (owner_id);
CREATE INDEX datasets_status ON datasets (status);

CREATE TABLE uploads (
    id            VARCHAR(32)   NOT NULL PRIMARY KEY,
    owner_id      BIGINT        NOT NULL REFERENCES users (id),
    name          VARCHAR(200)  NOT NULL,
    filename      VARCHAR(500)  NOT NULL,
    upload_length BIGINT        NOT NULL,
    dataset_id    VARCHAR(32),
    created_at    TIMESTAMP     NOT NULL
);

CREATE INDEX uploads_owner ON uploads (owner_id);
