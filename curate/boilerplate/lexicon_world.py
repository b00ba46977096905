"""Widget, prompt and footer phrases in languages beyond `lexicon.py`'s Western European six.

Why a second table: about one page in eight of real news crawls is in another language, and a
leftover there is as formulaic as in English ("Поделиться", "関連記事", "무단 전재 및 재배포
금지", "Baca juga"), so a short list per language removes most of them. The shape is
`lexicon.WHOLE_LINE_PHRASES`'s: regex sources per `boilerplate_kind`, matched against a whole
line only, case-insensitively; `lexicon.py` merges the two tables. Languages: Russian and
Ukrainian, Polish, Dutch, Turkish, Indonesian/Malay, Japanese, Korean, Chinese.
"""

from __future__ import annotations

WORLD_PHRASES: dict[str, tuple[str, ...]] = {
    "share_widget": (
        r"поделиться(?: в \w+)?|поделитесь(?: с друзьями)?|отправить другу|распечатать|версия для печати"
        r"|поділитися|udostępnij|drukuj|delen|deel(?: dit artikel)?|paylaş|yazdır|bagikan(?: artikel ini)?|cetak"
        r"|シェア(?:する)?|ツイート|印刷|공유(?:하기)?|인쇄|分享(?:到)?|打印",
    ),
    "newsletter": (
        r"(?:подпишитесь|подписаться) на (?:нашу )?рассылку.{0,60}|рассылка|zapisz się do newslettera.{0,60}"
        r"|schrijf je in voor (?:de|onze) nieuwsbrief.{0,60}|nieuwsbrief|bülten|e-?bülten|berlangganan newsletter.{0,60}"
        r"|メールマガジン|メルマガ|뉴스레터",
    ),
    "follow_prompt": (
        r"(?:подписывайтесь|подпишитесь) на (?:нас|наш \w+)(?: в \w+)?|мы в (?:соцсетях|социальных сетях|telegram|телеграм)"
        r"|obserwuj nas(?: na \w+)?|volg ons(?: op \w+)?|bizi takip edin|ikuti kami(?: di \w+)?|フォローする|팔로우|关注我们",
    ),
    "teaser": (
        r"(?:материалы|новости|статьи) по теме|по теме|читайте также|читайте (?:ещё|еще)|похожие (?:статьи|новости|материалы|записи)"
        r"|(?:самое )?(?:популярное|читаемое)|ещё по теме|еще по теме|другие (?:новости|статьи|материалы)|вам может быть интересно"
        r"|рекомендуем(?: прочитать)?|не пропустите|читайте також|схожі (?:новини|статті)"
        r"|czytaj (?:także|też|więcej)|zobacz (?:także|też)|polecamy|najczęściej czytane|lees (?:ook|meer)|meest gelezen"
        r"|gerelateerde (?:artikelen|berichten)|ilgili haberler|(?:en çok )?okunanlar|baca juga|berita terkait|terpopuler"
        r"|artikel terkait|関連記事|人気記事|おすすめ(?:記事)?|こちらの記事も(?:合わせて|あわせて)?(?:どうぞ|読まれています)"
        r"|관련 ?기사|많이 본 ?뉴스|인기 ?기사|相关(?:文章|新闻|阅读)|热门(?:文章|新闻)|推荐阅读",
    ),
    "comments": (
        r"комментари[йия]|\d+ комментари\w*|(?:оставить|добавить|написать) комментарий|коментарі|komentarze?"
        r"|dodaj komentarz|reacties?|yorumlar?|yorum yap|komentar|tulis komentar|コメント(?:する)?|댓글(?: ?쓰기)?|评论",
    ),
    "login": (
        r"войти|вход|регистрация|зарегистрироваться|выйти|личный кабинет|увійти|zaloguj(?: się)?|inloggen|giriş(?: yap)?"
        r"|masuk|daftar|ログイン|新規登録|로그인|회원가입|登录|注册",
    ),
    "paywall": (
        r"оформить подписку|подписка|купить подписку|wykup (?:dostęp|subskrypcję)|abonneer(?: nu)?|abone ol|berlangganan"
        r"|有料会員(?:登録)?|구독(?:하기)?|订阅",
    ),
    "advertising": (
        r"реклама|на правах рекламы|reklama|advertentie|reklam|iklan|広告|スポンサー(?:リンク)?|광고|广告",
    ),
    "legal_footer": (
        r"все права защищены\.?|политика конфиденциальности|пользовательское соглашение|усі права захищені\.?"
        r"|wszelkie prawa zastrzeżone\.?|alle rechten voorbehouden\.?|tüm hakları saklıdır\.?|hak cipta dilindungi(?: undang-undang)?\.?"
        r"|kebijakan privasi|無断(?:転載|複製)(?:を)?禁(?:止|ず|じます).{0,20}|무단 ?전재 ?및 ?재배포 ?금지.{0,20}|版权所有.{0,40}",
    ),
    "navigation": (
        r"главная|меню|поиск|закрыть|наверх|назад|далее|все (?:новости|статьи)|рубрики|разделы|контакты|о (?:нас|проекте)"
        r"|головна|szukaj|strona główna|zamknij|zoeken|sluiten|ana sayfa|kapat|beranda|cari|kategori|tutup|kontak|tentang kami"
        r"|ホーム|トップ|メニュー|検索|カテゴリー?|お問い合わせ|ブログ|홈|메뉴|검색|首页|搜索|菜单",
    ),
}
