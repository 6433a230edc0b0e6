package site

import (
	"strings"
	"testing"
)

// TestHexo_PagesAndAddresses: which files of a Hexo site are posts,
// drafts and pages, and the address each has on the site, from
// _config.yml's permalink, new_post_name and source_dir.
func TestHexo_PagesAndAddresses(t *testing.T) {
	root := tree(t, map[string]string{
		"_config.yml":                       "title: x\nsource_dir: src\npermalink: :year/:i_month/:title.html\nnew_post_name: :year-:month-:day-:title.md\npost_asset_folder: true\nskip_render: [kept/**]\ntimezone: Asia/Tokyo\n",
		"package.json":                      `{"devDependencies": {"hexo": "^7.0.0"}}`,
		"src/_posts/2024-03-05-brew.md":     "---\ntitle: Brew\ndate: 2024-03-05 10:00:00\n---\nx",
		"src/_posts/travel/2023-01-02-a.md": "---\ntitle: A\ndate: 2023-01-02\n---\nx",
		"src/_posts/own.md":                 "---\ntitle: Own\ndate: 2023-01-02\npermalink: /custom/own/\n---\nx",
		"src/_drafts/idea.md":               "x",
		"src/about/index.md":                "x",
		"src/faq.md":                        "x",
		"src/_partial/x.md":                 "x",
		"src/kept/readme.md":                "x",
		"README.md":                         "x",
	})
	s, err := Detect(root, nil)
	if err != nil {
		t.Fatal(err)
	}
	if s.Generator() != "hexo" {
		t.Fatalf("Generator() = %q", s.Generator())
	}
	for _, tt := range []struct {
		rel, skip, page string
		draft           bool
		asset           string
	}{
		{rel: "src/_posts/2024-03-05-brew.md", asset: "2024-03-05-brew"},
		{rel: "src/_drafts/idea.md", draft: true, asset: "idea"},
		{rel: "src/about/index.md", page: "page"},
		{rel: "src/faq.md", page: "page"},
		{rel: "src/_partial/x.md", skip: "starts with _"},
		{rel: "src/kept/readme.md", skip: "skip_render"},
		{rel: "README.md", skip: "not in the Hexo site's src/ folder"},
	} {
		pg := s.Page(tt.rel)
		switch {
		case tt.skip != "":
			if !strings.Contains(pg.Skip, tt.skip) {
				t.Errorf("%s: Skip %q, want %q", tt.rel, pg.Skip, tt.skip)
			}
			continue
		case pg.Skip != "":
			t.Errorf("%s: Skip %q", tt.rel, pg.Skip)
			continue
		}
		if pg.Rules.Page != tt.page || pg.Rules.Draft != tt.draft || pg.Rules.AssetFolder != tt.asset || pg.Rules.Hexo == nil || !pg.Rules.CategoryPaths {
			t.Errorf("%s: rules %+v", tt.rel, pg.Rules)
		}
		if pg.Rules.Zone == nil || pg.Rules.Zone.String() != "Asia/Tokyo" {
			t.Errorf("%s: zone %v", tt.rel, pg.Rules.Zone)
		}
	}
	if p := s.Page("src/_posts/2024-03-05-brew.md").Rules.Hexo.Posts["brew"]; p.Rel != "src/_posts/2024-03-05-brew.md" || p.Title != "Brew" {
		t.Errorf("post brew: %+v", p)
	}
	for rel, want := range map[string]string{
		"src/_posts/2024-03-05-brew.md": "/2024/3/brew.html",
		// new_post_name is matched against the whole path under _posts,
		// as Hexo does: a folder before the date keeps the name whole.
		"src/_posts/travel/2023-01-02-a.md": "/2023/1/travel/2023-01-02-a.html",
		"src/_posts/own.md":                 "/custom/own/",
		"src/about/index.md":                "/about/",
		"src/faq.md":                        "/faq.html",
	} {
		fm := map[string]any{}
		switch rel {
		case "src/_posts/2024-03-05-brew.md":
			fm["date"] = "2024-03-05 10:00:00"
		case "src/_posts/travel/2023-01-02-a.md":
			fm["date"] = "2023-01-02"
		case "src/_posts/own.md":
			fm["permalink"] = "/custom/own/"
		}
		if got := s.Address(rel, fm); got != want {
			t.Errorf("Address(%s) = %q, want %q", rel, got, want)
		}
	}
	for _, dir := range []string{"themes", "scaffolds", "public", "node_modules", "src/_partial"} {
		if !s.Prune(dir) {
			t.Errorf("Prune(%s) = false", dir)
		}
	}
	if s.Prune("src/_posts") || s.Prune("src/_drafts") {
		t.Error("_posts or _drafts pruned")
	}
}

// TestHexo_Settings: wpsync.yaml's settings reach a Hexo site (link_base).
func TestHexo_Settings(t *testing.T) {
	root := tree(t, map[string]string{"_config.yml": "title: x\nnew_post_name: :title.md\n", "source/_posts/a.md": "x"})
	s, err := DetectWith(root, Settings{LinkBase: "https://old.example.com/"})
	if err != nil {
		t.Fatal(err)
	}
	if s.Generator() != "hexo" || s.LinkBase() != "https://old.example.com" {
		t.Errorf("Generator() = %q, LinkBase() = %q", s.Generator(), s.LinkBase())
	}
}
