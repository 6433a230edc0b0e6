package markdown

import (
	"strings"
	"testing"
	"time"
)

// TestLiquid_Lenient renders Jekyll pages as Jekyll's lenient Liquid does:
// a filter it does not know passes its input on, the date filter reads a
// timestamp of a data file and a date string, and a tag that cannot be
// read or rendered is left out alone, named with its line, while the rest
// of the page renders.
func TestLiquid_Lenient(t *testing.T) {
	dir := t.TempDir()
	writeSiteFile(t, dir, "_data/releases.yml", "- name: \"2.2\"\n  tag: tide-2.2-RELEASE\n  date: 2026-06-01 10:10:00-06:00\n"+
		"- name: \"2.4\"\n  tag: tide-2.4-RELEASE\n  date: 2026-08-21 10:10:00-06:00\n  day: 2026-08-22\n")
	writeSiteFile(t, dir, "_includes/box.html", `<div class="box">{{ include.title }}</div>`)
	writeSiteFile(t, dir, "_includes/bad.html", `{{ 5 | divided_by: 0 }}`)
	site, err := ReadLiquidSite(dir, map[string]any{"title": "Harbour", "timezone": "America/Lower_Princes"})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, body string
		shows      []string
		hides      []string
		warns      []string // each in some warning
		nWarns     int
	}{
		{"unknown filter", "{% assign older = site.data.releases | offset:1 %}\n{% for r in older reversed %}\n- Tide {{ r.name }}\n{% endfor %}\n\n[get](https://x.example.org/{{ site.data.releases.last.tag | downcase }}/t.pkg)\n",
			[]string{"<p>Tide 2.4</p>\n</li>\n<li>\n<p>Tide 2.2</p>", `<a href="https://x.example.org/tide-2.4-release/t.pkg">get</a>`}, []string{"{%", "{{"},
			[]string{`line 4: Liquid filter "offset" is not Jekyll's: the value is passed on unchanged`}, 1},
		{"date of a data file", "Built on {{ site.data.releases.last.date | date: '%B %-d, %Y' }}, at {{ site.data.releases.last.date }}; {{ site.data.releases.last.day | date: '%b %-d' }}; {{ 'Mon, 3 Feb 2025' | date: '%Y' }}\n",
			// 10:10 at -06:00 is 12:10 in the site's zone (-04:00), as
			// Ruby shows it under Jekyll's TZ.
			[]string{"Built on August 21, 2026, at 2026-08-21 12:10:00 -0400; Aug 22;"}, []string{"{{"}, nil, 0},
		{"a failing output alone", "a {{ 5 | divided_by: 0 }} b {{ site.title }}\n\n{% include box.html title=\"Tarball\" %}\n",
			[]string{"<p>a  b Harbour</p>", `<div class="box">Tarball</div>`}, []string{"{{", "divided"},
			[]string{`line 4: Liquid {{ 5 | divided_by: 0 }} could not be rendered (error applying filter "divided_by" ("division by zero")): left out, readers see nothing in its place`}, 1},
		{"a tag that cannot be read alone", "a {{ x | }} b {{ site.title }}\n\nend {{ site.title | upcase }}\n",
			[]string{"<p>a  b Harbour</p>", "<p>end HARBOUR</p>"}, []string{"{{", "x |"},
			[]string{`line 4: Liquid {{ x | }} could not be read (syntax error in "x |"): left out`}, 1},
		{"a missing include", "{% include nope.html %}\n\n{{ site.title }}\n",
			[]string{"<p>Harbour</p>"}, []string{"{%"},
			[]string{`line 4: Liquid {% include nope.html %} could not be rendered (no such file in _includes/): left out`}, 1},
		{"an include that fails inside", "{% include box.html title=site.title %}\n\n{% include bad.html %}\n\n{{ site.title }}\n",
			[]string{`<div class="box">Harbour</div>`, "<p>Harbour</p>"}, []string{"{{", "{%"},
			[]string{`line 6: Liquid {% include bad.html %} could not be rendered (_includes/bad.html: error applying filter "divided_by" ("division by zero")): left out`}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := "---\ntitle: T\n---\n" + tt.body
			doc, err := ParseWith("install/x.md", []byte(src), Options{Format: FormatClassic, Site: siteOf("jekyll", SiteRules{Liquid: site})})
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.shows {
				if !strings.Contains(doc.Content, w) {
					t.Errorf("lacks %q:\n%s", w, doc.Content)
				}
			}
			for _, w := range tt.hides {
				if strings.Contains(doc.Content, w) {
					t.Errorf("shows %q:\n%s", w, doc.Content)
				}
			}
			for _, w := range tt.warns {
				found := false
				for _, got := range doc.Warnings {
					found = found || strings.Contains(got, w)
				}
				if !found {
					t.Errorf("no warning says %q: %q", w, doc.Warnings)
				}
			}
			if len(doc.Warnings) != tt.nWarns || len(doc.Leftovers) != 0 {
				t.Errorf("warnings %q, leftovers %v: want %d warnings, no leftover", doc.Warnings, doc.Leftovers, tt.nWarns)
			}
		})
	}
}

