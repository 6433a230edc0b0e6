package sync

import (
	"encoding/json"
	"testing"

	"github.com/wpsync/wpsync/internal/wpfake"
	"github.com/wpsync/wpsync/markdown"
)

// blockTypes are the block types of a WordPress version as the client
// reads them (PHP writes an empty object as []; the client turns that into
// nil).
func blockTypes(t *testing.T, version string) []BlockType {
	t.Helper()
	var types []BlockType
	if err := json.Unmarshal(wpfake.BlockTypesOf(version), &types); err != nil {
		t.Fatal(err)
	}
	return types
}

func TestMarkupOf(t *testing.T) {
	tests := []struct {
		version string
		want    markdown.Markup
	}{
		{"6.1", markdown.MarkupWP61},
		{"6.5", markdown.Markup{PlainLists: true, FlexibleTables: true, AnchorsFromID: true, NoMath: true}},
		{"6.9", markdown.Markup{AnchorsFromID: true}},
		{"latest", markdown.Markup{}},
		{"none", markdown.Markup{}}, // a site that describes none: today's
	}
	for _, tt := range tests {
		t.Run(tt.version, func(t *testing.T) {
			var types []BlockType
			if tt.version != "none" {
				types = blockTypes(t, tt.version)
			}
			if got := markupOf(types); got != tt.want {
				t.Errorf("markupOf = %+v, want %+v", got, tt.want)
			}
		})
	}
	// A plugin's block type among them: MerPress's Mermaid block.
	withMerPress := append(blockTypes(t, "6.1"), BlockType{Name: "merpress/mermaidjs"})
	if got, want := markupOf(withMerPress), (markdown.Markup{PlainHeadings: true, PlainLists: true, FlexibleTables: true, AnchorsFromID: true, NumericImageSizes: true, NoDetails: true, NoFootnotes: true, NoMath: true, MerPress: true}); got != want {
		t.Errorf("markupOf with MerPress = %+v, want %+v", got, want)
	}
	for _, m := range []markdown.Markup{{}, markdown.MarkupWP61, {PlainLists: true}, {MerPress: true}} {
		key := "v3 status=publish format=" + markupKey(m)
		if got := markupFromKey(key); got != m {
			t.Errorf("markupFromKey(%q) = %+v, want %+v", key, got, m)
		}
	}
}
