package markdown

import "strings"

// Markup is the block markup of one version of the block editor, where
// versions differ. Each WordPress saves blocks the way its own editor's
// save() functions write them; markup of an older version is still
// accepted by a newer editor, but only through a deprecated version of the
// block type, which the editor rewrites ("migrates") on the next save. So a
// post must be written in the markup of the WordPress it goes to.
//
// The zero value is what today's editor saves (WordPress 7.0 and later:
// @wordpress/block-library 9.38 and later, checked with 11); each field
// names a difference of an older editor. From the block types' block.json
// files and the block editor's hooks: WordPress 6.1 has all four; 6.2 to
// 6.5 PlainLists, FlexibleTables and AnchorsFromID; 6.6 to 6.9
// AnchorsFromID alone.
type Markup struct {
	// PlainHeadings: Heading blocks are <h2> without class="wp-block-heading"
	// (the Heading block type does not support className).
	PlainHeadings bool
	// PlainLists: List blocks are <ul>/<ol> without class="wp-block-list"
	// (the List block type does not support className).
	PlainLists bool
	// FlexibleTables: a Table's hasFixedLayout defaults to false, so a table
	// without a fixed layout names no attribute; today it defaults to true,
	// and such a table is <!-- wp:table {"hasFixedLayout":false} -->.
	FlexibleTables bool
	// AnchorsFromID: a block's HTML anchor is read from its id attribute
	// alone and not written in the block comment. Today's editor keeps it
	// in the comment too ({"anchor":"x"}), and adds it there, as a
	// migration, to a block that has only the id (@wordpress/block-editor
	// 15.11, the release in which the Heading type gained
	// typography.textAlign support).
	AnchorsFromID bool
	// NumericImageSizes: an Image block's width and height are numbers of
	// pixels ({"width":300}), written as the <img>'s width and height
	// attributes; today they are CSS lengths ({"width":"300px"}) written
	// in its style (WordPress 6.3).
	NumericImageSizes bool
	// NoDetails: the editor has no Details block (core/details, new in
	// WordPress 6.3); a foldable callout is then a Group block.
	NoDetails bool
	// NoFootnotes: the editor has no Footnotes block (core/footnotes, new
	// in WordPress 6.3); footnotes are then goldmark's list in a Custom
	// HTML block, and links to it (footnotes.go).
	NoFootnotes bool
	// NoMath: the editor has no Math block (core/math, new in WordPress
	// 6.9); a ```math block is then its MathML in a Custom HTML block
	// (math.go).
	NoMath bool
	// MerPress: the site has the block of MerPress, a WordPress plugin
	// that draws Mermaid diagrams in the browser (merpress/mermaidjs): a
	// ```mermaid block is then that block (mermaid.go). Not a difference
	// of an editor version but of the site's plugins, found the same way,
	// in its block types.
	MerPress bool
}

// MarkupWP61 is the block markup of WordPress 6.1's editor.
var MarkupWP61 = Markup{PlainHeadings: true, PlainLists: true, FlexibleTables: true, AnchorsFromID: true, NumericImageSizes: true, NoDetails: true, NoFootnotes: true, NoMath: true}

// String names the markup for the state file and for people: "current",
// or the differences from it, comma-separated.
func (m Markup) String() string {
	var parts []string
	if m.PlainHeadings {
		parts = append(parts, "plain-headings")
	}
	if m.PlainLists {
		parts = append(parts, "plain-lists")
	}
	if m.FlexibleTables {
		parts = append(parts, "flexible-tables")
	}
	if m.AnchorsFromID {
		parts = append(parts, "anchors-from-id")
	}
	if m.NumericImageSizes {
		parts = append(parts, "numeric-image-sizes")
	}
	if m.NoDetails {
		parts = append(parts, "no-details")
	}
	if m.NoFootnotes {
		parts = append(parts, "no-footnotes")
	}
	if m.NoMath {
		parts = append(parts, "no-math")
	}
	if m.MerPress {
		parts = append(parts, "merpress")
	}
	if len(parts) == 0 {
		return "current"
	}
	return strings.Join(parts, ",")
}

// ParseMarkup reads what String wrote; anything it does not know, ""
// included, is today's markup.
func ParseMarkup(s string) Markup {
	var m Markup
	for _, p := range strings.Split(s, ",") {
		switch p {
		case "plain-headings":
			m.PlainHeadings = true
		case "plain-lists":
			m.PlainLists = true
		case "flexible-tables":
			m.FlexibleTables = true
		case "anchors-from-id":
			m.AnchorsFromID = true
		case "numeric-image-sizes":
			m.NumericImageSizes = true
		case "no-details":
			m.NoDetails = true
		case "no-footnotes":
			m.NoFootnotes = true
		case "no-math":
			m.NoMath = true
		case "merpress":
			m.MerPress = true
		}
	}
	return m
}
