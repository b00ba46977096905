"""The rule-based claims extractor on a real article and on hand-written sentences."""

from __future__ import annotations

from pathlib import Path

import pytest

from curate.claims.claim import Claim
from curate.claims.extract import EXTRACTOR_VERSION, extract_claims, split_sentences

SEED = Path(__file__).resolve().parents[2] / "data/raw/txt/haaretz/000_31abf893fe94734c.txt"


def _check_offsets(text: str, claims: list[Claim]) -> None:
    """Every span of every claim points at its own text; claims come in content order."""
    for c in claims:
        assert c.content == " ".join(text[s:e] for s, e in c.content_parts)
        assert (c.content_start, c.content_end) == (c.content_parts[0][0], c.content_parts[-1][1])
        assert all(s < e for s, e in c.content_parts)
        assert text[c.cue_start : c.cue_end] == c.cue
        if c.source is None:
            assert c.source_start is None and c.source_end is None
        else:
            assert c.source_start is not None and c.source_end is not None
            assert text[c.source_start : c.source_end] == c.source
        assert c.kind in {"direct_quote", "reported_speech", "according_to", "belief"}
        assert c.status in {"asserted", "hedged", "unconfirmed", "denied"}
    starts = [c.content_start for c in claims]
    assert starts == sorted(starts)


def _find(claims: list[Claim], source: str | None, cue: str) -> Claim:
    matches = [c for c in claims if c.source == source and c.cue == cue]
    assert matches, f"no claim with source={source!r} cue={cue!r}: {[(c.source, c.cue) for c in claims]}"
    return matches[0]


@pytest.fixture(scope="module")
def seed() -> tuple[str, list[Claim]]:
    text = SEED.read_text(encoding="utf-8")
    claims = extract_claims(text)
    _check_offsets(text, claims)
    return text, claims


def test_version() -> None:
    assert EXTRACTOR_VERSION == 5


def test_seed_al_akhbar_report_is_unconfirmed(seed: tuple[str, list[Claim]]) -> None:
    _, claims = seed
    c = _find(claims, "Lebanese newspaper al-Akhbar", "reported")
    assert c.content.startswith("The United States offered the Assad regime")
    assert c.content.endswith("from the country's south")
    assert (c.kind, c.status) == ("reported_speech", "unconfirmed")
    # The non-confirmation only qualifies the report: it is not a claim of its own.
    assert not [x for x in claims if "confirmed" in x.cue]


def test_seed_syrians(seed: tuple[str, list[Claim]]) -> None:
    _, claims = seed
    c = _find(claims, "the Syrians", "said")
    assert c.content == "that the U.S. forces are occupiers and must get out"
    assert (c.kind, c.status) == ("reported_speech", "asserted")


def test_seed_lebanese_daily_and_according_to_the_report(seed: tuple[str, list[Claim]]) -> None:
    _, claims = seed
    daily = _find(claims, "The Lebanese daily, considered close to Hezbollah", "reported")
    assert daily.content.startswith("that U.S. intelligence agency representatives met")
    meeting = _find(claims, "the report", "According to")
    assert meeting.content.startswith("the meeting lasted four hours")
    assert meeting.kind == "according_to"
    demanded = [c for c in claims if c.cue == "according to" and c.source == "the report"]
    assert demanded and len(demanded[0].content_parts) == 2
    assert demanded[0].content.endswith("would get information about terrorists")


def test_seed_tasnim_and_hatami(seed: tuple[str, list[Claim]]) -> None:
    _, claims = seed
    tasnim = _find(claims, "The Tasnim news agency", "reported")
    assert tasnim.content.startswith("that Iran and Syria signed a deal")
    hatami = _find(claims, "Iranian Defense Minister Amir Hatami", "said")
    assert hatami.content == "that the agreement also stipulates helping rebuild Syria's military industry"


def test_seed_white_house_official_and_nested_putin(seed: tuple[str, list[Claim]]) -> None:
    _, claims = seed
    official = _find(claims, "A senior White House official", "told")
    assert official.content.startswith("that when Bolton was in Moscow")
    assert official.content.endswith("get Iranian forces out of the country")
    putin = _find(claims, "Putin", "told")
    assert putin.content.startswith(
        "that he doesn't want to see Iranian forces remain in Syria but he's not sure"
    )
    assert official.content_start < putin.content_start < putin.content_end == official.content_end


