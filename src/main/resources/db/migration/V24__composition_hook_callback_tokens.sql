-- The API key that set a hook's StatusCallback (issue 13), sealed as twilio_status_callbacks.sealed_token is: the
-- compositions the hook makes, and its composition-hook-failed callbacks, are signed with it. Null without a callback.
alter table composition_hooks add column status_callback_token varchar(1000);

-- A firing that could make no composition (composition-hook-failed was recorded instead) still takes its
-- (hook, session) key, so that another node neither tries again nor calls back a second time.
alter table composition_hook_firings alter column composition_id drop not null;
