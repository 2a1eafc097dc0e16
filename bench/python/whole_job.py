#!/usr/bin/env python3
"""The whole-job benchmark's Python side: the same job as `numerai-playground score` with the stack a Numerai user
runs (pandas + pyarrow to read and join, numerai-tools to score, one call per era), so `npm run bench` can time both
end to end. Takes the CLI's arguments (--data, --predictions FILE..., --meta-model, --benchmark, --benchmark-column,
--features-json, --feature-set, --metrics) and prints the per-model means as JSON.
Needs: pandas, pyarrow, numerai-tools (pip install pandas pyarrow numerai-tools)."""
import argparse
import json
import os

import pandas as pd
import pyarrow.parquet as pq
from numerai_tools.scoring import (
    correlation_contribution,
    feature_neutral_corr,
    max_feature_correlation,
    numerai_corr,
)


def read_values(path, column=None):
    """id-indexed values of a prediction-like file (CSV or parquet), as the user would read them."""
    if path.endswith(".csv"):
        df = pd.read_csv(path, index_col=0)
    else:
        df = pd.read_parquet(path)
        if "id" in df.columns:
            df = df.set_index("id")
    if column is None:
        for c in ("prediction", "probability", "numerai_meta_model"):
            if c in df.columns:
                column = c
                break
        else:
            column = [c for c in df.columns if c not in ("era", "data_type")][0]
    return df[column]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--predictions", nargs="+", action="extend", required=True)
    ap.add_argument("--meta-model")
    ap.add_argument("--benchmark")
    ap.add_argument("--benchmark-column")
    ap.add_argument("--features-json")
    ap.add_argument("--feature-set")
    ap.add_argument("--metrics")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()

    if a.feature_set:
        with open(a.features_json) as f:
            features = json.load(f)["feature_sets"][a.feature_set]
    else:
        features = [c for c in pq.read_schema(a.data).names if c.startswith("feature_")]
    data = pd.read_parquet(a.data, columns=["era", "target", *features])
    if "id" in data.columns:
        data = data.set_index("id")
    models = []
    for path in a.predictions:
        name = os.path.splitext(os.path.basename(path))[0]
        data[name] = read_values(path)
        models.append(name)
    if a.meta_model:
        data["numerai_meta_model"] = read_values(a.meta_model, "numerai_meta_model")
    if a.benchmark:
        data["benchmark"] = read_values(a.benchmark, a.benchmark_column)
    wanted = a.metrics.split(",") if a.metrics else ["corr", "mmc", "bmc", "fnc", "corr_meta", "max_feature_exposure"]

    rows = {m: [] for m in models}
    for _, era in data.groupby("era"):
        era = era[era["target"].notna()]
        if len(era) == 0:
            continue
        for m in models:
            out = {}
            if "corr" in wanted:
                out["corr"] = numerai_corr(era[[m]], era["target"])[m]
            if "mmc" in wanted and a.meta_model:
                e = era.dropna(subset=["numerai_meta_model"])
                out["mmc"] = correlation_contribution(e[[m]], e["numerai_meta_model"], e["target"])[m]
            if "bmc" in wanted and a.benchmark:
                e = era.dropna(subset=["benchmark"])
                out["bmc"] = correlation_contribution(e[[m]], e["benchmark"], e["target"])[m]
            if "fnc" in wanted:
                out["fnc"] = feature_neutral_corr(era[[m]], era[features], era["target"])[m]
            if "corr_meta" in wanted and a.meta_model:
                e = era.dropna(subset=["numerai_meta_model"])
                out["corr_meta"] = numerai_corr(e[[m]], e["numerai_meta_model"])[m]
            if "max_feature_exposure" in wanted:
                out["max_feature_exposure"] = max_feature_correlation(era[m], era[features])[1]
            rows[m].append(out)
    print(json.dumps({m: pd.DataFrame(r).mean().to_dict() for m, r in rows.items()}))


if __name__ == "__main__":
    main()
