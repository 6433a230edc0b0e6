package main

import (
	"encoding/json"
	"strings"
	"testing"
)

func events(t *testing.T, evs ...event) string {
	t.Helper()
	var b strings.Builder
	for _, e := range evs {
		line, err := json.Marshal(e)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(line)
		b.WriteByte('\n')
	}
	return b.String()
}

// A failed subtest's output, which go test -json gives to the subtest and
// not to its parent, is printed with the failed parent.
func TestReport_FailedSubtestOutput(t *testing.T) {
	const pkg = "example.com/e2e"
	in := events(t,
		event{Action: "output", Package: pkg, Test: "TestSafety", Output: "=== RUN   TestSafety\n"},
		event{Action: "output", Package: pkg, Test: "TestSafety/ok", Output: "=== RUN   TestSafety/ok\n"},
		event{Action: "output", Package: pkg, Test: "TestSafety/ok", Output: "    quiet line of a passing subtest\n"},
		event{Action: "pass", Package: pkg, Test: "TestSafety/ok"},
		event{Action: "output", Package: pkg, Test: "TestSafety/seed_7", Output: "=== RUN   TestSafety/seed_7\n"},
		event{Action: "output", Package: pkg, Test: "TestSafety/seed_7", Output: "    safety_test.go:99: the reason it failed\n"},
		event{Action: "output", Package: pkg, Test: "TestSafety/seed_7", Output: "--- FAIL: TestSafety/seed_7 (1.00s)\n"},
		event{Action: "fail", Package: pkg, Test: "TestSafety/seed_7"},
		event{Action: "output", Package: pkg, Test: "TestSafety", Output: "--- FAIL: TestSafety (2.00s)\n"},
		event{Action: "fail", Package: pkg, Test: "TestSafety"},
		event{Action: "fail", Package: pkg},
	)
	var out strings.Builder
	code := report(strings.NewReader(in), &out, nil)
	got := out.String()
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	if !strings.Contains(got, "safety_test.go:99: the reason it failed") {
		t.Errorf("report lacks the failed subtest's output:\n%s", got)
	}
	if strings.Contains(got, "quiet line of a passing subtest") {
		t.Errorf("report prints a passing subtest's output:\n%s", got)
	}
	if !strings.Contains(got, "0 passed, 1 failed, 0 skipped") {
		t.Errorf("closing line wrong:\n%s", got)
	}
}
