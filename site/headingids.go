package site

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/wpsync/wpsync/markdown"
)

// The ids each generator gives headings (markdown.HeadingIDs), read from
// the site's configuration with the generator's defaults.

// hugoHeadingIDs reads Hugo's markup.goldmark.parser: autoHeadingID
// (default true) and autoHeadingIDType (github, github-ascii or
// blackfriday; default github), from the configuration's [markup] or a
// markup.toml (.yaml, .yml, .json) beside it in a configuration folder.
// A site whose Markdown handler is not goldmark gets none. file is the
// markup file read, "" when none.
func hugoHeadingIDs(dir, name string, m map[string]any) (ids markdown.HeadingIDs, file string) {
	markup, _ := lookup(m, "markup")
	mm, _ := markup.(map[string]any)
	if mm == nil && path.Dir(name) != "." {
		for _, ext := range []string{".toml", ".yaml", ".yml", ".json"} {
			f := path.Join(path.Dir(name), "markup"+ext)
			raw, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(f)))
			if err != nil {
				continue
			}
			if mm, err = decode(f, raw); err == nil {
				file = f
			}
			break
		}
	}
	if h := str(mm, "defaultMarkdownHandler"); h != "" && !strings.EqualFold(h, "goldmark") {
		return markdown.HeadingIDs{}, file
	}
	gm, _ := lookup(mm, "goldmark")
	gmm, _ := gm.(map[string]any)
	p, _ := lookup(gmm, "parser")
	pm, _ := p.(map[string]any)
	if on, ok := lookupBool(pm, "autoHeadingID"); ok && !on {
		return markdown.HeadingIDs{}, file
	}
	switch strings.ToLower(str(pm, "autoHeadingIDType")) {
	case "github-ascii":
		return markdown.HeadingIDs{Style: markdown.IDsGitHubASCII}, file
	case "blackfriday":
		return markdown.HeadingIDs{Style: markdown.IDsBlackfriday}, file
	}
	return markdown.HeadingIDs{Style: markdown.IDsGitHub}, file
}

// jekyllHeadingIDs reads Jekyll's markdown (default kramdown; another
// converter, CommonMark, gives no ids) and its kramdown table: auto_ids
// (default true), input (default GFM, whose ids are GitHub's; kramdown's
// own for input: kramdown), auto_id_prefix and, for kramdown's own
// input, auto_id_stripping.
func jekyllHeadingIDs(m map[string]any) markdown.HeadingIDs {
	if md := str(m, "markdown"); md != "" && !strings.EqualFold(md, "kramdown") {
		return markdown.HeadingIDs{}
	}
	k, _ := lookup(m, "kramdown")
	km, _ := k.(map[string]any)
	if on, ok := lookupBool(km, "auto_ids"); ok && !on {
		return markdown.HeadingIDs{}
	}
	ids := markdown.HeadingIDs{Style: markdown.IDsKramdownGFM, Prefix: str(km, "auto_id_prefix")}
	if in := str(km, "input"); in != "" && !strings.EqualFold(in, "GFM") {
		ids.Style = markdown.IDsKramdown
		if strip, _ := lookupBool(km, "auto_id_stripping"); strip {
			ids.Style = markdown.IDsKramdownStripped
		}
	}
	return ids
}

// zolaHeadingIDs reads Zola's [slugify] anchors: "on" (the default) makes
// slugs of headings, "safe" and "off" keep their text.
func zolaHeadingIDs(m map[string]any) markdown.HeadingIDs {
	s, _ := lookup(m, "slugify")
	sm, _ := s.(map[string]any)
	switch strings.ToLower(str(sm, "anchors")) {
	case "safe", "off":
		return markdown.HeadingIDs{Style: markdown.IDsZolaSafe}
	}
	return markdown.HeadingIDs{Style: markdown.IDsZola}
}

// hexoHeadingIDs reads hexo-renderer-marked's options under marked:
// headerIds (default true) and modifyAnchors (0 keeps the case, 1 lower-
// cases, 2 upper-cases; default 0).
func hexoHeadingIDs(m map[string]any) markdown.HeadingIDs {
	marked, _ := m["marked"].(map[string]any)
	if on, ok := lookupBool(marked, "headerIds"); ok && !on {
		return markdown.HeadingIDs{}
	}
	switch fmt.Sprint(marked["modifyAnchors"]) {
	case "1":
		return markdown.HeadingIDs{Style: markdown.IDsHexoLower}
	case "2":
		return markdown.HeadingIDs{Style: markdown.IDsHexoUpper}
	}
	return markdown.HeadingIDs{Style: markdown.IDsHexo}
}

// Astro gives every heading of a Markdown or MDX file an id (its
// rehypeHeadingIds, which no option turns off): markdown.IDsAstro.
// Docusaurus gives every heading one (its remark headings plugin):
// markdown.IDsGitHubSlugger, an explicit {#id} first. Eleventy's
// markdown-it gives none unless the site adds markdown-it-anchor, whose
// options live in its JavaScript: none.
// A plain folder's headings get the ids GitHub gives them where it shows
// the folder's Markdown (lower-cased, punctuation but - and _ dropped,
// spaces to -, repeats -1, -2…): Hugo's github style, the same algorithm.
var (
	plainHeadingIDs      = markdown.HeadingIDs{Style: markdown.IDsGitHubSlugger}
	astroHeadingIDs      = markdown.HeadingIDs{Style: markdown.IDsAstro}
	docusaurusHeadingIDs = markdown.HeadingIDs{Style: markdown.IDsGitHubSlugger}
)
