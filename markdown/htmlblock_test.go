package markdown

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// parsedUnchanged reports whether the browser's parse leaves s as it is for
// the editor: htmlContent's answer without its fast path.
func parsedUnchanged(s string) bool {
	nodes, err := html.ParseFragment(strings.NewReader(s), &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body})
	if err != nil {
		return false
	}
	var b strings.Builder
	for _, n := range nodes {
		writeNode(&b, n)
	}
	norm := b.String()
	return norm == s || sameTokens(s, norm)
}

// randomHTML returns tag soup: mostly well-nested elements that plainHTML
// follows, in any order (a <div> in a <p>, an <li> outside a list, …),
// with at most one piece of what it must refuse.
func randomHTML(r *rand.Rand) string {
	pick := func(s []string) string { return s[r.IntN(len(s))] }
	texts := []string{"x", " ", "\n", "a b", "&amp;", "&nbsp;", "&", "&lt;", ">", "\u00a0", "é", "&#160;", "&quot;",
		"\"", "'", "&copy", "\n\n", "\t", "=", "/", "↩︎", "&#x21a9;"}
	attrs := []string{` class="a b"`, ` class='b a'`, ` id=x`, ` href="#fn:1"`, ` checked`, ` CLASS="c"`,
		` title="a>b"`, ` data-x="&amp;"`, ` role=doc`, ` alt=""`, ` src=a.png`, ` x = "y"`, "\ty=z", "\nz"}
	comments := []string{"<!---->", "<!-- a -->", "<!--more-->", "<!-- <p> -->"}
	hazards := []string{"<table>", "<td>", "</tr>", "<script>", "</script>", "<style>", "<textarea>", "<button>",
		"<form>", "<dd>", "<font>", "<nobr>", "<svg>", "<body>", "<image>", "<select>", "<option>", "<p/>",
		"<span/>", "<br/>", "<img/>", "</br>", "</p>", "</li>", "<a href=x href=y>", "<a href=x HREF=y>",
		"<a b=c/>", "<i a=\"", "<!--->", "<!-- a--->", "<!-- a -- b -->", "<!-->", "<!--a--!>", "<!DOCTYPE html>",
		"<?x?>", "<", "a < b", "<1>", "\r\n", "\x00", "<pre>\n", "<PRE>\nx</PRE>", "</ p>", "<p >", "<p\n>",
		"<div class=\"x\"id=y>", "<custom-el>", "<h1><h2>", "<a><a>", "<li>"}
	var b strings.Builder
	var open []string
	hazard := -1
	n := 1 + r.IntN(25)
	if r.IntN(2) == 0 {
		hazard = r.IntN(n)
	}
	for i := range n {
		if i == hazard {
			b.WriteString(pick(hazards))
		}
		switch k := r.IntN(10); {
		case k < 3:
			b.WriteString(pick(texts))
		case k < 6:
			name := pick(plainElementNames)
			if r.IntN(10) == 0 {
				name = strings.ToUpper(name)
			}
			b.WriteString("<" + name)
			for a := r.IntN(3); a > 0; a-- {
				b.WriteString(pick(attrs))
			}
			if r.IntN(15) == 0 {
				b.WriteString("/") // <br/> is <br>, <span/> is not </span>
			}
			b.WriteString(">")
			if r.IntN(8) == 0 {
				b.WriteString("\n")
			}
			if el, _ := plainElementSet.index([]byte(strings.ToLower(name))); plainElements[el]&peVoid == 0 {
				open = append(open, name)
			}
		case k < 9 && len(open) > 0:
			b.WriteString("</" + open[len(open)-1] + ">")
			open = open[:len(open)-1]
		case k == 9:
			b.WriteString(pick(comments))
		}
	}
	for len(open) > 0 && r.IntN(20) > 0 {
		b.WriteString("</" + open[len(open)-1] + ">")
		open = open[:len(open)-1]
	}
	return b.String()
}

