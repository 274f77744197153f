"""Bylines: the names a byline credits."""

from __future__ import annotations

import re

from newscrawl.extract.text import clean_text

# "By", "Von", "Text:", "Written by", "Ein Kommentar von" ... at the start of a byline or a name.
_BY = re.compile(
    r"^\s*(?:(?:written|reported|text|story|words|reporting|analysis|interview|ein (?:kommentar|gastbeitrag|interview|essay)"
    r"|eine (?:analyse|glosse|reportage|kolumne)|kommentar|gastbeitrag|analyse|fotos?|photos?"
    r"|(?:propos\s+)?recueilli(?:e|s|es)?|posted|published|geschrieben|verfasst|veröffentlicht|erstellt"
    r"|publié(?:e)?|écrit(?:e)?|rédigé(?:e)?|escrito|publicado|redactado|pubblicato|redatto)\s+)?"
    r"(?:by|von|vom|par|por|di|door|av|af|de|dari|oleh|tarafından|od)\s*:?\s+"
    r"|^\s*(?:scritto|pubblicato|redatto)\s+da\s+"
    r"|^\s*(?:text|autor(?:in)?|author|auteur|autore|redaktion|reporter|written by|texto)\s*:\s*"
    r"|^\s*(?:autorin/autor|autor(?:in)?|autoren|author|authors)\s+(?=[A-ZÄÖÜ])",
    re.IGNORECASE,
)
_BY_AFTER_DATE = re.compile(r"\s(?:by|von|par|por)\s", re.IGNORECASE)
_BY_ONLY = re.compile(r"by|von|par|por|door|di|de|av|af", re.IGNORECASE)
_CONJ = r"and|und|et|y|e|i|og|en|och|ve|и|a|ja|és|és|und|sowie|plus|with|mit|avec|con|com|met|med|oraz|ile|&|\+"
_SPLIT = re.compile(rf"\s*(?:[,;/|•·、，]|\s(?:{_CONJ})\s)\s*", re.IGNORECASE)
_ROLE_WORDS = (
    r"editor|editors|correspondent|reporter|writer|columnist|contributor|contributing|staff|photographer|analyst"
    r"|journalist|producer|host|anchor|intern|freelance|freelancer|chief|senior|deputy|managing|political|politics"
    r"|business|science|sports?|health|technology|tech|culture|economics|economy|foreign|news|desk|bureau"
    r"|entertainment|travel|fashion|lifestyle|environment|environmental|climate|investigative|medical|religion"
    r"|redakteur\w*|korrespondent\w*|autor\w*|redaktion|ressortleit\w*|chefredakt\w*|volontär\w*|mitarbeiter\w*"
    r"|journalist\w*|reporter\w*|moderator\w*|kolumnist\w*|fotograf\w*|leiter\w*|leitung|stellvertret\w*"
    r"|rédact\w*|journaliste|envoyé\w*|correspons\w*|periodista|redactor\w*|corresponsal|giornalista|inviat\w*"
    r"|updated|published|aktualisiert|veröffentlicht|zuletzt|geändert|posted|publié|publicado|pubblicato"
    r"|actualizado|aggiornato|stand|min|minutes|read|lesezeit|uhr|am|um|on|at"
)
_ROLE = re.compile(rf"\b(?:{_ROLE_WORDS})\b", re.IGNORECASE)
_PAREN = re.compile(r"[(\[]([^)\]]*)[)\]]")
_AGENCY = re.compile(
    r"^(?:dpa|afp|ap|reuters|apa|sda|epd|kna|dts|ddp|efe|ansa|anp|belga|tass|xinhua|ians|pti|ani|upi|bloomberg"
    r"|sid|rtr|aa|dpa-afx|kyodo|jiji|yonhap|ntb|tt|lusa|ritzau|ctk|pap|bbc|cnn|sapa|aap|cp|press association|pa"
    r"|the associated press|associated press|agence france-presse|agencies|agenturen|epa)$",
    re.IGNORECASE,
)
_DATEISH = re.compile(
    r"\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}:\d{2}|\b(?:19|20)\d{2}\b"
    r"|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}\b",
    re.IGNORECASE,
)
_EMAIL = re.compile(
    r"\S+@\S+\.\w+|\S+\s?[\[(]at[\])]\s?\S+|@\w+|[^\s(]*https?://[^\s)\]]+|\bwww\.[^\s)\]]+", re.IGNORECASE
)
# "Jane Doe for The Mail on Sunday", "Anna Müller für die FAZ": the outlet the author wrote for
_FOR = re.compile(r"\s+(?:for|für\s+(?:die|den|das|der))\s+(\S.*)$", re.IGNORECASE)
# Iberian names join surnames with "e"/"y" ("José Volta e Pinto", "Ortega y Gasset"): not two people
# when the word after the conjunction ends the name and the name before it has two words or more
_PARTICLE = re.compile(r"(?<=\w) (e|y) ([A-ZÁÉÍÓÚÑ][\w'-]+)(?=\s*(?:$|[,;/|(]))")
_EMPLOYER = frozenset(("at", "for", "of", "bei", "für", "with", "chez", "de", "di", "del"))
_JOINED = "\u2060"  # a joiner no separator pattern matches, put back after the split
_LOCATION = re.compile(r"\s+(?:in|aus|en|à|a|from|reporting from)\s+[A-ZÄÖÜ][\w.-]+(?:\s+[A-ZÄÖÜ][\w.-]+)?\s*$")


def _is_name(part: str) -> bool:
    if not part or len(part) > 60 or any(ch.isdigit() or ch in "?=:" for ch in part) or "http" in part:
        return False
    words = part.split()
    if len(words) > 5:
        return False
    # several words, none capitalised, in a cased script: a phrase ("von hier aus gesehen"), not a name
    if len(words) > 1 and part.lower() != part.upper() and not any(w[:1].isupper() for w in words):
        return False
    return not (len(words) == 1 and len(part) < 2)


