package site

import "testing"

// TestTitle names each generator as its project writes it, with its article.
func TestTitle(t *testing.T) {
	for key, want := range map[string][2]string{
		"hexo":     {"Hexo", "a Hexo site"},
		"astro":    {"Astro", "an Astro site"},
		"eleventy": {"Eleventy", "an Eleventy site"},
		"hugo":     {"Hugo", "a Hugo site"},
		"goblog":   {"Go blog", "a Go blog site"},
	} {
		if name, site := Title(key); name != want[0] || site != want[1] {
			t.Errorf("Title(%q) = %q, %q, want %q, %q", key, name, site, want[0], want[1])
		}
	}
}
