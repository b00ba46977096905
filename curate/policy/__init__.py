"""The keep/drop policy: the one step that decides, from the signals the stages wrote.

Rules are checked in a fixed order and the first that fails names the drop reason
(`policy_<rule>`), so a dropped document always has exactly one reason. The order, one family of
rules per module, broad and cheap before narrow:

1. `duplicate_id`: another record of this document's id is kept (the corpus pass decided).
2. `basics.py`, the document as a whole: `too_short`, `too_long`, `boilerplate_ratio_high`,
   `language_not_allowed`, `language_undetermined`.
3. `gate.py`, what the quality gate would reject on the row, so that one bad document does not
   fail a whole version: `markup_in_text`, `markup_in_title`, `replacement_char_in_text`,
   `replacement_char_in_title`, `control_char_in_text`, `control_char_in_title`,
   `mojibake_in_text`, `mojibake_in_title`, `residual_boilerplate`, `row_inconsistent`.
4. `quality.py`, the Gopher / C4 signals: what is no article (`lorem_ipsum`, `curly_brackets`),
   repetition (`repeated_paragraphs`, then `repeated_lines` within them, `top_2gram`,
   `repeated_5grams`), then
   word and line statistics (`not_prose`, `short_words`, `long_words`, `symbols`, `bullet_lines`,
   `ellipsis_lines`, `few_stopwords`, `uppercase`, `few_sentences`).

Near-duplicates are decided after these rules, among the documents they keep: `near_duplicate`
names the reason of a document its cluster (`curate.pipeline.near_duplicates`) does not keep.

`PolicyConfig` holds every setting, with what it catches and where its default comes from;
`benchmarks/quality_rules.py` measures each rule on real articles and on junk.
"""

from __future__ import annotations

from typing import Any

from curate.config import PolicyConfig
from curate.policy import basics, gate, quality
from curate.policy.rule import Rule

NAME = "policy"
VERSION = 2  # 2: the gate's row checks, the Gopher / C4 rules and `und` (quality signals v3)
# The reason of an exact duplicate's drop; the build drops those across batches (`pipeline.dedup`).
DUPLICATE_CONTENT = "policy_duplicate_content"
DUPLICATE_ID = "policy_duplicate_id"
# Every rule `drop_reason` checks, in its order.
RULES: tuple[Rule, ...] = (*basics.RULES, *gate.RULES, *quality.RULES)

__all__ = ["DUPLICATE_CONTENT", "DUPLICATE_ID", "NAME", "RULES", "VERSION", "Rule", "drop_reason", "near_duplicate"]


def drop_reason(row: dict[str, Any], policy: PolicyConfig, superseded_by: str | None = None) -> tuple[str, str] | None:
    """(reason code, message) when the row must be dropped, else None. `superseded_by` is the input
    of another record with this row's id, which the corpus pass chose to keep
    (`policy.keep_duplicate_id`): two records of one id would be two rows of one document."""
    if superseded_by is not None:
        return (DUPLICATE_ID, f"same id {row['id']} as {superseded_by}, which is kept "
                              f"(policy.keep_duplicate_id = {policy.keep_duplicate_id})")
    for rule in RULES:
        why = rule.check(row, policy)
        if why is not None:
            return rule.reason, why
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
