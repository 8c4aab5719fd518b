-- An Idempotency-Key sent with POST /connections or POST /jobruns: the request it first came with (a hash of its
-- body) and what that request created, so that the request sent again answers with it instead of creating another.
-- Kept at least 24 hours (the retention purge deletes older ones).
create table idempotency_key (
    workspace_id varchar(36)  not null references workspace (id),
    operation    varchar(32)  not null,
    idem_key     varchar(255) not null,
    request_hash varchar(64)  not null,
    resource_id  varchar(36)  not null,
    created_at   timestamp with time zone not null,
    primary key (workspace_id, operation, idem_key)
);
create index idempotency_key_created on idempotency_key (created_at);
