"""The per-document pipeline: every stage in order, then the policy."""
