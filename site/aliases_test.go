package site

import (
	"slices"
	"testing"
)

func TestSite_Aliases(t *testing.T) {
	redirects := map[string]string{"_config.yml": "url: https://example.org\nplugins:\n  - jekyll-feed\n  - jekyll-redirect-from\n"}
	oldGems := map[string]string{"_config.yml": "gems: [jekyll-redirect-from]\n"}
	noPlugin := map[string]string{"_config.yml": "url: https://example.org\nplugins: [jekyll-feed]\n"}
	hugoSite := map[string]string{"hugo.toml": "baseURL = 'https://example.org/'\n"}
	zolaSite := map[string]string{"config.toml": "base_url = 'https://example.org'\n"}
	tests := []struct {
		name  string
		files map[string]string
		rel   string
		fm    map[string]any
		want  []string
	}{
		{"jekyll list", redirects, "install/index.md", map[string]any{"redirect_from": []any{"/download/", "get.html"}}, []string{"/download/", "/get.html"}},
		{"jekyll one", redirects, "docs/moorings/index.md", map[string]any{"redirect_from": "/moorings/"}, []string{"/moorings/"}},
		{"jekyll gems", oldGems, "a.md", map[string]any{"redirect_from": "/b/"}, []string{"/b/"}},
		{"jekyll without the plugin", noPlugin, "a.md", map[string]any{"redirect_from": "/b/"}, nil},
		{"jekyll another site's address", redirects, "a.md", map[string]any{"redirect_from": []any{"https://old.example.com/a/", "/a-old/"}}, []string{"/a-old/"}},
		{"jekyll draft", redirects, "_drafts/x.md", map[string]any{"redirect_from": "/x/"}, nil},
		{"hugo from the root", hugoSite, "content/posts/new.md", map[string]any{"aliases": []any{"/2010/01/01/old.html", "/posts/older/"}}, []string{"/2010/01/01/old.html", "/posts/older/"}},
		{"hugo relative", hugoSite, "content/posts/new.md", map[string]any{"aliases": []any{"old-name/"}}, []string{"/posts/old-name/"}},
		{"hugo bundle relative", hugoSite, "content/posts/new/index.md", map[string]any{"aliases": []any{"previous"}}, []string{"/posts/previous"}},
		{"hugo outside content", hugoSite, "README.md", map[string]any{"aliases": []any{"/x/"}}, nil},
		{"zola", zolaSite, "content/blog/x.md", map[string]any{"aliases": []any{"old/x", "/older/x/"}}, []string{"/old/x", "/older/x/"}},
		{"plain", map[string]string{"x.md": ""}, "x.md", map[string]any{"aliases": []any{"/y/"}, "redirect_from": "/z/"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Detect(tree(t, tt.files), nil)
			if err != nil {
				t.Fatal(err)
			}
			if got := s.Aliases(tt.rel, tt.fm); !slices.Equal(got, tt.want) {
				t.Errorf("Aliases(%s) = %q, want %q", tt.rel, got, tt.want)
			}
		})
	}
}
