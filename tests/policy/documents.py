"""Documents for the policy's rules, as a reader sees a plain-text file: a title line, a blank
line, the body.

`JUNK` maps each reason code to a document written for it: what a crawl of news sites brings in
that is no article, shaped so that the rule it is named after is the first to drop it (the
boilerplate stage keeps it whole, and no earlier rule fires). Documents that need a setting turned
on (`drop_undetermined_language`, `drop_inconsistent_rows`) or a row edited after the pipeline
(control characters and residual boilerplate, which normalization and the boilerplate stage
already remove) are made in the tests that need them. `ARTICLES` are plain news articles in
several languages and scripts, which no rule may drop.
"""

from __future__ import annotations

import random
from functools import cache
from typing import Any

from curate.config import Config
from curate.pipeline.document import PipelineContext, annotate_raw
from curate.readers.text import read_text
from versioning.corpus import article, prose

CITIES = ["Paris", "Rome", "Berlin", "Madrid", "Lisbon", "Vienna", "Prague", "Warsaw", "Dublin", "Oslo", "Athens",
          "Budapest", "Zurich", "Brussels", "Amsterdam", "Stockholm", "Helsinki", "Copenhagen", "Milan", "Munich"]
LOREM = ("Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et "
         "dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip ex "
         "ea commodo consequat. Duis aute irure dolor in reprehenderit in voluptate velit esse cillum dolore eu "
         "fugiat nulla pariatur. Excepteur sint occaecat cupidatat non proident, sunt in culpa qui officia deserunt "
         "mollit anim id est laborum.")
# Machine repetition: two sentences in turn (the boilerplate stage removes a line repeated right below itself).
REPEATED = ["The council will meet again on Thursday to discuss the budget for the coming year.",
            "Residents are invited to send their questions to the town hall before the meeting."]
SHOUTING = ("THE COUNCIL APPROVED THE BUDGET ON TUESDAY AFTER A LONG DEBATE THAT RAN LATE INTO THE NIGHT. MEMBERS "
            "SAID THE PLAN WOULD FUND TWO NEW SCHOOLS AND REPAIR THE OLD BRIDGE BEFORE WINTER.\n\n"
            "RESIDENTS WHO SPOKE AT THE MEETING SAID THEY WERE ANGRY ABOUT THE COST AND THE DELAYS. THE MAYOR "
            "PROMISED A FULL REPORT BY THE END OF THE MONTH AND A PUBLIC HEARING IN SPRING.\n\n"
            "OPPOSITION MEMBERS CALLED THE ESTIMATE OPTIMISTIC AND SAID THEY WOULD VOTE AGAINST IT.")


def _short_word_chatter(seed: int = 13) -> str:
    """Sentences of two- and three-letter words: machine chatter whose words average under 3 letters."""
    rng = random.Random(seed)
    words = "we go to it so do me up on by an as at if no my he is ok".split()
    sentences = [" ".join(rng.choice(words) for _ in range(rng.randint(5, 9))).capitalize() + "." for _ in range(14)]
    return " ".join(sentences)


def _gibberish(seed: int = 0) -> str:
    """Random syllables in no language: the language identifier names none (`und`)."""
    rng = random.Random(seed)
    words = ["".join(rng.choice("bcdfghjklmnpqrstvwxz") + rng.choice("aeiouy") * (i % 2)
                     for i in range(rng.randint(2, 4))) for _ in range(70)]
    return " ".join(words) + "."


def _json_state() -> str:
    """A page's application state where the article should be: one line of JSON."""
    paragraphs = prose(5).split("\n\n")
    # %-format (UP031 asks for an f-string): the JSON's own braces stay as they are.
    blocks = ", ".join('{"type": "paragraph", "data": {"text": "%s"}}' % p.strip() for p in paragraphs)  # noqa: UP031
    return ('{"article": {"id": 48213, "section": {"name": "local"}, "body": {"blocks": [%s]}, '  # noqa: UP031
            '"tags": [{"name": "council"}, {"name": "budget"}], "meta": {"paywall": {"type": "soft"}}}}' % blocks)


