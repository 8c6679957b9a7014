-- The floor for PUT /progress: one LWW upsert per transaction, straight from pgbench on the same machine.
\set content random(1, 20)
\set user random(1, 64)
INSERT INTO user_progress AS p (tenant_id, user_id, content_id, position_seconds, duration_seconds, state,
    hlc_physical, hlc_logical, device_id, completed, change_seq, updated_at)
VALUES ('bench-raw', 'user-' || :user, 'title-' || :content, :content * 10, 6000, 'playing',
    (extract(epoch from clock_timestamp()) * 1000)::bigint, 0, 'bench', false, 0, now())
ON CONFLICT (tenant_id, user_id, content_id) DO UPDATE SET
    position_seconds = EXCLUDED.position_seconds, hlc_physical = EXCLUDED.hlc_physical, updated_at = now()
WHERE (p.hlc_physical, p.hlc_logical, p.device_id) < (EXCLUDED.hlc_physical, EXCLUDED.hlc_logical, EXCLUDED.device_id);
