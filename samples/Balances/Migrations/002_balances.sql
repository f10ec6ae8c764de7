CREATE TABLE balances (
    id                     bigserial PRIMARY KEY,
    user_id                bigint         NOT NULL,
    token_id               integer        NOT NULL REFERENCES tokens (id),
    address                text           NOT NULL,
    amount                 numeric(38, 18) NOT NULL DEFAULT 0 CHECK (amount >= 0),
    usd_value              numeric(38, 8) NOT NULL DEFAULT 0,
    auto_convert_threshold numeric(38, 18) NULL,
    created_at             timestamptz    NOT NULL DEFAULT now(),
    updated_at             timestamptz    NOT NULL DEFAULT now()
);