def test_seed_iranian_officials_and_according_to_the_official(seed: tuple[str, list[Claim]]) -> None:
    _, claims = seed
    iran = _find(claims, "Iranian officials", "have said")
    assert iran.content == "that Tehran will not agree under any circumstance to remove its forces from Syria"
    official = _find(claims, "the official", "according to")
    assert official.content == "Putin shares that position but doubts whether it can be implemented"
    assert (official.kind, official.status) == ("according_to", "asserted")


# (text, source, cue, content, kind, status); content "" means "not checked".
# fmt: off
CASES: list[tuple[str, str | None, str, str, str, str]] = [
    # direct quotes: straight, curly, doubled apostrophes, inverted, pre-posed, colon cues
    ('"The bridge will open in May," the mayor said.',
     'the mayor', 'said', 'The bridge will open in May', 'direct_quote', 'asserted'),
    ('“We are ready for the vote,” said Anna Berg, the party leader.',
     'Anna Berg, the party leader', 'said', 'We are ready for the vote', 'direct_quote', 'asserted'),
    ("''The deal is done,'' Mr. Ortiz said on Monday.",
     'Mr. Ortiz', 'said', 'The deal is done', 'direct_quote', 'asserted'),
    ('“Is this fair?” the farmer asked.',
     'the farmer', 'asked', 'Is this fair?', 'direct_quote', 'asserted'),
    ('The coach said: “We played badly and we know it.”',
     'The coach', 'said', 'We played badly and we know it.', 'direct_quote', 'asserted'),
    ('Gov. Lee Park told reporters, “The budget is balanced.”',
     'Gov. Lee Park', 'told', 'The budget is balanced.', 'direct_quote', 'asserted'),
    ('Minister Dunn: “Nobody will lose their job.”',
     'Minister Dunn', ':', 'Nobody will lose their job.', 'direct_quote', 'asserted'),
    ('“Prices will rise,” the economist warned.',
     'the economist', 'warned', 'Prices will rise', 'direct_quote', 'asserted'),
    ('“The river is rising fast,” Officer Kim added.',
     'Officer Kim', 'added', 'The river is rising fast', 'direct_quote', 'asserted'),
    ('“That is simply wrong,” she mused.',
     'she', 'mused', 'That is simply wrong', 'direct_quote', 'asserted'),
    ('“We might win,” he said.', 'he', 'said', 'We might win', 'direct_quote', 'hedged'),
    # reported speech, pre-posed
    ('The company said that profits fell by a third.',
     'The company', 'said', 'that profits fell by a third', 'reported_speech', 'asserted'),
    ('Sen. Maria Lopez said the bill might pass next week.',
     'Sen. Maria Lopez', 'said', 'the bill might pass next week', 'reported_speech', 'hedged'),
    ('She told the court that she had never seen the letter.',
     'She', 'told', 'that she had never seen the letter', 'reported_speech', 'asserted'),
    ('The agency told Reuters on Friday that the plant was safe.',
     'The agency', 'told', 'that the plant was safe', 'reported_speech', 'asserted'),
    ('Officials say the storm killed four people.',
     'Officials', 'say', 'the storm killed four people', 'reported_speech', 'asserted'),
    ('They argued in a statement that the law was unconstitutional.',
     'They', 'argued', 'that the law was unconstitutional', 'reported_speech', 'asserted'),
    ('The union has also claimed that workers were not paid.',
     'The union', 'has also claimed', 'that workers were not paid', 'reported_speech', 'asserted'),
    ('It announced that the factory would close.',
     'It', 'announced', 'that the factory would close', 'reported_speech', 'asserted'),
    ('Dr. Ruth Stein (D-Ore.) noted that turnout was low.',
     'Dr. Ruth Stein (D-Ore.)', 'noted', 'that turnout was low', 'reported_speech', 'asserted'),
    ('The mayor, a former teacher, said the schools would reopen.',
     'The mayor, a former teacher', 'said', 'the schools would reopen', 'reported_speech', 'asserted'),
    ('Mr. Hale, who ran the firm for a decade, said he had no regrets.',
     'Mr. Hale, who ran the firm for a decade', 'said', 'he had no regrets', 'reported_speech', 'asserted'),
    ('Officials said the road was closed, adding that no one was hurt.',
     'Officials', 'adding', 'that no one was hurt', 'reported_speech', 'asserted'),
    ('The minister visited the site on Monday and said that repairs had begun.',
     'The minister', 'said', 'that repairs had begun', 'reported_speech', 'asserted'),
    # post-posed and medial
    ('The talks have collapsed, the broadcaster reported Tuesday.',
     'the broadcaster', 'reported', 'The talks have collapsed', 'reported_speech', 'asserted'),
    ('The factory will reopen in June, he said.',
     'he', 'said', 'The factory will reopen in June', 'reported_speech', 'asserted'),
    ('The vote was rigged, said Tom Green, a local organizer.',
     'Tom Green, a local organizer', 'said', 'The vote was rigged', 'reported_speech', 'asserted'),
    ('The plan, she said, is too expensive.',
     'she', 'said', 'The plan is too expensive', 'reported_speech', 'asserted'),
    # according to
    ('According to the police, the driver was drunk.',
     'the police', 'According to', 'the driver was drunk', 'according_to', 'asserted'),
    ('Sales rose 4 percent last year, according to the trade group.',
     'the trade group', 'according to', 'Sales rose 4 percent last year', 'according_to', 'asserted'),
    ('According to the report, which the firm prepared, the pilings lost steel.',
     'the report', 'According to', 'the pilings lost steel', 'according_to', 'asserted'),
    ("The tax, which rose to 30 dollars a ton, reduced emissions by 5 percent, according to a study.", "a study",
     "according to", "The tax reduced emissions by 5 percent", "according_to", "asserted"),
    ('He kept citing the old figure (the real one is closer to 15 percent, according to Factcheck.org).',
     'Factcheck.org', 'according to', 'the real one is closer to 15 percent', 'according_to', 'asserted'),
    ('The ship, according to the navy, sank in minutes.',
     'the navy', 'according to', 'The ship sank in minutes', 'according_to', 'asserted'),
    # beliefs and findings
    ('Most economists believe that inflation has peaked.',
     'Most economists', 'believe', 'that inflation has peaked', 'belief', 'asserted'),
    ('The study found that the drug cut deaths by half.',
     'The study', 'found', 'that the drug cut deaths by half', 'belief', 'asserted'),
    ('Analysts expect the bank to raise rates.',
     'Analysts', 'expect', 'the bank to raise rates', 'belief', 'asserted'),
    ('He thinks the market is overheated.',
     'He', 'thinks', 'the market is overheated', 'belief', 'asserted'),
    ('The agency estimated that 3,000 homes were damaged.',
     'The agency', 'estimated', 'that 3,000 homes were damaged', 'belief', 'asserted'),
    # status
    ('The general reportedly said that troops would withdraw.',
     'The general', 'reportedly said', 'that troops would withdraw', 'reported_speech', 'hedged'),
    ('The firm allegedly told investors that the fund was safe.',
     'The firm', 'allegedly told', 'that the fund was safe', 'reported_speech', 'hedged'),
    ('Witnesses said the suspect fled, a claim that could not be independently verified.',
     'Witnesses', 'said', '', 'reported_speech', 'unconfirmed'),
    ('The spokesman denied that the minister had resigned.',
     'The spokesman', 'denied', 'that the minister had resigned', 'reported_speech', 'denied'),
    ('A state newspaper reported that the president was ill. The government dismissed the report.',
     'A state newspaper', 'reported', 'that the president was ill', 'reported_speech', 'denied'),
    ('Local media said the dam had burst. Officials have not confirmed the reports.',
     'Local media', 'said', 'the dam had burst', 'reported_speech', 'unconfirmed'),
    ('The club declined to confirm that the coach had been fired.', None, '', '', '', ''),
]
# fmt: on


