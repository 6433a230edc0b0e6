package sync

import (
	"context"
	"fmt"
	"strings"
)

// CapabilityError is a file that needs more than the user may do. It is
// found before any request for the file: WordPress would refuse the write
// with a message that names neither (an Author's page comes back as
// "400 rest_invalid_param: Status is forbidden").
type CapabilityError struct {
	Path       string
	Capability string // WordPress's name: publish_pages, upload_files, …
	What       string // what the file needs it for, for people
	Fix        string
}

func (e *CapabilityError) Error() string {
	return fmt.Sprintf("%s: the user may not %s (WordPress capability %s): %s", e.Path, e.What, e.Capability, e.Fix)
}

// roleFix is what to do about a missing capability in general.
const roleFix = "give the user a role that has it (Editor or Administrator)"

// checkCapabilities fails the files that need a capability the user lacks
// and returns the others. A site that does not list capabilities (every
// role has "read") is left to answer each write itself. Custom post types
// have capabilities of their own, so only posts and pages are judged; what
// kses strips for a user without unfiltered_html is warned after the write
// (write.go), as the post is still published.
func (s *Syncer) checkCapabilities(ctx context.Context, report *Report, jobs []*job) []*job {
	caps := map[string]bool{}
	for _, name := range []string{"read", "edit_posts", "publish_posts", "edit_pages", "publish_pages", "upload_files", "manage_categories"} {
		can, err := s.pub.Can(ctx, name)
		if err != nil {
			return jobs
		}
		caps[name] = can
	}
	if !caps["read"] {
		return jobs
	}
	kept := jobs[:0]
	for _, j := range jobs {
		if err := s.capable(ctx, caps, j); err != nil {
			j.item = failedItem(j.item, err)
			s.finish(report, j)
			continue
		}
		kept = append(kept, j)
	}
	return kept
}

// capable returns the first capability j needs that caps lacks, as an error.
func (s *Syncer) capable(ctx context.Context, caps map[string]bool, j *job) error {
	missing := func(capability, what, fix string) error {
		if caps[capability] {
			return nil
		}
		return &CapabilityError{Path: j.path, Capability: capability, What: what, Fix: fix}
	}
	// WordPress asks the publish capability for every status it shows to
	// readers: publish, future (published later) and private.
	published := j.post.Status == "publish" || j.post.Status == "future" || j.post.Status == "private"
	statusFix := roleFix + ", or give the file status: pending so that an editor publishes it"
	var checks []error
	switch j.post.Type {
	case "posts":
		checks = append(checks, missing("edit_posts", "write posts", roleFix))
		if published {
			checks = append(checks, missing("publish_posts", "publish posts (status "+j.post.Status+")", statusFix))
		}
	case "pages":
		checks = append(checks, missing("edit_pages", "write pages", roleFix))
		if published {
			checks = append(checks, missing("publish_pages", "publish pages (status "+j.post.Status+")", statusFix))
		}
	}
	if j.ext != nil && len(j.ext.uploads) > 0 {
		checks = append(checks, missing("upload_files", "upload files ("+strings.Join(sortedKeys(j.ext.uploads), ", ")+")", roleFix+", or upload them in WordPress first"))
	}
	for _, err := range checks {
		if err != nil {
			return err
		}
	}
	if !caps["manage_categories"] && len(j.cats) > 0 {
		idx, err := s.termIndex(ctx, "categories")
		if err != nil {
			return nil // the write will tell
		}
		for _, name := range j.cats {
			if termKey(name) != "" && !categoryExists(idx, name, !j.wholeTerms) {
				return &CapabilityError{Path: j.path, Capability: "manage_categories", What: fmt.Sprintf("create the category %q", strings.TrimSpace(name)),
					Fix: "create it in WordPress (Posts → Categories), or " + roleFix}
			}
		}
	}
	return nil
}

// categoryExists reports whether the site has the category a file names: a
// name, or a Parent/Child path each part of which is a category under the
// one before it (as categoryPath finds them), so that a user who may not
// create categories is told before any request, not refused by WordPress.
// Without paths, a name with "/" is one category (markdown's WholeTerms).
func categoryExists(idx *termIndex, name string, paths bool) bool {
	if idx.byName[termKey(name)].ID != 0 {
		return true
	}
	if !paths || !strings.Contains(name, "/") {
		return false
	}
	parent := 0
	for _, part := range strings.Split(name, "/") {
		if part = strings.TrimSpace(part); part == "" {
			continue
		}
		found := false
		for _, c := range idx.all {
			if c.Parent == parent && termKey(c.Name) == termKey(part) {
				parent, found = c.ID, true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}
