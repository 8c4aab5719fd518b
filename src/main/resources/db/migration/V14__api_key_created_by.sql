-- Who made each key: a user's name, "API key <id>", or the bootstrap variable. Keys outlive the admin who made them
-- (and saw their secret): removing or demoting that admin names the keys they made. Null for keys made before.
alter table api_key add column created_by varchar(120);
