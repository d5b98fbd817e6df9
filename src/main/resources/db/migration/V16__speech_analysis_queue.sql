-- Speech analysis runs after the upload (issue 11), so an audio recording's timeline has a state: pending (its job
-- has not run yet), analysed (speech_levels holds it) or failed (speech_failure says why). Null for video and for
-- audio uploaded before timelines existed or while the analysis was turned off.
alter table room_recordings add column speech_status varchar(16);
alter table room_recordings add column speech_failure varchar(1000);
update room_recordings set speech_status = 'analysed' where speech_levels is not null;

-- The analysis queue: db-scheduler's table (as scheduled_tasks), apart so an analysis never waits behind a render
-- for a thread, nor a render behind an analysis.
create table speech_tasks (
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
create index speech_tasks_execution_time on speech_tasks (execution_time);
create index speech_tasks_last_heartbeat on speech_tasks (last_heartbeat);
create index speech_tasks_priority_execution_time on speech_tasks (priority desc, execution_time asc);
