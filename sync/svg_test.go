package sync

import (
	"context"
	"encoding/base64"
	"strings"
	"testing"
)

// capableFake is the content fake with a user's capabilities.
type capableFake struct {
	*contentFake
	unfiltered bool
}

func (f *capableFake) Can(_ context.Context, capability string) (bool, error) {
	return capability == "unfiltered_html" && f.unfiltered, nil
}

func (f *capableFake) uploads() int {
	n := 0
	for _, c := range f.calls {
		if strings.HasPrefix(c, "upload ") {
			n++
		}
	}
	return n
}

const chart = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10" onload="alert(1)">` +
	`<script>alert(2)</script><style>rect{fill:url(https://evil.example/x)}</style>` +
	`<defs><linearGradient id="g"><stop offset="0"/></linearGradient></defs>` +
	`<rect width="5" height="5" fill="url(#g)" onclick="alert(3)"/>` +
	`<a href="https://evil.example/"><text>t</text></a><image href="https://evil.example/i.png"/>` +
	`<use xlink:href="#g"/><foreignObject><div>html</div></foreignObject></svg>`

func TestSanitizeSVG(t *testing.T) {
	got, err := sanitizeSVG([]byte(chart))
	if err != nil {
		t.Fatal(err)
	}
	s := string(got)
	for _, bad := range []string{"script", "alert", "onload", "onclick", "evil.example", "<style", "foreignObject", "foreignobject", "<image", "<div"} {
		if strings.Contains(s, bad) {
			t.Errorf("sanitized drawing still holds %q:\n%s", bad, s)
		}
	}
	for _, good := range []string{`viewBox="0 0 10 10"`, `fill="url(#g)"`, `xlink:href="#g"`, `<linearGradient id="g">`, `<text>t</text>`, `xmlns="http://www.w3.org/2000/svg"`} {
		if !strings.Contains(s, good) {
			t.Errorf("sanitized drawing lost %q:\n%s", good, s)
		}
	}
	if _, err := sanitizeSVG([]byte("<p>not a drawing</p>")); err == nil {
		t.Error("a file without <svg> was taken")
	}
}

func TestSyncer_RefusedUploadRemembered(t *testing.T) {
	for _, unfiltered := range []bool{false, true} {
		name := "author"
		if unfiltered {
			name = "editor"
		}
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			writeFiles(t, dir, map[string]string{
				"survey.md": "---\ntitle: Survey\n---\nMost said often.\n\n![Answers](chart.svg)\n",
				"chart.svg": chart,
			})
			fake := &capableFake{contentFake: newContentFake(), unfiltered: unfiltered}
			r := runWith(t, fake, dir, Options{})
			it := itemFor(t, r, "survey.md")
			if fake.uploads() != 1 {
				t.Fatalf("run 1: %d uploads, want 1: %v", fake.uploads(), fake.calls)
			}
			if !unfiltered {
				if it.Action != ActionError || !strings.Contains(it.Error, "allow SVG uploads") || !strings.Contains(it.Error, "unfiltered HTML") || it.Line != 6 {
					t.Errorf("run 1: %+v", it)
				}
			} else {
				if it.Action != ActionCreate {
					t.Fatalf("run 1: %+v", it)
				}
				content := fake.post(t, it.ID).Content
				i := strings.Index(content, "data:image/svg+xml;base64,")
				if i < 0 {
					t.Fatalf("no inline drawing in %s", content)
				}
				enc := content[i+len("data:image/svg+xml;base64,"):]
				enc = enc[:strings.IndexAny(enc, `"'`)]
				svg, err := base64.StdEncoding.DecodeString(enc)
				if err != nil || !strings.Contains(string(svg), "<rect") || strings.Contains(string(svg), "alert") {
					t.Errorf("inline drawing %q (%v)", svg, err)
				}
			}
			fake.reset()
			r = runWith(t, fake, dir, Options{})
			if fake.uploads() != 0 || fake.writes() != 0 {
				t.Errorf("run 2 sent %v", fake.calls)
			}
			if it := itemFor(t, r, "survey.md"); unfiltered && it.Action != ActionUnchanged || !unfiltered && it.Action != ActionError {
				t.Errorf("run 2: %+v", it)
			}
			// A changed drawing is new bytes: tried again.
			writeFiles(t, dir, map[string]string{"chart.svg": strings.Replace(chart, `width="5"`, `width="6"`, 1)})
			fake.reset()
			runWith(t, fake, dir, Options{})
			if fake.uploads() != 1 {
				t.Errorf("changed drawing: %d uploads, want 1", fake.uploads())
			}
			fake.reset()
			runWith(t, fake, dir, Options{Force: true})
			if fake.uploads() != 1 {
				t.Errorf("--force: %d uploads, want 1 (tried again)", fake.uploads())
			}
		})
	}
}
