-- A running task is leased by the node applying it; when the lease runs out (the node died), any node may claim the
-- task and reconcile it with the engine. (V2 is the Aliyun nonce table.)
ALTER TABLE task ADD COLUMN lease_owner VARCHAR(128);
ALTER TABLE task ADD COLUMN lease_until BIGINT;
CREATE INDEX task_by_lease ON task (status, lease_until);