# fmt: off
MORE_CASES: list[tuple[str, str | None, str, str, str, str]] = [
    # the appositive after "according to X," describes X when a whole clause came before
    ('Prices fell sharply in the last quarter, according to Jane Roe, an analyst at Bank X.',
     'Jane Roe, an analyst at Bank X', 'according to', 'Prices fell sharply in the last quarter',
     'according_to', 'asserted'),
    # a stance verb takes its object as content
    ('The senator accused the agency of hiding the data.',
     'The senator', 'accused', 'the agency of hiding the data', 'reported_speech', 'asserted'),
    # a relative clause: the pronoun joins the content
    ('The tax, which the party says hurts small firms, was raised.',
     'the party', 'says', 'which hurts small firms', 'reported_speech', 'asserted'),
    # a coordinated second attribution ends the first content
    ('He announced that he would retire and vowed to help his successor.',
     'He', 'announced', 'that he would retire', 'reported_speech', 'asserted'),
    # a question with no written source
    ('Asked whether she would run again, the mayor said she had not decided.',
     None, 'Asked', 'whether she would run again', 'reported_speech', 'asserted'),
    # a headline "Source: content"
    ('Mayor Vance: City will not raise taxes',
     'Mayor Vance', ':', 'City will not raise taxes', 'reported_speech', 'asserted'),
    # a participle claim takes the sentence's subject
    ('The chief executive resigned on Friday, saying the board had lost faith in him.',
     'The chief executive', 'saying', 'the board had lost faith in him', 'reported_speech', 'asserted'),
]
# fmt: on


