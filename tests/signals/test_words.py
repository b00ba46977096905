"""Word counts for scripts written without spaces: Chinese and Japanese articles are not "1 word",
Latin text counts exactly as `str.split()`, and the gate counts as the policy does."""

from __future__ import annotations

import pyarrow as pa
import pytest

from curate.config import load_config
from curate.pipeline.document import PipelineContext, process
from curate.pipeline.prepare import Prepared
from curate.schema import load_schema
from curate.signals.quality import quality_signals
from curate.signals.words import CHARS_PER_WORD, count_words, word_units
from curate.validation.views import article_view

# Written for these tests (a news item about a bridge, in each language).
CHINESE = (
    "市政府周二宣布，城东新建的跨江大桥将于下月底正式通车。这座大桥全长一千二百米，设计双向六车道，并在两侧设有自行车道和人行道。\n\n"
    "交通局负责人在发布会上表示，大桥通车后，从东区到市中心的车程预计将从四十分钟缩短到十五分钟左右。为了减少高峰时段的拥堵，"
    "公交公司计划新开三条线路，途经大桥连接两岸的主要住宅区和商业区。\n\n"
    "不少居民对这一消息表示欢迎。一位在东区经营小餐馆的店主说，过去每天早上送货都要绕很远的路，大桥开通以后，生意可能会好很多。"
    "也有居民担心，新增的车流会给附近的学校和医院带来噪音和安全问题。\n\n"
    "市政府回应称，大桥周边将增设隔音屏障和限速标志，并在上下学时间安排交通协管员值勤。"
)
JAPANESE = (
    "市は火曜日、川の東側に建設していた新しい橋を来月末に開通させると発表した。橋の長さは約千二百メートルで、"
    "片側三車線の車道に加え、自転車道と歩道も設けられている。\n\n"
    "交通局の担当者は記者会見で、開通後は東地区から市の中心部までの所要時間が、これまでの四十分から十五分ほどに短くなる見通しだと"
    "説明した。朝夕の渋滞を減らすため、バス会社は橋を通る新しい路線を三つ開設する予定だ。\n\n"
    "地元の住民からは歓迎の声が上がっている。東地区で小さな食堂を営む男性は「毎朝の配達で遠回りをしなくて済むので、"
    "商売にも良い影響があるだろう」と話した。一方で、車の通行量が増えることで、近くの学校や病院の周辺が騒がしくなるのではないかと"
    "心配する声もある。\n\n"
    "市は、橋の周辺に防音壁や速度制限の標識を設置し、登下校の時間帯には交通誘導員を配置するとしている。"
)
CHINESE_SHORT = "市政府周二宣布，新建的大桥将于下月底通车。居民对此表示欢迎。"
JAPANESE_SHORT = "市は火曜日、新しい橋を来月末に開通させると発表した。住民は歓迎している。"
ENGLISH = "The council approved the budget on Tuesday — after a long debate, 12 to 3.\n\nMembers said: “fine.”"
ENGLISH_ARTICLE = (
    "The city council approved the new bridge budget on Tuesday after a debate that lasted most of the evening. "
    "Members said the crossing would cut the drive from the east side to the centre from forty minutes to fifteen.\n\n"
    "Bus operators plan three new routes over the bridge, and residents near the schools asked for speed limits "
    "and noise barriers, which the council promised to install before the opening next month.")


def outcome(text: str) -> tuple[str, dict]:
    ctx = PipelineContext.create(load_config(None, {"executor": {"workers": 1}}))
    doc = Prepared(input_uri="a.txt", input_format="txt", input_sha256="ab" * 32, document=text, title="橋")
    return process(doc, ctx)


@pytest.mark.parametrize("text", [CHINESE, JAPANESE], ids=["zh", "ja"])
def test_an_article_of_normal_length_is_kept(text: str) -> None:
    kept, row = outcome(text)
    assert kept == "kept", row.get("message")
    assert 120 <= row["quality"]["n_words"] <= 260  # jieba finds 148 words in CHINESE, MeCab (unidic-lite) 224 in JAPANESE


@pytest.mark.parametrize("text", [CHINESE_SHORT, JAPANESE_SHORT], ids=["zh", "ja"])
def test_two_sentences_are_too_short(text: str) -> None:
    dropped, row = outcome(text)
    assert (dropped, row["reason"]) == ("dropped", "policy_too_short")
    assert 10 <= count_words(text) <= 25


def test_mixed_latin_and_cjk_counts_both() -> None:
    # "Berlin", "2024" and "iPhone" are one word each; the Han runs are estimated (5 and 3 characters).
    assert count_words("我们在 Berlin 见面了") == 1 + round(6 / CHARS_PER_WORD["han"])
    assert count_words("2024年买了iPhone。") == 2 + round(3 / CHARS_PER_WORD["han"])
    assert count_words("Le 東京 est grand") == 3 + 1  # 2 Han characters: about one word


def test_latin_and_other_spaced_scripts_count_as_before() -> None:
    for text in (ENGLISH, "Привет, мир — как дела?", "서울시는 화요일 새 다리를 개통한다고 밝혔다.", "", " \n "):
        assert count_words(text) == len(text.split())
        assert word_units(text) == text.split()


def test_every_spaceless_script_counts_more_than_one_word() -> None:
    for text in ("กรุงเทพมหานครเป็นเมืองหลวงของประเทศไทยและมีประชากรมาก",  # Thai
                 "ນະຄອນຫຼວງວຽງຈັນແມ່ນນະຄອນຫຼວງຂອງປະເທດລາວ",  # Lao
                 "ភ្នំពេញគឺជារាជធានីនៃព្រះរាជាណាចក្រកម្ពុជា",  # Khmer
                 "ရန်ကုန်မြို့သည်မြန်မာနိုင်ငံ၏အကြီးဆုံးမြို့ဖြစ်သည်"):  # Myanmar
        assert 6 <= count_words(text) <= 16, text


def test_japanese_han_is_counted_with_the_japanese_ratio() -> None:
    han = "東京都知事選挙"  # 7 Han characters
    assert count_words(han) == round(7 / CHARS_PER_WORD["han"])
    assert count_words(han + "のお知らせ") == round(7 / CHARS_PER_WORD["han_japanese"] + 5 / CHARS_PER_WORD["hiragana"])


@pytest.mark.parametrize("text", [CHINESE, JAPANESE], ids=["zh", "ja"])
def test_word_signals_stay_sensible_for_cjk(text: str) -> None:
    q = quality_signals(text, "zh")
    assert 1.0 < q["mean_word_length"] < 4.0  # not the length of a paragraph
    assert q["alpha_word_ratio"] == 1.0
    assert q["duplicate_5gram_ratio"] < 0.15 and q["top_2gram_ratio"] < 0.2  # ordinary prose, no repetition
    spam = quality_signals("\n\n".join([text.split("\n\n")[0]] * 4), "zh")
    assert spam["duplicate_5gram_ratio"] > 0.7 and spam["duplicate_paragraph_ratio"] > 0.7


def test_the_gate_counts_words_as_the_policy_does() -> None:
    rows = [row for _, row in map(outcome, [CHINESE, JAPANESE, ENGLISH_ARTICLE, CHINESE + "\n\nBerlin 2024 東京"])]
    view = article_view(pa.Table.from_pylist(rows, schema=load_schema("article").arrow()))
    assert view.column("text_words").to_pylist() == [row["quality"]["n_words"] for row in rows]
