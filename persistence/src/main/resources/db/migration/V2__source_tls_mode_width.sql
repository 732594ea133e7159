-- Certificate modes are stored as the plugin names them, e.g. TRUST-ON-FIRST-USE (18 characters).
ALTER TABLE sources MODIFY tls_mode VARCHAR(32) NOT NULL DEFAULT 'PINNED';
