package sync

import (
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/wpsync/wpsync/markdown"
)

// IsHidden reports whether a file or folder name never takes part in a sync
// (nor in a watch): dot files and folders, which include .wpsync, .git and
// editors' swap files. Which files are Markdown is markdown.IsMarkdownPath.
func IsHidden(name string) bool {
	return strings.HasPrefix(name, ".") && name != "." && name != ".."
}

// Excluded reports whether rel (slash-separated, relative to the synced
// folder) never takes part in a sync, nor in a watch: a part of it is
// hidden (IsHidden) or an ignore glob matches it (Ignored).
func Excluded(rel string, ignore []string) bool {
	for part := range strings.SplitSeq(rel, "/") {
		if IsHidden(part) {
			return true
		}
	}
	return Ignored(rel, ignore)
}

// Ignored reports whether rel (slash-separated, relative to the synced
// folder) matches one of the ignore globs. A glob without a slash matches a
// file or folder name at any depth (`drafts`, `*.tmp.md`), so everything
// under an ignored folder is ignored too; one with a slash matches the path
// from the top (`notes/*.md`).
func Ignored(rel string, globs []string) bool {
	parts := strings.Split(rel, "/")
	for _, g := range globs {
		g = strings.TrimSuffix(g, "/")
		if strings.Contains(g, "/") {
			if ok, _ := path.Match(strings.TrimPrefix(g, "/"), rel); ok {
				return true
			}
			continue
		}
		for _, part := range parts {
			if ok, _ := path.Match(g, part); ok {
				return true
			}
		}
	}
	return false
}

// ValidateGlobs checks ignore patterns once, so a typo is an error up front
// instead of a pattern that silently never matches.
func ValidateGlobs(globs []string) error {
	for _, g := range globs {
		if _, err := path.Match(g, ""); err != nil {
			return fmt.Errorf("ignore pattern %q: %w", g, err)
		}
	}
	return nil
}

// Scan lists the Markdown files under dir that take part in a sync, as
// slash-separated paths relative to dir, sorted. Hidden files and folders
// (.git, .wpsync, editor files) and ignored paths are skipped. Symbolic links
// are not followed, so a link loop cannot hang a run.
func Scan(dir string, ignore []string) ([]string, error) {
	return ScanPruned(dir, ignore, nil)
}

// ScanPruned is Scan that also leaves out the folders prune names (slash
// paths relative to dir): those of a site that hold none of its pages, such
// as a Hugo theme (site.Site.Prune).
func ScanPruned(dir string, ignore []string, prune func(rel string) bool) ([]string, error) {
	return ScanFiles(dir, ignore, prune, false)
}

// ScanFiles is ScanPruned that also lists MDX files (.mdx) when mdx is set:
// those of a site whose generator reads them (site.ReadsMDX).
func ScanFiles(dir string, ignore []string, prune func(rel string) bool, mdx bool) ([]string, error) {
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == dir {
				return err
			}
			// An unreadable folder should not end the run for the others.
			return fs.SkipDir
		}
		if p == dir {
			return nil
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if IsHidden(d.Name()) || Ignored(rel, ignore) || d.IsDir() && prune != nil && prune(rel) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.Type().IsRegular() && (markdown.IsMarkdownPath(d.Name()) || mdx && markdown.IsMDXPath(d.Name())) {
			files = append(files, rel)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("scan %s: %w", dir, err)
	}
	sort.Strings(files)
	return files, nil
}
