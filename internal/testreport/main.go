// Command testreport reads `go test -json` on stdin and prints a short,
// readable report: one line a package, the output of each failed test, and a
// closing "N passed, N failed, N skipped" line.
//
// With -require, it also fails when a named package ran no test or skipped
// one: `make test` uses it so that the end-to-end tests cannot silently turn
// into skips (for example when WordPress failed to start).
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
)

type event struct {
	Action  string
	Package string
	Test    string
	Output  string
	Elapsed float64
}

func main() {
	var require multiFlag
	flag.Var(&require, "require", "import path of a package whose tests must all run (repeatable)")
	flag.Parse()
	os.Exit(report(os.Stdin, os.Stdout, require))
}

type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }

type pkgStats struct{ passed, failed, skipped int }

func report(in io.Reader, out io.Writer, require []string) int {
	outputs := map[string][]string{} // package/test → output lines
	// A subtest's output is its own, not its parent's: a failed top-level
	// test is printed with the output of its failed subtests, in the order
	// they ran, or the reason would be missing.
	subtests := map[string][]string{} // package/top-level test → its subtests' keys
	failedSub := map[string]bool{}
	stats := map[string]*pkgStats{}
	var passed, failed, skipped int
	pkgFailed := false
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		var e event
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			// Build errors arrive as plain text.
			fmt.Fprintln(out, sc.Text())
			continue
		}
		key := e.Package + "/" + e.Test
		st := stats[e.Package]
		if st == nil {
			st = &pkgStats{}
			stats[e.Package] = st
		}
		switch e.Action {
		case "output":
			if _, seen := outputs[key]; !seen {
				if top, _, ok := strings.Cut(e.Test, "/"); ok {
					topKey := e.Package + "/" + top
					subtests[topKey] = append(subtests[topKey], key)
				}
			}
			outputs[key] = append(outputs[key], e.Output)
		case "pass", "fail", "skip":
			if e.Test == "" {
				fmt.Fprintf(out, "%-4s %s %.1fs (%d passed, %d failed, %d skipped)\n",
					map[string]string{"pass": "ok", "fail": "FAIL", "skip": "?"}[e.Action],
					e.Package, e.Elapsed, st.passed, st.failed, st.skipped)
				if e.Action == "fail" {
					pkgFailed = true
					if st.failed == 0 {
						// The package failed outside any test (TestMain, a panic, a build error).
						fmt.Fprint(out, strings.Join(outputs[key], ""))
					}
				}
				continue
			}
			if strings.Contains(e.Test, "/") {
				if e.Action == "fail" {
					failedSub[key] = true
				}
				continue // count top-level tests only; failed subtests show with their parent
			}
			switch e.Action {
			case "pass":
				st.passed++
				passed++
			case "fail":
				st.failed++
				failed++
				fmt.Fprintf(out, "--- FAIL: %s (%s)\n%s", e.Test, e.Package, strings.Join(outputs[key], ""))
				for _, sub := range subtests[key] {
					if failedSub[sub] {
						fmt.Fprint(out, strings.Join(outputs[sub], ""))
					}
				}
			case "skip":
				st.skipped++
				skipped++
			}
		}
	}
	code := 0
	if failed > 0 || pkgFailed {
		code = 1
	}
	for _, pkg := range require {
		st := stats[pkg]
		switch {
		case st == nil || st.passed+st.failed == 0:
			fmt.Fprintf(out, "FAIL %s ran no test: the end-to-end tests must run (is WordPress up?)\n", pkg)
			code = 1
		case st.skipped > 0:
			var names []string
			for k, lines := range outputs {
				if strings.HasPrefix(k, pkg+"/") && strings.Contains(strings.Join(lines, ""), "--- SKIP") {
					names = append(names, strings.TrimPrefix(k, pkg+"/"))
				}
			}
			sort.Strings(names)
			fmt.Fprintf(out, "FAIL %s skipped %d test(s) %v: the end-to-end tests must not be skipped\n", pkg, st.skipped, names)
			code = 1
		}
	}
	fmt.Fprintf(out, "%d passed, %d failed, %d skipped\n", passed, failed, skipped)
	return code
}
