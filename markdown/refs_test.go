package markdown

import (
	"reflect"
	"regexp"
	"strings"
	"testing"
)

// resolver resolves images to an uploads address and links to Markdown
// files to a permalink, recording what it was asked.
func resolver(asked *[]Ref) func(Ref) (string, bool) {
	return func(r Ref) (string, bool) {
		*asked = append(*asked, r)
		switch {
		case strings.Contains(r.Path, "missing"):
			return "", false
		case r.Kind == RefLink:
			return "https://wp.test/" + strings.TrimSuffix(r.Path[strings.LastIndex(r.Path, "/")+1:], ".md") + "/", true
		}
		return "https://wp.test/uploads/" + r.Path, true
	}
}

func TestLocalRef(t *testing.T) {
	tests := []struct {
		kind  RefKind
		dest  string
		ok    bool
		want  Ref
		wantK RefKind
	}{
		{RefImage, "img/x.png", true, Ref{Path: "posts/img/x.png"}, RefImage},
		{RefImage, "./img/../img/x.png?w=3#f", true, Ref{Path: "posts/img/x.png", Fragment: "f"}, RefImage},
		{RefImage, "my%20pic.png", true, Ref{Path: "posts/my pic.png"}, RefImage},
		{RefImage, "../../outside.png", true, Ref{Path: "../outside.png"}, RefImage},
		{RefImage, "/images/x.png", true, Ref{Path: "/images/x.png"}, RefImage},
		{RefImage, "https://example.com/x.png", false, Ref{}, ""},
		{RefImage, "//cdn.example.com/x.png", false, Ref{}, ""},
		{RefImage, "data:image/png;base64,AAAA", false, Ref{}, ""},
		{RefImage, "file:///etc/passwd", false, Ref{}, ""},
		{RefLink, "other.md#team", true, Ref{Path: "posts/other.md", Fragment: "team"}, RefLink},
		{RefLink, "../pages/about.markdown", true, Ref{Path: "pages/about.markdown"}, RefLink},
		{RefLink, "files/report.pdf", true, Ref{Path: "posts/files/report.pdf"}, RefFile},
		// Addresses on the static site: the caller finds the file.
		{RefLink, "other-page/", true, Ref{Path: "other-page/", Address: true}, RefLink},
		{RefLink, "page.html", true, Ref{Path: "page.html", Address: true}, RefLink},
		{RefLink, "/blog/go1.14#gc", true, Ref{Path: "/blog/go1.14", Fragment: "gc", Address: true}, RefLink},
		{RefLink, "@/blog/x.md", true, Ref{Path: "/blog/x.md"}, RefLink}, // Zola's internal link
		{RefLink, "#top", false, Ref{}, ""},
		{RefLink, "mailto:a@b.c", false, Ref{}, ""},
		{RefLink, refScheme + "guide", true, Ref{Path: "posts/guide", Loose: true}, RefLink},
		{RefLink, refScheme + "/_posts/2024-01-02-x", true, Ref{Path: "/_posts/2024-01-02-x", Loose: true}, RefLink},
	}
	for _, tt := range tests {
		got, ok := localRef("posts/x.md", tt.kind, tt.dest)
		if ok != tt.ok {
			t.Errorf("%s %q: local %v, want %v", tt.kind, tt.dest, ok, tt.ok)
			continue
		}
		if !ok {
			continue
		}
		if got.Path != tt.want.Path || got.Fragment != tt.want.Fragment || got.Loose != tt.want.Loose || got.Kind != tt.wantK || got.Address != tt.want.Address {
			t.Errorf("%s %q = %+v, want path %q fragment %q loose %v address %v kind %s", tt.kind, tt.dest, got, tt.want.Path, tt.want.Fragment, tt.want.Loose, tt.want.Address, tt.wantK)
		}
	}
}

