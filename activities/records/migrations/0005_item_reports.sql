-- The reports officers upload for an item in the console (issue 15): the file is kept under the data
-- directory by its SHA-256; the register says whose item it is, what it is and who uploaded it.

create table item_reports (
  workflow_id  text not null,
  sha256       text not null,
  file_name    text not null,
  media_type   text not null,
  bytes        integer not null,
  path         text not null,
  uploaded_by  text not null,
  uploaded_at  timestamptz not null default now(),
  primary key (workflow_id, sha256)
);
