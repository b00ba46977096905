"""Curated boilerplate phrases, as data: regex sources per `boilerplate_kind`.

Why a lexicon: widget, prompt and footer texts are few and formulaic across sites, so a line
that *is* one of them (and nothing more) is boilerplate with high confidence. Every phrase
here is matched against a whole line only (see `WholeLine`); body sentences that merely
mention "subscribe" or "share" never match. English first, plus the commonest Spanish,
German, French, Portuguese and Italian equivalents; `lexicon_world.py` adds other languages. All patterns are case-insensitive
unless they say otherwise; `rules.py` decides which lines are short enough to try.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cached_property

from curate.boilerplate.lexicon_world import WORLD_PHRASES

# Free text inside a phrase ("Sponsored by ..."): a clause up to 50 characters, never a
# sentence ("Promoted by his manager, he left." is body text); dots only inside words ("X.com").
_CLAUSE = r"(?:[^.!?]|\.(?=\w)){1,50}+(?![.!?])"

_NETWORKS = (
    r"facebook|twitter|x|whatsapp|linkedin|pinterest|reddit|telegram|messenger|flipboard"
    r"|tumblr|instagram|youtube|tiktok|threads|bluesky|mastodon|google\+?|google news|vk"
    r"|weibo|wechat|pocket|sms|e-?mail|mail|rss"
)

# Phrases that make up the whole line (surrounding punctuation, bullets and arrows allowed).
WHOLE_LINE_PHRASES: dict[str, tuple[str, ...]] = {
    "newsletter": (
        r"(?:[\w'’&.-]+ ){0,4}newsletters?|(?:e-?mail|news|text) alerts(?: (?:&|and) newsletters)?|newsletters? (?:&|and) (?:text )?alerts",
        r"(?:sign up|subscribe|register)(?: now)? (?:for|to) .{0,60}newsletters?.{0,80}",
        r"(?:get|receive) (?:our|the) .{0,60}(?:newsletter|inbox).{0,60}",
        r"(?:get|receive|have) .{0,60}delivered (?:straight |directly )?to your inbox.{0,40}",
        r"enter your e-?mail(?: address)?.{0,40}|your e-?mail(?: address)?\*?|e-?mail address\*?|subscribe to (?:e-?mail|our) updates:?",
        r"thanks? (?:you )?for (?:signing up|subscribing)!?.{0,80}|you(?:'re| are| have been)? (?:now )?(?:successfully )?(?:signed up|subscribed).{0,60}",
        r"by (?:signing up|subscribing|clicking).{0,150}(?:privacy|terms).{0,100}",
        r"(?:invalid|please (?:enter|provide) a valid) e-?mail(?: address)?|see all newsletters",
        r"bolet[ií]n(?:es)?|susc[rí]ibete a (?:nuestro|la|el) (?:bolet[ií]n|newsletter).{0,60}|newsletter abonnieren"
        r"|inscrivez-vous [àa] (?:notre|la) newsletter.{0,60}|recevez (?:notre|la) newsletter.{0,60}"
        r"|assine (?:a|nossa) newsletter.{0,60}|iscriviti alla(?: nostra)? newsletter.{0,60}",
    ),
    "cookie_consent": (
        r"(?:accept|allow|reject|decline|refuse|manage|customi[sz]e)(?: all)?(?: (?:cookies|preferences|settings|options|choices))?",
        r"cookie (?:settings|policy|preferences|notice|consent)|(?:do not|don't) sell my (?:personal )?(?:info|information|data)",
        r"i (?:accept|agree)|got it|ok(?:ay)?|agree|(?:your )?privacy (?:settings|preferences|center|centre|choices)|manage consent",
        r"we value your privacy",
        r"aceptar(?: (?:todo|todas|cookies))?|rechazar|(?:alle )?akzeptieren|ablehnen|(?:tout )?accepter(?: tout)?|refuser"
        r"|accetta(?:re)?(?: tutto| tutti)?|rifiuta|aceitar(?: todos)?|rejeitar|configurar cookies|cookie-einstellungen"
        r"|param[eè]tres des cookies|impostazioni cookie",
    ),
    "comments": (
        r"\d[\d.,]*k? (?:comments?|replies|responses|kommentare|comentarios|commentaires|coment[aá]rios|commenti)",
        r"comments?(?: \(\d+\))?",
        r"(?:leave|post|add|write|submit|view|show|hide|see|read|load|open) (?:a |all |the |\d+ |more )?(?:comments?|repl(?:y|ies)|responses?)(?: \(\d+\))?",
        r"join the (?:conversation|discussion|debate)|comments? (?:are|have been) (?:closed|disabled|turned off)|commenting (?:is|has been) (?:closed|disabled)",
        r"be the first to comment.{0,30}|(?:automatic )?approval of subscriber comments\.?|(?:read )?(?:our )?comment(?:ing)? (?:policy|guidelines)",
        r"(?:reply|report|flag|upvote|downvote)(?: (?:comment|abuse))?|sort by:?(?: (?:newest|oldest|best|top|popular|date|relevance))?|(?:newest|oldest|best|top) first",
        r"your email address will not be published.{0,80}|required fields are marked.{0,10}|(?:log|sign) in to (?:comment|reply)",
        r"leave a (?:reply|comment)|cancel reply|post (?:a )?comment|(?:name|e-?mail|website|comment) \*"
        r"|notify me of (?:new|follow-up) (?:comments|posts).{0,60}|save my name, e-?mail,? and website in this browser.{0,60}",
        r"you must be logged in to post a comment\.?|want to join the (?:discussion|conversation)\??"
        r"|comments (?:are|will be) (?:subject to|moderated).{0,120}",
        r"comentarios?|kommentare?|commentaires?|coment[aá]rios?|commenti|commento|deja un comentario|kommentar schreiben"
        r"|laisser un commentaire|deixe (?:um|seu) coment[aá]rio|deixe uma resposta|lascia un commento|nome \*|nombre \*",
    ),
    "teaser": (
        r"related(?: (?:articles?|stories|coverage|content|news|posts?|reading|links|topics|videos?))?",
        r"(?:most )?(?:read|popular|viewed|shared|commented|watched)(?: (?:now|today|this week|stories|articles|news))?"
        r"|most (?:read|popular|viewed|shared) (?:in|on|from) .{1,40}|want more (?:stories|news|articles)(?: like this)?\??",
        r"more (?:stories|news|articles|videos|(?:from|in) \S+(?: \S+){0,3}|on this (?:story|topic))|more (?:stories|articles) like this",
        r"top (?:stories|news|headlines)|latest (?:news|stories|articles|headlines|videos?)|trending(?: (?:now|stories|topics))?",
        r"recommended(?: (?:for you|stories|articles|reading))?|you (?:may|might) also (?:like|enjoy|be interested in)",
        r"read (?:more|also|on)|(?:read|up|what to read) next|editors'? picks|(?:in )?other news|don'?t miss|also on \S+",
        r"lo m[aá]s le[ií]do|m[aá]s le[ií]d[ao]s|noticias relacionadas|art[ií]culos relacionados|das k[öo]nnte sie auch interessieren"
        r"|meistgelesen|weitere artikel|articles similaires|les plus lus|not[ií]cias relacionadas|mais lid[ao]s"
        r"|articoli correlati|i pi[uù] letti|voc[eê] (?:tamb[eé]m )?(?:pode|vai) gostar.{0,4}|(?:tambi[eé]n )?te puede(?:n)? interesar"
        r"|vous (?:aimerez|pourriez) (?:aussi|[ée]galement)(?: aimer)?|(?:ti )?potrebbe(?:ro)? (?:interessarti|anche interessarti)",
    ),
    "follow_prompt": (
        r"click the alert icon to follow topics:?",
        rf"(?:follow|like|find|join|connect with) us(?: on (?:{_NETWORKS}))?",
        rf"follow @\w+(?: on (?:{_NETWORKS}))?",
        r"follow(?: (?:this|the))? (?:topic|author|reporter|writer|journalist|story|columnist)s?",
        r"(?:get|receive|sign up for|turn on) (?:e-?mail |news |breaking news |push )?(?:alerts?|notifications).{0,60}",
        r"click here to (?:turn on|get|receive) (?:e-?mail |news |breaking news |push )?(?:alerts?|notifications)",
        r"(?:follow|followed|following|unfollow)|add (?:to )?(?:my )?topics?|stay connected",
        r"(?:get|download)(?: (?:our|the))? (?:free )?(?:news )?app|add to home screen",
        r"s[ií]guenos(?: en \w+)?|folgen sie uns(?: auf \w+)?|suivez-nous(?: sur \w+)?|siga-nos(?: n[oa] \w+)?|seguici(?: su \w+)?",
        r"seguir|folgen|suivre",
    ),
    "paywall": (
        r"from [$€£]\s?\d+(?:[.,]\d+)?(?: (?:for the first|a|per|/) ?(?:month|week|year))?",
        rf"(?:only |just )?[$€£]\s?\d+(?:[.,]\d\d)? ?(?:/|per|a) ?(?:month|week|year|mo|wk|yr)\b(?:{_CLAUSE})?",
        r"subscribe(?: (?:now|today|here))?|subscribe (?:for|from) (?:just |only )?[$€£]?\d.{0,40}",
        r"subscribe to (?:read|continue|unlock|get).{0,60}|subscribers? only|members? only|premium",
        r"become a (?:subscriber|member)|(?:this|the) (?:article|story|content) is (?:for|available to|reserved for|exclusive to) (?:subscribers|members)(?: only)?",
        r"unlock (?:this|the|full) (?:article|story|access).{0,40}|(?:get|enjoy) (?:unlimited|full|digital) access.{0,60}",
        r"start (?:your )?(?:free )?trial|(?:try|start) \d+ (?:days?|weeks?) (?:free|for \S+)|cancel anytime",
        r"you(?: have|'ve)? (?:read|reached|used) .{0,40}(?:articles?|stories)(?: this month)?.{0,40}|\d+ free (?:articles?|stories) (?:left|remaining)",
        r"support (?:our|independent|quality) journalism.{0,40}|continue reading|keep reading|subscriber services",
        r"subscribe (?:for|to get) (?:unlimited|full) access.{0,40}|(?:subscribe )?to read the full (?:story|article).{0,40}",
        r"susc(?:r[ií]bete|ribirse)(?: ahora)?|hazte suscriptor|(?:jetzt )?abonnieren|abonnez-vous|s'abonner|je m'abonne"
        r"|assine(?: j[aá])?|assinar|abbonati(?: ora)?"
        r"|contenido exclusivo para suscriptores|r[ée]serv[ée] aux abonn[ée]s|exklusiv f[üu]r abonnenten"
        r"|conte[úu]do exclusivo para assinantes|riservato agli abbonati",
    ),
    "login": (
        r"(?:log|sign) ?(?:in|on|out|up)(?: (?:here|now|to \w+(?: \w+){0,3}))?|login|logout|register(?: now| for free)?",
        r"already (?:signed up|registered|a (?:subscriber|member)|have an account)\??(?: (?:log ?in|sign ?in)(?: here)?)?",
        r"(?:don't|do not) have an account\??(?: (?:sign up|register)(?: here)?)?|not a (?:subscriber|member)\?.{0,30}",
        r"(?:create|register) (?:an? |your )?(?:free )?account|my account|(?:manage|view) (?:my |your )?(?:account|profile|subscription)",
        r"forgot (?:your )?password\??|reset password|(?:user ?name|password)(?: or e-?mail)?:?|remember me|welcome back",
        r"(?:or )?(?:log|sign) in (?:with|via|using) (?:google|facebook|apple|e-?mail)",
        r"inicia(?:r)? sesi[oó]n|reg[ií]strate|registrarse|mi cuenta|cerrar sesi[oó]n|anmelden|einloggen|abmelden|registrieren"
        r"|mein konto|se connecter|connexion|d[ée]connexion|s'inscrire|mon compte|entrar|sair|cadastre-se|minha conta"
        r"|fazer login|accedi|registrati|esci",
    ),
    "share_widget": (
        r"share(?: (?:this|the))?(?: (?:article|story|page|post|video|link|gallery))?",
        rf"share (?:on|via|to|with) (?:{_NETWORKS})",
        r"(?:\d[\d.,]*k? )?shares?",
        r"(?:(?:show|close|hide)(?: extra| more)? )?sharing options|share options",
        r"tweet(?: this)?|pin(?: it)?|(?:copy|share)(?: the)? (?:link|url)|link copied",
        r"(?:send|share|email)(?: this)? (?:in|by|via|to a friend|per) ?e-?mail|e-?mail (?:this|to a friend|article|story|link)",
        r"(?:this|the|your) (?:article|story|link|page) (?:has been|was) (?:sent|shared)(?: to)?.{0,60}",
        r"print(?: this)?(?: (?:article|story|page))?|printer[- ]friendly(?: version)?|print friendly(?: version)?",
        r"click to (?:share|print|email).{0,60}",
        r"gift(?: this)? (?:article|story)|save(?: (?:article|story|for later))?|saved|bookmark",
        r"listen(?: to (?:this )?(?:article|story))?(?: \d+ min(?:utes?)?)?",
        r"reprints?(?:,? (?:rights )?(?:&|and) permissions)?|url ?copied!?",
        _NETWORKS,
        r"compartir(?: en \w+)?|compart(?:ilhar|ilhe)(?: n[oa] \w+)?|partager(?: sur \w+)?|teilen|auf \w+ teilen"
        r"|condividi(?:ere)?(?: su \w+)?|imprimir|imprimer|drucken|stampa|pint|baixar|descargar"
        r"|enviar por (?:e-?mail|correo)|per e-?mail (?:versenden|senden|teilen)|envoyer par e-?mail|invia per e-?mail",
    ),
    "advertising": (
        r"advertisements?|advertising|advert|ads?|ad choices|adchoices|advertise(?: (?:with us|here))?",
        rf"sponsored(?: (?:content|post|story|by {_CLAUSE}))?|paid (?:content|post|partnership|for by {_CLAUSE})",
        rf"promoted(?: (?:content|stories|by {_CLAUSE}))?|partner content|(?:presented|brought to you|supported) by(?: {_CLAUSE})?",
        r"(?:story|article|content|text) continues? (?:below|after) (?:this )?(?:advertisement|ad)?|continue reading (?:the main story|below)",
        r"scroll to continue with content|report (?:this )?ad|why am i seeing this ad\?|remove ads",
        r"anzeige|werbung|publicidad|publicit[ée]|pubblicit[àa]|publicidade|patrocinado|gesponsert|sponsoris[ée]",
    ),
    "legal_footer": (
        r"(?:terms|conditions) of (?:use|service|sale)|terms (?:and|&) conditions|privacy (?:policy|notice|statement)|terms",
        r"(?:all rights|todos los derechos|alle rechte|tous droits|todos os direitos|tutti i diritti)"
        r" (?:reserved|reservados|vorbehalten|r[ée]serv[ée]s|riservati)\.?|imprint|impressum|datenschutz(?:erkl[äa]rung)?|aviso legal|pol[ií]tica de privacidad"
        r"|mentions l[ée]gales|politique de confidentialit[ée]|pol[ií]tica de privacidade|termos de uso|note legali"
        r"|informativa(?: sulla)? privacy",
        r"this material may not be published, broadcast, rewritten,? or redistributed\.?",
        rf"powered by {_CLAUSE}",
    ),
    "byline": (
        r"by|(?:posted|written|words|story) by|por|von|par|authors?:?|autor(?:es)?:?|auteur:?|autore:?",
    ),
    "credit": (
        rf"(?:photo|image|picture)s? (?:credits?|courtesy|source)(?::| of| by)? {_CLAUSE}|courtesy(?: of)? {_CLAUSE}",
    ),
    "caption": (
        r"(?:image|photo|picture|slide|foto|bild|imagen) ?\d+ ?(?:of|/|de|von|sur|di) ?/? ?\d+|\d+ (?:of|de|von|sur|di) \d+",
        r"(?:image|media|photo|video) caption.{0,200}",
    ),
    "navigation": (
        r"home(?: ?page)?|(?:main )?menu|(?:open|close|toggle) (?:the )?(?:menu|navigation|search|main menu)",
        r"search(?: (?:this |the |our )?(?:site|website|archive|news|articles|terms here))?",
        r"skip (?:to|navigation).{0,30}|(?:back|return|go) to (?:the )?(?:top|main menu|home ?page)|top",
        r"(?:next|previous|prev|older|newer)(?: (?:article|story|page|post|posts|entries|slide))?",
        r"(?:show|load|see|view|read) (?:more|all|less)(?: \S+){0,2}|browse all .{0,20}",
        r"(?:all )?sections?|more|close|x|×|site ?map|site index|sitemap|contact(?: us)?|about(?: us)?|help(?: (?:center|centre|hub))?|faq",
        r"rss(?: feeds?)?|careers|archives?|text size|font size|a\+? ?a-?|filed under:? .{1,100}|(?:tags|topics|categories):(?: .{1,100})?",
        r"customer service|who we are|send (?:us )?(?:a tip|feedback)|got a (?:news )?tip\?|submit|learn more|search for:"
        r"|back to (?:gallery|article|story)|(?:desktop|mobile|full) (?:version|site)|previous articles",
        r"contact us (?:by e-?mail|at .{1,40})|(?:visit|see) (?:us on|our) \w+(?: page)?",
        # Media-player controls flattened into text.
        r"play(?: video)?|pause|mute|unmute|full ?screen|this is a modal window\.?|(?:beginning|end) of dialog window\..{0,60}"
        r"|captions (?:off|settings)|(?:current|remaining) time(?::? -?[\d:]+)?|duration(?::? [\d:]+)?|(?:loaded|progress): \d.{0,10}",
        r"saiba mais|leia mais|pular para o conte[úu]do|alternar navega[çc][ãa]o(?:menu)?|categorias|contato|contacto|kontakt"
        r"|inicio|portada|buscar|men[uú]|cerrar|startseite|suche|schlie[ßs]en|accueil|rechercher|fermer|in[ií]cio|pesquisar|fechar|cerca|chiudi",
    ),
}
for _kind, _sources in WORLD_PHRASES.items():
    WHOLE_LINE_PHRASES[_kind] += _sources

# Section names of a news site: a line that is only one of these, outside the article body, is
# a menu entry or a kicker (inside the body it may be the article's own subheading).
SECTION_NAME = re.compile(
    r"(?i:[\W_]*(?:news|latest|world|u\.?s\.?|uk|local|national|international|politics|business|economy|markets|money"
    r"|finance|tech(?:nology)?|science|health|sports?|opinion|commentary|editorials?|letters to the editor|entertainment"
    r"|arts?|culture|lifestyle|life|style|food|travel|video|videos|photos|podcasts?|weather|obituaries|education"
    r"|environment|climate|features|magazine|real estate|cars|autos|jobs|classifieds|crosswords?(?: (?:&|and) games)?"
    r"|puzzles|games|horoscopes?|things to do|restaurants|community|guides|hot topics|breaking news|today'?’?s paper"
    r"|e-?newspaper|e-?edition|print edition|noticias|deportes|econom[ií]a|pol[ií]tica|opini[oó]n|cultura|internacional"
    r"|nacional|nachrichten|politik|wirtschaft|kultur|meinung|actualit[ée]s|politique|[ée]conomie|monde|not[ií]cias"
    r"|esportes|mundo|notizie|cronaca|esteri|spettacoli)[\W_]*)\Z"
)

# News agencies and photo libraries that sign pictures (case-sensitive on purpose: "AP", not "ap").
AGENCIES = (
    r"AP|AFP|Reuters|REUTERS|Getty(?: Images)?|EPA(?:-EFE)?|Shutterstock|iStock(?:photo)?|Alamy|PA(?: Images| Wire| Media)?"
    r"|Bloomberg|AAP|ANSA|dpa|DPA|Xinhua|Sipa(?: USA)?|Corbis|Unsplash|Pexels|Wikimedia Commons|NurPhoto|SOPA Images"
    r"|LightRocket|Anadolu(?: Agency)?|Europa Press|EFE|Keystone|TASS|Kyodo|Yonhap|The Associated Press|Associated Press"
)

# Words allowed in a line that is only a date / time / reading-time stamp.
_MONTHS = (
    r"jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|june?|july?|aug(?:ust|\.)?|sep(?:t|tember|\.)?"
    r"|oct(?:ober|\.)?|nov(?:ember|\.)?|dec(?:ember|\.)?|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre"
    r"|octubre|noviembre|diciembre|januar|februar|m[äa]rz|juni|juli|oktober|dezember|janvier|f[ée]vrier|mars|avril|mai"
    r"|juin|juillet|ao[uû]t|septembre|octobre|novembre|d[ée]cembre|janeiro|fevereiro|mar[cç]o|maio|junho|julho|setembro"
    r"|outubro|dezembro|gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre"
    r"|январ[яь]|феврал[яь]|марта?|апрел[яь]|ма[яй]|июн[яь]|июл[яь]|августа?|сентябр[яь]|октябр[яь]|ноябр[яь]|декабр[яь]"
)
_DAYS = (
    r"mon(?:day)?|tue(?:s|sday)?|wed(?:nesday)?|thu(?:rs|rsday)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?"
    r"|lunes|martes|mi[ée]rcoles|jueves|viernes|s[áa]bado|domingo|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag"
)
_STAMP_WORDS = (
    rf"{_MONTHS}|{_DAYS}|[ap]\.?m\.?|(?-i:[A-Z]{{1,4}}T|UTC)|an?|ago|just now|today|yesterday|at|on|of|the|de|del|am|um|le|à|às|alle"
    r"|h|hrs?|hours?|mins?|minutes?|secs?|seconds?|days?|weeks?|months?|years?|read|reading time|time|horas?|minutos?"
    r"|published|updated|posted|last updated|last modified|first published|modified|created|publicado|actualizado"
    r"|ver[öo]ffentlicht|aktualisiert|publi[ée]|mis [àa] jour|atualizado|pubblicato|aggiornato|\d+(?:st|nd|rd|th)"
    r"|tempo de leitura|tiempo de lectura|temps de lecture|tempo di lettura|lesezeit|lesedauer|время чтения|minutos?|minuti|minuten"
    r"|мин(?:ут[аы]?)?\.?|г(?:ода?)?\.?|опубликовано|обновлено"
)
# A whole line made of stamp words, numbers and separators (rules.py also requires a digit).
# Atomic tokens: each word, number or separator run is read one way only (no backtracking).
STAMP_LINE = re.compile(rf"(?i:(?>(?:{_STAMP_WORDS})(?!\w)|\d[\d:/.\-]*+|[\s,|•·/–—:()-]++)++)\Z")
# A stamp needs a month with a year, a numeric date or a stamp word: "Tuesday, 1 March",
# "2000 GMT" or "9:05 p.m." alone are more often the article's own schedule or live-blog heads.
_YEAR = r"\b(?:1[89]|20)\d\d\b"
STAMP_ANCHOR = re.compile(
    rf"(?i:\b(?:{_MONTHS})(?!\w).*{_YEAR}|{_YEAR}.*\b(?:{_MONTHS})(?!\w)|\d[/.-]\d\d?[/.-]\d"
    r"|\b(?:ago|read|published|updated|posted|leitura|lectura|lecture|lettura|lesezeit|lesedauer|чтения|опубликовано)\b)"
)

# Function words of a headline in running language (English first, then es/de/fr/pt/it):
# "Israel May Have Caught the Worst ..." has them, a fixture "Bolton v Arsenal" or a name does not.
HEADLINE_WORDS = re.compile(
    r"(?i:\b(?:the|an?|to|of|in|on|for|with|at|from|is|are|was|were|has|have|had|be|been|will|can|could|may|might"
    r"|after|over|about|into|how|why|what|who|when|says?|said|as|by|not|its|his|her|their|this|that"
    r"|el|la|los|las|del|en|una?|por|para|con|es|der|die|das|und|ist|mit|f[üu]r|zu|im|les?|des|du|une|pour|avec|est"
    r"|dans|sur|os|do|da|em|no|na|com|il|gli|di|per|che|nel|della)\b)"
)

# A personal name: capitalised tokens, particles allowed inside ("Ursula von der Leyen").
_NAME = r"[A-Z][\w'’.-]*(?: (?:[A-Z][\w'’.-]*|de|da|del|della|van|von|der|den|la|le|bin|al|el|y|dos|das))*"
_NAMES = rf"{_NAME}(?: ?(?:,|&|and|y|und|et|e) {_NAME})*"

# Line-shape rules anchored at the line start; the group name is the rule (see rules.py).
_SHAPE_SHORT = (
    # ">> Analysis: ...", "Read more: ...": a link to another article, whatever its shape
    # ("»" and "›" open quotations in German and French, so they are no markers).
    r"(?P<teaser_marker>(?:>>+|→|▶|►)\s*\S.{0,180}|(?i:also|more) on [\w-]+\.[a-z]{2,}\b.{0,180}"
    r"|(?i:read (?:more|also|next|this)|related(?: (?:articles?|stories|coverage|content))?|see also|also read"
    r"|more (?:on|about) this(?: story| topic)?|more|recommended|watch|you (?:may|might) also like|don'?t miss"
    r"|leer (?:m[aá]s|tambi[eé]n)|lea tambi[eé]n|lesen sie (?:auch|mehr)|mehr zum thema|(?:[àa] )?lire (?:aussi|[ée]galement)"
    r"|voir aussi|leia (?:tamb[eé]m|mais)|veja tamb[eé]m|leggi anche|читайте (?:также|ещё|еще)|смотрите также|см\. также"
    r"|по теме|czytaj (?:także|też)|lees ook|baca juga|관련 ?기사)\s*[:>»|]\s*\S.{0,180}"
    r"|\[(?i:related|read more|see also|read also|more)\s*:\s*[^\]]{1,180}\])\Z",
    # "UPDATE: Iran, Russia prepare ...": a label then a headline (no final period).
    r"(?P<teaser_label>(?i:update|analysis|opinion|listen|video|gallery|exclusive|breaking|live|explainer"
    r"|editorial|podcast|interview|explained|in pictures|quiz|poll)\s*[:|]\s*[^\s.].{0,150}[^.,;:\s])\Z",
    # "Sponsored: ...", "Advertisement | ...": a labelled advertisement.
    r"(?P<ad_label>(?i:sponsored|advertisement|promoted|partner content|paid content|anzeige|publicidad|publicit[ée])"
    r"\s*[:|]\s*\S.{0,150})\Z",
    # "By Jane Doe", "By JANE DOE and John Smith, Reuters", "Written by ...", "Por ...".
    rf"(?P<byline>(?i:by|written by|words by|story by|text by|reported by|por|von|par|texto de|text:|texto:)\s+"
    rf"{_NAMES}(?:\s*[,|/•·–—-]\s*[^.!?]{{0,60}})?"
    r"|(?i:текст|автор|редактор|author|autor|auteur)\s*:\s*[^.!?:]{1,80})\Z",
    # "Reporting by ...; Editing by ..." (wire-service trailer).
    rf"(?P<wire_trailer>(?i:(?:additional )?(?:reporting|writing|editing|research|compiled|translated|produced))"
    rf" by {_NAMES}(?: in [A-Z][\w ]{{1,30}})?(?:\s*[;,]\s*(?i:(?:additional )?\w+(?: \w+)?) by {_NAMES}(?: in [A-Z][\w ]{{1,30}})?)*\.?"
    # "Jane Doe contributed reporting from Lagos.", "Associated Press writers ... contributed to this report."
    r"|[A-Z][^.!?]{2,250}? contributed(?: additional)? (?:reporting|research|to this (?:report|story|article))"
    r"(?: (?:from|in) [^.!?]{1,60})?\.?)\Z",
    # "Write to Jane Doe at jane.doe@example.com", "Contact the author: jd@example.com".
    r"(?P<contact>(?i:write to|e-?mail|contact(?: the (?:author|writer|reporter))?|reach)\s+[^@]{0,80}?(?:\bat\b|:)?\s*"
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+\.?)\Z",
    # "Credit: Hussein Malla, AP", "Photo: Reuters", "REUTERS/Kevin Lamarque", "(AP Photo/Evan Vucci)".
    r"(?P<credit_line>(?i:credits?|photo(?:graph)?s?|image|picture|pic|illustration|graphic|foto|fotos|bild|imagen"
    r"|cr[ée]dit(?:o|os)?|фото(?:графия)?|иллюстрация|写真|사진)(?:\s+(?i:by|credit|courtesy))?\s*[:|/]\s*[^.:]{1,80}"
    r"|(?i:source|sources|fuentes?|quelle|fonte|источник)\s*:\s*[^.!?:]{1,60}"
    rf"|\(?(?:{AGENCIES})(?:\s*(?:/|via|,|-)\s*[^.]{{1,60}})?\)?"
    rf"|(?:©|\([cC]\))\s*[^\d\s.][^.]{{0,60}}"
    rf"|\(?(?:AP )?(?i:photo) (?i:by|courtesy(?: of)?) [^.]{{1,80}})\Z",
)
# The ones that can cover a long line too (copyright footers, cookie banners).
_SHAPE_LONG = (
    # "© 2019 CBS Interactive. All Rights Reserved.", "Copyright 2019 ...".
    r"(?P<legal>(?:(?:©|\([cC]\)|(?i:copyright)\s*(?:©|\([cC]\))?)\s*(?:\d{4}|.{0,80}(?i:rights reserved))"
    r"|(?i:(?:this|the) material(?: on this (?:web)?site)? may not be (?:published|reproduced))"
    r"|(?i:this copy is for your personal,? non-?commercial use only)).{0,250}"
    # "copyright Inexhibit 2019 - ISSN ...": a short unpunctuated copyright line naming a year.
    r"|(?i:copyright)\s+[^.!?]{0,60}?\b(?:19|20)\d\d\b[^.!?]{0,60})\Z",
    # "We use cookies ...", "This website uses cookies ...", "By continuing to use this site ...".
    r"(?P<cookie>(?i:(?:we|this (?:web)?site|our (?:web)?site|this (?:page|app)) (?:use|uses|are using) cookies\b"
    r"|by (?:continuing to (?:use|browse)|using (?:this|our) (?:web)?site|clicking|browsing (?:this|our)).{0,120}"
    r"(?:cookies?|privacy policy|terms of (?:use|service))\b"
    r"|(?:utilizamos|usamos) cookies|este (?:sitio|site)(?: web)? (?:utiliza|usa) cookies|wir (?:verwenden|nutzen) cookies"
    r"|diese (?:web)?seite (?:verwendet|nutzt) cookies|nous utilisons des cookies|ce site utilise des cookies"
    r"|utilizziamo (?:i )?cookie|questo sito (?:utilizza|usa) (?:i )?cookie).{0,600})\Z",
)
SHAPE = re.compile("|".join(_SHAPE_SHORT + _SHAPE_LONG))
SHAPE_LONG = re.compile("|".join(_SHAPE_LONG))

# "REUTERS/Kevin Lamarque", "JOHN DOE/AFP via Getty Images": tried only on lines with a "/".
SLASH_CREDIT = re.compile(
    rf"\(?[A-Z][\w.'’ -]{{1,40}}\s*/\s*(?:{AGENCIES})(?:\s*(?:via|/)\s*[^.]{{1,40}})?\)?\Z"
)

# Caption with the picture credit glued to its end: "... July 26, 2017.Credit: Hussein Malla,AP".
CREDIT_TAIL = re.compile(
    # glued to the caption's last word when the credit was a separate element: "...a rabbitCredit: Getty"
    r"(?<=[a-z])(?:Credits?|CREDITS?|Photo|PHOTO|Image|Foto|Bild)\s*:\s*[^:]{0,68}[^:.!?\s]\Z|"
    r"(?:[.!?”\"]\s*\(?|\s\()"
    r"(?:(?:Credits?|CREDITS?|Photo(?:graph)?|PHOTO|Image|Picture|Foto|Bild|Cr[ée]dit(?:o)?)(?:\.\.\.|\s*:)\s*[^:]{0,68}[^:.!?\s]"
    rf"|(?:AP Photo|(?:[A-Z][\w.'’ -]{{1,40}}\s*/\s*)?(?:{AGENCIES}))(?:\s*(?:/|via)\s*[^.()]{{1,50}})?)\)?\Z"
)

# Items of a menu or breadcrumb joined on one line: "NFL Scores | Expert Picks | Odds", "Home > World".
MENU_SEPARATOR = re.compile(r"\s*[|•·»›]\s*|\s+[>/]\s+")


def _structure(source: str) -> list[tuple[int, str, int]]:
    """(index, char, depth) of each `(`, `)` and `|` of a regex source, outside character classes
    and escapes; `depth` is the nesting depth the char sits at (0 = top level)."""
    marks, depth, i = [], 0, 0
    while i < len(source):
        char = source[i]
        if char == "\\":
            i += 1
        elif char == "[":
            i = source.index("]", i + 2)  # no phrase class starts with "]" or holds an escaped "]"
        elif char == "(":
            marks.append((i, char, depth))
            depth += 1
        elif char == ")":
            depth -= 1
            marks.append((i, char, depth))
        elif char == "|":
            marks.append((i, char, depth))
        i += 1
    return marks


def _top_level(source: str) -> list[str]:
    """`source` split on its top-level `|`."""
    cuts = [i for i, char, depth in _structure(source) if char == "|" and depth == 0]
    return [source[a + 1:b] for a, b in zip([-1, *cuts], [*cuts, len(source)])]


def _first_letters(branch: str) -> set[str] | None:
    """The letters a match of `branch` can start with, or None when it may start otherwise."""
    if branch.startswith("(?:"):
        end = next(i for i, char, depth in _structure(branch) if char == ")" and depth == 0)
        quantifier, rest = branch[end + 1:end + 2], branch[end + 2:]
        letters: set[str] = set()
        for alternative in _top_level(branch[3:end]) + ([rest] if quantifier in ("?", "*") else []):
            found = _first_letters(alternative)
            if found is None or quantifier == "{":
                return None
            letters |= found
        return letters
    if branch[:1].isalpha() and branch[1:2] not in ("?", "*", "{"):
        return {branch[0].lower()}
    return None


class WholeLine:
    """Matches a line that is nothing but lexicon phrases; `kind(line)` names the first one's kind.

    Buttons glued together ("SubscribeSign In", "Send in e-mailSend in e-mail",
    "FacebookTwitterEmail") are still one widget, so button phrases (`GLUED_KINDS`, without
    free text) may follow the first phrase. Why one regex per first letter: Python's `re` tries
    the hundreds of alternatives one by one, so only the phrases that can start with the line's
    first letter are tried. Latin letters begin most phrases and get a regex each; the few
    phrases of other scripts share one. The answer is always the one regex's
    (`edge FIRST (edge+ GLUED)* edge`, every phrase, kinds in the lexicon's order), found in two
    steps: the bucket's first phrases alone, then the glued buttons to the line's end from where
    that match ended (one regex for every bucket). Only when that tail fails (the first phrase may
    have ended elsewhere, or another one may fit) is the one regex itself asked: 2.3% of a news
    corpus's lines and 4.7% of web pages' short text nodes, at about 0.04 ms each. Before, each
    bucket's regex held its own copy of the glued buttons, and compiling the 27 took 0.6-0.9 s of
    every start. The regexes are compiled when a line first needs them; a process that forks
    workers calls `warm()` first, so that they share the compiled patterns.
    """

    GLUED_KINDS = frozenset({"share_widget", "login", "paywall", "follow_prompt", "comments"})
    _OTHER_SCRIPTS = "*"  # the bucket of first letters outside ASCII
    _EDGE = r"[\W_]*"
    # A phrase's trailing free text (".{0,60}") ends it: possessive, so a long line that is not
    # the phrase fails at once instead of retrying every split of the text.
    _TRAILING_TEXT = re.compile(r"(\.\{\d+,\d+\})$")
    _FIRST_CHAR = re.compile(r"[^\W_]")
    _FREE_TEXT = re.compile(r"\.\{")

    def __init__(self, phrases: dict[str, tuple[str, ...]]) -> None:
        self._branches = [
            (kind, self._TRAILING_TEXT.sub(r"\1+", b), _first_letters(b))
            for kind, sources in phrases.items()
            for s in sources
            for b in _top_level(s)
        ]
        self._glued = "|".join(
            b for k, b, _ in self._branches if k in self.GLUED_KINDS and not self._FREE_TEXT.search(b))
        self._letters = frozenset().union(*(found for _, _, found in self._branches if found))
        # bucket (a Latin letter, _OTHER_SCRIPTS, or None for a line no phrase can start) -> regex
        self._firsts: dict[str | None, re.Pattern[str]] = {}

    def _bucket(self, letter: str | None) -> str | None:
        if letter not in self._letters:
            return None
        return letter if letter.isascii() else self._OTHER_SCRIPTS

    def _starting(self, bucket: str | None) -> list[tuple[str, str]]:
        """(kind, phrase) of the phrases a line whose first letter falls in `bucket` may start with."""
        return [(kind, branch) for kind, branch, found in self._branches
                if found is None or any(self._bucket(letter) == bucket for letter in found)]

    @staticmethod
    def _alternation(phrases: Iterable[tuple[str, str]]) -> str:
        """The `phrases`, a named group per kind, in the lexicon's order of kinds."""
        by_kind: dict[str, list[str]] = {}
        for kind, branch in phrases:
            by_kind.setdefault(kind, []).append(branch)
        return "|".join(f"(?P<{kind}>{'|'.join(bs)})" for kind, bs in by_kind.items())

    def _first(self, bucket: str | None) -> re.Pattern[str]:
        """The bucket's first phrase, at the line's start."""
        if (pattern := self._firsts.get(bucket)) is None:
            pattern = self._firsts[bucket] = re.compile(rf"(?i:{self._EDGE}(?:{self._alternation(self._starting(bucket))}))")
        return pattern

    @cached_property
    def _tail(self) -> re.Pattern[str]:
        """Glued buttons, and nothing else, to the line's end (the same for every bucket)."""
        return re.compile(rf"(?i:(?:{self._EDGE}+(?:{self._glued}))*{self._EDGE})\Z")

    @cached_property
    def _whole(self) -> re.Pattern[str]:
        """The one regex: every phrase first, then glued buttons, to the line's end."""
        edge, every = self._EDGE, self._alternation((kind, branch) for kind, branch, _ in self._branches)
        return re.compile(rf"(?i:{edge}(?:{every})(?:{edge}+(?:{self._glued}))*{edge})\Z")

    def warm(self) -> None:
        """Compile every regex now."""
        for bucket in {self._bucket(letter) for letter in self._letters} | {None}:
            self._first(bucket)
        self._tail, self._whole  # noqa: B018 - cached properties, compiled by reading them

    def kind(self, line: str) -> str | None:
        first_char = self._FIRST_CHAR.search(line)
        # [:1]: a lowered letter may be two characters ("İ" becomes "i" and a combining dot)
        bucket = self._bucket(first_char.group().lower()[:1] if first_char else None)
        first = self._first(bucket).match(line)
        if first is None:
            return None  # no phrase starts the line: the one regex cannot match either
        if self._tail.match(line, first.end()):
            return first.lastgroup  # the one regex tries this first phrase first, and stops here
        whole = self._whole.match(line)
        return whole.lastgroup if whole else None


WHOLE_LINE = WholeLine(WHOLE_LINE_PHRASES)

# A call to action addressed to the reader, written as a sentence ("Follow The Gazette on Twitter
# for ...", "Subscribe to our YouTube channel ...", "Sign up for ... delivered to your inbox.",
# "Like this story? Share it ..."), matched at the line start; the line may go on with more of the
# prompt. The group says the kind (see rules.py). News prose never addresses the reader so.
_SOCIAL = r"facebook|twitter|instagram|youtube|tiktok|linkedin|threads|bluesky|mastodon|telegram|whatsapp|x|vk"
PROMPT = re.compile(
    r"(?i:(?P<newsletter>(?:sign up|subscribe|register) (?:for|to) [^.!?]{0,80}?(?:newsletters?|inbox|e-?mail (?:updates|alerts))\b"
    r"|(?:get|receive) [^.!?]{0,60}\b(?:in|to) your inbox\b"
    r"|(?:подпишитесь|подписывайтесь) на (?:нашу )?рассылку|suscr[ií]bete a (?:nuestro|nuestra) (?:bolet[ií]n|newsletter)"
    r"|abonnieren sie (?:unseren|den) newsletter|abonnez-vous [àa] (?:notre|la) newsletter|assine (?:a|nossa) newsletter"
    r"|iscriviti alla (?:nostra )?newsletter)"
    rf"|(?P<follow>follow (?:us|her|him|them|me|@\w+|(?-i:[A-Z])[^\s,;.!?]*(?: [^\s,;.!?]+){{0,6}}?) on (?:{_SOCIAL})\b"
    r"|follow (?:\S+ ){0,3}(?:full |live |latest |complete )?coverage (?:of|on|at)\b"
    r"|subscribe to (?:\S+ ){1,5}?(?:on youtube|youtube channel|channel|podcast)\b"
    r"|(?:click|tap) here (?:to|and) (?:get|download|subscribe|sign up|read|watch|see|learn|find out|join|follow|listen)\b"
    r"|(?:подписывайтесь|подпишитесь) на (?:нас|наш(?: канал)?) |s[ií]guenos en |folgen sie (?:uns|\S+) auf "
    r"|suivez-nous sur |siga-nos n[oa] |seguici su )"
    r"|(?P<share>(?:like|liked|enjoy|enjoyed|love|loved) this (?:story|article|post)\? share)"
    r"|(?P<contact>(?:have|got) a (?:news )?tip\?)"
    r"|(?P<pitch>if you (?:enjoyed|liked|value|appreciate|found value in) (?:this|our) (?:article|story|post|journalism|reporting)))"
)

# The label of a credit whose text is on the next line ("Photo:" / "личный архив ...").
CREDIT_LABEL = re.compile(r"(?i:(?:photos?|фото|foto|fotos|credits?|image|picture|imagen|bild|source|источник)\s*:)\Z")

# An author's blurb: "Jane Doe is a reporter for The Gazette.", "John Roe covers city hall for ...".
AUTHOR_BLURB = re.compile(
    r"[A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){0,3} (?:is an? |is the |covers |writes )[^.!?]{0,100}?"
    r"\b(?:reporter|writer|editor|correspondent|journalist|columnist|contributor|author|producer|freelancer|intern|for)\b"
)

# A comment's header: "Alex on September 17, 2018 at 6:34 am said:" (the verb right after the
# time), "jd2020 says:" (a handle).
COMMENT_HEADER = re.compile(
    r"(?i:[^.!?]{1,80}?\d{1,2}:\d\d(?:\s*[ap]\.?m\.?)? (?:said|says|wrote|writes|replied|commented|dice|dijo|escribi[óo]|escreveu|disse"
    r"|schreibt|schrieb|a [ée]crit|ha scritto|написал[аи]?|пишет)|\S{1,40} says):\Z"
)
