"""Document signals: language, quality measures, identity (id, content hash, split)."""
