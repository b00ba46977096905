"""The boilerplate line classifier on the seed article and on hand-written examples.

Every example below is written for this test (none is copied from a benchmark). Single lines
are checked inside a small article (title, body paragraph, the line, body paragraph), so the
context rules see a realistic document around them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from curate.boilerplate.rules import RULES_VERSION, _line_verdict, classify_lines, line_verdicts, rule_verdicts
from curate.boilerplate.scripts import document_scripts, foreign_letters
from curate.schema import load_schema

SEED = Path(__file__).parents[2] / "data/raw/txt/haaretz/000_31abf893fe94734c.txt"

TITLE = "Council Approves New Budget After a Long Night of Debate"
BODY_1 = (
    "The city council approved a $2.1 billion budget early on Wednesday after a debate that lasted "
    "more than nine hours, with members split over spending on transport and housing."
)
BODY_2 = (
    "The mayor, who had threatened to veto any plan that cut bus services, said she would sign the "
    "budget, calling it a fair compromise for a city that is still recovering."
)


def _verdict_of(line: str, language: str = "en"):
    """The verdict of `line` placed between two body paragraphs of an article."""
    document = [TITLE, "", BODY_1, "", line, "", BODY_2]
    verdicts = classify_lines(document, language)
    assert [v for i, v in enumerate(verdicts) if i != 4] == [None] * 6
    return verdicts[4]


def test_seed_article_flags_every_leftover_and_no_body_line() -> None:
    lines = SEED.read_text(encoding="utf-8").split("\n")
    verdicts = classify_lines(lines, "en")
    flagged = {i: v.kind for i, v in enumerate(verdicts) if v is not None}
    assert flagged == {
        4: "share_widget",  # Send in e-mailSend in e-mail
        5: "caption",  # the photo caption ...
        6: "credit",  # ... printed again with "Credit: Hussein Malla,AP" glued on
        8: "teaser",  # UPDATE: Iran, Russia prepare ...
        20: "teaser",  # >> Analysis: ...
        32: "follow_prompt",
        36: "comments",
        37: "paywall",
        39: "login",
        42: "other_language",
        44: "headline_list",
        46: "other_language",
        48: "headline_list",
        50: "headline_list",  # an image caption inside the list
        52: "headline_list",
        54: "headline_list",
        56: "headline_list",
        58: "other_language",
        60: "headline_list",
        63: "headline_list",
    }
    kept = {i for i, line in enumerate(lines) if line and verdicts[i] is None}
    assert kept == {0, 2, *range(10, 19, 2), *range(22, 31, 2)}  # title, standfirst, every body paragraph


def test_one_verdict_per_line_within_the_schema() -> None:
    lines = SEED.read_text(encoding="utf-8").split("\n")
    verdicts = classify_lines(lines)
    kinds = set(load_schema("article").enum_values("boilerplate_kind"))
    assert RULES_VERSION == 5
    assert len(verdicts) == len(lines)
    assert all(verdicts[i] is None for i, line in enumerate(lines) if not line)
    for verdict in filter(None, verdicts):
        assert verdict.kind in kinds and verdict.kind != "template_line"
        assert 0.0 <= verdict.score <= 1.0
        assert verdict.rule.split(":")[0] in ("lexicon_v1", "shape_v1", "context_v1", "model_v1")


@pytest.mark.parametrize(
    ("kind", "line"),
    [
        ("share_widget", "Share this article"),
        ("share_widget", "TweetTweet"),
        ("share_widget", "Facebook Twitter WhatsApp Email"),
        ("share_widget", "Compartir en Facebook"),
        ("follow_prompt", "Follow us on Instagram"),
        ("follow_prompt", "Get breaking news alerts"),
        ("follow_prompt", "Folgen Sie uns auf Twitter"),
        ("paywall", "Subscribe now"),
        ("paywall", "$2.99/month"),
        ("paywall", "This article is for subscribers only"),
        ("login", "Sign in"),
        ("login", "Already a subscriber? Sign in"),
        ("login", "Forgot your password?"),
        ("login", "Iniciar sesión"),
        ("newsletter", "Sign up for our free morning newsletter"),
        ("newsletter", "Enter your email address"),
        ("newsletter", "Thanks for signing up!"),
        ("teaser", "Read more: Central bank raises rates for a third time"),
        ("teaser", ">> Opinion: Why this vote matters for every renter"),
        ("teaser", "UPDATE: Court delays ruling on the harbour plan"),
        ("teaser", "Related Articles"),
        ("teaser", "Lesen Sie auch: Der Streit um die Rente geht weiter"),
        ("caption", "Image 2 of 9"),
        ("caption", "Image caption Firefighters outside the station on Monday"),
        ("credit", "Photo: Reuters"),
        ("credit", "Credit: Jane Roe/AFP via Getty Images"),
        ("credit", "REUTERS/John Smith"),
        ("credit", "Protesters gather outside parliament on Monday. (AP Photo/Jane Roe)"),
        ("byline", "By Jane Doe and John Smith"),
        ("byline", "Published 10:32 AM ET, March 3, 2021"),
        ("byline", "Updated 3 hours ago"),
        ("byline", "March 3, 2021 | By Jane Doe"),
        ("byline", "Reporting by Jane Doe; Editing by John Smith"),
        ("byline", "Write to Mara Quill at mara.quill@harborgazette.example"),
        ("byline", "Contact the reporter: t.ong@valleycourier.example"),
        ("legal_footer", "This copy is for your personal, non-commercial use only. Order reprints for your team here."),
        ("legal_footer", "copyright Harbor Gazette Media 2024 - ISSN: 1234-5678"),
        ("share_widget", "This story has been sent to"),
        ("navigation", "Home > World > Europe"),
        ("navigation", "Skip to main content"),
        ("navigation", "Back to top"),
        ("navigation", "News | Sport | Weather | Business"),
        ("comments", "12 comments"),
        ("comments", "Leave a comment"),
        ("comments", "Comments are closed."),
        ("advertising", "Advertisement"),
        ("advertising", "Story continues below advertisement"),
        ("advertising", "Sponsored by Acme Bank"),
        ("cookie_consent", "We use cookies to improve your experience. By continuing to browse, you agree to our use of cookies."),
        ("cookie_consent", "Accept all cookies"),
        ("cookie_consent", "Utilizamos cookies propias y de terceros para mejorar nuestros servicios."),
        ("legal_footer", "© 2021 Example Media Group. All rights reserved."),
        ("legal_footer", "Terms of Use"),
        ("legal_footer", "Alle Rechte vorbehalten."),
        ("other_language", "ראש העירייה הגיע לישיבה"),
        ("other_language", "Мэр прибыл на заседание совета"),
        ("other_language", "وصل رئيس البلدية إلى الاجتماع"),
        ("duplicate_line", "Council vote in picturesCouncil vote in pictures"),
        # Leftovers found inside extracted article text (rules v3).
        ("byline", "Mara Quill contributed reporting from Lisbon."),
        ("byline", "Gazette staff writers Ana Ruiz and Bo Li contributed to this report."),
        ("byline", "Got a tip? Reach the newsroom at tips@gazette.example."),
        ("byline", "Tempo de leitura: 4 minutos"),
        ("credit", "SOURCE: Harbor Gazette research"),
        ("credit", "A ferry leaves the old port at duskCredit: Jane Roe/Harbor Gazette"),
        ("teaser", "[Related: Council delays vote on the harbor plan]"),
        ("teaser", "Also on gazette.example Why the ferry fares went up again"),
        ("teaser", "Most read in local news"),
        ("teaser", "Want more stories like this?"),
        ("teaser", "Você pode gostar..."),
        ("newsletter", "Morning Brief Newsletter"),
        ("newsletter", "Sign up for Morning Brief to get the day's news delivered to your inbox."),
        ("follow_prompt", "Follow The Harbor Gazette on Instagram for photos from the waterfront."),
        ("follow_prompt", "Subscribe to the Gazette Video channel for all of our latest clips."),
        ("follow_prompt", "CLICK HERE TO DOWNLOAD THE GAZETTE APP"),
        ("follow_prompt", "Follow our full coverage of the election at https://gazette.example/vote"),
        ("share_widget", "Enjoyed this story? Share it with your neighbours!"),
        ("share_widget", "Whatsapp Facebook Pint"),
        ("paywall", "If you value our reporting, please consider becoming a member."),
        ("comments", "Comments are subject to our community guidelines, which can be read here."),
        ("navigation", "12"),
        ("navigation", "https://gazette.example/news/harbor-plan-vote"),
        ("teaser", "WHY THE HARBOUR PLAN IS DIVIDING THE CITY"),
    ],
)
def test_kind_examples(kind: str, line: str) -> None:
    verdict = _verdict_of(line)
    assert verdict is not None and verdict.kind == kind, verdict


RISKY_BODY = [
    "The paper said it had lost 40,000 subscribers since raising its price to $15 a month.",
    '"We share the same goals, and we will get there," the minister told reporters on Tuesday.',
    "Shares in the company fell 4% in early trading.",
    "He declined to comment.",
    "Copyright law changed in 2019 when the court ruled on the case, lawyers said.",
    "Residents can write to the council at feedback@bayshire.example before the vote on Friday, the clerk said.",
    "The results were announced on March 3, 2021.",
    "By Tuesday, more than 3,000 people had signed the petition.",
    "Share prices fell sharply after the announcement.",
    "More than 6,000 children voted in the poll.",
    "Search teams found the wreckage on Sunday.",
    "Next year, the agency plans to double its budget.",
    "Promoted by his manager in 2019, he left the firm a year later.",
    "The website uses cookies to track visitors, the regulator found.",
    "Photos of the scene showed the roof had collapsed.",
    "Courtesy of the city, residents will get free parking.",
    "Update: The company said it would review the decision.",
    '"Click here," he said, pointing at the screen.',
    "Subscribers who signed up before May will keep the old price, the company said.",
    "Follow-up tests confirmed the diagnosis.",
    "Sign language interpreters were at every briefing.",
    "Home prices rose 5% last year.",
    "9:05 p.m.",  # a live blog's own time heading
    "Tuesday, 1 March",  # a schedule heading
    "Follow the money, the auditor said on Twitter.",
    "On March 3, 2021, the minister said:",
    "Source: officials said the plan would cost more than expected.",
    "Researchers at the university contributed to this report's findings, the agency said.",
    "Sign up for the course opened on Monday, and 300 pupils had joined by noon.",
    "If you live near the harbour, expect delays on Friday.",
    "2024",
]


@pytest.mark.parametrize("line", RISKY_BODY)
def test_risky_body_sentence_is_kept(line: str) -> None:
    assert _verdict_of(line) is None


def test_spanish_and_russian_documents_keep_their_own_lines() -> None:
    spanish = [
        "El Gobierno aprueba un nuevo plan contra la inflación",
        "",
        "El Consejo de Ministros aprobó el martes un paquete de medidas para frenar la subida de los "
        "precios, que alcanzó el 8% en junio, según los últimos datos oficiales.",
        "",
        "Por ahora, no hay fecha para su entrada en vigor.",
        "",
        "La oposición criticó que el plan llegue tarde y pidió rebajar el IVA de los alimentos básicos.",
    ]
    assert classify_lines(spanish, "es") == [None] * len(spanish)
    russian = [
        "Совет города утвердил новый бюджет",
        "",
        "Депутаты городского совета в среду утвердили бюджет на следующий год после долгих споров о "
        "расходах на транспорт и жильё.",
        "",
        "Мэр заявила, что подпишет документ.",
    ]
    assert classify_lines(russian, "ru") == [None] * len(russian)


def test_blank_document_and_short_paragraph_only() -> None:
    assert classify_lines([]) == []
    assert classify_lines(["", ""]) == [None, None]
    assert classify_lines(["The talks will resume on Monday."]) == [None]


def test_caption_printed_twice() -> None:
    caption = "Firefighters work at the scene of the blaze in the old town on Monday."
    document = [TITLE, "", caption, caption, "", BODY_1, "", BODY_2]
    kinds = [v.kind if v else None for v in classify_lines(document)]
    assert kinds == [None, None, "caption", "caption", None, None, None, None]


def test_trailing_headline_list_with_captions() -> None:
    document = [
        TITLE, "", BODY_1, "", BODY_2, "",
        "Most Read",
        "Why the Harbour Plan Is Dividing the City",
        "A ferry leaves the old port at dusk.",
        "Rents Are Rising Faster Than Wages, Report Finds",
        "How a Small Bakery Became a Local Landmark",
        "Volunteers clean the riverbank on Saturday.",
        "The Mayor Who Wants to Ban Cars From the Centre",
    ]
    kinds = [v.kind if v else None for v in classify_lines(document)]
    assert kinds[:6] == [None] * 6
    assert kinds[6] == "teaser"
    assert kinds[7:] == ["headline_list"] * 6


def test_article_closing_lists_are_kept() -> None:
    fixtures = [TITLE, "", BODY_1, "", BODY_2, "", "Harbour Town v Riverside", "Old Port or Hillside v Lakeview",
                "Northfield v Westbrook", "Eastgate v Southend United"]
    assert classify_lines(fixtures) == [None] * len(fixtures)
    introduced = [TITLE, "", BODY_1, "", "The new budget includes:", "Free bus travel for all pupils under 16",
                  "A fund to repair the old harbour walls", "Two new libraries in the northern districts",
                  "More money for street cleaning in the centre"]
    assert classify_lines(introduced) == [None] * len(introduced)


def test_menu_outside_the_body_and_subheading_inside() -> None:
    # A headline between the menu and the body is the page's title, not article body (the line
    # model may drop it), so this page has none.
    document = ["Home", "World", "Business", "Tech", "Culture", "", BODY_1, "", "Economy", "", BODY_2]
    kinds = [v.kind if v else None for v in classify_lines(document)]
    assert kinds[:5] == ["navigation"] * 5
    assert kinds[5:] == [None] * 6


def test_repeated_teaser_after_the_body_is_a_duplicate() -> None:
    teaser = "The mayor explains her plan for the harbour in a new interview"
    document = [TITLE, "", teaser, "", BODY_1, "", BODY_2, "", teaser]
    kinds = [v.kind if v else None for v in classify_lines(document)]
    assert kinds == [None] * 8 + ["duplicate_line"]


def test_german_quotation_is_not_a_teaser_marker() -> None:
    german = [
        "Stadtrat beschließt neuen Haushalt",
        "",
        "»Wir haben lange gerungen, aber das Ergebnis kann sich sehen lassen«, sagte die Bürgermeisterin am Mittwoch.",
        "",
        "Der Haushalt sieht unter anderem mehr Geld für Busse und Bahnen vor, die Opposition stimmte dagegen.",
    ]
    assert classify_lines(german, "de") == [None] * len(german)


def _kinds(document: list[str], language: str = "en") -> list[str | None]:
    return [v.kind if v else None for v in classify_lines(document, language)]


def _rule_kinds(document: list[str], language: str) -> list[str | None]:
    """The rules' kinds alone (the lexicon's), without the line model's judgement of what is left."""
    return [v.kind if v else None for v in rule_verdicts(document, language)]


