package sync

import (
	"os"
	"strings"
	"testing"
)

func TestSanitizeSVG(t *testing.T) {
	chart, err := os.ReadFile("testdata/chart.svg")
	if err != nil {
		t.Fatal(err)
	}
	got, err := sanitizeSVG(chart)
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
