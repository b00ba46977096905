"""What to do after a failed gate, in one line: the change that makes each failed expectation
pass where there is one, and the waiver that accepts a failure on purpose."""

from __future__ import annotations

_REMEDIES = {
    "article_rows.source_name_present": "name the publishers: build again with --source NAME, or [sources] in the "
                                        "config (default, folders, domains)",
    "article_rows.language_allowed": "allow the language in [validation] languages (or [policy] languages)",
    "dataset.has_articles": "build from inputs that keep articles, or lower [validation] min_articles",
    "dataset.train_share": "widen [validation] split_tolerance (a small dataset's split shares vary)",
    "dataset.validation_share": "widen [validation] split_tolerance (a small dataset's split shares vary)",
    "dataset.test_share": "widen [validation] split_tolerance (a small dataset's split shares vary)",
    "dataset.repeated_content_within_policy": "raise [validation] max_repeated_content_share, or keep "
                                              "[policy] drop_exact_duplicates on",
    "dataset.near_duplicates_within_policy": "raise [validation] max_near_duplicate_share, or keep [dedup] drop on",
}


def next_step(failed: list[str], name: str | None = None, version: str | None = None) -> str:
    """One line naming the failed expectations and how to go on: their remedies, or a waiver in the
    config and the gate run again (`curate validate NAME V --config FILE`)."""
    remedies = list(dict.fromkeys(_REMEDIES[key] for key in failed if key in _REMEDIES))
    again = f"curate validate {name} {version} --config FILE" if name and version else "validate again with it"
    waiver = (f'or accept it with a waiver in the config ([[validation.waivers]] expectation = "{failed[0]}", '
              f'reason = "why") and {again}')
    fixes = "; ".join(remedies) if remedies else "fix what the validation page shows and build again"
    return f"quality gate failed ({', '.join(failed)}): {fixes}; {waiver}"
