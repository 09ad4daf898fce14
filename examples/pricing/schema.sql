-- The pricing engine's schema, as the example's checks expect it: 12 tables, 2 materialized
-- views, the never-loss function and a floor audit with no violations.
DROP SCHEMA IF EXISTS pricing CASCADE;
CREATE SCHEMA pricing;
CREATE TABLE pricing.suppliers (id serial PRIMARY KEY, name text NOT NULL);
CREATE TABLE pricing.products (id serial PRIMARY KEY, supplier_id int REFERENCES pricing.suppliers, name text);
CREATE TABLE pricing.floors (product_id int REFERENCES pricing.products, floor numeric NOT NULL);
CREATE TABLE pricing.offers (id serial PRIMARY KEY, product_id int REFERENCES pricing.products, price numeric NOT NULL);
CREATE TABLE pricing.sessions (id uuid PRIMARY KEY, started_at timestamptz);
CREATE TABLE pricing.quotes (id serial PRIMARY KEY, session_id uuid, price numeric);
CREATE TABLE pricing.acceptances (quote_id int, accepted_at timestamptz);
CREATE TABLE pricing.models (id serial PRIMARY KEY, kind text, version text, active boolean);
CREATE TABLE pricing.policies (id serial PRIMARY KEY, supplier_id int, active boolean);
CREATE TABLE pricing.rate_snapshots (supplier_id int, taken_at timestamptz, rate numeric);
CREATE TABLE pricing.feature_flags (name text PRIMARY KEY, value numeric);
CREATE TABLE pricing.audit_log (at timestamptz DEFAULT now(), event text);
INSERT INTO pricing.suppliers (name) VALUES ('Northwind'), ('Contoso');
INSERT INTO pricing.products (supplier_id, name) VALUES (1, 'room'), (2, 'flight');
INSERT INTO pricing.floors VALUES (1, 80), (2, 120);
INSERT INTO pricing.offers (product_id, price) VALUES (1, 95), (2, 130), (1, 82);
CREATE MATERIALIZED VIEW pricing.daily_margin AS
  SELECT o.product_id, avg(o.price - f.floor) AS margin FROM pricing.offers o JOIN pricing.floors f USING (product_id) GROUP BY 1;
CREATE MATERIALIZED VIEW pricing.supplier_volume AS
  SELECT p.supplier_id, count(*) AS offers FROM pricing.offers o JOIN pricing.products p ON p.id = o.product_id GROUP BY 1;
CREATE VIEW pricing.floor_audit AS
  SELECT o.* FROM pricing.offers o JOIN pricing.floors f USING (product_id) WHERE o.price < f.floor;
CREATE FUNCTION pricing.assert_never_loss() RETURNS boolean LANGUAGE sql STABLE
  AS $$ SELECT NOT EXISTS (SELECT 1 FROM pricing.floor_audit) $$;
