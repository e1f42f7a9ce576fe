"""The red team's crafted URLs, as a list: permalinks of the Vragen page (`?q=&doel=&n=&regio=
&soort=&document=`) and the Lezen page (`lezen?doel=&plek=&zin=&document=`) with hostile
values. Replayed through the parsers in CI (tests/test_crafted_urls.py) and through the pages
with AppTest by benchmarks/crafted_urls.py. 0 exceptions is the target.
"""

from __future__ import annotations

from urllib.parse import quote

HOSTILE_VALUES = (
    "",
    " ",
    "abc",
    "-1",
    "0",
    "1.5",
    "1e9",
    "+9",
    "0x10",
    "9 9",
    "²",
    "①",
    "٣",
    "９",
    "9" * 5000,
    "9" * 20,
    "\x00",
    "\u202e9",
    "NaN",
    "inf",
    "😀",
    "<script>alert(1)</script>",
    "javascript:alert(1)",
    "'; DROP TABLE feedback;--",
    "{0} %s %n",
    "../../etc/passwd",
    ":red[x] $x$",
    "1-2",
    "2-1",
    "1-",
    "-",
    "1--2",
    "1-" + "9" * 5000,
    "²-³",
    "0-0",
    ",".join(["9"] * 2000),
    "a" * 100_000,
)
"""Values tried for every parameter (37)."""

PAGES = {
    "vragen": ("q", "doel", "n", "regio", "soort", "document"),
    "lezen": ("doel", "plek", "zin", "document"),
}


def crafted_urls() -> list[str]:
    """Each hostile value in each parameter of each page, with a few links that combine them
    (378 URLs)."""
    urls = [
        f"/{page}?{name}={quote(value)}"
        for page, names in PAGES.items()
        for name in names
        for value in HOSTILE_VALUES
    ]
    urls += [
        "/vragen?" + "&".join(f"doel={n}" for n in range(2000)),
        "/vragen?q=techniek&doel=9&doel=%C2%B2&n=0&n=21&n=5",
        "/vragen?q=" + quote("techniek " * 50_000),
        "/lezen?doel=9&plek=techniekpact-2017%2Fdoel-09%2Fbereikt%2F01%231&zin=0-99999999",
        "/lezen?plek=" + quote("x#" * 1000) + "&zin=5-1",
        "/lezen?doel=9&plek=techniekpact-2017/doel-09/bereikt/01%231&zin=3-2",
        "/lezen?document=techniekpact-2017&doel=13",
        "/lezen?document=" + quote("../") + "&doel=1",
    ]
    return urls
