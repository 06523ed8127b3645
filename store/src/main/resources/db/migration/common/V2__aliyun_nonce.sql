-- Aliyun signature nonces, remembered per access key until the request's timestamp leaves the 15-minute window.
-- The primary key is what makes "first use" atomic across nodes; nonce_hash is the SHA-256 hex of the nonce, so
-- that a client's arbitrary nonce always fits.
CREATE TABLE aliyun_nonce (
    access_key_id VARCHAR(128) NOT NULL,
    nonce_hash    VARCHAR(64)  NOT NULL,
    expires_at    BIGINT       NOT NULL,
    PRIMARY KEY (access_key_id, nonce_hash)
);
CREATE INDEX aliyun_nonce_by_expiry ON aliyun_nonce (expires_at);
