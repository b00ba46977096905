"""The pipeline, and every way a version is made: `build` (inputs -> a new version), `rebuild`
(a version's rows decided again), `reproduce` (a version made again and compared byte for byte),
all writing through `build.write_version`; the per-document stages in order, then the policy."""
