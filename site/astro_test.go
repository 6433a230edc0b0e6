package site

import (
	"slices"
	"strings"
	"testing"
)

// TestAstro reads an Astro site as Astro documents it: the collections of
// src/content.config.ts (a glob loader with a pattern and base, another
// collection by the legacy folder, one of another loader), the route of
// src/pages/posts/[...slug].astro for the blog collection, Markdown pages
// of src/pages, the entries' ids and slugs, heroImage and MDX.
func TestAstro(t *testing.T) {
	root := tree(t, map[string]string{
		"astro.config.mjs": "import { defineConfig } from 'astro/config';\nexport default defineConfig({\n  site: 'https://example.com',\n  integrations: [mdx()],\n});\n",
		"src/content.config.ts": `import { defineCollection, z } from 'astro:content';
import { glob, file } from 'astro/loaders';

const blog = defineCollection({
	loader: glob({ base: './src/content/blog', pattern: '**/*.{md,mdx}' }),
	schema: ({ image }) => z.object({ title: z.string(), pubDate: z.coerce.date() }),
});
const guides = defineCollection({
	loader: glob({ pattern: "**/[^_]*.(md|mdx)", base: "./src/data/guides" }),
});
const authors = defineCollection({ loader: file("src/data/authors.json") });
const legacy = defineCollection({ type: 'content' });

export const collections = { blog, 'guides': guides, authors, legacy };
`,
		"src/pages/posts/[...slug].astro":  "---\nconst posts = await getCollection('blog');\n---\n",
		"src/content/blog/First Post.md":   "---\ntitle: a\n---\nx",
		"src/content/blog/b.mdx":           "---\ntitle: b\nslug: bee\nheroImage: ./b.jpg\n---\nx",
		"src/content/blog/folder/index.md": "---\ntitle: c\n---\nx",
		"src/data/guides/start.md":         "x",
		"src/data/guides/_skip.md":         "x",
		"src/content/legacy/old.md":        "x",
		"src/content/legacy/_partial.md":   "x",
		"src/pages/about.md":               "---\nlayout: ../layouts/A.astro\n---\nx",
		"src/pages/_hidden.md":             "x",
		"README.md":                        "x",
	})
	s, err := Detect(root, nil)
	if err != nil {
		t.Fatal(err)
	}
	if s.Generator() != "astro" || s.Config() != "astro.config.mjs" {
		t.Fatalf("generator %s (%s)", s.Generator(), s.Config())
	}
	if !ReadsMDX(s) {
		t.Error("ReadsMDX: false")
	}
	for _, tt := range []struct {
		rel, skip, typ, addr string
		fm                   map[string]any
	}{
		{"src/content/blog/First Post.md", "", "", "/posts/first-post/", nil},
		{"src/content/blog/b.mdx", "", "", "/posts/bee/", map[string]any{"slug": "bee"}},
		{"src/content/blog/folder/index.md", "", "", "/posts/folder/", nil},
		{"src/data/guides/start.md", "", "page", "/guides/start/", nil},
		{"src/data/guides/_skip.md", "not an entry", "", "", nil},
		{"src/content/legacy/old.md", "", "page", "/legacy/old/", nil},
		{"src/content/legacy/_partial.md", "not an entry", "", "", nil},
		{"src/pages/about.md", "", "page", "/about/", nil},
		{"src/pages/_hidden.md", "starts with _", "", "", nil},
		{"README.md", "not an entry", "", "", nil},
	} {
		pg := s.Page(tt.rel)
		if tt.skip != "" {
			if !strings.Contains(pg.Skip, tt.skip) {
				t.Errorf("%s: skip %q, want %q", tt.rel, pg.Skip, tt.skip)
			}
			continue
		}
		if pg.Skip != "" {
			t.Errorf("%s: skipped: %s", tt.rel, pg.Skip)
			continue
		}
		if pg.Rules.Page != tt.typ {
			t.Errorf("%s: type %q, want %q", tt.rel, pg.Rules.Page, tt.typ)
		}
		if got := s.Address(tt.rel, tt.fm); got != tt.addr {
			t.Errorf("%s: address %q, want %q", tt.rel, got, tt.addr)
		}
		if mdx := strings.HasSuffix(tt.rel, ".mdx"); pg.Rules.MDX != mdx {
			t.Errorf("%s: MDX %v", tt.rel, pg.Rules.MDX)
		}
	}
	if got := s.Page("src/content/blog/b.mdx").Rules.FeaturedKeys; !slices.Equal(got, []string{"heroImage"}) {
		t.Errorf("heroImage: featured keys %v", got)
	}
	if !s.Reads("src/content.config.ts") || !s.Reads("src/pages/posts/[...slug].astro") || s.Reads("src/content/blog/b.mdx") {
		t.Error("Reads: the configurations and routes, not the entries")
	}
}

// TestAstro_Starlight: Starlight's docs collection (docsLoader) is
// src/content/docs, its pages at the site's root.
func TestAstro_Starlight(t *testing.T) {
	root := tree(t, map[string]string{
		"astro.config.mjs":                   "export default defineConfig({ integrations: [starlight({ title: 'Docs' })] });\n",
		"src/content.config.ts":              "import { docsLoader } from '@astrojs/starlight/loaders';\nimport { docsSchema } from '@astrojs/starlight/schema';\nexport const collections = {\n\tdocs: defineCollection({ loader: docsLoader(), schema: docsSchema() }),\n};\n",
		"src/content/docs/index.mdx":         "x",
		"src/content/docs/guides/example.md": "x",
		"src/content/docs/_draft.md":         "x",
	})
	s, err := Detect(root, nil)
	if err != nil {
		t.Fatal(err)
	}
	for rel, want := range map[string]string{"src/content/docs/index.mdx": "/", "src/content/docs/guides/example.md": "/guides/example/"} {
		if pg := s.Page(rel); pg.Skip != "" || pg.Rules.Page != "page" {
			t.Errorf("%s: skip %q, type %q", rel, pg.Skip, pg.Rules.Page)
		}
		if got := s.Address(rel, nil); got != want {
			t.Errorf("%s: address %q, want %q", rel, got, want)
		}
	}
	if pg := s.Page("src/content/docs/_draft.md"); pg.Skip == "" {
		t.Error("_draft.md: an entry")
	}
}

// TestAstro_Detect: by package.json's dependency, not by another's; a
// plain folder lists no .mdx.
func TestAstro_Detect(t *testing.T) {
	for _, tt := range []struct {
		files map[string]string
		gen   string
	}{
		{map[string]string{"package.json": `{"dependencies": {"astro": "^5.0.0"}}`, "src/content/blog/a.md": "x"}, "astro"},
		{map[string]string{"package.json": `{"devDependencies": {"astro": "^4.0.0"}}`}, "astro"},
		{map[string]string{"package.json": `{"dependencies": {"react": "^18"}}`}, "plain"},
	} {
		s, err := Detect(tree(t, tt.files), nil)
		if err != nil {
			t.Fatal(err)
		}
		if s.Generator() != tt.gen {
			t.Errorf("%v: %s, want %s", tt.files, s.Generator(), tt.gen)
		}
		if ReadsMDX(s) != (tt.gen == "astro") {
			t.Errorf("%v: ReadsMDX %v", tt.files, ReadsMDX(s))
		}
	}
}
