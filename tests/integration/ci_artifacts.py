#!/usr/bin/python3
# Check the artifact paths of ci/examples/ against what the jobs write,
# without GitHub or GitLab: each job's output folder is laid out as tracecal
# lays it out (HOST_OUT: a real `tracecal run --out` folder; a VM job's as
# ci/vm-test writes it), "uploaded" by upload-artifact v4's rule (an
# artifact is rooted at the common folder of its search paths; a wildcard
# ends a search path), "downloaded" as download-artifact v4 does without a
# name (results/NAME/...), and the merge step's own script is run on it with
# tracecal replaced by echo: it must find the host's and every kernel's
# results.json. GitLab keeps artifact paths as given: its JUnit report and
# the files its compare job reads must be among what its suite job keeps.
# Usage: ci_artifacts.py HOST_OUT WORKDIR; exit 1 with the reason on a breach.
import glob
import os
import shutil
import subprocess
import sys

import yaml

HOST_OUT, WORK = sys.argv[1], sys.argv[2]
GITHUB = "ci/examples/github-kernel-matrix.yml"
GITLAB = "ci/examples/gitlab-ci.yml"
failed = False


def fail(why):
    global failed
    print(f"not ok: {why}")
    failed = True


def search_path(pattern):
    """upload-artifact's search path: the pattern up to its first wildcard segment."""
    parts = pattern.split("/")
    for i, p in enumerate(parts):
        if any(c in p for c in "*?["):
            return "/".join(parts[:i])
    return pattern


def upload(job_dir, paths, dest):
    """Copy the files paths match in job_dir to dest, rooted as upload-artifact roots them."""
    searches = [search_path(p) for p in paths]
    if len(searches) == 1 and os.path.isfile(os.path.join(job_dir, searches[0])):
        root = os.path.dirname(searches[0])
    else:
        root = os.path.commonpath(searches)
    n = 0
    for p in paths:
        for f in glob.glob(os.path.join(job_dir, p), recursive=True):
            rel = os.path.relpath(f, os.path.join(job_dir, root))
            os.makedirs(os.path.dirname(os.path.join(dest, rel)) or dest, exist_ok=True)
            if os.path.isfile(f):
                shutil.copy(f, os.path.join(dest, rel))
                n += 1
    return n


def job_dir(name, layout):
    d = os.path.join(WORK, "jobs", name)
    for rel in layout:
        os.makedirs(os.path.dirname(os.path.join(d, rel)), exist_ok=True)
        shutil.copy(os.path.join(HOST_OUT, "results.json"), os.path.join(d, rel))
    return d


def upload_step(job):
    for s in job["steps"]:
        if s.get("uses", "").startswith("actions/upload-artifact"):
            return s["with"]
    return None


def github():
    wf = yaml.safe_load(open(GITHUB))
    jobs = wf["jobs"]
    host = os.path.join(WORK, "jobs", "host")
    shutil.copytree(HOST_OUT, os.path.join(host, "out/host"))
    if "--out out/host" not in " ".join(s.get("run", "") for s in jobs["host"]["steps"]):
        fail("the host job no longer writes out/host: update this check")
    results = os.path.join(WORK, "results")
    up = upload_step(jobs["host"])
    if not upload(host, up["path"].split(), os.path.join(results, up["name"])):
        fail(f"the host job's upload matches none of what it writes: {up['path'].split()}")
    kernels = jobs["vm"]["strategy"]["matrix"]["kernel"]
    for k in kernels:
        # ci/vm-test --out out: out/KERNEL/suite/ and the VM's console.log
        d = job_dir(f"vm-{k}", [f"out/{k}/suite/results.json", f"out/{k}/suite/junit.xml",
                                f"out/{k}/console.log"])
        up = upload_step(jobs["vm"])
        name = up["name"].replace("${{ matrix.kernel }}", k)
        if not upload(d, up["path"].split(), os.path.join(results, name)):
            fail(f"the VM job of {k}: its upload matches none of what it writes")
    merge = next(s["run"] for s in jobs["matrix"]["steps"] if "tracecal merge" in s.get("run", ""))
    out = subprocess.run(["bash", "-c", merge.replace("./tracecal merge", "echo merge")],
                         cwd=WORK, capture_output=True, text=True)
    args = out.stdout.split()
    if out.returncode or "host=results/results-host/results.json" not in args:
        fail(f"the merge step does not find the host's results.json: {out.stdout}{out.stderr}"
             f" (the artifact holds {sorted(os.listdir(os.path.join(results, 'results-host')))})")
    for k in kernels:
        if not any(a.startswith(f"results/results-{k}/") for a in args):
            fail(f"the merge step does not find {k}'s results.json: {out.stdout}")
    print(f"github: the merge step is given {' '.join(args[1:-2])}")


def gitlab():
    ci = yaml.safe_load(open(GITLAB))
    suite, compare = ci["suite"], ci["compare"]
    if "./tracecal run scenarios/ --out out/host" not in suite["script"]:
        fail("the GitLab suite job no longer writes out/host: update this check")
    kept = suite["artifacts"]["paths"]
    junit = suite["artifacts"]["reports"]["junit"]
    for f in (junit, "out/host/results.json"):
        if not os.path.isfile(os.path.join(HOST_OUT, os.path.relpath(f, "out/host"))):
            fail(f"GitLab: {f} is not among what `tracecal run --out out/host` writes")
        if not any(f.startswith(k.rstrip("/") + "/") or f == k for k in kept):
            fail(f"GitLab: {f} is not kept by artifacts:paths {kept}")
    if "base/out/host/results.json" not in " ".join(compare["script"]):
        fail("GitLab: the compare job does not read the suite's results.json where the zip keeps it")
    print(f"gitlab: junit {junit}, kept {kept}")


github()
gitlab()
sys.exit(1 if failed else 0)
