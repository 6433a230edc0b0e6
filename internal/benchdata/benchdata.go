// Package benchdata holds the posts the throughput benchmarks run on, so
// that the Go benchmark in package markdown and the bench command
// (internal/bench) measure the same files.
package benchdata

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
)

// File is one Markdown file, front matter included.
type File struct {
	Name string // relative to the synced folder, with forward slashes
	Src  []byte
}

// Post returns the i-th generated post named after prefix: front matter,
// headings, a list, code, a table, a shortcode and a footnote.
func Post(prefix string, i int) []byte {
	return fmt.Appendf(nil, `---
title: "%s post %d"
date: 2025-01-%02dT10:00:00
---
Paragraph one of post %d, with *emphasis*, **strong text**, a [link](https://example.com/%d)
and a soft line break in the middle of it.

## A section

- first item
- second item with `+"`code`"+`
- third item

`+"```go\nfunc main() { fmt.Println(%d) }\n```"+`

| a | b |
|---|---|
| %d | %d |

Closing paragraph with a shortcode [gallery ids="1,2"] and a footnote.[^1]

[^1]: The footnote.
`, prefix, i, i%28+1, i, i, i, i, i*2)
}

// Files returns the Markdown files under sampleDir (the repository's
// sample-content; none when it is missing) but its README.md, followed by n
// generated posts.
func Files(sampleDir string, n int) ([]File, error) {
	var files []File
	err := filepath.WalkDir(sampleDir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		// README.md describes the folder; its wpsync.yaml ignores it.
		if ext := filepath.Ext(p); ext != ".md" && ext != ".markdown" || d.Name() == "README.md" {
			return nil
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(sampleDir, p)
		if err != nil {
			return err
		}
		files = append(files, File{Name: filepath.ToSlash(rel), Src: src})
		return nil
	})
	if err != nil && !os.IsNotExist(err) {
		return nil, err
	}
	sort.Slice(files, func(a, b int) bool { return files[a].Name < files[b].Name })
	for i := range n {
		files = append(files, File{Name: fmt.Sprintf("posts/gen-%04d.md", i), Src: Post("gen", i)})
	}
	return files, nil
}
