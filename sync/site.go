package sync

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/wpsync/wpsync/internal/config"
	"github.com/wpsync/wpsync/markdown"
)

// The site's generator (package site) decides which files are pages: the
// pre-read half is in prepare (Options.Site.Page), the judgement of a
// parsed file here.

// notAPage marks j skipped when the generator renders no page for doc,
// and adds the warnings that depend on the site. It reports whether j was
// skipped.
func (s *Syncer) notAPage(j *job, doc *markdown.Document) bool {
	if reason := s.opts.Generator.Rendered(j.path, doc); reason != "" {
		j.skip = true
		j.warn = append(j.warn, "not a page: "+reason)
		return true
	}
	j.page.NoDate = doc.NoDate
	return false
}

// warnUndated says once per run which new posts have no date: WordPress
// dates them at their first publication and keeps that date, so a blog
// whose dates the generator reads from somewhere wpsync does not would
// otherwise end up all on one day without a word. Pages are left out: no
// listing orders them by date.
func (s *Syncer) warnUndated(report *Report, jobs []*job) {
	var names []string
	for _, j := range jobs {
		if j.page.NoDate && j.item.Action == ActionCreate && j.post.Type != "pages" {
			names = append(names, j.path)
		}
	}
	if len(names) == 0 {
		return
	}
	sort.Strings(names)
	list := strings.Join(names, ", ")
	if len(names) > 5 {
		list = strings.Join(names[:5], ", ") + fmt.Sprintf(" and %d more", len(names)-5)
	}
	report.Warnings = append(report.Warnings, fmt.Sprintf("%d new post(s) have no date (no front matter date or YYYY-MM-DD- file name): WordPress dates them now and keeps that date; add date: YYYY-MM-DD to the front matter of each (the next sync sends it): %s", len(names), list))
}

// warnUnadapted says once per run that the folder is written for a
// generator wpsync has no adapter for (site.Unadapted), with how many of
// the files read show its source to readers: never silently a plain
// folder. A plain folder whose notes are full of wikilinks and embeds
// that package site did not recognise as a vault (it reads a sample of
// the notes) is taken for one.
func (s *Syncer) warnUnadapted(report *Report, jobs []*job) {
	shown, obsidian, read := 0, 0, 0
	for _, j := range jobs {
		if j.cached || j.skip || j.missing {
			continue
		}
		read++
		if len(j.shown) > 0 {
			shown++
		}
		if slices.ContainsFunc(j.shown, func(l markdown.Leftover) bool {
			return l.Construct == "Obsidian wikilink" || l.Construct == "Obsidian embed"
		}) {
			obsidian++
		}
	}
	var msg string
	switch u := s.opts.Generator.Unadapted(); {
	case u != nil:
		msg = u.String()
	case s.opts.Generator.Config() == "" && s.opts.Generator.Generator() != "obsidian" && obsidian >= 2 && 2*obsidian >= read:
		msg = fmt.Sprintf("an Obsidian vault (%d of %d notes read use [[…]] links or ![[…]] embeds): the folder was not recognised as one and is read as plain Markdown, so its wikilinks, embeds and callouts reach readers as written (generator: obsidian in %s reads it as a vault)", obsidian, read, config.FileName)
	default:
		return
	}
	if shown > 0 {
		msg += fmt.Sprintf("; %d file(s) show source syntax to readers (see their warnings)", shown)
	}
	report.Warnings = append(report.Warnings, msg)
}

// siteKey is the part of optionsKey that the site's configuration makes:
// "" for a plain folder without cascades, so that existing state files stay
// valid.
func (s *Syncer) siteKey() string {
	if k := s.opts.Generator.Key(); k != "" {
		return " site=" + k
	}
	return ""
}

// checkTemplates leaves out a template the site does not offer, with a
// warning naming the file, line and value: another generator's template
// (Zola's, Hugo's) fails a post if sent. WordPress accepts a post's current
// template even when the theme no longer offers it, so an update keeps
// what the post has.
func (s *Syncer) checkTemplates(ctx context.Context, jobs []*job) {
	for _, j := range jobs {
		if j.post.Template == "" || j.existing != nil && j.existing.Template == j.post.Template {
			continue
		}
		if s.x.templates == nil {
			s.x.templates = &siteTemplates{}
			s.x.templates.slugs, s.x.templates.known, _ = s.pub.PageTemplates(ctx)
		}
		tp := s.x.templates
		if !tp.known || slices.Contains(tp.slugs, j.post.Template) {
			continue // a classic theme's templates are not listed by the REST API: sent as written
		}
		offered := "none"
		if len(tp.slugs) > 0 {
			offered = strings.Join(tp.slugs, ", ")
		}
		j.item.Warnings = append(j.item.Warnings, fmt.Sprintf("line %d: template: %q is not a page template of the site (it offers %s): not sent", j.ext.templateLine, j.post.Template, offered))
		j.post.Template = ""
		s.rehash(j)
	}
}

// siteTemplates is what PageTemplates answered, once per Syncer.
type siteTemplates struct {
	slugs []string
	known bool
}
