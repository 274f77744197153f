"""Pages in legacy encodings with missing, lying or late charset declarations (our own sentences)."""

from __future__ import annotations

import socket

from tests.servers.common import RawServer, listing_html, response

TEXTS = {
    "cp1251": "Вчера в городе открылась новая библиотека. Жители пришли посмотреть на редкие книги, и мэр сказал, что это важный день для всех.",
    "shift_jis": "昨日、市内に新しい図書館が開館しました。住民は珍しい本を見に集まり、市長はすべての人にとって大切な日だと述べました。",
    "gb18030": "昨天，市里新开了一家图书馆。居民们来参观珍贵的书籍，市长说这对大家来说是重要的一天。",
    "euc-kr": "어제 시내에 새 도서관이 문을 열었습니다. 주민들이 희귀한 책을 보러 왔고 시장은 모두에게 중요한 날이라고 말했습니다.",
    "big5": "昨天，市裡新開了一家圖書館。居民們來參觀珍貴的書籍，市長說這對大家來說是重要的一天。",
    "iso-8859-7": "Χθες άνοιξε μια νέα βιβλιοθήκη στην πόλη. Οι κάτοικοι ήρθαν να δουν σπάνια βιβλία και ο δήμαρχος είπε ότι είναι σημαντική μέρα.",
}
VARIANTS = ("none", "header-utf8-lie", "header-latin1-lie", "meta-lie", "late-meta", "bom-utf8")


def page(encoding: str, variant: str) -> tuple[bytes, str]:
    """(body bytes, Content-Type) of one fixture; the headline names the variant, the body is TEXTS[encoding]."""
    text = TEXTS[encoding]
    meta = {"meta-lie": '<meta charset="windows-1252">'}.get(variant, "")
    late = f'<script>var pad = "{"x" * 6000}";</script><meta charset="{encoding}">' if variant == "late-meta" else ""
    html = (
        f"<!DOCTYPE html><html><head>{meta}<title>t</title>{late}</head><body>"
        f'<h1 class="headline">{variant} {text[:12]}</h1><div class="story"><p>{text}</p><p>{variant}: {text}</p></div>'
        "</body></html>"
    )
    content_type = {
        "header-utf8-lie": "text/html; charset=utf-8",
        "header-latin1-lie": "text/html; charset=iso-8859-1",
        "bom-utf8": f"text/html; charset={encoding}",
    }.get(variant, "text/html")
    body = b"\xef\xbb\xbf" + html.encode("utf-8") if variant == "bom-utf8" else html.encode(encoding)
    return body, content_type


def handle(path: str, conn: socket.socket) -> None:
    if path == "/robots.txt":
        conn.sendall(response(200, b"User-agent: *\nAllow: /\n", "text/plain"))
    elif path == "/list/":
        conn.sendall(response(200, listing_html([f"/enc/{e}/{v}" for e in TEXTS for v in VARIANTS]).encode()))
    elif path.startswith("/enc/"):
        _, _, encoding, variant = path.split("/")
        body, content_type = page(encoding, variant)
        conn.sendall(response(200, body, content_type))
    else:
        conn.sendall(response(404, b"<html><body>no</body></html>"))


def server() -> RawServer:
    return RawServer(handle)