def test_teaser_cards_after_the_body() -> None:
    cards = [
        "SHORE LEAVE", "Why the Old Lighthouse Keeper Never Left the Island", "Gazette Features",
        "He kept the lamp burning for forty years and still climbs the stairs every evening.",
        "NIGHT SHIFT", "The Bakers Who Start Work When the City Goes to Sleep", "Food",
        "SECOND ACT", "A Retired Judge Finds a New Life on the Stage", "Arts",
    ]
    kinds = _kinds([TITLE, "", BODY_1, "", BODY_2, "", *cards])
    assert kinds[:6] == [None] * 6
    assert kinds[6:] == ["teaser"] * len(cards)  # kickers, headlines and each card's lines below


def test_capitalised_subheadings_with_their_results_are_kept() -> None:
    results = [TITLE, "", BODY_1, "", "GIRLS BASKETBALL", "Palm Grove d. Rock Hill 70-44", "BOYS SOCCER",
               "Harbour Town d. Eastgate 3-1", "GIRLS SOCCER", "Lakeview d. Westbrook 1-0", "", BODY_2]
    assert _kinds(results) == [None] * len(results)


def test_credit_label_with_its_text_on_the_next_line() -> None:
    kinds = _kinds([TITLE, "", BODY_1, "", "Photo:", "Jane Roe", "", BODY_2])
    assert kinds == [None] * 4 + ["credit", "credit", None, None]