func TestParse_RefsCollectedAndRewritten(t *testing.T) {
	src := `---
title: Refs
featured_image: img/cover.png
---
![An *owl*](img/owl.png "The owl")

See [the team](../pages/about.md#team), [a PDF](files/r.pdf), [a site](https://example.com) and [lost](missing.md).

<figure><img src="img/raw.png" alt="Raw &amp; real"></figure>

Inline <img src='img/inline.png'> and <a href="other.md">HTML link</a>.

` + "```\n![not a ref](code.png)\n```\n"
	for _, format := range []string{FormatBlocks, FormatClassic} {
		t.Run(format, func(t *testing.T) {
			var asked []Ref
			doc, err := ParseWith("posts/x.md", []byte(src), Options{Format: format, Resolve: resolver(&asked)})
			if err != nil {
				t.Fatal(err)
			}
			type ref struct {
				Kind       RefKind
				Path, Frag string
				Alt        string
				Line       int
			}
			var got []ref
			for _, r := range doc.Refs {
				got = append(got, ref{r.Kind, r.Path, r.Fragment, r.Alt, r.Line})
			}
			want := []ref{
				{RefFeatured, "posts/img/cover.png", "", "", 3},
				{RefImage, "posts/img/owl.png", "", "An owl", 5},
				{RefLink, "pages/about.md", "team", "", 7},
				{RefFile, "posts/files/r.pdf", "", "", 7},
				{RefLink, "posts/missing.md", "", "", 7},
				{RefImage, "posts/img/raw.png", "", "Raw & real", 9},
				{RefImage, "posts/img/inline.png", "", "", 11},
				{RefLink, "posts/other.md", "", "", 11},
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("refs:\n got %+v\nwant %+v", got, want)
			}
			for _, s := range []string{
				`src="https://wp.test/uploads/posts/img/owl.png"`,
				`href="https://wp.test/about/#team"`,
				`href="https://wp.test/uploads/posts/files/r.pdf"`,
				`href="https://example.com"`,
				`href="missing.md"`, // unresolved: as written
				`<img src="https://wp.test/uploads/posts/img/raw.png" alt="Raw &amp; real">`,
				`https://wp.test/uploads/posts/img/inline.png`,
				`href="https://wp.test/other/"`,
				`code.png`,
			} {
				if !strings.Contains(doc.Content, s) {
					t.Errorf("content lacks %s:\n%s", s, doc.Content)
				}
			}
			if strings.Contains(doc.Content, "https://wp.test/uploads/posts/code.png") {
				t.Errorf("a reference in a code block was rewritten:\n%s", doc.Content)
			}
		})
	}
}

