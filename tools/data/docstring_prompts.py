#!/usr/bin/env python3
"""Writes sample-prompts/docstring.jsonl from ACDC's 100 docstring prompts (the project's shared task data,
tasks/docstring_prompts_acdc_100.json): clean prompt, ACDC's 'random_random' corruption, the correct
argument name as the answer and the 13 wrong ones as distractors, scored with ACDC's docstring metric
(logit of the answer minus the largest distractor logit).

Usage: python3 tools/data/docstring_prompts.py ../shared/tasks/docstring_prompts_acdc_100.json sample-prompts/docstring.jsonl
"""
import json
import sys

source, out = sys.argv[1], sys.argv[2]
data = json.load(open(source, encoding="utf-8"))
with open(out, "w", encoding="utf-8") as f:
    for p in data["prompts"]:
        assert p["correct_answer"] not in p["wrong_answers"]
        f.write(json.dumps({"clean": p["clean"], "corrupted": p["corrupt_random_random"], "answers": [p["correct_answer"]],
                            "distractors": p["wrong_answers"], "metric": "max_logit_diff"}, ensure_ascii=False) + "\n")
