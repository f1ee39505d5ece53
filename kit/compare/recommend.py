"""The recommendation in plain words, derived from the numbers: which arm to ship at the user's volume.

Rule: among the arms whose fact accuracy is not significantly below the best arm's (exact McNemar,
Holm-corrected), ship the one with the lowest monthly cost at the user's volume (training amortised).
"""

from __future__ import annotations

from typing import Any

from kit.compare.labels import money, pct, volume
from kit.compare.ship import commands
from kit.compare.summary import comparison

TEXT = {
    "en": {
        "ship": "Ship **{arm}**.",
        "best": "It has the highest fact accuracy, {acc} (95% CI {lo}–{hi}).",
        "close": "Its fact accuracy, {acc} (95% CI {lo}–{hi}), is not significantly below the best arm, "
        "{best} at {best_acc} (Holm-corrected p = {p:.3g}), and it costs less.",
        "cost": "At {volume} queries a month it costs {monthly} a month ({per1k} per 1,000 queries{fixed}).",
        "fixed": ", plus {amount} a month of training: {runs} run(s) a year",
        "hosting": ", plus {amount} a month of index hosting",
        "always": "Fine-tuning ({ft}) costs less than retrieval ({rag}) at any volume.",
        "others": "Alternatives at the same volume: {items}.",
        "beats": "Significantly better than {base} on fact accuracy: {arms}.",
        "beats_none": "No arm is significantly better than {base} on fact accuracy.",
        "break_even": "Fine-tuning ({ft}) becomes cheaper than retrieval ({rag}) above {volume} queries a month.",
        "never": "Fine-tuning ({ft}) never becomes cheaper than retrieval ({rag}): it costs more per query.",
        "fresh": "After the policy update, applied to the index in {update:.1f} s without retraining, {rag} "
        "gave the new fact in {rag_new} of the affected questions{others}; {ft} gave the stale one in {ft_stale} "
        "(a retrain takes {retrain:.0f} s).",
        "weak": "Caution: no arm states the required facts in most answers; review before shipping.",
        "placeholders": "Before shipping: {share} [{lo}, {hi}] of {arm}'s answers hold a redaction placeholder such as "
        "[PERSON_1] (learned from redacted answers or copied from a mined passage); customers would see it as is.",
        "no_facts": "The eval items carry no required facts; the choice below uses cosine similarity instead.",
        "above": "Above {volume} queries a month, {arm} (not significantly less accurate) would cost less.",
        "below": "Below {volume} queries a month, {arm} (not significantly less accurate) would cost less.",
        "stable": "No arm as accurate costs less at any volume.",
        "talk": "Talk to it: `{cmd}`",
        "serve": "Serve it (OpenAI-compatible API): `{cmd}`",
        "hosted": "It is a hosted model: its provider serves it.",
    },
    "es": {
        "ship": "Ponga en producción **{arm}**.",
        "best": "Tiene la mayor exactitud de datos, {acc} (IC 95 % {lo}–{hi}).",
        "close": "Su exactitud de datos, {acc} (IC 95 % {lo}–{hi}), no es significativamente menor que la de "
        "la mejor variante, {best} con {best_acc} (p corregida por Holm = {p:.3g}), y cuesta menos.",
        "cost": "Con {volume} consultas al mes cuesta {monthly} al mes ({per1k} por cada 1000 consultas{fixed}).",
        "fixed": ", más {amount} al mes de entrenamiento: {runs} ejecución(es) al año",
        "hosting": ", más {amount} al mes de alojamiento del índice",
        "always": "El ajuste fino ({ft}) cuesta menos que la recuperación ({rag}) a cualquier volumen.",
        "others": "Alternativas al mismo volumen: {items}.",
        "beats": "Significativamente mejores que {base} en exactitud de datos: {arms}.",
        "beats_none": "Ninguna variante es significativamente mejor que {base} en exactitud de datos.",
        "break_even": "El ajuste fino ({ft}) sale más barato que la recuperación ({rag}) a partir de {volume} "
        "consultas al mes.",
        "never": "El ajuste fino ({ft}) nunca sale más barato que la recuperación ({rag}): cuesta más por consulta.",
        "fresh": "Tras el cambio de políticas, aplicado al índice en {update:.1f} s sin reentrenar, {rag} dio el "
        "dato nuevo en {rag_new} de las preguntas afectadas{others}; {ft} dio el dato viejo en {ft_stale} "
        "(reentrenar toma {retrain:.0f} s).",
        "weak": "Atención: ninguna variante da los datos requeridos en la mayoría de las respuestas; revise antes "
        "de ponerla en producción.",
        "placeholders": "Antes de publicarla: el {share} [{lo}, {hi}] de las respuestas de {arm} contiene un marcador de "
        "datos redactados como [PERSON_1] (aprendido de respuestas redactadas o copiado de un pasaje minado); el "
        "cliente lo vería tal cual.",
        "no_facts": "Las preguntas no traen datos requeridos; la elección usa la similitud coseno.",
        "above": "Con más de {volume} consultas al mes, {arm} (no significativamente menos exacta) costaría menos.",
        "below": "Con menos de {volume} consultas al mes, {arm} (no significativamente menos exacta) costaría menos.",
        "stable": "Ninguna variante igual de exacta cuesta menos a ningún volumen.",
        "talk": "Para conversar con ella: `{cmd}`",
        "serve": "Para servirla (API compatible con OpenAI): `{cmd}`",
        "hosted": "Es un modelo alojado: lo sirve su proveedor.",
    },
}


