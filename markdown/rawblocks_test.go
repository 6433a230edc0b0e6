package markdown

import (
	"strings"
	"testing"
)

func TestRenderBlocks_RawBlockMarkup(t *testing.T) {
	buttons := "<!-- wp:buttons -->\n<div class=\"wp-block-buttons\"><!-- wp:button -->\n<div class=\"wp-block-button\"><a class=\"wp-block-button__link wp-element-button\" href=\"https://example.com\">Go</a></div>\n<!-- /wp:button -->\n\n<!-- wp:button -->\n<div class=\"wp-block-button\"><a class=\"wp-block-button__link wp-element-button\">Two</a></div>\n<!-- /wp:button --></div>\n<!-- /wp:buttons -->"
	columns := "<!-- wp:columns -->\n<div class=\"wp-block-columns\"><!-- wp:column -->\n<div class=\"wp-block-column\"><!-- wp:paragraph -->\n<p>Left *not emphasis*</p>\n<!-- /wp:paragraph --></div>\n<!-- /wp:column --></div>\n<!-- /wp:columns -->"
	tests := []struct {
		name, in, want string
	}{
		{"block with blank lines inside", buttons, buttons},
		{"void block", "<!-- wp:latest-posts {\"postsToShow\":3} /-->", "<!-- wp:latest-posts {\"postsToShow\":3} /-->"},
		{"nested with Markdown-looking text", columns, columns},
		{"adjacent blocks keep their separator", columns + "\n" + buttons, columns + "\n" + buttons},
		{"between Markdown paragraphs", "Before.\n\n" + buttons + "\n\nAfter.",
			"<!-- wp:paragraph -->\n<p>Before.</p>\n<!-- /wp:paragraph -->\n\n" + buttons + "\n\n<!-- wp:paragraph -->\n<p>After.</p>\n<!-- /wp:paragraph -->"},
		{"plugin namespace", "<!-- wp:acme/card {\"a\":1} -->\n<div>x</div>\n<!-- /wp:acme/card -->", "<!-- wp:acme/card {\"a\":1} -->\n<div>x</div>\n<!-- /wp:acme/card -->"},
		// Not closed: no pass-through, the usual Custom HTML block.
		{"unclosed", "<!-- wp:buttons -->\n<div>x</div>", "<!-- wp:html -->\n<!-- wp:buttons -->\n<!-- /wp:html -->\n\n<!-- wp:html -->\n<div>x</div>\n<!-- /wp:html -->"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := RenderBlocks([]byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

func TestSplitBlocks(t *testing.T) {
	buttons := "<!-- wp:buttons -->\n<div class=\"wp-block-buttons\"><!-- wp:button -->\n<div class=\"wp-block-button\"><a>Go</a></div>\n<!-- /wp:button --></div>\n<!-- /wp:buttons -->"
	content := "free\n" + buttons + "\n\n<!-- wp:latest-posts /-->\n\n<!-- wp:acme/x {\"a\":\"} -->\"} -->\ny\n<!-- /wp:acme/x -->"
	segs := SplitBlocks(content)
	var names []string
	var joined string
	for _, s := range segs {
		names = append(names, s.Name)
		joined += s.Text
	}
	if joined != content {
		t.Errorf("segments do not join to the content")
	}
	if got := strings.Join(names, ","); got != ",buttons,,latest-posts,,acme/x" {
		t.Errorf("names %s", got)
	}
}
