"""report.html: one self-contained file (inline CSS, SVG plots and plain JS; no CDN, nothing fetched)."""

from __future__ import annotations

import html
import json
from typing import Any

from kit.compare.labels import labels
from kit.compare.matrix import matrix_html, metrics_tested
from kit.compare.methods_table import table_html
from kit.compare.plots import all_plots
from kit.compare.report_md import (
    decision_lines,
    freshness_lines,
    latency_rows,
    latency_sampled,
    ops_rows,
    quality_rows,
    settings_lines,
    significance_lines,
    throughput_rows,
)
from kit.compare.summary import QUALITY

CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2em auto;max-width:1100px;color:#222;padding:0 1em}
h1{font-size:1.6em}h2{font-size:1.2em;margin-top:1.8em;border-bottom:1px solid #ddd;padding-bottom:.2em}
table{border-collapse:collapse;font-size:.85em;margin:.5em 0}th,td{border:1px solid #ddd;padding:.3em .5em;text-align:left;vertical-align:top}
th{background:#f4f4f4}.rec{background:#eef6ee;border-left:4px solid #55a868;padding:.8em 1em}
.plots{display:grid;grid-template-columns:repeat(auto-fit,minmax(480px,1fr));gap:1em}
figure{margin:0;border:1px solid #eee;padding:.5em}figure svg{max-width:100%;height:auto}figcaption{font-size:.85em;color:#555}
.decision{background:#eef6ee;border-left:6px solid #55a868;padding:.8em 1.2em;font-size:1.05em}
.decision ul{margin:.3em 0 0 0}.matrix td.sig{font-weight:bold;background:#fff4d6}.matrix th{white-space:nowrap}
details{margin:.5em 0}summary{cursor:pointer;font-weight:bold}
.ok{color:#2e7d32}.bad{color:#c62828}#items td{max-width:320px}.filters{margin:.5em 0}.filters>*{margin-right:1em}
small{color:#666}
"""

JS = """
(function(){
  var rows = JSON.parse(document.getElementById('rows-data').textContent);
  var body = document.querySelector('#items tbody');
  var arm = document.getElementById('f-arm'), res = document.getElementById('f-result'), q = document.getElementById('f-text');
  var count = document.getElementById('f-count');
  function cell(tr, text, cls){var td=document.createElement('td'); td.textContent=text; if(cls){td.className=cls;} tr.appendChild(td);}
  function fmt(v, d){return (v === null || v === undefined) ? '—' : Number(v).toFixed(d);}
  function render(){
    var a = arm.value, r = res.value, t = q.value.toLowerCase(), shown = 0;
    body.textContent = '';
    rows.forEach(function(row){
      if (a !== '*' && row.arm !== a) return;
      if (r === 'correct' && row.fact_correct !== true) return;
      if (r === 'wrong' && row.fact_correct !== false) return;
      if (t && (row.question + ' ' + row.answer + ' ' + row.item).toLowerCase().indexOf(t) < 0) return;
      var tr = document.createElement('tr');
      cell(tr, row.arm); cell(tr, row.item); cell(tr, row.question); cell(tr, row.answer); cell(tr, row.reference);
      var ok = row.fact_correct;
      cell(tr, ok === null || ok === undefined ? '—' : (row.facts_found + '/' + row.facts_required + (ok ? ' ✓' : ' ✗')), ok ? 'ok' : (ok === false ? 'bad' : ''));
      cell(tr, fmt(row.cosine, 2)); cell(tr, fmt(row.total_s, 3));
      body.appendChild(tr); shown += 1;
    });
    count.textContent = shown + ' / ' + rows.length;
  }
  [arm, res].forEach(function(el){el.addEventListener('change', render);});
  q.addEventListener('input', render);
  render();
  document.body.setAttribute('data-ready', 'yes');
})();
"""


def _table(header: list[str], rows: list[list[str]]) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in r) + "</tr>" for r in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _md_table(text: str) -> str:
    lines = [ln for ln in text.strip().splitlines() if ln.startswith("|")]
    cells = [[c.strip() for c in ln.strip("|").split("|")] for ln in lines]
    return _table(cells[0], cells[2:]) if len(cells) > 1 else ""


def _json_for_script(data: Any) -> str:
    # Inside <script>, "</" would end the element early; "\\u003c" keeps the JSON identical once parsed.
    return json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")


ITEM_KEYS = ("arm", "item", "question", "answer", "reference", "fact_correct", "facts_found", "facts_required",
             "cosine", "total_s")


def render_html(report: dict[str, Any]) -> str:
    """The whole report as one HTML page."""
    lang = report["lang"]
    lab = labels(lang)
    esc = html.escape
    rec = esc(report["recommendation"]["text"])
    parts = rec.split("**")
    rec = "".join(f"<strong>{p}</strong>" if i % 2 else p for i, p in enumerate(parts))
    plots = all_plots(report, lang)
    figures = "".join(
        f'<figure data-plot="{name}">{svg}<figcaption>{esc(lab.get(_CAPTIONS[name], name))}</figcaption></figure>'
        for name, svg in plots.items()
    )
    sig = "".join(f"<li>{esc(line[2:])}</li>" for line in significance_lines(report, tuple(m for m, _, _ in QUALITY)))
    head, changes = decision_lines(report)
    head_parts = esc(head).split("**")
    head = "".join(f"<strong>{p}</strong>" if i % 2 else p for i, p in enumerate(head_parts))
    changes_html = "".join(f"<li>{esc(c)}</li>" for c in changes)
    run_html = "".join("<p>" + "".join(f"<code>{p}</code>" if i % 2 else p for i, p in enumerate(esc(line).split("`")))
                       + "</p>" for line in report["recommendation"].get("run_text") or [])
    split = report["settings"].get("split", "test")
    matrices = "".join(f"<h3>{esc(lab[m])}</h3>{matrix_html(report, m, lab['arm_row_col'])}" for m in metrics_tested(report))
    basis = "".join(f"<p><small>{esc(line)}</small></p>" for line in settings_lines(report))
    t_header, t_rows = throughput_rows(report)
    throughput = f"<h2>{esc(lab['throughput_title'])}</h2>{_table(t_header, t_rows)}" if t_rows else ""
    prices_json = esc(json.dumps(report.get("prices"), ensure_ascii=False, indent=1))
    fresh = freshness_lines(report)
    fresh_html = ""
    if fresh:
        fresh_html = f"<h2>{esc(lab['freshness'])}</h2>{_md_table(fresh[0])}" + "".join(
            f"<p>{esc(line.strip())}</p>" for line in fresh[1:])
    arm_opts = "".join(f'<option value="{esc(a["name"])}">{esc(a["name"])}</option>' for a in report["arms"])
    items = [{k: r.get(k) for k in ITEM_KEYS} for r in report["rows"]]
    meta_rows = [[k, str(v)] for k, v in report["meta"].items() if not isinstance(v, (dict, list))]
    item_header = "".join(f"<th>{esc(h)}</th>" for h in (
        lab["arm"], "id", lab["question"], lab["answer"], lab["reference"], lab["facts"], "cos", "s"))
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(lab['title'])}: {esc(report['suite'])}</title><style>{CSS}</style></head>
<body>
<h1>{esc(lab['title'])}: {esc(report['suite'])}</h1>
<small>{esc(lab['split'])}: <strong id="split">{esc(lab.get(f'split_{split}', split))}</strong> · {esc(str(report['meta'].get('n_items', '')))} {esc(lab['items'])} · {esc(report['meta'].get('created', ''))} · {esc(report['meta'].get('device', ''))}</small>
<h2>{esc(lab['decision'])}</h2>
<div class="decision" id="decision"><p>{head}</p><div id="run">{run_html}</div><strong>{esc(lab['what_changes'])}:</strong><ul>{changes_html}</ul></div>
<details id="why" open><summary>{esc(lab['why'])}</summary><div class="rec" id="recommendation">{rec}</div></details>
<h2>{esc(lab['quality'])}</h2>{_table(*quality_rows(report))}
<h2>{esc(lab['latency_title'].format(n=latency_sampled(report)))}</h2>{_table(*latency_rows(report))}
{throughput}
<h2>{esc(lab['cost_title'])}</h2>{_table(*ops_rows(report))}{basis}
<h2>{esc(lab['plots'])}</h2><div class="plots">{figures}</div>
<h2>{esc(lab['matrix_title'])}</h2>{matrices}
{fresh_html}
{table_html(report)}
<h2>{esc(lab['per_item'])}</h2>
<div class="filters">
<label>{esc(lab['filter_arm'])} <select id="f-arm"><option value="*">{esc(lab['all'])}</option>{arm_opts}</select></label>
<label>{esc(lab['filter_result'])} <select id="f-result"><option value="*">{esc(lab['all'])}</option>
<option value="correct">{esc(lab['correct'])}</option><option value="wrong">{esc(lab['wrong'])}</option></select></label>
<label>{esc(lab['filter_text'])} <input id="f-text" type="search"></label><span id="f-count"></span>
</div>
<table id="items"><thead><tr>{item_header}</tr></thead><tbody></tbody></table>
<h2>{esc(lab['appendix'])}</h2>
<details><summary>{esc(lab['all_tests'])}</summary><ul id="all-tests">{sig}</ul></details>
<details><summary>{esc(lab['prices_used'])}</summary><pre>{prices_json}</pre></details>
<h3>{esc(lab['metadata'])}</h3>{_table(['key', 'value'], meta_rows)}
<script type="application/json" id="rows-data">{_json_for_script(items)}</script>
<script>{JS}</script>
</body></html>
"""


_CAPTIONS = {
    "accuracy": "fact_accuracy",
    "latency": "latency",
    "cost": "cost_axis",
    "pareto": "pareto",
    "breakeven": "break_even",
    "freshness": "freshness",
    "methods": "methods",
}
