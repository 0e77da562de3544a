-- How the public may attend a meeting (in person, hybrid or remote), as the meeting process records it
-- (issue 18: meeting pages and their schema.org Event say so). Meetings recorded before keep theirs from
-- the audit log: the latest scheduling entry of each meeting that named it.

alter table meetings add column attendance text check (attendance in ('in-person', 'hybrid', 'remote'));

with latest as (
  select distinct on (coalesce(data->>'meetingId', board_id || '/' || (data->>'meeting')))
    coalesce(data->>'meetingId', board_id || '/' || (data->>'meeting')) as meeting_id,
    data->>'attendance' as attendance
  from audit_log
  where kind = 'meeting-scheduled' and data->>'attendance' in ('in-person', 'hybrid', 'remote')
  order by coalesce(data->>'meetingId', board_id || '/' || (data->>'meeting')), seq desc
)
update meetings m set attendance = l.attendance from latest l where l.meeting_id = m.meeting_id;
