-- The admin API: a tenant exists on its own (created through the API or declared in the file), with or without keys;
-- an audit record says where its request came from (source_address) and how it ended as a short code that can be
-- filtered on (outcome_code: accepted, refused, succeeded, failed, ok, denied).
CREATE TABLE tenant (
    name       VARCHAR(128) PRIMARY KEY,
    source     VARCHAR(16)  NOT NULL,
    created_at BIGINT       NOT NULL
);
INSERT INTO tenant (name, source, created_at)
    SELECT tenant, 'config', 0 FROM credential UNION SELECT tenant, 'config', 0 FROM instance;

ALTER TABLE audit ADD COLUMN source_address VARCHAR(64);
ALTER TABLE audit ADD COLUMN outcome_code VARCHAR(32);
CREATE INDEX audit_by_time ON audit (at);
CREATE INDEX audit_by_instance ON audit (instance_id, id);

-- Grows with every change of the active instances or of how their engines are reached: a node that reads a new value
-- attaches, re-attaches or detaches engines (instances registered through another node's admin API).
INSERT INTO meta (name, val) VALUES ('catalog-revision', '0');
