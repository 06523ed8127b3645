-- Overlap rotation (issue 11): an instance's window length; an operation's window (its length fixed when the change was
-- accepted, when it ends, whether an operator asked to roll back within it); proofs grow to a JSON list of per-node
-- login results. (V7 is left to the admin API's audit columns.)
ALTER TABLE instance ADD COLUMN overlap_millis BIGINT NOT NULL DEFAULT 0;
ALTER TABLE operation ADD COLUMN overlap_millis BIGINT NOT NULL DEFAULT 0;
ALTER TABLE operation ADD COLUMN due_at BIGINT;
ALTER TABLE operation ADD COLUMN roll_back BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE operation ALTER COLUMN proof SET DATA TYPE VARCHAR(32000);
CREATE INDEX operation_due ON operation (state, due_at);
-- The members of a spawned deployment (host:port,...), recorded by the node that spawned it so every node reaches it.
ALTER TABLE instance ADD COLUMN members VARCHAR(4000);
ALTER TABLE instance ADD COLUMN sentinel_members VARCHAR(4000);
