#!/usr/bin/env bash
# `bitsig report` on the flagship: a self-contained, well-formed HTML page naming every
# condition, with its data files; atomic replacement; a headless-browser screenshot where
# Chromium is installed.
#   report.sh BITSIG SOURCE_DIR SHARED_DIR
set -uo pipefail
BITSIG=$1
cd "$2" || exit 1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

"$BITSIG" report networks/her2_trastuzumab.yaml -o "$work/rep" --scenario C09_pten_loss_trastuzumab \
  --scenario C01b_trastuzumab --screen-goal "Proliferation=0,Apoptosis=1" \
  --screen-base "context=pten_loss drug=trastuzumab" 2>"$work/err" || fail "report exited $?: $(cat "$work/err")"
for f in index.html report.json report.md check.csv check.md screen.csv attractors_baseline.json; do
  [ -s "$work/rep/$f" ] || fail "missing $f"
done
python3 - "$work/rep/index.html" <<'EOF_PY' || fail "HTML checks"
import sys
from html.parser import HTMLParser

VOID = {"meta", "br", "img", "hr", "input", "link", "path", "polygon", "ellipse", "polyline", "text", "title", "g"}
class Checker(HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack, self.errors, self.ids, self.external = [], [], set(), []
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a: self.ids.add(a["id"])
        for key in ("src", "href"):
            v = a.get(key) or ""
            if v.startswith("http") and "w3.org" not in v: self.external.append(v)
        if tag == "script": self.errors.append("script tag")
        if tag not in {"meta", "br", "img", "hr", "input", "link"}: self.stack.append(tag)
    def handle_startendtag(self, tag, attrs):
        pass
    def handle_endtag(self, tag):
        if tag in {"meta", "br", "img", "hr", "input", "link"}: return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"unbalanced </{tag}> (open: {self.stack[-3:]})")
            if tag in self.stack:
                while self.stack and self.stack.pop() != tag: pass
        else:
            self.stack.pop()

text = open(sys.argv[1], encoding="utf-8").read()
c = Checker()
c.feed(text)
ok = True
if c.errors: print("errors:", c.errors[:5]); ok = False
if c.stack: print("unclosed:", c.stack[:5]); ok = False
if c.external: print("external resources:", c.external[:5]); ok = False
for needed in ("baseline", "scenario_C09_pten_loss_trastuzumab", "scenario_C01b_trastuzumab", "check", "screen"):
    if needed not in c.ids: print("missing section", needed); ok = False
if text.count("<svg") < 3: print("diagrams missing"); ok = False
if "hsp90_inhibitor" not in text: print("screen rows missing"); ok = False
sys.exit(0 if ok else 1)
EOF_PY

# Replacing an existing report is atomic and leaves no staging folders.
"$BITSIG" report networks/her2_trastuzumab.yaml -o "$work/rep" --no-diagrams 2>/dev/null || fail "second report"
ls -a "$work" | grep -q '\.rep\.' && fail "staging folder left behind"
[ -s "$work/rep/index.html" ] || fail "replaced report missing"
# Refuses to overwrite a folder that is not a report.
mkdir -p "$work/other" && touch "$work/other/precious.txt"
"$BITSIG" report networks/her2_trastuzumab.yaml -o "$work/other" --no-diagrams 2>"$work/err"
[ $? -eq 2 ] || fail "overwriting a non-report folder should exit 2"
[ -e "$work/other/precious.txt" ] || fail "non-report folder damaged"

if command -v chromium >/dev/null 2>&1; then
  chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --user-data-dir="$work/profile" --window-size=1400,2000 \
    --screenshot="$work/shot.png" "file://$work/rep/index.html" >/dev/null 2>&1
  [ -s "$work/shot.png" ] || fail "headless screenshot"
else
  echo "skipped screenshot: chromium is not installed (apt-get install chromium)"
fi

if [ "$failures" -ne 0 ]; then echo "$failures failure(s)"; exit 1; fi
echo "report: all checks passed"
