package markdown

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
	"gopkg.in/yaml.v3"
)

// yamlSeeds are front matters simpleYAML reads, and some it must leave to
// yaml.v3.
var yamlSeeds = []string{
	"title: \"gen post 1\"\ndate: 2025-01-02T10:00:00\n",
	"title: Welcome to wpsync\ndate: 2026-11-20T09:00:00+01:00\ncategories: [News]\ntags: [wpsync, markdown]\nexcerpt: Write in Markdown, publish to WordPress, and keep both in step.\n",
	"title: Work in progress\ndraft: true\ntags: [ideas]\n",
	"layout: post\ntitle: Notes from a Jekyll site\ncategories: jekyll notes\n",
	"tags:\n  - a\n  - 'b'\n  -\n  - \"c d\"\ncategories:\n- x\n\n- y\n# comment\nstatus: draft\n",
	"a:\nb: ~\nc: null\nd: 0x1F\ne: 1_000\nf: .5\ng: -.inf\nh: yes\ni: TRUE\nj: 2024-03-05\nk: 1e3\nl: 0o17\nm: +12\nn: 1.10\no: '1.10'\n",
	"empty: []\nlist: [1, true, ~, \"x\", 'y', c#]\nurl: https://example.com/a?b=c#d\nquote: it's \"fine\"\n",
	"", "\n\n", "# only a comment\n", "title: x\n  continued\n", "title: a: b\n", "t: |\n  x\n", "t: &a x\nu: *a\n",
	"t: [a, [b]]\n", "t: {a: 1}\n", "t: x # c\n", "t:\n  a: 1\n", "t:\n  - a\n b: 1\n", "-\n", "t: \"a\\\"b\"\n",
	"t:\n  - a\n  -  b  \nu: 1", "t: ---\n", "t: -1\n", "t: 'it''s'\n", "key : x\n", "t:\tx\n", "t: [ ]\n", "t: [a,]\n",
	"x: 1\nx: 2\n", "Title: a\ntitle: b\n", "1: a\ntrue: b\nnull: c\n", "t: a\u00a0: b\n", "t: a:b\n", "t: é\n",
}

// describeYAML describes a document node's content as decodeYAML reads it.
func describeYAML(content []*yaml.Node) string {
	if len(content) == 0 {
		return "empty"
	}
	root := content[0]
	if root.Kind != yaml.MappingNode {
		return fmt.Sprintf("kind %v", root.Kind)
	}
	var b strings.Builder
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		fmt.Fprintf(&b, "%q line %d: %#v\n", k.Value, k.Line, yamlValue(v, true))
	}
	return b.String()
}

// FuzzSimpleYAML checks simpleYAML against yaml.v3: what it reads, yaml.v3
// reads without error and to the same values.
func FuzzSimpleYAML(f *testing.F) {
	for _, s := range yamlSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		content, ok := simpleYAML(raw)
		if !ok {
			return
		}
		var doc yaml.Node
		if err := yaml.Unmarshal(raw, &doc); err != nil {
			t.Fatalf("simpleYAML reads %q, yaml.v3 fails: %v", raw, err)
		}
		if got, want := describeYAML(content), describeYAML(doc.Content); got != want {
			t.Fatalf("simpleYAML reads %q as\n%s\nyaml.v3 as\n%s", raw, got, want)
		}
	})
}

// TestSimpleYAML checks that the usual front matter takes the fast path.
func TestSimpleYAML(t *testing.T) {
	for _, s := range yamlSeeds[:6] {
		if _, ok := simpleYAML([]byte(s)); !ok {
			t.Errorf("simpleYAML leaves %q to yaml.v3", s)
		}
	}
}

