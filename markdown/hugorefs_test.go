package markdown

import (
	"strings"
	"testing"
)

// Hugo's ref "#x" and relref "#x" name an anchor of the page itself: the
// link is "#x", in Markdown and in raw HTML, never the converter's mark;
// the resolver is not asked about it.
func TestConvert_HugoRefToOwnAnchor(t *testing.T) {
	src := "See [below]({{< ref \"#install\" >}}), [again]({{< relref \"#setup-steps\" >}}) and <a href=\"{{< ref \"#raw\" >}}\">raw</a>.\n"
	var asked []Ref
	doc, err := ParseWith("content/posts/x.md", []byte(src), Options{Format: FormatBlocks, Site: hugoRules(), Resolve: func(r Ref) (string, bool) {
		asked = append(asked, r)
		return "", false
	}})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`<a href="#install">below</a>`, `<a href="#setup-steps">again</a>`, `<a href="#raw">raw</a>`} {
		if !strings.Contains(doc.Content, want) {
			t.Errorf("lacks %s:\n%s", want, doc.Content)
		}
	}
	if strings.Contains(doc.Content, refScheme) {
		t.Errorf("the converter's mark leaked:\n%s", doc.Content)
	}
	for _, r := range asked {
		if r.Kind == RefLink {
			t.Errorf("asked to resolve %+v: an anchor of the page itself names no file", r)
		}
	}
	if len(doc.Warnings) != 0 {
		t.Errorf("warnings %q", doc.Warnings)
	}
}

// A reference is on the line of its link's text, not of its paragraph's
// first line: a warning about it names where it is.
func TestParse_RefLineInParagraph(t *testing.T) {
	src := "---\ntitle: T\n---\n\nFirst [a]({{< ref \"a\" >}}),\nthen *[b](b.md)* and\n[![pic](p.png)](c.md).\n"
	lines := map[string]int{}
	_, err := ParseWith("content/x.md", []byte(src), Options{Format: FormatBlocks, Site: hugoRules(), Resolve: func(r Ref) (string, bool) {
		lines[r.Dest] = r.Line
		return "", false
	}})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{"a": 5, "b.md": 6, "c.md": 7, "p.png": 7}
	for dest, line := range want {
		if lines[dest] != line {
			t.Errorf("%s on line %d, want %d (all: %v)", dest, lines[dest], line, lines)
		}
	}
}
