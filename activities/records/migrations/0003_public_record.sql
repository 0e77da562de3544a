-- The public record as the Access to Information Regulations 2012 ask for it (issue 18).
-- Forward Plan entries list the documents to be considered (reg 9(1)(f)); a decision keeps how its votes
-- were counted apart from its reasons (a count is not a reason, reg 13), the dispensations granted to
-- members with an interest (reg 13(2)), and the day it may be implemented after the call-in period.

alter table forward_plan_entries add column documents jsonb not null default '[]'; -- [{ title, url|null }]

alter table decisions add column vote_notes jsonb not null default '[]';     -- [text]: how the votes were counted
alter table decisions add column dispensations jsonb not null default '[]';  -- [{ member, detail }]
alter table decisions add column implementable_from date;

-- Decisions recorded before: the decision workflow sent its tally's account of the count as `reasons`
-- (alongside `votesPerPartner`), and the day after the call-in period was not kept. Both are in the audit log.
with latest as (
  select distinct on (coalesce(data->>'decisionId', process_id))
    coalesce(data->>'decisionId', process_id) as decision_id, data
  from audit_log where kind = 'decision-published'
  order by coalesce(data->>'decisionId', process_id), seq desc
)
update decisions d set
  implementable_from = (l.data->'callIn'->>'implementableFrom')::date,
  vote_notes = case when jsonb_typeof(l.data->'votesPerPartner') = 'object' and d.reasons is not null
                    then to_jsonb(string_to_array(d.reasons, E'\n')) else d.vote_notes end,
  reasons = case when jsonb_typeof(l.data->'votesPerPartner') = 'object' then null else d.reasons end
from latest l
where l.decision_id = d.decision_id;
