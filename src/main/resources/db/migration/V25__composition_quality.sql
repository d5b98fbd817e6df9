-- quality (issue 14): the encoder point a composition is rendered with, "fast", "standard" or "high" (settings
-- montage.media.quality.*); compositions created before it was offered are "standard".
alter table compositions add column quality varchar(16) default 'standard' not null;
