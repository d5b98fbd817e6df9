-- list-api-keys (issue 10) tells keys apart by their first characters, never the whole key. Keys created before
-- this migration have only their digest: their prefix is filled in the first time they are used.
alter table api_keys add column key_prefix varchar(16);
-- When the key was last accepted, to the minute: written at most once a minute per key.
alter table api_keys add column last_used_at timestamp(6) with time zone;
-- A revoked key stays listed, and is refused from the next request on, on every node.
alter table api_keys add column revoked_at timestamp(6) with time zone;
