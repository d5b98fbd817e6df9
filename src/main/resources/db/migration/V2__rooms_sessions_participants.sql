create table rooms (
    id                         uuid primary key,
    account_id                 uuid not null references accounts (id),
    unique_name                varchar(255),
    max_participants           integer not null,
    enable_recording           boolean not null,
    webhook_event_url          varchar(2000),
    webhook_event_failover_url varchar(2000) not null,
    webhook_timeout_secs       integer,
    created_at                 timestamp(6) with time zone not null,
    updated_at                 timestamp(6) with time zone not null
);
create unique index rooms_account_unique_name on rooms (account_id, unique_name);

-- room_id is not a foreign key on purpose: deleting a room keeps its sessions, recordings and
-- compositions, which are the customer's data.
create table room_sessions (
    id         uuid primary key,
    account_id uuid not null references accounts (id),
    room_id    uuid not null,
    is_active  boolean not null,
    created_at timestamp(6) with time zone not null,
    updated_at timestamp(6) with time zone not null,
    ended_at   timestamp(6) with time zone
);
create index room_sessions_account_room on room_sessions (account_id, room_id);

create table room_participants (
    id                  uuid primary key,
    account_id          uuid not null references accounts (id),
    session_id          uuid not null references room_sessions (id),
    participant_context varchar(255),
    joined_at           timestamp(6) with time zone not null,
    left_at             timestamp(6) with time zone,
    updated_at          timestamp(6) with time zone not null
);
create index room_participants_account_session on room_participants (account_id, session_id);
