package sync

import (
	"slices"

	sitegen "github.com/wpsync/wpsync/site"
)

// siteFiles lists the Markdown files of the folder that take part in a
// run, as the site's generator has them: its pruned folders and the files
// it leaves out as another site's (site.Page.Left: another language's,
// named once in the run's warnings by site.Site.Notes) are not listed.
func (s *Syncer) siteFiles() ([]string, error) {
	gen := s.opts.Generator
	files, err := ScanFiles(s.opts.Dir, s.opts.Ignore, gen.Prune, sitegen.ReadsMDX(gen))
	if err != nil {
		return nil, err
	}
	return slices.DeleteFunc(files, func(f string) bool { return gen.Page(f).Left }), nil
}
