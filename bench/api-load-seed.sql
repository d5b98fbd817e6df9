-- Seed data of bench/api-load.sh, run by psql in the benchmark's own schema after the service's migrations.
--
-- Input: the table bench_keys (n, api_key, account_id), one row per account; the account of the key made by
-- `create-api-key` is already filled in, the others are made here. psql variables:
--   :sessions_per_account, :compositions_per_account.
--
-- Rows look like the ones the service writes: every account has rooms, sessions of two participants who each
-- uploaded one WebM (two recordings, audio and video, sharing a blob), and compositions of those sessions:
-- the newest 10 of an account enqueued with their job in the queue, one in twenty failed, the rest completed.
\set ON_ERROR_STOP on

-- What the service stores for an upload of a 640x480 VP8 + Opus WebM (the form of a real upload's media_info,
-- DURATION_MILLIS and SIZE_BYTES replaced per recording), and for a POST that names only the session.
\set media_info '{"format_name":"matroska,webm","duration_millis":DURATION_MILLIS,"size_bytes":SIZE_BYTES,"streams":[{"index":0,"kind":"VIDEO","codec":"vp8","start_millis":0,"duration_millis":DURATION_MILLIS,"width":640,"height":480,"sample_rate":null,"channels":null,"activity":[{"start_millis":0,"end_millis":DURATION_MILLIS,"empty":false}]},{"index":1,"kind":"AUDIO","codec":"opus","start_millis":-7,"duration_millis":DURATION_MILLIS,"width":null,"height":null,"sample_rate":48000,"channels":1,"activity":[{"start_millis":-7,"end_millis":DURATION_MILLIS,"empty":false}]}]}'
\set video_layout '{"default":{"x_pos":0,"y_pos":0,"z_pos":0,"width":1280,"height":720,"max_rows":null,"max_columns":null,"video_sources":["*"],"video_sources_excluded":[],"cells_excluded":[],"reuse":"show_oldest"}}'

begin;

update bench_keys set account_id = gen_random_uuid() where account_id is null;

-- a year of history, ending an hour ago
create temp table bench_clock as select date_trunc('second', now()) - interval '1 hour' as t_end;

insert into accounts (id, created_at)
select b.account_id, c.t_end - interval '400 days' + b.n * interval '1 minute'
  from bench_keys b, bench_clock c
 where not exists (select 1 from accounts a where a.id = b.account_id);

insert into api_keys (id, account_id, key_hash, key_prefix, created_at)
select gen_random_uuid(), b.account_id, encode(sha256(convert_to(b.api_key, 'UTF8')), 'hex'), left(b.api_key, 11),
       c.t_end - interval '400 days' + b.n * interval '1 minute'
  from bench_keys b, bench_clock c
 where not exists (select 1 from api_keys k where k.account_id = b.account_id);

-- five rooms per account
create temp table bench_rooms as
select b.account_id, b.n, r as room_no, gen_random_uuid() as id,
       c.t_end - interval '380 days' + r * interval '1 day' as created_at
  from bench_keys b, bench_clock c, generate_series(1, 5) r;
insert into rooms (id, account_id, unique_name, max_participants, enable_recording, webhook_event_url,
                   webhook_event_failover_url, webhook_timeout_secs, created_at, updated_at)
select id, account_id, 'room-' || room_no, 10, true, null, '', null, created_at, created_at from bench_rooms;

-- sessions spread over the year, 20 to 60 minutes long, ended
create temp table bench_sessions as
select b.account_id, b.n, s as session_no, gen_random_uuid() as id,
       (select r.id from bench_rooms r where r.account_id = b.account_id and r.room_no = (s - 1) % 5 + 1) as room_id,
       c.t_end - interval '365 days' + (s - 1) * (interval '360 days' / :sessions_per_account) + b.n * interval '1 minute'
           as started_at,
       (20 + (s * 7 + b.n) % 41) * 60000 as duration_millis
  from bench_keys b, bench_clock c, generate_series(1, :sessions_per_account) s;
create index on bench_sessions (account_id, session_no);
insert into room_sessions (id, account_id, room_id, is_active, created_at, updated_at, ended_at)
select id, account_id, room_id, false, started_at,
       started_at + duration_millis * interval '1 millisecond', started_at + duration_millis * interval '1 millisecond'
  from bench_sessions;

-- two participants per session, the second joining 5 s after the first; each uploaded one WebM
create temp table bench_participants as
select s.account_id, s.room_id, s.id as session_id, p as participant_no, gen_random_uuid() as id,
       gen_random_uuid() as blob_id, s.started_at + (p - 1) * interval '5 seconds' as joined_at,
       s.duration_millis - (p - 1) * 5000 as duration_millis
  from bench_sessions s, generate_series(1, 2) p;
