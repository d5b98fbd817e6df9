-- The name the media server gave a track at upload (issue 11), as Twilio names tracks ("screen-1"); composition
-- sources select recordings by it with patterns. Null when the upload gave none. At most 256 characters are
-- accepted; 512 leaves room for a database that counts UTF-16 units rather than characters.
alter table room_recordings add column track_name varchar(512);
