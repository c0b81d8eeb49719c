#!/usr/bin/env python3
"""Writes src/Ioc.Dashboard/wwwroot/css/plotly.css: plotly.js's global style rules, which plotly.js
would otherwise insert as an inline <style> (refused by the pages' Content-Security-Policy).

Usage: scripts/plotly-css.py [path/to/plotly-basic-X.Y.Z.min.js]
(default: the one in the NuGet cache for the Plotly.Blazor version in Directory.Packages.props)."""
import glob, os, re, sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if len(sys.argv) > 1:
    js = sys.argv[1]
else:
    props = open(os.path.join(root, "Directory.Packages.props"), encoding="utf-8").read()
    version = re.search(r'Include="Plotly.Blazor" Version="([^"]+)"', props).group(1)
    js = sorted(glob.glob(os.path.expanduser(f"~/.nuget/packages/plotly.blazor/{version}/staticwebassets/plotly-basic-*.min.js")))[-1]
src = open(js, encoding="utf-8").read()
plotly = re.search(r"plotly-basic-([\d.]+)\.min\.js", js).group(1)

# The rules object: {"X,X div":"...", ..., Y:"...", ...}; X and Y stand for the plot and the notifier.
start = src.index('{"X,X div"')
end = src.index("};for(", start) + 1
pair = re.compile(r'''(?:"((?:[^"\\]|\\.)*)"|([A-Za-z_$][\w$]*))\s*:\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')''')
rules = []
for m in pair.finditer(src[start:end]):
    key = m.group(1) if m.group(1) is not None else m.group(2)
    value = m.group(3) if m.group(3) is not None else m.group(4)
    selector = re.sub(r"^,", " ,", key).replace("X", ".js-plotly-plot .plotly").replace("Y", ".plotly-notifier")
    rules.append(f"{selector}{{{value}}}")

out = os.path.join(root, "src/Ioc.Dashboard/wwwroot/css/plotly.css")
with open(out, "w", encoding="utf-8") as f:
    f.write(f"""/* Plotly.js {plotly}'s global style rules (MIT licence, (c) Plotly, Inc.), as plotly.js would
   insert them into an inline <style>. Served from this site so the pages run under a
   Content-Security-Policy without inline styles: App.razor links this file with
   id="plotly.js-style-global" class="no-inline-styles", which tells plotly.js not to insert its own.
   Regenerate when Plotly.Blazor's plotly.js changes (scripts/plotly-css.py). */
""")
    f.write("\n".join(rules) + "\n")
print(f"{len(rules)} rules from {js} -> {out}")
