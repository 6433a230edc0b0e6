package main

import (
	"bytes"
	"strings"
	"testing"

	wpsync "github.com/wpsync/wpsync/sync"
)

// A run's notes (Eleventy's input folder) are information: a note line,
// never a warning nor a GitHub ::warning annotation; its warnings stay.
func TestSyncPrinter_Notes(t *testing.T) {
	r := &wpsync.Report{Notes: []string{"Eleventy: input folder src/ (dir.input in eleventy.config.js), templates run before Markdown: Nunjucks"}, Warnings: []string{"a real warning"}}
	for _, format := range []string{"text", "github"} {
		var out bytes.Buffer
		p := newSyncPrinter(format, t.TempDir(), nil, false, false, ioStreams{In: strings.NewReader(""), Out: &out, Err: &bytes.Buffer{}}, func(string) string { return "" })
		if err := p.finish(r, 0); err != nil {
			t.Fatal(err)
		}
		got := out.String()
		for _, l := range strings.Split(got, "\n") {
			if strings.Contains(l, "input folder") && (strings.Contains(l, "warning") || !strings.HasPrefix(l, "note")) {
				t.Errorf("%s: the note is printed as %q, want a note line", format, l)
			}
		}
		if !strings.Contains(got, "input folder src/") || !strings.Contains(got, "a real warning") {
			t.Errorf("%s: output lacks the note or the warning:\n%s", format, got)
		}
	}
}