insert into room_participants (id, account_id, session_id, participant_context, joined_at, left_at, updated_at)
select id, account_id, session_id, 'participant-' || participant_no, joined_at,
       joined_at + duration_millis * interval '1 millisecond', joined_at + duration_millis * interval '1 millisecond'
  from bench_participants;

insert into room_recordings (id, account_id, room_id, session_id, participant_id, track_type, codec, status, blob_key,
                             stream_index, duration_millis, size_bytes, media_info, started_at, ended_at,
                             completed_at, created_at, updated_at)
select gen_random_uuid(), p.account_id, p.room_id, p.session_id, p.id, k.track_type, k.codec, 'completed',
       'recordings/' || p.blob_id || '.webm', k.stream_index, p.duration_millis, p.duration_millis * 81,
       replace(replace(:'media_info', 'DURATION_MILLIS', p.duration_millis::text),
               'SIZE_BYTES', (p.duration_millis * 81)::text),
       p.joined_at, p.joined_at + p.duration_millis * interval '1 millisecond',
       p.joined_at + p.duration_millis * interval '1 millisecond' + interval '3 seconds',
       p.joined_at + p.duration_millis * interval '1 millisecond' + interval '3 seconds',
       p.joined_at + p.duration_millis * interval '1 millisecond' + interval '3 seconds'
  from bench_participants p,
       (values ('video', 'vp8', 0), ('audio', 'opus', 1)) as k (track_type, codec, stream_index);

-- compositions: round-robin over the account's sessions, requested in order over the year after their session
create temp table bench_compositions as
select s.account_id, s.room_id, s.id as session_id, s.started_at, s.duration_millis, c as composition_no,
       gen_random_uuid() as id,
       k.t_end - interval '364 days'
           + (c - 1) * (interval '364 days' / :compositions_per_account) + s.n * interval '1 minute' as created_at,
       case when c > :compositions_per_account - 10 then 'enqueued'
            when c % 20 = 7 then 'failed'
            else 'completed' end as status
  from bench_clock k, generate_series(1, :compositions_per_account) c
  join bench_sessions s on s.session_no = (c - 1) % :sessions_per_account + 1;

insert into compositions (id, account_id, room_id, session_id, status, output_format, resolution, video_layout,
                          audio_sources, audio_sources_excluded, trim_gaps, webhook_event_url,
                          webhook_event_failover_url, webhook_timeout_secs, progress_percent, failure_reason,
                          duration_secs, size_bytes, blob_key, started_at, ended_at, completed_at, created_at,
                          updated_at)
select id, account_id, room_id, session_id, status, 'mp4', '1280x720', :'video_layout', '["*"]', '[]', true,
       case when composition_no % 3 = 0 then 'https://hooks.example.com/montage' end, '', null,
       case status when 'completed' then 100 when 'failed' then 37 else 0 end,
       case when status = 'failed' then
           'ffmpeg exited with code 1: [vist#0:0/vp8 @ 0x55d1c2a0] Invalid data found when processing input' end,
       case when status = 'completed' then duration_millis / 1000 end,
       case when status = 'completed' then duration_millis * 52 end,
       case when status = 'completed' then 'compositions/' || id || '.mp4' end,
       case when status = 'completed' then started_at end,
       case when status = 'completed' then started_at + duration_millis * interval '1 millisecond' end,
       case when status = 'completed' then created_at + duration_millis * interval '1 millisecond' / 4 end,
       created_at,
       case when status = 'enqueued' then created_at
            else created_at + duration_millis * interval '1 millisecond' / 4 end
  from bench_compositions;

-- the jobs of the enqueued ones, with the priority FairShare gives the n-th in an account's queue
insert into scheduled_tasks (task_name, task_instance, task_data, execution_time, picked, version, priority)
select 'compose-room-composition', id::text, null, created_at, false, 1,
       10000 - (composition_no - (:compositions_per_account - 10) - 1)
  from bench_compositions where status = 'enqueued';

commit;

-- What autovacuum would have done by now on a database that grew over a year: statistics for the planner, and the
-- visibility map that lets counts be answered from an index alone. Done here, it cannot start in the middle of a
-- measurement instead (100 000 fresh rows cross autovacuum's insert threshold).
-- Only the tables of this schema: the database is shared.
vacuum analyze accounts, api_keys, rooms, room_sessions, room_participants, room_recordings, compositions,
               scheduled_tasks;
