-- What an API key may do: FULL (everything, as every key could before), REPORT (report signals and keep connections)
-- or READ (read only). Existing keys keep every right.
alter table api_key add column access_level varchar(16) default 'FULL' not null;