// TestPlainHTML checks plainHTML, htmlContent's fast path, against the
// parse it saves: what it accepts, the parse must leave as it is.
func TestPlainHTML(t *testing.T) {
	var inputs []string
	// The Custom HTML blocks of the golden files.
	block := regexp.MustCompile(`(?s)<!-- wp:html -->\n(.*?)\n<!-- /wp:html -->`)
	files, _ := filepath.Glob(filepath.Join("testdata", "blocks", "*.html"))
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range block.FindAllStringSubmatch(string(data), -1) {
			inputs = append(inputs, m[1])
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	n := 30000
	if testing.Short() {
		n = 3000
	}
	for range n {
		inputs = append(inputs, randomHTML(r))
	}
	accepted := 0
	for _, s := range inputs {
		if !plainHTML(s) {
			continue
		}
		accepted++
		if !parsedUnchanged(s) {
			t.Errorf("plainHTML accepts %q, which the parser changes", s)
		}
	}
	t.Logf("%d of %d accepted", accepted, len(inputs))
	if accepted < len(inputs)/20 {
		t.Errorf("only %d of %d inputs accepted: the test says little", accepted, len(inputs))
	}
}

// FuzzPlainHTML is TestPlainHTML on fuzzed input.
func FuzzPlainHTML(f *testing.F) {
	r := rand.New(rand.NewPCG(3, 4))
	for range 100 {
		f.Add(randomHTML(r))
	}
	f.Fuzz(func(t *testing.T, s string) {
		if plainHTML(s) && !parsedUnchanged(s) {
			t.Errorf("plainHTML accepts %q, which the parser changes", s)
		}
	})
}

// TestPlainTag checks plainTag, renderRichRawHTML's fast path, against
// normalizeTags, which it saves: what it accepts, normalizeTags leaves as it
// is.
func TestPlainTag(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 14))
	pick := func(s []string) string { return s[r.IntN(len(s))] }
	names := []string{"a", "span", "img", "br", "h1", "A", "Span", "my-el", "x1", "script", "input", "1a", ""}
	attrs := []string{` href="x"`, ` class="a b"`, ` src="img/a.png"`, ` alt=""`, ` data-x="1"`, ` HREF="x"`, ` href='x'`,
		` href=x`, ` checked`, `  href="x"`, "\thref=\"x\"", ` href="a&amp;b"`, ` title="a>b"`, ` title="a<b"`, ` title="é"`,
		` title="a` + "\u00a0" + `b"`, ` title="a` + "\n" + `b"`, ` x:y="1"`, ` a.b="1"`, ` href = "x"`, ` href="x"/`, ` href="`}
	accepted := 0
	for range 20000 {
		var b strings.Builder
		b.WriteString("<")
		if r.IntN(4) == 0 {
			b.WriteString("/")
		}
		b.WriteString(pick(names))
		for n := r.IntN(4); n > 0; n-- {
			b.WriteString(pick(attrs))
		}
		b.WriteString(pick([]string{">", ">", ">", "/>", " >", "", ">x", "><b>"}))
		raw := []byte(b.String())
		if !plainTag(raw) {
			continue
		}
		accepted++
		if got := normalizeTags(raw); got != string(raw) {
			t.Errorf("plainTag accepts %q, which normalizeTags writes %q", raw, got)
		}
	}
	if accepted < 1000 {
		t.Errorf("plainTag accepted only %d tags: the test says little", accepted)
	}
}

// TestPlainDepth checks plainDepth, htmlDepth's fast path, against the
// tokenizer it saves.
func TestPlainDepth(t *testing.T) {
	r := rand.New(rand.NewPCG(15, 16))
	accepted := 0
	for range 20000 {
		s := randomHTML(r)
		depth, ok := plainDepth(s)
		if !ok {
			continue
		}
		accepted++
		z := html.NewTokenizer(strings.NewReader(s))
		want := 0
	tokens:
		for {
			switch z.Next() {
			case html.ErrorToken:
				break tokens
			case html.StartTagToken:
				if name, _ := z.TagName(); !voidElements[string(name)] {
					want++
				}
			case html.EndTagToken:
				want--
			}
		}
		if depth != want {
			t.Errorf("plainDepth(%q) = %d, the tokenizer counts %d", s, depth, want)
		}
	}
	if accepted < 2000 {
		t.Errorf("plainDepth read only %d: the test says little", accepted)
	}
}