// TestSimpleYAML_Random is FuzzSimpleYAML on front matter made of the pieces
// simpleYAML reads and of those it must refuse.
func TestSimpleYAML_Random(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	pick := func(s []string) string { return s[r.IntN(len(s))] }
	keys := []string{"title", "a", "Title", "x-y", "a.b", "1", "true", "null", "y", "_k", "tags", "-a", "a b", "'q'", "\"d\"", "? a", "<<"}
	values := []string{"", " ", "x", "hello world", "1", "-1", "+1", "0x1F", "0o7", "0b101", "1_0", "1e3", ".5", "1.", ".inf",
		"-.Inf", ".nan", "~", "null", "NULL", "true", "True", "false", "yes", "on", "2024-03-05", "2024-03-05T10:00:00",
		"2024-03-05 10:00:00 +0530", "\"q\"", "'s'", "\"\"", "''", "[]", "[a]", "[a, b]", "[1, 2.5, true, ~]", "[\"a, b\"]",
		"['x']", "[a,b]", "[ a , b ]", "[a, ]", "[[a]]", "{a: 1}", "|", ">", "&a x", "*a", "!!str 1", "a: b", "a:b", "a #c",
		"a#c", "#c", "-", "- a", "-a", "?", "?a", ":a", "a:", "%x", "@x", "`x`", "---", "...", "it's", "say \"hi\"", "a\u00a0b",
		"é", "a  b", "\"a\\\"b\"", "'it''s'", "\"a", "a\"", "[a", "a]", "{", "}", ",", "=", "<<", "0777", "1:30", "a,b",
		"[a:b]", "[c#]", "[a #b]", "<!-- cut -->", "<<x", "a<b>", "\"<!--more-->\"", "~x", "x~", "1.2.3", "+", ".", "0.", "1e", "-.5"}
	n, accepted := 30000, 0
	if testing.Short() {
		n = 3000
	}
	for range n {
		var b strings.Builder
		for lines := r.IntN(6); lines > 0; lines-- {
			switch k := r.IntN(12); {
			case k < 7:
				b.WriteString(pick(keys) + ":")
				if v := pick(values); v != "" || r.IntN(2) == 0 {
					b.WriteString(" " + v)
				}
				b.WriteString(pick([]string{"\n", "\n", "\n", "  \n", ""}))
			case k < 9:
				indent := pick([]string{"", "  ", "    ", " "})
				for items := r.IntN(3); items >= 0; items-- {
					b.WriteString(indent + "-")
					if v := pick(values); v != "" {
						b.WriteString(" " + v)
					}
					b.WriteString("\n")
				}
			case k == 9:
				b.WriteString(pick([]string{"\n", "# c\n", "  # c\n", "  \n", "\t\n", "  more\n", "---\n", "...\n"}))
			default:
				b.WriteString(pick(keys) + ":\n")
			}
		}
		raw := []byte(b.String())
		content, ok := simpleYAML(raw)
		if !ok {
			continue
		}
		accepted++
		var doc yaml.Node
		if err := yaml.Unmarshal(raw, &doc); err != nil {
			t.Fatalf("simpleYAML reads %q, yaml.v3 fails: %v", raw, err)
		}
		if got, want := describeYAML(content), describeYAML(doc.Content); got != want {
			t.Fatalf("simpleYAML reads %q as\n%s\nyaml.v3 as\n%s", raw, got, want)
		}
	}
	if accepted < n/10 {
		t.Errorf("simpleYAML read only %d of %d: the test says little", accepted, n)
	}
}

// sameTOML reports whether simpleTOML's value a is toml.Decode's b: equal,
// with times that are the same instant in zones of the same name and offset.
func sameTOML(a, b any) bool {
	switch a := a.(type) {
	case time.Time:
		b, ok := b.(time.Time)
		return ok && a.Equal(b) && a.Location().String() == b.Location().String() &&
			a.Format(time.RFC3339Nano) == b.Format(time.RFC3339Nano)
	case []any:
		b, ok := b.([]any)
		if !ok || len(a) != len(b) {
			return false
		}
		for i := range a {
			if !sameTOML(a[i], b[i]) {
				return false
			}
		}
		return true
	case map[string]any:
		b, ok := b.(map[string]any)
		if !ok || len(a) != len(b) {
			return false
		}
		for k, v := range a {
			if w, ok := b[k]; !ok || !sameTOML(v, w) {
				return false
			}
		}
		return true
	}
	return reflect.DeepEqual(a, b)
}

