-- The time a receiver's 429 asked the next attempt to wait for (Retry-After): a recovery elsewhere does not send it sooner.
alter table notification_event add column not_before timestamp with time zone;
