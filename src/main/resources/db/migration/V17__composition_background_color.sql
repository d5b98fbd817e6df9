-- background_color (issue 11): the colour behind and between the pictures, "#RRGGBB"; compositions created before
-- it was offered were drawn on black.
alter table compositions add column background_color varchar(7) default '#000000' not null;
