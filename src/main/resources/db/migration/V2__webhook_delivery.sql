-- Webhook delivery. One text for H2 and PostgreSQL (no text/clob types: bytea and varchar exist in both).

-- db-scheduler's table (see its postgresql_tables.sql). Each pending delivery is one task instance named after
-- the event id, so the library's row claim decides which instance sends it; the recurring jobs live here too.
create table scheduled_tasks (
    task_name            varchar(100) not null,
    task_instance        varchar(200) not null,
    task_data            bytea,
    execution_time       timestamp with time zone not null,
    picked               boolean      not null,
    picked_by            varchar(200),
    last_success         timestamp with time zone,
    last_failure         timestamp with time zone,
    consecutive_failures int,
    last_heartbeat       timestamp with time zone,
    version              bigint       not null,
    priority             smallint,
    primary key (task_name, task_instance)
);
create index scheduled_tasks_execution_time on scheduled_tasks (execution_time);
create index scheduled_tasks_last_heartbeat on scheduled_tasks (last_heartbeat);
create index scheduled_tasks_priority_time on scheduled_tasks (priority desc, execution_time asc);

-- The endpoint's health: disabled_at is when it was disabled; last_success_at the last 2xx.
alter table notification_settings add column disabled_at timestamp with time zone;
alter table notification_settings add column last_success_at timestamp with time zone;

-- The delivery log filtered by state, and "replay all failed since".
create index notification_event_ws_state on notification_event (workspace_id, delivery_state, created_at);
