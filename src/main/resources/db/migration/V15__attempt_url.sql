-- The URL each attempt went to: after the notification URL changes, the delivery log says which one failed.
-- Attempts recorded before this migration have none.
alter table delivery_attempt add column url varchar(2048);
