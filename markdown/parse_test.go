package markdown

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
)

// meta returns doc without Content and Format, for comparing front matter
// results.
func meta(doc *Document) Document {
	d := *doc
	d.Content, d.Format = "", ""
	d.Origin = Origin{}         // checked by the tests of site.go
	d.PostFields = PostFields{} // checked by postfields_test.go
	return d
}

func localDate(y int, m time.Month, d, hh, mm, ss int) Date {
	return Date{Time: time.Date(y, m, d, hh, mm, ss, 0, time.UTC)}
}

func TestParse_FrontMatter(t *testing.T) {
	plus0530 := time.FixedZone("", 5*3600+30*60)
	tests := []struct {
		name string
		path string
		src  string
		want Document
	}{
		{
			name: "yaml every field",
			path: "posts/x.md",
			src: `---
title: "Hello: World"
slug: hello-world
status: publish
date: 2024-03-05T10:20:30+01:00
categories: [News, Go]
tags:
  - go
  - wordpress
excerpt: A short summary.
type: page
unknown: ignored
---
Body.
`,
			want: Document{
				Title: "Hello: World", Slug: "hello-world", Status: "publish",
				Date:       Date{Time: time.Date(2024, 3, 5, 9, 20, 30, 0, time.UTC), HasZone: true},
				Categories: []string{"News", "Go"}, Tags: []string{"go", "wordpress"},
				Excerpt: "A short summary.", Type: "page",
			},
		},
		{
			// YAML's document end marker, as pandoc writes it; Jekyll and
			// Hugo close front matter there.
			name: "yaml closed by dots", path: "posts/x.md",
			src:  "---\ntitle: Pandoc\ntags: [a]\n...\nBody --- text.\n---\n",
			want: Document{Title: "Pandoc", Slug: "x", Tags: []string{"a"}},
		},
		{
			name: "yaml closed by dashes before dots", path: "posts/x.md",
			src:  "---\ntitle: Dashes\n---\n...\n",
			want: Document{Title: "Dashes", Slug: "x"},
		},
		{
			name: "toml every field",
			path: "posts/x.md",
			src: `+++
title = "Hello"
slug = "hello"
status = "pending"
date = 2024-03-05T10:20:30Z
categories = ["News"]
tags = ["go", "toml"]
excerpt = "Summary."
type = "book"
[params]
title = "not the title"
+++
Body.
`,
			want: Document{
				Title: "Hello", Slug: "hello", Status: "pending",
				Date:       Date{Time: time.Date(2024, 3, 5, 10, 20, 30, 0, time.UTC), HasZone: true},
				Categories: []string{"News"}, Tags: []string{"go", "toml"},
				Excerpt: "Summary.", Type: "book",
			},
		},
		{
			name: "json every field",
			path: "posts/x.md",
			src: `{
  "title": "Hello",
  "slug": "hello",
  "status": "private",
  "date": "2024-03-05",
  "categories": ["News"],
  "tags": "go",
  "excerpt": "Summary.",
  "type": "post",
  "params": {"x": 1}
}

Body.
`,
			want: Document{
				Title: "Hello", Slug: "hello", Status: "private",
				Date:       localDate(2024, 3, 5, 0, 0, 0),
				Categories: []string{"News"}, Tags: []string{"go"},
				Excerpt: "Summary.", Type: "post",
			},
		},
		{
			name: "json at end of file",
			path: "x.md",
			src:  "{\n\"title\": \"Only\"\n}",
			want: Document{Title: "Only", Slug: "x"},
		},
		{
			name: "json between ;;; lines",
			path: "x.md",
			src:  ";;;\n{\"title\": \"Semi\"}\n;;;\nBody.\n",
			want: Document{Title: "Semi", Slug: "x"},
		},
		{
			name: "yaml after blank lines, BOM and CRLF",
			path: "x.md",
			src:  "\uFEFF\r\n---\r\ntitle: Windows\r\n---\r\nBody.\r\n",
			want: Document{Title: "Windows", Slug: "x"},
		},
		{
			name: "empty front matter",
			path: "hello.md",
			src:  "---\n---\nBody.\n",
			want: Document{Title: "Hello", Slug: "hello"},
		},
		{
			name: "front matter of only comments",
			path: "hello.md",
			src:  "---\n# nothing here\n---\nBody.\n",
			want: Document{Title: "Hello", Slug: "hello"},
		},
		{
			name: "hugo capitalised keys",
			path: "x.md",
			src:  "---\nTitle: Big\nDate: 2024-03-05\nTags: [a]\nDraft: true\n---\n",
			want: Document{Title: "Big", Slug: "x", Status: "draft", Date: localDate(2024, 3, 5, 0, 0, 0), Tags: []string{"a"}},
		},
		{
			name: "lower-case key wins over capitalised",
			path: "x.md",
			src:  "---\nTitle: Big\ntitle: small\n---\n",
			want: Document{Title: "small", Slug: "x"},
		},
		{
			name: "hugo draft and description",
			path: "content/post/x.md",
			src:  "---\ntitle: T\ndraft: true\ndescription: From description.\n---\n",
			want: Document{Title: "T", Slug: "x", Status: "draft", Excerpt: "From description."},
		},
		{
			name: "draft false leaves status empty",
			path: "x.md",
			src:  "---\ndraft: false\npublished: true\n---\n",
			want: Document{Title: "X", Slug: "x"},
		},
		{
			name: "summary when no excerpt or description",
			path: "x.md",
			src:  "---\nsummary: From summary.\ndescription: \"\"\n---\n",
			want: Document{Title: "X", Slug: "x", Excerpt: "From summary."},
		},
		{
			name: "excerpt wins over description",
			path: "x.md",
			src:  "---\ndescription: D\nexcerpt: E\n---\n",
			want: Document{Title: "X", Slug: "x", Excerpt: "E"},
		},
		{
			name: "jekyll published false",
			path: "_posts/2024-03-05-x.md",
			src:  "---\npublished: false\n---\n",
			want: Document{Title: "X", Slug: "x", Status: "draft", Date: localDate(2024, 3, 5, 0, 0, 0)},
		},
		{
			name: "explicit status wins over draft flags",
			path: "x.md",
			src:  "---\nstatus: Future\ndraft: true\npublished: false\n---\n",
			want: Document{Title: "X", Slug: "x", Status: "future"},
		},
		{
			name: "jekyll date with +0530",
			path: "_posts/x.md",
			src:  "---\ndate: 2025-01-29 18:15:32 +0530\n---\n",
			want: Document{Title: "X", Slug: "x", Date: Date{Time: time.Date(2025, 1, 29, 18, 15, 32, 0, plus0530), HasZone: true}},
		},
		{
			name: "jekyll space-separated categories and tags under _posts",
			path: "blog/_posts/2024-03-05-x.md",
			src:  "---\ncategories: news  go\ntags: a b\n---\n",
			want: Document{Title: "X", Slug: "x", Date: localDate(2024, 3, 5, 0, 0, 0), Categories: []string{"news", "go"}, Tags: []string{"a", "b"}},
		},
		{
			name: "jekyll singular category is one name",
			path: "_posts/2024-03-05-x.md",
			src:  "---\ncategory: web design\ncategories: [news, web design]\n---\n",
			want: Document{Title: "X", Slug: "x", Date: localDate(2024, 3, 5, 0, 0, 0), Categories: []string{"news", "web design"}},
		},
		{
			name: "one string is one category outside _posts",
			path: "content/posts/x.md",
			src:  "---\ncategories: web design\ncategory: Misc\ntag: solo\n---\n",
			want: Document{Title: "X", Slug: "x", Categories: []string{"web design", "Misc"}, Tags: []string{"solo"}},
		},
		{
			name: "numbers and booleans are text",
			path: "x.md",
			src:  "---\ntitle: 1.10\ntags: [2024, true, \"\", \" go \"]\n---\n",
			want: Document{Title: "1.10", Slug: "x", Tags: []string{"2024", "true", "go"}},
		},
		{
			name: "null values are unset",
			path: "x.md",
			src:  "---\ntitle:\ndate: ~\ntags:\ndraft: null\n---\n",
			want: Document{Title: "X", Slug: "x"},
		},
		{
			name: "yaml alias",
			path: "x.md",
			src:  "---\ntags: &t [a, b]\ncategories: *t\n---\n",
			want: Document{Title: "X", Slug: "x", Tags: []string{"a", "b"}, Categories: []string{"a", "b"}},
		},
		{
			name: "yaml date-only has no zone",
			path: "x.md",
			src:  "---\ndate: 2024-03-05\n---\n",
			want: Document{Title: "X", Slug: "x", Date: localDate(2024, 3, 5, 0, 0, 0)},
		},
		{
			name: "yaml quoted datetime without zone",
			path: "x.md",
			src:  "---\ndate: \"2024-03-05 10:20:30\"\n---\n",
			want: Document{Title: "X", Slug: "x", Date: localDate(2024, 3, 5, 10, 20, 30)},
		},
		{
			name: "toml local date",
			path: "x.md",
			src:  "+++\ndate = 2024-03-05\n+++\n",
			want: Document{Title: "X", Slug: "x", Date: localDate(2024, 3, 5, 0, 0, 0)},
		},
		{
			name: "toml local datetime",
			path: "x.md",
			src:  "+++\ndate = 2024-03-05T10:20:30\n+++\n",
			want: Document{Title: "X", Slug: "x", Date: localDate(2024, 3, 5, 10, 20, 30)},
		},
		{
			name: "toml offset datetime",
			path: "x.md",
			src:  "+++\ndate = 2024-03-05T10:20:30+01:00\n+++\n",
			want: Document{Title: "X", Slug: "x", Date: Date{Time: time.Date(2024, 3, 5, 9, 20, 30, 0, time.UTC), HasZone: true}},
		},
		{
			name: "toml date as string",
			path: "x.md",
			src:  "+++\ndate = \"2024-03-05 10:20:30 -07:00\"\n+++\n",
			want: Document{Title: "X", Slug: "x", Date: Date{Time: time.Date(2024, 3, 5, 17, 20, 30, 0, time.UTC), HasZone: true}},
		},
		{
			name: "front matter slug is normalised",
			path: "x.md",
			src:  "---\nslug: Hello, World! 2\n---\n",
			want: Document{Title: "X", Slug: "hello-world-2"},
		},
		{
			name: "front matter date wins over file name",
			path: "_posts/2024-03-05-x.md",
			src:  "---\ndate: 2020-01-02\n---\n",
			want: Document{Title: "X", Slug: "x", Date: localDate(2020, 1, 2, 0, 0, 0)},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := ParseWith(tt.path, []byte(tt.src), Options{Site: plainFor(tt.path)})
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			got := meta(doc)
			if !got.Date.Time.Equal(tt.want.Date.Time) || got.Date.HasZone != tt.want.Date.HasZone {
				t.Errorf("Date = %v (zone %v), want %v (zone %v)", got.Date.Time, got.Date.HasZone, tt.want.Date.Time, tt.want.Date.HasZone)
			}
			got.Date, tt.want.Date = Date{}, Date{}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %#v\nwant %#v", got, tt.want)
			}
		})
	}
}

