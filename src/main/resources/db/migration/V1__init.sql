-- One schema for H2 and PostgreSQL. Every row belongs to a workspace; names are unquoted, lower case.

create table workspace (
    id             varchar(36)  primary key,
    name           varchar(200) not null,
    is_default     boolean      not null default false,
    retention_days int          not null default 60,
    created_at     timestamp with time zone not null
);

create table app_user (
    id            varchar(36)  primary key,
    workspace_id  varchar(36)  not null references workspace (id),
    username      varchar(100) not null unique,
    password_hash varchar(100) not null,
    role          varchar(16)  not null,
    created_at    timestamp with time zone not null
);

create table api_key (
    id           varchar(36)  primary key,
    workspace_id varchar(36)  not null references workspace (id),
    name         varchar(200) not null,
    prefix       varchar(16)  not null,
    key_hash     varchar(64)  not null unique,
    created_at   timestamp with time zone not null,
    last_used_at timestamp with time zone,
    revoked_at   timestamp with time zone
);
create index api_key_workspace on api_key (workspace_id, created_at);

-- categories and permissions are stored as ",a,b," so that one LIKE '%,a,%' finds a member.
-- status, health_name and health_owner are derived from the timestamps and the unhealthy_* verdict in the
-- same UPDATE that moves them, so they can be filtered and indexed.
create table connection (
    id                     varchar(36)  primary key,
    workspace_id           varchar(36)  not null references workspace (id),
    integration_type       varchar(100) not null,
    integration_name       varchar(200),
    categories             varchar(1100) not null,
    permissions            varchar(4100) not null,
    external_xref          varchar(256),
    environment            varchar(64),
    is_paused              boolean      not null default false,
    created_at             timestamp with time zone not null,
    updated_at             timestamp with time zone not null,
    deleted_at             timestamp with time zone,
    credentials_updated_at timestamp with time zone,
    last_healthy_at        timestamp with time zone,
    last_unhealthy_at      timestamp with time zone,
    last_unhealthy_code    int,
    unhealthy_name         varchar(32),
    unhealthy_owner        varchar(16),
    unhealthy_details      varchar(100000),
    status                 varchar(16)  not null,
    health_name            varchar(32),
    health_owner           varchar(16)
);
create index connection_ws_created on connection (workspace_id, created_at);
create index connection_ws_status on connection (workspace_id, status, last_unhealthy_at);
create index connection_ws_xref on connection (workspace_id, external_xref);
create index connection_ws_type on connection (workspace_id, integration_type);

-- id is the client's idempotency key, or one we generate (time-ordered).
create table api_call (
    workspace_id     varchar(36)  not null,
    id               varchar(64)  not null,
    connection_id    varchar(36),
    integration_type varchar(100),
    created_at       timestamp with time zone not null,
    received_at      timestamp with time zone not null,
    type             varchar(16)  not null,
    method           varchar(16),
    path             varchar(2048),
    status           int,
    timed_out        boolean      not null,
    error            varchar(8300),
    error_origin     varchar(16)  not null,
    duration_ms      bigint,
    size             bigint,
    external_xref    varchar(256),
    health_name      varchar(32),
    resolution_owner varchar(16),
    effect           varchar(16)  not null,
    rule             varchar(16)  not null,
    primary key (workspace_id, id)
);
create index api_call_ws_conn_time on api_call (workspace_id, connection_id, created_at);
create index api_call_ws_time on api_call (workspace_id, created_at);

create table job_run (
    id                  varchar(36)  primary key,
    workspace_id        varchar(36)  not null,
    connection_id       varchar(36)  not null,
    integration_type    varchar(100),
    started_at          timestamp with time zone,
    finished_at         timestamp with time zone not null,
    received_at         timestamp with time zone not null,
    timed_out           boolean      not null,
    error               varchar(8300),
    error_origin        varchar(16)  not null,
    exports             varchar(1000000) not null,
    health_name         varchar(32)  not null,
    resolution_owner    varchar(16),
    effect              varchar(16)  not null,
    rule                varchar(16)  not null,
    details             varchar(100000) not null,
    unhealthy_code      int
);
create index job_run_ws_conn_time on job_run (workspace_id, connection_id, finished_at);
create index job_run_ws_time on job_run (workspace_id, finished_at);

-- The event log is the webhook outbox: an event is written in the transaction of the change that caused it.
create table notification_event (
    id              varchar(40)  primary key,
    seq             bigint       generated by default as identity not null,
    workspace_id    varchar(36)  not null,
    connection_id   varchar(36),
    event_type      varchar(32)  not null,
    created_at      timestamp with time zone not null,
    payload         varchar(1000000) not null,
    delivery_state  varchar(16)  not null,
    next_attempt_at timestamp with time zone,
    attempt_count   int          not null default 0
);
create index notification_event_ws_time on notification_event (workspace_id, created_at, seq);
create index notification_event_ws_conn on notification_event (workspace_id, connection_id, created_at, seq);
create index notification_event_due on notification_event (delivery_state, next_attempt_at);

create table delivery_attempt (
    id            bigint generated by default as identity primary key,
    event_id      varchar(40)  not null,
    workspace_id  varchar(36)  not null,
    attempted_at  timestamp with time zone not null,
    duration_ms   bigint       not null,
    http_status   int,
    error         varchar(1000),
    response_body varchar(4096)
);
create index delivery_attempt_event on delivery_attempt (event_id, attempted_at);

create table notification_settings (
    workspace_id               varchar(36)  primary key references workspace (id),
    url                        varchar(2048),
    events                     varchar(500) not null,
    signing_secret             varchar(100) not null,
    previous_signing_secret    varchar(100),
    previous_secret_expires_at timestamp with time zone,
    state                      varchar(16)  not null,
    failing_since              timestamp with time zone,
    disabled_reason            varchar(500),
    updated_at                 timestamp with time zone not null
);