def _is_role(word: str) -> bool:
    return bool(_ROLE.fullmatch(word.strip(".,:")))


def _strip_roles(part: str, name_position: bool = True) -> str:
    """Drop role words around a name: "Korrespondentin Jane Doe" -> "Jane Doe"; "Staff" -> "";
    "Jane Doe Senior Writer at X" -> "Jane Doe". A capitalised role word as the second of two words
    is a surname ("Ada Writer", "Tom Host") where a name stands (``name_position``: first in the
    byline or after "and"); after a comma, pipe or dash it is a role ("Jane Doe, Science Writer")."""
    if not _ROLE.search(part):
        return part
    words = part.split()
    roles = [_is_role(w) for w in words]
    if not any(roles):
        return part
    first, last = words[0], words[-1]
    # not an acronym with a job word ("HT Correspondent"): that is a desk
    acronym = first.isupper() and not last.isupper()
    if (
        name_position
        and len(words) == 2
        and not roles[0]
        and first[:1].isupper()
        and last[:1].isupper()
        and not acronym
    ):
        return part
    start = 0
    while start < len(words) and roles[start]:
        start += 1
    if 0 < start < len(words) and {words[start - 1].lower(), words[start].lower()} & _EMPLOYER:
        return ""  # "Senior Writer at The Atlantic": a job title and the employer, no name
    end = start
    while end < len(words) and not roles[end]:
        end += 1
    # a role after the name starts the job title and employer ("Senior Writer at The Atlantic")
    kept = words[start:end]
    # roles are lower-case words or capitalised job titles; a name needs at least one capitalised word
    if not kept or not any(w[:1].isupper() for w in kept):
        return ""
    # a role in the middle of a phrase ("Editor of the Year") is not a name
    if len(kept) > 4:
        return ""
    return " ".join(kept)


def _trailing_agency(part: str) -> str | None:
    """An agency after a name with no separator, as syndicated bylines lose it in the line break:
    "Jane Doe Reuters", "AMANDA SEITZ The Associated Press". Not a short capitalised word that may
    be a surname ("Li Ani")."""
    words = part.split()
    for k in (3, 2, 1):
        tail = " ".join(words[-k:])
        if len(words) - k >= 2 and _AGENCY.match(tail) and not (len(tail) <= 4 and tail == tail.capitalize()):
            return tail
    return None


def _keep_particle(m: re.Match[str]) -> str:
    before = re.split(rf"[,;/|]|\s(?:{_CONJ})\s", m.string[: m.start()], flags=re.IGNORECASE)[-1].split()
    if len(before) < 2 or _AGENCY.match(m.group(2)):
        return m.group(0)
    return f"{_JOINED}{m.group(1)}{_JOINED}{m.group(2)}"


def split_authors(byline: str | None) -> list[str]:
    """Names credited by ``byline``: "By A, B and C (Reuters)" -> ["A", "B", "C", "Reuters"].

    "By"/"Von"/"Text:", roles and titles, dates, e-mail addresses and "in <City>" are removed;
    agencies in parentheses are kept as their own entry.
    """
    text = clean_text(byline)
    if not text:
        return []
    text = _EMAIL.sub(" ", text)
    agencies: list[str] = []
    for inner in _PAREN.findall(text):
        for piece in _SPLIT.split(inner):
            piece = piece.strip(" .:")
            if _AGENCY.match(piece):
                agencies.append(piece)
    text = _PAREN.sub(" ", text)
    # dates and "updated ..." trail a byline: cut at the first one
    m = _DATEISH.search(text)
    if m:
        # "Posted on May 3, 2024 by Jane Doe": the names follow the date
        after = _BY_AFTER_DATE.search(text, m.end())
        if after and not _DATEISH.search(text, after.end()) and not split_authors(text[: m.start()]):
            text = text[after.start() :]
        else:
            text = text[: m.start()]
    text = re.sub(r"\s[\u2013\u2014-]\s.*$", "", text)
    text = _PARTICLE.sub(_keep_particle, text)
    names: list[str] = []
    seps = ["", *_SPLIT.findall(text)]
    for raw, sep in zip(_SPLIT.split(text), seps, strict=True):
        raw = raw.replace(_JOINED, " ")
        if re.match(r"^\s*(?:in|im|en|dans|em)\s", raw):
            break  # "By A, in News, Politics": sections, not names
        part = _BY.sub("", raw.strip(" .:-\u2013\u2014\"'„“”«»‚‘’"))
        part = _BY.sub("", part)  # "Text: von ..."
        part = _LOCATION.sub("", part).strip(" .:-„“”«»")
        if _BY_ONLY.fullmatch(part):
            continue
        outlet = _FOR.search(part)
        if outlet and len(part[: outlet.start()].split()) >= 2:  # not "Institute for ..."
            part = part[: outlet.start()]
            if _AGENCY.match(outlet.group(1).strip(" .")):
                agencies.append(outlet.group(1).strip(" ."))
        if _AGENCY.match(part):
            if part not in names:
                names.append(part)
            continue
        part = _strip_roles(part, not sep or sep.strip()[:1].isalpha() or sep.strip() in "&+").strip(" .:-")
        agency = _trailing_agency(part)
        if agency:
            part = part[: -len(agency)].rstrip(" ,")
            agencies.append(agency)
        if _is_name(part) and part not in names:
            names.append(part)
    # "Jane Doe, Frankfurt": a lone word after full names is a place, unless it is an agency
    if any(len(n.split()) > 1 for n in names):
        names = [n for n in names if len(n.split()) > 1 or _AGENCY.match(n)]
    return names + [a for a in agencies if a not in names]