func TestParse_JekyllZone(t *testing.T) {
	doc, err := Parse("_posts/2025-01-29-x.md", []byte("---\ndate: 2025-01-29 18:15:32 +0530\n---\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := time.Date(2025, 1, 29, 12, 45, 32, 0, time.UTC)
	if !doc.Date.HasZone || !doc.Date.Time.UTC().Equal(want) || doc.Date.Time.UTC() != want {
		t.Errorf("Date = %v (zone %v), want %v with zone", doc.Date.Time.UTC(), doc.Date.HasZone, want)
	}
}

func TestParse_Derived(t *testing.T) {
	tests := []struct {
		name        string
		path        string
		src         string
		title, slug string
		date        Date
		content     string // expected Content, when not ""
	}{
		{name: "plain file", path: "posts/hello-world.md", src: "Body.", title: "Hello world", slug: "hello-world"},
		{name: "underscores", path: "my_first_post.md", src: "Body.", title: "My first post", slug: "my_first_post"},
		{name: "other extension and case", path: "notes/Hello World.markdown", src: "Body.", title: "Hello World", slug: "hello-world"},
		{name: "jekyll date prefix", path: "_posts/2024-03-05-hello-world.md", src: "Body.", title: "Hello world", slug: "hello-world", date: localDate(2024, 3, 5, 0, 0, 0)},
		{name: "invalid date prefix is kept", path: "2024-13-05-x.md", src: "Body.", title: "2024 13 05 x", slug: "2024-13-05-x"},
		{name: "hugo bundle", path: "post/my-trip/index.md", src: "Body.", title: "My trip", slug: "my-trip"},
		{name: "hugo branch bundle", path: "docs/_index.md", src: "Body.", title: "Docs", slug: "docs"},
		{name: "dated bundle", path: "post/2024-03-05-trip/index.md", src: "Body.", title: "Trip", slug: "trip", date: localDate(2024, 3, 5, 0, 0, 0)},
		{name: "non-ASCII name", path: "Über-Café.md", src: "Body.", title: "Über Café", slug: "über-café"},
		{
			name: "title from first H1", path: "x.md", src: "# The *Real* Title &amp; More\n\nBody.\n",
			title: "The Real Title & More", slug: "x", content: "<p>Body.</p>\n",
		},
		{
			name: "title from setext H1", path: "x.md", src: "The Title\n=========\nBody.\n",
			title: "The Title", slug: "x", content: "<p>Body.</p>\n",
		},
		{
			name: "title from H1 after front matter", path: "x.md", src: "---\ntags: [a]\n---\n\n# From H1\nBody.\n",
			title: "From H1", slug: "x", content: "<p>Body.</p>\n",
		},
		{
			name: "H1 kept when front matter has a title", path: "x.md", src: "---\ntitle: FM\n---\n# H1\n",
			title: "FM", slug: "x", content: "<h1 id=\"h1\">H1</h1>\n",
		},
		{
			name: "H1 not first is kept", path: "x.md", src: "Intro.\n\n# H1\n",
			title: "X", slug: "x", content: "<p>Intro.</p>\n<h1 id=\"h1\">H1</h1>\n",
		},
		{
			name: "H2 first is kept", path: "x.md", src: "## H2\n",
			title: "X", slug: "x", content: "<h2 id=\"h2\">H2</h2>\n",
		},
		{
			name: "empty H1 is kept", path: "x.md", src: "#\nBody.\n",
			title: "X", slug: "x", content: "<h1></h1>\n<p>Body.</p>\n",
		},
		{
			name: "front matter only", path: "x.md", src: "---\ntitle: T\n---\n",
			title: "T", slug: "x",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := ParseWith(tt.path, []byte(tt.src), Options{Format: FormatClassic, Site: plainFor(tt.path)})
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if doc.Title != tt.title || doc.Slug != tt.slug || doc.Date != tt.date {
				t.Errorf("got title %q slug %q date %v, want %q %q %v", doc.Title, doc.Slug, doc.Date, tt.title, tt.slug, tt.date)
			}
			wantType := ""
			if strings.HasSuffix(tt.path, "/_index.md") {
				wantType = "page" // a section's own page (SiteRules.Page)
			}
			if doc.Status != "" || doc.Type != wantType {
				t.Errorf("got status %q type %q, want %q %q", doc.Status, doc.Type, "", wantType)
			}
			if tt.content != "" && doc.Content != tt.content {
				t.Errorf("Content = %q, want %q", doc.Content, tt.content)
			}
		})
	}
}

func TestParse_Errors(t *testing.T) {
	tests := []struct {
		name  string
		path  string
		src   string
		line  int
		field string
		msg   string // substring of Msg
		hint  string // substring of Hint
	}{
		{
			name: "unknown status", path: "posts/x.md",
			src:  "---\ntitle: T\nstatus: publised\n---\n",
			line: 3, field: "status", msg: `unknown value "publised"`, hint: "publish, draft, pending, private, future",
		},
		{
			name: "bad date", src: "---\ndate: 2024-02-30\n---\n",
			line: 2, field: "date", msg: `cannot parse date "2024-02-30"`, hint: "2024-03-05",
		},
		{
			name: "date not a date", src: "---\ndate: next tuesday\n---\n",
			line: 2, field: "date", msg: "cannot parse date",
		},
		{
			name: "number as date", src: "---\ndate: 2024\n---\n",
			line: 2, field: "date", msg: "want a date, got the number 2024",
		},
		{
			name: "toml time of day as date", src: "+++\n\ndate = 10:20:30\n+++\n",
			line: 3, field: "date", msg: "time of day",
		},
		{
			name: "list as title", src: "---\ntitle: [a, b]\n---\n",
			line: 2, field: "title", msg: `want a single text value, got a list ["a", "b"]`, hint: "quotes",
		},
		{
			name: "mapping as excerpt", src: "---\nexcerpt:\n  text: x\n---\n",
			line: 2, field: "excerpt", msg: "got a mapping",
		},
		{
			name: "list as type", src: "+++\ntitle = \"T\"\ntype = [\"a\"]\n+++\n",
			line: 3, field: "type", msg: "got a list",
		},
		{
			name: "quoted draft", src: "---\ndraft: \"true\"\n---\n",
			line: 2, field: "draft", msg: `want true or false, got "true"`, hint: "without quotes",
		},
		{
			name: "number as published", src: "{\n  \"published\": 0\n}\n",
			line: 2, field: "published", msg: "want true or false, got the number 0",
		},
		{
			name: "nested list in tags", src: "---\ntags: [a, [b]]\n---\n",
			line: 2, field: "tags", msg: "item 2 is a list",
		},
		{
			name: "mapping as categories", src: "---\ncategories: {a: 1}\n---\n",
			line: 2, field: "categories", msg: "got a mapping",
		},
		{
			name: "slug without letters", src: "---\nslug: \"!!!\"\n---\n",
			line: 2, field: "slug", msg: "no letters or digits",
		},
		{
			name: "capitalised key named as written", src: "---\nStatus: nope\n---\n",
			line: 2, field: "Status", msg: "unknown value",
		},
		{
			name: "duplicate yaml key", src: "---\ntitle: a\ntags: [x]\ntitle: b\n---\n",
			line: 4, field: "title", msg: "given twice (first on line 2)",
		},
		{
			name: "broken yaml", src: "\n---\ntitle: a\nb: : c\n---\n",
			line: 4, msg: "invalid YAML front matter: mapping values are not allowed", hint: "fix the YAML syntax near line 4",
		},
		{
			name: "broken yaml flow list", src: "---\ntitle: a\ntags: [a, b\ndate: 2024-03-05\n---\n",
			line: 3, msg: "invalid YAML front matter", hint: "near line 3",
		},
		{
			name: "yaml tab indentation", src: "---\ntitle: a\n\tbad: tab\n---\n",
			line: 3, msg: "invalid YAML front matter: found a tab character", hint: "near line 3",
		},
		{
			name: "yaml error yaml.v3 gives no line", src: "---\n@title: a\nb: c\n---\n",
			line: 2, msg: "invalid YAML front matter: found character that cannot start any token", hint: "near line 2",
		},
		{
			name: "yaml unquoted colon in the title", src: "---\ntitle: Cluster guide: the parts and how they talk\ntags: [ops]\n---\nbody\n",
			line: 2, field: "title", msg: `the value holds ": "`,
			hint: `put the value in quotes: title: "Cluster guide: the parts and how they talk"`,
		},
		{
			name: "yaml unquoted colon on a later line", src: "---\ntitle: a\ntags:\n  - x\nsummary: Why: because \"so\"\n---\n",
			line: 5, field: "summary", msg: `the value holds ": "`, hint: `put the value in quotes: summary: "Why: because \"so\""`,
		},
		{
			name: "yaml unquoted colon alone", src: "---\ntitle: A: B\n---\n",
			line: 2, field: "title", hint: `title: "A: B"`,
		},
		{
			name: "yaml colon quoting would not mend", src: "---\ntitle: A: B\n  c: d\n---\n",
			line: 2, msg: "invalid YAML front matter", hint: "near line 2",
		},
		{
			name: "yaml parser error in block mapping", src: "---\ntitle: a\ntags:\n  - a\n b: c\n---\n",
			line: 5, msg: "invalid YAML front matter: did not find expected key", hint: "near line 5",
		},
		{
			name: "yaml not a mapping", src: "---\n- a\n- b\n---\n",
			line: 2, msg: "not a set of key: value lines",
		},
		{
			name: "broken toml", src: "+++\ntitle = \"x\"\ndate = 2024-03-05T\n+++\n",
			line: 3, msg: "invalid TOML front matter", hint: "fix the TOML syntax near line 3",
		},
		{
			name: "broken json", src: "{\n  \"title\": \"x\"\n  \"tags\": [\"a\"]\n}\n\nBody.\n",
			line: 3, msg: "invalid JSON front matter", hint: "fix the JSON syntax near line 3",
		},
		{
			name: "json with text after the object", src: ";;;\n{\"title\": \"x\"}\n{}\n;;;\n",
			line: 3, msg: "unexpected text after the object",
		},
		{
			name: "json not an object", src: ";;;\n[1]\n;;;\n",
			line: 2, msg: "must be an object",
		},
		{
			name: "unclosed yaml", src: "---\ntitle: x\n\nBody.\n",
			line: 1, msg: "front matter opened on line 1 is never closed", hint: "add a closing --- line",
		},
		{
			name: "toml is not closed by dots", src: "+++\ntitle = \"x\"\n...\n",
			line: 1, msg: "never closed", hint: "add a closing +++ line",
		},
		{
			name: "unclosed yaml after blank line", src: "\n---\n",
			line: 2, msg: "opened on line 2 is never closed",
		},
		{
			name: "unclosed toml", src: "+++\ntitle = \"x\"\n",
			line: 1, msg: "never closed", hint: "+++",
		},
		{
			name: "unclosed json", src: "{\n  \"title\": \"x\"\n}\nBody right after.\n",
			line: 1, msg: "never closed", hint: "followed by a blank line",
		},
		{
			name: "invalid UTF-8", src: "---\ntitle: x\n---\nok\nbad \xff here\n",
			line: 5, msg: "not a text file: invalid UTF-8 in column 5", hint: "UTF-8",
		},
		{
			name: "NUL byte", src: "line one\nline\x00two\n",
			line: 2, msg: "not a text file: it contains a NUL byte",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := tt.path
			if path == "" {
				path = "x.md"
			}
			doc, err := Parse(path, []byte(tt.src))
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("Parse = %+v, %v; want *Error", doc, err)
			}
			if e.Path != path || e.Line != tt.line || e.Field != tt.field ||
				!strings.Contains(e.Msg, tt.msg) || !strings.Contains(e.Hint, tt.hint) {
				t.Errorf("got  %#v\nwant line %d field %q msg ~%q hint ~%q", e, tt.line, tt.field, tt.msg, tt.hint)
			}
		})
	}
}

