"""The bottom layer: the record model, REFs, versions read back, errors, languages, registries."""
