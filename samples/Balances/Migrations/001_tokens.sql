CREATE TABLE tokens (
    id        integer PRIMARY KEY,
    symbol    text    NOT NULL UNIQUE,
    decimals  integer NOT NULL CHECK (decimals BETWEEN 0 AND 36),
    usd_price numeric(38, 8) NOT NULL DEFAULT 0
);
