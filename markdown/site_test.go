package markdown

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestParseDate_Lenient(t *testing.T) {
	minus8 := time.FixedZone("", -8*3600)
	tests := []struct {
		in      string
		want    time.Time
		hasZone bool
	}{
		{"2024-4-09", time.Date(2024, 4, 9, 0, 0, 0, 0, time.UTC), false},
		{"2024-04-9 9:05", time.Date(2024, 4, 9, 9, 5, 0, 0, time.UTC), false},
		{"2023-01-29 18:30:22 2023 -0800", time.Date(2023, 1, 29, 18, 30, 22, 0, minus8), true},
		{"2023-1-29 18:30:22 +01:00", time.Date(2023, 1, 29, 18, 30, 22, 0, time.FixedZone("", 3600)), true},
		{"2023-01-29 18:30:22 UTC", time.Date(2023, 1, 29, 18, 30, 22, 0, time.UTC), true},
		{"Sun Jan 29 18:30:22 2023 -0800", time.Date(2023, 1, 29, 18, 30, 22, 0, minus8), true},
		{"January 29, 2023", time.Date(2023, 1, 29, 0, 0, 0, 0, time.UTC), false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			d, ok := parseDate(tt.in)
			if !ok {
				t.Fatalf("parseDate(%q) failed", tt.in)
			}
			if !d.Time.Equal(tt.want) || d.HasZone != tt.hasZone {
				t.Errorf("parseDate(%q) = %v (zone %v), want %v (zone %v)", tt.in, d.Time, d.HasZone, tt.want, tt.hasZone)
			}
		})
	}
	for _, bad := range []string{"2024-13-01", "2024-02-31", "2023-01-29 18:30:22 2022 -0800", "2023-01-29 tomorrow", "soon"} {
		if d, ok := parseDate(bad); ok {
			t.Errorf("parseDate(%q) = %v, want a failure", bad, d.Time)
		}
	}
}

