package site

import (
	"slices"
	"testing"
	"time"
)

func TestSite_Address(t *testing.T) {
	hugoSite := map[string]string{"hugo.toml": "baseURL = 'https://go.example.org/'\n[permalinks]\n  news = '/:year/:month/:slug/'\n"}
	jekyllSite := map[string]string{"_config.yml": "url: https://www.ruby.example.org\nbaseurl: /en\npermalink: pretty\ncollections:\n  docs:\n    output: true\n    permalink: /manual/:path/\n"}
	zolaSite := map[string]string{"config.toml": "base_url = 'https://blog.example.org'\n"}
	date := time.Date(2008, 8, 8, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name  string
		files map[string]string
		rel   string
		fm    map[string]any
		want  string
	}{
		{"hugo page", hugoSite, "content/blog/go1.14.md", nil, "/blog/go1.14/"},
		{"hugo slug", hugoSite, "content/blog/x.md", map[string]any{"slug": "gc-intro"}, "/blog/gc-intro/"},
		{"hugo url", hugoSite, "content/blog/x.md", map[string]any{"url": "/the/gc"}, "/the/gc"},
		{"hugo bundle", hugoSite, "content/blog/pgo/index.md", nil, "/blog/pgo/"},
		{"hugo section", hugoSite, "content/docs/_index.md", nil, "/docs/"},
		{"hugo permalinks", hugoSite, "content/news/release.md", map[string]any{"date": date, "title": "Go 1.2 Is Out"}, "/2008/08/go-1.2-is-out/"},
		{"jekyll pretty post", jekyllSite, "news/_posts/2008-08-08-multiple-vulnerabilities.md", nil, "/news/2008/08/08/multiple-vulnerabilities/"},
		{"jekyll permalink pattern", jekyllSite, "_posts/2008-08-08-x.md", map[string]any{"permalink": "/:categories/:year/:title/", "categories": "security"}, "/security/2008/x/"},
		{"jekyll page", jekyllSite, "about/team.md", nil, "/about/team/"},
		{"jekyll index", jekyllSite, "about/index.md", nil, "/about/"},
		{"jekyll collection", jekyllSite, "_docs/install.md", nil, "/manual/install/"},
		{"jekyll date style", map[string]string{"_config.yml": "title: x\n"}, "_posts/2024-01-02-hello.md", nil, "/2024/01/02/hello.html"},
		{"zola page", zolaSite, "content/blog/2021-05-06_launch.md", nil, "/blog/launch/"},
		{"zola path", zolaSite, "content/blog/x.md", map[string]any{"path": "2020/03/12/Rust-1.42"}, "/2020/03/12/Rust-1.42/"},
		{"zola section", zolaSite, "content/blog/_index.md", nil, "/blog/"},
		{"plain", map[string]string{"x.md": ""}, "x.md", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Detect(tree(t, tt.files), nil)
			if err != nil {
				t.Fatal(err)
			}
			if got := s.Address(tt.rel, tt.fm); got != tt.want {
				t.Errorf("Address(%s) = %q, want %q", tt.rel, got, tt.want)
			}
		})
	}
	s, err := Detect(tree(t, jekyllSite), nil)
	if err != nil {
		t.Fatal(err)
	}
	if b := s.Bases(); !slices.Contains(b, "/en") || !slices.Contains(b, "https://www.ruby.example.org/en") || !slices.Contains(b, "https://ruby.example.org") {
		t.Errorf("bases %q", b)
	}
}
