"""Prints the rules of a SARIF log (argv[1]) and what their help holds, one
line per fact, for FileCheck; then the count of results per rule."""
import collections
import json
import sys

run = json.load(open(sys.argv[1]))["runs"][0]
driver = run["tool"]["driver"]
print("informationUri", driver["informationUri"])
for rule in driver["rules"]:
    summary = rule["shortDescription"]["text"]
    text = rule["help"]["text"]
    markdown = rule["help"]["markdown"]
    print(rule["id"], rule["name"])
    print("  helpUri", rule["helpUri"])
    print("  shortDescription", summary)
    print("  fullDescription starts with the summary:",
          rule["fullDescription"]["text"].startswith(summary))
    print("  help.text: summary %s, Before %s, After %s, Options %s, page %s" %
          (text.startswith(summary), "\nBefore:\n" in text,
           "\nAfter:\n" in text, "\nOptions " in text,
           rule["helpUri"] in text))
    print("  help.markdown: summary %s, ```cpp %d, Options %s, link %s" %
          (markdown.startswith(summary), markdown.count("```cpp"),
           "**Options**" in markdown,
           "](%s)" % rule["helpUri"] in markdown))
counts = collections.Counter(r["ruleId"] for r in run["results"])
for rule_id, count in sorted(counts.items()):
    print("results", rule_id, count)
