-- Team mode: the key of used-code fingerprints, made once by the first instance and read by every
-- other. Kept AES-256-GCM encrypted under the encryption key (never in plain), like the access keys,
-- so it stays the same when the encryption key is rolled: instances on the old and on the new key
-- recognise each other's used codes. One row, id 1.
create table fingerprint_key (
    id                 int          not null primary key,
    secret_key_id      varchar(32)  not null,
    secret_nonce       varchar(32)  not null,
    secret_ciphertext  varchar(512) not null
);