func TestParseWith_Site(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Skip("no time zone data:", err)
	}
	tests := []struct {
		name, path, src string
		rules           *SiteRules
		check           func(t *testing.T, d *Document)
	}{
		// Zola documents no date in path (one Zola blog's habit): the post
		// has none, and the run says so (sync's warnUndated).
		{name: "zola path date is no date", path: "Harbour-3.1.md", src: "+++\npath = \"2019/11/21/Harbour-3.1\"\ntitle = \"H\"\n+++\nx\n", rules: rulesOf("zola"),
			check: func(t *testing.T, d *Document) {
				if !d.Date.IsZero() || !d.NoDate {
					t.Errorf("date %v (none: %v)", d.Date.Time, d.NoDate)
				}
			}},
		{name: "no date anywhere", path: "notes/x.md", src: "---\ntitle: X\n---\nx\n",
			check: func(t *testing.T, d *Document) {
				if !d.NoDate || !d.Date.IsZero() {
					t.Errorf("NoDate %v, date %v", d.NoDate, d.Date.Time)
				}
			}},
		{name: "zola underscore file name date", path: "blog/2021-05-06_launch.md", src: "+++\ntitle = \"L\"\n+++\nx\n", rules: rulesOf("zola"),
			check: func(t *testing.T, d *Document) {
				if !d.Date.Time.Equal(time.Date(2021, 5, 6, 0, 0, 0, 0, time.UTC)) || d.Slug != "launch" || d.Title != "L" {
					t.Errorf("date %v slug %q", d.Date.Time, d.Slug)
				}
			}},
		{name: "jekyll timezone", path: "_posts/2024-03-05-x.md", src: "---\ndate: 2024-03-05 10:00:00\n---\nx\n", rules: siteOf("jekyll", SiteRules{Zone: berlin}),
			check: func(t *testing.T, d *Document) {
				if !d.Date.HasZone || !d.Date.Time.Equal(time.Date(2024, 3, 5, 9, 0, 0, 0, time.UTC)) {
					t.Errorf("date %v (zone %v), want 09:00 UTC", d.Date.Time, d.Date.HasZone)
				}
			}},
		{name: "an offset wins over the site's zone", path: "x.md", src: "---\ndate: 2024-03-05T10:00:00+02:00\n---\nx\n", rules: &SiteRules{Zone: berlin},
			check: func(t *testing.T, d *Document) {
				if !d.Date.Time.Equal(time.Date(2024, 3, 5, 8, 0, 0, 0, time.UTC)) {
					t.Errorf("date %v", d.Date.Time)
				}
			}},
		{name: "defaults under the file's own", path: "_posts/2024-01-01-x.md", src: "---\ntitle: Own\n---\nx\n",
			rules: siteOf("jekyll", SiteRules{Defaults: map[string]any{"title": "Default", "author": "alice", "tags": []any{"a", "b"}}}),
			check: func(t *testing.T, d *Document) {
				if d.Title != "Own" || d.Author != "alice" || !reflect.DeepEqual(d.Tags, []string{"a", "b"}) {
					t.Errorf("title %q author %q tags %q", d.Title, d.Author, d.Tags)
				}
			}},
		{name: "comma separated tags", path: "x.md", src: "---\ntags: garden, tomatoes, summer\ncategories: Outdoors, Food\n---\nx\n",
			check: func(t *testing.T, d *Document) {
				if !reflect.DeepEqual(d.Tags, []string{"garden", "tomatoes", "summer"}) || !reflect.DeepEqual(d.Categories, []string{"Outdoors", "Food"}) {
					t.Errorf("tags %q categories %q", d.Tags, d.Categories)
				}
			}},
		{name: "jekyll categories on spaces", path: "about.md", src: "---\ncategories: release news\n---\nx\n", rules: rulesOf("jekyll"),
			check: func(t *testing.T, d *Document) {
				if !reflect.DeepEqual(d.Categories, []string{"release", "news"}) {
					t.Errorf("categories %q", d.Categories)
				}
			}},
		{name: "hugo keeps spaces in a term", path: "x.md", src: "---\ncategories: release news\n---\nx\n", rules: hugoRules(),
			check: func(t *testing.T, d *Document) {
				if !reflect.DeepEqual(d.Categories, []string{"release news"}) {
					t.Errorf("categories %q", d.Categories)
				}
			}},
		{name: "zola taxonomies", path: "x.md", src: "+++\ntitle = \"T\"\n[taxonomies]\ntags = [\"rust\", \"release\"]\n+++\nx\n", rules: rulesOf("zola"),
			check: func(t *testing.T, d *Document) {
				if !reflect.DeepEqual(d.Tags, []string{"rust", "release"}) {
					t.Errorf("tags %q", d.Tags)
				}
			}},
		{name: "template true is not a page template", path: "x.md", src: "---\ntitle: X\ntemplate: true\n---\nx\n",
			check: func(t *testing.T, d *Document) {
				if d.Template != "" || !hasWarning(d, "line 3: template: true is not a WordPress page template") {
					t.Errorf("template %q, warnings %q", d.Template, d.Warnings)
				}
			}},
		{name: "a layout file is not a page template", path: "x.md", src: "+++\ntemplate = \"almanac.html\"\n+++\nx\n",
			check: func(t *testing.T, d *Document) {
				if d.Template != "" || !hasWarning(d, `line 2: template: "almanac.html" is not a WordPress page template`) {
					t.Errorf("template %q, warnings %q", d.Template, d.Warnings)
				}
			}},
		{name: "a PHP template is kept", path: "x.md", src: "---\ntype: page\ntemplate: templates/full-width.php\n---\nx\n",
			check: func(t *testing.T, d *Document) {
				if d.Template != "templates/full-width.php" || d.TemplateLine != 3 || d.TypeKey != "type" || d.TypeLine != 2 {
					t.Errorf("template %q line %d, type from %q line %d", d.Template, d.TemplateLine, d.TypeKey, d.TypeLine)
				}
			}},
		{name: "header of HTML is no featured image", path: "faq/index.md", src: "---\ntitle: F\nheader: |\n  <div class=\"pager\">1</div>\n---\nx\n",
			check: func(t *testing.T, d *Document) {
				if len(d.Refs) != 0 || !hasWarning(d, "line 3: header:") || hasWarning(d, "pager\">1</div>\n") {
					t.Errorf("refs %v, warnings %q", d.Refs, d.Warnings)
				}
			}},
		{name: "value of a nested key", path: "x.md", src: "---\nbuild:\n  render: never\nheadless: true\n---\n",
			check: func(t *testing.T, d *Document) {
				b, line, _ := d.Value("build")
				h, _, _ := d.Value("headless")
				if m, _ := b.(map[string]any); m["render"] != "never" || line != 2 || h != true || d.HasBody || !d.HasFrontMatter {
					t.Errorf("build %#v line %d headless %v body %v", b, line, h, d.HasBody)
				}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := ParseWith(tt.path, []byte(tt.src), Options{Site: tt.rules})
			if err != nil {
				t.Fatal(err)
			}
			tt.check(t, d)
		})
	}
}

func hasWarning(d *Document, part string) bool {
	for _, w := range d.Warnings {
		if strings.Contains(w, part) {
			return true
		}
	}
	return false
}

func TestFrontMatterMap(t *testing.T) {
	m, err := FrontMatterMap("_index.md", []byte("---\ncascade:\n  build:\n    render: never\n---\n"))
	if err != nil {
		t.Fatal(err)
	}
	c, _ := m["cascade"].(map[string]any)
	b, _ := c["build"].(map[string]any)
	if b["render"] != "never" {
		t.Errorf("cascade = %#v", m["cascade"])
	}
	if m, err := FrontMatterMap("x.md", []byte("just text\n")); m != nil || err != nil {
		t.Errorf("no front matter: %v, %v", m, err)
	}
}