# Constructions added with extractor version 2.
# fmt: off
V2_CASES: list[tuple[str, str | None, str, str, str, str]] = [
    # stances: the object (to its first comma) or the infinitive is the content
    ('The governor praised the new budget, which passed on Friday.',
     'The governor', 'praised', 'the new budget', 'reported_speech', 'asserted'),
    ('The senator called the ruling a disgrace.',
     'The senator', 'called', 'the ruling a disgrace', 'reported_speech', 'asserted'),
    ('The union reportedly sought to delay the vote.',
     'The union', 'reportedly sought', 'to delay the vote', 'belief', 'hedged'),
    ('Voters want a change in leadership.',
     'Voters', 'want', 'a change in leadership', 'belief', 'asserted'),
    ('The coach hopes to return by March.',
     'The coach', 'hopes', 'to return by March', 'belief', 'asserted'),
    ('Ms. Ortiz called for an independent inquiry.',
     'Ms. Ortiz', 'called for', 'an independent inquiry', 'reported_speech', 'asserted'),
    ('Analysts expressed concern that the loan would not be repaid.',
     'Analysts', 'expressed concern', 'that the loan would not be repaid', 'reported_speech', 'asserted'),
    ('The mayor sided with the protesters, saying their demands were fair.',
     'The mayor', 'sided with', 'the protesters', 'reported_speech', 'asserted'),
    ('Nelson voted against Tuesday\'s bill.',
     'Nelson', 'voted against', "Tuesday's bill", 'reported_speech', 'asserted'),
    ('The senator denied that she had praised the plan.',
     'The senator', 'denied', 'that she had praised the plan', 'reported_speech', 'denied'),
    # noun-like forms read as verbs: pronoun subject, a finding as subject, a name on each side
    ('They support the new tariff.', 'They', 'support', 'the new tariff', 'belief', 'asserted'),
    ('The survey shows a sharp drop in trust.',
     'The survey', 'shows', 'a sharp drop in trust', 'belief', 'asserted'),
    ('Their study shows that sleep improves memory.',
     'Their study', 'shows', 'that sleep improves memory', 'belief', 'asserted'),
    ('Lopez calls Grant a liar.', 'Lopez', 'calls', 'Grant a liar', 'reported_speech', 'asserted'),
    # passives: no written source, or the agent after "by"
    ('The minister is expected to resign next week.',
     None, 'is expected', 'The minister to resign next week', 'belief', 'asserted'),
    ('Mr. Reyes was criticized for skipping the hearing.',
     None, 'was criticized', 'Mr. Reyes for skipping the hearing', 'reported_speech', 'asserted'),
    ('The merger was first reported by the Financial Times.',
     'the Financial Times', 'was first reported', 'The merger', 'reported_speech', 'asserted'),
    ('The dam is said to be leaking.', None, 'is said', 'The dam to be leaking', 'reported_speech', 'hedged'),
    # clauses that end at their comma
    ('While critics argue that the tax hurts farmers, the government says it helps.',
     'critics', 'argue', 'that the tax hurts farmers', 'reported_speech', 'asserted'),
    ('The council, which opposed the plan, voted on Tuesday.',
     'which', 'opposed', 'the plan', 'belief', 'asserted'),
    ('She said that while sales fell, profits rose.',
     'She', 'said', 'that while sales fell, profits rose', 'reported_speech', 'asserted'),
    # a participle after "by" or after a dateline takes the sentence subject
    ('The mayor ended the meeting by saying the budget was balanced.',
     'The mayor', 'saying', 'the budget was balanced', 'reported_speech', 'asserted'),
    ('PARIS (AP) — The mayor closed the bridge on Monday, saying it was unsafe.',
     'The mayor', 'saying', 'it was unsafe', 'reported_speech', 'asserted'),
    ('Ana Diaz, a nurse at the clinic, wrote to the board, warning that beds were short.',
     'Ana Diaz, a nurse at the clinic', 'warning', 'that beds were short', 'reported_speech', 'asserted'),
    # a question asked by a named asker
    ('When asked by a reporter whether he would resign, the minister laughed.',
     'a reporter', 'asked', 'whether he would resign', 'reported_speech', 'asserted'),
    # appositive chains as sources
    ('Maria Gomez, the director of the clinic, which opened in May, said the wait had doubled.',
     'Maria Gomez, the director of the clinic, which opened in May', 'said', 'the wait had doubled',
     'reported_speech', 'asserted'),
    ('Tom Lee, who grew up in Austin, Texas, in the 1980s, said the city had changed.',
     'Tom Lee, who grew up in Austin, Texas', 'said', 'the city had changed', 'reported_speech', 'asserted'),
    ('The daily, considered close to the army, reported that the general had resigned.',
     'The daily, considered close to the army', 'reported', 'that the general had resigned',
     'reported_speech', 'asserted'),
    ('He told NBC’s “Today” that he was sorry.',
     'He', 'told', 'that he was sorry', 'reported_speech', 'asserted'),
    # quotes: long and odd sources, a lead-in, a signed paragraph, a passive head
    ('“The river is clean again,” Lena Park, a biologist at the state university, said.',
     'Lena Park, a biologist at the state university', 'said', 'The river is clean again',
     'direct_quote', 'asserted'),
    ('“We are ready,” said Ana Ruiz, speaking to reporters.',
     'Ana Ruiz', 'said', 'We are ready', 'direct_quote', 'asserted'),
    ('“It works,” said Ben Cho, the engineer at the time the plant was built.',
     'Ben Cho', 'said', 'It works', 'direct_quote', 'asserted'),
    ('“Prices will fall,” said Will Barton.',
     'Will Barton', 'said', 'Prices will fall', 'direct_quote', 'asserted'),
    ('“Enough is enough,” said Del. Ana Cruz of Guam.',
     'Del. Ana Cruz of Guam', 'said', 'Enough is enough', 'direct_quote', 'asserted'),
    ('The proposal is “deeply flawed,” said Omar Reed.',
     'Omar Reed', 'said', 'The proposal is deeply flawed', 'direct_quote', 'asserted'),
    ('The team lost the final.\n\n“We will be back next year.”\n\n-Coach Dana Miles, after the game.',
     'Coach Dana Miles', '-', 'We will be back next year.', 'direct_quote', 'asserted'),
    ('The judge was asked, “Will you recuse yourself?” She replied, “No, I will not.”',
     None, 'was asked', 'Will you recuse yourself?', 'direct_quote', 'asserted'),
    ('The judge was asked, “Will you recuse yourself?” She replied, “No, I will not.”',
     'She', 'replied', 'No, I will not.', 'direct_quote', 'asserted'),
    ('Witnesses are expected to testify that the guards fled, a claim that could not be verified.',
     None, 'are expected', '', 'belief', 'unconfirmed'),
]
# fmt: on