def recommend(
    summary: dict[str, Any],
    arms: list[dict[str, Any]],
    settings: dict[str, Any],
    freshness: dict[str, Any] | None = None,
    lang: str = "en",
) -> dict[str, Any]:
    """{"arm": name, "text": paragraph} derived from the summary's numbers."""
    t = TEXT.get(lang, TEXT["en"])
    per_arm = summary["arms"]
    currency = settings["currency"]
    metric = "fact_accuracy"
    if not any(metric in per_arm[a["name"]]["quality"] for a in arms):
        metric = "cosine"
    scored = [a["name"] for a in arms if metric in per_arm[a["name"]]["quality"]]
    if not scored:
        return {"arm": None, "text": ""}
    acc = {a: per_arm[a]["quality"][metric] for a in scored}
    best = max(scored, key=lambda a: acc[a]["mean"])
    candidates = [best]
    for a in scored:
        test = comparison(summary, metric, best, a) if a != best else None
        if test is not None and (test.get("p_holm") is None or test["p_holm"] >= settings["alpha"]):
            candidates.append(a)
    choice = min(candidates, key=lambda a: (per_arm[a]["cost"]["monthly_at_volume"], -acc[a]["mean"]))
    lines = [] if metric == "fact_accuracy" else [t["no_facts"]]
    lines.append(t["ship"].format(arm=choice))
    a = acc[choice]
    if choice == best:
        lines.append(t["best"].format(acc=pct(a["mean"]), lo=pct(a["low"]), hi=pct(a["high"])))
    else:
        test = comparison(summary, metric, best, choice) or {}
        lines.append(t["close"].format(acc=pct(a["mean"]), lo=pct(a["low"]), hi=pct(a["high"]), best=best,
                                       best_acc=pct(acc[best]["mean"]), p=test.get("p_holm") or 1.0))
    c = per_arm[choice]["cost"]
    fixed = ""
    if c.get("training_monthly", c["fixed_monthly"]):
        fixed = t["fixed"].format(amount=money(c.get("training_monthly", c["fixed_monthly"]), currency),
                                  runs=f"{1 + settings['retrains_per_year']:g}")
    if c.get("hosting_monthly"):
        fixed += t["hosting"].format(amount=money(c["hosting_monthly"], currency))
    lines.append(t["cost"].format(volume=volume(settings["monthly_volume"]), monthly=money(c["monthly_at_volume"], currency),
                                  per1k=money(c["per_query"] * 1000, currency), fixed=fixed))
    others = [f"{n} {money(per_arm[n]['cost']['monthly_at_volume'], currency)}" for n in scored if n != choice]
    if others:
        lines.append(t["others"].format(items=", ".join(others)))
    base = settings.get("baseline")
    if base in acc:
        winners = [
            f"{n} (+{pct(test['diff'])}, p = {test['p_holm']:.2g})"
            for n in scored
            if n != base and (test := comparison(summary, metric, n, base))
            and test["significant"] and (test.get("diff") or 0) > 0
        ]
        lines.append(t["beats"].format(base=base, arms=", ".join(winners)) if winners else t["beats_none"].format(base=base))
    for be in summary["break_even"][:1]:
        key = "never" if be["volume"] is None else "always" if be["volume"] == 0 else "break_even"
        lines.append(t[key].format(ft=be["fine_tuned"], rag=be["rag"], volume=volume(be["volume"])))
    fresh_lines = _freshness_line(freshness, arms, t) if freshness and freshness.get("arms") else []
    lines.extend(fresh_lines)
    if metric == "fact_accuracy" and acc[best]["mean"] < 0.5:
        lines.append(t["weak"])
    leaks = per_arm[choice]["quality"].get("placeholders")
    if leaks and leaks["mean"]:
        lines.append(t["placeholders"].format(arm=choice, share=pct(leaks["mean"]), lo=pct(leaks["low"]),
                                              hi=pct(leaks["high"])))
    changes = what_would_change(per_arm, choice, candidates)
    run = commands(next(a for a in arms if a["name"] == choice), settings)
    run_text = [t["talk"].format(cmd=run["chat"]),
                t["serve"].format(cmd=run["serve"]) if run["serve"] else t[run["reason"]]]
    return {"arm": choice, "metric": metric, "candidates": candidates, "changes": changes, "commands": run,
            "run_text": run_text,
            "ship_text": t["ship"].format(arm=choice), "freshness_text": fresh_lines,
            "changes_text": [t[c["cheaper"]].format(volume=volume(c["volume"]), arm=c["arm"]) for c in changes]
            or [t["stable"]], "text": " ".join(lines)}


