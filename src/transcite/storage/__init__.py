"""Records on disk: TEI reading and writing, the schema, the corpus folder."""
