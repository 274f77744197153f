"""The bundled demo news site: original generated content, served on loopback.

``site.build_site`` makes the deterministic site (pages + the truth records a crawl must reproduce);
``server`` serves it over HTTP on 127.0.0.1 (``python -m newscrawl.demo.server``, or ``DemoServer``).
"""