func TestParse_Empty(t *testing.T) {
	for _, src := range []string{"", " \n\t\r\n", "\uFEFF\n"} {
		t.Run(strings.ReplaceAll(src, "\n", `\n`), func(t *testing.T) {
			_, err := Parse("x.md", []byte(src))
			if !errors.Is(err, ErrEmpty) {
				t.Fatalf("Parse = %v, want ErrEmpty", err)
			}
			if want := "x.md: empty file"; err.Error() != want {
				t.Errorf("Error() = %q, want %q", err, want)
			}
		})
	}
}

func TestError_Error(t *testing.T) {
	tests := []struct {
		name string
		err  Error
		want string
	}{
		{
			name: "everything",
			err: Error{Path: "posts/x.md", Line: 3, Field: "status", Msg: `unknown value "publised"`,
				Hint: "want one of publish, draft, pending, private, future"},
			want: `posts/x.md:3: front matter field "status": unknown value "publised" (want one of publish, draft, pending, private, future)`,
		},
		{name: "no line", err: Error{Path: "x.md", Field: "title", Msg: "m"}, want: `x.md: front matter field "title": m`},
		{name: "not a field", err: Error{Path: "x.md", Line: 1, Msg: "m", Hint: "h"}, want: "x.md:1: m (h)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.err.Error(); got != tt.want {
				t.Errorf("Error() = %q, want %q", got, tt.want)
			}
		})
	}
}
