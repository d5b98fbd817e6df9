-- Segmented rendering (issue 14, part 3): a long composition is planned once, and its plan frozen here, so every
-- part renders the same plan even if a recording arrives later. Removed with its composition, or by the join.
create table composition_segmentations (
    composition_id uuid primary key references compositions (id) on delete cascade,
    plan           text not null,
    recording_ids  text not null,
    join_scheduled boolean not null,
    created_at     timestamp(6) with time zone not null
);

-- One row per video part (its window of the output) and one for the audio, each a db-scheduler execution of its
-- own. blob_key is the file of the run that completed the part, rendered_by the node that ran it; weight_millis is
-- the part's share of the composition's progress.
create table composition_parts (
    composition_id   uuid not null references composition_segmentations (composition_id) on delete cascade,
    part_name        varchar(32) not null,
    start_millis     bigint,
    end_millis       bigint,
    weight_millis    bigint not null,
    done             boolean not null,
    progress_percent integer not null,
    blob_key         varchar(512),
    rendered_by      varchar(256),
    primary key (composition_id, part_name)
);
