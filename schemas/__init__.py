"""The dataset schemas as JSON files; shipped as package data `curate.schemas`, read by `curate.schema`."""
