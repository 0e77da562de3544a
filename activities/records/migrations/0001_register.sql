-- The governance register: what boards exist, who sits on them, what they decided and when,
-- and an append-only audit log of every step every workflow recorded.
-- Money is held in pence (bigint) so sums are exact; civil dates are `date` (Europe/London calendar days).

create table boards (
  board_id        text primary key,
  name            text not null,
  partners        jsonb not null,          -- [{ id, name, kind }] : the council and the NHS body
  standing_orders text,                    -- preset or config the board runs under
  status          text not null default 'established' check (status in ('established', 'dissolved')),
  established_on  date,
  dissolved_on    date,
  process_id      text not null
);

create table members (
  board_id  text not null references boards (board_id),
  member_id text not null,
  name      text not null,
  email     text,
  partner   text not null,
  role      text not null,
  voting    boolean not null,
  primary key (board_id, member_id)
);

-- Each approved Terms of Reference text is frozen: its hash proves which text both parent bodies approved.
create table tor_versions (
  board_id     text not null, -- no FK: both parents may approve the ToR before the board is established
  version      integer not null check (version > 0),
  content_hash text not null,
  approved_on  date not null,
  approvals    jsonb not null,              -- [{ parentBody, approvedOn }]
  process_id   text not null,
  primary key (board_id, version)
);

-- A board's meetings are dates in its standing orders; a time and place are added when known.
create table meetings (
  meeting_id          text primary key,            -- default "<board>/<date>"
  board_id            text not null,
  meets_on            date not null,
  title               text not null,
  starts_at           timestamptz,
  ends_at             timestamptz,
  location            text,
  status              text not null default 'scheduled' check (status in ('scheduled', 'cancelled')),
  sequence            integer not null default 0,  -- RFC 5545 SEQUENCE of the calendar invite
  -- One item per decision taken there: [{ itemId, decisionId, ref, title|null, summary|null, exemptParagraph }]
  agenda              jsonb not null default '[]',
  agenda_published_on date,
  process_id          text not null,
  check (ends_at is null or starts_at is null or ends_at > starts_at)
);

-- Public columns hold nothing exempt: when exempt_paragraph is set, title and summary are null and the
-- confidential text lives only in `exempt_detail`, which no public page reads.
create table forward_plan_entries (
  entry_id         text primary key,              -- default: the decision's id
  board_id         text not null,
  decision_id      text,
  ref              text,
  title            text,
  summary          text,
  decision_maker   text not null,
  decision_due     date not null,
  published_on     date not null,
  key_decision     boolean not null,
  notice_route     text not null check (notice_route in ('forward-plan', 'general-exception', 'special-urgency')),
  wards            jsonb not null default '[]',
  contact          text,
  exempt_paragraph integer check (exempt_paragraph between 1 and 7),
  exempt_detail    jsonb,
  status           text not null default 'planned' check (status in ('planned', 'taken', 'withdrawn', 'referred')),
  process_id       text not null,
  check (exempt_paragraph is null or (title is null and summary is null))
);

create table decisions (
  decision_id           text primary key,         -- default: the decision workflow's id
  board_id              text not null,
  ref                   text,
  meeting_id            text,
  title                 text,
  decision_text         text,
  outcome               text not null check (outcome in ('approved', 'rejected', 'noted', 'referred', 'amended', 'rescinded')),
  decided_on            date not null,
  decided_by            text,                    -- the board, or the escalation step that resolved it
  published_on          date not null,
  key_decision          boolean not null,
  votes                 jsonb not null default '[]', -- [{ partner, for, against, abstain }]
  reasons               text,
  alternatives_rejected jsonb,                   -- [text]
  interests_declared    jsonb not null default '[]', -- [{ member, interest }]
  call_in_closes_on     date,
  call_in_exempt_reason text,                    -- special urgency: why call-in does not apply
  amount_pence          bigint,
  scheme_id             text,
  status                text not null default 'published'
                        check (status in ('published', 'called-in', 'implemented', 'rescinded')),
  implemented_on        date,
  reconsideration       jsonb,                   -- { outcome: confirm|amend|rescind, reasons } after a referral back
  exempt_paragraph      integer check (exempt_paragraph between 1 and 7),
  exempt_detail         jsonb,
  process_id            text not null,
  check (exempt_paragraph is null
         or (title is null and decision_text is null and reasons is null and alternatives_rejected is null))
);

create table call_ins (
  call_in_id  text primary key,
  decision_id text not null,
  lodged_on   date not null,
  signatories jsonb not null, -- [name]
  grounds     text not null,
  valid       boolean not null,
  scrutiny_meeting_by date,
  process_id  text not null
);

create table scrutiny_outcomes (
  call_in_id  text primary key,
  decision_id text not null,
  met_on      date not null,
  outcome     text not null check (outcome in ('no-further-action', 'refer-back', 'refer-to-council')),
  reasons     text not null,
  process_id  text not null
);

create table reviews (
  review_id    text primary key,
  board_id     text not null,
  cycle        integer not null,
  due_on       date not null,
  started_on   date,
  completed_on date,
  outcome      text check (outcome in ('continue', 'amend-tor', 'extend-delegation', 'dissolve')),
  summary      text,
  process_id   text not null
);

-- s75: pooled fund under s75 NHS Act 2006; s256: transfer from the NHS to the council; aligned: each
-- partner keeps its own budget but plans it jointly.
create table budget_schemes (
  board_id     text not null,
  scheme_id    text not null,
  name         text not null,
  pool_type    text not null check (pool_type in ('s75', 's256', 'aligned')),
  budget_pence bigint not null check (budget_pence >= 0),
  primary key (board_id, scheme_id)
);

create table commitments (
  commitment_id text primary key,
  board_id      text not null,
  scheme_id     text not null,
  decision_id   text,
  amount_pence  bigint not null check (amount_pence > 0),
  committed_on  date not null,
  description   text,
  process_id    text not null
  -- No FK to budget_schemes: whether a scheme can bear a commitment is the workflow's rule (refuse or
  -- refer); the register records what was decided, it does not second-guess it.
);

-- One row per (effect key, recipient): claimed before the mail is handed to SMTP, marked sent after.
create table notifications (
  workflow_id     text not null,
  step            text not null,
  recipient_email text not null,
  recipient_name  text not null,
  recipient_role  text not null,
  board_id        text not null,
  kind            text not null,
  subject         text not null,
  message_id      text not null,
  -- 'rejected': the receiving server refused the address permanently (5xx); retrying cannot help.
  status          text not null check (status in ('claimed', 'sent', 'rejected')),
  attempts        integer not null default 1,
  claimed_at      timestamptz not null default now(),
  sent_at         timestamptz,
  error           text,
  primary key (workflow_id, step, recipient_email)
);

create table audit_log (
  seq         bigserial primary key,
  workflow_id text not null,
  step        text not null,
  board_id    text not null,
  process_id  text not null,
  kind        text not null,
  at          timestamptz not null,
  data        jsonb not null,
  recorded_at timestamptz not null default now(),
  unique (workflow_id, step)
);

create index audit_log_board on audit_log (board_id, seq);

-- The audit log is evidence: rows are added, never changed or removed, whoever connects.
create function audit_log_is_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_log is append-only: % rejected', tg_op using errcode = 'insufficient_privilege';
end
$$;

create trigger audit_log_no_update_delete
  before update or delete on audit_log
  for each row execute function audit_log_is_append_only();

create trigger audit_log_no_truncate
  before truncate on audit_log
  for each statement execute function audit_log_is_append_only();