func TestParse_ImageBlockGetsAttachmentID(t *testing.T) {
	var asked []Ref
	doc, err := ParseWith("x.md", []byte("![A](a.png)\n"), Options{
		Format:  FormatBlocks,
		Resolve: resolver(&asked),
		ImageID: func(u string) int {
			if u == "https://wp.test/uploads/a.png" {
				return 42
			}
			return 0
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(doc.Content, `<!-- wp:image {"id":42} -->`) || !strings.Contains(doc.Content, `class="wp-image-42"`) {
		t.Errorf("content:\n%s", doc.Content)
	}
}

func TestParse_Extra(t *testing.T) {
	tests := []struct {
		name, path, src string
		want            Extra
		typ, status     string
		featured        string
		warn            string
		rules           *SiteRules // nil: plainFor(path)
	}{
		{
			name: "page fields", path: "about/team.md",
			src:  "---\ntype: page\nparent: ../about.md\nmenu_order: 3\ntemplate: wide.php\nsticky: false\ncomment_status: closed\nping_status: open\nauthor: alice\npassword: pw\n---\nx\n",
			want: Extra{Parent: "../about.md", MenuOrder: 3, Template: "wide.php", Sticky: new(bool), CommentStatus: "closed", PingStatus: "open", Author: "alice", Password: "pw"},
			typ:  "page",
		},
		{
			name: "hugo weight, authors list, format as post format", path: "x.md",
			src:  "+++\nweight = 7\nauthors = [\"bob\", \"carol\"]\nformat = \"Aside\"\n+++\nx\n",
			want: Extra{MenuOrder: 7, Author: "bob", PostFormat: "aside"},
		},
		{name: "hugo section page", path: "docs/_index.md", src: "x\n", typ: "page"},
		{name: "hugo layout type loses to post_type", path: "x.md", src: "---\ntype: docs\npost_type: page\n---\nx\n", typ: "page"},
		{name: "jekyll layout page", path: "about.md", src: "---\nlayout: page\n---\nx\n", typ: "page"},
		{name: "jekyll drafts folder", path: "_drafts/idea.md", src: "x\n", status: "draft"},
		{name: "hugo layout page names a template", path: "x.md", src: "---\nlayout: page\n---\nx\n", rules: hugoRules()},
		{name: "hugo drafts folder is a section", path: "_drafts/idea.md", src: "x\n", rules: hugoRules()},
		{name: "jekyll comments false", path: "x.md", src: "---\ncomments: false\n---\nx\n", want: Extra{CommentStatus: "closed"}},
		{name: "papermod cover", path: "post/a/index.md", src: "+++\n[cover]\nimage = \"c.png\"\nalt = \"C\"\n+++\nx\n", featured: "post/a/c.png"},
		{name: "hugo images list", path: "post/b.md", src: "---\nimages: [/img/b.png, /img/c.png]\n---\nx\n", featured: "/img/b.png"},
		{name: "minimal mistakes header teaser", path: "_posts/2024-01-02-x.md", src: "---\nheader:\n  teaser: /assets/t.png\n---\nx\n", featured: "/assets/t.png"},
		{name: "remote featured image", path: "x.md", src: "---\nimage: https://example.com/x.png\n---\nx\n", warn: "is not a file in the folder"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rules := tt.rules
			if rules == nil {
				rules = plainFor(tt.path)
			}
			doc, err := ParseWith(tt.path, []byte(tt.src), Options{Site: rules})
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(doc.Extra, tt.want) {
				t.Errorf("Extra = %+v, want %+v", doc.Extra, tt.want)
			}
			if doc.Type != tt.typ || doc.Status != tt.status {
				t.Errorf("type %q status %q, want %q %q", doc.Type, doc.Status, tt.typ, tt.status)
			}
			featured := ""
			for _, r := range doc.Refs {
				if r.Kind == RefFeatured {
					featured = r.Path
				}
			}
			if featured != tt.featured {
				t.Errorf("featured %q, want %q", featured, tt.featured)
			}
			if tt.warn != "" && (len(doc.Warnings) != 1 || !strings.Contains(doc.Warnings[0], tt.warn)) {
				t.Errorf("warnings %q, want one with %q", doc.Warnings, tt.warn)
			}
		})
	}
}

func TestParse_ExtraErrors(t *testing.T) {
	for src, want := range map[string]string{
		"---\nmenu_order: first\n---\nx\n":     `front matter field "menu_order": want a whole number`,
		"---\ncomment_status: maybe\n---\nx\n": `front matter field "comment_status": unknown value "maybe"`,
		"---\npost_format: poem\n---\nx\n":     `unknown post format "poem"`,
		"---\nsticky: \"yes\"\n---\nx\n":       `front matter field "sticky": want true or false`,
	} {
		_, err := Parse("x.md", []byte(src))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: error %v, want %q", src, err, want)
		}
	}
}

// TestHasScheme checks hasScheme against the pattern it stands for.
func TestHasScheme(t *testing.T) {
	re := regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.-]*:`)
	for _, s := range []string{"", ":", "a:", "https://x", "mailto:a@b", "data:x", "x.md", "a/b:c", "1a:", "a1+.-:", "a b:",
		"-a:", "é:", "a", "/a:", "#a:", "C:\\x", "a+:", ".a:", "ab"} {
		if got, want := hasScheme(s), re.MatchString(s); got != want {
			t.Errorf("hasScheme(%q) = %v, want %v", s, got, want)
		}
	}
}
