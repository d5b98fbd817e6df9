-- Twilio status callbacks of a composition made under /v1: where they go, how, and the token they are signed
-- with (the API key that created the composition, AES-GCM sealed with an installation secret, never in clear).
create table twilio_status_callbacks (
    composition_id uuid primary key references compositions (id) on delete cascade,
    account_id     uuid not null references accounts (id),
    url            varchar(2000) not null,
    http_method    varchar(8) not null,
    sealed_token   varchar(1000) not null
);

-- An event is delivered in one of two protocols by the same queue: Telnyx's JSON webhook (Ed25519-signed) or
-- Twilio's form-encoded status callback (X-Twilio-Signature, HMAC-SHA1 with the sealed token).
alter table webhook_events add column protocol varchar(16) default 'telnyx' not null;
alter table webhook_events add column http_method varchar(8);
alter table webhook_events add column sealed_token varchar(1000);