JUNK: dict[str, str] = {
    "policy_markup_in_text": "Council backs bridge repair\n\n" + prose(10) + (
        '\nWatch the latest video at <a href="https://video.example.com/bridge">video.example.com</a>.\n'),
    "policy_markup_in_title": "<b>Council backs bridge repair</b>\n\n" + prose(11),
    "policy_replacement_char_in_text": "Caf\u00e9 owners protest\n\n" + prose(12)
                                       + "\n\nThe caf\ufffd owners will meet the mayor next week.",
    "policy_replacement_char_in_title": "Caf\ufffd owners protest\n\n" + prose(13),
    "policy_mojibake_in_text": "Climate campaigners warn\n\n" + prose(14)
                               + "\n\nThey spoke of the real\u00e2\u20acworld concerns of workers.",
    "policy_mojibake_in_title": "Campaigners and the real\u00e2\u20acworld concerns\n\n" + prose(15),
    "policy_lorem_ipsum": "Welcome to our new site\n\n" + LOREM + "\n\n" + LOREM.replace("Lorem ipsum", "Sed ut"),
    "policy_curly_brackets": "Council budget\n\n" + _json_state(),
    "policy_repeated_paragraphs": "Council meets\n\n" + "\n\n".join(REPEATED * 4),
    "policy_repeated_lines": "Council meets\n\n" + "\n".join(REPEATED * 4),
    "policy_top_2gram": "Cheap pills\n\n" + " ".join(f"Buy cheap pills online in {city}." for city in CITIES),
    "policy_repeated_5grams": "Ferry strike\n\n" + " ".join(prose(16).split()) + " " + " ".join(prose(16).split()),
    "policy_not_prose": "Quarterly results\n\n" + "\n\n".join(
        f"Q{q} {year}: revenue {q * 3.1 + year % 7:.1f} {q * 2.7:.1f} {year % 13 * 1.9:.1f} {q * 11.3:.1f} "
        f"{year % 5 + 0.25:.2f} {q * 0.4 + 3:.2f} m, margin {q * 1.7:.1f}% {year % 9 + 2.5:.1f}%."
        for year in (2021, 2022, 2023) for q in (1, 2, 3, 4)),
    "policy_short_words": "So we go\n\n" + _short_word_chatter(),
    "policy_long_words": "Deals\n\n" + " ".join(
        f"Supercalifragilistic{city}Antidisestablishmentarianism{n}" for n, city in enumerate(CITIES * 3)),
    "policy_symbols": "Summer\n\n" + " ".join(f"#{tag}" for tag in (
        "love instagood photooftheday fashion beautiful happy cute tbt like4like followme picoftheday follow me "
        "selfie summer art instadaily friends repost nature girl fun style smile food instalike family travel "
        "likeforlike fitness igers tagsforlikes follow4follow nofilter life beauty amazing instamood instagram "
        "photography vscocam sun photo music beach followforfollow bestoftheday sky ootd sunset dog makeup").split()),
    "policy_bullet_lines": "Ferry changes\n\n" + "\n".join(
        f"- The {city} ferry leaves {n % 4 + 1} hours later from Monday while the pier at berth {n} is repaired."
        for n, city in enumerate(CITIES[:12])),
    "policy_ellipsis_lines": "More stories\n\n" + "\n\n".join(
        f"{city}: the ferry strike that nobody saw coming and what it means for the {n} families who..."
        for n, city in enumerate(CITIES)),
    "policy_few_stopwords": "Shoes\n\n" + " ".join(
        f"{a.capitalize()} {b} online." for a in ("cheap", "discount", "best", "buy", "running", "leather", "kids")
        for b in ("shoes", "boots", "sneakers", "sandals", "trainers", "heels")),
    "policy_uppercase": "COUNCIL BUDGET\n\n" + SHOUTING,
    "policy_few_sentences": "Hotels\n\n" + ", ".join(
        f"hotels in {city} with a view of the old town and free parking for the whole family" for city in CITIES[:6]),
}


