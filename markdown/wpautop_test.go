package markdown

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// wpFormatting is where Debian's wordpress package (which `make test`
// installs) keeps wpautop.
const wpFormatting = "/usr/share/wordpress/wp-includes/formatting.php"

// TestParse_GoldenWpautop runs the golden outputs through WordPress's own
// wpautop, when PHP and WordPress are installed, and checks that it adds no
// line breaks and changes nothing but paragraph tags and whitespace.
func TestParse_GoldenWpautop(t *testing.T) {
	php, err := exec.LookPath("php")
	if err != nil {
		t.Skip("php not installed")
	}
	if _, err := os.Stat(wpFormatting); err != nil {
		t.Skip("WordPress not installed")
	}
	script := filepath.Join(t.TempDir(), "autop.php")
	code := `<?php define('ABSPATH', '/'); require '` + wpFormatting + `'; echo wpautop(stream_get_contents(STDIN));`
	if err := os.WriteFile(script, []byte(code), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, golden := range goldenFiles(t) {
		golden = strings.TrimSuffix(golden, ".md") + ".html"
		t.Run(filepath.Base(golden), func(t *testing.T) {
			in, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(php, script)
			cmd.Stdin = strings.NewReader(string(in))
			out, err := cmd.Output()
			if err != nil {
				t.Fatalf("php: %v", err)
			}
			if got, want := strings.Count(string(out), "<br />"), brCount(string(in)); got != want {
				t.Errorf("wpautop output has %d <br />, want %d:\n%s", got, want, out)
			}
			if a, b := autopInvariant(string(in)), autopInvariant(string(out)); a != b {
				t.Errorf("wpautop changed more than <p> and whitespace:\n--- before\n%s\n--- after\n%s", in, out)
			}
		})
	}
}

var (
	brTag = regexp.MustCompile(`<br ?/?>`)
	pTag  = regexp.MustCompile(`</?p>`)
)

func brCount(html string) int { return len(brTag.FindAllString(html, -1)) }

// autopInvariant is html without <p> tags, with <br> spelled one way and all
// whitespace removed.
func autopInvariant(html string) string {
	html = brTag.ReplaceAllString(pTag.ReplaceAllString(html, ""), "<br>")
	return strings.Join(strings.Fields(html), "")
}
