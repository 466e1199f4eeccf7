"""Total weight of the main pages for a slow link: HTML + CSS + JS, as sent gzip-compressed.

    .venv/bin/python scripts/page_weight.py [--base-url http://127.0.0.1:8000]

Fetches each page of a running demo (make run), then every stylesheet and script it links, and
prints raw and gzip sizes (level 6, what whitenoise and most proxies send). Results are kept
in docs/ui.md. No images or fonts are loaded by the pages (charts are inline SVG).
"""

from __future__ import annotations

import argparse
import gzip
import re
import urllib.request
from urllib.parse import urljoin

PAGES = ["/", "/states/", "/states/LAO/", "/obligations/", "/assistance/", "/reports/", "/reports/dashboard/"]
ASSET = re.compile(r'<(?:link[^>]+rel="stylesheet"[^>]+href|script[^>]+src)="([^"]+)"')


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - a URL the user gives
        return response.read()


def gz(body: bytes) -> int:
    return len(gzip.compress(body, compresslevel=6))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", default="http://127.0.0.1:8000")
    args = parser.parse_args()
    cache: dict[str, bytes] = {}
    print("| page | HTML (gzip) | CSS + JS (gzip) | total (gzip) | total raw |\n|---|---:|---:|---:|---:|")
    for path in PAGES:
        html = fetch(urljoin(args.base_url, path))
        assets = [urljoin(args.base_url, a) for a in ASSET.findall(html.decode())]
        for asset in assets:
            cache.setdefault(asset, fetch(asset))
        asset_gz = sum(gz(cache[a]) for a in assets)
        raw = len(html) + sum(len(cache[a]) for a in assets)
        print(
            f"| {path} | {gz(html) / 1024:.1f} KB | {asset_gz / 1024:.1f} KB | "
            f"{(gz(html) + asset_gz) / 1024:.1f} KB | {raw / 1024:.1f} KB |"
        )


if __name__ == "__main__":
    main()
