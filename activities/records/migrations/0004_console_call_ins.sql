-- Call-ins gathering their O&S members' signatures in the officers' console (issue 15), until enough have
-- signed and the console lodges the call-in with the decision. Each signature is the signed-in person's.

create table console_call_ins (
  workflow_id text primary key,
  grounds     text not null,
  opened_by   text not null,
  opened_at   timestamptz not null default now(),
  -- Set when the console sends the call-in (cleared again if the decision refuses it).
  lodged_at   timestamptz
);

create table console_call_in_signatures (
  workflow_id text not null references console_call_ins (workflow_id) on delete cascade,
  member      text not null,
  email       text not null,
  signed_at   timestamptz not null default now(),
  primary key (workflow_id, member)
);
