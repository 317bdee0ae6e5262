"""Tidy long tables of an SxCascade run with pandas (docs/api.md, "From Python").

    sxcascade run flowsheets/prnd-p507.yaml --out results/prnd
    python3 docs/recipes/tidy_results.py results/prnd

Reads streams.csv, stages.csv and summary.json of a `run --out` directory and prints, and writes
beside them, two long ("tidy") tables with the element as a column:

  streams_long.csv  stream, kind, phase, is_product, element, concentration [mol/L],
                    molar_flow [mol/h], purity, recovery
  stages_long.csv   cascade, stage, section, element, aqueous [mol/L], organic [mol/L]

The element columns of the CSVs (c_Nd [mol/L], x_Nd [mol/L], ...) are melted by their prefix; the
JSON gives the same numbers keyed by element, which the recipe checks against the CSV.
"""
import json
import pathlib
import re
import sys

import pandas as pd

# one wide column per element and quantity: "c_Nd [mol/L]" -> quantity "c", element "Nd"
COLUMN = re.compile(r"^(?P<quantity>c|molar_flow|purity|recovery|x|y)_(?P<element>[^ ]+) \[")
NAMES = {"c": "concentration", "x": "aqueous", "y": "organic"}


def melt(wide: pd.DataFrame, ids: list[str]) -> pd.DataFrame:
    """The element columns of `wide` as rows: ids..., element, one column per quantity."""
    long = wide.melt(id_vars=ids, var_name="column", value_name="value")
    parts = long["column"].str.extract(COLUMN)
    long = long.assign(quantity=parts["quantity"].map(lambda q: NAMES.get(q, q)), element=parts["element"])
    long = long.dropna(subset=["quantity"]).drop(columns="column")
    tidy = long.pivot_table(index=ids + ["element"], columns="quantity", values="value", sort=False).reset_index()
    tidy.columns.name = None
    return tidy


def main(directory: str) -> None:
    out = pathlib.Path(directory)
    streams = pd.read_csv(out / "streams.csv")
    stages = pd.read_csv(out / "stages.csv")
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))

    streams = streams.rename(columns={"flow [L/h]": "flow"})
    streams_long = melt(streams, ["name", "kind", "phase", "flow", "is_product"]).rename(columns={"name": "stream"})
    stages_long = melt(stages[[c for c in stages.columns if c in ("cascade", "stage", "section") or COLUMN.match(c)]],
                       ["cascade", "stage", "section"])

    # the JSON holds the same numbers, keyed by element: one tidy row per stream and element
    from_json = pd.DataFrame(
        [{"stream": s["name"], "element": e, "purity_json": p} for s in summary["streams"] for e, p in s["purity"].items()])
    check = streams_long.merge(from_json, on=["stream", "element"])
    assert len(check) == len(streams_long), "every CSV row has its JSON value"
    assert (check["purity"] - check["purity_json"]).abs().max() <= 1e-12, "CSV and JSON agree"

    streams_long.to_csv(out / "streams_long.csv", index=False)
    stages_long.to_csv(out / "stages_long.csv", index=False)
    products = streams_long[streams_long["is_product"]]
    print(products[["stream", "element", "purity", "recovery"]].to_string(index=False))
    print(f"{len(streams_long)} stream rows, {len(stages_long)} stage rows; wrote streams_long.csv and stages_long.csv")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "results/prnd")
