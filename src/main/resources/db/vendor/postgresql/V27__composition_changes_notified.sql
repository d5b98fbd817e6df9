-- Every change to a composition is told to every node when its transaction commits: the account's id on the channel
-- montage_composition_changes. Each node keeps the list's pages and finished compositions it read in memory while
-- nothing of their account has changed (CompositionChanges, CompositionChangeListener); its own changes it knows, other
-- nodes' it hears here. PostgreSQL sends a notification once per transaction however many rows of one account change.
-- Only PostgreSQL: H2's file is held by one process, whose changes are all its own (db/vendor/h2/README.md).
create function composition_changes_notify() returns trigger language plpgsql as $$
begin
    perform pg_notify('montage_composition_changes', coalesce(new.account_id, old.account_id)::text);
    return null;
end
$$;

create trigger composition_changes_notify
    after insert or update or delete on compositions
    for each row execute function composition_changes_notify();