def what_would_change(per_arm: dict[str, Any], choice: str, candidates: list[str]) -> list[dict[str, Any]]:
    """Volumes at which another candidate (as accurate, statistically) would cost less than the choice.

    Monthly cost is fixed + per_query x volume, so two arms cross once, at (fixed_b - fixed_a) / (pq_a - pq_b).
    """
    mine = per_arm[choice]["cost"]
    out = []
    for other in dict.fromkeys(candidates):
        if other == choice:
            continue
        theirs = per_arm[other]["cost"]
        slope = mine["per_query"] - theirs["per_query"]
        if slope == 0:
            continue
        crossing = (theirs["fixed_monthly"] - mine["fixed_monthly"]) / slope
        if crossing > 0:
            out.append({"arm": other, "volume": crossing, "cheaper": "above" if slope > 0 else "below"})
    return sorted(out, key=lambda c: c["volume"])


def _freshness_line(freshness: dict[str, Any], arms: list[dict[str, Any]], t: dict[str, str]) -> list[str]:
    fa = freshness["arms"]
    # the retrieving arm (generating or extractive) that took up the most new facts speaks for retrieval
    retrieving = [a["name"] for a in arms if (a.get("rag") or a.get("extractive")) and a["name"] in fa]
    rag = max(retrieving, key=lambda name: fa[name]["new_fact"]["mean"] or 0.0, default=None)
    ft = next((a["name"] for a in arms if a.get("lora") and not a.get("rag") and a["name"] in fa), None)
    if not rag or not ft or freshness.get("update_seconds") is None:
        return []
    return [t["fresh"].format(
        update=freshness["update_seconds"], rag=rag, rag_new=pct(fa[rag]["new_fact"]["mean"]), ft=ft,
        others=f" ({others})" if (others := ", ".join(f"{n} {pct(fa[n]['new_fact']['mean'])}"
                                                      for n in retrieving if n != rag)) else "",
        ft_stale=pct(fa[ft]["stale_fact"]["mean"]), retrain=freshness.get("retrain_seconds") or 0.0,
    )]