def test_comment_thread_after_the_article() -> None:
    document = [
        TITLE, "", BODY_1, "", BODY_2, "",
        "Sam Reyes on May 2, 2024 at 9:15 am said:",
        "I ride the night bus every week and the cuts would have hurt a lot of us.",
        "Ana (Gazette) on May 3, 2024 at 10:01 pm said:",
        "Hi Sam,",
        "Thanks for writing in. We will follow the fares vote closely and report back.",
    ]
    kinds = _kinds(document)
    assert kinds[:6] == [None] * 6
    assert kinds[6:] == ["comments"] * 5


def test_author_blurb_after_the_body() -> None:
    kinds = _kinds([TITLE, "", BODY_1, "", BODY_2, "", "Mara Quill is a reporter for the Harbor Gazette."])
    assert kinds == [None] * 6 + ["byline"]


def test_russian_leftovers() -> None:
    body = [
        "Депутаты городского совета в среду утвердили бюджет на следующий год после долгих споров о "
        "расходах на транспорт и жильё.",
        "Мэр заявила, что подпишет документ, и назвала его разумным компромиссом для города.",
    ]
    leftovers = {
        "Поделиться": "share_widget",
        "Читайте также: Мэр пообещала новые автобусы": "teaser",
        "Материалы по теме": "teaser",
        "Все права защищены": "legal_footer",
        "Текст: Ирина Соколова": "byline",
        "Фото: архив редакции": "credit",
        "Комментарии": "comments",
        "Подпишитесь на нашу рассылку": "newsletter",
    }
    document = ["Совет города утвердил новый бюджет", "", body[0], "", *leftovers, "", body[1]]
    kinds = _rule_kinds(document, "ru")
    assert kinds[:4] == [None] * 4 and kinds[-2:] == [None, None]
    assert kinds[4:-2] == list(leftovers.values())


