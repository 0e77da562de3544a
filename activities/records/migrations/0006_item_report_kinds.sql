-- An item carries its report and its background papers (issue 14 item 3): what each uploaded file is.

alter table item_reports
  add column kind text not null default 'report' check (kind in ('report', 'background-paper'));
