package site

import (
	"github.com/wpsync/wpsync/markdown"
	"strings"
	"testing"
)

// TestSite_Dates reads the date keys of each generator: Hugo's published
// (and pubdate, publishDate) is a date, Jekyll's published a flag.
func TestSite_Dates(t *testing.T) {
	hugoCfg := map[string]string{"hugo.toml": "baseURL = \"https://x\"\n"}
	jekyllCfg := map[string]string{"_config.yml": "title: x\n"}
	zolaCfg := map[string]string{"config.toml": "base_url = \"https://x\"\n"}
	tests := []struct {
		name   string
		config map[string]string
		rel    string
		fm     string
		date   string // want, 2006-01-02; "" for none
		status string
		skip   string // part of the reason it is not a page
	}{
		{"hugo published is a date", hugoCfg, "content/a.md", "published: 2024-01-02", "2024-01-02", "", ""},
		{"hugo pubdate", hugoCfg, "content/a.md", "pubdate: 2024-01-03", "2024-01-03", "", ""},
		{"hugo publishDate", hugoCfg, "content/a.md", "publishDate: 2024-01-04", "2024-01-04", "", ""},
		{"hugo date wins over publishDate", hugoCfg, "content/a.md", "publishDate: 2024-01-04\ndate: 2023-05-06", "2023-05-06", "", ""},
		{"hugo lastmod is the last resort", hugoCfg, "content/a.md", "lastmod: 2022-02-02", "2022-02-02", "", ""},
		{"hugo modified", hugoCfg, "content/a.md", "modified: 2022-02-03", "2022-02-03", "", ""},
		{"hugo expiryDate passed", hugoCfg, "content/a.md", "date: 2020-01-01\nexpiryDate: 2021-01-01", "2020-01-01", "", "line 4: expiryDate: 2021-01-01 has passed"},
		{"hugo unpublishdate passed", hugoCfg, "content/a.md", "unpublishdate: 2021-01-01", "", "", "unpublishdate: 2021-01-01 has passed"},
		{"hugo expiryDate to come", hugoCfg, "content/a.md", "expiryDate: 2999-01-01", "", "", ""},
		{"jekyll published false stays a draft", jekyllCfg, "_posts/2020-01-01-a.md", "published: false", "2020-01-01", "draft", ""},
		{"plain published false stays a draft", map[string]string{}, "a.md", "published: false", "", "draft", ""},
		{"plain publishDate", map[string]string{}, "a.md", "publishDate: 2024-01-04", "2024-01-04", "", ""},
		// Each generator's own keys only: Hugo's are not Jekyll's or Zola's.
		{"jekyll publishDate is not its date", jekyllCfg, "_posts/2020-01-01-a.md", "publishDate: 2024-01-04", "2020-01-01", "", ""},
		{"zola pubdate is not its date", zolaCfg, "content/a.md", "pubdate: 2024-01-03", "", "", ""},
		{"zola published false is no flag", zolaCfg, "content/a.md", "published: false\ndate: 2024-01-02", "2024-01-02", "", ""},
		{"zola draft", zolaCfg, "content/a.md", "draft: true\ndate: 2024-01-02", "2024-01-02", "draft", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{tt.rel: "---\ntitle: A\n" + tt.fm + "\n---\nbody\n"}
			for k, v := range tt.config {
				files[k] = v
			}
			dir := tree(t, files)
			s, err := Detect(dir, nil)
			if err != nil {
				t.Fatal(err)
			}
			skip, doc := judge(t, s, dir, tt.rel)
			if tt.skip != "" || skip != "" {
				if tt.skip == "" || !strings.Contains(skip, tt.skip) {
					t.Errorf("skip = %q, want one with %q", skip, tt.skip)
				}
				return
			}
			got := ""
			if !doc.Date.IsZero() {
				got = doc.Date.Time.Format("2006-01-02")
			}
			if got != tt.date {
				t.Errorf("date = %q, want %q", got, tt.date)
			}
			if doc.Status != tt.status {
				t.Errorf("status = %q, want %q", doc.Status, tt.status)
			}
		})
	}
}

// TestSite_DatesErrors: a bad date is reported under any key the
// generator reads, and Jekyll's published must be true or false.
func TestSite_DatesErrors(t *testing.T) {
	tests := []struct {
		name, config, rel, fm, want string
	}{
		{"hugo bad published", "hugo.toml", "content/a.md", "published: soon", `"published"`},
		{"hugo bad expiryDate", "hugo.toml", "content/a.md", "date: 2020-01-01\nexpiryDate: never", `"expiryDate"`},
		{"hugo bad lastmod beside a date", "hugo.toml", "content/a.md", "date: 2020-01-01\nlastmod: yesterday", `"lastmod"`},
		{"jekyll published date", "_config.yml", "_posts/2020-01-01-a.md", "published: 2024-01-02", "want true or false"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := "title: x\n"
			if tt.config == "hugo.toml" {
				cfg = "baseURL = \"https://x\"\n"
			}
			dir := tree(t, map[string]string{tt.config: cfg, tt.rel: "---\ntitle: A\n" + tt.fm + "\n---\nbody\n"})
			s, err := Detect(dir, nil)
			if err != nil {
				t.Fatal(err)
			}
			src := []byte("---\ntitle: A\n" + tt.fm + "\n---\nbody\n")
			_, err = markdown.ParseWith(tt.rel, src, markdown.Options{Site: s.Page(tt.rel).Rules})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want one with %s", err, tt.want)
			}
		})
	}
}