# Version 5: title-case lines, the -ing forms of stance verbs, impressions nobody is named as
# having ("appeared", "seems"), a title inside a quote's attribution.
V5_CASES = [
    ("Warren Thinks The Budget Deal Will Pass", "Warren", "Thinks", "The Budget Deal Will Pass", "belief",
     "asserted"),
    ("Mayor Calls On Council To Resign.", "Mayor", "Calls On", "Council To Resign", "reported_speech",
     "asserted"),
    ("The mayor opened the session, calling the budget “a disgrace.”", "The mayor", "calling",
     "the budget “a disgrace.”", "reported_speech", "asserted"),
    ("The union chief is attacking the plan in every speech.", "The union chief", "is attacking",
     "the plan in every speech", "reported_speech", "asserted"),
    ("The governor appeared ready to sign the bill.", None, "appeared", "The governor ready to sign the bill",
     "belief", "asserted"),
    ("The governor, a former judge, appeared ready to sign the bill.", None, "appeared",
     "The governor ready to sign the bill", "belief", "asserted"),
    ("It seems unfair to tax the farmers twice.", None, "seems", "It unfair to tax the farmers twice", "belief",
     "asserted"),
    ('"Rents were falling," said Ana Ruiz, who served as housing director under two mayors.',
     "Ana Ruiz, who served as housing director under two mayors", "said", "Rents were falling",
     "direct_quote", "asserted"),
    ("Some have suggested that the vote was rigged.", "Some", "have suggested", "that the vote was rigged",
     "reported_speech", "asserted"),
    ("The mayor has insisted on building the bridge.", "The mayor", "has insisted on", "building the bridge",
     "reported_speech", "asserted"),
    ("Ortiz sharply criticized the budget.", "Ortiz", "sharply criticized", "the budget", "reported_speech",
     "asserted"),
    ("But they're also looking to save face and thinking about what comes next.", "they", "thinking about",
     "what comes next", "reported_speech", "asserted"),
    # A parenthesis between the subject and its verb is no inverted attribution.
    ("In an interview, Lea Park, a former vice president of sales, said Moreno ran every meeting.",
     "Lea Park, a former vice president of sales", "said", "Moreno ran every meeting", "reported_speech",
     "asserted"),
    ("Sen. Omar Vidal, D-Ore., speaking on the radio after the vote, said the bill was dead.",
     "Sen. Omar Vidal", "said", "the bill was dead", "reported_speech", "asserted"),
    ("The economy, by most measures, is growing, said Kim.", "Kim", "said",
     "The economy, by most measures, is growing", "reported_speech", "asserted"),
    ("Cruz added that he had spent his life “fighting for the Constitution. We will lose our rights.”", "Cruz",
     "added", "that he had spent his life “fighting for the Constitution. We will lose our rights.”",
     "reported_speech", "asserted"),
    ("Sen. Graham has attacked GOP voters, lawmakers, and thinkers for opposing the plan.", "Sen. Graham",
     "has attacked", "GOP voters, lawmakers, and thinkers for opposing the plan", "reported_speech", "asserted"),
    ("And even that question, he added, assumes a base level of competence.", "he", "added",
     "And even that question assumes a base level of competence", "reported_speech", "asserted"),
    ("The senator in 2010 said the bill was dead.", "The senator", "said", "the bill was dead", "reported_speech",
     "asserted"),
    ("The budget office said about half of the rise reflected revenue losses.", "The budget office", "said",
     "about half of the rise reflected revenue losses", "reported_speech", "asserted"),
    ('In an appearance Friday on "CBS This Morning," Sanders said he had not heard her say it.', "Sanders", "said",
     "he had not heard her say it", "reported_speech", "asserted"),
    ("In Virginia, 85% of Democrats said the system favors the wealthy.", "85% of Democrats", "said",
     "the system favors the wealthy", "reported_speech", "asserted"),
    ("As The Daily Caller reported, the actor gave $5,000 to the campaign.", "The Daily Caller", "reported",
     "the actor gave $5,000 to the campaign", "reported_speech", "asserted"),
    ("As reported by Western Journalism, Seattle raised its minimum wage.", "Western Journalism", "reported",
     "Seattle raised its minimum wage", "reported_speech", "asserted"),
    ("Trump called Clinton, his Democratic challenger, an ISIS co-founder.", "Trump", "called",
     "Clinton, his Democratic challenger, an ISIS co-founder", "reported_speech", "asserted"),
    ('Trump called the senator a "nasty guy," an "anchor baby" and "sick."', "Trump", "called",
     'the senator a "nasty guy," an "anchor baby" and "sick."', "reported_speech", "asserted"),
    ('"Rents are falling," Ana Ruiz, who served as housing director, told reporters.',
     "Ana Ruiz, who served as housing director", "told", "Rents are falling", "direct_quote", "asserted"),
    ('Windsor Mann, editor of The Quotable Hitchens: "Clinton has convinced more voters."',
     "Windsor Mann, editor of The Quotable Hitchens", ":", "Clinton has convinced more voters.", "direct_quote",
     "asserted"),
    ("John McCain -- who lost the 2008 election -- said the president offered no changes.", "John McCain", "said",
     "the president offered no changes", "reported_speech", "asserted"),
    ("Judge David McKeague, writing for the majority in the 2-1 decision, said the period “is generous.”",
     "Judge David McKeague", "said", "the period “is generous.”", "reported_speech", "asserted"),
    ("The senator — a former prosecutor — said the case was weak.", "The senator", "said", "the case was weak",
     "reported_speech", "asserted"),
    ("The nominee also outlined his plan and vowed to punish leakers.", "The nominee", "vowed",
     "to punish leakers", "reported_speech", "asserted"),
    ("She ducked, pointing to her record and saying that senators are overrated.", "She", "saying",
     "that senators are overrated", "reported_speech", "asserted"),
]


