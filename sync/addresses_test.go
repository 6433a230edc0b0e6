package sync

import "testing"

func TestSiteAddresses_Find(t *testing.T) {
	a := &siteAddresses{byKey: map[string]string{}}
	for addr, file := range map[string]string{
		"/blog/go1.14/":                 "content/blog/go1.14.md",
		"/about.html":                   "about.md",
		"/docs/":                        "docs/index.md",
		"/news/2008/08/08/multiple-vu/": "_posts/2008-08-08-multiple-vu.md",
	} {
		a.byKey[addressKey(addr)] = file
	}
	bases := []string{"/en", "https://www.example.org/en", "https://www.example.org"}
	tests := map[string]string{
		"/blog/go1.14":                     "content/blog/go1.14.md",
		"/blog/go1.14/":                    "content/blog/go1.14.md",
		"/Blog/Go1.14/?x=1":                "content/blog/go1.14.md",
		"/about":                           "about.md",
		"/about/":                          "about.md",
		"/docs/index.html":                 "docs/index.md",
		"/en/news/2008/08/08/multiple-vu/": "_posts/2008-08-08-multiple-vu.md", // with baseurl
		"/news/2008/08/08/multiple-vu":     "_posts/2008-08-08-multiple-vu.md",
		"/entry/":                          "", // /en is a base path only as a whole segment
		"/blog/go1.15/":                    "",
	}
	for p, want := range tests {
		if got := a.find(p, bases); got != want {
			t.Errorf("find(%q) = %q, want %q", p, got, want)
		}
	}
}
