package markdown

import (
	"strings"
	"testing"
)

// The size and link an editor set, written after the image, come back in
// the Image block as the editor saves them; braces that are not such a
// list stay text.
func TestImageAttrs(t *testing.T) {
	opts := Options{Format: FormatBlocks, ImageID: func(string) int { return 12 }}
	for _, c := range []struct{ src, want string }{
		{`![A cat](https://x.test/cat.png "The caption"){sizeSlug=large linkDestination=none}`,
			"<!-- wp:image {\"id\":12,\"sizeSlug\":\"large\",\"linkDestination\":\"none\"} -->\n<figure class=\"wp-block-image size-large\"><img src=\"https://x.test/cat.png\" alt=\"A cat\" class=\"wp-image-12\"/><figcaption class=\"wp-element-caption\">The caption</figcaption></figure>\n<!-- /wp:image -->"},
		// The block type's order, whatever the list's.
		{`[![A cat](https://x.test/cat.png){linkDestination=media sizeSlug=full}](https://x.test/cat.png)`,
			"<!-- wp:image {\"id\":12,\"sizeSlug\":\"full\",\"linkDestination\":\"media\"} -->\n<figure class=\"wp-block-image size-full\"><a href=\"https://x.test/cat.png\"><img src=\"https://x.test/cat.png\" alt=\"A cat\" class=\"wp-image-12\"/></a></figure>\n<!-- /wp:image -->"},
		{`![A cat](https://x.test/cat.png)`,
			"<!-- wp:image {\"id\":12} -->\n<figure class=\"wp-block-image\"><img src=\"https://x.test/cat.png\" alt=\"A cat\" class=\"wp-image-12\"/></figure>\n<!-- /wp:image -->"},
	} {
		_, got, err := render([]byte(c.src), false, opts)
		if err != nil || got != c.want {
			t.Errorf("%s:\n got %s (%v)\nwant %s", c.src, got, err, c.want)
		}
	}
	for _, src := range []string{
		"![A cat](https://x.test/cat.png){width=300}",
		"![A cat](https://x.test/cat.png){sizeSlug=\"large x\"}",
		"![A cat](https://x.test/cat.png){linkDestination=elsewhere}",
		"Text {sizeSlug=large}",
	} {
		_, got, err := render([]byte(src), false, opts)
		if err != nil || !strings.Contains(got, "{") {
			t.Errorf("%s: the braces should stay text:\n%s (%v)", src, got, err)
		}
	}
}

// A table's fixed layout, on the line under it, comes back as the editor
// saves it, on today's editor and on 6.1's; any other line there is a row.
func TestTableFixedLayout(t *testing.T) {
	const table = "| a | b |\n|---|---|\n| 1 | 2 |\n"
	const rows = "<thead><tr><th>a</th><th>b</th></tr></thead><tbody><tr><td>1</td><td>2</td></tr></tbody></table></figure>\n<!-- /wp:table -->"
	for _, c := range []struct {
		src    string
		markup Markup
		want   string
	}{
		{table + "{hasFixedLayout=true}", Markup{}, "<!-- wp:table -->\n<figure class=\"wp-block-table\"><table class=\"has-fixed-layout\">" + rows},
		{table + "{hasFixedLayout=true}", MarkupWP61, "<!-- wp:table {\"hasFixedLayout\":true} -->\n<figure class=\"wp-block-table\"><table class=\"has-fixed-layout\">" + rows},
		{table, Markup{}, "<!-- wp:table {\"hasFixedLayout\":false} -->\n<figure class=\"wp-block-table\"><table>" + rows},
		{table + "{hasFixedLayout=false}", MarkupWP61, "<!-- wp:table -->\n<figure class=\"wp-block-table\"><table>" + rows},
		{"Intro\n" + table + "{hasFixedLayout=true}", Markup{}, "<!-- wp:paragraph -->\n<p>Intro</p>\n<!-- /wp:paragraph -->\n\n<!-- wp:table -->\n<figure class=\"wp-block-table\"><table class=\"has-fixed-layout\">" + rows},
	} {
		_, got, err := render([]byte(c.src), false, Options{Format: FormatBlocks, Markup: c.markup})
		if err != nil || got != c.want {
			t.Errorf("%q on %s:\n got %s (%v)\nwant %s", c.src, c.markup, got, err, c.want)
		}
	}
	for _, src := range []string{table + "{width=3}", table + "{hasFixedLayout=yes}", table + "| {hasFixedLayout=true} |", "Not a table\n{hasFixedLayout=true}",
		"| a | b |\n|---|\n{hasFixedLayout=true}"} {
		_, got, err := render([]byte(src), false, Options{Format: FormatBlocks})
		if err != nil || !strings.Contains(got, "{") {
			t.Errorf("%q: the line should stay text:\n%s (%v)", src, got, err)
		}
	}
}

// In the classic format an image with a caption and a width is the
// [caption] shortcode as the classic editor saves it; without a caption
// the list stays text, and in the blocks format a width is no Image block
// attribute.
func TestClassicCaption(t *testing.T) {
	opts := Options{Format: FormatClassic, ImageID: func(string) int { return 12 }}
	for _, c := range []struct{ src, want string }{
		{`![A cat](https://x.test/cat.png "A cat & a wall"){align=none width=300 height=200 sizeSlug=medium}`,
			`<p>[caption id="attachment_12" align="alignnone" width="300"]<img class="size-medium wp-image-12" src="https://x.test/cat.png" alt="A cat" width="300" height="200" /> A cat &amp; a wall[/caption]</p>` + "\n"},
		{`[![A cat](https://x.test/cat.png "Linked"){width=8 align=center}](https://x.test/)`,
			`<p>[caption id="attachment_12" align="aligncenter" width="8"]<a href="https://x.test/"><img class="wp-image-12" src="https://x.test/cat.png" alt="A cat" width="8" /></a> Linked[/caption]</p>` + "\n"},
	} {
		_, got, err := render([]byte(c.src), false, opts)
		if err != nil || got != c.want {
			t.Errorf("%s:\n got %s (%v)\nwant %s", c.src, got, err, c.want)
		}
	}
	for _, c := range []struct {
		src    string
		format string
	}{
		{"![A cat](https://x.test/cat.png){width=300}", FormatClassic},
		{"![A cat](https://x.test/cat.png \"Cap\"){width=300}", FormatBlocks},
		{"![A cat](https://x.test/cat.png \"Cap\"){width=wide}", FormatClassic},
	} {
		_, got, err := render([]byte(c.src), false, Options{Format: c.format})
		if err != nil || !strings.Contains(got, "{") {
			t.Errorf("%s (%s): the braces should stay text:\n%s (%v)", c.src, c.format, got, err)
		}
	}
}

// An attribute list that was not read (wrong format, not after an image,
// a key it does not take) is named with its line; one that was read is
// not.
func TestImageAttrs_LeftoverWarned(t *testing.T) {
	src := "---\ntitle: x\nformat: classic\n---\n\n![A cat](cat.png \"Cap\"){align=none width=8 height=8 sizeSlug=full}\n\n![A cat](cat.png \"Cap\"){sizeSlug=large linkDestination=none}\n"
	doc, err := ParseWith("posts/x.md", []byte(src), Options{Format: FormatClassic})
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Warnings) != 1 || !strings.HasPrefix(doc.Warnings[0], "line 8: image or table attribute list {sizeSlug=large linkDestination=none}") {
		t.Errorf("warnings %q", doc.Warnings)
	}
}