# Trips `policy_language_undetermined` once `drop_undetermined_language` is on (and top_2gram by default).
GIBBERISH = "Zqx vorp\n\n" + _gibberish()
ARTICLES: dict[str, str] = {
    **{f"en-{n}": article(n) for n in (0, 21, 42, 63, 84)},
    "de": "Stadtrat beschließt Sanierung der Ostbrücke\n\nDer Stadtrat hat am Dienstag beschlossen, die alte "
          "Brücke im Osten der Stadt im kommenden Frühjahr zu sanieren. Die Arbeiten sollen rund zwei Jahre dauern "
          "und etwa zwanzig Millionen Euro kosten.\n\nAnwohner äußerten Sorgen über Staus während der Bauzeit, doch "
          "die meisten unterstützen das Vorhaben. Im nächsten Monat ist eine öffentliche Anhörung geplant, bei der "
          "Bürgerinnen und Bürger ihre Fragen stellen können.",
    "zh": "市政府宣布修复城东老桥\n\n市政府星期二宣布，将在明年春季开始修复城东的老桥。官员表示，这项工程预计耗资两亿元，"
          "工期约为两年。\n\n附近的居民对施工期间的交通问题表示担忧，但多数人支持这项计划。市议会将在下个月举行公开听证会，"
          "听取市民的意见。交通部门还表示，施工期间将增加公交车班次，以减少对上班族的影响。\n\n"
          "据了解，这座老桥建于上世纪六十年代，每天有超过三万辆汽车通过。去年的一次检查发现，桥墩出现了明显的裂缝，"
          "部分钢筋已经生锈。专家认为，如果不及时维修，大桥可能在几年内无法继续使用。市长在新闻发布会上说，"
          "政府会尽量缩短工期，并定期向公众通报工程进展。",
    "ja": "市議会、老朽橋の修復計画を承認\n\n市議会は火曜日、老朽化した橋の修復計画を承認した。工事は来年の春に始まり、"
          "約二年かかる見通しだ。費用は約二十億円と見込まれている。\n\n近隣の住民からは工事中の渋滞を心配する声も上がったが、"
          "多くの人は計画を支持している。市は来月、住民向けの説明会を開く予定だ。\n\n"
          "この橋は一九六〇年代に建設され、毎日三万台以上の車が通行している。昨年の点検では、橋脚に大きなひびが見つかり、"
          "鉄筋の一部がさびていることも分かった。専門家は、早く修理しなければ数年のうちに通行できなくなるおそれがあると"
          "指摘している。市長は記者会見で、工事の期間をできるだけ短くし、進み具合を定期的に知らせると述べた。",
    # Thai ends a sentence with a space, not a mark: no sentence end is counted.
    "th": "สภาเมืองอนุมัติแผนซ่อมสะพานเก่า\n\nสภาเมืองอนุมัติแผนซ่อมสะพานเก่าทางฝั่งตะวันออกของเมืองเมื่อวันอังคาร "
          "เจ้าหน้าที่กล่าวว่าโครงการนี้จะเริ่มในฤดูใบไม้ผลิปีหน้าและใช้เวลาประมาณสองปี ค่าใช้จ่ายคาดว่าจะอยู่ที่ราวสองร้อยล้านบาท"
          "\n\nชาวบ้านบางส่วนกังวลเรื่องการจราจรระหว่างการก่อสร้าง แต่คนส่วนใหญ่สนับสนุนแผนนี้ "
          "สภาจะจัดการรับฟังความคิดเห็นของประชาชนในเดือนหน้า\n\n"
          "สะพานแห่งนี้สร้างขึ้นเมื่อกว่าห้าสิบปีก่อนและมีรถยนต์วิ่งผ่านมากกว่าสามหมื่นคันต่อวัน "
          "การตรวจสอบเมื่อปีที่แล้วพบรอยร้าวขนาดใหญ่ที่ตอม่อและเหล็กเสริมบางส่วนเริ่มเป็นสนิม "
          "ผู้เชี่ยวชาญเตือนว่าหากไม่รีบซ่อมแซมสะพานอาจใช้งานไม่ได้ภายในไม่กี่ปี "
          "นายกเทศมนตรีกล่าวว่าจะพยายามทำให้การก่อสร้างเสร็จเร็วที่สุดและจะแจ้งความคืบหน้าให้ประชาชนทราบเป็นระยะ",
}


@cache
def _context() -> PipelineContext:
    return PipelineContext.create(Config())


def annotated(document: str, uri: str = "junk.txt") -> dict[str, Any]:
    """The row a build with the default config makes of `document` as a plain-text file, before
    the policy decides (the policy's settings change no row, only the verdict)."""
    [doc] = read_text(document.encode(), uri)
    return annotate_raw(doc, _context())