def test_japanese_and_korean_leftovers() -> None:
    japanese = ["市議会は水曜日、長い議論の末に来年度の予算案を可決した。交通と住宅への支出をめぐって意見が分かれた。",
                "関連記事", "市長は予算案に署名すると述べ、公正な妥協だと評価した。"]
    assert _rule_kinds(japanese, "ja") == [None, "teaser", None]
    korean = ["시의회는 수요일 오랜 논의 끝에 내년도 예산안을 통과시켰다. 교통과 주택 예산을 두고 의견이 갈렸다.",
              "무단 전재 및 재배포 금지", "시장은 예산안에 서명하겠다고 밝혔다."]
    assert _rule_kinds(korean, "ko") == [None, "legal_footer", None]


def test_a_remembered_line_verdict_depends_on_the_documents_script() -> None:
    """The same line judged in documents of two scripts: remembered per script, not per line."""
    line = "Подписывайтесь на наш канал в Телеграме и читайте новости первыми"
    for _ in range(2):
        assert [v and v.kind for v in line_verdicts([line], "en")] == ["other_language"]
        assert line_verdicts([line], "ru") != line_verdicts([line], "en")


@pytest.mark.parametrize("size", [1, 799, 800, 801, 12_000])
def test_remembered_and_fresh_verdicts_agree_at_every_length(size: int) -> None:
    lines = [("Share this article " * 1_000)[:size].strip() or "x", "Share", "Photo: Jane Roe/Reuters",
             "日本語のテキスト" * (size // 8 + 1)]
    scripts = foreign_letters(document_scripts("en", lines))
    fresh = [_line_verdict(line, scripts, False) for line in lines]
    assert line_verdicts(lines, "en") == fresh
    assert line_verdicts(lines, "en") == fresh  # the second time from memory
