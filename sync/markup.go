package sync

import (
	"context"
	"fmt"
	"strings"

	"github.com/wpsync/wpsync/markdown"
)

// BlockType is what sync reads of one of the site's block types: the keys
// of its block.json that were asked for.
type BlockType struct {
	Name       string
	Supports   map[string]any
	Attributes map[string]map[string]any
}

// markupOf reads the block markup a site's editor saves from its block
// types: the class of headings and lists is added only where the type
// supports className, a table names hasFixedLayout only when it defaults
// to true, and anchors are kept in the block comment only where the
// Heading type supports typography.textAlign (see Markup.AnchorsFromID).
// A type the site did not describe counts as today's. A plugin's block
// type wpsync writes (MerPress's Mermaid block) is read here too.
//
// The anchor is a hook of the block editor for every block type that
// supports it, paragraphs too; the site says nothing of it, so the
// Heading's text alignment, which became a block support in the same
// release (@wordpress/block-editor 15.11 with block-library 9.38), stands
// for it. A plugin that gave headings that support on an older WordPress
// would make wpsync write anchors there in today's form: the editor keeps
// them (its parser reads the id), but rewrites the comment on the next
// save.
//
// Checked against the block types of WordPress 6.1 (none of today's
// markup), 6.5 (the heading class only), and @wordpress/block-library 11
// (all four); 6.6 to 6.9 from their block.json files.
func markupOf(types []BlockType) markdown.Markup {
	var m markdown.Markup
	// A site that lists its block types without core/details has no
	// Details block (before WordPress 6.3).
	m.NoDetails = len(types) > 0
	m.NoFootnotes = len(types) > 0 // likewise core/footnotes (6.3)
	m.NoMath = len(types) > 0      // and core/math (6.9)
	for _, t := range types {
		switch t.Name {
		case "core/details":
			m.NoDetails = false
		case "core/footnotes":
			m.NoFootnotes = false
		case "core/math":
			m.NoMath = false
		case "merpress/mermaidjs":
			// MerPress, a plugin that draws Mermaid diagrams: a
			// ```mermaid block is then its block (markdown/mermaid.go).
			m.MerPress = true
		case "core/heading":
			m.PlainHeadings = t.Supports["className"] == false
			// Text alignment became a block support in the same release
			// that keeps anchors in the block comment.
			typography, _ := t.Supports["typography"].(map[string]any)
			m.AnchorsFromID = typography["textAlign"] != true
		case "core/list":
			m.PlainLists = t.Supports["className"] == false
		case "core/image":
			if a, ok := t.Attributes["width"]; ok {
				m.NumericImageSizes = a["type"] == "number"
			}
		case "core/table":
			if a, ok := t.Attributes["hasFixedLayout"]; ok {
				m.FlexibleTables = a["default"] != true
			}
		}
	}
	return m
}

// markupFields are the block type fields markupOf reads.
var markupFields = []string{"supports.className", "supports.typography.textAlign", "attributes.hasFixedLayout", "attributes.width"}

// markupKey names the markup in the options key (see optionsKey), so that
// when it changes, every file is read and rendered again.
func markupKey(m markdown.Markup) string { return " markup=" + m.String() }

// markupFromKey returns the markup an options key names: what the site
// asked for when the state was last saved. Without one (a state from an
// earlier version, or none), today's.
func markupFromKey(key string) markdown.Markup {
	_, after, ok := strings.Cut(key, " markup=")
	if !ok {
		return markdown.Markup{}
	}
	v, _, _ := strings.Cut(after, " ")
	return markdown.ParseMarkup(v)
}

// SiteMarkup asks the site which block markup its editor saves (see
// checkMarkup): today's when the site refuses to tell (a 4xx); an
// error when the answer was lost.
func SiteMarkup(ctx context.Context, pub Publisher) (markdown.Markup, error) {
	types, err := pub.BlockTypes(ctx, markupFields...)
	if err != nil && !definitelyFailed(err) {
		return markdown.Markup{}, fmt.Errorf("cannot reach WordPress to read its block types, which say the block markup its editor saves: %w", err)
	}
	return markupOf(types), nil // today's when refused
}

// checkMarkup asks the site, once per connection, which block markup its
// editor saves, so that what a run sends opens in that editor without a
// block migrated. Files are rendered before the site is asked (a run with
// nothing to send sends no request), in the markup the state recorded; when
// the site now wants another, the files of this run are rendered again, and
// every other tracked file is marked to be read again by the next run,
// which then updates it.
//
// A site that refuses to list its block types (WordPress before 5.5 has no
// such route; a user without edit_posts may not read it) gets today's
// markup, which the editor of a newer WordPress keeps unchanged. When the
// answer is lost (a time-out, a 5xx after the retries), nothing is written
// in a markup that may be wrong — on WordPress 6.1 today's headings are
// invalid blocks —: the run ends as when the site cannot be reached.
func (s *Syncer) checkMarkup(ctx context.Context, report *Report, pending []*job) ([]*job, error) {
	if s.markupChecked {
		return pending, nil
	}
	m, err := SiteMarkup(ctx, s.pub)
	if err != nil {
		return pending, &FatalError{Err: err}
	}
	s.markupChecked = true
	if m == s.markup {
		return pending, nil
	}
	s.markup = m
	kept := pending[:0]
	again := map[string]bool{}
	for _, j := range pending {
		again[j.path] = true
		if j.ext == nil || j.ext.src == nil {
			kept = append(kept, j)
			continue
		}
		if err := s.rerender(j); err != nil {
			j.item = failedItem(j.item, fmt.Errorf("%s: %w", j.path, err))
			s.finish(report, j)
			continue
		}
		if e := j.entry; e != nil && e.Hash == j.hash {
			// Rendered in the site's markup, it is what the site has
			// (a state file from before wpsync knew markups).
			j.op = ""
			j.item.Action, j.item.ID, j.item.Link = ActionUnchanged, e.ID, e.Link
			s.keep(j, e)
			s.finish(report, j)
			continue
		}
		kept = append(kept, j)
	}
	s.decide(decision{markup: again}) // record.go
	return kept, nil
}
