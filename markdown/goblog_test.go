package markdown

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestGoTemplate_Blog(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "blog", "gc"), 0o755); err != nil {
		t.Fatal(err)
	}
	prog := "package main\n\nimport \"fmt\" // OMIT\n\nfunc main() {\n\tfmt.Println(\"hi\")\n}\n"
	if err := os.WriteFile(filepath.Join(dir, "blog", "gc", "hello.go"), []byte(prog), 0o644); err != nil {
		t.Fatal(err)
	}
	src := "---\ntitle: GC\ntemplate: true\n---\n\nThe heap:\n\n{{image \"gc/heap.png\" 850}}\n\n{{code \"gc/hello.go\" `/^func main/` `/^}/`}}\n\n{{play \"gc/hello.go\"}}\n\n{{raw `<b>bold</b>`}} and {{video \"https://www.youtube.com/watch?v=abc\"}}\n"
	doc, err := ParseWith("blog/gc.md", []byte(src), Options{Format: FormatClassic, Dir: dir, Site: &SiteRules{GoTemplate: true}})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`<img src="gc/heap.png" width="850" alt="">`,
		"<pre><code class=\"language-go\">func main() {\n\tfmt.Println(&quot;hi&quot;)\n}\n</code></pre>",
		"<pre><code class=\"language-go\">package main\n\n\nfunc main()", // the OMIT line left out
		"<b>bold</b>",
		"https://www.youtube.com/watch?v=abc",
	} {
		if !strings.Contains(doc.Content, want) {
			t.Errorf("lacks %q:\n%s", want, doc.Content)
		}
	}
	// Only the one that the field is no WordPress page template.
	if strings.Contains(doc.Content, "{{") || len(doc.Warnings) != 1 {
		t.Errorf("warnings %q:\n%s", doc.Warnings, doc.Content)
	}
	if len(doc.Refs) == 0 || doc.Refs[0].Path != "blog/gc/heap.png" {
		t.Errorf("the picture is not a reference to upload: %+v", doc.Refs)
	}

	// A file outside the folder is not read; the body is left as written.
	doc, err = ParseWith("blog/x.md", []byte("---\ntemplate: true\n---\n{{code \"../../etc/passwd\"}}\n"), Options{Format: FormatClassic, Dir: dir, Site: &SiteRules{GoTemplate: true}})
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Warnings) != 3 || !strings.Contains(doc.Warnings[1], "not a file of the folder") {
		t.Errorf("warnings %q", doc.Warnings)
	}
	// Readers see the template code: named with its line.
	if len(doc.Leftovers) != 1 || doc.Leftovers[0].Line != 4 || doc.Leftovers[0].Construct != "template output" {
		t.Errorf("leftovers %+v", doc.Leftovers)
	}
}
