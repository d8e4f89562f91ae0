-- The subject of a Standard Webhooks event as its transaction left it, in the terms of the module that owns it;
-- its wire shape is rendered from this at delivery. data keeps what is sent as it is (test events, vanished
-- subjects, and events queued before this column existed).
alter table webhook_event add column snapshot text;
