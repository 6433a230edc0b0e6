package wpfake

// blockTypes are answers of /wp/v2/block-types?_fields=name,
// supports.className,supports.typography.textAlign,attributes.hasFixedLayout,
// attributes.width
// as real sites give them, for the block types whose saved markup changed
// between versions (PHP writes an empty object as []).
var blockTypes = map[string]string{
	"6.1":    `[{"name":"core/image","attributes":{"width":{"type":"number"}}},{"name":"core/heading","supports":{"className":false,"typography":[]}},{"name":"core/list","supports":{"className":false}},{"name":"core/table","attributes":{"hasFixedLayout":{"type":"boolean","default":false}}}]`,
	"6.5":    `[{"name":"core/details"},{"name":"core/footnotes"},{"name":"core/image","attributes":{"width":{"type":"string"}}},{"name":"core/heading","supports":{"className":true,"typography":[]}},{"name":"core/list","supports":{"className":false}},{"name":"core/table","attributes":{"hasFixedLayout":{"type":"boolean","default":false}}}]`,
	"6.9":    `[{"name":"core/details"},{"name":"core/math"},{"name":"core/footnotes"},{"name":"core/image","attributes":{"width":{"type":"string"}}},{"name":"core/heading","supports":{"className":true,"typography":[]}},{"name":"core/list"},{"name":"core/table","attributes":{"hasFixedLayout":{"type":"boolean","default":true}}}]`,
	"latest": `[{"name":"core/details"},{"name":"core/math"},{"name":"core/footnotes"},{"name":"core/image","attributes":{"width":{"type":"string"}}},{"name":"core/heading","supports":{"className":true,"typography":{"textAlign":true}}},{"name":"core/list"},{"name":"core/table","attributes":{"hasFixedLayout":{"type":"boolean","default":true}}}]`,
}

// BlockTypesOf returns the block types of a WordPress version, for
// Options.BlockTypes: "6.1", "6.5", "6.9", or "latest" (today's block
// editor, whose Heading supports textAlign). It mirrors what those
// versions' /wp/v2/block-types says about the Heading, List and Table
// blocks, which is what sync reads the site's markup from; other block
// types are left out. It panics on a version it does not know.
func BlockTypesOf(version string) []byte {
	b, ok := blockTypes[version]
	if !ok {
		panic("wpfake: no block types of WordPress " + version)
	}
	return []byte(b)
}

// SetBlockTypes changes what /wp/v2/block-types answers with (see
// Options.BlockTypes), as an upgrade of WordPress, or of the Gutenberg
// plugin, changes the blocks the editor registers.
func (s *Server) SetBlockTypes(types []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.opts.BlockTypes = types
}