// TestLiquid_DateFilter: Liquid's date as Jekyll's Ruby runs it.
func TestLiquid_DateFilter(t *testing.T) {
	zone, err := time.LoadLocation("America/Lower_Princes")
	if err != nil {
		t.Fatal(err)
	}
	date := dateFilter(zone)
	format := func(f string) func(string) string { return func(string) string { return f } }
	tests := []struct {
		in     any
		format string
		want   any
	}{
		{time.Date(2026, 8, 21, 10, 0, 0, 0, time.UTC), "%Y-%m-%d %H:%M", "2026-08-21 10:00"},
		{"2026-08-21 10:10:00-06:00", "%B %-d, %Y %H:%M %z", "August 21, 2026 10:10 -0600"},
		{"2026-08-21", "%d %b %Y", "21 Aug 2026"},
		{"2026-08-21 09:30", "%H:%M %z", "09:30 -0400"}, // no zone: the site's
		{"March 3, 2024", "%Y-%m-%d", "2024-03-03"},
		{int64(0), "%Y", "1969"}, // 1970-01-01 00:00 UTC in the site's zone
		{"soon", "%Y", "soon"},   // not a date: unchanged
		{"2026-08-21", "", "2026-08-21"},
		{nil, "%Y", nil},
	}
	for _, tt := range tests {
		got, err := date(tt.in, format(tt.format))
		if err != nil || got != tt.want {
			t.Errorf("date(%v, %q) = %v, %v; want %v", tt.in, tt.format, got, err, tt.want)
		}
	}
}

// TestRubyYAML: a data file as Ruby reads it: an unquoted timestamp is a
// time, a quoted one and a date alone are text; merge keys merge.
func TestRubyYAML(t *testing.T) {
	raw := "base: &b {kind: release}\nat: 2026-08-21 10:10:00-06:00\nutc: 2026-08-21T10:10:00Z\nquoted: \"2026-08-21 10:10:00-06:00\"\nday: 2026-08-21\nn: 3\nitem:\n  <<: *b\n  name: x\n"
	v, err := rubyYAML([]byte(raw), nil)
	if err != nil {
		t.Fatal(err)
	}
	m := v.(map[string]any)
	at, ok := m["at"].(time.Time)
	if !ok || !at.Equal(time.Date(2026, 8, 21, 16, 10, 0, 0, time.UTC)) {
		t.Errorf("at = %#v", m["at"])
	}
	if _, ok := m["utc"].(time.Time); !ok {
		t.Errorf("utc = %#v", m["utc"])
	}
	if m["quoted"] != "2026-08-21 10:10:00-06:00" || m["day"] != "2026-08-21" || m["n"] != 3 {
		t.Errorf("quoted %#v day %#v n %#v", m["quoted"], m["day"], m["n"])
	}
	if item := m["item"].(map[string]any); item["kind"] != "release" || item["name"] != "x" {
		t.Errorf("item = %#v", item)
	}
}

// TestLiquidLeftovers: on a page whose Liquid ran, what readers still see
// of Liquid is not said to be run by nothing.
func TestLiquidLeftovers(t *testing.T) {
	for _, failed := range []bool{false, true} {
		l := []Leftover{{Line: 3, Construct: "template tag"}, {Line: 4, Construct: "Hugo shortcode", Advice: "a Hugo site"}}
		liquidLeftovers(l, failed)
		want := adviceLiquidShown
		if failed {
			want = adviceLiquidFailed
		}
		if l[0].Advice != want || l[1].Advice != "a Hugo site" || strings.Contains(l[0].Advice, "nothing ran it") {
			t.Errorf("failed %v: %+v", failed, l)
		}
	}
}

// TestLiquid_PageDateOfFileName: a Jekyll post without a date in its front
// matter has its file name's date as page.date, in the site's zone; a
// filter Jekyll does not know passes it on; a front matter date wins.
func TestLiquid_PageDateOfFileName(t *testing.T) {
	site, err := ReadLiquidSite(t.TempDir(), map[string]any{"timezone": "Europe/Lisbon"})
	if err != nil {
		t.Fatal(err)
	}
	opts := Options{Format: FormatClassic, Site: siteOf("jekyll", SiteRules{Liquid: site})}
	for _, tt := range []struct{ front, want string }{
		{"title: T", "It was 1 July 2024, +0100."},
		{"title: T\ndate: 2024-08-02 10:00:00", "It was 2 August 2024, +0100."},
	} {
		src := "---\n" + tt.front + "\n---\nIt was {{ page.date | date: \"%-d %B %Y, %z\" | shout }}.\n"
		doc, err := ParseWith("_posts/2024-07-01-summer-hours.md", []byte(src), opts)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(doc.Content, tt.want) {
			t.Errorf("%q: want %q in\n%s", tt.front, tt.want, doc.Content)
		}
	}
}
