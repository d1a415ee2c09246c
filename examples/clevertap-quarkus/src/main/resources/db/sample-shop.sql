-- The sample shop the SQL flow syncs on the embedded defaults (an in-memory H2 database): customers become
-- profiles, paid orders become Charged events.
CREATE TABLE IF NOT EXISTS customers (
    customer_id VARCHAR(40) NOT NULL PRIMARY KEY,
    full_name   VARCHAR(200) NOT NULL,
    email       VARCHAR(200),
    city        VARCHAR(100),
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE TABLE IF NOT EXISTS orders (
    order_id    VARCHAR(40) NOT NULL PRIMARY KEY,
    customer_id VARCHAR(40) NOT NULL REFERENCES customers (customer_id),
    amount      DECIMAL(12, 2) NOT NULL,
    currency    CHAR(3) NOT NULL,
    status      VARCHAR(20) NOT NULL,
    ordered_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
MERGE INTO customers KEY (customer_id) VALUES
    ('c-3001', 'Katherine Johnson', 'katherine@example.com', 'Hampton', TIMESTAMP WITH TIME ZONE '2026-01-05 09:00:00+00'),
    ('c-3002', 'Dorothy Vaughan', 'dorothy@example.com', 'Kansas City', TIMESTAMP WITH TIME ZONE '2026-01-06 10:30:00+00'),
    ('c-3003', 'Mary Jackson', 'mary.jackson@example.com', 'Hampton', TIMESTAMP WITH TIME ZONE '2026-01-07 11:45:00+00');
MERGE INTO orders KEY (order_id) VALUES
    ('o-9001', 'c-3001', 129.99, 'USD', 'paid', TIMESTAMP WITH TIME ZONE '2026-01-10 14:00:00+00'),
    ('o-9002', 'c-3002', 42.50, 'EUR', 'paid', TIMESTAMP WITH TIME ZONE '2026-01-11 15:15:00+00'),
    ('o-9003', 'c-3002', 18.00, 'EUR', 'cancelled', TIMESTAMP WITH TIME ZONE '2026-01-12 16:20:00+00');
