package markdown

import (
	"strings"
	"testing"
)

// A theme's shortcode finds the page bundle's files as Hugo's
// .Page.Resources gives them: the picture it names shows (a link to the
// file, which sync resolves and uploads), with no warning.
func TestHugoSite_PageResources(t *testing.T) {
	dir, site := themeSite(t, map[string]string{
		"layouts/shortcodes/img.html":     `{{ with .Page.Resources.GetMatch (.Get "src") }}<img src="{{ .RelPermalink }}" alt="{{ $.Get "alt" }}">{{ end }}`,
		"layouts/shortcodes/gallery.html": `<div>{{ range .Page.Resources.ByType "image" }}<img src="{{ .RelPermalink }}" title="{{ .Name }}">{{ end }}</div>`,
		"layouts/shortcodes/pdfs.html":    `<ul>{{ range .Page.Resources.Match "**.pdf" }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .ResourceType }} {{ .MediaType.SubType }}</li>{{ end }}</ul>`,
		"layouts/shortcodes/one.html":     `{{ with .Page.Resources.Get "images/B.png" }}<b>{{ .Name }}</b>{{ else }}<i>none</i>{{ end }}`,
		"layouts/shortcodes/count.html":   `<span>{{ len .Page.Resources }}</span>`,
		"content/post/b/index.md":         "x",
		"content/post/b/a.png":            "x",
		"content/post/b/images/b.png":     "x",
		"content/post/b/files/doc.pdf":    "x",
		"content/post/b/notes.md":         "x",
		"content/post/_index.md":          "x",
		"content/post/cover.jpg":          "x",
		"content/post/other.md":           "x",
	})
	src := "{{< img src=\"IMAGES/*.png\" alt=\"A bee\" >}}\n\n{{< gallery >}}\n\n{{< pdfs >}}\n\n{{< one >}}\n\n{{< count >}}\n"
	doc, err := ParseWith("content/post/b/index.md", []byte(src), Options{Format: FormatClassic, Site: site, Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`<img src="images/b.png" alt="A bee">`,
		`<div><img src="a.png" title="a.png"><img src="images/b.png" title="images/b.png"></div>`,
		`<ul><li><a href="files/doc.pdf">files/doc.pdf</a> application pdf</li></ul>`,
		`<b>images/b.png</b>`,
		`<span>4</span>`, // a.png, files/doc.pdf, images/b.png, notes.md
	} {
		if !strings.Contains(doc.Content, want) {
			t.Errorf("content lacks %q:\n%s", want, doc.Content)
		}
	}
	if len(doc.Warnings) != 0 {
		t.Errorf("warnings: %q", doc.Warnings)
	}

	// A branch bundle's resources are the files beside its _index.md that
	// are not pages; a page that is no bundle has none.
	doc, err = ParseWith("content/post/_index.md", []byte("{{< gallery >}} {{< count >}}"), Options{Format: FormatClassic, Site: site, Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(doc.Content, `<div><img src="cover.jpg" title="cover.jpg"></div> <span>1</span>`) {
		t.Errorf("branch bundle:\n%s", doc.Content)
	}
	doc, err = ParseWith("content/post/other.md", []byte("{{< count >}}"), Options{Format: FormatClassic, Site: site, Dir: dir})
	if err != nil || !strings.Contains(doc.Content, "<span>0</span>") {
		t.Errorf("a page that is no bundle: %v\n%s", err, doc.Content)
	}

	// What needs Hugo's image processing fails, with the warning of a
	// template that cannot run.
	dir, site = themeSite(t, map[string]string{
		"layouts/shortcodes/thumb.html": `{{ with .Page.Resources.GetMatch "*.png" }}{{ $t := .Resize "100x" }}<img src="{{ $t.RelPermalink }}">{{ end }}`,
		"layouts/shortcodes/pic.html":   `{{ $i := .Page.Resources.GetMatch (.Get 0) }}<img src="{{ $i.RelPermalink }}">`,
		"content/b/index.md":            "x",
		"content/b/a.png":               "x",
	})
	doc, err = ParseWith("content/b/index.md", []byte("Text.\n\n{{< thumb >}}\n\n{{< pic \"gone.png\" >}}\n"), Options{Format: FormatClassic, Site: site, Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Warnings) != 2 ||
		!strings.Contains(doc.Warnings[0], `line 3: Hugo shortcode "thumb": its template (layouts/shortcodes/thumb.html, line 1) cannot run here: <.Resize>: a resource of the page has no Resize here`) ||
		!strings.Contains(doc.Warnings[1], `line 5: Hugo shortcode "pic": its template (layouts/shortcodes/pic.html, line 1) cannot run here: <$i.RelPermalink>: RelPermalink of nothing: what the template looked up (a file of the page bundle, a page) is not there`) {
		t.Errorf("warnings: %q", doc.Warnings)
	}
}

// Hugo's glob patterns, from its documentation's table
// (https://gohugo.io/functions/resources/match/).
func TestGlobRE(t *testing.T) {
	for _, tt := range []struct {
		pattern, name string
		match         bool
	}{
		{"images/foo/*.jpg", "images/foo/a.jpg", true},
		{"images/foo/*.*", "images/foo/a.jpg", true},
		{"images/*/*.jpg", "images/foo/a.jpg", true},
		{"*/*/*", "images/foo/a.jpg", true},
		{"**/*.jpg", "images/foo/a.jpg", true},
		{"**", "images/foo/a.jpg", true},
		{"*/*.jpg", "images/foo/a.jpg", false},
		{"*.jpg", "images/foo/a.jpg", false},
		{"*", "images/foo/a.jpg", false},
		{"**.jpg", "images/foo/a.jpg", true},
		{"IMAGES/FOO/A.JPG", "images/foo/a.jpg", true},
		{"file.???", "file.txt", true},
		{"file.???", "file.js", false},
		{"f.[jt]xt", "f.txt", true},
		{"f.[!j]xt", "f.txt", true},
		{"f.[a-c].txt", "f.z.txt", false},
		{"*.{jpg,png}", "logo.png", true},
		{"*.{jpg,png}", "logo.webp", false},
	} {
		re, err := globRE(tt.pattern)
		if err != nil {
			t.Fatalf("%s: %v", tt.pattern, err)
		}
		if got := re.MatchString(tt.name); got != tt.match {
			t.Errorf("%q matches %q = %v, want %v", tt.pattern, tt.name, got, tt.match)
		}
	}
}
