-- transcite corpus on PostgreSQL, schema 2: `list` keeps its whole output (docs/corpus.md).
-- Applied in one transaction by `transcite corpus init|migrate`.

-- the whole output of `list` with no filter, as it printed it (UTF-8, no final newline), by
-- format ('text', 'json'); a row whose body is NULL is a `list` making it (storage/pg/listing.py)
CREATE TABLE listings (
    key  text PRIMARY KEY,
    body bytea
);
-- stored out of line uncompressed: read whole by every `list`, never searched
ALTER TABLE listings ALTER COLUMN body SET STORAGE EXTERNAL;

-- any change of the records drops it, in the transaction of the change
CREATE FUNCTION transcite_drop_listings() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM listings;
    RETURN NULL;
END
$$;
CREATE TRIGGER records_drop_listings AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON records
    FOR EACH STATEMENT EXECUTE FUNCTION transcite_drop_listings();
