-- A meeting's minutes as the meeting process records them (issue 14): published in draft within N working
-- days of the meeting, then approved as the first business of a later meeting. Meetings recorded before
-- have none.

alter table meetings add column minutes_status text check (minutes_status in ('draft', 'approved'));
alter table meetings add column minutes_published_on date;
alter table meetings add column minutes_approved_at date;