# A cue word that is not a claim in its sentence.
NOT_CLAIMS = [
    ("Party rules allow only one candidate.", "rules"),
    ("Biden will appear on behalf of the ticket next Thursday in Ohio.", "appear"),
    ("The senator appeared before the committee on Tuesday.", "appeared"),
    ("Voters prize that know-how above all.", "know"),
    ("As the vote neared, the senator stayed home.", "neared"),
    ("Ms. Arnold, who helped found EDGE, spoke first.", "found"),
    ('The race is “on pace to get 1,237 delegates,” the number needed to secure the nomination.', "needed"),
    ("The campaign found itself in a muddy battle over sexism.", "found"),
    ("The agency is supposed to hand over the score it used.", "is supposed"),
    ("North Carolina will also be considered a key battleground state.", "will also be considered"),
    ("Intro line.\nClinton: 1,769.", ":"),
    ("Intro line.\nIn short: the plan failed on every count.", ":"),
    ("Intro line.\nThe Latest: Kasich scores all 66 delegates after Ohio win.", ":"),
    ("Cruz made a call for lower taxes.", "call for"),
    ("The ministry dismissed the report.", "dismissed"),
    ("The daily, considered close to the army, reported that the general had resigned.", "considered"),
    ("Aides said the senator wants to run again.", "wants"),
    ("The study, which the agency says found that the drug works, was retracted.", "found"),
    ("The Calling Of The Bar Was Delayed", "Calling"),
    ("Floods Seen Across The Valley After Storm", "Seen"),
]

