-- The speech-activity timeline of an audio recording (issue 11): one byte a window, the window's loudness in
-- dB below full scale. Null for video recordings and for audio uploaded before the timeline was made.
alter table room_recordings add column speech_window_millis integer;
alter table room_recordings add column speech_levels bytea;
