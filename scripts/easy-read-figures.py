#!/usr/bin/env python3
"""Easy-read picture figures of a built site (issue 23): symbols per row (mean, max), the share
of rows whose idea picture differs from their first symbol, the share of rows repeating the
previous row's picture, and pictures standing for more than two different words on one page.

Usage: scripts/easy-read-figures.py SITE_DIR   (reads SITE_DIR/easy-read/**/index.html)
"""
import html
import pathlib
import re
import sys
from collections import defaultdict

site = pathlib.Path(sys.argv[1])
ROW = re.compile(r'<(?:div|label)[^>]*class="er-row[^"]*"[^>]*>(.*?)</(?:p|span)>\s*(?:</div>|</label>)?', re.S)
PIC = re.compile(r'class="er-pic"[^>]*?src="[^"]*?symbols/([^".]+)\.')
PIC2 = re.compile(r'src="[^"]*?symbols/([^".]+)\.[a-z]+"[^>]*class="er-pic"')
SW = re.compile(r'<span class="sw"><img class="sw-i" src="[^"]*?symbols/([^".]+)\.[a-z]+"[^>]*><span class="sw-t">(.*?)</span>')

rows = 0
counts = []
differs = 0
with_both = 0
repeats = 0
many = []
for f in sorted(site.glob("easy-read/**/index.html")):
    if "/print/" in str(f) or "/search/" in str(f):
        continue
    text = f.read_text(encoding="utf-8")
    words = defaultdict(set)
    prev = None
    for m in re.finditer(r'class="er-row[^"]*"(.*?)(?=class="er-row|</main>|$)', text, re.S):
        body = m.group(1)
        end = body.find("</p>")
        body = body if end < 0 else body[:end]
        pic = re.match(r'[^<]*>?\s*<img class="er-pic"[^>]*?src="[^"]*?symbols/([^".]+)\.', body) or re.search(r'<img class="er-pic[^"]*"[^>]*?src="[^"]*?symbols/([^".]+)\.', body.split('er-text')[0])
        pic = pic.group(1) if pic else None
        sws = SW.findall(body)
        rows += 1
        counts.append(len(sws))
        for name, w in sws:
            words[name].add(html.unescape(re.sub("<[^>]+>", "", w)).lower())
        if pic and sws:
            with_both += 1
            if pic != sws[0][0]:
                differs += 1
        if pic and pic == prev:
            repeats += 1
        prev = pic
    for name, ws in sorted(words.items()):
        # Word forms of one word ("meeting", "meetings") and phrases with the same head word
        # ("forum", "youth forum") count once, as ER28 counts them.
        stems = {re.sub(r"(ing|ed|es|s|e)$", "", w.split()[-1]) if len(w.split()[-1]) > 4 else w.split()[-1] for w in ws}
        if len(stems) > 2:
            many.append((str(f.relative_to(site)), name, sorted(ws)))

print(f"rows: {rows}")
print(f"symbols per row: mean {sum(counts) / max(rows, 1):.2f}, max {max(counts, default=0)}")
print(f"rows with an idea picture and symbols: {with_both}; idea picture differs from first symbol: {differs} ({100 * differs / max(with_both, 1):.0f}%)")
print(f"rows repeating the previous row's picture: {repeats} ({100 * repeats / max(rows, 1):.0f}%)")
print(f"pictures standing for more than two words on a page: {len(many)}")
for p, n, ws in many[:int(sys.argv[2]) if len(sys.argv) > 2 else 0]:
    print(f"  {p}: {n}: {', '.join(ws)}")