# No clause fragment is a source: the subject and verb before the cue are content.
FRAGMENT_SOURCES = [
    "He last week unveiled a plan, the paper reported.",
    "The company also unveiled plans, said a spokesman.",
]


@pytest.mark.parametrize("text", FRAGMENT_SOURCES)
def test_a_clause_is_never_a_source(text: str) -> None:
    claims = extract_claims(text)
    _check_offsets(text, claims)
    assert claims
    for c in claims:
        assert c.source is not None and " " not in c.source.removeprefix("the ").removeprefix("a ")


@pytest.mark.parametrize("text,source,cue,content,kind,status", CASES + MORE_CASES + V2_CASES + V5_CASES)
def test_sentence(text: str, source: str | None, cue: str, content: str, kind: str, status: str) -> None:
    claims = extract_claims(text)
    _check_offsets(text, claims)
    if not cue:
        assert claims == []
        return
    c = _find(claims, source, cue)
    if content:
        assert c.content == content
    assert (c.kind, c.status) == (kind, status)


@pytest.mark.parametrize("text,cue", NOT_CLAIMS)
def test_not_a_claim(text: str, cue: str) -> None:
    claims = extract_claims(text)
    _check_offsets(text, claims)
    assert cue not in [c.cue for c in claims]


def test_nested_speech_stays_and_nested_state_goes() -> None:
    text = "The envoy told reporters that the prince told him the king wants a deal."
    claims = extract_claims(text)
    _check_offsets(text, claims)
    assert [(c.source, c.cue) for c in claims] == [("The envoy", "told"), ("the prince", "told")]


def test_interrupted_quote_has_two_parts() -> None:
    text = "“The first half was poor,” the coach said, “but the second half was superb.”"
    (c,) = extract_claims(text)
    _check_offsets(text, [c])
    assert (c.source, c.cue, c.kind) == ("the coach", "said", "direct_quote")
    assert [text[s:e] for s, e in c.content_parts] == [
        "The first half was poor",
        "but the second half was superb.",
    ]


def test_quote_continued_after_attribution_sentence() -> None:
    text = "“We lost the vote,” Ms. Chen said. “We will try again next year.”"
    (c,) = extract_claims(text)
    _check_offsets(text, [c])
    assert c.source == "Ms. Chen"
    assert len(c.content_parts) == 2
    assert text[c.content_parts[1][0] : c.content_parts[1][1]] == "We will try again next year."


def test_title_inside_attribution_does_not_end_the_quote() -> None:
    text = "“We will release the records,” Patel said on CBS’s “Face the Nation” on Sunday. “There is nothing to hide.”"
    (c,) = extract_claims(text)
    _check_offsets(text, [c])
    assert [text[s:e] for s, e in c.content_parts] == ["We will release the records", "There is nothing to hide."]


@pytest.mark.parametrize(("text", "content"), [
    ("The paper reported “2,521 shooting incidents” in the city last year.",
     "2,521 shooting incidents” in the city last year."),
    ("Nadler said “maybe” the conduct of the officials involved “should be looked at.”",
     "maybe” the conduct of the officials involved “should be looked at.”"),
])
def test_a_quoted_fragment_the_sentence_goes_on_from_is_part_of_the_content(text: str, content: str) -> None:
    """The words after the closing mark belong to the claim; a past-tense verb among them
    ("involved") attributes nothing."""
    (c,) = extract_claims(text)
    _check_offsets(text, [c])
    assert c.content == content and c.cue in ("reported", "said")


