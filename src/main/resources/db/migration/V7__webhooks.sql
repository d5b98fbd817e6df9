-- Webhook events: each row keeps the exact "data" object every delivery of the event sends, so the body
-- (and the event id receivers de-duplicate on) is the same for every attempt, on any node.
create table webhook_events (
    id             uuid primary key,
    account_id     uuid not null references accounts (id),
    event_type     varchar(64) not null,
    composition_id uuid,
    event_data     text not null,
    event_url      varchar(2000) not null,
    failover_url   varchar(2000),
    timeout_secs   integer,
    status         varchar(16) not null,
    occurred_at    timestamp(6) with time zone not null,
    created_at     timestamp(6) with time zone not null,
    updated_at     timestamp(6) with time zone not null
);
create index webhook_events_composition on webhook_events (composition_id);

-- One row per attempt (sent or refused): what delivery decides from, and what a client lists.
create table webhook_deliveries (
    id             uuid primary key,
    event_id       uuid not null references webhook_events (id),
    account_id     uuid not null,
    composition_id uuid,
    event_type     varchar(64) not null,
    target         varchar(16) not null,
    url            varchar(2000) not null,
    attempt        integer not null,
    outcome        varchar(16) not null,
    status_code    integer,
    error          varchar(1000),
    attempted_at   timestamp(6) with time zone not null
);
create index webhook_deliveries_event on webhook_deliveries (event_id);
create index webhook_deliveries_composition on webhook_deliveries (account_id, composition_id, attempted_at);

-- The delivery queue: db-scheduler's table (as scheduled_tasks), apart so deliveries have threads of their own.
create table webhook_tasks (
    task_name            text not null,
    task_instance        text not null,
    task_data            bytea,
    execution_time       timestamp with time zone not null,
    picked               boolean not null,
    picked_by            text,
    last_success         timestamp with time zone,
    last_failure         timestamp with time zone,
    consecutive_failures integer,
    last_heartbeat       timestamp with time zone,
    version              bigint not null,
    priority             smallint,
    primary key (task_name, task_instance)
);
create index webhook_tasks_execution_time on webhook_tasks (execution_time);
create index webhook_tasks_last_heartbeat on webhook_tasks (last_heartbeat);
create index webhook_tasks_priority_execution_time on webhook_tasks (priority desc, execution_time asc);
