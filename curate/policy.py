"""The keep/drop policy: the one step that decides, from the signals the stages wrote.

Rules are checked in a fixed order and the first that fails names the drop reason
(`policy_<rule>`), so a dropped document always has exactly one reason.
"""

from __future__ import annotations

from typing import Any

from curate.config import PolicyConfig

NAME = "policy"
VERSION = 1
# The reason of an exact duplicate's drop; the build drops those across batches (`pipeline.dedup`).
DUPLICATE_CONTENT = "policy_duplicate_content"


def drop_reason(row: dict[str, Any], policy: PolicyConfig, superseded_by: str | None = None) -> tuple[str, str] | None:
    """(reason code, message) when the row must be dropped, else None. `superseded_by` is the input
    of another record with this row's id, which the corpus pass chose to keep
    (`policy.keep_duplicate_id`): two records of one id would be two rows of one document."""
    if superseded_by is not None:
        return ("policy_duplicate_id", f"same id {row['id']} as {superseded_by}, which is kept "
                                       f"(policy.keep_duplicate_id = {policy.keep_duplicate_id})")
    quality = row["quality"]
    words = quality["n_words"]
    if words < policy.min_words:
        return "policy_too_short", f"{words} words < min_words {policy.min_words}"
    if words > policy.max_words:
        return "policy_too_long", f"{words} words > max_words {policy.max_words}"
    if row["boilerplate_ratio"] > policy.max_boilerplate_ratio:
        return ("policy_boilerplate_ratio_high",
                f"boilerplate ratio {row['boilerplate_ratio']:.2f} > {policy.max_boilerplate_ratio}")
    if policy.languages and row["language"] not in policy.languages:
        return "policy_language_not_allowed", f"language {row['language']} not in {policy.languages}"
    if quality["alpha_word_ratio"] < policy.min_alpha_word_ratio:
        return ("policy_not_prose",
                f"alpha word ratio {quality['alpha_word_ratio']:.2f} < {policy.min_alpha_word_ratio}")
    return None


def near_duplicate(kept_id: str, similarity: float, reference: bool, exact: bool = False) -> tuple[str, str]:
    """(reason code, message) of a document its near-duplicate cluster does not keep: the one kept
    is `kept_id`, in this build or (`reference`) in the dataset it is deduplicated against; an
    `exact` copy of its text is an exact duplicate."""
    if exact:
        return DUPLICATE_CONTENT, f"same text as {kept_id}, which is kept"
    if reference:
        return ("policy_near_duplicate_of_reference",
                f"near-duplicate (estimated Jaccard {similarity:.2f}) of {kept_id}, already in the reference dataset")
    return "policy_near_duplicate", f"near-duplicate (estimated Jaccard {similarity:.2f}) of {kept_id}, which is kept"