// tomlSeeds are front matters simpleTOML reads, and some it must leave to
// toml.Decode.
var tomlSeeds = []string{
	"title = \"Tables, code and shortcodes\"\ndate = 2026-11-21T14:30:00\ncategories = [\"Guides\"]\ntags = [\"markdown\", \"code\"]\ndescription = \"GitHub-flavoured Markdown features, rendered as WordPress expects.\"\n",
	"title = \"A trip\"\ndate = 2026-11-24T18:30:00+01:00\ndraft = false\ntags = [\"hugo\", \"travel\"]\n\n[cover]\nimage = \"beach.jpg\"\nalt = 'A \"beach\"'\n",
	"a = 1\nb = -2\nc = +3\nd = 0\ne = true\nf = []\ng = [ 1, 'x', false, ]\nh = 1979-05-27\ni = 1979-05-27 07:32:00Z\nj = 1979-05-27t07:32:00.999-07:00\n# c\n",
	"", "\n", "# only\n", "a = 1.5\n", "a = 1_000\n", "a = 0x1F\n", "a = 01\n", "a = \"\"\"x\"\"\"\n", "a = \"a\\nb\"\n", "a = {b = 1}\n",
	"a.b = 1\n", "\"a\" = 1\n", "[a.b]\nc = 1\n", "[[a]]\nb = 1\n", "a = 1\na = 2\n", "[a]\n[a]\n", "a = 1\n[a]\n", "a = [[1]]\n",
	"a = 1 # c\n", "a = 07:32:00\n", "a = 1979-13-27\n", "a = 1979-5-27\n", "a = [1979-05-27]\n", "a\t= 1\n", "a = 99999999999999999999\n",
	"a = inf\n", "a = [\"x, y\"]\n", "a = [,]\n", "a = 'it''s'\n", "a=1\n", "  a = 'x'  \n", "[ a ]\n", "a = \"é\"\n",
}

// FuzzSimpleTOML checks simpleTOML against toml.Decode: what it reads,
// toml.Decode reads without error and to the same values.
func FuzzSimpleTOML(f *testing.F) {
	for _, s := range tomlSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) { checkSimpleTOML(t, raw) })
}

func checkSimpleTOML(t *testing.T, raw []byte) bool {
	t.Helper()
	m, ok := simpleTOML(raw)
	if !ok {
		return false
	}
	var want map[string]any
	if _, err := toml.Decode(string(raw), &want); err != nil {
		t.Fatalf("simpleTOML reads %q, toml.Decode fails: %v", raw, err)
	}
	if !sameTOML(m, want) {
		t.Fatalf("simpleTOML reads %q as\n%#v\ntoml.Decode as\n%#v", raw, m, want)
	}
	return true
}

// TestSimpleTOML checks that the usual front matter takes the fast path,
// and simpleTOML on front matter made of the pieces it reads and of those
// it must refuse.
func TestSimpleTOML(t *testing.T) {
	for _, s := range tomlSeeds[:3] {
		if !checkSimpleTOML(t, []byte(s)) {
			t.Errorf("simpleTOML leaves %q to toml.Decode", s)
		}
	}
	r := rand.New(rand.NewPCG(9, 10))
	pick := func(s []string) string { return s[r.IntN(len(s))] }
	keys := []string{"title", "a", "Title", "x-y", "1", "_k", "tags", "a.b", "\"q\"", "a b", ""}
	values := []string{"\"x\"", "'y'", "\"\"", "''", "\"a'b\"", "'a\"b'", "'a\\b'", "\"a\\b\"", "1", "-1", "+1", "0", "-0", "01",
		"1_0", "1.5", "true", "false", "True", "[]", "[ ]", "[1, 2]", "[\"a\", 'b',]", "[1, \"a\", true]", "[[1]]", "[1979-05-27]",
		"1979-05-27", "1979-05-27T07:32:00", "1979-05-27 07:32:00", "1979-05-27t07:32:00z", "1979-05-27T07:32:00.5+01:00",
		"1979-05-27T07:32:00-00:00", "1979-05-27T07:32", "1979-02-30", "07:32:00", "{a = 1}", "\"\"\"x\"\"\"", "x", "",
		"\"x\" # c", "[1,,2]", "[,]", "\"é\"", "9223372036854775807", "9223372036854775808"}
	n, accepted := 20000, 0
	if testing.Short() {
		n = 2000
	}
	for range n {
		var b strings.Builder
		for lines := r.IntN(6); lines > 0; lines-- {
			switch k := r.IntN(10); {
			case k < 7:
				b.WriteString(pick([]string{"", "  "}) + pick(keys) + pick([]string{" = ", "=", " =  "}) + pick(values))
			case k == 7:
				b.WriteString("[" + pick(keys) + "]")
			case k == 8:
				b.WriteString(pick([]string{"# c", "", "  ", "[[a]]", "\t"}))
			}
			b.WriteString(pick([]string{"\n", "\n", " \n", ""}))
		}
		if checkSimpleTOML(t, []byte(b.String())) {
			accepted++
		}
	}
	if accepted < n/10 {
		t.Errorf("simpleTOML read only %d of %d: the test says little", accepted, n)
	}
}
