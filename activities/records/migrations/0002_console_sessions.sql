-- The officers' console: who is signed in, sign-ins under way, and failed sign-ins (for the limit on them).
-- Tokens are stored as their SHA-256, so a copy of the database signs nobody in.

create table console_sessions (
  token_hash   text primary key,
  email        text not null,
  name         text not null,
  csrf_token   text not null,
  created_at   timestamptz not null default now(),
  last_seen_at timestamptz not null default now()
);
create index console_sessions_last_seen on console_sessions (last_seen_at);

-- Between the redirect to the identity provider and its answer: the PKCE verifier and nonce.
create table console_sign_ins (
  state_hash    text primary key,
  code_verifier text not null,
  nonce         text not null,
  return_to     text not null,
  created_at    timestamptz not null default now()
);

create table console_failed_sign_ins (
  email text not null,
  at    timestamptz not null default now()
);
create index console_failed_sign_ins_email_at on console_failed_sign_ins (email, at);
