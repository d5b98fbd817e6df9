-- One row per media kind: an uploaded WebM with audio and video is two recordings sharing one blob.
create table room_recordings (
    id              uuid primary key,
    account_id      uuid not null references accounts (id),
    room_id         uuid not null,
    session_id      uuid not null references room_sessions (id),
    participant_id  uuid not null references room_participants (id),
    track_type      varchar(8) not null,
    codec           varchar(64) not null,
    status          varchar(16) not null,
    blob_key        varchar(512) not null,
    stream_index    integer not null,
    duration_millis bigint not null,
    size_bytes      bigint not null,
    media_info      text not null,
    started_at      timestamp(6) with time zone not null,
    ended_at        timestamp(6) with time zone not null,
    completed_at    timestamp(6) with time zone not null,
    created_at      timestamp(6) with time zone not null,
    updated_at      timestamp(6) with time zone not null
);
create index room_recordings_account_session on room_recordings (account_id, session_id);
create index room_recordings_blob on room_recordings (blob_key);