def test_a_quote_in_a_quote_closing_together() -> None:
    """NYT style: of three closing apostrophes the nested quote takes one, the outer quote two."""
    text = "Biden smiled.\n\n''She'd look at me and say, 'What did he mean by that?''' Mr. Biden said, grinning."
    (c,) = [c for c in extract_claims(text) if c.cue == "said"]
    _check_offsets(text, [c])
    assert c.source == "Mr. Biden" and c.content == "She'd look at me and say, 'What did he mean by that?'"


def test_an_and_inside_the_attribution_hands_nothing_over() -> None:
    """Only an "and"/"but" right after the attribution gives the floor to someone else."""
    text = ('"We got close," Clinton said in Los Angeles, recalling a bill that failed when she, Sanders and '
            'Obama were in the Senate. "Obama and I voted for it."')
    (c,) = [c for c in extract_claims(text) if c.cue == "said"]
    _check_offsets(text, [c])
    assert [text[s:e] for s, e in c.content_parts] == ["We got close", "Obama and I voted for it."]


@pytest.mark.parametrize(("text", "parts"), [
    # the attribution reaches the title: nothing but words between them
    ("“We will release the records,” Patel said during an interview on CBS’s “Face the Nation.” “Nothing to hide.”",
     ["We will release the records", "Nothing to hide."]),
    # a quote inside the attribution's relative clause is the source's view, not the speech
    ('"People are angry," said Jason Ervin, who thinks the mayor "needs to listen."', ["People are angry"]),
])
def test_a_quote_inside_the_attribution_continues_nothing(text: str, parts: list[str]) -> None:
    (c,) = [c for c in extract_claims(text) if c.cue == "said"]
    _check_offsets(text, [c])
    assert [text[s:e] for s, e in c.content_parts] == parts


def test_headline_case_changes_no_offset() -> None:
    text = "Senator Says The Vote Is Rigged, Aides Report Ünïcode Fine\n\nShe said it twice."
    claims = extract_claims(text)
    _check_offsets(text, claims)
    assert ("Senator", "Says") in [(c.source, c.cue) for c in claims]
    assert ("She", "said") in [(c.source, c.cue) for c in claims]


def test_multi_paragraph_quote() -> None:
    text = (
        "The judge read her ruling aloud.\n\n"
        "“The evidence is overwhelming,” Judge Amy Ross said. “The defendant lied under oath.\n\n"
        "“He lied to the jury and he lied to this court.”\n\n"
        "The defense said it would appeal."
    )
    claims = extract_claims(text)
    _check_offsets(text, claims)
    judge = _find(claims, "Judge Amy Ross", "said")
    assert len(judge.content_parts) == 3
    assert judge.content.endswith("he lied to this court.")
    appeal = _find(claims, "The defense", "said")
    assert appeal.content == "it would appeal"


def test_doubled_apostrophes_open_and_close() -> None:
    text = "''We will not back down,'' the senator said. ''Not now, not ever.''"
    (c,) = extract_claims(text)
    _check_offsets(text, [c])
    assert [text[s:e] for s, e in c.content_parts] == ["We will not back down", "Not now, not ever."]


def test_scare_quotes_are_not_claims() -> None:
    text = "The so-called “peace dividend” never arrived. The ship sailed at dawn."
    assert extract_claims(text) == []


def test_quote_without_attribution_is_not_a_claim() -> None:
    assert extract_claims("“Never again.” That was the slogan on every wall.") == []


def test_no_claims_in_plain_narrative() -> None:
    assert extract_claims("The train left at noon. It arrived in Lyon two hours later.") == []
    assert extract_claims("") == []


def test_sentence_splitter_keeps_abbreviations() -> None:
    text = (
        "Gov. Ann Lee met Sen. Bo Li in the U.S. capital on Dec. 3. Lindsey O. Graham was there. "
        "The U.S. The end."
    )
    sentences = [text[s:e] for s, e in split_sentences(text)]
    assert sentences == [
        "Gov. Ann Lee met Sen. Bo Li in the U.S. capital on Dec. 3.",
        "Lindsey O. Graham was there.",
        "The U.S.",
        "The end.",
    ]
