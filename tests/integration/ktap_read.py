#!/usr/bin/python3
# Read a KTAP file of `tracecal run --ktap` back with a TAP parser that is
# not ours (Debian's python3-tap, tappy) and print what it understood, one
# line per result: "TOOL<tab>SCENARIO<tab>ok|not ok<tab>DIRECTIVE" (the
# directive's first word, or "-"), and "TOOL<tab>*<tab>..." for the tool's
# own line. The KTAP-only lines (version lines, the subtest indentation)
# are checked here by hand, since a TAP parser does not know them. Any
# breach of the format: a message on stderr and exit status 1.
# Usage: ktap_read.py FILE
import sys

from tap.parser import Parser

INDENT = "  "  # one level of KTAP nesting


def fail(why):
    print(f"ktap_read: {sys.argv[1]}: {why}", file=sys.stderr)
    sys.exit(1)


def parse(lines, where):
    """Parse one level with tappy: its plan and results; unknown lines are an error."""
    plan, results = None, []
    for line in Parser().parse_text("\n".join(lines) + "\n"):
        if line.category == "plan":
            if plan is not None:
                fail(f"{where}: a second plan")
            plan = line.expected_tests
        elif line.category == "test":
            results.append(line)
        elif line.category not in ("diagnostic",):
            fail(f"{where}: tappy does not understand a line ({line.category})")
    if plan is None:
        fail(f"{where}: no plan")
    if plan != len(results):
        fail(f"{where}: plan 1..{plan}, but {len(results)} results")
    for i, r in enumerate(results, 1):
        if r.number != i:
            fail(f"{where}: result {i} is numbered {r.number}")
    return results


def directive(r):
    words = r.directive.text.split()
    return words[0] if words else "-"


def main():
    text = open(sys.argv[1]).read().split("\n")
    if text and text[-1] == "":
        text.pop()
    if not text or text[0] != "KTAP version 1":
        fail(f"the first line is {text[0]!r}, not 'KTAP version 1'" if text else "empty")
    top, subtests, block = [], [], None
    for line in text[1:]:
        if line.startswith(INDENT):
            if block is None:
                block = []
                subtests.append(block)
            block.append(line[len(INDENT):])
        else:
            block = None
            top.append(line)
    results = parse(top, "top level")
    tools = [r for r in results if not r.description.startswith("input_error_")]
    if len(tools) != len(subtests):
        fail(f"{len(tools)} tools at the top level, {len(subtests)} subtests")
    for tool, sub in zip(tools, subtests):
        if sub[0] != "KTAP version 1":
            fail(f"subtest of {tool.description}: starts with {sub[0]!r}")
        if sub[1] != f"# Subtest: {tool.description}":
            fail(f"subtest of {tool.description}: no '# Subtest: {tool.description}' line")
        for r in parse(sub[1:], f"subtest of {tool.description}"):
            ok = "ok" if r.ok else "not ok"
            print(f"{tool.description}\t{r.description}\t{ok}\t{directive(r)}")
        print(f"{tool.description}\t*\t{'ok' if tool.ok else 'not ok'}\t{directive(tool)}")


main()
