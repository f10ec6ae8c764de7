CREATE INDEX idx_balances_user_token   ON balances (user_id, token_id);
CREATE INDEX idx_balances_token_id     ON balances (token_id);
CREATE INDEX idx_balances_address      ON balances (address);
CREATE INDEX idx_balances_user_created ON balances (user_id, created_at);
CREATE INDEX idx_balances_user_usd     ON balances (user_id, usd_value);
